"""A currency the question asks in that is not the one the sales are in: "revenue in € last month" of a USD shop.

The data hold one currency and no exchange rates, so the amount is given in the sales' own currency and the answer
says so first, rather than printing dollars under a question about euros. Pure: no I/O.
"""

from __future__ import annotations

import re

#: Signs and words that name a currency, by ISO code ("pounds" only where it is money: "in pounds", "how many
#: pounds"; never "pounds of coffee"). A bare "$" or "dollars" is left alone: US, Canadian, Australian ...
_NAMED = re.compile(
    r"(?P<eur>€|\beuros?\b|\beur\b)|(?P<gbp>£|\bquid\b|\bgbp\b|\bsterling\b|\b(?:in|how many|"
    r"much in)\s+pounds\b)|(?P<jpy>¥|\byen\b|\bjpy\b)|(?P<inr>₹|\brupees?\b|\binr\b)|"
    r"(?P<cad>\bcad\b|\bcanadian dollars?\b)|(?P<aud>\baud\b|\baussie dollars?\b|\baustralian "
    r"dollars?\b)|(?P<usd>\busd\b|\bus dollars?\b)",
    re.I,
)


def asked_currency(question: str) -> str | None:
    """The ISO code of the currency ``question`` asks in, or ``None`` when it names none (or only "$")."""
    m = _NAMED.search(question)
    return m.lastgroup.upper() if m is not None and m.lastgroup else None


def other_currency_lead(question: str, sales_currency: str | None) -> str:
    """What the answer says first when ``question`` asks in another currency than the sales' (else "")."""
    asked = asked_currency(question)
    if asked is None or sales_currency is None or asked == sales_currency.upper():
        return ""
    return (
        f"Your sales are in {sales_currency.upper()}, not {asked}, and the data hold no exchange rate, so this is "
        f"in {sales_currency.upper()}: "
    )
