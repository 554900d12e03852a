import { Link } from "react-router-dom";

export function NotAllowed({ role }: { role: string }) {
  return (
    <section>
      <h1>Not available</h1>
      <p>This page needs the {role} role. Ask an admin of your shop.</p>
      <Link to="/">Back to the dashboard</Link>
    </section>
  );
}

export function NotFoundPage() {
  return (
    <section>
      <h1>Page not found</h1>
      <Link to="/">Back to the dashboard</Link>
    </section>
  );
}
