"""The demand forecast agent: how many units of X will we sell in the next N days, and when do we run out?

Loads a tenant's sales and stock, forecasts every requested SKU with the backtest-selected model (cached
until the SKU's data changes), applies a price what-if where the price history supports one, turns the
forecast into stock decisions, checks earlier forecasts against the actuals that arrived since (drift),
records the new forecasts, and returns the standard :class:`AgentResult`.
"""

from __future__ import annotations

import math
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from shared import regex as re
from shared.agents.answers import AgentAnswer, requested_asks
from shared.agents.asof import apply_staleness, resolve_as_of, stale_note
from shared.errors import InvalidInput
from shared.forecast.answers import (
    RevenueBasis,
    SkuForecastView,
    SoFar,
    by_category_answer,
    fmt_money,
    forecast_answers,
    revenue_basis,
    run_rate_cover,
    running_period_name,
    select_by_cover,
    with_method,
)
from shared.forecast.batch import forecast_chunk
from shared.forecast.cache import ForecastCache, PersistedFits, fingerprint
from shared.forecast.csv_input import attach_future
from shared.forecast.drift import DriftReport, assess_drift
from shared.forecast.elasticity import ELASTICITY_RANGE, estimate_elasticity
from shared.forecast.engine import ForecastOptions, SeriesForecast, forecast_series
from shared.forecast.ensemble import MIN_SERIES
from shared.forecast.fit_reuse import STORE_FITS, fit_options, fit_within, head
from shared.forecast.horizon_totals import expected_path, window_offset, window_span
from shared.forecast.intervals import horizon_sum_band
from shared.forecast.inventory import InventoryPlan, plan_inventory, sigma_of_totals
from shared.forecast.loader import ForecastInputs, load_inputs
from shared.forecast.metrics import mase_scale
from shared.forecast.own_totals import (
    OWN_LEVELS,
    model_components,
    origins_available,
    own_sum_bands,
    too_few_reason,
)
from shared.forecast.periods import Freq, RegularSeries, regularise_arrays
from shared.forecast.window import Window, window_label, window_of, window_total
from shared.forecast.window_order import WINDOW_ORDER_DAYS
from shared.models.agents import Action, AgentRequest, AgentResult, Confidence, Evidence, Finding
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.store.extent import as_of_date
from shared.store.forecast_inputs import daily_revenue_totals, earlier_forecasts, unitless_lines

if TYPE_CHECKING:
    from shared.deps import Deps

_log = get_logger(__name__)
DEFAULT_LEAD_TIME_DAYS = 7
DEFAULT_MAX_SKUS = 50
#: The most SKUs a category's price what-if forecasts one by one (each scaled by its own price response).
MAX_SCOPE_WHATIF_SKUS = 120
#: SKUs forecast for a stock question (least cover first); the rest are answered by their run rate.
DEFAULT_STOCK_MAX_SKUS = 10
#: Other top sellers forecast beside a question about 1-3 SKUs, so the global model has series to learn from.
COMPANIONS = 30


@dataclass
class SkuOutcome:
    """Everything computed for one SKU."""

    series: RegularSeries
    result: SeriesForecast
    cached: bool
    whatif_note: str | None = None
    whatif: dict[str, Any] | None = None
    plan: InventoryPlan | None = None
    drift: DriftReport | None = None
    drift_query: str | None = None
    period_days: int = 1


