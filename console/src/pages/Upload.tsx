// Upload: drop one or many CSVs (gzip too), or Excel workbooks (.xlsx, .xls: each sheet is ingested as a CSV and
// shown on its own). Each file is sent with a progress bar (files over
// SIGNED_THRESHOLD go straight to storage through a signed URL), then its ingestion is followed until it is
// processed or failed: rows read, accepted, rejected, duplicates; the rejects with row, column and reason;
// the rejects as a CSV download. An optional currency (ISO 4217) states what the files' amounts are in: rows that
// name no currency of their own are stored in it (the API's `currency` on both upload paths).
import { useCallback, useEffect, useRef, useState, type DragEvent } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Download, FileUp } from "lucide-react";
import { api, download, sendFile } from "../api/client";
import type { Ingestion, IngestionPage, RejectPage, SignedUrl, UploadAccepted } from "../api/types";
import { bytes, count } from "../format";
import { guessKind, headerOf, KIND_LABEL, KINDS } from "../kinds";
import { ErrorNote, Loading } from "../components/Status";

export const SIGNED_THRESHOLD = 32 * 1024 * 1024;
const TERMINAL = new Set(["processed", "failed"]);
/** Offered in the currency field's list; any other ISO 4217 code can be typed (the server checks it). */
export const COMMON_CURRENCIES = ["USD", "EUR", "GBP", "CAD", "AUD", "JPY", "CHF", "SEK", "NOK", "DKK", "PLN", "INR", "BRL", "MXN", "CNY", "NZD", "SGD", "ZAR"];

/** Kinds whose rows carry a currency: the only ones the stated currency prices. */
const PRICED_KINDS = new Set(["sales", "products", "competitor_prices"]);

/** The field's value as a code to send: "" for none, the upper-cased code, or null when it is not three letters. */
export function currencyCode(text: string): string | null {
  const code = text.trim().toUpperCase();
  if (!code) return "";
  return /^[A-Z]{3}$/.test(code) ? code : null;
}

interface Item {
  key: string;
  file: File;
  kind: string;
  /** The stated currency ("" for none), as chosen when the file was added. */
  currency: string;
  progress: number;
  uploadId?: string;
  detectedKind?: string;
  error?: unknown;
  via?: "direct" | "signed";
  /** The currency the server took for this upload (its answer echoes the one stated). */
  statedCurrency?: string;
}

function isGzip(name: string) {
  return name.toLowerCase().endsWith(".gz");
}

/** A spreadsheet workbook: the server reads each sheet's kind from its header, so none is guessed here. */
export function isWorkbook(name: string) {
  return /\.(xlsx|xlsm|xls)$/i.test(name);
}

function workbookType(name: string) {
  return name.toLowerCase().endsWith(".xls") ? "application/vnd.ms-excel"
    : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
}

async function send(item: Item, onProgress: (f: number) => void): Promise<UploadAccepted & { via: "direct" | "signed" }> {
  const gz = isGzip(item.file.name);
  if (item.file.size <= SIGNED_THRESHOLD) {
    const query = new URLSearchParams({ filename: item.file.name });
    if (item.kind !== "auto") query.set("kind", item.kind);
    if (item.currency) query.set("currency", item.currency);
    const r = await sendFile<UploadAccepted>("POST", `/v1/uploads?${query}`, item.file, {
      headers: { "Content-Type": "application/octet-stream" },
      onProgress,
    });
    return { ...r, via: "direct" };
  }
  const workbook = isWorkbook(item.file.name);
  let kind = item.kind;
  if (kind === "auto") kind = workbook ? "" : guessKind(await headerOf(item.file, gz)) ?? "";
  if (!kind && !workbook) throw new Error("Choose the kind of this file: it is too large to detect on the server before uploading.");
  const contentType = workbook ? workbookType(item.file.name) : gz ? "application/gzip" : "text/csv";
  const signed = await api<SignedUrl>("/v1/uploads:signed-url", {
    method: "POST",
    body: { ...(kind ? { kind } : {}), filename: item.file.name, content_type: contentType, ...(item.currency ? { currency: item.currency } : {}) },
  });
  // the embedded backend signs URLs on this server; keep them same-origin
  const u = new URL(signed.url, window.location.href);
  const target = u.pathname.startsWith("/v1/blobs/") ? u.pathname + u.search : signed.url;
  const r = await sendFile<UploadAccepted>(signed.method || "PUT", target, item.file, {
    headers: { "Content-Type": contentType },
    onProgress,
    anonymous: true,
  });
  const stored = r ?? { upload_id: signed.object.split("/")[6], kind: kind || "workbook", bucket: signed.bucket, object: signed.object, size: item.file.size, generation: "" };
  return { ...stored, currency: signed.currency ?? null, via: "signed" };
}

