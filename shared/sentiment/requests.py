"""Feature requests: what reviewers ask for ("wish it had a longer cable"), extracted and ranked.

Extraction is a fixed set of request patterns applied to review text as data; the captured phrase is
normalised (lower case, leading articles and trailing filler removed, at most six words) and counted
once per review.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from shared import regex as re

_PHRASE = r"(?P<x>[a-z0-9][a-z0-9 '\-]{1,80})"
PATTERNS: tuple[re.Pattern[str], ...] = tuple(
    re.compile(p)
    for p in (
        rf"\bwish (?:that )?(?:it|they|this|there|the \w+) (?:had|has|was|were|would have|came with|included?|"
        rf"could|offered) (?:a |an |more |some |the )?{_PHRASE}",
        rf"\b(?:would|it'd) be (?:nice|great|better|good|awesome|helpful|ideal|perfect) (?:if (?:it|they|there) "
        rf"(?:had|was|were|came with|included?|could) |to (?:have|get|see) )(?:a |an |more |some |the )?{_PHRASE}",
        rf"\b(?:please|pls|plz) (?:add|make|include|bring back|bring|offer|consider) (?:a |an |more |some |the )?"
        rf"{_PHRASE}",
        rf"\b(?:it|they|this|the \w+) (?:should|could) (?:have|come with|include|offer) (?:a |an |more |some |the )?"
        rf"{_PHRASE}",
        rf"\b(?:it |this |they )?(?:needs|need|could use|could do with) (?:a |an |more |some |the |better )"
        rf"{_PHRASE}",
        rf"\bif only (?:it|they|this) (?:had|came with|included|was|were) (?:a |an |more |some |the )?{_PHRASE}",
        rf"\b(?:i'd|i would|we'd|we would) (?:like|love) to see (?:a |an |more |some |the )?{_PHRASE}",
        rf"\bhope (?:they|you|the maker|the seller) (?:add|make|offer|release|include) (?:a |an |more |some |the )?"
        rf"{_PHRASE}",
    )
)
_TRAILING = re.compile(r"\b(?:in the future|next time|as well|too|also|though|instead|please|option)\s*$")
_STOP_END = frozenset("a an the and or but so to of for with in on it that this which because".split())


@dataclass
class FeatureRequest:
    """One requested feature with how many reviews ask for it."""

    request: str
    reviews: int = 0
    weight: float = 0.0
    review_ids: list[str] = field(default_factory=list)


def extract_requests(text: str) -> list[str]:
    """Normalised feature-request phrases in one review text (possibly none)."""
    low = text.lower().replace("\u2019", "'")
    found: list[str] = []
    for pat in PATTERNS:
        for m in pat.finditer(low):
            words = m.group("x").split()
            cut: list[str] = []
            for w in words[:6]:
                if w in ("but", "because", "so", "and", "which", "since", "though", "instead"):
                    break
                cut.append(w)
            phrase = _TRAILING.sub("", " ".join(cut)).strip()
            parts = phrase.split()
            while parts and parts[-1] in _STOP_END:
                parts.pop()
            phrase = " ".join(parts)
            if phrase and phrase not in found:
                found.append(phrase)
    return found


def rank_requests(
    review_ids: Sequence[str],
    requests: Sequence[Sequence[str]],
    weights: Sequence[float],
    *,
    limit: int = 10,
    max_examples: int = 5,
) -> list[FeatureRequest]:
    """Feature requests across reviews, ranked by spam-weighted number of reviews asking.

    ``requests``: each review's :func:`extract_requests` (``ReviewReading.requests``, read once with the text).
    """
    acc: dict[str, FeatureRequest] = {}
    for rid, asked, w in zip(review_ids, requests, weights, strict=True):
        if w <= 0:
            continue
        for phrase in asked:
            fr = acc.setdefault(phrase, FeatureRequest(phrase))
            fr.reviews += 1
            fr.weight += w
            if len(fr.review_ids) < max_examples:
                fr.review_ids.append(rid)
    ranked = sorted(acc.values(), key=lambda f: (-f.weight, f.request))
    return ranked[:limit]
