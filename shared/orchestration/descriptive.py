"""Descriptive questions, answered by the metrics layer before (or beside) the agents.

``read(...)`` reads the question against the tenant's vocabulary and data extents (the parser always; Gemini
first when configured and the parser did not already recognise an agent question), resolving follow-ups
against the session's previous reading. ``metric_report``/``unanswerable_report`` turn a reading into the
report, answer first.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import partial
from typing import TYPE_CHECKING, Any

from shared import regex as re
from shared.errors import EcomIntelError
from shared.models.agents import Confidence
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.orchestration.budget import spent_on_failure
from shared.orchestration.context import positioned_sku
from shared.orchestration.conventions import tenant_conventions, wall_clock_today
from shared.orchestration.drivers import what_moved
from shared.orchestration.explain import how_obtained
from shared.orchestration.latest_observed import latest_observed_day
from shared.orchestration.plan import INTENTS, Entities, Intent, Plan
from shared.orchestration.report import Mode, Report
from shared.orchestration.synthesis import combine as combine  # re-exported: the quick path's name
from shared.orchestration.table_columns import described
from shared.questions.answer_refs import reference_to_answer
from shared.questions.compose import CurrencyHint, compose, dropped_from_top
from shared.questions.date_order import TenantConventions
from shared.questions.followup import follow_up
from shared.questions.hour_answer import by_time_of_day, hour_answer
from shared.questions.lexicon import METRIC_NOUNS
from shared.questions.order_keys import order_keys_query
from shared.questions.pronouns import named_it, of_them
from shared.questions.reading import Reading, needs_absent_sales, read_question
from shared.questions.refused import readable_rest
from shared.questions.timephrase import week_note, weekday_note
from shared.questions.totals import totals_query
from shared.questions.undated import scope_undated
from shared.questions.unstored import UnstoredFile, unstored_answer, unstored_sales
from shared.questions.vocabulary import Vocabulary, VocabularyIndex
from shared.store.metrics.shop_clock import shop_zone
from shared.store.vocabulary import load_vocabulary

if TYPE_CHECKING:
    from collections.abc import Callable

    from shared.deps import Deps
    from shared.ports import DocumentStore, LanguageModel, LLMResponse

_log = get_logger(__name__)
_INDEXES: dict[int, tuple[Vocabulary, VocabularyIndex]] = {}
_INDEX_LOCK = threading.Lock()


@dataclass
class ReadOutcome:
    """The reading, the vocabulary index it used, and what the model cost."""

    reading: Reading
    index: VocabularyIndex
    planner: str = "router"
    responses: list[LLMResponse] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    note: str | None = None


def vocabulary_index(deps: Deps, tenant_id: str, version: int) -> VocabularyIndex:
    """The tenant's vocabulary index at ``version`` (built once per vocabulary object)."""
    vocab = load_vocabulary(deps.warehouse, deps.documents, tenant_id, version)
    with _INDEX_LOCK:
        hit = _INDEXES.get(id(vocab))
        if hit is not None and hit[0] is vocab:
            return hit[1]
        index = VocabularyIndex(vocab)
        if len(_INDEXES) > 64:
            _INDEXES.clear()
        _INDEXES[id(vocab)] = (vocab, index)
        return index


def _extents(vocab: Vocabulary) -> dict[DataKind, tuple[date, date]]:
    return {DataKind(k): v for k, v in vocab.extents.items()}


def read(deps: Deps, tenant_id: str, question: str, *, version: int, as_of: date | None,
         previous: dict[str, Any] | None, llm: LanguageModel | None, timeout_seconds: float) -> ReadOutcome:
    """Read ``question`` (parser, then Gemini where it may help), resolving a follow-up of ``previous``.

    A review metric is then scoped to the tenant's undated reviews (``shared.questions.undated``).
    """
    index = vocabulary_index(deps, tenant_id, version)
    out = _read(index, tenant_id, question, as_of=as_of, previous=previous, llm=llm,
                timeout_seconds=timeout_seconds, listed=lambda prev: listed_items(deps, prev),
                conventions=tenant_conventions(deps.documents, tenant_id))
    out.reading = scope_undated(with_sales_headline(out.reading, index, as_of), index.vocabulary)
    return out


def session_reading(read: ReadOutcome, tenant_id: str, as_of: date | None) -> dict[str, Any] | None:
    """The reading a session keeps for the next follow-up (``None``: none to keep).

    A metric reading as read; for a refused question, the metric reading of what it could still read ("revenue by
    region last month": revenue last month).
    """
    reading = read.reading
    if reading.kind == "unanswerable" and (rest := readable_rest(reading.question)) is not None:
        reading = read_question(rest, tenant_id=tenant_id, index=read.index, extents=_extents(read.index.vocabulary),
                                as_of=as_of)
    return reading.model_dump(mode="json") if reading.kind == "metric" and reading.query is not None else None