def run(deps: Deps, request: AgentRequest) -> AgentResult:
    """Forecast the request's SKUs (or the top sellers) and plan their stock.

    Without ``as_of``, today is the latest date of the tenant's sales and stock (stale data lowers
    confidence, with the reason). For stock questions (``options["asks"]`` with ``stockout``/``overstock``)
    and no named SKUs, the SKUs forecast are those with the least (or most) cover by run rate.
    """
    started = time.perf_counter()
    resolved = resolve_as_of(deps.warehouse, request.tenant_id, request.as_of, (DataKind.SALES, DataKind.INVENTORY))
    as_of = resolved.date
    asks = requested_asks(request.options, "forecast", "forecast")
    opts = request.options
    level = float(opts.get("level", 0.9))
    freq_text = str(opts.get("freq", "D")).upper()
    if freq_text not in ("D", "W"):
        raise InvalidInput(f"options.freq must be D or W, not {opts.get('freq')!r}")
    freq: Freq = "W" if freq_text == "W" else "D"
    period_days = 7 if freq == "W" else 1
    options = ForecastOptions(horizon=math.ceil(request.horizon_days / period_days), level=level,
                              prophet=opts.get("prophet", "auto"), country=opts.get("country"))
    # "forecast Amazon sales next month": that channel's sales only (the tenant's own spelling of it)
    channels = [str(c) for c in opts.get("channels") or [] if str(c).strip()]
    inputs = load_inputs(deps.warehouse, request.tenant_id, as_of, request.skus, channels)
    sales_evidence = Evidence(description="daily units per SKU", query=inputs.queries["sales"].sql,
                              params=inputs.queries["sales"].params)
    if inputs.sales.empty:
        what = (", ".join(request.skus) if request.skus else "any SKU") + (
            f" in {' and '.join(channels)}" if channels else "")
        need = f"daily sales (sku, date, units) for {what} up to {as_of}"
        if unitless_lines(deps.warehouse, request.tenant_id, as_of):  # Walmart's, Rossmann's revenue totals
            if "forecast" in asks and opts.get("measure") == "revenue" and not request.skus and (
                    money := _revenue_totals_forecast(deps, request, as_of, options, channels, started)) is not None:
                return money  # "what will revenue be next month": the money is given, so it is forecast
            need = ("your sales data are revenue totals with no units, so no demand in units can be forecast "
                    f"({need})")
        return AgentResult(
            agent="forecast", tenant_id=request.tenant_id, status="insufficient_data",
            summary=f"No sales history for {what} up to {as_of}: nothing to forecast.",
            missing_data=[need],
            confidence=Confidence.compute(model_certainty=None, data_completeness=0.0, data_freshness=None,
                                          explanation="no sales data"),
            data={"evidence": [sales_evidence.model_dump()]}, elapsed_ms=_ms(started))

    if asks == ["lost_sales"]:  # "how much did stock-outs cost us": an estimate from the counts, nothing to forecast
        return _lost_sales_result(deps, request, inputs, as_of, sales_evidence, started)
    warnings: list[str] = []
    missing: list[str] = []
    last_date = inputs.sales["date"].max()
    if request.skus and (tenant_last := as_of_date(deps.warehouse, request.tenant_id, (DataKind.SALES,))):
        # a named SKU's series runs to the tenant's last sales date (no sale since its last one is 0 units), not
        # to that SKU's last sale
        last_date = max(last_date, pd.Timestamp(min(tenant_last, as_of)))
    if opts.get("to_date_start") and (gap := (as_of - last_date.date()).days) > 0:
        # "the rest of December" asked on 6 Dec with sales to 3 Dec: the horizon was counted from the as-of date,
        # but the forecast starts the day after the data's last day, so 4-6 Dec are forecast too (to the period's end)
        request = request.model_copy(update={"horizon_days": request.horizon_days + gap})
        options = replace(options, horizon=math.ceil(request.horizon_days / period_days))
    sales = inputs.sales
    # "how many units will we sell in January" on 5 Dec: January's days of the horizon, not the days from tomorrow
    window = window_of(last_date.date(), opts.get("window_start"), request.horizon_days)
    cover = run_rate_cover(sales, inputs.stock, as_of)
    if request.categories and not request.skus:
        # "what is out of stock in Kitchen": the stock answers cover that category's products only
        from shared.store.catalogue import skus_described_as

        in_scope = set(skus_described_as(deps.warehouse, request.tenant_id, "", categories=request.categories))
        cover = cover[cover.index.isin(in_scope)]
        if in_scope:  # "the sales forecast for Kitchen": that category's products, not the store's
            sales = sales[sales["sku"].astype(str).isin(in_scope)]
    if not request.skus and (wanted := int(opts.get("top_sellers") or 0)) > 0:
        # "the demand forecast for our best seller": the N SKUs with the most units over the last 90 days of sales
        recent = sales[sales["date"] > last_date - pd.Timedelta(days=TOP_SELLER_DAYS)]
        best = [str(s) for s in recent.groupby("sku")["units"].sum().nlargest(wanted).index]
        if best:
            warnings.append(f"{'the best seller' if wanted == 1 else f'the {len(best)} best sellers'} by units over "
                            f"the last {TOP_SELLER_DAYS} days of sales: {', '.join(best)}")
            sales = sales[sales["sku"].astype(str).isin(best)]
            request = request.model_copy(update={"skus": best})
    scope_sales = sales  # the scope's sales before only its top sellers are kept: what a unit is worth
    store: SkuForecastView | None = None  # every SKU together, when only the top sellers are forecast one by one
    if not request.skus:
        # choose the top sellers first: building series for SKUs that are then dropped was most of the run
        limit = int(opts.get("max_skus", DEFAULT_MAX_SKUS))
        with_sales = int(sales["sku"].nunique())
        if request.price_change_pct is not None and request.categories:
            # "what if we raise Kitchen prices by 10%": the change is to every SKU of the category, so every one
            # is forecast (up to the what-if cap), not only the top sellers
            limit = max(limit, min(with_sales, MAX_SCOPE_WHATIF_SKUS))
        # stock questions are answered from every SKU's cover; only the closest calls need a forecast
        stock_limit = min(limit, int(opts.get("stock_max_skus", DEFAULT_STOCK_MAX_SKUS)))
        by_cover = select_by_cover(cover, asks, stock_limit) if set(STOCK_ASKS) & set(asks) else []
        keep: set[str] | None = None
        if with_sales > limit or by_cover:
            # the forecast part of a question covers the top sellers; a stock part adds its closest calls
            totals = sales.groupby("sku")["units"].sum().sort_values(ascending=False)
            top = [str(s) for s in totals.index[:limit]] if "forecast" in asks or not by_cover else []
            keep = set(top) | set(by_cover)
            if with_sales > len(keep):
                warnings.append(f"{with_sales} SKUs have sales; forecast " + " and ".join(
                    part for part in (f"the top {len(top)} by units" if top else "",
                                      f"the {len(by_cover)} with the least/most days of cover by run rate"
                                      if by_cover else "") if part)
                                + " (options.max_skus); the cover of every SKU is in data.cover")
            if "forecast" in asks and top and with_sales > len(top):
                store = store_total(sales, last_date, freq, options, request.horizon_days, with_sales,
                                    label=f"its {with_sales:,} SKUs" if request.categories or channels else "",
                                    window=window, persisted=PersistedFits(deps.documents, request.tenant_id))
            sales = sales[sales["sku"].astype(str).isin(keep)]
    aggregate = request.price_change_pct is None and (
        set(asks) <= {"forecast"} or (not request.skus and set(asks) <= set(STOCK_ASKS)))
    if store is None and aggregate and "forecast" in asks and not request.skus and sales["sku"].nunique() > 1:
        # every SKU of the scope is forecast one by one: their total as one series still leads, so the number does
        # not depend on whether their pooled fit is ready within the wait (a loaded machine answered the series,
        # an idle one the SKUs' sum: two totals for one question)
        n = int(sales["sku"].nunique())
        store = store_total(sales, last_date, freq, options, request.horizon_days, n,
                            label=f"its {n:,} SKUs" if request.categories or channels or opts.get("brands") else "",
                            window=window, persisted=PersistedFits(deps.documents, request.tenant_id))
    series = _build_series(sales, last_date, freq)
    if opts.get("future"):
        series = planned_prices(series, opts["future"], options.horizon)
    if request.skus:
        absent = [s for s in request.skus if s not in series]
        missing += [f"sales history for SKU {s}" for s in absent]

    def companions() -> list[RegularSeries]:
        found = companion_series(deps, request.tenant_id, as_of, last_date, set(series), freq)
        return list(planned_prices(found, opts["future"], options.horizon).values()) if opts.get("future") and found \
            else list(found.values())

    # an aggregate question is answered by the store's series, a catalogue's stock question by every SKU's run-rate
    # cover, a question about a few named SKUs by their own series: in quick mode the pooled fit behind them is
    # waited for a while, then the fit goes on in the background for the next question
    few = bool(request.skus) and 0 < len(series) <= FALLBACK_SERIES
    wait = float(opts["fit_wait_seconds"]) if (aggregate or few) and opts.get("fit_wait_seconds") is not None \
        else None
    # one fit per tenant and data: asking again while it runs waits for it rather than starting a second one
    flight = (request.tenant_id, tuple(sorted(fingerprint(s, options) for s in series.values())))
    fitted = fit_within(wait, lambda: _forecast_all(deps, request.tenant_id, list(series.values()), options,
                                                    companions), key=flight)
    outcomes = fitted if fitted is not None else []
    if fitted is None and few:
        # the per-series selection (the documented fallback: cheap models chosen on the SKU's own backtest)
        outcomes = [SkuOutcome(s, forecast_series(s, options), False) for s in series.values()]
        warnings.append(f"the pooled forecast was not ready within {wait:g} s: each SKU's own backtest-selected model "
                        "answers, and the pooled fit goes on for the next question")
    elif fitted is None:
        if store is None and "forecast" in asks:  # a scope of one SKU: its total as one series
            store = store_total(sales, last_date, freq, options, request.horizon_days, int(sales["sku"].nunique()),
                                label=f"its {int(sales['sku'].nunique()):,} SKUs", window=window,
                                persisted=PersistedFits(deps.documents, request.tenant_id))
        warnings.append(f"the per-product forecasts were not ready within {wait:g} s: the store's total (stock: every "
                        "SKU's run-rate cover) answers, and they are being fitted for the next question")
    for o in outcomes:
        o.period_days = period_days
        if request.skus and len(outcomes) <= FALLBACK_SERIES:
            # 1-3 named SKUs on a small shop (too few backtest totals pooled) or answered by the per-series selection:
            # their totals' band from their own series' backtest totals, before a what-if scales it
            o.result = with_own_sku_totals(o, level)
    pooled = pooled_estimates(deps, request, as_of, sales, level) if request.price_change_pct is not None else None
    for o in outcomes:
        if request.price_change_pct is not None:
            _apply_whatif(o, request.price_change_pct, pooled)
        sold = cover["sold_since_count"].get(o.series.series_id) if "sold_since_count" in cover else None
        o.plan = _plan(o, inputs, opts, level, warnings, missing, float(sold or 0.0))
    drift_rows = _track_drift(deps, request.tenant_id, outcomes, last_date)
    run_id = uuid.uuid4().hex
    if opts.get("persist", True):
        _persist(deps, request.tenant_id, run_id, outcomes, last_date.date(), level, freq)

    findings, actions = _findings(outcomes, inputs, sales_evidence, level, as_of, request)
    freshness = Confidence.freshness(last_date.date(), as_of)
    views = [_view(o, level, request.horizon_days, window) for o in outcomes]
    answers = forecast_answers(asks, cover=cover, views=views, level=level, horizon_days=request.horizon_days,
                               as_of=last_date.date(), stock_as_of=as_of, scoped=list(request.skus),
                               price_change_pct=request.price_change_pct, store=store,
                               within=request.horizon_days if opts.get("horizon_stated") else None,
                               scope=f"the {' and '.join(request.categories)} categor"
                               + ("y" if len(request.categories) == 1 else "ies")
                               if request.categories and not request.skus else
                               f"the {' and '.join(channels)} channel{'s' if len(channels) > 1 else ''}"
                               if channels and not request.skus else
                               # "forecast for all Acme products": the brand's SKUs, said as its range
                               f"the {' and '.join(map(str, opts['brands']))} range" if opts.get("brands") else "",
                               revenue=_revenue(deps, request, scope_sales, last_date.date(), asks),
                               cover_over=int(opts["cover_over_days"]) if opts.get("cover_over_days") else None,
                               done=_so_far(deps, request, last_date.date()),
                               against=_with_rest(_against(deps, request, last_date.date()), request, store,
                                                  outcomes, scope_sales, last_date, freq, options, level),
                               window=window,
                               band=str(opts["band"]) if opts.get("band") in ("low", "high", "range") else None)
    answers = _with_titles(answers, inputs.products, list(request.skus))
    if "reorder" in asks and window is not None and window.days <= WINDOW_ORDER_DAYS:
        # "how many units do we need to order for Black Friday week": the week's units less today's stock left then
        answers = [_window_order(a, request, outcomes, cover, scope_sales, last_date, freq, options, window, level)
                   for a in answers]
    if opts.get("milestone") and opts.get("to_date_start") and "forecast" in asks:
        # "when will we hit $1M (sell our 10,000th unit) this year": the day the actuals, then the forecast, reach it
        basis = _revenue(deps, request, scope_sales, last_date.date(), asks)
        answers = [_milestone(a, deps, request, scope_sales, last_date, freq, options, basis, outcomes, level)
                   for a in answers]
    if opts.get("by_category") and not request.skus and not request.categories:
        # "forecast next quarter by category": each category's own total leads the answer
        views_by_category = category_totals(deps, request, scope_sales, last_date, freq, options, window)
        answers = [by_category_answer(a, views_by_category, level) for a in answers]
    if opts.get("by_week") and opts.get("by_product") and "forecast" in asks and outcomes:
        # "weekly revenue forecast per product for next month": each product's weeks, a product-by-week table
        basis = _revenue(deps, request, scope_sales, last_date.date(), asks)
        answers = [_product_weeks(a, outcomes, store, last_date, request.horizon_days, level, window, basis)
                   for a in answers]
    elif opts.get("by_week") and "forecast" in asks:
        # "forecast by week for the next 6 weeks": the total, then each week of it from the same fit
        basis = _revenue(deps, request, scope_sales, last_date.date(), asks)
        answers = [_by_week(a, store, outcomes, scope_sales, last_date, freq, options, request.horizon_days, level,
                            window, basis) for a in answers]
    certainty = [_certainty(o.result) for o in outcomes]
    known = [c for c in certainty if c is not None]
    if not known and store is not None and store.certainty is not None:
        known = [store.certainty]  # only the store's total answered: its model's certainty, not "unknown"
    completeness = float(np.mean([_completeness(o) for o in outcomes])) if outcomes else 1.0
    confidence = Confidence.compute(
        model_certainty=float(np.mean(known)) if known else None, data_completeness=completeness,
        data_freshness=freshness,
        explanation="certainty = 1 - backtest sMAPE/100 of the chosen models (1 / (1 + MASE) for intermittent "
                    "demand); completeness = history length "
                    "vs 2x horizon + 4 weeks; freshness halves every 14 days since the last sale")
    statuses = {o.result.status for o in outcomes}
    status = "ok" if statuses <= {"ok", "no_demand"} and not missing else "partial"
    if statuses == {"insufficient_history"}:
        status = "insufficient_data"
    warnings += _grouped_series_warnings(outcomes)
    confidence = apply_staleness(confidence, resolved)
    if opts.get("explain"):  # "how confident are you in next month's forecast?": the method and the confidence
        answers = [with_method(a, confidence) for a in answers]
    if note := stale_note(resolved):
        warnings.append(note)
    summary = _summary(outcomes, request.horizon_days, as_of)
    log_event(_log, "forecast agent run", tenant=request.tenant_id, skus=len(outcomes), run_id=run_id,
              cached=sum(o.cached for o in outcomes))
    return AgentResult(
        agent="forecast", tenant_id=request.tenant_id, status=status, summary=summary,
        metrics=_metrics(outcomes, run_id), findings=findings, actions=actions, warnings=warnings,
        missing_data=missing, confidence=confidence,
        data={"run_id": run_id, "history_end": last_date.date().isoformat(), "level": level,
              "forecasts": [_table(o) for o in outcomes], "drift": drift_rows,
              "answers": [a.model_dump(mode="json") for a in answers], "as_of": resolved.as_dict(),
              "cover": _cover_rows(cover)},
        elapsed_ms=_ms(started))


#: Named SKUs forecast on their own series when the pooled fit is not ready in time (each takes ~0.1-0.3 s).
FALLBACK_SERIES = 3

#: The asks answered from stock cover (run rate for every SKU, the forecast for the closest calls).
STOCK_ASKS: tuple[str, ...] = ("stockout", "overstock", "out_of_stock", "reorder")

#: Days a stock-out question without a period is about.
LOST_SALES_DAYS = 90


