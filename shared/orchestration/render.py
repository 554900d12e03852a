"""Plain-text rendering of a report, with sections, for the CLI and the demo."""

from __future__ import annotations

from shared.orchestration.report import AnswerTable, Report

#: A terminal reader wants the top of the list; ``--json`` carries everything.
MAX_FINDINGS_SHOWN = 15

def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return "n/a" if value is None else str(value)


def _table(table: AnswerTable) -> str:
    """The answer's rows as an aligned plain-text table."""
    cells = [table.columns] + [[_fmt(v) for v in row] for row in table.rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(table.columns))]
    out = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    out.insert(1, "  ".join("-" * w for w in widths))
    if table.total_rows > len(table.rows):
        out.append(f"... {table.total_rows - len(table.rows)} more rows (--json shows the evidence query)")
    return "\n".join(out)


def _descriptive_footer(report: Report, cached: bool) -> list[str]:
    """What a metrics-layer answer rests on: the period, the as-of date, the evidence, any caveats."""
    lines = [f"Question: {report.question}"]
    if report.period is not None:
        lines.append(f"Period: {report.period.label}" + (f"; data as of {report.as_of.isoformat()}"
                                                          if report.as_of else ""))
    for e in report.evidence:
        lines.append(f"Evidence: {e.description or e.kind}" + (" (--json shows the SQL and its parameters)"
                                                                 if e.sql else ""))
    lines.append(f"Answered by: {'the metrics layer' if report.answer_kind == 'metric' else 'the question parser'}"
                 f" (reader: {report.planner}{'; cached' if cached else ''})")
    lines += [f"Note: {x}" for x in report.limitations] + [f"Warning: {w}" for w in report.warnings]
    return lines


def render_report(report: Report, *, cached: bool = False) -> str:
    """The report as readable text."""
    conf = report.confidence
    lines = [report.answer, ""] if report.answer else []
    if report.table is not None and report.table.rows:
        lines += [_table(report.table), ""]
    if report.answer_kind in ("metric", "unanswerable"):
        return "\n".join(lines + _descriptive_footer(report, cached))
    lines += [
        f"Question: {report.question}",
        f"Plan: intents={', '.join(report.plan.intents)}; agents={', '.join(report.plan.agents)} "
        f"(planner: {report.planner}{'; cached' if cached else ''})",
        "",
        "== Executive summary ==",
        report.executive_summary,
        "",
        f"Overall confidence: {conf.score if conf.known else 'unknown'}"
        + (f" ({conf.explanation})" if conf.explanation else ""),
    ]
    if report.key_metrics:
        lines += ["", "== Key metrics =="]
        lines += [f"- [{m.agent}] {m.name}: {_fmt(m.value)}" + (f" (trend {_fmt(m.trend)})" if m.trend is not None
                                                                  else "") for m in report.key_metrics]
    if report.findings:
        lines += ["", "== Findings =="]
        for f in report.findings[:MAX_FINDINGS_SHOWN]:
            c = f.confidence.score if f.confidence.known else "unknown"
            lines.append(f"- [{f.agent}/{f.severity}] {f.title} (confidence {c})")
            for e in f.evidence[:2]:
                vals = ", ".join(f"{k}={_fmt(v)}" for k, v in list(e.values.items())[:6])
                lines.append(f"    evidence: {e.description}" + (f": {vals}" if vals else ""))
        if len(report.findings) > MAX_FINDINGS_SHOWN:
            lines.append(f"... and {len(report.findings) - MAX_FINDINGS_SHOWN} more findings (--json shows all)")
    if report.risks:
        lines += ["", "== Risks =="]
        lines += [f"- {r.severity.upper()}: {r.title}" for r in report.risks]
    if report.actions:
        lines += ["", "== Actions (by impact x urgency) =="]
        lines += [f"{a.rank}. {a.title} [impact {_fmt(a.impact)}, urgency {a.urgency}]" for a in report.actions]
    if report.missing or report.limitations:
        lines += ["", "== Data limitations =="]
        lines += [f"- {m.agent} {m.status.replace('_', ' ')}: {m.reason}" for m in report.missing]
        lines += [f"- {x}" for x in report.limitations[:MAX_FINDINGS_SHOWN]]
        if len(report.limitations) > MAX_FINDINGS_SHOWN:
            lines.append(f"... and {len(report.limitations) - MAX_FINDINGS_SHOWN} more (--json shows all)")
    if report.warnings:
        lines += ["", "== Warnings =="]
        lines += [f"- {w}" for w in report.warnings]
    return "\n".join(lines)
