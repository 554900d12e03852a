// Who is signed in, for the whole app. The token lives in sessionStorage (session.ts); this context only
// mirrors its claims so components re-render on sign-in, sign-out and expiry.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from "react";
import { useNavigate } from "react-router-dom";
import { useQueryClient } from "@tanstack/react-query";
import { SESSION_EXPIRED } from "../api/client";
import { clearToken, currentClaims, setToken, type Claims } from "./session";

interface AuthState {
  claims: Claims | null;
  /** The last session ended by the server (401) or by running out, not by signing out. */
  expired: boolean;
  signIn: (token: string) => void;
  signOut: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [claims, setClaims] = useState<Claims | null>(() => currentClaims());
  const [expired, setExpired] = useState(false);
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  const signIn = useCallback((token: string) => {
    setToken(token);
    setExpired(false);
    setClaims(currentClaims());
  }, []);

  const signOut = useCallback(() => {
    clearToken();
    queryClient.clear();
    setExpired(false);
    setClaims(null);
    navigate("/signin", { replace: true });
  }, [navigate, queryClient]);

  // the protected route sends the user to sign-in, remembering the page (RequireAuth in App.tsx)
  useEffect(() => {
    const ended = () => {
      setExpired(true);
      setClaims(null);
    };
    window.addEventListener(SESSION_EXPIRED, ended);
    return () => window.removeEventListener(SESSION_EXPIRED, ended);
  }, []);

  useEffect(() => {
    if (!claims) queryClient.clear();
  }, [claims, queryClient]);

  // a token that runs out while the page is open: check once a minute
  useEffect(() => {
    if (!claims) return;
    const timer = window.setInterval(() => {
      if (!currentClaims()) window.dispatchEvent(new Event(SESSION_EXPIRED));
    }, 60_000);
    return () => window.clearInterval(timer);
  }, [claims]);

  const value = useMemo(() => ({ claims, expired, signIn, signOut }), [claims, expired, signIn, signOut]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error("useAuth outside AuthProvider");
  return ctx;
}

/** Only a relative in-app path may be a post-sign-in destination (no open redirect). */
export function safeNext(next: string | null): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/signin")) return "/";
  return next;
}