def _lost_sales_result(deps: Deps, request: AgentRequest, inputs: ForecastInputs, as_of: date,
                       sales_evidence: Evidence, started: float) -> AgentResult:
    """The revenue stock-outs cost in the period asked (the last 90 days when none), as an estimate."""
    from shared.forecast.lost_sales import estimate_lost_sales, lost_sales_answer

    end = min(request.end_date or as_of, as_of)
    start = request.start_date or end - timedelta(days=LOST_SALES_DAYS - 1)
    sales = inputs.sales
    if request.categories and not request.skus:  # "stock-outs in Kitchen": that category's products
        from shared.store.catalogue import skus_described_as

        in_scope = set(skus_described_as(deps.warehouse, request.tenant_id, "", categories=request.categories))
        sales = sales[sales["sku"].astype(str).isin(in_scope)]
        inputs = replace(inputs, counts=inputs.counts[inputs.counts["sku"].astype(str).isin(in_scope)])
    estimate = estimate_lost_sales(sales, inputs.counts, start, end)
    currency = sales_currency(deps, request.tenant_id)
    period = "" if request.start_date else f"in the last {LOST_SALES_DAYS} days ({start:%Y-%m-%d} to {end:%Y-%m-%d})"
    answer = lost_sales_answer(estimate, lambda v: fmt_money(v, currency), period)
    answers = _with_titles([answer], inputs.products, list(request.skus))
    stock_evidence = Evidence(description="every stock count per SKU and location", query=inputs.queries[
        "inventory"].sql, params=inputs.queries["inventory"].params)
    return AgentResult(
        agent="forecast", tenant_id=request.tenant_id, status="ok" if answer.answered else "partial",
        summary=answers[0].text, missing_data=[] if estimate.counted_skus else ["stock counts (inventory history)"],
        confidence=Confidence.compute(model_certainty=None, data_completeness=1.0 if estimate.counted_skus else 0.0,
                                      data_freshness=None, explanation="an estimate from stock counts and sales"),
        data={"answers": [a.model_dump(mode="json") for a in answers],
              "evidence": [sales_evidence.model_dump(), stock_evidence.model_dump()],
              "lost_sales": answers[0].rows},
        elapsed_ms=_ms(started))


def _revenue_totals_forecast(deps: Deps, request: AgentRequest, as_of: date, options: ForecastOptions,
                             channels: list[str], started: float) -> AgentResult | None:
    """Revenue forecast for sales that are revenue totals with no units (Walmart's, Rossmann's stores and weeks).

    "What will revenue be next month?" was refused ("units cannot be counted"): the money is what such data
    give, so each day's revenue total is forecast as one series (:func:`store_total`, in weeks when most days are
    empty, as weekly totals are) and said in the sales currency. ``None`` when there is nothing to forecast.
    """
    read = daily_revenue_totals(deps.warehouse, request.tenant_id, as_of, channels)
    frame = read.frame
    if frame.empty or float(frame["revenue"].fillna(0.0).abs().sum()) == 0.0:
        return None
    sales = pd.DataFrame({"sku": STORE_SERIES, "date": pd.to_datetime(frame["date"]),
                          "units": frame["revenue"].astype("float64").fillna(0.0)})
    last_date = sales["date"].max()
    view = store_total(sales, last_date, "D", options, request.horizon_days, 0, label="your revenue totals",
                       persisted=PersistedFits(deps.documents, request.tenant_id))
    if view is None:
        return None
    currency = sales_currency(deps, request.tenant_id)
    start, end = last_date.date() + timedelta(days=1), last_date.date() + timedelta(days=request.horizon_days)
    level = options.level
    where = f" from {' and '.join(channels)}" if channels else ""
    text = (f"We expect revenue{where} of about {fmt_money(view.total, currency)} over the next {request.horizon_days} "
            f"days ({start.isoformat()} to {end.isoformat()}) ({level:.0%} interval "
            f"{fmt_money(view.lower, currency)}-{fmt_money(view.upper, currency)}; model {view.model}; "
            f"{view.band_note}). Your sales "
            "data are revenue totals with no units, so revenue is forecast directly (each day's total as one "
            "series), not as units sold.")
    method = ("the daily revenue total of the sales lines that carry no units, forecast as one series (weeks when "
              f"most days are empty); {view.band_note}")
    answer = AgentAnswer(ask="forecast", text=text, method=method, columns=["series", "forecast_revenue", "lower",
                                                                            "upper", "horizon_days", "model"],
                         rows=[["revenue", round(view.total, 2), round(view.lower, 2), round(view.upper, 2),
                                request.horizon_days, view.model]], total_rows=1, period_start=start, period_end=end,
                         finding_prefixes=["forecast:"])
    evidence = Evidence(description="daily revenue totals (lines with no units)", query=read.sql,
                        params=read.evidence_params())
    days = int(sales["date"].dt.normalize().nunique())
    confidence = Confidence.compute(
        model_certainty=None, data_completeness=min(1.0, days / (2 * request.horizon_days + 28)),
        data_freshness=Confidence.freshness(last_date.date(), as_of),
        explanation="revenue totals forecast as one series; completeness = days of history vs 2x horizon + 4 weeks")
    return AgentResult(agent="forecast", tenant_id=request.tenant_id, status="ok", summary=text,
                       confidence=confidence,
                       data={"history_end": last_date.date().isoformat(), "level": level,
                             "answers": [answer.model_dump(mode="json")], "evidence": [evidence.model_dump()]},
                       elapsed_ms=_ms(started))


#: Asks whose answers name SKUs: they call each product by its title the first time.
_TITLED_ASKS = frozenset({"stockout", "out_of_stock", "reorder", "overstock", "forecast", "what_if", "lost_sales"})


def _with_titles(answers: list[AgentAnswer], products: pd.DataFrame, scoped: list[str]) -> list[AgentAnswer]:
    """Stock and forecast answers with their products named "Kestrel Headlamp (OUT-0003)", as pricing's are."""
    from shared.pricing.answers import with_titles

    if products.empty or "title" not in products:
        return answers
    titles = {str(k): str(v) for k, v in zip(products["sku"], products["title"], strict=True)
              if v is not None and not pd.isna(v) and str(v).strip()}
    return [with_titles(a, titles, scoped) if a.ask in _TITLED_ASKS else a for a in answers]


def _revenue(deps: Deps, request: AgentRequest, sales: pd.DataFrame, last_day: date,
             asks: Sequence[str]) -> RevenueBasis | None:
    """What a forecast unit is worth, when the question asks about money (``options["measure"] == "revenue"``)."""
    if request.options.get("measure") != "revenue" or "forecast" not in asks:
        return None
    return revenue_basis(sales, last_day, sales_currency(deps, request.tenant_id))


def _so_far(deps: Deps, request: AgentRequest, last_day: date) -> SoFar | None:
    """The running month's actuals when the request completes one (``options["to_date_start"]``).

    Read through the metrics layer (revenue and units of the sales lines, the named SKUs' when there are), so the
    month's total adds up with the metric answer beside it to the cent.
    """
    start = request.options.get("to_date_start")
    if not start or (first := date.fromisoformat(str(start))) > last_day:
        return None
    return _actuals(deps, request, first, last_day)


def _against(deps: Deps, request: AgentRequest, last_day: date) -> SoFar | None:
    """A past period's actuals the forecast is compared with (``options["against"]``: its first and last day).

    "Will we sell more next month than last month?" answered the forecast alone; last month's units (revenue)
    are read through the metrics layer, as the metric answer reads them, for the same products.
    """
    span = request.options.get("against")
    if not isinstance(span, list | tuple) or len(span) != 2:
        return None
    first, last = date.fromisoformat(str(span[0])), min(date.fromisoformat(str(span[1])), last_day)
    return _actuals(deps, request, first, last) if first <= last else None


def _with_rest(against: SoFar | None, request: AgentRequest, store: SkuForecastView | None,
               outcomes: list[SkuOutcome], sales: pd.DataFrame, last_date: pd.Timestamp, freq: Freq,
               options: ForecastOptions, level: float) -> SoFar | None:
    """A compared period still running when the data ends ("than this quarter"): its rest forecast, so it is whole.

    The actuals run to the data's last day; the days after it, to the period's end, are the forecast's (the store's
    series when it answers, else the SKUs forecast one by one), over the same window machinery as "in January".
    """
    span = request.options.get("against")
    if against is None or not isinstance(span, list | tuple) or len(span) != 2:
        return against
    until, last_day = date.fromisoformat(str(span[1])), last_date.date()
    if until <= last_day:
        return against
    rest = Window(last_day, last_day + timedelta(days=1), until)
    if store is not None:
        view = store_total(sales, last_date, freq, options, request.horizon_days, int(sales["sku"].nunique()),
                           window=rest)
        total = view.total if view is not None else None
    else:
        total = sum(_view(o, level, request.horizon_days, rest).total for o in outcomes) if outcomes else None
    return against if total is None else replace(against, until=until, rest=float(total))


def _by_week(answer: AgentAnswer, store: SkuForecastView | None, outcomes: list[SkuOutcome], sales: pd.DataFrame,
             last_date: pd.Timestamp, freq: Freq, options: ForecastOptions, horizon_days: int, level: float,
             window: Window | None, basis: RevenueBasis | None) -> AgentAnswer:
    """``answer`` led by each week of its period: the store's series when it answered, else the SKUs forecast."""
    from shared.forecast.by_week import WeekFigure, by_week_answer, week_blocks

    if answer.ask != "forecast" or not answer.answered:
        return answer
    last_day = last_date.date()
    first, end = (window.start, window.end) if window is not None else (
        last_day + timedelta(days=1), last_day + timedelta(days=horizon_days))
    per_unit = basis.scope if basis is not None and store is not None else None
    # money forecast SKU by SKU ("weekly revenue forecast for X and Y"): each SKU's units at its own price per unit,
    # as the total is (the SKUs with no priced sale left out of both)
    per_sku = basis.per_sku if basis is not None and store is None else None
    if basis is not None and per_unit is None and not per_sku:
        return answer
    weeks = []
    for wk_first, wk_last in week_blocks(first, end):
        part = Window(last_day, wk_first, wk_last)
        if store is not None:
            view = store_total(sales, last_date, freq, options, horizon_days, int(sales["sku"].nunique()),
                               window=part)
            if view is None:
                return answer
            total, lo, hi = view.total, view.lower, view.upper
        else:
            views = [_view(o, level, horizon_days, part) for o in outcomes]
            if per_sku is not None:
                views = [v for v in views if v.sku in per_sku]
            if not views:
                return answer
            worth = (lambda v: per_sku[v.sku]) if per_sku is not None else (lambda v: 1.0)
            total, lo, hi = (sum(v.total * worth(v) for v in views), sum(v.lower * worth(v) for v in views),
                             sum(v.upper * worth(v) for v in views))
        p = per_unit or 1.0
        weeks.append(WeekFigure(wk_first, wk_last, total * p, lo * p, hi * p))
    period = window_label(window) if window is not None else \
        f"the next {horizon_days} days ({first.isoformat()} to {end.isoformat()})"
    currency = basis.currency if basis is not None else None
    return by_week_answer(answer, weeks, period=period, level=level,
                          money=(lambda v: fmt_money(v, currency)) if basis is not None else None)


