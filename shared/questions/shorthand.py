"""A merchant's shorthand and typos, written out before a question is read: "rev last mo", "oders yday".

Two rewrites, both word by word, both leaving the tenant's own names alone (``known``):

- **shorthand**: abbreviations merchants type (``rev``, ``mo``, ``wk``, ``qtr``, ``yr``, ``yday``, ``qty``, ``LY``,
  a lone ``v`` between two words) become the words the reader's grammar knows. Units of time are rewritten only
  where a unit is expected (after last/this/next/past/per or a number), so a product called "Mo" is safe.
- **typos**: a word of five letters or more that is one dropped, added or swapped letter away from one of the
  reader's core words (revenue, orders, units, customers, quarter ...) becomes that word. Substitutions are not
  corrected ("older" stays "older", not "orders"), nor are real words that sit one letter from a core word.

Pure and cheap (no dictionary, no fuzzy library): a few microseconds per word.
"""

from __future__ import annotations

import re
from collections.abc import Callable

#: Abbreviations that mean one thing wherever they stand.
_ALWAYS: dict[str, str] = {
    "rev": "revenue", "yday": "yesterday", "yest": "yesterday", "ystday": "yesterday",
    "qty": "quantity", "qtys": "quantities", "ly": "last year", "v": "vs", "avg": "average", "lst": "last",
    "prev": "previous", "nxt": "next", "thru": "through", "tho": "though", "val": "value", "vol": "volume",
    "amt": "amount", "ords": "orders", "custs": "customers", "prods": "products", "xmas": "christmas",
    "bf": "black friday", "bfcm": "black friday to cyber monday", "pls": "please", "plz": "please",
}
#: "wk on wk", "mo over mo": a unit over itself.
_UNIT_OVER_UNIT = re.compile(r"\b(wk|mo|mth|qtr|yr)(\s+(?:on|over)\s+)\1\b", re.I)
#: Units of time, rewritten only after a word that expects a unit ("last mo", "3 wks", "per wk").
_UNITS: dict[str, str] = {
    "mo": "month", "mos": "months", "mth": "month", "mths": "months", "mnth": "month", "mnths": "months",
    "wk": "week", "wks": "weeks", "qtr": "quarter", "qtrs": "quarters", "yr": "year", "yrs": "years",
}
_UNIT_BEFORE = re.compile(r"(?:\b(?:last|this|next|past|previous|prior|per|each|every|current|coming|"
                          r"trailing)|\d)\s*$", re.I)
#: The reader's core words, which a typo of five letters or more is corrected to.
CORE_WORDS: tuple[str, ...] = (
    "revenue", "revenues", "sales", "turnover", "takings", "orders", "units", "customers", "profit", "margin",
    "refunds", "returns", "discounts", "inventory", "stock", "reviews", "ratings", "average", "quantity",
    "products", "category", "categories", "channel", "channels", "brands", "forecast", "reorder", "yesterday",
    "month", "months", "quarter", "quarters", "weeks", "years", "today", "competitors", "cheapest", "expensive",
)
#: Real words one letter from a core word, which are meant as themselves.
_REAL_WORDS = frozenset({"scales", "unites", "moths", "stocks", "stocky", "order", "unit", "sale", "customer",
                         "return", "review", "rating", "product", "channel", "brand", "refund", "discount",
                         "margins", "profits", "profile", "week", "year", "months", "marin", "quarters", "cheaper",
                         "story", "store", "stores", "stoke", "stork", "overage", "bands", "borders", "salves",
                         "gratings", "chanel", "recorder", "toady"})
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


def _one_edit(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` with one letter dropped, added, or two neighbours swapped."""
    if word == target:
        return False
    n, m = len(word), len(target)
    if n == m:
        diff = [i for i in range(n) if word[i] != target[i]]
        return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]] \
            and word[diff[1]] == target[diff[0]]
    if abs(n - m) != 1:
        return False
    short, long = (word, target) if n < m else (target, word)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


def correct_word(word: str) -> str | None:
    """The core word ``word`` is a typo of, or ``None``."""
    low = word.lower()
    if len(low) < 5 or not low.isalpha() or low in _REAL_WORDS or low in CORE_WORDS:
        return None
    hits = [t for t in CORE_WORDS if abs(len(t) - len(low)) <= 1 and _one_edit(low, t)
            and t != low + "s" and low != t + "s"]  # a plural or singular is the word itself ("competitor")
    return hits[0] if len(hits) == 1 else None


def expand_shorthand(question: str, known: Callable[[str], bool] | None = None) -> str:
    """``question`` with shorthand written out and typos of core words corrected (the tenant's names kept)."""
    question = _UNIT_OVER_UNIT.sub(lambda m: f"{_UNITS[m.group(1).lower()]}{m.group(2)}{_UNITS[m.group(1).lower()]}",
                                   question)
    out: list[str] = []
    last = 0
    for m in _WORD.finditer(question):
        word = m.group(0)
        low = word.lower()
        new: str | None = None
        if known is not None and len(low) > 1 and known(low):
            new = None
        elif low in _ALWAYS and not (low == "v" and not _between_words(question, m)):
            new = _ALWAYS[low]
        elif low in _UNITS and _UNIT_BEFORE.search(question[:m.start()]):
            new = _UNITS[low]
        elif (fixed := correct_word(word)) is not None:
            new = fixed
        if new is not None and new != low:
            out.append(question[last:m.start()])
            out.append(new)
            last = m.end()
    if not out:
        return question  # (written out above when a unit stood over itself)
    out.append(question[last:])
    return "".join(out)


def _between_words(text: str, m: re.Match[str]) -> bool:
    """A lone "v" stands between two words ("nov v oct"), not at either end or beside punctuation."""
    return bool(re.search(r"\w\s+$", text[:m.start()])) and bool(re.match(r"\s+\w", text[m.end():]))
