"""The opinion lexicon: published general lexicons plus a small e-commerce domain layer.

Sources, in order of precedence (later entries override earlier ones):

1. TextBlob's bundled ``en-sentiment.xml`` (adjectives, polarity in [-1, 1]; averaged per word form and
   scaled to VADER's [-4, 4] range) - fills words VADER lacks.
2. VADER's ``vader_lexicon.txt`` (7.5k human-rated words, valence in [-4, 4]) and its booster and
   negation lists, read from the installed ``vaderSentiment`` package.
3. The domain layer below: words and phrases whose polarity in product reviews follows from what they
   report (a defect, a failure, a return, a delay) rather than from general usage. It is written from
   those principles, not fitted to any labelled set.

Valences stay on VADER's [-4, 4] scale so its normalisation constant applies unchanged.
"""

from __future__ import annotations

import importlib.util
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

#: Words that invert the polarity of what follows (VADER's list plus common apostrophe-less spellings).
EXTRA_NEGATORS: frozenset[str] = frozenset(
    {
        "no",
        "not",
        "never",
        "without",
        "hardly",
        "barely",
        "cant",
        "wont",
        "dont",
        "doesnt",
        "didnt",
        "isnt",
        "wasnt",
        "arent",
        "werent",
        "havent",
        "hasnt",
        "hadnt",
        "wouldnt",
        "shouldnt",
        "couldnt",
        "aint",
        "lack",
        "lacks",
        "lacking",
        "neither",
        "nor",
        "nothing",
        "none",
        "nobody",
    }
)

#: TextBlob senses below this subjectivity describe rather than judge ("hard disk", "first", "sound").
MIN_TEXTBLOB_SUBJECTIVITY = 0.6

#: Tokens that end a negation scope (besides punctuation).
SCOPE_BREAKERS: frozenset[str] = frozenset({"but", "however", "although", "though", "yet", "except", "whereas"})

#: Contrast markers: what follows outweighs what precedes ("ok but broke" is a complaint).
CONTRAST: frozenset[str] = frozenset({"but", "however", "yet", "although", "though"})

