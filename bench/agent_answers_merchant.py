"""The second agent-answer set (``merchant``): stock, forecast, what-if and complaint questions in merchants' words.

Each question is asked of the current merchant; its truth comes from the rows the store accepted (pandas) by the
agents' documented methods, never from the answer: run-rate cover = latest on hand / the last 28 days' units a
day (docs/forecast.md), reorder = cover below lead time + 7 days, a price target's change = target / our latest
price - 1 (docs/pricing.md), a complaint theme = the reviews whose text says it (the generator's phrases).
Checks read the answer's first sentence: it must answer (a number, its unit, the period) before anything else.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from shared.sample.merchant import SampleMerchant

Check = Callable[[str, object], bool]

#: Complaint themes as the sample reviews word them (the generator's sentences), by the agent's theme name.
THEMES: dict[str, str] = {
    "shipping/delivery": r"delivery was late|shipping was slow|took forever to arrive",
    "quality/durability": r"broke after|cracked|flimsy|scratched|stopped working",
    "price/value": r"too expensive|not worth|price went up",
    "customer service": r"customer service was rude|nobody answered",
    "packaging": r"box arrived damaged|packaging was torn",
}


def first_sentence(answer: str) -> str:
    """The answer's first sentence (a full stop followed by a capital starts the next)."""
    return re.split(r"(?<=[a-z0-9)%])\. (?=[A-Z])", answer)[0]


def numbers(text: str) -> list[float]:
    """Every number written in ``text`` (thousands separators dropped)."""
    return [float(x.replace(",", "")) for x in re.findall(r"(?<![A-Z]-)\b\d[\d,]*\.?\d*", text)]


def states(text: str, value: float, rel: float = 0.0, absolute: float = 0.5) -> bool:
    """Whether ``text`` holds ``value`` within ``rel`` (relative) or ``absolute``."""
    return any(abs(n - value) <= max(absolute, abs(value) * rel) for n in numbers(text))


def table_skus(report: object) -> list[str]:
    table = getattr(report, "table", None)
    if table is None:
        return []
    cols = list(table.columns)
    i = cols.index("sku") if "sku" in cols else 0
    return [str(r[i]) for r in table.rows]


class Rows:
    """The merchant's accepted rows and the figures the agents' documented methods give on them."""

    def __init__(self, truth: SampleMerchant) -> None:
        self.truth = truth
        sales = truth.sales.assign(date=pd.to_datetime(truth.sales["date"]).dt.date)
        self.sales = sales
        self.end: date = max(sales["date"])
        recent = sales[sales["date"] > self.end - timedelta(days=28)]
        self.rate = recent.groupby("sku")["units"].sum() / 28.0
        inv = truth.inventory.assign(date=pd.to_datetime(truth.inventory["date"]).dt.date)
        latest = inv[inv["date"] == inv.groupby("sku")["date"].transform("max")]
        self.on_hand = latest.groupby("sku")["on_hand"].sum()
        self.lead = latest.groupby("sku")["lead_time_days"].max()
        self.products = truth.products.set_index("sku")
        stocked = self.on_hand[self.on_hand > 0].index
        self.cover = (self.on_hand[stocked] / self.rate.reindex(stocked)).replace(float("inf"), float("nan"))

    def title(self, sku: str) -> str:
        """The product's title ('' when its catalogue row was refused)."""
        return str(self.products["title"].get(sku, ""))

    def ref(self, sku: str) -> str:
        """How an answer names ``sku``."""
        return f"({sku})" if sku in self.products.index else sku

    def names(self, text: str, sku: str) -> bool:
        """Whether ``text`` names ``sku``: by its code or by its title (the metrics layer's wording)."""
        return sku in text or bool(self.title(sku)) and self.title(sku) in text

    def noun_skus(self) -> dict[str, str]:
        """Product nouns that name exactly one stocked, selling SKU of the catalogue ('frying pan' -> KIT-0026)."""
        from shared.sample.catalogue import CATEGORIES

        out: dict[str, str] = {}
        for cat in CATEGORIES:
            for noun, _ in cat.nouns:
                hits = [str(s) for s, t in self.products["title"].items() if f" {noun} " in f" {t} "]
                if len(hits) == 1 and self.rate.get(hits[0], 0) > 0.2 and self.on_hand.get(hits[0], 0) > 0:
                    out[noun.lower()] = hits[0]
        return out

    def price(self, sku: str) -> float:
        """Our latest selling price (the last day's mean unit price)."""
        s = self.sales[(self.sales["sku"] == sku) & self.sales["unit_price"].notna()]
        last = s[s["date"] == s["date"].max()]
        return float(last["unit_price"].mean())

    def theme_counts(self, start: date, end: date) -> dict[str, int]:
        """Reviews in [start, end] saying each theme (the phrases are complaints whatever the stars)."""
        rv = self.truth.reviews.assign(date=pd.to_datetime(self.truth.reviews["date"]).dt.date)
        rv = rv[(rv["date"] >= start) & (rv["date"] <= end)]
        rv = rv[~rv["review_id"].isin(self.truth.review_truth.spam_ids)]
        text = rv["text"].fillna("").str.lower()
        return {name: int(text.str.contains(rx).sum()) for name, rx in THEMES.items()}

    def theme_share(self, theme: str, start: date, end: date) -> float:
        """Share of all reviews in [start, end] that say ``theme`` (spam excluded)."""
        rv = self.truth.reviews.assign(date=pd.to_datetime(self.truth.reviews["date"]).dt.date)
        rv = rv[(rv["date"] >= start) & (rv["date"] <= end) & ~rv["review_id"].isin(self.truth.review_truth.spam_ids)]
        return float(rv["text"].fillna("").str.lower().str.contains(THEMES[theme]).mean()) if len(rv) else 0.0