#: What an overview ("how are we doing?") leads with before the agents' findings: a merchant asking how the
#: business is doing means its sales first (the data's last whole month against the one before), not where
#: its prices sit against competitors.
OVERVIEW_HEADLINE = "revenue last month compared with the month before"
#: Questions asking how the business is doing as a whole: the ones the sales headline answers first.
_BUSINESS_STATUS = re.compile(
    r"\bhow(?:'s|\s+(?:is|are|am|did|do|does|has|have|was|were))\s+(?:we|i|things|it|business|the\s+business|"
    r"the\s+(?:shop|store|company)|my\s+(?:shop|store|business)|our\s+(?:shop|store|business))\s+"
    r"(?:\w+\s+)?(?:doing|going|looking|performing|getting\s+on|faring|shaping\s+up|do|done|been)\b"
    r"|\bhow(?:'s|s|\s+is)\s+(?:the\s+|our\s+|my\s+)?(?:business|trade|trading)\b|\b(?:overview|summary|summari[sz]e|status|state\s+of)\b"
    r"|\b(?:give|show)\s+me\s+(?:the\s+)?(?:big\s+picture|highlights|rundown|update)\b", re.I)


def with_sales_headline(reading: Reading, index: VocabularyIndex, as_of: date | None) -> Reading:
    """A plain overview read as the sales headline's metric question that the agents' overview follows.

    The reading stays the question asked (its text and agents); only the metric part is the headline's. A tenant
    without dated sales, or an overview of named products or asks, keeps the agents' overview alone.
    """
    if reading.kind != "agent" or reading.agent_intents != ["overview"] or reading.asks or reading.skus \
            or reading.categories or reading.competitors or reading.review_ask is not None:
        return reading
    if not _BUSINESS_STATUS.search(reading.text or reading.question):
        return reading  # a question the reader did not place ("avg ratng?") keeps the agents' overview alone
    extents = _extents(index.vocabulary)
    if DataKind.SALES not in extents:
        return reading
    headline = read_question(OVERVIEW_HEADLINE, tenant_id=index.vocabulary.tenant_id, index=index, extents=extents,
                             as_of=as_of)
    if headline.kind != "metric":
        return reading
    return headline.model_copy(update={"question": reading.question, "text": reading.text,
                                       "agent_intents": ["overview"]})


def listed_items(deps: Deps, reading: Reading) -> list[str]:
    """The names a ranking or breakdown answer listed, in its order ("what about the second one" picks one).

    The previous turn's query is run again (the session keeps the reading, not its rows): the same data version
    gives the same rows. Rows without a name are dropped, as the answer drops them; at most ``show`` are kept.
    """
    from shared.store.metrics.run import run_metric_query

    q = reading.query
    if q is None or not q.dimensions or q.dimensions[0] == "date":
        return []
    rows = run_metric_query(deps.warehouse, q).rows
    names = [str(r[q.dimensions[0]]) for r in rows if r.get(q.dimensions[0]) not in (None, "")]
    return names[:reading.show] if reading.show else names


def _spelled_out(reading: Reading, previous: Reading, index: VocabularyIndex,
                 extents: dict[DataKind, tuple[date, date]], listed: Callable[[Reading], list[str]] | None) -> Reading:
    """``reading`` of the question with a pronoun spelled out from the turn before, when that reads it better.

    "how many of them were new?" after a count of customers is read as "how many new customers?"; "what do
    customers say about it?" after one product (its filter, or a ranking of one) as about that product's name, kept
    only when that names the product to the agents. Otherwise ``reading`` unchanged.
    """
    pq, question = previous.query, reading.question
    if previous.kind != "metric" or pq is None:
        return reading

    def again(text: str) -> Reading:
        return read_question(text, tenant_id=pq.tenant_id, index=index, extents=extents, as_of=reading.as_of)

    noun = METRIC_NOUNS.get(pq.metrics[0]) if previous.shape == "value" else None
    if noun is not None and (spelled := of_them(question, noun)) is not None:
        return again(spelled)
    item = _one_item(previous, listed)
    if item is None or (spelled := named_it(question, index.title(item))) is None:
        return reading
    named = again(spelled)
    return named if named.kind == "agent" and named.skus == [item] else reading


def _one_item(previous: Reading, listed: Callable[[Reading], list[str]] | None) -> str | None:
    """The one product the previous answer was about: its only SKU filter, or a ranking that named one."""
    pq = previous.query
    assert pq is not None
    skus = [v for f in pq.filters if f.dimension == "sku" and f.op == "in" for v in f.values]
    if len(skus) == 1 and not pq.dimensions:
        return skus[0]
    if pq.dimensions[:1] == ["sku"] and previous.show == 1 and listed is not None:
        items = listed(previous)
        return items[0] if items else None
    return None


