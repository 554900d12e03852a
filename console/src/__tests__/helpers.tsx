import type { ReactElement } from "react";
import { render } from "@testing-library/react";
import { MemoryRouter, Route, Routes } from "react-router-dom";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { vi } from "vitest";
import { AuthProvider } from "../auth/AuthContext";

/** A JWT with these claims (unsigned: the console only reads claims; the API verifies). */
export function fakeToken(role: "viewer" | "analyst" | "admin", expIn = 3600): string {
  const enc = (o: object) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${enc({ alg: "HS256" })}.${enc({ sub: "u1", tid: "t-1", role, exp: Math.floor(Date.now() / 1000) + expIn })}.sig`;
}

export function renderAt(path: string, element: ReactElement, routePath = "*") {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter initialEntries={[path]}>
        <AuthProvider>
          <Routes>
            <Route path={routePath} element={element} />
            <Route path="/signin" element={<p>sign-in page</p>} />
          </Routes>
        </AuthProvider>
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

type Handler = (url: string, init: RequestInit) => { status?: number; body?: unknown; headers?: Record<string, string> };

/** Replace fetch with a table of answers by method and path; returns the calls made. */
export function serve(handler: Handler) {
  const calls: { url: string; init: RequestInit }[] = [];
  vi.stubGlobal("fetch", vi.fn(async (url: string, init: RequestInit = {}) => {
    calls.push({ url, init });
    const { status = 200, body = {}, headers = {} } = handler(url, init);
    return new Response(status === 204 ? null : JSON.stringify(body),
                        { status, headers: { "Content-Type": "application/json", ...headers } });
  }));
  return calls;
}