def next_month(day: date) -> tuple[date, date]:
    start = (day.replace(day=1) + timedelta(days=32)).replace(day=1)
    return start, (start + timedelta(days=32)).replace(day=1) - timedelta(days=1)


def next_quarter(day: date) -> tuple[date, date]:
    q = (day.month - 1) // 3
    start = date(day.year + (q == 3), (q + 1) % 4 * 3 + 1, 1)
    return start, (date(start.year + (start.month == 10), (start.month + 2) % 12 + 1, 1) - timedelta(days=1))


def units_first(a: str) -> str:
    """The first sentence when it states a unit count ('... 1,234 units ...'), else ''."""
    first = first_sentence(a)
    return first if re.search(r"\d[\d,]* units\b", first) else ""


def run_out_check(rows: Rows, sku: str) -> Check:
    """The first sentence names the product and says when it runs out: its run-rate cover (days) or that date."""
    cover = float(rows.cover[sku])
    day = rows.end + timedelta(days=round(cover))

    def check(a: str, r: object) -> bool:
        first = first_sentence(a)
        dates = [date.fromisoformat(d) for d in re.findall(r"\d{4}-\d{2}-\d{2}", first)]
        return rows.names(first, sku) and (
            states(first, cover, rel=0.2, absolute=1.5)
            or any(abs((d - day).days) <= max(2, cover * 0.2) for d in dates)
        )

    return check


def forecast_check(rows: Rows, skus: list[str], days: int, period: str) -> Check:
    """The first sentence states units over ``period`` within a factor 2.5 of the run rate, with its interval."""
    expected = float(rows.rate.reindex(skus).fillna(0).sum() * days)

    def check(a: str, r: object) -> bool:
        first = units_first(a)
        m = re.search(r"(\d[\d,]*) units", first)
        if m is None:
            return False
        units = float(m.group(1).replace(",", ""))
        return period in first and "interval" in first and expected / 2.5 <= units <= expected * 2.5 + 5

    return check


def by_category(rows: Rows) -> Check:
    """Each category of the catalogue named with its own unit figure, in the answer."""
    cats = sorted(set(rows.products["category"]))
    return lambda a, r: all(
        re.search(re.escape(c) + r"[^.;]{0,40}?\d[\d,]* units|\d[\d,]* units[^.;]{0,20}" + re.escape(c), a, re.I)
        for c in cats
    )


def brand_scoped(name: str, skus: list[str], period: str) -> Check:
    """The first sentence names the brand, counts its selling SKUs and states units over the period."""
    return lambda a, r: (
        name in first_sentence(a)
        and states(first_sentence(a), len(skus), absolute=0)
        and period in first_sentence(a)
        and "units" in first_sentence(a)
    )


def states_method(a: str, r: object) -> bool:
    """The answer states the model, the interval and the confidence."""
    return "model" in a and "interval" in a and "confiden" in a.lower()