#: Domain words (VADER scale). Failures, defects and returns are negative; durability and fit positive.
DOMAIN_WORDS: dict[str, float] = {
    # failures and defects
    "broke": -2.2,
    "broken": -2.4,
    "breaks": -2.0,
    "breaking": -1.6,
    "defective": -2.6,
    "faulty": -2.4,
    "malfunction": -2.2,
    "malfunctioned": -2.4,
    "malfunctions": -2.2,
    "dead": -2.0,
    "died": -2.4,
    "dies": -2.0,
    "cracked": -2.0,
    "cracks": -1.5,
    "crack": -1.2,
    "leak": -1.6,
    "leaks": -1.8,
    "leaked": -1.8,
    "leaking": -1.8,
    "ripped": -1.8,
    "torn": -1.8,
    "tore": -1.5,
    "snapped": -1.8,
    "shattered": -2.2,
    "dented": -1.6,
    "scratched": -1.4,
    "stained": -1.2,
    "rusted": -1.8,
    "rusty": -1.6,
    "peeling": -1.4,
    "frayed": -1.4,
    "wobbly": -1.4,
    "flimsy": -2.0,
    "fragile": -1.0,
    "unreliable": -2.0,
    "glitchy": -1.8,
    "buggy": -1.8,
    "crashes": -1.6,
    "crashing": -1.8,
    "crashed": -1.6,
    "freezes": -1.6,
    "overheats": -1.8,
    "overheating": -1.8,
    "unusable": -2.6,
    "inoperable": -2.4,
    "nonfunctional": -2.4,
    "junk": -2.6,
    "garbage": -2.6,
    "trash": -2.4,
    "rubbish": -2.2,
    "knockoff": -2.0,
    "counterfeit": -2.4,
    "fake": -2.0,
    "cheaply": -1.6,
    "shoddy": -2.4,
    "subpar": -2.0,
    "mediocre": -1.2,
    "meh": -0.8,
    "smells": -1.0,
    "stinks": -2.0,
    "itchy": -1.4,
    "uncomfortable": -2.0,
    "noisy": -1.2,
    "loud": -0.6,
    "missing": -1.4,
    "incomplete": -1.4,
    "mislabeled": -1.6,
    "misleading": -2.0,
    "wrong": -1.8,
    "unresponsive": -1.8,
    "rude": -2.2,
    "ignored": -1.6,
    "overpriced": -2.0,
    "overcharged": -2.0,
    "pricey": -0.8,
    "refund": -1.2,
    "refunded": -0.8,
    "returned": -1.4,
    "returning": -1.4,
    "return": -0.6,
    "exchange": -0.4,
    "replacement": -0.6,
    "late": -1.2,
    "delayed": -1.4,
    "delay": -1.2,
    "lost": -1.4,
    "damaged": -2.2,
    "crushed": -1.8,
    "spilled": -1.4,
    "scam": -3.0,
    "ripoff": -2.6,
    "disappointing": -2.2,
    "disappointment": -2.4,
    "regret": -1.8,
    "waste": -2.2,
    "wasted": -2.0,
    "worthless": -2.6,
    "useless": -2.4,
    "pointless": -1.6,
    "tight": -0.4,
    "loose": -0.4,
    "stiff": -0.6,
    "difficult": -1.2,
    "confusing": -1.6,
    "complicated": -1.0,
    "tedious": -1.4,
    "clunky": -1.4,
    "bulky": -0.8,
    "heavy": -0.2,
    # positives that are domain-specific or missing from the general lexicons
    "sturdy": 2.0,
    "durable": 2.0,
    "solid": 1.4,
    "robust": 1.6,
    "reliable": 2.0,
    "well-made": 2.2,
    "sturdier": 1.4,
    "lasts": 1.2,
    "lasted": 0.6,
    "holds": 0.6,
    "affordable": 1.6,
    "inexpensive": 1.0,
    "bargain": 1.8,
    "worth": 1.2,
    "value": 0.8,
    "fast": 1.0,
    "quick": 1.0,
    "quickly": 0.8,
    "promptly": 1.4,
    "prompt": 1.2,
    "speedy": 1.4,
    "early": 0.6,
    "on-time": 1.2,
    "intact": 1.0,
    "comfy": 2.0,
    "comfortable": 2.2,
    "fits": 0.8,
    "fitted": 0.4,
    "snug": 0.6,
    "roomy": 1.0,
    "intuitive": 1.8,
    "user-friendly": 2.0,
    "easy": 1.8,
    "easily": 1.2,
    "effortless": 1.8,
    "seamless": 1.6,
    "handy": 1.6,
    "works": 1.0,
    "worked": 0.6,
    "working": 0.4,
    "functional": 1.0,
    "accurate": 1.4,
    "responsive": 1.4,
    "helpful": 2.0,
    "recommended": 1.6,
    "recommend": 1.8,
    "pleased": 2.2,
    "satisfied": 2.0,
    "exceeded": 1.6,
    "flawless": 2.8,
    "flawlessly": 2.6,
    "perfectly": 2.4,
    "lightweight": 0.8,
    "compact": 0.6,
    "crisp": 1.2,
    "quiet": 0.8,
    "5-stars": 2.6,
    "a+": 2.6,
    # emoji (one code point each; variation selectors are dropped by the tokenizer)
    "\U0001f44d": 2.0,
    "\U0001f44e": -2.0,
    "\U0001f60d": 3.0,
    "\U0001f929": 3.0,
    "\U0001f60a": 2.2,
    "\U0001f600": 2.2,
    "\U0001f603": 2.2,
    "\U0001f604": 2.2,
    "\U0001f642": 1.4,
    "\U0001f64c": 2.2,
    "\U0001f525": 1.6,
    "\U0001f4af": 2.4,
    "\u2764": 2.6,
    "\U0001f496": 2.6,
    "\U0001f495": 2.4,
    "\U0001f621": -3.0,
    "\U0001f620": -2.6,
    "\U0001f624": -2.2,
    "\U0001f61e": -2.2,
    "\U0001f622": -2.2,
    "\U0001f62d": -2.2,
    "\U0001f612": -1.8,
    "\U0001f644": -1.6,
    "\U0001f615": -1.2,
    "\U0001f92c": -3.0,
    "\U0001f4a9": -2.4,
    "\U0001f922": -2.4,
    "\u2639": -2.0,
    # neutralised: VADER scores these from general usage, but in reviews they describe, not judge
    "cheap": 0.0,
    "expensive": -0.6,
    "big": 0.0,
    "small": 0.0,
    "large": 0.0,
    "little": 0.0,
    "pretty": 0.0,
    "kind": 0.0,
    "like": 0.0,
    "please": 0.0,
    "care": 0.0,
    "want": 0.0,
    "wish": 0.0,
    "thanks": 0.8,
    "fine": 0.8,
    "okay": 0.6,
    "ok": 0.6,
    "decent": 1.0,
    "alright": 0.6,
    "average": -0.2,
    "hope": 0.0,
    "hoping": 0.0,
    "problem": -1.6,
    "problems": -1.6,
    "issue": -1.4,
    "issues": -1.4,
    "fix": 0.0,
    "support": 0.0,
    "battery": 0.0,
    "charge": 0.0,
    "charges": 0.0,
    "block": 0.0,
    "joke": -1.2,
    # functional verbs and descriptive words of devices, not judgements ("it played", "able to", "new model")
    "play": 0.0,
    "plays": 0.0,
    "played": 0.0,
    "playing": 0.0,
    "able": 0.0,
    "main": 0.0,
    "new": 0.0,
    "number": 0.0,
    "far": 0.0,
    "light": 0.0,
    "well": 0.0,
    "free": 0.3,
    "sound": 0.0,
    "clear": 0.8,
}

