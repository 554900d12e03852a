"""Category spellings: the question's ("kitchen", "home and kitchen", "lamps") against the catalogue's."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from shared.store.categories import category_key, matching_categories

_WORDS = st.lists(st.sampled_from(["home", "kitchen", "lamp", "garden", "toy", "accessory", "glass", "box",
                                   "electronic", "bath"]), min_size=1, max_size=3)


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


@given(_WORDS, st.booleans(), st.booleans())
def test_case_plural_and_ampersand_do_not_change_the_key(words: list[str], upper: bool, plural: bool) -> None:
    stored = " & ".join(w.title() for w in words)
    asked = " and ".join(_plural(w) if plural else w for w in words)
    assert category_key(asked.upper() if upper else asked) == category_key(stored)


def test_distinct_categories_keep_distinct_keys() -> None:
    assert category_key("Home") != category_key("Home & Kitchen")
    assert category_key("Garden") != category_key("Gardening")


def test_matching_categories_returns_the_stored_spellings_in_the_order_asked() -> None:
    stored = ["Kitchen", "Home & Kitchen", "kitchen", "Lamp", "Glass"]
    assert matching_categories(["lamps", "KITCHEN"], stored) == ["Lamp", "Kitchen", "kitchen"]
    assert matching_categories(["kitchen"], stored[::-1]) == ["Kitchen", "kitchen"]
    assert matching_categories(["home and kitchen", "glasses"], stored) == ["Home & Kitchen", "Glass"]
    assert matching_categories(["garden"], stored) == []


@given(st.permutations(["kitchen", "Kitchens", "KITCHEN", "Kitchen", "Lamp", "lamps"]))
def test_matching_categories_do_not_depend_on_the_order_the_engine_returned(stored: list[str]) -> None:
    # a SELECT DISTINCT comes back in any order (DuckDB's threads decide); the parameters must not
    assert matching_categories(["kitchen", "lamp"], stored) == ["KITCHEN", "Kitchen", "Kitchens", "kitchen",
                                                                "Lamp", "lamps"]
