"""A merchant's shorthand and typos, written out before a question is read: "rev last mo", "oders yday".

Two rewrites, both word by word, both leaving the tenant's own names alone (``known``):

- **shorthand**: abbreviations merchants type (``rev``, ``mo``, ``wk``, ``qtr``, ``yr``, ``yday``, ``qty``, ``LY``,
  a lone ``v`` between two words) become the words the reader's grammar knows. Units of time are rewritten only
  where a unit is expected (after last/this/next/past/per or a number), so a product called "Mo" is safe.
- **typos**: a word of five letters or more that is one dropped, added or swapped letter away from one of the
  reader's core words (revenue, orders, units, customers, quarter ...) becomes that word. Substitutions are not
  corrected ("older" stays "older", not "orders"), nor are real words that sit one letter from a core word. A word
  that is no English word (TextBlob's word counts, read once) is also corrected to the wider question vocabulary
  (``QUESTION_WORDS``) one edit away, rapidfuzz finding it: "wen" (when), "chnage", "ratng", "refnd", "nmber".

Pure but for that one cached read of a packaged word list: a few microseconds per word.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from rapidfuzz import process
from rapidfuzz.distance import OSA

from shared import regex as re

#: Abbreviations that mean one thing wherever they stand.
_ALWAYS: dict[str, str] = {
    "rev": "revenue", "yday": "yesterday", "yest": "yesterday", "ystday": "yesterday",
    "qty": "quantity", "qtys": "quantities", "ly": "last year", "v": "vs", "avg": "average", "lst": "last",
    "prev": "previous", "nxt": "next", "thru": "through", "tho": "though", "val": "value", "vol": "volume",
    "wkly": "weekly", "mthly": "monthly", "mnthly": "monthly", "qtrly": "quarterly", "yrly": "yearly",
    "amt": "amount", "ords": "orders", "custs": "customers", "prods": "products", "xmas": "christmas",
    "bf": "black friday", "bfcm": "black friday to cyber monday", "pls": "please", "plz": "please",
    "wats": "what's", "wat": "what", "hw": "how", "ur": "your", "tmrw": "tomorrow", "tmw": "tomorrow",
    "ttm": "trailing 12 months", "ltm": "last 12 months", "upt": "units per transaction",
    # items per transaction; average unit retail (what a unit sold for)
    "ipt": "units per transaction", "aur": "average selling price", "upo": "units per order",
    # "YTD vs LYTD": last year's same days (prior year to date)
    "lytd": "the same period last year", "pytd": "the same period last year",
    "lmtd": "the same period last month", "pmtd": "the same period last month",
    "lqtd": "the same period last quarter", "pqtd": "the same period last quarter",
    # dashboards' column codes beside LY: last week, month, quarter ("kitchen units lw", "aov lm")
    "lw": "last week", "lm": "last month", "lq": "last quarter",
    # "wensday": the way it is said, not one letter from the way it is spelled
    "wich": "which", "whcih": "which", "wensday": "wednesday", "wensdays": "wednesdays", "wendsday": "wednesday",
    "wendsdays": "wednesdays",
    "rtg": "rating", "rtgs": "ratings", "oos": "out of stock",
    # "out of stok": four letters, below the one-edit typos' five, and no English word
    "stok": "stock", "stoks": "stocks",
    "how'd": "how did", "what'd": "what did", "where'd": "where did",
    "excl": "excluding", "incl": "including", "adj": "adjusted",
    # to flog (British and Australian slang): to sell
    "flog": "sell", "flogs": "sells", "flogged": "sold", "flogging": "selling",
    "whos": "who's", "shld": "should", "shud": "should", "luv": "love", "luvs": "loves", "luvd": "loved",
    "bestseller": "best seller", "bestsellers": "best sellers", "bestselling": "best selling",
    "topseller": "top seller", "topsellers": "top sellers",
}
#: Short words typed with two neighbouring letters swapped ("thsi", "lsat", "yaer"): the first letter kept.
_SWAPPED_SHORT: tuple[str, ...] = ("this", "last", "year", "week", "next", "sold", "much", "many", "made", "make",
                                   "best", "sell", "what", "sale", "days", "stock", "take")
#: Real words a swap of two letters of a short word makes: meant as themselves.
_SWAPPED_REAL = frozenset({"lats", "bets", "mucn", "wehn", "amde"})
#: "category wise sales", "month-wise orders" (Indian English): a breakdown by that noun.
_WISE = re.compile(r"\b(categor(?:y|ies)|channels?|brands?|products?|skus?|items?|day|date|week|month|quarter|year|"
                   r"regions?|states?|cit(?:y|ies)|countr(?:y|ies)|stores?|platforms?|marketplaces?)[- ]?wise\b", re.I)
#: "comp prices", "comp OOS": a competitor's (not "comp sales", comparable-store sales, which stays as written).
_COMP = re.compile(r"\b(comps?)(?=\s+(?:prices?|pricing|oos|out of stock|stock|stockouts?|price index)\b)", re.I)
#: "5* reviews", "1* revs": stars written as an asterisk.
_STAR_GLYPH = re.compile(r"\b([1-5])\s?\*(?=\s|$|[?.!,])")
#: "neg rev", "bad revs", "5-star rev": after a word that only reviews take, "rev" is a review, not revenue.
_REVIEW_BEFORE = re.compile(r"\b(?:neg|negative|pos|positive|bad|good|poor|great|fake|star|stars|[1-5]-star)\s+$", re.I)
#: "y r sales falling", "y is X not selling": a lone "y" opening the question before a verb is "why".
_Y_WHY = re.compile(r"^\s*y(?=\s+(?:r|are|is|did|do|does|has|have|isn't|aren't|don't|doesn't|didn't|was|were)\b)",
                    re.I)
#: "best price where?", "top rival who?": a question word typed after its subject (a short phrase without a verb of
#: its own) is put in front, where the reader's grammar looks for it.
_TRAILING_QUESTION_WORD = re.compile(r"^\s*(?P<rest>(?:[a-z][\w'-]*\s+){0,3}[a-z][\w'-]*)\s+"
                                     r"(?P<wh>where|who|which)\s*\?+\s*$", re.I)
_VERBS = re.compile(r"\b(?:is|are|was|were|do|does|did|have|has|had|can|could|should|would|will|sell|sold|sells|"
                    r"make|made|go|went|get|got)\b", re.I)
#: Chat spellings with a digit: "sales 2day", "last 7d", "past 2w".
_DIGIT_WORDS = re.compile(r"\b2day\b|\b2moro\b|\b(?:every|evry|any|some|no)1\b", re.I)
_DIGIT_SPELLED = {"2day": "today", "2moro": "tomorrow", "every1": "everyone", "evry1": "everyone", "any1": "anyone",
                  "some1": "someone", "no1": "no one"}
_GLUED_UNIT = re.compile(r"\b(?P<before>(?:last|past|next|previous|prev|lst|nxt|trailing|rolling)\s+)(?P<n>\d+)\s?"
                         r"(?P<unit>d|ds|w|wk|wks|mo|mos|mth|mths|yr|yrs)\b", re.I)
_GLUED = {"d": "days", "ds": "days", "w": "weeks"}
#: Dashboard window codes: "L7D", "L30D", "L4W", "L12M" (the last N days, weeks, months), "T12M" (trailing), "R12M"
#: (rolling); "BFCM weekend" is Black Friday to Cyber Monday, not the Saturday and Sunday after it.
_WINDOW_CODE = re.compile(r"\b(?P<how>[ltr])(?P<n>\d{1,3})(?P<unit>[dwmqy])\b", re.I)
_WINDOW_HOW = {"l": "last", "t": "trailing", "r": "rolling"}
#: A window code without its unit ("rev L30", "orders L7"): the dashboards' usual day counts only (no size "L3").
_DAY_WINDOW_CODE = re.compile(r"\b(?P<how>[lt])(?P<n>7|14|28|30|60|90|180|365)\b", re.I)
_WINDOW_UNIT = {"d": "days", "w": "weeks", "m": "months", "q": "quarters", "y": "years"}
_BFCM_WEEKEND = re.compile(r"\bbfcm\s+weekend\b", re.I)
#: Numbers past twelve written out before a unit of time ("the next forty-five days"): written as digits, as every
#: reader after this one (the time phrases, the forecast's horizon) reads them.
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ONES = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9}
_TEENS = {"thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
          "nineteen": 19}
_SPELLED = re.compile(rf"\b(?:(?P<tens>{'|'.join(_TENS)})(?:[-\s](?P<ones>{'|'.join(_ONES)}))?|(?P<teen>"
                      rf"{'|'.join(_TEENS)})|(?P<hundred>(?:a|one)\s+hundred))(?=\s+(?:hours?|days?|weeks?|months?|quarters?|"
                      rf"years?)\b)", re.I)


def _spelled(m: re.Match[str]) -> str:
    if m.group("hundred"):
        return "100"
    if m.group("teen"):
        return str(_TEENS[m.group("teen").lower()])
    return str(_TENS[m.group("tens").lower()] + (_ONES[m.group("ones").lower()] if m.group("ones") else 0))


#: Words written without their vowels ("mnth", "ordrs", "sld", "amzn"): the first letter, then the consonants.
SKELETON_TARGETS: tuple[str, ...] = ("month", "months", "orders", "order", "sold", "sales", "sell", "units",
                                     "revenue", "products", "product", "customers", "refunds", "returns", "stock",
                                     "yesterday", "today", "quarter", "week", "weeks", "year", "last", "total",
                                     "average", "margin", "profit", "category", "channel", "please", "what", "how",
                                     "much", "many", "made", "make", "this", "next", "best", "top",
                                     # chat spellings: "cld take a price rise", "evry rival", "ppl", "abt packaging"
                                     "could", "would", "every", "people", "about", "anything",
                                     # "who undercuts us most oftn"
                                     "often")
#: Acronyms a skeleton would take for a word: kept.
_ACRONYMS = frozenset({"mtd", "ytd", "wtd", "qtd", "sku", "skus", "aov", "asp", "cogs", "yoy", "mom", "wow", "qoq",
                       "kpi", "kpis", "nps", "usd", "gbp", "eur", "pct", "csv", "pdf", "api", "ltv", "cac", "roas",
                       "ctr", "cpc", "cpm", "sms", "seo", "utm", "faq", "gmv", "dtc", "b2b", "b2c", "ttm", "ltm",
                       "upt", "ipt", "aur", "upo", "lytd", "pytd", "lmtd", "pmtd", "lqtd", "pqtd", "lw", "lm", "lq"})
#: A real word before which a brand name one letter from a dimension noun is that noun ("by chanel").
_DIMENSION_BEFORE = re.compile(r"\b(?:by|per|each|every|which|what|top|all)\s+$", re.I)
#: "last months sales", "this weeks orders": a possessive typed without its apostrophe (no number before the unit, so
#: not "the last 3 months"), before what a period's figures are called.
_BARE_POSSESSIVE = re.compile(r"\b((?:last|this|next|previous|prev|past)\s+(?:week|month|quarter|year))s\b(?=\s+"
                              r"(?:sales?|revenue|orders?|units|numbers|figures|totals?|results|performance|takings|"
                              r"turnover|refunds|returns|aov|profits?|margins?|customers)\b)", re.I)
#: "wk on wk", "mo over mo": a unit over itself.
_UNIT_OVER_UNIT = re.compile(r"\b(wk|mo|mth|qtr|yr)(\s+(?:on|over)\s+)\1\b", re.I)
#: Units of time, rewritten only after a word that expects a unit ("last mo", "3 wks", "per wk").
_UNITS: dict[str, str] = {
    "mo": "month", "mos": "months", "mth": "month", "mths": "months", "mnth": "month", "mnths": "months",
    "wk": "week", "wks": "weeks", "wek": "week", "weks": "weeks", "qtr": "quarter", "qtrs": "quarters", "yr": "year",
    "yrs": "years",
}
_UNIT_BEFORE = re.compile(r"(?:\b(?:last|this|next|past|previous|prior|per|each|every|current|coming|"
                          r"trailing|lst|prev|nxt|thru)|\d)\s*$", re.I)
#: The reader's core words, which a typo of five letters or more is corrected to.
CORE_WORDS: tuple[str, ...] = (
    "revenue", "revenues", "sales", "turnover", "takings", "orders", "units", "customers", "profit", "margin",
    "refunds", "returns", "discounts", "inventory", "stock", "reviews", "ratings", "average", "quantity",
    "products", "category", "categories", "channel", "channels", "brands", "forecast", "reorder", "yesterday",
    "month", "months", "quarter", "quarters", "weeks", "years", "today", "competitors", "cheapest", "expensive",
    "selling",
    "competition",
    "value",  # "avg ordr vlaue"
    # the market's words: "r we cheapr", "who undrcuts us"
    "cheaper", "undercut", "undercuts",
    # a what-if's change: "drop X 5 percnt", "a 10 precent cut"
    "percent",
    # months and days of the week, which the time grammar reads only when spelled right ("febuary", "thurday")
    "january", "february", "april", "august", "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "mondays", "tuesdays", "wednesdays", "thursdays", "fridays", "saturdays", "sundays",
)
#: Real words one letter from a core word, which are meant as themselves.
_REAL_WORDS = frozenset({"scales", "unites", "moths", "stocks", "stocky", "order", "unit", "sale", "customer",
                         "return", "review", "rating", "product", "channel", "brand", "refund", "discount",
                         "margins", "profits", "profile", "week", "year", "months", "marin", "quarters",
                         "story", "store", "stores", "stoke", "stork", "overage", "bands", "borders", "salves",
                         "gratings", "chanel", "recorder", "toady"})
_WORD = re.compile(r"[A-Za-z][A-Za-z']*")


#: From this length on, one letter typed for another is a typo too ("catagory", "yestarday"): no real word of eight
#: letters or more sits one substitution from a core word, as "older" does from "order".
_SUBSTITUTED_FROM = 8


def _one_edit(word: str, target: str) -> bool:
    """Whether ``word`` is ``target`` with one letter dropped, added, two neighbours swapped, or (long) one changed."""
    if word == target:
        return False
    n, m = len(word), len(target)
    if n == m:
        diff = [i for i in range(n) if word[i] != target[i]]
        if len(diff) == 1:
            return n >= _SUBSTITUTED_FROM
        return len(diff) == 2 and diff[1] == diff[0] + 1 and word[diff[0]] == target[diff[1]] \
            and word[diff[1]] == target[diff[0]]
    if abs(n - m) != 1:
        return False
    short, long = (word, target) if n < m else (target, word)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


#: The one-edit rule, shared with the pricing and review words' typos (:mod:`shared.questions.market_typos`).
one_edit = _one_edit

#: Core words that are dimension nouns.
_DIMENSION_NOUNS = frozenset({"channel", "channels", "category", "categories", "brands", "products"})


def correct_word(word: str, *, real_ok: bool = False) -> str | None:
    """The core word ``word`` is a typo of, or ``None`` (``real_ok``: a real word may be one too).

    Then, for a word that is no English word (:func:`english_word`), the wider question vocabulary
    (:func:`misspelt_question_word`).
    """
    low = word.lower()
    if not low.isalpha() or (low in _REAL_WORDS and not real_ok) or low in CORE_WORDS:
        return None
    if len(low) < 5:
        return misspelt_question_word(low)
    hits = [t for t in CORE_WORDS if abs(len(t) - len(low)) <= 1 and _one_edit(low, t)
            and t != low + "s" and low != t + "s"]  # a plural or singular is the word itself ("competitor")
    if len(hits) == 1:
        return hits[0]
    return None if hits else misspelt_question_word(low)


#: The rest of the words a merchant's question is made of, which a typo is corrected to when the typed word is no
#: English word: question words, the figures' and the periods' words ("wen", "chnage", "ratng", "refnd", "nmber",
#: "percntage", "tody", "sals"). Singular forms too: the core words' rule keeps "rating" from becoming "ratings".
QUESTION_WORDS: tuple[str, ...] = (
    "when", "where", "which", "what", "how", "much", "many", "most", "least", "change", "changed", "changes",
    "rating", "refund", "refunded", "product", "number", "percentage", "growth", "growing", "breakdown",
    "performance", "compare", "compared", "comparison", "customer", "discount", "discounted", "returned", "return",
    "between", "previous", "period", "weekday", "weekdays", "weekend", "busiest", "repeat", "first", "basket",
    "baskets", "items", "share", "total", "gross", "trend", "today", "sales", "sold", "units", "order", "orders",
    "highest", "lowest", "biggest", "smallest", "best", "worst", "week", "year", "month", "last", "this", "since",
    "promotion", "promotions", "average", "median", "buyers", "shoppers", "spend", "spent", "increase", "decrease",
    "difference", "versus", "against", "excluding", "including", "channel", "category", "brand", "revenue",
)
#: How often a word must be seen in TextBlob's English word counts to be taken as meant ("wen", seen once, is "when").
_ENGLISH_MIN_COUNT = 2


@cache
def _english_counts() -> dict[str, int]:
    """TextBlob's English word counts (``en/en-spelling.txt``: Norvig's corpus, about 29,000 words), read once.

    A declared dependency already (the sentiment lexicon reads its adjectives); located without importing it.
    """
    spec = importlib.util.find_spec("textblob")
    if spec is None or not spec.submodule_search_locations:
        return {}
    path = Path(next(iter(spec.submodule_search_locations)), "en", "en-spelling.txt")
    counts: dict[str, int] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, _, count = line.partition(" ")
        if count.isdigit():
            counts[word] = int(count)
    return counts


#: Endings an English word takes that the word counts may lack ("averaged", "growling", "numbed").
_INFLECTIONS = ("s", "es", "d", "ed", "ing", "er", "ers", "ly")
#: Words typed as meant that the counts see once or not at all.
_MEANT = frozenset({"yea", "sped", "sol", "rave", "raves", "raved", "raving"})


def english_word(word: str) -> bool:
    """Whether ``word`` (lower case) is an English word, or one inflected, seen often enough to be meant as written."""
    counts = _english_counts()
    if word in _MEANT or counts.get(word, 0) >= _ENGLISH_MIN_COUNT:
        return True
    stems = [word[:-len(end)] for end in _INFLECTIONS if word.endswith(end) and len(word) - len(end) >= 3]
    return any(counts.get(s, 0) >= _ENGLISH_MIN_COUNT or counts.get(s + "e", 0) >= _ENGLISH_MIN_COUNT
               for s in stems)


def dropped_g(low: str) -> str | None:
    """``low`` with the "g" a chat-style question drops from "-ing" written back ("droppin" -> "dropping").

    Only a word of four letters or more ending in "in" that is no English word, and only when the word with its "g"
    back is one: "protein", "cabin" and "margin" stay as written.
    """
    if len(low) < 4 or not low.endswith("in") or english_word(low):  # noqa: PLR2004 - "goin" and up
        return None
    return low + "g" if english_word(low + "g") else None


def misspelt_question_word(low: str) -> str | None:
    """The question word ``low`` is a typo of, or ``None``.

    One edit away (rapidfuzz's optimal string alignment: a letter dropped, added, changed, or two neighbours swapped),
    the first letter kept, the only such word, and ``low`` itself no English word. A word of three or four letters may
    only have dropped one ("wen", "tody"): a change or a swap there makes too many other words.
    """
    if len(low) < 3 or low in QUESTION_WORDS or low in _ACRONYMS or english_word(low):
        return None
    short = len(low) < 5
    found = process.extract(low, QUESTION_WORDS, scorer=OSA.distance, score_cutoff=1, limit=None)
    hits = {t for t, _, _ in found if t[0] == low[0] and t != low + "s" and low != t + "s"
            and (not short or len(t) == len(low) + 1)}
    return next(iter(hits)) if len(hits) == 1 else None


def unswapped(word: str, names: tuple[str, ...] = ()) -> str | None:
    """The short word ``word`` is with two neighbouring letters after the first swapped ("thsi" -> "this").

    Among the reader's short words and the tenant's four-letter ``names`` ("ebya" -> "ebay").
    """
    low = word.lower()
    if len(low) != 4 or low in _SWAPPED_REAL:
        return None
    for t in (*_SWAPPED_SHORT, *names):
        if len(t) == len(low) and low[0] == t[0] and _one_edit(low, t):
            return t
    return None


def shorthand_names(*groups: Iterable[str]) -> tuple[str, ...]:
    """The one-word names (channels, categories) a word without its vowels may stand for, lower-cased."""
    return tuple(sorted({n.lower() for g in groups for n in g if n.isalpha() and len(n) > 3}))


def _skeleton(word: str) -> str:
    """The first letter, then the consonants, a doubled one once ("channel" -> "chnl", "yesterday" -> "ystrdy")."""
    rest = [c for c in word[1:] if c not in "aeiou"]
    return word[:1] + "".join(c for i, c in enumerate(rest) if i == 0 or c != rest[i - 1])


def unvowelled(word: str, names: tuple[str, ...] = ()) -> str | None:
    """The word ``word`` is written without its vowels ("mnth", "amzn"), among the core words and ``names``.

    Only a word of three letters or more whose letters after the first are all consonants, not an acronym, and
    whose skeleton is one target's alone.
    """
    low = word.lower()
    if len(low) < 3 or not low.isalpha() or low in _ACRONYMS or set(low[1:]) & set("aeiou"):
        return None
    hits = {t for t in (*SKELETON_TARGETS, *names) if len(t) > len(low) and _skeleton(t.lower()) == _skeleton(low)}
    return next(iter(hits)) if len(hits) == 1 else None


def expand_shorthand(question: str, known: Callable[[str], bool] | None = None, names: tuple[str, ...] = ()) -> str:
    """``question`` with shorthand written out and typos of core words corrected (the tenant's names kept).

    ``names``: the tenant's one-word channel, category and brand names, which a word without its vowels may be.
    """
    question = _WISE.sub(lambda m: f"by {m.group(1)}", question)
    question = _SPELLED.sub(_spelled, question)
    question = _STAR_GLYPH.sub(lambda m: f"{m.group(1)}-star", question)
    question = _COMP.sub(lambda m: "competitors" if m.group(1).lower().endswith("s") else "competitor", question)
    question = _DIGIT_WORDS.sub(lambda m: _DIGIT_SPELLED[m.group(0).lower()], question)
    question = _Y_WHY.sub("why", question)
    if (m := _TRAILING_QUESTION_WORD.match(question)) and not _VERBS.search(m.group("rest")):
        question = f"{m.group('wh')} {m.group('rest')}?"
    question = _GLUED_UNIT.sub(lambda m: f"{m.group('before')}{m.group('n')} "
                                         f"{_GLUED.get(m.group('unit').lower()) or _UNITS[m.group('unit').lower()]}",
                               question)
    question = _WINDOW_CODE.sub(lambda m: m.group(0) if known is not None and known(m.group(0).lower()) else
                                f"{_WINDOW_HOW[m.group('how').lower()]} {m.group('n')} "
                                f"{_WINDOW_UNIT[m.group('unit').lower()]}", question)
    question = _DAY_WINDOW_CODE.sub(lambda m: m.group(0) if known is not None and known(m.group(0).lower()) else
                                    f"{_WINDOW_HOW[m.group('how').lower()]} {m.group('n')} days", question)
    question = _BFCM_WEEKEND.sub("bfcm", question)
    question = _BARE_POSSESSIVE.sub(r"\1's", question)
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
        elif low in ("rev", "revs") and (before := _REVIEW_BEFORE.search(question[:m.start()])) and not (
                known is not None and known(before.group(0).strip().lower())):  # "pos rev": the pos channel's
            new = "reviews"  # "neg rev % this yr": negative reviews
        elif low in _ALWAYS and not (low == "v" and not _between_words(question, m)):
            new = _ALWAYS[low]
        elif low == "r" and _before_word(question, m):  # "r we cheapest", "hw many skus r we cheapest on"
            new = "are"
        elif low in _UNITS and _UNIT_BEFORE.search("".join(out) + question[last:m.start()]):  # as written out
            new = _UNITS[low]
        elif (fixed := correct_word(word)) is not None:
            new = fixed
        elif (with_g := dropped_g(low)) is not None:
            new = with_g
        elif low in _REAL_WORDS and _DIMENSION_BEFORE.search(question[:m.start()]) and (
                fixed := correct_word(word, real_ok=True)) in _DIMENSION_NOUNS:
            new = fixed  # "revenue by chanel": the channel, not the fashion house
        elif (bare := unvowelled(word, names)) is not None:
            new = bare
        elif (swapped := unswapped(word, names)) is not None:
            new = swapped
        if new is not None and new != low:
            out.append(question[last:m.start()])
            out.append(new)
            last = m.end()
    if not out:
        return question  # (written out above when a unit stood over itself)
    out.append(question[last:])
    return "".join(out)


def _before_word(text: str, m: re.Match[str]) -> bool:
    """A lone letter opens the question or follows a word, and a word follows it ("skus r we"), not "R&D"."""
    return bool(re.search(r"(?:^|\w\s+)$", text[:m.start()])) and bool(re.match(r"\s+[a-z]", text[m.end():], re.I))


def _between_words(text: str, m: re.Match[str]) -> bool:
    """A lone "v" stands between two words ("nov v oct"), not at either end or beside punctuation."""
    return bool(re.search(r"\w\s+$", text[:m.start()])) and bool(re.match(r"\s+\w", text[m.end():]))
