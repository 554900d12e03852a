"""The one money grammar: every currency form the project accepts reads back the amount it was written from."""

from __future__ import annotations

from decimal import Decimal

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.ingest.parse import currency_from_amounts, parse_number
from shared.money import DOLLAR_PREFIXES, SYMBOLS, MoneyError, parse_amount, parse_money, parse_money_column

_CODES = ["USD", "EUR", "GBP", "INR", "JPY", "CAD", "CHF", "BRL"]
_MARKERS = ["", *SYMBOLS, *DOLLAR_PREFIXES, *_CODES]
_POINT_GROUPS = ["", ",", " ", "\u00a0", "\u202f", "'", "lakh"]
_COMMA_GROUPS = ["", ".", " ", "\u00a0", "\u202f"]


def _group(units: str, sep: str) -> str:
    """``units`` grouped in threes by ``sep`` (Indian lakh grouping: 3 then 2s)."""
    if not sep:
        return units
    if sep == "lakh":
        head, tail = units[:-3], units[-3:]
        pairs: list[str] = []
        while len(head) > 2:
            head, pair = head[:-2], head[-2:]
            pairs.insert(0, pair)
        return ",".join([p for p in [head, *pairs] if p] + [tail])
    groups: list[str] = []
    while len(units) > 3:
        units, group = units[:-3], units[-3:]
        groups.insert(0, group)
    return sep.join([units, *groups])


@st.composite
def _written(draw: st.DrawFn) -> tuple[str, Decimal, bool]:
    """An amount written in one accepted form: (text, amount, whether the form writes a decimal comma)."""
    places = draw(st.sampled_from([0, 1, 2, 3]))
    cents = draw(st.integers(0, 10**13))
    amount = Decimal(cents).scaleb(-places)
    negative = draw(st.booleans())
    comma = draw(st.booleans())
    sep = draw(st.sampled_from(_COMMA_GROUPS if comma else _POINT_GROUPS))
    units, _, frac = f"{amount:.{places}f}".partition(".")
    number = _group(units, sep) + ((("," if comma else ".") + frac) if places else "")
    marker = draw(st.sampled_from(_MARKERS))
    space = draw(st.sampled_from(["", " ", "\u00a0"])) if marker else ""
    after = marker not in DOLLAR_PREFIXES and draw(st.booleans())
    body = f"{number}{space}{marker}" if after else f"{marker}{space}{number}"
    if negative:
        style = draw(st.sampled_from(["minus", "minus_inside", "parens"]))
        if style == "parens":
            body = f"({body})"
        elif style == "minus_inside" and marker and not after:
            body = f"{marker}{space}-{number}"
        else:
            body = f"-{body}"
    return body, -amount if negative else amount, comma


@settings(max_examples=400, deadline=None)
@given(_written())
def test_every_accepted_form_reads_back_its_amount(form: tuple[str, Decimal, bool]) -> None:
    text, amount, comma = form
    assert parse_amount(text, decimal_comma=comma) == amount, text
    parsed = parse_number(pd.Series([text]), decimal_comma=comma)
    assert parsed.errors.iloc[0] is None and parsed.values.iloc[0] == pytest.approx(float(amount)), text


@settings(max_examples=100, deadline=None)
@given(st.lists(_written(), min_size=1, max_size=8))
def test_a_column_reads_each_cell_as_the_scalar_reader_does(forms: list[tuple[str, Decimal, bool]]) -> None:
    texts = [t for t, _, comma in forms if not comma]
    if not texts:
        return
    parsed = parse_number(pd.Series(texts), decimal_comma=False)
    assert parsed.values.tolist() == pytest.approx([float(parse_amount(t)) for t in texts])


# Each of these was refused (or misread) by ingestion's own parser before there was one grammar.
@pytest.mark.parametrize(("text", "comma", "expected"), [
    ("₹1,299.00", False, 1299.0), ("C$12.50", False, 12.5), ("A$ 7", False, 7.0), ("US$-5.25", False, -5.25),
    ("R$ 1.299,00", True, 1299.0), ("HK$1,000", False, 1000.0), ("₹1,00,000.00", False, 100000.0),
    ("(C$12.50)", False, -12.5), ("1.299.000", False, 1299000.0), ("0,125", False, 0.125),
])
def test_ingestion_reads_what_the_pricing_cli_and_connectors_read(text: str, comma: bool, expected: float) -> None:
    parsed = parse_number(pd.Series([text]), decimal_comma=comma)
    assert parsed.errors.iloc[0] is None and parsed.values.iloc[0] == pytest.approx(expected)
    assert float(parse_amount(text, decimal_comma=comma)) == pytest.approx(expected)


@pytest.mark.parametrize("text", [
    "1,2,3.5", "1.299,00,00", "12 34", "€12 USD", "USD 12 EUR", "$$12", "C$12 USD", "(-12)", "12-", "1,,299",
    "1.2.3", "abc", "$", "nan", "inf", "12abc", "1e5", "0x10", "٣", "１２",
])
def test_ambiguous_junk_is_refused_everywhere(text: str) -> None:
    with pytest.raises(MoneyError):
        parse_amount(text)
    assert parse_number(pd.Series([text]), decimal_comma=False).errors.iloc[0] == "not a number"
    assert parse_number(pd.Series([text]), decimal_comma=True).errors.iloc[0] == "not a number"


def test_a_symbol_with_an_agreeing_code_is_one_currency() -> None:
    assert parse_amount("$12.50 USD") == Decimal("12.50")
    assert parse_amount("€12 EUR") == Decimal("12")


@pytest.mark.parametrize(("cell", "code"), [
    ("C$12.50", "CAD"), ("₹1,299.00", "INR"), ("R$ 3,50", "BRL"), ("12 CHF", "CHF"), ("$12 USD", "USD"),
    ("$12", None), ("€12 USD", None),
])
def test_ingestion_takes_the_currency_the_marker_names(cell: str, code: str | None) -> None:
    got = currency_from_amounts([pd.Series([cell])]).iloc[0]
    assert (None if pd.isna(got) else got) == code


def test_prices_are_not_negative() -> None:
    with pytest.raises(MoneyError, match="negative"):
        parse_money("(C$12.50)")
    _, pos, why = parse_money_column(pd.Series(["C$1", "₹1,299.00", "-2"]), required=True)
    assert pos == 2 and why == "'-2' is negative"


def test_ebays_country_dollars_with_a_space_name_their_currency() -> None:
    """eBay writes "AU $12.99" and "C $5.00": the amount, and the currency the country names."""
    cells = pd.Series(["AU $12.99", "US $1,299.00", "C $5.00", "-AU $1.00", "$3.00"])
    assert parse_number(cells, decimal_comma=False).values.tolist() == [12.99, 1299.0, 5.0, -1.0, 3.0]
    assert [None if pd.isna(c) else c for c in currency_from_amounts([cells])] == ["AUD", "USD", "CAD", "AUD", None]
