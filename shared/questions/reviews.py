"""Review questions that ask about one aspect, about praise, about spam, or about how sentiment moved.

"What are customers saying about shipping?" asks about one aspect of the reviews, not for their overview;
"what do people love about the X?" asks for praise; "has the sentiment improved since March?" asks for a
change of the rating over a period. The aspect is any word the sentiment agent's concept and aspect tables
know (:mod:`shared.sentiment.mentions`), found outside the tenant's names and the time phrases, in a question
that talks about what reviews or customers say. A grammar of word classes, not a list of questions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

ReviewAsk = Literal["aspect", "praise", "complaints", "spam"]

#: Words that on their own make a question one about what reviews or customers say.
_TALK = re.compile(
    r"\b(?:say|says|saying|said|think|thinks|thought|feel|feels|felt|complain\w*|complaints?|love[sd]?|loving|"
    r"dislike[sd]?|hate[sd]?|prais\w*|rave\w*|happy|unhappy|satisfied|dissatisfied|pleased|"
    r"reviews?|reviewers?|reviewed|feedback|comments?|mention\w*|opinions?|sentiment|impressions?|"
    r"talk(?:ing)? about|negative|positive|moan\w*|grumbl\w*|gripes?|whin(?:e|es|ing))\b", re.I)
#: Words that make it one only beside a word for the customers ("problems with delivery" alone may be ours).
_WEAK_TALK = re.compile(r"\b(?:issues?|problems?|rate|rated|rating|ratings|stars?|experience)\b", re.I)
_WHO = re.compile(r"\b(?:customers?|people|buyers?|shoppers?|reviewers?|users?|clients?|folks|reviews?)\b", re.I)
_PRAISE = re.compile(r"\b(?:love[sd]?|loving|enjoy\w*|prais\w*|rave\w*|favou?rite|best thing|"
                     r"appreciate\w*|happy|pleased|good things?)\b", re.I)
_NEGATED_PRAISE = re.compile(r"\b(?:n't|not|never|least)\s+(?:\w+\s+)?(?:love|like|enjoy|happy|pleased)\b|"
                             r"\b(?:do|does|did)n't\s+(?:\w+\s+)?(?:love|like|enjoy)\b", re.I)
_COMPLAINT = re.compile(r"\b(?:complain\w*|complaints?|dislike\w*|hate\w*|unhappy|dissatisfied|negative|"
                        r"issues?|problems?|wrong|bad)\b", re.I)
#: Words that ask what customers complain about, whoever the subject ("customers" is no customer count here).
_UNHAPPY = re.compile(r"\b(?:complain\w*|complaints?|unhappy|dissatisfied|disappointed|dislike[sd]?|hate[sd]?|"
                      r"annoy\w*|frustrat\w*|upset|moan\w*|grumbl\w*|gripes?|whin(?:e|es|ing))\b", re.I)
#: A change of sentiment over time ("has the sentiment improved since March?", "are reviews getting better?").
_SENTIMENT_CHANGE = re.compile(
    r"\b(?:sentiment|satisfaction|reviews?|feedback)\b[^.?!]{0,40}?\b(?:improv\w*|better|worse|worsen\w*|"
    r"chang\w*|trend\w*|mov(?:e|ed|ing)|shift\w*|evolv\w*)\b|"
    r"\b(?:improv\w*|better|worse|worsening|chang\w*|trend)\b[^.?!]{0,20}?\b(?:sentiment|satisfaction)\b", re.I)

#: Fake or trustworthy reviews, or the rating without them ("which reviews look fake?", "adjusted rating of X").
_SPAM = re.compile(
    r"\b(?:fake|spam\w*|suspicious|suspect(?:ed)?|bogus|fraudulent|paid(?:-for)?|planted|incentivi[sz]ed|"
    r"astroturf\w*|inauthentic|manipulated|sock ?puppets?)\b[^.?!]{0,30}?\b(?:reviews?|ratings?|reviewers?|stars?)\b"
    r"|\b(?:reviews?|ratings?|reviewers?)\b[^.?!]{0,40}?\b(?:fake|spam\w*|suspicious|bogus|fraudulent|genuine|"
    r"authentic|real|legit\w*|trustworthy|manipulated|paid for|bought)\b"
    r"|\badjusted (?:star )?ratings?\b|\bratings?\b[^.?!]{0,30}?\bwithout (?:the )?(?:spam|fakes?|suspicious)\b",
    re.I)

#: "about the design?": one word after about/regarding, the question ending there (a longer name is a product's).
_ABOUT_ONE_WORD = re.compile(
    r"\b(?:about|regarding|re|with|mention(?:s|ing|ed)?)\s+(?:the\s+|our\s+|my\s+|its\s+|their\s+)?"
    r"(?P<w>[a-z][a-z-]{2,})\s*(?=$|[?.!,;]|\s+(?:lately|recently|so far|this|last|in|since|over|of|on|for)\b)",
    re.I)
#: Words after "about" that name the whole store, a product in general or a quantity, not an aspect.
_NOT_ASPECTS = frozenset(
    "us it them this that these those everything anything something things stuff products product items item "
    "store shop business brand brands company most more all any reviews review ratings rating customers "
    "people sales orders range catalogue catalog lately recently".split())


@dataclass(frozen=True)
class ReviewQuestion:
    """What a review question asks: the ask for the sentiment agent, and the aspect word when there is one."""

    ask: ReviewAsk
    aspect: str | None = None
    span: tuple[int, int] | None = None


def _outside(span: tuple[int, int], taken: Sequence[tuple[int, int]]) -> bool:
    return not any(span[0] < e and s < span[1] for s, e in taken)


#: "like" as a verb of the customers ("what do customers like", "people liked"), not "sales like last year".
_LIKE = re.compile(r"\b(?:do|does|did|n't|not|customers?|people|buyers?|reviewers?|they|users?|shoppers?)\s+"
                   r"(?:\w+\s+)?(?:like[sd]?|love[sd]?)\b(?!\s+(?:to\s+)?(?:buy|buying|order|ordering|purchas\w*|"
                   r"shop\w*|get|spend))", re.I)
#: "which products do customers love to buy", "what do people like buying": purchases, not reviews.
_BUYING = re.compile(r"\b(?:like[sd]?|love[sd]?)\s+(?:to\s+)?(?:buy|buying|order|ordering|purchas\w*|shop\w*|get|"
                     r"spend)\b", re.I)


def read_review_question(question: str, taken: Sequence[tuple[int, int]] = ()) -> ReviewQuestion | None:
    """The review ask of ``question`` (aspect, praise, or complaints said as "don't like"), else ``None``.

    ``taken``: spans of the tenant's names and the time phrases (an aspect word inside a product title,
    "Large Cutting Board", is the product's name, not an aspect).
    """
    if _BUYING.search(question):
        return None
    if _SPAM.search(question):
        return ReviewQuestion("spam")
    liked = bool(_LIKE.search(question))
    talks = liked or bool(_TALK.search(question)) or (bool(_WEAK_TALK.search(question))
                                                      and bool(_WHO.search(question)))
    if not talks:
        return None
    from shared.sentiment.mentions import aspect_words  # only for questions about reviews (import cost)

    taken = [*taken, *(m.span() for m in _UNHAPPY.finditer(question))]  # "gripes" is no "grip" (handle)
    for start, end, word in aspect_words(question):
        if _outside((start, end), taken):
            return ReviewQuestion("aspect", word, (start, end))
    if (m := _ABOUT_ONE_WORD.search(question)) and _outside(m.span("w"), taken) \
            and m.group("w").lower() not in _NOT_ASPECTS:
        return ReviewQuestion("aspect", m.group("w").lower(), m.span("w"))  # a word the tables lack: "design"
    if _NEGATED_PRAISE.search(question) or _UNHAPPY.search(question):
        return ReviewQuestion("complaints")  # "why are customers unhappy with X": what they complain about
    if (liked or _PRAISE.search(question)) and not _COMPLAINT.search(question):
        return ReviewQuestion("praise")
    return None


def asks_sentiment_change(question: str) -> bool:
    """Whether the question asks how review sentiment moved ("has the sentiment improved since March?").

    "Why are ratings falling" is a cause (the agents); "which products ..." a ranking: neither is this.
    """
    if re.search(r"\b(?:why|which|what products|cause\w*|reason\w*)\b", question, re.I):
        return False
    return bool(_SENTIMENT_CHANGE.search(question))