def change_check(rows: Rows, pct: float, who: str) -> Check:
    """A price target's what-if: the product, the change the target means (from our price) and the units it moves."""
    return lambda a, r: (
        rows.ref(who) in first_sentence(a)
        and "expected demand" in first_sentence(a)
        and states(first_sentence(a), abs(pct), absolute=1.0)
        and "elasticity" in a
    )


def pct_check(rows: Rows, pct: int, who: str) -> Check:
    """A percentage what-if: the product, the change asked, the units it moves and the interval."""
    return lambda a, r: (
        rows.ref(who) in first_sentence(a)
        and f"by {pct}%" in first_sentence(a)
        and "expected demand" in first_sentence(a)
        and "interval" in a
    )


def trend_check(rows: Rows, theme: str) -> Check:
    """Whether a complaint theme grows: the share of reviews saying it, last 90 days against the 90 before."""
    reviews_end = max(pd.to_datetime(rows.truth.reviews["date"]).dt.date)
    recent = rows.theme_share(theme, reviews_end - timedelta(days=89), reviews_end)
    before = rows.theme_share(theme, reviews_end - timedelta(days=179), reviews_end - timedelta(days=90))
    same = r"about the same|steady|unchanged|no (?:clear )?change|flat"
    words = r"\b(?:worse|more|up|rising|grow)" if recent > before else r"\b(?:better|fewer|down|falling|less)"
    if abs(recent - before) < 0.03:  # within 3 points: "about the same" holds too
        words = f"{words}|{same}"
    return lambda a, r: theme.split("/")[0] in first_sentence(a) and bool(re.search(words, a))


def stock_questions(rows: Rows) -> list[tuple[str, Check]]:
    """Run-out, reorder and overstock questions."""
    stock = rows.truth.stock_truth
    nouns = rows.noun_skus()
    by_cover = sorted(nouns, key=lambda n: float(rows.cover.get(nouns[n], 1e9)))
    soon, later = by_cover[0], by_cover[-1]
    reorder = {s for s, c in rows.cover.items() if c == c and c < rows.lead.get(s, 7) + 7}
    over_year = int((rows.cover > 365).sum())
    best = str(
        rows.sales[rows.sales["date"] > rows.end - timedelta(days=90)]
        .groupby("sku")["units"]
        .sum()
        .sort_values(kind="stable")
        .index[-1]
    )
    s_soon = nouns[soon]
    before_delivery = float(rows.cover[s_soon]) < float(rows.lead[s_soon])
    return [
        (f"When will we run out of the {soon} at this rate?", run_out_check(rows, nouns[soon])),
        (f"How long will our stock of the {later} last?", run_out_check(rows, nouns[later])),
        (f"How many days of stock do we have left on {nouns[by_cover[1]]}?", run_out_check(rows, nouns[by_cover[1]])),
        (
            f"Will the {soon} run out before the next delivery arrives?",
            lambda a, r: (
                rows.ref(s_soon) in first_sentence(a)
                and "lead time" in a
                and (("before" in first_sentence(a) and "in time" not in first_sentence(a)) == before_delivery)
            ),
        ),
        ("When does our best seller run out?", run_out_check(rows, best)),
        (
            "Which products should we reorder this week?",
            lambda a, r: (
                set(stock.stockout) <= set(table_skus(r)) and states(first_sentence(a), len(reorder), absolute=2)
            ),
        ),
        ("What do I need to order from suppliers now?", lambda a, r: set(stock.stockout) <= set(table_skus(r))),
        ("Which items are about to sell out?", lambda a, r: set(stock.stockout) <= set(table_skus(r)[:8])),
        (
            "Which products will run out in the next two weeks?",
            lambda a, r: {s for s, c in rows.cover.items() if c < 14} <= set(table_skus(r)),
        ),
        (
            "Is anything out of stock right now?",
            lambda a, r: states(first_sentence(a), int((rows.on_hand == 0).sum()), absolute=0),
        ),
        (
            "Which products are we likely to overstock?",
            lambda a, r: len(set(table_skus(r)[:5]) & set(stock.overstock)) == len(stock.overstock),
        ),
        (
            "What's been sitting on the shelf too long?",
            lambda a, r: len(set(table_skus(r)[:5]) & set(stock.overstock)) == len(stock.overstock),
        ),
        (
            "Which SKUs have more than a year of stock?",
            lambda a, r: first_sentence(a).startswith(f"{over_year} SKU") and "365 days" in a,
        ),
        (
            "Do we have more than 6 months of stock on anything?",
            lambda a, r: states(first_sentence(a), int((rows.cover > 182).sum()), absolute=0) and "182 days" in a,
        ),
    ]


