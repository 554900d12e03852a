"""Plain-text rendering of a report for the CLI and the demo: the answer and its table first."""

from __future__ import annotations

from shared.orchestration.report import AnswerTable, Report

#: Table rows a terminal shows (the report carries up to 50; ``--json`` shows them all).
MAX_ROWS_SHOWN = 15
#: Findings, limitations and the like a terminal shows unless ``full``.
MAX_ITEMS_SHOWN = 5


def _fmt(value: object) -> str:
    if isinstance(value, float):
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return "n/a" if value is None else str(value)


def _cell(value: object, width: int = 60) -> str:
    text = _fmt(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _table(table: AnswerTable, limit: int | None = MAX_ROWS_SHOWN) -> str:
    """The answer's rows as an aligned plain-text table."""
    shown = table.rows if limit is None else table.rows[:limit]
    cells = [table.columns] + [[_cell(v) for v in row] for row in shown]
    widths = [max(len(r[i]) for r in cells) for i in range(len(table.columns))]
    out = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    out.insert(1, "  ".join("-" * w for w in widths))
    more = max(table.total_rows, len(table.rows)) - len(shown)
    if more > 0:
        out.append(f"... {more} more rows (--json shows {len(table.rows) - len(shown)} of them; --full the agents' "
                   "whole output)" if len(table.rows) > len(shown) else f"... {more} more rows")
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


def render_report(report: Report, *, cached: bool = False, full: bool = False) -> str:
    """The report as readable text: answer, table, how it was obtained, then the supporting sections."""
    conf = report.confidence
    limit = None if full else MAX_ITEMS_SHOWN
    lines = [report.answer, ""] if report.answer else []
    if report.table is not None and report.table.rows:
        lines += [_table(report.table, None if full else MAX_ROWS_SHOWN), ""]
    if report.answer_kind in ("metric", "unanswerable"):  # the metrics layer's answer: no agent sections
        return "\n".join(lines + _descriptive_footer(report, cached))
    for ev in report.evidence:
        how = f"[{ev.agent}] {ev.method}" if ev.kind == "agent_method" else (ev.description or (ev.sql or ""))
        lines.append(f"How: {how}")
    if report.period is not None:
        lines.append(f"Period: {report.period.label or f'{report.period.start} to {report.period.end}'}")
    if report.as_of is not None:
        lines.append(f"As of: {report.as_of.isoformat()}")
    lines += [
        f"Confidence: {conf.score if conf.known else 'unknown'}" + (f" ({conf.explanation})" if conf.explanation
                                                                    else ""),
        "",
        f"Question: {report.question}",
        f"Plan: intents={', '.join(report.plan.intents)}; asks={', '.join(report.plan.asks) or '-'}; "
        f"agents={', '.join(report.plan.agents)} (planner: {report.planner}{'; cached' if cached else ''})",
    ]
    if report.executive_summary and (report.narrative_source == "llm" or not report.answer or full):
        lines += ["", "== Summary ==", report.executive_summary]
    if report.findings:
        lines += ["", "== Supporting findings =="]
        for f in report.findings[:limit]:
            c = f.confidence.score if f.confidence.known else "unknown"
            lines.append(f"- [{f.agent}/{f.severity}] {f.title} (confidence {c})")
            for e in f.evidence[:2]:
                vals = ", ".join(f"{k}={_fmt(v)}" for k, v in list(e.values.items())[:6])
                lines.append(f"    evidence: {e.description}" + (f": {vals}" if vals else ""))
    if report.risks:
        lines += ["", "== Risks =="]
        lines += [f"- {r.severity.upper()}: {r.title}" for r in report.risks[:limit]]
    if report.actions:
        lines += ["", "== Actions (by impact x urgency) =="]
        lines += [f"{a.rank}. {a.title} [impact {_fmt(a.impact)}, urgency {a.urgency}]"
                  for a in report.actions[:limit]]
    if report.missing or report.limitations:
        lines += ["", "== Data limitations =="]
        lines += [f"- {m.agent} {m.status.replace('_', ' ')}: {m.reason}" for m in report.missing]
        lines += [f"- {x}" for x in report.limitations[:limit]]
    if report.warnings:
        lines += ["", "== Warnings =="]
        lines += [f"- {w}" for w in report.warnings]
    if report.key_metrics and full:
        lines += ["", "== Key metrics =="]
        lines += [f"- [{m.agent}] {m.name}: {_fmt(m.value)}" + (f" (trend {_fmt(m.trend)})" if m.trend is not None
                                                                  else "") for m in report.key_metrics]
    return "\n".join(lines)
