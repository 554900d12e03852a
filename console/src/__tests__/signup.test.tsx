import { afterEach, describe, expect, it, vi } from "vitest";
import { screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { SignUp, VerifySignUp } from "../pages/Auth";
import { clearToken, getToken } from "../auth/session";
import { fakeToken, renderAt, serve } from "./helpers";

afterEach(() => {
  clearToken();
  vi.unstubAllGlobals();
});

describe("sign-up confirmed by e-mail", () => {
  it("says to check the e-mail when the server answers 202, without signing in", async () => {
    const calls = serve(() => ({ status: 202, body: { status: "verification_sent", message: "Check your e-mail: the link in it finishes creating your account." } }));
    renderAt("/signup", <SignUp />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("E-mail"), "shop@example.com");
    await user.type(screen.getByLabelText(/^Password/), "correct horse battery");
    await user.click(screen.getByRole("button", { name: "Create account" }));
    expect(await screen.findByRole("heading", { name: "Check your e-mail" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("the link in it finishes creating your account");
    expect(calls).toHaveLength(1);
    expect(getToken()).toBeNull();
  });

  it("finishes with the code from the link and signs in", async () => {
    const token = fakeToken("admin");
    const calls = serve(() => ({ status: 201, body: { access_token: token, token_type: "bearer", expires_in: 3600, user_id: "u-1", tenant_id: "t-1", role: "admin" } }));
    renderAt("/signup/verify?code=su_abcdefghijklmnop", <VerifySignUp />);
    expect(screen.getByLabelText("Code from the e-mail")).toHaveValue("su_abcdefghijklmnop");
    await userEvent.setup().click(screen.getByRole("button", { name: "Finish sign-up" }));
    await vi.waitFor(() => expect(getToken()).toBe(token));
    expect(calls[0].url).toContain("/v1/auth/signup:verify");
    expect(JSON.parse(String(calls[0].init.body))).toEqual({ code: "su_abcdefghijklmnop" });
  });
});

describe("sign-up without e-mail (the server answers a new and a taken address alike)", () => {
  const accepted = { status: "sign_in", message: "Sign in with this e-mail and password to continue." };

  async function signUp() {
    renderAt("/signup", <SignUp />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("E-mail"), "shop@example.com");
    await user.type(screen.getByLabelText(/^Password/), "correct horse battery");
    await user.type(screen.getByLabelText("Shop name"), "Shop");
    await user.click(screen.getByRole("button", { name: "Create account" }));
  }

  it("signs a new user in with the e-mail and password just typed", async () => {
    const token = fakeToken("admin");
    const calls = serve((url) => (url.includes("/v1/auth/signup")
      ? { status: 202, body: accepted }
      : { status: 200, body: { access_token: token, token_type: "Bearer", expires_in: 3600 } }));
    await signUp();
    await vi.waitFor(() => expect(getToken()).toBe(token));
    expect(calls.map((c) => c.url)).toEqual(["/v1/auth/signup", "/v1/auth/login"]);
    expect(JSON.parse(String(calls[1].init.body))).toEqual({ email: "shop@example.com", password: "correct horse battery" });
  });

  it("says to sign in when that password does not open the address's account", async () => {
    serve((url) => (url.includes("/v1/auth/signup")
      ? { status: 202, body: accepted }
      : { status: 401, body: { error: { code: "unauthenticated", message: "invalid e-mail or password", details: {} } } }));
    await signUp();
    expect(await screen.findByRole("heading", { name: "Sign in to continue" })).toBeInTheDocument();
    expect(screen.getByRole("status")).toHaveTextContent("Sign in with this e-mail and password to continue.");
    expect(screen.getByRole("link", { name: "Go to sign-in" })).toHaveAttribute("href", "/signin");
    expect(getToken()).toBeNull();
  });
});
