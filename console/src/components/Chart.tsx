// The answer's Vega-Lite v5 spec, rendered as it is. Loaded lazily (vega is most of the bundle) and run with
// the expression interpreter, so the strict CSP needs no 'unsafe-eval'; no injected styles, no actions menu.
// A spec that cannot be drawn, or that draws nothing but axes (no bar, point, line or area), never leaves an empty
// frame: a short note takes its place, with the chart's own figures as a table when the answer has none beside it.
import { useEffect, useRef, useState } from "react";
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";
import { cell } from "../format";

/** Views that lay out several charts: Vega-Lite sizes them from their parts, not to the container. */
const COMPOUND = ["hconcat", "vconcat", "concat", "facet", "repeat"];

/** A scenegraph node as Vega builds it: a mark (with its items) or an item (with its child marks). */
interface SceneNode {
  marktype?: string;
  role?: string;
  items?: SceneNode[];
}

/** Whether the view drew a data mark with at least one item (a bar, a point, a line), not only a frame and axes. */
export function drewMarks(node: SceneNode | null | undefined): boolean {
  if (!node) return false;
  if (node.marktype && node.marktype !== "group" && node.role === "mark" && (node.items?.length ?? 0) > 0) return true;
  return (node.items ?? []).some(drewMarks);
}

type Row = Record<string, unknown>;

/** The inline data of a spec and of its parts (layers, concatenated views), in order. */
export function chartRows(spec: Record<string, unknown>): Row[] {
  const out: Row[] = [];
  const walk = (s: unknown) => {
    if (!s || typeof s !== "object") return;
    const node = s as Record<string, unknown>;
    const values = (node.data as { values?: unknown } | undefined)?.values;
    if (Array.isArray(values)) out.push(...values.filter((v): v is Row => !!v && typeof v === "object"));
    for (const key of ["layer", "hconcat", "vconcat", "concat"]) {
      const parts = node[key];
      if (Array.isArray(parts)) parts.forEach(walk);
    }
    if (node.spec) walk(node.spec);
  };
  walk(spec);
  return out;
}

/** The chart's figures as rows, when it could not be drawn and the answer has no table of its own. */
function FiguresTable({ rows }: { rows: Row[] }) {
  // "key" is the chart's own id for a row (a SKU); the label beside it names the row for a person
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => c !== "key");
  if (!rows.length || !columns.length) return null;
  return (
    <div className="table-wrap" tabIndex={0} role="region" aria-label="The chart's figures">
      <table>
        <thead>
          <tr>{columns.map((c) => <th key={c} scope="col">{c}</th>)}</tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <tr key={i}>{columns.map((c) => <td key={c}>{cell(r[c])}</td>)}</tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export default function Chart({ spec, label, hasTable = false }: {
  spec: Record<string, unknown>;
  label: string;
  /** The answer's table is shown beside the chart: a chart that fails points to it rather than repeating it. */
  hasTable?: boolean;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  // the frame keeps its height while Vega loads (no jump); once drawn, it is as tall as the chart (a one-row band)
  const [drawn, setDrawn] = useState(false);

  useEffect(() => {
    setFailed(false);
    setDrawn(false);
  }, [spec]);

  useEffect(() => {
    if (!ref.current || failed) return;
    let finalize: (() => void) | undefined;
    let cancelled = false;
    const full = (COMPOUND.some((k) => k in spec) ? spec : { width: "container", ...spec }) as Record<string, unknown>;
    embed(ref.current, full as never, {
      actions: false,
      renderer: "canvas",
      ast: true,
      expr: expressionInterpreter,
      defaultStyle: false,
      tooltip: false,
    })
      .then((result) => {
        if (cancelled) {
          result.finalize();
          return;
        }
        finalize = () => result.finalize();
        const scene = (result.view.scenegraph() as unknown as { root?: SceneNode }).root;
        if (!drewMarks(scene)) setFailed(true); // drawn without a single mark: an empty frame, not a chart
        else setDrawn(true);
      })
      .catch(() => {
        if (!cancelled) setFailed(true);
      });
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec, failed]);

  if (failed) {
    return (
      <div className="chart-failed" data-testid="chart-failed">
        <p className="muted small">
          {hasTable
            ? "The chart could not be drawn; the figures are in the table below."
            : "The chart could not be drawn; its figures:"}
        </p>
        {hasTable ? null : <FiguresTable rows={chartRows(spec)} />}
      </div>
    );
  }
  return <div className={drawn ? "chart drawn" : "chart"} ref={ref} role="img" aria-label={label} data-testid="chart" />;
}
