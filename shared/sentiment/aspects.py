"""Product aspects: which words name them, and per-aspect aggregation over many reviews.

An aspect is detected in a clause when one of its cue words (or cue phrases) occurs there; the clause's
sentiment is attributed to every aspect it mentions, so one sentence can carry several aspects with
different polarities ("great price but it broke after a week").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from shared.sentiment.tokens import tokenize

ASPECTS: tuple[str, ...] = (
    "price_value",
    "quality_durability",
    "shipping_delivery",
    "size_fit",
    "customer_service",
    "packaging",
    "usability",
    "noise",
    "cleanliness",
)

_CUES: dict[str, str] = {
    "price_value": (
        "price prices priced pricing cost costs costly expensive money value worth "
        "deal bargain affordable inexpensive overpriced pricey $ dollars dollar bucks budget spend spent "
        "paid pay ripoff sale discount"
    ),
    "quality_durability": (
        "quality durable durability sturdy sturdier flimsy solid robust reliable unreliable lasted lasts last "
        "broke broken breaks breaking defective faulty malfunction malfunctioned died dies dead cracked crack "
        "cracks leak leaks leaked leaking ripped torn tore snapped shattered rusted rusty peeling frayed "
        "wobbly material materials build built construction stitching seams plastic metal fabric cheaply "
        "well-made shoddy junk garbage flimsy fragile wear worn durable craftsmanship glitchy buggy battery "
        "crashing crashes crashed"
    ),
    "shipping_delivery": (
        "shipping shipped ship ships delivery delivered deliver arrived arrive arrives arrival late delayed "
        "delay courier carrier tracking transit dispatch dispatched ups fedex usps dhl postage mail"
    ),
    "size_fit": (
        "size sizes sizing fit fits fitted fitting tight loose snug small smaller large larger big bigger "
        "waist length inseam sleeves narrow wide roomy comfortable comfy uncomfortable"
    ),
    "customer_service": (
        "service seller sellers support customer-service refund refunded rep representative agent staff "
        "warranty replacement "
        "response responded respond contacted contact email emailed rude helpful unresponsive ignored "
        "exchange store vendor"
    ),
    "packaging": (
        "packaging package packaged packed packing box boxes boxed wrapped wrapping wrap envelope seal "
        "sealed bubble crushed dented"
    ),
    # "use" alone is no cue: "I use it at work", "after a month of use" say how much it is used, not how easily
    "usability": (
        "easy easily difficult hard intuitive user-friendly setup install installation installed instructions "
        "manual assemble assembly assembled ease usable unusable interface app controls settings "
        "configure confusing complicated simple clunky handy convenient"
    ),
    # a hotel's, a restaurant's or an appliance's sound: "noisy at night", "loud neighbours", "whisper quiet"
    "noise": (
        "noise noises noisy loud louder loudest loudly quiet quieter quietest quietly rattle rattles rattling "
        "buzz buzzing hum humming squeak squeaks squeaky squeaking whine whining racket din soundproof "
        "soundproofing earplugs"
    ),
    # the state of a place or thing, not the act of cleaning a product ("easy to clean" is about use)
    "cleanliness": (
        "dirty dirtier filthy dusty dust grimy grime unclean unhygienic hygiene hygienic spotless stained stains "
        "mould mold mouldy moldy mildew cockroach cockroaches roaches bedbugs cleanliness grubby"
    ),
}

#: Cue word -> aspects it signals (a word may signal several, e.g. "refund").
ASPECT_CUES: dict[str, tuple[str, ...]] = {}
for _aspect, _words in _CUES.items():
    for _w in _words.split():
        ASPECT_CUES[_w] = (*ASPECT_CUES.get(_w, ()), _aspect)

#: Two-token cues, indexed by their first token.
ASPECT_PHRASES: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}
for _phrase, _aspect in {
    "customer service": "customer_service",
    "set up": "usability",
    "stopped working": "quality_durability",
    "fell apart": "quality_durability",
    "falls apart": "quality_durability",
    "runs small": "size_fit",
    "runs large": "size_fit",
    "run small": "size_fit",
    "run large": "size_fit",
    "true to size": "size_fit",
    "on time": "shipping_delivery",
    "took forever": "shipping_delivery",
    "bubble wrap": "packaging",
    "easy to use": "usability",
    "doesn't work": "quality_durability",
    "not working": "quality_durability",
    "quit working": "quality_durability",
    "well made": "quality_durability",
    "money back": "price_value",
    "for the price": "price_value",
    "arrived broken": "quality_durability",
    "arrived damaged": "packaging",
    "feels cheap": "quality_durability",
    "looks cheap": "quality_durability",
    "put together": "usability",
    "never arrived": "shipping_delivery",
    "never replied": "customer_service",
    "never responded": "customer_service",
    "never answered": "customer_service",
    "never got back": "customer_service",
    "nobody answered": "customer_service",
    "never heard back": "customer_service",
}.items():
    _toks = tuple(tokenize(_phrase))
    ASPECT_PHRASES[_toks[0]] = (*ASPECT_PHRASES.get(_toks[0], ()), (_toks, _aspect))

#: Phrases whose words name no other aspect: "works straight out of the box" is about use, not the box.
MASKING_PHRASES: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {}
for _phrase, _aspect in {"out of the box": "usability"}.items():
    _toks = tuple(tokenize(_phrase))
    MASKING_PHRASES[_toks[0]] = (*MASKING_PHRASES.get(_toks[0], ()), (_toks, _aspect))
    ASPECT_PHRASES[_toks[0]] = (*ASPECT_PHRASES.get(_toks[0], ()), (_toks, _aspect))

#: Words that make "cheap" mean a low price rather than low quality.
PRICE_CONTEXT: frozenset[str] = frozenset(_CUES["price_value"].split())


@dataclass(frozen=True)
class AspectSummary:
    """Sentiment of one aspect across reviews."""

    aspect: str
    mentions: int
    mean_score: float
    negative_share: float
    positive_share: float


def summarise_aspects(
    per_review: Iterable[Mapping[str, float]],
    weights: Iterable[float] | None = None,
) -> dict[str, AspectSummary]:
    """Mention counts and (weighted) mean sentiment per aspect over many reviews' aspect maps."""
    totals: dict[str, list[float]] = {a: [0.0, 0.0, 0.0, 0.0, 0.0] for a in ASPECTS}
    weight_iter = iter(weights) if weights is not None else None
    for aspects in per_review:
        w = 1.0 if weight_iter is None else float(next(weight_iter))
        for aspect, score in aspects.items():
            t = totals.setdefault(aspect, [0.0, 0.0, 0.0, 0.0, 0.0])
            t[0] += 1
            t[1] += w
            t[2] += w * score
            t[3] += w if score < -0.05 else 0.0
            t[4] += w if score > 0.05 else 0.0
    out: dict[str, AspectSummary] = {}
    for aspect, (n, wsum, ssum, neg, pos) in totals.items():
        if n == 0 or wsum <= 0:
            continue
        out[aspect] = AspectSummary(aspect, int(n), ssum / wsum, neg / wsum, pos / wsum)
    return out
