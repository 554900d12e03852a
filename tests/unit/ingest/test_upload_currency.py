"""An upload's stated currency: ISO 4217 only, applied to the rows that name none, flagged."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from shared.errors import InvalidInput
from shared.ingest.upload_currency import CURRENCY_FROM_UPLOAD, fill_currency, upload_currency, with_upload_flag


@pytest.mark.parametrize(("given", "code"), [("eur", "EUR"), (" GBP ", "GBP"), ("", None), (None, None)])
def test_codes_are_iso_4217(given: str | None, code: str | None) -> None:
    assert upload_currency(given) == code


@pytest.mark.parametrize("bad", ["EURO", "XYZ", "€", "US", 12])
def test_anything_else_is_refused(bad: object) -> None:
    with pytest.raises(InvalidInput):
        upload_currency(bad)


def test_only_empty_currencies_are_filled_and_flagged() -> None:
    index = pd.RangeIndex(3)
    parsed = {"currency": pd.Series([None, "USD", None], index=index, dtype=object)}
    filled = fill_currency(parsed, index, "EUR")
    assert parsed["currency"].tolist() == ["EUR", "USD", "EUR"] and filled.tolist() == [True, False, True]
    flags = with_upload_flag(pd.Series(['["date_order:mdy"]', "[]", "[]"], index=index), filled)
    assert [json.loads(f) for f in flags] == [["date_order:mdy", CURRENCY_FROM_UPLOAD], [], [CURRENCY_FROM_UPLOAD]]
    untouched = {"units": pd.Series([1, 2, 3], index=index)}
    assert not fill_currency(untouched, index, None).any() and "currency" not in untouched
    assert fill_currency(untouched, index, "JPY").all() and untouched["currency"].tolist() == ["JPY"] * 3
    assert with_upload_flag(flags, np.zeros(3, dtype=bool)) is flags
