"""A currency the question asks in that is not the one the sales are in. Pure: no I/O.

Amounts are stated in the currency the merchant's rows record; the data holds no exchange rates, so a figure is
never converted (or relabelled). Two shapes are read with one vocabulary:

- a turn that only asks for the figures in another currency ("in euros", "what's that in GBP?"): the reply says which
  currency the amounts are in (read alone, "in euros" named no measure and got the agents' overview of everything);
- a question asked in another currency ("revenue in € last month" of a USD shop): the amount in the sales' own
  currency, said first, rather than dollars printed under a question about euros.
"""

from __future__ import annotations

from shared import regex as re

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
    "quid": "GBP",
    "yen": "JPY",
    "¥": "JPY",
    "jpy": "JPY",
    "cad": "CAD",
    "canadian dollars": "CAD",
    "aud": "AUD",
    "australian dollars": "AUD",
    "aussie dollars": "AUD",
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
    "rupee": "INR",
    "rupees": "INR",
    "₹": "INR",
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


#: Inside a longer question a bare "$" or "dollars" names no one currency (US, Canadian, Australian ...), and
#: "pounds" is money only after "in" or "how many" (never "pounds of coffee").
_AMBIGUOUS_INSIDE = {"$", "dollar", "dollars", "pound", "pounds"}
_NAMED_INSIDE = re.compile(
    "|".join(
        rf"\b{re.escape(k)}\b" if k[0].isalnum() else re.escape(k)
        # longest first; ties by name, not by the set's (hash-seeded) order: one text in every process, so the
        # compiled pattern a bundle ships is found (bundling/regex_store.py)
        for k in sorted(set(_CODES) - _AMBIGUOUS_INSIDE, key=lambda name: (-len(name), name))
    )
    + r"|\b(?:in|how\s+many|much\s+in)\s+(?P<pounds>pounds)\b(?!\s+of\b)",
    re.I,
)


#: "how many euros is that?": the figure just given asked in a currency.
_HOW_MANY = re.compile(
    rf"^\s*(?:(?:ok(?:ay)?|and|so|now)[\s,]+)*how\s+many\s+(?P<cur>{_NAMES})\s+(?:is|was|'s)\s+(?:that|it|this)"
    rf"\s*[?.!]*\s*$",
    re.I,
)


def asked_currency(question: str) -> str | None:
    """The ISO code a turn asks the figures in ("in euros", "how many euros is that?" -> "EUR"), else ``None``."""
    m = _ASK.match(question) or _HOW_MANY.match(question)
    return _CODES[m.group("cur").lower()] if m else None


def named_currency(question: str) -> str | None:
    """The ISO code of a currency named anywhere in ``question``, or ``None`` when it names none (or only "$")."""
    m = _NAMED_INSIDE.search(question)
    if m is None:
        return None
    return "GBP" if m.group("pounds") else _CODES[m.group(0).lower()]


def other_currency_lead(question: str, sales_currency: str | None) -> str:
    """What the answer says first when ``question`` asks in another currency than the sales' (else "")."""
    asked = named_currency(question)
    if asked is None or sales_currency is None or asked == sales_currency.upper():
        return ""
    return (
        f"Your sales are in {sales_currency.upper()}, not {asked}, and the data hold no exchange rate, so this is "
        f"in {sales_currency.upper()}: "
    )


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
