// The session: the JWT in sessionStorage (this tab only, gone when it closes; never a cookie), with the
// claims the console needs to decide what to show. Roles are enforced by the API; the console only hides.

export type Role = "viewer" | "analyst" | "admin";
const KEY = "ecomintel.token";
const RANK: Record<Role, number> = { viewer: 0, analyst: 1, admin: 2 };

export interface Claims {
  sub: string;
  tid: string;
  role: Role;
  exp: number;
}

let memory: string | null = null;

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function decodeClaims(token: string): Claims | null {
  const part = token.split(".")[1];
  if (!part) return null;
  try {
    const json = atob(part.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(part.length / 4) * 4, "="));
    const c = JSON.parse(json) as Partial<Claims>;
    if (typeof c.sub !== "string" || typeof c.tid !== "string" || typeof c.exp !== "number") return null;
    if (c.role !== "viewer" && c.role !== "analyst" && c.role !== "admin") return null;
    return c as Claims;
  } catch {
    return null;
  }
}

export function getToken(now: number = Date.now()): string | null {
  const token = memory ?? storage()?.getItem(KEY) ?? null;
  if (!token) return null;
  const claims = decodeClaims(token);
  if (!claims || claims.exp * 1000 <= now) {
    clearToken();
    return null;
  }
  return token;
}

export function setToken(token: string): void {
  memory = token;
  storage()?.setItem(KEY, token);
}

export function clearToken(): void {
  memory = null;
  storage()?.removeItem(KEY);
}

export function currentClaims(): Claims | null {
  const token = getToken();
  return token ? decodeClaims(token) : null;
}

export function can(role: Role | undefined, needed: Role): boolean {
  return role !== undefined && RANK[role] >= RANK[needed];
}
