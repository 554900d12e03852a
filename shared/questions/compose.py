"""The answer first: one to three sentences from a metric result, with its table, chart and evidence.

Every sentence states the number with its unit or currency, the period the answer used (as the time reader
labelled it) and the names it is about; rankings list the items in order; comparisons give both values and
the change. Pure: a :class:`~shared.store.metrics.model.MetricResult` in, text and small structures out.
"""

from __future__ import annotations

import calendar
import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any, cast

from shared import regex as re
from shared.orchestration.report import MAX_TABLE_ROWS, AnswerEvidence, AnswerTable
from shared.questions.answer_scale import scaled
from shared.questions.grouped_sides import sides_lead
from shared.questions.lexicon import METRIC_NOUNS
from shared.questions.named_pair import named_values, pair_sentence, with_named_zeros
from shared.questions.new_products import new_products_answer
from shared.questions.order_keys import order_key_clause
from shared.questions.order_percentile import ordinal
from shared.questions.order_size import order_size_answer, sized_orders_noun
from shared.questions.order_value import range_phrase
from shared.questions.price_bands import price_band_answer
from shared.questions.promoters import promoters_lead
from shared.questions.reading import Reading
from shared.questions.returns_count import returns_sentence
from shared.questions.sale_dates import sale_dates_answer, slice_name
from shared.questions.sales_location import place_word
from shared.questions.since_launch import SINCE_LAUNCH_LABEL, rating_direction
from shared.questions.sparse_ratings import MIN_PER_BUCKET, MIN_REVIEWS, pooled_by_month, review_total, too_sparse
from shared.questions.time_of_day import clock_phrase, span_label
from shared.questions.timephrase import MONTH_ABBR, add_months, fmt_day, fmt_range, period_containing
from shared.questions.top_compared import dropped_out, like_for_like_headline, like_for_like_item
from shared.questions.totals import missing_from_totals, totals_only
from shared.questions.trend_verdict import with_verdict
from shared.questions.year_on_year import year_on_year_answer
from shared.store.metrics.catalog import FRACTIONAL_COUNTS, METRICS, Unit
from shared.store.metrics.compile import RETURNED, to_date_months
from shared.store.metrics.model import DimensionFilter, Grain, MetricQuery, MetricResult, TimeRange


def metric_unit(metric: str) -> Unit:
    """The catalogue's unit of ``metric`` (money, count, percent, rating, days, index)."""
    spec = METRICS.get(metric)
    return spec.unit if spec is not None else "count"


#: What a metric needs that an export may not have (said when the result is empty).
METRIC_NEEDS: dict[str, str] = {
    "discounts": "a discount column in your sales data", "discount_rate": "a discount column in your sales data",
    "refunds": "a refund column in your sales data",
    "refund_rate": "a refund column in your sales data", "returned_units": "returns in your sales data",
    "returns_made": "returns in your sales data",
    "return_rate": "returns in your sales data", "customers": "customer ids or e-mails in your sales data",
    "repeat_customer_rate": "customer ids or e-mails in your sales data",
    "cost": "product costs in your catalogue", "margin": "product costs in your catalogue",
    "margin_pct": "product costs in your catalogue", "review_count": "reviews", "avg_rating": "reviews",
    "negative_review_share": "reviews", "stock_on_hand": "inventory snapshots",
    "days_of_cover": "inventory snapshots and sales", "price_index": "competitor prices and catalogue prices",
    "cheapest_share": "competitor prices and catalogue prices",
    "inventory_value": "inventory snapshots and product costs or prices in your catalogue",
    "inventory_value_at_price": "inventory snapshots and product prices in your catalogue",
    "promo_order_share": "a promotion flag or a discount column in your sales data",
    "discounted_order_share": "a discount column in your sales data",
    "promo_revenue_share": "a promotion flag or a discount column in your sales data",
    "promo_unit_share": "a promotion flag or a discount column in your sales data",
}
_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "JPY": "¥", "AUD": "A$", "CAD": "C$", "NZD": "NZ$", "INR": "₹"}
_DIM_NOUNS = {"sku": ("product", "products"), "product": ("product", "products"),
              "category": ("category", "categories"),
              "brand": ("brand", "brands"), "channel": ("channel", "channels"),
              "competitor": ("competitor", "competitors"), "weekday": ("weekday", "weekdays"),
              "hour": ("hour", "hours"),
              "date": ("period", "periods"), "country": ("country", "countries"),
              "payment_method": ("payment method", "payment methods"), "seller": ("seller", "sellers"),
              "region": ("region", "regions"), "state": ("state", "states"),
              "verified": ("verification", "verification"), "text": ("text", "text"),
              "returned": ("return status", "return statuses"), "promotion": ("promotion", "promotions")}
_SENTENCE_ITEMS = 6
VEGA_SCHEMA = "https://vega.github.io/schema/vega-lite/v5.json"


@dataclass
class MetricAnswer:
    """The parts of a report that answer a metric question."""

    answer: str
    period: TimeRange | None
    table: AnswerTable | None = None
    chart: dict[str, Any] | None = None
    evidence: list[AnswerEvidence] = field(default_factory=list)


#: What one of a per-ratio's divisor is called ("discount per order").
_PER_NOUN_ONE = {"orders": "order", "units": "unit sold", "customers": "customer"}


def fmt_value(value: float | int | None, unit: Unit, currency: str | None = None, metric: str = "") -> str:
    """A metric value as a merchant reads it: ``$12,345.60``, ``1,234``, ``12.3%``, ``4.21 out of 5``."""
    if value is None:
        return "n/a"
    if unit == "money":
        sym = _SYMBOLS.get((currency or "").upper())
        text = f"{abs(value):,.2f}"
        sign = "-" if value < 0 else ""
        if sym:
            return f"{sign}{sym}{text}"
        return f"{sign}{text} {currency}" if currency else f"{sign}{text}"
    if unit == "count":
        return f"{value:,.2f}" if metric in FRACTIONAL_COUNTS else f"{round(value):,}"
    if metric == "stock_turn":  # 0.35 turns is not 0.3
        return f"{value:,.2f}"
    if unit == "percent":
        return f"{value:.1f}%"
    if unit == "rating":
        return f"{value:.2f} out of 5"
    if unit == "days":
        return f"{value:,.1f} days"
    return f"{value:.1f}"


def _grain_label(value: Any, grain: str | None) -> str:
    if not isinstance(value, date):
        return str(value)
    if grain == "month":
        return f"{MONTH_ABBR[value.month - 1]} {value.year}"
    if grain == "quarter":
        return f"Q{(value.month - 1) // 3 + 1} {value.year}"
    if grain == "year":
        return str(value.year)
    if grain == "week":
        return f"the week of {fmt_day(value)}"
    return fmt_day(value)


class _Namer:
    """Names a row's dimension values: SKUs by title (and code), dates by their grain."""

    def __init__(self, reading: Reading, titles: Mapping[str, str]) -> None:
        self.grain = reading.query.grain if reading.query else None
        self.titles = titles

    def value(self, dim: str, value: Any) -> str:
        if value is None:
            return "no time of day" if dim == "hour" else "(none)"
        if dim == "date":
            return _grain_label(value, self.grain)
        if dim == "hour":  # "10:00" -> "10:00-11:00": the hour it names
            return span_label(str(value))
        if dim == "sku":
            title = self.titles.get(str(value))
            # a SKU that is its title in capitals (a category standing for the product) is named once
            return f"{title} ({value})" if title and title.casefold() != str(value).casefold() else title or str(value)
        return str(value)

    def row(self, row: Mapping[str, Any], dims: list[str]) -> str:
        return ", ".join(self.value(d, row.get(d)) for d in dims)


#: Dimensions that name a place: a value one of them names is that place whichever of them matched it.
_PLACE_DIMENSIONS = ("country", "region", "state")


def _filter_phrase(filters: list[DimensionFilter], titles: Mapping[str, str],
                   said: Mapping[str, str] | None = None) -> str:
    parts = []
    named: set[tuple[str, str, str]] = set()  # (what it is, op, name) already in the phrase
    for f in filters:
        names = [titles.get(v, v) if f.dimension == "sku" else v for v in f.values]
        # one value matched by two dimensions (AdventureWorks' region "Germany" in the country Germany) is two filters,
        # one place: the phrase names it once ("in Germany", not "in Germany in Germany")
        what = "place" if f.dimension in _PLACE_DIMENSIONS else f.dimension
        names = [n for n in names if (what, f.op, str(n).casefold()) not in named]
        if not names:
            continue
        named |= {(what, f.op, str(n).casefold()) for n in names}
        if said and f.dimension in said:
            names = [said[f.dimension]]
        elif f.dimension == "sku" and len(set(names)) < len(names):  # "BANANAS (3 products)", not "BANANAS, BANANAS"
            copies = {n: names.count(n) for n in names}
            names = [f"{n} ({copies[n]} products)" if copies[n] > 1 else n for n in dict.fromkeys(names)]
        joined = _join(names)
        neg = "excluding " if f.op == "not_in" else ""
        if f.dimension == "sku":
            parts.append(f"{neg or 'for '}{joined}")
        elif f.dimension == "channel":
            parts.append(f"{neg or 'on '}{joined}")
        elif f.dimension == "category":
            parts.append(f"{neg or 'in the '}{joined}" + (" category" if len(names) == 1 else " categories"))
        elif f.dimension == "brand":
            parts.append(f"{neg or 'for '}{joined}")
        elif f.dimension == "competitor":
            parts.append(f"{neg or 'against '}{joined}")
        elif f.dimension == "weekday":
            parts.append(f"{neg or 'on '}{_join([n + 's' for n in names])}")
        elif f.dimension == "hour":  # "(sold between 00:00 and 12:00)": the hours kept, a span of the clock aside
            parts.append(f"({neg or 'sold '}{clock_phrase(list(f.values))})")
        elif f.dimension == "stars" and names == ["no rating"]:
            parts.append("with a star rating" if neg else "without a star rating")
        elif f.dimension == "stars":
            parts.append(f"{'not ' if neg else ''}rated {_join(names)}")
        elif f.dimension == "verified":  # "from verified buyers", "from unverified buyers"
            parts.append(f"{neg}from {_join(names)} buyers")
        elif f.dimension == "text":  # "with text", "without text"
            parts.append(f"{neg}{joined}")
        elif f.dimension == "promotion":  # "at full price" / "on promotion"
            kept = (f.op == "in") == (names == ["full price"])
            parts.append("at full price" if kept else "on promotion or with a discount")
        elif f.dimension == "returned":  # "of the orders with a return" / "... without one"
            kept = (f.op == "in") == (names == ["returned"])
            parts.append("of the orders with a return" if kept else "of the orders without a return")
        elif f.dimension in _PLACE_DIMENSIONS:
            parts.append(f"{neg or 'in '}{joined}")
        else:
            parts.append(f"{neg or 'for '}{joined}")
    return (" " + " ".join(parts)) if parts else ""


