"""Product codes a question names that are none of the tenant's SKUs ("sales of SKU-9999", "units of ABC-123").

A code the vocabulary does not know matches nothing, so the question used to be answered for the whole store: the
store's revenue given as SKU-9999's. A code-shaped word is a product's code by its shape (letters, a separator and
digits, or any code after the word "SKU"), so a shape the tenant lacks is said, with the SKUs most like it, or,
when none is like it, one of the tenant's codes in their usual shape (what a code of this shop looks like).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from shared import regex as re
from shared.questions.vocabulary import compact

#: A code after a word that says it is one: "SKU-9999", "sku 42", "item #A17", "product code XJ-9".
_AFTER_CODE_WORD = re.compile(
    r"\b(?P<word>skus?|item|product|asin)(?P<marker>\s*(?:#|no\.?|number|code))?\s*[:#-]?\s*"
    r"(?P<code>[A-Za-z0-9][A-Za-z0-9_\-./]*\d[A-Za-z0-9_\-./]*)\b",
    re.I,
)
#: A code by its shape alone: letters, a hyphen or underscore, digits ("ABC-123", "xyz_0001", "KIT-0266b").
_CODE_SHAPE = re.compile(r"\b(?P<code>(?P<prefix>[A-Za-z]{2,6})[-_]\d{1,8}[A-Za-z]?)\b")
#: Prefixes of that shape that are words or period codes, not products ("top-5", "FY-2025", "covid-19", "last-30").
_NOT_PRODUCT_PREFIXES = frozenset(
    "top bottom best worst last past next first prev day days week weeks wk wks month months mo year years yr yrs "
    "fy cw ly lw lm ytd mtd qtd wtd covid size pack vs per under over above below from to and or the usd eur gbp aud "
    "cad jan feb mar apr may jun jul aug sep sept oct nov dec march april june july august mon tue wed thu fri sat "
    "sun".split()
)


def unknown_code(question: str, taken: Iterable[tuple[int, int]], known: set[str]) -> str | None:
    """The first product code written in ``question`` that is none of the tenant's, as written; else ``None``.

    ``taken``: spans already matched to the tenant's names (a known SKU is never unknown); ``known``: the tenant's
    codes, compacted (:func:`shared.questions.vocabulary.compact`).
    """
    spans = list(taken)
    found = [
        (m.start(), m.end(), _as_written(m))
        for m in _AFTER_CODE_WORD.finditer(question)
        # digits alone are a code only after "SKU" or "#" ("SKU 9999", "item #42"), not "product 2" or "item 3"
        if not m.group("code").isdigit() or m.group("word").lower() in ("sku", "skus", "asin") or m.group("marker")
    ]
    found += [
        (m.start(), m.end(), m.group("code"))
        for m in _CODE_SHAPE.finditer(question)
        if m.group("prefix").lower() not in _NOT_PRODUCT_PREFIXES
    ]
    for start, end, text in sorted(found):
        if any(s < end and start < e for s, e in spans):
            continue
        code = compact(text)
        bare = compact(re.sub(r"^\s*(?:skus?|item|product|part|asin)\W*", "", text, flags=re.I))
        if code in known or bare in known:
            continue
        if bare.isdigit() and len(bare) == 4 and bare.startswith("20"):
            continue  # "sku sales 2025": a year after the word, not a code
        return text
    return None


def _as_written(m: re.Match[str]) -> str:
    """The code as the answer quotes it: "SKU-9999" and "sku 42" whole, "ZZ-404" without "product code" before it.

    A code of digits alone needs its word to be one ("item #77"); a code written onto its word ("SKU-9999") is one
    token; a code with letters of its own after a separate word ("product code ZZ-404") is the code.
    """
    code = m.group("code")
    glued = not any(c.isspace() for c in m.string[m.end("word") : m.start("code")])
    return m.group(0).strip() if code.isdigit() or glued else code


def closest_codes(code: str, codes: Iterable[str], limit: int = 3) -> list[str]:
    """The tenant's SKUs most like ``code`` (for "did you mean"), best first."""
    from rapidfuzz import fuzz, process

    pool = list(dict.fromkeys(codes))
    found = process.extract(compact(code), [compact(c) for c in pool], scorer=fuzz.ratio, limit=limit, score_cutoff=60)
    return [pool[i] for _, _, i in found]


def code_example(codes: Iterable[str]) -> str | None:
    """One of the tenant's codes in their commonest shape ("KIT-0046" for KIT-, HOM-, ELE-0001 ...), else ``None``.

    A refused "SKU-9999" with no close code left the merchant guessing what to type; one code of the usual shape
    (letters and digits counted, not compared) shows it.
    """
    pool = sorted({str(c) for c in codes if str(c).strip()})
    if not pool:
        return None
    shapes = Counter(_shape(c) for c in pool)
    usual = max(shapes, key=lambda shape: (shapes[shape], -len(shape)))
    return next(c for c in pool if _shape(c) == usual)


def _shape(code: str) -> str:
    """A code's shape: each letter an "A", each digit a "9" ("KIT-0046" -> "AAA-9999")."""
    return re.sub(r"[^\W\d_]", "A", re.sub(r"\d", "9", code))