def forecast_questions(rows: Rows) -> list[tuple[str, Check]]:
    """Unit forecasts: a product, a brand, a category, the store, a calendar period."""
    nouns = rows.noun_skus()
    noun = sorted(nouns, key=lambda n: -float(rows.rate[nouns[n]]))[0]
    sku = nouns[noun]
    nm_s, nm_e = next_month(rows.end)
    nq_s, nq_e = next_quarter(rows.end)
    month, nm_days = f"{nm_s.isoformat()} to {nm_e.isoformat()}", (nm_e - nm_s).days + 1
    quarter = f"{nq_s.isoformat()} to {nq_e.isoformat()}"
    products = rows.products.reset_index()
    brand = "Kestrel"
    brand_skus = [s for s in products[products["brand"] == brand]["sku"] if rows.rate.get(s, 0) > 0]
    acme = [s for s in products[products["brand"] == "Acme Home"]["sku"] if s in set(rows.sales["sku"])]
    cat = "Outdoor"
    cat_skus = list(products[products["category"] == cat]["sku"])
    every = list(rows.rate.index)

    return [
        (f"How many {noun}s will we sell next month?", forecast_check(rows, [sku], nm_days, month)),
        (
            f"What's the demand forecast for {sku} over the next 6 weeks?",
            forecast_check(rows, [sku], 42, "next 42 days"),
        ),
        (
            "Sales projection for the next 3 months",
            lambda a, r: "next 90 days" in first_sentence(a) and "interval" in first_sentence(a),
        ),
        ("How many units will we sell in total next week?", forecast_check(rows, every, 7, "next 7 days")),
        ("Forecast next quarter by category", by_category(rows)),
        ("What's next month's forecast for each category?", by_category(rows)),
        (f"Forecast for all {brand} products next quarter", brand_scoped(brand, brand_skus, quarter)),
        ("Forecast for all Acme Home products", brand_scoped("Acme Home", acme, "next 30 days")),
        (
            f"What's the demand outlook for the {cat} category next month?",
            lambda a, r: (
                cat.lower() in first_sentence(a).lower()
                and month in first_sentence(a)
                and forecast_check(rows, cat_skus, nm_days, month)(a, r)
            ),
        ),
        (
            f"How sure are you about the {noun} forecast for the next 30 days? Tell me the method and the interval.",
            lambda a, r: rows.ref(sku) in first_sentence(a) and states_method(a, r),
        ),
        (
            "How confident are you in next month's forecast?",
            lambda a, r: states_method(a, r) and month in first_sentence(a),
        ),
        (
            "Will we sell more next quarter than this quarter?",
            lambda a, r: quarter in a and bool(re.search(r"\b(more|less|fewer|up|down)\b", first_sentence(a))),
        ),
        ("Predict next month's revenue", lambda a, r: "$" in first_sentence(a) and month in first_sentence(a)),
        ("How many units will the Acme Home range sell next month?", brand_scoped("Acme Home", acme, month)),
        (
            "How much stock do I need for Black Friday?",
            lambda a, r: "Black Friday" in first_sentence(a) and bool(units_first(a)),
        ),
    ]


