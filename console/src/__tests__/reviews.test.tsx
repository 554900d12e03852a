// Review KPIs with undated reviews (a review set that publishes no dates, as Women's E-Commerce Clothing
// Reviews): the Dashboard shows the all-time rating and count over every review and says how many have no
// date; a trend says what it left out. The Data page lists each ingestion's upload currency.
import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, within } from "@testing-library/react";
import { clearToken, setToken } from "../auth/session";
import { DashboardPage } from "../pages/Dashboard";
import { DataPage } from "../pages/Data";
import { allTimeNote, leftOutNote } from "../components/ReviewKpis";
import { fakeToken, renderAt, serve } from "./helpers";

afterEach(() => {
  clearToken();
  vi.unstubAllGlobals();
});

const kind = (k: string, rows: number, first: string | null, last: string | null, undated = 0) =>
  ({ kind: k, rows, first, last, undated, last_ingestion: null });

function api(kinds: object[], answer: (body: Record<string, unknown>) => object) {
  return serve((url, init) => {
    if (url.startsWith("/v1/settings")) return { body: { currency: "USD", timezone: "UTC", llm_monthly_budget_usd: 10 } };
    if (url.startsWith("/v1/datasets")) return { body: { kinds, syncs: [] } };
    if (url.startsWith("/v1/alerts")) return { body: { items: [] } };
    if (url === "/v1/metrics:query") return { body: answer(JSON.parse(String(init.body))) };
    return { status: 404, body: { error: { code: "not_found", message: `no ${url}` } } };
  });
}

describe("review KPIs", () => {
  it("count every review of a shop whose reviews have no date, over all time", async () => {
    setToken(fakeToken("viewer"));
    const calls = api([kind("sales", 0, null, null), kind("reviews", 23486, null, null, 23486)],
                      () => ({ columns: ["avg_rating", "review_count"], rows: [{ avg_rating: 4.196, review_count: 23486 }] }));
    renderAt("/", <DashboardPage />);
    const tiles = await screen.findByTestId("review-kpis");
    expect(await within(tiles).findByText("4.20 / 5")).toBeInTheDocument();
    expect(within(screen.getByTestId("kpi-review_count")).getByText("23,486")).toBeInTheDocument();
    expect(screen.getByTestId("review-kpis-scope")).toHaveTextContent("All time: every review, 23,486 reviews without a date included.");
    // the figures are asked with no time range: the server then counts undated reviews too
    const asked = calls.filter((c) => c.url === "/v1/metrics:query").map((c) => JSON.parse(String(c.init.body)));
    expect(asked).toEqual([{ metrics: ["avg_rating", "review_count"] }]);
    expect(screen.getByText(/No sales yet/)).toBeInTheDocument();
    expect(screen.getByText("no dates")).toBeInTheDocument();  // data freshness: stored, but never "latest"
  });

  it("says how many reviews a period's trend left out beside the sales KPIs", async () => {
    setToken(fakeToken("viewer"));
    api([kind("sales", 40, "2026-01-01", "2026-03-31"), kind("reviews", 12, "2026-02-01", "2026-03-20", 5)], (body) => {
      const metrics = body.metrics as string[];
      if (metrics.includes("avg_rating") && !body.dimensions) return { columns: metrics, rows: [{ avg_rating: 3.5, review_count: 12 }] };
      if (metrics.includes("avg_rating")) return { columns: ["date", ...metrics], rows: [{ date: "2026-02-02", avg_rating: 4, review_count: 7 }] };
      return { columns: metrics, rows: [] };
    });
    renderAt("/", <DashboardPage />);
    expect(await screen.findByTestId("sentiment-undated")).toHaveTextContent("5 reviews have no date and were left out of this trend.");
    expect(await within(screen.getByTestId("kpi-review_count")).findByText("12")).toBeInTheDocument();
    expect(screen.getByTestId("review-kpis-scope")).toHaveTextContent("5 reviews without a date included.");
  });

  it("shows no review KPIs to a shop without reviews", async () => {
    setToken(fakeToken("viewer"));
    api([kind("sales", 0, null, null), kind("reviews", 0, null, null)], () => ({ columns: [], rows: [] }));
    renderAt("/", <DashboardPage />);
    await screen.findByText(/No sales yet/);
    expect(screen.queryByTestId("review-kpis")).toBeNull();
  });

  it("words the notes as the question layer does", () => {
    expect(allTimeNote(0)).toBe("All time: every review.");
    expect(allTimeNote(1)).toBe("All time: every review, 1 review without a date included.");
    expect(leftOutNote(0, 10, "trend")).toBeNull();
    expect(leftOutNote(1, 10, "period")).toBe("1 review has no date and was left out of this period.");
    expect(leftOutNote(10, 10, "trend")).toMatch(/^Your 10 reviews have no date: none can be placed in a trend/);
  });
});

describe("Data page", () => {
  it("lists each ingestion's upload currency", async () => {
    setToken(fakeToken("viewer"));
    const ing = (id: string, name: string, currency: string | null) => ({
      ingestion_id: id, kind: "sales", status: "processed", source: "upload", original_filename: name, rows_read: 2,
      accepted: 2, rejected: 0, duplicates: 0, finished_at: "2026-12-01T10:00:00Z", currency });
    serve((url) => {
      if (url.startsWith("/v1/datasets/ingestions")) return { body: { items: [ing("ing_1", "eu.csv", "EUR"), ing("ing_2", "plain.csv", null)] } };
      if (url.startsWith("/v1/datasets")) return { body: { kinds: [kind("reviews", 3, null, null, 3)], syncs: [] } };
      return { status: 404, body: {} };
    });
    renderAt("/data", <DataPage />);
    const eu = (await screen.findByText("eu.csv")).closest("tr") as HTMLElement;
    const headers = Array.from(eu.closest("table")!.querySelectorAll("th")).map((th) => th.textContent);
    const cells = Array.from(eu.querySelectorAll("td")).map((td) => td.textContent);
    expect(cells[headers.indexOf("Currency")]).toBe("EUR");
    const plain = screen.getByText("plain.csv").closest("tr") as HTMLElement;
    expect(Array.from(plain.querySelectorAll("td")).map((td) => td.textContent)[headers.indexOf("Currency")]).toBe("–");
    expect(screen.getByText("3 (3 without a date)")).toBeInTheDocument();
  });
});
