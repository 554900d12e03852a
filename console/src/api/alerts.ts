// The alerts list, one query definition for every page that shows it (the Dashboard's open alerts and the
// Alerts page share the cache entry ["alerts", status], so an acknowledgement updates both).
import { queryOptions } from "@tanstack/react-query";
import { api } from "./client";
import type { AlertPage } from "./types";

export const ALERT_STATUSES = ["open", "acknowledged", "resolved"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/** While the Alerts page is open it asks again this often: the alerts run raises alerts on its own. */
export const ALERTS_POLL_MS = 60_000;

export function alertsQuery(status: AlertStatus) {
  return queryOptions({
    queryKey: ["alerts", status] as const,
    queryFn: ({ signal }) => api<AlertPage>("/v1/alerts", { query: { status }, signal }),
  });
}
