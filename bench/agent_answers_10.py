"""The fourth agent-answer set (``answers10``): forecast, stock, pricing and complaint questions in new words.

Written with the conversation bench's tenth batch, measured on the code before the fixes it led to: a promotion in
a named week (that week, not 30 days), the stock a holiday needs (the forecast of its period), this quarter against
the next (actual to date plus the forecast of the rest, against the forecast), the best seller's cover, the
confidence of the store total's forecast, and whether a complaint theme is growing. Truths come from the rows the
store accepted by the agents' documented methods (``bench/agent_answers_merchant.py``), never from an answer.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import TYPE_CHECKING

from bench.agent_answers_merchant import (
    Check,
    Rows,
    first_sentence,
    forecast_check,
    pct_check,
    run_out_check,
    states,
    states_method,
    table_skus,
    trend_check,
    units_first,
)

if TYPE_CHECKING:
    from shared.sample.merchant import SampleMerchant

#: How an answer words a comparison of two periods' units.
_WHICH = r"\b(?:more|fewer|less|higher|lower|up|down|busier|quieter)\b"


def next_day(end: date, month: int, day: int) -> date:
    """The next ``day`` of ``month`` after the data's last day."""
    this = date(end.year, month, day)
    return this if this > end else date(end.year + 1, month, day)


def week_named(day: date) -> Check:
    """A what-if for "the week of <day>": its first sentence names that week (its day or its Monday), not 30 days."""
    monday = day - timedelta(days=day.weekday())
    said = {day.isoformat(), monday.isoformat(), f"{day.day} {day:%b}", f"{monday.day} {monday:%b}"}
    return lambda a, r: any(s in first_sentence(a) for s in said) and "30 days" not in first_sentence(a)


def best_seller(rows: Rows) -> str:
    """The SKU with the most units over the last 90 days of sales (docs/questions.md: "our best seller")."""
    recent = rows.sales[rows.sales["date"] > rows.end - timedelta(days=90)]
    return str(recent.groupby("sku")["units"].sum().sort_values(kind="stable").index[-1])


