"""Reading a question: a typed ``MetricQuery``, the agents' plan, or "this can't be answered from your data".

The reader combines three things, none of them a list of whole questions: the word classes of
:mod:`shared.questions.lexicon` (metric synonyms, dimension nouns, ranking/share/comparison words), the
tenant's own names (:mod:`shared.questions.vocabulary`) and the time phrases resolved against the data's
as-of date (:mod:`shared.questions.timephrase`).

Decisions, in order:

0. A question about what reviews or customers say of one aspect, or what they like or dislike
   (:mod:`shared.questions.reviews`) -> the sentiment agent with that ask (``review_ask``, ``aspect``).
1. A concept the data cannot hold (ad spend, traffic, acquisition cost ...) -> ``unanswerable``, naming
   what would be needed; never a number.
2. Causes, forecasts, stock-outs, what-ifs and price positions -> the agents (``agent``), unless the question
   also asks a descriptive metric in its own clause (then both: ``agent_intents`` on a metric reading).
3. A metric word (or a ranking/breakdown of the catalogue with no metric word: revenue) -> ``metric``.
4. Nothing of the above -> the agents' overview.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from datetime import date, timedelta
from typing import Literal, cast

from pydantic import BaseModel, Field

from shared import regex as re
from shared.models.records import DataKind
from shared.questions import lexicon as lx
from shared.questions.answer_scale import Scale, asked_scale
from shared.questions.beat_period import BeatAsk, beat_ask
from shared.questions.bestseller import asks_bestseller_stock, bestseller_stock_query, forecast_sellers
from shared.questions.both_ends import both_ends
from shared.questions.catalogue_price import read_catalogue_price
from shared.questions.chatter import without_chatter
from shared.questions.compared_groups import compared_groups, compared_reviews
from shared.questions.currency_ask import other_currency_lead
from shared.questions.date_order import TenantConventions, ambiguous_dates_read, tenant_day_first
from shared.questions.elided_period import compared_with_last, days_after_month, elided_periods, month_end_named
from shared.questions.fiscal import CALENDAR_NOTE, fiscal_as_calendar, fiscal_names, fiscal_periods
from shared.questions.forecast_window import (
    ForecastPeriod,
    forecast_period,
    holidays_of_next_year,
    months_as_next_and_this,
    next_calendar_period,
    through_deadline,
)
from shared.questions.foreign_words import in_english
from shared.questions.goods import as_products
from shared.questions.grouped_sides import grouped_sides
from shared.questions.like_for_like import same_days_before
from shared.questions.market import (
    MAP_WORD,
    MarketAsk,
    clause_spans,
    price_change,
    read_market,
    spans_between,
    verb_matches,
)
from shared.questions.market_typos import market_typos
from shared.questions.milestone import MilestoneAsk, milestone_ask
from shared.questions.new_products import asks_new_products, new_products_query
from shared.questions.order_percentile import asked_percentile
from shared.questions.order_size import OrderSizeAsk, order_size_ask
from shared.questions.order_value import order_value_metrics
from shared.questions.place_codes import asked_code, code_names, code_note, read_code
from shared.questions.place_names import are_cities, named_place
from shared.questions.preamble import asked_clause, preamble_excluded, preamble_partials
from shared.questions.price_amounts import price_delta
from shared.questions.price_bands import PriceBand, price_band_query, read_price_band
from shared.questions.pricing_asks import no_competitor_prices, read_pricing_ask
from shared.questions.pricing_idioms import pricing_idioms
from shared.questions.recent_trend import asks_recent_trend
from shared.questions.returned_orders import ReturnedSlice, returned_slice
from shared.questions.returns_count import returns_counted
from shared.questions.review_baseline import complaints_baseline, own_period_to_date
from shared.questions.review_idioms import review_idioms
from shared.questions.review_length import read_review_length
from shared.questions.reviews import (
    POSSESSIVE_SUBJECT,
    RECENT_REVIEW_DAYS,
    ReviewAsk,
    ReviewQuestion,
    asks_sentiment_change,
    asks_star_breakdown,
    change_period,
    damaged_containers,
    products_reviewed,
    products_with_negative,
    read_review_question,
    review_subset,
    reviewed_name,
    reviewed_thing,
    satisfaction_as_rating,
    star_levels,
    verified_against_unverified,
)
from shared.questions.sale_dates import asks_sale_dates, sale_dates_query
from shared.questions.sales_location import place_needed, place_word, sales_location
from shared.questions.shorthand import expand_shorthand, shorthand_names
from shared.questions.since_launch import SINCE_LAUNCH_LABEL, asks_since_launch
from shared.questions.slice_position import slice_position
from shared.questions.sparse_ratings import rating_week_on_week
from shared.questions.spelled import spelled_numbers
from shared.questions.target import period_target, stated_target, target_without_figure
from shared.questions.time_of_day import HOUR_WORDS, hour_metric, hours_asked
from shared.questions.timephrase import (
    RECENT_DAYS,
    TimeReading,
    Unit,
    fmt_day,
    fmt_range,
    last_complete,
    make_range,
    name_range,
    period_containing,
    resolve_time,
    rolling,
)
from shared.questions.top_compared import folded_comparison
from shared.questions.trend_verdict import asked_way
from shared.questions.uncosted import asks_uncosted_products, uncosted_query
from shared.questions.unknown_codes import closest_codes, code_example, unknown_code
from shared.questions.unread_language import unread_language, unread_language_answer
from shared.questions.vocabulary import EntityMatch, VocabularyIndex, singulars
from shared.questions.when_peak import when_as_day
from shared.questions.year_on_year import YEAR_ON_YEAR_GRAINS, year_on_year_range
from shared.store.metrics.catalog import METRICS
from shared.store.metrics.compile import to_date_months
from shared.store.metrics.model import DimensionFilter, DimensionName, Grain, MetricName, MetricQuery, TimeRange

ReadingKind = Literal["metric", "agent", "unanswerable", "catalogue"]
Shape = Literal["value", "breakdown", "ranking", "share", "trend", "count", "unsold", "bestseller_stock",
                "new_products", "sale_dates", "price_bands"]

_SALES_FAMILY = {w.metric for w in lx.METRIC_WORDS if w.kind == DataKind.SALES}
#: What the forecast agent predicts: a future question about another metric is told so.
_FORECAST_MEASURES = frozenset({"revenue", "net_revenue", "units", "stock_on_hand", "days_of_cover"})
_ADDITIVE: frozenset[str] = frozenset(name for name, spec in METRICS.items() if spec.additive)
_DEFAULT_TOP = 5
#: A comparative between two named things ("Amazon reviews worse than web reviews"), not a change over time.
_THAN = re.compile(r"\b(?:better|worse|higher|lower|more|less|bigger|smaller|stronger|weaker) than\b", re.I)
#: "recently", "lately", "of late" said of reviews: the recent window (not "the most recent review", a listing).
_RECENTLY = re.compile(r"\b(?:recently|lately|of\s+late)\b", re.I)
#: "worse on amazon than on web": a comparison word and its "than" with the first side between them.
_THAN_APART = re.compile(r"\b(?:better|worse|higher|lower|happier|unhappier)\b[^?.!]{0,40}?\bthan\b", re.I)
#: Review metrics that are a share already ("what share of reviews are negative" is no share of a total).
REVIEW_SHARES = frozenset({"negative_review_share"})
#: Negative reviews said as a count of all reviews and a share of the rated ones: the count is read, not derived from
#: the share times all reviews (unrated reviews are in the total, not in the share's base: 45 of 372 rated, not 46).
NEGATIVE_COUNT_AND_SHARE: tuple[MetricName, ...] = ("negative_review_share", "review_count", "negative_reviews")
#: Reviews a product needs to be ranked by its rating (or its share of negative reviews).
MIN_RANKED_REVIEWS = 5
#: "which product's rating fell the most", "biggest rating drop by product": a fall of ratings, ranked.
_RATING_FELL_MOST = re.compile(
    r"\b(?:ratings?|stars?|reviews?|review scores?|scores?)\b[^.?!]{0,40}?\b(?:fell|fallen|falling|dropped|dropping|"
    r"declined|declining|decreased|slipped|sank|sunk|tanked|worsened|(?:gone|went|going) (?:down|downhill))\b"
    r"[^.?!]{0,20}?\b(?:most|furthest|biggest|hardest)\b|"
    r"\b(?:biggest|largest|steepest|sharpest|worst)\s+(?:\w+\s+)?(?:ratings?|stars?|reviews?|scores?)\s+"
    r"(?:drops?|declines?|falls?|slides?)\b|"
    r"\b(?:gone|went|going) downhill the most\b[^.?!]{0,20}?\breviews?\b|"
    r"\b(?:biggest|largest|hardest|worst|sharpest)\s+(?:hit|knock|blow|dip|slide|slump)s?\s+(?:in|to|on)\s+"
    r"(?:its\s+|their\s+|the\s+)?(?:ratings?|stars?|reviews?|review scores?)\b", re.I)
#: Reviews a product needs in each of the two periods for its rating change to be ranked.
MIN_CHANGED_REVIEWS = 5
_RANK_CONTEXT = re.compile(
    r"\b(?:by|per|each|every|across|split(?:\s+by)?|broken\s+down\s+by|breakdown(?:\s+by)?|break\s+down\s+by|"
    r"grouped\s+by|which|what|top|bottom|best|worst|rank\w*|highest|lowest|most|least|biggest|largest|smallest|"
    r"weakest|strongest|slowest|quietest|busiest|poorest|fastest|leading|"
    r"\d+|among|compare|for\s+all|all)\b(?:[\s-]+[\w'-]+){0,3}\s*$", re.I)
_CATALOGUE_COUNT = re.compile(
    r"\bhow many (?:different |distinct |unique |individual )?(?:products|skus|items|articles|listings|lines)\b"
    r"(?:\s+[\w&'-]+){0,3}?\s+(?:do|does)\s+(?:we|i|the\s+\w+)\s+(?:have|carry|stock|list|offer|sell)\b"
    r"|\bhow (?:big|large) is (?:our|my|the) (?:catalog(?:ue)?|range|assortment)\b|\bcatalog(?:ue)? size\b"
    r"|\bnumber of (?:products|skus|items) (?:in|on) (?:our|my|the) (?:catalog(?:ue)?|range|assortment)\b", re.I)
_PLURAL_DIMS: dict[str, re.Pattern[str]] = {
    "sku": re.compile(r"\b(?:products|items|skus|articles|listings|sellers|goods|models|variants)\b", re.I),
    "channel": re.compile(r"\b(?:channels|marketplaces|platforms|stores|shops)\b", re.I),
    "category": re.compile(r"\b(?:categories|departments|collections|segments)\b", re.I),
    "brand": re.compile(r"\b(?:brands|vendors|manufacturers|labels)\b", re.I),
    "competitor": re.compile(r"\b(?:competitors|rivals|retailers)\b", re.I),
    "weekday": re.compile(r"\b(?:weekdays|days of the week)\b", re.I),
    "date": re.compile(r"\b(?:days|weeks|months|quarters|years)\b", re.I),
}
_PER_DAY = re.compile(r"\bhow much\b(?:\s+\S+){0,5}?\s+(?:per|a|each)\s+day\b|"
                      # "average revenue on Mondays": a Monday's average, over the Mondays of the period
                      r"\b(?:average|avg\.?|mean|typical)\s+(?:[a-z]+\s+){1,2}?(?:on|per|every|each|for)\s+(?:an?\s+)?"
                      r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)days?|weekends?|weekdays?|weekend\s+days?)\b|"
                      # "average Sunday revenue": the day before the measure
                      r"\b(?:average|avg\.?|mean|typical)\s+(?:mon|tues|wednes|thurs|fri|satur|sun)day\s+(?:revenue|sales|"
                      r"turnover|takings|orders|units)\b|"
                      r"^(?!.*\b(?:which|highest|lowest|best|worst|busiest|quietest|trend\w*|chart|graph|each|every|"
                      r"breakdown|broken|split)\b).*\b(?:revenue|sales|turnover|takings|income|orders|units)\s+(?:per|a)\s+"
                      r"day\b|"
                      r"\b(?:average|avg\.?|mean|typical)\s+(?:daily|per[- ]day|a[- ]day)\b|\b(?:per|a|each)\s+day\s+on"
                      r"\s+average\b|\bdaily\s+average\b|\bon\s+an?\s+average\s+day\b|"
                      r"\b(?:per|a|each)\s+day\b(?=.*\baverage[ds]?\b(?!\s+(?:order\b|basket|selling|price|rating)))|"
                      r"\baverage[ds]?\b(?!\s+(?:order\b|basket|selling|price|rating)).*\b(?:per|a|each)\s+day\b", re.I)
#: "revenue excluding returns", "units sold not counting returns", "sales minus refunds", "drop the returns" (also
#: what a follow-up says to net the previous figure).
NET_OF = re.compile(r"\b(?:excluding|exclude|minus|less|net of|not counting|without|after|deducting|take away|"
                    r"taking away|not including|discounting|drop|remove|take\s+(?:out|off)|strip\s+out|leave\s+out"
                    r"|knock\s+off|subtract|deduct|back\s+out)\s+(?:the\s+|any\s+|all\s+(?:the\s+)?)?(?:returns?"
                    r"|refunds?|returned (?:units|items|goods)|(?:units|items) returned)\b"
                    # Shopify's "net quantity" (ordered less returned), "net units sold"
                    r"|\bnet\s+(?:quantity|qty|units|items)\b", re.I)
#: "units that weren't on promotion", "full-price revenue", "orders excluding promotions": the figure less its part
#: on promotion (a line on promotion or with a discount, as "units on promotion" count it).
_OFF_PROMOTION = re.compile(
    r"\b(?:(?:not|never|weren'?t|wasn'?t|aren'?t|isn'?t|didn'?t)\s+(?:\w+\s+){0,2}?(?:on|at|in|under|during|with)\s+"
    r"(?:a\s+|the\s+|any\s+)?(?:promo(?:tion)?s?|sales?|offers?|deals?|discounts?|sale\s+prices?)"
    r"|(?:excluding|exclude|without|not\s+counting|outside(?:\s+of)?|except(?:\s+for)?|other\s+than|ignoring|"
    r"leaving\s+out)\s+(?:the\s+|any\s+|all\s+)?(?:promo(?:tion)?s?|promotional\s+\w+|sale\s+(?:items|prices?|"
    r"orders)|discounted\s+\w+|deals?)"
    r"|full[- ]price(?:d)?|non[- ]?promo(?:tion(?:al)?)?|un-?discounted|at\s+list\s+price)\b",
    re.I,
)
#: Each figure and its part on promotion, for :data:`_OFF_PROMOTION` (the promo figures read as their whole).
_PROMOTED_PART: dict[str, tuple[MetricName, MetricName]] = {
    **dict.fromkeys(("units", "promo_units", "promo_unit_share"), ("units", "promo_units")),
    **dict.fromkeys(("revenue", "promo_revenue", "promo_revenue_share"), ("revenue", "promo_revenue")),
    **dict.fromkeys(("orders", "promo_orders", "promo_order_share"), ("orders", "promo_orders")),
}
#: "more than 20k", "over $100", "above fifty dollars", "fewer than 10 units": (above/below, value, money?).
_THRESHOLD_AT = re.compile(
    r"\b(?P<op>more than|over|above|greater than|in excess of|exceeding|at least|upwards of|under|below|less than|"
    # the currency as a sign or a code before the amount ("over $500", "above USD 500", "under GBP 20")
    r"fewer than|lower than)\s+(?P<cur>[$£€]|(?:usd|us\$|gbp|eur|aud|a\$|cad|c\$|nzd)(?=\s?\d))?\s?"
    r"(?P<num>\d[\d,]*(?:\.\d+)?(?!\.?\d)|(?:(?:a|one|two|three|four|"
    r"five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|"
    r"thousand)[\s-]?){1,4})\s*(?P<mult>k|m|thousand|million|grand)?\b(?:\s*(?P<unit>dollars|bucks|pounds|quid|"
    r"euros|usd|gbp|eur|units?|items?|pieces?|orders?))?(?!\s*(?:days?|weeks?|months?|quarters?|years?|hours?|%|"
    r"percent|per cent|pct|stars?)\b|%)", re.I)
#: "why are Kitchen reviews worse than Home", "why is A rated lower than B": a comparison of two named things.
_WHY_WORSE_THAN = re.compile(r"\bwhy\b[^?.!]{0,60}?\b(?:worse|better|lower|higher)\s+than\s+(?!(?:before|last|usual|"
                             r"normal|ever|previously|a (?:month|year|week|quarter)|the (?:month|year|week|quarter)|"
                             r"(?:it|they) (?:was|were|used))\b)", re.I)
#: A named product's sales falling asked about for a cause ("why are sales of X down", "why isn't X selling").
_WHY_NOT_SELLING = re.compile(
    r"\b(?:why|reasons?|cause[ds]?|what(?:'s| is) (?:behind|causing|wrong))\b[^?.!]{0,80}?\b(?:sales|selling|sells?|"
    r"sold|revenue|units|demand)\b[^?.!]{0,60}?\b(?:down|drop\w*|fall\w*|fell|declin\w*|slump\w*|slow\w*|dipp?\w*|"
    r"worse|lower|tank\w*|weak\w*)\b|\bwhy\b[^?.!]{0,60}?\b(?:not|n't|stopped|no longer)\s+(?:selling|sell)\b|"
    r"\b(?:sales|selling)\b[^?.!]{0,40}?\b(?:down|drop\w*|fall\w*|fell|declin\w*)\b[^?.!]{0,40}?\bwhy\b", re.I)
#: "products with an average under 3.5 stars", "average rating below 4": a threshold on the products' average rating.
_RATING_LIMIT = re.compile(r"\b(?:averag\w*|avg|mean)\b[^.?!]{0,30}?\b(?P<op>under|below|less than|lower than|"
                           r"over|above|more than|higher than|at least)\s+(?P<num>[1-5](?:\.\d+)?|one|two|three|four|"
                           r"five)\s*(?:stars?|out of 5)?(?![\d.%])", re.I)
_NUMBER_WORD = {"a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_COUNTED_DIM = re.compile(r"\b(?:how many|number of|which|what)\s+(?:different\s+)?(\w+)", re.I)
#: "products that made under $100 last month", "brands with more than 1000 units": the things a threshold picks.
_LEADING_DIM = re.compile(r"^\s*(?:(?:list|show(?:\s+me)?|give\s+me|find|get)\s+)?(?:(?:the|our|my|all|any)\s+)?"
                          r"(\w+)\s+(?:that|which|who|with|having|where|averag(?:e|es|ing)\b|"
                          # "products above $1k revenue last week": the products the threshold picks
                          r"(?=(?:above|over|under|below|more than|less than|fewer than)\s+[$£€]?\d))", re.I)
_DAYS_COUNTED = re.compile(r"\b(?:how many|which|what|number of|count the)\s+(?:\w+\s+){0,2}?days\b", re.I)


#: "days with no orders", "days we sold nothing", "zero-sales days": days under one order (unit, cent).
_NONE_ON_DAYS = re.compile(r"\b(?:no|zero|without(?:\s+any)?)\s+(?:\w+\s+){0,2}?(?:orders?|sales|revenue|units?)\b|"
                           r"\b(?:sold|sell|made|make)\s+nothing\b", re.I)


#: "$1k+ orders", "500+ dollar orders", "£250-plus baskets": an amount, then "+" (or "plus"), before the orders.
_AMOUNT_PLUS_ORDERS = re.compile(
    r"(?P<cur>[$£€])?(?P<num>\d[\d,]*(?:\.\d+)?)\s?(?P<mult>k|m)?\s?(?:\+|-?plus\b|\s+or\s+more\b)\s*"
    r"(?P<unit>dollars?|bucks|pounds?|euros?|usd|gbp|eur)?\s*(?:-?value\s+)?(?=(?:orders?|baskets?|purchases?|"
    r"transactions?)\b)", re.I)
#: "orders over 1.5k", "baskets above 2k": an amount in thousands right after the orders is their value.
_ORDERS_OVER_THOUSANDS = re.compile(r"\b(?:orders?|baskets?|purchases?|transactions?)\s+(?:\w+\s+)?"
                                    r"(?:more than|over|above|greater than|under|below|less than)\s+"
                                    r"\d[\d,]*(?:\.\d+)?\s?(?:k|m|grand)\b", re.I)


def _threshold(question: str) -> tuple[Literal["above", "below", "at_least"], float, bool] | None:
    """The amount a question puts rows above or below, and whether it is money ("over $100", "more than 20k")."""
    if (plus := _AMOUNT_PLUS_ORDERS.search(question)) is not None and (plus.group("cur") or plus.group("unit")
                                                                        or plus.group("mult")):
        # "$1k+ orders": at least that much, money (a count of units is written "5+ units", not before "orders")
        amount = float(plus.group("num").replace(",", ""))
        return "at_least", amount * {"k": 1e3, "m": 1e6}.get((plus.group("mult") or "").lower(), 1.0), True
    m = _THRESHOLD_AT.search(question)
    if m is None:
        return None
    words, total = m.group("num").lower().replace("-", " ").split(), 0.0
    if m.group("num")[0].isdigit():
        total = float(m.group("num").replace(",", ""))
    else:
        part = 0.0
        for word in words:
            if word == "hundred":
                part = (part or 1) * 100
            elif word == "thousand":
                total, part = total + (part or 1) * 1000, 0.0
            elif word in _NUMBER_WORD:
                part += _NUMBER_WORD[word]
        total += part
    mult = (m.group("mult") or "").lower()
    total *= {"k": 1e3, "thousand": 1e3, "grand": 1e3, "m": 1e6, "million": 1e6}.get(mult, 1.0)
    unit = (m.group("unit") or "").lower()
    # "orders over 1.5k": an order is not thousands of units, so thousands after the orders are their value
    money = bool(m.group("cur")) or unit in ("dollars", "bucks", "pounds", "quid", "euros", "usd", "gbp", "eur") \
        or mult == "grand" or bool(_ORDERS_OVER_THOUSANDS.search(question))
    word = m.group("op").lower()
    if total < 0 or (total == 0 and not (money and word in ("under", "below", "less than", "lower than"))):
        return None  # "a margin below $0" (a loss) is a threshold; "more than 0 units" is none
    op: Literal["above", "below", "at_least"] = "below" if word in ("under", "below", "less than", "fewer than",
                                                                  "lower than") else "at_least" if word == "at least" \
        else "above"
    return op, total, money


#: "less than a week of stock", "under 10 days of cover", "more than 3 months' worth of inventory": days of cover.
_COVER_LIMIT = re.compile(r"\b(?P<op>less than|under|below|fewer than|more than|over|above|at least)\s+"
                          r"(?P<num>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\s+"
                          r"(?P<unit>day|week|month|year)s?(?:'s|')?\s+(?:worth\s+)?(?:of\s+)?(?:stock|cover|inventory|supply)\b",
                          re.I)
_COVER_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _cover_threshold(question: str) -> tuple[Literal["above", "below", "at_least"], float, bool] | None:
    """The days of cover a question puts products below or above ("less than a week of stock": below 7 days)."""
    m = _COVER_LIMIT.search(question)
    if m is None:
        return None
    token = m.group("num").lower()
    n = int(token) if token.isdigit() else _NUMBER_WORD.get(token, 1)
    word = m.group("op").lower()
    op: Literal["above", "below", "at_least"] = "below" if word in ("less than", "under", "below", "fewer than") \
        else "at_least" if word == "at least" else "above"
    return op, float(n * _COVER_UNIT_DAYS[m.group("unit").lower()]), False


def _threshold_fits(limit: tuple[str, float, bool], metric: str) -> bool:
    """Whether the amount is of the metric's kind (money for revenue, a count for units and orders)."""
    money_metric = metric in ("revenue", "net_revenue", "margin", "refunds", "discounts", "cost", "aov", "asp")
    return limit[2] == money_metric or (not limit[2] and money_metric and limit[1] >= 1000)