#: Multi-word expressions (VADER scale) matched on tokens before single words.
DOMAIN_PHRASES: dict[str, float] = {
    "stopped working": -2.8,
    "quit working": -2.8,
    "stops working": -2.6,
    "stop working": -2.4,
    "doesn't work": -2.6,
    "didn't work": -2.6,
    "does not work": -2.6,
    "did not work": -2.6,
    "won't work": -2.6,
    "not working": -2.6,
    "no longer works": -2.6,
    "fell apart": -2.8,
    "falls apart": -2.6,
    "falling apart": -2.6,
    "came apart": -2.4,
    "broke down": -2.4,
    "arrived broken": -3.0,
    "arrived damaged": -3.0,
    "arrived late": -2.0,
    "came broken": -3.0,
    "dead on arrival": -3.2,
    "doa": -3.0,
    "piece of junk": -3.2,
    "piece of crap": -3.2,
    "piece of garbage": -3.2,
    "waste of money": -3.2,
    "waste of time": -2.8,
    "not worth": -2.2,
    "money back": -1.8,
    "sent it back": -2.0,
    "send it back": -1.8,
    "sending it back": -2.0,
    "returned it": -2.2,
    "return it": -1.6,
    "returning it": -2.0,
    "never arrived": -2.8,
    "never received": -2.8,
    "never came": -2.4,
    "wrong size": -1.8,
    "wrong item": -2.2,
    "wrong color": -1.6,
    "runs small": -1.2,
    "runs large": -1.2,
    "runs big": -1.2,
    "too small": -1.6,
    "too big": -1.6,
    "too large": -1.6,
    "too tight": -1.6,
    "too loose": -1.4,
    "too short": -1.4,
    "too long": -1.0,
    "too expensive": -1.8,
    "too heavy": -1.2,
    "too loud": -1.4,
    "poor quality": -2.6,
    "low quality": -2.4,
    "cheap quality": -2.4,
    "cheaply made": -2.6,
    "made cheaply": -2.4,
    "feels cheap": -2.0,
    "looks cheap": -2.0,
    "cheap looking": -2.0,
    "cheap feeling": -2.0,
    "cheap plastic": -2.0,
    "cheap material": -2.0,
    "customer service": 0.0,
    "no problems": 1.6,
    "no problem": 1.2,
    "no issues": 1.6,
    "no complaints": 1.8,
    "not bad": 1.2,
    "not too bad": 1.0,
    "works great": 2.8,
    "works well": 2.4,
    "works perfectly": 2.8,
    "works fine": 1.6,
    "works as advertised": 2.2,
    "as described": 1.4,
    "as advertised": 1.4,
    "as expected": 0.8,
    "true to size": 1.6,
    "fits perfectly": 2.6,
    "fits well": 2.2,
    "fits great": 2.4,
    "well made": 2.4,
    "high quality": 2.4,
    "great quality": 2.8,
    "good quality": 2.2,
    "great value": 2.8,
    "good value": 2.4,
    "great price": 2.4,
    "good price": 2.0,
    "great deal": 2.4,
    "good deal": 2.0,
    "for the price": 0.8,
    "worth every penny": 3.0,
    "worth the money": 2.4,
    "worth it": 2.0,
    "highly recommend": 3.0,
    "would recommend": 2.2,
    "five stars": 2.8,
    "5 stars": 2.8,
    "one star": -2.4,
    "1 star": -2.4,
    "zero stars": -3.0,
    "0 stars": -3.0,
    "two stars": -1.6,
    "2 stars": -1.6,
    "three stars": 0.0,
    "3 stars": 0.0,
    "four stars": 1.6,
    "4 stars": 1.6,
    "on time": 1.2,
    "ahead of schedule": 1.8,
    "well packaged": 2.0,
    "well packed": 2.0,
    "easy to use": 2.2,
    "easy to install": 2.0,
    "hard to use": -2.0,
    "difficult to use": -2.0,
    "hard to install": -1.8,
    "lasted a week": -2.6,
    "lasted a month": -2.0,
    "lasted two weeks": -2.4,
    "lasted 2 weeks": -2.4,
    "after a week": -0.8,
    "after a month": -0.6,
    "after one use": -1.6,
    "after a few uses": -1.4,
    "does the job": 1.6,
    "does the trick": 1.8,
    "gets the job done": 1.8,
    "love it": 3.0,
    "love this": 3.0,
    "buy again": 1.8,
    "bought another": 1.4,
    "ordering another": 1.4,
    "peace of mind": 1.6,
    "kind of": 0.0,
    "sort of": 0.0,
    "like a charm": 2.6,
    "better than expected": 2.4,
    "worse than expected": -2.4,
    "not as described": -2.6,
    "not as advertised": -2.6,
    "not what i expected": -2.0,
    "not happy": -2.2,
    "not impressed": -2.0,
    "not recommend": -2.2,
    "no longer": -0.6,
    "at all": 0.0,
    # advice to other buyers: the negator belongs to the imperative, the verb stays negative
    "don't waste": -2.6,
    "do not waste": -2.6,
    "don't buy": -2.8,
    "do not buy": -2.8,
    "stay away": -2.8,
    "save your money": -2.6,
    "buyer beware": -2.6,
    "don't bother": -2.4,
    "do not bother": -2.4,
    "look elsewhere": -2.2,
    "run small": -1.2,
    "run large": -1.2,
    "run big": -1.2,
    "ran small": -1.2,
    "ran large": -1.2,
    "running small": -1.2,
    "keeps crashing": -2.2,
    "keeps breaking": -2.4,
    "took forever": -2.0,
    "weeks to arrive": -1.6,
    "weeks to ship": -1.4,
    "weeks to deliver": -1.6,
    "does what it says": 1.8,
    "does what it should": 1.6,
    "does what it's supposed to": 1.6,
    "as pictured": 1.2,
    "not as pictured": -2.2,
    "never replied": -2.0,
    "never responded": -2.0,
    "never heard back": -2.0,
    "never answered": -2.0,
    "never got back": -2.0,
    "nobody answered": -2.0,
    "no response": -1.6,
    "no reply": -1.6,
    "thanks for nothing": -2.6,
    "while it lasted": -1.6,
    "a steal": 2.2,
}

