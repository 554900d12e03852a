// Settings (admin): the shop's currency and name, API keys (the key shown once; revoke), invites.
import { useEffect, useState, type FormEvent } from "react";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { api } from "../api/client";
import type { ApiKeyCreated, ApiKeyInfo, InviteCreated, TenantSettings } from "../api/types";
import { ErrorNote, Loading } from "../components/Status";
import { Notifications } from "../components/Notifications";
import { RetentionForm } from "../components/RetentionForm";

const ROLES = ["viewer", "analyst", "admin"];

function ShopSettings() {
  const queryClient = useQueryClient();
  const current = useQuery({ queryKey: ["settings"], queryFn: () => api<TenantSettings>("/v1/settings") });
  const [form, setForm] = useState<TenantSettings | null>(null);
  useEffect(() => { if (current.data) setForm(current.data); }, [current.data]);
  const save = useMutation({
    mutationFn: (s: TenantSettings) => api<TenantSettings>("/v1/settings", { method: "PUT", body: s }),
    onSuccess: (s) => queryClient.setQueryData(["settings"], s),
  });
  if (current.isLoading || !form) return <Loading />;
  return (
    <form className="card" onSubmit={(e: FormEvent) => { e.preventDefault(); save.mutate(form); }}>
      <h2>Shop</h2>
      <label>Display name
        <input value={form.display_name ?? ""} maxLength={200} onChange={(e) => setForm({ ...form, display_name: e.target.value || null })} />
      </label>
      <label>Currency (ISO code)
        <input value={form.currency} maxLength={3} pattern="[A-Z]{3}" onChange={(e) => setForm({ ...form, currency: e.target.value.toUpperCase() })} />
      </label>
      <label>Time zone
        <input value={form.timezone} maxLength={64} onChange={(e) => setForm({ ...form, timezone: e.target.value })} />
      </label>
      <label>Monthly LLM budget (USD)
        <input type="number" min={0} step="1" value={form.llm_monthly_budget_usd}
               onChange={(e) => setForm({ ...form, llm_monthly_budget_usd: Number(e.target.value) })} />
      </label>
      <ErrorNote error={save.error} />
      <button type="submit" disabled={save.isPending}>{save.isSuccess ? "Saved" : "Save"}</button>
    </form>
  );
}

function ApiKeys() {
  const queryClient = useQueryClient();
  const keys = useQuery({ queryKey: ["api-keys"], queryFn: () => api<{ items: ApiKeyInfo[] }>("/v1/api-keys") });
  const [name, setName] = useState("");
  const [role, setRole] = useState("analyst");
  const [created, setCreated] = useState<ApiKeyCreated | null>(null);
  const create = useMutation({
    mutationFn: () => api<ApiKeyCreated>("/v1/api-keys", { method: "POST", body: { name, role } }),
    onSuccess: (k) => { setCreated(k); setName(""); void queryClient.invalidateQueries({ queryKey: ["api-keys"] }); },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => api<void>(`/v1/api-keys/${encodeURIComponent(id)}`, { method: "DELETE" }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ["api-keys"] }),
  });
  const live = (keys.data?.items ?? []).filter((k) => !k.revoked_at);
  return (
    <section className="card">
      <h2>API keys</h2>
      <form className="row" onSubmit={(e) => { e.preventDefault(); create.mutate(); }}>
        <label className="inline">Name <input required maxLength={100} value={name} onChange={(e) => setName(e.target.value)} /></label>
        <label className="inline">Role
          <select value={role} onChange={(e) => setRole(e.target.value)}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        </label>
        <button type="submit" disabled={create.isPending}>Create key</button>
      </form>
      {created ? (
        <div className="note" role="status">
          <p>Copy this key now: it will not be shown again.</p>
          <code className="secret" data-testid="new-key">{created.key}</code>
        </div>
      ) : null}
      <ErrorNote error={create.error ?? revoke.error ?? keys.error} />
      {live.length ? (
        <table>
          <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Created</th><th scope="col"><span className="visually-hidden">Actions</span></th></tr></thead>
          <tbody>
            {live.map((k) => (
              <tr key={k.id}>
                <td>{k.name}</td><td>{k.role}</td><td>{k.created_at.slice(0, 10)}</td>
                <td><button type="button" className="ghost" onClick={() => revoke.mutate(k.id)}>Revoke {k.name}</button></td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : keys.data ? <p className="muted">No API keys.</p> : null}
    </section>
  );
}

function Invites() {
  const [role, setRole] = useState("viewer");
  const invite = useMutation({ mutationFn: () => api<InviteCreated>("/v1/invites", { method: "POST", body: { role } }) });
  return (
    <section className="card">
      <h2>Invite a colleague</h2>
      <form className="row" onSubmit={(e) => { e.preventDefault(); invite.mutate(); }}>
        <label className="inline">Role
          <select value={role} onChange={(e) => setRole(e.target.value)}>{ROLES.map((r) => <option key={r}>{r}</option>)}</select>
        </label>
        <button type="submit" disabled={invite.isPending}>Create invite</button>
      </form>
      <ErrorNote error={invite.error} />
      {invite.data ? (
        <p className="note" role="status">
          Send this code (valid until {invite.data.expires_at.slice(0, 16).replace("T", " ")}): <code>{invite.data.invite_code}</code>
        </p>
      ) : null}
    </section>
  );
}

export function SettingsPage() {
  return (
    <section>
      <h1>Settings</h1>
      <div className="grid2">
        <ShopSettings />
        <Invites />
      </div>
      <ApiKeys />
      <Notifications />
      <RetentionForm />
    </section>
  );
}