def what_if_questions(rows: Rows) -> list[tuple[str, Check]]:
    """Price what-ifs: a target price, a percentage, a planned promotion week."""
    nouns = rows.noun_skus()
    ranked = sorted(nouns, key=lambda n: -float(rows.rate[nouns[n]]))
    noun, other = ranked[0], ranked[1]
    sku, sku2 = nouns[noun], nouns[other]
    price = rows.price(sku)
    target = round(price * 0.85)
    cut_pct = (target / price - 1) * 100
    up = round(rows.price(sku2) * 1.1)
    up_pct = (up / rows.price(sku2) - 1) * 100
    week50 = date.fromisocalendar(rows.end.year if rows.end.isocalendar()[1] < 50 else rows.end.year + 1, 50, 1)

    return [
        (f"What happens to units if we drop the {noun} to ${target}?", change_check(rows, cut_pct, sku)),
        (f"If we charge ${up} for the {other}, what happens to demand?", change_check(rows, up_pct, sku2)),
        (f"What would raising {sku2} by 10% do to sales?", pct_check(rows, 10, sku2)),
        (f"If I knock 25% off the {noun}, how many more will we sell?", pct_check(rows, 25, sku)),
        (f"Should I discount the {other} by 15% to shift more units?", pct_check(rows, 15, sku2)),
        (
            f"How price sensitive is the {noun}?",
            lambda a, r: rows.ref(sku) in first_sentence(a) and "elasticity" in first_sentence(a),
        ),
        (
            f"If we run 20% off the {noun} in week 50, how many units?",
            lambda a, r: (
                bool(units_first(a))
                and "20%" in first_sentence(a)
                and (week50.isoformat() in first_sentence(a) or "week 50" in first_sentence(a))
            ),
        ),
        ("Are we overpriced?", lambda a, r: bool(re.match(r"\d+ of \d+ SKUs are priced more than 5% above", a))),
    ]


def complaint_questions(rows: Rows) -> list[tuple[str, Check]]:
    """Complaint themes: this month, last month, a product, a brand, and whether a theme is growing."""
    end = rows.end
    reviews_end = max(pd.to_datetime(rows.truth.reviews["date"]).dt.date)
    m_start = reviews_end.replace(day=1)
    lm_end = m_start - timedelta(days=1)
    lm_start = lm_end.replace(day=1)
    year = rows.theme_counts(reviews_end - timedelta(days=365), reviews_end)
    last_month = rows.theme_counts(lm_start, lm_end)
    declining = rows.truth.review_truth.declining_sku
    negative = rows.truth.reviews[rows.truth.reviews["rating"] <= 2].groupby("sku").size()
    most_negative = set(negative[negative == negative.max()].index)  # tied: any one of them

    def top(counts: dict[str, int]) -> set[str]:
        best = max(counts.values())
        return {k for k, v in counts.items() if v == best}

    def leads_with(counts: dict[str, int], period: str) -> Check:
        # the first theme named is (one of) the most said; the period is the one asked
        return lambda a, r: (
            period in first_sentence(a)
            and any(re.search(r"(?:are|is) " + re.escape(t), first_sentence(a)) for t in top(counts))
        )

    return (
        [
            (
                "What are people complaining about most this month?",
                lambda a, r: (
                    f"{m_start.isoformat()} to {reviews_end.isoformat()}" in first_sentence(a)
                    and "complain" in first_sentence(a)
                ),
            ),
            (
                "What did customers complain about last month?",
                leads_with(last_month, f"{lm_start.isoformat()} to {lm_end.isoformat()}"),
            ),
            ("What's the number one complaint this year?", lambda a, r: any(t in first_sentence(a) for t in top(year))),
            ("Is the delivery complaint getting worse?", trend_check(rows, "shipping/delivery")),
            ("Are quality complaints going up?", trend_check(rows, "quality/durability")),
            (
                f"Why are people unhappy with {declining}?",
                lambda a, r: rows.ref(declining) in first_sentence(a) and "complaints" in first_sentence(a),
            ),
            (
                "What are Acme Home customers complaining about?",
                lambda a, r: "Acme Home" in first_sentence(a) and "complaints" in first_sentence(a),
            ),
            (
                "Which product gets the most complaints?",
                lambda a, r: any(rows.names(first_sentence(a), s) for s in most_negative),
            ),
            (
                "What do unhappy Kitchen customers say?",
                lambda a, r: "kitchen" in first_sentence(a).lower() and "complain" in first_sentence(a).lower(),
            ),
            (
                f"Any complaints about the {sorted(rows.noun_skus())[0]}?",
                lambda a, r: rows.ref(rows.noun_skus()[sorted(rows.noun_skus())[0]]) in first_sentence(a),
            ),
        ]
        if end
        else []
    )


def merchant_questions(truth: SampleMerchant) -> list[tuple[str, Check]]:
    """The ``merchant`` set: every question with its check."""
    rows = Rows(truth)
    return [*stock_questions(rows), *forecast_questions(rows), *what_if_questions(rows), *complaint_questions(rows)]
