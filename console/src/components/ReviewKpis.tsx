// The review KPIs: average rating and number of reviews over every review, dated or not. Some review sets
// publish no dates (Women's E-Commerce Clothing Reviews): those reviews count in all-time figures, as the
// question layer counts them for a question that names no period (shared/questions/undated.py), and a period
// or a trend says how many it left out.
import { Link } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import type { KindSummary, MetricResult } from "../api/types";
import { count } from "../format";
import { ErrorNote } from "./Status";

export const REVIEW_TILES = [
  { metric: "avg_rating", label: "Average rating", question: "What is our average rating?" },
  { metric: "review_count", label: "Reviews", question: "How many reviews do we have?" },
] as const;

function reviews(n: number): string {
  return `${count(n)} review${n === 1 ? "" : "s"}`;
}

/** What the all-time figures hold: every review, and how many of them have no date. */
export function allTimeNote(undated: number): string {
  return undated ? `All time: every review, ${reviews(undated)} without a date included.` : "All time: every review.";
}

/** What a period or a trend of reviews says it left out (null when it left nothing out). */
export function leftOutNote(undated: number, total: number, what: "period" | "trend"): string | null {
  if (!undated) return null;
  if (undated >= total) return `Your ${reviews(undated)} have no date: none can be placed in a ${what}. The review figures above count them all.`;
  return `${reviews(undated)} ${undated === 1 ? "has" : "have"} no date and ${undated === 1 ? "was" : "were"} left out of this ${what}.`;
}

function ask(q: string) {
  return `/ask?${new URLSearchParams({ q, go: "1" })}`;
}

function rating(v: unknown): string {
  return typeof v === "number" ? `${v.toFixed(2)} / 5` : "–";
}

/** ``enabled``: false while the sales KPIs load, so their query does not wait behind this one on the server. */
export function ReviewKpis({ summary, enabled = true }: { summary: KindSummary; enabled?: boolean }) {
  const kpis = useQuery({
    queryKey: ["review-kpis", summary.rows],
    enabled,
    // no time range: all the data, so reviews without a date count too
    queryFn: () => api<MetricResult>("/v1/metrics:query", { method: "POST", body: { metrics: REVIEW_TILES.map((t) => t.metric) } }),
  });
  const row = kpis.data?.rows[0] ?? {};
  return (
    <section aria-labelledby="review-kpis-head" data-testid="review-kpis">
      <h2 id="review-kpis-head">Reviews</h2>
      <p className="muted small" data-testid="review-kpis-scope">{allTimeNote(summary.undated ?? 0)}</p>
      <ErrorNote error={kpis.error} />
      <ul className="tiles" aria-busy={kpis.isPending}>
        {REVIEW_TILES.map((t) => (
          <li key={t.metric} className="tile" data-testid={`kpi-${t.metric}`}>
            <Link to={ask(t.question)}>
              <span className="tile-label">{t.label}</span>
              <span className="tile-value">
                {kpis.isPending ? "…" : t.metric === "avg_rating" ? rating(row[t.metric]) : typeof row[t.metric] === "number" ? count(row[t.metric] as number) : "–"}
              </span>
              <span className="tile-change">all time</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
