"""Quick mode: run the planned agents in parallel within a time budget; failures stay with their agent."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor, wait
from datetime import date
from typing import TYPE_CHECKING

from shared.agents.registry import Runner, get_runner, prepare_runner
from shared.errors import StorageUnreadable
from shared.models.agents import AgentName, AgentRequest
from shared.observability.logs import get_logger, log_event
from shared.orchestration.metrics import AGENT_RUNS
from shared.orchestration.outcome import AgentOutcome
from shared.orchestration.plan import Plan

if TYPE_CHECKING:
    from shared.deps import Deps

_log = get_logger(__name__)

RunnerLookup = Callable[[AgentName], Runner] | Mapping[AgentName, Runner]


def resolve_runner(runners: RunnerLookup | None, agent: AgentName) -> Runner:
    """The runner of ``agent`` from a mapping, a lookup function, or the registry (default)."""
    if runners is None:
        return get_runner(agent)
    if isinstance(runners, Mapping):
        return runners[agent]
    return runners(agent)


#: Quick mode trades a little accuracy for latency: no Prophet fits inside a request (deep mode keeps "auto"), and
#: an aggregate forecast waits for its per-product breakdown 3 s at most (new data on a loaded machine: the
#: store's total answers within the 8 s budget while the breakdown is fitted for the next question).
QUICK_AGENT_OPTIONS: dict[AgentName, dict[str, object]] = {
    "forecast": {"prophet": "never", "max_skus": 30, "fit_wait_seconds": 3.0}
}


def agent_requests(
    tenant_id: str,
    plan: Plan,
    *,
    as_of: date | None = None,
    options: Mapping[str, object] | None = None,
    agent_options: Mapping[AgentName, Mapping[str, object]] | None = None,
) -> dict[AgentName, AgentRequest]:
    """The request each planned agent receives (tenant from the caller's token)."""
    return {
        a: agent_request(
            tenant_id, plan, a, as_of=as_of, options={**dict(options or {}), **dict((agent_options or {}).get(a, {}))}
        )
        for a in plan.agents
    }


def agent_request(
    tenant_id: str,
    plan: Plan,
    agent: AgentName,
    *,
    as_of: date | None = None,
    options: Mapping[str, object] | None = None,
) -> AgentRequest:
    """The request ``agent`` receives: its SKUs, the entities, and the asks it answers (``options["asks"]``)."""
    e = plan.entities
    skus = plan.skus_for(agent)
    extra: dict[str, object] = {"intents": list(plan.intents), "asks": plan.asks_for(agent)}
    if e.horizon_days is not None:
        extra["horizon_stated"] = True  # "what runs out in the next two weeks": the stock answer uses it
    if agent == "forecast" and e.measure == "revenue":
        extra["measure"] = "revenue"  # "how much revenue next month": the forecast answer is in money
    if agent == "forecast" and e.cover_over_days is not None:
        extra["cover_over_days"] = e.cover_over_days  # "more than six months of stock": counted over it
    if agent == "forecast" and e.by_week:
        extra["by_week"] = True  # "forecast by week for the next 6 weeks": the total, then each week
    if agent == "forecast" and e.by_week and e.by_product:
        extra["by_product"] = True  # "weekly revenue forecast per product": a product-by-week table
    if agent == "forecast" and e.band is not None:
        extra["band"] = e.band  # "what's the worst case": the interval's low end first
    if agent == "forecast" and e.by_category:
        extra["by_category"] = True  # "forecast next quarter by category": each category's total leads
    if agent == "forecast" and e.explain:
        extra["explain"] = True  # "how confident are you in next month's forecast": the method and the confidence
    if agent == "forecast" and e.to_date_start is not None:
        extra["to_date_start"] = e.to_date_start.isoformat()  # the month's actuals so far, beside its forecast
    if agent in ("forecast", "pricing") and e.window_start is not None:
        # "in January" on 5 Dec: January's days only; "what if we run 20% off X in week 50": that week's what-if
        extra["window_start"] = e.window_start.isoformat()
    if agent == "forecast" and e.channels:
        extra["channels"] = list(e.channels)  # "forecast Amazon sales next month": that channel's sales
    if agent == "forecast" and e.against_start is not None and e.against_end is not None:
        # "will we sell more next month than last month": last month's actuals, compared with the forecast
        extra["against"] = [e.against_start.isoformat(), e.against_end.isoformat()]
    if agent == "forecast" and e.milestone is not None:
        extra["milestone"] = e.milestone  # "when will we hit $1M this year": the day the revenue reaches it
    if agent == "sentiment" and e.aspect:
        extra["aspect"] = e.aspect
    if agent == "sentiment" and e.review_stars:
        extra["stars"] = list(e.review_stars)  # "what do 1-star reviewers complain about?"
    if agent == "forecast" and e.brands:
        extra["brands"] = list(e.brands)  # "forecast for all Acme products": the answer names the brand's range
    if agent == "pricing" and e.brands:
        extra["brands"] = list(e.brands)  # "is Acme priced above competitors?": the answer names the brand taken
    if agent == "sentiment" and e.brands:
        extra["brands"] = list(e.brands)  # "what do people say about Northwind products?": said as the brand's
    if agent == "sentiment" and e.review_channels:
        extra["channels"] = list(e.review_channels)  # "what do Amazon reviewers complain about?"
    if agent == "sentiment" and e.review_length:
        extra["length"] = e.review_length  # "reviews under 20 words": that figure of the review texts
        if e.review_length_words is not None:
            extra["length_words"] = e.review_length_words
    if agent == "sentiment" and e.review_trend:
        extra["theme_trend"] = True  # "is the shipping complaint getting worse?": the recent window said first
    if agent == "sentiment" and e.review_baseline_start is not None and e.review_baseline_end is not None:
        # "most common complaint this month vs last month": the period before, its top complaint said beside
        extra["baseline_start"], extra["baseline_end"] = e.review_baseline_start.isoformat(), \
            e.review_baseline_end.isoformat()
    if agent == "sentiment" and e.review_ranked:
        extra["aspect_ranked"] = True  # "which product has the most complaints about delivery?": products ranked
    if agent == "sentiment" and e.review_listing:
        extra["listing"] = e.review_listing  # "show me angry reviews": reviews one by one
        if e.review_count:
            extra["list_size"] = e.review_count
    if agent == "pricing" and e.gap_over_pct is not None:
        extra["gap_over_pct"] = e.gap_over_pct  # "more than 10% above the market": the over/underpriced threshold
    if agent == "pricing" and e.gap_negated:
        extra["gap_negated"] = True  # "which products are NOT priced above the market": the others
    if agent == "pricing" and e.gap_reference is not None:
        extra["gap_reference"] = e.gap_reference  # a gap asked in money, to the median or the cheapest competitor
        if e.gap_over_money is not None:
            extra["gap_over_money"] = e.gap_over_money  # "$5 or more above the cheapest competitor"
    if agent == "pricing" and e.landed:
        extra["landed"] = True  # "landed prices incl. shipping": the competitors' shipping added
    if agent == "pricing" and e.price_effect:
        extra["price_effect"] = True  # "did our last price change on X affect sales?": its units before and after
    if agent == "pricing" and e.moves_order:
        extra["moves_order"] = e.moves_order  # "who raised prices the most": the competitors ranked by their moves
    if agent in ("pricing", "forecast") and e.top_sellers:
        extra["top_sellers"] = e.top_sellers  # "our best sellers": pricing ranks by revenue, forecast by units
    # The pricing agent runs a what-if for exactly one SKU; when it scans the catalogue as well ("which are
    # overpriced, and what if I cut SKU-1"), the named SKU goes in options.what_if_sku.
    change = e.price_change_pct
    if agent == "pricing" and change is None and e.price_target is not None:
        # "drop the vase to $24": the pricing agent works the change out from our price
        extra["price_target"] = e.price_target
        if len(skus) != 1 and len(e.skus) == 1:
            extra["what_if_sku"] = e.skus[0]
    elif agent == "pricing" and change is None and e.price_delta is not None:
        # "knock $5 off the kettle": the agent works the target out from our price, then the change
        extra["price_delta"] = e.price_delta
        if len(skus) != 1 and len(e.skus) == 1:
            extra["what_if_sku"] = e.skus[0]
    if agent == "pricing" and change is not None and len(skus) != 1:
        if len(e.skus) == 1:
            extra["what_if_sku"] = e.skus[0]
        elif 1 < len(e.skus) <= 10 and len(skus) == len(e.skus):
            extra["what_if_skus"] = list(e.skus)  # "the blender" matched several products: the what-if of each
        else:
            change = None
    return AgentRequest(
        tenant_id=tenant_id,
        skus=skus,
        categories=e.categories,
        competitors=e.competitors,
        horizon_days=e.horizon_days or 30,
        start_date=e.start_date,
        end_date=e.end_date,
        price_change_pct=change,
        as_of=as_of,
        options={**extra, **dict(options or {})},
    )


def run_one(deps: Deps, agent: AgentName, request: AgentRequest, runners: RunnerLookup | None) -> AgentOutcome:
    """Run one agent; any exception becomes a failed outcome naming the error."""
    start = time.perf_counter()
    try:
        result = resolve_runner(runners, agent)(deps, request)
    except StorageUnreadable:
        raise  # damaged storage is not one agent's failure: no report should be built on it
    except Exception as exc:  # isolation: one agent's failure never sinks the report
        log_event(
            _log,
            "agent failed",
            severity="WARNING",
            agent=agent,
            tenant=request.tenant_id,
            error=f"{type(exc).__name__}: {exc}",
        )
        AGENT_RUNS.labels(agent=agent, outcome="failed").inc()
        return AgentOutcome(
            agent=agent,
            status="failed",
            error=f"{type(exc).__name__}: {exc}",
            elapsed_ms=(time.perf_counter() - start) * 1000,
        )
    elapsed = (time.perf_counter() - start) * 1000
    AGENT_RUNS.labels(agent=agent, outcome=result.status).inc()
    if result.elapsed_ms is None:
        result.elapsed_ms = elapsed
    return AgentOutcome(agent=agent, status="ok", result=result, elapsed_ms=elapsed)


def run_agents(
    deps: Deps,
    requests: Mapping[AgentName, AgentRequest],
    *,
    budget_seconds: float,
    runners: RunnerLookup | None = None,
) -> list[AgentOutcome]:
    """Run one agent per request in parallel; those not done within ``budget_seconds`` are timed out."""
    if not requests:
        return []
    # import (and prepare) each agent before the clock starts: a cold start's imports are not the agent's time to
    # answer (the sentiment agent's first answer imported scipy's clustering, 245 modules, inside its 8 s)
    loaded: dict[AgentName, Runner] = {}
    for agent in requests:
        try:
            loaded[agent] = resolve_runner(runners, agent)
            if runners is None:
                prepare_runner(agent)
        except Exception:  # the run reports the import error as the agent's failure
            pass
    pool = ThreadPoolExecutor(max_workers=len(requests), thread_name_prefix="agent")
    futures: dict[AgentName, Future[AgentOutcome]] = {
        a: pool.submit(run_one, deps, a, r, loaded if a in loaded else runners) for a, r in requests.items()
    }
    wait(futures.values(), timeout=budget_seconds)
    pool.shutdown(wait=False, cancel_futures=True)
    outcomes = []
    for agent, fut in futures.items():
        if fut.done() and not fut.cancelled():
            outcomes.append(fut.result())
        else:
            AGENT_RUNS.labels(agent=agent, outcome="timed_out").inc()
            outcomes.append(
                AgentOutcome(
                    agent=agent, status="timed_out", error=f"no result within the {budget_seconds:g}s time budget"
                )
            )
    return outcomes
