// Sign in, sign up (a new shop, or joining one with an invite code), and finish a sign-up confirmed by e-mail.
import { useState, type FormEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router-dom";
import { api } from "../api/client";
import type { SignupAccepted, SignupResponse, TokenResponse } from "../api/types";
import { safeNext, useAuth } from "../auth/AuthContext";
import { ErrorNote } from "../components/Status";

function useFinish() {
  const { signIn } = useAuth();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  return (token: string) => {
    signIn(token);
    navigate(safeNext(params.get("next")), { replace: true });
  };
}

/** A form's submit handler: runs `action` one submit at a time and keeps its error for the form to show. */
function useFormAction(action: () => Promise<void>) {
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, submit };
}

function logIn(email: string, password: string): Promise<TokenResponse> {
  return api<TokenResponse>("/v1/auth/login", { method: "POST", body: { email, password }, anonymous: true });
}

export function SignIn() {
  const finish = useFinish();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const { busy, error, submit } = useFormAction(async () => finish((await logIn(email, password)).access_token));

  return (
    <main className="auth" id="main">
      <form onSubmit={submit} aria-labelledby="signin-title">
        <h1 id="signin-title">Sign in to ecomintel</h1>
        {params.get("expired") ? <p className="note" role="status">Your session ended. Sign in again to continue.</p> : null}
        <label>
          E-mail
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password
          <input type="password" autoComplete="current-password" required value={password}
                 onChange={(e) => setPassword(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
        <p>
          New here? <Link to={`/signup${params.get("next") ? `?next=${encodeURIComponent(params.get("next")!)}` : ""}`}>Create a shop</Link>
        </p>
      </form>
    </main>
  );
}

export function SignUp() {
  const finish = useFinish();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [shop, setShop] = useState("");
  const [invite, setInvite] = useState(params.get("invite") ?? "");
  const [sent, setSent] = useState<string | null>(null);
  const [signInNext, setSignInNext] = useState<string | null>(null);
  const { busy, error, submit } = useFormAction(async () => {
    const body: Record<string, string> = { email, password };
    if (invite.trim()) body.invite_code = invite.trim();
    else if (shop.trim()) body.tenant_name = shop.trim();
    const r = await api<SignupAccepted>("/v1/auth/signup", { method: "POST", body, anonymous: true });
    if (r.status !== "sign_in") {
      setSent(r.message); // the server confirms the address by e-mail first
      return;
    }
    // no e-mail: the server answers a new and a taken address alike; a new one signs in with what was typed
    try {
      finish((await logIn(email, password)).access_token);
    } catch {
      setSignInNext(r.message);
    }
  });

  if (signInNext) {
    const next = params.get("next");
    return (
      <main className="auth" id="main">
        <section aria-labelledby="next-title">
          <h1 id="next-title">Sign in to continue</h1>
          <p className="note" role="status">{signInNext}</p>
          <p>
            <Link to={`/signin${next ? `?next=${encodeURIComponent(next)}` : ""}`}>Go to sign-in</Link>
          </p>
        </section>
      </main>
    );
  }

  if (sent) {
    return (
      <main className="auth" id="main">
        <section aria-labelledby="sent-title">
          <h1 id="sent-title">Check your e-mail</h1>
          <p className="note" role="status">{sent}</p>
          <p>
            Have the code? <Link to="/signup/verify">Enter it here</Link>
          </p>
        </section>
      </main>
    );
  }

  return (
    <main className="auth" id="main">
      <form onSubmit={submit} aria-labelledby="signup-title">
        <h1 id="signup-title">Create your account</h1>
        <label>
          E-mail
          <input type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
        </label>
        <label>
          Password <span className="muted small">(at least 8 characters)</span>
          <input type="password" autoComplete="new-password" required minLength={8} value={password}
                 onChange={(e) => setPassword(e.target.value)} />
        </label>
        <label>
          Shop name
          <input type="text" value={shop} disabled={!!invite.trim()} onChange={(e) => setShop(e.target.value)} />
        </label>
        <label>
          Invite code <span className="muted small">(to join an existing shop)</span>
          <input type="text" value={invite} onChange={(e) => setInvite(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>{busy ? "Creating…" : "Create account"}</button>
        <p>
          Already have an account? <Link to="/signin">Sign in</Link>
        </p>
      </form>
    </main>
  );
}

export function VerifySignUp() {
  const finish = useFinish();
  const [params] = useSearchParams();
  const [code, setCode] = useState(params.get("code") ?? "");
  const { busy, error, submit } = useFormAction(async () => {
    const r = await api<SignupResponse>("/v1/auth/signup:verify", {
      method: "POST", body: { code: code.trim() }, anonymous: true,
    });
    finish(r.access_token);
  });

  return (
    <main className="auth" id="main">
      <form onSubmit={submit} aria-labelledby="verify-title">
        <h1 id="verify-title">Finish creating your account</h1>
        <label>
          Code from the e-mail
          <input type="text" required minLength={10} value={code} onChange={(e) => setCode(e.target.value)} />
        </label>
        <ErrorNote error={error} />
        <button type="submit" disabled={busy}>{busy ? "Finishing…" : "Finish sign-up"}</button>
      </form>
    </main>
  );
}
