"""The orders that were returned, as a slice of any sales figure: "average discount on returned orders".

A merchant asks about the orders that had a return ("revenue from orders that were returned", "AOV of returned
orders", "revenue excluding returned orders") as a group of orders, not about the units or money that went back. The
phrase is taken out of the text the reader reads (so "returned" is not read as units returned) and left as "orders",
and the slice is kept apart: the metrics layer's ``returned`` dimension (an order with a return line at any date) is
set as a filter on the reading afterwards. "Excluding returns", "net of returns" (units less returned units) are not
this and are left as written.

Pure: regular expressions over the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from shared import regex as re

Slice = Literal["returned", "not returned"]

_ORDERS = r"(?:orders?|purchases?|transactions?|baskets?)"
_RETURNED = r"(?:returned|sent back|refunded)"
#: "excluding returned orders", "not counting orders that were returned", "minus the returned orders": the others.
_EXCLUDED = re.compile(
    rf"\b(?:excluding|excl\.?|without|not counting|minus|less|ex|except(?: for)?|apart from|"
    rf"other than|leaving out|leave out)\s+(?:the\s+|any\s+)?(?:{_RETURNED}\s+{_ORDERS}|"
    rf"{_ORDERS}\s+(?:that|which)\s+(?:were|was|got|have been|had been)\s+{_RETURNED}|"
    rf"{_ORDERS}\s+with\s+(?:a\s+)?returns?)\b",
    re.I,
)
#: "non-returned orders", "orders that weren't returned", "orders with no return", "unreturned orders": the others.
_KEPT = re.compile(
    rf"\b(?:(?:non-?\s?|un)returned\s+(?P<a>{_ORDERS})|(?P<b>{_ORDERS})\s+(?:that|which)\s+"
    rf"(?:were(?:n'?t| not)|was(?:n'?t| not)|did(?:n'?t| not) get|have(?:n'?t| not) been|never got)\s+"
    rf"{_RETURNED}|(?P<c>{_ORDERS})\s+with(?:out| no)\s+(?:a\s+|any\s+)?returns?)\b",
    re.I,
)
#: "returned orders", "orders that were returned", "orders with a return", "orders that got sent back": the slice.
_SLICE = re.compile(
    rf"\b(?:{_RETURNED}\s+(?P<a>{_ORDERS})|(?P<b>{_ORDERS})\s+(?:that|which)\s+(?:were|was|got|have "
    rf"been|had been|ended up)\s+(?:being\s+)?{_RETURNED}|(?P<c>{_ORDERS})\s+with\s+(?:a\s+|any\s+)?"
    rf"returns?)\b",
    re.I,
)
#: "how many orders from last month were returned", "orders last quarter that got returned": the orders counted, the
#: words between them kept ("from last month"); "orders last month that weren't returned": the others.
_COUNTED = re.compile(
    rf"\b(?P<o>orders?)\b(?P<mid>(?:\s+(?!(?:were|was|got|and|or|but)\b)[\w'-]+){{0,5}}?)\s+"
    rf"(?:that\s+|which\s+)?(?:(?P<neg>were(?:n'?t| not)|was(?:n'?t| not)|did(?:n'?t| not) get|"
    rf"have(?:n'?t| not) been|never got)|were|was|got|have been|had been)\s+{_RETURNED}\b",
    re.I,
)


@dataclass(frozen=True)
class ReturnedSlice:
    """The question's text with the slice's words taken out, and which orders it keeps."""

    text: str
    keep: Slice


def returned_slice(text: str) -> ReturnedSlice | None:
    """The orders-with-a-return slice ``text`` names, and the text to read without it; ``None`` when it names none.

    The order noun stays ("average discount on returned orders" -> "average discount on orders"), so per-order
    figures still divide by the orders; an exclusion goes altogether ("revenue excluding returned orders" ->
    "revenue").
    """
    if (m := _EXCLUDED.search(text)) is not None:
        return ReturnedSlice(_tidy(text[: m.start()] + text[m.end() :]), "not returned")
    if (m := _KEPT.search(text)) is not None:
        noun = m.group("a") or m.group("b") or m.group("c")
        return ReturnedSlice(_tidy(text[: m.start()] + noun + text[m.end() :]), "not returned")
    if (m := _SLICE.search(text)) is not None:
        noun = m.group("a") or m.group("b") or m.group("c")
        return ReturnedSlice(_tidy(text[: m.start()] + noun + text[m.end() :]), "returned")
    if (m := _COUNTED.search(text)) is not None:
        keep: Slice = "not returned" if m.group("neg") else "returned"
        return ReturnedSlice(_tidy(text[: m.start()] + m.group("o") + m.group("mid") + text[m.end() :]), keep)
    return None


def _tidy(text: str) -> str:
    return re.sub(r"\s{2,}", " ", text).strip()
