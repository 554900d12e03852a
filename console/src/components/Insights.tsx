// The dashboard's second row: price position (SKUs above / at / below the market), stock at risk (stockout and
// overstock by days of cover) and the sentiment trend. Loaded after the KPI tiles so they stay first.
import { lazy, Suspense, useMemo } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { api } from "../api/client";
import type { MetricResult } from "../api/types";
import { count } from "../format";
import { ErrorNote, Loading } from "./Status";
import { leftOutNote } from "./ReviewKpis";

const Chart = lazy(() => import("./Chart"));

/** Price index bands: within 2% of the market median counts as "at the market". */
export const ABOVE = 102;
export const BELOW = 98;
/** Days of cover: under STOCKOUT_DAYS risks running out, over OVERSTOCK_DAYS is overstock. */
export const STOCKOUT_DAYS = 14;
export const OVERSTOCK_DAYS = 120;

function ask(q: string) {
  return `/ask?${new URLSearchParams({ q, go: "1" })}`;
}

function metricQuery(body: object) {
  return api<MetricResult>("/v1/metrics:query", { method: "POST", body });
}

export function pricePosition(rows: MetricResult["rows"]) {
  const idx = rows.map((r) => r.price_index).filter((v): v is number => typeof v === "number");
  return { above: idx.filter((v) => v > ABOVE).length, at: idx.filter((v) => v >= BELOW && v <= ABOVE).length, below: idx.filter((v) => v < BELOW).length };
}

export function stockAtRisk(rows: MetricResult["rows"]) {
  const cover = rows.map((r) => r.days_of_cover).filter((v): v is number => typeof v === "number");
  return { stockout: cover.filter((v) => v < STOCKOUT_DAYS).length, overstock: cover.filter((v) => v > OVERSTOCK_DAYS).length, total: cover.length };
}

/** ``reviews``: how many the tenant has and how many have no date (the trend says what it left out). */
export function Insights({ range, enabled, reviews }: {
  range: { start: string; end: string }; enabled: boolean; reviews?: { total: number; undated: number };
}) {
  const prices = useQuery({
    queryKey: ["price-position", range], enabled,
    queryFn: () => metricQuery({ metrics: ["price_index"], dimensions: ["sku"], time_range: range, limit: 1000 }),
  });
  const stock = useQuery({
    queryKey: ["stock-risk", range], enabled,
    queryFn: () => metricQuery({ metrics: ["days_of_cover"], dimensions: ["sku"], time_range: range, limit: 1000 }),
  });
  const sentimentRange = useMemo(() => {
    const end = new Date(`${range.end}T00:00:00Z`);
    return { start: new Date(end.getTime() - 181 * 86_400_000).toISOString().slice(0, 10), end: range.end };
  }, [range.end]);
  const sentiment = useQuery({
    queryKey: ["sentiment-trend", sentimentRange], enabled,
    queryFn: () => metricQuery({ metrics: ["avg_rating", "review_count"], dimensions: ["date"], grain: "week", time_range: sentimentRange }),
  });
  const spec = useMemo(() => sentiment.data && {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    height: 160,
    data: { values: sentiment.data.rows.filter((r) => typeof r.avg_rating === "number") },
    mark: { type: "line", point: true },
    encoding: {
      x: { field: "date", type: "temporal", title: null },
      y: { field: "avg_rating", type: "quantitative", title: "Average rating", scale: { domain: [1, 5] } },
    },
  }, [sentiment.data]);
  const leftOut = reviews ? leftOutNote(reviews.undated, reviews.total, "trend") : null;
  const pos = prices.data && pricePosition(prices.data.rows);
  const risk = stock.data && stockAtRisk(stock.data.rows);

  return (
    <div className="grid3">
      <section className="card" data-testid="price-position">
        <h2>Price position</h2>
        <ErrorNote error={prices.error} />
        {prices.isLoading ? <Loading /> : null}
        {pos ? (
          pos.above + pos.at + pos.below ? (
            <ul className="figures">
              <li><Link to={ask("Which SKUs are priced above the market?")}><strong>{count(pos.above)}</strong> SKUs above the market</Link></li>
              <li><strong>{count(pos.at)}</strong> at the market (±2%)</li>
              <li><Link to={ask("Which SKUs are priced below the market?")}><strong>{count(pos.below)}</strong> SKUs below the market</Link></li>
            </ul>
          ) : <p className="muted">No competitor prices in this period.</p>
        ) : null}
      </section>
      <section className="card" data-testid="stock-risk">
        <h2>Stock at risk</h2>
        <ErrorNote error={stock.error} />
        {stock.isLoading ? <Loading /> : null}
        {risk ? (
          risk.total ? (
            <ul className="figures">
              <li><Link to={ask("Which products risk a stockout in the next 2 weeks?")}><strong>{count(risk.stockout)}</strong> SKUs under {STOCKOUT_DAYS} days of cover</Link></li>
              <li><Link to={ask("Which products are overstocked?")}><strong>{count(risk.overstock)}</strong> SKUs over {OVERSTOCK_DAYS} days of cover</Link></li>
            </ul>
          ) : <p className="muted">No inventory snapshots in this period.</p>
        ) : null}
      </section>
      <section className="card" data-testid="sentiment-trend">
        <h2>Sentiment trend</h2>
        <ErrorNote error={sentiment.error} />
        {sentiment.isLoading ? <Loading /> : null}
        {spec && spec.data.values.length ? (
          <>
            <Suspense fallback={<Loading what="Drawing the chart" />}>
              <Chart spec={spec} label={`Average rating per week, ${sentimentRange.start} to ${sentimentRange.end}`} />
            </Suspense>
            <p className="small"><Link to={ask("What are customers complaining about in their reviews over the last 90 days?")}>What are customers saying?</Link></p>
          </>
        ) : sentiment.data && !leftOut ? <p className="muted">No reviews in this period.</p> : null}
        {sentiment.data && leftOut ? <p className="muted small" data-testid="sentiment-undated">{leftOut}</p> : null}
      </section>
    </div>
  );
}
