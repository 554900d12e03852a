// The rows behind an answer, as a person reads them: the columns' own headers, figures in their unit (money with
// the currency, percentages, days), supporting columns folded away until asked for, and a forecast's interval
// shown beside its estimate as one "90% range" column. The report says what each column is (column_info);
// a report that does not falls back to the raw names and plain numbers, never to a guessed unit.
import { useState } from "react";
import type { AnswerTable, TableColumn } from "../api/types";
import { formatValue } from "../format";

interface Shown {
  key: string;
  label: string;
  numeric: boolean;
  /** Kept on one line: a figure or a day broken across lines is misread. */
  nowrap?: boolean;
  render: (row: unknown[]) => string;
}

const NUMERIC = new Set(["count", "number", "money", "percent", "share", "days", "rating"]);

function describe(table: AnswerTable): TableColumn[] {
  const info = table.column_info ?? [];
  if (info.length === table.columns.length) return info;
  return table.columns.map((name) => ({ name, label: name, unit: "text", detail: false }));
}

export function shownColumns(table: AnswerTable, all: boolean): Shown[] {
  const info = describe(table);
  const at = new Map(table.columns.map((c, i) => [c, i]));
  const band = table.band && at.has(table.band.estimate) && at.has(table.band.lower) && at.has(table.band.upper)
    ? table.band : null;
  const out: Shown[] = [];
  info.forEach((col, i) => {
    if (!all && col.detail) return;
    if (!all && band && (col.name === band.lower || col.name === band.upper)) return;
    const numeric = NUMERIC.has(col.unit) && table.rows.some((r) => typeof r[i] === "number");
    // a day, or a short code without spaces ("APP-0244"), is kept whole rather than broken at its hyphen
    const short = table.rows.every((r) => typeof r[i] !== "string" || (r[i] as string).length <= 14 && !/\s/.test(r[i] as string));
    out.push({ key: col.name, label: col.label, numeric, nowrap: col.unit === "date" || (col.unit === "text" && short),
               render: (row) => formatValue(row[i], col.unit, table.currency) });
    if (!all && band && col.name === band.estimate) {
      const lo = at.get(band.lower)!;
      const hi = at.get(band.upper)!;
      const unit = info[lo].unit;
      out.push({ key: "__range", label: `${Math.round(band.level * 100)}% range`, numeric: true,
                 render: (row) => `${formatValue(row[lo], unit, table.currency)} – ${formatValue(row[hi], unit, table.currency)}` });
    }
  });
  return out;
}

export function AnswerTableView({ table }: { table: AnswerTable }) {
  const [all, setAll] = useState(false);
  const columns = shownColumns(table, all);
  const compact = all ? shownColumns(table, false) : columns;
  const foldable = compact.length !== table.columns.length || compact.some((c) => c.key === "__range");
  return (
    <div className="answer-table">
      <div className="table-wrap" tabIndex={0} role="region" aria-label="The rows behind the answer">
        <table>
          <caption className="small muted">
            {table.total_rows > table.rows.length
              ? `First ${table.rows.length} of ${table.total_rows} rows`
              : `${table.rows.length} rows`}
            {table.band ? ` · ${Math.round(table.band.level * 100)}% range: the forecast's interval` : ""}
          </caption>
          <thead>
            <tr>{columns.map((c) => <th key={c.key} scope="col" className={c.numeric ? "num" : undefined}>{c.label}</th>)}</tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>{columns.map((c) => <td key={c.key} className={c.numeric ? "num" : c.nowrap ? "nowrap" : undefined}>{c.render(row)}</td>)}</tr>
            ))}
          </tbody>
        </table>
      </div>
      {foldable ? (
        <button type="button" className="link small" aria-expanded={all} onClick={() => setAll((a) => !a)}>
          {all ? "Fewer columns" : `Show all ${table.columns.length} columns`}
        </button>
      ) : null}
    </div>
  );
}
