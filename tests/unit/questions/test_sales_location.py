"""'Which location (branch, outlet) had the most revenue?' ranks where the sales keep the shop a line was sold at.

Square's Transactions export stores its Location as the line's channel; the question was read as sales by stock
location, which sales lack, and fell to the forecast agent.
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.questions.reading import read_question
from shared.questions.vocabulary import VocabularyIndex

EXTENTS = {k: (date(2024, 2, 1), date(2024, 6, 29)) for k in ("sales", "inventory", "products", "reviews")}


def _index(shop: VocabularyIndex, **update: object) -> VocabularyIndex:
    return VocabularyIndex(shop.vocabulary.model_copy(update={"countries": [], "states": [], **update}))


@pytest.mark.parametrize("question", ["Which location had the most revenue?",
                                      "Which store location had the most revenue?",
                                      "Which branch made the most revenue?", "Which outlet sold the most units?",
                                      "Revenue by location last month"])
def test_a_location_of_sales_is_the_dimension_the_file_stored(shop: VocabularyIndex, question: str) -> None:
    for update, dim in (({"channels": ["Downtown", "Riverside"], "regions": []}, "channel"),
                        ({"channels": [], "regions": ["Boston", "Miami"]}, "region")):
        r = read_question(question, tenant_id="t", index=_index(shop, **update), extents=EXTENTS)  # type: ignore[arg-type]
        assert r.kind == "metric" and r.query is not None and r.query.dimensions == [dim], (question, r)


def test_stock_by_location_is_still_by_location(shop: VocabularyIndex) -> None:
    r = read_question("How much stock do we have by location?", tenant_id="t",
                      index=_index(shop, channels=["Downtown"]), extents=EXTENTS)  # type: ignore[arg-type]
    assert r.query is not None and r.query.dimensions == ["location"], r


@pytest.mark.parametrize("question", ["Revenue by location last month", "Which location sold the most units?",
                                      "How many orders by branch last quarter?"])
def test_channels_that_are_ways_of_selling_are_no_location(shop: VocabularyIndex, question: str) -> None:
    # web, Amazon, eBay and the till are how a line was sold, not where: the place column is used, else refused
    ways = {"channels": ["web", "amazon", "ebay", "pos"]}
    for update, dim in (({**ways, "regions": ["Boston", "Miami"]}, "region"), ({**ways, "regions": [],
                                                                               "countries": ["US", "CA"]}, "country")):
        r = read_question(question, tenant_id="t", index=_index(shop, **update), extents=EXTENTS)  # type: ignore[arg-type]
        assert r.kind == "metric" and r.query is not None and r.query.dimensions == [dim], (question, r)
    r = read_question(question, tenant_id="t", index=_index(shop, **ways, regions=[]), extents=EXTENTS)  # type: ignore[arg-type]
    assert r.kind == "unanswerable" and "location" in (r.concept or "") and "ways of selling" in (r.needed or ""), r



def test_location_asked_of_machines_at_sites_is_the_site(shop: VocabularyIndex) -> None:
    # Vending Machine Sales: each Machine (the channel) stands at a Location (the region), named after it
    machines = ["EB Public Library x1380", "GuttenPlans x1367", "Earle Asphalt x1371", "BSQ Mall x1366 - ATT"]
    sites = ["EB Public Library", "GuttenPlans", "Earle Asphalt", "Brunswick Sq Mall"]
    index = _index(shop, channels=machines, regions=sites)
    for question, dim in (("Which location had the most revenue?", "region"),
                          ("Which machine had the most revenue?", "channel")):
        r = read_question(question, tenant_id="t", index=index, extents=EXTENTS)  # type: ignore[arg-type]
        assert r.query is not None and r.query.dimensions == [dim], (question, r)
    # shops named for themselves, in cities: the shop is the location
    index = _index(shop, channels=["Downtown", "Riverside", "Airport"], regions=["Seattle", "Tacoma"])
    r = read_question("Which location had the most revenue?", tenant_id="t", index=index, extents=EXTENTS)  # type: ignore[arg-type]
    assert r.query is not None and r.query.dimensions == ["channel"], r