def answers10_questions(truth: SampleMerchant) -> list[tuple[str, Check]]:  # noqa: PLR0915 - one per question
    """The ``answers10`` set: every question with its check."""
    import pandas as pd

    rows = Rows(truth)
    nouns = rows.noun_skus()
    by_rate = sorted(nouns, key=lambda n: -float(rows.rate[nouns[n]]))
    a, b, c = by_rate[0], by_rate[4 % len(by_rate)], by_rate[5 % len(by_rate)]
    sa, sb, sc = nouns[a], nouns[b], nouns[c]
    best = best_seller(rows)
    dec14, dec21 = next_day(rows.end, 12, 14), next_day(rows.end, 12, 21)
    q_start = date(rows.end.year, 3 * ((rows.end.month - 1) // 3) + 1, 1)
    nq_start = (q_start + timedelta(days=95)).replace(day=1)
    nm_start = (rows.end.replace(day=1) + timedelta(days=32)).replace(day=1)
    xmas = next_day(rows.end, 12, 25)
    before_xmas = {s for s, cov in rows.cover.items() if cov == cov and cov < (xmas - rows.end).days}
    kitchen = list(rows.products.reset_index().query("category == 'Kitchen'")["sku"])
    reviews_end = max(pd.to_datetime(truth.reviews["date"]).dt.date)
    lq_end = date(reviews_end.year, 3 * ((reviews_end.month - 1) // 3) + 1, 1) - timedelta(days=1)
    lq_start = date(lq_end.year, 3 * ((lq_end.month - 1) // 3) + 1, 1)
    declining = truth.review_truth.declining_sku
    no_unknown = lambda a, r: states_method(a, r) and "confidence unknown" not in a  # noqa: E731

    return [
        # a promotion in a named week
        (
            f"What if we run a 20% promo on the {a} in the week of 14 December?",
            lambda x, r: rows.ref(sa) in first_sentence(x) and "20%" in first_sentence(x) and week_named(dec14)(x, r),
        ),
        (
            f"How many extra {b}s would we sell with 15% off in the week of 21 December?",
            lambda x, r: rows.ref(sb) in first_sentence(x) and week_named(dec21)(x, r),
        ),
        # the stock a holiday needs
        (
            "How much stock do we need for Black Friday?",
            lambda x, r: "Black Friday" in first_sentence(x) and bool(units_first(x)),
        ),
        (
            "How much inventory should we have for Cyber Monday?",
            lambda x, r: "Cyber Monday" in first_sentence(x) and bool(units_first(x)),
        ),
        # this period against the next: which, and both periods
        (
            "Will we sell more next quarter than this quarter?",
            lambda x, r: (
                bool(re.search(_WHICH, first_sentence(x))) and nq_start.isoformat() in x and q_start.isoformat() in x
            ),
        ),
        (
            "Will next month be busier than this month?",
            lambda x, r: bool(re.search(_WHICH, first_sentence(x))) and nm_start.isoformat() in x,
        ),
        # forecasts
        (f"How many {a}s will we sell over the next 10 days?", forecast_check(rows, [sa], 10, "next 10 days")),
        (
            "Forecast units for the Kitchen category over the next 2 weeks",
            lambda x, r: (
                "kitchen" in first_sentence(x).lower() and forecast_check(rows, kitchen, 14, "next 14 days")(x, r)
            ),
        ),
        ("How much can I trust the forecast for next quarter?", no_unknown),
        ("How reliable is the sales forecast for the next 30 days?", no_unknown),
        # stock of the best seller, run-outs
        (
            "Are we overstocked on our best seller?",
            lambda x, r: (
                rows.names(first_sentence(x), best)
                and states(first_sentence(x), float(rows.cover[best]), rel=0.2, absolute=1.5)
            ),
        ),
        ("How many days of stock do we have on our top seller?", run_out_check(rows, best)),
        (f"When will the {c} sell out?", run_out_check(rows, sc)),
        ("Which products will run out before Christmas?", lambda x, r: before_xmas <= set(table_skus(r))),
        # pricing
        (f"Should we raise the price of the {a}?", lambda x, r: rows.ref(sa) in first_sentence(x)),
        (f"What if we put the {c} up by 8%?", pct_check(rows, 8, sc)),
        ("Which competitor undercuts us the most?", lambda x, r: "below our price on" in x),
        (f"Are we cheaper than competitors on the {b}?", lambda x, r: rows.ref(sb) in first_sentence(x)),
        (
            f"How elastic is demand for {sc}?",
            lambda x, r: rows.ref(sc) in first_sentence(x) and "elasticity" in first_sentence(x),
        ),
        ("Which products could we charge more for?", lambda x, r: "below the median competitor" in x),
        # complaints and whether they grow
        ("Are delivery problems increasing?", trend_check(rows, "shipping/delivery")),
        ("Are shipping complaints on the rise?", trend_check(rows, "shipping/delivery")),
        ("Is customer service getting better?", trend_check(rows, "customer service")),
        ("Are people complaining less about price?", trend_check(rows, "price/value")),
        ("Is product quality getting worse according to reviews?", trend_check(rows, "quality/durability")),
        ("Are packaging complaints going up or down?", trend_check(rows, "packaging")),
        (
            f"What do people dislike about the {a}?",
            lambda x, r: rows.ref(sa) in first_sentence(x) and "complain" in first_sentence(x).lower(),
        ),
        (
            "What were the main complaints last quarter?",
            lambda x, r: (
                f"{lq_start.isoformat()} to {lq_end.isoformat()}" in first_sentence(x)
                and "complain" in first_sentence(x).lower()
            ),
        ),
        ("What do customers love about us?", lambda x, r: x.startswith("What customers like most")),
        # by its code or its title (the metrics layer names it so); the first run wanted the code alone
        (f"How has {declining} been rated lately?", lambda x, r: rows.names(first_sentence(x), declining)),
    ]