def _product_weeks(answer: AgentAnswer, outcomes: list[SkuOutcome], store: SkuForecastView | None,
                   last_date: pd.Timestamp, horizon_days: int, level: float, window: Window | None,
                   basis: RevenueBasis | None) -> AgentAnswer:
    """``answer`` led by each forecast SKU's weeks (money at its own price per unit), its table product by week.

    The SKUs are the ones forecast one by one (the named ones, else the top sellers); each week is a window of that
    SKU's fit, so a row adds up to the SKU's total over the period.
    """
    from shared.forecast.by_week import WeekFigure, by_product_answer, week_blocks

    if answer.ask != "forecast" or not answer.answered:
        return answer
    last_day = last_date.date()
    first, end = (window.start, window.end) if window is not None else (
        last_day + timedelta(days=1), last_day + timedelta(days=horizon_days))
    per_sku = basis.per_sku if basis is not None else None
    products: list[tuple[str, list[WeekFigure]]] = []
    for o in outcomes:
        sku = o.series.series_id
        if per_sku is not None and sku not in per_sku:
            continue  # no priced sale to say its money with
        worth = per_sku[sku] if per_sku is not None else 1.0
        weeks = []
        for wk_first, wk_last in week_blocks(first, end):
            v = _view(o, level, horizon_days, Window(last_day, wk_first, wk_last))
            weeks.append(WeekFigure(wk_first, wk_last, v.total * worth, v.lower * worth, v.upper * worth))
        products.append((sku, weeks))
    products.sort(key=lambda p: -sum(w.total for w in p[1]))
    period = window_label(window) if window is not None else \
        f"the next {horizon_days} days ({first.isoformat()} to {end.isoformat()})"
    whole = None
    if store is not None:
        whole = store.total * basis.scope if basis is not None and basis.scope is not None else \
            None if basis is not None else store.total
    currency = basis.currency if basis is not None else None
    return by_product_answer(answer, products, period=period, store_total=whole,
                             money=(lambda v: fmt_money(v, currency)) if basis is not None else None)


def _milestone(answer: AgentAnswer, deps: Deps, request: AgentRequest, sales: pd.DataFrame,  # noqa: PLR0913
               last_date: pd.Timestamp, freq: Freq, options: ForecastOptions,
               basis: RevenueBasis | None, outcomes: Sequence[SkuOutcome] = (), level: float = 0.9) -> AgentAnswer:
    """``answer`` led by the day the running period's revenue (or units sold) reaches ``options["milestone"]``.

    Revenue when the question asks about money (``basis``), else units sold: the store's, or the named SKUs' ("when
    will we have sold 500 of the vase", "when will the vase pass $5,000 in sales"). The period runs from
    ``options["to_date_start"]`` to the horizon's end; its daily actuals are the metrics layer's (as the year to
    date beside it). The days after the data: for named SKUs their own forecasts (``outcomes``, the ones their
    "how many will we sell" answer states; money at each SKU's own revenue per unit), else the store's series (at
    the scope's revenue per unit for money), each window from the same fit as the horizon's total.
    """
    from shared.forecast.milestone import find_milestone, milestone_text
    from shared.store.metrics.model import DimensionFilter, MetricQuery, TimeRange
    from shared.store.metrics.run import run_metric_query

    if answer.ask != "forecast" or not answer.answered or request.categories:
        return answer
    own = [o for o in outcomes if o.series.series_id in set(request.skus)] if request.skus else []
    priced = any(o.series.series_id in basis.per_sku for o in own) if own and basis is not None else \
        basis is not None and basis.scope is not None
    if basis is not None and not priced:
        return answer  # money needs a revenue per unit (the SKUs' own, or the scope's)
    measure = "revenue" if basis is not None else "units"
    last_day = last_date.date()
    start = date.fromisoformat(str(request.options["to_date_start"]))
    end = last_day + timedelta(days=request.horizon_days)
    amount = float(request.options["milestone"])
    filters = [DimensionFilter(dimension="sku", values=list(request.skus))] if request.skus else []
    query = MetricQuery(tenant_id=request.tenant_id, metrics=[measure], dimensions=["date"], grain="day",
                        filters=filters, time_range=TimeRange(start=start, end=last_day))
    daily = [(_as_date(r["date"]), float(r.get(measure) or 0.0)) for r in run_metric_query(deps.warehouse,
                                                                                           query).rows]
    per_unit, skus = (basis.scope or 1.0) if basis is not None else 1.0, int(sales["sku"].nunique())

    def expected_through(day: date) -> float:
        window = Window(last_day, last_day + timedelta(days=1), day)
        if own:  # the SKUs' own forecasts: the figure "how many X will we sell by then" states
            return sum(_view(o, level, request.horizon_days, window).total
                       * ((basis.per_sku.get(o.series.series_id, 0.0)) if basis is not None else 1.0) for o in own)
        view = store_total(sales, last_date, freq, options, request.horizon_days, skus, window=window)
        return 0.0 if view is None else view.total * per_unit

    found = find_milestone(amount, daily, last_day, end, expected_through)
    name = running_period_name(start, end)
    of = f" of {', '.join(request.skus)}" if request.skus else ""
    if basis is not None:
        lead = milestone_text(found, start=start, last_actual=last_day, name=name,
                              say=lambda v: fmt_money(v, basis.currency), what=f"Revenue{of}",
                              pace=f"the daily revenue forecast{of}" if own else "the store's daily revenue forecast")
    else:
        lead = milestone_text(found, start=start, last_actual=last_day, name=name, say=lambda v: f"{v:,.0f} units",
                              what=f"Units sold{of}", pace=f"the daily forecast of units sold{of}", plural=True)
    return answer.model_copy(update={"text": f"{lead} {answer.text}"})


def _window_order(answer: AgentAnswer, request: AgentRequest, outcomes: Sequence[SkuOutcome],  # noqa: PLR0913
                  cover: pd.DataFrame, sales: pd.DataFrame, last_date: pd.Timestamp, freq: Freq,
                  options: ForecastOptions, window: Window, level: float) -> AgentAnswer:
    """The reorder answer for a named week still to come, led by the units to order for it.

    The named SKUs' own forecasts (the store's daily total as one series when none is named) over the week, and
    over the days before it, with today's stock on hand and on order (:mod:`shared.forecast.window_order`).
    """
    from shared.forecast.window_order import WindowOrder, window_order_text

    if answer.ask != "reorder":
        return answer
    last_day = last_date.date()
    before = Window(last_day, last_day + timedelta(days=1), window.start - timedelta(days=1)) \
        if window.start > last_day + timedelta(days=1) else None
    own = [o for o in outcomes if o.series.series_id in set(request.skus)] if request.skus else []
    if own:
        expected = sum(_view(o, level, request.horizon_days, window).total for o in own)
        ahead = sum(_view(o, level, request.horizon_days, before).total for o in own) if before is not None else 0.0
        stock = cover[cover.index.isin([o.series.series_id for o in own])]
        what = f" of {', '.join(o.series.series_id for o in own)}"
    elif request.skus:
        return answer
    else:
        skus = int(sales["sku"].nunique())
        week = store_total(sales, last_date, freq, options, request.horizon_days, skus, window=window)
        if week is None:
            return answer
        early = store_total(sales, last_date, freq, options, request.horizon_days, skus, window=before) \
            if before is not None else None
        expected, ahead, stock, what = week.total, early.total if early is not None else 0.0, cover, ""
    order = WindowOrder(expected, ahead, float(stock["on_hand"].sum()), float(stock["on_order"].sum()))
    text = window_order_text(order, what=what, period=window_label(window), start=window.start)
    return answer.model_copy(update={"text": text, "answered": True})


def _as_date(value: object) -> date:
    """A metric row's day (a date, a timestamp or its ISO text)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _actuals(deps: Deps, request: AgentRequest, first: date, last: date) -> SoFar | None:
    """Revenue and units sold from ``first`` to ``last``, of the request's SKUs when it names some."""
    from shared.store.metrics.model import DimensionFilter, MetricQuery, TimeRange
    from shared.store.metrics.run import run_metric_query

    filters = [DimensionFilter(dimension="sku", values=list(request.skus))] if request.skus else []
    if channels := [str(c) for c in request.options.get("channels") or [] if str(c).strip()]:
        filters.append(DimensionFilter(dimension="channel", values=channels))  # the channel forecast
    if request.categories and not request.skus:
        return None  # a category's actuals are the metric answer's to give, as the catalogue spells it
    query = MetricQuery(tenant_id=request.tenant_id, metrics=["revenue", "units"], filters=filters,
                        time_range=TimeRange(start=first, end=last))
    rows = run_metric_query(deps.warehouse, query).rows
    row = rows[0] if rows else {}
    revenue = row.get("revenue")
    return SoFar(first, last, float(row.get("units") or 0.0), None if revenue is None else float(revenue))


def sales_currency(deps: Deps, tenant_id: str) -> str | None:
    """The one currency the tenant's sales lines name; ``None`` when they name none or more than one."""
    from shared.store.statements import TENANT
    from shared.store.vocabulary import distinct_statement

    found = deps.warehouse.run(distinct_statement("sales", "currency", 2), {TENANT: tenant_id})
    codes = [str(v).strip() for v in found["currency"].tolist() if v is not None and str(v).strip()] \
        if "currency" in found else []
    return codes[0] if len(codes) == 1 else None


#: Days of sales "our best seller" is judged over (as the stock question's bestseller is).
TOP_SELLER_DAYS = 90
#: The series id of the whole store's daily units.
STORE_SERIES = "all SKUs"
#: Share of idle days (nothing sold) in the last 13 weeks above which a store's total is forecast in weeks.
MAX_IDLE_SHARE = 0.2


