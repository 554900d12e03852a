from __future__ import annotations

import math
from datetime import date

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shared.ingest.parse import (
    WHITESPACE,
    DateOrder,
    currency_from_amounts,
    decide_date_order,
    decide_decimal_comma,
    parse_bool,
    parse_date,
    parse_number,
    parse_text,
)


def _one(value: str, **kwargs: object) -> tuple[object, object]:
    parsed = parse_number(pd.Series([value]), **kwargs)  # type: ignore[arg-type]
    return parsed.values.iloc[0], parsed.errors.iloc[0]


@pytest.mark.parametrize(("text", "comma", "expected"), [
    ("$1,299.00", False, 1299.0), ("1.299,00 €", True, 1299.0), ("EUR 12,50", True, 12.5),
    ("EUR 12,50", False, 12.5), ("12.50 USD", False, 12.5), ("1 299,50", True, 1299.5), ("-3", False, -3.0),
    ("+4", False, 4.0), ("1,299", False, 1299.0), ("1,299", True, 1.299), ("1.299", True, 1299.0),
    ("1.299", False, 1.299), ("£0.99", False, 0.99), ("1'299.00", False, 1299.0), ("(12.00)", False, -12.0),
    ("($1,299.00)", False, -1299.0), ("( 12,50 € )", True, -12.5),
])
def test_money_examples(text: str, comma: bool, expected: float) -> None:
    value, error = _one(text, decimal_comma=comma)
    assert error is None and value == pytest.approx(expected)


@pytest.mark.parametrize(("text", "reason"), [("(-12.00)", "not a number"), ("abc", "not a number"),
                                              ("1.2.3,4,5", "not a number"), ("12abc", "not a number"),
                                              ("nan", "not a number"), ("inf", "not a number")])
def test_money_refusals(text: str, reason: str) -> None:
    value, error = _one(text, decimal_comma=False)
    assert isinstance(error, str) and reason in error and math.isnan(float(value))  # type: ignore[arg-type]


def test_empty_is_missing_not_an_error() -> None:
    parsed = parse_number(pd.Series(["", "  "]), decimal_comma=False)
    assert parsed.values.isna().all() and parsed.errors.isna().all()


def test_integers() -> None:
    parsed = parse_number(pd.Series(["3", "3.0", "3.5", "1,200", "", "9" * 20]), decimal_comma=False, integer=True)
    assert parsed.values.tolist()[:4] == [3, 3, pd.NA, 1200]
    assert parsed.errors.tolist() == [None, None, "not a whole number", None, None, "number too large"]


@settings(max_examples=200, deadline=None)
@given(cents=st.integers(0, 10**11), style=st.sampled_from(["us", "us_code", "plain", "eu", "eu_code", "eu_space"]))
def test_money_round_trips_in_every_style(cents: int, style: str) -> None:
    amount = cents / 100
    us = f"{amount:,.2f}"
    eu = us.replace(",", "_").replace(".", ",").replace("_", ".")
    text = {"us": f"${us}", "us_code": f"USD {us}", "plain": f"{amount:.2f}", "eu": f"{eu} €",
            "eu_code": f"EUR {eu}", "eu_space": eu.replace(".", " ")}[style]
    value, error = _one(text, decimal_comma=style.startswith("eu"))
    assert error is None and value == pytest.approx(amount, rel=1e-12, abs=1e-9), text


_point_money = st.builds(
    lambda symbol, sign, units, grouped, decimals: f"{symbol}{sign}{f'{units:,}' if grouped else units}{decimals}",
    st.sampled_from(["", "$", "€", "£", "¥"]), st.sampled_from(["", "-"]), st.integers(0, 10**12), st.booleans(),
    st.sampled_from(["", ".0", ".5", ".99", ".125"]))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_point_money, st.just("")), min_size=1, max_size=5), st.booleans())
