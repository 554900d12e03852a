"""The vectorised validator accepts/rejects exactly what ``Model.model_validate`` does, with the same values."""

from __future__ import annotations

import datetime as dt
import math
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from shared.ingest.validate import FieldRule, rules_for, validate_frame
from shared.models.records import RECORD_MODELS, Record, SaleRecord

_WS = st.sampled_from(["", " ", "  ", "\t", "\u00a0", "\u2003", "\x1f", "\n", "\u3000", "\x85"])


def _text(rule: FieldRule) -> st.SearchStrategy[str]:
    limits = [n for n in (rule.min_length, rule.max_length) if n is not None]
    around = st.sampled_from(limits).flatmap(lambda n: st.integers(max(0, n - 2), n + 2)) if limits \
        else st.integers(0, 4)
    sized = st.builds(lambda n, ch: ch * n, around, st.sampled_from(["a", "é", "𝔸"]))
    core = st.one_of(st.text(max_size=6), sized)
    return st.builds(lambda pre, body, post: pre + body + post, _WS, core, _WS)


def _number(rule: FieldRule) -> st.SearchStrategy[Any]:
    edges = [x for b in (rule.ge, rule.gt, rule.le, rule.lt) if b is not None for x in (b - 1, b, b + 1)]
    if rule.type is int:
        base = st.integers(-(2**62), 2**62)
        return st.one_of(st.integers(-3, 12), st.sampled_from([int(e) for e in edges] or [0]), base)
    floats = st.floats(min_value=-1e9, max_value=1e9, allow_nan=False, allow_infinity=False)
    return st.one_of(floats, st.sampled_from([float(e) for e in edges] or [0.0]), st.sampled_from([-0.0, -1e-300]))


def _value(rule: FieldRule) -> st.SearchStrategy[Any]:
    if rule.type is bool:
        return st.booleans()
    if rule.type is dt.date:
        return st.dates()
    if rule.type in (int, float):
        return _number(rule)
    return _text(rule)


def _row(model: type[Record]) -> st.SearchStrategy[dict[str, Any]]:
    """Rows where each field is missing (``None``) or a typed value: what the parsers hand the validator."""
    return st.fixed_dictionaries({r.name: st.one_of(st.none(), _value(r)) for r in rules_for(model)})


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def _check(model: type[Record], rows: list[dict[str, Any]]) -> None:
    fields = list(model.model_fields)
    frame = pd.DataFrame({f: pd.Series([r[f] for r in rows], dtype=object) for f in fields})
    result = validate_frame(frame, model)
    for i, row in enumerate(rows):
        given = {k: v for k, v in row.items() if v is not None}  # NA means "not given"
        try:
            expected: dict[str, Any] | None = model.model_validate(given).model_dump()
        except ValidationError:
            expected = None
        ok = bool(result.valid.iloc[i])
        assert ok == (expected is not None), (row, result.errors.iloc[i], expected)
        if expected is not None:
            got = {f: _plain(result.frame[f].iloc[i]) for f in fields}
            assert got == expected, row


@pytest.mark.parametrize("model", list(RECORD_MODELS.values()), ids=lambda m: m.__name__)
@settings(max_examples=100, deadline=None)
@given(data=st.data())
def test_vectorised_validator_agrees_with_pydantic(model: type[Record], data: st.DataObject) -> None:
    rows = data.draw(st.lists(_row(model), min_size=1, max_size=4))
    _check(model, rows)


def test_rules_are_derived_from_the_model() -> None:
    rules = {r.name: r for r in rules_for(SaleRecord)}
    assert rules["units"].type is int and rules["units"].ge == 0 and rules["units"].le == 10_000_000
    assert rules["sku"].required and rules["sku"].min_length == 1 and rules["sku"].max_length == 128
    assert rules["currency"].nullable and rules["currency"].min_length == 3
    assert rules["date"].type is dt.date and rules["sku"].strip


def test_first_failing_field_and_reason_are_reported() -> None:
    frame = pd.DataFrame({"sku": ["A", None, "C"], "date": [dt.date(2024, 1, 1)] * 3, "units": [1, 2, -5]})
    result = validate_frame(frame, SaleRecord)
    assert result.valid.tolist() == [True, False, False]
    assert result.error_field.tolist()[1:] == ["sku", "units"]
    assert result.errors.iloc[1] == "required value missing" and result.errors.iloc[2] == "must be >= 0"


def test_a_clock_time_out_of_form_is_rejected_as_pydantic_would() -> None:
    times = ["09:05:00", "25:00:00", "", "9:05", None]
    frame = pd.DataFrame({"sku": ["A"] * 5, "date": [dt.date(2024, 1, 1)] * 5, "units": [1] * 5, "time_of_day": times})
    result = validate_frame(frame, SaleRecord)
    assert result.valid.tolist() == [True, False, False, False, True]
    assert set(result.error_field.dropna()) == {"time_of_day"}
    assert result.errors.iloc[1] == "not in the expected form"
