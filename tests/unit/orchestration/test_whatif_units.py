"""One price what-if: the pricing agent's elasticity on the demand forecast's units."""

from shared.agents.answers import AgentAnswer
from shared.models.agents import AgentResult, Finding
from shared.orchestration.outcome import AgentOutcome
from shared.orchestration.whatif_units import Baseline, on_forecast_baseline, plain_baseline

PRICING_COLUMNS = [
    "sku",
    "price_change_pct",
    "new_price",
    "units_change_pct",
    "units_change_pct_low",
    "units_change_pct_high",
    "baseline_units",
    "delta_units",
    "delta_revenue",
    "elasticity",
    "elasticity_low",
    "elasticity_high",
    "horizon_days",
]
FORECAST_COLUMNS = [
    "sku",
    "price_change_pct",
    "units_change_pct",
    "forecast_units",
    "lower",
    "upper",
    "elasticity",
    "horizon_days",
]


def _pricing(elasticity: float = -1.30) -> AgentAnswer:
    text = (
        "Cutting X (SKU-1)'s price by 10% (to 54.00) raises expected demand by 14.7% (90% interval +5.7% to "
        "+24.4%), about +27 units (revenue +361.34) over 30 days on a baseline of 186, using a price elasticity "
        "of -1.30 [-2.07, -0.53] fitted on 713 days of sales."
    )
    row = ["SKU-1", -10.0, 54.0, 14.7, 5.7, 24.4, 186.0, 27.3, 361.34, elasticity, -2.07, -0.53, 30]
    return AgentAnswer(ask="what_if", text=text, columns=PRICING_COLUMNS, rows=[row], total_rows=1, method="p")


def _forecast(units: float = 207.8, change: float = 14.7) -> AgentAnswer:
    row = ["SKU-1", -10.0, change, units, 142.0, 305.0, -1.30, 30]
    return AgentAnswer(ask="what_if", text="...", columns=FORECAST_COLUMNS, rows=[row], total_rows=1)


def test_units_on_the_forecast_baseline() -> None:
    got = on_forecast_baseline(_pricing(), _forecast())
    base = 207.8 / 1.147
    assert (
        "about +27 units" in got.text and f"the demand forecast's {base:,.0f} units become about 208, using" in got.text
    )
    assert "on a baseline of 186" not in got.text
    row = dict(zip(got.columns, got.rows[0], strict=True))
    assert abs(row["delta_units"] - (207.8 - base)) < 0.1 and abs(row["baseline_units"] - base) < 0.1
    assert abs(row["delta_revenue"] - (207.8 * 54.0 - base * 60.0)) < 0.01


def test_another_elasticity_or_product_keeps_the_pricing_answer() -> None:
    assert on_forecast_baseline(_pricing(-1.33), _forecast()) == _pricing(-1.33)
    other = _forecast().model_copy(update={"rows": [["SKU-2", -10.0, 14.7, 207.8, 142.0, 305.0, -1.30, 30]]})
    assert on_forecast_baseline(_pricing(), other) == _pricing()
    unanswered = AgentAnswer(ask="what_if", text="cannot", answered=False)
    assert on_forecast_baseline(_pricing(), unanswered) == _pricing()


def test_a_new_price_scales_the_plain_forecast_by_the_pricing_response() -> None:
    """A new price ("drop X to $54"): no % for the forecast agent; its plain forecast is the baseline."""
    got = on_forecast_baseline(_pricing(), None, Baseline("SKU-1", 30, 181.0))
    changed = 181.0 * 0.9**-1.30
    assert f"the demand forecast's 181 units become about {changed:,.0f}" in got.text
    row = dict(zip(got.columns, got.rows[0], strict=True))
    assert abs(row["delta_units"] - (changed - 181.0)) < 0.1


def test_a_baseline_of_another_product_or_span_keeps_the_pricing_answer() -> None:
    assert on_forecast_baseline(_pricing(), None, Baseline("SKU-2", 30, 181.0)) == _pricing()
    assert on_forecast_baseline(_pricing(), None, Baseline("SKU-1", 14, 181.0)) == _pricing()
    assert on_forecast_baseline(_pricing(), None, None) == _pricing()


def _outcome(detail: str, skus: tuple[str, ...] = ("SKU-1",)) -> AgentOutcome:
    findings = [
        Finding(
            id=f"forecast:{s}",
            title="t",
            detail=detail,
            sku=s,
            metrics={"forecast_total": 181.0, "horizon_days": 30},
        )
        for s in skus
    ]
    result = AgentResult(agent="forecast", tenant_id="t", status="ok", summary="s", findings=findings)
    return AgentOutcome(agent="forecast", status="ok", result=result)


def test_the_plain_baseline_is_one_unchanged_forecast() -> None:
    assert plain_baseline([_outcome("181 units expected")]) == Baseline("SKU-1", 30, 181.0)
    assert plain_baseline([_outcome("...; price -10% applied with elasticity -1.30 (...)")]) is None
    assert plain_baseline([_outcome("181 units", ("SKU-1", "SKU-2"))]) is None
