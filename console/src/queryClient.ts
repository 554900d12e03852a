// The one query client of the console and its policy for server state.
//
// Background jobs (ingestion, the hourly alerts run, deep questions) change what the pages show without the
// browser doing anything, so cached answers are only briefly fresh. A refused or failed read is retried when
// retrying can help: 429 (after the server's Retry-After), 5xx and network errors; other 4xx answers are the
// caller's mistake and are shown at once.
import { QueryClient } from "@tanstack/react-query";
import { ApiError } from "./api/client";

/** How long an answer counts as fresh: a page opened within this window shows it without asking again. */
export const STALE_MS = 5_000;
/** Retries of one read before its error is shown. */
export const MAX_RETRIES = 3;
const MAX_DELAY_MS = 30_000;

/** True when asking again may succeed: rate limited, a server or network failure. */
export function retryable(err: unknown): boolean {
  if (!(err instanceof ApiError)) return true; // fetch's TypeError: the network
  return err.status === 0 || err.status === 429 || err.status >= 500;
}

/** The server's Retry-After when it gave one, else exponential backoff from 1 s; at most 30 s. */
export function retryDelay(attempt: number, err: unknown): number {
  if (err instanceof ApiError && err.retryAfter !== undefined) return Math.min(err.retryAfter * 1000, MAX_DELAY_MS);
  return Math.min(1000 * 2 ** attempt, MAX_DELAY_MS);
}

export function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: STALE_MS,
        refetchOnWindowFocus: false,
        retry: (failures, err) => failures < MAX_RETRIES && retryable(err),
        retryDelay,
      },
    },
  });
}
