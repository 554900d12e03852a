"""Products named as merchants type them: a code that is a name (a till's ``CROISSANT``) in any case and in the plural,
and a ranking of hours that names a product the tenant does not sell says so (shop's-clock round)."""

from __future__ import annotations

from datetime import date

import pytest

from shared.models.records import DataKind
from shared.questions.reading import read_question
from shared.questions.vocabulary import Vocabulary, VocabularyIndex, singulars

SKUS = ["CROISSANT", "BAGUETTE", "SOURDOUGH LOAF", "STRAWBERRY", "COOKIE BOX", "COFFEE"]
INDEX = VocabularyIndex(Vocabulary(tenant_id="bakery", skus=SKUS, sales_columns=["time_of_day"], goods=["coffee"]))
EXTENTS = {DataKind.SALES: (date(2024, 1, 1), date(2024, 6, 30))}


@pytest.mark.parametrize(
    ("word", "singular"),
    [
        ("croissants", "croissant"),
        ("boxes", "box"),
        ("berries", "berry"),
        ("loaves", "loaf"),
        ("knives", "knife"),
        ("pies", "pie"),
        ("presses", "press"),
        ("gloves", "glove"),
    ],
)
def test_a_regular_plural_has_its_singular_among_the_candidates(word: str, singular: str) -> None:
    assert singular in singulars(word)


@pytest.mark.parametrize(
    ("asked", "sku"),
    [
        ("croissants", "CROISSANT"),
        ("Croissants", "CROISSANT"),
        ("CROISSANTS", "CROISSANT"),
        ("strawberries", "STRAWBERRY"),
        ("sourdough loaves", "SOURDOUGH LOAF"),
        ("cookie boxes", "COOKIE BOX"),
        ("baguette", "BAGUETTE"),
    ],
)
def test_a_product_code_that_is_a_name_is_matched_in_the_plural(asked: str, sku: str) -> None:
    matches = [m for m in INDEX.find(f"which hour sells the most {asked}?") if m.kind == "sku"]
    assert [m.values for m in matches] == [(sku,)]


def test_an_hour_ranking_of_a_product_we_do_not_sell_is_unknown_with_close_names() -> None:
    reading = read_question("Which hour sells the most croisants?", tenant_id="bakery", index=INDEX, extents=EXTENTS)
    assert reading.kind == "unanswerable" and reading.unknown_name == "croisants"
    assert reading.suggestions == ["CROISSANT"]
    muffins = read_question("which hour sells the most muffins", tenant_id="bakery", index=INDEX, extents=EXTENTS)
    assert muffins.unknown_name == "muffins"


def test_an_hour_ranking_of_a_known_product_or_of_the_shops_goods_is_answered() -> None:
    reading = read_question("Which hour sells the most croissants?", tenant_id="bakery", index=INDEX, extents=EXTENTS)
    assert reading.kind == "metric" and reading.query is not None
    assert reading.query.dimensions == ["hour"]
    assert [f.values for f in reading.query.filters if f.dimension == "sku"] == [["CROISSANT"]]
    coffee = read_question(
        "When in the day do we sell the most coffee?", tenant_id="bakery", index=INDEX, extents=EXTENTS
    )
    assert coffee.kind == "metric" and coffee.unknown_name is None
