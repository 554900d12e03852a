// Metrics (admin): this shop's own service figures - ingestion volume and failures, deep-question latency and
// agent outcomes, LLM tokens against the budget (GET /v1/usage).
import { lazy, Suspense, useMemo, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import type { TenantUsage } from "../api/types";
import { count } from "../format";
import { ErrorNote, Loading } from "../components/Status";

const Chart = lazy(() => import("../components/Chart"));

function seconds(v: number | null) {
  return v === null ? "–" : `${v.toFixed(1)} s`;
}

export function MetricsPage() {
  const [days, setDays] = useState(30);
  const usage = useQuery({ queryKey: ["usage", days], queryFn: () => api<TenantUsage>("/v1/usage", { query: { days } }) });
  const u = usage.data;
  const spec = useMemo(() => u && u.ingestions.by_day.length ? {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    height: 180,
    data: { values: u.ingestions.by_day.flatMap((d) => [
      { date: d.date, outcome: "accepted", rows: d.accepted },
      { date: d.date, outcome: "rejected", rows: d.rejected },
    ]) },
    mark: "bar",
    encoding: {
      x: { field: "date", type: "ordinal", title: null },
      y: { field: "rows", type: "quantitative", title: "Rows" },
      color: { field: "outcome", type: "nominal", scale: { range: ["#1f5fbf", "#b3261e"] }, title: null },
    },
  } : null, [u]);
  const pct = u ? Math.round(u.llm.used_ratio * 100) : 0;

  return (
    <section>
      <div className="page-head">
        <h1>Metrics</h1>
        <div className="periods" role="group" aria-label="Window">
          {[7, 30, 90].map((d) => (
            <button key={d} type="button" className={d === days ? "chip active" : "chip"} aria-pressed={d === days}
                    onClick={() => setDays(d)}>{d} days</button>
          ))}
        </div>
      </div>
      {usage.isLoading ? <Loading /> : null}
      <ErrorNote error={usage.error} />
      {u ? (
        <>
          <ul className="tiles">
            <li className="tile"><div><span className="tile-label">Files ingested</span><span className="tile-value" data-testid="usage-files">{count(u.ingestions.files)}</span></div></li>
            <li className="tile"><div><span className="tile-label">Failed ingestions</span><span className="tile-value">{count(u.ingestions.failed)}</span></div></li>
            <li className="tile"><div><span className="tile-label">Rows accepted</span><span className="tile-value">{count(u.ingestions.accepted)}</span></div></li>
            <li className="tile"><div><span className="tile-label">Rows rejected</span><span className="tile-value">{count(u.ingestions.rejected)}</span></div></li>
          </ul>
          {u.ingestions.last_failure ? <p className="error" role="status">Last failure: {u.ingestions.last_failure}</p> : null}
          <section className="card">
            <h2>Ingestion volume per day</h2>
            {spec ? (
              <Suspense fallback={<Loading what="Drawing the chart" />}>
                <Chart spec={spec} label={`Rows accepted and rejected per day, last ${days} days`} />
              </Suspense>
            ) : <p className="muted">Nothing ingested in this window.</p>}
          </section>
          <div className="grid2">
            <section className="card">
              <h2>Deep questions</h2>
              <dl className="counts">
                <div><dt>Asked</dt><dd>{count(u.questions.deep_jobs)}</dd></div>
                <div><dt>Completed</dt><dd data-testid="usage-deep-completed">{count(u.questions.completed)}</dd></div>
                <div><dt>Latency p50</dt><dd>{seconds(u.questions.latency_p50_s)}</dd></div>
                <div><dt>Latency p95</dt><dd>{seconds(u.questions.latency_p95_s)}</dd></div>
              </dl>
              {Object.keys(u.questions.agent_outcomes).length ? (
                <table>
                  <caption className="small muted">Agent results (timeouts and failures included)</caption>
                  <thead><tr><th scope="col">Agent</th><th scope="col">Results</th></tr></thead>
                  <tbody>
                    {Object.entries(u.questions.agent_outcomes).map(([agent, outcomes]) => (
                      <tr key={agent}><td>{agent}</td><td>{Object.entries(outcomes).map(([k, v]) => `${k}: ${v}`).join(", ")}</td></tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              <p className="muted small">Quick answers are not recorded per shop; the service's own latency is on its /metrics endpoint.</p>
            </section>
            <section className="card">
              <h2>Language model tokens</h2>
              <p><strong>{count(u.llm.used)}</strong> of {count(u.llm.budget)} tokens this period ({u.llm.period}), {pct}%.</p>
              <progress max={1} value={Math.min(u.llm.used_ratio, 1)} aria-label="Token budget used" className={`budget-${u.llm.state}`} />
              {u.llm.state !== "ok" ? <p className="error" role="status">Budget {u.llm.state}: answers fall back to the deterministic summary when it is exceeded.</p> : null}
            </section>
          </div>
        </>
      ) : null}
    </section>
  );
}