def test_the_point_money_shortcut_reads_exactly_what_the_general_rules_read(values: list[str], integer: bool) -> None:
    fast = parse_number(pd.Series(values), decimal_comma=False, integer=integer)
    # a value outside the shortcut's shape sends the whole column through the general rules
    general = parse_number(pd.Series([*values, "USD 1"]), decimal_comma=False, integer=integer)
    pd.testing.assert_series_equal(fast.values, general.values.iloc[:-1])
    assert fast.errors.tolist() == general.errors.iloc[:-1].tolist()


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=20))
def test_number_parser_never_both_value_and_error(text: str) -> None:
    parsed = parse_number(pd.Series([text]), decimal_comma=False)
    value, error = parsed.values.iloc[0], parsed.errors.iloc[0]
    assert not (error is not None and not math.isnan(value))
    if not text.strip(WHITESPACE):  # blank as pydantic sees it (not str.strip(), which also eats U+001C..F)
        assert error is None and math.isnan(value)


def test_decide_decimal_comma() -> None:
    assert decide_decimal_comma([pd.Series(["1.299,00 €", "3,5"])], ",") is True
    assert decide_decimal_comma([pd.Series(["$1,299.00", "3.50"])], ";") is False
    assert decide_decimal_comma([pd.Series(["3", "4"])], ";") is True
    assert decide_decimal_comma([pd.Series(["3", "4"])], ",") is False


@settings(max_examples=200, deadline=None)
@given(day=st.dates(min_value=date(1900, 1, 1), max_value=date(2200, 12, 31)),
       style=st.sampled_from(["iso", "iso_slash", "dmy", "mdy", "dmy_dot", "stamp", "stamp_offset"]))
def test_dates_round_trip(day: date, style: str) -> None:
    text = {"iso": day.isoformat(), "iso_slash": day.strftime("%Y/%m/%d"), "dmy": day.strftime("%d/%m/%Y"),
            "mdy": day.strftime("%m/%d/%Y"), "dmy_dot": day.strftime("%d.%m.%Y"),
            "stamp": f"{day.isoformat()}T10:00:00Z", "stamp_offset": f"{day.isoformat()} 23:59:59+02:00"}[style]
    order: DateOrder = "mdy" if style == "mdy" else "dmy"
    parsed = parse_date(pd.Series([text]), order=order)
    assert parsed.errors.iloc[0] is None
    assert parsed.values.iloc[0].date() == day


@pytest.mark.parametrize("text", ["2024-02-30", "2023-02-29", "31/04/2024", "2024-13-01", "yesterday", "20241301",
                                  "2/30/24", "Feb-30-24", "20240230"])
def test_invalid_dates_are_refused(text: str) -> None:
    parsed = parse_date(pd.Series([text]), order="dmy")
    assert parsed.errors.iloc[0] == "not a valid date" and pd.isna(parsed.values.iloc[0])


def test_date_order_is_decided_from_the_data() -> None:
    assert decide_date_order(pd.Series(["01/02/2024", "13/02/2024"])) == "dmy"
    assert decide_date_order(pd.Series(["01/02/2024", "02/13/2024"])) == "mdy"
    assert decide_date_order(pd.Series(["01/02/2024", "2024-01-05"])) is None
    parsed = parse_date(pd.Series(["01/02/2024"]), order="mdy")
    assert parsed.values.iloc[0].date() == date(2024, 1, 2)


def test_booleans() -> None:
    parsed = parse_bool(pd.Series(["yes", "No", "TRUE", "false", "1", "0", "y", "N", "", "maybe"]))
    assert parsed.values.tolist() == [True, False, True, False, True, False, True, False, pd.NA, pd.NA]
    assert parsed.errors.tolist() == [None] * 9 + ["not a yes/no value"]


def test_text_is_stripped_and_blank_is_missing() -> None:
    parsed = parse_text(pd.Series(["  a b  ", "", "   ", None]))
    assert parsed.values.tolist() == ["a b", pd.NA, pd.NA, pd.NA]


