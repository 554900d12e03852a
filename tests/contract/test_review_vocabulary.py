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


def test_a_catalogue_past_the_cap_keeps_its_best_sellers(warehouse: Any, monkeypatch: Any) -> None:
    """Past ``MAX_PRODUCTS`` the vocabulary keeps the products sold most (listed by SKU), on every warehouse: the
    first SKUs in sort order left out a grocer's best seller."""
    import shared.store.vocabulary as vocabulary

    monkeypatch.setattr(vocabulary, "MAX_PRODUCTS", 2)
    titles = {"A1": "Paper Towels", "B2": "Angus Beef Mince", "C3": "Gasoline Regular", "D4": "Gasoline Regular"}
    products = [_fact("products", sku, sku=sku, title=title) for sku, title in titles.items()]
    sold = {"D4": 3, "B2": 2, "A1": 0, "C3": 1}
    sales = [_fact("sales", f"{sku}-{i}", sku=sku, date=D(2024, 5, 1 + i), units=1, revenue=1.0)
             for sku, n in sold.items() for i in range(n)]
    warehouse.insert("products", pd.DataFrame([{**r, "tenant_id": TENANT} for r in products]
                                              + [{**r, "tenant_id": OTHER, "record_key": "x" + r["record_key"]}
                                                 for r in products[:1]]))
    warehouse.insert("sales", pd.DataFrame([{**r, "tenant_id": TENANT} for r in sales]
                                           + [{**_fact("sales", f"o{i}", sku="A1", date=D(2024, 5, 1), units=1),
                                               "tenant_id": OTHER} for i in range(9)]))
    vocab = read_vocabulary(warehouse, TENANT, 1)
    assert [p.sku for p in vocab.products] == ["B2", "D4"]  # never counted by another tenant's sales of A1
    # the product past the cut sharing a kept title is read with it: "how much gasoline" is both pumps
    assert vocab.same_titles == {"Gasoline Regular": ["C3"]}
    found = VocabularyIndex(vocab).find("how much gasoline did we sell?")
    assert [sorted(m.values) for m in found] == [["C3", "D4"]]


def test_a_catalogue_past_the_cap_knows_every_brand_and_category(warehouse: Any, monkeypatch: Any) -> None:
    """Past ``MAX_PRODUCTS`` a brand (category) whose products are all past the cut is still a brand the questions
    name: "how much did Zenith sell" filters on it (the metrics join the whole catalogue). Before: unknown, the
    question read the whole shop."""
    import shared.store.vocabulary as vocabulary

    monkeypatch.setattr(vocabulary, "MAX_PRODUCTS", 2)
    catalogue = {"A1": ("Acme", "Tools"), "B2": ("Acme", "Tools"), "C3": ("Zenith", "Garden"),
                 "D4": ("Zenith", "Garden")}
    warehouse.insert("products", pd.DataFrame([{**_fact("products", sku, sku=sku, title=f"Item {sku}", brand=b,
                                                        category=c), "tenant_id": TENANT}
                                               for sku, (b, c) in catalogue.items()]))
    sold = {"A1": 3, "B2": 2, "C3": 1}
    warehouse.insert("sales", pd.DataFrame([{**_fact("sales", f"{sku}-{i}", sku=sku, date=D(2024, 5, 1 + i),
                                                     units=1, revenue=1.0), "tenant_id": TENANT}
                                            for sku, n in sold.items() for i in range(n)]))
    vocab = read_vocabulary(warehouse, TENANT, 1)
    assert [p.sku for p in vocab.products] == ["A1", "B2"]
    assert (vocab.brands, vocab.categories) == (["Acme", "Zenith"], ["Garden", "Tools"])
    found = VocabularyIndex(vocab).find("how much did Zenith sell in Garden?")
    assert sorted((m.kind, tuple(m.values)) for m in found) == [("brand", ("Zenith",)), ("category", ("Garden",))]
