"""A tenant with reviews only (SNAP's Amazon Fine Food Reviews: no catalogue, no sales) names its products by
the reviews' SKUs, so "why are ratings for B00SY9B5RD dropping?" is about that product, on every warehouse."""

from __future__ import annotations

from typing import Any

import pandas as pd

from shared.questions.vocabulary import VocabularyIndex
from shared.store.vocabulary import read_vocabulary
from tests.contract.store_rows import OTHER, TENANT, D, _fact


def test_the_skus_of_reviews_are_the_tenants_names(warehouse: Any) -> None:
    rows = [_fact("reviews", f"r{i}", review_id=f"r{i}", sku=sku, date=D(2012, 5, 1 + i), rating=4, text="x")
            for i, sku in enumerate(["B00SY9B5RD", "B001E4KFG0", "B00SY9B5RD"])]
    decoy = [_fact("reviews", "x1", review_id="x1", sku="B0DECOY000", date=D(2012, 5, 1), rating=1, text="x")]
    warehouse.insert("reviews", pd.DataFrame([{**r, "tenant_id": TENANT} for r in rows]
                                             + [{**r, "tenant_id": OTHER} for r in decoy]))
    vocab = read_vocabulary(warehouse, TENANT, 1)
    assert vocab.skus == ["B00SY9B5RD", "B001E4KFG0"]  # most reviewed first; never another tenant's
    found = VocabularyIndex(vocab).find("why are ratings for B00SY9B5RD dropping?")
    assert [list(m.values) for m in found] == [["B00SY9B5RD"]]
