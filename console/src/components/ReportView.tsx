// One answered question: the answer first, then its period and confidence, the chart and the table, the
// supporting findings, and the evidence (SQL with parameters, agent methods) folded away. Every value from
// the report is rendered as text.
import { lazy, Suspense } from "react";
import type { Report } from "../api/types";
import { cell, splitLead } from "../format";
import { AnswerTableView } from "./AnswerTableView";
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

/** The answer with its first sentence set apart: on a long answer, that sentence is the one to read first. */
function Answer({ text }: { text: string }) {
  const [lead, rest] = splitLead(text);
  return (
    <p className="answer" data-testid="answer">
      <span className="lead" data-testid="answer-lead">{lead}</span>
      {rest ? <span className="rest">{rest}</span> : null}
    </p>
  );
}

function chartLabel(report: Report): string {
  const said = report.chart?.description;
  return typeof said === "string" && said ? `Chart: ${said}` : `Chart for: ${report.question}`;
}

/** The first method's first clause ("backtest-selected model per SKU"): how the figure was made, in a line. */
function methodLine(report: Report): string {
  const m = report.evidence.find((e) => e.kind === "agent_method" && e.method)?.method ?? "";
  const first = m.split(/;\s/)[0].trim();
  return first.length > 160 ? `${first.slice(0, 157)}…` : first;
}

function evidenceKinds(report: Report): string {
  const sql = report.evidence.filter((e) => e.kind === "sql").length;
  const methods = report.evidence.length - sql;
  return [sql ? `${sql === 1 ? "the query" : `${sql} queries`}` : "", methods ? `${methods === 1 ? "the method" : `${methods} methods`}` : ""]
    .filter(Boolean).join(" and ");
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
      <Answer text={report.answer || report.executive_summary} />
      <p className="meta">
        {report.period ? <span>Period: {report.period.label || `${report.period.start} – ${report.period.end}`}</span> : null}
        {report.as_of ? <span>As of {report.as_of}</span> : null}
        <span>{report.mode === "deep" ? "Deep analysis" : "Quick answer"}</span>
      </p>
      {methodLine(report) ? <p className="method small" data-testid="method">Method: {methodLine(report)}</p> : null}
      <ConfidenceBadge report={report} />
      {report.warnings.length ? (
        <ul className="warnings">{report.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul>
      ) : null}
      {report.chart ? (
        <Suspense fallback={<Loading what="Drawing the chart" />}>
          <Chart spec={report.chart} label={chartLabel(report)} hasTable={!!report.table?.rows.length} />
        </Suspense>
      ) : null}
      {report.table && report.table.rows.length ? <AnswerTableView table={report.table} /> : null}
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
          <summary>How this was worked out ({evidenceKinds(report)})</summary>
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
