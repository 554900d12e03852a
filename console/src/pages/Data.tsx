// Data: per kind, rows stored and their date range; the latest ingestions with their outcome.
import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import type { DatasetSummary, IngestionPage } from "../api/types";
import { count } from "../format";
import { KIND_LABEL } from "../kinds";
import { ErrorNote, Loading, Empty } from "../components/Status";

export function DataPage() {
  const summary = useQuery({ queryKey: ["datasets"], queryFn: () => api<DatasetSummary>("/v1/datasets") });
  const ingestions = useQuery({
    queryKey: ["ingestions"],
    queryFn: () => api<IngestionPage>("/v1/datasets/ingestions", { query: { limit: 50 } }),
  });
  return (
    <section>
      <h1>Data</h1>
      <h2>What is stored</h2>
      {summary.isLoading ? <Loading /> : null}
      <ErrorNote error={summary.error} />
      {summary.data ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Kind</th><th scope="col">Rows</th><th scope="col">From</th><th scope="col">To</th><th scope="col">Last ingestion</th></tr>
            </thead>
            <tbody>
              {summary.data.kinds.map((k) => (
                <tr key={k.kind}>
                  <td>{KIND_LABEL[k.kind] ?? k.kind}</td>
                  <td>{count(k.rows)}{k.undated ? ` (${count(k.undated)} without a date)` : ""}</td>
                  <td>{k.first?.slice(0, 10) ?? "–"}</td>
                  <td>{k.last?.slice(0, 10) ?? "–"}</td>
                  <td>{k.last_ingestion ? `${k.last_ingestion.status}, ${k.last_ingestion.finished_at?.slice(0, 16).replace("T", " ") ?? "running"}` : "none"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2>Connected sources</h2>
      {summary.data && !summary.data.syncs.length ? (
        <p className="muted">No connector is set up (Shopify, Amazon, competitor pages, S3 exports: see <code>ecomintel sync</code>).</p>
      ) : null}
      {summary.data?.syncs.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr><th scope="col">Source</th><th scope="col">Enabled</th><th scope="col">Last run</th><th scope="col">Status</th><th scope="col">Rows</th><th scope="col">Errors</th></tr>
            </thead>
            <tbody>
              {summary.data.syncs.map((s) => (
                <tr key={s.source}>
                  <td>{s.source}</td>
                  <td>{s.enabled ? "yes" : "no"}</td>
                  <td>{s.last_finished_at?.slice(0, 16).replace("T", " ") ?? s.last_started_at?.slice(0, 16).replace("T", " ") ?? "never"}</td>
                  <td className={s.last_status === "failed" ? "status-failed" : s.last_status === "succeeded" ? "status-processed" : ""}>
                    {s.last_status ?? "–"}{s.consecutive_failures > 1 ? ` (${s.consecutive_failures} in a row)` : ""}
                  </td>
                  <td>{count(s.last_rows)}</td>
                  <td>{s.last_errors.join("; ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <h2>Latest ingestions</h2>
      {ingestions.isLoading ? <Loading /> : null}
      <ErrorNote error={ingestions.error} />
      {ingestions.data && !ingestions.data.items.length ? <Empty>Nothing ingested yet.</Empty> : null}
      {ingestions.data?.items.length ? (
        <div className="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col">File</th><th scope="col">Kind</th><th scope="col">Source</th><th scope="col">Status</th>
                <th scope="col">Read</th><th scope="col">Accepted</th><th scope="col">Rejected</th><th scope="col">Duplicates</th><th scope="col">Currency</th><th scope="col">Finished</th>
              </tr>
            </thead>
            <tbody>
              {ingestions.data.items.map((i) => (
                <tr key={i.ingestion_id}>
                  <td>{i.original_filename ?? i.ingestion_id}</td>
                  <td>{i.kind ? KIND_LABEL[i.kind] ?? i.kind : "–"}</td>
                  <td>{i.source}</td>
                  <td className={`status-${i.status}`}>{i.status}{i.error ? `: ${i.error}` : ""}</td>
                  <td>{count(i.rows_read)}</td>
                  <td>{count(i.accepted)}</td>
                  <td>{count(i.rejected)}</td>
                  <td>{count(i.duplicates)}</td>
                  <td title={i.currency ? "The currency the upload stated for its rows that name none" : undefined}>{i.currency ?? "–"}</td>
                  <td>{i.finished_at?.slice(0, 16).replace("T", " ") ?? "running"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