def idle_share(values: np.ndarray, window: int = 91) -> float:
    """Share of the last ``window`` periods in which nothing was sold."""
    recent = np.asarray(values, dtype=float)[-window:]
    return float(np.mean(recent <= 0)) if len(recent) else 0.0


#: Fewest periods of the recent rate a horizon total's band is measured against (four weeks; the horizon when
#: longer: a quarter's total is judged against a quarter's rate, not a noisier four weeks').
SUM_BAND_BASE: dict[str, int] = {"D": 28, "W": 4, "M": 1}


def category_totals(deps: Deps, request: AgentRequest, sales: pd.DataFrame, last_date: pd.Timestamp, freq: Freq,
                    options: ForecastOptions, window: Window | None) -> list[SkuForecastView]:
    """Each category's units over the horizon: its SKUs' sales summed per day and forecast as one series."""
    from shared.store.catalogue import sku_categories

    categories = sku_categories(deps.warehouse, request.tenant_id)
    named = sales["sku"].astype(str).map(categories)
    views = []
    for category in sorted(set(named.dropna())):
        mine = sales[named == category]
        view = store_total(mine, last_date, freq, options, request.horizon_days, int(mine["sku"].nunique()),
                           label=category, window=window, persisted=PersistedFits(deps.documents, request.tenant_id))
        if view is not None:
            views.append(view)
    return views


def store_total(sales: pd.DataFrame, last_date: pd.Timestamp, freq: Freq, options: ForecastOptions,
                horizon_days: int, skus: int, label: str = "", window: Window | None = None,
                persisted: PersistedFits | None = None, own_band: bool = True) -> SkuForecastView | None:
    """The whole store's units over the horizon: every SKU's sales summed per period and forecast as one series.

    "How many units will we sell next month?" asks for the store, while the agent forecasts only its top sellers
    one by one: their sum would answer for a part of the catalogue. ``None`` when the total cannot be forecast.
    ``sales`` may be one category's (``label`` then names its SKUs: "its 45 SKUs"). ``window``: only those days
    of the horizon are summed ("in January" asked on 5 Dec). ``persisted``: the tenant's stored fits, read before
    fitting and written after. The band is the series' own backtest totals' (:mod:`own_totals`: the chosen model
    refitted at rolling origins over its history); with too few origins, or ``own_band=False`` (the bench's
    before), the past windows' band (:func:`total_band`), else the summed per-period bands; ``band_note`` says which.
    """
    daily = sales.groupby("date", as_index=False)["units"].sum()
    daily = daily.assign(sku=STORE_SERIES, price=np.nan, promo=np.nan)
    series = _build_series(daily, last_date, freq)[STORE_SERIES]
    scale = 1.0
    if freq == "D" and idle_share(series.values) > MAX_IDLE_SHARE:
        # a store that sells on few days: a day's forecast is the median day (nothing sold), and 30 of them sum
        # to 0 units; weeks are rarely idle, so the total is forecast in weeks and cut to the horizon's days
        weeks = math.ceil(horizon_days / 7)
        series, freq = _build_series(daily, last_date, "W")[STORE_SERIES], "W"
        options, scale = replace(options, horizon=weeks), horizon_days / (7 * weeks)
    # one smooth series: no Prophet cold start; fitted at the horizon's bucket (as the top sellers are), so the
    # warm-up's fit of a bucket answers every horizon in it
    smooth = fit_options(replace(options, prophet="never"), 7 if freq == "W" else 1)
    key = fingerprint(series, smooth, "store+own-totals")

    def fit() -> SeriesForecast:
        return with_own_totals(forecast_series(series, smooth), series, smooth.level)

    # asked again and again ("how many next month", "sales projection"): unchanged data is not refitted, in this
    # process (the memo) or in another instance and the warm-up function (the persisted fits)
    fitted = STORE_FITS.get_or_fit(key, lambda: persisted.get_or_fit(key, fit) if persisted is not None else fit())
    result = head(fitted, options.horizon)
    if result.status != "ok" or not len(result.forecast):
        return None
    period_days = 7 if freq == "W" else 1
    weights = window.weights(len(result.forecast), period_days) if window is not None \
        else np.full(len(result.forecast), scale)
    total = float(np.sum(result.forecast * weights))
    measured = own_total_offsets(result, options.level, weights if window is not None else None, scale) \
        if own_band else None
    if measured is not None:
        lower, upper = total - measured[0], total + measured[1]
        note = own_band_note(len(result.forecast), origins_available(len(series.values), len(fitted.forecast),
                                                                    series.season_length), period_days, options.level)
    else:
        # the summed per-period bands (a slow month slow every period, no period's miss offset by another's) stand
        # in when the history holds too few windows for :func:`total_band` either
        summed = (float(np.sum(result.lower * weights)), float(np.sum(result.upper * weights)))
        periods = max(1, math.ceil(float(weights.sum()))) if window is not None else len(result.forecast)
        past = total_band(series.values, freq, periods, total, summed, options.level)
        lower, upper = past or summed
        note = fallback_band_note(len(result.forecast), origins_available(len(series.values), len(fitted.forecast),
                                                                         series.season_length), period_days,
                                  past is not None, own_band)
    return SkuForecastView(sku=label or f"all {skus:,} SKUs", total=total, lower=max(0.0, lower), upper=upper,
                           horizon_days=window.days if window is not None else horizon_days, model=result.model,
                           certainty=_certainty(result), covers=skus, band_note=note)


def with_own_totals(result: SeriesForecast, series: RegularSeries, level: float) -> SeriesForecast:
    """``result`` with the band of its totals from its own backtest totals (:func:`own_totals.own_sum_bands`).

    Computed with the fit (and stored with it: the warm-up's fit answers with its band); unchanged when the history
    gives too few origins or the model is not a local one.
    """
    if result.status != "ok" or not len(result.forecast):
        return result
    levels = tuple(sorted({*OWN_LEVELS, *result.bands, level}))
    bands = own_sum_bands(series.values, result.forecast, series.season_length, result.model, levels)
    return result if bands is None else replace(result, sum_bands=bands)


def with_own_sku_totals(o: SkuOutcome, level: float = 0.9) -> SeriesForecast:
    """A SKU's forecast with its totals' band from its own backtest totals when the pooled batch gave it none.

    The pooled band needs 30 backtest totals per step (a shop of under about 27 SKUs with one weekly origin has
    fewer) and a pooled fit ready in time. Without it, the SKU's own series is backtested at rolling origins
    (:mod:`own_totals`) with its own model when that is a local one (the per-series selection), else with the
    model its own backtest selects among the local ones; the band is that model's log misses around the SKU's
    expected path (:func:`expected_demand`), a factor either way. Unchanged when the history gives too few origins.
    """
    r = o.result
    if r.sum_bands or r.status != "ok" or not len(r.forecast):
        return r
    model = r.model
    if model_components(model) is None:
        chosen = forecast_series(o.series, ForecastOptions(horizon=len(r.forecast), prophet="never"))
        model = chosen.model
    levels = tuple(sorted({*OWN_LEVELS, *r.bands, level}))
    bands = own_sum_bands(o.series.values, expected_demand(o), o.series.season_length, model, levels)
    return r if bands is None else replace(r, sum_bands=bands)


def own_total_offsets(result: SeriesForecast, level: float, weights: np.ndarray | None,
                      scale: float = 1.0) -> tuple[float, float] | None:
    """(below, above) the total from the series' own backtest totals, if measured.

    ``weights`` ``None``: the whole forecast's total, its offset times ``scale`` (a weekly fit cut to the horizon's
    days). A window's weights: the share of the band to its end a window of its length keeps
    (:func:`horizon_totals.window_offset`), as a SKU's pooled band does.
    """
    offsets = result.sum_bands.get(level)
    if offsets is None:
        return None
    if weights is None:
        return abs(float(offsets[0][-1])) * scale, abs(float(offsets[1][-1])) * scale
    span = window_span(weights)
    if span is None or len(offsets[0]) < math.ceil(span[1] - 1e-9):
        return None
    return window_offset(offsets[0], *span), window_offset(offsets[1], *span)


def own_band_note(horizon: int, origins: int, period_days: int, level: float) -> str:
    """Where an own-backtest band came from, as the answer says it ("interval from this model's own misses ...")."""
    unit = "week" if period_days == 7 else "day"
    return (f"interval from this model's own misses of its past {horizon}-{unit} totals, refitted at {origins} points "
            f"of the history: {level:.0%} of them fell inside a band this wide")


def fallback_band_note(horizon: int, origins: int, period_days: int, past: bool, own_band: bool) -> str:
    """What a total's band is when it is not its own backtest totals', and why not."""
    unit = "week" if period_days == 7 else "day"
    what = f"interval from how past totals over as many {unit}s varied around the recent rate" if past else \
        f"interval of the per-{unit} bands summed"
    return what + (f", as {too_few_reason(origins, horizon, unit)}" if own_band else "")


def total_band(history: np.ndarray, freq: str, periods: int, total: float, summed: tuple[float, float],
               level: float) -> tuple[float, float] | None:
    """A horizon total's band from how past totals over as many periods varied around the recent rate.

    ``horizon_sum_band``'s multipliers around ``total``, never wider than ``summed`` (the per-period bands
    summed, every period missing the same way: the widest the model's own bands allow; over a long horizon the
    recent rate the windows are measured against ignores a season the model knows, and 138 days of a seasonal
    store read $1.1M-$5.7M around $2.5M). ``None`` when the history holds too few windows.
    """
    band = horizon_sum_band(history, periods, max(SUM_BAND_BASE[freq], periods), level)
    if band is None:
        return None
    return max(0.0, total * band[0], summed[0]), min(total * band[1], summed[1])


def _view(o: SkuOutcome, level: float, horizon_days: int, window: Window | None = None) -> SkuForecastView:
    if window is not None:  # the window's days only ("in January" asked on 5 Dec)
        r = o.result
        total, lo, hi = _total_interval(o, level, window.weights(len(r.forecast), o.period_days))
        return SkuForecastView(sku=o.series.series_id, total=total, lower=lo, upper=hi, horizon_days=window.days,
                               model=r.model, plan=o.plan, whatif=o.whatif)
    total, lo, hi = _total_interval(o, level)
    return SkuForecastView(sku=o.series.series_id, total=total, lower=lo, upper=hi,
                           horizon_days=len(o.result.forecast) * o.period_days or horizon_days,
                           model=o.result.model, plan=o.plan, whatif=o.whatif)


