import { NavLink, Outlet } from "react-router-dom";
import { Activity, Bell, Database, LayoutDashboard, LogOut, MessageSquareText, Settings, Upload } from "lucide-react";
import type { ComponentType } from "react";
import { useAuth } from "../auth/AuthContext";
import { can, type Role } from "../auth/session";

interface NavItem {
  to: string;
  label: string;
  icon: ComponentType<{ size?: number; "aria-hidden"?: boolean }>;
  role: Role;
}

export const NAV: NavItem[] = [
  { to: "/", label: "Dashboard", icon: LayoutDashboard, role: "viewer" },
  { to: "/ask", label: "Ask", icon: MessageSquareText, role: "viewer" },
  { to: "/upload", label: "Upload", icon: Upload, role: "analyst" },
  { to: "/data", label: "Data", icon: Database, role: "viewer" },
  { to: "/alerts", label: "Alerts", icon: Bell, role: "viewer" },
  { to: "/settings", label: "Settings", icon: Settings, role: "admin" },
  { to: "/metrics", label: "Metrics", icon: Activity, role: "admin" },
];

export function Layout() {
  const { claims, signOut } = useAuth();
  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <header className="top">
        <span className="brand">ecomintel</span>
        <nav aria-label="Main">
          <ul>
            {NAV.filter((n) => can(claims?.role, n.role)).map(({ to, label, icon: Icon }) => (
              <li key={to}>
                <NavLink to={to} end={to === "/"}>
                  <Icon size={16} aria-hidden />
                  <span>{label}</span>
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span className="role" title={`Tenant ${claims?.tid ?? ""}`}>{claims?.role}</span>
          <button type="button" className="ghost" onClick={signOut}>
            <LogOut size={16} aria-hidden /> Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}
