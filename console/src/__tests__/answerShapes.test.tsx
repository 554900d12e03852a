import { describe, expect, it } from "vitest";
import { fireEvent, render, screen, within } from "@testing-library/react";
import { AnswerTableView } from "../components/AnswerTableView";
import { ReportView } from "../components/ReportView";
import { formatValue, isoDay, splitLead } from "../format";
import type { AnswerTable, Report } from "../api/types";

const WEEKS: AnswerTable = {
  columns: ["week", "start", "end", "days", "forecast", "lower", "upper"],
  rows: [
    [1, "2026-12-07", "2026-12-13", 7, 146660.27, 135554.04, 158676.46],
    [2, "2026-12-14", "2026-12-20", 7, 146711.44, 135601.33, 158731.82],
  ],
  total_rows: 2,
  currency: "USD",
  band: { estimate: "forecast", lower: "lower", upper: "upper", level: 0.9, period_start: "start" },
  column_info: [
    { name: "week", label: "Week", unit: "count", detail: true },
    { name: "start", label: "From", unit: "date", detail: false },
    { name: "end", label: "To", unit: "date", detail: true },
    { name: "days", label: "Days", unit: "count", detail: true },
    { name: "forecast", label: "Forecast", unit: "money", detail: false },
    { name: "lower", label: "Low (90%)", unit: "money", detail: false },
    { name: "upper", label: "High (90%)", unit: "money", detail: false },
  ],
};

function headers(): string[] {
  return screen.getAllByRole("columnheader").map((h) => h.textContent ?? "");
}

describe("formatting a cell in its unit", () => {
  it("writes money, percentages, fractions, days and ratings as a person reads them", () => {
    expect(formatValue(146660.27, "money", "USD")).toMatch(/^\$146,660\.27$/);
    expect(formatValue(12.5, "money", null)).toBe("12.50"); // no currency stated: none invented
    expect(formatValue(-10, "percent")).toBe("-10%");
    expect(formatValue(0.121, "share")).toBe("12.1%");
    expect(formatValue(412.2, "count")).toBe("412");
    expect(formatValue(4.214, "rating")).toBe("4.21 / 5");
    expect(formatValue("2026-12-07", "date")).toBe("7 Dec 2026");
    expect(formatValue("the week of 7 Sep 2026", "text")).toBe("the week of 7 Sep 2026");
    expect(isoDay("not a day")).toBe("not a day");
  });

  it("splits the first sentence off without breaking a decimal point or a code", () => {
    const text = "Revenue was $1,234.50 for KIT-1.7L in May. It rose 3%.";
    const [lead, rest] = splitLead(text);
    expect(lead).toBe("Revenue was $1,234.50 for KIT-1.7L in May.");
    expect(lead + rest).toBe(text);
    expect(splitLead("One sentence only.")).toEqual(["One sentence only.", ""]);
    expect(splitLead("A $1.00; B $2.00; ... (together $3.00). Next.")[0]).toBe("A $1.00; B $2.00; ... (together $3.00).");
  });
});

describe("an answer's table", () => {
  it("shows a forecast by week with headers, money and its 90% range, supporting columns folded", () => {
    render(<AnswerTableView table={WEEKS} />);
    expect(headers()).toEqual(["From", "Forecast", "90% range"]);
    const first = screen.getAllByRole("row")[1];
    const cells = within(first).getAllByRole("cell").map((c) => c.textContent);
    expect(cells[0]).toBe("7 Dec 2026");
    expect(cells[1]).toMatch(/^\$146,660\.27$/);
    expect(cells[2]).toMatch(/^\$135,554\.04 – \$158,676\.46$/);
    fireEvent.click(screen.getByRole("button", { name: "Show all 7 columns" }));
    expect(headers()).toEqual(["Week", "From", "To", "Days", "Forecast", "Low (90%)", "High (90%)"]);
    expect(screen.getByRole("button", { name: "Fewer columns" })).toHaveAttribute("aria-expanded", "true");
  });

  it("falls back to the column names and plain numbers when the report does not describe them", () => {
    render(<AnswerTableView table={{ columns: ["product", "revenue"], rows: [["Mug", 1234.5]], total_rows: 1 }} />);
    expect(headers()).toEqual(["product", "revenue"]);
    expect(screen.getByText("1,234.5")).toBeInTheDocument(); // no currency guessed from the name
    expect(screen.queryByRole("button", { name: /columns/ })).toBeNull();
  });
});

describe("a long answer", () => {
  const report = {
    question: "Weekly revenue forecast for the next 6 weeks by week",
    answer: "Week by week, we expect revenue of about $880,729.18 over the next 42 days. We expect to sell 16,657 units.",
    answer_kind: "agent", period: null, as_of: "2026-12-06", table: WEEKS, chart: null,
    evidence: [{ kind: "agent_method", description: "forecast agent, forecast", params: {}, agent: "forecast",
                 method: "backtest-selected model per SKU; an intermittent SKU's total as the mean" }],
    mode: "quick", executive_summary: "", findings: [], actions: [],
    confidence: { score: 40, known: true, model_certainty: 0.5, data_completeness: 1, data_freshness: 1, explanation: "" },
    limitations: [], warnings: [], missing: [], generated_at: "2026-12-07T00:00:00Z",
  } as Report;

  it("sets its first sentence apart, says the method and the confidence before the rows", () => {
    const { container } = render(<ReportView report={report} />);
    expect(screen.getByTestId("answer-lead")).toHaveTextContent(/^Week by week, we expect revenue of about \$880,729\.18 over the next 42 days\.$/);
    expect(screen.getByTestId("answer").textContent).toBe(report.answer);
    expect(screen.getByTestId("method")).toHaveTextContent("Method: backtest-selected model per SKU");
    const order = [...container.querySelectorAll("[data-testid=answer], [data-testid=method], details.confidence, table")];
    expect(order.map((e) => e.tagName.toLowerCase())).toEqual(["p", "p", "details", "table"]);
    expect(screen.getByText(/How this was worked out \(the method\)/)).toBeInTheDocument();
  });
});
