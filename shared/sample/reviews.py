"""Reviews of the sample merchant: aspect-based text, negations, spam campaigns and a quality problem.

Every review carries a hidden label (``is_spam``) so benchmarks can measure spam scoring against a
known truth; the label is not written to the CSV.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
import pandas as pd

ASPECTS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "price": (
        ("Great value for the price.", "Worth every penny.", "Not cheap, but worth it.", "A bargain at this price."),
        ("Overpriced for what you get.", "Not worth the money.", "Too expensive compared to others.",
         "The price went up and it is not worth it anymore."),
    ),
    "quality": (
        ("Feels solid and well made.", "Sturdy and durable, still going strong after months.",
         "Build quality is not bad at all.", "Excellent quality materials."),
        ("Feels cheap and flimsy.", "It broke after two weeks.", "Poor quality, the finish scratched on day one.",
         "Not durable at all, it cracked."),
    ),
    "shipping": (
        ("Arrived quickly, two days.", "Fast delivery and well tracked.", "Shipping was quick."),
        ("Delivery was late by a week.", "Took forever to arrive.",
         "Shipping was slow and the tracking never updated."),
    ),
    "size": (
        ("Fits perfectly, true to size.", "The size is exactly as described.", "Comfortable fit."),
        ("Runs small, order a size up.", "Way too big, the sizing chart is wrong.", "Does not fit as described."),
    ),
    "service": (
        ("Customer service was helpful and quick.", "Support replaced it without any fuss."),
        ("Customer service was rude and unhelpful.", "Nobody answered my emails about the refund."),
    ),
    "packaging": (
        ("Nicely packaged, no damage.", "Packaging was neat and recyclable."),
        ("Box arrived damaged.", "Packaging was torn and a part was missing."),
    ),
    "usability": (
        ("Easy to use and easy to clean.", "Works well straight out of the box.", "Not difficult to set up at all."),
        ("Hard to use and the instructions are useless.", "Stopped working after a month.",
         "Difficult to clean, I do not recommend it."),
    ),
}
#: Sentences drawn from one aspect's list that a reader files under another: a product that "stopped working after a
#: month" did not last (quality/durability), whatever list it is drawn from (kept there so the draws, and every
#: generated review, stay as they were).
MEANT_ASPECT: dict[str, str] = {"Stopped working after a month.": "quality"}


def negative_sentences(aspect: str) -> list[str]:
    """The generator's negative sentences about ``aspect`` as a reader files them (:data:`MEANT_ASPECT`)."""
    drawn = [s for s in ASPECTS[aspect][1] if MEANT_ASPECT.get(s, aspect) == aspect]
    return drawn + [s for s, meant in MEANT_ASPECT.items() if meant == aspect and s not in drawn]


_MIXED_OPENERS = ("Honestly,", "Overall", "So far", "After a month of use,", "For the money,")
_POS_TITLES = ("Love it", "Great buy", "Very happy", "Does the job", "Recommended")
_NEG_TITLES = ("Disappointed", "Not great", "Would not buy again", "Returned it", "Meh")
_FIRST = ("Alex", "Sam", "Jordan", "Priya", "Chen", "Maria", "Tom", "Aisha", "Lukas", "Noor", "Kate", "Diego")
_SPAM_TEMPLATES = (
    "This {noun} is the best purchase I have made this year, highly recommend it to everyone and my whole family",
    "Absolutely amazing {noun}, five stars, everyone should buy this {noun} right now you will not regret it",
)
_LINK_SPAM = (
    "Get the same {noun} 50% cheaper at www.{site}.com use code SAVE50",
    "Contact me on whatsapp +1 555 013 {n:04d} for wholesale prices on this {noun}",
    "Terrible, buy the original from {site}.shop instead, much better quality",
)
_CONTEXT = (
    "Bought this {noun} for my {who}.", "Got it as a gift for my {who}.", "I use it {when}.",
    "Replaced my {old} {noun} with this one.", "Have had it for {n} weeks now.", "My {who} uses it {when}.",
    "Second one I have bought in {n} months.", "Ordered it on a {when_day} and it is in daily use.",
    "Picked it over a {old} one after reading reviews.", "We are a family of {n} and use it {when}.",
)
_WHO = ("wife", "husband", "son", "daughter", "mum", "dad", "flatmate", "partner", "grandmother", "neighbour",
        "office", "students", "team")