def _cover_rows(cover: pd.DataFrame, limit: int = 1000) -> list[dict[str, Any]]:
    """Run-rate cover of every SKU with stock, least cover first (JSON-safe)."""
    ordered = cover.sort_values("days_of_cover", kind="stable").head(limit)
    return [{"sku": str(s), "on_hand": float(r["on_hand"]), "on_order": float(r["on_order"]),
             "lead_time_days": int(r["lead_time_days"]), "daily_units": round(float(r["daily_units"]), 3),
             "days_of_cover": None if not math.isfinite(float(r["days_of_cover"])) else round(
                 float(r["days_of_cover"]), 1)} for s, r in ordered.iterrows()]


def _ms(started: float) -> float:
    return round((time.perf_counter() - started) * 1000, 1)


def _build_series(sales: pd.DataFrame, last_date: pd.Timestamp, freq: Freq) -> dict[str, RegularSeries]:
    """Series per SKU running to the tenant's last sales date (no row = 0 units sold).

    Weekly buckets are anchored so the last one ends on that date (a complete final week).
    """
    out: dict[str, RegularSeries] = {}
    dates = pd.DatetimeIndex(sales["date"])
    units = sales["units"].to_numpy(dtype=float)
    price = sales["price"].to_numpy(dtype=float)
    promo = sales["promo"].to_numpy(dtype=float)
    groups = sales.groupby("sku", sort=True).indices
    for sku in sorted(groups, key=str):
        idx = groups[sku]
        pads = [last_date]
        if freq == "W":
            weeks = math.ceil(((last_date - dates[idx].min()).days + 1) / 7)
            pads.append(last_date - pd.Timedelta(days=weeks * 7 - 1))
        k = len(pads)
        padded = pd.DatetimeIndex(dates[idx].append(pd.DatetimeIndex(pads)))
        out[str(sku)] = regularise_arrays(
            str(sku), padded, np.concatenate([units[idx], np.zeros(k)]),
            np.concatenate([price[idx], np.full(k, np.nan)]), np.concatenate([promo[idx], np.full(k, np.nan)]), freq)
    return out


def planned_prices(series: dict[str, RegularSeries], rows: Any, horizon: int) -> dict[str, RegularSeries]:
    """``options.future`` (rows ``{sku, date, price?, promo?}``, as the CLI's ``--future`` file) on each series.

    The price-aware forecast then uses them: a period without a planned price keeps the last price, one
    without a promotion flag has none (:func:`attach_future`).
    """
    if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
        raise InvalidInput("options.future must be a list of {sku, date, price, promo} objects")
    frame = pd.DataFrame(rows)
    if "sku" not in frame or "date" not in frame or not {"price", "promo"} & set(frame.columns):
        raise InvalidInput("options.future rows need sku, date and price and/or promo")
    try:
        planned = pd.DataFrame({"series_id": frame["sku"].astype(str), "date": pd.to_datetime(frame["date"])})
        for column in ("price", "promo"):
            if column in frame:
                planned[column] = pd.to_numeric(frame[column], errors="raise").astype(float)
    except (ValueError, TypeError) as exc:
        raise InvalidInput(f"options.future: {exc}") from exc
    if (planned.get("price", pd.Series(dtype=float)) <= 0).any():
        raise InvalidInput("options.future: a planned price must be positive")
    attached = attach_future(list(series.values()), planned, horizon)
    return {s.series_id: s for s in attached}


def _history_end(o: SkuOutcome) -> date:
    """Last day covered by the history (the end of the last period)."""
    return (o.series.dates[-1] + pd.Timedelta(days=o.period_days - 1)).date()


def _completeness(o: SkuOutcome) -> float:
    """History length against twice the horizon plus four weeks."""
    return min(1.0, o.result.history_periods * o.period_days / (2 * len(o.result.forecast) * o.period_days + 28))


def companion_series(deps: Deps, tenant_id: str, as_of: date, last_date: pd.Timestamp, taken: set[str],
                     freq: Freq) -> dict[str, RegularSeries]:
    """The tenant's top sellers besides ``taken`` (up to ``COMPANIONS``), for the global model to learn from.

    A question about one to three SKUs is too few series for a model trained across series; with the
    catalogue's top sellers beside them they get the same pooled ensemble as a catalogue question. The
    companions are forecast but not reported.
    """
    wide = load_inputs(deps.warehouse, tenant_id, as_of, []).sales
    if wide.empty:
        return {}
    wide = wide[~wide["sku"].astype(str).isin(taken) & (wide["date"] <= last_date)]
    top = wide.groupby("sku")["units"].sum().nlargest(COMPANIONS).index
    return _build_series(wide[wide["sku"].isin(top)], last_date, freq) if len(top) else {}


def _forecast_all(deps: Deps, tenant_id: str, series: list[RegularSeries], options: ForecastOptions,
                  companions: Callable[[], list[RegularSeries]] | None = None) -> list[SkuOutcome]:
    """Cached results where the data is unchanged; one batch (with the global model) for the rest.

    When fewer than ``MIN_SERIES`` SKUs need a fit, ``companions()`` (other SKUs' series) join the batch.
    """
    asked = options.horizon
    if series and not any(s.future_price is not None or s.future_promo is not None for s in series):
        # one fit per horizon bucket, its first periods read off (planned prices are laid over the asked horizon)
        options = fit_options(options, 7 if series[0].freq == "W" else 1)
    cache = ForecastCache(deps.documents, tenant_id)
    keys = {s.series_id: fingerprint(s, options) for s in series}
    variant = f"{series[0].freq if series else ''}|{options!r}"  # one entry per SKU and kind of request
    hits: dict[str, SeriesForecast] = {}
    for s in series:
        cached = cache.get(s.series_id, keys[s.series_id], variant)
        if cached is not None:
            hits[s.series_id] = SeriesForecast.from_dict(cached)
    todo = [s for s in series if s.series_id not in hits]
    extra = companions() if companions is not None and 0 < len(todo) < MIN_SERIES else []
    wanted = {s.series_id for s in todo}
    fresh = {r.series_id: r for r in forecast_chunk(todo + extra, options) if r.series_id in wanted} if todo else {}
    for sid, r in fresh.items():
        stored = r.to_dict()
        cache.put(sid, keys[sid], stored, variant)
        # answered as it is stored (values to 4 decimals): a fresh and a cached answer say the same numbers
        fresh[sid] = SeriesForecast.from_dict(stored)
    return [SkuOutcome(s, head(hits.get(s.series_id) or fresh[s.series_id], asked), s.series_id in hits)
            for s in series]


def pooled_estimates(deps: Deps, request: AgentRequest, as_of: date, sales: pd.DataFrame,
                     level: float) -> pd.DataFrame:
    """The pricing agent's pooled elasticities (``shared.pricing.whatif.pooled_catalogue``) for a price what-if.

    The same estimate on the same rows as the pricing agent's what-if states: the catalogue's sales as the pricing
    loader reads them, each SKU pooled toward its category and the catalogue. Before, this pooled the forecast
    loader's rows toward the catalogue only, and the two agents answered one what-if with two elasticities (-1.33
    against -1.30 on one product). ``sales``: used only when the pricing reads find no sales.
    """
    from shared.pricing.loader import load, to_inputs
    from shared.pricing.whatif import pooled_catalogue

    # the request as the pricing agent widens it for pooling (``shared.pricing.whatif.catalogue_inputs``): both are
    # built from one plan, so its dates are the pricing agent's too
    wide = request.model_copy(update={"skus": [], "categories": [], "competitors": []})
    catalogue = to_inputs(load(deps.warehouse, wide))
    if not catalogue.sales.empty:
        return pooled_catalogue(catalogue.sales, catalogue.attributes, level)
    from shared.pricing.elasticity import pooled_elasticity

    if sales.empty:
        return pd.DataFrame()
    return pooled_elasticity(sales[["sku", "date", "units", "price"]].dropna(subset=["price"]), None, level=level)


def _apply_whatif(o: SkuOutcome, pct: float, pooled: pd.DataFrame | None = None) -> None:
    """Scale the forecast by the price response (pooled elasticity, else the SKU's own fit), or say why not.

    With the pooled estimate the band also spans the elasticity interval's ends.
    """
    sku = o.series.series_id
    row: dict[str, Any] = ({str(k): v for k, v in pooled.loc[sku].to_dict().items()}
                           if pooled is not None and sku in pooled.index else {})
    if row and np.isfinite(float(row["elasticity"])) and str(row["source"]) != "none":
        low, high = ELASTICITY_RANGE
        b, b_lo, b_hi = (float(np.clip(float(row[c]), low, high)) for c in ("elasticity", "ci_low", "ci_high"))
        factor = 1 + pct / 100
        centre, ends = float(factor ** b), sorted((float(factor ** b_lo), float(factor ** b_hi)))
        reason = (f"log-log elasticity on {int(row['n_obs'])} days, pooled toward the catalogue"
                  if bool(row["pooled"]) else f"log-log elasticity on {int(row['n_obs'])} days")
        o.whatif = {"pct": pct, "multiplier": centre, "multiplier_low": ends[0], "multiplier_high": ends[1],
                    "elasticity": b, "elasticity_low": b_lo, "elasticity_high": b_hi, "pooled": bool(row["pooled"]),
                    "reason": reason}
        r = o.result
        r.forecast, r.lower, r.upper = r.forecast * centre, r.lower * ends[0], r.upper * ends[1]
        r.unrounded = None if r.unrounded is None else r.unrounded * centre
        o.whatif_note = (f"price {pct:+g}% applied with elasticity {b:.2f} [{b_lo:.2f}, {b_hi:.2f}] ({reason}): "
                         f"demand x{centre:.3f}")
        return
    est = estimate_elasticity(o.series.values, o.series.price)
    mult = est.multiplier(pct)
    o.whatif = {"pct": pct, "multiplier": mult, "elasticity": est.value, "reason": est.reason}
    if mult is None:
        o.whatif_note = f"price what-if ({pct:+g}%) not applied: {est.reason}"
        o.result.warnings.append(o.whatif_note)
        return
    r = o.result
    r.forecast, r.lower, r.upper = r.forecast * mult, r.lower * mult, r.upper * mult
    r.unrounded = None if r.unrounded is None else r.unrounded * mult
    o.whatif_note = (f"price {pct:+g}% applied with elasticity {est.value:.2f} ({est.reason}): "
                     f"demand x{mult:.3f}")