def _read(index: VocabularyIndex, tenant_id: str, question: str, *, as_of: date | None,
          previous: dict[str, Any] | None, llm: LanguageModel | None, timeout_seconds: float,
          listed: Callable[[Reading], list[str]] | None = None,
          conventions: TenantConventions | None = None) -> ReadOutcome:
    extents = _extents(index.vocabulary)
    if as_of is None and not extents and index.vocabulary.undated_reviews:
        as_of = wall_clock_today(conventions)  # only undated reviews: "today" is the tenant's wall clock's
    if (sku := positioned_sku(previous)) is not None and reference_to_answer(question) == "money":
        # "is the kettle competitive? >> how many dollars is that?": the kettle's gap to the market in money
        question = f"what's the dollar gap to the market on {sku}?"
    reading = read_question(question, tenant_id=tenant_id, index=index, extents=extents, as_of=as_of,
                            conventions=conventions)
    out = ReadOutcome(reading, index)
    # an agent turn about one product carries the product's reading on (``context.carried_reading``)
    prev_reading = (previous.get("reading") or previous.get("carried")) if previous else None
    if isinstance(prev_reading, dict):
        try:
            prev = Reading.model_validate(prev_reading)
            reading = out.reading = _spelled_out(reading, prev, index, extents, listed)
            resolved = follow_up(reading, prev, index=index, extents=extents, listed=listed,
                                 conventions=conventions)
        except (ValueError, EcomIntelError):
            resolved = None
        if resolved is not None:
            out.reading, out.note = resolved, f"follow-up of: {str((previous or {}).get('question', ''))[:120]!r}"
            return out
    explicit_agent = reading.kind == "agent" and reading.agent_intents != ["overview"]
    # the parser read each ask exactly ("what did we make last month, and are we cheaper than MegaMart?")
    explicit_agent = explicit_agent or bool(reading.asks)
    # a competitor the data lacks ("cheaper than Amazon") is said; no model widens it to every competitor
    unknown_competitor = reading.kind == "unanswerable" and reading.concept == "competitor"
    if llm is not None and not explicit_agent and not unknown_competitor:
        _read_with_model(out, llm, tenant_id, extents, as_of, timeout_seconds)
    out.reading = rest_of_month(out.reading)
    return out


#: Words that ask about what is still to come ("what will December sales look like", "our run rate this month").
_FUTURE = re.compile(r"\bwill\b|\blook(?:s|ing)? like\b|\bexpect|\bforecast|\bpredict|\bproject"
                     r"|\bon (?:track|pace|course)\b|\bgoing to\b|\bshould we\b|\bend up\b|\brun[- ]?rate\b", re.I)
#: The metrics a forecast can complete (units as counted, revenue as units x recent revenue per unit).
_FORECASTABLE = {"revenue": "revenue", "units": "units"}


def rest_of_month(reading: Reading) -> Reading:
    """A question about how a running month (quarter, year) will turn out gets its forecast beside the actuals so far.

    "What will December sales look like?" asked on 4 Dec was answered with 1-4 Dec alone; a metric reading of
    revenue or units over a month that the as-of date cuts short ("to date"), asked with future words, also asks
    the forecast agent for the rest of that month (:func:`agent_plan` sets its horizon and measure).
    """
    q, as_of = reading.query, reading.as_of
    if (reading.kind != "metric" or q is None or as_of is None or reading.agent_intents or reading.asks
            or q.dimensions or q.compare or len(q.metrics) != 1 or q.metrics[0] not in _FORECASTABLE
            or q.time_range is None or not _FUTURE.search(reading.question)):
        return reading
    start, end = q.time_range.start, q.time_range.end
    period_end = _running_period_end(start, q.time_range.label)
    if start.day != 1 or end != as_of or end >= period_end or "to date" not in q.time_range.label:
        return reading
    return reading.model_copy(update={"agent_intents": ["forecast"], "asks": ["forecast"]})


def _month_end(day: date) -> date:
    nxt = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return nxt - timedelta(days=1)