_WHEN = ("every morning", "most evenings", "at weekends", "on camping trips", "at work", "twice a day",
         "for travel", "in the garden", "when friends visit", "on the commute")
_OLD = ("old", "cheaper", "ten-year-old", "worn out", "borrowed", "previous", "budget", "branded")
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_SHORT_GENERIC = ("Great product!", "Love it", "Awesome", "Best ever", "Perfect!!", "Five stars")


@dataclass(frozen=True)
class ReviewTruth:
    """What the generator knows about the reviews (hidden from the CSV)."""

    spam_ids: frozenset[str]
    mismatch_ids: frozenset[str]
    declining_sku: str
    declining_from: date  # ratings of ``declining_sku`` fall from this day (a supplier change)


def _noun(title: str, brand: str, size: object) -> str:
    """The product noun of a catalogue title (``Brand Adjective Noun [Size]``)."""
    rest = title[len(brand):].split(maxsplit=1)[-1]
    if isinstance(size, str) and rest.endswith(size):
        rest = rest[: -len(size)]
    return rest.strip().lower()


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def _context_sentence(rng: np.random.Generator, noun: str) -> str:
    """A personal detail: who it is for, how it is used, how long it has been used."""
    template = _pick(rng, _CONTEXT)
    return template.format(noun=noun, who=_pick(rng, _WHO), when=_pick(rng, _WHEN), n=int(rng.integers(2, 13)),
                           old=_pick(rng, _OLD), when_day=_pick(rng, _DAYS))


def _genuine_text(rng: np.random.Generator, rating: int, aspects: list[str], noun: str) -> tuple[str, str]:
    sentences = []
    for aspect in aspects:
        positive, negative = ASPECTS[aspect]
        good = rating >= 4 or (rating == 3 and rng.random() < 0.5)
        sentences.append(_pick(rng, positive if good else negative))
    for _ in range(int(rng.integers(1, 3))):
        sentences.insert(int(rng.integers(len(sentences) + 1)), _context_sentence(rng, noun))
    if rng.random() < 0.3:
        opener = _pick(rng, _MIXED_OPENERS)
        sentences[0] = f"{opener} {sentences[0][0].lower()}{sentences[0][1:]}"
    titles = _POS_TITLES if rating >= 4 else _NEG_TITLES
    return " ".join(sentences), _pick(rng, titles)


