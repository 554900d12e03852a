"""How many competitors carry each product, and where we are the only seller (#18)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.pricing.coverage_answers import coverage_answer

TODAY = date(2026, 12, 5)


def _obs() -> pd.DataFrame:
    # A: three competitors; B: one; C: only an old price (before the 30-day window); D: never priced
    rows = [("A", "x", "2026-12-01"), ("A", "y", "2026-12-02"), ("A", "z", "2026-12-05"), ("B", "x", "2026-12-03"),
            ("C", "y", "2026-09-01")]
    return pd.DataFrame([{"sku": s, "competitor": c, "date": pd.Timestamp(d), "competitor_price": 10.0}
                         for s, c, d in rows])


def test_products_no_competitor_prices_are_ours_alone_and_the_rest_are_counted() -> None:
    answer = coverage_answer(_obs(), ["A", "B", "C", "D"], today=TODAY, start=None, scoped=[])
    assert answer.text.startswith("2 of the 4 products in your catalogue have no "
                                  "competitor price between 2026-11-06 and 2026-12-05: we are "
                                  "the only seller of them among the 3 competitors tracked (C and D); by how many "
                                  "competitors carry them: 1 competitor: 1; all 3 competitors: 1."), answer.text
    assert answer.skus == ["C", "D"]


def test_the_catalogue_is_the_count_and_priced_skus_outside_it_are_said_apart() -> None:
    # A is priced by competitors but not in the catalogue (its row refused): not one of the products counted
    answer = coverage_answer(_obs(), ["B", "C", "D"], today=TODAY, start=None, scoped=[])
    assert answer.text.startswith("2 of the 3 products in your catalogue have no competitor price"), answer.text
    assert "competitors also price 1 SKU that is not in your catalogue (A)" in answer.text
    assert "all 3 competitors" not in answer.text  # the spread counts the catalogue's products alone
    assert [r[0] for r in answer.rows] == ["C", "D", "B"]


def test_without_a_catalogue_the_priced_skus_are_counted_and_said_so() -> None:
    answer = coverage_answer(_obs(), [], today=TODAY, start=None, scoped=[])
    assert answer.text.startswith("No catalogue rows were read"), answer.text


def test_one_named_product_says_who_carries_it() -> None:
    answer = coverage_answer(_obs(), ["A", "B", "C", "D"], today=TODAY, start=None, scoped=["A"])
    assert answer.text == "3 of the 3 competitors tracked price A between 2026-11-06 and 2026-12-05 (x, y and z)."
