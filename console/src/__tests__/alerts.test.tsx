// The Alerts page reached through the nav link after the Dashboard cached an empty list of open alerts, while
// the alerts run has since raised one: the page must show it, never the cached "No open alerts" (the journey's
// CI flake). Uses the app's own query client (staleTime, retry policy), not the tests' retry-less one.
import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { QueryClientProvider } from "@tanstack/react-query";
import { AuthProvider } from "../auth/AuthContext";
import { clearToken, setToken } from "../auth/session";
import { Layout } from "../components/Layout";
import { AlertsPage } from "../pages/Alerts";
import { DashboardPage } from "../pages/Dashboard";
import { makeQueryClient, retryDelay } from "../queryClient";
import { ApiError } from "../api/client";
import { fakeToken, serve } from "./helpers";

afterEach(() => {
  clearToken();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const ALERT = {
  alert_id: "a-1", rule: "stockout_risk", sku: "SKU-7", severity: "high", title: "SKU-7 runs out in 4 days",
  reason: "12 units left, selling 3 a day", status: "open", created_at: "2026-11-30T08:00:00Z",
};
const RULES = {
  enabled: ["stockout_risk"], undercut_pct: 5, price_move_pct: 10, hysteresis_ratio: 0.8, default_lead_time_days: 14,
  overstock_days: 120, sales_window_days: 28, sentiment_drop_stars: 0.5, sentiment_min_reviews: 5,
  fake_review_score: 0.8, fake_spike_min: 5, fake_spike_ratio: 3, daily_cap_per_rule: 10,
};

type AlertsAnswer = () => { status?: number; body?: unknown; headers?: Record<string, string> };

/** The API as the two pages see it; ``alerts`` answers GET /v1/alerts?status=open (changed by each test). */
function api(state: { alerts: AlertsAnswer }) {
  return serve((url) => {
    if (url.startsWith("/v1/alerts?status=open")) return state.alerts();
    if (url.startsWith("/v1/alerts?")) return { body: { items: [] } };
    if (url.startsWith("/v1/alert-rules")) return { body: RULES };
    if (url.startsWith("/v1/settings")) return { body: { currency: "EUR", timezone: "UTC", llm_monthly_budget_usd: 10 } };
    if (url.startsWith("/v1/datasets")) return { body: { kinds: [], syncs: [] } };
    return { status: 404, body: { error: { code: "not_found", message: `no ${url}` } } };
  });
}

function renderApp() {
  setToken(fakeToken("analyst"));
  return render(
    <QueryClientProvider client={makeQueryClient()}>
      <MemoryRouter initialEntries={["/"]}>
        <AuthProvider>
          <Routes>
            <Route element={<Layout />}>
              <Route index element={<DashboardPage />} />
              <Route path="alerts" element={<AlertsPage />} />
            </Route>
          </Routes>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

const openCalls = (calls: { url: string }[]) => calls.filter((c) => c.url.startsWith("/v1/alerts?status=open")).length;

describe("Alerts page after the Dashboard cached an empty list", () => {
  it("asks again on opening, even within the cache's freshness window, and shows the new alert", async () => {
    const state: { alerts: AlertsAnswer } = { alerts: () => ({ body: { items: [] } }) };
    const calls = api(state);
    renderApp();
    expect(await screen.findByText("No open alerts.")).toBeInTheDocument(); // the Dashboard's list, now cached
    state.alerts = () => ({ body: { items: [ALERT] } }); // the alerts run raised one
    await userEvent.setup().click(screen.getByRole("link", { name: "Alerts" })); // well within staleTime
    expect(await screen.findByText(ALERT.title)).toBeInTheDocument();
    expect(screen.queryByText(/No open alerts/)).toBeNull();
    expect(openCalls(calls)).toBe(2);
  });

  it("never says 'No open alerts' from the cache while its own request is outstanding or refused", async () => {
    const state: { alerts: AlertsAnswer } = { alerts: () => ({ body: { items: [] } }) };
    const calls = api(state);
    renderApp();
    await screen.findByText("No open alerts.");
    // the first ask is refused by the rate limiter (429, Retry-After: 0), as under a loaded full run
    let refusals = 1;
    state.alerts = () => refusals-- > 0
      ? { status: 429, headers: { "Retry-After": "0" }, body: { error: { code: "rate_limited", message: "rate limit exceeded (key); retry in 0s" } } }
      : { body: { items: [ALERT] } };
    await userEvent.setup().click(screen.getByRole("link", { name: "Alerts" }));
    expect(await screen.findByRole("heading", { name: "Alerts" })).toBeInTheDocument();
    expect(screen.queryByText(/No open alerts/)).toBeNull(); // the cached empty list is not an answer
    expect(await screen.findByText(ALERT.title)).toBeInTheDocument(); // the 429 was retried
    expect(openCalls(calls)).toBe(3);
    expect(screen.queryByRole("alert")).toBeNull(); // no error left on the page
  });

  it("says there are none once its own request answered so", async () => {
    const state: { alerts: AlertsAnswer } = { alerts: () => ({ body: { items: [] } }) };
    api(state);
    renderApp();
    await screen.findByText("No open alerts.");
    await userEvent.setup().click(screen.getByRole("link", { name: "Alerts" }));
    expect(await screen.findByText("No open alerts.")).toBeInTheDocument();
  });
});

describe("retry policy", () => {
  it("waits what the server asked for, else backs off, at most 30 s", () => {
    const limited = new ApiError(429, { code: "rate_limited", message: "slow down" }, 7);
    expect(retryDelay(0, limited)).toBe(7000);
    expect(retryDelay(0, new ApiError(429, { code: "rate_limited", message: "x" }, 600))).toBe(30_000);
    expect(retryDelay(2, new ApiError(503, { code: "unavailable", message: "x" }))).toBe(4000);
  });
});
