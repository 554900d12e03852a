// How long each class of data is kept, and legal holds that suspend deletion (applied by the nightly retention run).
import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import type { RetentionPolicy } from "../api/types";
import { ErrorNote, Loading } from "./Status";

const CLASSES: { key: "raw" | "processed" | "reports"; label: string; field: "raw_days" | "processed_days" | "reports_days" }[] = [
  { key: "raw", label: "Raw files (days)", field: "raw_days" },
  { key: "processed", label: "Processed rows and rejects (days)", field: "processed_days" },
  { key: "reports", label: "Reports, alerts and answers (days)", field: "reports_days" },
];

export function RetentionForm() {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ["retention"], queryFn: () => api<RetentionPolicy>("/v1/retention") });
  const [form, setForm] = useState<RetentionPolicy | null>(null);
  useEffect(() => { if (current.data) setForm(current.data); }, [current.data]);
  const save = useMutation({
    mutationFn: (p: RetentionPolicy) => api<RetentionPolicy>("/v1/retention", { method: "PUT", body: p }),
    onSuccess: (p) => queryClient.setQueryData(["retention"], p),
  });
  if (current.isLoading || !form) return current.error ? <ErrorNote error={current.error} /> : <Loading />;
  const hold = (key: string, on: boolean) =>
    setForm({ ...form, legal_hold_classes: on ? [...form.legal_hold_classes, key] : form.legal_hold_classes.filter((k) => k !== key) });

  return (
    <form className="card" onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(form); }}>
      <h2>Data retention</h2>
      <div className="rule-grid">
        {CLASSES.map((c) => (
          <div key={c.key}>
            <label>{c.label}
              <input type="number" min={1} value={form[c.field]} onChange={(e) => setForm({ ...form, [c.field]: Number(e.target.value) })} />
            </label>
            <label className="inline">
              <input type="checkbox" checked={form.legal_hold_classes.includes(c.key)} onChange={(e) => hold(c.key, e.target.checked)} />
              Legal hold on {c.key}
            </label>
          </div>
        ))}
      </div>
      <label className="inline">
        <input type="checkbox" checked={form.legal_hold} onChange={(e) => setForm({ ...form, legal_hold: e.target.checked })} />
        Legal hold on everything (nothing is deleted)
      </label>
      <ErrorNote error={save.error} />
      <p><button type="submit" disabled={save.isPending}>{save.isSuccess ? "Saved" : "Save retention"}</button></p>
    </form>
  );
}
