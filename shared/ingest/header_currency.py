"""A currency written into a money column's name: ``Total (ARS)``, ``Precio (BRL)``, ``Amount [EUR]``, ``Preis in €``.

Marketplaces that sell in several countries name the currency in the column instead of a currency column (Mercado
Libre's ``Ingresos por productos (ARS)``, Shopee's ``Total Discount(MYR)``). The annotation is no part of what the
column is (``Total (ARS)`` is a ``Total``): it is taken off before the name is matched, and the code it names is the
currency of the file's rows that name none themselves.
"""

from __future__ import annotations

from collections.abc import Iterable

from shared import regex as re
from shared.ingest.upload_currency import ISO_4217

#: Symbols that name one currency only (``$``, ``kr`` and ``¥`` name several: they are taken off, no currency set).
_SYMBOLS = {
    "€": "EUR",
    "£": "GBP",
    "r$": "BRL",
    "zł": "PLN",
    "zl": "PLN",
    "₹": "INR",
    "₺": "TRY",
    "₩": "KRW",
    "₱": "PHP",
    "₫": "VND",
    "rm": "MYR",
    "rp": "IDR",
    "฿": "THB",
    "s/": "PEN",
    "chf": "CHF",
}
_AMBIGUOUS = ("$", "us$", "kr", "¥", "元")
_MARKS = "|".join(re.escape(s) for s in sorted((*_SYMBOLS, *_AMBIGUOUS), key=len, reverse=True))
#: The annotation at the end of a name: bracketed (``(ARS)``, ``[EUR]``, ``(€)``), after ``in``/``en``/``em``/``w``
#: (``Preis in EUR``, ``Kwota w zł``), or after a separator (``Amount - EUR``, ``Total, USD``).
_ANNOTATION = re.compile(
    rf"\s*(?:[(\[{{]\s*(?P<b>[A-Za-z]{{3}}|{_MARKS})\s*[)\]}}]"
    rf"|\s(?:in|en|em|w|i)\s+(?P<w>[A-Z]{{3}}|{_MARKS})"
    rf"|\s*[-,/]\s*(?P<s>[A-Z]{{3}}|{_MARKS}))\s*$",
    re.IGNORECASE,
)


#: A money column's name ending in a bare currency code, after a space or an underscore: Maven's ``Unit Price USD``,
#: ``price_usd``, ``refund_amount_usd``. Only after a word for money (a code-like last word of any other name, such as
#: ``Order ALL``, stays part of the name) and only a code of ISO 4217.
_SUFFIX = re.compile(
    r"(?:price|cost|amount|total|revenue|sales|refund|discount|value|fee|tax|spend|spent|paid|profit|income|"
    r"margin|cogs|money)s?[\s_]+(?P<c>[A-Za-z]{3})\s*$",
    re.IGNORECASE,
)


def _code(mark: str) -> str | None:
    """The ISO code an annotation names, ``None`` for an ambiguous symbol; ``""`` when it is no currency at all."""
    lowered = mark.lower()
    if lowered in _SYMBOLS:
        return _SYMBOLS[lowered]
    if lowered in _AMBIGUOUS:
        return None
    return mark.upper() if mark.upper() in ISO_4217 else ""


def split_currency(header: str) -> tuple[str, str | None]:
    """``header`` without its currency annotation, and the ISO code it names (``None`` when none or ambiguous).

    A bracketed word that is no currency (``Weight (KGS)``: not a code) is left as written.
    """
    found = _ANNOTATION.search(header)
    if found is None:
        suffix = _SUFFIX.search(header)
        code = suffix.group("c").upper() if suffix else ""
        if suffix is None or code not in ISO_4217:
            return header, None
        return header[: suffix.start("c")].rstrip(" _"), code
    mark = found.group("b") or found.group("w") or found.group("s") or ""
    code = _code(mark)
    if code == "":
        return header, None
    return header[: found.start()].rstrip(), code


def without_currency(header: str) -> str:
    """``header`` without a currency annotation (``Total (ARS)`` -> ``Total``)."""
    return split_currency(header)[0]


def named_currency(headers: Iterable[str]) -> str | None:
    """The one currency the money columns' names state, ``None`` when they state none or disagree."""
    codes = {code for h in headers if (code := split_currency(h)[1]) is not None}
    return codes.pop() if len(codes) == 1 else None
