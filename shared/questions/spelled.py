"""Numbers written out as words, in digits before a question is read: "ten percent", "the last thirty days" (#18).

The reader's grammar reads a percentage, a star level and a long window in digits ("more than 10% above the
market", "under 3.5 stars", "the last 30 days"); a merchant types them out as often. Only a number word right
before its unit is rewritten, so a product title's words ("Ten Piece Set") and "one of them" stay as typed:

* a percentage: "ten percent", "twenty-five per cent", "fifteen pct" -> "10%", "25%", "15%";
* a half star: "three and a half stars", "four and a half star" -> "3.5 stars", "4.5 star";
* a window longer than twelve units ("thirty days", "eighteen months"): the time reader knows one to twelve;
* a dozen before a ranking's nouns or "best": "the half-dozen best sellers", "a dozen top products" -> "the 6 best
  sellers", "12 top products".

Pure: no I/O.
"""

from __future__ import annotations

from shared import regex as re

_UNITS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
          "seventeen": 17, "eighteen": 18, "nineteen": 19}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
         "ninety": 90}
_WORD = "|".join(sorted([*_UNITS, *_TEENS, *_TENS], key=len, reverse=True))
#: One to ninety-nine in words: "seven", "fifteen", "thirty", "twenty-five", "forty five".
_NUMBER = rf"(?:(?:{'|'.join(_TENS)})(?:[\s-](?:{'|'.join(_UNITS)}))?|{_WORD})"
_PERCENT = re.compile(rf"\b(?P<n>{_NUMBER})\s*(?:percent|per cent|pct)\b|\b(?P<m>{_NUMBER})\s*%", re.I)
_HALF_STARS = re.compile(rf"\b(?P<n>{'|'.join(_UNITS)})\s+and\s+a\s+half\s+(?P<unit>stars?)\b", re.I)
_LONG_WINDOW = re.compile(rf"\b(?P<n>{_NUMBER})\s+(?P<unit>days|weeks|months|years|quarters)\b", re.I)
#: "half a dozen", "half-dozen", "a dozen", "dozen" before what a ranking lists (not "a dozen eggs" in a title).
_DOZEN = re.compile(r"\b(?:a\s+|(?P<the>the\s+))?(?P<half>half[\s-](?:a[\s-])?)?dozen\s+"
                    r"(?=(?:best|worst|top|bottom|biggest|largest|highest|lowest|most|least|fastest|slowest|products|items|skus|sellers|brands|"
                    r"categories|channels|customers)\b)", re.I)
#: The longest window the time reader knows in words ("the last twelve months").
_WORDS_KNOWN = 12


def number_value(words: str) -> int:
    """The value of a number of :data:`_NUMBER` ("twenty-five" -> 25)."""
    parts = words.lower().replace("-", " ").split()
    return sum(_TENS.get(p) or _TEENS.get(p) or _UNITS.get(p, 0) for p in parts)


def spelled_numbers(text: str) -> str:
    """``text`` with spelled-out percentages, half stars and long windows in digits (unchanged without one)."""
    out = _PERCENT.sub(lambda m: f"{number_value(m.group('n') or m.group('m'))}%", text)
    out = _HALF_STARS.sub(lambda m: f"{_UNITS[m.group('n').lower()]}.5 {m.group('unit')}", out)
    out = _DOZEN.sub(lambda m: f"{m.group('the') or ''}{6 if m.group('half') else 12} ", out)

    def window(m: re.Match[str]) -> str:
        n = number_value(m.group("n"))
        return f"{n} {m.group('unit')}" if n > _WORDS_KNOWN else m.group(0)

    return _LONG_WINDOW.sub(window, out)
