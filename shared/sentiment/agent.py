"""The sentiment agent's runner: load reviews for the request, analyse them, return ``AgentResult``."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
from prometheus_client import Counter, Histogram

from shared.agents.answers import AskKind, requested_asks
from shared.agents.asof import apply_staleness, resolve_as_of, stale_note
from shared.errors import InvalidInput
from shared.models.agents import AgentRequest, AgentResult
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.observability.metrics import REGISTRY
from shared.sentiment.analysis import AnalysisOptions, analyse_reviews
from shared.sentiment.answers import DECLINE_WINDOW_DAYS, no_reviews_answers
from shared.sentiment.compared_complaints import compared_lead, period_name
from shared.sentiment.kept_readings import StoredReadings
from shared.sentiment.length_answers import length_answer
from shared.sentiment.listing import LIST_SIZE, LISTINGS
from shared.sentiment.loader import load_reviews
from shared.sentiment.method_plan import encoder_warm
from shared.sentiment.modes import ACCURATE_RATE, METHODS
from shared.sentiment.scoring import accurate_text_scores
from shared.sentiment.themes import EMBED_LIMIT
from shared.store.extent import data_extent
from shared.store.reviews import undated_review_count

if TYPE_CHECKING:
    from shared.deps import Deps

_log = get_logger(__name__)

REVIEWS_ANALYSED = Counter(
    "ecomintel_sentiment_reviews_total",
    "Reviews read by the sentiment agent, by outcome.",
    ["outcome"],
    registry=REGISTRY,
)
RUN_SECONDS = Histogram(
    "ecomintel_sentiment_run_seconds",
    "Time to answer one sentiment request.",
    ["status"],
    registry=REGISTRY,
)

#: Seconds an answer may take by default: the quick-mode budget of a question (options.deadline_s overrides).
DEFAULT_DEADLINE_S = 8.0
MAX_DEADLINE_S = 110
#: Shares of the deadline for reading polarity accurately and for embedding theme phrases (fixed shares,
#: not the time left: the same request gives the same numbers).
SCORING_SHARE = 0.4
THEME_SHARE = 0.15
#: A question's themes are drawn by this share of its deadline, counted from the agent's start (the clock, unlike
#: the shares above: the themes took half of an overview answer's time on a loaded machine and ran past the 8 s
#: budget); the per-product statistics and the answers need the rest.
THEMES_BY_SHARE = 0.65
#: After this share of a question's deadline (the clock, from the agent's start) no further product's texts are mined
#: for its complaints, praise, requests and aspects (most reviewed products first): 20,000 reviews over 1,200
#: products took seconds there, past the 8 s budget; the answers need the rest.
MINING_BY_SHARE = 0.8
#: Default look-back when the request gives no start date.
DEFAULT_LOOKBACK_DAYS = 365
#: Review length is measured over every review on record unless a period is asked (a text's length does not age).
LENGTH_LOOKBACK_DAYS = 3660
#: "Whose ratings are falling" compares the recent window with everything before it: a longer look-back.
DECLINE_LOOKBACK_DAYS = 730
#: Undated reviews a question reads at most (an even sample beyond): reading 23,486 review texts takes longer than a
#: question's 8 s budget on two cores, and without dates there are no "most recent" ones to prefer.
QUESTION_UNDATED_ROWS = 10_000


def _int_option(request: AgentRequest, name: str, default: int, low: int, high: int) -> int:
    value = request.options.get(name, default)
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise InvalidInput(
            f"options.{name} must be an integer between {low} and {high}", details={"field": f"options.{name}"}
        )
    return value


def _choice_option(request: AgentRequest, name: str, default: str, allowed: tuple[str, ...]) -> str:
    value = request.options.get(name, default)
    if value not in allowed:
        raise InvalidInput(f"options.{name} must be one of {', '.join(allowed)}", details={"field": f"options.{name}"})
    return str(value)


def _deadline_option(request: AgentRequest) -> float:
    value = request.options.get("deadline_s", DEFAULT_DEADLINE_S)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 1 <= value <= MAX_DEADLINE_S:
        raise InvalidInput(f"options.deadline_s must be a number of seconds between 1 and {MAX_DEADLINE_S}",
                           details={"field": "options.deadline_s"})
    return float(value)


def _aspect_option(request: AgentRequest) -> str | None:
    """``options.aspect``: one word or short phrase an ``aspect`` ask is about."""
    value = request.options.get("aspect")
    if value is None:
        return None
    if not isinstance(value, str) or not 1 <= len(value.strip()) <= 60:
        raise InvalidInput("options.aspect must be a word or short phrase (1-60 characters)",
                           details={"field": "options.aspect"})
    return value.strip()


def _stars_option(request: AgentRequest) -> tuple[int, ...]:
    """``options.stars``: the star ratings (1-5) the reviews read are narrowed to ("1-star reviewers")."""
    value = request.options.get("stars") or []
    if not isinstance(value, list) or not all(isinstance(v, int) and not isinstance(v, bool) and 1 <= v <= 5
                                              for v in value):
        raise InvalidInput("options.stars must be a list of star ratings from 1 to 5",
                           details={"field": "options.stars"})
    return tuple(sorted(set(value)))


def _channels_option(request: AgentRequest) -> list[str]:
    """``options.channels``: the sales channels whose reviews are read ("what do Amazon reviewers say?")."""
    value = request.options.get("channels") or []
    if not isinstance(value, list) or not all(isinstance(v, str) and 1 <= len(v) <= 100 for v in value):
        raise InvalidInput("options.channels must be a list of channel names", details={"field": "options.channels"})
    return list(dict.fromkeys(value))[:20]


def _brands_option(request: AgentRequest) -> tuple[str, ...]:
    """``options.brands``: the brands whose products ``skus`` are ("what do people say about Northwind?")."""
    value = request.options.get("brands") or []
    if not isinstance(value, list) or not all(isinstance(v, str) and 1 <= len(v) <= 100 for v in value):
        raise InvalidInput("options.brands must be a list of brand names", details={"field": "options.brands"})
    return tuple(dict.fromkeys(value))[:20]


def _themes_by(started: float, purpose: str, deadline: float, share: float = THEMES_BY_SHARE) -> float | None:
    """The ``time.perf_counter()`` reading by which a question's themes (or ``share``'s step) are done.

    Backfills and digests: none.
    """
    return started + share * deadline if purpose == "question" else None


def _theme_embed_limit(method: str, purpose: str, deadline: float) -> int:
    """Theme phrases the encoder may embed: none for backfills or fixed fast/lexicon runs, else what fits."""
    if purpose == "backfill" or method in ("fast", "lexicon") or not encoder_warm():
        return 0  # a cold encoder is loaded for polarity (budgeted there), never for themes alone
    return min(EMBED_LIMIT, int(THEME_SHARE * deadline * ACCURATE_RATE))


@dataclass
class _UndatedScope:
    """Whether this request reads the tenant's undated reviews, and what its answers say of them.

    An all-time reading (no period named, no trend asked) counts them; a period or a trend leaves them out
    and says how many; when every review is undated, a trend or period ask is answered over all of them,
    after saying why (``lead``).
    """

    asks: list[AskKind]
    included: bool = False
    left_out: int = 0
    lead: str = ""
    replaced: dict[str, str] = field(default_factory=dict)  # ask answered instead -> the ask it stands for
    sampled: tuple[int, int] | None = None  # (undated reviews read, undated reviews in all) when sampled
    overall: tuple[int, float | None] = (0, None)  # every review loaded and their mean rating (exact, not sampled)

    def sample(self, frame: pd.DataFrame, purpose: str) -> pd.DataFrame:
        """``frame`` with its undated reviews thinned to an even sample when a question would read too many.

        Every k-th undated review in review-id order (the same ones every time); dated reviews are all kept.
        """
        undated = frame["date"].isna().to_numpy()
        n = int(undated.sum())
        if purpose != "question" or n <= QUESTION_UNDATED_ROWS:
            return frame
        rating = pd.to_numeric(frame["rating"], errors="coerce")
        self.overall = (len(frame), float(rating.mean()) if rating.notna().any() else None)
        step = -(-n // QUESTION_UNDATED_ROWS)
        order = frame.index[undated][np.argsort(frame["review_id"].to_numpy(dtype=str)[undated], kind="stable")]
        kept = frame.loc[frame.index[~undated].union(order[::step])].sort_index()
        self.sampled = (int(kept["date"].isna().sum()), n)
        return kept

    def say(self, result: AgentResult) -> None:
        """Put the lead or the left-out count into each answer's text (the report's answer is built from them)."""
        answers = result.data.get("answers") or []
        for answer in answers:
            text = str(answer.get("text") or "")
            if self.lead and text:
                answer["text"] = self.lead + text[0].lower() + text[1:]
            elif self.left_out and text:
                what = "trend" if answer.get("ask") == "rating_decline" else "period"
                answer["text"] = (f"{text} {self.left_out:,} review{'s have' if self.left_out != 1 else ' has'} no "
                                  f"date and {'were' if self.left_out != 1 else 'was'} left out of this {what}.")
            if self.sampled and answer.get("text"):
                read, total = self.sampled
                rows, mean = self.overall
                exact = f"; all {rows:,} reviews average {mean:.2f} stars" if mean is not None else ""
                answer["text"] = (f"{answer['text']} Read from an even sample of {read:,} of the {total:,} undated "
                                  f"reviews, to answer within a question's time{exact}.")
            if answer.get("ask") in self.replaced:
                answer["ask"] = self.replaced[answer["ask"]]
        if self.lead and result.summary:
            result.summary = self.lead + result.summary[0].lower() + result.summary[1:]
        if self.left_out:
            result.warnings.append(f"{self.left_out} undated reviews left out of the period read")


def _undated_scope(deps: Deps, request: AgentRequest, asks: list[AskKind], start: date, end: date) -> _UndatedScope:
    """How this request treats undated reviews (see :class:`_UndatedScope`)."""
    windowed = request.start_date is not None or "rating_decline" in asks
    undated = undated_review_count(deps.warehouse, request.tenant_id, skus=request.skus,
                                   categories=request.categories, channels=_channels_option(request))
    if not undated:
        return _UndatedScope(asks)
    if not windowed:
        return _UndatedScope(asks, included=True)
    if data_extent(deps.warehouse, request.tenant_id, DataKind.REVIEWS) is not None:
        return _UndatedScope(asks, left_out=undated)
    what = ("no trend can be shown" if "rating_decline" in asks
            else f"none can be placed between {start.isoformat()} and {end.isoformat()}")
    replaced = {"sentiment_overview": "rating_decline"} if "rating_decline" in asks \
        and "sentiment_overview" not in asks else {}
    overall: list[AskKind] = list(dict.fromkeys("sentiment_overview" if a == "rating_decline" else a for a in asks))
    return _UndatedScope(overall, included=True, replaced=replaced,
                         lead=f"All {undated:,} reviews are undated, so {what}; overall, ")


def _baseline_option(request: AgentRequest) -> tuple[date, date] | None:
    """``options["baseline_start"/"baseline_end"]``: the period a complaints question sets against its own."""
    try:
        start = date.fromisoformat(str(request.options["baseline_start"]))
        end = date.fromisoformat(str(request.options["baseline_end"]))
    except (KeyError, ValueError):
        return None
    return (start, end) if start <= end else None


def _lead_with_baseline(deps: Deps, request: AgentRequest, result: AgentResult, baseline: tuple[date, date],
                        period: tuple[date, date], method: str, deadline: float, readings: StoredReadings) -> None:
    """The complaints answer led by its top theme and the baseline period's ("this month vs last month").

    The baseline is scored with the same method within the same share of the deadline (its themes lexical only).
    """
    answers = result.data.get("answers", [])
    now = next((a for a in answers if a.get("ask") == "complaints"), None)
    if now is None:
        return
    frame, evidence = load_reviews(deps.warehouse, tenant_id=request.tenant_id, start_date=baseline[0],
                                   end_date=baseline[1], skus=request.skus, categories=request.categories)
    before = analyse_reviews(frame, tenant_id=request.tenant_id, query=evidence, options=AnalysisOptions(
        as_of=baseline[1], asks=("complaints",), scoped=tuple(request.skus), period_start=baseline[0],
        method=method, purpose="question", scoring_deadline_s=SCORING_SHARE * deadline,
        aspect=_aspect_option(request)), readings=readings)
    then: dict[str, Any] = next((a for a in before.data.get("answers", []) if a.get("ask") == "complaints"), {})
    lead = compared_lead(list(now.get("rows") or []), list(then.get("rows") or []), period_name(*period),
                         period_name(*baseline))
    now["text"] = f"{lead} {now.get('text', '')}".strip()
    if result.summary:
        result.summary = f"{lead} {result.summary}"


def _keep_readings(readings: StoredReadings, tenant: str) -> None:
    """Write the texts this run had to read to the store, for the next question; the answer stands if that fails.

    Processing keeps every review it merges; texts reach here unread after a scorer change or when stored before
    readings were kept. The accurate head's scores are kept here only (processing does not embed). The upsert is by
    key, so a concurrent run writing the same texts converges.
    """
    try:
        readings.keep()
    except Exception as exc:  # noqa: BLE001 - a cache write must not fail an answer already computed
        log_event(_log, "review readings not kept", severity="WARNING", tenant=tenant, error=str(exc)[:200],
                  readings=len(readings.fresh), accurate_scores=len(readings.fresh_accurate))


def prepare() -> None:
    """Load, before a question's clock starts, what the first analysis of a process loads inside it.

    Called by ``shared.agents.registry.prepare_runner``. The themes' clustering imports scipy's where it is used (with
    what it pulls in, 245 modules), and the lexicon, the fast head and the word-polarity table are read once per
    process: a fresh process's first sentiment question took 17.5-19.7 s under load against 8.8-12.1 s for its second.
    """
    import scipy.cluster.hierarchy  # noqa: F401 - imported where used by shared.sentiment.themes.cluster
    import scipy.spatial.distance  # noqa: F401

    from shared.sentiment import static
    from shared.sentiment.fast import load_fast_head
    from shared.sentiment.lexicon import load_lexicon

    load_lexicon()
    if load_fast_head().uses_table:
        static.load_table()


def named_recent_window(named_start: date, end: date) -> tuple[int, date]:
    """The recent window a theme's trend reads when the question names its period, and the first day loaded.

    "Have quality grumbles got better since last month?": the days from ``named_start`` to ``end`` are the recent
    side (7 to 365 of them), set against as many days just before; the load starts there.
    """
    window = max(7, min(365, (end - named_start).days + 1))
    return window, end - timedelta(days=2 * window - 1)


def run(deps: Deps, request: AgentRequest) -> AgentResult:
    """Answer a sentiment request ("why are ratings for SKU-42 falling?") for the request's tenant.

    Without ``as_of``, today is the date of the tenant's latest review (stale data lowers confidence, with
    the reason). ``options["asks"]`` names the questions answered directly in ``data["answers"]``.
    ``options["method"]`` (``auto`` by default), ``options["purpose"]`` (``question``, ``digest`` or
    ``backfill``) and ``options["deadline_s"]`` (8 s by default, a question's quick-mode budget) choose how
    review polarity is read: with ``auto``, the accurate encoder reads the most recent reviews of every
    product that fit 40% of the deadline (after its first load) and the fast method the rest; the result
    says which (``data.method``, the summary).
    """
    started = time.perf_counter()
    resolved = resolve_as_of(deps.warehouse, request.tenant_id, request.as_of, (DataKind.REVIEWS,))
    as_of = resolved.date
    asks = requested_asks(request.options, "sentiment", "sentiment_overview")
    window = _int_option(request, "window_days", 30, 7, 365)
    method = _choice_option(request, "method", "auto", ("auto", *METHODS))
    purpose = _choice_option(request, "purpose", "question", ("question", "digest", "backfill"))
    deadline = _deadline_option(request)
    top_n = _int_option(request, "top_n", 5, 1, 50)
    stars = _stars_option(request)
    channels = _channels_option(request)
    listing = request.options.get("listing")
    if listing is not None:
        listing = _choice_option(request, "listing", "latest", LISTINGS)
    list_size = _int_option(request, "list_size", LIST_SIZE, 1, 20)
    end = request.end_date or as_of
    lookback = DECLINE_LOOKBACK_DAYS if "rating_decline" in asks else \
        LENGTH_LOOKBACK_DAYS if "review_length" in asks else DEFAULT_LOOKBACK_DAYS
    start = request.start_date or (end - timedelta(days=lookback))
    decline_window = window if "window_days" in request.options else DECLINE_WINDOW_DAYS
    if "rating_decline" in asks and request.start_date is not None:
        # "falling over the last 60 days": that period is the recent window, compared with what came before it
        decline_window = max(7, min(365, (end - request.start_date).days))
        start = end - timedelta(days=max(DECLINE_LOOKBACK_DAYS, 2 * decline_window))
    elif request.options.get("theme_trend") and request.start_date is not None and request.start_date < end:
        # "have quality grumbles got better since last month?": the period named is the recent side of the theme's
        # trend, set against as many days before it (that period alone holds no "before" to compare with)
        decline_window, start = named_recent_window(request.start_date, end)
    if start > end:
        raise InvalidInput("start_date is after end_date", details={"field": "start_date"})
    undated = _undated_scope(deps, request, asks, start, end)
    asks = undated.asks
    frame, evidence = load_reviews(
        deps.warehouse,
        tenant_id=request.tenant_id,
        start_date=start,
        end_date=end,
        skus=request.skus,
        categories=request.categories,
        undated=undated.included,
        channels=channels,
    )
    frame = undated.sample(frame, purpose)
    # the categories asked about, as the catalogue spells them ("revews for kitchn" -> "13 Kitchen products")
    category_names = tuple(sorted({str(c) for c in frame["category"].dropna()})) \
        if request.categories and "category" in frame.columns else ()
    if stars:  # "what do 1-star reviewers complain about?": those reviews only, before any theme is drawn
        frame = frame[pd.to_numeric(frame["rating"], errors="coerce").isin(stars).to_numpy()]
    length = None
    if "review_length" in asks:  # "reviews under 20 words", "do longer reviews rate lower?": that figure of the texts
        length = length_answer(frame, request.options.get("length") or "median", request.options.get("length_words"),
                               start=start, end=min(as_of, end), stars=tuple(stars or ()))
    # each text read (and embedded) once, kept across questions
    readings = StoredReadings(deps.warehouse, request.tenant_id, accurate_text_scores)
    result = AgentResult(agent="sentiment", tenant_id=request.tenant_id, summary=length.text, data={}) \
        if length is not None and asks == ["review_length"] else analyse_reviews(  # words are counted, not scored
        frame,
        tenant_id=request.tenant_id,
        query=evidence,
        readings=readings,
        options=AnalysisOptions(as_of=min(as_of, end), window_days=window, top_n=top_n, asks=tuple(asks),
                                scoped=tuple(request.skus), period_start=start,
                                decline_window_days=decline_window, method=method,
                                purpose=purpose,  # type: ignore[arg-type]
                                aspect=_aspect_option(request), stars=stars, listing=listing, channels=tuple(channels),
                                theme_trend=bool(request.options.get("theme_trend")),
                                aspect_ranked=bool(request.options.get("aspect_ranked")),
                                categories=category_names, brands=_brands_option(request),
                                list_size=list_size,
                                scoring_deadline_s=SCORING_SHARE * deadline,
                                theme_embed_limit=_theme_embed_limit(method, purpose, deadline),
                                themes_by=_themes_by(started, purpose, deadline),
                                mining_by=_themes_by(started, purpose, deadline, MINING_BY_SHARE)),
    )
    if "complaints" in asks and (baseline := _baseline_option(request)) is not None:
        _lead_with_baseline(deps, request, result, baseline, (start, min(as_of, end)), method, deadline, readings)
    if length is not None:
        result.data["answers"] = [length.model_dump(mode="json"), *[
            a for a in result.data.get("answers", []) if a.get("ask") != "review_length"]]
    result.data["as_of"] = resolved.as_dict()
    undated.say(result)
    if undated.sampled:
        result.warnings.append(f"an even sample of {undated.sampled[0]} of {undated.sampled[1]} undated reviews read")
    result.confidence = apply_staleness(result.confidence, resolved)
    if note := stale_note(resolved):
        result.warnings.append(note)
    if result.status == "insufficient_data":
        result.data["answers"] = [a.model_dump(mode="json") for a in no_reviews_answers(
            asks, start, min(as_of, end), list(request.skus), stars,
            any_stored=resolved.source != "clock" or undated.included or undated.left_out > 0)]
        result.missing_data.append(
            f"reviews for tenant between {start.isoformat()} and {end.isoformat()}"
            + (f" for SKUs {', '.join(request.skus)}" if request.skus else "")
        )
    read_now, embedded_now = len(readings.fresh), len(readings.fresh_accurate)
    _keep_readings(readings, request.tenant_id)
    elapsed = time.perf_counter() - started
    result.elapsed_ms = round(elapsed * 1000.0, 1)
    RUN_SECONDS.labels(status=result.status).observe(elapsed)
    for outcome, key in (("analysed", "reviews_analysed"), ("spam_excluded", "spam_excluded")):
        value = result.metrics.get(key)
        if isinstance(value, int) and value:
            REVIEWS_ANALYSED.labels(outcome=outcome).inc(value)
    log_event(
        _log,
        "sentiment analysed",
        tenant=request.tenant_id,
        reviews=int(len(frame)),
        readings_kept=readings.kept,
        readings_read=read_now,
        accurate_kept=readings.accurate_kept,
        accurate_embedded=embedded_now,
        status=result.status,
        elapsed_ms=result.elapsed_ms,
    )
    return result
