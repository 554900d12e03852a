"""The opinion lexicon: published general lexicons plus a small e-commerce domain layer.

Sources, in order of precedence (later entries override earlier ones):

1. TextBlob's bundled ``en-sentiment.xml`` (adjectives, polarity in [-1, 1]; averaged per word form and
   scaled to VADER's [-4, 4] range) - fills words VADER lacks.
2. VADER's ``vader_lexicon.txt`` (7.5k human-rated words, valence in [-4, 4]) and its booster and
   negation lists, read from the installed ``vaderSentiment`` package.
3. The domain layer, ``data/domain_lexicon.json``: words and phrases whose polarity in product reviews
   follows from what they report (a defect, a failure, a return, a delay) rather than from general usage.
   It is written from those principles, not fitted to any labelled set.

The operators of the scorer (negators, scope breakers, contrast and irrealis markers, degree adverbs) are
data too, ``data/operators.json``. Both files are package data, read once per process. Valences stay on
VADER's [-4, 4] scale so its normalisation constant applies unchanged.
"""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from importlib.machinery import ModuleSpec

#: Where the lexicon's data files live (package data: bundled with shared/sentiment).
DATA_DIR = Path(__file__).with_name("data")


@cache
def read_data(name: str) -> dict[str, Any]:
    """One JSON data file of ``shared/sentiment/data``, parsed once per process."""
    with (DATA_DIR / name).open(encoding="utf-8") as fh:
        data: dict[str, Any] = json.load(fh)
    return data


def _flatten(groups: dict[str, dict[str, float]]) -> dict[str, float]:
    """Entries of a grouped table (group name -> {entry: valence}) in file order."""
    return {term: float(v) for entries in groups.values() for term, v in entries.items()}


@dataclass(frozen=True)
class Operators:
    """Closed-class words the scorer treats as operators rather than opinions (``data/operators.json``)."""

    #: Words that invert the polarity of what follows, besides VADER's list (apostrophe-less spellings ...).
    negators_added: frozenset[str]
    #: VADER negators that do not negate in reviews ("despite", "rarely").
    negators_removed: frozenset[str]
    #: Tokens that end a negation scope (besides punctuation).
    scope_breakers: frozenset[str]
    #: Contrast markers: what follows outweighs what precedes ("ok but broke" is a complaint).
    contrast: frozenset[str]
    #: Irrealis markers: positive words after them describe what is missing ("would have liked a backlight").
    irrealis: tuple[tuple[str, ...], ...]
    #: Degree adverbs added to VADER's booster list (scalar added to the magnitude of the next word).
    boosters_added: dict[str, float]
    #: VADER boosters ambiguous as degree adverbs in reviews ("more", "so", "a little").
    boosters_removed: frozenset[str]
    #: VADER special-case idioms whose valence is kept (the others are matched and neutralised).
    special_cases_kept: frozenset[str]
    #: TextBlob senses below this subjectivity describe rather than judge ("hard disk", "first", "sound").
    textblob_min_subjectivity: float


@cache
def operators() -> Operators:
    """The scorer's operator words, read once from ``data/operators.json``."""
    raw = read_data("operators.json")
    return Operators(
        negators_added=frozenset(raw["negators_added"]),
        negators_removed=frozenset(raw["negators_removed"]),
        scope_breakers=frozenset(raw["scope_breakers"]),
        contrast=frozenset(raw["contrast"]),
        irrealis=tuple(tuple(p.split()) for p in raw["irrealis"]),
        boosters_added={k: float(v) for k, v in raw["boosters_added"].items()},
        boosters_removed=frozenset(raw["boosters_removed"]),
        special_cases_kept=frozenset(raw["vader_special_cases_kept"]),
        textblob_min_subjectivity=float(raw["textblob_min_subjectivity"]),
    )


@cache
def domain_words() -> dict[str, float]:
    """Domain words (VADER scale): failures, defects and returns negative; durability and fit positive."""
    return _flatten(read_data("domain_lexicon.json")["words"])


@cache
def domain_phrases() -> dict[str, float]:
    """Multi-word domain expressions (VADER scale), matched on tokens before single words."""
    return _flatten(read_data("domain_lexicon.json")["phrases"])


_OPS = operators()
#: Tokens that end a negation scope (besides punctuation).
SCOPE_BREAKERS: frozenset[str] = _OPS.scope_breakers
#: Contrast markers: what follows outweighs what precedes.
CONTRAST: frozenset[str] = _OPS.contrast
#: Irrealis markers, as token tuples.
IRREALIS_PHRASES: tuple[tuple[str, ...], ...] = _OPS.irrealis


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


def _package_file(package: str, spec: ModuleSpec | None, *parts: str) -> Path:
    """A data file of an installed package, located without importing it (textblob imports nltk).

    Callers pass ``importlib.util.find_spec("<literal name>")``: the bundle builder reads that call as a dependency
    on the package (``bundling.closure``), so every function that scores text ships it.
    """
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(f"package {package!r} is not installed; it provides the sentiment lexicon")
    return Path(next(iter(spec.submodule_search_locations)), *parts)


def _textblob_words(min_subjectivity: float) -> dict[str, float]:
    """TextBlob's subjective adjective polarities, averaged per form and scaled to [-4, 4]."""
    path = _package_file("textblob", importlib.util.find_spec("textblob"), "en", "en-sentiment.xml")
    sums: dict[str, list[float]] = defaultdict(list)
    with path.open("rb") as fh:
        for _, elem in ET.iterparse(fh):
            if elem.tag == "word":
                form = (elem.get("form") or "").lower()
                subjective = float(elem.get("subjectivity") or 0.0) >= min_subjectivity
                if form and " " not in form and subjective:
                    sums[form].append(float(elem.get("polarity") or 0.0))
            elem.clear()
    return {w: 4.0 * sum(v) / len(v) for w, v in sums.items() if v}


def _vader_words() -> dict[str, float]:
    """VADER's rated lexicon (word -> mean valence)."""
    path = _package_file("vaderSentiment", importlib.util.find_spec("vaderSentiment"), "vader_lexicon.txt")
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

    ops = operators()
    words: dict[str, float] = {}
    words.update(_textblob_words(ops.textblob_min_subjectivity))
    words.update(_vader_words())
    if domain:
        words.update(domain_words())
    boosters = {k: v for k, v in BOOSTER_DICT.items() if " " not in k}
    boosters.update(ops.boosters_added)
    for b in ops.boosters_removed:
        boosters.pop(b, None)
    negators = frozenset(n.replace("'", "") for n in NEGATE) | frozenset(NEGATE) | ops.negators_added
    negators -= ops.negators_removed
    phrase_map: dict[str, float] = {**dict.fromkeys(SPECIAL_CASES, 0.0), **(domain_phrases() if domain else {})}
    phrase_map.update({k: v for k, v in SPECIAL_CASES.items() if k in ops.special_cases_kept})
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
