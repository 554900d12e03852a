"""The benches' truths read the rows the store accepted, and a tie accepts any of the tied names."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd

from bench.truths import Tied, accepted, first, peak, position
from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.sample.merchant import generate_merchant, write_merchant


def test_a_unique_extreme_is_one_name_and_a_tie_is_any_of_the_tied() -> None:
    orders = pd.Series({date(2025, 3, 3): 40, date(2025, 3, 4): 52, date(2025, 3, 5): 52, date(2025, 3, 6): 7})
    assert peak(orders, "min", lambda d: f"{d.day} Mar") == "6 Mar"
    best = peak(orders, "max", lambda d: f"{d.day} Mar")
    assert isinstance(best, Tied) and best.names == ("4 Mar", "5 Mar")
    assert position("the busiest day was 5 mar: 52 orders", best) == 20
    assert position("the busiest day was 6 mar", best) == -1
    assert position("web grew the most", "Web") == 0 and position("web grew", "ebay") == -1


def test_the_truths_read_what_the_store_accepted_not_what_was_generated(tmp_path: Path) -> None:
    deps = get_deps()
    merchant = generate_merchant(seed=5, n_skus=8, end=date(2025, 6, 30), days=60)
    for f in write_merchant(merchant, tmp_path / "sample"):
        ingest_path(deps, f.path, "shop", f.kind.value)
    kept = accepted(deps.warehouse, "shop", merchant)
    for name in ("products", "sales", "reviews", "inventory", "competitor_prices"):
        generated, stored = getattr(merchant, name), getattr(kept, name)
        count = deps.warehouse.query(f"SELECT COUNT(*) AS n FROM {name} WHERE tenant_id = @t", {"t": "shop"})
        # the generator corrupts a few rows of every file, which the ingest refuses
        assert len(stored) == int(count["n"].iloc[0]) < len(generated), name
        assert list(stored.columns) == list(generated.columns), name
    assert all(isinstance(d, date) for d in kept.sales["date"])
    assert kept.sales["customer_email"].notna().any()  # the stored customer hash, which the truths count
    assert kept.stock_truth == merchant.stock_truth and kept.review_truth == merchant.review_truth


def test_the_first_of_a_ranking_is_tied_with_the_labels_of_its_value() -> None:
    assert first(pd.Series({"Kitchen": 31, "Home": 24, "Outdoor": 20})) == "Kitchen"
    tied = first(pd.Series({"Home": 24, "Outdoor": 24, "Kitchen": 12}))
    assert isinstance(tied, Tied) and tied.names == ("Home", "Outdoor")
