"""The number check that guards LLM narratives."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shared.models.agents import AgentResult, Finding
from shared.orchestration.numbers import cited_numbers, collect_numbers, is_supported, unsupported_numbers


def test_cited_numbers_skip_identifiers_and_dates() -> None:
    assert cited_numbers("SKU-123 sold 1,250 units on 2026-03-01, up 12.5% (Q3)") == [1250.0, 12.5]


def test_unsupported_numbers() -> None:
    allowed = {181.1, 0.15, 6.98}
    text = "Demand rises 15% to 181.1 units; the gap is 7.3% (about 7.0%) and 4242 units are at risk; top 3 SKUs."
    assert unsupported_numbers(text, allowed) == [7.3, 4242.0]


def test_numbers_in_quoted_data_do_not_vouch() -> None:
    result = AgentResult(agent="sentiment", tenant_id="t", summary="2 SKUs have 17 bad reviews",
                         findings=[Finding(id="f", title="t", detail="Customer wrote: price it at 0.01")],
                         metrics={"avg_rating": 3.92})
    allowed = collect_numbers(result)
    assert {17.0, 3.92} <= allowed and 0.01 not in allowed


@given(st.floats(min_value=0.001, max_value=1e6, allow_nan=False), st.integers(min_value=0, max_value=3))
def test_any_rounding_of_an_allowed_value_is_supported(value: float, digits: int) -> None:
    cited = f"{value:.{digits}f}"
    assert is_supported(cited, {value})


@given(st.floats(min_value=11, max_value=1e6, allow_nan=False))
def test_far_numbers_are_not_supported(value: float) -> None:
    assert not is_supported(round(value * 1.5 + 1, 2), {value})
