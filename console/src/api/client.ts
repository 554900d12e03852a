// The one HTTP client of the console: same-origin /v1, the bearer token from the session, the API's one error
// shape turned into ApiError. A 401 on an authenticated call ends the session (the router returns to sign-in
// and remembers the page).
import { clearToken, getToken } from "../auth/session";

export interface ErrorDetail {
  code: string;
  message: string;
  details?: { errors?: { field: string; message: string }[] } & Record<string, unknown>;
  request_id?: string;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: ErrorDetail;
  /** Seconds the server asked to wait before asking again (429's Retry-After), when it said. */
  readonly retryAfter?: number;

  constructor(status: number, detail: ErrorDetail, retryAfter?: number) {
    super(detail.message);
    this.status = status;
    this.code = detail.code;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  /** The message with every bad field, as the API listed them. */
  get words(): string {
    const fields = this.detail.details?.errors ?? [];
    if (!fields.length) return this.message;
    return `${this.message}: ${fields.map((f) => `${f.field} ${f.message}`).join("; ")}`;
  }
}

export const SESSION_EXPIRED = "ecomintel:session-expired";

function retryAfterOf(resp: Response): number | undefined {
  const raw = resp.headers.get("Retry-After");
  const seconds = raw === null ? NaN : Number(raw);
  return Number.isFinite(seconds) && seconds >= 0 ? seconds : undefined;
}

async function errorOf(resp: Response): Promise<ApiError> {
  const retryAfter = retryAfterOf(resp);
  try {
    const body = (await resp.json()) as { error?: ErrorDetail };
    if (body?.error?.message) return new ApiError(resp.status, body.error, retryAfter);
  } catch {
    /* not JSON */
  }
  return new ApiError(resp.status, { code: "http_" + resp.status, message: `The server answered ${resp.status}.` }, retryAfter);
}

export interface RequestOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | undefined>;
  /** Public endpoints (sign-in/up) send no token and a 401 there does not end a session. */
  anonymous?: boolean;
  signal?: AbortSignal;
}

export function url(path: string, query?: RequestOptions["query"]): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== "") params.set(k, String(v));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

export function authHeaders(): Record<string, string> {
  const token = getToken();
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/** Handle a 401 of an authenticated call: drop the token and tell the app. */
export function sessionEnded(): void {
  clearToken();
  window.dispatchEvent(new Event(SESSION_EXPIRED));
}

/** What a merchant reads when the server did not answer at all (down, restarting, or the connection lost). */
export const UNREACHABLE = "Cannot reach the ecomintel server: check that it is running (ecomintel serve) and your connection, then try again.";

/** fetch, with "no answer at all" as an ApiError in words: fetch rejects with a TypeError worded by the browser
 * ("Failed to fetch", "NetworkError when attempting to fetch resource.", "Load failed"), which every page showed
 * as it is. Status 0, like the upload's network error, so the query client still retries it. */
async function reach(input: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(input, init);
  } catch (err) {
    if (err instanceof TypeError) throw new ApiError(0, { code: "network", message: UNREACHABLE });
    throw err; // an abort is the caller's own doing
  }
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (!opts.anonymous) Object.assign(headers, authHeaders());
  let body: BodyInit | undefined;
  if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  const resp = await reach(url(path, opts.query), { method: opts.method ?? "GET", headers, body, signal: opts.signal });
  if (!resp.ok) {
    if (resp.status === 401 && !opts.anonymous) sessionEnded();
    throw await errorOf(resp);
  }
  if (resp.status === 204) return undefined as T;
  return (await resp.json()) as T;
}

/** Send a file with progress (fetch has no upload progress): XHR with the same auth and error shape. */
export function sendFile<T>(
  method: string,
  target: string,
  file: Blob,
  opts: { headers?: Record<string, string>; onProgress?: (fraction: number) => void; anonymous?: boolean } = {},
): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(method, target);
    const headers = { ...(opts.anonymous ? {} : authHeaders()), ...(opts.headers ?? {}) };
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) opts.onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, { code: "network", message: "The upload could not reach the server." }));
    xhr.onload = () => {
      let parsed: unknown = null;
      try {
        parsed = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        parsed = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) {
        opts.onProgress?.(1);
        resolve(parsed as T);
        return;
      }
      if (xhr.status === 401 && !opts.anonymous) sessionEnded();
      const err = (parsed as { error?: ErrorDetail } | null)?.error;
      reject(new ApiError(xhr.status, err ?? { code: "http_" + xhr.status, message: `The server answered ${xhr.status}.` }));
    };
    xhr.send(file);
  });
}

/** Download an authenticated resource as a file (the token is a header, so a plain link cannot carry it). */
export async function download(path: string, filename: string, query?: RequestOptions["query"]): Promise<void> {
  const resp = await reach(url(path, query), { headers: authHeaders() });
  if (!resp.ok) {
    if (resp.status === 401) sessionEnded();
    throw await errorOf(resp);
  }
  const blob = await resp.blob();
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(href), 1000);
}
