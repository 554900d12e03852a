// Where alerts and digests go: e-mail addresses, digest frequency, signed webhooks (JSON or Slack).
// The API replaces the whole set on save and never returns a webhook's secret after creation, so a save gives
// each webhook a new secret, shown here once.
import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import type { NotificationSettingsSaved, NotificationSettingsView } from "../api/types";
import { ErrorNote, Loading } from "./Status";

interface Hook {
  id: string;
  url: string;
  kind: "json" | "slack";
}

export function Notifications() {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ["notifications"], queryFn: () => api<NotificationSettingsView>("/v1/notifications") });
  const [emails, setEmails] = useState("");
  const [digest, setDigest] = useState<NotificationSettingsView["digest_frequency"]>("daily");
  const [hooks, setHooks] = useState<Hook[]>([]);
  const [draft, setDraft] = useState<Hook>({ id: "", url: "", kind: "json" });
  useEffect(() => {
    if (!current.data) return;
    setEmails(current.data.emails.join("\n"));
    setDigest(current.data.digest_frequency);
    setHooks(current.data.webhooks.map(({ id, url, kind }) => ({ id, url, kind })));
  }, [current.data]);
  const save = useMutation({
    mutationFn: () => api<NotificationSettingsSaved>("/v1/notifications", {
      method: "PUT",
      body: {
        emails: emails.split(/[\s,;]+/).filter(Boolean),
        digest_frequency: digest,
        webhooks: hooks.map((h) => ({ id: h.id, url: h.url, kind: h.kind })),
      },
    }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["notifications"] }),
  });
  if (current.isLoading) return <Loading />;

  function addHook(e: FormEvent) {
    e.preventDefault();
    if (!draft.id || !draft.url) return;
    setHooks((hs) => [...hs.filter((h) => h.id !== draft.id), draft]);
    setDraft({ id: "", url: "", kind: "json" });
  }

  return (
    <section className="card">
      <h2>Alerts and digests</h2>
      <ErrorNote error={current.error} />
      <label>E-mail addresses (one per line)
        <textarea rows={3} value={emails} onChange={(e) => setEmails(e.target.value)} />
      </label>
      <label>Digest
        <select value={digest} onChange={(e) => setDigest(e.target.value as typeof digest)}>
          <option value="daily">daily</option>
          <option value="weekly">weekly (Mondays)</option>
          <option value="off">off</option>
        </select>
      </label>
      <h3>Webhooks</h3>
      {hooks.length ? (
        <ul className="plain">
          {hooks.map((h) => (
            <li key={h.id}>
              <code>{h.id}</code> {h.kind} → {h.url}{" "}
              <button type="button" className="ghost" onClick={() => setHooks((hs) => hs.filter((x) => x.id !== h.id))}>Remove {h.id}</button>
            </li>
          ))}
        </ul>
      ) : <p className="muted">No webhooks.</p>}
      <form className="row" onSubmit={addHook} aria-label="Add a webhook">
        <label className="inline">Id <input value={draft.id} pattern="[a-z0-9-]{1,40}" onChange={(e) => setDraft({ ...draft, id: e.target.value })} /></label>
        <label className="inline">URL <input type="url" value={draft.url} onChange={(e) => setDraft({ ...draft, url: e.target.value })} /></label>
        <label className="inline">Format
          <select value={draft.kind} onChange={(e) => setDraft({ ...draft, kind: e.target.value as Hook["kind"] })}>
            <option value="json">JSON</option>
            <option value="slack">Slack</option>
          </select>
        </label>
        <button type="submit" className="ghost">Add webhook</button>
      </form>
      <p className="muted small">Saving gives every webhook a new signing secret, shown once below.</p>
      <ErrorNote error={save.error} />
      <button type="button" onClick={() => save.mutate()} disabled={save.isPending}>Save delivery settings</button>
      {save.data?.webhooks.length ? (
        <div className="note" role="status">
          <p>Webhook secrets (copy them now):</p>
          <ul className="plain">{save.data.webhooks.map((h) => <li key={h.id}><code>{h.id}</code>: <code className="secret">{h.secret}</code></li>)}</ul>
        </div>
      ) : save.isSuccess ? <p role="status">Saved.</p> : null}
    </section>
  );
}