function Rejects({ ingestionId, total }: { ingestionId: string; total: number }) {
  const rejects = useQuery({
    queryKey: ["rejects", ingestionId],
    queryFn: () => api<RejectPage>(`/v1/datasets/ingestions/${ingestionId}/rejects`, { query: { limit: 20 } }),
  });
  const [err, setErr] = useState<unknown>(null);
  if (rejects.isLoading) return <Loading what="Loading the rejects" />;
  if (rejects.error) return <ErrorNote error={rejects.error} />;
  const page = rejects.data!;
  return (
    <details className="rejects" open>
      <summary>
        {count(total)} rejected rows{page.items.length < page.total ? ` (first ${page.items.length} shown)` : ""}
      </summary>
      <table>
        <thead>
          <tr><th scope="col">Row</th><th scope="col">Column</th><th scope="col">Reason</th></tr>
        </thead>
        <tbody>
          {page.items.map((r, i) => (
            <tr key={i}><td>{r.row_number ?? ""}</td><td>{r.column ?? ""}</td><td>{r.reason}</td></tr>
          ))}
        </tbody>
      </table>
      <button type="button" className="ghost" onClick={() => download(
        `/v1/datasets/ingestions/${ingestionId}/rejects`, `rejects-${ingestionId}.csv`, { format: "csv" }).catch(setErr)}>
        <Download size={16} aria-hidden /> Download all rejects (CSV)
      </button>
      <ErrorNote error={err} />
    </details>
  );
}

/** One poll for every file of this page (not one per file: the per-caller rate limit is shared). */
const POLL_MS = 1500;

/** Whether an upload's ingestions (all sharing its upload id) are done: its own and, for a workbook, each sheet's. */
export function uploadFinished(all: Ingestion[]): boolean {
  const own = all.find((i) => !i.sheet) ?? all[0];
  if (!own || !TERMINAL.has(own.status)) return false;
  if (!isWorkbook(own.original_filename ?? "")) return true;
  const listed = new Map(all.map((i) => [i.ingestion_id, i]));
  return (own.derived ?? []).every((id) => listed.has(id) && TERMINAL.has(listed.get(id)!.status));
}

function Outcome({ uploadId, ingestions, error, currency }: { uploadId: string; ingestions: Ingestion[] | undefined; error: unknown; currency?: string }) {
  const queryClient = useQueryClient();
  const all = (ingestions ?? []).filter((i) => i.upload_id === uploadId);
  const sheets = all.filter((i) => i.sheet);
  const it = all.find((i) => !i.sheet) ?? all[0];
  const finished = uploadFinished(all);
  useEffect(() => {
    // what the other pages show changed: refetch it when they are next shown
    if (finished) for (const key of ["datasets", "ingestions", "kpis", "trend"]) void queryClient.invalidateQueries({ queryKey: [key] });
  }, [finished, queryClient]);
  if (error) return <ErrorNote error={error} />;
  if (!it) return <p className="muted" role="status">Waiting for ingestion to start…</p>;
  if (sheets.length || isWorkbook(it.original_filename ?? "")) {  // a workbook: what became of each sheet, then each
    return (
      <div className="outcome" data-testid="outcome-workbook">
        <dl className="counts">
          <div><dt>Status</dt><dd className={`status-${it.status}`}>{it.status}</dd></div>
        </dl>
        {it.note ? <p className="muted small">{it.note}</p> : null}
        {it.error ? <p className="error" role="alert">{it.error}</p> : null}
        {sheets.map((sheet) => (
          <section key={sheet.ingestion_id} aria-label={`Sheet ${sheet.sheet}`}>
            <h3>Sheet {sheet.sheet}{sheet.kind ? ` (${KIND_LABEL[sheet.kind] ?? sheet.kind})` : ""}</h3>
            <Counts it={sheet} currency={currency} />
          </section>
        ))}
      </div>
    );
  }
  return (
    <div className="outcome" data-testid={`outcome-${it.kind}`}>
      <Counts it={it} currency={currency} />
    </div>
  );
}

function Counts({ it, currency }: { it: Ingestion; currency?: string }) {
  const stated = it.kind && PRICED_KINDS.has(it.kind) ? it.currency ?? currency : undefined;
  return (
    <>
      <dl className="counts">
        <div><dt>Status</dt><dd className={`status-${it.status}`}>{it.status}</dd></div>
        <div><dt>Rows read</dt><dd>{count(it.rows_read)}</dd></div>
        <div><dt>Accepted</dt><dd>{count(it.accepted)}</dd></div>
        <div><dt>Rejected</dt><dd>{count(it.rejected)}</dd></div>
        <div><dt>Duplicates</dt><dd>{count(it.duplicates)}</dd></div>
        {stated ? (
          <div><dt>Currency</dt><dd title="Rows that name no currency of their own are stored in it">{stated}</dd></div>
        ) : null}
      </dl>
      {it.error ? <p className="error" role="alert">{it.error}</p> : null}
      {it.rejected > 0 && TERMINAL.has(it.status) ? <Rejects ingestionId={it.ingestion_id} total={it.rejected} /> : null}
    </>
  );
}

