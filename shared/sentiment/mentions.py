"""One aspect of the reviews ("shipping", "the battery"): the words that name it and the reviews that mention it.

An aspect a merchant asks about is looked up in the sentiment agent's own tables, never a list of its own:
the theme concepts (``data/theme_concepts.json``: "shipping", "delivered" and "courier" all name
*delivery*) and the scorer's aspect cues (:data:`~shared.sentiment.aspects.ASPECT_CUES`). A concept that is
one of the scorer's aspects (delivery = ``shipping_delivery``) takes that aspect's cue words and phrases too,
and the scorer's clause score of that aspect says how a review speaks of it. A word in neither table is
matched as itself ("design"), so an aspect nobody mentions is counted as zero, not answered with another.

Pure: text in, mentions out. Review text is data: matched and scored, never interpreted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from shared import regex as re
from shared.sentiment.aspects import ASPECT_CUES, ASPECT_PHRASES, MASKING_PHRASES
from shared.sentiment.lexicon import read_data
from shared.sentiment.tokens import CLAUSE_PUNCT, SENTENCE_PUNCT, tokenize

#: Concept (theme table) -> the scorer's aspect that is the same thing.
CONCEPT_ASPECT: dict[str, str] = {
    "delivery": "shipping_delivery", "packaging": "packaging", "customer service": "customer_service",
    "size and fit": "size_fit", "price and value": "price_value", "build quality": "quality_durability",
    "ease of use": "usability", "sound and noise": "noise",
}
#: How an answer names each scorer aspect.
ASPECT_NAMES: dict[str, str] = {
    "price_value": "price/value", "quality_durability": "quality/durability",
    "shipping_delivery": "shipping/delivery", "size_fit": "size/fit", "customer_service": "customer service",
    "packaging": "packaging", "usability": "ease of use", "noise": "noise", "cleanliness": "cleanliness",
}
#: Words of a question that name who speaks or what is read, not an aspect ("customers", "look at").
_FRAME_WORDS = frozenset(
    "customer customers look looks turn turns switch big bigger small smaller large larger wide narrow tight "
    "loose".split())
#: Words of concept names that are no aspect on their own ("ease of use" is not named by "use").
_NAME_STOP = frozenset("and of use look ease".split())
#: Fronted frames that open a sentence and end at its comma ("For the money, shipping was quick"): they set the
#: frame of the clause after them, as "Honestly," does, and name no aspect themselves; the clause says what the
#: sentence is about. The same words inside a clause ("great for the money") still name price.
FRONTED_FRAMES: tuple[tuple[str, ...], ...] = tuple(
    tuple(tokenize(p)) for p in ("for the money,", "for the price,", "price aside,", "money aside,", "price-wise,",
                                 "cost-wise,"))
#: Words before a noun of the product's own title that make it the product named ("this charger", "my charger").
_NAMING_THE_PRODUCT = frozenset("this these that my our his her their".split())
#: The wrapping a damage word may be said of ("the packaging was torn", "box arrived crushed"): packaging, not the
#: product's quality.
_WRAPPING = frozenset("packaging package packages parcel parcels box boxes wrapping carton cartons envelope".split())
_DAMAGE = frozenset("torn tore ripped damaged crushed dented broken cracked squashed battered".split())


def _of_the_box(tokens: list[str], i: int) -> bool:
    """Whether ``tokens[i]`` is a damage word said of the wrapping, up to three words before it in its clause."""
    if tokens[i] not in _DAMAGE:
        return False
    for tok in reversed(tokens[max(0, i - 3):i]):
        if tok in CLAUSE_PUNCT:
            return False
        if tok in _WRAPPING:
            return True
    return False


_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
QUOTE_CHARS = 140


def _stem(tok: str) -> str:
    """The suffix stripper of the theme concepts ("deliveries" -> "deliverie" -> tried as "delivery" too)."""
    for suffix in ("ing", "ed", "es", "s"):
        if tok.endswith(suffix) and len(tok) - len(suffix) >= 3:
            return tok[: -len(suffix)]
    return tok


def _concepts() -> dict[str, list[str]]:
    concepts: dict[str, list[str]] = read_data("theme_concepts.json")["concepts"]
    return concepts


def _concept_of_word() -> dict[str, str]:
    """Every concept word and the words of the concept's own name -> the concept."""
    out: dict[str, str] = {}
    for concept, words in _concepts().items():
        for w in words:
            out.setdefault(w, concept)
        for w in concept.split():
            if w not in _NAME_STOP:
                out.setdefault(w, concept)
    return out


#: The endings a quoted search word is still counted with ("leak" -> "leaks", "leaked", "leaking").
_ENDINGS = frozenset({"s", "es", "ed", "d", "ing"})


