// Dashboard: KPI tiles with period-over-period change and the revenue trend (the metrics layer,
// POST /v1/metrics:query), the all-time review KPIs (undated reviews included), open alerts, data freshness per
// kind. Every number links to the question that explains it.
import { lazy, Suspense, useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { useQuery } from "@tanstack/react-query";
import { api, ApiError } from "../api/client";
import { alertsQuery } from "../api/alerts";
import type { DatasetSummary, MetricResult, TenantSettings } from "../api/types";
import { count, money, pct } from "../format";
import { KIND_LABEL } from "../kinds";
import { periodEnding } from "../dates";
import { Empty, ErrorNote, Loading } from "../components/Status";
import { Insights } from "../components/Insights";
import { ReviewKpis } from "../components/ReviewKpis";

const Chart = lazy(() => import("../components/Chart"));

const PERIODS = [7, 30, 90, 365] as const;

interface Tile {
  metric: string;
  label: string;
  kind: "money" | "count" | "pct";
  question: (days: number) => string;
}

export const TILES: Tile[] = [
  { metric: "revenue", label: "Revenue", kind: "money", question: (d) => `What was revenue in the last ${d} days?` },
  { metric: "orders", label: "Orders", kind: "count", question: (d) => `How many orders did we have in the last ${d} days?` },
  { metric: "aov", label: "Average order value", kind: "money", question: (d) => `What was the average order value in the last ${d} days?` },
  { metric: "units", label: "Units sold", kind: "count", question: (d) => `How many units did we sell in the last ${d} days?` },
  { metric: "margin", label: "Margin", kind: "money", question: (d) => `What was our margin in the last ${d} days?` },
];

/** The metrics endpoint is not part of this build (404 from the gateway, 501 for a missing function). */
function unavailable(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 404 || err.status === 501);
}

function ask(q: string) {
  return `/ask?${new URLSearchParams({ q, go: "1" })}`;
}