@pytest.mark.parametrize(("cells", "expected"), [
    (["EUR 12,50"], "EUR"), (["12.50 USD"], "USD"), (["1.299,00 €"], "EUR"), (["£3.10"], "GBP"),
    (["$1,299.00"], None), (["¥300"], None), (["12.50"], None), ([""], None), ([None], None),
    (["EUR 1", "USD 2"], None),  # the row's cells disagree
    (["EUR 1", "€ 2"], "EUR"), (["", "GBP 2"], "GBP"), (["$1", "EUR 2"], "EUR"),
])
def test_currency_named_by_money_cells(cells: list[str | None], expected: str | None) -> None:
    got = currency_from_amounts([pd.Series([c]) for c in cells]).iloc[0]
    assert (None if pd.isna(got) else got) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("1252800000", date(2009, 9, 13)),  # Unix seconds (Amazon review dumps)
    ("1588687728923", date(2020, 5, 5)),  # Unix milliseconds (Amazon Reviews 2023)
    ("09 13, 2009", date(2009, 9, 13)),  # Amazon's reviewTime
    ("Jan 5, 2024", date(2024, 1, 5)),
    ("January 5th, 2024", date(2024, 1, 5)),
    ("Sat, Jan 5, 2024", date(2024, 1, 5)),
    ("5 January 2024", date(2024, 1, 5)),
    ("05-Jan-2024", date(2024, 1, 5)),
])
def test_epoch_and_month_name_dates(text: str, expected: date) -> None:
    parsed = parse_date(pd.Series([text, "2024-03-01"]))
    assert parsed.errors.isna().all()
    assert parsed.values.iloc[0].date() == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("11/3/2026 2:15 PM", date(2026, 11, 3)),  # Excel's US export
    ("11/3/2026 2:15 p.m.", date(2026, 11, 3)),
    ("2026-11-03 9:05 am", date(2026, 11, 3)),
    ("2019-10-01 00:00:00 UTC", date(2019, 10, 1)),  # REES46 event logs
    ("2026-11-03 14:15:00 GMT", date(2026, 11, 3)),
])
def test_times_with_am_pm_or_a_zone_name_keep_their_date(text: str, expected: date) -> None:
    parsed = parse_date(pd.Series([text, "2024-03-01 10:00"]), order="mdy")
    assert parsed.errors.isna().all()
    assert parsed.values.iloc[0].date() == expected


@pytest.mark.parametrize("text", ["Foo 5, 2024", "Feb 30, 2024", "123456", "99999999", "1/2"])
def test_unreadable_dates_stay_rejected(text: str) -> None:
    assert parse_date(pd.Series([text])).errors.iloc[0] == "not a valid date"


def test_two_digit_years_read_with_the_files_day_month_order() -> None:
    """Amazon India's Sale Report writes ``04-30-22``: 2022, and 19yy from 70 (the POSIX ``%y`` rule)."""
    cells = pd.Series(["04-30-22", "3-31-22", "12-01-69", "12-01-70", "4-30-22 10:00", "31-12-22", "1/2/2024",
                       "1/2/24"])
    assert decide_date_order(cells) == "mdy"
    days = [None if pd.isna(v) else str(v)[:10] for v in parse_date(cells, order="mdy").values]
    assert days == ["2022-04-30", "2022-03-31", "2069-12-01", "1970-12-01", "2022-04-30", None, "2024-01-02",
                    "2024-01-02"]
    assert str(parse_date(pd.Series(["31-12-22"]), order="dmy").values[0])[:10] == "2022-12-31"


def test_platform_export_dates_with_two_digit_years() -> None:
    """Etsy writes ``12/31/24`` (month first), eBay's Orders report ``Dec-05-24``, sometimes with a time."""
    cells = pd.Series(["12/31/24", "1/2/24", "Dec-05-24", "Jan-31-2024 10:00:00 PST", "Mar-01-99", "05-Dec-24"])
    assert decide_date_order(cells) == "mdy"
    days = [str(v)[:10] for v in parse_date(cells, order="mdy").values]
    assert days == ["2024-12-31", "2024-01-02", "2024-12-05", "2024-01-31", "1999-03-01", "2024-12-05"]


def test_a_time_with_a_named_zone_gives_the_date_as_written() -> None:
    """REES46 writes ``2019-10-01 00:00:00 UTC``."""
    parsed = parse_date(pd.Series(["2019-10-01 00:00:00 UTC", "2020-02-29 23:59:59 GMT", "2019-10-01 10:00 XYZ"]))
    assert parsed.values.dt.strftime("%Y-%m-%d").tolist()[:2] == ["2019-10-01", "2020-02-29"]
    assert parsed.errors.tolist() == [None, None, "not a valid date"]
