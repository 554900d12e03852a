"""Follow-up questions ("and the month before?", "what about Amazon?", "and by channel?") reuse the last reading.

A question that leans on the turn before takes the previous turn's metric query and changes only what it names:
the period (or a shift of the previous period: "the month before", "and last year?"), a comparison ("how does
that compare to the month before", "why?"), names (a new channel replaces the previous channel filter, "excluding
Amazon" drops it), the metric (period, filters and ranking kept), the breakdown ("break that down by channel",
"by month"), the ranking's size or direction ("top 3 instead", "show the bottom ones") or the items the previous
answer listed ("what about the second one", "how much stock do we have of those"; "it" after an answer naming one).
A question about the answer itself ("what's that per day?", "is that good?", "what share of the total is that?",
"as a chart") changes the reading in one field (``shared.questions.answer_refs``); a correction ("sorry, October not
September") drops the alternative it turns down before it is read; a question naming nothing after one product
("how many do we have in stock?", "when do we run out?") is about that product.

A question leans on the turn before when it opens with a follow-up word ("and", "what about", "same for"), points
back ("that", "those", "it", "instead", "why?"), or is a fragment (a few words without a question word that do not
name both a measure and a period). A discourse word ("ok,", "now,", "also,") is no follow-up cue: "ok, how many
customers do we have?" is a new question and inherits nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, timedelta
from typing import cast

from shared import regex as re
from shared.models.records import DataKind
from shared.questions.answer_refs import (
    Reference,
    additive,
    is_correction,
    meant,
    only_value,
    reference_to_answer,
    turned_down,
)
from shared.questions.date_order import TenantConventions, ambiguous_dates_read, tenant_day_first
from shared.questions.place_codes import code_note
from shared.questions.reading import NET_OF, Reading, find_dimensions, find_grain, find_metrics, with_companions
from shared.questions.timephrase import (
    TimeReading,
    Unit,
    last_complete,
    make_range,
    name_range,
    previous_range,
    resolve_time,
)
from shared.questions.vocabulary import PLACES, EntityMatch, VocabularyIndex
from shared.store.metrics.catalog import METRICS
from shared.store.metrics.compile import to_date_months
from shared.store.metrics.model import (
    Comparison,
    DimensionFilter,
    DimensionName,
    MetricName,
    MetricQuery,
    TimeRange,
)

#: Openings that continue the previous question ("and units?", "what about Amazon?", "same for October").
_OPENING = re.compile(r"^\s*(?:and|what about|how about|same (?:for|but)|and what about|what if (?:it was|we look at)"
                      r"|for)\b", re.I)
#: Discourse words before a question ("ok,", "now,", "also,", "thanks."): no cue either way, read what follows.
_DISCOURSE = re.compile(r"^\s*(?:(?:ok(?:ay)?|now|then|also|so|right|alright|great|cool|thanks|thank you|got it"
                        r"|perfect|nice)\b[\s,.!:;-]*)+", re.I)
#: Words that point back at the previous question or its answer ("how does that compare", "which of those",
#: "break it down", "top 3 instead", "why?").
_POINTS_BACK = re.compile(
    r"\b(?:those|them|the same)\b|\bthese\b(?!\s+days)|\binstead\b|\bthat(?:\s+one)?\s*[?.!]*\s*$"
    r"|\b(?:does|did|do|is|was|were|of|for|about|compare[sd]?|break|split|than|with|from|in|within)\s+(?:that|it|this"
    r"(?!\s+(?:day|week|weekend|fortnight|month|quarter|year|season|time|morning|afternoon)))\b"
    r"|(?<!are )(?<!is )\bthere\s*[?.!]*\s*$"
    r"|^\s*(?:just|only|excluding|exclude|except|without|not counting|minus|net of|break|split|why|how come)\b",
    re.I)
#: Openings of a ranking or breakdown ("top 3 instead", "by week", "show the bottom ones"): a follow-up when the
#: question does not name both a measure and a period ("top 5 products by revenue this year" is a new question).
_RESHAPES = re.compile(r"^\s*(?:by|per|top|bottom|(?:show(?:\s+me)?\s+)?the\s+(?:top|bottom|best|worst|highest"
                       r"|lowest)|show(?:\s+me)?\s+(?:the\s+)?(?:top|bottom|best|worst))\b", re.I)
#: A question word or auxiliary that opens a question of its own ("what's our return rate?").
_QUESTION_WORD = re.compile(r"^\s*(?:what|which|who|when|where|how|is|are|was|were|do|does|did|can|could|should"
                            r"|will|would|have|has|show|list|give|tell)\b", re.I)
_SHIFT = re.compile(r"\b(?:the )?(?:(month|quarter|week|year|period|day) before(?: that)?|previous (month|quarter|"
                    r"week|year|period)|prior (month|quarter|week|year|period)|(?:a|one) year (?:earlier|before|ago)"
                    r"|before that|last year)\b", re.I)
_COMPARE = re.compile(r"\b(?:compared?|vs\.?|versus|against|than|relative|(?:up|down)\s+(?:on|from|over|vs\.?))\b",
                      re.I)
#: The previous answer set against a period the question names ("is that more than September?", "how does it
#: compare with Q2?"): the previous period stays, the named one is its baseline.
#: "compare that with Home", "put it next to the kettle": the previous answer set beside what the question names.
_SET_BESIDE = r"\b(?:compare[sd]?|set|put|stack)\s+(?:that|it|this)\s+(?:with|to|against|next\s+to|beside)\b"
_SET_BESIDE_RX = re.compile(_SET_BESIDE, re.I)
_AGAINST_IT = re.compile(rf"\b(?:that|it|this)\b.*\b(?:compared?|compares|vs\.?|versus|against|than)\b|{_SET_BESIDE}",
                         re.I)
#: "and across all channels?": that kind of filter dropped.
_ALL_OF = re.compile(r"\ball\s+(?:the\s+|our\s+|my\s+)?(channels|marketplaces|stores|categories|brands|products"
                     r"|skus)\b", re.I)
_ALL_DIMENSION: dict[str, DimensionName] = {"channels": "channel", "marketplaces": "channel", "stores": "channel",
                                            "categories": "category", "brands": "brand", "products": "sku",
                                            "skus": "sku"}
#: Words asking for each value ("by all channels", "split across all stores"): "all" then is a breakdown.
_SPLIT = re.compile(r"\b(?:by|per|each|split|break\w*|respectively)\b", re.I)
#: "what about the other channels?": the values a filter left out.
_OTHER = re.compile(r"\bother\s+(channels|marketplaces|stores|categories|brands|products|skus)\b", re.I)
#: "and in total?", "overall?": every filter dropped, the period and measure kept.
_OVERALL = re.compile(r"^\s*(?:(?:and|what about|how about|ok|so)\s+)?(?:in\s+total|overall|total|altogether|all"
                      r"\s+together|for\s+everything|for\s+the\s+whole\s+(?:store|shop|business)|across\s+the\s+board"
                      r"|for\s+the\s+(?:store|shop|business))\s*[?.!]*\s*$", re.I)
#: "and the growth?", "which one grew the most?": against the period before (a ranking: by the change).
_GROWTH = re.compile(r"\b(?:growth|grow|grew|grown|growing|change[ds]?|increase[ds]?|decrease[ds]?|declined?"
                     r"|dropped|fell|rose)\b", re.I)
_LEAST = re.compile(r"\b(?:least|slowest|fell|dropped|declined?|decrease[ds]?|worst)\b", re.I)
#: "why?", "how come?": what changed against the period before.
_WHY = re.compile(r"^\s*(?:(?:but|and|so)\s+)?(?:why|how come)\b", re.I)
#: "top 3 instead", "the bottom 5", "show the bottom ones": a ranking's size and direction.
_RANK = re.compile(r"\b(?:(top|best|highest|biggest|first)|(bottom|worst|lowest|smallest|least))"
                   r"(?:\s+(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twenty))?\b", re.I)
_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
            "ten": 10, "twenty": 20}
#: Words before a name that leave it out ("excluding Amazon", "everything but eBay", "non-kitchen").
_LEFT_OUT = re.compile(r"(?:\b(?:excluding|exclude|except(?: for)?|other than|apart from|besides|not counting"
                       r"|not including|without|ignoring|leaving out|but not|outside(?: of)?|(?:everything|all) but)"
                       r"\s+(?:(?:on|in|from|at|via|through)\s+)?(?:the\s+)?|\bnon-?\s*|\bnot\s+(?:on|in|from|at|via)"
                       r"\s+(?:the\s+)?)$", re.I)
#: Verbs that take one listed item out of the list ("drop the top one", "remove the last one").
_DROP_ITEM = re.compile(r"\b(?:drop|remove|take\s+out|leave\s+out|minus|skip|hide|ignore)\s+(?:the\s+)?$", re.I)


def _leaves_out(before: str) -> bool:
    """Whether the words before an item ("exclude the", "drop the") take it out rather than keep it."""
    return bool(_LEFT_OUT.search(before) or _DROP_ITEM.search(before))
_NETTED: dict[str, list[MetricName]] = {"units": ["units", "returned_units"], "revenue": ["revenue", "refunds"]}
#: One item of the previous answer's list ("the second one", "number 3", "the top one").
_ORDINAL = re.compile(r"\b(?:the\s+)?(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|top|last"
                      r"|1st|2nd|3rd|4th|5th)\s+(?:one|product|item|sku|category|channel|brand)\b"
                      r"|\b(?:number|no\.?|#)\s*(\d{1,2})\b", re.I)
_ORDINALS = {"first": 1, "top": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4,
             "fifth": 5, "5th": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
#: Words of a question about the whole store ("our reviews", "which products", "in total"): it does not continue
#: the one product the turn before was about.
_STORE_WIDE = re.compile(r"\b(?:our|my|all|every|each|total|overall|altogether|store|shop|business|products|skus"
                         r"|items|catalog(?:ue)?|anything|everything|any)\b", re.I)
#: The previous answer's items as a group ("those", "them", "these").
_THOSE = re.compile(r"\b(?:those|them|these)\b(?!\s+days)", re.I)
#: The one item an answer named ("how many orders came from it?", "what about there?").
_IT = re.compile(r"\b(?:it|its|there|that\s+one|this\s+one)\b", re.I)
#: An amount over a group ("how much stock do we have of those"): one total, not each item.
_AMOUNT = re.compile(r"\bhow (?:much|many)\b", re.I)
#: How many a ranking shows when neither it nor the follow-up said ("show the bottom ones" after a breakdown).
_DEFAULT_SHOW = 5
#: A weekday named alone in a follow-up ("and Wednesday?", "what about Friday"): the latest one, as "on Wednesday".
_BARE_WEEKDAY = re.compile(r"(?<![\w-])(?<!last )(?<!this )(?<!on )(?<!next )(?<!past )(?<!previous )(?<!every )"
                           r"(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b(?!\s*(?:last|this|next|s\b))",
                           re.I)
#: Metrics read at a stock count: a follow-up that turns to one reads its own (latest) count, not a sales period.
_SNAPSHOT = frozenset(name for name, spec in METRICS.items() if spec.source is DataKind.INVENTORY)


def refers_to_items(question: str, previous: Reading | None = None) -> bool:
    """Whether ``question`` points at the items the previous answer listed ("the second one", "those").

    After an answer that named one item ("which category made the most?") "it" and "there" point at that item.
    """
    return bool(_ORDINAL.search(question) or _THOSE.search(question)) or (
        previous is not None and previous.show == 1 and bool(_IT.search(question)))


def leans_on_previous(question: str, *, names_metric: bool, names_period: bool) -> bool:
    """Whether ``question`` continues the turn before (an opening, a word pointing back, or a fragment).

    A fragment is a few words with no question word of its own that do not name both a measure and a period
    ("units?", "by month", "excluding returns"); "Revenue last week" names both and stands on its own.
    """
    rest = _DISCOURSE.sub("", question)
    if _OPENING.search(rest) or _POINTS_BACK.search(rest) or _ORDINAL.search(rest) or _SET_BESIDE_RX.search(rest):
        return True
    fragment = bool(_RESHAPES.search(rest)) or (len(rest.split()) <= 4 and not _QUESTION_WORD.search(rest))
    return fragment and not (names_metric and names_period)


def follow_up(current: Reading, previous: Reading, *, index: VocabularyIndex | None,  # noqa: C901 - one rule each
              extents: Mapping[DataKind, tuple[date, date]],
              listed: Callable[[Reading], list[str]] | None = None,
              conventions: TenantConventions | None = None) -> Reading | None:
    """The previous metric reading adapted to ``current``; ``None`` when ``current`` stands on its own.

    ``listed`` gives the previous answer's items in order (its ranking's names), asked only when the question
    points at them ("what about the second one", "which of those").
    """
    pq = previous.query
    if previous.kind != "metric" or pq is None or current.kind == "unanswerable":
        return None
    ref = reference_to_answer(current.question)
    if ref is not None:  # "what's that per day?", "as a chart": the answer just given, changed in one field
        return _on_answer(previous, pq, ref, current.question)
    question = meant(current.question)  # "sorry, October not September": September turned down, not read
    asked = question
    # "and 03/04?": the same date order as a first question (the tenant's way, said in the answer)
    question, date_lead = ambiguous_dates_read(question, tenant_day_first(
        index.vocabulary.currency, index.vocabulary.countries, conventions) if index is not None else
        tenant_day_first(None, (), conventions))
    as_of = previous.as_of or current.as_of or date.today()
    matches = index.find(question) if index is not None else []
    time = resolve_time(question, as_of, exclude=[m.span for m in matches if m.kind == "sku"])
    if time.range is None and _BARE_WEEKDAY.search(question):  # "and Wednesday?": the latest one, as "on Wednesday"
        time = resolve_time(_BARE_WEEKDAY.sub(r"on \1", question, count=1), as_of,
                            exclude=[m.span for m in matches if m.kind == "sku"])
    metrics, weak = find_metrics(question, [m.span for m in matches])
    leans = is_correction(current.question) or refers_to_items(question, previous) or leans_on_previous(
        question, names_metric=bool(metrics) and not weak, names_period=time.range is not None)
    words = len(question.split())
    if current.kind == "agent" and current.agent_intents != ["overview"] and listed is not None \
            and pq.dimensions[:1] == ["sku"] and refers_to_items(question, previous):
        return _agent_on_items(current, previous, listed, question)  # "which of those are low on stock?"
    own = current.kind == "metric" and current.query is not None
    product = _one_product(pq) if not matches and time.range is None and not _STORE_WIDE.search(question) else None
    if product is not None and not leans and current.kind == "agent" and current.agent_intents != ["overview"] \
            and not (current.skus or current.categories or current.brands or current.competitors):
        return current.model_copy(update={"skus": [product]})  # "when do we run out?" after one product: its own
    # "which channel had the least?": a metric reading by default alone (no measure, no period said) is elliptical;
    # "how many do we have in stock?" after one product names nothing else: that product's
    # "is revenue up on last year?": a comparison with no period of its own is of the previous period and slice
    leans = leans or (own and not metrics and time.range is None) or (own and product is not None) or (
        own and time.range is None and time.compare is not None)
    standalone = own or (current.kind == "agent" and current.agent_intents != ["overview"])
    if standalone and not (leans and words <= 10):
        return None
    if not leans and words > 8:
        return None
    update: dict[str, object] = {}
    extra: dict[str, object] = {}
    net = NET_OF.search(question)
    if net and pq.metrics[0] in _NETTED:
        update["metrics"] = _NETTED[pq.metrics[0]]
        extra["net_of"] = True
    elif metrics and not weak:
        update["metrics"] = with_companions(metrics)[:4]
        update["order_by"] = metrics[0] if pq.order_by is not None else None
        extra["net_of"] = False
    # "sorry, last year not last month": the period named replaces the one turned down, it does not shift it
    replaced = resolve_time(turned_down(current.question), as_of).range is not None
    _apply_time(update, time, question, pq.time_range, pq.compare, as_of, shift=not replaced)
    new_metrics = update.get("metrics")
    if isinstance(new_metrics, list) and "time_range" not in update and own and current.query is not None \
            and set(new_metrics) <= _SNAPSHOT and not set(pq.metrics) <= _SNAPSHOT:
        update["time_range"], update["compare"] = current.query.time_range, None  # "how much stock do we have"
    taken = [m.span for m in matches] + time.spans
    dims = find_dimensions(question, taken, [m.span for m in matches])
    if not _SPLIT.search(question):  # "and across all channels?": the filter dropped, one total, no breakdown
        dims = [d for d in dims if d not in {_ALL_DIMENSION[m.group(1).lower()] for m in _ALL_OF.finditer(question)}]
    grain = find_grain(question, taken)
    if grain is not None:
        dims = ["date", *[d for d in dims if d != "date"]]
        update["grain"] = grain
    if dims:
        update["dimensions"] = dims[:3]
        update["order_by"] = (update.get("metrics") or pq.metrics)[0]  # type: ignore[index]
        if dims[0] == "date":
            update["order_by"], update["limit"] = None, None
        elif own and current.query is not None and current.query.dimensions[:1] == dims[:1] \
                and current.shape == "ranking":  # "which brand sold the most there?": the question's own ranking
            update["limit"], update["descending"] = current.query.limit, current.query.descending
            extra["shape"], extra["show"] = "ranking", current.show
    filters = {f.dimension: f for f in pq.filters}
    ops = {f.dimension: f.op for f in (current.query.filters if current.query is not None else [])}
    ops |= {("sku" if m.kind == "product" else m.kind): "not_in" for m in matches
            if _LEFT_OUT.search(question[:m.span[0]])}
    labels = dict(previous.labels)
    against = _AGAINST_IT.search(question) is not None
    named_here: dict[DimensionName, list[str]] = {}  # the values this question names, by kind
    places = {m.kind for m in matches if m.kind in PLACES}
    for d in [d for d in filters if places and d in PLACES and d not in places]:
        del filters[d]  # "and in California?" after "the West region in Canada": one place, not three
    for m in matches:
        dim: DimensionName = "sku" if m.kind == "product" else m.kind
        if m.kind == "competitor" and any(x.span == m.span and x.kind == "channel" for x in matches):
            continue
        kept = filters.get(dim)
        if against and kept is not None and kept.op == "in" and ops.get(dim, "in") == "in":
            # "compare that with Home" after Kitchen: both side by side, each its own row
            values = [*kept.values, *[v for v in m.values if v not in kept.values]]
            filters[dim] = DimensionFilter(dimension=dim, values=values)
            update["dimensions"], update["order_by"], update["limit"] = [dim], None, None
            extra["shape"], extra["show"] = "breakdown", None
            if dim == "sku" and index is not None:
                labels.update({v: index.title(v) for v in values})
            continue
        values = list(m.values)
        if dim in named_here:  # "same for Home and Outdoor": both, each its own row; "excluding ebay and pos": both
            values = [*named_here[dim], *[v for v in values if v not in named_here[dim]]]
            if ops.get(dim, "in") == "in":
                update["dimensions"], update["order_by"], update["limit"] = [dim], pq.metrics[0], None
                extra["shape"], extra["show"] = "breakdown", None
        named_here[dim] = values
        filters[dim] = DimensionFilter(dimension=dim, op=ops.get(dim, "in"), values=values)
        if dim == "sku" and index is not None:
            labels.update({v: index.title(v) for v in m.values})
    if matches:
        update["filters"] = list(filters.values())
        if index is not None and (note := code_note(question, index.vocabulary.countries, index.vocabulary.states)):
            extra["notes"] = [*previous.notes, note]  # "and in CA?": which of California and Canada was read
    _apply_rank(update, extra, question, previous, pq)
    if listed is not None and pq.dimensions and pq.dimensions[0] != "date" and refers_to_items(question, previous):
        _apply_items(update, extra, labels, question, previous, listed, filters, index)
    _apply_drill(update, extra, question, previous, listed, filters)
    _apply_scope(update, question, filters, matches)
    if listed is not None and _WHY.search(question) and pq.order_by_change and not matches:
        _apply_mover(update, extra, labels, previous, listed, filters, index)
    _apply_change(update, extra, question, pq)
    if not update:
        return None
    if "time_range" in update:
        update["baseline"] = None  # a baseline the earlier question named belongs to its period
    rng = update.get("time_range", pq.time_range)
    if update.get("compare") == "previous_period" and isinstance(rng, TimeRange) and "baseline" not in update:
        update["compare"] = _comparable(rng)
    query = pq.model_copy(update=update)
    query = type(pq).model_validate(query.model_dump())
    shape = previous.shape
    if "dimensions" in update and query.dimensions and shape in ("value", "breakdown", "trend", "ranking"):
        shape = "trend" if query.dimensions[0] == "date" else (
            "ranking" if query.limit is not None or previous.shape == "ranking" else "breakdown")
    shape = extra.pop("shape", shape)  # type: ignore[assignment]
    if query.compare is not None or shape != "value":  # "and compared with last year?" after "per day": the totals
        extra.update(_NOT_PER_PERIOD)
    if date_lead:
        extra["lead"] = date_lead
    return previous.model_copy(update={"question": asked, "query": query, "labels": labels, "shape": shape,
                                       "period_stated": previous.period_stated or time.range is not None,
                                       "agent_intents": [], "parts": [], "explain": False, "drivers": False,
                                       **extra})


#: A value per day (week, month) is answered alone: a comparison or a breakdown after it is of the totals.
_NOT_PER_PERIOD: dict[str, object] = {"per_day": False, "per_unit": None}


def _on_answer(previous: Reading, pq: MetricQuery, ref: Reference, question: str) -> Reading | None:
    """The previous reading changed as a question about its answer asks; ``None`` when that answer has no such reading.

    "as a chart" is the same reading (the answer carries its chart and table); "per day" ("per week", "per month")
    divides a value by the period's days (weeks, months); "is that good?" sets it against the period before; "what
    share of the total is that?" is the slice's share of all values of its dimension; "what about the rest" keeps
    the values that slice left out.
    """
    base: dict[str, object] = {"question": question, "agent_intents": [], "parts": [], "explain": ref == "explain",
                               "drivers": False}
    if ref in ("restate", "explain"):
        return previous.model_copy(update=base)
    if ref == "money":
        return _in_money(previous, pq, base)
    if ref == "judge":
        if pq.time_range is None or previous.shape not in ("value", "breakdown", "ranking"):
            return None
        query = pq if pq.compare else pq.model_copy(update={"compare": _comparable(pq.time_range), "baseline": None})
        return previous.model_copy(update={**base, **_NOT_PER_PERIOD, "query": query})
    if previous.shape != "value" or pq.time_range is None or not additive(pq.metrics[0]):
        return None
    if ref in ("per_day", "per_week", "per_month"):
        unit = ref.removeprefix("per_")
        return previous.model_copy(update={**base, "per_day": unit == "day",
                                           "per_unit": None if unit == "day" else unit})
    focus = only_value(pq.filters)
    if focus is None:
        return None
    rest = [f for f in pq.filters if f is not focus]
    if ref == "share":
        query = pq.model_copy(update={"filters": rest, "dimensions": [focus.dimension], "order_by": pq.metrics[0],
                                      "share_of_total": True, "compare": None, "baseline": None, "limit": None})
        return previous.model_copy(update={**base, "query": query, "shape": "share", "focus": focus})
    left_out = focus.model_copy(update={"op": "not_in"})  # "what about the rest": the values the slice left out
    return previous.model_copy(update={**base, "query": pq.model_copy(update={"filters": [*rest, left_out]})})


#: The measure a question asking "how many dollars is that?" reads when the figure holds no money of its own.
_MONEY: MetricName = "revenue"


def money_of(metric: str) -> MetricName:
    """The amount of money behind ``metric``: itself when it is money, a rate's own amount, else revenue.

    "How many dollars is that?" after a discount rate asks for the discounts (the rate's numerator), after a refund
    rate the refunds, after a margin % the margin; after a count (orders, units) or a rate with no money in it
    (return rate) it asks what those sales made. A rate's amount is the additive money metric whose measures are the
    rate's own or start with its numerator's.
    """
    spec = METRICS.get(metric)
    if spec is None:
        return _MONEY
    if spec.unit == "money" and spec.additive:
        return cast(MetricName, metric)
    if spec.unit == "percent":
        for name, other in METRICS.items():
            if other.unit == "money" and other.additive and other.source is spec.source and (
                    other.measures == spec.measures or other.measures[:1] == spec.measures[:1]):
                return cast(MetricName, name)
    return _MONEY


def _in_money(previous: Reading, pq: MetricQuery, base: dict[str, object]) -> Reading | None:
    """"How many dollars is that?": the money of what the previous answer was about (:func:`money_of`).

    After a share or a place in a ranking ("Amazon accounted for 37.7% ...", "eBay ranks 3rd of 4 channels") that is
    the one slice named, as a value; after a count or a breakdown, the same reading in revenue; after a rate, the
    rate's own amount ("discount rate" -> the discounts).
    """
    focus = previous.focus
    if focus is None and previous.ranked is not None and pq.dimensions:
        focus = DimensionFilter(dimension=pq.dimensions[0], values=[previous.ranked])
    money = money_of(pq.metrics[0])
    update: dict[str, object] = {"metrics": [money]}
    if focus is not None:
        update.update({"filters": [*(f for f in pq.filters if f.dimension != focus.dimension), focus],
                       "dimensions": [], "order_by": None, "order_by_change": False, "limit": None,
                       "share_of_total": False})
        shape = "value"
    else:
        update["order_by"] = money if pq.order_by is not None else None
        shape = previous.shape
    return previous.model_copy(update={**base, "query": pq.model_copy(update=update), "shape": shape, "focus": None,
                                       "ranked": None, "net_of": False, **_NOT_PER_PERIOD})


def _one_product(pq: MetricQuery) -> str | None:
    """The one product the previous question was about (its only SKU filter), else ``None``."""
    kept = [f for f in pq.filters if f.dimension == "sku" and f.op == "in"]
    return kept[0].values[0] if len(kept) == 1 and len(kept[0].values) == 1 else None


def _chosen(items: list[str], question: str) -> list[str]:
    """The listed items the question points at: one by its place ("the second one"), else all of them."""
    ordinal = _ORDINAL.search(question)
    if ordinal is None:
        return items
    word = ordinal.group(1)
    k = int(ordinal.group(2)) if not word else len(items) if word.lower() == "last" else _ORDINALS[word.lower()]
    return [items[k - 1]] if 1 <= k <= len(items) else []


def _agent_on_items(current: Reading, previous: Reading, listed: Callable[[Reading], list[str]],
                    question: str) -> Reading | None:
    """An agent question about the products the previous answer listed: the agents read those SKUs only."""
    chosen = _chosen(listed(previous), question)
    return current.model_copy(update={"skus": chosen}) if chosen else None


def _comparable(rng: TimeRange) -> Comparison:
    """The period before a running one, as the reader compares it.

    "This month" (1-5 Dec) against 1-5 Nov, "this week so far" against the same weekdays of last week; any other
    period against the one just before it.
    """
    if rng.label.startswith(("last weekend", "this weekend")) or (
            rng.label.startswith("this week") and rng.start.weekday() == 0 and rng.days < 7):
        return "previous_week"
    if "to date" in rng.label and to_date_months(rng) is not None:
        return "previous_period_to_date"
    return "previous_period"


def _apply_change(update: dict[str, object], extra: dict[str, object], question: str, pq: MetricQuery) -> None:
    """"why?", "and the growth?": the previous period against the one before.

    "which one grew the most?" also ranks the previous breakdown by that change.
    """
    if pq.time_range is None or "time_range" in update or "compare" in update:
        return
    if _WHY.search(question):  # "why?", "why did it change?": where the change came from, not only how much
        extra["drivers"] = True
    if _GROWTH.search(question):
        update["compare"] = pq.compare or "previous_period"
        grouped = update.get("dimensions", pq.dimensions)
        if isinstance(grouped, list) and grouped and grouped[0] != "date":
            update["order_by"] = update.get("order_by") or pq.order_by or pq.metrics[0]
            update["order_by_change"], update["descending"] = True, not _LEAST.search(question)
            extra["shape"] = "ranking"
    elif _WHY.search(question) and pq.compare is None:
        update["compare"] = "previous_period"


def _apply_scope(update: dict[str, object], question: str, filters: dict[DimensionName, DimensionFilter],
                 matches: list[EntityMatch]) -> None:
    """Filters a follow-up widens or turns round.

    "and in total?" drops every filter; "and across all channels?" the channel filter; "what about the other
    channels?" keeps the channels the filter left out; a breakdown by the one value a filter keeps ("break that
    down by category" after "Kitchen revenue") is over every value of it.
    """
    if _OVERALL.search(question) and filters:
        update["filters"] = []
        return
    named = {("sku" if m.kind == "product" else m.kind) for m in matches}
    dropped = {_ALL_DIMENSION[m.group(1).lower()] for m in _ALL_OF.finditer(question)}
    grouped = update.get("dimensions")
    if isinstance(grouped, list):
        dropped |= {d for d in grouped if d in filters and filters[d].op == "in" and len(filters[d].values) == 1}
    others = {_ALL_DIMENSION[m.group(1).lower()] for m in _OTHER.finditer(question)}
    kept: list[DimensionFilter] = []
    for d, f in filters.items():
        if d in named:
            kept.append(f)
        elif d in others and f.op == "in":
            kept.append(f.model_copy(update={"op": "not_in"}))
        elif d not in dropped and d not in others:
            kept.append(f)
    if kept != list(filters.values()):
        update["filters"] = kept


def _apply_rank(update: dict[str, object], extra: dict[str, object], question: str, previous: Reading,
                pq: MetricQuery) -> None:
    """"top 3 instead", "show the bottom ones": the previous ranking (or breakdown) resized or turned round."""
    m = _RANK.search(question)
    dims = update.get("dimensions", pq.dimensions)
    if m is None or not dims or dims[0] == "date":  # type: ignore[index]
        return
    if _ORDINAL.search(question) and _leaves_out(question[: m.start()]):
        return  # "exclude the top one": that item left out of the same list (:func:`_apply_items`), no resize
    n = m.group(3)
    if n is None and extra.get("shape") == "ranking":  # the question's own ranking ("which had the least?") stands
        return
    show = (int(n) if n.isdigit() else _NUMBERS[n.lower()]) if n else (previous.show or _DEFAULT_SHOW)
    update["order_by"] = update.get("order_by") or pq.order_by or (update.get("metrics") or pq.metrics)[0]  # type: ignore[index]
    update["descending"] = m.group(2) is None
    update["limit"] = show + 1  # one spare row: a group without a name is dropped
    extra["show"], extra["shape"] = show, "ranking"


def _apply_items(update: dict[str, object], extra: dict[str, object], labels: dict[str, str], question: str,
                 previous: Reading, listed: Callable[[Reading], list[str]],
                 filters: dict[DimensionName, DimensionFilter], index: VocabularyIndex | None) -> None:
    """"What about the second one", "how much stock do we have of those": the previous answer's items.

    "top 3 of those" in the measure they were listed by is the same ranking resized (:func:`_apply_rank`): naming
    every item as a filter would only list the ones left out.
    """
    assert previous.query is not None
    resized = extra.get("shape") == "ranking" and _ORDINAL.search(question) is None
    if resized and update.get("metrics", previous.query.metrics)[:1] == previous.query.metrics[:1]:  # type: ignore[index]
        return
    items = listed(previous)
    if not items:
        return
    dim = previous.query.dimensions[0]
    ordinal = _ORDINAL.search(question)
    chosen = _chosen(items, question)
    if not chosen:
        return
    before = question[: ordinal.start()] if ordinal is not None else ""
    if ordinal is not None and _leaves_out(before):
        # "exclude the top one", "without the last one": the same list with that item left out, not that item alone
        filters[dim] = DimensionFilter(dimension=dim, op="not_in", values=chosen)
        update["filters"] = list(filters.values())
        return
    filters[dim] = DimensionFilter(dimension=dim, values=chosen)
    update["filters"] = list(filters.values())
    if ordinal is not None or _AMOUNT.search(question) or len(chosen) == 1:  # one item, or an amount: one value
        update["dimensions"], update["order_by"], update["limit"] = [], None, None
        extra["shape"], extra["show"] = "value", None
    elif not resized:  # "how did those do the quarter before": each of them, as listed
        update["limit"] = None
        extra["shape"], extra["show"] = "breakdown", None
    if dim == "sku" and index is not None:
        labels.update({v: index.title(v) for v in chosen})


#: "drill into that", "dig into it", "zoom in on that": one level down inside what the answer was about.
_DRILL = re.compile(
    r"^\s*(?:(?:ok(?:ay)?|now|so|and|then|let'?s|can\s+(?:you|we)|could\s+(?:you|we)|please)[\s,]+)*"
    r"(?:drill|dig|zoom)(?:\s+(?:down|in|deeper))?(?:\s+(?:into|in\s+on|on|in))?\b",
    re.I,
)
#: The level below each kind of value: a channel's categories, a category's or brand's products, a product's channels.
_NEXT_LEVEL: dict[str, DimensionName] = {"channel": "category", "category": "sku", "brand": "sku", "sku": "channel"}


def _apply_drill(
    update: dict[str, object],
    extra: dict[str, object],
    question: str,
    previous: Reading,
    listed: Callable[[Reading], list[str]] | None,
    filters: dict[DimensionName, DimensionFilter],
) -> None:
    """Drill into that: the value the answer was about, ranked one level down (a category's products).

    The value is the one item an answer named ("which category made the most?") or the one value a filter keeps
    ("Kitchen revenue"); a breakdown the question names ("drill into amazon by category") is kept as asked.
    """
    assert previous.query is not None
    pq = previous.query
    if not _DRILL.search(question) or update.get("dimensions"):
        return
    base: str | None = None
    one = previous.show == 1 and pq.dimensions and pq.dimensions[0] != "date" and listed is not None
    if one and listed is not None and (items := listed(previous)[:1]):
        base = pq.dimensions[0]
        filters[base] = DimensionFilter(dimension=base, values=items)
        update["filters"] = list(filters.values())
    elif (focus := only_value(list(filters.values()))) is not None:
        base = focus.dimension
    metric = cast(list[MetricName], update.get("metrics") or pq.metrics)[0]
    update.update(
        {
            "dimensions": [_NEXT_LEVEL.get(base or "", "channel")],
            "order_by": metric,
            "order_by_change": False,
            "descending": True,
            "limit": _DEFAULT_SHOW + 1,  # one spare row: a group without a name is dropped
            "share_of_total": False,
        }
    )
    extra["shape"], extra["show"] = "ranking", _DEFAULT_SHOW


def _apply_mover(update: dict[str, object], extra: dict[str, object], labels: dict[str, str], previous: Reading,
                 listed: Callable[[Reading], list[str]], filters: dict[DimensionName, DimensionFilter],
                 index: VocabularyIndex | None) -> None:
    """"Why?" after "which category grew the most?": the value that moved most, against the period before.

    The answer named one value and its change; "why?" asks where that change came from, so the reading becomes that
    value's figure in both periods, and "why?" adds what moved most inside it (its channels, products).
    """
    assert previous.query is not None
    items = listed(previous)[:1]
    if not items:
        return
    dim = previous.query.dimensions[0]
    filters[dim] = DimensionFilter(dimension=dim, values=items)
    update.update({"filters": list(filters.values()), "dimensions": [], "order_by": None, "order_by_change": False,
                   "limit": None, "share_of_total": False})
    extra["shape"], extra["show"] = "value", None
    if dim == "sku" and index is not None:
        labels.update({v: index.title(v) for v in items})


def _named_day_a_year_back(rng: TimeRange) -> TimeRange | None:
    """"Black Friday 2026" a year back is Black Friday 2025 (28 Nov), not 27 Nov 2025: the day read again.

    ``None`` when the label names no day that moves with the calendar (the same dates a year back are right).
    """
    named = re.match(r"^(?P<name>.+?)\s(?P<year>\d{4})\s\(", rng.label)
    if named is None or not _MOVING_DAY.search(named.group("name")):
        return None
    again = resolve_time(f"{named.group('name')} {int(named.group('year')) - 1}", rng.end)
    return again.range if again.range is not None and again.range.end < rng.start else None


#: Days whose date moves with the calendar: a year back they are read again, not shifted by 365 days.
_MOVING_DAY = re.compile(r"black\s+friday|cyber\s+monday|thanksgiving|mother's\s+day|father's\s+day", re.I)


_MONTHS_OF: dict[int, Unit] = {1: "month", 3: "quarter", 12: "year"}


def _unit_of(rng: TimeRange) -> tuple[Unit | None, bool]:
    """The calendar unit ``rng`` is (a day, a 7-day week, a whole month, quarter or year) and whether it is running.

    A running period is a month, quarter or year to date (the rule "this month so far vs last month" reads by) or
    this week so far (Monday to a day before Sunday).
    """
    running = to_date_months(rng)
    if running is not None and "to date" in rng.label:
        return _MONTHS_OF[running], True
    if rng.label.startswith("this week") and rng.start.weekday() == 0 and rng.days < 7:
        return "week", True
    if rng.days == 1:
        return "day", False
    if rng.days == 7:
        return "week", False
    whole = name_range(rng.start, rng.end).label.split(" (")[0]
    if re.fullmatch(r"[A-Z][a-z]+ \d{4}", whole):
        return "month", False
    if re.fullmatch(r"Q\d \d{4}", whole):
        return "quarter", False
    return ("year", False) if re.fullmatch(r"\d{4}", whole) else (None, False)


def _unit_before(rng: TimeRange, named: str | None) -> TimeRange | None:
    """"The week before" a month, "the quarter before" a quarter still running: the whole unit just before ``rng``.

    A shift names a unit ("the week before") or none ("before that", "the period before": the previous period's
    own). The same unit as a complete previous period is left to :func:`previous_range` (``None``); a running one
    (Q4 to date) goes back to the whole previous quarter, not to as many days before it; another unit than the
    previous period's is that unit just before its start: a week is the 7 days before, a month, quarter or year
    the last whole one ending before it.
    """
    own, running = _unit_of(rng)
    if own is None:  # "the last 30 days": the as many days before, as before
        return None
    unit = own if named in (None, "period") else cast(Unit, named)
    if unit is None or (unit == own and not running):
        return None
    day_before = rng.start - timedelta(days=1)
    if unit == "day":
        return make_range(day_before, day_before)
    if unit == "week" and not running:
        return make_range(day_before - timedelta(days=6), day_before)
    start, end = last_complete(day_before, unit)
    return make_range(start, end)


def _apply_time(update: dict[str, object], time: TimeReading, question: str, prev_range: object,
                prev_compare: object, as_of: date, *, shift: bool = True) -> None:
    """The period a follow-up names: its own, a shift of the previous one, or the previous one compared.

    A shift ("the month before", "and last year?") moves the previous period when it is the only time phrase
    ("and October last year?" names its own month); with a comparison word ("how does that compare to the month
    before") the previous period stays and is compared with the shifted one. A correction that turns a period down
    ("sorry, last year not last month") names a period of its own (``shift=False``).
    """
    assert prev_range is None or isinstance(prev_range, TimeRange)
    shift_m = _SHIFT.search(question) if shift else None
    if shift_m and prev_range is not None:
        blanked = question[:shift_m.start()] + " " * (shift_m.end() - shift_m.start()) + question[shift_m.end():]
        if resolve_time(blanked, as_of).range is None:
            year = bool(re.search(r"\byear\b", shift_m.group(0), re.I)) and (
                prev_range.days < 360 or "earlier" in shift_m.group(0) or "ago" in shift_m.group(0))
            if _COMPARE.search(question):
                update["compare"] = "previous_year" if year else "previous_period"
                return
            unit = next((u for u in shift_m.groups() if u), None)
            before = None if year else _unit_before(prev_range, unit.lower() if unit else None)
            moved = before or previous_range(prev_range, "previous_year" if year else "previous_period")
            update["time_range"] = (year and _named_day_a_year_back(prev_range)) or name_range(moved.start, moved.end)
            update["compare"] = None
            return
    if time.range is not None and prev_range is not None and _AGAINST_IT.search(question) \
            and time.range.end < prev_range.start:
        update["compare"], update["baseline"] = "previous_period", time.range  # "is that more than September?"
        return
    if time.range is not None:
        update["time_range"] = time.range
        if time.compare is not None:
            update["compare"] = time.compare
        return
    if time.compare is not None and prev_range is not None:
        update["compare"] = time.compare
