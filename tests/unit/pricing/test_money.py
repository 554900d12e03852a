from __future__ import annotations

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st

from shared.money import MoneyError, parse_money, parse_money_column


@pytest.mark.parametrize(("text", "value"), [
    ("$1,299.00", 1299.0), ("1299", 1299.0), ("12.5", 12.5), ("€1.299,00", 1299.0), ("12,50", 12.5),
    ("1,299", 1299.0), ("USD 10.00", 10.0), ("10.00 EUR", 10.0), (" £7 ", 7.0), ("1 299,95", 1299.95),
])
def test_parses_common_money_formats(text: str, value: float) -> None:
    assert parse_money(text) == pytest.approx(value)


@pytest.mark.parametrize("text", ["abc", "", "-5", "(5.00)", "1.2.3", "nan", "$"])
def test_rejects_non_prices(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_money(text)


@given(st.decimals(min_value=0, max_value=10_000_000, places=2, allow_nan=False, allow_infinity=False))
def test_us_formatted_amount_round_trips(amount: object) -> None:
    value = float(amount)  # type: ignore[arg-type]
    assert parse_money(f"${value:,.2f}") == pytest.approx(value)
    assert parse_money(f"{value:.2f}") == pytest.approx(value)


def test_column_reports_first_bad_position() -> None:
    values, pos, why = parse_money_column(pd.Series(["1", "$2.50", "abc", "x"]), required=True)
    assert pos == 2 and why == "'abc' is not a number"
    values, pos, _ = parse_money_column(pd.Series(["1", "", "$3"]), required=False)
    assert pos is None and values.iloc[2] == 3.0 and pd.isna(values.iloc[1])
    _, pos, why = parse_money_column(pd.Series(["1", ""]), required=True)
    assert pos == 1 and why == "is empty"
    _, pos, why = parse_money_column(pd.Series(["1", "-2"]), required=True)
    assert pos == 1 and "negative" in (why or "")


@given(st.lists(st.one_of(st.decimals(min_value=0, max_value=100_000, places=2).map(lambda d: f"${float(d):,.2f}"),
                          st.integers(0, 10_000).map(str), st.sampled_from(["12,50", "€1.299,00", "7 EUR"])),
                min_size=1, max_size=30))
def test_column_parse_equals_elementwise_parse(texts: list[str]) -> None:
    values, pos, _ = parse_money_column(pd.Series(texts), required=True)
    assert pos is None
    assert values.tolist() == pytest.approx([parse_money(t) for t in texts])
