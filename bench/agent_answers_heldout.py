"""The held-out agent-answer set (``heldout``): written after the fixes the ``merchant`` set led to, never tuned on.

Other phrasings, products, brands, categories, horizons and themes than the ``merchant`` set, with truths from the
rows by the same documented methods (``bench/agent_answers_merchant.py``).
"""

from __future__ import annotations

import re
from datetime import timedelta
from typing import TYPE_CHECKING

from bench.agent_answers_merchant import (
    Check,
    Rows,
    brand_scoped,
    by_category,
    change_check,
    first_sentence,
    forecast_check,
    next_month,
    next_quarter,
    pct_check,
    run_out_check,
    states,
    states_method,
    table_skus,
    trend_check,
)

if TYPE_CHECKING:
    from shared.sample.merchant import SampleMerchant


def heldout_questions(truth: SampleMerchant) -> list[tuple[str, Check]]:
    """The held-out questions with their checks."""
    import pandas as pd

    rows = Rows(truth)
    stock = truth.stock_truth
    nouns = rows.noun_skus()
    by_rate = sorted(nouns, key=lambda n: -float(rows.rate[nouns[n]]))
    a, b = by_rate[2], by_rate[3]  # others than the merchant set's two busiest
    sa, sb = nouns[a], nouns[b]
    # asked by its code: the busiest product no noun names alone
    sc = str(rows.rate.drop(list(nouns.values()), errors="ignore").sort_values(kind="stable").index[-1])
    nm_s, nm_e = next_month(rows.end)
    nq_s, nq_e = next_quarter(rows.end)
    month, quarter = f"{nm_s.isoformat()} to {nm_e.isoformat()}", f"{nq_s.isoformat()} to {nq_e.isoformat()}"
    products = rows.products.reset_index()
    bright = [s for s in products[products["brand"] == "Brightline"]["sku"] if rows.rate.get(s, 0) > 0]
    home = list(products[products["category"] == "Home"]["sku"])
    down = round(rows.price(sb) * 0.8)
    up = round(rows.price(sc) * 1.2)
    reviews_end = max(pd.to_datetime(truth.reviews["date"]).dt.date)
    first_out = str(rows.cover.idxmin())
    this_month = f"{reviews_end.replace(day=1).isoformat()} to {reviews_end.isoformat()}"
    return [
        (f"How many days until the {a} sells out?", run_out_check(rows, sa)),
        (f"How long before we run out of {sb}?", run_out_check(rows, sb)),
        ("What needs restocking?", lambda x, r: set(stock.stockout) <= set(table_skus(r))),
        (
            "Anything with over 9 months of stock?",
            lambda x, r: states(first_sentence(x), int((rows.cover > 273).sum()), absolute=0) and "273 days" in x,
        ),
        (
            "Which lines are overstocked?",
            lambda x, r: len(set(table_skus(r)[:5]) & set(stock.overstock)) == len(stock.overstock),
        ),
        (f"How many {a}s will we move in the next fortnight?", forecast_check(rows, [sa], 14, "next 14 days")),
        (
            "Expected unit sales for the whole shop over the next 8 weeks",
            forecast_check(rows, list(rows.rate.index), 56, "next 56 days"),
        ),
        ("Demand forecast for Brightline products next month", brand_scoped("Brightline", bright, month)),
        (
            "Projected units for the Home category next quarter",
            lambda x, r: (
                "home" in first_sentence(x).lower()
                and quarter in first_sentence(x)
                and forecast_check(rows, home, (nq_e - nq_s).days + 1, quarter)(x, r)
            ),
        ),
        (
            "What's our revenue outlook for the next 90 days?",
            lambda x, r: "$" in first_sentence(x) and "next 90 days" in first_sentence(x),
        ),
        ("Break down next month's forecast by category", by_category(rows)),
        (
            f"How reliable is the 30-day forecast for {sa}, and which model did you use?",
            lambda x, r: rows.ref(sa) in first_sentence(x) and states_method(x, r),
        ),
        (f"What if the {b} went down to ${down}?", change_check(rows, (down / rows.price(sb) - 1) * 100, sb)),
        (f"What happens to sales if we put {sc} up to ${up}?", change_check(rows, (up / rows.price(sc) - 1) * 100, sc)),
        (f"Would a 30% markdown on the {a} sell more?", pct_check(rows, 30, sa)),
        (
            "Which of our products are more expensive than competitors?",
            lambda x, r: bool(re.match(r"\d+ of \d+ SKUs are priced more than 5% above", x)),
        ),
        (
            "What are shoppers unhappy about this month?",
            lambda x, r: this_month in first_sentence(x) and "complain" in first_sentence(x),
        ),
        ("Are delivery problems increasing?", trend_check(rows, "shipping/delivery")),
        ("Is packaging getting worse?", trend_check(rows, "packaging")),
        (
            "What's the top complaint about Kestrel products?",
            lambda x, r: "Kestrel" in first_sentence(x) and "complaints" in first_sentence(x),
        ),
        (
            "Biggest gripes in Electronics reviews?",
            lambda x, r: "electronics" in first_sentence(x).lower() and "complain" in first_sentence(x).lower(),
        ),
        (
            "Stock cover for the next 30 days: what runs out first?",  # the least cover by run rate, named first
            lambda x, r: table_skus(r)[:1] == [first_out] or rows.ref(first_out) in first_sentence(x),
        ),
        (f"What will {sc} sell next quarter?", forecast_check(rows, [sc], (nq_e - nq_s).days + 1, quarter)),
        (
            "Forecast units for next month",
            lambda x, r: (
                month in first_sentence(x)
                and "units" in first_sentence(x)
                and "interval" in first_sentence(x)
                and rows.end + timedelta(days=1) <= nm_s
            ),
        ),
    ]
