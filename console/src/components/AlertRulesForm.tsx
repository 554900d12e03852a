// The alert rules: which are on and their main thresholds. Everyone reads them; admins change them.
import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import type { AlertRules } from "../api/types";
import { ErrorNote, Loading } from "./Status";

export const RULE_LABELS: Record<string, string> = {
  competitor_undercut: "A competitor undercuts us",
  competitor_price_move: "A competitor moves its price",
  map_violation: "Price below MAP",
  stockout_risk: "Stockout risk",
  overstock: "Overstock",
  sentiment_drop: "Ratings drop",
  fake_review_spike: "Suspicious review spike",
  ingestion_failing: "Ingestion keeps failing",
  forecast_drift: "Forecast drifts",
};

const THRESHOLDS: { key: keyof AlertRules; label: string; step: number }[] = [
  { key: "undercut_pct", label: "Undercut by more than (%)", step: 0.5 },
  { key: "price_move_pct", label: "Competitor price move over (%)", step: 0.5 },
  { key: "overstock_days", label: "Overstock above (days of cover)", step: 1 },
  { key: "sentiment_drop_stars", label: "Rating drop of (stars)", step: 0.1 },
  { key: "daily_cap_per_rule", label: "Notifications per rule per day", step: 1 },
];

export function AlertRulesForm({ canEdit }: { canEdit: boolean }) {
  const queryClient = useQueryClient();
  const rules = useQuery({ queryKey: ["alert-rules"], queryFn: () => api<AlertRules>("/v1/alert-rules") });
  const [form, setForm] = useState<AlertRules | null>(null);
  useEffect(() => { if (rules.data) setForm(rules.data); }, [rules.data]);
  const save = useMutation({
    mutationFn: (r: AlertRules) => api<AlertRules>("/v1/alert-rules", { method: "PUT", body: r }),
    onSuccess: (r) => queryClient.setQueryData(["alert-rules"], r),
  });
  if (rules.isLoading || !form) return rules.error ? <ErrorNote error={rules.error} /> : <Loading />;
  const toggle = (name: string, on: boolean) =>
    setForm({ ...form, enabled: on ? [...form.enabled, name] : form.enabled.filter((n) => n !== name) });

  return (
    <details className="card rules">
      <summary><h2>Rule settings</h2></summary>
      <form onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(form); }}>
        <fieldset disabled={!canEdit}>
          <legend className="small muted">{canEdit ? "Checked rules raise alerts." : "Only an admin can change the rules."}</legend>
          <div className="rule-grid">
            {Object.entries(RULE_LABELS).map(([name, label]) => (
              <label key={name} className="inline">
                <input type="checkbox" checked={form.enabled.includes(name)} onChange={(e) => toggle(name, e.target.checked)} /> {label}
              </label>
            ))}
          </div>
          <div className="rule-grid">
            {THRESHOLDS.map((t) => (
              <label key={t.key}>{t.label}
                <input type="number" step={t.step} value={form[t.key] as number}
                       onChange={(e) => setForm({ ...form, [t.key]: Number(e.target.value) })} />
              </label>
            ))}
          </div>
          <ErrorNote error={save.error} />
          {canEdit ? <button type="submit" disabled={save.isPending}>{save.isSuccess ? "Saved" : "Save rules"}</button> : null}
        </fieldset>
      </form>
    </details>
  );
}
