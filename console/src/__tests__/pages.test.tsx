import { afterEach, describe, expect, it, vi } from "vitest";
import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { Route, Routes } from "react-router-dom";
import { Layout } from "../components/Layout";
import { AskPage } from "../pages/Ask";
import { clearToken, setToken } from "../auth/session";
import { fakeToken, renderAt, serve } from "./helpers";

afterEach(() => {
  clearToken();
  vi.unstubAllGlobals();
});

function report(question: string, jobId: string | null = null) {
  return {
    question, answer: `Answer to ${question}`, answer_kind: "agent", period: null, as_of: null, table: null, chart: null,
    evidence: [], mode: jobId ? "deep" : "quick", executive_summary: "", findings: [], actions: [],
    confidence: { score: null, known: false, model_certainty: null, data_completeness: null, data_freshness: null, explanation: "" },
    limitations: [], warnings: [], missing: [], job_id: jobId, generated_at: "2026-11-01T00:00:00Z",
  };
}

describe("navigation by role", () => {
  it("hides what a viewer cannot do", () => {
    setToken(fakeToken("viewer"));
    renderAt("/", <Routes><Route element={<Layout />}><Route index element={<p>home</p>} /></Route></Routes>);
    const nav = screen.getByRole("navigation", { name: "Main" });
    expect(nav).toHaveTextContent("Dashboard");
    expect(nav).not.toHaveTextContent("Upload");
    expect(nav).not.toHaveTextContent("Settings");
    expect(nav).not.toHaveTextContent("Metrics");
  });

  it("shows an admin everything", () => {
    setToken(fakeToken("admin"));
    renderAt("/", <Routes><Route element={<Layout />}><Route index element={<p>home</p>} /></Route></Routes>);
    const nav = screen.getByRole("navigation", { name: "Main" });
    for (const label of ["Dashboard", "Ask", "Upload", "Data", "Alerts", "Settings", "Metrics"]) expect(nav).toHaveTextContent(label);
  });
});

describe("Ask", () => {
  it("answers a quick question and keeps it in this session's history, with one session id", async () => {
    setToken(fakeToken("viewer"));
    const calls = serve((_url, init) => {
      const body = JSON.parse(String(init.body));
      return { body: { mode: "quick", status: "done", cached: false, job_id: null, report: report(body.question), warnings: [] } };
    });
    renderAt("/ask", <AskPage />);
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Your question"), "What was revenue last month?");
    await user.click(screen.getByRole("button", { name: /^Ask$/ }));
    expect(await screen.findByTestId("answer")).toHaveTextContent("Answer to What was revenue last month?");
    await user.click(screen.getByRole("button", { name: "Which of my products are overpriced compared to competitors?" }));
    await screen.findByText("Answer to Which of my products are overpriced compared to competitors?");
    const bodies = calls.map((c) => JSON.parse(String(c.init.body)));
    expect(bodies[0].session_id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(bodies[1].session_id).toBe(bodies[0].session_id);
    expect(screen.getByRole("complementary", { name: "This session's questions" }).querySelectorAll("li")).toHaveLength(2);
  });

  it("shows a deep job's progress until its report arrives", async () => {
    setToken(fakeToken("viewer"));
    const jobId = "a".repeat(32);
    let polls = 0;
    serve((url) => {
      if (url === "/v1/query") return { status: 202, body: { mode: "deep", status: "running", cached: false, job_id: jobId, report: null, warnings: [] } };
      polls += 1;
      if (polls === 1) return { body: { job_id: jobId, status: "running", agents: ["pricing", "forecast"], parts_done: ["pricing"], deadline_at: 0, report: null } };
      return { body: { job_id: jobId, status: "done", agents: ["pricing", "forecast"], parts_done: ["pricing", "forecast"], deadline_at: 0, report: report("Forecast demand", jobId) } };
    });
    renderAt("/ask", <AskPage />);
    const user = userEvent.setup();
    await user.click(screen.getByLabelText(/Deep analysis/));
    await user.type(screen.getByLabelText("Your question"), "Forecast demand");
    await user.click(screen.getByRole("button", { name: /^Ask$/ }));
    expect(await screen.findByText(/1 of 2 agents done \(pricing\)/)).toBeInTheDocument();
    expect(screen.getByRole("progressbar", { name: "Deep analysis progress" })).toHaveAttribute("value", "1");
    await waitFor(() => expect(screen.getByTestId("answer")).toHaveTextContent("Answer to Forecast demand"), { timeout: 4000 });
  });
});
