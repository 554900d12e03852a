"""A turn that only asks for the figures in another currency ("in euros", "what's that in GBP?").

Amounts are stated in the currency the merchant's rows record; the data holds no exchange rates, so a figure is
never converted (or relabelled): the reply says which currency the amounts are in and that they cannot be shown in
another. Read alone, "in euros" named no measure and was answered with the agents' overview of everything.
"""

from __future__ import annotations

import re

#: Currency words and symbols -> ISO code.
_CODES = {
    "euro": "EUR",
    "euros": "EUR",
    "eur": "EUR",
    "€": "EUR",
    "pound": "GBP",
    "pounds": "GBP",
    "gbp": "GBP",
    "sterling": "GBP",
    "£": "GBP",
    "dollar": "USD",
    "dollars": "USD",
    "usd": "USD",
    "us dollars": "USD",
    "$": "USD",
    "yen": "JPY",
    "jpy": "JPY",
    "cad": "CAD",
    "canadian dollars": "CAD",
    "aud": "AUD",
    "australian dollars": "AUD",
    "chf": "CHF",
    "swiss francs": "CHF",
    "francs": "CHF",
    "sek": "SEK",
    "kronor": "SEK",
    "nok": "NOK",
    "dkk": "DKK",
    "pln": "PLN",
    "zloty": "PLN",
    "inr": "INR",
    "rupees": "INR",
    "cny": "CNY",
    "yuan": "CNY",
    "rmb": "CNY",
    "mxn": "MXN",
    "pesos": "MXN",
    "brl": "BRL",
    "reais": "BRL",
}
_NAMES = "|".join(sorted((re.escape(k) for k in _CODES), key=len, reverse=True))
_ASK = re.compile(
    rf"^\s*(?:(?:ok(?:ay)?|and|so|now|can\s+you|could\s+you|please)[\s,]+)*(?:(?:what(?:'s|\s+is|\s+was|\s+are|\s+were)"
    rf"\s+(?:that|it|this|those|these|the\s+(?:figure|number|amount)s?)\s+|(?:show|give|put|convert|express|say)\s+"
    rf"(?:me\s+)?(?:that|it|this|those|these|the\s+(?:figure|number|amount)s?)?\s*|how\s+much\s+is\s+"
    rf"(?:that|it)\s+)?(?:in|into|to|as)\s+)(?P<cur>{_NAMES})(?:\s+please)?\s*[?.!]*\s*$",
    re.I,
)


def asked_currency(question: str) -> str | None:
    """The ISO code a turn asks the figures in ("in euros" -> "EUR"), or ``None`` for any other question."""
    m = _ASK.match(question)
    return _CODES[m.group("cur").lower()] if m else None


def currency_reply(asked: str, recorded: str | None) -> str:
    """What is said to a request for ``asked``: the currency the data records, never a converted figure."""
    if recorded is None:
        return (
            f"Your data records no currency for its amounts and holds no exchange rates, so the figures can't be "
            f"shown in {asked}: they are as your rows state them."
        )
    if recorded.upper() == asked:
        return f"The figures are already in {asked}, the currency your data records."
    return (
        f"The figures are in {recorded.upper()}, the currency your data records; it holds no exchange rates, so "
        f"they can't be converted to {asked} here."
    )