def _join(items: list[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _change(cur: float | None, prev: float | None, pct: float | None, unit: Unit) -> str:
    if prev is None or cur is None:
        return "with nothing to compare against in"
    if unit == "percent" or unit == "rating" or unit == "index":
        diff = cur - prev
        pts = "points" if unit != "rating" else "stars"
        if abs(diff) < 1e-9:
            return "unchanged from"
        return f"{'up' if diff > 0 else 'down'} {abs(diff):.1f} {pts} from" if unit != "rating" else \
            f"{'up' if diff > 0 else 'down'} {abs(diff):.2f} {pts} from"
    if pct is None:
        pct = (cur - prev) / prev * 100 if prev else None
    if pct is None:
        return "compared with"
    if abs(pct) < 0.05:
        return "unchanged from"
    return f"{'up' if pct > 0 else 'down'} {abs(pct):.1f}% from"


_TO_DATE_UNIT = {1: "month", 3: "quarter", 12: "year"}
#: The star levels a distribution of reviews by stars names, as the metrics layer labels them.
_STAR_LEVELS = ("5 stars", "4 stars", "3 stars", "2 stars", "1 star")


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def _previous_label(result: MetricResult) -> str:
    prev = result.previous_range
    if prev is None:
        return "the previous period"
    if result.query.baseline is not None:  # the period the question named: "Black Friday 2025 (28 Nov 2025)"
        return result.query.baseline.label
    week = "the same day a week earlier" if prev.days == 1 else "the same days a week earlier"
    before = "the period before"
    if result.query.compare == "previous_period_to_date" and result.query.time_range is not None \
            and (months := to_date_months(result.query.time_range)) is not None:
        before = f"the same days of the {_TO_DATE_UNIT[months]} before"  # 1-14 Dec against 1-14 Nov
    kind = {"previous_year": "the same period a year earlier", "previous_week": week,
            "previous_period_to_date": before}.get(
        result.query.compare or "", before)
    return f"{kind} ({fmt_range(prev.start, prev.end)})"


@dataclass(frozen=True)
class CurrencyHint:
    """What the tenant's data says about its currency beyond the sales lines a result read.

    ``sales_have_currency``: some sales lines name a currency (then a result without one mixes currencies or
    read lines without one); ``fallback``: the catalogue's currency, else the one an admin set in the tenant's
    settings, and ``source`` says which ("your catalogue", "your settings").
    """

    sales_have_currency: bool = False
    fallback: str | None = None
    source: str = ""


def currency_note(result: MetricResult, hint: CurrencyHint | None) -> tuple[str | None, str]:
    """The currency to print amounts in and the sentence that says where it came from (or why there is none).

    Never a currency the data does not state: a result whose sales lines name none is printed without one,
    and the answer says so, unless the catalogue or the tenant's settings name one (then it says which).
    """
    if result.currency or hint is None or not any(metric_unit(m) == "money" for m in result.query.metrics):
        return result.currency, ""
    if hint.sales_have_currency:
        return None, " The sales lines behind this amount do not all name one currency, so none is shown."
    if hint.fallback:
        return hint.fallback, (f" Amounts are in {hint.fallback} as {hint.source} states; your sales data names "
                               "no currency.")
    return None, " Your sales data names no currency, so amounts are shown without one."


def compose(reading: Reading, result: MetricResult, *, titles: Mapping[str, str],
            currency: CurrencyHint | None = None, totals: Mapping[str, Any] | None = None,
            order_keys: Mapping[str, Any] | None = None) -> MetricAnswer:
    """The answer, table, chart and evidence for ``reading`` from ``result``.

    ``currency``: what the data says of its currency when the result names none (:class:`CurrencyHint`).
    ``totals``: the units, revenue and total lines of an orders question's scope (``shared.questions.totals``):
    when every line is a total per day or week, the answer says the data hold no orders, and what they hold.
    ``order_keys``: the order-key counts of an orders value's scope (``shared.questions.order_keys``): where the
    file had no order ids, the first sentence says what it counted as an order.
    """
    cur, note = currency_note(result, currency)
    if cur != result.currency:
        result = result.model_copy(update={"currency": cur})
    ranked_on = ""
    changed = result.query.order_by_change
    if reading.min_reviews is not None and changed:  # a rating change: enough reviews in both periods
        least = reading.min_reviews
        enough = [r for r in result.rows if (r.get("review_count") or 0) >= least
                  and (r.get("review_count_previous") or 0) >= least]
        ranked_on = f" (products with at least {least} reviews in each period)"
        if not enough:
            ranked_on = f" (no product has {least} reviews in each period, so every product reviewed in both is ranked)"
            enough = [r for r in result.rows if (r.get("review_count") or 0) > 0
                      and (r.get("review_count_previous") or 0) > 0]
        result = result.model_copy(update={"rows": enough[:max(10, 2 * (reading.show or 5))]})
    elif reading.min_reviews is not None:  # a rating ranking: the products with enough reviews to rank
        enough = [r for r in result.rows if (r.get("review_count") or 0) >= reading.min_reviews]
        ranked_on = f" (products with at least {reading.min_reviews} reviews)"
        if not enough:  # a young store: rank what there is rather than answer "no reviews", and say so
            enough = [r for r in result.rows if (r.get("review_count") or 0) > 0]
            ranked_on = f" (no product has {reading.min_reviews} reviews yet, so every reviewed product is ranked)"
        # "products with an average under 3.5 stars": every product past the threshold is counted, not the top 10
        kept = enough if reading.threshold is not None else enough[:max(10, 2 * (reading.show or 5))]
        result = result.model_copy(update={"rows": kept})
    q = result.query
    metric = q.metrics[0]
    unit = metric_unit(metric)
    noun = METRIC_NOUNS.get(metric, metric.replace("_", " "))
    if q.order_value_above is not None or q.order_value_below is not None:  # "orders over $100": that range
        in_range = range_phrase(q.order_value_above, q.order_value_below, lambda a: fmt_value(a, "money", cur))
        noun = {"value_revenue": f"revenue of orders {in_range}", "value_orders": f"orders {in_range}",
                "value_order_share": f"share of orders {in_range}"}.get(metric, noun)
    if q.percentile is not None:  # "the 80th percentile order value": the percentile the question named
        noun = f"{ordinal(q.percentile)} percentile order value"
    noun = sized_orders_noun(metric, q.order_units_at_least, q.order_units_at_most) or noun  # "exactly 2 units"
    if metric == "catalogue_price" and not set(q.dimensions) & {"sku", "product"}:
        noun = "average catalogue price"  # of every priced product, or of a category's: not one product's price
    namer = _Namer(reading, titles)
    period = q.time_range
    # the catalogue has no date: its prices and products are the current ones
    when = "in your catalogue" if metric in _CATALOGUE_METRICS and period is None else _when(period)
    if ranked_on and result.rows:
        when += ranked_on
    where = _filter_phrase(q.filters, titles, reading.names)
    if metric == "orders":  # "Orders with a return ...", not "Orders of the orders with a return ..."
        where = where.replace(" of the orders with", " with", 1)
    dims: list[str] = list(q.dimensions)
    rows = result.rows

    def v(row: Mapping[str, Any], key: str = metric) -> str:
        said = fmt_value(row.get(key), unit, cur, metric)
        if reading.scale is None or unit not in ("money", "count") or not isinstance(row.get(key), (int, float)):
            return said
        sym = _SYMBOLS.get((cur or "").upper(), "") if unit == "money" else ""
        return f"{said} ({scaled(float(row[key]), reading.scale, sym)})"  # "in thousands": beside the figure

    starts = reading.data_starts
    found_none = not rows or all(r.get(metric) is None for r in rows)
    if found_none and (missing := missing_from_totals(totals, metric, dims)) is not None:
        assert totals is not None
        return MetricAnswer(_unknown_answer(totals, missing, noun, where, when, cur), period, None, None,
                            _evidence(result))
    if found_none and (per := totals_only(totals)) is not None:
        assert totals is not None
        return MetricAnswer(_totals_answer(totals, per, noun, metric, where, when, cur), period, None, None,
                            _evidence(result))
    if found_none and not _weighed_names(reading, q, dims, metric):
        need = METRIC_NEEDS.get(metric)
        answer = f"There {'were' if _verb(metric) == 'were' else 'was'} no {noun}{where} {when}."
        if starts is not None and period is not None and period.end < starts:
            answer += f" Your data starts on {fmt_day(starts)}."
        elif metric == "avg_rating" and reading.shape == "trend":  # "is X's rating going down each week?"
            answer += " With no reviews there are too few to tell which way the rating is going."
        elif need:
            answer += f" It needs {need}."
        return MetricAnswer(answer, period, None, None, _evidence(result))
    if reading.shape == "price_bands" and reading.price_band is not None:
        answer = price_band_answer(reading.price_band, rows, titles, where, lambda x: fmt_value(x, "money", cur))
    elif reading.shape == "bestseller_stock" and dims:
        answer = _bestseller_stock_answer(rows[0], titles, period)
    elif reading.order_size is not None and not dims and rows and not q.compare:
        answer = order_size_answer(reading.order_size, rows[0], when, where)
    elif reading.shape == "sale_dates" and reading.asked_dates is not None and period is not None:
        named = [(f.dimension, list(f.values)) for f in q.filters if f.op == "in"]
        answer = sale_dates_answer(reading.asked_dates, rows, slice_name(named, titles), period.end,
                                   reading.data_starts or period.start)
    elif reading.shape == "new_products" and dims:
        first_days = starts is not None and period is not None and period.start <= starts
        answer = new_products_answer(rows, titles, when, result.truncated, lambda x: fmt_value(x, "money", cur),
                                     from_the_start=first_days)
    elif metric == "uncosted_products" and dims:
        answer = _uncosted_answer(rows, titles, result.truncated)
    elif reading.shape == "count" and dims and q.metrics[:2] == ["review_count", "negative_reviews"]:
        answer = _without_negative_answer(rows, dims[0], where, when)
    elif reading.shape == "count" and dims:
        sold = [r for r in rows if (r.get(metric) or 0) > 0 and r.get(dims[0]) is not None]
        one, many = _DIM_NOUNS.get(dims[0], (dims[0], dims[0] + "s"))
        count = f"{'at least ' if result.truncated else ''}{len(sold):,}"
        did = {"review_count": "had at least one review", "negative_reviews": "had at least one negative review "
               "(1-2 stars)"}.get(metric, "sold at least one unit")
        answer = f"{count} {one if len(sold) == 1 else many} {did}{where} {when}."
    elif (reading.shape == "value" or not dims) and q.metrics[:2] == ["negative_review_share", "review_count"] \
            and not q.compare and rows[0].get("review_count"):
        row = rows[0]
        total, share = row["review_count"], row.get("negative_review_share") or 0.0
        negative = row.get("negative_reviews")
        if negative is None:  # a reading without the count (a cached one): the share of all reviews stands in
            answer = (f"{round(total * share / 100):,} of {total:,} reviews{where} {when} were negative (1-2 stars): "
                      f"{share:.1f}%.")
        else:  # the share is of the rated reviews, which a review without stars is not among
            rated = round(negative * 100 / share) if share else total
            base = "" if rated == total else f" of the {rated:,} with a star rating"
            answer = (f"{int(negative):,} of {total:,} reviews{where} {when} were negative (1-2 stars): "
                      f"{share:.1f}%{base}.")
    elif reading.shape == "unsold" and dims:
        sold_skus = {str(r.get(dims[0])).lower() for r in rows if (r.get(metric) or 0) > 0}
        unsold = [sku for sku in titles if sku.lower() not in sold_skus and not _filtered_out(sku, q.filters)]
        # a product by its title and SKU; a brand or category (``titles`` then maps each to itself) by its name
        names = [f"{titles[sku]} ({sku})" if dims[0] == "sku" else sku for sku in unsold[:_SENTENCE_ITEMS]]
        more = f" and {len(unsold) - len(names)} more" if len(unsold) > len(names) else ""
        nothing = "had no review" if metric == "review_count" else "sold nothing"
        one, many = _DIM_NOUNS.get(dims[0], ("product", "products"))
        answer = (f"{len(unsold):,} catalogue {one if len(unsold) == 1 else many} {nothing}{where} {when}" + (
            f": {'; '.join(names)}{more}." if unsold else "."))
        if not unsold and dims[0] != "sku" and titles:  # "which brands didn't sell": none; each of them did
            answer = f"Every one of the {len(titles):,} {many} in your catalogue sold something{where} {when}."
    elif (reading.shape == "value" or not dims) and reading.per_customer and not q.compare \
            and rows[0].get("customers"):
        row = rows[0]
        per = (row.get("revenue") or 0.0) / row["customers"]
        answer = (f"Revenue per customer{where} {when} was {fmt_value(per, 'money', cur)} ({v(row, 'revenue')} "
                  f"from {row['customers']:,} customers).")
    elif (reading.shape == "value" or not dims) and reading.per_metric and not q.compare \
            and rows[0].get(reading.per_metric):  # "discount per order": the first over the second, both said
        row, by = rows[0], reading.per_metric
        per = (row.get(metric) or 0.0) / row[by]
        each = f"{per:,.2f}" if unit == "count" else fmt_value(per, unit, cur, metric)
        answer = (f"{_capital(noun)} per {_PER_NOUN_ONE.get(by, by)}{where} {when} was {each} ({v(row)} over "
                  f"{row[by]:,} {METRIC_NOUNS.get(by, by)}).")
    elif (reading.shape == "value" or not dims) and metric in _SHARE_OF and not q.compare \
            and rows[0].get(_SHARE_OF[metric][1]):
        answer = _share_of_answer(rows[0], metric, where, when, cur, reading.question,
                                  f"had a value {in_range}" if metric == "value_order_share" else None)
    elif (reading.shape == "value" or not dims) and metric == "days_of_cover" and not q.compare \
            and period is not None:  # "how many days of stock do we have": the stock, how long, at which rate
        days = rows[0].get(metric)
        weeks = f" ({days / 7:,.1f} weeks)" if isinstance(days, int | float) and _IN_WEEKS.search(
            reading.question) else ""  # "how many weeks of cover": the days, and the weeks asked in
        answer = (f"Stock on hand{where} on {fmt_day(period.end)} would last {v(rows[0])}{weeks} at the average "
                  f"daily units sold {when}.")
    elif (reading.shape == "value" or not dims) and metric in ("sell_through_rate", "stock_turn") and not q.compare \
            and period is not None:  # the ratio with what it is made of, and its formula
        answer = _stock_ratio_answer(rows[0], metric, where, when, period)
    elif (reading.shape == "value" or not dims) and metric == "inventory_value_at_price" and not q.compare:
        row = rows[0]
        unpriced, stocked = int(row.get("unpriced_skus") or 0), int(row.get("stocked_skus") or 0)
        answer = (f"Stock{where} {when} was worth {v(row)} at current catalogue prices (units on hand x price; "
                  f"{stocked:,} SKUs in stock)" + (f"; {unpriced:,} of them {'has' if unpriced == 1 else 'have'} no "
                                                   "price in your catalogue and are left out." if unpriced else "."))
    elif (reading.shape == "value" or not dims) and metric == "inventory_value" and not q.compare:
        answer = _stock_value_answer(rows[0], where, when, cur)
    elif (reading.shape == "value" or not dims) and reading.per_day and period is not None:
        row = rows[0]
        total = row.get(metric)
        days, which = _days_counted(period, q.filters)
        per = None if total is None or not days else total / days
        # a count per day keeps its tenth ("18.4 units a day", not "18")
        each = f"{per:,.1f}" if unit == "count" and per is not None and abs(per) < 1000 else fmt_value(
            per, unit, cur, metric)
        answer = (f"Average daily {noun}{where} {when} was {each} "
                  f"({v(row)} over {days} {which}days)")
        answer += "."
    elif (reading.shape == "value" or not dims) and reading.per_unit and period is not None and not q.compare:
        row = rows[0]
        total = row.get(metric)
        spans = period.days / {"week": 7, "fortnight": 14}[reading.per_unit] if reading.per_unit != "month" else \
            _months(period)
        per = None if total is None or not spans else total / spans
        answer = (f"Average {reading.per_unit}ly {noun}{where} {when} was {fmt_value(per, unit, cur, metric)} "
                  f"({v(row)} over {spans:,.1f} {reading.per_unit}s).")
    elif (reading.shape == "value" or not dims) and reading.annualised and period is not None and not q.compare \
            and rows[0].get(metric) is not None:  # the period's value at a year's pace, with what it was
        row = rows[0]
        per = row[metric] * 365 / period.days
        answer = (f"Annualised, {noun}{where} {when} comes to {fmt_value(per, unit, cur, metric)} a year "
                  f"({v(row)} over {period.days:,} days, x 365 / {period.days:,}).")
    elif (reading.shape == "value" or not dims) and reading.net_of and len(q.metrics) > 1 and not q.compare:
        row = rows[0]
        first, less = row.get(metric), row.get(q.metrics[1]) or 0
        net = None if first is None else first - less
        answer = (f"{_capital(noun)} less {METRIC_NOUNS.get(q.metrics[1], q.metrics[1])}{where} {when} "
                  f"{_verb(metric)} {fmt_value(net, unit, cur, metric)} ({v(row)} less "
                  f"{fmt_value(less, metric_unit(q.metrics[1]), cur, q.metrics[1])}).")
    elif reading.threshold is not None and dims:
        if reading.threshold[0] == "below" and dims[0] == "sku" and metric in _COUNTED and not any(
                f.dimension in ("category", "brand", "sku", "product") for f in q.filters):
            # "which products sold fewer than 5 units": the catalogue's products that sold none count too
            seen = {str(r.get("sku")) for r in rows}
            rows = rows + [{"sku": sku, metric: 0} for sku in titles if sku not in seen
                           and not _filtered_out(sku, q.filters)]
        if reading.threshold[0] == "below" and dims[0] == "date" and q.grain == "day" and metric in _COUNTED \
                and period is not None:
            # "how many days had no ebay orders": a day without a row had none
            seen_days = {r.get("date") for r in rows}
            rows = rows + [{"date": d, metric: 0} for d in (period.start + timedelta(days=i)
                                                            for i in range(period.days)) if d not in seen_days]
        answer = _threshold_answer(reading.threshold, rows, dims, metric, noun, when, where, v, namer, unit, cur)
        if reading.threshold[0] == "below" and dims[0] == "sku" and metric in _COUNTED and any(
                f.dimension in ("category", "brand", "sku", "product") for f in q.filters):
            answer += f" Products with no {noun} at all in the period are not counted here."
    elif reading.top_share and dims and reading.shape == "ranking":
        answer = _top_share_answer(reading, rows, dims, metric, noun, when, where, v, namer)
    elif reading.shape == "value" or not dims:
        row, moved = rows[0], None
        answer = f"{_capital(noun)}{where} {when} {_verb(metric)} {v(row)}"
        answer += order_key_clause(order_keys, metric, lambda x: fmt_value(x, "money", cur))
        returns_led = q.metrics[:2] == ["returns_made", "returned_units"] and not q.compare
        if returns_led:  # "how many returns": the returns made, the units and the refunds in one sentence
            answer = returns_sentence(row, where, when, lambda x: fmt_value(x, "money", cur))
        if q.compare:
            prev = row.get(f"{metric}_previous")
            then = _when(q.baseline) if q.baseline else "in " + _previous_label(result)
            if prev is None:  # "2025 vs 2023" when the data starts in 2024
                answer += f", with nothing to compare against: your data has no {noun} {then}"
            else:
                answer += (f", {_change(row.get(metric), prev, row.get(f'{metric}_change_pct'), unit)} "
                           f"{fmt_value(prev, unit, cur, metric)} {then}")
                moved = row.get(f"{metric}_change_pct")
                if unit == "percent" and row.get(metric) is not None:
                    moved = row[metric] - prev  # a percentage's move is judged in points, as it is said
                elif moved is None and row.get(metric) is not None and prev:
                    moved = (row[metric] - prev) / abs(prev) * 100
            prior = result.previous_range
            if starts is not None and prior is not None and prior.start < starts <= prior.end:
                answer += f" (only partly covered: your data starts on {fmt_day(starts)})"
        elif reading.target is not None and row.get(metric) is not None:  # "we aimed for $50k": how far from it
            answer += _against_target(float(row[metric]), reading.target, lambda x: fmt_value(x, unit, cur, metric),
                                      reading.target_period)
        index = row.get(metric)
        if metric == "discount_rate" and not q.compare and row.get(metric) is not None:
            answer += " of revenue before discounts (discounts / gross revenue, so bigger lines weigh more)"
        if metric == "price_index" and isinstance(index, (int, float)) and not q.compare:
            gap = index - 100
            answer += (" (100 = the competitors' median price): our prices are "
                       + (f"{abs(gap):.1f}% {'above' if gap > 0 else 'below'} theirs" if abs(gap) >= 0.05
                          else "level with theirs"))
        others = [] if returns_led else [m for m in q.metrics[1:] if row.get(m) is not None]
        if others:
            answer += "; " + "; ".join(
                f"{METRIC_NOUNS.get(m, m)} {_verb(m)} {fmt_value(row.get(m), metric_unit(m), cur, m)}"
                for m in others)
        answer += "."
        if noun[:1].islower():  # "have sales been dropping?": "No — revenue ... was ..., up 2.4% ..."
            answer = with_verdict(reading.question, metric, answer[:1].lower() + answer[1:], moved,
                                  points=unit == "percent")
    elif reading.shape == "share" and reading.focus is not None:
        answer = _share_answer(reading.focus, rows, dims[0], metric, noun, when, where, v, titles)
    elif reading.shape == "trend" and dims[0] == "date" and q.compare == "previous_year":
        answer = _year_on_year(rows, metric, noun, when, where, v, namer, q.grain or "month", period, unit)
    elif reading.shape == "trend" and dims[0] == "date":
        answer = _trend_answer(rows, metric, noun, when, where, v, namer, q.grain or "day", period)
        if _RUNNING.search(reading.question) and METRICS[metric].additive and not q.compare:
            answer = _running_total(rows, metric, noun, when, where, v, namer, q.grain or "day") + " " + answer
    else:
        answer = _ranking_answer(reading, result, rows, dims, metric, noun, when, where, v, namer, unit)
    if reading.sides and len(dims) == 1 and not q.compare:  # "online vs pos": each side's total first
        answer = sides_lead(reading.sides, rows, dims[0], metric, f"{noun} {when}",
                            lambda x: fmt_value(x, unit, result.currency, metric), _verb(metric)) + " " + answer
    if dims and len(rows) == 2 and _RATIO.search(reading.question) and not q.compare:
        answer = _ratio_answer(reading.question, rows, dims[0], metric, namer) + " " + answer
    if dims and reading.ranked is not None and not q.compare:
        answer = _rank_of_answer(reading.ranked, rows, dims[0], metric, noun, when, where, v, namer) + " " + answer
    if dims == ["weekday"] and _WEEKEND.search(reading.question) and period is not None \
            and metric_unit(metric) in ("money", "count") and METRICS[metric].additive:
        answer = _weekend_answer(rows, metric, noun, where, when, period, v) + " " + answer
    if metric == "inventory_value" and dims and (unc := sum(r.get("uncosted_skus") or 0 for r in rows)):
        answer += (f" {unc:,} SKU{'s' if unc != 1 else ''} in stock had no cost in your catalogue and "
                   f"{'are' if unc != 1 else 'is'} counted at the current catalogue price where there is one.")
    if starts is not None and period is not None and period.start < starts <= period.end \
            and not period.label.startswith("all "):
        answer += f" Your data starts on {fmt_day(starts)}, so the period is covered from then."
    if metric in _AVERAGED and (middle := _MEDIAN.search(reading.question)):
        answer = (f"The {middle.group(0).lower()} is not computed from your rows, only the average, so this is the "
                  f"average: {answer[:1].lower()}{answer[1:]}")
    answer += note + "".join(f" {n}" for n in reading.notes)
    listed = _as_asked(reading, result)
    return MetricAnswer(_capital(answer), period, _table(listed, namer, unit), _chart(reading, listed, namer),
                        _evidence(result))


def _as_asked(reading: Reading, result: MetricResult) -> MetricResult:
    """A top N's rows up to its N-th named group, as its sentence lists them (a group without a name among them stays).

    The reader fetches one spare row for a ranking (the sentence drops a group without a name); the table and the
    chart showed it, so "top 5" drew six bars under a sentence naming five ("First 6 of 7 rows").
    """
    q = result.query
    if reading.shape != "ranking" or not reading.show or not q.dimensions or q.dimensions[0] == "date":
        return result
    dim, rows, named = q.dimensions[0], [], 0
    for r in result.rows:
        if named == reading.show:
            break
        rows.append(r)
        named += r.get(dim) is not None
    return result.model_copy(update={"rows": rows, "truncated": False})


def _against_target(value: float, target: float, fmt: Callable[[float], str], period: TimeRange | None) -> str:
    """How far ``value`` is above or short of a target, stated or a period's figure (``period``)."""
    what = f"the {fmt(target)} target" if period is None else f"the {fmt(target)} {_when(period)}"
    gap = value - target
    if abs(gap) < 0.005:
        return f", exactly {what}"
    pct = f" ({abs(gap) / target * 100:.1f}%)" if target else ""
    return f", {fmt(abs(gap))}{pct} {'above' if gap > 0 else 'short of'} {what}"


def _ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th, 11th, 22nd."""
    return f"{n}{'th' if 10 <= n % 100 <= 20 else {1: 'st', 2: 'nd', 3: 'rd'}.get(n % 10, 'th')}"


def _rank_of_answer(name: str, rows: list[dict[str, Any]], dim: str, metric: str, noun: str, when: str, where: str,
                    v: Any, namer: _Namer) -> str:
    """"Kitchen ranks 2nd of 5 categories by revenue in ...: $X." (1st: the largest), before the ranking itself."""
    ranked = sorted((r for r in rows if r.get(dim) is not None and r.get(metric) is not None),
                    key=lambda r: -float(r[metric]))
    mine = next((r for r in ranked if str(r[dim]).lower() == name.lower()), None)
    one, many = _DIM_NOUNS.get(dim, (dim, f"{dim}s"))
    if mine is None:
        return f"{namer.value(dim, name)} had no {noun}{where} {when}."
    place = 1 + sum(1 for r in ranked if float(r[metric]) > float(mine[metric]))
    kind = many if len(ranked) > 1 else one
    return (f"{namer.value(dim, mine[dim])} ranks {_ordinal(place)} of {len(ranked)} {kind} by {noun}{where} {when}, "
            f"with {v(mine)}.")


#: "median order value", "90th percentile basket": a middle or a rank of the values, which no metric computes.
_MEDIAN = re.compile(r"\b(?:median|\d{1,2}(?:st|nd|rd|th)\s+percentile|percentile|p\d{2}|quartile|quantile)\b", re.I)
#: Averages a median question is read as (the average is said to be one).
_AVERAGED = frozenset({"aov", "asp", "units_per_order", "avg_rating"})
_THRESHOLD_WORDS = {"above": "more than", "at_least": "at least", "below": "less than"}
#: Flows a product that sold nothing has none of (its row is absent, its value 0).
_COUNTED = frozenset({"units", "revenue", "orders", "net_revenue"})


def _totals_answer(totals: Mapping[str, Any], per: str, noun: str, metric: str, where: str, when: str,
                   cur: str | None) -> str:
    """The answer to an orders question when every line in scope is a total per day or week.

    "Your sales data are totals per week (...), not orders, so orders cannot be counted in April 2009 (...). Over
    that period they hold 5,012 units sold and 20,249.72 of revenue."
    """
    each = {"week": "a store's sales of a product over a week", "day": "a store's sales of a product in a day",
            "month": "a product's sales over a month"}.get(
        per, "a store's sales of a product in a day or a week")
    done = "counted" if metric in ("orders", "promo_orders", "discounted_orders", "multi_item_orders",
                                   "returns_made") else "worked out"
    answer = (f"Your sales data are totals per {per} (each line is {each}), not orders, so {noun} cannot be "
              f"{done}{where} {when}.")
    held = [f"{fmt_value(totals.get('units'), 'count')} units sold"] if totals.get("units") is not None else []
    if totals.get("revenue") is not None:
        held.append(f"{fmt_value(totals.get('revenue'), 'money', cur)} of revenue")
    if held:
        answer += f" Over that period they hold {_join(held)}."
    return answer


def _unknown_answer(totals: Mapping[str, Any], missing: str, noun: str, where: str, when: str,
                    cur: str | None) -> str:
    """The answer to a units or product question when the lines in scope are revenue totals that give none.

    "Your sales data are revenue totals per store and week, with no units, so units sold cannot be counted in
    March 2011 (...). Over that period they hold 40,562,102.35 of revenue."
    """
    per = totals_only(totals) or "day"
    if missing == "units":
        answer = f"Your sales data are revenue totals per store and {per} with no units, so {noun} cannot be counted"
    elif totals_only(totals) is None:  # order lines without products (Etsy's Sold Orders), not a store's totals
        answer = f"Your sales data are orders naming no product, so {noun} cannot be split by product"
    else:
        answer = f"Your sales data are revenue totals per store and {per}, naming no product, so {noun} cannot be " \
                 "split by product"
    answer += f"{where} {when}."
    if totals.get("revenue") is not None:
        answer += f" Over that period they hold {fmt_value(totals.get('revenue'), 'money', cur)} of revenue."
    return answer


def _days_counted(period: TimeRange, filters: list[DimensionFilter]) -> tuple[int, str]:
    """The days of the period a weekday filter keeps ("on weekends": its Saturdays and Sundays), and their word."""
    days = [f.values for f in filters if f.dimension == "weekday" and f.op == "in"]
    if not days:
        return period.days, ""
    kept = {d.lower() for d in days[0]}
    names = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    count = sum(1 for i in range(period.days) if names[(period.start + timedelta(days=i)).weekday()] in kept)
    return count, "such "


def _months(period: TimeRange) -> float:
    """Calendar months in the period, a partial month as its share of days (a whole year: 12)."""
    total, day = 0.0, period.start
    while day <= period.end:
        length = calendar.monthrange(day.year, day.month)[1]
        last = min(date(day.year, day.month, length), period.end)
        total += ((last - day).days + 1) / length
        day = last + timedelta(days=1)
    return total


def _threshold_answer(threshold: tuple[str, float], rows: list[dict[str, Any]], dims: list[str], metric: str,
                      noun: str, when: str, where: str, v: Any, namer: _Namer, unit: Unit, cur: str | None) -> str:
    """"6 of 283 products had more than 155 units sold in November 2026 (...): A (448); B (253) ..."."""
    op, limit = threshold
    valued = [r for r in rows if r.get(metric) is not None and (dims[0] == "date" or r.get(dims[0]) is not None)]
    hit = [r for r in valued if (r[metric] > limit if op == "above" else r[metric] >= limit if op == "at_least"
                                 else r[metric] < limit)]
    hit.sort(key=lambda r: r[metric], reverse=op != "below")
    one, many = ("day", "days") if dims[0] == "date" else _DIM_NOUNS.get(dims[0], (dims[0], dims[0] + "s"))
    amount = fmt_value(limit, unit, cur, metric)
    of = " of" if unit == "money" else ""
    if unit == "days":  # "less than 7 days of cover" (not "fewer than 7.0 days days of cover")
        amount, of, noun = f"{limit:,.0f} days" if limit == int(limit) else amount, "", noun.replace("days ", "")
    below = "fewer than" if unit == "count" else _THRESHOLD_WORDS[op]  # "below 3 stars", "fewer than 5 orders"
    text = (f"{len(hit):,} of {len(valued):,} {one if len(valued) == 1 else many}{where} had "
            f"{_THRESHOLD_WORDS[op] if op != 'below' else below} {amount}{of} {noun} {when}")
    if op == "below" and unit == "money" and limit == 0:  # "a negative margin": below zero, a loss
        text = (f"{len(hit):,} of {len(valued):,} {one if len(valued) == 1 else many}{where} had a negative {noun} "
                f"{when}")
    elif op == "below" and unit in ("count", "money") and limit <= (0.01 if unit == "money" else 1):
        # "days with no orders": none, not "fewer than 1"
        text = f"{len(hit):,} of {len(valued):,} {one if len(valued) == 1 else many}{where} had no {noun} {when}"
    if not hit:
        return text + "."
    shown = hit[:_SENTENCE_ITEMS]
    more = f"; and {len(hit) - len(shown)} more" if len(hit) > len(shown) else ""
    return text + ": " + "; ".join(f"{namer.row(r, dims)} ({v(r)})" for r in shown) + more + "."


def _top_share_answer(reading: Reading, rows: list[dict[str, Any]], dims: list[str], metric: str, noun: str,
                      when: str, where: str, v: Any, namer: _Namer) -> str:
    """"The top 10 products made 16.0% of revenue in 2026 to date (...): $X of $Y; the first: A ($...), ..."."""
    share_key = f"{metric}_share"
    valued = [r for r in rows if r.get(metric) is not None and r.get(dims[0]) is not None]
    n = reading.show or len(valued)
    top = valued[:n]
    share = sum(float(r.get(share_key) or 0) for r in top)
    value = sum(float(r.get(metric) or 0) for r in top)
    one, many = _DIM_NOUNS.get(dims[0], (dims[0], dims[0] + "s"))
    total = f" of {v({metric: value / share})}" if share else ""
    which = "bottom" if not reading.query or not reading.query.descending else "top"
    return (f"The {which} {len(top)} {one if len(top) == 1 else many} accounted for {share * 100:.1f}% of {noun}"
            f"{where} {when}: {v({metric: value})}{total}; the first: "
            + "; ".join(f"{namer.row(r, dims)} ({v(r)})" for r in top[:3]) + ".")


#: A share metric -> (its numerator metric, its denominator metric, what the numerator is of).
#: Stock cover asked in weeks ("weeks of cover", "how many weeks will it last").
_IN_WEEKS = re.compile(r"\bweeks?\s+(?:of\s+)?(?:cover|stock|supply|inventory)\b|\bhow\s+many\s+weeks\b", re.I)
_SHARE_OF = {"promo_order_share": ("promo_orders", "orders", "orders"),
             "discounted_order_share": ("discounted_orders", "orders", "orders"),
             "promo_revenue_share": ("promo_revenue", "revenue", "revenue"),
             "promo_unit_share": ("promo_units", "units", "units"),
             "repeat_customer_rate": ("repeat_customers", "customers", "customers"),
             "multi_item_order_share": ("multi_item_orders", "orders", "orders"),
             "value_order_share": ("value_orders", "orders", "orders")}
_HOW_MANY = re.compile(r"\b(?:how many|number of|count of)\b", re.I)
_SHARE_SAYS = {"promo_order_share": "had a line on promotion or with a discount",
               "discounted_order_share": "used a coupon or discount code",
               "repeat_customer_rate": "ordered more than once",
               "promo_revenue_share": "came from lines on promotion or with a discount",
               "promo_unit_share": "were sold on promotion or with a discount",
               "multi_item_order_share": "had two or more units"}


def _share_of_answer(row: Mapping[str, Any], metric: str, where: str, when: str, cur: str | None,
                     question: str, says: str | None = None) -> str:
    """"5.1% of orders in November 2026 (...) had a line on promotion or with a discount: 380 of 7,430 orders".

    Asked "how many", the count leads: "380 of 7,430 orders in November 2026 (...) had ... (5.1%)".
    """
    part, whole, of = _SHARE_OF[metric]
    unit = metric_unit(part)
    share = fmt_value(row.get(metric), "percent")
    amounts = f"{fmt_value(row.get(part), unit, cur, part)} of {fmt_value(row.get(whole), unit, cur, whole)}"
    says = says or _SHARE_SAYS[metric]
    if of == "revenue":
        return f"{share} of revenue{where} {when} {says}: {amounts}."
    if _HOW_MANY.search(question):
        return f"{amounts} {of}{where} {when} {says} ({share})."
    return f"{share} of {of}{where} {when} {says}: {amounts} {of}."


def _uncosted_answer(rows: list[dict[str, Any]], titles: Mapping[str, str], truncated: bool) -> str:
    """"3 of your 40 catalogue products have no cost: Blue Vase (KIT-0001); ... and 1 more."."""
    lacking = [str(r["sku"]) for r in rows if (r.get("uncosted_products") or 0) > 0 and r.get("sku") is not None]
    total = sum(1 for r in rows if r.get("sku") is not None)
    names = [f"{titles[s]} ({s})" if titles.get(s) else s for s in lacking[:_SENTENCE_ITEMS]]
    more = f" and {len(lacking) - len(names):,} more" if len(lacking) > len(names) else ""
    of = f"{'at least ' if truncated else ''}{len(lacking):,} of your {total:,} catalogue products"
    if not lacking:
        return f"None of your {total:,} catalogue products is without a cost: every one has a cost."
    verb = "has" if len(lacking) == 1 else "have"
    return (f"{of} {verb} no cost: {'; '.join(names)}{more}. Without a cost they are left out of margin and "
            "count at their catalogue price in the stock value.")


def _bestseller_stock_answer(row: Mapping[str, Any], titles: Mapping[str, str], period: TimeRange | None) -> str:
    """The bestseller's on-hand first, then why it is the bestseller.

    "12 units of Blue Vase (KIT-0001) are left at the latest stock count (counted up to 31 Mar 2025). It is
    your bestseller by units over the last 90 days of sales (...): 140 units sold."
    """
    sku = str(row.get("sku"))
    name = f"{titles[sku]} ({sku})" if titles.get(sku) else sku
    units, stock = row.get("units") or 0, row.get("stock_on_hand")
    when = f" (counted up to {fmt_day(period.end)})" if period is not None else ""
    why = (f"It is your bestseller by units over {period.label if period is not None else 'your sales'}: "
           f"{int(units):,} units sold.")
    if stock is None:
        return f"{name} has no stock count in your inventory data since then{when}. {why}"
    return (f"{int(stock):,} unit{'s' if stock != 1 else ''} of {name} {'are' if stock != 1 else 'is'} left at "
            f"the latest stock count{when}. {why}")


def _stock_ratio_answer(row: Mapping[str, Any], metric: str, where: str, when: str, period: TimeRange) -> str:
    """Sell-through or stock turn, with the units and stock it divides and the formula.

    "Sell-through in November 2026 (1-30 Nov 2026) was 23.5%: 11,677 units sold against 37,975 on hand at the
    latest count (units sold / (units sold + units on hand))."
    """
    units = float(row.get("units") or 0.0)
    if metric == "sell_through_rate":
        stock = row.get("stock_on_hand")
        return (f"Sell-through{where} {when} was {fmt_value(row.get(metric), 'percent')}: {units:,.0f} units sold "
                f"against {fmt_value(stock, 'count')} on hand at the latest count in it (sell-through = units sold / "
                "(units sold + units on hand)).")
    turn, average = row.get(metric), row.get("average_stock_on_hand")
    yearly = f"; about {turn * 365 / period.days:,.1f} a year at that pace" if isinstance(turn, int | float) \
        and period.days < 365 else ""
    return (f"Stock turn{where} {when} was {fmt_value(turn, 'index', metric=metric)}: {units:,.0f} units sold / "
            f"{fmt_value(average, 'count')} average units on hand (inventory turnover in units: units sold / the "
            f"average of each SKU's stock counts in the period, not cost of goods{yearly}).")


def _stock_value_answer(row: Mapping[str, Any], where: str, when: str, cur: str | None) -> str:
    """What the stock is worth: at cost, with the part at retail price for SKUs without a cost said apart."""
    value = float(row.get("inventory_value") or 0.0)
    retail = float(row.get("inventory_retail_value") or 0.0)
    unc, stocked = int(row.get("uncosted_skus") or 0), int(row.get("stocked_skus") or 0)
    money = lambda x: fmt_value(x, "money", cur)  # noqa: E731
    in_stock = f"{stocked:,} SKU{'s' if stocked != 1 else ''} in stock" if stocked else "the latest count"
    if retail <= 0 and unc == 0:
        return (f"Stock{where} {when} was worth {money(value)} at cost (units on hand x unit cost; "
                f"{in_stock}).")
    if abs(value - retail) < 0.005:
        return (f"Stock{where} {when} was worth {money(value)} at current catalogue prices, not at cost: none "
                f"of the {in_stock} has a cost in your catalogue.")
    have = "has" if unc == 1 else "have"
    if retail > 0:
        return (f"Stock{where} {when} was worth {money(value)}: {money(value - retail)} at cost, plus "
                f"{money(retail)} at the current catalogue price for SKUs without a cost ({unc:,} of the "
                f"{stocked:,} SKUs in stock {have} no cost in your catalogue; any without a price either are left "
                "out).")
    return (f"Stock{where} {when} was worth {money(value)} at cost (units on hand x unit cost; {in_stock}). "
            f"{unc:,} of them {have} neither a cost nor a price in your catalogue, so "
            f"{'it is' if unc == 1 else 'they are'} left out.")


_PLURAL = frozenset({"multi_item_orders", "promo_orders", "discounted_orders", "uncosted_skus", "stocked_skus",
                     "repeat_customers", "unpriced_skus", "value_orders", "new_customers", "returning_customers",
                     "stock_on_order", "promo_units", "returns_made",
                     "units", "orders", "customers", "review_count", "refunds", "discounts", "returned_units",
                     "days_of_cover"})


def _verb(metric: str) -> str:
    """The verb for the metric's noun: "units sold were", "revenue was"."""
    return "were" if metric in _PLURAL else "was"


#: The ``stars`` value of reviews without a star rating (the metrics layer's).
NO_RATING = "no rating"


def _share_answer(focus: DimensionFilter, rows: list[dict[str, Any]], dim: str, metric: str, noun: str, when: str,
                  where: str, v: Any, titles: Mapping[str, str]) -> str:
    wanted = {x.lower() for x in focus.values}
    hit = [r for r in rows if str(r.get(dim, "")).lower() in wanted]
    names = _join([titles.get(x, x) if dim == "sku" else x for x in focus.values])
    if dim == "returned":  # "what % of orders were returned": the orders with a return (or without one)
        names = "the orders with a return" if focus.values == [RETURNED] else "the orders without a return"
    names = _capital(names)
    if not hit:
        return f"{names} had no {noun}{where} {when}, so its share is 0%."
    share = sum(float(r.get(f"{metric}_share") or 0) for r in hit)
    value = sum(float(r.get(metric) or 0) for r in hit)
    total = value / share if share else None
    unrated = [r for r in rows if str(r.get(dim, "")).lower() == NO_RATING] if dim == "stars" else []
    left = sum(float(r.get(metric) or 0) for r in unrated)
    if left and total and NO_RATING not in wanted:  # a star share is of the rated reviews (#18)
        total -= left
        share = value / total if total else 0.0
        noun = f"rated {noun}"
    total_txt = f" of {v({metric: total})} in total" if total else ""
    left_txt = f" ({v({metric: left})} without a star rating left out)" if left and NO_RATING not in wanted else ""
    return (f"{names} accounted for {share * 100:.1f}% of {noun}{where} {when}: {v({metric: value})}"
            f"{total_txt}{left_txt}.")


_WEEKEND = re.compile(r"\bweekends?\b", re.I)


def _weekend_answer(rows: list[dict[str, Any]], metric: str, noun: str, where: str, when: str, period: TimeRange,
                    v: Any) -> str:
    """"Weekends (Saturday and Sunday) had $X of revenue (33.0%), weekdays $Y (67.0%); an average weekend day …"."""
    weekend = sum(float(r.get(metric) or 0) for r in rows if r.get("weekday") in ("Saturday", "Sunday"))
    total = sum(float(r.get(metric) or 0) for r in rows)
    weekdays = total - weekend
    days = [period.start + timedelta(days=i) for i in range(period.days)]
    n_weekend = sum(1 for d in days if d.weekday() >= 5)
    n_week = len(days) - n_weekend
    share = f" ({weekend / total * 100:.1f}%)" if total else ""
    text = (f"Weekends (Saturday and Sunday) had {v({metric: weekend})} of {noun}{where} {when}{share}, weekdays "
            f"(Monday to Friday) {v({metric: weekdays})}" + (f" ({100 - weekend / total * 100:.1f}%)" if total else ""))
    if n_weekend and n_week:
        text += (f"; an average weekend day {v({metric: weekend / n_weekend})} against "
                 f"{v({metric: weekdays / n_week})} on an average weekday")
    return text + "."


def _filtered_out(sku: str, filters: list[DimensionFilter]) -> bool:
    """Whether a SKU filter of the query leaves ``sku`` out (other filters need the catalogue to decide)."""
    return any(f.dimension == "sku" and (sku in f.values) == (f.op == "not_in") for f in filters)


#: Metrics of the catalogue, which has no date.
_CATALOGUE_METRICS = frozenset({"catalogue_price", "catalogue_products", "uncosted_products"})


def _when(period: TimeRange | None) -> str:
    """How a sentence places the period: "in Q1 2025 (...)", "on 4 Dec 2026 (...)", "over all your data (...)"."""
    if period is None:
        return "across your data"
    if period.label.startswith(("on ", "at the latest")):
        return period.label
    if period.label.startswith(("last ", "this weekend", "this time")) or " ago (" in period.label:
        return period.label  # "last week (...)", "3 days ago (...)": not "in last week", "on 3 days ago"
    if period.start == period.end and "to date" not in period.label:  # "in 2027 to date (1 Jan 2027)"
        return f"on {period.label}"
    if period.label.startswith(("all ", "the last", "the past", "since")):
        return f"over {period.label}" if period.label.startswith("all ") else period.label if \
            period.label.startswith("since") else f"in {period.label}"
    return f"in {period.label}" if period.label else f"in {fmt_range(period.start, period.end)}"


def _partial(bucket: Any, grain: str, period: TimeRange | None) -> bool:
    """Whether a date bucket runs past the period (a month the data only partly covers)."""
    if period is None or not isinstance(bucket, date) or grain not in ("day", "week", "month", "quarter", "year"):
        return False
    start, end = period_containing(bucket, grain)  # type: ignore[arg-type]
    return start < period.start or end > period.end


#: "the ratio of Amazon to web revenue", "Kitchen to Home ratio": one group's value over the other's.
_RATIO = re.compile(r"\bratios?\b", re.I)


def _ratio_answer(question: str, rows: list[dict[str, Any]], dim: str, metric: str, namer: _Namer) -> str:
    """The first-named group's value as a multiple of the second's ("the ratio of amazon to web": amazon / web)."""
    text = question.lower()
    named = sorted(rows, key=lambda r: (text.find(namer.value(dim, r[dim]).lower()) % (len(text) + 1)))
    a, b = named
    top, bottom = a.get(metric), b.get(metric)
    if not isinstance(top, int | float) or not isinstance(bottom, int | float) or not bottom:
        return ""
    return (f"The ratio of {namer.value(dim, a[dim])} to {namer.value(dim, b[dim])} in "
            f"{METRIC_NOUNS.get(metric, metric)} is {top / bottom:,.2f} to 1.")


#: "cumulative revenue by week", "running total of orders by day": the total as it builds up, period by period.
_RUNNING = re.compile(r"\b(?:cumulative(?:ly)?|running\s+(?:total|sum|tally)|accumulated|build(?:s|ing)?\s+up)\b",
                      re.I)


def _running_total(rows: list[dict[str, Any]], metric: str, noun: str, when: str, where: str, v: Any,
                   namer: _Namer, grain: str) -> str:
    """The running total asked for: where it ends (the period's total) first, then how it built up."""
    total, steps = 0.0, []
    for r in rows:
        total += r.get(metric) or 0
        steps.append((namer.value("date", r["date"]), total))
    shown = steps if len(steps) <= 14 else [*steps[:3], *steps[-3:]]
    built = "; ".join(f"{label} {v({metric: value})}" for label, value in shown)
    return (f"{_capital(noun)}{where} {when} added up to {v({metric: total})} (running total by {grain}: "
            f"{built}{'; ...' if len(shown) < len(steps) else ''}).")


def _trend_answer(rows: list[dict[str, Any]], metric: str, noun: str, when: str, where: str, v: Any,
                  namer: _Namer, grain: str, period: TimeRange | None) -> str:
    valued = [r for r in rows if r.get(metric) is not None]
    whole = [r for r in valued if not _partial(r.get("date"), grain, period)] or valued
    best = max(whole, key=lambda r: r[metric])
    worst = min(whole, key=lambda r: r[metric])
    last = valued[-1]
    first = whole[0]

    def name(r: Mapping[str, Any]) -> str:
        label = namer.value("date", r["date"])
        if _partial(r.get("date"), grain, period) and period is not None:
            label += f" (to {fmt_day(period.end)})" if r is last else f" (from {fmt_day(period.start)})"
        return label

    if metric == "avg_rating" and grain in ("day", "week"):  # a product's few reviews a week (#18)
        sparse = _sparse_rating_trend(valued, metric, noun, when, where, v, namer, grain, period)
        if sparse is not None:
            return sparse
    if len(valued) == 1:  # one period cannot show a trend: say what it holds, not "highest ... lowest" in it
        return (f"Only one {grain} of {noun}{where} falls {when}, so there is no trend to show yet: "
                f"{v(last)} in {name(last)}.")
    highs = f"highest in {name(best)} ({v(best)}), lowest in {name(worst)} ({v(worst)})"
    if metric == "avg_rating":  # a rating's trend: which way it went first (#18), then its monthly highs and lows
        verb, moved = rating_direction(valued, metric, v, name)
        if period is not None and period.label.startswith(SINCE_LAUNCH_LABEL):  # from the first month holding a review
            when = f"since the first review ({name(valued[0])} - {name(last)})"
        else:
            when = f"by {grain} {when}"
        return (f"{_capital(noun)}{where} {when} has {verb}: {moved}; by {grain}, {highs}."
                + (f" The latest {grain}, {name(last)}, was {v(last)} against {v(first)} in {name(first)}."
                   if last is not first else ""))
    text = f"{_capital(noun)}{where} by {grain} {when}: {highs}."
    if len(valued) > 1 and last is not first:
        text += f" The latest {grain}, {name(last)}, was {v(last)} against {v(first)} in {name(first)}."
    return text


def namer_label(namer: _Namer) -> Callable[[Mapping[str, Any]], str]:
    """A row's date bucket as the answer names it ("the week of 29 Jun 2026")."""
    return lambda r: namer.value("date", r["date"])


def _sparse_rating_trend(valued: list[dict[str, Any]], metric: str, noun: str, when: str, where: str, v: Any,
                         namer: _Namer, grain: str, period: TimeRange | None) -> str | None:
    """A weekly (daily) rating trend on few reviews: too few to tell, or pooled by month and said so.

    ``None`` when the weeks hold enough reviews (or their counts are not known).
    """
    total = review_total(valued)
    if total is None:
        return None
    buckets = (period.end - period.start).days // (7 if grain == "week" else 1) + 1 if period is not None \
        else len(valued)
    if total < MIN_REVIEWS:
        mean = sum(float(r[metric]) * float(r["review_count"]) for r in valued) / total if total else None
        held = "" if mean is None else f" ({'its rating' if total == 1 else 'their average'} {v({metric: mean})})"
        if len(valued) > 1:  # what the few show, said as no more than that
            verb, moved = rating_direction(valued, metric, v, namer_label(namer))
            held += f"; read as they are, they have {verb}: {moved}"
        return (f"There are too few reviews to tell which way the {noun}{where} is going {when}: only {total} "
                f"review{'' if total == 1 else 's'} in {len(valued)} of the {buckets} {grain}s{held}.")
    if not too_sparse(valued, buckets):
        return None
    months = pooled_by_month(valued, metric)
    # one sentence, the direction in it: "... by month in the last 26 weeks (...), pooled because ..., has fallen"
    pooled = (f"{when}, pooled by month because the {buckets} {grain}s hold only {total} reviews (fewer than "
              f"{MIN_PER_BUCKET:g} a {grain}, in {len(valued)} of them),")
    monthly = copy.copy(namer)
    monthly.grain = "month"
    return _trend_answer(months, metric, noun, pooled, where, v, monthly, "month", None)


def _weighed_names(reading: Reading, q: MetricQuery, dims: list[str], metric: str) -> list[str]:
    """The names a ranking weighs against each other ("which has more 1-star reviews, A or B?"), else none.

    Any kind of name but days: "did eBay or Amazon bring in more?" is weighed as two products are.

    An additive metric's absence is 0, so the named products are answered even when none has a row (neither has a
    1-star review: "0 each", not "there were no reviews rated 1 star").
    """
    if not dims or dims[0] in ("date", "weekday") or reading.shape != "ranking" or q.compare \
            or q.order_by_change or not METRICS[metric].additive:
        return []
    named = named_values(q.filters, dims[0])
    return named if len(named) > 1 else []


def _year_on_year(rows: list[dict[str, Any]], metric: str, noun: str, when: str, where: str, v: Any,
                  namer: _Namer, grain: str, period: TimeRange | None, unit: Unit) -> str:
    """"YoY growth by month": the latest month's change, then each month against the same month a year earlier."""
    last_bucket = period_containing(period.end, cast(Grain, grain))[0] if period is not None else None

    def name(r: Mapping[str, Any], back: int = 0) -> str:
        bucket = r["date"]
        if not isinstance(bucket, date) or period is None or last_bucket is None:
            return namer.value("date", bucket)
        label = namer.value("date", add_months(bucket, -12 * back))
        if _partial(bucket, grain, period) and bucket >= last_bucket:  # 1-6 Dec against 1-6 Dec a year earlier
            label += f" (to {fmt_day(add_months(period.end, -12 * back))})"
        return label

    def short(r: Mapping[str, Any]) -> str:
        now, then, pct = r.get(metric), r.get(f"{metric}_previous"), r.get(f"{metric}_change_pct")
        if unit == "rating":
            return f"{(now or 0) - (then or 0):+.2f} stars"
        if unit in ("percent", "index"):
            return f"{(now or 0) - (then or 0):+.1f} pts"
        return f"{pct:+.1f}%" if pct is not None else "no change to measure"

    return year_on_year_answer(
        rows, metric, f"{_capital(noun)}{where} {_verb(metric)}", when, grain, name, lambda r: name(r, 1),
        lambda r, key: v(r, key),
        lambda r: _change(r.get(metric), r.get(f"{metric}_previous"), r.get(f"{metric}_change_pct"), unit), short)


def _ranking_answer(reading: Reading, result: MetricResult, rows: list[dict[str, Any]], dims: list[str],
                    metric: str, noun: str, when: str, where: str, v: Any, namer: _Namer, unit: Unit) -> str:
    q = result.query
    dim = dims[0]
    # "revenue by branch", "which machine sold the most": the place by the merchant's word, not "channel"
    one, many = place_word(reading.question, dim) or _DIM_NOUNS.get(dim, (dim, dim + "s"))
    if dim == "date":
        one, many = {"month": ("month", "months"), "week": ("week", "weeks"), "quarter": ("quarter", "quarters"),
                     "year": ("year", "years")}.get(q.grain or "day", ("day", "days"))
    # a group without a name (sales of SKUs missing from the catalogue) stays in the table, not in the ranking
    valued = [r for r in rows if r.get(metric) is not None and (dim == "date" or r.get(dim) is not None)] or [
        r for r in rows if r.get(metric) is not None]
    bottom = not q.descending
    share_key = f"{metric}_share"
    named = _weighed_names(reading, q, dims, metric)
    if named:
        # "which has more 1-star reviews, A or B?": a named product without a row has none, and is said
        valued = with_named_zeros(valued, dim, metric, named, descending=not bottom)
        if len(named) == 2 and len(valued) == 2:
            rest = _filter_phrase([f for f in q.filters if f.dimension != dim], {}, reading.names)
            return pair_sentence(valued, metric, f"{noun}{rest}", when, lambda r: namer.row(r, dims), v,
                                 money=unit == "money", fewest=bottom)

    def item(r: Mapping[str, Any]) -> str:
        share = r.get(share_key)
        extra = f", {share * 100:.1f}%" if isinstance(share, (int, float)) and reading.shape != "ranking" else ""
        change = ""
        if q.compare and r.get(f"{metric}_previous") is not None:
            pct = r.get(f"{metric}_change_pct")
            change = f", {'+' if (pct or 0) >= 0 else ''}{pct:.1f}%" if pct is not None else ""
        return f"{namer.row(r, dims)} ({v(r)}{extra}{change})"

    if q.order_by_change:
        text = _change_ranking(result, valued, dims, metric, noun, when, where, v, namer, unit)
        base, starts = result.previous_range, reading.data_starts
        if base is not None and starts is not None and base.start < starts <= base.end:  # 2024 from 5 Dec only
            text += (f" The period before is only partly covered (your data starts on {fmt_day(starts)}), so these "
                     "changes overstate growth.")
        return text
    if metric == "margin" and bottom and _LOSS.search(reading.question):
        losing = [r for r in valued if (r.get(metric) or 0) < 0]
        if not losing:
            return (f"No {one} lost money{where} {when} ({noun} over the {many} with a cost); the lowest: "
                    + "; ".join(item(r) for r in valued[:3]) + ".")
        return (f"{len(losing)} {one if len(losing) == 1 else many} lost money{where} {when}: "
                + "; ".join(item(r) for r in losing[:_SENTENCE_ITEMS]) + ".")
    if reading.shape == "breakdown":
        shown = valued[:_SENTENCE_ITEMS]
        more = len(valued) - len(shown)
        # a star distribution says the levels nobody gave too ("5 stars (0, 0.0%)"), not only the ones present
        present = {str(r.get(dim)) for r in valued}
        absent = [f"{level} (0, 0.0%)" for level in _STAR_LEVELS if level not in present] \
            if dims == ["stars"] and metric == "review_count" and not q.compare else []
        head = f"{_capital(noun)}{where} {when} by {one}: "
        if q.compare and METRICS[metric].additive and dim != "date":
            # "compare March and April by channel": both periods' totals lead, then each row with its change
            head = _compared_totals(result, rows, metric, f"{_capital(noun)}{where} {when}", v, unit) + f"; by {one}: "
        text = (head + "; ".join([*(item(r) for r in shown), *absent])
                + (f"; and {more} more" if more > 0 else "") + ".")
        if dims == ["stars"] and metric == "review_count" and not q.compare:
            # "promoters vs detractors": both and their difference first, then the breakdown they come from
            text = (promoters_lead(reading.question, valued, f"{where} {when}".strip()) or "") + text
        return text
    single = (reading.show or q.limit) == 1
    if single:
        top = valued[0]
        most = "least" if bottom else "most"
        if unit in ("percent", "rating", "index", "days") or metric in ("aov", "asp", "units_per_order",
                                                                         "catalogue_price"):
            most = "lowest" if bottom else "highest"
        tied = [r for r in valued[1:3] if r.get(metric) == top.get(metric)]
        text = f"{namer.row(top, dims)} had the {most} {noun}{where} {when}: {v(top)}"
        if tied:  # "Apparel had the most products ...: 60, tied with Electronics", not "ahead of Electronics (60)"
            others = [namer.row(r, dims) for r in tied]
            return text + f", tied with {' and '.join(others)}."
        share = top.get(share_key)
        if isinstance(share, (int, float)):
            text += f" ({share * 100:.1f}% of the total)"
        if len(valued) > 1:
            text += f", {'below' if bottom else 'ahead of'} {item(valued[1])}"
        return text + "."
    shown = valued[:max(reading.show or q.limit or _SENTENCE_ITEMS, 1)][:10]
    kind = many if len(shown) != 1 else one
    head = f"The {'bottom' if bottom else 'top'} {len(shown)} {kind} by {noun}{where} {when}"
    if _like_for_like(reading, result):  # "top 5 in Q3 vs Q2": the same items' total then first, each one's then
        def fmt(x: float) -> str:
            return fmt_value(x, unit, result.currency, metric)

        head = like_for_like_headline(shown, metric, head, _previous_label(result), fmt)
        listed = "; ".join(f"{i}. {namer.row(r, dims)} ({like_for_like_item(r, metric, fmt)})"
                           for i, r in enumerate(shown, start=1))
        return f"{head}: {listed}."
    if _ratio_compared(reading, result):  # "top 3 by AOV vs the month before": no total, each item's figure then
        def fmt_ratio(x: float) -> str:
            return fmt_value(x, unit, result.currency, metric)

        listed = "; ".join(f"{i}. {namer.row(r, dims)} ({like_for_like_item(r, metric, fmt_ratio)})"
                           for i, r in enumerate(shown, start=1))
        return f"{head}, each against {_previous_label(result)}: {listed}."
    listed = "; ".join(f"{i}. {item(r)}" for i, r in enumerate(shown, start=1))
    return f"{head}: {listed}."


def _ratio_compared(reading: Reading, result: MetricResult) -> bool:
    """A ranking by a measure that does not add up (AOV, a rating) set against another period: no total to lead with.

    Each item's own figure then is the comparison asked ("how does that compare with the month before?"); a change in
    percent alone hid it.
    """
    q = result.query
    return bool(q.compare) and reading.shape == "ranking" and not q.order_by_change and bool(q.dimensions) \
        and q.dimensions[0] != "date" and not METRICS[q.metrics[0]].additive and (reading.show or q.limit or 0) > 1


def _like_for_like(reading: Reading, result: MetricResult) -> bool:
    """A ranking of several items of an additive measure set against another period (not ranked by the change)."""
    q = result.query
    return bool(q.compare) and reading.shape == "ranking" and not q.order_by_change and bool(q.dimensions) \
        and q.dimensions[0] != "date" and METRICS[q.metrics[0]].additive and (reading.show or q.limit or 0) > 1


def dropped_from_top(reading: Reading, result: MetricResult, before: MetricResult, titles: Mapping[str, str]) -> str:
    """For a like-for-like ranking, the compared period's own top N missing from the ones shown, as a sentence.

    ``before``: the same ranking over the compared period. "Of the top 5 in Q2 2026 (...), A and B are no longer
    among them."
    """
    if not _like_for_like(reading, result):
        return ""
    q, namer, dim = result.query, _Namer(reading, titles), result.query.dimensions[0]
    n = max(reading.show or q.limit or _SENTENCE_ITEMS, 1)
    metric = q.metrics[0]
    now = [str(r.get(dim)) for r in result.rows if r.get(metric) is not None and r.get(dim) is not None][:n]
    then = [(str(r.get(dim)), namer.value(dim, r.get(dim))) for r in before.rows
            if r.get(metric) is not None and r.get(dim) is not None][:n]
    return dropped_out(now, then, _previous_label(result))


def _compared_totals(result: MetricResult, rows: list[dict[str, Any]], metric: str, said: str, v: Any,
                     unit: Unit) -> str:
    """An additive breakdown's two periods in total: the figure a comparison by channel answers first.

    "Revenue in April 2026 (...) was $506,471.16, down 7.4% from $546,886.48 in March 2026 (...)", its rows after it.
    """
    now = sum(float(r[metric]) for r in rows if isinstance(r.get(metric), (int, float)))
    before = [float(r[f"{metric}_previous"]) for r in rows if isinstance(r.get(f"{metric}_previous"), (int, float))]
    q = result.query
    then = _when(q.baseline) if q.baseline else "in " + _previous_label(result)
    if not before:
        return f"{said} {_verb(metric)} {v({metric: now})}, with nothing to compare against {then}"
    prev = sum(before)
    pct = (now - prev) / abs(prev) * 100 if prev else None
    return f"{said} {_verb(metric)} {v({metric: now})}, {_change(now, prev, pct, unit)} {v({metric: prev})} {then}"


def _change_ranking(result: MetricResult, valued: list[dict[str, Any]], dims: list[str], metric: str, noun: str,
                    when: str, where: str, v: Any, namer: _Namer, unit: Unit) -> str:
    """"Outdoor grew the most: revenue +12.3% in Q3 2026 against the period before (... to ...), ahead of ..."."""
    key = f"{metric}_change_pct"
    ranked = [r for r in valued if r.get(key) is not None]
    growth = result.query.descending
    if not ranked:
        return (f"No {_DIM_NOUNS.get(dims[0], (dims[0], ''))[0]}{where} had {noun} both {when} and in "
                f"{_previous_label(result)}, so none can be said to have {'grown' if growth else 'fallen'} most.")

    def moved(r: Mapping[str, Any]) -> str:
        pct = float(r[key])
        prev = fmt_value(r.get(f"{metric}_previous"), unit, result.currency, metric)
        return f"{'+' if pct >= 0 else ''}{pct:.1f}% ({prev} to {v(r)})"

    top = ranked[0]
    most = "grew the most" if growth else "fell the most"
    if growth and float(top[key]) < 0:
        most = "fell the least (none grew)"
    elif not growth and float(top[key]) > 0:
        most = "grew the least (none fell)"
    text = (f"{namer.row(top, dims)} {most}{where}: {noun} {moved(top)} {when} against "
            f"{_previous_label(result)}")
    others = [f"{namer.row(r, dims)} {moved(r)}" for r in ranked[1:_SENTENCE_ITEMS]]
    if others:
        text += "; then " + "; ".join(others)
    return text + "."


#: "which products are we losing money on": a question about losses, answered as such (none, or which).
_LOSS = re.compile(r"\b(?:(?:losing|lose|lost) money|loss[- ]making|unprofitable|money[- ]losing)\b", re.I)


def _table(result: MetricResult, namer: _Namer, unit: Unit) -> AnswerTable | None:
    q = result.query
    if not q.dimensions and not q.compare:
        return None
    metric_cols = [c for c in result.columns if c not in q.dimensions]
    columns = [("product" if d == "sku" else d) for d in q.dimensions] + [
        f"{c[:-6]}_share_pct" if c.endswith("_share") else c for c in metric_cols]
    out = []
    for r in result.rows[:MAX_TABLE_ROWS]:
        cells: list[Any] = [namer.value(d, r.get(d)) for d in q.dimensions]
        for c in metric_cols:
            val = r.get(c)
            if c.endswith("_share") and isinstance(val, (int, float)):
                val = val * 100  # shares read as percentages, like the sentence
            cells.append(round(val, 2) if isinstance(val, float) else val)
        out.append(cells)
    return AnswerTable(columns=columns, rows=out, total_rows=len(result.rows) + (1 if result.truncated else 0))


def _chart(reading: Reading, result: MetricResult, namer: _Namer) -> dict[str, Any] | None:
    q = result.query
    if not q.dimensions or reading.shape == "value":
        return None
    metric = q.metrics[0]
    dim = q.dimensions[0]
    title = sized_orders_noun(metric, q.order_units_at_least, q.order_units_at_most) or METRIC_NOUNS.get(metric, metric)
    values = [{"label": namer.value(dim, r.get(dim)) if dim != "date" else str(r.get(dim)),
               "value": r.get(metric)} for r in result.rows[:MAX_TABLE_ROWS] if r.get(metric) is not None]
    if dim == "date":
        return {"$schema": VEGA_SCHEMA, "data": {"values": values}, "mark": {"type": "line", "point": True},
                "encoding": {"x": {"field": "label", "type": "temporal", "title": q.grain or "date"},
                             "y": {"field": "value", "type": "quantitative", "title": title}}}
    return {"$schema": VEGA_SCHEMA, "data": {"values": values}, "mark": "bar",
            "encoding": {"y": {"field": "label", "type": "nominal", "sort": "-x", "title": _DIM_NOUNS.get(
                dim, (dim, dim))[0]}, "x": {"field": "value", "type": "quantitative", "title": title}}}


def _jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


#: Metrics an analyst may define another way: the evidence states the formula used.
_FORMULA_SHOWN = frozenset({"sell_through_rate", "stock_turn", "days_of_cover", "new_products"})


def _evidence(result: MetricResult) -> list[AnswerEvidence]:
    q = result.query
    what = ", ".join(q.metrics) + (f" by {', '.join(q.dimensions)}" if q.dimensions else "")
    what += "".join(f"; {m} = {METRICS[m].description}" for m in q.metrics if m in _FORMULA_SHOWN)
    return [AnswerEvidence(kind="sql", description=f"metrics layer: {what}", sql=result.statement.sql,
                           params={k: _jsonable(v) for k, v in result.statement.params.items()},
                           dialect=result.statement.dialect)]


def _without_negative_answer(rows: list[dict[str, Any]], dim: str, where: str, when: str) -> str:
    """"How many products have no negative reviews": the reviewed products without one 1-2 star review, of all."""
    reviewed = [r for r in rows if (r.get("review_count") or 0) > 0 and r.get(dim) is not None]
    clean = [r for r in reviewed if not (r.get("negative_reviews") or 0)]
    one, many = _DIM_NOUNS.get(dim, (dim, dim + "s"))
    return (f"{len(clean):,} of {len(reviewed):,} reviewed {one if len(reviewed) == 1 else many}{where} had no "
            f"negative review (1-2 stars) {when}.")
