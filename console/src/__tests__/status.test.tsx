import { afterEach, describe, expect, it, vi } from "vitest";
import { render, screen } from "@testing-library/react";
import { ApiError, UNREACHABLE, api } from "../api/client";
import { ErrorNote } from "../components/Status";

afterEach(() => vi.unstubAllGlobals());

describe("a server that does not answer", () => {
  it("is said in words, not as the browser's 'Failed to fetch', and stays retryable (status 0)", async () => {
    // what fetch rejects with when the server is down (Chromium's wording; Firefox and Safari word it otherwise)
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(new TypeError("Failed to fetch"))));
    const error = await api("/v1/datasets").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(0);
    render(<ErrorNote error={error} />);
    const note = screen.getByRole("alert");
    expect(note.textContent).not.toContain("Failed to fetch");
    expect(note.textContent).toContain(UNREACHABLE);
  });

  it("leaves an abort as it is (the caller's own doing)", async () => {
    const abort = new DOMException("aborted", "AbortError");
    vi.stubGlobal("fetch", vi.fn(() => Promise.reject(abort)));
    expect(await api("/v1/datasets").catch((e: unknown) => e)).toBe(abort);
  });
});
