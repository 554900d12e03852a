// Loading, empty and error states, the same on every page. Errors are shown in the API's own words.
import { AlertTriangle, Loader2 } from "lucide-react";
import { ApiError } from "../api/client";

export function Loading({ what = "Loading" }: { what?: string }) {
  return (
    <p className="muted" role="status">
      <Loader2 size={16} className="spin" aria-hidden /> {what}…
    </p>
  );
}

export function Empty({ children }: { children: React.ReactNode }) {
  return <div className="empty">{children}</div>;
}

export function ErrorNote({ error }: { error: unknown }) {
  if (!error) return null;
  const text = error instanceof ApiError ? error.words : error instanceof Error ? error.message : String(error);
  const id = error instanceof ApiError ? error.detail.request_id : undefined;
  return (
    <div className="error" role="alert">
      <AlertTriangle size={16} aria-hidden /> <span>{text}</span>
      {id ? <span className="muted small"> (request {id})</span> : null}
    </div>
  );
}
