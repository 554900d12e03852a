"""Categories as the merchant says them, matched to the tenant's stored spellings.

A plan names a category the way a question wrote it ("kitchen", "home and kitchen", "lamps") while the
catalogue keeps the tenant's own spelling ("Kitchen", "Home & Kitchen", "Lamp"). :func:`category_key`
reduces both to one key (case, ``&``/``and``, punctuation, singular/plural); :func:`stored_categories`
reads the tenant's distinct categories (a parameterised read) and returns the stored spellings the asked
names key to, so the filters that follow stay plain ``IN`` lists over array parameters on every engine.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from sqlglot import exp

from shared import regex as re
from shared.ports import Warehouse
from shared.store.statements import col, read, tenant_predicate

_WORD = re.compile(r"[a-z0-9]+")
#: Words that join names without telling categories apart ("Home & Kitchen" = "home and kitchen").
_JOINERS = frozenset({"and", "n"})


def _singular(word: str) -> str:
    """A simple English singular: "lamps" -> "lamp", "accessories" -> "accessory", "glasses" -> "glass"."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("sses", "shes", "ches", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def category_key(name: str) -> str:
    """The key two spellings of one category share: lower case, ``&``/``+`` as "and", words singular."""
    text = name.lower().replace("&", " and ").replace("+", " and ")
    return " ".join(_singular(w) for w in _WORD.findall(text) if w not in _JOINERS)


def matching_categories(asked: Iterable[str], stored: Iterable[str]) -> list[str]:
    """The stored spellings each asked name keys to, in the order asked (an unmatched name matches none).

    The spellings of one asked name come sorted: ``stored`` is a ``SELECT DISTINCT``, whose order an engine
    does not define (DuckDB's parallel aggregation returned "Kitchen", "kitchen" either way round on a loaded
    machine), and the result becomes a statement parameter that findings cite, so it must not vary by run.
    """
    by_key: dict[str, list[str]] = {}
    for value in sorted(set(stored)):
        by_key.setdefault(category_key(value), []).append(value)
    out: list[str] = []
    for name in asked:
        out += [v for v in by_key.get(category_key(name), []) if v not in out]
    return out


@cache
def _categories_statement() -> exp.Select:
    return (exp.select(col("category")).distinct().from_("products")
            .where(tenant_predicate(), col("category").is_(exp.null()).not_()))


def stored_categories(warehouse: Warehouse, tenant_id: str, asked: Sequence[str]) -> list[str]:
    """The tenant's own spellings of the ``asked`` categories; the asked names themselves when none match.

    Returning the asked names when nothing matches keeps a filter a filter: an unknown category narrows to
    no rows rather than widening to the whole catalogue.
    """
    if not asked:
        return []
    stored = [str(v) for v in read(warehouse, _categories_statement(), tenant_id)["category"].tolist()]
    return matching_categories(asked, stored) or list(asked)
