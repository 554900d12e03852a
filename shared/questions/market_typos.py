"""Typos of the pricing and review words, written right before a question is read: "ratng", "chnage", "competiter".

The shorthand (:mod:`shared.questions.shorthand`) corrects the reader's core words of five letters or more; the
words of price and review questions it does not hold, so "wen did we last chnage the price" read as a price
position and "avg ratng?" as the price index. This rewrite is confined to those words (``MARKET_WORDS``), word by
word:

- a word one dropped, added or swapped letter from one of them, of four letters or more ("ratng", "chnage",
  "revews", "pirce", "violatons"), or one letter typed for another in a long word ("competiter"), becomes it;
- a few ways of writing a word as it sounds, too far from its spelling for one edit ("wen", "prise"), are a table;
- a word the tenant knows (a product, brand or competitor name: ``known``) or a real English word one edit from
  them ("rice", "prince", "lunch", "pricey") is left alone, so no product name is ever "corrected".

Pure and cheap: no dictionary, a few comparisons per word. The one-edit rule is the shorthand's own
(:func:`shared.questions.shorthand.one_edit`).
"""

from __future__ import annotations

from collections.abc import Callable

from shared import regex as re
from shared.questions.shorthand import one_edit

#: The pricing and review words a typo is corrected to (each inflection its own entry, so none is "corrected").
MARKET_WORDS: tuple[str, ...] = (
    "price",
    "prices",
    "priced",
    "pricing",
    "change",
    "changed",
    "changes",
    "competitor",
    "competitors",
    "competition",
    "review",
    "reviews",
    "reviewed",
    "reviewer",
    "reviewers",
    "rating",
    "ratings",
    "rated",
    "launch",
    "launched",
    "complaint",
    "complaints",
    "complain",
    "violation",
    "violations",
    "sentiment",
    "undercut",
    "undercutting",
    "discount",
    "discounts",
    "cheapest",
    "when",
)
#: Written as said ("wen did we"), or one letter typed for another in a short word ("prise index"): meant as these.
_SOUNDED: dict[str, str] = {
    "wen": "when",
    "wehn": "when",
    "prise": "price",
    "prises": "prices",
    "pricng": "pricing",
    "raiting": "rating",
    "raitings": "ratings",
}
#: "prise" is also a verb ("prise the lid off"): a word of price only before a word prices take.
_PRICE_NEXT = re.compile(
    r"\s+(?:index|indices|change|changes|position|gap|war|match|of|for|on|vs|versus|"
    r"compared|against|history)\b",
    re.I,
)
#: Real words one edit from a market word: meant as themselves.
_REAL_WORDS = frozenset(
    {
        "rice",
        "grated",
        "crated",
        "preview",
        "previews",
        "previewed",
        "pried",
        "pricking",
        "prince",
        "princes",
        "pricey",
        "pricier",
        "lunch",
        "launcher",
        "launchers",
        "launches",
        "rate",
        "rates",
        "rater",
        "ranting",
        "dating",
        "grating",
        "crating",
        "orating",
        "ration",
        "rations",
        "reviewing",
        "changer",
        "hence",
        "then",
        "whet",
        "whence",
        "wend",
        "went",
        "complainer",
        "complains",
        "cheapen",
        "undercuts",
    }
)
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def market_word(word: str) -> str | None:
    """The pricing or review word ``word`` is a typo of, or ``None`` (a word of its own, or too far from any)."""
    low = word.lower()
    if low in MARKET_WORDS or low in _REAL_WORDS or not low.isalpha():
        return None
    if low in _SOUNDED:
        return _SOUNDED[low]
    if len(low) < 4:
        return None
    # (one letter typed for another counts from eight letters on: the shorthand's rule)
    # a plural or singular is the word itself ("sentiments")
    hits = {
        t
        for t in MARKET_WORDS
        if abs(len(t) - len(low)) <= 1 and one_edit(low, t) and t != low + "s" and low != t + "s"
    }
    return hits.pop() if len(hits) == 1 else None


def market_typos(question: str, known: Callable[[str], bool] | None = None) -> str:
    """``question`` with typos of the pricing and review words corrected, the tenant's own names (``known``) kept."""
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(question):
        low = m.group(0).lower()
        if known is not None and known(low):
            continue
        fixed = market_word(low)
        if fixed is None or (low in ("prise", "prises") and not _PRICE_NEXT.match(question[m.end() :])):
            continue
        out.append(question[last : m.start()])
        out.append(fixed)
        last = m.end()
    if not out:
        return question
    out.append(question[last:])
    return "".join(out)