@dataclass(frozen=True)
class Aspect:
    """What a question asks about: the name an answer uses, the words that mention it, the scorer's aspect."""

    term: str
    name: str
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...] = ()
    scorer_aspect: str | None = None
    #: A quoted search word: only it and the forms that add an ending to it ("leak": leaks, leaked, leaking), not
    #: the other forms of its stem ("tracking" is no "tracked").
    literal: bool = False

    def mentioned_in(self, tokens: list[str], own: frozenset[str] = frozenset()) -> bool:
        """Whether the tokens of a text name the aspect (a word, its stem, or a cue phrase).

        A word inside a masking phrase of another aspect ("out of the box" is about use) names nothing else. ``own``
        are the words of the reviewed product's title: one of them after "this" / "my" ("Bought this charger")
        names the product itself, not an aspect of it (the battery of a charger's review is not mentioned).
        """
        masked_until = 0
        for i, tok in enumerate(tokens):
            for ptoks, aspect in MASKING_PHRASES.get(tok, ()):
                if tuple(tokens[i:i + len(ptoks)]) == ptoks and aspect != self.scorer_aspect:
                    masked_until = max(masked_until, i + len(ptoks))
            if i == 0 or tokens[i - 1] in SENTENCE_PUNCT:
                for frame in FRONTED_FRAMES:
                    if tuple(tokens[i:i + len(frame)]) == frame:
                        masked_until = max(masked_until, i + len(frame))
            if i < masked_until or (self.scorer_aspect == "quality_durability" and _of_the_box(tokens, i)):
                continue
            if tok in own and i > 0 and tokens[i - 1] in _NAMING_THE_PRODUCT:
                continue
            if self.literal:
                if any(tok == w or tok.startswith(w) and tok[len(w):] in _ENDINGS for w in self.words):
                    return True
                continue
            stem = _stem(tok)  # "tasted" -> "tast": the concept's "taste" too
            if tok in self.words or stem in self.words or (stem != tok and stem + "e" in self.words):
                return True
            for phrase in self.phrases:
                if tuple(tokens[i:i + len(phrase)]) == phrase:
                    return True
        return False


def _lookup(word: str) -> tuple[str | None, str | None]:
    """(concept, scorer aspect) a word names, either possibly ``None``."""
    table = _concept_of_word()
    concept = table.get(word) or table.get(_stem(word)) or (table.get(word[:-3] + "y") if word.endswith("ies")
                                                            else None)
    aspect = CONCEPT_ASPECT.get(concept or "")
    if aspect is None:
        cued = ASPECT_CUES.get(word) or ASPECT_CUES.get(_stem(word))
        if cued and concept is None:
            aspect = cued[0]
    return concept, aspect


def names_a_topic(word: str) -> bool:
    """Whether ``word`` names a topic of the reviews, not only a cue the scorer reads as one.

    A theme's word or a word of an aspect's name ("shipping", "durability") names one; "broke", "broken" are said
    of quality and name no topic.

    "Reviews that mention broke" searches that word; "reviews that mention shipping" asks about shipping.
    """
    concept, aspect = _lookup(word)
    if concept is not None or aspect is None:
        return True
    return word in {w for name in ASPECT_NAMES.values() for w in re.split(r"[/ ]", name)}


def aspect_words(text: str) -> list[tuple[int, int, str]]:
    """Spans and words of ``text`` that name an aspect of the concept or aspect tables (question side)."""
    out: list[tuple[int, int, str]] = []
    for m in re.finditer(r"[a-z][a-z'-]*", text.lower()):
        word = m.group(0)
        if word in _FRAME_WORDS or len(word) < 3:
            continue
        concept, aspect = _lookup(word)
        if concept or aspect:
            out.append((m.start(), m.end(), word))
    return out


def resolve_aspect(term: str) -> Aspect:
    """The :class:`Aspect` a question's word names; a word in no table is matched as itself."""
    word = term.strip().lower()
    if len(word) > 2 and word[0] == word[-1] == '"':
        # a quoted word is the merchant's own search word: it and its inflections, not the concept it may name
        literal = word[1:-1].strip()
        # several forms searched at once ("broke/broken"): a review with any of them mentions it
        forms = list(dict.fromkeys(f for f in re.split(r"\s*/\s*", literal) if f))
        name = " or ".join(f'"{f}"' for f in forms)
        return Aspect(term=literal, name=name, words=frozenset(forms), phrases=(), scorer_aspect=None, literal=True)
    concept, aspect = _lookup(word)
    words: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    if concept:
        words |= set(_concepts()[concept])
        words |= {w for w in concept.split() if w not in _NAME_STOP}
    if aspect:
        words |= {w for w, aspects in ASPECT_CUES.items() if aspect in aspects and w != "$"}
        phrases = [p for entries in ASPECT_PHRASES.values() for p, a in entries if a == aspect]
    if not words:
        words = {word, _stem(word)}
    name = ASPECT_NAMES[aspect] if aspect else (concept or word)
    return Aspect(term=word, name=name, words=frozenset(words), phrases=tuple(phrases), scorer_aspect=aspect)


