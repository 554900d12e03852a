"""The pricing agent runner: load through the warehouse, analyse with the pure core, return the result."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from prometheus_client import Histogram

from shared.agents.answers import AskKind, requested_asks
from shared.agents.asof import apply_staleness, resolve_as_of, stale_note
from shared.models.agents import AgentRequest, AgentResult
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.observability.metrics import REGISTRY
from shared.pricing.absent_rival import RIVAL_ASKS, absent_rival_answer, unpriced_by
from shared.pricing.analysis import analyse, current_price, target_change_pct, to_agent_result
from shared.pricing.answers import name_products, pricing_answers, with_titles
from shared.pricing.competitor_promotions import BASELINE_DAYS, promotions_answer
from shared.pricing.competitor_promotions import DEFAULT_DAYS as PROMOTION_DAYS
from shared.pricing.elasticity import pooled_elasticity
from shared.pricing.loader import load, to_inputs
from shared.pricing.markup import market_margin_answer, markup_answer
from shared.pricing.options import PricingOptions
from shared.pricing.own_prices import own_price_answer
from shared.pricing.unavailable import NEEDS_COMPETITORS, no_competitor_prices
from shared.pricing.whatif import catalogue_inputs, pooled_catalogue, pooled_scenario
from shared.store import pricing_inputs
from shared.store.extent import as_of_date

if TYPE_CHECKING:
    from shared.deps import Deps

_log = get_logger(__name__)

PRICING_SECONDS = Histogram(
    "ecomintel_pricing_analysis_seconds", "Time to run one pricing analysis, by result status.", ["status"],
    registry=REGISTRY,
)


def _titles(products: Any) -> dict[str, str]:
    """SKU -> product title of the catalogue rows read (the answers name the products asked about by title)."""
    if products is None or "title" not in getattr(products, "columns", ()):
        return {}
    return {str(s): str(t) for s, t in zip(products["sku"], products["title"], strict=True) if isinstance(t, str) and t}


def _catalogue_skus(products: Any) -> set[str]:
    """The SKUs of the catalogue rows read (the request's scope): an answer ranks these, pooled over all."""
    if products is None or "sku" not in getattr(products, "columns", ()):
        return set()
    return {str(s) for s in products["sku"].dropna()}


#: Asks answered apart from the market analysis: our own prices and costs, the competitors' promotions.
_OWN_ASKS = frozenset({"price_history", "markup", "competitor_promotions"})


def _promotions(deps: Deps, request: AgentRequest, today: date) -> Any:
    """The competitors' promotions in the request's period, read with the weeks before it (their usual prices)."""
    end = min(request.end_date or today, today)
    start = request.start_date or end - timedelta(days=PROMOTION_DAYS - 1)
    read = pricing_inputs.competitor_prices(deps.warehouse, request.tenant_id, pricing_inputs.PricingScope(
        request.skus, request.categories, request.competitors, start - timedelta(days=BASELINE_DAYS), end))
    return promotions_answer(read.frame, list(request.competitors), start=start, end=end, today=today)


def _brand_names(request: AgentRequest) -> str:
    """The brands the question named ("Acme" read as the brand "Acme Home"): the answer says which it took."""
    from shared.agents.answers import join_names

    brands = request.options.get("brands")
    return join_names([str(b) for b in brands], 3) if isinstance(brands, list) and brands else ""


def _category_names(products: Any) -> str:
    """The categories of the catalogue rows read, as the tenant spells them ("Kitchen", "Garden and Kitchen")."""
    from shared.agents.answers import join_names

    if products is None or "category" not in getattr(products, "columns", ()):
        return ""
    return join_names(sorted({str(c) for c in products["category"].dropna()}), 3)


#: Products a what-if is run for when one name matches several ("the blender"); the answer shows the busiest 5.
MAX_WHAT_IF_SKUS = 10
#: The period best sellers are ranked over when the question names none.
BEST_SELLER_DAYS = 90


def _best_sellers(deps: Deps, request: AgentRequest, today: date) -> tuple[Any, date, date, dict[str, Any]] | None:
    """The ``options["top_sellers"]`` best sellers by revenue in the request's period (else the last 90 days).

    Returns the rows (best first), the period and the read as evidence; ``None`` when no best sellers are asked.
    """
    n = request.options.get("top_sellers")
    if not isinstance(n, int) or n < 1:
        return None
    end = min(request.end_date or today, today)
    start = request.start_date or end - timedelta(days=BEST_SELLER_DAYS - 1)
    scope = pricing_inputs.PricingScope(skus=request.skus, categories=request.categories, start_date=start,
                                        end_date=end)
    read = pricing_inputs.top_sellers(deps.warehouse, request.tenant_id, scope)
    return read.frame.head(n), start, end, {"sql": read.sql, "params": read.evidence_params()}


def run(deps: Deps, request: AgentRequest) -> AgentResult:
    """Analyse the tenant's pricing for ``request``; ``as_of`` is today, ``price_change_pct`` a what-if.

    Without ``as_of``, today is the latest date of the tenant's competitor prices and sales (stale data
    lowers confidence, with the reason). ``options["asks"]`` names the questions to answer directly
    (``result.data["answers"]``); ``options["what_if_sku"]`` runs the what-if on that SKU while the
    catalogue is analysed.

    ``request.options`` may override ``PricingOptions`` fields and may carry ``listings`` (competitor item
    descriptions: competitor, competitor_sku, title, brand, size, gtin, asin) to check the SKU mappings
    of competitor prices; weak or contradicted matches lower the confidence of the SKUs concerned.
    """
    started = time.perf_counter()
    options = PricingOptions.from_request(request.options)
    landed = bool(request.options.get("landed"))
    if landed:  # "landed prices incl. shipping": the competitors' shipping added to their prices
        options = options.model_copy(update={"include_shipping": True})
    as_of = resolve_as_of(deps.warehouse, request.tenant_id, request.as_of,
                          (DataKind.COMPETITOR_PRICES, DataKind.SALES))
    today = as_of.date
    request = request.model_copy(update={"as_of": today})
    data = load(deps.warehouse, request)
    inputs = to_inputs(data)
    listings = request.options.get("listings")
    if listings:
        import pandas as pd

        from shared.pricing.matching import listing_confidence

        conf, notes = listing_confidence(inputs.observations, data.products, pd.DataFrame(listings),
                                         review_threshold=options.match_review_threshold)
        inputs.observations["match_confidence"] = conf
        inputs.warnings.extend(notes)
    analysis = analyse(inputs, options, today=today)
    target = request.options.get("price_target")
    target_sku = request.skus[0] if len(request.skus) == 1 else request.options.get("what_if_sku")
    delta = request.options.get("price_delta")
    if request.price_change_pct is None and not target and delta and target_sku:
        # "knock $5 off the kettle": our price moved by that amount is the price asked
        ours = current_price(analysis, inputs.sales, str(target_sku))
        target = round(ours + float(delta), 2) if ours > 0 and ours + float(delta) > 0 else None
    if request.price_change_pct is None and target and target_sku:
        # "drop the vase to $24": the change from our price, then the what-if as if it had been asked in %
        request = request.model_copy(update={"price_change_pct": target_change_pct(
            analysis, inputs.sales, str(target_sku), float(target))})
    if request.price_change_pct is not None:
        what_if_sku = request.skus[0] if len(request.skus) == 1 else request.options.get("what_if_sku")
        # "what if I discount the blender by 10%" when several products are called blender: each of them
        several = [str(s) for s in request.options.get("what_if_skus") or []][:MAX_WHAT_IF_SKUS]
        if what_if_sku or several:
            catalogue = catalogue_inputs(deps.warehouse, request, inputs)
            pooled = pooled_catalogue(catalogue.sales, catalogue.attributes, options.interval_level)
            days, period = what_if_days(request, today)
            analysis.scenarios = [{**pooled_scenario(analysis, catalogue.sales, catalogue.attributes, sku=sku,
                                                     change_pct=request.price_change_pct, horizon_days=days,
                                                     level=options.interval_level, pooled=pooled), **period}
                                  for sku in ([str(what_if_sku)] if what_if_sku else several)]
            if target and what_if_sku and isinstance(analysis.scenarios[0], dict):
                # "drop the kettle to $99": the price asked, not our price moved by the rounded change
                analysis.scenarios[0]["new_price"] = float(target)
            analysis.scenario = analysis.scenarios[0]
        else:
            analysis.warnings.append("price_change_pct needs exactly one SKU in skus; the what-if was not run")
    result = to_agent_result(analysis, request, options, observations=inputs.observations, sources=data.sources)
    titles = _titles(data.products)
    for finding in result.findings:  # "Ceramic Vase (HOM-0012) is priced 12% above the median competitor"
        if finding.sku:
            finding.title = name_products(finding.title, titles, [finding.sku])
    for action in result.actions:
        if action.sku:
            action.title = name_products(action.title, titles, [action.sku])
    asks = requested_asks(request.options, "pricing", "what_if" if analysis.scenario else "price_position")
    sellers = _best_sellers(deps, request, today)
    if sellers is not None:
        result.data["top_sellers"] = {**sellers[3], "skus": [str(x) for x in sellers[0]["sku"]]}  # the evidence
    elasticities = None
    if "elasticity" in asks or ("reprice" in asks and len(request.skus) == 1):
        # pooled toward the category and catalogue: the whole catalogue's sales are read ("should I raise X" says it)
        catalogue = catalogue_inputs(deps.warehouse, request, inputs)
        categories = catalogue.attributes["category"] if "category" in catalogue.attributes.columns else None
        elasticities = pooled_elasticity(catalogue.sales, categories, level=options.interval_level)
        shown = _catalogue_skus(data.products)  # the products read (the scope's), not stray sales-only codes
        if shown:
            elasticities = elasticities[elasticities.index.astype(str).isin(shown)]
    # ours (from sales and the catalogue) and the competitors' promotions (their own history): answered below
    market_asks: list[AskKind] = [a for a in asks if a not in _OWN_ASKS]
    answers = pricing_answers(market_asks, analysis, inputs.observations, options, scoped=list(request.skus),
                              start=request.start_date, competitors=list(request.competitors),
                              end=request.end_date, titles=titles, sellers=sellers[:3] if sellers else None,
                              scope=_category_names(data.products) if request.categories else _brand_names(request),
                              elasticities=elasticities, map_prices=inputs.attributes.get("map_price"),
                              gap_pct=request.options.get("gap_over_pct"),
                              negated=bool(request.options.get("gap_negated")),
                              what_if_matched=len(analysis.scenarios),
                              gap_money=request.options.get("gap_over_money"),
                              gap_reference=request.options.get("gap_reference"), landed=landed,
                              moves_order=request.options.get("moves_order"),
                              catalogue=sorted(_catalogue_skus(data.products)))
    if "price_history" in asks:  # "when did we last change the kettle's price?": our own list prices, from sales
        daily = pricing_inputs.list_prices(deps.warehouse, request.tenant_id, pricing_inputs.PricingScope(
            request.skus, request.categories))
        effect = None
        if request.options.get("price_effect"):  # what the last change (or a period's changes) did to sales
            effect = pricing_inputs.daily_sales(deps.warehouse, request.tenant_id, pricing_inputs.PricingScope(
                request.skus, request.categories)).frame
        own = own_price_answer(daily.frame, list(request.skus), start=request.start_date, end=request.end_date,
                               today=today, direction=request.options.get("moves_order"),
                               catalogue=_catalogue_skus(data.products), effect_sales=effect)
        answers.insert(asks.index("price_history"), with_titles(own, titles, list(request.skus)))
    if "markup" in asks:  # "is the kettle's markup healthy?": price against cost, from the catalogue
        # the whole catalogue's costs: the products asked about are set beside its median markup
        costed = pricing_inputs.products(deps.warehouse, request.tenant_id, pricing_inputs.PricingScope()).frame
        highest = request.options.get("moves_order") == "up"  # "the fattest markups": the top ones first
        reference = request.options.get("gap_reference")  # "our margin on X at the market price": the market's
        marked = (
            market_margin_answer(costed, analysis.skus, list(request.skus), reference=str(reference))
            if reference in ("median", "lowest")
            else markup_answer(costed, list(request.skus), highest=highest)
        )
        answers.insert(asks.index("markup"), with_titles(marked, titles, list(request.skus)))
    if "competitor_promotions" in asks:  # "did MegaMart run a promotion on Black Friday?"
        answers.insert(asks.index("competitor_promotions"), with_titles(
            _promotions(deps, request, today), titles, list(request.skus)))
    if request.competitors and 0 < len(request.skus) <= 3 and any(a.ask in RIVAL_ASKS for a in answers):
        answers = _absent_rivals(deps, request, inputs.observations, answers, titles)
    if inputs.observations.empty and any(a.ask in NEEDS_COMPETITORS for a in answers) and as_of_date(
            deps.warehouse, request.tenant_id, (DataKind.COMPETITOR_PRICES,)) is None:
        # no competitor price was ever ingested: said first, not "no SKU could be compared"
        named = " and ".join(name_products(s, titles, [s]) for s in request.skus) if 0 < len(request.skus) <= 3 else ""
        answers = [no_competitor_prices(a.ask, named) if a.ask in NEEDS_COMPETITORS else a for a in answers]
    result.data["answers"] = [a.model_dump(mode="json") for a in answers]
    result.data["as_of"] = as_of.as_dict()
    result.confidence = apply_staleness(result.confidence, as_of)
    if note := stale_note(as_of):
        result.warnings.append(note)
    elapsed = time.perf_counter() - started
    result.elapsed_ms = round(1000 * elapsed, 1)
    PRICING_SECONDS.labels(status=result.status).observe(elapsed)
    log_event(_log, "pricing analysis done", tenant=request.tenant_id, status=result.status,
              skus=result.metrics.get("skus_positioned"), elapsed_ms=result.elapsed_ms)
    return result


def _absent_rivals(deps: Deps, request: AgentRequest, named_obs: Any, answers: list[Any],
                   titles: dict[str, str]) -> list[Any]:
    """The answers with a named competitor's missing price said as its own ("MegaMart has no price for X").

    When it prices none of the products asked about (the observations were read for it alone): the other
    competitors' latest prices instead, read again without the competitor filter.
    """
    skus, end = list(request.skus), request.end_date or request.as_of
    assert end is not None  # noqa: S101 - set by run() before the read
    if unpriced_by(named_obs, skus, today=end, start=request.start_date) != skus:
        return answers
    everyone = to_inputs(load(deps.warehouse, request.model_copy(update={"competitors": []}))).observations
    out = []
    for a in answers:
        said = absent_rival_answer(everyone, list(request.competitors), skus, a.ask, today=end,
                                   start=request.start_date) if a.ask in RIVAL_ASKS else None
        out.append(a if said is None else with_titles(said, titles, skus))
    return out


def what_if_days(request: AgentRequest, today: date) -> tuple[int, dict[str, str]]:
    """The days a what-if's units are counted over, and the period when the question named one.

    "What if we run 20% off X in the week of 14 December" asks for that week (``options["window_start"]`` to the
    horizon's end: the forecast's window, as ``shared.forecast.window`` reads it), not the next 30 days.
    """
    start = request.options.get("window_start")
    if start:
        first, last = date.fromisoformat(str(start)), today + timedelta(days=request.horizon_days)
        if today < first <= last:
            return (last - first).days + 1, {"period_start": first.isoformat(), "period_end": last.isoformat()}
    return request.horizon_days, {}
