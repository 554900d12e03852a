import { afterEach, describe, expect, it, vi } from "vitest";
import { can, clearToken, currentClaims, decodeClaims, getToken, setToken } from "../auth/session";
import { safeNext } from "../auth/AuthContext";
import { api, ApiError, SESSION_EXPIRED } from "../api/client";
import { guessKind } from "../kinds";
import { fakeToken, serve } from "./helpers";

afterEach(() => {
  clearToken();
  vi.unstubAllGlobals();
});

describe("session", () => {
  it("keeps the token in sessionStorage, never in a cookie", () => {
    setToken(fakeToken("analyst"));
    expect(sessionStorage.getItem("ecomintel.token")).toBe(getToken());
    expect(document.cookie).toBe("");
    expect(currentClaims()?.role).toBe("analyst");
  });

  it("drops an expired token", () => {
    setToken(fakeToken("admin", -10));
    expect(getToken()).toBeNull();
    expect(sessionStorage.getItem("ecomintel.token")).toBeNull();
  });

  it("refuses malformed claims", () => {
    expect(decodeClaims("a.b.c")).toBeNull();
    const [head, , sig] = fakeToken("admin").split(".");
    const owner = btoa(JSON.stringify({ sub: "u", tid: "t", role: "owner", exp: 9e9 }));
    expect(decodeClaims(`${head}.${owner}.${sig}`)).toBeNull();
  });

  it("ranks roles", () => {
    expect(can("admin", "analyst")).toBe(true);
    expect(can("viewer", "analyst")).toBe(false);
    expect(can(undefined, "viewer")).toBe(false);
  });

  it("only follows in-app paths after sign-in", () => {
    expect(safeNext("/upload?x=1")).toBe("/upload?x=1");
    for (const bad of ["https://evil.example", "//evil.example", "javascript:alert(1)", null, "/signin"]) {
      expect(safeNext(bad)).toBe("/");
    }
  });
});

describe("api client", () => {
  it("turns the error shape into words, with every bad field", async () => {
    serve(() => ({ status: 400, body: { error: { code: "invalid_argument", message: "invalid request", details: { errors: [{ field: "email", message: "is not an e-mail" }] }, request_id: "r1" } } }));
    const err = (await api("/v1/auth/login", { method: "POST", body: {}, anonymous: true }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.words).toBe("invalid request: email is not an e-mail");
  });

  it("ends the session on a 401 and says so", async () => {
    setToken(fakeToken("admin"));
    const calls = serve(() => ({ status: 401, body: { error: { code: "unauthenticated", message: "token expired" } } }));
    const ended = vi.fn();
    window.addEventListener(SESSION_EXPIRED, ended);
    await expect(api("/v1/me")).rejects.toThrow("token expired");
    window.removeEventListener(SESSION_EXPIRED, ended);
    expect((calls[0].init.headers as Record<string, string>).Authorization).toMatch(/^Bearer /);
    expect(ended).toHaveBeenCalledOnce();
    expect(getToken()).toBeNull();
  });
});

describe("kind guess (signed uploads only)", () => {
  it("reads the header", () => {
    expect(guessKind("sku,competitor,date,price")).toBe("competitor_prices");
    expect(guessKind("Review ID;SKU;Stars;Text")).toBe("reviews");
    expect(guessKind("order_id,sku,date,units,unit_price")).toBe("sales");
    expect(guessKind("sku,date,on_hand")).toBe("inventory");
    expect(guessKind("sku,title,price,cost")).toBe("products");
    expect(guessKind("a,b,c")).toBeNull();
  });
});
