"""The scale an answer is asked in: "revenue last month in thousands", "ytd sales in millions", "in $k please".

The phrase is taken out before the question is read (its "in" is no period: "last quarter in thousands" was read as
the last quarter *of* a year), and the answer states each figure as usual with the asked scale beside it
("$625,534.18 ($625.5 thousand)"), so nothing is lost by rounding.
Pure: text in, text and scale out; a figure in, its scaled words out.
"""

from __future__ import annotations

from typing import Literal

from shared import regex as re

Scale = Literal["thousand", "million"]

_CURRENCY = r"(?:[$£€]|usd|gbp|eur|aud|cad)"
#: "in thousands (of dollars)", "in $k", "in k", "in '000s", "in millions", "in $m", "in mn", "to the nearest
#: thousand", "rounded to the nearest million".
_SCALE = re.compile(
    rf",?\s*\b(?:(?:expressed\s+|shown\s+|given\s+)?in\s+(?:{_CURRENCY}\s*)?(?:(?P<k>thousands|k|k'?s|'?000'?s|grand)|"
    rf"(?P<m>millions|m|mn|mil|mio))(?:\s+of\s+(?:dollars|pounds|euros|units|bucks))?|"
    rf"(?:round(?:ed)?\s+(?:it\s+)?)?to\s+the\s+nearest\s+(?:(?P<k2>thousand|k)|(?P<m2>million))"
    rf"(?:\s+(?:dollars|pounds|euros|units))?)\b(?!\s*(?:revenue|sales|units|orders))[,.]?",
    re.I,
)


def asked_scale(text: str) -> tuple[str, Scale | None]:
    """``text`` without the scale it asks the answer in, and that scale (``None`` when it asks none)."""
    m = _SCALE.search(text)
    if m is None:
        return text, None
    scale: Scale = "million" if (m.group("m") or m.group("m2")) else "thousand"
    return re.sub(r"\s{2,}", " ", f"{text[: m.start()]} {text[m.end() :]}").strip(), scale


def scaled(value: float, scale: Scale, symbol: str = "") -> str:
    """``value`` in the asked scale: ``$625.5 thousand``, ``6.23 million``."""
    if scale == "million":
        return f"{symbol}{value / 1e6:,.2f} million"
    return f"{symbol}{value / 1e3:,.1f} thousand" if abs(value) >= 10_000 else f"{symbol}{value / 1e3:,.2f} thousand"
