"""The products a phrasing set asks about, picked from the stored catalogue by a rule, so a set runs on any day.

The sample merchant is generated for the day before today, and its messy CSVs plant a few unreadable catalogue rows
("free" as a price, a blank title) that the ingest refuses. Which rows those are depends on the day (the writer's
random draws follow the day's number of sales lines), so a set that hard-coded KIT-0036 crashed on the days that
product was refused (``KeyError: 'KIT-0036'`` building its truths). Each role below is a rule over what the store
holds; the question's words (the product's name or noun) come from the product picked, never the other way round.

``BENCH_TODAY=YYYY-MM-DD`` (``bench/pricing_phrasings.py``, ``bench/review_phrasings.py``) generates another day's
merchant, to check that a set runs whatever rows were refused.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from shared.sample.catalogue import CATEGORIES

#: The generator's product nouns, longest first ("Headlamp" is not a "Desk Lamp", "Cutting Board" before "Board").
_NOUNS = sorted((noun for cat in CATEGORIES for noun, _ in cat.nouns), key=len, reverse=True)


def noun_of(title: str) -> str:
    """The product noun in a sample title ("Northwind Lite Kettle 1.7L" -> "Kettle"), or the title itself."""
    return next((n for n in _NOUNS if n in title), title)


def name_of(title: str) -> str:
    """The title without its brand and size: its adjective and noun ("Trailhead Pro Toaster 4-Slice" -> "Pro
    Toaster"), the way a merchant names one product among several of its kind."""
    noun = noun_of(title)
    before = title[: title.find(noun)].split()
    return f"{before[-1]} {noun}" if before else noun


@dataclass(frozen=True)
class Pick:
    """One product picked for a role: its SKU, title, noun ("kettle") and short name ("Pro Toaster")."""

    sku: str
    title: str

    @property
    def noun(self) -> str:
        """Its noun in lower case, as a question says it ("the kettle")."""
        return noun_of(self.title).lower()

    @property
    def name(self) -> str:
        """Its adjective and noun ("Pro Toaster")."""
        return name_of(self.title)


@dataclass(frozen=True)
class Picks:
    """The roles a set asks about.

    ``solo`` and ``solo2``: the two products that are the only one of their kind in the store (no other stored title
    has their noun: "the kettle" names one product), with the most reviews; ``mapped``: the product with a MAP and a
    short name no other product shares, with the most reviews; ``top_markup``: the product with the highest markup on
    cost. Each role is a different product; ``priced`` (competitor-priced SKUs) restricts all of them when given.
    """

    solo: Pick
    solo2: Pick
    mapped: Pick
    top_markup: Pick


def pick_products(products: pd.DataFrame, reviews: pd.DataFrame, priced: set[str] | None = None) -> Picks:
    """The roles over ``products`` (stored catalogue indexed by SKU: title, price, cost, map_price) and ``reviews``
    (rows with a ``sku``); ties go to the lower SKU so a day's pick is deterministic."""
    cat = products[products["title"].notna() & (products["title"].astype(str).str.strip() != "")]
    titles = cat["title"].astype(str)
    if priced is not None:
        cat = cat[cat.index.isin(priced)]
    counts = reviews["sku"].astype(str).value_counts()

    def most_reviewed(skus: list[str], taken: set[str]) -> Pick:
        free = [s for s in skus if s not in taken]
        best = sorted(free, key=lambda s: (-int(counts.get(s, 0)), s))[0]
        return Pick(best, str(cat.loc[best, "title"]))

    nouns = titles.map(noun_of)
    names = titles.map(name_of)
    solo_skus = [s for s in cat.index if int((nouns == nouns[s]).sum()) == 1]
    solo = most_reviewed(solo_skus, set())
    solo2 = most_reviewed(solo_skus, {solo.sku})
    with_map = pd.to_numeric(cat["map_price"], errors="coerce").notna()
    mapped_skus = [s for s in cat.index[with_map] if int((names == names[s]).sum()) == 1]
    mapped = most_reviewed(mapped_skus, {solo.sku, solo2.sku})
    markup = pd.to_numeric(cat["price"], errors="coerce") / pd.to_numeric(cat["cost"], errors="coerce")
    taken = {solo.sku, solo2.sku, mapped.sku}
    top = markup.drop(index=list(taken), errors="ignore").dropna()
    top_sku = str(top[top == top.max()].index.sort_values()[0])
    return Picks(solo, solo2, mapped, Pick(top_sku, str(cat.loc[top_sku, "title"])))


def market_picks(products: pd.DataFrame, reviews: pd.DataFrame, window: pd.DataFrame) -> Picks:
    """The roles among the products the competitors priced in the market answers' ``window`` (a pricing set asks
    every role about its rivals)."""
    return pick_products(products, reviews, priced={str(s) for s in window["sku"]})


def first_changed(changes: pd.DataFrame, *skus: str) -> list[str]:
    """``skus`` whose list price changed (in ``changes``), in order: a "when did we last change the price of X"
    question needs a change to date."""
    return [s for s in skus if bool((changes["sku"] == s).any())]


def highest_markup(products: pd.DataFrame, *taken: str) -> str:
    """The stored product with the highest markup on cost that is none of ``taken`` (the older sets' second product,
    once the literal KIT-0036, which the ingest refuses on some days); ties go to the lower SKU."""
    markup = pd.to_numeric(products["price"], errors="coerce") / pd.to_numeric(products["cost"], errors="coerce")
    markup = markup.drop(index=list(taken), errors="ignore").dropna()
    return str(markup[markup == markup.max()].index.sort_values()[0])


def falling_pick(products: pd.DataFrame, planted: str, fallback: Pick) -> Pick:
    """The product whose ratings the sample generator makes fall (``planted``, its review truth), or ``fallback`` on a
    day the ingest refused its catalogue row (a question names a product by its stored title).

    The older sets (pricing 1-16, review 1-12) asked "why is the rating of X dropping?" and most of their product
    questions of the literal KIT-0046, that product on the days they were written."""
    stored = planted in products.index and str(products.loc[planted, "title"]).strip() not in ("", "nan")
    return Pick(planted, str(products.loc[planted, "title"])) if stored else fallback


def namesakes(products: pd.DataFrame, sku: str) -> list[str]:
    """The other stored products with ``sku``'s noun ("the toaster" names two: the older sets' literal KIT-0006 was the
    other one), in SKU order."""
    titles = products["title"].dropna().astype(str)
    noun = noun_of(str(products.loc[sku, "title"]))
    return sorted(str(s) for s, title in titles.items() if s != sku and noun_of(title) == noun)


def review_pair(products: pd.DataFrame, reviews: pd.DataFrame, planted: str) -> tuple[str, str]:
    """The older review sets' two products: the falling one (:func:`falling_pick`) and the highest markup of the
    rest (:func:`highest_markup`)."""
    x = falling_pick(products, planted, pick_products(products, reviews).mapped).sku
    return x, highest_markup(products, x)
