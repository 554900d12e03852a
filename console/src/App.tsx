import { Navigate, Route, Routes, useLocation } from "react-router-dom";
import type { ReactElement } from "react";
import { AuthProvider, useAuth } from "./auth/AuthContext";
import { can, type Role } from "./auth/session";
import { Layout } from "./components/Layout";
import { SignIn, SignUp, VerifySignUp } from "./pages/Auth";
import { AskPage } from "./pages/Ask";
import { UploadPage } from "./pages/Upload";
import { DashboardPage } from "./pages/Dashboard";
import { DataPage } from "./pages/Data";
import { AlertsPage } from "./pages/Alerts";
import { SettingsPage } from "./pages/Settings";
import { MetricsPage } from "./pages/Metrics";
import { NotAllowed, NotFoundPage } from "./pages/Misc";

function RequireAuth({ children, role = "viewer" }: { children: ReactElement; role?: Role }) {
  const { claims, expired } = useAuth();
  const location = useLocation();
  if (!claims) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?${expired ? "expired=1&" : ""}next=${next}`} replace />;
  }
  if (!can(claims.role, role)) return <NotAllowed role={role} />;
  return children;
}

export function App() {
  return (
    <AuthProvider>
      <Routes>
        <Route path="/signin" element={<SignIn />} />
        <Route path="/signup" element={<SignUp />} />
        <Route path="/signup/verify" element={<VerifySignUp />} />
        <Route element={<RequireAuth><Layout /></RequireAuth>}>
          <Route index element={<DashboardPage />} />
          <Route path="ask" element={<AskPage />} />
          <Route path="upload" element={<RequireAuth role="analyst"><UploadPage /></RequireAuth>} />
          <Route path="data" element={<DataPage />} />
          <Route path="alerts" element={<AlertsPage />} />
          <Route path="settings" element={<RequireAuth role="admin"><SettingsPage /></RequireAuth>} />
          <Route path="metrics" element={<RequireAuth role="admin"><MetricsPage /></RequireAuth>} />
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </AuthProvider>
  );
}