def _grouped_series_warnings(outcomes: list[SkuOutcome], examples: int = 5) -> list[str]:
    """One line per kind of per-series warning ("N SKUs: ...", with examples) instead of one per SKU."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for o in outcomes:
        for w in o.result.warnings:
            pattern = _NUMBER.sub("N", w)  # "140 of 730 ..." and "69 of 730 ..." group
            groups.setdefault(pattern, []).append((o.series.series_id, w))
    out = []
    for items in groups.values():
        if len(items) == 1:
            out.append(f"{items[0][0]}: {items[0][1]}")
        else:
            skus = [sku for sku, _ in items]
            shown = ", ".join(skus[:examples]) + (f" and {len(skus) - examples} more" if len(skus) > examples else "")
            out.append(f"{len(skus)} SKUs: {_number_ranges([w for _, w in items])} (e.g. {shown})")
    return out


#: A figure a per-series warning varies by; 0 stays as it is ("0 units" reads the same for every SKU).
_NUMBER = re.compile(r"\b(?!0\b)\d+(?:\.\d+)?")


def _number_ranges(warnings: list[str]) -> str:
    """Warnings that differ only in their figures as one, each figure the range they span ("12-140 of 730 periods")."""
    columns = list(zip(*(_NUMBER.findall(w) for w in warnings), strict=True))
    spans = iter(
        col[0] if len(set(col)) == 1 else f"{min(col, key=float)}-{max(col, key=float)}" for col in columns
    )
    return _NUMBER.sub(lambda _: next(spans), warnings[0])


def _plan(o: SkuOutcome, inputs: ForecastInputs, opts: dict[str, Any], level: float, warnings: list[str],
          missing: list[str], sold_since_count: float = 0.0) -> InventoryPlan | None:
    """The SKU's stock plan from its forecast and its latest count, less the units sold since the count."""
    sku = o.series.series_id
    row = inputs.stock[inputs.stock["sku"] == sku]
    if row.empty:
        missing.append(f"stock on hand for SKU {sku} (inventory) - needed for the stockout date and reorder point")
        return None
    rec = row.iloc[0]
    lead = rec["lead_time_days"]
    if pd.isna(lead):
        lead = int(opts.get("lead_time_days", DEFAULT_LEAD_TIME_DAYS))
        warnings.append(f"{sku}: no lead time on record; assumed {lead} days (options.lead_time_days)")
    on_hand = max(0.0, float(rec["on_hand"]) - sold_since_count)
    return stock_plan(o, level, on_hand=on_hand, on_order=float(rec["on_order"] or 0.0), lead_time_days=int(lead),
                      service_level=float(opts.get("service_level", 0.95)), review_days=int(opts.get("review_days", 7)))


def stock_plan(o: SkuOutcome, level: float, *, on_hand: float, on_order: float, lead_time_days: int,
               service_level: float, review_days: int) -> InventoryPlan:
    """The SKU's reorder point and risks: its expected demand, spread as the backtest's totals over as many periods.

    The lead time's demand is a total, so its safety stock comes from the band of the total
    (:func:`totals_sigma`): independent periods (``sqrt`` of the summed variances) read a slow fortnight as
    impossible, and lead-time demand passed a 95% reorder point far more often than 5% of the time.
    """
    r = o.result
    return plan_inventory(expected_demand(o), r.lower, r.upper, level=level, on_hand=on_hand, on_order=on_order,
                          lead_time_days=lead_time_days, service_level=service_level, review_days=review_days,
                          period_days=o.period_days, total_sigma=totals_sigma(o, service_level))


def totals_sigma(o: SkuOutcome, service_level: float) -> np.ndarray | None:
    """Per k, the sigma of the SKU's total over k periods from its backtest's totals; ``None`` if not measured.

    Read off the measured central band nearest ``2 * service_level - 1`` (the level whose upper end is the
    service level's quantile: a 95% service level reads the 90% band); a what-if's multiplier scales it.
    """
    if not o.result.sum_bands:
        return None
    wanted = 2 * service_level - 1
    lv = min(o.result.sum_bands, key=lambda x: (abs(x - wanted), -x))
    upper = o.result.sum_bands[lv][1]
    if o.whatif and o.whatif.get("multiplier") is not None:
        upper = upper * float(o.whatif.get("multiplier_high", o.whatif["multiplier"]))
    return sigma_of_totals(upper, lv)


def expected_demand(o: SkuOutcome) -> np.ndarray:
    """Per-period demand whose sum is the expected total: for a skewed SKU its forecast raised to its recent mean.

    The point forecast is a median (the ensemble is tuned for MASE): right for one period's sales, but below the
    mean wherever demand is skewed, and a sum of medians is not the median, let alone the mean, of the sum. An
    intermittent or lumpy SKU's median day sells 0 or a fraction of its rate, an erratic one's (sizes with a
    squared CV over 0.49: a bulk buy now and then) sits under its mean too; 30 of them summed answered "how many
    will we sell" 16-32% below what was sold (``bench/forecast_totals.py``). Stock runs down by that sum too
    (:func:`inventory.stock_demand`), so the stock plan and every horizon total (answers, breakdown, what-if
    units) read this; the mean is over the last 28 days / 13 weeks, times a what-if's multiplier. Smooth SKUs'
    forecasts are used as they are (a promotion's dip or lift); the per-period forecast itself stays the median.
    A slow weekly count's forecast is a whole number (:mod:`count_median`), its sum reads the unrounded one
    (``SeriesForecast.centre``: 1.4 a week rounded to 1 summed 13 weeks to 13 units, not 18), lifted from a median
    to a mean by the count's last year (:func:`count_median.mean_over_median`: its sum was 10% short).
    """
    r = o.result
    multiplier = float(o.whatif["multiplier"]) if o.whatif and o.whatif.get("multiplier") is not None else 1.0
    return expected_path(o.series.values, r.centre, o.series.freq, r.demand_class, multiplier)


def _track_drift(deps: Deps, tenant_id: str, outcomes: list[SkuOutcome],
                 last_date: pd.Timestamp) -> list[dict[str, Any]]:
    """Score each SKU's latest earlier forecast against the actuals since; record and flag drift."""
    earlier = earlier_forecasts(deps.warehouse, tenant_id, [o.series.series_id for o in outcomes], last_date.date())
    prev = earlier.frame
    if prev.empty:
        return []
    rows = []
    for o in outcomes:
        p = prev[prev["sku"] == o.series.series_id]
        if p.empty:
            continue
        p = p[p["run_id"] == p.sort_values("created_at")["run_id"].iloc[-1]]
        dates = pd.DatetimeIndex(pd.to_datetime(p["date"]))
        pos = pd.Series(np.arange(len(o.series.dates)), index=o.series.dates).reindex(dates)
        ok = pos.notna().to_numpy()
        if not ok.any():
            continue
        actual = o.series.values[pos[ok].astype(int).to_numpy()]
        expected = p["backtest_mase"].iloc[0]
        o.drift_query = earlier.sql
        o.drift = assess_drift(p["forecast"].to_numpy(dtype=float)[ok], actual,
                               scale=float(p["mase_scale"].iloc[0] or 0.0),
                               expected_mase=None if pd.isna(expected) else float(expected))
        rows.append({"tenant_id": tenant_id, "run_id": str(p["run_id"].iloc[0]), "sku": o.series.series_id,
                     "periods": o.drift.periods, "live_mase": o.drift.live_mase,
                     "expected_mase": o.drift.expected_mase, "ratio": o.drift.ratio, "alert": o.drift.alert,
                     "measured_at": datetime.now(UTC)})
    if rows:
        deps.warehouse.insert("forecast_accuracy", pd.DataFrame(rows))
    return [{k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in r.items()} for r in rows]


def _persist(deps: Deps, tenant_id: str, run_id: str, outcomes: list[SkuOutcome], as_of: date, level: float,
             freq: str) -> None:
    now = datetime.now(UTC)
    if not outcomes:
        return
    # one frame for the whole run (a frame per SKU and a concat cost more than the forecasts themselves)
    lengths = [len(o.result.forecast) for o in outcomes]
    chosen = [o.result.score("chosen") or {} for o in outcomes]
    scales = [mase_scale(o.series.values, 1) for o in outcomes]

    def per_sku(values: list[Any]) -> list[Any]:
        return [v for v, k in zip(values, lengths, strict=True) for _ in range(k)]

    frame = pd.DataFrame({
        "tenant_id": tenant_id, "run_id": run_id, "sku": per_sku([o.result.series_id for o in outcomes]),
        "date": [d for o in outcomes for d in o.result.dates.date],
        "as_of": as_of, "freq": freq,
        "forecast": np.concatenate([o.result.forecast for o in outcomes]),
        "lower": np.concatenate([o.result.lower for o in outcomes]),
        "upper": np.concatenate([o.result.upper for o in outcomes]),
        "level": level, "model": per_sku([o.result.model for o in outcomes]),
        "backtest_mase": per_sku([c.get("mase") for c in chosen]),
        "backtest_smape": per_sku([c.get("smape") for c in chosen]),
        "mase_scale": per_sku([None if np.isnan(x) else x for x in scales]),
        "created_at": now})
    deps.warehouse.insert("forecasts", frame)


#: Demand classes with many zero periods, where sMAPE is degenerate (a zero actual scores 200%).
_SPARSE_CLASSES = frozenset({"intermittent", "lumpy"})


def _certainty(r: SeriesForecast) -> float | None:
    """1 - sMAPE/100 of the chosen model; for intermittent demand 1 / (1 + MASE) instead.

    sMAPE counts every zero-sales period the model did not hit exactly as a 200% error, so an intermittent
    series scored 0 however good its forecast; MASE (error against the naive forecast) stays meaningful.
    """
    chosen = r.score("chosen")
    if r.status == "no_demand":
        return 1.0
    if chosen is None:
        return None
    mase = chosen.get("mase")
    if r.demand_class in _SPARSE_CLASSES and mase is not None and np.isfinite(float(mase)):
        return 1.0 / (1.0 + max(0.0, float(mase)))
    return max(0.0, 1.0 - float(chosen["smape"]) / 100.0)