#: Share words asking one percentage (not a split or a mix of the names).
_TOGETHER = re.compile(r"\b(?:percent(?:age)?|per cent|pct|share|proportion|fraction)\b|%", re.I)
#: "average weekly sales", "average monthly revenue", "what do we average per month": the total over the weeks/months.
_PER_UNIT = re.compile(r"\b(?:average|avg\.?|mean|typical)\s+(week|month|fortnight)ly\b|\b(week|month|fortnight)ly\s+"
                       r"average\b|\b(?:per|a|each)\s+(week|month|fortnight)\s+on\s+average\b|"
                       r"\baverage[ds]?\b(?!\s+(?:order\b|basket|selling|price|rating)).*?\b(?:per|a|each)\s+(week|month|"
                       r"fortnight)\b",
                       re.I)
#: "which products stopped selling", "what's no longer selling": unsold now, over the recent run of sales when no
#: period is named (the house's "these days", :data:`timephrase.RECENT_DAYS`), not over all the data.
_STOPPED = re.compile(r"\bstopped\s+(?:selling|moving)\b|\bno\s+longer\s+(?:sell(?:ing|s)?|sold|moving)\b|"
                      r"(?:\bnot|n'?t)\s+(?:selling|moving|sold|sell)\s+any\s*more\b", re.I)
_UNSOLD = re.compile(r"\b(?:sold|sell|selling)\s+(?:zero|no|0|nothing)\b(?!\s+(?:more|less|fewer))|"
                     r"\b(?:did\s+not|didn'?t|never|haven'?t|have\s+not|has\s+not|hasn'?t|not)\s+(?:\w+\s+)?"
                     r"(?:sell|sold)\b|\b(?:no|zero|without(?:\s+any)?)\s+sales\b|\bunsold\b|\bdead\s+stock\b|"
                     + _STOPPED.pattern, re.I)
_PRODUCT_NOUN = re.compile(r"\b(?:products?|items?|skus?|lines|articles?|listings?)\b", re.I)
_COUNTING = re.compile(r"\b(?:how many|number of|count|volume|total|more|fewer|most|least|top|bottom|by|per|"
                       r"each|which|what share|percentage|trend|over time|monthly|weekly|compared?|vs\.?|grow\w*|"
                       r"chang\w*)\b", re.I)
#: "what do customers buy most": the customers as who buys, not a count of them.
_CUSTOMERS_BUY = re.compile(r"\b(?:customers?|people|shoppers?|buyers?|clients?)\s+(?:\w+\s+){0,3}?"
                            r"(?:(?:like|love|tend|want|prefer)\s+to\s+)?(?:buy|buying|order|ordering|purchas\w*|get)\b",
                            re.I)
_COUNTED_CUSTOMERS = re.compile(r"\b(?:how many|number of|count of|unique|distinct|new|returning|repeat|per|"
                                r"average|avg|each)\b(?:\s+\w+)?\s+(?:customers?|buyers?|shoppers?|clients?)\b", re.I)
#: "revenue per customer", "how much does the average customer spend": revenue divided by customers.
_PER_CUSTOMER = re.compile(r"\b(?:per|each|every|average|avg\.?|typical|mean)\s+"
                           r"(?:customer|buyer|shopper|client|household)\b"
                           r"(?!s)(?! (?:service|support|care))|\bper\s+head\b"
                           # "how much does a customer spend on average": what one customer spends
                           r"|\bhow\s+much\s+(?:does|do|did)\s+(?:a|an\s+average|the\s+average|one|each)\s+"
                           r"(?:customer|buyer|shopper|client)\s+(?:\w+\s+)?(?:spend|pay)\b", re.I)
#: "discount per order", "orders per customer", "how much do we make per unit": the first metric over the second.
_PER_NOUN = re.compile(r"\b(?:per|each|every)\s+(order|transaction|basket|checkout|unit|item|piece|customer|buyer|"
                       r"shopper|client)\b(?!s)(?! (?:service|support|care|price))", re.I)
#: "how many orders does a customer place (on average)", "how many items does the average shopper buy": the figure
#: per customer (as "per customer").
_ONE_OF_THEM_DOES = re.compile(r"\bhow\s+(?:many|much)\s+(?:[a-z]+\s+){1,2}?(?:does|do|did|will|would)\s+(?:a|an\s+"
                               r"average|the\s+average|a\s+typical|the\s+typical|each|one|every)\s+(customer|buyer|"
                               r"shopper|client)\b(?!s)", re.I)
#: "average discount on orders", "the mean refund across transactions": the figure per order (as "per order").
_AVERAGE_ON_ORDERS = re.compile(r"\b(?:average|avg|mean|typical)\s+(?:[a-z]+\s+){0,2}?(?:on|of|for|across|over|in)\s+"
                                r"(?:the\s+|our\s+|all\s+)?(order|transaction|basket|checkout)s\b", re.I)
_PER_METRIC: dict[str, MetricName] = {
    "order": "orders", "transaction": "orders", "basket": "orders", "checkout": "orders", "unit": "units",
    "item": "units", "piece": "units", "customer": "customers", "buyer": "customers", "shopper": "customers",
    "client": "customers"}
#: A ratio the metrics layer computes itself (revenue per unit is the average selling price).
_RATIO_METRIC: dict[tuple[str, str], MetricName] = {
    ("revenue", "units"): "asp", ("revenue", "orders"): "aov", ("units", "orders"): "units_per_order"}
#: A rate the metrics layer computes itself, asked as one figure "as a percentage of" another.
_RATE_METRIC: dict[tuple[str, str], MetricName] = {
    ("returned_units", "units"): "return_rate", ("refunds", "revenue"): "refund_rate",
    ("discounts", "revenue"): "discount_rate"}
_AS_PERCENT_OF = re.compile(r"\bas an? (?:percentage|percent|%|share|proportion|fraction|rate) of\b", re.I)
#: Rates where more is worse: "the worst return rate" is the highest, "the best" the lowest.
_MORE_IS_WORSE = frozenset({"return_rate", "refund_rate", "negative_review_share"})
_WORST_OR_BEST = re.compile(r"\b(?:(?P<worst>worst|poorest)|best)\b", re.I)
#: What may be divided by orders, units or customers (a rate such as the discount rate is its amount there).
_PER_NUMERATOR: dict[str, MetricName] = {
    "revenue": "revenue", "units": "units", "orders": "orders", "discounts": "discounts", "discount_rate": "discounts",
    "refunds": "refunds", "returned_units": "returned_units", "net_revenue": "net_revenue"}
#: "where does Kitchen rank", "what position is Amazon in", "Kitchen's ranking": the place of one name among its kind.
_RANK_ASKED = re.compile(r"\bwhere\s+(?:does|do|did|is|was|would)\b.*\b(?:rank\w*|stand\w*|place[ds]?|come[s]?|came|"
                         r"sit[s]?|fall[s]?|fell)\b|\b(?:what|which)\s+(?:rank\w*|position|place|spot|number)\b"
                         r"(?!\s+(?:of\s+)?(?:products?|items?|skus?))|\bpositions?\s+(?:of|is|was)\b|\brank(?:s|ed)?\b",
                         re.I)
#: "Outdoor - where do we sit vs the market?": the place asked is ours (against the market or the competitors), not
#: Outdoor's among the categories; the name only scopes it.
_WE_PLACED = re.compile(r"\bwhere\s+(?:do|did|are|am|were|would|should)\s+(?:we|i)\b.*\b(?:market|competit\w*|"
                        r"rivals?|prices?|pricing|priced)\b", re.I)
#: "is eBay our smallest channel?", "was Kitchen the top category": one name against the superlative of its kind.
_IS_SUPERLATIVE = re.compile(r"\b(?:is|was|are|were)\s+(?P<name>.+?)\s+(?:our|the|my)\s+(?:\w+\s+)?(?:biggest|"
                             r"largest|smallest|best|worst|top|weakest|strongest|highest|lowest|leading|number\s+one|"
                             r"#1|main)\b", re.I)


#: The verb or noun that asks for a place ("where does eBay *stand*"): no product name, though titles hold it.
_RANK_WORD = re.compile(r"\b(?:rank\w*|stand\w*|place[ds]?|sit[s]?|spot|position)\b", re.I)


def rank_words(question: str, matches: list[EntityMatch]) -> list[EntityMatch]:
    """The product matches that are only the word asking for a place ("where does eBay stand": no phone stand)."""
    if not _RANK_ASKED.search(question):
        return []
    words = [w.span() for w in _RANK_WORD.finditer(question)]
    return [m for m in matches if m.kind == "product" and any(s <= m.span[0] and m.span[1] <= e for s, e in words)]


def _ranked_member(question: str, matches: list[EntityMatch]) -> EntityMatch | None:
    """The one category, brand, channel or product whose place in its kind's ranking the question asks.

    "Where does Kitchen rank by revenue", "is eBay our smallest channel": not Kitchen's (eBay's) own figure alone,
    the ranking of every category (channel) with Kitchen's place in it.
    """
    kinds = [m for m in matches if m.kind in ("category", "brand", "channel", "product", "sku")]
    if len(kinds) != 1 or len(kinds[0].values) != 1:
        return None
    one = kinds[0]
    if _RANK_ASKED.search(question) and not _WE_PLACED.search(question):
        return one
    sup = _IS_SUPERLATIVE.search(question)
    if sup is not None and sup.start("name") <= one.span[0] and one.span[1] <= sup.end("name"):
        return one
    return None


#: "annualised revenue", "annualized run rate", "what's that per year": a period's value at a year's pace.
_ANNUALISED = re.compile(r"\bannuali[sz](?:ed|e|ing)\b|\bannual\s+run[- ]?rate\b|\b(?:yearly|annual)\s+pace\b", re.I)
#: "how many customers bought, and how many were new": of those, the new ones.
_NEW_OF_THEM = re.compile(r"\bhow many\s+(?:of\s+(?:them|those)\s+)?(?:(?:of\s+)?(?:[\w']+\s+){0,3}?(?:customers|"
                          r"buyers|shoppers|clients)\s+)?(?:were|are|was|is)\s+(?:new|first[- ]time)\b", re.I)
#: "new vs returning customers", "new and existing buyers": both, each counted.
_RETURNING = re.compile(r"\b(?:returning|repeat|existing|old|loyal|came back|returned)\b", re.I)
#: "which is bigger, eBay or POS?", "Kitchen or Home: which sells more?": two names, weighed (by revenue).
_WHICH_BIGGER = re.compile(r"\b(?:bigger|larger|smaller|greater|better|worse|more|less|vs\.?|versus|compare\w*|or)\b",
                           re.I)
#: "how are we tracking vs last month": the running period so far against the same days of the one before.
_SO_FAR = re.compile(r"\b(?:are|is|am)\s+(?:we|i|it|things|sales|revenue|business)\s+(?:\w+\s+)?(?:tracking|pacing|"
                     r"trending|doing|going|looking|performing)\b|\bso\s+far\b|\bon\s+track\b", re.I)
#: "what sold best", "what's selling the most": what = the products.
_WHAT_SOLD = re.compile(r"^\s*(?:so\s+)?(?:what|which)(?:'s|\s+is|\s+are|\s+has|\s+have|\s+did|\s+does|\s+do)?\s+"
                        r"(?:been\s+)?(?:sold|sells?|selling|moved|moving|shifted|shifting|going|went|flying|flew|"
                        r"performed|performing|done|did|do(?:es)?)\b", re.I)
#: "what didn't sell last month", "what hasn't sold": the products that sold nothing.
_WHAT_UNSOLD = re.compile(r"^\s*(?:so\s+)?what\s+(?:didn'?t|did\s+not|hasn'?t|has\s+not|never)\s+(?:\w+\s+)?"
                          r"(?:sell|sold)\b(?!\s+(?:well|much|many|as|enough|great|good|quickly|fast))", re.I)
#: "which day", "what day", "busiest day" name a date when a period or a past verb goes with them.
_A_DATE_NOT_A_WEEKDAY = re.compile(r"\b(?:which|what|busiest|best|worst|quietest|slowest)\s+(?:single\s+)?day\b"
                                   r"(?!\s+of\s+(?:the\s+)?week)", re.I)
_WEEKDAY_WORDS = re.compile(r"\bweekdays?\b|\bdays?\s+of\s+(?:the\s+)?week\b|\b(?:usually|typically|tend|"
                            r"normally|generally)\b", re.I)
_PAST = re.compile(r"\b(?:had|was|were|did|saw)\b", re.I)
_CLAUSES = re.compile(r"\band\b|;|\?|\balso\b|\bplus\b", re.I)
_CONJUNCTION = re.compile(r"\band\b|;|\balso\b|\bplus\b|\?\s*\S", re.I)
_RANK_AFTER = re.compile(r"^\s*(?:ranked|sorted|ordered|with the (?:most|highest|least|lowest)|that (?:sold|made|"
                         r"brought|earned|had|generated) the (?:most|least)|by (?:revenue|units|sales|orders)|"
                         r"(?:mix|split|breakdown|break-?down|contributions?)\b|(?:that|which)\s+(?:have\s+|has\s+)?"
                         r"(?:grew|grown|increased|rose|risen|improved|gained|declined|dropped|fell|fallen|shrank|"
                         r"shrunk|decreased|slipped|slowed)\b)",
                         re.I)


class Reading(BaseModel):
    """What a question asks, typed: a metric query, an agent plan hint, or a reason it cannot be answered."""

    kind: ReadingKind
    question: str
    query: MetricQuery | None = None
    shape: Shape = "value"
    as_of: date | None = None
    period_stated: bool = Field(default=True, description="False when the question named no period (a default).")
    focus: DimensionFilter | None = Field(default=None, description="The slice a share question is about.")
    labels: dict[str, str] = Field(default_factory=dict, description="Filter value -> name (SKU -> title).")
    agent_intents: list[str] = Field(default_factory=list)
    skus: list[str] = Field(default_factory=list)
    competitors: list[str] = Field(default_factory=list)
    categories: list[str] = Field(default_factory=list)
    brands: list[str] = Field(default_factory=list)
    concept: str | None = None
    needed: str | None = Field(default=None, description="What an unanswerable question would need.")
    show: int | None = Field(default=None, description="Items a ranking lists (the query may fetch one more).")
    names: dict[str, str] = Field(default_factory=dict, description="Dimension -> how the answer names a filter.")
    data_starts: date | None = Field(default=None, description="First date of the data the metric reads.")
    per_day: bool = Field(default=False, description="The answer divides the value by the period's days.")
    drivers: bool = Field(default=False, description="The answer also names what moved most between the periods "
                                                     "(\"why?\" after a figure).")
    explain: bool = Field(default=False, description="The answer also says how it was obtained: the measure's "
                                                     "definition and the query run (\"how did you get that?\").")
    per_unit: Literal["week", "month", "fortnight"] | None = Field(
        default=None, description="The answer divides the value by the period's weeks, fortnights or months.")
    top_share: bool = Field(default=False, description="A ranking's top N as one share of the total (\"what share "
                                                       "of revenue came from the top 10 products\").")
    net_of: bool = Field(default=False, description="The first metric less the second (\"revenue excluding "
                                                    "refunds\", \"units not counting returns\").")
    threshold: tuple[Literal["above", "below", "at_least"], float] | None = Field(
        default=None, description="Only the rows above (below) this value: \"which products sold over 100 units\", "
                                  "\"how many days did we make more than 20k\".")
    notes: list[str] = Field(default_factory=list)
    unknown_name: str | None = Field(default=None, description="A name the question is about that the data lacks.")
    suggestions: list[str] = Field(default_factory=list, description="The tenant's closest product names.")
    code_example: str | None = Field(default=None, description="One of the tenant's product codes, shown when a code "
                                     "the question names is like none of them.")
    asks: list[str] = Field(default_factory=list, description="Exactly what the agents are asked, when the reader "
                                                             "recognised it (shared.questions.market).")
    price_change_pct: float | None = Field(default=None, description="A price change the question names (what-if).")
    price_delta: float | None = Field(default=None, description="A what-if's change in money (\"knock $5 off X\" ->"
                                                                " -5): the pricing agent works out the percentage.")
    agent_period: TimeRange | None = Field(default=None, description="The past period an agent ask names "
                                                                     "(\"this week\", \"in November\").")
    review_ask: ReviewAsk | None = Field(default=None, description="A review question's ask (aspect, praise ...).")
    aspect: str | None = Field(default=None, description="The aspect a review question is about (\"shipping\").")
    review_period: TimeRange | None = Field(default=None, description="The period a review question names.")
    review_baseline: TimeRange | None = Field(default=None, description="The period a complaints question sets "
                                                                       "against its own (\"vs last month\").")
    review_stars: list[int] = Field(default_factory=list, description="The star ratings a review question reads "
                                                                      "(\"what do 1-star reviewers say\").")
    review_listing: str | None = Field(default=None, description="Reviews shown one by one (\"show me angry "
                                                                 "reviews\"): negative, positive, latest ...")
    review_count: int | None = Field(default=None, description="How many reviews a listing shows, when said.")
    review_length: str | None = Field(default=None, description="A review-length figure beyond the mean (below, "
                                      "above, median, longest, by_rating, by_stars, mean).")
    review_length_words: int | None = Field(default=None, description="The word count a length band names.")
    review_channels: list[str] = Field(default_factory=list, description="Sales channels a review question reads.")
    review_trend: bool = Field(default=False, description="A review theme asked to be moving (\"is the shipping "
                                                          "complaint getting worse?\"): its recent window first.")
    review_ranked: bool = Field(default=False, description="The products asked ranked by one aspect's complaints "
                                                           "(\"which product has the most delivery complaints?\").")
    gap_negated: bool = Field(default=False, description="An over/underpriced ask negated (\"which products are NOT "
                                                         "priced above the market\"): the products on the other side.")
    min_reviews: int | None = Field(default=None, description="A rating ranking of products counts only those "
                                                              "with at least this many reviews.")
    scale: Scale | None = Field(default=None, description="The scale the question asks figures in ('in thousands'): "
                                "said beside each money or count figure.")
    order_size: OrderSizeAsk | None = Field(default=None, description="Orders by their units ('orders with 3 or "
                                            "more items', 'single-item orders', 'biggest order by units').")
    price_band: PriceBand | None = Field(default=None, description="The catalogue price band products are counted "
                                         "in ('how many products under $20', 'our price ladder').")
    asked_dates: Literal["first", "last", "since"] | None = Field(default=None, description="When a slice first or "
                                                                  "last sold, or how long since ('sale_dates').")
    target: float | None = Field(default=None, description="A target the question states, in the metric's unit ('we "
                                 "aimed for $50k last month'): the answer says how far the figure is from it.")
    target_period: TimeRange | None = Field(default=None, description="A period the question names as the target "
                                            "('to match last month'): its figure is the target.")
    per_customer: bool = Field(default=False, description="The answer divides revenue by customers.")
    per_metric: MetricName | None = Field(default=None, description="The answer divides the first metric by this "
                                          "one ('discount per order', 'orders per customer').")
    annualised: bool = Field(default=False, description="The answer scales the period's value to a year "
                             "('annualised revenue based on the last 90 days': x 365 / 90).")
    ranked: str | None = Field(default=None, description="The one name whose place in the ranking is asked ('where "
                               "does Kitchen rank', 'is eBay our smallest channel'): said first, with its rank.")
    lead: str = Field(default="", description="Words said before the answer (why a period over undated reviews is "
                                              "answered over all of them: ``shared.questions.undated``).")
    top_sellers: int | None = Field(default=None, description="The N best sellers a price ask or a forecast is about.")
    gap_over_pct: float | None = Field(default=None, description="The price gap an over/underpriced ask names "
                                                                 "(\"more than 10% above the market\").")
    gap_over_money: float | None = Field(default=None, description="A price gap in money an over/underpriced ask "
                                                                   "names (\"$5 or more above the cheapest\").")
    gap_reference: Literal["median", "lowest"] | None = Field(
        default=None, description="A gap asked in money, and what it is measured to: the median or the cheapest "
                                  "competitor.")
    landed: bool = Field(default=False, description="Prices compared with the competitors' shipping added "
                                                    "(\"landed prices incl. shipping\").")
    moves_order: Literal["up", "down"] | None = Field(
        default=None, description="Competitors' price moves ranked: \"up\" (who raised prices the most) or \"down\"; "
                                  "for markups, \"up\" ranks the highest first (\"the fattest markups\").")
    price_effect: bool = Field(default=False, description="What our last price change on a product did to its sales "
                                                          "(\"did our last price change on X affect sales?\").")
    agents_first: bool = Field(default=False, description="A mixed question that asks the agents' part first.")
    sides: list[tuple[str, list[str]]] = Field(
        default_factory=list, description="Sides of a two-way comparison of the breakdown's values, each one phrase "
                                          "(\"online vs pos\": online's channels, then pos), said first.")
    parts: list[Reading] = Field(default_factory=list, description="Further metric questions asked with their own "
                                                                  "periods (\"what did we make in October and how "
                                                                  "many units did we sell in November\"), in order.")
    forecast_until: date | None = Field(default=None, description="The last day a forecast must reach: the end of "
                                                                   "an upcoming month named without a year.")
    forecast_from: date | None = Field(default=None, description="The first day of the calendar period a forecast "
                                                                 "is for (\"in January\", \"next month\"): only its "
                                                                 "days are summed.")
    forecast_channels: list[str] = Field(default_factory=list, description="Sales channels a forecast is for "
                                                                           "(\"forecast Amazon sales next month\").")
    forecast_against: TimeRange | None = Field(
        default=None, description="A past period a forecast is set against (\"will we sell more next month than "
                                  "last month\"): its actuals are said and compared.")
    forecast_milestone: float | None = Field(
        default=None, description="An amount of revenue (or of units sold, when the reading's metric is units) the "
                                  "running period is to reach (\"when will we hit $1M this year\", \"sell our "
                                  "10,000th unit\"): the day its actuals, then its forecast, reach it is said first.")
    text: str | None = Field(default=None, description="The question as read, when shorthand or typos were written "
                                                       "out (\"rev last mo\" -> \"revenue last month\").")


Reading.model_rebuild()


