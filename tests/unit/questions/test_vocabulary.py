"""The tenant's own names are recognised in questions: SKUs of any shape, titles, categories, channels."""

from __future__ import annotations

import time

import pytest

from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex, compact, normalise


@pytest.mark.parametrize(("question", "kind", "values"), [
    ("how much did the blue ceramic vase make last month?", "product", ("vase-blue-20",)),
    ("revenue of the blu ceramic vase 20cm", "product", ("vase-blue-20",)),  # a typo
    ("units of ceramic vases in 2024", "product", ("vase-blue-20", "VASE_RED_30")),
    ("sales of VASE-RED-30", "sku", ("VASE_RED_30",)),
    ("sales of sku 100234", "sku", ("100234",)),
    ("orders for tr.88/l", "sku", ("TR.88/L",)),
    ("units for 5012345678900", "sku", ("B07XK2M9QZ",)),
    ("revenue in home decor", "category", ("Home Decor",)),
    ("revenue from the Kitchen & Dining category", "category", ("Kitchen & Dining",)),
    ("what did Weaveworks bring in", "brand", ("Weaveworks",)),
    ("sales on etsy", "channel", ("Etsy",)),
    ("price index against homegoods", "competitor", ("HomeGoods",)),
    ("sales through wholsale", "channel", ("Wholesale",)),
    ("the vase's reviews", "product", ("vase-blue-20", "VASE_RED_30")),  # a possessive names the product
    ("what are the blue ceramic vase's complaints?", "product", ("vase-blue-20",)),
])
def test_names_found(shop: VocabularyIndex, question: str, kind: str, values: tuple[str, ...]) -> None:
    found = [m for m in shop.find(question) if m.kind == kind]
    assert found and found[0].values == values


@pytest.mark.parametrize("question", ["what were total sales last month?", "top 5 products by revenue",
                                      "how many orders in 2024", "which category grew the most?"])
def test_plain_words_are_not_names(shop: VocabularyIndex, question: str) -> None:
    assert shop.find(question) == []


def test_amazon_is_both_channel_and_competitor(shop: VocabularyIndex) -> None:
    kinds = {m.kind for m in shop.find("revenue on Amazon")}
    assert kinds == {"channel", "competitor"}


def test_normalise_and_compact() -> None:
    assert normalise("Blue-Ceramic  Vase!") == "blue ceramic vase"
    assert compact("kit-0266") == compact("KIT 0266") == "kit0266"


def test_fast_on_a_large_catalogue() -> None:
    products = [ProductName(sku=f"P{i:05d}", title=f"Brand{i % 40} Model {i} Widget {i % 7}", brand=f"Brand{i % 40}",
                            category=f"Cat{i % 25}") for i in range(5000)]
    index = VocabularyIndex(Vocabulary(tenant_id="big", products=products, skus=[p.sku for p in products]))
    start = time.perf_counter()
    for _ in range(20):
        found = index.find("how much revenue did Brand7 Model 4007 Widget 3 make in the last 30 days on web?")
    assert (time.perf_counter() - start) / 20 < 0.05
    assert any(m.kind == "product" and m.values == ("P04007",) for m in found)


def test_a_whole_title_ending_in_a_size_word_names_that_product_only() -> None:
    products = [ProductName(sku="BOX-L", title="Coastal Eco Storage Box Large"),
                ProductName(sku="BOX-M", title="Coastal Eco Storage Box Medium")]
    index = VocabularyIndex(Vocabulary(tenant_id="t", products=products, skus=["BOX-L", "BOX-M"]))
    found = [m for m in index.find("what does MegaMart charge for the Coastal Eco Storage Box Large?")
             if m.kind == "product"]
    assert [m.values for m in found] == [("BOX-L",)]
    # a size word that ends no whole title still names nothing: both boxes
    both = [m for m in index.find("how are the coastal eco storage box sales?") if m.kind == "product"]
    assert [m.values for m in both] == [("BOX-L", "BOX-M")]


@pytest.mark.parametrize("question", ["the vase VASE-RED-30's lowest competitor price", "ceramic vases (VASE-RED-30)",
                                      "VASE-RED-30 ceramic vase reviews"])
def test_a_sku_code_beside_a_product_noun_narrows_it(shop: VocabularyIndex, question: str) -> None:
    found = [(m.kind, m.values) for m in shop.find(question) if m.kind in ("sku", "product")]
    assert found == [("sku", ("VASE_RED_30",))]


def test_a_sku_code_apart_from_the_noun_keeps_both(shop: VocabularyIndex) -> None:
    found = [m.kind for m in shop.find("ceramic vases and also VASE-RED-30") if m.kind in ("sku", "product")]
    assert found == ["product", "sku"]
