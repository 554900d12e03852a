from __future__ import annotations

import pandas as pd
import pytest

from shared.pricing.matching import match_listings, normalise_gtin, size_similarity

PRODUCTS = pd.DataFrame({
    "sku": ["COLA-05", "LEMON-1", "SHAMP-250", "SHAMP-500"],
    "title": ["Acme Cola 500ml bottle", "Acme Lemonade 1L", "Zeta Shampoo Argan 250 ml", "Zeta Shampoo Argan 500 ml"],
    "brand": ["Acme", "Acme", "Zeta", "Zeta"],
    "size": ["500 ml", "1 l", "250ml", "500ml"],
    "gtin": ["4006381333931", None, None, None],
    "asin": [None, "B000123456", None, None],
})


def test_explicit_identifiers_come_first() -> None:
    listings = pd.DataFrame({
        "competitor": ["x", "x", "y"], "competitor_sku": ["k1", "k2", "k3"],
        "title": ["something else entirely", "unrelated", "Zeta Shampoo Argan 250 ml"],
        "gtin": [None, "4006381333931", None], "asin": [None, None, "b000123456"],
    })
    mappings = pd.DataFrame({"competitor": ["x"], "competitor_sku": ["k1"], "sku": ["SHAMP-500"]})
    got = match_listings(PRODUCTS, listings, mappings=mappings)
    assert got["sku"].tolist() == ["SHAMP-500", "COLA-05", "LEMON-1"]  # mapping, GTIN, ASIN beat the title
    assert got["method"].tolist() == ["mapping", "gtin", "asin"]
    assert got["confidence"].tolist() == [1.0, 1.0, 1.0] and not got["needs_review"].any()


def test_similarity_uses_title_brand_and_size() -> None:
    listings = pd.DataFrame({"competitor": ["x", "x"], "competitor_sku": ["a", "b"],
                             "title": ["Zeta Argan Shampoo", "Zeta Argan Shampoo"], "brand": ["ZETA", "Zeta"],
                             "size": ["0.5 l", "250 ML"]})
    got = match_listings(PRODUCTS, listings)
    assert got["sku"].tolist() == ["SHAMP-500", "SHAMP-250"]  # size decides between the two shampoos
    assert (got["method"] == "similarity").all() and (got["confidence"] >= 0.8).all()


def test_weak_match_is_flagged_for_review() -> None:
    listings = pd.DataFrame({"competitor": ["x"], "competitor_sku": ["a"], "title": ["Garden hose 20m"],
                             "brand": ["Hoseco"], "size": ["20 m"]})
    got = match_listings(PRODUCTS, listings).iloc[0]
    assert got["confidence"] < 0.8 and got["needs_review"]


def test_gtin_check_digit_and_size_units() -> None:
    assert normalise_gtin("4006381333931") == "04006381333931"
    assert normalise_gtin("4006381333932") is None  # bad check digit
    assert normalise_gtin("123") is None
    assert size_similarity("1 kg", "1000g") == 1.0
    assert size_similarity("1 kg", "500 g") == 0.0
    assert size_similarity("1 kg", "1 l") == 0.0
    assert size_similarity(None, "1 l") is None


@pytest.mark.parametrize("threshold", [0.5, 0.99])
def test_review_threshold_is_configurable(threshold: float) -> None:
    listings = pd.DataFrame({"competitor": ["x"], "competitor_sku": ["a"], "title": ["Acme Cola bottle"],
                             "brand": ["Acme"], "size": ["500ml"]})
    got = match_listings(PRODUCTS, listings, review_threshold=threshold).iloc[0]
    assert got["sku"] == "COLA-05"
    assert bool(got["needs_review"]) == (got["confidence"] < threshold)


def test_listing_confidence_checks_mapped_rows() -> None:
    from shared.pricing.matching import listing_confidence

    obs = pd.DataFrame({"sku": ["SHAMP-250", "SHAMP-250", "COLA-05", "LEMON-1"],
                        "competitor": ["x", "x", "x", "y"], "competitor_sku": ["a", "a", "b", "c"]})
    listings = pd.DataFrame({"competitor": ["x", "x"], "competitor_sku": ["a", "b"],
                             "title": ["Zeta Argan Shampoo", "Acme Lemonade"], "brand": ["Zeta", "Acme"],
                             "size": ["250 ml", "1 l"]})
    conf, warnings = listing_confidence(obs, PRODUCTS, listings)
    assert conf.iloc[0] == conf.iloc[1] and 0.8 <= conf.iloc[0] <= 1.0  # similarity agrees with the mapping
    assert conf.iloc[2] == 0.0  # mapped to cola, but the listing is the lemonade
    assert conf.iloc[3] == 1.0  # no listing: explicit mapping
    assert len(warnings) == 1 and "looks like LEMON-1" in warnings[0]