def _spans_overlap(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(a[0] < e and s < a[1] for s, e in spans)


def find_metrics(question: str, taken: list[tuple[int, int]] | None = None) -> tuple[list[MetricName], bool]:
    """Metrics the question names, in the order it names them; ``True`` when only weak words matched.

    Phrases are tried most specific first; a phrase inside a longer one already read is skipped.
    """
    spans: list[tuple[int, int]] = []
    # names are masked, not removed: "how much did KIT-0266 sell" still reads as a sales question
    masked = question
    for s, e in taken or []:
        masked = masked[:s] + re.sub(r"\S", "_", masked[s:e]) + masked[e:]
    found: list[tuple[int, MetricName]] = []
    for word in lx.METRIC_WORDS:
        for m in word.pattern.finditer(masked):
            if _spans_overlap(m.span(), spans):
                continue
            spans.append(m.span())
            found.append((m.start(), word.metric))
    if not found and (weak_word := lx.WEAK_REVENUE.search(question)):  # "how did <a name> do": names may overlap
        found.append((weak_word.start(), "revenue"))
    found.sort()
    found = _objects_of_verbs(masked, found)
    if not _COUNTING.search(question):  # "how are the reviews?" asks what they say (the agents), not how many
        found = [(pos, m) for pos, m in found if m != "review_count"]
    strong = [m for pos, m in found if not _weak_at(question, pos, m)]
    metrics = strong or [m for _, m in found]
    return list(dict.fromkeys(metrics)), not strong and bool(found)


#: Verbs the lexicon reads as revenue ("what did we make") that may take another metric as their object.
_REVENUE_VERB = re.compile(r"(?:make|made|makes|making|earn(?:ed|s|t)?|generate[ds]?|bring in|brought in)\b", re.I)
_CLAUSE_BREAK = re.compile(r"\band\b|[,;?]|\b(?:from|on|through|via|per|by)\b", re.I)
_NOT_OBJECT = re.compile(r"\b(?:from|on|through|via|with|per|by|across|selling|sold)\b", re.I)
#: Words asking for the money a loss cost rather than its units ("how much revenue did we lose to cancellations").
_MONEY_LOST = re.compile(r"\b(?:how much|revenue|sales|money|value|amount|worth|lose|lost|losing|cost)\b", re.I)
#: "how much revenue did we lose to refunds": the loss named after the verb is the question.
_LOST_TO = re.compile(r"\b(?:lose|lost|losing|give away|gave away|giving away|give back|gave back|leak\w*)\b"
                      r"[^.?!]{0,30}?\b(?:to|in|on|through|via)\b", re.I)
_LOSSES: frozenset[str] = frozenset({"refunds", "discounts", "returned_units"})


def _objects_of_verbs(question: str, found: list[tuple[int, MetricName]]) -> list[tuple[int, MetricName]]:
    """Drop "revenue" read from a verb whose object is another metric ("which products make the least margin").

    Also drop revenue when the question asks what was lost to refunds, discounts or returns.
    """
    if _LOST_TO.search(question) and any(m in _LOSSES for _, m in found):
        return [(pos, m) for pos, m in found if m != "revenue"]
    out = []
    for i, (pos, metric) in enumerate(found):
        verb = _REVENUE_VERB.match(question, pos) if metric == "revenue" else None
        if verb is not None:
            nxt = next(((p, m) for p, m in found[i + 1:] if m != "revenue"), None)
            if nxt is not None and nxt[0] - verb.end() <= 25 and not _NOT_OBJECT.search(question[verb.end():nxt[0]]):
                continue
            # "how much margin did Trailhead make": the metric named before the verb is what was made
            before = next(((p, m) for p, m in reversed(found[:i]) if m != "revenue"), None)
            if before is not None and pos - before[0] <= 45 and not _CLAUSE_BREAK.search(question[before[0]:pos]):
                continue
        out.append((pos, metric))
    return out


#: Nouns naming revenue outright: "how is revenue trending" is a revenue question though "how is ... trending"
#: alone ("how are we trending") is only a weak cue.
_REVENUE_NOUN = re.compile(r"\b(?:revenue|sales|turnover|takings|income)\b", re.I)


def _weak_at(question: str, pos: int, metric: str) -> bool:
    if metric != "revenue" or (weak := lx.WEAK_REVENUE.match(question, pos)) is None:
        return False
    return not _REVENUE_NOUN.search(question, pos, weak.end())


#: Stock metrics that divide by (or add) units sold: read over a run of sales, the last 30 days when none is named.
_SALES_OVER_STOCK = frozenset({"days_of_cover", "sell_through_rate", "stock_turn"})


def metric_kinds(metrics: list[MetricName]) -> tuple[DataKind, ...]:
    """The kinds of data the metrics read (their as-of date is the latest of these)."""
    kinds = [lx.METRIC_KINDS[m] for m in metrics]
    if _SALES_OVER_STOCK & set(metrics):
        kinds.append(DataKind.SALES)
    return tuple(dict.fromkeys(kinds)) or (DataKind.SALES,)


#: "how much did the blue ceramic vase make", "what did our Acme range sell": a named thing the question is about.
_NAMED_THING = re.compile(
    r"\b(?:did|does|do|has|have|is|are|was|were|for|of|about|on|from)\s+(?:the|our|my)\s+"
    r"(?P<name>[a-z0-9][\w'&-]*(?:\s+[a-z0-9][\w'&-]*){0,5}?)"
    r"\s+(?:make|made|earn|earned|sell|sold|selling|bring|brought|generate|generated|gross|grossed|take|took|do|did|"
    r"doing|performing|perform)\b",
    re.I)
#: "how much did fuel bring in", "what did gift cards make": a bare name (no article) as what earned the money.
_BARE_THING = re.compile(
    r"\b(?:did|does|has|have)\s+(?!(?:we|i|you|they|it|he|she|us|this|that|these|those|each|every|any|all|both|"
    r"either|everything|anything|something|everyone|people|customers|shoppers|buyers|sales|revenue|not|never|ever|"
    r"still|also|really|actually|just|only|even|so|too|products?|items?|skus?|things?|stuff|categor(?:y|ies)|"
    r"brands?|channels?|the|our|my|a|an|your|their|his|her|its)\b)"
    r"(?P<name>[a-z][\w'&-]*(?:\s+[a-z][\w'&-]*){0,2}?)"
    r"\s+(?:make|earn|sell|bring|generate|gross|take|do|perform)\b",
    re.I)
#: "why are ratings for the ceramic vase falling", "reviews of our oak tray": a named thing an agent is asked about.
_NAMED_SUBJECT = re.compile(
    r"\b(?:ratings?|reviews?|stars?|sentiment|complaints?|feedback|prices?|pricing|stock|inventory|demand|say|"
    r"saying|said|think|thinking|feel|complain\w*)"
    # "rating trend for the ceramic vase", "review summary of our oak tray": the figure's noun, then the name
    r"(?:\s+(?:trends?|history|breakdown|summary|distribution|counts?|scores?|levels?|position))?"
    r"\s+(?:for|of|on|about)\s+(?:the|our|my)\s+"
    r"(?P<name>[a-z0-9][\w'&-]*(?:\s+[a-z0-9][\w'&-]*){0,4}?)"
    r"\s*(?=$|[?.!,;]|\s(?:falling|fall|dropping|drop|declining|decline|going|gone|been|is|are|was|were|in|over|"
    r"during|this|last|next|since|compared|vs|versus|and|lately|recently|so|getting|changing|changed|look|looking|"
    r"doing|trending|by|up|down|if|what|how|\d+(?:\.\d+)?)\b)",
    re.I)
#: "what is the sale of the walnut desk organiser this year", "units of our oak tray last month": a named thing whose
#: sales are asked, the name ending where a period, a comparison or the question does.
_METRIC_OF_THING = re.compile(
    r"\b(?:sales?|revenue|units(?:\s+sold)?|orders|takings|turnover|figures|numbers)\s+(?:of|for|from)\s+"
    r"(?:the|our|my)\s+(?P<name>[a-z0-9][\w'&-]*(?:\s+[a-z0-9][\w'&-]*){0,4}?)"
    r"\s*(?=$|[?.!,;]|\s(?:in|over|during|this|last|since|compared|vs|versus|and|so|by|ytd|mtd|qtd|yesterday|today|"
    r"to\s+date|year|month|week|quarter|please|pls)\b)",
    re.I)
#: "how many golden toasters did we sell", "how many blue vases have we shipped": the thing counted is a name.
_COUNTED_THING = re.compile(
    r"\bhow\s+many\s+(?!(?:more|fewer|less|of|times|days|weeks|months|people|customers|buyers|shoppers|orders|"
    r"reviews)\b)(?P<name>[a-z][\w'&-]*(?:\s+[a-z][\w'&-]*){0,3}?)\s+(?:did|have|has|do|does)\s+(?:we|you|i|they)\s+"
    r"(?:sell|sold|ship|shipped|move|moved|shift|shifted)\b",
    re.I)
#: Words after what sold that start the question's period, place or clock, not the name ("the most croissants on
#: Saturdays", "... in the morning").
_AFTER_NAME = (r"in|on|at|during|before|after|between|from|since|until|till|last|this|per|by|over|across|each|every|"
               r"for|with|than|and|or|to|yesterday|today|so|far")
#: A question by the hour of the day.
_BY_HOUR = re.compile(HOUR_WORDS, re.I)
#: "which hour sells the most croissants", "what time of day do we sell the fewest muffins": what sold, in a question by
#: the hour (``unknown_name`` reads it only there: a ranking of hours names its product this way).
_MOST_SOLD_THING = re.compile(
    rf"\b(?:sells?|sold|selling)\s+(?:the\s+)?(?:most|fewest|least|more|fewer)\s+"
    rf"(?P<name>(?!(?:{_AFTER_NAME})\b)[a-z][\w'&-]*(?:\s+(?!(?:{_AFTER_NAME})\b)[a-z][\w'&-]*){{0,3}}?)"
    rf"\s*(?=[?.!,;]|$|\s+(?:{_AFTER_NAME})\b)",
    re.I)
#: "which category grew the most", "fastest-growing products": a ranking by change against the period before.
_GROWTH_RANK = re.compile(
    r"\b(?:which|that)\s+(?:\w+\s+){0,2}(?:grew|grown|increased|rose|risen|improved|gained|expanded)\b"
    r"(?!\s+(?:the\s+)?(?:least|slowest))|"
    r"\b(?:grew|grown|growing|increased|rose|risen|improved|gained)\s+(?:the\s+)?(?:most|fastest)\b|"
    r"\b(?:fastest|most)[- ](?:growing|improved|improving)\b|\b(?:trending|going|moving|ticking)\s+up\b|"
    r"\b(?:biggest|largest|strongest)\s+(?:[\w-]+\s+)?(?:growth|increases?|gains?|jumps?|rises?|improvements?)\b|"
    r"\b(?:picking|picked)\s+up\b|\b(?:gaining|gained)\s+(?:momentum|traction|ground|steam)\b|\btaking\s+off\b|"
    r"\bon\s+the\s+(?:rise|up)\b|\bheating\s+up\b|\bup\s+(?:the\s+)?most\b|\b(?:growing|rising|climbing)\b(?!\s+(?:the\s+)?(?:least|slowest))",
    re.I)
#: "what's trending?", "what's hot right now", "trending products": the products growing the most, recently.
_TRENDING_ITEMS = re.compile(
    r"^\s*(?:so\s+)?(?:what|which)\b[^?.!]{0,30}?(?:\b(?:is|are)\s+|'s\s+)(?:trending|hot|taking\s+off|popping|"
    r"blowing\s+up)\b|"
    r"\b(?:trending|hot|hottest)\s+(?:products?|items?|sellers?|lines?|skus?|right\s+now)\b", re.I)
#: "which products declined the most", "biggest drop": the same ranking, from the bottom.
_DECLINE_RANK = re.compile(
    r"\b(?:which|that)\s+(?:\w+\s+){0,2}(?:shrank|shrunk|declined|dropped|fell|decreased|slipped|slowed)\b"
    r"(?!\s+(?:the\s+)?(?:least|slowest))|"
    r"\b(?:declined|dropped|fell|fallen|shrank|shrunk|decreased|slipped|slowed)\s+(?:the\s+)?(?:most|fastest)\b|"
    r"\b(?:fastest|most)[- ](?:declining|shrinking|falling|dropping)\b|\b(?:trending|going|moving)\s+down\b|"
    r"\b(?:biggest|largest|steepest|sharpest)\s+(?:[\w-]+\s+)?(?:declines?|drops?|falls?|decreases?|loss|slumps?)\b|"
    r"\bslow(?:ing|ed|s)?\s+down\b|\bdown\s+(?:the\s+)?most\b|\blos(?:ing|t|es)\s+(?:momentum|steam|ground|traction)\b|"
    r"\b(?:tailing|tailed|falling|fell|dropping|dropped|trailing|cooling|cooled)\s+off\b|\bin\s+decline\b|"
    r"\b(?:declining|shrinking|falling|slipping|sliding|slumping|flagging|cooling)\b(?!\s+(?:the\s+)?(?:least|slowest))",
    re.I)
#: Metric words that make a "name" the question's metric ("the average price we sold at").
_METRIC_IN_NAME = re.compile(r"\b(?:average|avg|price|prices|revenue|sales|units|orders|margin|profit|stock|"
                             r"quantit(?:y|ies)|qty|volume|"
                             r"inventory|turnover|takings)\b", re.I)
#: Words inside a name that say nothing about which thing it is.
_FILLER_WORDS = frozenset("and the our my their with for from new one ones have has had did does were was are is "
                          "been we they you will would shall can could should recently lately nowadays now "
                          "today "
                          # "the ratings of the camping chair compare with KIT-0046": the comparison, not the name
                          "compare compared compares comparing versus against".split())
#: Words that name the whole business or a kind of thing, not one of the tenant's names.
_GENERIC_WORDS = frozenset(
    "store shop shops business company site website web online team catalogue catalog range ranges line lines "
    "products product items item skus sku everything stuff sales revenue brand brands category categories "
    "channel channels competitors competitor whole entire overall total all top best bestselling best-selling "
    "worst most least new old main biggest largest other others day days week weeks weekend weekends month months "
    "quarter quarters year years data first second third fourth final previous next whole full entire "
    "units unit pieces piece things thing "
    "reviews review ratings rating stars star feedback".split())


def unknown_name(question: str, taken: list[tuple[int, int]],
                 knows_word: Callable[[str], bool] | None = None, goods: Sequence[str] = ()) -> str | None:
    """A product-like name the question is about that matched nothing in the tenant's data, else ``None``.

    Answering such a question for the whole store would answer another question: it is said instead. A name
    only partly matched ("the bamboo owl lamp" where only "lamp" is in the catalogue) counts as unknown when a
    distinctive word of it appears nowhere in the tenant's titles and names (``knows_word``): answering for
    every lamp would answer another question too.
    """
    for m in [*_NAMED_THING.finditer(question), *_NAMED_SUBJECT.finditer(question), *_BARE_THING.finditer(question),
              *_METRIC_OF_THING.finditer(question), *POSSESSIVE_SUBJECT.finditer(question),
              *_COUNTED_THING.finditer(question),
              *(_MOST_SOLD_THING.finditer(question) if _BY_HOUR.search(question) else ())]:
        span = m.span("name")
        words = m.group("name").lower().split()
        if m.re in (_BARE_THING, _COUNTED_THING, _MOST_SOLD_THING) and any(
                mw.pattern.search(m.group("name")) for mw in lx.METRIC_WORDS):
            continue  # "how much did returns cost", "how many baskets did we sell": a metric, not a name
        if m.re is _MOST_SOLD_THING and _goods_noun(m.group("name"), goods):
            continue  # a coffee shop's "when do we sell the most coffee": every product is a coffee
        if all(w in _GENERIC_WORDS or w.isdigit() or w in lx.NUMBER_WORDS for w in words):
            continue  # "the 10 worst selling products": a ranking, not a name
        if _spans_overlap(span, taken):
            if knows_word is None or not _unmatched_distinctive(question, span, taken, knows_word):
                continue
        if any(rx.search(m.group("name")) for _, rx in lx.DIMENSION_WORDS) or _METRIC_IN_NAME.search(m.group("name")):
            continue  # "what was the average price we sold at": a metric, not a product called that
        name = m.group("name").split()
        while len(name) > 1 and name[-1].lower() in _FILLER_WORDS:
            name.pop()  # "the zebra lamp will we (sell)": the name is "zebra lamp"
        return " ".join(name)
    return None


def _goods_noun(name: str, goods: Sequence[str]) -> bool:
    """Whether ``name`` is the kind of goods the tenant sells (``coffee``, ``coffees``, ``pizzas``)."""
    word = name.strip().lower()
    return any(word in (g.lower(), f"{g.lower()}s", f"{g.lower()}es") or g.lower() in singulars(word) for g in goods)


def _partly_known_name(question: str, review: ReviewQuestion, names: list[tuple[int, int]],
                       times: list[tuple[int, int]], index: VocabularyIndex) -> str | None:
    """The name whose reviews are asked when only part of it is one of the tenant's names, else ``None``.

    "The lamp shade's reviews", "revs for the frying pan lid": "lamp" and "frying pan" match products, but the word
    the name ends on ("shade", "lid") is in none of the tenant's titles, so the name is another thing.
    """
    if review.aspect is not None or review.length is not None or (named := reviewed_name(question)) is None:
        return None
    span = named[1]
    if not _spans_overlap(span, names) or not _unmatched_distinctive(question, span, names + times, index.knows_word):
        return None  # "any bad feedback on the Linen Table Runner recently?": "recently" is a time, not the name
    for code in re.finditer(r"\S+", question[span[0]:span[1]]):
        at = (span[0] + code.start(), span[0] + code.end())
        if _SKU_CODE.fullmatch(code.group(0).rstrip("'\u2019s?.,!")) and _spans_overlap(at, names):
            # "is the spam filter changing KIT-0046's rating", "what do the 1-star reviews of KIT-0046 say": a
            # matched code is the whole name, the words before or after it ("say") are not part of it
            return None
    return named[0]


#: A product code as catalogues write them ("KIT-0046", "SKU123"): an exact name, no word before it is part of it.
_SKU_CODE = re.compile(r"[A-Za-z]{2,}-?\d{2,}[\w-]*")


def _name_of_no_product(question: str, review: ReviewQuestion, matches: list[EntityMatch]) -> str | None:
    """The name whose reviews are asked when its words name different products and none is all of them.

    ``None`` otherwise. "What do buyers say about the camping tent?": "camping" names the camping chair and "tent"
    the tent stakes, each word is the tenant's, but no product is a camping tent; the two words sit side by side, so
    they are one name (not "the kettle and the toaster", two products asked together).
    """
    if review.aspect is not None or review.length is not None or (named := reviewed_name(question)) is None:
        return None
    start, end = named[1]
    inside = sorted((m for m in matches if m.kind in ("product", "sku") and start <= m.span[0] and m.span[1] <= end),
                    key=lambda m: m.span)
    for a, b in zip(inside, inside[1:], strict=False):
        if not question[a.span[1]:b.span[0]].strip(" -") and not set(a.values) & set(b.values):
            return named[0]
    return None


def _unmatched_distinctive(question: str, span: tuple[int, int], taken: list[tuple[int, int]],
                           knows_word: Callable[[str], bool]) -> bool:
    """Whether a word of ``span`` outside every matched span is distinctive and unknown to the tenant."""
    for w in re.finditer(r"[a-z][\w'&-]*", question[span[0]:span[1]], re.I):
        at = (span[0] + w.start(), span[0] + w.end())
        word = re.sub(r"['\u2019]s$", "", w.group(0).lower())  # "the desk lamp's reviews": the lamp
        if _spans_overlap(at, taken) or len(word) < 3 or word in _GENERIC_WORDS or word in _FILLER_WORDS:
            continue
        if not knows_word(word):
            return True
    return False


def _market_reading(reading: Reading, market: MarketAsk, verbs: list[EntityMatch]) -> Reading:
    """The agents' ask about competitors or stock, or a competitor name the data lacks (said, not widened).

    ``verbs`` are product matches that are verbs here ("where do we stand"): their SKUs are not the question's.
    """
    dropped = {v for m in verbs for v in m.values}
    reading.skus = [s for s in reading.skus if s not in dropped]
    if market.unknown_competitor is not None:
        reading.kind, reading.concept, reading.unknown_name = "unanswerable", "competitor", market.unknown_competitor
        known = market.known_competitors
        reading.suggestions = known
        reading.needed = ((f'"{market.unknown_competitor}" is one of your sales channels, not a competitor. '
                           if market.is_channel else "")
                          + (f"Your competitor prices cover {_and(known)}." if known
                             else "No competitor prices have been uploaded yet."))
        return reading
    reading.kind, reading.agent_intents = "agent", [market.agent_intent]
    reading.asks = [market.ask, *market.extra] if market.ask else []
    reading.top_sellers = market.top_sellers
    reading.gap_over_pct = market.gap_pct
    reading.gap_negated = market.negated
    reading.gap_over_money = market.gap_money
    reading.gap_reference = "lowest" if market.gap_reference == "lowest" else \
        "median" if market.gap_reference == "median" else None
    reading.landed = market.landed
    reading.moves_order = "up" if market.moves_order == "up" else "down" if market.moves_order == "down" else None
    reading.price_effect = market.price_effect
    if market.competitors:
        reading.competitors = market.competitors
    return reading


def _sales_and_market(question: str, tenant_id: str, index: VocabularyIndex | None,
                      extents: Mapping[DataKind, tuple[date, date]], as_of: date | None,
                      today: date | None) -> Reading | None:
    """A question asking a sales figure and a competitor/stock ask in separate clauses: both parts, in order.

    The metric comes from the sales clause (with its own period), the agents' ask from the other clause (with
    its own period, if any): "what did we make last month" does not make "are we cheaper than MegaMart" a
    question about last month's prices.
    """
    spans = clause_spans(question)
    if len(spans) < 2 or today is None:
        return None
    market_at: tuple[int, MarketAsk, TimeReading] | None = None
    sales: list[str] = []
    for i, (start, end) in enumerate(spans):
        clause = question[start:end]
        clause_matches = index.find(clause) if index is not None else []
        clause_time = resolve_time(clause, today)
        market = read_market(clause, clause_matches, index, clause_time.spans)
        if market is not None and market.ask and market_at is None:
            market_at = (i, market, clause_time)
            continue
        metrics, weak = find_metrics(clause, [m.span for m in clause_matches])
        if market is None and metrics and not weak and any(m in _SALES_FAMILY for m in metrics):
            sales.append(clause)
    if market_at is None or not sales:
        return None
    reading = read_question(" and ".join(sales), tenant_id=tenant_id, index=index, extents=extents, as_of=as_of)
    if reading.kind != "metric":
        return None
    at, market, market_time = market_at
    reading.question = question
    reading.agent_intents = [market.agent_intent]
    reading.asks = [market.ask, *market.extra] if market.ask else []
    reading.competitors = market.competitors or reading.competitors
    reading.top_sellers = market.top_sellers
    reading.agent_period = market_time.range if market_time.range is not None and not market_time.future else None
    reading.agents_first = at == 0
    return reading


def _own_periods(question: str, tenant_id: str, index: VocabularyIndex | None,
                 extents: Mapping[DataKind, tuple[date, date]], as_of: date | None,
                 today: date | None) -> Reading | None:
    """Metric questions asked one after the other, each with its own past period: one reading each, in order.

    Read as one, "what did we make in October and how many units did we sell in November" spanned October to
    November for both metrics. Only when every clause names a metric and a period, and the periods differ.
    """
    spans = clause_spans(question)
    if len(spans) < 2:
        spans = metric_clause_spans(question)  # "orders this week plus revenue this month"
    if len(spans) < 2 or today is None:
        return None
    readings: list[Reading] = []
    same_slice = False
    for start, end in spans:
        clause = question[start:end]
        clause_time = resolve_time(clause, today)
        names = index.find(clause) if index is not None else []
        metrics, weak = find_metrics(clause, [m.span for m in names])
        if readings and (not metrics or weak) and readings[-1].query is not None:
            # "... and what were they the week before last?": the metric carries over to a clause naming none;
            # "... and how much was that worth?" after a count: its money
            carried = readings[-1].query.metrics[0]
            if _WORTH.search(clause) and lx.METRIC_KINDS.get(carried) == DataKind.SALES \
                    and carried in ("orders", "units", "customers"):
                carried = "revenue"
            clause = f"{lx.METRIC_NOUNS[carried]}: {clause}"
            metrics, weak = find_metrics(clause)[0], False
        if readings and clause_time.range is None and metrics and not weak and not names \
                and _SAME_AGAIN.search(clause) and (prev := readings[-1].query) is not None:
            # "how much did kitchen make last month and how many units was that": the same slice, another metric
            part = _read_text(clause, tenant_id=tenant_id, index=index, extents=extents, as_of=as_of)
            if part.kind != "metric" or part.query is None or part.query.dimensions:
                return None
            part.query = part.query.model_copy(update={"time_range": prev.time_range, "filters": prev.filters})
            part.period_stated, same_slice = True, True
            readings.append(part)
            continue
        if readings and clause_time.range is None and not clause_time.future and not names \
                and (prev := readings[-1].query) is not None and lx.TOP.search(clause):
            # "orders last week, and what was the best seller?": the ranking over the same period and slice
            part = _read_text(clause, tenant_id=tenant_id, index=index, extents=extents, as_of=as_of)
            if part.kind != "metric" or part.query is None or not part.query.dimensions or part.shape != "ranking":
                return None
            part.query = part.query.model_copy(update={"time_range": prev.time_range, "filters": prev.filters})
            part.period_stated, same_slice = True, True
            readings.append(part)
            continue
        if clause_time.range is None or clause_time.future or not metrics or weak:
            return None
        part = _read_text(clause, tenant_id=tenant_id, index=index, extents=extents, as_of=as_of)
        if part.kind != "metric" or part.agent_intents or part.query is None or part.query.time_range is None:
            return None
        readings.append(part)
    periods = {(r.query.time_range.start, r.query.time_range.end) for r in readings if r.query and r.query.time_range}
    if len(periods) < 2 and not same_slice:
        return None
    first = readings[0]
    first.question, first.parts = question, readings[1:]
    return first


#: Two named products set against each other: "A vs B", "which sold more, A or B", "compare A and B".
_NAMED_VERSUS = re.compile(r"\b(?:vs\.?|versus|or|compare[ds]?|comparing|comparison|against|than)\b", re.I)
#: "Saturday vs Sunday", "Mondays or Fridays": days of the week set against each other.
_DAY_VERSUS = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)days?\s+(?:vs\.?|versus|or|against|compared\s+"
                         r"(?:to|with))\s+(?:mon|tues|wednes|thurs|fri|satur|sun)days?\b", re.I)