#: Irrealis markers: positive words after them describe what is missing ("would have liked a backlight").
IRREALIS_PHRASES: tuple[tuple[str, ...], ...] = (
    ("would", "have"),
    ("could", "have"),
    ("should", "have"),
    ("would", "be"),
    ("would", "like"),
    ("would", "love"),
    ("i'd", "have"),
    ("i'd", "like"),
    ("if", "only"),
    ("would've",),
    ("should've",),
    ("could've",),
    ("wish",),
    ("wished",),
    ("wishing",),
    ("hopefully",),
    # unmet expectations: "wanted to love it", "supposed to be waterproof", "I expected better"
    ("wanted", "to"),
    ("was", "hoping"),
    ("were", "hoping"),
    ("hoped",),
    ("expected",),
    ("expecting",),
    ("supposed", "to"),
)

#: Degree adverbs (VADER's booster list plus a few): scalar added to the magnitude of the next word.
EXTRA_BOOSTERS: dict[str, float] = {
    "super": 0.293,
    "way": 0.293,
    "insanely": 0.293,
    "seriously": 0.293,
    "ridiculously": 0.293,
    "fairly": -0.293,
    "reasonably": -0.293,
    "mostly": -0.293,
    "bit": -0.293,
    "mildly": -0.293,
}


@dataclass(frozen=True)
class Lexicon:
    """Everything the scorer looks up, with phrases indexed by their first token."""

    words: dict[str, float]
    boosters: dict[str, float]
    negators: frozenset[str]
    phrases: dict[str, tuple[tuple[tuple[str, ...], float], ...]] = field(default_factory=dict)

    def phrase_count(self) -> int:
        """How many multi-word expressions are indexed."""
        return sum(len(v) for v in self.phrases.values())


