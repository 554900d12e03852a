// Alerts: open, acknowledged and resolved, filtered by rule and SKU; analysts acknowledge and resolve.
//
// Alerts are raised by a background run, not by anything done in this browser, so a list cached earlier (the
// Dashboard's open alerts, the same query) may be out of date however fresh it looks: the page always asks
// again when it opens, when the window regains focus and every minute while open, and it says "No ... alerts"
// only from an answer it received itself, never from the cache it opened with.
import { useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import { ALERT_STATUSES, ALERTS_POLL_MS, alertsQuery, type AlertStatus } from "../api/alerts";
import type { Alert } from "../api/types";
import { useAuth } from "../auth/AuthContext";
import { can } from "../auth/session";
import { ErrorNote, Loading, Empty } from "../components/Status";
import { AlertRulesForm, RULE_LABELS } from "../components/AlertRulesForm";

export function AlertsPage() {
  const { claims } = useAuth();
  const [status, setStatus] = useState<AlertStatus>("open");
  const [rule, setRule] = useState("");
  const [sku, setSku] = useState("");
  const queryClient = useQueryClient();
  const alerts = useQuery({
    ...alertsQuery(status),
    refetchOnMount: "always",
    refetchOnWindowFocus: true,
    refetchInterval: ALERTS_POLL_MS,
  });
  // what this page itself received (not the list it found in the cache when it opened)
  const current = alerts.isFetchedAfterMount;
  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: "acknowledge" | "resolve" }) =>
      api<Alert>(`/v1/alerts/${encodeURIComponent(id)}:${action}`, { method: "POST" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["alerts"] }),
  });
  const rules = useMemo(() => [...new Set((alerts.data?.items ?? []).map((a) => a.rule))].sort(), [alerts.data]);
  const shown = (alerts.data?.items ?? []).filter(
    (a) => (!rule || a.rule === rule) && (!sku || (a.sku ?? "").toLowerCase().includes(sku.toLowerCase())),
  );
  const canAct = can(claims?.role, "analyst");

  return (
    <section>
      <h1>Alerts</h1>
      <div className="filters">
        <div role="group" aria-label="Status">
          {ALERT_STATUSES.map((s) => (
            <button key={s} type="button" className={s === status ? "chip active" : "chip"} aria-pressed={s === status}
                    onClick={() => setStatus(s)}>{s}</button>
          ))}
        </div>
        <label className="inline">Rule
          <select value={rule} onChange={(e) => setRule(e.target.value)}>
            <option value="">all</option>
            {rules.map((r) => <option key={r} value={r}>{RULE_LABELS[r] ?? r}</option>)}
          </select>
        </label>
        <label className="inline">SKU
          <input type="search" value={sku} onChange={(e) => setSku(e.target.value)} />
        </label>
      </div>
      {alerts.isLoading ? <Loading /> : null}
      {!alerts.isLoading && !current && alerts.isFetching ? <Loading what="Checking for new alerts" /> : null}
      <ErrorNote error={alerts.error ?? act.error} />
      {current && alerts.data && !shown.length ? <Empty>No {status} alerts{rule || sku ? " match the filters" : ""}.</Empty> : null}
      <ul className="alerts">
        {shown.map((a) => (
          <li key={a.alert_id} className={`alert sev-${a.severity}`}>
            <div>
              <strong>{a.title}</strong>
              <p>{a.reason}</p>
              <p className="muted small">{a.rule}{a.sku ? ` · ${a.sku}` : ""} · {a.created_at.slice(0, 16).replace("T", " ")}</p>
            </div>
            {canAct && a.status !== "resolved" ? (
              <div className="actions">
                {a.status === "open" ? (
                  <button type="button" onClick={() => act.mutate({ id: a.alert_id, action: "acknowledge" })}>Acknowledge</button>
                ) : null}
                <button type="button" className="ghost" onClick={() => act.mutate({ id: a.alert_id, action: "resolve" })}>Resolve</button>
              </div>
            ) : null}
          </li>
        ))}
      </ul>
      <AlertRulesForm canEdit={can(claims?.role, "admin")} />
    </section>
  );
}