export function UploadPage() {
  const [items, setItems] = useState<Item[]>([]);
  const [over, setOver] = useState(false);
  const [currencyText, setCurrencyText] = useState("");
  const currency = currencyCode(currencyText);
  const input = useRef<HTMLInputElement>(null);
  const queryClient = useQueryClient();
  const started = items.filter((i) => i.uploadId).map((i) => i.uploadId!);
  const recent = useQuery({
    queryKey: ["upload-ingestions"],
    queryFn: () => api<IngestionPage>("/v1/datasets/ingestions", { query: { limit: 100 } }),
    enabled: started.length > 0,
    refetchInterval: (q) => {
      const listed = q.state.data?.items ?? [];
      return started.every((id) => uploadFinished(listed.filter((i) => i.upload_id === id))) ? false : POLL_MS;
    },
  });

  const update = useCallback((key: string, patch: Partial<Item>) => {
    setItems((xs) => xs.map((x) => (x.key === key ? { ...x, ...patch } : x)));
  }, []);

  const start = useCallback(async (item: Item) => {
    try {
      const r = await send(item, (p) => update(item.key, { progress: p }));
      update(item.key, { uploadId: r.upload_id, detectedKind: r.kind, progress: 1, via: r.via, statedCurrency: r.currency ?? undefined });
      void queryClient.invalidateQueries({ queryKey: ["upload-ingestions"] });
      queryClient.invalidateQueries({ queryKey: ["datasets"] });
    } catch (error) {
      update(item.key, { error });
    }
  }, [queryClient, update]);

  function add(files: FileList | File[]) {
    if (currency === null) return;  // the field says why; nothing is sent in an unknown currency
    const fresh = Array.from(files).map((file, i) => ({ key: `${Date.now()}-${i}-${file.name}`, file, kind: "auto", currency, progress: 0 }));
    setItems((xs) => [...fresh, ...xs]);
    // products first, so marketplace ids in the other files resolve to catalogue SKUs
    const order = (f: Item) => (/product/i.test(f.file.name) ? 0 : 1);
    void fresh.sort((a, b) => order(a) - order(b)).reduce((p, it) => p.then(() => start(it)), Promise.resolve());
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length) add(e.dataTransfer.files);
  }

  return (
    <section>
      <h1>Upload data</h1>
      <p className="muted">
        CSV or TSV files (gzip too) of {Object.values(KIND_LABEL).join(", ").toLowerCase()}, or Excel workbooks
        (each sheet is read as a CSV). The kind is detected from the header. Files over {bytes(SIGNED_THRESHOLD)} go
        straight to storage.
      </p>
      <div className="upload-options">
        <label>Currency of the amounts (optional)
          <input value={currencyText} list="upload-currencies" maxLength={3} placeholder="e.g. GBP" autoComplete="off"
                 aria-invalid={currency === null} aria-describedby="upload-currency-help"
                 onChange={(e) => setCurrencyText(e.target.value.toUpperCase())} />
        </label>
        <datalist id="upload-currencies">
          {COMMON_CURRENCIES.map((c) => <option key={c} value={c} />)}
        </datalist>
        <p id="upload-currency-help" className={currency === null ? "error" : "muted small"} role={currency === null ? "alert" : undefined}>
          {currency === null
            ? "A currency is a three-letter ISO 4217 code, such as USD, EUR or GBP."
            : "Rows that name no currency are stored in this one; rows with their own keep it. Leave empty when the files say it."}
        </p>
      </div>
      <div className={`dropzone${over ? " over" : ""}`} onDragOver={(e) => { e.preventDefault(); setOver(true); }}
           onDragLeave={() => setOver(false)} onDrop={onDrop}>
        <FileUp size={28} aria-hidden />
        <p>Drop CSV files here, or</p>
        <button type="button" onClick={() => input.current?.click()} disabled={currency === null}>Choose files</button>
        <input ref={input} type="file" multiple accept=".csv,.tsv,.txt,.gz,.xlsx,.xlsm,.xls" className="visually-hidden"
               aria-label="Choose files to upload" data-testid="file-input"
               onChange={(e) => { if (e.target.files?.length) add(e.target.files); e.target.value = ""; }} />
      </div>
      <ul className="uploads">
        {items.map((it) => (
          <li key={it.key} className="upload-item">
            <div className="upload-head">
              <strong>{it.file.name}</strong>
              <span className="muted small">{bytes(it.file.size)}</span>
              {/* a refused file was never read: "detecting kind…" beside its reason read as still working */}
              <span className="kind">{it.detectedKind ? KIND_LABEL[it.detectedKind] ?? it.detectedKind : it.error ? "not read" : "detecting kind…"}</span>
              {it.error && it.file.size > SIGNED_THRESHOLD ? (
                <label className="inline">Kind
                  <select value={it.kind} onChange={(e) => { const k = e.target.value; update(it.key, { kind: k, error: undefined }); void start({ ...it, kind: k }); }}>
                    <option value="auto">detect</option>
                    {KINDS.map((k) => <option key={k} value={k}>{KIND_LABEL[k]}</option>)}
                  </select>
                </label>
              ) : null}
            </div>
            {it.error ? null : <progress max={1} value={it.progress} aria-label={`Upload of ${it.file.name}`} />}
            <ErrorNote error={it.error} />
            {it.uploadId ? <Outcome uploadId={it.uploadId} ingestions={recent.data?.items} error={recent.error} currency={it.statedCurrency} /> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