def make_reviews(
    rng: np.random.Generator, catalogue: pd.DataFrame, sales: pd.DataFrame, end: date, target: int = 3000
) -> tuple[pd.DataFrame, ReviewTruth]:
    """About ``target`` reviews, proportional to units sold, plus spam campaigns; returns reviews and truth."""
    units = sales.groupby("sku")["units"].sum().reindex(catalogue["sku"]).fillna(0).to_numpy(float)
    weights = (units + 5) / (units + 5).sum()
    start = min(sales["date"]) if len(sales) else end - timedelta(days=730)
    span = (end - start).days
    skus = catalogue["sku"].to_numpy()
    nouns = {sku: _noun(title, brand, size) for sku, title, brand, size in
             zip(catalogue["sku"], catalogue["title"], catalogue["brand"], catalogue["size"], strict=True)}
    categories = dict(zip(catalogue["sku"], catalogue["category"], strict=True))
    quality = dict(zip(skus, rng.normal(4.1, 0.45, len(skus)).clip(2.2, 4.8), strict=True))
    kitchen = catalogue.loc[catalogue["category"] == "Kitchen", "sku"].to_numpy()
    declining = str(kitchen[np.argmax(units[catalogue["category"].to_numpy() == "Kitchen"])])

    declining_from = start + timedelta(days=int(span * 0.6))
    rows: list[dict[str, object]] = []
    spam: set[str] = set()
    mismatch: set[str] = set()

    def add(sku: str, day: date, rating: int | None, text: str, title: str | None, verified: bool,
            is_spam: bool = False) -> None:
        rid = f"R{len(rows) + 1:06d}"
        rows.append({"review_id": rid, "sku": sku, "date": day, "rating": rating, "title": title, "text": text,
                     "author": f"{_FIRST[int(rng.integers(len(_FIRST)))]} {chr(65 + int(rng.integers(26)))}.",
                     "verified": verified, "channel": ("web", "amazon")[int(rng.integers(2))]})
        if is_spam:
            spam.add(rid)

    n_genuine = int(target * 0.9)
    for sku in rng.choice(skus, size=n_genuine, p=weights):
        day = start + timedelta(days=int(rng.integers(span + 1)))
        mean = quality[sku]
        if sku == declining and day >= declining_from:
            mean = 2.0  # a supplier change: durability complaints from here on
        rating = int(np.clip(np.rint(rng.normal(mean, 0.9)), 1, 5))
        pool = ["price", "quality", "shipping", "service", "packaging", "usability"]
        if categories[sku] == "Apparel":
            pool.append("size")
        aspects = list(rng.choice(pool, size=int(rng.integers(1, 4)), replace=False))
        if sku == declining and mean < 3 and "quality" not in aspects:
            aspects.insert(0, "quality")
        text, genuine_title = _genuine_text(rng, rating, aspects, nouns[str(sku)])
        title: str | None = genuine_title
        if rng.random() < 0.04:
            text, title = _SHORT_GENERIC[int(rng.integers(len(_SHORT_GENERIC)))], None
        stars: int | None = rating
        if rng.random() < 0.02:  # clicked the wrong star: text and rating disagree (not spam)
            stars = 1 if rating >= 4 else 5
            mismatch.add(f"R{len(rows) + 1:06d}")
        if rng.random() < 0.01:
            stars = None
        add(str(sku), day, stars, text, title, bool(rng.random() < 0.85))

    n_spam = target - n_genuine
    while n_spam > 0:
        kind = rng.random()
        sku = str(rng.choice(skus, p=weights))
        day = start + timedelta(days=int(rng.integers(30, span + 1)))
        noun = nouns[sku]
        if kind < 0.12:  # a burst of short 5-star praise on one SKU within two days
            for _ in range(min(int(rng.integers(6, 12)), n_spam)):
                add(sku, day + timedelta(days=int(rng.integers(2))), 5,
                    _SHORT_GENERIC[int(rng.integers(len(_SHORT_GENERIC)))], None, bool(rng.random() < 0.2), True)
                n_spam -= 1
        elif kind < 0.6:  # templated praise copied across products
            text = _SPAM_TEMPLATES[int(rng.integers(len(_SPAM_TEMPLATES)))].format(noun=noun)
            add(sku, day, 5, text, "Best ever", bool(rng.random() < 0.15), True)
            n_spam -= 1
        else:  # links, contacts, competitor pitches
            text = _LINK_SPAM[int(rng.integers(len(_LINK_SPAM)))].format(
                noun=noun, site=("dealzone", "cheapbuyz", "megasaver")[int(rng.integers(3))], n=int(rng.integers(9999)))
            add(sku, day, int(rng.choice([1, 5])), text, None, bool(rng.random() < 0.1), True)
            n_spam -= 1

    reviews = pd.DataFrame(rows).sort_values(["date", "review_id"], ignore_index=True)
    reviews["rating"] = reviews["rating"].astype("Int64")
    return reviews, ReviewTruth(frozenset(spam), frozenset(mismatch), declining, declining_from)