#: "how much was that worth", "what was that in money": the money of what the clause before counted.
_WORTH = re.compile(r"\b(?:worth|how much money|in money|in dollars|value)\b|\bhow much (?:was|were|did|is) "
                    r"(?:that|those|it|they)\b", re.I)
#: A clause that asks again about what the one before it named: "how many units was that", "and the orders for it".
_SAME_AGAIN = re.compile(r"\b(?:that|those|it|them|this|these|same)\b", re.I)
#: A conjunction before a metric word ("orders this week plus revenue this month"): another metric question.
_METRIC_CLAUSE_BREAK = re.compile(
    r"\s*,?\s*\b(?:and|plus|also|as well as|then|with)\s+(?:also\s+)?(?=(?:the\s+|our\s+|total\s+|how\s+much\s+)?"
    r"(?:revenue|sales|orders|units|aov|average order value|refunds|returns|customers|margin|profit|discounts|"
    r"turnover|takings)\b)", re.I)


def metric_clause_spans(question: str) -> list[tuple[int, int]]:
    """The spans of metric questions joined before a metric word ("units this week and revenue this month")."""
    return spans_between(question, _METRIC_CLAUSE_BREAK)


def _and(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _unanswerable(question: str, index: VocabularyIndex | None = None) -> tuple[str, str] | None:
    if target_without_figure(question) and not (index is not None and index.knows_word("target")):
        # "did we hit our sales target?": the uploads hold what was sold, not what was planned
        return "a sales target or budget", ("the target's figure (say it in the question, as in \"we aimed for $50k "
                                            "last month, did we hit it?\", and the figure is set against it)")
    for rx, concept, needed in lx.UNANSWERABLE:
        m = rx.search(question)
        if m and concept == "advertising and marketing spend" and MAP_WORD.search(question):
            continue  # "advertising below MAP": the minimum advertised price, the pricing agent's
        if m and not (concept == "sales by region" and _places_known(question, index)) \
                and not (concept == "competitors' sales" and _names_a_channel(m.group(0), index)) \
                and not _kept_dimension(concept, m.group(0), index):
            return concept, needed
    if index is not None and not index.vocabulary.brands and _BY_BRAND.search(question):
        # "which brand sold the most" where no product has a brand: one "(none)" brand is not an answer
        return "sales by brand", "a brand (or manufacturer, vendor) column in your sales data"
    if (place := named_place(question)) is not None and index is not None and not (
            index.vocabulary.countries or index.vocabulary.regions or index.vocabulary.states) \
            and not all(index.knows_word(w) for w in place[0].lower().split()):
        # "sales in Texas" where the sales carry no place: not the whole store's sales
        return f"sales in {place[0][:1].upper()}{place[0][1:]}", "a region, country or shipping-address column in " \
            "your sales data"
    if (code := asked_code(question)) is not None and index is not None \
            and read_code(code[0], index.vocabulary.countries, index.vocabulary.states) is None:
        # "and in DE?" where no country or state column holds Germany or Delaware: not the whole store's sales
        return f"sales in {code[0]} ({' or '.join(code_names(code[0]))})", "a country or state column in your " \
            "sales data that holds it"
    return None


#: The refusals a sales column answers where the tenant's sales carry it, and the vocabulary list that says so: "which
#: payment method" once lines keep how they were paid, "which dealer" or "which salesperson" once they keep who sold.
_KEPT_DIMENSIONS: dict[str, str] = {"payment methods and fees": "payment_methods", "sales by seller": "sellers",
                                    "sales by salesperson": "sellers"}
#: A payment question about fees: the payment records' (a processor's fees), not the lines' payment method
_FEES = re.compile(r"\bfees?\b", re.I)


def _kept_dimension(concept: str, said: str, index: VocabularyIndex | None) -> bool:
    """Whether the refused concept is a dimension the tenant's sales lines carry (``_KEPT_DIMENSIONS``)."""
    if concept == "sales by time of day":  # "what is our busiest hour?" where sales lines keep their time of day
        return index is not None and "time_of_day" in (index.vocabulary.sales_columns or [])
    held = _KEPT_DIMENSIONS.get(concept)
    return held is not None and index is not None and bool(getattr(index.vocabulary, held)) \
        and not _FEES.search(said)


#: A question ranking or splitting by brand ("which brand", "by brand", "top brands").
_BY_BRAND = re.compile(r"\b(?:which|what|by|per|each|every|top|best|worst|across) (?:\w+ )?brands?\b", re.I)


def _names_a_channel(text: str, index: VocabularyIndex | None) -> bool:
    """Whether ``text`` names one of the tenant's sales channels ("how much did Amazon make": its sales, on it)."""
    return index is not None and any(m.kind == "channel" for m in index.find(text))


def _places_known(question: str, index: VocabularyIndex | None) -> bool:
    """Whether every place word of the question ("which country", "by state") is a column the sales carry."""
    if index is None:
        return False
    regions = index.vocabulary.regions
    # a city word: the regions where a file's City was stored as the line's region (the file's column said so;
    # else most regions are well-known cities: ``are_cities``)
    have = {"country": index.vocabulary.countries, "region": regions, "state": index.vocabulary.states,
            "city": regions if index.vocabulary.city_regions or are_cities(regions) else []}
    named = [dim for dim, rx in lx.PLACE_WORDS if rx.search(question)]
    return bool(named) and all(have.get(dim) for dim in named)


def _sales_location(index: VocabularyIndex | None, question: str) -> DimensionName:
    """Where the tenant's sales keep the place a line was sold at (:mod:`shared.questions.sales_location`)."""
    if index is None:
        return "location"
    v = index.vocabulary
    site_asked = (word := place_word(question, "channel")) is not None and word[0] == "location"
    return sales_location(v.channels, v.regions, v.states, v.countries, site_asked=site_asked)


#: Words that ask about what is still to come.
_FUTURE_ASK = re.compile(r"\b(?:will|going to|expect\w*|forecast\w*|predict\w*|project\w*|outlook|on track|"
                         # "how much stock do we need for Black Friday", "what if we run a promo in week 50": ahead
                         r"(?:do|would|should)\s+(?:we|i)\s+(?:need|have)|need\s+for|what\s+if|"
                         # "how many units should we stock (order, buy) for Cyber Monday week": stock for what is ahead
                         r"(?:should|must|do)\s+(?:we|i)\s+(?:stock|order|buy|reorder)|"
                         r"if\s+(?:we|i)\s+(?:run|put|cut|drop|raise|knock|take|charge|discount|mark|offer|give)|"
                         r"(?:would|could)\s+(?:we|i)\s+(?:sell|make|get|see)|"
                         r"likely to|should (?:we|i) (?:see|get|make|sell))\b", re.I)
_NOT_UPCOMING = re.compile(r"\b(?:19|20)\d{2}\b|\b(?:last|this|previous|past|prior|so far|to date|since|ago|"
                           r"yesterday|today)\b", re.I)


#: Stock asked for a named week: "how many units do we need for", "how much stock", "what should we order/buy".
_STOCK_NEED = re.compile(r"\b(?:need|needs|needed|stock|order|buy|reorder)\b", re.I)
#: Days ahead within which the stock a named day needs is every day's demand up to it (beyond: the day's own).
_STOCK_UP_DAYS = 31
_ON_THE_DAY = re.compile(r"\b(?:on|during)\s+(?:the\s+)?$", re.I)


#: "before Christmas" said right before a day: a forecast to the day before it.
_BEFORE_DAY = re.compile(r"\b(?:before|ahead\s+of)\s+(?:the\s+)?$", re.I)


def _upcoming(question: str, time: TimeReading, today: date, *, what_if: bool = False) -> ForecastPeriod | None:
    """A yearless month or quarter asked about in the future tense, when its latest one is over: the next one.

    Returns that period (its days alone are forecast: "in January" on 5 Dec is 1-31 Jan) and the words that say so
    ("January 2027 is still to come: ...").
    """
    rng = time.range
    # "how many units do we need for Cyber Monday week" in that week (or on its last day): the stock is for the next
    # one, its days a year on; a named week's sales still running are otherwise this week's
    begun = rng is not None and rng.start <= today <= rng.end and 0 < (rng.end - rng.start).days < 27 \
        and _STOCK_NEED.search(question) is not None
    # a price what-if is always about what is still to come ("what would a 10% discount do in the week of ...")
    if rng is None or time.future or time.compare or not (what_if or _FUTURE_ASK.search(question)) \
            or _NOT_UPCOMING.search(question) or (rng.end >= today and not begun):
        return None
    if rng.start == rng.end:  # "how much stock will we need for Christmas": the next one (read a year on)
        if any(_ON_THE_DAY.search(question[:start]) for start, _ in time.spans):
            return None  # "on Christmas Eve": that day alone, which a forecast from tomorrow does not give
        ahead = resolve_time(question, today + timedelta(days=366)).range
        if ahead is None or ahead.start != ahead.end or not today < ahead.end <= today + timedelta(days=366):
            return None
        name = ahead.label.split(" (")[0]
        if ahead.end > today + timedelta(days=_STOCK_UP_DAYS):
            # "how much stock do we need for Black Friday" in December: the stock to build for that day is its own
            # demand (the forecast of its days alone), not a year of sales from tomorrow; said before the units
            return ForecastPeriod(ahead.start, ahead.end, f"{name[:1].upper()}{name[1:]} ({fmt_day(ahead.end)}) is "
                                                          f"still to come; for that day alone, from your data up to "
                                                          f"{fmt_day(today)}: ")
        # a day within a month is forecast from tomorrow to it ("how much stock will we need for Christmas" on 5 Dec:
        # the stock must last until then); "before Christmas" to the day before it
        if any(_BEFORE_DAY.search(question[:start]) for start, _ in time.spans):
            return forecast_period(f"the time before {name}", today, ahead.end - timedelta(days=1), today)
        return forecast_period(name, today, ahead.end, today)
    if rng.start.day != 1 or (rng.end - rng.start).days < 27:
        # "the sales forecast for Christmas week", "the weekend before Easter": the next one, its days alone
        ahead = resolve_time(question, today + timedelta(days=366)).range
        # a week begun is read to date (30 Nov - 4 Dec): its next one is whole
        if ahead is None or ((ahead.end - ahead.start) != (rng.end - rng.start) and not begun) or \
                not today < ahead.start <= ahead.end <= today + timedelta(days=366):
            return None
        return forecast_period(ahead.label.split(" (")[0], ahead.start, ahead.end, today)
    months = (rng.end.year - rng.start.year) * 12 + rng.end.month - rng.start.month + 1
    if months not in (1, 3) or rng.end != period_containing(rng.end, "month")[1]:
        return None
    start = date(rng.start.year + 1, rng.start.month, 1)
    end = period_containing(date(rng.end.year + 1, rng.end.month, 1), "month")[1]
    if start <= today:
        return None
    name = f"{start:%B %Y}" if months == 1 else f"Q{(start.month - 1) // 3 + 1} {start.year}"
    return forecast_period(name, start, end, today)


def _agent_intents(question: str, time: TimeReading, metrics: list[MetricName]) -> list[str]:
    intents = [name for name, rx in lx.AGENT_CUES.items() if rx.search(question)]
    if "forecast" in intents and time.range is not None and not time.future and "inventory" not in intents:
        intents.remove("forecast")  # "demand last month" is a descriptive question about the past
    if "sentiment" in intents and metrics and any(m in _SALES_FAMILY for m in metrics) \
            and not re.search(r"\b(?:complain\w*|reviews?|ratings?|say\w*|said|think\w*|feel\w*|feedback|themes?)\b",
                              question, re.I):
        intents.remove("sentiment")  # "why did revenue drop" -> the numbers behind it
    side_by_side = bool(re.search(r"\b(?:vs\.?|versus|compared?|by|per|across)\b", question, re.I)) and not re.search(
        r"\b(?:why|complain\w*|complaints?|themes?|say\w*|said)\b", question, re.I)
    ranked = bool(re.search(r"\b(?:most|fewest|least|more|fewer)\s+(?:\w+\s+)?complaints\b", question, re.I))
    if "sentiment" in intents and metrics and all(lx.METRIC_KINDS[m] == DataKind.REVIEWS for m in metrics) \
            and (side_by_side or ranked or (time.explicit_compare and not re.search(r"\bwhy\b", question, re.I))):
        intents.remove("sentiment")  # "sentiment on Amazon vs web", "which brand has the most complaints"
    elif "sentiment" in intents and metrics and all(lx.METRIC_KINDS[m] == DataKind.REVIEWS for m in metrics) \
            and _WHY_WORSE_THAN.search(question):
        intents.remove("sentiment")  # "why are Kitchen reviews worse than Home?": the two ratings it presupposes
    if time.future and not intents and metrics:
        intents.append("forecast")
    return intents


#: New and returning customers set side by side ("new vs returning", "repeat and first-time").
_NEW_AND_RETURNING = re.compile(r"\b(?:new|first[- ]time)\s+(?:customers?\s+|buyers?\s+)?(?:vs\.?|versus|and|or|&|"
                                r"against|compared\s+(?:to|with))\s+(?:returning|repeat|existing)\b|\b(?:returning|"
                                r"repeat|existing)\s+(?:customers?\s+|buyers?\s+)?(?:vs\.?|versus|and|or|&|against|"
                                r"compared\s+(?:to|with))\s+(?:new|first[- ]time)\b", re.I)
#: The money words of a customer group's figure ("revenue from new vs returning customers").
_MONEY_WORD = re.compile(r"\b(?:revenue|sales|spend|spent|money|turnover|takings)\b", re.I)
#: How a share names its slice after the measure: "came from amazon", "were Apparel" (first); "on amazon", "in
#: Kitchen" (next).
_SLICE_FROM = re.compile(r"\b(?:from|were|was|are|is)\s+(?:the\s+)?$", re.I)
_SLICE_ON = re.compile(r"\b(?:on|via|through|at|in|by)\s+(?:the\s+)?$", re.I)


def _slice_of_share(question: str, candidates: Sequence[DimensionName], matches: list[EntityMatch]) -> DimensionName:
    """Which of a share's named filters is its slice (the rest are its whole).

    "What share of Kitchen revenue came from amazon" is amazon's share of Kitchen's revenue, not Kitchen's of
    amazon's. The name said after "from" (else the only one after "on", "in" ...); with no such word, the first
    candidate (a star rating before the others).
    """
    if len(candidates) < 2:
        return candidates[0]
    for said in (_SLICE_FROM, _SLICE_ON):
        found = [d for d in candidates if any(m.kind == d and said.search(question[:m.span[0]]) for m in matches)]
        if len(found) == 1:
            return found[0]
        if found:
            break
    return candidates[0]


#: "what percentage of items were returned": a dimension noun after a share's "of", with a verb after it, is what
#: the share counts (one figure), not a breakdown.
_SHARE_OF_BEFORE = re.compile(r"(?:\bpercent(?:age)?|\bper\s+cent|\bshare|\bproportion|\bfraction|%)\s+of\s+"
                              r"(?:our\s+|the\s+|all\s+|my\s+)?$", re.I)
_COUNTED_VERB = re.compile(r"\s+(?:were|are|was|is|got|get|gets|have|has|had|did|do|does|came|come|went|go|been|"
                           r"being)\b", re.I)


def find_dimensions(question: str, taken: list[tuple[int, int]],
                    names: Sequence[tuple[int, int]] = (),
                    groups: Sequence[tuple[int, int]] = ()) -> list[DimensionName]:
    """Dimensions the question breaks down or ranks by ("by channel", "which category", "top products").

    ``names`` are the spans of the tenant's names found in the question: a dimension word next to one only
    labels it. ``groups`` are those of categories, brands and channels: products after one ("which Kitchen
    products") are the products in it, ranked.
    """
    dims: list[DimensionName] = []
    # "how many outdoor items did we sell": one total of the group, not its products one by one
    ranks = bool(lx.TOP.search(question) or lx.BOTTOM.search(question))
    total_of_group = bool(_A_NUMBER.search(question)) and not (
        ranks or re.search(r"\b(?:which|what|rank\w*|list)\b", question, re.I))
    # "what is the average rating of Northwind products", "how are Kestrel products rated": the group's one average
    # ("which Kitchen products have the best average rating", "what products ...": ranked)
    total_of_group = total_of_group or (bool(_GROUP_AVERAGE.search(question)) and not (
        ranks or re.search(r"\b(?:which|rank\w*|list|each|every|per|by)\b|"
                           r"\bwhat\s+(?:\w+\s+)?(?:products|items|skus)\b", question, re.I)))
    # "star distribution for Kitchen products": the group's reviews by stars, not its products one by one
    total_of_group = total_of_group or bool(_OTHER_BREAKDOWN.search(question))
    # "how do Trailhead products compare on price with the competition": the group against the market, one figure
    total_of_group = total_of_group or (bool(_AGAINST_THE_MARKET.search(question)) and not (
        ranks or re.search(r"\b(?:which|rank\w*|list|each|every|per|by)\b", question, re.I)))
    for dim, rx in lx.DIMENSION_WORDS:
        for m in rx.finditer(question):
            # "which Kitchen products", "which Kitchen product has ...": the group's products, ranked
            in_group = dim == "sku" and any(
                question[e:m.start()].isspace() and (bool(_PLURAL_DIMS["sku"].fullmatch(m.group(0)))
                                                     or _WHICH_BEFORE.search(question[:s]) is not None)
                for s, e in groups) and not total_of_group
            if _spans_overlap(m.span(), taken) or (_labels_a_name(question, m.span(), names) and not in_group):
                continue
            if in_group:
                dims.append(dim)
                taken.append(m.span())
                break
            before = question[max(0, m.start() - 40):m.start()]
            if _ALL_OF.search(before) and _A_NUMBER.search(question):
                continue  # "how many units do we have across all products": one total, not a list
            if _ALL_BUT.search(before) and _EXCLUDED_AFTER.match(question[m.end():]):
                continue  # "revenue for all channels other than web": one total of the rest
            if _SHARE_OF_BEFORE.search(before) and _COUNTED_VERB.match(question[m.end():]):
                continue  # "what percentage of items were returned": the items counted, not a list of them
            if _SUBJECT_ON_AVERAGE.search(before) and _ON_AVERAGE.search(question):
                continue  # "what did our products sell for on average": all of them, one average
            if _THE_BUSINESS.search(before) and _BUSINESS_VERB.match(question[m.end():]) \
                    and m.group(0).lower() in ("shop", "store", "business"):
                continue  # "what did the shop turn over in October": the whole business, not its channels
            if _RANK_CONTEXT.search(before) or _RANK_AFTER.match(question[m.end():]) or dim in ("weekday", "hour"):
                dims.append(dim)
                taken.append(m.span())
                break
    return list(dict.fromkeys(dims))


#: A group set against the other sellers ("... compare on price with the competition", "vs competitors").
_AGAINST_THE_MARKET = re.compile(r"\b(?:with|to|against|vs\.?|versus)\s+(?:the\s+)?(?:competition|competitors?|"
                                 r"market|rivals?)\b", re.I)
#: "which Kitchen product": a group's name right after "which"/"what" asks for one of its products.
_WHICH_BEFORE = re.compile(r"\b(?:which|what)\s+(?:of\s+(?:our|the|my)\s+)?$", re.I)
#: A breakdown by something else than the products ("star distribution for Kitchen products", "by stars").
_OTHER_BREAKDOWN = re.compile(r"\b(?:stars?|ratings?)\s+(?:distribution|breakdown|split|mix)\b|"
                              r"\b(?:distribution|breakdown|split)\s+of\s+(?:the\s+)?(?:stars|ratings)\b|"
                              r"\bby\s+stars?\b", re.I)
#: "what did the shop (turn over)": the business as the verb's subject, one total.
_THE_BUSINESS = re.compile(r"\b(?:the|our|my)\s+$", re.I)
_BUSINESS_VERB = re.compile(r"\s+(?:turn(?:ed)?\s+over|make|made|take|took|taken|sell|sold|do|did|done|bring|brought|"
                            r"earn|earned|generate|generated|gross|grossed|bank|banked|clear|cleared)\b", re.I)
#: "what did our products (sell for on average)": the noun is the verb's subject, all of them together.
_SUBJECT_ON_AVERAGE = re.compile(r"\b(?:what|how much)\s+(?:did|do|does|have|has|were|are)\s+(?:all\s+)?(?:of\s+)?"
                                 r"(?:our|my|the)\s+$", re.I)
_ON_AVERAGE = re.compile(r"\b(?:on average|average|avg|typically|usually)\b", re.I)
#: "which of our brands is the weakest": one of them, though the noun is plural.
_ONE_OF = re.compile(r"\b(?:which|what)\s+(?:one\s+)?of\s+(?:our|the|my|all)\s+\w+\s+(?:is|was|has|had|did|does)\b",
                     re.I)
_ALL_OF = re.compile(r"\b(?:across|over|in)\s+all\s+(?:of\s+)?(?:our\s+|the\s+|my\s+)?$", re.I)
_A_NUMBER = re.compile(r"\bhow (?:many|much)\b|\btotal\b", re.I)
#: An average or a rating of a group's products is one value of the group, not its products one by one.
_GROUP_AVERAGE = re.compile(r"\b(?:average|avg|mean|overall)\b|\bhow (?:are|is|were|was)\b[^.?!]{0,60}\brated\b",
                            re.I)
_ALL_BUT = re.compile(r"\ball\s+(?:(?:of\s+)?(?:the|our|my)\s+)?(?:other\s+)?$", re.I)
_EXCLUDED_AFTER = re.compile(r"\s+(?:other than|except|excluding|but|apart from|besides|outside|not including)\b",
                             re.I)
#: "in a single day": a grain, not the products whose titles hold "single".
_SINGLE_UNIT = re.compile(r"\bsingle\s+(?:day|week|month|quarter|year|orders?|baskets?|purchases?|"
                          r"transactions?)\b", re.I)
#: "how many households shopped": the people counted, never a product ("SPONGES: BATH HOUSEHOLD" is a title word)
_PEOPLE_COUNTED = re.compile(r"\b(?:(?:how many|number of) (?:different |unique |distinct |individual )?"
                             r"(people|persons|households?)|(?:per|each|every|average|avg\.?) (households?))\b", re.I)


def _labels_a_name(question: str, span: tuple[int, int], names: Sequence[tuple[int, int]]) -> bool:
    """Whether a dimension word only labels an adjacent name: "the Kitchen category", "brand Acme".

    "What did our Kitchen category sell?" asks for one category's revenue, not a breakdown by category.
    """
    start, end = span
    return any(question[t_end:start].isspace() or question[end:t_start].isspace() for t_start, t_end in names)


def find_grain(question: str, taken: list[tuple[int, int]]) -> Grain | None:
    """The date grain a trend or a date ranking asks for ("by month", "which week", "daily")."""
    # "our best ever month": "ever" is all the data, and inside the grain phrase
    blocking = [sp for sp in taken if question[sp[0]:sp[1]].lower() != "ever"]
    for grain, rx in lx.GRAIN_WORDS:
        for m in rx.finditer(question):
            if not _spans_overlap(m.span(), blocking):
                taken.append(m.span())
                return grain
    return None


def _auto_grain(rng: TimeRange) -> Grain:
    if rng.days <= 45:
        return "day"
    if rng.days <= 190:
        return "week"
    if rng.days <= 3 * 366:
        return "month"
    return "quarter"


def _limit(question: str) -> int | None:
    if m := lx.N_ITEMS.search(question):
        token = next(g for g in m.groups() if g).lower()
        return lx.NUMBER_WORDS.get(token) or int(token)
    return None


def _resolve_kind(match: EntityMatch, metrics: list[MetricName], others: list[EntityMatch]) -> EntityMatch | None:
    """Keep one reading of a name that is both a channel and a competitor ("Amazon"), by the metric's data."""
    twins = [o for o in others if o.span == match.span and o is not match]
    if not twins:
        return match
    prices = any(lx.METRIC_KINDS[m] == DataKind.COMPETITOR_PRICES for m in metrics)
    preferred = "competitor" if prices else "channel"
    if match.kind == preferred:
        return match
    if any(t.kind == preferred for t in twins):
        return None
    return match if match.kind != "competitor" else None


#: "right now", "currently": the recent run of sales (:data:`timephrase.RECENT_DAYS`), the latest count of stock.
_NOW = re.compile(r"\b(?:right\s+now|at\s+the\s+moment|currently|these\s+days|at\s+present|nowadays)\b", re.I)


def _says_only_now(question: str, time: TimeReading) -> bool:
    """Whether the question's one period is "these days", "right now" and the like (no date, no compared period)."""
    return bool(time.spans) and not time.compare and all(_NOW.fullmatch(question[s:e].strip()) for s, e in time.spans)


#: "right now", "current": a figure of the present moment (not "these days", the recent run of it).
_PRESENT = re.compile(r"\b(?:right\s+now|at\s+the\s+moment|currently|at\s+present|current)\b", re.I)


def _asks_observed_now(question: str, metrics: Sequence[MetricName], time: TimeReading,
                       rng: TimeRange | None) -> bool:
    """Whether a metric read from competitor prices (price index, cheapest share) is asked "now".

    "Right now", "currently", "current", with no other period and nothing compared.
    """
    return (
        bool(metrics) and set(metrics) <= lx.OBSERVED_METRICS and not time.compare
        and _PRESENT.search(question) is not None and (rng is None or _says_only_now(question, time))
    )


def _default_range(metrics: list[MetricName], as_of: date, first: date | None) -> TimeRange:
    """The period when the question names none: all the data for flows, the latest count for stock.

    Stock reads every count up to the as-of date, so each SKU and location is taken at its own latest accepted
    count: a SKU whose count on the last day was refused at ingest keeps its count before (a one-day period
    left it out of "what's in stock right now").
    """
    if metrics and all(lx.METRIC_KINDS[m] == DataKind.INVENTORY for m in metrics) \
            and not _SALES_OVER_STOCK & set(metrics):
        return TimeRange(start=min(first or as_of, as_of), end=as_of,
                         label=f"at the latest stock count (counted up to {fmt_day(as_of)})")
    if _SALES_OVER_STOCK & set(metrics) or any(lx.METRIC_KINDS[m] == DataKind.COMPETITOR_PRICES for m in metrics):
        start = as_of - timedelta(days=29)
        return make_range(start, as_of, "the last 30 days")
    start = first or as_of
    return TimeRange(start=start, end=as_of, label=f"all your data ({fmt_range(start, as_of)})")


_DISTINCT = re.compile(r"\b(?:how many (?:of (?:our|the|my) )?(?:different |distinct |unique |individual |separate |"
                       r"(?!items\b))|"
                       # "number of unique products sold": a count of them ("number of items sold" is units, and
                       # so is "how many items did we sell": items are units unless different ones are asked for)
                       r"(?:the )?(?:number|count|no\.?|#) of (?:different|distinct|unique|individual|separate) )"
                       r"(products|skus|items|"
                       r"articles|categories|category|brands|channels|competitors|countries|regions|states)\b"
                       r"(?! (?:in stock|on hand|left))"
                       r"(?=.*\b(?:sell|sold|sells|selling|had sales|have sales|with sales|bought|ordered|ship|"
                       r"shipped|deliver|delivered))", re.I)
_DISTINCT_DIMS: dict[str, DimensionName] = {"product": "sku", "sku": "sku", "item": "sku", "article": "sku",
                                            "categorie": "category", "category": "category", "brand": "brand",
                                            "channel": "channel", "competitor": "competitor", "countrie": "country",
                                            "region": "region", "state": "state"}
#: Optional sales columns each metric needs, and how an answer names the missing data.
_NEEDS_COLUMN: dict[str, tuple[str, str]] = {
    "discounts": ("discount", "a discount column in your sales data"),
    "discount_rate": ("discount", "a discount column in your sales data"),
    "refunds": ("refund", "a refund column in your sales data"),
    "refund_rate": ("refund", "a refund column in your sales data"),
    "returned_units": ("returned_units", "returns (returned units or refunds) in your sales data"),
    "return_rate": ("returned_units", "returns (returned units or refunds) in your sales data"),
    "returns_made": ("returned_units", "returns (returned units or refunds) in your sales data"),
    "customers": ("customer_hash", "a customer id or e-mail column in your sales data"),
    "repeat_customer_rate": ("customer_hash", "a customer id or e-mail column in your sales data"),
    "new_customers": ("customer_hash", "a customer id or e-mail column in your sales data"),
    "returning_customers": ("customer_hash", "a customer id or e-mail column in your sales data"),
    "new_customer_revenue": ("customer_hash", "a customer id or e-mail column in your sales data"),
    "returning_customer_revenue": ("customer_hash", "a customer id or e-mail column in your sales data"),
    "returning_customer_revenue_share": ("customer_hash", "a customer id or e-mail column in your sales data"),
    "new_customer_revenue_share": ("customer_hash", "a customer id or e-mail column in your sales data"),
    "discounted_order_share": ("discount", "a discount column in your sales data"),
    "discounted_orders": ("discount", "a discount column in your sales data"),
}


#: Metrics read with the ones that explain them: a share with its two counts, a stock value with its parts.
_COMPANIONS: dict[str, list[MetricName]] = {
    "promo_order_share": ["promo_orders", "orders"], "discounted_order_share": ["discounted_orders", "orders"],
    "promo_revenue_share": ["promo_revenue", "revenue"], "promo_unit_share": ["promo_units", "units"],
    "repeat_customer_rate": ["repeat_customers", "customers"],
    "multi_item_order_share": ["multi_item_orders", "orders"],
    "inventory_value": ["inventory_retail_value", "uncosted_skus", "stocked_skus"],
    "inventory_value_at_price": ["unpriced_skus", "stocked_skus"],
    "sell_through_rate": ["units", "stock_on_hand"], "stock_turn": ["units", "average_stock_on_hand"],
}


def with_companions(metrics: list[MetricName]) -> list[MetricName]:
    """The metrics with what explains the first ("what is our stock worth": the value and what it is made of)."""
    if metrics and metrics[0] in _COMPANIONS:
        return [metrics[0], *_COMPANIONS[metrics[0]]]
    return metrics


_PROMO_METRICS = frozenset({"promo_orders", "promo_order_share", "promo_revenue", "promo_revenue_share",
                            "promo_units", "promo_unit_share"})


def _named_groups(query: MetricQuery, matches: Sequence[EntityMatch]) -> MetricQuery:
    """A catalogue question kept to the categories and brands it names (not those it breaks down by)."""
    named: dict[DimensionName, list[str]] = {}
    for match in matches:
        if match.kind in ("category", "brand") and match.kind not in query.dimensions:
            named.setdefault(match.kind, []).extend(match.values)
    if not named:
        return query
    return query.model_copy(update={"filters": [*query.filters, *(
        DimensionFilter(dimension=d, values=list(dict.fromkeys(v))[:200]) for d, v in named.items())]})


#: Sales metrics read from the lines' money: none can be answered when no line carries a price.
_PRICED_METRICS = frozenset(name for name, spec in METRICS.items() if spec.source is DataKind.SALES
                            and {"gross", "promo_gross", "costed_net"} & set(spec.measures))


def _missing_columns(metrics: list[MetricName], index: VocabularyIndex | None) -> str | None:
    """What the data lacks for the question's first metric (None when it has it or it is unknown)."""
    if index is not None and index.vocabulary.unpriced_sales and metrics and metrics[0] in _PRICED_METRICS:
        return "prices (a unit price or a line total) on your sales lines"
    if index is not None and metrics and (gap := no_competitor_prices(metrics[0], index.vocabulary)) is not None:
        return gap  # "are we competitive on X?" with no competitor price ever ingested
    present = index.vocabulary.sales_columns if index is not None else None
    if present is not None and metrics and metrics[0] in _PROMO_METRICS:  # a promo flag or a discount will do
        return None if {"promo", "discount"} & set(present) else "a promotion flag or a discount column in your " \
                                                                  "sales data"
    if present is None or not metrics or metrics[0] not in _NEEDS_COLUMN:
        return None
    column, needed = _NEEDS_COLUMN[metrics[0]]
    return None if column in present else needed


def _whole_buckets(rng: TimeRange, grain: Grain) -> TimeRange:
    """A default trend range trimmed to whole months/quarters/years, so no bucket is a partial one."""
    if grain not in ("month", "quarter", "year"):
        return rng
    first_start, _ = period_containing(rng.start, grain)
    start = rng.start if first_start == rng.start else period_containing(rng.start, grain)[1] + timedelta(days=1)
    _, last_end = period_containing(rng.end, grain)
    end = rng.end if last_end == rng.end else period_containing(rng.end, grain)[0] - timedelta(days=1)
    if end <= start:
        return rng
    return make_range(start, end, f"all whole {grain}s of your data")


#: What a reading needs when the tenant has no data of the kind at all (``unanswerable``; see ``needs_absent_sales``).
NONE_UPLOADED = "(none has been uploaded yet)"


def needs_absent_sales(reading: Reading) -> bool:
    """Whether ``reading`` was refused because the tenant has no sales at all (files received may explain why)."""
    return reading.kind == "unanswerable" and reading.needed == f"sales data {NONE_UPLOADED}"


def _length_question(question: str) -> ReviewQuestion | None:
    """A review-length question beyond the plain average ("reviews under 20 words"), for the sentiment agent."""
    if (length := read_review_length(question)) is None:
        return None
    stars = star_levels(question)
    return ReviewQuestion("review_length", stars=stars.levels if stars is not None else None, length=length)


def read_question(question: str, *, tenant_id: str, index: VocabularyIndex | None,
                  extents: Mapping[DataKind, tuple[date, date]], as_of: date | None = None,
                  conventions: TenantConventions | None = None) -> Reading:
    """Read ``question`` for ``tenant_id`` (see the module docstring for the decisions).

    The orders that were returned ("average discount on returned orders", "revenue excluding returned orders") are
    a slice of the figure: read without those words, then kept as the ``returned`` filter of every sales query.
    """
    sliced = returned_slice(question)
    if sliced is None:
        return _read_question(question, tenant_id=tenant_id, index=index, extents=extents, as_of=as_of,
                              conventions=conventions)
    reading = _read_question(sliced.text, tenant_id=tenant_id, index=index, extents=extents, as_of=as_of,
                             conventions=conventions)
    reading.question = question
    return _returned_sliced(reading, sliced)


def _returned_sliced(reading: Reading, sliced: ReturnedSlice) -> Reading:
    """``reading`` with its sales queries (and its parts') kept to the orders ``sliced`` keeps.

    A share of one figure ("what % of last month's orders were returned", "share of revenue from returned orders")
    is the slice's share of the whole: the figure by the ``returned`` dimension, the slice its focus.
    """
    q = reading.query
    if reading.kind == "metric" and q is not None and reading.shape == "value" and not q.dimensions \
            and not q.compare and METRICS[q.metrics[0]].additive and lx.METRIC_KINDS[q.metrics[0]] == DataKind.SALES \
            and lx.SHARE.search(reading.question):
        reading.query = q.model_copy(update={"dimensions": ["returned"], "share_of_total": True, "limit": None,
                                             "order_by": None})
        reading.shape, reading.focus = "share", DimensionFilter(dimension="returned", values=[sliced.keep])
        return reading
    for part in (reading, *reading.parts):
        q = part.query
        if part.kind != "metric" or q is None or any(lx.METRIC_KINDS[m] != DataKind.SALES for m in q.metrics):
            continue
        kept = DimensionFilter(dimension="returned", values=[sliced.keep])
        part.query = q.model_copy(update={"filters": [*(f for f in q.filters if f.dimension != "returned"), kept]})
    return reading


def _read_question(question: str, *, tenant_id: str, index: VocabularyIndex | None,
                   extents: Mapping[DataKind, tuple[date, date]], as_of: date | None = None,
                   conventions: TenantConventions | None = None) -> Reading:
    """Read ``question`` (the orders-with-a-return slice already taken out: :func:`read_question`).

    ``conventions``: what the tenant's settings state (time zone, currency), which decide an ambiguous date's order
    when the data do not.

    ``extents`` are the first and last dates of each kind of the tenant's data; ``as_of`` (when given)
    replaces the last date as "today". Shorthand and typos of the reader's words are written out first
    ("rev last mo" is read as "revenue last month"; :mod:`shared.questions.shorthand`), the tenant's names kept.
    """
    if (language := unread_language(question)) is not None:  # "上个月的销售额": said, not the shop's overview
        return Reading(kind="unanswerable", question=question, as_of=as_of or _sales_end(extents),
                       concept="language", needed=unread_language_answer(language))
    known = index.knows_word if index is not None else None
    if index is not None and index.vocabulary.goods:  # "how many cars did we sell": every product is a car
        question = as_products(question, [g for g in index.vocabulary.goods if not index.find(g)])
    text = _sheet_fields(without_chatter(market_typos(expand_shorthand(
        in_english(question, known),  # "ventas el mes pasado"
        known,
        shorthand_names(index.vocabulary.channels, index.vocabulary.categories) if index is not None else ()),
        known)))  # "wen did we last chnage the price", "avg ratng": the pricing and review words' typos
    text = _asked_clause(text, index, as_of or _sales_end(extents))  # a long chat message: the clause that asks
    text, scale = asked_scale(text)  # "revenue last quarter in thousands": said beside each figure, no period
    # "05/10/2026": day first for a shop selling in pounds, month first in dollars; the answer says which
    text, date_lead = ambiguous_dates_read(text, tenant_day_first(
        index.vocabulary.currency, index.vocabulary.countries, conventions) if index is not None else
        tenant_day_first(None, (), conventions))
    text = spelled_numbers(text)  # "ten percent", "the last thirty days": in digits
    text = rating_week_on_week(text)  # "week-on-week star rating for X": its weekly trend (sparse_ratings)
    text = when_as_day(text)  # "when did we have the most orders last month": which day had them
    text = month_end_named(elided_periods(text))  # "... vs the second half", "... to the end of the month"
    text = compared_with_last(text)  # "this month vs last", "are we ahead of last month": this month against it
    text = days_after_month(text)  # "October, the 11th to the 20th": those days of October
    fiscal: dict[tuple[date, date], str] = {}
    if (today := as_of or _sales_end(extents)) is not None:
        fiscal = fiscal_names(text, today)  # named so in the answer: "FY2026/27 to date (1 Apr - 5 Dec 2026)"
        text = fiscal_periods(text, today)  # "our FY starts in April - revenue this fiscal year": 1 Apr to date
        text = months_as_next_and_this(text, today)  # "more in January than in December?" on 5 Dec: a forecast
        text = holidays_of_next_year(text, today)  # "Cyber Monday week next year": that week of next year
    text, calendar_fiscal = fiscal_as_calendar(text)  # no start stated: "this fiscal quarter" is the calendar one
    text = satisfaction_as_rating(text)  # "the happiest customers": the highest average rating (#18)
    text = review_idioms(text)  # "which is liked more, A or B", "pros and cons of X", "star breakdown"
    text, seller_lead = pricing_idioms(text)  # "do we win the buy box on X", "what price maximises revenue"
    if today is not None and (ahead := beat_ask(text, today)) is not None and (
            beaten := _beat_reading(ahead, question, text, tenant_id=tenant_id, index=index, extents=extents,
                                    as_of=as_of)) is not None:
        return beaten  # "will we beat last month": this month so far and the forecast of its rest, against it
    if today is not None and (goal := milestone_ask(text, today)) is not None and (
            reached := _milestone_reading(goal, question, text, tenant_id=tenant_id, index=index, extents=extents,
                                          as_of=as_of)) is not None:
        return reached  # "when will we hit $1M this year": the day the actuals, then the forecast, reach it
    if (beat := _ON_TRACK_TO_BEAT.search(text)) is not None:
        # "are we on track to beat last month's revenue": this month so far with its forecast, then last month's
        unit, rest = beat.group("unit").lower(), beat.group("rest")
        reading = _read_text(f"{rest} this {unit}", tenant_id=tenant_id, index=index, extents=extents, as_of=as_of)
        target = _read_text(f"{rest} last {unit}", tenant_id=tenant_id, index=index, extents=extents, as_of=as_of)
        if reading.kind == "metric" and target.kind == "metric" and reading.query is not None:
            reading.parts = [target]
            reading.question, reading.text = question, text
            return reading
    if (ends := both_ends(text)) is not None:
        # "best and worst day last week": each end's ranking, the top first (read as one, the bottom was lost)
        reading, bottom = (_read_text(t, tenant_id=tenant_id, index=index, extents=extents, as_of=as_of) for t in ends)
        if reading.kind == bottom.kind == "metric" and reading.query is not None and bottom.query is not None \
                and reading.query.dimensions:
            reading.parts = [*reading.parts, bottom]
            reading.question, reading.text, reading.lead = question, text, date_lead + reading.lead
            return _fiscal_named(reading, fiscal)
    # (after "on track to beat last month", which is also a forecast)
    if (targeted := _read_against_target(question, text, tenant_id=tenant_id, index=index, extents=extents,
                                         as_of=as_of)) is not None:
        # "we aimed for $50k last month, did we hit it?": the figure, and how far from the target
        return _fiscal_named(targeted, fiscal)
    # "top 5 products in Q3, and how does that compare with Q2?": the same ranking against Q2, not Q2's total
    reading = folded_comparison(_read_text(text, tenant_id=tenant_id, index=index, extents=extents, as_of=as_of))
    reading.question, reading.text, reading.scale = question, text if text != question else None, scale
    if calendar_fiscal and reading.kind == "metric":
        reading.notes.append(CALENDAR_NOTE)
    if reading.kind == "metric" and index is not None and (
            note := code_note(text, index.vocabulary.countries, index.vocabulary.states)):
        reading.notes.append(note)  # "CA is read as the state California (..., not the country Canada)."
    if seller_lead and reading.kind != "unanswerable":  # "Your data does not say who holds the Buy Box; ..."
        reading.lead = seller_lead + reading.lead
    if date_lead and reading.kind == "metric":
        reading.lead = date_lead + reading.lead
    if reading.kind == "metric" and reading.query is not None and index is not None \
            and _in_money(reading):  # "revenue in € last month", "orders under GBP 20" of a USD shop
        reading.lead = other_currency_lead(question, index.vocabulary.currency) + reading.lead
    reading = _with_forecast_against(_channel_forecast_known(_with_last_complete(reading), text, index), text)
    return _fiscal_named(reading, fiscal)


def _in_money(reading: Reading) -> bool:
    """Whether the reading states or filters by an amount of money: a money metric, or orders by their value."""
    q = reading.query
    return q is not None and (METRICS[q.metrics[0]].unit == "money" or q.order_value_above is not None
                              or q.order_value_below is not None)


def _asked_clause(text: str, index: VocabularyIndex | None, today: date | None) -> str:
    """The clause of a longer message that asks for a figure, the scene-setting around it left out (``preamble``)."""
    if today is None:
        return text

    def names_period(clause: str) -> bool:
        t = resolve_time(clause, today)
        return t.range is not None or t.all_time or t.future

    def names_data(clause: str) -> bool:
        return index is not None and any(m.kind in ("sku", "product", "category", "brand", "channel", "competitor")
                                         for m in index.find(clause))

    return asked_clause(text, lambda c: bool(find_metrics(c)[0]), names_period, names_data)


def _fiscal_named(reading: Reading, names: Mapping[tuple[date, date], str]) -> Reading:
    """``reading`` with each period that is a stated fiscal year's (or quarter's) named as one, its days kept.

    "revenue this fiscal year" (from April) is 1 Apr to date; the answer says "FY2026/27 to date (1 Apr - 5 Dec 2026)",
    not the bare dates a merchant would not recognise as their fiscal year.
    """
    if not names:
        return reading
    q = reading.query
    if q is not None and q.time_range is not None and (name := names.get((q.time_range.start, q.time_range.end))):
        reading.query = q.model_copy(update={"time_range": make_range(q.time_range.start, q.time_range.end, name)})
    reading.parts = [_fiscal_named(part, names) for part in reading.parts]
    return reading


def _sales_end(extents: Mapping[DataKind, tuple[date, date]]) -> date | None:
    """The sales' last day (else the latest of any data): the as-of date of a sales question."""
    if DataKind.SALES in extents:
        return extents[DataKind.SALES][1]
    return max((e[1] for e in extents.values()), default=None)


def _read_against_target(question: str, text: str, *, tenant_id: str, index: VocabularyIndex | None,
                         extents: Mapping[DataKind, tuple[date, date]], as_of: date | None) -> Reading | None:
    """The figure a question asks for, with the target it states or the period it names as one.

    "we aimed for $50k last month", "how much more do we need this month to match last month".

    ``None`` when the question states none, or the rest does not read as one figure of a matching kind (a target in
    money against a count, a breakdown).
    """
    if index is not None and index.knows_word("target"):  # a competitor or brand called Target: not a goal
        return None

    def one_figure(rest: str) -> Reading | None:
        if not find_metrics(rest)[0]:
            rest = f"revenue {rest}"  # "how much more do we need to sell this month": money
        got = _read_text(rest, tenant_id=tenant_id, index=index, extents=extents, as_of=as_of)
        q = got.query
        if got.kind != "metric" or q is None or q.dimensions or q.compare is not None or got.parts:
            return None
        return _with_last_complete(got)

    reading: Reading | None = None
    if (stated := stated_target(text)) is not None:
        target, rest = stated
        reading = one_figure(rest)
        if reading is None or reading.query is None or \
                (target.money != (METRICS[reading.query.metrics[0]].unit == "money")):
            return None
        reading.target = target.value
    elif (named := period_target(text)) is not None:
        reading, then = one_figure(named.current), one_figure(named.target)
        if reading is None or then is None or reading.query is None or then.query is None \
                or reading.query.metrics[:1] != then.query.metrics[:1]:
            return None
        reading.target_period = then.query.time_range
    if reading is None:
        return None
    reading.question, reading.text = question, text if text != question else None
    return reading


#: Sales channels merchants name that a tenant's sales may not carry ("forecast eBay sales next month").
_MARKETPLACE = re.compile(r"\b(amazon|ebay|etsy|shopify|walmart|wayfair|zalando|tiktok\s+shop|bol\.com|allegro|"
                          r"mercado\s*libre|rakuten|flipkart|wholesale|(?:our\s+)?(?:web\s*site|web\s*shop|online\s+"
                          r"store)|pos|in[-\s]store)\b", re.I)


_MARKETPLACE_NAME = re.compile(r"amazon|ebay|etsy|shopify|walmart|wayfair|zalando|tiktok shop|bol\.com|allegro|"
                               r"mercado\s*libre|rakuten|flipkart", re.I)


def _channel_forecast_known(reading: Reading, text: str, index: VocabularyIndex | None) -> Reading:
    """A forecast for a sales channel the data cannot tell apart is refused, not answered for the whole store.

    Without a channel in the sales, the channel column is named as what is needed; with channels but not this
    one, the name is said to be unknown (before: "forecast eBay sales" was the store's forecast).
    """
    if reading.kind != "agent" or "forecast" not in reading.agent_intents or reading.forecast_channels \
            or index is None or (named := _MARKETPLACE.search(text)) is None:
        return reading
    word = " ".join(named.group(1).split())
    if word.lower() in {n.lower() for n in (*index.vocabulary.categories, *index.vocabulary.brands)}:
        return reading  # a category or brand of that name ("Wholesale") is the tenant's own
    if index.vocabulary.channels and not _MARKETPLACE_NAME.fullmatch(word):
        return reading  # "our website" may be the tenant's "web": only a marketplace's own name is said unknown
    out = reading.model_copy(update={"kind": "unanswerable", "agent_intents": []})
    if not index.vocabulary.channels:
        out.concept = f"a forecast for {word}"
        out.needed = "a sales channel column in your sales data (the channel or marketplace of each sale)"
    else:
        out.unknown_name = word
        out.concept = "channel"
    return out


#: "(more) next month than last month", "beat last month", "vs last quarter": the past period a forecast is set
#: against; the time phrase after the cue is read as any other ("than we did in November", "than last year").
_AGAINST_PAST = re.compile(r"\b(?:than|beat|beats|exceed|top|outsell|outdo|surpass|vs\.?|versus|compared\s+(?:to|"
                           r"with)|against)\s+(?:(?:we|it|they)\s+(?:did|sold|made|took|was|were)\s+)?(?P<past>.{3,40})",
                           re.I)


def _with_forecast_against(reading: Reading, text: str) -> Reading:
    """A forecast asked against a past period ("will we sell more next month than last month?") compares them.

    Before, only the forecast was said; the past period's actuals are now read by the forecast agent for the same
    products and set against the forecast (``Entities.against_start``).
    """
    if reading.kind != "agent" or "forecast" not in reading.agent_intents or reading.as_of is None:
        return reading
    for m in _AGAINST_PAST.finditer(text):
        past = resolve_time(m.group("past"), reading.as_of)
        if past.range is not None and not past.future and past.range.end <= reading.as_of:
            reading.forecast_against = _whole_running(past.range)
            return reading
    return reading


_UNIT_OF_MONTHS: dict[int, Literal["month", "quarter", "year"]] = {1: "month", 3: "quarter", 12: "year"}


def _whole_running(rng: TimeRange) -> TimeRange:
    """The whole of a running period ("than this quarter" on 5 Dec: 1 Oct - 31 Dec), else ``rng``.

    A forecast set against a period still running compares it whole: its days to date are actuals, the rest the
    forecast's (``shared.forecast.agent``); against the days to date alone it compared 90 days with 66.
    """
    months = to_date_months(rng)
    if months is None or "to date" not in rng.label or months not in _UNIT_OF_MONTHS:
        return rng
    end = period_containing(rng.end, _UNIT_OF_MONTHS[months])[1]
    return TimeRange(start=rng.start, end=end, label=name_range(rng.start, end).label) if end > rng.end else rng


#: A running period's label ("2027 to date", "January 2027 to date", "Q1 2027 to date", "this week to date").
_RUNNING = re.compile(r"^(?:(?P<year>\d{4})|(?P<month>[A-Z][a-z]+ \d{4})|(?P<quarter>Q[1-4] \d{4})|(?P<week>this week))"
                      r" to date\b")


def _with_last_complete(reading: Reading) -> Reading:
    """A running week, month, quarter or year that holds one day so far: said, with the last complete one after.

    "How did we do this year" with data ending 1 Jan answered the one day as if it were the year. The answer now
    says the year so far is 1 day and gives the last complete year too (the same for a month, quarter or week on
    its first day), each with its own figure.
    """
    q = reading.query
    if reading.kind != "metric" or q is None or q.time_range is None or q.compare or q.dimensions \
            or reading.shape != "value" or reading.parts or q.time_range.start != q.time_range.end:
        return reading
    running = _RUNNING.match(q.time_range.label)
    if running is None:
        return reading
    unit = cast(Unit, next(k for k, v in running.groupdict().items() if v))
    s, e = last_complete(q.time_range.end, unit)
    name = {"year": str(s.year), "month": f"{s:%B %Y}", "quarter": f"Q{(s.month - 1) // 3 + 1} {s.year}",
            "week": "last week"}[unit]
    whole = reading.model_copy(deep=True, update={"lead": f"For the last complete {unit}, ", "parts": []})
    assert whole.query is not None
    whole.query.time_range = make_range(s, e, name)
    so_far = {"year": f"{q.time_range.end.year}", "week": "This week"}.get(unit, running.group(unit))
    reading.lead = f"{so_far} so far is 1 day ({fmt_day(q.time_range.end)}): "
    reading.parts = [whole]
    return reading


#: "on track to beat last month's revenue", "on pace to top last year's sales": the running period against it.
def _beat_reading(ahead: BeatAsk, question: str, text: str, *, tenant_id: str, index: VocabularyIndex | None,
                  extents: Mapping[DataKind, tuple[date, date]], as_of: date | None) -> Reading | None:
    """The running period so far (its metric), the past one (a part), and the forecast of the running one's rest.

    The forecast agent completes the running period and sets it against the past one, its verdict said first
    (``shared.forecast.beat``).
    """
    s, e = ahead.against_start, ahead.against_end
    name = {"month": f"{s:%B %Y}", "quarter": f"Q{(s.month - 1) // 3 + 1} {s.year}", "year": str(s.year)}[ahead.unit]
    reading = _read_text(f"{ahead.measure} this {ahead.unit}", tenant_id=tenant_id, index=index, extents=extents,
                         as_of=as_of)
    past = _read_text(f"{ahead.measure} in {name}", tenant_id=tenant_id, index=index, extents=extents, as_of=as_of)
    q, pq = reading.query, past.query
    if reading.kind != "metric" or past.kind != "metric" or q is None or pq is None or pq.time_range is None \
            or q.time_range is None or q.time_range.start != ahead.start or (pq.time_range.start, pq.time_range.end) \
            != (s, e):
        return None
    reading.parts = [past]
    reading.asks, reading.agent_intents, reading.agents_first = ["forecast"], ["forecast"], True
    reading.forecast_against = pq.time_range
    reading.question, reading.text = question, text
    return reading


def _milestone_reading(goal: MilestoneAsk, question: str, text: str, *, tenant_id: str,
                       index: VocabularyIndex | None, extents: Mapping[DataKind, tuple[date, date]],
                       as_of: date | None) -> Reading | None:
    """The running period's revenue (units sold; a product's) so far and the forecast of its rest, with the amount.

    The forecast agent finds the day the actuals, then the forecast, reach it (``shared.forecast.milestone``).
    """
    measure = "revenue" if goal.measure == "revenue" else "units sold"
    of = f" of {goal.product}" if goal.product else ""  # "500 of the ceramic vase": that product's units
    reading = _read_text(f"{measure}{of} this {goal.unit}", tenant_id=tenant_id, index=index, extents=extents,
                         as_of=as_of)
    q = reading.query
    if reading.kind != "metric" or q is None or q.time_range is None or q.time_range.start != goal.start:
        return None
    if goal.product and not any(f.dimension == "sku" for f in q.filters):
        return None  # the product named was not found: the store's count would answer another question
    reading.asks, reading.agent_intents, reading.agents_first = ["forecast"], ["forecast"], True
    reading.forecast_milestone = goal.amount
    reading.question, reading.text = question, text
    return reading


_ON_TRACK_TO_BEAT = re.compile(r"\b(?:on (?:track|pace|course)|going|set|likely|gonna) to (?:beat|top|pass|exceed|"
                               r"match|surpass|outdo|hit|reach|do better than)\s+(?:the\s+)?(?:last|previous)\s+"
                               r"(?P<unit>month|quarter|year)'?s?\s+(?P<rest>[a-z][\w ]{2,40}?)\s*(?:$|[?.!,])",
                               re.I)


_FIELD_BREAK = re.compile(r"\s*(?:[|;]|\s/\s|,)\s*")


_KEY_FIELD = re.compile(r"\b(?:metric|measure|kpi|period|time(?:\s+range)?|date(?:\s+range)?|filter|where)\s*[:=]\s*",
                        re.I)
_GROUP_FIELD = re.compile(r"\b(?:group(?:ed)?\s+by|split\s+by|breakdown|dimension|by)\s*[:=]\s*", re.I)


def _sheet_fields(text: str) -> str:
    """A question written as spreadsheet fields: a field that is only a dimension noun is a breakdown.

    "sku, units, last 7 days, top 10" is read "by sku units last 7 days top 10"; "category / revenue / 2025" as
    "by category revenue 2025".
    """
    text = _GROUP_FIELD.sub("by ", _KEY_FIELD.sub("", text))  # "metric: units, group by: category"
    fields = [f for f in _FIELD_BREAK.split(text.strip(" ?.")) if f]
    if len(fields) < 3 or any(len(f.split()) > 5 for f in fields):
        return text
    out = []
    for f in fields:
        bare = any(rx.fullmatch(f) for _, rx in lx.DIMENSION_WORDS if _ != "competitor") or bool(
            re.fullmatch(r"(?:day|week|month|quarter|year)s?", f, re.I))
        out.append(f"by {f.rstrip('s')}" if bare and f.lower() not in ("sales",) else f)
    return " ".join(out) if out != fields else text


def _read_text(question: str, *, tenant_id: str, index: VocabularyIndex | None,  # noqa: C901 - the decisions
               extents: Mapping[DataKind, tuple[date, date]], as_of: date | None = None) -> Reading:
    matches = index.find(question) if index is not None else []
    # one word right after a pronoun is a verb ("what did we *bank*", "how many did we *shift*"), not a product
    matches = [m for m in matches if m not in verb_matches(question, matches)]
    matches = [m for m in matches if m not in rank_words(question, matches)]  # "where does eBay *stand*"
    partial = preamble_partials(question, matches, index.knows_word if index is not None else None)  # "board deck"
    matches = [m for m in matches if m not in partial]
    singles = [x.span() for x in _SINGLE_UNIT.finditer(question)] + \
        [x.span(1) if x.group(1) else x.span(2) for x in _PEOPLE_COUNTED.finditer(question)] + \
        [x.span() for x in lx.SHARE_IDIOM.finditer(question)]  # "how big a slice of units": no 4-Slice toaster
    matches = [m for m in matches if not (m.kind in ("product", "sku") and _spans_overlap(m.span, singles))]
    size = order_size_ask(question)
    if size is not None:  # "single-item orders": no product called "... Single", no breakdown by item
        matches = [m for m in matches if not (m.kind in ("product", "sku") and _spans_overlap(m.span, [size.span]))]
    # "reviews complaining about damaged boxes": the parcels, not the products titled "... Storage Box ..."
    parcels = damaged_containers(question)
    matches = [m for m in matches if not (m.kind == "product" and any(s <= m.span[0] and m.span[1] <= e
                                                                      for s, e in parcels))]
    entity_spans = [m.span for m in matches] + ([size.span] if size is not None else [])
    sku_spans = [m.span for m in matches if m.kind == "sku"]
    metrics, weak = find_metrics(question, entity_spans)
    if size is not None:  # "how many orders had 3 or more items", "biggest order by units": orders by their units
        metrics, weak = size.metrics, False
    kinds = metric_kinds(metrics)
    lasts = [extents[k][1] for k in kinds if k in extents] or [e[1] for e in extents.values()]
    firsts = [extents[k][0] for k in kinds if k in extents]
    today = as_of or (max(lasts) if lasts else None)
    # "prepping the Q4 deck - what's our rating this year?": the question's own period, not the preamble's
    time = resolve_time(question, today or date.today(),
                        exclude=sku_spans + preamble_excluded(question, today or date.today()))
    # "what did we sell on Christmas Eve?": a time phrase, not the products titled "Christmas ..." - a name whose
    # words all lie inside a time phrase (SKUs stay: a code such as SKU-2024 is kept out of time phrases instead;
    # "May Flowers Candle" reaches past "May" and stays a product)
    matches = [m for m in matches if m.kind == "sku"
               or not any(s <= m.span[0] and m.span[1] <= e for s, e in time.spans)]
    forecast_asked = bool(lx.AGENT_CUES["forecast"].search(question))
    if today is not None and not metrics and forecast_asked and time.range is not None and not time.future \
            and time.range.end == today and time.range.start.day == 1 and "to date" in time.range.label:
        metrics = ["units"]  # "forecast December" on 5 Dec: the month's units so far and the forecast of the rest
    change = price_change(question)
    if today is not None and (metrics or forecast_asked or change is not None) \
            and (upcoming := _upcoming(question, time, today, what_if=change is not None)) is not None:
        # "what revenue should we expect in January?" on 4 Dec: next January, forecast, not last January's actuals;
        # "what if we run 20% off X in week 50": the what-if over that week (its text names it: no lead before it)
        time = TimeReading(future=True, spans=time.spans)
        window: ForecastPeriod | None = upcoming if change is None else replace(upcoming, lead="")
    elif today is not None and time.future and time.future_range is not None:
        # "forecast for Q1 next year": that period alone, forecast from the day after the data ends
        ahead = time.future_range
        window = forecast_period(ahead.label.split(" (")[0], ahead.start, ahead.end, today)
    elif today is not None and time.future and not lx.AGENT_CUES["inventory"].search(question) \
            and (calendar := next_calendar_period(question, today)) is not None:
        # "next month's sales forecast" on 5 Dec: January, 1-31 Jan (not the next 30 days); "next quarter": Q1
        window = calendar
    else:
        window = None
    if window is not None and today is not None:  # "by Jan 15", "through end of Q1": every day up to it
        window = through_deadline(question, time.spans, window, today)
    reading = Reading(kind="agent", question=question, as_of=today, forecast_until=window and window.end,
                      forecast_from=window and window.start, lead=window.lead if window else "")
    reading.order_size = size
    reading.skus = list(dict.fromkeys(s for m in matches if m.kind in ("sku", "product") for s in m.values))
    reading.competitors = list(dict.fromkeys(v for m in matches if m.kind == "competitor" for v in m.values))
    reading.categories = list(dict.fromkeys(v for m in matches if m.kind == "category" for v in m.values))

    reading.brands = list(dict.fromkeys(v for m in matches if m.kind == "brand" for v in m.values))
    if index is not None and index.sku_codes and \
            (code := unknown_code(question, entity_spans, set(index.sku_codes))) is not None:
        # "sales of SKU-9999": a code no product has is said, never answered as the whole store's figure; a tenant
        # with no products yet cannot tell a wrong code from a missing upload, so its agents say what is missing
        reading.kind, reading.unknown_name = "unanswerable", code
        titles = {p.sku: p.title for p in index.vocabulary.products if p.title}
        reading.suggestions = [f"{titles[s]} ({s})" if s in titles else s
                               for s in closest_codes(code, index.sku_codes.values())]
        if not reading.suggestions:  # "SKU-9999" like none of the shop's codes: what one of them looks like
            reading.code_example = code_example(index.sku_codes.values())
        return reading
    gap = _unanswerable(question, index)
    reading.price_change_pct = change
    if change is None and lx.AGENT_CUES["what_if"].search(question):
        reading.price_delta = price_delta(question)  # "what if we knock $5 off the kettle?"
    if gap is None and asks_bestseller_stock(question) and \
            (best := bestseller_stock_query(question, tenant_id, extents)) is not None:
        # "how much stock is left of our bestseller?": the top SKU by units, its on-hand (not the store's)
        reading.kind, reading.shape, reading.query = "metric", "bestseller_stock", best
        reading.as_of = best.time_range.end if best.time_range is not None else today
        return reading
    if gap is None and index is not None and index.vocabulary.priced_products > 0 and \
            (band := read_price_band(question)) is not None:
        # "how many products do we sell under $20?", "our price ladder in Kitchen": the catalogue's prices counted
        reading.kind, reading.shape, reading.price_band = "metric", "price_bands", band
        reading.query = _named_groups(price_band_query(tenant_id), matches)
        return reading
    if gap is None and (priced := read_catalogue_price(
            question, tenant_id, extents, catalogue=index is not None and index.vocabulary.priced_products > 0,
            categories=index is None or bool(index.vocabulary.categories),
            period=time.range if not time.future else None)) is not None:
        # "our most expensive product", "the average price of our products": the catalogue's prices
        if priced.query is None:
            reading.kind, reading.concept, reading.needed = "unanswerable", "products by category", priced.needed
            return reading
        reading.kind, reading.shape, reading.show = "metric", priced.shape, priced.show
        reading.query = _named_groups(priced.query, matches)  # "the average price of our products in Beverages"
        return reading
    if gap is None and reading.skus and len(reading.skus) <= 3 and _WHY_NOT_SELLING.search(question):
        # "why are sales of X down?", "why isn't X selling?", "is price the reason X sales dropped?": what a merchant
        # can act on, X's price against the market, then what its reviews say (its sales are one question away)
        reading.agent_intents, reading.asks = ["pricing", "sentiment"], ["price_position"]
        return reading
    if gap is None and asks_uncosted_products(question):  # the catalogue's products, not cost of goods
        reading.kind, reading.shape, reading.query = "metric", "count", uncosted_query(tenant_id)
        return reading
    if gap is None and today is not None and DataKind.SALES in extents and (sold := asks_sale_dates(question)):
        # "when did we first sell the X", "how long since we sold a X": the days it sold, first and last
        named: dict[DimensionName, list[str]] = {}
        for match in matches:
            if match.kind in ("sku", "product", "channel", "category", "brand"):
                named.setdefault("sku" if match.kind == "product" else match.kind, []).extend(match.values)
        reading.kind, reading.shape, reading.asked_dates = "metric", "sale_dates", sold
        reading.query = sale_dates_query(tenant_id, extents[DataKind.SALES][0], today, list(named.items()))
        reading.data_starts = extents[DataKind.SALES][0]
        return reading
    if gap is None and today is not None and not time.future and asks_new_products(question):
        # "which new products did we launch this month": first sales by product, not a ranking of all of them
        reading.kind, reading.shape = "metric", "new_products"
        reading.query = new_products_query(tenant_id, time.range, today)
        reading.data_starts = extents[DataKind.SALES][0] if DataKind.SALES in extents else None
        return reading
    if gap is None and (mixed := _sales_and_market(question, tenant_id, index, extents, as_of, today)) is not None:
        return mixed  # "what did we make last month, and are we cheaper than MegaMart?"
    if gap is None and (both := _own_periods(question, tenant_id, index, extents, as_of, today)) is not None:
        return both  # "what did we make in October and how many units did we sell in November?"
    if gap is None and (market := read_pricing_ask(question, matches, index, time.spans)
                        or read_market(question, matches, index, time.spans)
                        # "how does Acme stack up on price against rivals?": the slice's position, not its revenue
                        or slice_position(question, matches)) is not None:  # vs X, restock
        reading.agent_period = time.range if time.range is not None and not time.future else None
        if market.ask == "what_if" and change is None:
            reading.price_delta = price_delta(question)  # "cut X by $5 - what happens to units?"
        return _market_reading(reading, market, verb_matches(question, matches))
    if _CATALOGUE_COUNT.search(question) and time.range is None:
        reading.kind = "catalogue"  # "how many products do we have": the catalogue, not sales
        return reading
    if (gap is None or gap[0] not in lx.REVIEW_REFUSALS) and \
            (review := _length_question(question)
             or read_review_question(question, entity_spans + time.spans, entity_spans)) is not None:
        # "what are customers saying about shipping?": the sentiment agent, about that aspect (before the
        # refusals: "delivery times" in reviews is not shipping records; "the delivery" is not a product name)
        thing = reviewed_thing(question, entity_spans + time.spans) \
            if review.aspect is None and review.length is None else None
        if index is not None and thing is not None and any(
                len(w) > 2 and w not in _GENERIC_WORDS and w not in _FILLER_WORDS and not index.knows_word(w)
                for w in thing[1]):  # "revs for vase" where nothing is a vase: said, not every product's reviews
            reading.kind, reading.unknown_name = "unanswerable", thing[0]
            reading.suggestions = index.closest_titles(thing[0])
            return reading
        if index is not None and (partly := _partly_known_name(question, review, entity_spans, time.spans, index)
                                  or _name_of_no_product(question, review, matches)) is not None:
            # "the lamp shade's reviews": "lamp" names the desk lamp, but a lamp shade is no product of the shop
            reading.kind, reading.unknown_name = "unanswerable", partly
            reading.suggestions = index.closest_titles(partly)
            return reading
        reading.agent_intents, reading.review_ask, reading.aspect = ["sentiment"], review.ask, review.aspect
        reading.review_stars, reading.review_listing = list(review.stars or ()), review.listing
        reading.review_count = review.count
        reading.review_trend, reading.review_ranked = review.trend, review.ranked
        if review.length is not None:  # "reviews under 20 words": that figure of the review texts
            reading.review_length, reading.review_length_words = review.length
        reading.review_channels = list(dict.fromkeys(v for m in matches if m.kind == "channel" for v in m.values))
        if as_of is None and DataKind.REVIEWS in extents:  # "since March": against the reviews' own last date
            reading.as_of = extents[DataKind.REVIEWS][1]
            time = resolve_time(question, reading.as_of, exclude=sku_spans + preamble_excluded(question, reading.as_of))
        # "do people complain less about quality these days?": the recent window against the one before (as
        # "lately"), not the last 30 days alone, which hold nothing before to compare with
        reading.review_period = None if review.trend and _says_only_now(question, time) else time.range
        if review.ask == "complaints" and not review.trend:
            anchor = reading.as_of or as_of
            if anchor is not None:  # "changed since last quarter": this quarter to date against the last
                time = own_period_to_date(time, anchor)
                reading.review_period = time.range
            reading.review_baseline = complaints_baseline(time)
        return reading
    # "rating trend for X since launch", "has X been rated worse since it came out?": by month from the first review,
    # its direction first (``since_launch``), not the last 90 days against the 90 before
    launch = asks_since_launch(question) and set(metrics) <= {"avg_rating", "negative_review_share"} \
        and DataKind.REVIEWS in extents
    # "is our rating improving?" names the rating it asks about: a change all the same
    # "is sentiment worse on amazon than on web?": one channel against the other, not either one over time
    weighed = bool(_THAN_APART.search(question)) and any(
        sum(len(m.values) for m in matches if m.kind == kind) > 1 for kind in ("channel", "category", "brand"))
    sentiment_change = asks_sentiment_change(question) and set(metrics) <= {"avg_rating", "negative_review_share"} \
        and not launch and not weighed
    if launch:
        metrics, kinds = ["avg_rating"], (DataKind.REVIEWS,)
        firsts = [extents[DataKind.REVIEWS][0]]
        if as_of is None:
            today = reading.as_of = extents[DataKind.REVIEWS][1]
        if today is not None:
            time = replace(time, range=make_range(firsts[0], today, SINCE_LAUNCH_LABEL), compare=None,
                           all_time=False)
    if not metrics and star_levels(question) is not None and re.search(r"\b(?:reviews?|gave|give|given|left)\b",
                                                                       question, re.I):
        metrics = ["review_count"]  # "share of 4 and 5 star reviews": the reviews of those stars
    if sentiment_change:
        metrics = ["avg_rating", "negative_review_share"]  # "has the sentiment improved since March?"
        kinds = metric_kinds(metrics)
        firsts = [extents[k][0] for k in kinds if k in extents]
        # "are reviews trending up or down overall?": overall is across the catalogue here, not all time
        overall = [m.span() for m in re.finditer(r"\boverall\b", question, re.I)]
        if as_of is None and DataKind.REVIEWS in extents:
            today = extents[DataKind.REVIEWS][1]
            reading.as_of = today
        if today is not None and (overall or (as_of is None and DataKind.REVIEWS in extents)):
            time = resolve_time(question, today, exclude=sku_spans + preamble_excluded(question, today) + overall)
        if today is not None and not _THAN.search(question):  # "is sentiment improving?": the recent reviews
            time = change_period(time, today)  # against as many days before ("A worse than B": no change in time)
    if gap:
        reading.kind, (reading.concept, reading.needed) = "unanswerable", gap
        return reading
    sellers = forecast_sellers(question) if not reading.skus else None  # "our best seller": not a name
    seller_spans = [sellers[1]] if sellers is not None else []
    if index is not None and (name := unknown_name(question, entity_spans + time.spans + seller_spans,
                                                   index.knows_word, index.vocabulary.goods)) is not None:
        reading.kind, reading.unknown_name = "unanswerable", name
        reading.suggestions = index.closest_titles(name)
        return reading
    if "customers" in metrics and _CUSTOMERS_BUY.search(question) and not _COUNTED_CUSTOMERS.search(question):
        # "what do customers buy most": the customers are who buys; what they buy is the units of the products
        metrics = [m for m in metrics if m != "customers"] or ["units"]
        customers_buy = True
    else:
        customers_buy = False
    intents = _agent_intents(question, time, metrics)
    if sellers is not None and {"forecast", "inventory"} & set(intents):
        # "the demand forecast for our best seller", "when does our best seller run out": the top SKU by units
        reading.top_sellers = sellers[0]
    if sentiment_change:
        intents = [i for i in intents if i != "sentiment"]
    taken = sorted(entity_spans + time.spans)
    if per_day := _PER_DAY.search(question):
        taken.append(per_day.span())  # "average daily revenue" is a value over the period, not a daily trend
    elif (per_unit := _PER_UNIT.search(question)) and not (metrics and metrics[0] not in _ADDITIVE):
        # "average monthly revenue in 2025": the total over its months; a mean ("average stars per week") has no
        # total to share out, so "per week" is its breakdown by week
        taken.append(per_unit.span())
    if per_noun := _PER_NOUN.search(question):
        taken.append(per_noun.span())  # "average revenue per item": the divisor, not a breakdown by product
    dims = find_dimensions(question, taken, entity_spans,
                           [m.span for m in matches if m.kind in ("category", "brand", "channel")
                            and not _EXCLUDING.search(question[:m.span[0]])])  # "non-kitchen products": not a group
    dims = compared_groups(question, matches, dims)  # "do Kitchen products rate higher than Apparel?": categories
    if (member := _ranked_member(question, matches)) is not None and dims in (
            [], ["sku" if member.kind == "product" else member.kind]):
        # "where does Kitchen rank", "is eBay our smallest channel": every category (channel), Kitchen's place said
        matches = [m for m in matches if m is not member]
        dims = ["sku" if member.kind == "product" else cast(DimensionName, member.kind)]
        reading.ranked = member.values[0]
    if "channel" in dims and metrics and all(lx.METRIC_KINDS[m] == DataKind.INVENTORY for m in metrics):
        dims = [d if d != "channel" else "location" for d in dims]  # "stock per store": counts have no channel
    elif "location" in dims and metrics and all(lx.METRIC_KINDS[m] == DataKind.SALES for m in metrics):
        # "which location (branch) had the most revenue": sales have no stock location, the shop is stored elsewhere
        dims = [d if d != "location" else _sales_location(index, question) for d in dims]
        if "location" in dims:  # channels that are ways of selling (web, Amazon) and no place column: none to break by
            reading.kind, reading.concept = "unanswerable", f"{lx.METRIC_NOUNS[metrics[0]]} by location"
            reading.needed = place_needed(index.vocabulary.channels if index is not None else [])
            return reading
    if dims[:1] == ["sku"] and time.range is None and not time.all_time and _RATING_FELL_MOST.search(question):
        # "which product's rating fell the most?" with no period: the sentiment agent's decline (its recent reviews
        # against all earlier ones, with a minimum of reviews on each side and a significance rule), never two
        # thin windows of the metrics layer; a named period ("this quarter") is that period against the one before
        reading.agent_intents = ["sentiment"]
        return reading
    metrics = compared_reviews(question, matches, metrics)  # "Home vs Outdoor reviews": their ratings
    grain = find_grain(question, taken) or ("month" if launch else None)
    if not dims and not grain and _UNSOLD.search(question) and (
            _PRODUCT_NOUN.search(question) or _WHAT_UNSOLD.search(question) or _STOPPED.search(question)):
        dims = ["sku"]  # "products with no sales in the last 30 days": the catalogue's products that sold none
        metrics = metrics or ["units"]  # "what didn't sell on amazon": no metric word, the products unsold
    if (customers_buy or _WHAT_SOLD.search(question)) and not dims and not grain and (
            lx.TOP.search(question) or lx.BOTTOM.search(question)):
        dims = ["sku"]  # "what sold best last week": the products, ranked
    trending = bool(_TRENDING_ITEMS.search(question)) and not grain and dims in ([], ["sku"])
    if trending:
        dims = ["sku"]  # "what's trending?": the products whose sales grew the most, recently
    if "weekday" in dims and _A_DATE_NOT_A_WEEKDAY.search(question) and not _WEEKDAY_WORDS.search(question) \
            and (time.range is not None or _PAST.search(question)):
        dims.remove("weekday")  # "which day last month had the lowest sales": a date, not a day of the week
        grain = "day"
    ranking_words = bool(lx.TOP.search(question) or lx.BOTTOM.search(question))
    if weak and not (dims or grain or ranking_words or matches or time.range or time.compare):
        metrics = []  # "how am I doing?" is the agents' overview; "how did Kitchen do in May?" is revenue
    if (distinct := _DISTINCT.search(question)) and not (metrics and metrics[0] == "units_per_order"):
        dims = [_DISTINCT_DIMS[distinct.group(1).lower().rstrip("s")]]
        metrics = ["units"]
    elif (reviewed := products_reviewed(question)) is not None and ("review_count" in metrics or (
            reviewed == "unreviewed" and not metrics and not dims[1:])):
        dims, metrics = ["sku"], ["review_count"]  # "which products have no reviews", "how many have reviews"
    clock = hours_asked(question) if index is None or _kept_dimension("sales by time of day", "", index) else None
    if not metrics and "hour" in dims:
        metrics = [cast(MetricName, hour_metric(question))]  # "our busiest hour": sales counted; "when ... sell": units
    elif not metrics and clock is not None:
        metrics = ["revenue"]  # "what do we make before noon", "how did we do in the mornings"
    growth = bool(re.search(r"\b(?:grow\w*|grew|growth|declin\w*|shrink\w*|up or down)\b", question, re.I))
    if not metrics and not intents and ((dims or grain) or (time.range is not None and time.explicit_compare)
                                        or (time.explicit_compare and growth)
                                        # "what's our growth rate year to date": revenue's, against the period before
                                        or (growth and time.range is not None and not time.future)
                                        or (matches and (growth or lx.SHARE.search(question)))
                                        or (len(matches) >= 2 and _WHICH_BIGGER.search(question))
                                        # "categories over $100k last quarter": money picks them, so revenue
                                        or (bool(_LEADING_DIM.search(question)) and (
                                            (limit_at := _threshold(question)) is not None and limit_at[2]))
                                        or (time.range is not None and lx.TREND.search(question))
                                        # "ebay lw?": a name and a past period, nothing else
                                        or (time.range is not None and not time.future
                                            and _only_names_and_period(question, matches, time.spans))):
        metrics = ["revenue"]  # "top 5 products last month", "how did November compare with October?"
    if not metrics:
        reading.agent_intents = intents or ["overview"]
        return reading
    channels = list(dict.fromkeys(v for m in matches if m.kind == "channel" for v in m.values))
    if "forecast" in intents and channels and (time.future or time.range is None):
        reading.forecast_channels = channels  # "forecast amazon sales next month": the channel's sales forecast
    if intents and not (_CONJUNCTION.search(question) and any(m in _SALES_FAMILY for m in metrics)):
        reading.agent_intents = intents
        if intents == ["forecast"] and time.future and metrics[0] not in _FORECAST_MEASURES:
            # "how many orders will we get next week": said plainly, then the forecast there is (units and revenue)
            noun = lx.METRIC_NOUNS[metrics[0]]
            verb = "are" if noun.split()[-1].endswith("s") else "is"
            reading.lead = f"{noun[:1].upper()}{noun[1:]} {verb} not forecast, only units sold and revenue. "
        return reading
    if intents:  # a mixed question: the metric comes from the clauses without an agent cue
        clauses = [c for c in _CLAUSES.split(question) if c.strip()
                   and not any(rx.search(c) for rx in lx.AGENT_CUES.values())]
        text = " ".join(clauses)
        own, weak_own = find_metrics(text)
        # every metric word sits in an agent clause, or the metric clause asks about the future: the agents answer
        own_time = resolve_time(text, today or date.today())
        if not own or weak_own or own_time.future or (own_time.range is None and time.future):
            reading.agent_intents = intents
            return reading
        metrics = own
        names = [m.span for m in (index.find(text) if index is not None else [])]
        taken = names + resolve_time(text, today or date.today()).spans
        dims, grain = find_dimensions(text, taken, names), find_grain(text, taken)
    if metrics and metrics[0] in ("negative_review_share", "negative_reviews") and not dims and grain is None \
            and not lx.TREND.search(question) and (re.search(r"\b(?:how many|number of|count)\b", question, re.I)
                                                   or not re.search(r"\b(?:share|percent\w*|proportion|fraction|"
                                                                    r"rate|ratio)\b|%", question, re.I)):
        # "how many 1-star reviews", "bad reviews last week": the count and the share ("what share": the share)
        metrics = list(NEGATIVE_COUNT_AND_SHARE)
    reviews_only = bool(metrics) and all(lx.METRIC_KINDS[m] == DataKind.REVIEWS for m in metrics)
    # "products averaging less than four stars": the products' average rating under 4, not the reviews of 1-3 stars
    averaged = reviews_only and bool(_PRODUCT_NOUN.search(question)) and bool(_RATING_LIMIT.search(question))
    stars = None if averaged else star_levels(question)
    if averaged:
        metrics = ["avg_rating"]
    if stars is not None and set(stars.levels) == {1, 2} and reviews_only and metrics[0] in ("review_count",
                                                                                             "avg_rating"):
        metrics = list(NEGATIVE_COUNT_AND_SHARE)  # "what share of reviews were 1 or 2 stars": negative
        stars = None
    elif stars is not None and set(stars.levels) != {1, 2} and reviews_only:
        metrics = ["review_count"]  # "how many 5-star reviews", "share of 4 and 5 star reviews": those stars
    else:
        stars = None
    if reviews_only and asks_star_breakdown(question) and "stars" not in dims:
        metrics, dims = ["review_count"], ["stars", *dims]  # "star rating breakdown": reviews per star rating
    # "rating from verified buyers only", "how many reviews without text": the reviews that hold it (#18)
    subset = review_subset(question) if reviews_only else {}
    if reviews_only and verified_against_unverified(question) and "verified" not in dims:
        dims = ["verified", *dims]  # "are verified buyers happier than unverified ones": each, side by side
    if subset.get("stars") == ["no rating"] and metrics and metrics[0] == "avg_rating":
        metrics = ["review_count"]  # "share of reviews with no rating": those reviews, not their (absent) rating
    metrics = with_companions(metrics)
    if metrics and metrics[0] == "customers" and _NEW_OF_THEM.search(question):
        metrics = ["new_customers", *metrics]  # "how many customers bought, and how many were new"
    if metrics and metrics[0] == "returning_customer_revenue_share":  # the share, and the money it is
        metrics = ["returning_customer_revenue_share", "returning_customer_revenue"]
    elif metrics and metrics[0] == "new_customer_revenue_share":
        metrics = ["new_customer_revenue_share", "new_customer_revenue"]
    elif metrics and metrics[0] == "new_customer_revenue" and _RETURNING.search(question) or (
            _NEW_AND_RETURNING.search(question) and _MONEY_WORD.search(question)):
        # "new vs returning revenue", "new vs returning customer revenue", "revenue from new vs returning customers":
        # both groups' money (before: one of them, or how many customers each group was)
        metrics = ["new_customer_revenue", "returning_customer_revenue"]
    elif "new_customers" in metrics:  # "new vs returning customers": each, of all who bought in the period
        metrics = ["new_customers", "returning_customers", "customers"] if _RETURNING.search(question) \
            else ["new_customers", "customers"]
    elif metrics and metrics[0] == "returning_customers":  # "how many returning customers": had bought before
        metrics = ["returning_customers", "customers"]
    if _PER_CUSTOMER.search(question) and metrics and set(metrics) <= {"revenue", "customers"}:
        metrics = ["revenue", "customers"]  # "average revenue per customer": the ratio of the two
        reading.per_customer = True
    elif not dims and grain is None and (ratio := _per_ratio(question, metrics)) is not None:
        metrics = ratio  # "discount per order", "how much do we make per unit": the first over the second
        reading.per_metric = ratio[1] if len(ratio) == 2 else None
    if metrics and metrics[0] == "returned_units" and re.search(lx.CANCELLED, question, re.I) \
            and _MONEY_LOST.search(question):
        metrics = ["refunds", *metrics[1:]]  # "how much revenue did we lose to cancellations": the money
    elif not dims and grain is None and not NET_OF.search(question) and (returns_read := returns_counted(
            question, metrics, index.vocabulary.sales_columns if index is not None else None)) is not None:
        metrics = returns_read  # "how many returns": the returns made, the units and the refunds (``returns_count``)
    if metrics and metrics[0] in _PROMOTED_PART and not dims and _OFF_PROMOTION.search(question):
        # "units that weren't on promotion", "full-price revenue": the figure less its part on promotion
        metrics = list(_PROMOTED_PART[metrics[0]])
        reading.net_of = True
    elif metrics and metrics[0] in _PROMOTED_PART and (dims or grain) and _OFF_PROMOTION.search(question):
        # "top products at full price", "full-price units by channel": ranked (broken down) on the lines off
        # promotion, not every line: the lines' promotion is a filter of the query
        metrics = [_PROMOTED_PART[metrics[0]][0], *metrics[1:]]
        subset = {**subset, "promotion": ["full price"]}
    elif NET_OF.search(question) and metrics and metrics[0] in ("revenue", "units") and not dims:
        # "revenue excluding returns", "units sold not counting returns": the first less what went back
        metrics = ["revenue", "refunds"] if metrics[0] == "revenue" else ["units", "returned_units"]
        reading.net_of = True
    elif dims and metrics and (net := NET_OF.search(question)) and not re.search(r"discount", question, re.I) \
            and metrics[0] in ("revenue", "net_revenue", "units"):
        # "top 5 SKUs by units excluding returns", "top products by revenue net of refunds": ranked by the net figure,
        # the gross and what went back beside it (before: ranked by the gross)
        metrics = ["net_units", "units", "returned_units"] if metrics[0] == "units" or re.search(
            r"\b(?:quantity|qty|units|items)\b", net.group(0), re.I) else ["revenue_less_refunds", "revenue", "refunds"]
    if len(metrics) >= 2 and (rate := _RATE_METRIC.get((metrics[0], metrics[1]))) is not None \
            and _AS_PERCENT_OF.search(question):
        metrics = [rate]  # "returns as a percentage of units sold": the return rate, not the two figures
    limit = _threshold(question)
    if metrics and metrics[0] == "days_of_cover" and (cover := _cover_threshold(question)) is not None:
        limit = cover  # "which SKUs have less than a week of stock": those whose cover is under 7 days
    if limit is None and metrics and metrics[0] == "avg_rating" and (rated := _RATING_LIMIT.search(question)):
        word = rated.group("op").lower()
        num = rated.group("num").lower()
        limit = ("below" if word in ("under", "below", "less than", "lower than") else
                 "at_least" if word == "at least" else "above",
                 float({"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}.get(num) or num), False)
    value_range = order_value_metrics(question, limit)
    if value_range is not None:  # "orders over $100": each order's value, summed over its lines
        metrics = value_range[0]
        dims, limit = [d for d in dims if d != "sku"], None
    if limit is None and metrics and _DAYS_COUNTED.search(question) and _NONE_ON_DAYS.search(question):
        money = metrics[0] in ("revenue", "net_revenue")  # "how many days had no ebay orders": those under one
        limit = ("below", 0.01 if money else 1.0, money)
    if limit is not None and _DAYS_COUNTED.search(question):
        dims, grain = ["date"], "day"  # "how many days last month did we make more than 20k": the days above it
    elif limit is not None and not dims and (counted := _COUNTED_DIM.search(question) or _LEADING_DIM.search(question)):
        # "how many categories had more than 100k revenue", "products that made under $100": those above (below) it
        dims = [d for d, rx in lx.DIMENSION_WORDS if rx.fullmatch(counted.group(1))][:1]
    if limit is not None and metrics and metrics[0] == "negative_review_share" and not limit[2]:
        # "products with more than 3 negative reviews": a number of reviews (a percentage is no threshold here)
        metrics = ["negative_reviews", *[m for m in metrics[1:] if m != "negative_reviews"]]
    if limit is not None and dims and _threshold_fits(limit, metrics[0]):
        reading.threshold = (limit[0], limit[1])
    missing = _missing_columns(metrics, index) or (
        _missing_columns(["customers"], index) if reading.per_customer else None) or (
        _missing_columns(metrics[1:], index) if reading.net_of else None)
    if missing:
        reading.kind, reading.concept, reading.needed = "unanswerable", lx.METRIC_NOUNS[metrics[0]], missing
        return reading
    if today is None:
        reading.kind = "unanswerable"
        reading.concept = lx.METRIC_NOUNS[metrics[0]]
        reading.needed = f"{kinds[0].value.replace('_', ' ')} data {NONE_UPLOADED}"
        return reading
    reading.kind = "metric"
    reading.agent_intents = intents
    if {"new_customers", "returning_customers"} & set(metrics) and firsts:
        reading.notes.append(f"A new customer is one whose first purchase in your sales data (from "
                             f"{fmt_day(min(firsts))}) falls in the period; a returning one had bought before it.")
    if {"returned_units", "refunds", "return_rate"} & set(metrics) and re.search(
            lx.CANCELLED + r"|cancell?ed", question, re.I):
        reading.notes.append("Cancellations are counted as returns: lines an export writes as negative (a cancelled "
                             "invoice) are returns; lines it marks Cancelled were never sales and are not counted.")
    # "is the rating trending down?", "rating trajectory lately": which way it moved (the recent reviews against as
    # many days before), not a chart by month, unless a grain is named ("month by month")
    query_text = lx.TREND.sub("direction", question) if sentiment_change and grain is None else question
    _build_query(reading, query_text, tenant_id, metrics, matches, dims, grain, time, today,
                 min(firsts) if firsts else None, index, stars.values if stars is not None else None, subset)
    if reading.query is not None and metrics[1:2] == ["returned_units"] and metrics[0] == "returns_made" \
            and (reading.query.compare or reading.query.dimensions):
        # "returns this month vs last": a comparison (breakdown) of returns stays the units, as every round's
        reading.query = reading.query.model_copy(update={"metrics": ["returned_units"]})
    if reading.ranked is not None and reading.query is not None:
        reading.query = reading.query.model_copy(update={"limit": None})  # its place among all of them
    if size is not None and reading.query is not None and size.kind == "at_least":
        reading.query = reading.query.model_copy(update={"order_units_at_least": size.at_least,
                                                         "order_units_at_most": size.at_most})
    if value_range is not None and reading.query is not None:
        reading.query = reading.query.model_copy(update={"order_value_above": value_range[1],
                                                         "order_value_below": value_range[2]})
    if reading.query is not None and "percentile_order_value" in reading.query.metrics:
        reading.query = reading.query.model_copy(update={"percentile": asked_percentile(question)})
    q = reading.query
    if len(time.each) > 1 and q is not None and "date" not in q.dimensions and q.compare is None:
        # "what did we make this week and last week": the same question for each period, in the order named
        reading.query = q.model_copy(update={"time_range": time.each[0]})
        reading.parts = [reading.model_copy(update={"query": q.model_copy(update={"time_range": r}), "parts": []})
                         for r in time.each[1:]]
    return _with_whole_period_named(reading, question)


#: "how many reviews", "review volume": the reviews counted, even when two products' reviews are compared.
_COUNTED_REVIEWS = re.compile(r"\bhow many\b|\bnumber of\b|\bcount\w*|\bvolume\b|\b(?:most|more|fewer|less) reviews\b",
                              re.I)
#: "this month vs last month": the period before named as a whole one.
_NAMED_BEFORE = re.compile(r"\b(?:last|previous|prior)\s+(?P<unit>week|month|quarter|year)\b", re.I)


def _with_whole_period_named(reading: Reading, question: str) -> Reading:
    """A review count or rating so far set against the same days before, and the whole period the question named.

    "Review volume this month vs last month" 3 days into December compares 1-3 Dec with 1-3 Nov (like for like),
    and says November in full too: a few days of reviews against a few days says little, and the question named the
    month. Sales keep the like-for-like answer alone (their days are full of orders).
    """
    q = reading.query
    named = _NAMED_BEFORE.search(question)
    if q is None or q.time_range is None or q.compare != "previous_period_to_date" or named is None \
            or _SO_FAR.search(question) or reading.parts \
            or not all(lx.METRIC_KINDS[m] == DataKind.REVIEWS for m in q.metrics):
        return reading
    unit = cast(Unit, named.group("unit").lower())
    s, e = last_complete(q.time_range.end, unit)
    name = {"year": str(s.year), "month": f"{s:%B %Y}", "quarter": f"Q{(s.month - 1) // 3 + 1} {s.year}",
            "week": "last week"}[unit]
    whole = reading.model_copy(deep=True, update={"lead": f"For the whole {unit} before, ", "parts": []})
    assert whole.query is not None
    whole.query.time_range, whole.query.compare, whole.query.baseline = make_range(s, e, name), None, None
    reading.parts = [whole]
    return reading


def _per_ratio(question: str, metrics: list[MetricName]) -> list[MetricName] | None:
    """The metrics of "<metric> per <order/unit/customer>": one that computes the ratio, else the two to divide."""
    per = _PER_NOUN.search(question) or _AVERAGE_ON_ORDERS.search(question) or _ONE_OF_THEM_DOES.search(question)
    if per is None or not metrics:
        return None
    by = _PER_METRIC[per.group(1).lower().rstrip("s")]
    first = next((_PER_NUMERATOR[m] for m in metrics if m != by and m in _PER_NUMERATOR), None)
    if first is None or first == by:
        return None
    return [_RATIO_METRIC[(first, by)]] if (first, by) in _RATIO_METRIC else [first, by]


def _only_names_and_period(question: str, matches: list[EntityMatch], periods: list[tuple[int, int]]) -> bool:
    """Whether ``question`` is a channel, category or brand name and a period alone ("ebay lw?", "kitchen Q3")."""
    named = [m for m in matches if m.kind in ("channel", "category", "brand")]
    if not named or len(named) != len(matches) or not periods:
        return False
    rest = list(question)
    for start, end in [m.span for m in named] + periods:
        rest[start:end] = " " * (end - start)
    return not re.search(r"\w", "".join(rest))


def _build_query(reading: Reading, question: str, tenant_id: str, metrics: list[MetricName],  # noqa: C901
                 matches: list[EntityMatch], dims: list[DimensionName], grain: Grain | None, time: TimeReading,
                 today: date, first: date | None, index: VocabularyIndex | None,
                 stars: list[str] | None = None, subset: Mapping[str, list[str]] | None = None) -> None:
    """Fill ``reading.query`` and ``reading.shape`` from the pieces the reader found.

    ``stars``: the star ratings of the reviews counted ("1 star" ... "5 stars"), when the question names them.
    """
    filters: dict[DimensionName, list[str]] = {"stars": stars} if stars else {}
    for held, values in (subset or {}).items():  # what each review holds: verified, with text, rated
        filters.setdefault(cast(DimensionName, held), list(values))
    excluded: dict[DimensionName, list[str]] = {}
    phrases: dict[DimensionName, int] = {}  # how many of the question's phrases named each dimension's values
    said_as: dict[DimensionName, list[tuple[str, tuple[str, ...]]]] = {}  # each phrase said and its values
    last_excluded = -1
    for m in sorted(matches, key=lambda x: x.span):
        kept = _resolve_kind(m, metrics, matches)
        if kept is None:
            continue
        dim: DimensionName = "sku" if kept.kind == "product" else kept.kind
        before = question[:kept.span[0]]
        if (_EXCLUDING.search(before) and not (kept.kind in ("product", "sku") and _NON.search(before))) or (
                last_excluded >= 0 and _LISTED_AFTER.match(question[last_excluded:kept.span[0]])):
            # "which country outside the UK", "excluding eBay and POS": all but those names
            last_excluded = kept.span[1]
            excluded.setdefault(dim, [])
            excluded[dim] += [v for v in kept.values if v not in excluded[dim]]
            continue
        filters.setdefault(dim, [])
        filters[dim] += [v for v in kept.values if v not in filters[dim]]
        phrases[dim] = phrases.get(dim, 0) + 1
        said_as.setdefault(dim, []).append((question[kept.span[0]:kept.span[1]], kept.values))
        if kept.kind in ("product", "sku") and index is not None:
            for v in kept.values:
                reading.labels[v] = index.title(v)
            if len(kept.values) > 3:  # "blenders": said as the merchant said it, with how many products
                reading.names["sku"] = f"{kept.label} ({len(kept.values)} products)"
    rng = time.range
    if rng is None and not time.compare and not time.all_time and _RECENTLY.search(question) and metrics and all(
            lx.METRIC_KINDS[m] == DataKind.REVIEWS for m in metrics) and "date" not in dims and grain is None:
        # "which products have the most 1-star reviews recently?": the last 90 days (the sentiment agent's recent
        # window), not every review since the first
        rng = make_range(today - timedelta(days=RECENT_REVIEW_DAYS - 1), today, f"the last {RECENT_REVIEW_DAYS} days")
    if rng is not None and not time.compare and _NOW.search(question) and rng.label.startswith("the last") \
            and metrics and all(lx.METRIC_KINDS[m] == DataKind.INVENTORY for m in metrics):
        rng = None  # "what's in stock right now": the latest count, not a 30-day window of counts
    if _asks_observed_now(question, metrics, time, rng):
        # "our price index right now", "X's current price index": the latest day's, as "today" (a day without
        # competitor prices is read on the latest one with them), not the 30-day mean
        rng = TimeRange(start=today, end=today, label=f"the latest day in your data ({fmt_day(today)})")
    reading.period_stated = rng is not None
    compare = time.compare
    trending = bool(_TRENDING_ITEMS.search(question)) and dims == ["sku"]
    decline = _DECLINE_RANK.search(question)
    growth = _GROWTH_RANK.search(question) or (trending and not decline)
    by_change = bool(growth or decline) and bool(dims) and dims[0] != "date"
    if by_change and compare is None:
        compare = "previous_period"  # "which category grew the most": against the period before
    if trending and rng is None:
        rng = make_range(*rolling(today, RECENT_DAYS, "day"), f"the last {RECENT_DAYS} days")
    change = bool(lx.CHANGE.search(question)) and not dims
    if compare is None and change and re.search(
            r"\b(?:grow\w*|grew|chang\w*|up or down|increas\w*|decreas\w*|declin\w*|drop\w*|fell|fall\w*|r[io]se|"
            r"risen|improv\w*|wors\w*|difference|delta|(?:gone|went|going|go|come|came) (?:up|down)|(?:compared?|vs\.?|"
            r"versus|against)\s+(?:to\s+|with\s+)?(?:the\s+)?(?:\w+\s+){0,3}(?:before|prior|previous|preceding|"
            r"earlier))\b", question, re.I):
        compare = "previous_period"
    if compare is not None and not time.explicit_compare and (_THAN.search(question) or _THAN_APART.search(
            question)) and any(
            len(v) > 1 for d, v in filters.items() if d not in ("sku", "weekday", "stars")):
        compare = None  # "are Amazon reviews worse than web reviews?": one against the other, not over time
    # "have sales been dropping?", "is revenue trending up": the recent run against the same days before it
    # "are we making more money these days?": "these days" is the same recent run, so the trend's comparison stands
    # ("are sales up these days?": a yes/no of one way, with no verb of movement, asks the same)
    now_only = _says_only_now(question, time)
    moving = (rng is None or now_only) and time.compare is None and not dims and grain is None and (
        asks_recent_trend(question) or (now_only and metrics and asked_way(question, metrics[0]) is not None)) \
        and all(lx.METRIC_KINDS[m] == DataKind.SALES for m in metrics)
    if rng is None and _STOPPED.search(question) and dims[:1] in (["sku"], ["brand"], ["category"]):
        rng = make_range(*rolling(today, RECENT_DAYS, "day"), f"the last {RECENT_DAYS} days")
    if moving:
        rng = make_range(*rolling(today, RECENT_DAYS, "day"), f"the last {RECENT_DAYS} days")
        compare, reading.period_stated = "previous_period", False
    if compare is not None and rng is None and time.compare_unit is None and all(
            lx.METRIC_KINDS[m] == DataKind.REVIEWS for m in metrics):
        rng = change_period(time, today).range  # "is X getting worse reviews?": a month holds too few reviews
        reading.period_stated = False
    if compare is not None and rng is None:
        unit = time.compare_unit or "month"  # "week over week": last week against the week before
        s, e = last_complete(today, unit)
        rng = make_range(s, e, f"{s:%B %Y}" if unit == "month" else f"last {unit}")
        if compare == "previous_period" and time.compare_unit in ("month", "quarter") and _SO_FAR.search(question):
            s = period_containing(today, time.compare_unit)[0]  # "how are we tracking vs last month": so far
            name = f"{s:%B %Y}" if unit == "month" else f"Q{(s.month - 1) // 3 + 1} {s.year}"
            # on its last day the period is whole: compared with the whole one before, and said so
            rng = make_range(s, today, name if today == period_containing(today, unit)[1] else f"{name} to date")
        reading.period_stated = False
    trend = bool(lx.TREND.search(question)) and not moving
    if grain is not None or (trend and not dims):
        dims = ["date", *[d for d in dims if d != "date"]]
    if rng is None:
        ranked = bool(lx.TOP.search(question) or lx.BOTTOM.search(question))
        if "date" in dims and grain in ("day", "week") and not time.all_time and not ranked:
            days = 30 if grain == "day" else 7 * 26
            start = max(first or today, today - timedelta(days=days - 1))
            rng = make_range(start, today, f"the last {days} days" if grain == "day" else "the last 26 weeks")
        else:
            rng = _default_range(metrics, today, first)
            if "date" in dims:
                rng = _whole_buckets(rng, grain or _auto_grain(rng))
    if "date" in dims and grain is None:
        grain = _auto_grain(rng)
    # "YoY growth by month", "each month vs the same month last year": every month against its year-earlier one
    year_on_year = dims == ["date"] and compare == "previous_year" and grain in YEAR_ON_YEAR_GRAINS
    if year_on_year and time.range is None:  # no period named: the latest year of months with one a year before
        rng = year_on_year_range(today, first, cast(Grain, grain))
        reading.period_stated = False
    if compare == "previous_period" and rng.label.startswith(("last weekend", "this weekend")):
        compare = "previous_week"  # "last weekend vs the weekend before": the same Saturday and Sunday a week back
    elif compare == "previous_period" and rng.start.weekday() == 0 and rng.days < 7 and \
            rng.label.startswith("this week"):
        compare = "previous_week"  # "this week so far vs last week": Monday to today against the same weekdays
    elif compare == "previous_period" and "to date" in rng.label and to_date_months(rng) is not None:
        compare = "previous_period_to_date"  # "this month so far vs last month": 1-14 Dec against 1-14 Nov
    # "Q3 vs Q2" 14 days into Q3: the same days of the quarter before (1-14 Apr), not of the month before
    same_days = same_days_before(rng) if compare == "previous_period_to_date" else None
    if len(time.weekdays) == 7:
        if "weekday" not in dims:  # "weekends vs weekdays": each day of the week, the answer adds up both
            dims = [*dims, "weekday"]
    elif time.weekdays:
        filters["weekday"] = time.weekdays
        if len(time.weekdays) > 1 and "weekday" not in dims and _DAY_VERSUS.search(question):
            dims = [*dims, "weekday"]  # "Saturday vs Sunday revenue": each day's
    if (clock := hours_asked(question)) is not None:
        filters["hour"] = clock  # "before noon", "after 6pm", "in the evening": the hours of the day kept
    # two or more names of the same kind ("Amazon vs eBay") -> one value each; their share together ("what
    # percentage of revenue came from Apparel and Outdoor") is one share of the total
    together = bool(_TOGETHER.search(question)) and not dims and not lx.CHANGE.search(question) \
        and not re.search(r"\b(?:split|mix|each|respectively|or)\b", question, re.I)
    for dim, values in filters.items():
        # "online revenue": one phrase naming several channels is one slice of them, not each compared
        if len(values) > 1 and dim not in dims and dim not in ("sku", "weekday", "stars", "hour") and not together \
                and phrases.get(dim, 0) != 1:
            dims.append(dim)
            if METRICS[metrics[0]].additive:  # "online vs pos": two sides, one of them several channels
                reading.sides = grouped_sides(question, said_as.get(dim, []))
    if "sku" not in dims and all(lx.METRIC_KINDS[m] == DataKind.REVIEWS for m in metrics) and sum(
            1 for m in matches if m.kind in ("sku", "product")) > 1:
        dims.append("sku")  # "compare reviews of A and B": each product's, not one figure for both
        if metrics == ["review_count"] and not stars:
            # their reviews compared: how rated, then how many ("how many reviews do A and B have": the count)
            metrics = ["review_count", "avg_rating"] if _COUNTED_REVIEWS.search(question) else ["avg_rating",
                                                                                             "review_count"]
    named = [m for m in matches if m.kind in ("sku", "product")]
    if "sku" not in dims and len(named) > 1 and all(len(m.values) == 1 for m in named) and not together \
            and _NAMED_VERSUS.search(question):
        dims.append("sku")  # "the Phone Stand vs the Frying Pan", "which sold more, A or B": each product's
    shape: Shape = "value"
    focus: DimensionFilter | None = None
    primary = metrics[0]
    # "what share of reviews for X are negative": the metric is the share already, not X's share of a total
    share = bool(lx.SHARE.search(question)) and not (primary in REVIEW_SHARES and stars is None)
    if share and not dims:
        candidates = sorted((d for d in filters if d != "weekday"), key=lambda d: d != "stars")
        if candidates:
            d = _slice_of_share(question, candidates, matches)
            focus = DimensionFilter(dimension=d, values=filters.pop(d))
            dims = [d]
    limit: int | None = None
    order_by: MetricName | None = None
    descending = True
    n_asked = _limit(question)
    single = bool(lx.SINGULAR_PICK.search(question)) and (n_asked is None or n_asked == 1) and (not (
        dims and _PLURAL_DIMS.get(dims[0]) is not None and _PLURAL_DIMS[dims[0]].search(question))
        or bool(_ONE_OF.search(question)))
    breakdown_words = bool(re.search(r"\b(?:breakdown|break\s+down|broken\s+down|split|per|by|each|across)\b",
                                     question, re.I))
    ranking = bool(dims) and (bool(lx.TOP.search(question) or lx.BOTTOM.search(question)) or single
                              or _limit(question) is not None
                              or (bool(re.search(r"\bwhich\b", question, re.I)) and not breakdown_words)
                              or _weighs_two(question, filters.get(dims[0], [])))
    if dims and dims[0] != "date" or (dims and ranking):
        descending = not _is_bottom(question)
        if primary in _MORE_IS_WORSE and (judged := _WORST_OR_BEST.search(question)):
            descending = bool(judged.group("worst"))  # "the worst return rate": the highest
        order_by = primary
        n = _limit(question)
        if reading.threshold is not None:  # "which products sold over 100 units": every one above it
            shape, limit = "ranking", None
            descending = reading.threshold[0] != "below"
        elif n is not None:
            limit = n + 1 if dims[0] != "date" else n  # one spare row: a group without a name is dropped
        elif ranking and dims[0] == "sku":
            limit = 2 if single else _DEFAULT_TOP + 1
        if reading.threshold is None:
            shape = "ranking" if ranking else "breakdown"
    elif dims:
        shape = "trend"
    if focus is not None:
        shape = "share"
    if _DISTINCT.search(question) and dims and reading.threshold is None:
        shape, order_by, limit = "count", None, None
    if shape == "trend" and metrics[:1] == ["avg_rating"] and "review_count" not in metrics and dims == ["date"]:
        # a rating's direction weighs each month by its reviews; a week's few reviews are pooled (sparse_ratings)
        metrics = [*metrics, "review_count"]
    reviewed = products_reviewed(question) if metrics == ["review_count"] and dims == ["sku"] else None
    negative = products_with_negative(question) if set(metrics) & {"negative_review_share", "negative_reviews"} \
        else None
    if negative is not None and (not dims or dims == ["sku"]):
        # "how many products have no negative reviews": each product's negative and all reviews, counted; the
        # metric first is what a product must have (at least one negative review; or a review, and no negative)
        metrics = ["negative_reviews", "review_count"] if negative == "with" else ["review_count", "negative_reviews"]
        dims, primary, shape, order_by, limit, compare = ["sku"], metrics[0], "count", None, None, None
    elif reviewed is not None:  # the catalogue's products with (without) a review: every product read, as "unsold"
        shape, order_by, limit = ("unsold" if reviewed == "unreviewed" else "count"), None, None
    elif _UNSOLD.search(question) and dims and dims[0] in ("sku", "brand", "category"):
        # "which brands didn't sell last month": the catalogue's brands (categories) that sold nothing
        shape, order_by, limit, metrics = "unsold", None, None, ["units"]
        primary = "units"
    share_total = (share or shape in ("ranking", "breakdown")) and primary in _ADDITIVE and bool(dims) \
        and dims[0] != "date"
    if shape == "ranking" and dims[0] == "date":
        limit = limit or (1 if lx.SINGULAR_PICK.search(question) and reading.threshold is None else None)
    if by_change and shape in ("ranking", "breakdown"):
        shape, order_by, descending = "ranking", primary, bool(growth)
        if limit is None and dims[0] == "sku":
            limit = 2 if single else _DEFAULT_TOP + 1
    if shape == "ranking" and primary in ("avg_rating", "negative_review_share") and dims[0] == "sku" \
            and not by_change:
        # "which products get the best reviews": a product with one 5-star review is no answer; all products are
        # read with their review counts and the ranking keeps those with enough reviews
        metrics = [primary, "review_count"]
        reading.min_reviews = MIN_RANKED_REVIEWS
        show = (limit - 1) if limit is not None else _DEFAULT_TOP
        limit = None
    elif shape == "ranking" and primary in ("avg_rating", "negative_review_share") and dims[0] == "sku":
        # "which product's rating fell the most": a product rated 2.5 on two reviews then 1.0 on one is no answer;
        # the change ranking keeps the products with enough reviews in both periods (compose says the rule)
        metrics = [primary, "review_count"]
        reading.min_reviews = MIN_CHANGED_REVIEWS
        show = (limit - 1) if limit is not None else _DEFAULT_TOP
        limit = None
    if shape == "ranking" and dims[0] == "date" and grain in ("week", "month", "quarter", "year"):
        # "worst month this year" on 4 Dec: the whole months, not December's four days
        last_start, last_end = period_containing(rng.end, grain)
        first_start, first_end = period_containing(rng.start, grain)
        # "the worst week this year": not 1-4 Jan, the end of a week that started in December
        start = first_end + timedelta(days=1) if first_start < rng.start and first_end < rng.end else rng.start
        end = last_start - timedelta(days=1) if rng.end < last_end and last_start > start else rng.end
        if (start, end) != (rng.start, rng.end) and end > start:
            rng = make_range(start, end, f"the whole {grain}s of {rng.label.split(' (')[0]}")
    reading.query = MetricQuery(
        tenant_id=tenant_id, metrics=metrics[:4], dimensions=dims[:3], grain=grain if "date" in dims else None,
        time_range=rng, filters=[DimensionFilter(dimension=d, values=v[:200]) for d, v in filters.items() if v]
        + [DimensionFilter(dimension=d, op="not_in", values=v[:200]) for d, v in excluded.items() if v],
        compare=compare if shape in ("value", "breakdown", "ranking") or (year_on_year and shape == "trend") else None,
        order_by=order_by,
        baseline=same_days if same_days is not None and shape in ("value", "breakdown", "ranking") else
        time.baseline if compare is not None and compare == time.compare and shape in (
            "value", "breakdown", "ranking") else None,
        order_by_change=by_change and shape == "ranking", descending=descending, limit=limit,
        share_of_total=share_total)
    if _PER_DAY.search(question) and shape == "value" and primary in _ADDITIVE:
        reading.per_day = True
    elif (per := _PER_UNIT.search(question)) and shape == "value" and primary in _ADDITIVE:
        reading.per_unit = cast(Literal["week", "month", "fortnight"], next(g for g in per.groups() if g).lower())
    elif _ANNUALISED.search(question) and shape == "value" and primary in _ADDITIVE and compare is None:
        reading.annualised = True  # "annualised revenue based on the last 90 days": its pace over a year
    if share and shape == "ranking" and n_asked and dims[0] != "date" and primary in _ADDITIVE:
        reading.top_share = True  # "what percent of revenue came from the top 10 products": their share together
    reading.shape = shape
    reading.focus = focus
    reading.data_starts = first
    reading.show = (limit - 1 if dims and dims[0] != "date" else limit) if limit is not None else None
    if shape == "ranking" and single and dims[0] != "sku":
        reading.show = 1
    if reading.min_reviews is not None:
        reading.show = 1 if single else show


#: Words that put the name after them out of the question ("outside the UK", "excluding Amazon").
_EXCLUDING = re.compile(r"(?:\b(?:outside(?: of)?|excluding|exclude|except(?: for)?|other than|apart from|besides|"
                        r"not counting|not including|leaving out|ignoring|without|"
                        r"(?:everything|all|anything)(?:\s+\w+)? but|minus|but not)\s+"
                        r"(?:(?:on|in|from|at|via|through)\s+)?(?:the\s+)?|\bnon-?\s*|"
                        r"\bnot\s+(?:on|in|from|at|via|through)\s+(?:the\s+)?|"
                        # "orders that weren't from amazon", "revenue that didn't come through ebay": a negated verb
                        # before the name leaves it out as "excluding" does ("products that weren't sold on amazon"
                        # keep amazon: the products unsold there)
                        r"\b(?:(?:is|are|was|were|did|do|does|has|have|had)n'?t|not|never)\s+(?:(?:been\s+)?(?:come|came|"
                        r"coming|placed|made|booked)\s+)?"
                        r"(?:on|in|from|at|via|through)\s+(?:the\s+)?)$", re.I)
#: "non-" before a name: a channel, category or brand left out ("non-amazon"), never a product's own word ("Non-Stick").
_NON = re.compile(r"\bnon-?\s*$", re.I)
#: A name listed after an excluded one ("excluding eBay and POS"): excluded too.
_LISTED_AFTER = re.compile(r"^\s*(?:,|and|or|&|nor|,\s*and|,\s*or)\s*(?:the\s+)?$", re.I)


#: "which has fewer 5-star reviews, A or B?", "which sold less": a comparative asking for the smaller of the names
#: ("fewer than 5" is a threshold, not a direction).
_SMALLER = re.compile(r"\b(?:fewer|less|lower)\b(?!\s+than\b)", re.I)


#: "did A or B get more 2-star reviews?", "is eBay or Amazon bigger": a comparative between two names joined by "or".
_COMPARATIVE = re.compile(r"\b(?:more|fewer|less|bigger|larger|smaller|greater|higher|lower|better|worse)\b"
                          r"(?!\s+than\b)", re.I)


def _weighs_two(question: str, named: Sequence[str]) -> bool:
    """Whether a yes/no question weighs two names of one kind against each other, as "which ..., A or B?" does.

    "did A or B get more 2-star reviews?" asks which of the two, so it is ranked (the larger said first), not each
    one's figure listed in the order named.
    """
    return len(named) == 2 and bool(re.search(r"\bor\b", question, re.I)) and bool(_COMPARATIVE.search(question))


def _is_bottom(question: str) -> bool:
    bottom = [m.start() for m in (*lx.BOTTOM.finditer(question), *_SMALLER.finditer(question))]
    top = [m.start() for m in lx.TOP.finditer(question)]
    return bool(bottom) and (not top or min(bottom) < min(top))
