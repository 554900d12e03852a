// Alerts: open, acknowledged and resolved, filtered by rule and SKU; analysts acknowledge and resolve.
import { useMemo, useState } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import type { Alert, AlertPage } from "../api/types";
import { useAuth } from "../auth/AuthContext";
import { can } from "../auth/session";
import { ErrorNote, Loading, Empty } from "../components/Status";
import { AlertRulesForm, RULE_LABELS } from "../components/AlertRulesForm";

const STATUSES = ["open", "acknowledged", "resolved"] as const;

export function AlertsPage() {
  const { claims } = useAuth();
  const [status, setStatus] = useState<(typeof STATUSES)[number]>("open");
  const [rule, setRule] = useState("");
  const [sku, setSku] = useState("");
  const queryClient = useQueryClient();
  const alerts = useQuery({ queryKey: ["alerts", status], queryFn: () => api<AlertPage>("/v1/alerts", { query: { status } }) });
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
          {STATUSES.map((s) => (
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
      <ErrorNote error={alerts.error ?? act.error} />
      {alerts.data && !shown.length ? <Empty>No {status} alerts{rule || sku ? " match the filters" : ""}.</Empty> : null}
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
