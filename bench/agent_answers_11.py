"""The held-out agent-answer set (``answers11``): written after the fixes ``answers10`` led to, never tuned on.

The same kinds of question as ``answers10`` in other words, products, weeks, holidays and themes, with truths from
the rows by the same documented methods (``bench/agent_answers_merchant.py``).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from bench.agent_answers_10 import _WHICH, best_seller, next_day, week_named
from bench.agent_answers_merchant import (
    Check,
    Rows,
    first_sentence,
    forecast_check,
    pct_check,
    run_out_check,
    states,
    states_method,
    trend_check,
)

if TYPE_CHECKING:
    from shared.sample.merchant import SampleMerchant


def answers11_questions(truth: SampleMerchant) -> list[tuple[str, Check]]:
    """The ``answers11`` set: every question with its check."""
    rows = Rows(truth)
    nouns = rows.noun_skus()
    by_rate = sorted(nouns, key=lambda n: -float(rows.rate[nouns[n]]))
    a, b, c = by_rate[1], by_rate[2 % len(by_rate)], by_rate[3 % len(by_rate)]
    sa, sb, sc = nouns[a], nouns[b], nouns[c]
    best = best_seller(rows)
    dec7, dec28 = next_day(rows.end, 12, 7), next_day(rows.end, 12, 28)
    dec_start = date(rows.end.year, rows.end.month, 1)
    outdoor = list(rows.products.reset_index().query("category == 'Outdoor'")["sku"])
    no_unknown = lambda x, r: states_method(x, r) and "confidence unknown" not in x  # noqa: E731

    def holiday(name: str) -> Check:
        return lambda x, r: name in first_sentence(x) and bool(re.search(r"\d[\d,]* units\b", x))

    return [
        (
            f"What would a 10% discount on the {b} do in the week of 7 December?",
            lambda x, r: rows.ref(sb) in first_sentence(x) and week_named(dec7)(x, r),
        ),
        (
            f"If we take 25% off {sc} during the week of 28 December, how many units?",
            lambda x, r: rows.ref(sc) in first_sentence(x) and week_named(dec28)(x, r),
        ),
        ("How much stock do we need for Valentine's Day?", holiday("Valentine")),
        ("How much stock will we need for New Year's Eve?", holiday("New Year")),
        (
            "Are we going to sell more in January than in December?",
            lambda x, r: bool(re.search(_WHICH, first_sentence(x))) and dec_start.isoformat() in x,
        ),
        ("Will next quarter beat this quarter?", lambda x, r: bool(re.search(_WHICH, first_sentence(x)))),
        ("How trustworthy is next month's forecast?", no_unknown),
        (
            f"Can I rely on the 2-week forecast for the {a}?",
            lambda x, r: rows.ref(sa) in first_sentence(x) and no_unknown(x, r),
        ),
        (
            "Is our best seller overstocked?",
            lambda x, r: (
                rows.names(first_sentence(x), best)
                and states(first_sentence(x), float(rows.cover[best]), rel=0.2, absolute=1.5)
            ),
        ),
        ("How long will stock of our best-selling product last?", run_out_check(rows, best)),
        ("Are complaints about delivery going up?", trend_check(rows, "shipping/delivery")),
        ("Is the packaging getting better?", trend_check(rows, "packaging")),
        ("Are customer service issues declining?", trend_check(rows, "customer service")),
        ("Are quality problems growing?", trend_check(rows, "quality/durability")),
        (f"How many {a}s will we sell in the next 3 weeks?", forecast_check(rows, [sa], 21, "next 21 days")),
        (f"What if we raise the {c} by 12%?", pct_check(rows, 12, sc)),
        ("Who undercuts us most often?", lambda x, r: "below our price on" in x),
        (
            f"What are the main gripes about the {b}?",
            lambda x, r: rows.ref(sb) in first_sentence(x) and "complain" in first_sentence(x).lower(),
        ),
        ("What did people complain about in the last 30 days?", lambda x, r: "complain" in first_sentence(x).lower()),
        (
            "What will the Outdoor category sell next week?",
            lambda x, r: (
                "outdoor" in first_sentence(x).lower() and forecast_check(rows, outdoor, 7, "next 7 days")(x, r)
            ),
        ),
    ]