def _total_interval(o: SkuOutcome, level: float, weights: np.ndarray | None = None) -> tuple[float, float, float]:
    """Expected total over the horizon (``weights``: of a window's days only) with a central interval.

    The band of a total over the first periods, or over a window that starts later, is the backtest's
    (:func:`_backtest_total_band`: how the backtest's totals missed, pooled over the batch); a forecast without one
    (the per-series selection) gets the store total's (:func:`total_band`: how the SKU's past totals over as many
    periods varied); with too few past windows, independent periods (normal approximation). Independent days
    alone read a SKU's month as if no slow month ever happened: its 90% interval held 38-64% of the next totals.
    """
    r = o.result
    n = len(r.forecast) if weights is None else min(len(r.forecast), len(weights))
    w = np.ones(n) if weights is None else np.asarray(weights, dtype=float)[:n]
    demand = expected_demand(o)[:n]
    total, lo, hi = window_total(demand, r.lower[:n], r.upper[:n], w, level)
    # a skewed SKU's mean above its median forecast, a slow count's unrounded centre beside its whole numbers
    lift = total - float(np.sum(r.forecast[:n] * w))
    summed = (float(np.sum(r.lower[:n] * w)), float(np.sum(r.upper[:n] * w)) + lift)
    measured = _backtest_total_band(o, level, w)
    if measured is not None:
        return total, max(0.0, total + measured[0]), total + measured[1]
    band = total_band(o.series.values, o.series.freq, max(1, math.ceil(float(w.sum()))), total, summed, level)
    return (total, *band) if band is not None else (total, lo, hi)


def _backtest_total_band(o: SkuOutcome, level: float, weights: np.ndarray) -> tuple[float, float] | None:
    """(lower, upper) offsets of the total over the periods ``weights`` take from the backtest's totals, if measured.

    :mod:`horizon_totals`: the cumulative misses of the backtest's totals, pooled over the batch, so the weeks'
    shared misses are in the band (independent weeks held 55-65% of 13-week totals in the 90% band); a window
    that starts later ("in January" asked on 5 Dec) reads the share of the band to its end that a window of its
    length keeps (:func:`horizon_totals.window_offset`). A what-if's multiplier (or its interval's ends) scales
    the offsets as it scales the forecast.
    """
    offsets = o.result.sum_bands.get(level)
    span = window_span(weights)
    if offsets is None or span is None or len(offsets[0]) < math.ceil(span[1] - 1e-9):
        return None
    lo, hi = -window_offset(offsets[0], *span), window_offset(offsets[1], *span)
    if o.whatif and o.whatif.get("multiplier") is not None:
        lo *= float(o.whatif.get("multiplier_low", o.whatif["multiplier"]))
        hi *= float(o.whatif.get("multiplier_high", o.whatif["multiplier"]))
    return lo, hi


def _findings(outcomes: list[SkuOutcome], inputs: ForecastInputs, sales_evidence: Evidence, level: float,
              as_of: date, request: AgentRequest) -> tuple[list[Finding], list[Action]]:
    findings: list[Finding] = []
    actions: list[Action] = []
    inv_q = inputs.queries["inventory"]
    for o in outcomes:
        r, sku = o.result, o.series.series_id
        total, lo, hi = _total_interval(o, level)
        chosen = r.score("chosen") or {}
        naive = r.backtest.get("naive") or {}
        snaive = r.backtest.get("seasonal_naive") or {}
        conf = Confidence.compute(model_certainty=_certainty(r),
                                  data_completeness=_completeness(o),
                                  data_freshness=Confidence.freshness(_history_end(o), as_of))
        metrics: dict[str, float | int | str | None] = {
            "forecast_total": round(total, 2), "lower": round(lo, 2), "upper": round(hi, 2),
            "interval_level": level, "horizon_days": request.horizon_days, "freq": "W" if o.period_days == 7 else "D",
            "periods": len(r.forecast), "model": r.model, "status": r.status,
            "backtest_mase": chosen.get("mase"), "backtest_smape": chosen.get("smape"),
            "naive_mase": naive.get("mase"), "seasonal_naive_mase": snaive.get("mase"),
            "backtest_origins": chosen.get("origins"), "backtest_horizon": r.backtest_horizon,
            "interval_coverage_backtest": r.interval_coverage, "history_periods": r.history_periods,
            "demand_class": r.demand_class, "cached": int(o.cached),
        }
        detail = (f"{total:.0f} units expected over the next {len(r.forecast) * o.period_days} days "
                  f"({level:.0%} interval {lo:.0f}-{hi:.0f}); model {r.model}")
        if chosen:
            detail += (f", backtest MASE {chosen['mase']} vs naive {naive.get('mase')} / seasonal naive "
                       f"{snaive.get('mase')}")
        if o.whatif_note:
            detail += f"; {o.whatif_note}"
        evidence = [sales_evidence.model_copy(update={"values": {"sku": sku, "history_periods": r.history_periods,
                                                                 "last_history_date": str(_history_end(o))}}),
                    Evidence(description="rolling-origin backtest of every candidate (MASE, sMAPE)",
                             values={f"{k}.mase": v.get("mase") for k, v in r.backtest.items()})]
        findings.append(Finding(id=f"forecast:{sku}", title=f"Demand forecast for {sku}", detail=detail, sku=sku,
                                severity="info", metrics=metrics, evidence=evidence, confidence=conf))
        if o.plan is not None:
            findings.append(_stock_finding(o, o.plan, as_of, inv_q.sql, inv_q.params, conf))
            # a reorder of less than one unit is no action ("Reorder 0 units"), whatever the cover says
            if round(o.plan.reorder_quantity) >= 1 and (
                    o.plan.reorder_now or (o.plan.days_of_cover is not None
                                           and o.plan.days_of_cover <= o.plan.lead_time_days)):
                actions.append(Action(
                    title=reorder_title(sku, o.plan.reorder_quantity), sku=sku,
                    detail=f"inventory position {o.plan.inventory_position:.0f} is at or below the reorder point "
                           f"{o.plan.reorder_point:.1f} ({o.plan.service_level:.0%} service level, "
                           f"{o.plan.lead_time_days}-day lead time)",
                    impact=o.plan.reorder_quantity,
                    urgency="high" if o.plan.stockout_risk_lead_time > 0.5 else "medium",
                    method="reorder point = lead-time demand + z * sigma", finding_ids=[f"stock:{sku}"]))
        if o.drift is not None and o.drift.alert:
            findings.append(Finding(id=f"drift:{sku}", title=f"Forecast accuracy drift for {sku}", sku=sku,
                                    detail=o.drift.message, severity="medium",
                                    metrics={"live_mase": o.drift.live_mase, "expected_mase": o.drift.expected_mase,
                                             "ratio": o.drift.ratio, "periods": o.drift.periods},
                                    evidence=[Evidence(description="earlier forecasts vs actuals",
                                                       query=o.drift_query)], confidence=conf))
    return findings, actions


def _stock_finding(o: SkuOutcome, plan: InventoryPlan, as_of: date, sql: str, params: dict[str, Any],
                   conf: Confidence) -> Finding:
    sku = o.series.series_id
    history_end = _history_end(o)
    if plan.days_of_cover is None:
        when = f"stock lasts beyond the {len(o.result.forecast) * o.period_days}-day horizon"
        stockout = None
    else:
        stockout = (pd.Timestamp(history_end) + pd.Timedelta(days=plan.days_of_cover)).date().isoformat()
        when = f"runs out around {stockout} ({plan.days_of_cover:.1f} days of cover)"
    severity = "high" if plan.stockout_risk_lead_time > 0.5 else "medium" if plan.reorder_now else "info"
    metrics: dict[str, float | int | str | None] = {
        **{k: v for k, v in plan.as_dict().items() if not isinstance(v, bool)},
        "reorder_now": int(plan.reorder_now), "stockout_within_horizon": int(plan.stockout_within_horizon),
        "stockout_date": stockout,
    }
    return Finding(
        id=f"stock:{sku}", title=f"Stock outlook for {sku}", sku=sku, severity=severity,
        detail=(f"{plan.on_hand:.0f} on hand: {when}; reorder point {plan.reorder_point:.1f}, "
                f"order {plan.reorder_quantity:.0f} units; stockout risk within lead time "
                f"{plan.stockout_risk_lead_time:.0%}, overstock risk {plan.overstock_risk:.0%}"),
        metrics=metrics, confidence=conf,
        evidence=[Evidence(description="latest stock per location, summed", query=sql, params=params,
                           values={"on_hand": plan.on_hand, "lead_time_days": plan.lead_time_days})])


def _metrics(outcomes: list[SkuOutcome], run_id: str) -> dict[str, float | int | str | None]:
    total = float(sum(expected_demand(o).sum() for o in outcomes))
    return {"skus": len(outcomes), "forecast_total_units": round(total, 2),
            "skus_reorder_now": sum(1 for o in outcomes if o.plan is not None and o.plan.reorder_now),
            "skus_drifting": sum(1 for o in outcomes if o.drift is not None and o.drift.alert),
            "cached": sum(o.cached for o in outcomes), "run_id": run_id}


def _table(o: SkuOutcome) -> dict[str, Any]:
    out = o.result.to_dict()
    out["inventory"] = o.plan.as_dict() if o.plan else None
    out["whatif"] = o.whatif_note
    return out


def _summary(outcomes: list[SkuOutcome], horizon: int, as_of: date) -> str:
    parts = []
    for o in outcomes[:5]:
        total = float(expected_demand(o).sum())
        text = f"{o.series.series_id}: {total:.0f} units in {horizon} days ({o.result.model})"
        if o.plan is not None and o.plan.days_of_cover is not None:
            text += f", runs out in {o.plan.days_of_cover:.0f} days"
        parts.append(text)
    more = f"; and {len(outcomes) - 5} more" if len(outcomes) > 5 else ""
    return "; ".join(parts) + more


def reorder_title(sku: str, quantity: float) -> str:
    """The action's title, as a merchant reads it: "Reorder 1 unit of X", "Reorder 1,250 units of Y"."""
    units = round(quantity)
    return f"Reorder {units:,} unit{'' if units == 1 else 's'} of {sku}"
