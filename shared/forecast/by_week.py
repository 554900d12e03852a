"""A forecast week by week: "forecast by week for the next 6 weeks", "weekly forecast for next month".

The period's total leads, then each 7-day block from its first day (the last block may be shorter, and says its
days), each from the same fit as the total, so the weeks add up to it. The answer's table is the weeks. Pure: the
weeks' figures in, the answer out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from shared.agents.answers import MAX_ANSWER_ROWS, AgentAnswer
from shared.forecast.answers import fmt_num
from shared.forecast.beat import day_span

#: The week rows of the answer's table.
WEEK_COLUMNS = ["week", "start", "end", "days", "forecast", "lower", "upper"]


@dataclass(frozen=True)
class WeekFigure:
    """One block's forecast (units or money) with its interval."""

    start: date
    end: date
    total: float
    lower: float
    upper: float


def week_blocks(first: date, last: date) -> list[tuple[date, date]]:
    """7-day blocks from ``first`` to ``last`` (both included); the last one is cut at ``last``."""
    out = []
    day = first
    while day <= last:
        out.append((day, min(day + timedelta(days=6), last)))
        day += timedelta(days=7)
    return out


def by_week_answer(
    answer: AgentAnswer,
    weeks: list[WeekFigure],
    *,
    period: str,
    level: float,
    money: Callable[[float], str] | None = None,
) -> AgentAnswer:
    """``answer`` led by its total and each week's figure; its table the weeks.

    ``period`` names the whole ("the next 42 days (2026-12-07 to 2027-01-17)"); ``money`` writes an amount when the
    forecast is in money (``None``: units).
    """
    if not weeks or not answer.answered or answer.ask != "forecast":
        return answer

    def say(v: float) -> str:
        return money(v) if money is not None else fmt_num(v, 0)

    total = sum(w.total for w in weeks)
    parts = [
        f"{day_span(w.start, w.end)}{'' if (w.end - w.start).days == 6 else f' ({(w.end - w.start).days + 1} days)'}"
        f" {say(w.total)}"
        for w in weeks
    ]
    what = f"we expect revenue of about {say(total)}" if money is not None else f"we expect to sell {say(total)} units"
    lead = f"Week by week, {what} over {period}: {'; '.join(parts)} (each week's {level:.0%} interval is in the table)."
    rows = [
        [
            i,
            w.start.isoformat(),
            w.end.isoformat(),
            (w.end - w.start).days + 1,
            round(w.total, 2),
            round(w.lower, 2),
            round(w.upper, 2),
        ]
        for i, w in enumerate(weeks, 1)
    ]
    return answer.model_copy(
        update={
            "text": f"{lead} {answer.text}",
            "columns": WEEK_COLUMNS,
            "rows": rows,
            "total_rows": len(rows),
            "method": f"{answer.method}; by week: 7-day blocks of the same forecast",
        }
    )


def by_product_answer(
    answer: AgentAnswer,
    products: list[tuple[str, list[WeekFigure]]],
    *,
    period: str,
    money: Callable[[float], str] | None = None,
    store_total: float | None = None,
) -> AgentAnswer:
    """``answer`` led by each product's weeks: a product-by-week table whose rows add up to each product's total.

    ``products``: each SKU with its weeks (the same blocks for all), the largest total first. ``store_total``: the
    store's forecast of the period when it led the answer (the products forecast one by one are part of it, said).
    """
    products = [(sku, weeks) for sku, weeks in products if weeks]
    if not products or not answer.answered or answer.ask != "forecast":
        return answer

    def say(v: float) -> str:
        return money(v) if money is not None else f"{fmt_num(v, 0)} units"

    blocks = [(w.start, w.end) for w in products[0][1]]
    totals = [(sku, sum(w.total for w in weeks)) for sku, weeks in products]
    together = sum(t for _, t in totals)
    top = "; ".join(
        f"{sku} {say(total)} ({', '.join(say(w.total) for w in weeks)})"
        for (sku, total), (_, weeks) in zip(totals[:3], products[:3], strict=True)
    )
    part = "" if store_total is None or store_total <= 0 else f", {together / store_total:.0%} of the store's"
    lead = (
        f"Week by week for each of {len(products)} products over {period} (the weeks "
        f"{', '.join(day_span(s, e) for s, e in blocks)}): {top}{'; ...' if len(products) > 3 else ''} "
        f"(together {say(together)}{part}; each row of the table adds up to its total)."
    )
    columns = ["sku", *(f"{s.isoformat()} to {e.isoformat()}" for s, e in blocks), "total"]
    rows = [
        [sku, *(round(w.total, 2) for w in weeks), round(total, 2)]
        for (sku, total), (_, weeks) in zip(totals, products, strict=True)
    ]
    return answer.model_copy(
        update={
            "text": f"{lead} {answer.text}",
            "columns": columns,
            "rows": rows[:MAX_ANSWER_ROWS],
            "total_rows": len(rows),
            "skus": [sku for sku, _ in totals],
            "method": f"{answer.method}; by product and week: 7-day blocks of each product's forecast",
        }
    )