export function DashboardPage() {
  const [days, setDays] = useState<number>(30);
  const settings = useQuery({ queryKey: ["settings"], queryFn: () => api<TenantSettings>("/v1/settings") });
  const data = useQuery({ queryKey: ["datasets"], queryFn: () => api<DatasetSummary>("/v1/datasets") });
  const alerts = useQuery(alertsQuery("open"));
  const lastSale = data.data?.kinds.find((k) => k.kind === "sales")?.last?.slice(0, 10) ?? null;
  const reviews = data.data?.kinds.find((k) => k.kind === "reviews");
  const range = useMemo(() => (lastSale ? periodEnding(lastSale, days) : null), [lastSale, days]);
  const currency = settings.data?.currency ?? "USD";

  const kpis = useQuery({
    queryKey: ["kpis", range],
    enabled: !!range,
    queryFn: () => api<MetricResult>("/v1/metrics:query", {
      method: "POST",
      body: { metrics: TILES.map((t) => t.metric), time_range: range, compare: "previous_period" },
    }),
  });
  const trend = useQuery({
    queryKey: ["trend", range],
    // after the tiles: the KPI query does not wait behind it on the server
    enabled: !!range && !kpis.isLoading,
    queryFn: () => api<MetricResult>("/v1/metrics:query", {
      method: "POST",
      body: { metrics: ["revenue"], dimensions: ["date"], grain: days > 90 ? "week" : "day", time_range: range },
    }),
  });
  const trendSpec = useMemo(() => trend.data && {
    $schema: "https://vega.github.io/schema/vega-lite/v5.json",
    height: 220,
    data: { values: trend.data.rows },
    mark: { type: "line", point: false },
    encoding: {
      x: { field: "date", type: "temporal", title: null },
      y: { field: "revenue", type: "quantitative", title: `Revenue (${currency})` },
    },
  }, [trend.data, currency]);

  const row = kpis.data?.rows[0] ?? {};
  const fmt = (t: Tile, v: unknown) => (typeof v !== "number" ? "–" : t.kind === "money" ? money(v, kpis.data?.currency ?? currency) : count(v));

  return (
    <section>
      <div className="page-head">
        <h1>Dashboard</h1>
        <div className="periods" role="group" aria-label="Period">
          {PERIODS.map((d) => (
            <button key={d} type="button" className={d === days ? "chip active" : "chip"} aria-pressed={d === days}
                    onClick={() => setDays(d)}>{d === 365 ? "12 months" : `${d} days`}</button>
          ))}
        </div>
      </div>
      {data.isLoading ? <Loading /> : null}
      <ErrorNote error={data.error} />
      {data.data && !lastSale ? (
        <Empty>No sales yet. <Link to="/upload">Upload your sales CSV</Link> to see your numbers here.</Empty>
      ) : null}
      {range ? (
        <>
          <p className="muted small">{range.start} – {range.end}, compared with the {days} days before.</p>
          {unavailable(kpis.error) ? (
            <p className="note" role="status">KPIs need the metrics layer (POST /v1/metrics:query), which this server does not have yet.</p>
          ) : <ErrorNote error={kpis.error} />}
          <ul className="tiles" aria-busy={kpis.isLoading}>
            {TILES.map((t) => {
              const change = row[`${t.metric}_change_pct`];
              return (
                <li key={t.metric} className="tile" data-testid={`kpi-${t.metric}`}>
                  <Link to={ask(t.question(days))}>
                    <span className="tile-label">{t.label}</span>
                    <span className="tile-value">{kpis.isLoading ? "…" : fmt(t, row[t.metric])}</span>
                    <span className={`tile-change ${typeof change === "number" ? (change >= 0 ? "up" : "down") : ""}`}>
                      {typeof change === "number" ? `${pct(change)} vs previous` : "\u00a0"}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
          <section className="card">
            <h2>Revenue trend</h2>
            {unavailable(trend.error) ? <p className="muted">Not available on this server yet.</p> : <ErrorNote error={trend.error} />}
            {trendSpec ? (
              <Suspense fallback={<Loading what="Drawing the chart" />}>
                <Chart spec={trendSpec} label={`Revenue per ${days > 90 ? "week" : "day"}, ${range.start} to ${range.end}`} />
              </Suspense>
            ) : trend.isLoading ? <Loading /> : null}
          </section>
          <Insights range={range} enabled={!kpis.isLoading && !unavailable(kpis.error)}
                    reviews={reviews ? { total: reviews.rows, undated: reviews.undated ?? 0 } : undefined} />
        </>
      ) : null}
      {/* with or without sales: a shop whose reviews have no dates still has its rating and review count */}
      {reviews && reviews.rows > 0 ? <ReviewKpis summary={reviews} enabled={!range || !kpis.isLoading} /> : null}
      <div className="grid2">
        <section className="card">
          <h2>Open alerts</h2>
          {alerts.isLoading ? <Loading /> : null}
          <ErrorNote error={alerts.error} />
          {alerts.data ? (
            alerts.data.items.length ? (
              <>
                <p><Link to="/alerts">{count(alerts.data.items.length)} open</Link></p>
                <ul>{alerts.data.items.slice(0, 5).map((a) => <li key={a.alert_id}>{a.title}</li>)}</ul>
              </>
            ) : <p className="muted">No open alerts.</p>
          ) : null}
        </section>
        <section className="card">
          <h2>Data freshness</h2>
          {data.data ? (
            <table>
              <thead><tr><th scope="col">Kind</th><th scope="col">Rows</th><th scope="col">Latest</th></tr></thead>
              <tbody>
                {data.data.kinds.map((k) => (
                  <tr key={k.kind}>
                    <td>{KIND_LABEL[k.kind] ?? k.kind}</td>
                    <td>{count(k.rows)}</td>
                    <td>{k.last ? k.last.slice(0, 10) : k.undated ? "no dates" : "none yet"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </section>
      </div>
    </section>
  );
}