def _running_period_end(start: date, label: str) -> date:
    """The last day of the month, quarter or year a "to date" range runs in ("Q4 2026 to date", "2026 to date")."""
    if re.match(r"Q[1-4]\s+\d{4}\b", label):
        return _month_end(date(start.year, (start.month - 1) // 3 * 3 + 3, 1))
    if re.match(r"(?:\d{4}|this year|the year)\b", label, re.I) and start == date(start.year, 1, 1):
        return date(start.year, 12, 31)
    return _month_end(start)


#: A word that sets one period above another, and the counts that make the comparison one of units, not money.
_BEAT_WORD = re.compile(r"\b(?:beat|beats|top|exceed|outdo|surpass|better\s+than|bigger\s+than|higher\s+than)\b", re.I)
_COUNT_WORD = re.compile(r"\b(?:units?|items?|pieces|quantit\w*|orders?|volumes?)\b", re.I)


def _rest_of_month(reading: Reading) -> tuple[date, int, str] | None:
    """(month start, days left after the as-of date, measure) when :func:`rest_of_month` asked the forecast."""
    q, as_of = reading.query, reading.as_of
    if reading.kind != "metric" or reading.asks != ["forecast"] or q is None or q.time_range is None or as_of is None:
        return None
    if q.time_range.start.day != 1 or q.time_range.end != as_of or len(q.metrics) != 1:
        return None
    left = (_running_period_end(q.time_range.start, q.time_range.label) - as_of).days
    return (q.time_range.start, left, _FORECASTABLE.get(q.metrics[0], "units")) if left > 0 else None


def _read_with_model(out: ReadOutcome, llm: LanguageModel, tenant_id: str, extents: dict[DataKind, tuple[date, date]],
                     as_of: date | None, timeout_seconds: float) -> None:
    from shared.questions.llm_reader import READER_SYSTEM, LlmReading, reader_prompt, to_reading

    parsed = out.reading
    firsts = [e[0] for e in extents.values()]
    prompt = reader_prompt(parsed.question, out.index, parsed.as_of, min(firsts) if firsts else None)
    try:
        response = llm.generate(system=READER_SYSTEM, prompt=prompt, schema=LlmReading,
                                timeout_seconds=timeout_seconds)
    except Exception as exc:  # any model failure: the parser's reading stands
        log_event(_log, "llm reader failed; using the parser", severity="WARNING", error=type(exc).__name__)
        out.responses.extend(spent_on_failure(exc))
        out.warnings.append(f"LLM reader unavailable ({type(exc).__name__}); used the question parser")
        return
    out.responses.append(response)
    try:
        model = response.parsed if isinstance(response.parsed, LlmReading) else LlmReading.model_validate_json(
            response.text)
        out.reading = to_reading(model, parsed, tenant_id=tenant_id, index=out.index, extents=extents, as_of=as_of)
        out.planner = "llm"
    except Exception as exc:  # invalid output: the parser's reading stands
        log_event(_log, "llm reading rejected; using the parser", severity="WARNING", error=type(exc).__name__)
        out.warnings.append(f"LLM reading rejected ({type(exc).__name__}); used the question parser")


def _brand_skus(reading: Reading, index: VocabularyIndex | None) -> list[str]:
    """The catalogue SKUs of the brands a question names ("what do people say about Northwind products?").

    The agents are scoped by SKU and category; a brand is its products, so every agent reads that brand's alone
    rather than the whole catalogue.
    """
    brands = {b.lower() for b in reading.brands}
    if not brands or index is None:
        return []
    return [p.sku for p in index.vocabulary.products if p.brand and p.brand.lower() in brands]


def agent_plan(reading: Reading, plan: Plan, index: VocabularyIndex | None = None) -> Plan:
    """The agents' plan with the tenant's names the vocabulary found (product titles -> SKUs, competitors).

    Competitors are the tenant's own (from its competitor prices); the router's guesses (a capitalised word
    after "vs") are kept only when the tenant has no competitor data to check them against.
    """
    e = plan.entities
    # the tenant's own spelling: competitor prices are filtered on it ("megamart" matches no "MegaMart" row)
    known = {c.lower(): c for c in index.vocabulary.competitors} if index is not None else {}
    guesses = [known.get(c.lower(), c) for c in e.competitors if not known or c.lower() in known]
    # the router's category guesses ("the category review" -> "review") only when they are the tenant's categories
    categories = {c.lower() for c in index.vocabulary.categories} if index is not None else set()
    guessed = [c for c in e.categories if not categories or c.lower() in categories]
    merged = Entities(
        skus=list(dict.fromkeys(e.skus + (reading.skus or _brand_skus(reading, index))))[:200],
        categories=list(dict.fromkeys(guessed + [c.lower() for c in reading.categories]))[:50],
        # the names this question says replace a follow-up's earlier ones ("and BargainBarn?" after MegaMart)
        competitors=list(dict.fromkeys(reading.competitors or guesses))[:50],
        horizon_days=e.horizon_days, start_date=e.start_date, end_date=e.end_date,
        price_change_pct=e.price_change_pct if e.price_change_pct is not None else reading.price_change_pct,
        price_target=e.price_target if e.price_change_pct is None and reading.price_change_pct is None else None,
        price_delta=reading.price_delta if e.price_change_pct is None and reading.price_change_pct is None
        and e.price_target is None else None,
        aspect=e.aspect, top_sellers=reading.top_sellers, measure=e.measure, cover_over_days=e.cover_over_days,
        explain=e.explain, by_category=e.by_category, by_week=e.by_week, by_product=e.by_product, band=e.band,
        gap_over_pct=reading.gap_over_pct, gap_negated=reading.gap_negated, gap_over_money=reading.gap_over_money,
        gap_reference=reading.gap_reference, landed=reading.landed, moves_order=reading.moves_order,
        price_effect=reading.price_effect,
        brands=list(reading.brands)[:20] if not reading.skus and _brand_skus(reading, index) else [])
    period = reading.agent_period
    if period is not None and reading.asks and (reading.agent_intents == ["pricing"] or reading.asks == ["lost_sales"]):
        # "in November", "this week", "what did stock-outs cost us last month": the period asked
        merged.start_date, merged.end_date = period.start, period.end
    elif reading.kind == "metric" and reading.asks:  # "what did we make last month, and are we cheaper than X?"
        merged.start_date = merged.end_date = None  # the metric's period is not the agents'
    if (rest := _rest_of_month(reading)) is not None:  # "what will December sales look like" on 4 Dec
        merged.to_date_start, merged.horizon_days = rest[0], rest[1]
        merged.measure = "revenue" if rest[2] == "revenue" else merged.measure
    if reading.forecast_milestone is not None:  # "when will we hit $1M this year": the day it is reached
        merged.milestone = reading.forecast_milestone
        if reading.query is not None:  # its reading decides the measure: "325 sales of the vase" is a count of units
            merged.measure = "revenue" if reading.query.metrics[0] in ("revenue", "net_revenue") else None
    if reading.forecast_channels:  # "forecast Amazon sales next month": the channel's, not the store's
        merged.channels = list(reading.forecast_channels)
    if reading.forecast_against is not None:  # "will we sell more next month than last month": last month's too
        merged.against_start, merged.against_end = reading.forecast_against.start, reading.forecast_against.end
        if merged.measure is None and _BEAT_WORD.search(reading.question) and not _COUNT_WORD.search(reading.question):
            merged.measure = "revenue"  # "will next month beat last month?": money, as "will we beat last month?"
    if reading.forecast_until is not None and reading.as_of is not None:  # "sales in January" asked in December
        merged.horizon_days = max(1, min(730, (reading.forecast_until - reading.as_of).days))
        merged.window_start = reading.forecast_from  # a period that starts after tomorrow: its days alone
    if merged.measure is None and reading.kind == "metric" and reading.query is not None \
            and reading.query.metrics[0] in ("revenue", "net_revenue") and "forecast" in plan.asks:
        merged.measure = "revenue"  # "what did we make last month and what's the forecast?": the forecast in money
    update: dict[str, Any] = {"entities": merged}
    heard: list[Intent] = [i for i in INTENTS if i in reading.agent_intents and i != "overview"]
    if plan.intents == ["overview"] and reading.kind == "agent" and not reading.asks and heard:
        # the reader heard an agent question the pattern router did not ("what sales can we expect over the next
        # 2 weeks"): those agents answer their usual asks, not the overview
        from shared.orchestration.router import detect_asks

        update |= {"intents": heard, "asks": detect_asks(reading.text or reading.question, heard, merged)}
    if reading.asks:  # the reader recognised exactly what is asked ("which competitor is cheapest most often")
        from shared.agents.answers import ASK_AGENT

        asks = [a for a in reading.asks if a in ASK_AGENT]
        intents = [i for i in reading.agent_intents if i in INTENTS]
        update |= {"asks": asks, "intents": intents or plan.intents, "sku_scope": {}}
    if reading.review_ask is not None:
        # a review question the reader recognised ("what are customers saying about shipping?"): the
        # sentiment agent answers that ask (a falling rating also asked keeps its answer)
        merged.aspect = reading.aspect
        merged.review_stars = [int(v) for v in reading.review_stars if 1 <= int(v) <= 5]
        merged.review_listing = reading.review_listing  # type: ignore[assignment]
        merged.review_count = reading.review_count
        merged.review_length = reading.review_length  # type: ignore[assignment]
        merged.review_length_words = reading.review_length_words
        merged.review_channels = list(reading.review_channels)
        merged.review_trend, merged.review_ranked = reading.review_trend, reading.review_ranked
        if reading.review_baseline is not None:  # "this month vs last month": the period before, beside
            merged.review_baseline_start = reading.review_baseline.start
            merged.review_baseline_end = reading.review_baseline.end
        # the period as the reader read it against the reviews' last date ("last month" = the calendar month the
        # metrics layer uses too), over the pattern router's rough rolling window; a model planner's own stands
        if reading.review_period is not None and (merged.start_date is None or plan.rationale == "pattern router"):
            merged.start_date, merged.end_date = reading.review_period.start, reading.review_period.end
        update["intents"] = ["sentiment"]
        kept = ("rating_decline", "complaints") if reading.review_ask == "complaints" else ("rating_decline",)
        also = [a for a in plan.asks if a in kept and reading.review_ask != "review_length"]  # in the order asked
        # ("do longer reviews rate lower?" asks how length and rating go together, not whose ratings fall)
        update["asks"] = also if reading.review_ask in also else [reading.review_ask, *also]
        update["sku_scope"] = {}
    elif "aspect" in plan.asks:  # a follow-up of an aspect question: "what about packaging?"
        from shared.sentiment.mentions import aspect_words

        if named := aspect_words(reading.question):
            merged.aspect = named[0][2]
    return plan.model_copy(update=update)


def with_lead(report: Report, reading: Reading) -> Report:
    """The agents' report with what the reader must say first, before the part the agents answer.

    "How many orders will we get next week?": "Orders are not forecast, only units sold and revenue." first.
    """
    if not reading.lead or reading.kind != "agent" or not report.answer:
        return report
    body = report.answer
    if reading.lead.endswith(": ") and body.startswith("We "):  # "...: we expect to sell": one sentence
        body = "we " + body[3:]
    answer = reading.lead + body
    return report.model_copy(update={"answer": answer, "executive_summary": answer})


def _plan_for(reading: Reading) -> Plan:
    q = reading.query
    what = ", ".join(q.metrics) + (f" by {', '.join(q.dimensions)}" if q and q.dimensions else "") if q else ""
    return Plan(intents=["overview"], entities=Entities(skus=reading.skus[:200]),
                rationale=f"metrics layer: {what}"[:500] if what else "question parser")


def currency_hint(documents: DocumentStore, index: VocabularyIndex) -> CurrencyHint:
    """What the tenant's data and settings say about its currency (for results whose sales lines name none)."""
    from shared.store.documents.settings import SettingsDoc, read_settings

    vocab = index.vocabulary
    in_sales = vocab.sales_columns is None or "currency" in vocab.sales_columns
    if vocab.currency and not in_sales:
        return CurrencyHint(False, vocab.currency, "your catalogue")
    stored = read_settings(documents, vocab.tenant_id, SettingsDoc.TENANT) or {}
    code = stored.get("currency") if isinstance(stored.get("currency"), str) else None
    return CurrencyHint(in_sales and vocab.sales_columns is not None, code, "your settings" if code else "")


#: Rows a counting question reads (Olist sells 32,951 products; UCI Online Retail 4,070).
COUNTED_ROWS = 1_000_000


#: Result rows whose products are named from the catalogue when the vocabulary does not hold them.
TITLED_ROWS = 500


def _titles_beyond_vocabulary(deps: Deps, tenant_id: str, rows: list[dict[str, Any]],
                              titles: dict[str, str]) -> dict[str, str]:
    """Titles of the result's products the vocabulary does not hold (it keeps 20,000 of a large catalogue).

    A grocer's 92,331 products: its best seller sorted past the vocabulary's first 20,000 SKUs and was named
    "6534178" where every agent said "GASOLINE-REG UNLEADED (6534178)".
    """
    from shared.store.forecast_inputs import product_titles

    wanted = list(dict.fromkeys(str(r["sku"]) for r in rows[:TITLED_ROWS]
                                if r.get("sku") is not None and str(r["sku"]) not in titles))
    if not wanted:
        return {}
    found = product_titles(deps.warehouse, tenant_id, wanted).frame
    return {str(sku): str(title) for sku, title in zip(found["sku"], found["title"], strict=True)
            if isinstance(title, str) and title.strip()}


def _time_zone(deps: Deps, tenant_id: str) -> str | None:
    """The time zone the tenant's admin saved (``PUT /v1/settings``), if any."""
    conventions = tenant_conventions(deps.documents, tenant_id)
    return conventions.time_zone if conventions is not None else None


def metric_report(deps: Deps, reading: Reading, index: VocabularyIndex, *, mode: Mode, planner: str,
                  data_version: int, warnings: list[str]) -> Report:
    """Run the reading's query on the warehouse and compose the answer-first report."""
    from shared.store.metrics.run import run_metric_query

    assert reading.query is not None
    if by_time_of_day(reading) and (zone := shop_zone(_time_zone(deps, reading.query.tenant_id))) is not None:
        # by hour: on the shop's clock where the tenant set its zone (stamps with an offset are turned into it)
        reading = reading.model_copy(update={"query": reading.query.model_copy(update={"clock_zone": zone})})
    assert reading.query is not None  # (narrowed again: the copy above is a new reading)
    # a count of the values ("how many different products") and the unsold ones read every value, not 1,000
    counted = reading.shape in ("count", "unsold")
    result = run_metric_query(deps.warehouse, reading.query, row_cap=COUNTED_ROWS if counted else None)
    if (latest := latest_observed_day(partial(run_metric_query, deps.warehouse), reading.query, result)) is not None:
        # "the kettle's price index today" when its last competitor price is days old: that day's, dated
        reading = reading.model_copy(update={"query": latest})
        result = run_metric_query(deps.warehouse, latest)
    assert reading.query is not None  # (narrowed again: the copy above is a new reading)
    if reading.target_period is not None:  # "to match last month": last month's figure is the target
        then = run_metric_query(deps.warehouse, reading.query.model_copy(update={"time_range": reading.target_period}))
        value = next(iter(then.rows), {}).get(reading.query.metrics[0])
        reading = reading.model_copy(update={"target": None if value is None else float(value)})
    assert reading.query is not None  # (narrowed again: the copy above is a new reading)
    titles = {**{p.sku: p.title for p in index.vocabulary.products if p.title}, **reading.labels}
    titles |= _titles_beyond_vocabulary(deps, reading.query.tenant_id, result.rows, titles)
    if reading.shape == "unsold":  # the catalogue the question is about: its category/brand filters apply
        keep = {f.dimension: {v.lower() for v in f.values} for f in reading.query.filters if f.op == "in"}
        titles = {p.sku: p.title or p.sku for p in index.vocabulary.products
                  if all((getattr(p, d, None) or "").lower() in vals for d, vals in keep.items()
                         if d in ("category", "brand"))}
        grouped = reading.query.dimensions[0] if reading.query.dimensions else "sku"
        if grouped in ("brand", "category"):  # "which brands didn't sell": the catalogue's brands, each by name
            titles = {v: v for p in index.vocabulary.products
                      if p.sku in titles and (v := getattr(p, grouped, None))}
    totals: dict[str, Any] | None = None  # an orders question on totals per day or week: what the data hold
    scope = totals_query(reading.query)
    if scope is not None and all(r.get(reading.query.metrics[0]) is None for r in result.rows):
        totals = next(iter(run_metric_query(deps.warehouse, scope).rows), None)
    keys: dict[str, Any] | None = None  # an orders value: what an order is where the file had no order ids
    if (key_scope := order_keys_query(reading.query)) is not None and result.rows and reading.shape == "value":
        keys = next(iter(run_metric_query(deps.warehouse, key_scope).rows), None)
    answer = compose(reading, result, titles=titles, currency=currency_hint(deps.documents, index), totals=totals,
                     order_keys=keys)
    # by time of day: the ranked hour first, and the lines without a time of day said ("312 lines had no time ...")
    answer.answer = hour_answer(reading, answer.answer, partial(run_metric_query, deps.warehouse), titles,
                                result.currency)
    if result.previous_range is not None and reading.shape == "ranking" and not reading.query.order_by_change:
        # "top 5 in Q3 vs Q2": which of Q2's own top 5 fell out (the same ranking over the compared period)
        before = run_metric_query(deps.warehouse, reading.query.model_copy(
            update={"time_range": result.previous_range, "compare": None, "baseline": None}))
        if (gone := dropped_from_top(reading, result, before, titles)):
            answer.answer = f"{answer.answer} {gone}"
    if (received := _received_instead(deps, reading, result.rows, index)):  # other data dated, no sales stored
        answer.answer = unstored_answer(received, METRIC_NOUNS.get(reading.query.metrics[0], "this"))
    if reading.lead:  # "All 4 reviews are undated, so no trend can be shown; overall, average rating ..."
        answer.answer = reading.lead + answer.answer[:1].lower() + answer.answer[1:]
    rng = reading.query.time_range
    if rng is not None and (note := weekday_note(rng, reading.as_of)):  # "on Friday" when the data ends on one
        answer.answer = f"{answer.answer} {note}"
    if rng is not None and reading.query.compare is None and (note := week_note(rng, reading.as_of)):
        answer.answer = f"{answer.answer} {note}"  # "this week" and "last week" on data ending on a Sunday
    if reading.drivers:  # "why?": the change, then where it came from
        moved = what_moved(deps.warehouse, reading.query, titles, result.currency or index.vocabulary.currency)
        answer.answer = f"{answer.answer} {moved}".strip()
    if reading.explain:  # "how did you get that?": the same answer, then how it was obtained
        answer.answer = f"{answer.answer} {how_obtained(answer.evidence, reading.query.metrics)}"
    limitations = []
    if not reading.period_stated and answer.period is not None:
        limitations.append(f"No period was named; the answer uses {answer.period.label}.")
    evidence = list(answer.evidence)
    for part in reading.parts:  # "... and how many units did we sell in November?": each part's answer, in order
        more = metric_report(deps, part, index, mode=mode, planner=planner, data_version=data_version,
                             warnings=warnings)
        answer.answer = f"{answer.answer} {more.answer}"
        evidence += more.evidence
    return Report(
        question=reading.question, answer=answer.answer, answer_kind="metric", period=answer.period,
        as_of=reading.as_of, table=described(answer.table, metrics=True, currency=result.currency),
        chart=answer.chart, evidence=evidence, mode=mode,
        plan=_plan_for(reading), planner="llm" if planner == "llm" else "router",
        executive_summary=answer.answer, limitations=limitations, warnings=warnings,
        confidence=Confidence(explanation="exact figures computed from your data"), data_version=data_version)


def catalogue_report(deps: Deps, reading: Reading, index: VocabularyIndex, *, mode: Mode, planner: str,
                     data_version: int, warnings: list[str]) -> Report:
    """The size of the catalogue ("how many products do we have"), counted from the vocabulary's products read."""
    from shared.orchestration.report import AnswerEvidence
    from shared.store.statements import TENANT
    from shared.store.vocabulary import MAX_PRODUCTS, catalogue_count_statement, products_statement

    cats = {c.lower() for c in reading.categories}
    brands = {b.lower() for b in reading.brands}
    products = [p for p in index.vocabulary.products if (not cats or (p.category or "").lower() in cats)
                and (not brands or (p.brand or "").lower() in brands)]
    count = len(products)
    if len(index.vocabulary.products) >= MAX_PRODUCTS:  # the vocabulary holds the first products only: count all
        params = {TENANT: index.vocabulary.tenant_id} | {f"category{i}": c for i, c in enumerate(sorted(cats))} \
            | {f"brand{i}": b for i, b in enumerate(sorted(brands))}
        count = int(deps.warehouse.run(catalogue_count_statement(len(cats), len(brands)), params)["n"].iloc[0])
    scope = " and ".join(([f"in the {', '.join(reading.categories)} "
                           f"{'category' if len(reading.categories) == 1 else 'categories'}"] if cats else [])
                         + ([f"from {', '.join(reading.brands)}"] if brands else []))
    answer = f"Your catalogue has {count:,} product{'s' if count != 1 else ''}" + (
        f" {scope}" if scope else "") + "."
    evidence = AnswerEvidence(kind="sql", description="the tenant's catalogue (products), counted",
                              sql=deps.warehouse.render(products_statement()),
                              params={TENANT: index.vocabulary.tenant_id})
    return Report(question=reading.question, answer=answer, answer_kind="metric", as_of=reading.as_of, mode=mode,
                  evidence=[evidence], plan=Plan(intents=["overview"], rationale="question parser: catalogue count"),
                  planner="llm" if planner == "llm" else "router", executive_summary=answer, warnings=warnings,
                  confidence=Confidence(explanation="counted from your catalogue"), data_version=data_version)


def received_sales(deps: Deps, tenant_id: str, reading: Reading) -> list[UnstoredFile]:
    """Sales files the tenant uploaded that could not be stored, when ``reading`` was refused for want of sales.

    Read only then (one query of the tenant's sales ingestions): "none has been uploaded" would be false.
    """
    if not needs_absent_sales(reading):
        return []
    from shared.ports import Filter
    from shared.store.documents.ingestions import IngestionRecords

    return unstored_sales(IngestionRecords(deps.documents, tenant_id).query([Filter("kind", "==", "sales")]))


def _received_instead(deps: Deps, reading: Reading, rows: list[dict[str, Any]],
                      index: VocabularyIndex) -> list[UnstoredFile]:
    """Undated sales files received, when a sales metric found nothing because the tenant has no sales at all.

    A tenant with reviews or stock dates its questions by them, so the query runs and finds no sales; "there was
    no revenue" would hide that a sales file was received and why none of it was stored.
    """
    from shared.store.metrics.catalog import METRICS

    q = reading.query
    if q is None or METRICS[q.metrics[0]].source is not DataKind.SALES or DataKind.SALES.value in \
            index.vocabulary.extents or any(r.get(q.metrics[0]) is not None for r in rows):
        return []
    from shared.ports import Filter
    from shared.store.documents.ingestions import IngestionRecords

    return unstored_sales(IngestionRecords(deps.documents, q.tenant_id).query([Filter("kind", "==", "sales")]))


def unanswerable_report(reading: Reading, *, mode: Mode, planner: str, data_version: int,
                        warnings: list[str], received: list[UnstoredFile] | None = None) -> Report:
    """A plain "this can't be answered from your data", naming what would be needed; never a number.

    ``received``: sales files uploaded but not stored (:func:`received_sales`); the answer says so and why.
    """
    answer = (f"This can't be answered from your data: {reading.concept} needs {reading.needed}, which your "
              "uploads (sales, products, reviews, inventory, competitor prices) do not include.")
    if reading.needed and "your sales data" in reading.needed:
        answer = (f"This can't be answered from your data yet: {reading.concept} needs {reading.needed}, and the "
                  "sales you uploaded have none. Add it to your export and upload it again.")
    if received and needs_absent_sales(reading):  # "none has been uploaded" would be false: say what was
        answer = unstored_answer(received, reading.concept or "")
    if reading.concept == "this":
        answer = f"This can't be answered from your data: it needs {reading.needed}."
    if reading.concept == "language":  # a question in a language the reader does not read: what it reads
        answer = reading.needed or answer
    if reading.unknown_name and reading.concept == "competitor" and not reading.suggestions:
        # no competitor price at all: that is the answer, before the name ("are we cheaper than MegaMart?")
        from shared.pricing.unavailable import UPLOAD

        channel = (reading.needed or "").split(". ")[0] + "." if "sales channels" in (reading.needed or "") else ""
        answer = (f"No competitor prices have been ingested for this account, so nothing can be compared with "
                  f"\"{reading.unknown_name}\": {UPLOAD}. {channel}").strip()
    elif reading.unknown_name and reading.concept == "competitor":  # "are we cheaper than Amazon?"
        answer = (f"No competitor in your competitor prices is called \"{reading.unknown_name}\", so this was not "
                  f"answered against the other competitors instead. {reading.needed or ''}").strip()
    elif reading.unknown_name:
        answer = (f"No product, category, brand, channel or competitor in your data is called "
                  f"\"{reading.unknown_name}\", so this was not answered for the whole store instead.")
        if reading.suggestions:
            answer += " The closest product names are " + ", ".join(f'"{t}"' for t in reading.suggestions) + "."
        elif reading.code_example:
            answer += f' Your product codes look like "{reading.code_example}".'
    return Report(question=reading.question, answer=answer, answer_kind="unanswerable", as_of=reading.as_of,
                  mode=mode, plan=Plan(intents=["overview"], rationale="question parser: unanswerable"),
                  planner="llm" if planner == "llm" else "router", executive_summary=answer, warnings=warnings,
                  confidence=Confidence(explanation="not answerable from the uploaded data"),
                  data_version=data_version)
