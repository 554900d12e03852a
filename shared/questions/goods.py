"""The kind of goods a tenant sells, said by its sales files' headers, read in a question as all its products.

A file names what it sells in its headers: the Car Sales Data's ``Car Model`` and ``Car Make``, the Coffee Sales'
``coffee_name``, Iowa's ``Bottles Sold``, Maven's ``pizza_name``. A merchant asks "how many cars did we sell" or
"which coffee sold the most": the noun is every product, not a product called "cars" (which the data lacks, so the
question was refused). The nouns are taken from the column mappings of the tenant's sales ingestions
(``goods_nouns``) and, in a question, "how many cars" is read as "how many units", "which coffee" as "which product"
(``as_products``). A noun that is also one of the tenant's names (a product or category "Coffee") is left to the
names: ``as_products`` is applied only to nouns the vocabulary does not know as a name.

Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from shared import regex as re

#: The fields whose column may be named for the goods (``Car Model`` product, ``Car Make`` brand, ``Car_id`` the sale's
#: own id, ``Bottles Sold`` the units).
_GOODS_FIELDS = frozenset({"product_title", "sku", "product_brand", "sale_id", "units"})
#: The second word of such a header: what of the goods the column says.
_ASPECTS = frozenset({"name", "names", "id", "model", "make", "type", "title", "description", "desc", "code", "sold",
                      "no", "number", "kind", "brand"})  # fmt: skip
#: First words that are no kind of goods (a role, a record, a generic word).
_NOT_GOODS = frozenset({
    "product", "products", "item", "items", "article", "sku", "order", "line", "customer", "client", "buyer", "vendor",
    "supplier", "store", "shop", "category", "brand", "sub", "parent", "unit", "units", "sale", "sales", "transaction",
    "stock", "style", "variant", "model", "make", "menu", "catalog", "catalogue", "listing", "offer", "company",
    "seller", "dealer", "merchant", "manufacturer", "invoice", "receipt", "goods", "total", "quantity", "qty", "lot",
    "batch", "package", "pack", "ship", "shipping", "payment", "card", "user", "account", "event", "asin", "upc",
    "ean", "gtin", "isbn", "part", "material", "global", "local", "internal", "external", "retail",
})  # fmt: skip
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")
_WORDS = re.compile(r"[a-z]+")


def _words(header: str) -> list[str]:
    return _WORDS.findall(_CAMEL.sub(" ", header).lower())


def singular(word: str) -> str:
    """``coffees`` -> ``coffee``, ``bottles`` -> ``bottle``, ``boxes`` -> ``box``, ``pastries`` -> ``pastry``."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def goods_noun(header: str) -> str | None:
    """The kind of goods a column of the goods is named for (``Car Model`` -> ``car``), else ``None``."""
    words = _words(header)
    if len(words) != 2 or words[1] not in _ASPECTS:
        return None
    noun = singular(words[0])
    return noun if len(noun) >= 3 and noun not in _NOT_GOODS and words[0] not in _NOT_GOODS else None


def goods_nouns(mappings: Iterable[Mapping[str, str | None]]) -> list[str]:
    """The kinds of goods named by the headers of ``mappings``, sorted.

    ``mappings``: sales ingestions' ``column_mapping`` (header -> field).
    """
    found = {
        noun
        for mapping in mappings
        for header, field in mapping.items()
        if field in _GOODS_FIELDS and (noun := goods_noun(header)) is not None
    }
    return sorted(found)


def as_products(question: str, nouns: Iterable[str]) -> str:
    """``question`` with each of ``nouns`` counted or ranked read as the products.

    "how many cars" -> "how many units", "which coffee" / "what coffees" / "top 3 coffees" -> "which product" / "what
    products" / "top 3 products".
    """
    for noun in nouns:
        plural = (
            rf"{re.escape(noun)}(?:s|es)?"
            if not noun.endswith("y")
            else rf"(?:{re.escape(noun)}|"
            rf"{re.escape(noun[:-1])}ies)"
        )
        question = re.sub(rf"\b(how many)\s+{plural}\b", r"\1 units", question, flags=re.I)
        question = re.sub(
            rf"\b(which|what|each|per|top(?: \d+)?)\s+{re.escape(noun)}\b", r"\1 product", question, flags=re.I
        )
        question = re.sub(rf"\b(which|what|top(?: \d+)?)\s+{plural}\b", r"\1 products", question, flags=re.I)
    return question
