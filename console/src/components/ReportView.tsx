// One answered question: the answer first, then its period and confidence, the chart and the table, the
// supporting findings, and the evidence (SQL with parameters, agent methods) folded away. Every value from
// the report is rendered as text.
import { lazy, Suspense } from "react";
import type { Report } from "../api/types";
import { cell } from "../format";
import { Loading } from "./Status";

const Chart = lazy(() => import("./Chart"));

function factor(name: string, value: number | null) {
  if (value === null || value === undefined) return null;
  return (
    <li key={name}>
      {name}: {Math.round(value * 100)}%
    </li>
  );
}

export function ConfidenceBadge({ report }: { report: Report }) {
  const c = report.confidence;
  const level = c.score === null ? "unknown" : c.score >= 70 ? "high" : c.score >= 40 ? "medium" : "low";
  return (
    <details className={`confidence ${level}`}>
      <summary>
        {c.score === null
          ? `Confidence: not scored${report.answer_kind === "metric" ? " (a figure computed from your data: see the evidence)" : ""}`
          : `Confidence: ${c.score}/100 (${level})`}
      </summary>
      {c.explanation ? <p>{c.explanation}</p> : null}
      <ul>
        {factor("Model certainty", c.model_certainty)}
        {factor("Data completeness", c.data_completeness)}
        {factor("Data freshness", c.data_freshness)}
      </ul>
      {report.limitations.length ? (
        <>
          <h4>Limitations</h4>
          <ul>{report.limitations.map((l, i) => <li key={i}>{l}</li>)}</ul>
        </>
      ) : null}
    </details>
  );
}

export function ReportView({ report }: { report: Report }) {
  return (
    <article className="report" aria-label={`Answer to: ${report.question}`}>
      <p className="answer" data-testid="answer">{report.answer || report.executive_summary}</p>
      <p className="meta">
        {report.period ? <span>Period: {report.period.label || `${report.period.start} – ${report.period.end}`}</span> : null}
        {report.as_of ? <span>As of {report.as_of}</span> : null}
        <span>{report.mode === "deep" ? "Deep analysis" : "Quick answer"}</span>
      </p>
      <ConfidenceBadge report={report} />
      {report.warnings.length ? (
        <ul className="warnings">{report.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
      ) : null}
      {report.chart ? (
        <Suspense fallback={<Loading what="Drawing the chart" />}>
          <Chart spec={report.chart} label={`Chart for: ${report.question}`} />
        </Suspense>
      ) : null}
      {report.table && report.table.rows.length ? (
        <div className="table-wrap">
          <table>
            <caption className="small muted">
              {report.table.total_rows > report.table.rows.length
                ? `First ${report.table.rows.length} of ${report.table.total_rows} rows`
                : `${report.table.rows.length} rows`}
            </caption>
            <thead>
              <tr>{report.table.columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
            </thead>
            <tbody>
              {report.table.rows.map((row, i) => (
                <tr key={i}>{row.map((v, j) => <td key={j}>{cell(v)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {report.findings.length ? (
        <section>
          <h3>Findings</h3>
          <ul className="findings">
            {report.findings.map((f) => (
              <li key={f.id} className={`sev-${f.severity}`}>
                <strong>{f.title}</strong>
                {f.detail ? <span> — {f.detail}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {report.actions.length ? (
        <section>
          <h3>Recommended actions</h3>
          <ol>{report.actions.map((a, i) => <li key={i}>{a.title}{a.detail ? ` — ${a.detail}` : ""}</li>)}</ol>
        </section>
      ) : null}
      {report.evidence.length ? (
        <details className="evidence">
          <summary>Evidence ({report.evidence.length})</summary>
          {report.evidence.map((e, i) => (
            <div key={i} className="evidence-item">
              <p>{e.description || (e.kind === "sql" ? "Query" : "Method")}</p>
              {e.sql ? <pre><code>{e.sql}</code></pre> : null}
              {Object.keys(e.params).length ? (
                <dl className="params">
                  {Object.entries(e.params).map(([k, v]) => (
                    <div key={k}><dt>{k}</dt><dd>{cell(v)}</dd></div>
                  ))}
                </dl>
              ) : null}
              {e.agent ? <p className="small">Agent: {e.agent}{e.method ? ` · method: ${e.method}` : ""}</p> : null}
            </div>
          ))}
        </details>
      ) : null}
    </article>
  );
}