@dataclass(frozen=True)
class Mention:
    """One review that mentions the aspect: how it speaks of it (-1, 0, 1) and the sentence that names it.

    ``sentence_score`` is the lexicon score of that sentence alone; ``opinion`` whether the sentence itself
    carries an opinion word (a quote should say something about the aspect, not only name it).
    """

    index: int
    polarity: int
    score: float
    sentence: str
    sentence_score: float = 0.0
    opinion: bool = False


def _polarity(value: float) -> int:
    return -1 if value < -0.05 else 1 if value > 0.05 else 0


#: A word that describes the item this one replaced or was chosen over ("Replaced my cheaper kettle", "picked it
#: over a budget one"): about that other item, so no mention of this product's price or quality.
_OTHER_ITEM = re.compile(r"\b((?:replac\w*|(?:picked|chose|chosen|bought|preferred) (?:it |this )?over|instead of|"
                         r"upgrad\w* from|swapp\w*(?: out)?|switch\w* from)\s+(?:my|a|an|the|our|his|her|their)\s+)"
                         r"(?:cheaper|cheap|budget|pricier|pricey|expensive|costlier|worn[- ]out|broken|flimsy)\s+",
                         re.I)


def other_item_words_removed(text: str) -> str:
    """``text`` without the words that describe another item ("Replaced my cheaper kettle" -> "Replaced my kettle")."""
    return _OTHER_ITEM.sub(lambda m: m.group(1), text)


def title_words(title: object) -> frozenset[str]:
    """The words of a product title a review may name the product by ("Compact Charger 65W" -> compact, charger)."""
    if not isinstance(title, str):
        return frozenset()
    return frozenset(t for t in tokenize(title) if t.isalpha() and len(t) > 2)


def find_mentions(aspect: Aspect, texts: Iterable[str], review_aspects: Iterable[object],
                  labels: Iterable[str], titles: Iterable[object] | None = None) -> list[Mention]:
    """The reviews of ``texts`` that mention ``aspect``, each with its polarity about it and a sentence.

    ``titles`` are the reviewed products' titles, one per text (see :meth:`Aspect.mentioned_in`). Polarity: the
    scorer's clause score of the aspect when the aspect is one of the scorer's and the review has it; else the
    lexicon score of the sentences naming it; else (no opinion word there) the review's own label, as the themes
    do for a clause that names a concept without an opinion word.
    """
    from shared.sentiment.scorer import score_text  # the question side needs only the word tables

    out: list[Mention] = []
    texts = list(texts)
    owns = [title_words(t) for t in titles] if titles is not None else [frozenset()] * len(texts)
    for i, (text, aspects, label, named) in enumerate(zip(texts, review_aspects, labels, owns, strict=True)):
        if not text or not aspect.mentioned_in(tokenize(other_item_words_removed(text)), named):
            continue
        sentences = [s.strip() for s in _SENTENCE.split(text.strip()) if s.strip()]
        naming = [s for s in sentences if aspect.mentioned_in(tokenize(other_item_words_removed(s)), named)] \
            or sentences
        scores = [score_text(s) for s in naming]
        if aspect.scorer_aspect:  # the scorer reads "cheap" in "feels cheap and flimsy" as quality, not price
            own_aspect = [k for k, sc in enumerate(scores) if aspect.scorer_aspect in sc.aspects]
            if own_aspect:
                naming, scores = [naming[k] for k in own_aspect], [scores[k] for k in own_aspect]
        best = min(range(len(naming)), key=lambda k: scores[k].score)
        own = sum(s.score for s in scores if s.evidence)
        if aspect.scorer_aspect and isinstance(aspects, dict) and aspect.scorer_aspect in aspects:
            value = float(aspects[aspect.scorer_aspect])
        elif any(s.evidence for s in scores):
            value = own
        else:
            value = {"negative": -1.0, "positive": 1.0}.get(str(label), 0.0)
        pick = best if value < 0 else max(range(len(naming)), key=lambda k: scores[k].score)
        sentence = naming[pick]
        if len(sentence) > QUOTE_CHARS:
            sentence = sentence[: QUOTE_CHARS - 3].rstrip() + "..."
        out.append(Mention(i, _polarity(value), value, sentence, scores[pick].score, scores[pick].evidence > 0))
    return out


def quote_of(mentions: Iterable[Mention], polarity: int) -> Mention | None:
    """The mention to quote for one side: its own sentence says so most strongly (an opinion word in it)."""
    side = [m for m in mentions if m.polarity == polarity and m.opinion and m.sentence_score * polarity > 0.05]
    if not side:
        return None
    return max(side, key=lambda m: (m.sentence_score * polarity, m.score * polarity, -m.index))
