// The answer's Vega-Lite v5 spec, rendered as it is. Loaded lazily (vega is most of the bundle) and run with
// the expression interpreter, so the strict CSP needs no 'unsafe-eval'; no injected styles, no actions menu.
import { useEffect, useRef, useState } from "react";
import embed from "vega-embed";
import { expressionInterpreter } from "vega-interpreter";

export default function Chart({ spec, label }: { spec: Record<string, unknown>; label: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!ref.current) return;
    let finalize: (() => void) | undefined;
    let cancelled = false;
    const full = { width: "container", ...spec } as Record<string, unknown>;
    embed(ref.current, full as never, {
      actions: false,
      renderer: "canvas",
      ast: true,
      expr: expressionInterpreter,
      defaultStyle: false,
      tooltip: false,
    })
      .then((result) => {
        if (cancelled) result.finalize();
        else finalize = () => result.finalize();
      })
      .catch((err: unknown) => setError(err instanceof Error ? err.message : String(err)));
    return () => {
      cancelled = true;
      finalize?.();
    };
  }, [spec]);

  if (error) return <p className="muted">The chart could not be drawn: {error}</p>;
  return <div className="chart" ref={ref} role="img" aria-label={label} data-testid="chart" />;
}
