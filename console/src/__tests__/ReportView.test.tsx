import { describe, expect, it } from "vitest";
import { render, screen, within } from "@testing-library/react";
import { ReportView } from "../components/ReportView";
import type { Report } from "../api/types";

const EVIL = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';

function report(over: Partial<Report> = {}): Report {
  return {
    question: "What was revenue last month?",
    answer: "Revenue in October 2026 was $89,961, up 9.3% on September.",
    answer_kind: "metric",
    period: { start: "2026-10-01", end: "2026-10-31", label: "October 2026" },
    as_of: "2026-10-31",
    table: { columns: ["product", "revenue"], rows: [[EVIL, 1234.5]], total_rows: 120 },
    chart: null,
    evidence: [{ kind: "sql", description: "Revenue by month", sql: "SELECT SUM(revenue) FROM sales WHERE tenant_id = @tenant_id", params: { start: "2026-10-01", title: EVIL }, dialect: "duckdb" }],
    mode: "quick",
    executive_summary: "summary",
    findings: [{ id: "f1", agent: "sentiment", title: `Review says ${EVIL}`, detail: EVIL, severity: "high" }],
    actions: [],
    confidence: { score: 82, known: true, model_certainty: 0.9, data_completeness: 0.8, data_freshness: 1, explanation: "Complete sales for the period." },
    limitations: ["Refunds are not netted."],
    warnings: [],
    missing: [],
    generated_at: "2026-11-01T00:00:00Z",
    ...over,
  };
}

describe("ReportView", () => {
  it("puts the answer first, then period and confidence", () => {
    const { container } = render(<ReportView report={report()} />);
    const first = container.querySelector("article > *");
    expect(first).toHaveTextContent("Revenue in October 2026 was $89,961");
    expect(screen.getByText(/Period: October 2026/)).toBeInTheDocument();
    expect(screen.getByText(/Confidence: 82\/100 \(high\)/)).toBeInTheDocument();
    expect(screen.getByText("Complete sales for the period.")).toBeInTheDocument();
    expect(screen.getByText("Data completeness: 80%")).toBeInTheDocument();
    expect(screen.getByText("First 1 of 120 rows")).toBeInTheDocument();
  });

  it("folds the evidence away, with the SQL and its parameters", () => {
    const { container } = render(<ReportView report={report()} />);
    const details = container.querySelector("details.evidence") as HTMLDetailsElement;
    expect(details.open).toBe(false);
    expect(within(details).getByText(/SELECT SUM\(revenue\)/)).toBeInTheDocument();
    expect(within(details).getByText("2026-10-01")).toBeInTheDocument();
  });

  it("renders merchant data as text, never as markup", () => {
    const { container } = render(<ReportView report={report({ answer: EVIL })} />);
    expect(container.querySelector("img, script")).toBeNull();
    expect(screen.getByTestId("answer").textContent).toBe(EVIL);
    expect(within(container.querySelector("tbody")!).getByText(EVIL)).toBeInTheDocument();
    expect((window as unknown as { __xss?: number }).__xss).toBeUndefined();
  });

  it("falls back to the summary when there is no direct answer", () => {
    render(<ReportView report={report({ answer: "" })} />);
    expect(screen.getByTestId("answer")).toHaveTextContent("summary");
  });
});

describe("ReportView confidence", () => {
  it("says when an answer is not scored, and why a metric needs no score", () => {
    const none = { score: null, known: false, model_certainty: null, data_completeness: null, data_freshness: null, explanation: "" };
    const { container } = render(<ReportView report={{ ...report(), confidence: none }} />);
    expect(container.querySelector("summary")).toHaveTextContent("Confidence: not scored (a figure computed from your data: see the evidence)");
  });
});