def _package_file(package: str, *parts: str) -> Path:
    """A data file of an installed package, located without importing it (textblob imports nltk)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package!r} is not installed; it provides the sentiment lexicon")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _textblob_words() -> dict[str, float]:
    """TextBlob's adjective polarities, averaged per form and scaled to [-4, 4]."""
    path = _package_file("textblob", "en", "en-sentiment.xml")
    sums: dict[str, list[float]] = defaultdict(list)
    with path.open("rb") as fh:
        for _, elem in ET.iterparse(fh):
            if elem.tag == "word":
                form = (elem.get("form") or "").lower()
                subjective = float(elem.get("subjectivity") or 0.0) >= MIN_TEXTBLOB_SUBJECTIVITY
                if form and " " not in form and subjective:
                    sums[form].append(float(elem.get("polarity") or 0.0))
            elem.clear()
    return {w: 4.0 * sum(v) / len(v) for w, v in sums.items() if v}


def _vader_words() -> dict[str, float]:
    """VADER's rated lexicon (word -> mean valence)."""
    path = _package_file("vaderSentiment", "vader_lexicon.txt")
    out: dict[str, float] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) >= 2:
            try:
                out[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return out


def _tokens_of(phrase: str) -> tuple[str, ...]:
    from shared.sentiment.tokens import tokenize

    return tuple(tokenize(phrase))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The merged lexicon, built once per process."""
    return build_lexicon()


def build_lexicon(*, domain: bool = True) -> Lexicon:
    """Merge the published lexicons and (unless ``domain=False``, for ablations) the domain layer."""
    from vaderSentiment.vaderSentiment import BOOSTER_DICT, NEGATE, SPECIAL_CASES

    words: dict[str, float] = {}
    words.update(_textblob_words())
    words.update(_vader_words())
    if domain:
        words.update(DOMAIN_WORDS)
    boosters = {k: v for k, v in BOOSTER_DICT.items() if " " not in k}
    boosters.update(EXTRA_BOOSTERS)
    for b in (
        "kind",
        "sort",
        "little",
        "more",
        "most",
        "so",
        "total",
        "major",
        "less",
        "enormous",
        "incredible",
        "exceptional",
        "extreme",
        "utter",
    ):
        boosters.pop(b, None)  # ambiguous as degree adverbs in reviews ("more", "so", "a little")
    negators = frozenset(n.replace("'", "") for n in NEGATE) | frozenset(NEGATE) | EXTRA_NEGATORS
    negators -= {"despite", "rarely", "seldom"}
    phrase_map: dict[str, float] = {**dict.fromkeys(SPECIAL_CASES, 0.0), **(DOMAIN_PHRASES if domain else {})}
    phrase_map.update({k: v for k, v in SPECIAL_CASES.items() if k in ("to die for", "yeah right")})
    indexed: dict[str, list[tuple[tuple[str, ...], float]]] = defaultdict(list)
    for text, valence in phrase_map.items():
        toks = _tokens_of(text)
        if len(toks) >= 2:
            indexed[toks[0]].append((toks, valence))
        elif len(toks) == 1:
            words[toks[0]] = valence
    phrases = {k: tuple(sorted(v, key=lambda p: -len(p[0]))) for k, v in indexed.items()}
    for w in list(words):
        if w in negators or w in boosters:
            words.pop(w)
    return Lexicon(words=words, boosters=boosters, negators=negators, phrases=phrases)
