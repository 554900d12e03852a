"""The elasticity, category-position and no-competitor-price answers, against numbers worked out by hand (#18)."""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.pricing.analysis import PricingInputs, analyse
from shared.pricing.answers import pricing_answers
from shared.pricing.category_answers import category_answer
from shared.pricing.options import PricingOptions
from shared.pricing.sensitivity_answers import elasticity_answer
from shared.pricing.unavailable import NEEDS_COMPETITORS, no_competitor_prices
from tests.unit.pricing.frames import observations

METHOD = "pooled log-log"


def _pooled() -> pd.DataFrame:
    return pd.DataFrame({
        "elasticity": [-2.4, -0.5, -1.1], "ci_low": [-2.9, -0.8, -1.6], "ci_high": [-1.9, -0.2, -0.6],
        "n_obs": [60, 40, 8], "pooled": [False, False, True], "source": ["sku", "sku", "sku+category"],
    }, index=pd.Index(["A", "B", "C"], name="sku"))


def test_a_named_skus_elasticity_is_classed_and_explained() -> None:
    a = elasticity_answer(_pooled(), ["A"], level=0.9, method=METHOD)
    assert a.text == ("A is price-elastic: its price elasticity is -2.40 (90% interval -2.90 to -1.90), so a 1% "
                      "price rise lowers its units by about 2.4% (fitted on 60 days of sales).")
    assert a.rows == [["A", -2.4, -2.9, -1.9, 60, False, "sku"]]
    b = elasticity_answer(_pooled(), ["B"], level=0.9, method=METHOD)
    assert b.text.startswith("B is price-inelastic: its price elasticity is -0.50")
    c = elasticity_answer(_pooled(), ["C"], level=0.9, method=METHOD)
    assert c.text.startswith("C is near unit elasticity (neither clearly elastic nor inelastic): its price "
                             "elasticity is -1.10") and "pooled toward its category and the catalogue" in c.text
    missing = elasticity_answer(_pooled(), ["Z"], level=0.9, method=METHOD)
    assert not missing.answered and missing.text.startswith("The price elasticity of Z cannot be estimated")


def test_the_catalogue_answer_ranks_the_most_and_least_sensitive() -> None:
    a = elasticity_answer(_pooled(), [], level=0.9, method=METHOD)
    assert a.text == ("The most price-sensitive products (most negative price elasticity, of 3 estimated) are "
                      "A (-2.40), C (-1.10), B (-0.50); 1 of 3 are clearly price-elastic (the whole 90% interval "
                      "below -1).")
    more = pd.concat([_pooled(), _pooled().rename(index=lambda s: f"{s}2")])
    assert "; the least: B2 (-0.50), B (-0.50), C2 (-1.10); " in elasticity_answer(more, [], level=0.9,
                                                                                    method=METHOD).text
    assert [r[0] for r in a.rows] == ["A", "C", "B"]
    kitchen = elasticity_answer(_pooled(), [], level=0.9, method=METHOD, scope="Kitchen")
    assert kitchen.text.startswith("The most price-sensitive Kitchen products (most negative price elasticity, of 3")


def test_categories_are_ranked_from_the_furthest_above_the_market() -> None:
    categories = pd.DataFrame({"n_skus": [2, 1, 3], "median_price_index": [96.0, 112.5, 101.0],
                               "share_rank_1": [0.5, 0.0, 1 / 3]}, index=pd.Index(["Home", "Garden", "Kitchen"]))
    a = category_answer(categories)
    assert a.text == ("Garden is the category priced highest against the market (median price index 112.5 over 1 "
                      "SKU: 12.5% above the median competitor) and Home the lowest (96.0 over 2 SKUs: 4.0% below "
                      "the median competitor); in between: Kitchen 101.0.")
    assert [r[0] for r in a.rows] == ["Garden", "Kitchen", "Home"]
    assert not category_answer(categories.iloc[0:0]).answered


def test_without_competitor_prices_each_market_ask_is_refused_with_what_to_upload() -> None:
    answer = no_competitor_prices("overpriced")
    assert not answer.answered and answer.text.startswith(
        "No competitor prices have been ingested for this account, so which products are priced above the market "
        "cannot be said: upload a competitor_prices file")
    assert {"undercut", "competitor_stock", "category_position"} <= NEEDS_COMPETITORS
    assert "what_if" not in NEEDS_COMPETITORS and "elasticity" not in NEEDS_COMPETITORS


def test_undercut_says_the_categories_it_was_narrowed_to() -> None:
    rows = [("A", f"2026-03-{d:02d}", "cheapco", 80.0, 100.0) for d in range(1, 11)]
    analysis = analyse(PricingInputs(observations=observations(rows), attributes=pd.DataFrame()), PricingOptions(),
                       today=date(2026, 3, 10))
    [answer] = pricing_answers(["undercut"], analysis, observations(rows), PricingOptions(), scoped=[], start=None,
                               scope="Kitchen")
    assert answer.text.startswith("cheapco was below our price on Kitchen products on 100% of 10 product-days")


def test_the_skus_without_a_category_are_set_apart_not_led_with() -> None:
    # "what's our price position in each category?": the named categories ranked, the uncategorised SKUs after them
    frame = pd.DataFrame(
        {"median_price_index": [106.7, 99.2, 104.5], "n_skus": [4, 13, 15], "share_rank_1": [0.1, 0.2, 0.3]},
        index=pd.Index(["uncategorised", "Electronics", "Outdoor"], name="category"),
    )
    text = category_answer(frame).text
    assert text.startswith("Outdoor is the category priced highest") and "Electronics the lowest" in text
    assert text.endswith("; the 4 SKUs without a category: 106.7.")
    assert category_answer(frame, lowest_first=True).text.startswith("Electronics is the category priced lowest")
    assert [r[0] for r in category_answer(frame).rows] == ["Outdoor", "Electronics", "uncategorised"]
