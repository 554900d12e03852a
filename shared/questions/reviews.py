"""Review questions that ask about one aspect, about praise, about spam, or about how sentiment moved.

"What are customers saying about shipping?" asks about one aspect of the reviews, not for their overview;
"what do people love about the X?" asks for praise; "has the sentiment improved since March?" asks for a
change of the rating over a period. The aspect is any word the sentiment agent's concept and aspect tables
know (:mod:`shared.sentiment.mentions`), found outside the tenant's names and the time phrases, in a question
that talks about what reviews or customers say. A grammar of word classes, not a list of questions.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from shared import regex as re

if TYPE_CHECKING:
    from shared.questions.timephrase import TimeReading

ReviewAsk = Literal["aspect", "praise", "complaints", "spam", "sentiment_overview", "review_length"]
#: Reviews shown one by one, not summed up: the most negative (positive) by sentiment score, or the latest
#: (``_latest``: of that polarity, newest first).
Listing = Literal["negative", "positive", "latest", "negative_latest", "positive_latest"]

#: Words that on their own make a question one about what reviews or customers say.
_TALK = re.compile(
    r"\b(?:say|says|saying|said|think|thinks|thought|feel|feels|felt|feelings?|complain\w*|complaints?|love[sd]?|loving|"
    r"dislike[sd]?|hate[sd]?|prais\w*|rave\w*|happy|unhappy|satisfied|dissatisfied|pleased|"
    r"reviews?|reviewers?|reviewed|revs|re(?:vei|vi|ive)ws?|feedback|comments?|mention\w*|opinions?|sentiment|"
    r"impressions?|talk(?:ing)? about|negative|positive|moan\w*|grumbl\w*|gripes?|whin(?:e|es|ing)|whing\w*|"
    r"beefs?|bugbears?|grievances?|compliments?|complimented|kudos|"
    r"chuffed|slated|slating|rav(?:e|es|ed|ing)|rant\w*|vibes?|verdict|testimonials?|grip(?:e[sd]?|ing)|"
    r"put(?:ting|s)? (?:\w+ ){0,2}off|turn(?:s|ing|ed)? (?:\w+ ){0,2}off)\b", re.I)
#: Words that make it one only beside a word for the customers ("problems with delivery" alone may be ours).
_WEAK_TALK = re.compile(r"\b(?:issues?|problems?|rate|rated|rating|ratings|stars?|experience|find|finds|found)\b",
                        re.I)
_WHO = re.compile(r"\b(?:customers?|people|buyers?|shoppers?|reviewers?|users?|clients?|folks|reviews?)\b", re.I)
_PRAISE = re.compile(r"\b(?:love[sd]?|loving|enjoy\w*|prais\w*|rave\w*|raving|favou?rite|best (?:things?|parts?|bits?)|"
                     r"appreciate\w*|happy|pleased|chuffed|delighted|thrilled|good things?|strengths?|upsides?|"
                     r"pros|compliments?|complimented|kudos)\b", re.I)
#: Praise of one aspect, said as such ("what do people love about the packaging"), not "are they happy with it".
_ASPECT_PRAISE = re.compile(r"\b(?:love[sd]?|loving|enjoy\w*|prais\w*|rave\w*|raving|favou?rite|best (?:things?|"
                            r"parts?|bits?)|appreciate\w*|good things?|strengths?|upsides?|pros|compliments?|"
                            r"complimented)\b", re.I)
_NEGATED_PRAISE = re.compile(r"\b(?:n't|not|never|least)\s+(?:\w+\s+)?(?:love|like|enjoy|happy|pleased)\b|"
                             r"\b(?:do|does|did)n't\s+(?:\w+\s+)?(?:love|like|enjoy)\b", re.I)
_COMPLAINT = re.compile(r"\b(?:complain\w*|complaints?|dislike\w*|hate\w*|unhappy|dissatisfied|negative|"
                        r"issues?|problems?|wrong|bad)\b", re.I)
#: Words that ask what customers complain about, whoever the subject ("customers" is no customer count here).
_UNHAPPY = re.compile(r"\b(?:complain\w*|complaints?|unhappy|dissatisfied|disappointed|dislike[sd]?|hate[sd]?|"
                      r"annoy\w*|frustrat\w*|upset|moan\w*|grumbl\w*|grip(?:e[sd]?|ing)|whin(?:e|es|ing)|whing\w*|slated|"
                      r"beefs?|bugbears?|grievances?|"
                      r"slating|angry|furious|irate|livid|fed up|gutted|rant\w*|worst (?:things?|parts?|bits?)|"
                      r"put(?:ting|s)? (?:\w+ ){0,2}off|turn(?:s|ing|ed)? (?:\w+ ){0,2}off|"
                      r"downsides?|drawbacks?|weak(?:ness(?:es)?| points?| spots?)|cons|pain points?|"
                      r"issues?|problems?|faults?|defects?)\b", re.I)
#: Words that say an aspect is spoken of badly ("delivery being late", "the sizing runs small").
_BAD_ASPECT = re.compile(r"\b(?:late|slow|broken|broke|damaged|poor|bad|terrible|awful|rubbish|wrong|worse|"
                         r"run(?:s|ning)? (?:small|large|big|tight)|too (?:small|big|tight|loose|expensive|dear))\b",
                         re.I)
#: The recent time set against the time before ("lately vs before", "recently compared to earlier"): a trend.
_NOW_AGAINST_BEFORE = (r"(?:these days|lately|recently|nowadays|now) (?:vs\.?|versus|compared (?:to|with)|against) "
                       r"(?:before|earlier|previously|then|the past)")
#: A theme that moves ("are delivery problems increasing?", "is customer service getting better?"): how its
#: complaints trend (the share of reviews saying it, recent against before), an aspect of the reviews being named.
_THEME_TREND = re.compile(r"\b(?:increas\w*|rising|on the rise|grow(?:s|ing)?|getting (?:worse|better)|worsen\w*|"
                          # "have quality grumbles got better", "are delivery complaints easing off?", "dying down":
                          # a complaint that eases is one whose share falls
                          r"(?:got|gotten|get|gets) (?:worse|better)|eas(?:es|ed|ing)(?: off| up)?|ease (?:off|up)|"
                          r"(?:dying|died|calming|calmed|settling|settled|tailing|tailed) (?:down|off)|"
                          r"subsid\w*|abat\w*|"
                          r"improv\w*|going (?:up|down)|declin\w*|(?:more|less) (?:common|frequent|often)|"
                          # "have delivery complaints gone up", "did packaging complaints go down"
                          r"(?:go(?:ne|es)?|went) (?:up|down)|"
                          # "are customers complaining more about packaging lately?": complaining, more than before
                          r"(?:complain\w*|moan\w*|grumbl\w*|whing\w*) (?:more|less)\b|"
                          # the passive: "is packaging being complained about less?", "more complained about"
                          r"(?:complained|moaned|grumbled|whinged) about (?:more|less)\b|"
                          r"(?:more|less) (?:complained|moaned|grumbled|whinged) about\b|"
                          # "more quality complaints than before?", "fewer delivery problems lately"
                          r"(?:more|fewer|less) (?:\w+ ){0,2}(?:complaints?|problems?|issues?|gripes?|moans?)"
                          r"(?= (?:than (?:before|usual|last|previously|earlier|ever)|lately|recently|these days|"
                          r"nowadays|now|of late)\b)|"
                          # "quality complaints these days vs before?": the recent time set against the time before
                          + _NOW_AGAINST_BEFORE + "|"
                          # "trend of delivery complaints over the last 6 months", "complaints trending"
                          r"trend(?:s|ing|line)?(?= (?:of|in|for|on)\b)|trending)\b", re.I)
#: A problem noun: with a theme the tenant's own records also hold (deliveries, prices), the reviews' complaints.
_PROBLEMS = re.compile(r"\b(?:problems?|issues?|complaints?|troubles?|gripes?|moans?)\b", re.I)
#: "what's wrong with the X", "problems with our toasters": what is wrong with a named thing of the tenant's.
_WRONG_WITH = re.compile(r"\b(?:wrong|issues?|problems?|faults?|up)\s+with\s+(?:the\s+|our\s+|my\s+|its\s+)?$",
                         re.I)
#: Aspects the tenant's own records speak of too (prices, deliveries): a bad word alone does not make them reviews'.
_OUR_OWN_RECORDS = frozenset({"price/value", "shipping/delivery", "returns and refunds"})
#: A question that counts, averages, ranks or charts reviews: the metrics layer's, not a reading of what they say.
_COUNTING = re.compile(r"\b(?:how many|number of|count|total|average|avg|mean|share|percent\w*|proportion|"
                       r"fraction|ratio|rate|by|per|each|trend\w*|over time|monthly|weekly|daily|compare\w*|vs\.?|"
                       r"versus|most|least|top|bottom|highest|lowest|best|worst|which|stars?|rated|rating|ratings)\b"
                       r"|%|\b(?:more|fewer|less)\s+(?:new\s+)?(?:reviews|ratings)\b", re.I)
#: "the most common reason for returns", "why do customers return things": the returns' complaints.
_RETURN_REASON = re.compile(r"\b(?:reasons?|causes?|why)\b[^?.!]{0,40}?\b(?P<what>returns?|returned|returning|refunds?|"
                            r"refunded)\b", re.I)
#: "the most complaints", "fewest complaints": complaints counted, as negative reviews; "the most complained-about
#: product", "which item do people complain about packaging the most": the same count, asked with the verb.
_MOST_COMPLAINTS = re.compile(r"\b(?:most|fewest|least|more|fewer)\s+(?:\w+\s+){0,1}complaints\b"
                              r"|\b(?:most|least)[- ]complained[- ](?:about|of)\b"
                              r"|\bcomplain\w*\s+(?:about\s+|of\s+)?(?:\w+\s+){0,2}(?:the\s+)?(?:most|least)\b", re.I)
#: The products as what such a count ranks ("which product", "what item", "the product with the most ..."), not the
#: brands or categories (the metrics layer's ranking of negative reviews).
_RANKED_PRODUCTS = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:products?|items?|skus?)\b|\b(?:products|items|skus)\b"
                              r"|\b(?:product|item|sku)\s+(?:with|that\s+(?:has|gets|draws))\b"
                              r"|\bcomplained[- ]about\s+(?:product|item|sku)\b", re.I)
#: "which brand", "what category", "products": the things such a count ranks.
_RANKED_THINGS = re.compile(r"\b(?:which|what)\s+(?:\w+\s+)?(?:products?|items?|skus?|brands?|categor(?:y|ies)|"
                            r"departments?|channels?)\b|\b(?:products|items|brands|categories|departments|channels)\b",
                            re.I)
#: Reviews read for what to act on ("what should I fix based on reviews?", "which products need attention").
_TO_ACT_ON = re.compile(r"\b(?:fix|improve|attention|address|work on|act on|action|themes?|topics?|recurring)\b",
                        re.I)
#: Negative reviews named as such ("neg reviews", "bad reviews", "one-star feedback").
_NEGATIVE_REVIEWS = re.compile(r"\b(?:negative|neg|bad|poor|low[- ]rated|critical)\s+(?:reviews?|feedback|comments?|"
                               r"ratings?|revs)\b", re.I)
#: Words asking to read reviews or what they say, not to count them ("show me", "themes", "what do they say").
_READ_THEM = re.compile(r"\b(?:show|list|see|read|give|pull|themes?|recurring|common|main|what|about|say\w*|any|"
                        r"recent|recently|lately)\b",
                        re.I)
#: A rating that fell ("why are ratings falling"): the rating-decline answer, not an overview.
_FALLING = re.compile(r"\b(?:fall\w*|fell|drop\w*|declin\w*|down\w*|worse|worsen\w*|slipp?\w*|sink\w*|sank|"
                      r"lower|decreas\w*|south|tank\w*|nose-?div\w*|plummet\w*|crash\w*|tumbl\w*|slump\w*)\b",
                      re.I)
#: A change of sentiment over time ("has the sentiment improved since March?", "are reviews getting better?").
_SENTIMENT_CHANGE = re.compile(
    r"\b(?:sentiment|satisfaction|reviews?|feedback)\b[^.?!]{0,40}?\b(?:improv\w*|better|worse|worsen\w*|"
    r"chang\w*|trend\w*|mov(?:e|ed|ing)|shift\w*|evolv\w*|downhill|south|dipp?\w*|pick(?:ed|ing)? up|"
    r"recover\w*)\b|"
    r"\b(?:improv\w*|better|worse|worsening|chang\w*|trend)\b[^.?!]{0,20}?\b(?:sentiment|satisfaction)\b|"
    # the rating as it moves ("is our rating improving?", "are our stars getting worse?"): a change, not its level
    r"\b(?:ratings?|stars?|review scores?)\b[^.?!]{0,30}?\b(?:improving|improved|getting (?:better|worse)|"
    r"worsening|worsened|declining|recovering|recovered|slipping|slipped|sliding|falling|dropping|rising|"
    r"climbing|trending|trajector(?:y|ies)|heading (?:up|down)|going (?:up|down))\b", re.I)

#: Fake or trustworthy reviews, or the rating without them ("which reviews look fake?", "adjusted rating of X").
_SPAM = re.compile(
    r"\b(?:fake|spam\w*|suspicious|suspect(?:ed)?|bogus|fraudulent|paid(?:-for)?|planted|incentivi[sz]ed|"
    r"astroturf\w*|inauthentic|manipulated|sock ?puppets?)\b[^.?!]{0,30}?\b(?:reviews?|ratings?|reviewers?|stars?)\b"
    r"|\b(?:reviews?|ratings?|reviewers?)\b[^.?!]{0,40}?\b(?:fake|spam\w*|suspicious|bogus|fraudulent|genuine|bots?|"
    r"authentic|real|legit\w*|trustworthy|manipulated|paid for|bought)\b"
    # "adjusted rating", "adjusted vs raw rating", "adjusted and unadjusted star ratings"
    r"|\badjusted (?:(?:vs\.?|versus|and|or|against|compared (?:to|with)) (?:the )?(?:raw|unadjusted|plain|actual|"
    r"displayed|shown|headline) )?(?:star )?ratings?\b|"
    # "camping chair raw v adjusted", "adjusted vs raw?": the two ratings set side by side, "rating" left unsaid
    r"\b(?:raw|unadjusted)\s+(?:(?:star\s+)?ratings?\s+)?(?:vs\.?|versus|and|or|against|compared (?:to|with))\s+"
    r"(?:the\s+)?(?:spam[- ])?adjusted\b|\badjusted\s+(?:vs\.?|versus|and|or|against)\s+(?:the\s+)?(?:raw|unadjusted)\b"
    r"|\b(?:true|real|honest|genuine|clean)\s+(?:star\s+)?ratings?\b"
    r"|\bratings?\b[^.?!]{0,60}?\b(?:without|excluding|minus|ignoring) (?:the |any )?(?:spam\w*|fakes?|suspicious|"
    r"bots?|bogus)\b|\bbots?\b[^.?!]{0,20}?\b(?:reviews?|ratings?)\b"
    # "the rating once the fakes are stripped out", "with the spam removed", "a genuine-only rating"
    r"|\b(?:with|once|after|when)\s+(?:the\s+|all\s+)?(?:fakes?|fake ones|spam\w*|bots?|bogus ones)\s+(?:are\s+|is\s+)?"
    r"(?:stripped|removed|taken|filtered|excluded|cut|dropped)\b|\b(?:genuine|authentic|real|legit)[- ]only\b",
    re.I)

#: "about the design?": one word after about/regarding, the question ending there (a longer name is a product's).
_ABOUT_ONE_WORD = re.compile(
    r"\b(?:about|regarding|re|with|mention(?:s|ing|ed)?)\s+(?:the\s+|our\s+|my\s+|its\s+|their\s+)?"
    r"(?P<w>[a-z][a-z-]{2,})\s*(?=$|[?.!,;]|\s+(?:lately|recently|so far|this|last|in|since|over|of|on|for)\b)",
    re.I)
#: A word quoted after "mention", "containing", "with the word", "say": the merchant's own search word ("how many
#: reviews mention 'leak'?", "reviews containing "broke"", "reviews with the word refund").
_QUOTED_WORD = re.compile(
    r"\b(?:mention(?:s|ing|ed)?|contain(?:s|ing)?|us(?:e|es|ing) the word|with the word|(?:say|says|saying))\s+"
    r"(?:the\s+(?:word|term)\s+)?(?P<q>['\"\u2018\u201c])(?P<w>[a-z][a-z-]{1,30}(?: [a-z][a-z-]{1,30}){0,2})"
    r"['\"\u2019\u201d]|\b(?:with|containing|using|us(?:e|es)) the (?:word|term)\s+(?P<w2>[a-z][a-z-]{1,30})\b", re.I)
#: An unquoted word after "mention", "containing", "say", the question ending there: a search word when it names no
#: topic ("reviews that mention broke", see :func:`shared.sentiment.mentions.names_a_topic`).
_UNQUOTED_WORD = re.compile(
    r"\b(?:mention(?:s|ing|ed)?|contain(?:s|ing)?|say|says|saying|"
    # "reviews that use the words refund or refunded", "with the terms leak or leaking"
    r"(?:us(?:e|es|ed|ing)|with|contain(?:s|ing)?|mention(?:s|ing)?|includ(?:e|es|ing)) the (?:words?|terms?))\s+"
    # several forms of the word: "broke/broken", "cracked or cracks", "leak, leaks or leaking"
    r"(?P<w>[a-z][a-z-]{2,30}(?:\s*(?:/|,|\bor\b|,\s*or\b)\s*[a-z][a-z-]{2,30}){0,3})\s*"
    r"(?=$|[?.!,;]|\s+(?:lately|recently|so far|this|last|in|since|over|on|for)\b)", re.I)
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
    #: The star ratings the reviews read are narrowed to ("what do 1-star reviewers complain about?").
    stars: tuple[int, ...] | None = None
    #: Reviews to show one by one ("show me angry reviews", "latest negative reviews").
    listing: Listing | None = None
    #: How many to show ("the 5 latest reviews", "the last 3 reviews"), when the question says.
    count: int | None = None
    #: Review length beyond its mean ("reviews under 20 words": ``("below", 20)``), see ``review_length.py``.
    length: tuple[str, int | None] | None = None
    #: Whether a theme's complaints are asked to be moving ("is the shipping complaint getting worse?"): the
    #: answer leads with the recent window against the time before.
    trend: bool = False
    #: Whether the products are asked ranked by the aspect's complaints ("which product has the most complaints
    #: about delivery?"): the answer leads with them, each with its count.
    ranked: bool = False


def without_names(question: str, names: Sequence[tuple[int, int]]) -> str:
    """``question`` with the spans of the tenant's names blanked (same length, so other spans stay where they are)."""
    for start, end in names:
        question = question[:start] + " " * (end - start) + question[end:]
    return question


def _outside(span: tuple[int, int], taken: Sequence[tuple[int, int]]) -> bool:
    return not any(span[0] < e and s < span[1] for s, e in taken)


#: "like" as a verb of the customers ("what do customers like", "people liked"), not "sales like last year".
_LIKE = re.compile(r"\b(?:do|does|did|n't|not|customers?|people|buyers?|reviewers?|they|users?|shoppers?)\s+"
                   r"(?:\w+\s+)?(?:like[sd]?|love[sd]?)\b(?!\s+(?:to\s+)?(?:buy|buying|order|ordering|purchas\w*|"
                   r"shop\w*|get|spend))", re.I)
#: "which products do customers love to buy", "what do people like buying": purchases, not reviews.
_BUYING = re.compile(r"\b(?:like[sd]?|love[sd]?)\s+(?:to\s+)?(?:buy|buying|order|ordering|purchas\w*|shop\w*|get|"
                     r"spend)\b", re.I)


def _search_word(question: str, taken: Sequence[tuple[int, int]]) -> ReviewQuestion | None:
    """The word search of "reviews that mention broke": an unquoted word that names no topic, as typed."""
    from shared.sentiment.mentions import names_a_topic  # only for review questions (import cost)

    found = _UNQUOTED_WORD.search(question)
    if found is None or not _outside(found.span("w"), taken):
        return None
    forms = [w for w in re.split(r"\s*(?:/|,|\bor\b)\s*", found.group("w").lower()) if w]
    if len(set(forms)) < 2 and any(names_a_topic(w) for w in forms):
        return None  # "reviews that mention leak": the topic; "flimsy/flimsier", "flimsy or wobbly": those words
    return ReviewQuestion("aspect", '"' + "/".join(dict.fromkeys(forms)) + '"', found.span("w"))


#: Damage on arrival asked of reviews ("which reviews mention shipping damage", "customers who said their order arrived
#: damaged", "items damaged in transit"): narrower than any aspect (a delivery aspect counts late parcels, a
#: packaging one neat boxes), so the reviews that say the word: its past participles, not the bare noun, which "no
#: damage" praise holds too.
_DAMAGE = re.compile(r"\b(?:damag\w*|dented|crushed|smashed)\b", re.I)
_DAMAGE_FORMS = '"damaged/dented/crushed/smashed"'
#: What makes a damage question one about reviews (not "which orders were damaged", which no upload records).
_REVIEW_CONTEXT = re.compile(r"\b(?:reviews?|reviewers?|ratings?|feedback|complain\w*|mention\w*|revs?|"
                             r"(?:customers?|people|buyers?|shoppers?) (?:who )?(?:are |were )?(?:said|say|says|saying|"
                             r"wrote|write|writing|report\w*))\b", re.I)


#: What a parcel arrives in, damaged ("damaged boxes", "crushed parcels", "the box arrived dented"): the shipping,
#: not a product whose title holds the word ("Storage Box") - a longer name the merchant typed stays that product.
_CONTAINER = r"(?P<c>box(?:es)?|parcels?|packages?|packaging|cartons?|packets?|envelopes?|shipments?|deliveries)"
_DAMAGED_CONTAINER = re.compile(
    r"\b(?:damag\w*|dented|crushed|smashed|squashed|broken|torn|ripped|battered)\s+(?:\w+\s+)?" + _CONTAINER + r"\b|"
    r"\b" + _CONTAINER.replace("?P<c>", "?P<d>") + r"\s+(?:that\s+)?(?:arrived|came|was|were|got|turned\s+up|"
    r"showed\s+up)\s+(?:\w+\s+)?(?:damag\w*|dented|crushed|smashed|squashed|broken|torn|ripped|battered)\b", re.I)


def damaged_containers(question: str) -> list[tuple[int, int]]:
    """Where a word for the parcel stands beside a word of damage ("damaged boxes"): no product's name there."""
    return [m.span("c") if m.group("c") else m.span("d") for m in _DAMAGED_CONTAINER.finditer(question)]


def _damage_search(question: str, taken: Sequence[tuple[int, int]]) -> ReviewQuestion | None:
    """The word search for damage on arrival, when a review question asks about damage."""
    found = _DAMAGE.search(question)
    if found is None or not _outside(found.span(), taken) or _REVIEW_CONTEXT.search(question) is None:
        return None
    return ReviewQuestion("aspect", _DAMAGE_FORMS, found.span())


def read_review_question(question: str, taken: Sequence[tuple[int, int]] = (),
                         names: Sequence[tuple[int, int]] = ()) -> ReviewQuestion | None:
    """The review ask of ``question``, narrowed to the star ratings it names and shown one by one when asked.

    "What do 1-star reviewers complain about?" is the complaints of the 1-star reviews (not of all reviews, nor
    a count of them); "show me angry reviews" lists the most negative reviews; "how many 1-star reviews" stays a
    count (``None``: the metrics layer's). See :func:`_read_ask` for the ask itself.
    """
    if products_reviewed(question) == "unreviewed":
        return None  # "products without any reviews": the catalogue's products, counted, not what reviews say
    if (quoted := _QUOTED_WORD.search(question)) is not None:
        group = "w" if quoted.group("w") else "w2"
        if _outside(quoted.span(group), taken):
            # "how many reviews mention 'leak'": that word as typed (its inflections), not the concept it may name
            return ReviewQuestion("aspect", f'"{quoted.group(group).lower()}"', quoted.span(group))
    if (word := _search_word(question, taken) or _damage_search(question, taken)) is not None:
        return word
    taken = [*taken, *(m.span() for rx in (_NO_ASPECT, _OUR_REPLY) for m in rx.finditer(question))]
    # "any common thread": no stitching; "complaints we should respond to": our reply, no customer-service topic
    stars = star_levels(question)
    if stars is not None and not _outside(stars.span, taken):
        stars = None  # "Toaster 4-Slice" or a title's number: no star filter
    levels = stars.levels if stars is not None else None
    if _BUYING.search(question) or _SPAM.search(question):
        return _read_ask(question, taken, names)
    if (listing := review_listing(question, stars is not None)) is not None:
        ask: ReviewAsk = "complaints" if listing.startswith("negative") else \
            "praise" if listing.startswith("positive") else "sentiment_overview"
        # "the last 10 reviews", "display the harshest feedback": no aspect "last" or "display"
        own = [m.span() for rx in (_LATEST, _SHOW) for m in rx.finditer(question)]
        about = _read_ask(question, [*taken, *own], names)  # "show me reviews complaining about delivery": that one
        return ReviewQuestion(ask, about.aspect if about is not None else None,
                              about.span if about is not None else None, stars=levels, listing=listing,
                              count=_listed_count(question))
    base = _read_ask(question, taken, names)
    if levels is None or _STAR_COUNTING.search(question):
        return base
    if base is None:
        if not _STAR_READING.search(question):
            return None  # "5 star reviews last month": a count
        summary = re.search(r"\b(?:summar\w*|overview|gist|tell me about)\b", question, re.I)
        base = ReviewQuestion("sentiment_overview" if summary or 2 < max(levels) and min(levels) < 4
                              else "complaints" if max(levels) <= 2 else "praise")
    elif base.aspect is None and base.ask in ("complaints", "praise", "sentiment_overview", "aspect"):
        said_bad = bool(_UNHAPPY.search(question) or _NEGATED_PRAISE.search(question) or _BAD_ASPECT.search(question))
        said_good = bool(_ASPECT_PRAISE.search(question) or _LIKE.search(question)) and not said_bad
        if not said_bad and not said_good:  # "themes in 5-star reviews": what those stars say, by the stars
            base = replace(base, ask="complaints" if max(levels) <= 2 else "praise" if min(levels) >= 4
                           else "sentiment_overview")
    return replace(base, stars=levels)


#: Idioms whose words an aspect table knows ("a common thread" is no stitching, "on the whole" no hole).
_NO_ASPECT = re.compile(r"\b(?:common|recurring|main|red)\s+threads?\b|\bon the whole\b|\bin a nutshell\b|"
                        r"\bbig picture\b|"
                        # how long the reviews are ("the average review length"): no product's length or size
                        r"\breviews?\s+length\b|\blength\s+of\s+(?:the\s+|our\s+|my\s+)?reviews\b", re.I)
#: Words that make a star-rated question a count or a figure, not a reading of what those reviews say.
_STAR_COUNTING = re.compile(r"\b(?:how many|number of|count|total|average|avg|mean|share|percent\w*|proportion|"
                            r"fraction|ratio|breakdown|distribution|split|by (?:month|week|day|product|category|"
                            r"brand|channel)|per|monthly|weekly|trend\w*|which (?:products?|items?|skus?|brands?|"
                            r"categor(?:y|ies))|(?:most|fewest|least)\s+(?:[1-5]|one|two|three|four|five)\b)\b|%", re.I)
#: Words that ask what reviews of some stars say ("why did people leave 1 star?", "themes in 5-star reviews").
_STAR_READING = re.compile(r"\b(?:why|what|themes?|topics?|threads?|reasons?|issues?|problems?|say\w*|mention\w*|"
                           r"talk\w*|about|write|wrote|written|summar\w*|overview|gist|tell me about)\b", re.I)

#: Verbs that ask to see reviews one by one ("show me", "list", "read me", "pull up", "examples of").
_SHOW = re.compile(r"\b(?:show|list|read|display|pull up|bring up|fetch|paste|quote|quotes|verbatims?|examples?|"
                   r"samples?|(?:let me|can i|could i|i want to|i'd like to) see|(?:give|get|send) me)\b", re.I)
#: "share some glowing feedback", "share quotes from unhappy customers": share as a verb of showing, not a share of
#: a total ("what share of reviews are negative?").
_SHARE_VERB = re.compile(r"\bshare\b(?!\s+of\b)(?=\s+(?:with\s+(?:me|us)\s+)?(?:a|an|some|few|any|the|our|\d+|two|"
                         r"three|five|ten|quotes?|verbatims?|examples?|samples?|reviews?|feedback|comments?|"
                         r"testimonials?|customer|buyer|glowing|positive|negative|bad|good|happy|unhappy|angry)\b)",
                         re.I)
#: What reviews are shown as: the reviews, or their words quoted ("a few customer quotes", "verbatims").
_REVIEW_NOUN = r"(?:reviews?|revs|feedback|comments?|complaints?|testimonials?|quotes|verbatims?)"
#: Adjectives of a review shown one by one that need no verb ("the worst reviews for X", "angry reviews").
_MOST_NEGATIVE = re.compile(r"\b(?:angr(?:y|iest)|furious|nast(?:y|iest)|harsh(?:est)?|scathing|brutal|rud(?:e|est)|"
                            r"meanest|worst|most negative|most critical|savage|toughest)\b(?:\s+[\w-]+){0,2}?\s+"
                            + _REVIEW_NOUN + r"\b", re.I)
_MOST_POSITIVE = re.compile(r"\b(?:glowing|rave|raving|best|most positive|nicest|kindest|happiest|warmest|"
                            r"gushing)\b(?:\s+[\w-]+){0,2}?\s+" + _REVIEW_NOUN + r"\b", re.I)
#: Plain polarity words, which list reviews only beside a verb that asks to see them ("show me negative reviews").
_NEGATIVE_WORD = re.compile(r"\b(?:negative|neg|bad|poor|critical|unhappy|upset|disappointed|low[- ]rated|angry|"
                            r"annoyed|frustrated|dissatisfied|irate|"
                            r"complaints?|complaining)\b", re.I)
_POSITIVE_WORD = re.compile(r"\b(?:positive|good|great|nice|happy|pleased|satisfied|high[- ]rated|praise|delighted|"
                            r"thrilled|"
                            r"glowing|kind)\b", re.I)
#: "latest", "newest", "most recent", "the last 3": newest first.
_LATEST = re.compile(r"\b(?:latest|newest|most recent|recent|last\s+(?:\d+|few|couple|five|ten|three)|new)\b"
                     r"(?:\s+[\w-]+){0,2}?\s+" + _REVIEW_NOUN + r"\b|\b" + _REVIEW_NOUN
                     + r"\s+(?:came in\s+)?(?:lately|recently)\b", re.I)
#: A question that ranks, counts or charts reviews ("which products have the worst reviews?", "show me the
#: average rating by month"): the metrics layer's, whatever its verb.
_NOT_A_LISTING = re.compile(r"\b(?:how many|number of|count|share|percent\w*|average|avg|ratings?|rated|which|"
                            r"what (?:products?|items?|brands?|categor(?:y|ies))|who|by (?:month|week|day|product|"
                            r"category|brand|channel|stars?)|per|trend\w*|breakdown|distribution|chart|graph|"
                            r"reviewed)\b|\b(?:reviews?|revs)\s+(?:products?|items?|skus?|brands?)\b|"
                            r"\b(?:products?|items?|skus?|brands?|categor(?:y|ies)|channels?)\s+(?:with|that|having|"
                            r"getting|get|have|has)\b|%", re.I)
#: Words that ask for a summary ("themes in negative reviews", "what do angry customers say?"), unless a verb asks
#: to see the reviews ("give me examples of positive comments about packaging").
#: Themes asked for ("the biggest pain points in reviews lately", "top gripes"): what reviews say, not a listing.
_THEMES_ASKED = re.compile(r"\b(?:biggest|main|top|common|key|recurring|most common|major)\s+(?:pain points?|gripes?|"
                           r"complaints?|issues?|problems?|moans?|grumbles?|praise|compliments?)\b|\bpain points?\b",
                           re.I)
_SUMMARY_WORDS = re.compile(r"\b(?:themes?|topics?|summar\w*|about|say\w*|complain about|mention\w*)\b", re.I)
#: "Which negative reviews are most recent": the reviews asked for by date, the recency said after them.
_LATEST_AFTER = re.compile(r"\b(?:which|what)\s+(?:[\w-]+\s+){0,2}?" + _REVIEW_NOUN
                           + r"\s+(?:are|were|is|was|came\s+in|arrived|got\s+posted|were\s+posted)\s+(?:the\s+)?"
                           r"(?:most\s+recent(?:ly)?|newest|latest|last)\b", re.I)
#: The merchant answering reviews ("complaints we should respond to"): our reply, not the customer-service topic.
_OUR_REPLY = re.compile(r"\b(?:we|i)\s+(?:(?:should|must|could|can|need\s+to|have\s+to|ought\s+to)\s+)?"
                        r"(?:respond|reply|answer)\w*(?:\s+to)?\b", re.I)
#: One review named by its date ("the latest 1-star review", "our most recent negative review"): read out.
_ONE_LATEST = re.compile(r"\b(?:the|our|my)\s+(?:latest|newest|most recent|last)\s+(?:[\w-]+\s+){0,2}?"
                         r"(?:review|comment|complaint)\b(?!s)", re.I)
#: Customers quoted ("give me a quote from a happy customer", "quote some unhappy buyers"): their reviews, shown.
_QUOTED_PEOPLE = re.compile(r"\b(?:quot(?:e|es|ing)|verbatims?)\b[^?.!]{0,40}?\b(?:customers?|buyers?|reviewers?|"
                            r"shoppers?|clients?)\b", re.I)
#: "Which reviews should we reply to first?": the newest negative ones (the reviews a merchant answers first).
_REPLY_FIRST = re.compile(r"\b(?:respond|reply|answer)\w*\s+(?:to\s+)?(?:first|next|now|today|asap|urgently|"
                          r"soonest)\b|\b(?:prioriti[sz]e|first)\b[^?.!]{0,30}\b(?:respond|reply|answer)", re.I)
_WORDS_COUNT = {"a few": 5, "few": 5, "couple": 2, "a couple": 2, "three": 3, "five": 5, "ten": 10, "two": 2,
                "four": 4}


def review_listing(question: str, starred: bool = False) -> Listing | None:
    """Which reviews the question asks to see one by one, or ``None`` when it asks for a figure or a summary.

    "Show me angry reviews", "the worst reviews for X", "give me a few glowing reviews" -> the most negative
    (positive) by sentiment score; "latest negative reviews", "pull up some recent complaints" -> those of that
    polarity, newest first; "the last 3 reviews we got", "show me 1-star reviews" (``starred``) -> the newest.
    "Which products have the worst reviews?" ranks products, "what do angry customers say?" summarises: neither.
    """
    noun = re.search(r"\b" + _REVIEW_NOUN + r"\b", question, re.I) is not None
    if noun and _OUR_REPLY.search(question) and _REPLY_FIRST.search(question):
        return "negative_latest"  # "which reviews should we reply to first?": the newest negative ones
    # "what did the latest 1-star review say?": that one review read out, not the themes of them all
    quoted = _QUOTED_PEOPLE.search(question) is not None  # "a quote from a happy customer": a review shown
    summary = bool(_SUMMARY_WORDS.search(question) or _THEMES_ASKED.search(question))
    # "share the review summary of X" asks for the summary; "share quotes about X" to see them
    shared = _SHARE_VERB.search(question) is not None and not re.search(r"\b(?:summar\w*|overview|themes?|topics?|"
                                                                          r"gist)\b", question, re.I)
    if shared:
        question = _SHARE_VERB.sub("show", question)  # the verb, so no share of a total is read below
    shown = bool(_SHOW.search(question)) or bool(_ONE_LATEST.search(question)) or quoted
    after = _LATEST_AFTER.search(question) is not None
    if re.search(_NOW_AGAINST_BEFORE, question, re.I):
        return None  # "shipping complaints lately vs before?": how they moved, not the latest ones listed
    if (_NOT_A_LISTING.search(question) and not after) or (summary and not shown):
        return None
    latest = bool(_LATEST.search(question)) or after
    if not (noun or quoted):
        return None
    negative = bool(_MOST_NEGATIVE.search(question)) or (shown or latest) and bool(_NEGATIVE_WORD.search(question))
    positive = bool(_MOST_POSITIVE.search(question)) or (shown or latest) and bool(_POSITIVE_WORD.search(question))
    if negative == positive:
        negative = positive = False  # neither, or both ("best and worst"): by date
    if not (shown or latest or negative or positive):
        return None
    polarity = "negative" if negative else "positive" if positive else ""
    if latest or (not polarity and (shown or starred)):
        return f"{polarity}_latest" if polarity else "latest"  # type: ignore[return-value]
    return polarity or None  # type: ignore[return-value]


def _listed_count(question: str) -> int | None:
    """How many reviews the question asks to see ("the 5 latest", "last 3", "a couple"), else ``None``."""
    if m := re.search(r"\b(\d{1,2})(?!\s*-?\s*stars?\b)\s+(?:[\w-]+\s+){0,3}?" + _REVIEW_NOUN + r"\b", question,
                      re.I):
        return max(1, min(20, int(m.group(1))))
    if m := re.search(r"\b(?:last|latest|top|first)\s+(\d{1,2})\b(?!\s*-?\s*stars?\b)", question, re.I):
        return max(1, min(20, int(m.group(1))))
    if m := re.search(r"\b(a few|few|a couple|couple|three|five|ten|two|four)\b", question, re.I):
        return _WORDS_COUNT[m.group(1).lower()]
    return None


def _read_ask(question: str, taken: Sequence[tuple[int, int]] = (),
              names: Sequence[tuple[int, int]] = ()) -> ReviewQuestion | None:
    """The review ask of ``question`` (aspect, praise, complaints, spam or what reviews say), else ``None``.

    ``taken``: spans of the tenant's names and the time phrases (an aspect word inside a product title,
    "Large Cutting Board", is the product's name, not an aspect). ``names``: the spans of the tenant's names
    alone ("what's wrong with the <product>?" asks what its reviews complain about). An aspect spoken of badly
    ("any complaints about price?", "delivery being late") is a complaints ask about that aspect, one praised
    ("what do people love about the packaging?") a praise ask about it; a question about what reviews say that
    neither counts, ranks nor asks how they moved ("what do reviewers think of the <product>?") asks for their
    overview.
    """
    if _BUYING.search(question):
        return None
    if _SPAM.search(question):
        return ReviewQuestion("spam")
    if m := _RETURN_REASON.search(question):  # "most common reason for returns": what those reviews complain of
        return ReviewQuestion("complaints", m.group("what").lower(), m.span("what"))
    if _MOST_COMPLAINTS.search(question) and (_RANKED_THINGS.search(question) or _RANKED_PRODUCTS.search(question)):
        return _ranked_by_aspect(question, taken)  # "which brand has the most complaints": the metrics layer's
    # a cue inside one of the tenant's names is the name's word ("units of The Forever Love Bear"): no review cue
    said = without_names(question, names)
    liked = bool(_LIKE.search(said))
    talks = liked or bool(_TALK.search(said)) or (bool(_WEAK_TALK.search(said)) and bool(_WHO.search(said)))
    wrong_with = any(_WRONG_WITH.search(question[:start]) for start, _ in names)
    bad = bool(_UNHAPPY.search(said) or _BAD_ASPECT.search(said) or _NEGATED_PRAISE.search(said))
    # "are delivery problems increasing?", "is customer service getting better?": whether a theme of the reviews grows
    moving = bool(_THEME_TREND.search(said))
    if not talks and not wrong_with and not bad and not moving:
        return None
    from shared.sentiment.mentions import aspect_words, resolve_aspect  # only for review questions (import cost)

    taken = [*taken, *(m.span() for m in _UNHAPPY.finditer(question))]  # "gripes" is no "grip" (handle)
    praised = (liked or bool(_ASPECT_PRAISE.search(question))) and not bad
    for start, end, word in aspect_words(question):
        if not _outside((start, end), taken):
            continue
        own_records = resolve_aspect(word).name in _OUR_OWN_RECORDS
        if not talks and not wrong_with and own_records and not (moving and _PROBLEMS.search(question)):
            continue  # "prices too high", "late deliveries" without a word of the reviews may be about our data
        ask: ReviewAsk = "complaints" if bad or moving else "praise" if praised else "aspect"
        return ReviewQuestion(ask, word, (start, end), trend=moving)
    if not talks and not wrong_with:
        return None  # "any quality issues?" is the reviews'; "any issues?" alone is not
    if (m := _ABOUT_ONE_WORD.search(question)) and _outside(m.span("w"), taken) \
            and m.group("w").lower() not in _NOT_ASPECTS:
        return ReviewQuestion("aspect", m.group("w").lower(), m.span("w"))  # a word the tables lack: "design"
    if _NEGATED_PRAISE.search(question) or _UNHAPPY.search(question) or wrong_with:
        return ReviewQuestion("complaints")  # "why are customers unhappy with X": what they complain about
    if (liked or _PRAISE.search(question)) and not _COMPLAINT.search(question):
        return ReviewQuestion("praise")
    if _TO_ACT_ON.search(question):
        return ReviewQuestion("complaints")  # "what should I fix based on reviews?": what they complain about
    if _COUNTING.search(question) or _FALLING.search(question) or asks_sentiment_change(question) \
            or re.search(r"\bwhy\b", question, re.I):
        return None
    if _NEGATIVE_REVIEWS.search(question):  # "show me the negative reviews", "themes in negative reviews"
        return ReviewQuestion("complaints") if _READ_THEM.search(question) else None  # "neg reviews May": a count
    return ReviewQuestion("sentiment_overview")  # "what do reviewers think of the X?": what they say of it


def _ranked_by_aspect(question: str, taken: Sequence[tuple[int, int]]) -> ReviewQuestion | None:
    """The products ranked by one aspect's complaints ("which item do people complain about packaging the most?").

    ``None`` without an aspect or for brands: the negative reviews ranked by the metrics layer ("which brand has the
    most complaints").
    """
    if not _RANKED_PRODUCTS.search(question):
        return None
    from shared.sentiment.mentions import aspect_words  # only for review questions (import cost)

    for start, end, word in aspect_words(question):
        if _outside((start, end), taken):
            return ReviewQuestion("complaints", word, (start, end), ranked=True)
    return None


def asks_sentiment_change(question: str) -> bool:
    """Whether the question asks how review sentiment moved ("has the sentiment improved since March?").

    "Why are ratings falling" is a cause (the agents); "which products ..." a ranking: neither is this.
    """
    if re.search(r"\b(?:why|which|what products|cause\w*|reason\w*)\b", question, re.I):
        return False
    return bool(_SENTIMENT_CHANGE.search(question))


#: Days of the recent window a change of sentiment is read over when the question names no period (the
#: sentiment agent's rating-decline window): a month holds too few reviews of a small shop to tell a change.
RECENT_REVIEW_DAYS = 90


def change_period(time: TimeReading, today: date) -> TimeReading:
    """The periods a change of sentiment compares: the one asked against the one before it.

    "Have reviews gone downhill this autumn?" compares autumn with the period before; "is sentiment improving?"
    names no period, so the last :data:`RECENT_REVIEW_DAYS` days to ``today`` are compared with as many days
    before (never every review with nothing). "Ever" keeps all the data.
    """
    from shared.questions.timephrase import make_range

    if time.range is None and not time.all_time:
        start = today - timedelta(days=RECENT_REVIEW_DAYS - 1)
        return replace(time, range=make_range(start, today, f"the last {RECENT_REVIEW_DAYS} days"),
                       compare="previous_period")
    if time.range is not None and time.compare is None:
        return replace(time, compare="previous_period")
    return time


_NUM = r"(?:[1-5]|one|two|three|four|five)"
_NUM_VALUE = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
#: "1-star", "4 and 5 star", "4-5 stars", "one or two stars", "4+ stars", "3 stars or less", "below 3 stars".
_STARS = re.compile(
    r"(?<![\d.])(?P<below>(?:below|under|less than|fewer than)\s+)?(?P<list>" + _NUM + r"(?:\s*(?:,|and|or|to|-|–|&|/)"
    r"\s*" + _NUM + r")*)(?P<plus>\+)?\s*-?\s*stars?\b(?:\s+(?P<after>or (?:less|fewer|lower|below|under|worse|more|"
    r"higher|above|better|over)|and (?:below|under|lower|above|over|up|higher)))?", re.I)
_OUT_OF = re.compile(r"\bout of\s*$", re.I)


@dataclass(frozen=True)
class StarLevels:
    """The star ratings a question names ("1-star reviews" -> (1,)) and where it names them."""

    levels: tuple[int, ...]
    span: tuple[int, int]

    @property
    def values(self) -> list[str]:
        """The levels as the metrics layer's ``stars`` dimension names them ("1 star", "5 stars")."""
        return [f"{n} star{'s' if n != 1 else ''}" for n in self.levels]


def star_levels(question: str) -> StarLevels | None:
    """The star ratings a question counts reviews of, else ``None`` ("out of 5 stars" is a scale, not a level)."""
    for m in _STARS.finditer(question):
        if _OUT_OF.search(question[:m.start()]):
            continue
        nums = [int(t) if t.isdigit() else _NUM_VALUE[t.lower()] for t in re.findall(_NUM, m.group("list"), re.I)]
        after = (m.group("after") or "").lower()
        if m.group("below"):
            levels = list(range(1, min(nums)))
        elif m.group("plus") or re.search(r"more|higher|above|better|over|up", after):
            levels = list(range(min(nums), 6))
        elif after:
            levels = list(range(1, max(nums) + 1))
        elif len(nums) == 2 and re.search(r"\d\s*(?:to|-|–)\s*\d|\w\s+to\s+\w", m.group("list")):
            levels = list(range(min(nums), max(nums) + 1))
        else:
            levels = sorted(set(nums))
        if levels and _NOT_THESE.search(question[:m.start()]):
            levels = [k for k in range(1, 6) if k not in levels]  # "reviews that aren't 5 stars": the other levels
        if levels:
            return StarLevels(tuple(levels), m.span())
    return None


#: A negation right before the stars ("aren't 5 stars", "not 1-star", "other than 5 stars", "except 1 star").
_NOT_THESE = re.compile(r"(?:\b(?:not|aren't|isn't|weren't|wasn't|are not|is not|other than|except|excluding|"
                        r"besides|apart from)|\bnon-?)\s*(?:a\s+|an\s+|rated\s+|given\s+)?$", re.I)


#: "revs for vase", "what do people say about the bamboo lamp": the thing whose reviews are asked about, named last.
_REVIEWED_THING = re.compile(
    r"\b(?:reviews?|revs|re(?:vei|vi|ive)ws?|ratings?|feedback|complaints?|say(?:ing)?|think(?:ing)?|feel)\s+"
    r"(?:for|of|on|about)\s+(?:the\s+|our\s+|my\s+)?(?P<name>[a-z][\w'-]*(?:\s+[a-z][\w'-]*){0,3}?)\s*[?.!]*\s*$", re.I)


#: "the vase's reviews", "our sofa's average rating": a possessive name whose reviews or rating are asked.
POSSESSIVE_SUBJECT = re.compile(
    r"\b(?:the|our|my)\s+(?P<name>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}?)['’]s\s+"
    r"(?:(?:average|avg|overall|star|mean|customer)\s+)?(?:reviews?|revs|ratings?|stars?|complaints?|feedback|"
    r"sentiment|score)\b", re.I)


def reviewed_thing(question: str, taken: Sequence[tuple[int, int]]) -> tuple[str, list[str]] | None:
    """The name a review question ends on when none of it is one of the tenant's names, and its words.

    The caller checks the words against the tenant's titles: "revs for vase" (or "the vase's reviews") in a shop
    without a vase is said, not answered with every product's reviews.
    """
    named = reviewed_name(question)
    if named is None or not _outside(named[1], taken):
        return None
    words = [w.lower() for w in re.findall(r"[a-z][\w'-]*", named[0], re.I)]
    return named[0], words


def reviewed_name(question: str) -> tuple[str, tuple[int, int]] | None:
    """The name whose reviews are asked ("revs for vase", "the lamp shade's reviews") and where it is, else ``None``."""
    m = _REVIEWED_THING.search(question) or POSSESSIVE_SUBJECT.search(question)
    return (m.group("name"), m.span("name")) if m is not None else None


#: "star rating breakdown", "how many reviews per star", "distribution of ratings": reviews counted by their stars.
_BY_STARS = re.compile(
    r"\b(?:by|per|each|for each) star(?:s| ratings?| levels?)?\b|\bstar(?: ratings?)? (?:breakdown|distribution|split|"
    r"mix|counts?)\b|\b(?:ratings?|reviews?) (?:breakdown|distribution|split|mix)\b|\b(?:breakdown|distribution|split|"
    r"mix) of (?:the |our |my )?(?:star )?(?:ratings|reviews|stars)\b", re.I)


def asks_star_breakdown(question: str) -> bool:
    """Whether the question asks for the reviews counted by star rating ("star rating breakdown")."""
    return bool(_BY_STARS.search(question))


#: "which products have no reviews", "never reviewed": the catalogue's products without a review.
_UNREVIEWED = re.compile(r"\b(?:no|zero|without(?: any)?|not (?:got |had |received )?any|"
                         r"(?:do|does|did|have|has)(?:n't| not) (?:(?:have|has|got|get|had|received) (?:any )?|"
                         r"any ))\s*"
                         r"(?:(?:[1-5]|one|two|three|four|five)[- ]stars?\s+)?(?:reviews?|ratings?)\b|"
                         r"\b(?:never (?:been )?|un)reviewed\b|\bnot (?:been )?reviewed\b|"
                         r"\b(?:nobody|no one|no-one|none of (?:our|the) customers) (?:has |have |had )?(?:ever )?"
                         r"(?:reviewed|rated)\b", re.I)
_PRODUCT_NOUN = re.compile(r"\b(?:products?|items?|skus?|listings?|garments?)\b", re.I)
#: "how many products have reviews": the products with at least one.
_REVIEWED_COUNT = re.compile(r"\bhow many (?:different |distinct |of (?:our|the|my) )?(?:products|items|skus|"
                             r"listings)\s+(?:have|has|got|get|received|with)\s+(?:at least one |any )?"
                             r"(?:reviews?|ratings?)\b", re.I)


#: "how many products have no negative reviews", "how many products got a 1-star review": products, not reviews.
_COUNTED_PRODUCTS = (r"\bhow many (?:different |distinct |of (?:our|the|my) )?(?:[\w&'-]+\s+){0,2}?"
                     r"(?:products|items|skus|listings)")
_NEGATIVE_PRODUCTS = re.compile(
    _COUNTED_PRODUCTS + r"\s+(?:have|has|got|get|received|with|had)\s+(?P<none>no|zero|not\s+had\s+any"
    r"|never\s+had\s+an?y?)?\s*(?:at least one |any |an? )?(?:negative|bad|poor|1[- ]star|one[- ]star|low[- ]star"
    r"|low)\s+(?:reviews?|ratings?)\b"
    r"|" + _COUNTED_PRODUCTS + r"\s+(?:have|has|got|get|received|had)\s+(?P<none2>no|zero)\s+(?:1|one|1-2|one or two)"
    r"[- ]star\s+(?:reviews?|ratings?)\b", re.I)


def products_with_negative(question: str) -> str | None:
    """``"with"`` for how many products have a negative (1-2 star) review, ``"without"`` for how many have none.

    The count is of products, not of reviews: "how many products have no negative reviews" is how many reviewed
    products have not one 1-2 star review, not the share of reviews that are negative.
    """
    m = _NEGATIVE_PRODUCTS.search(question)
    if m is None:
        return None
    return "without" if m.group("none") or m.group("none2") else "with"


def products_reviewed(question: str) -> str | None:
    """``"unreviewed"`` for the products without a review, ``"reviewed"`` for how many have one, else ``None``."""
    if _UNREVIEWED.search(question) and _PRODUCT_NOUN.search(question):  # "reviews with no rating": not this
        return "unreviewed"
    if _REVIEWED_COUNT.search(question):
        return "reviewed"
    return None


_PEOPLE = r"(?:customers?|buyers?|shoppers?|reviewers?|clients?|people|users?|folks)"
#: Comparative and superlative satisfaction said of customers, in the words of the rating it is measured by:
#: "which category has the happiest customers?" asks which has the highest average rating, "are reviews better for
#: A or B?" which of the two is rated higher. Each pattern -> the rating words the metric grammar reads.
_SATISFACTION: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:the\s+)?(?:happiest|most satisfied|most content|most pleased|most delighted|most loyal)\s+"
                + _PEOPLE + r"\b", re.I), "the highest average rating"),
    (re.compile(r"\b(?:the\s+)?(?:unhappiest|least (?:happy|satisfied|content|pleased)|most (?:unhappy|dissatisfied|"
                r"disappointed|annoyed)|angriest)\s+" + _PEOPLE + r"\b", re.I), "the lowest average rating"),
    (re.compile(r"\b(?:are\s+|is\s+)?(?:the\s+)?" + _PEOPLE + r"\s+(?:are\s+|seem\s+|feel\s+)?(?:happier|more "
                r"(?:satisfied|content|pleased))\b", re.I), " is the average rating higher"),
    (re.compile(r"\b(?:are\s+|is\s+)?(?:the\s+)?" + _PEOPLE + r"\s+(?:are\s+|seem\s+|feel\s+)?(?:unhappier|less "
                r"(?:satisfied|content|pleased|happy))\b", re.I), " is the average rating lower"),
    (re.compile(r"\b(?:happier|more satisfied)\s+" + _PEOPLE + r"\b", re.I), "a higher average rating"),
    (re.compile(r"\b(?:are\s+)?(?:the\s+)?(?:reviews|ratings)\s+(?:are\s+)?better\b(?!\s+than\s+(?:last|before|a\s))",
                re.I), " is the average rating higher"),
    (re.compile(r"\b(?:are\s+)?(?:the\s+)?(?:reviews|ratings)\s+(?:are\s+)?worse\b(?!\s+than\s+(?:last|before|a\s))",
                re.I), " is the average rating lower"),
    (re.compile(r"\b(?:better|nicer|more positive)\s+(?:reviews|ratings)\b", re.I), "a higher average rating"),
    (re.compile(r"\b(?:worse|more negative)\s+(?:reviews|ratings)\b", re.I), "a lower average rating"),
    # "which do customers rate higher, A or B?": the people who rate are the reviews' authors, no customer count
    (re.compile(r"\b(?:do|does|did)\s+(?:customers|people|buyers|shoppers|reviewers|users|clients)\s+rate\s+"
                r"(?:higher|better|more\s+highly)\b", re.I), "has the higher average rating"),
    (re.compile(r"\b(?:do|does|did)\s+(?:customers|people|buyers|shoppers|reviewers|users|clients)\s+rate\s+"
                r"(?:lower|worse|less\s+highly)\b", re.I), "has the lower average rating"),
    # "A rates higher", "better reviewed"; "do longer reviews rate lower?" is review length
    (re.compile(r"\brated\s+(?:higher|better)\b|(?<!reviews )(?<!review )\b(?:rates|rate)\s+(?:higher|better)\b|"
                r"\b(?:better|more highly)[- ]reviewed\b", re.I),
     "higher in average rating"),
    # "A rates higher", "better reviewed"; "do longer reviews rate lower?" is review length
    (re.compile(r"\brated\s+(?:lower|worse)\b|(?<!reviews )(?<!review )\b(?:rates|rate)\s+(?:lower|worse)\b|"
                r"\b(?:worse|more poorly)[- ]reviewed\b", re.I),
     "lower in average rating"),
)
#: "stack up against", "measure up to": a comparison, said as "compare with" when the question is about reviews.
_STACK_UP = re.compile(r"\bstack(?:s|ed|ing)?\s+up\s+(?:against|to|with)\b|\bmeasures?\s+up\s+(?:against|to)\b", re.I)
_REVIEWS_NAMED = re.compile(r"\b(?:reviews?|ratings?|rated|reviewed|stars)\b", re.I)
#: A question about how ratings move over time keeps its words ("are reviews getting better?").
_OVER_TIME = re.compile(r"\b(?:getting|gotten|got|becom\w*|going|gone|improv\w*|since|lately|recently|over time|"
                        r"than (?:before|last|a (?:month|year|week|quarter)))\b", re.I)


def satisfaction_as_rating(text: str) -> str:
    """``text`` with comparative or superlative customer satisfaction written as the average rating it is.

    "Verified buyers" become "verified reviewers" (the reviews' flag, not a customer count).

    "Which category has the happiest customers?" -> "which category has the highest average rating?"; "are reviews
    better for A or B?" -> "is the average rating higher for A or B?". A change over time ("are reviews getting
    better?") and satisfaction with one aspect ("are customers happy with delivery?") are left as they are.
    """
    text = _VERIFIED_PEOPLE.sub(lambda m: f"{m.group(1)} reviewers", text)  # not a count of customers
    if _OVER_TIME.search(text):
        return text
    out = text
    for pattern, words in _SATISFACTION:
        out = pattern.sub(words, out)
    if _REVIEWS_NAMED.search(out):  # "how do reviews for A stack up against B": the two compared, not one overview
        out = _STACK_UP.sub("compare with", out)
    return re.sub(r"\s{2,}", " ", out).strip() if out != text else text


#: "verified buyers", "verified purchasers": the reviews' verified flag, not a customer count.
_VERIFIED_PEOPLE = re.compile(r"\b((?:un|non-?)?verified)\s+(?:customers?|buyers?|shoppers?|purchasers?|"
                              r"purchases?|clients?|owners?)\b", re.I)
_UNVERIFIED = re.compile(r"\b(?:unverified|non-?verified|not verified)\b", re.I)
_VERIFIED = re.compile(r"\bverified\b", re.I)
#: "verified" as a word of its own, not inside "unverified" / "non-verified" / "not verified".
_VERIFIED_ALONE = re.compile(r"(?<!\bun)(?<!\bnon)(?<!\bnon-)(?<!\bnot )\bverified\b", re.I)


#: A comparison word: "do verified buyers score lower?" sets them against the others.
_COMPARED = re.compile(r"\b(?:lower|higher|better|worse|happier|unhappier|more|less|differ\w*|compare\w*|vs\.?|"
                       r"versus)\b", re.I)


def verified_against_unverified(question: str) -> bool:
    """Whether the question sets verified reviews against unverified ones ("verified vs unverified ratings").

    "Do reviews from verified buyers score lower?" compares them with the others too.
    """
    verified = _VERIFIED_ALONE.search(question) is not None
    return verified and (_UNVERIFIED.search(question) is not None or _COMPARED.search(question) is not None)
_WITHOUT_TEXT = re.compile(
    r"\b(?:without|no|with no|missing|empty|blank|lacking)\s+(?:any\s+)?(?:text|(?:written\s+)?comments?|"
    r"written (?:reviews?|text|part)|words|review text|body)\b|\b(?:ratings?|stars?)[- ]only\b|"
    r"\bonly (?:a )?(?:star )?ratings?\b|\bjust (?:a )?(?:star )?ratings?\b", re.I)
_WITH_TEXT = re.compile(r"\b(?:with|have|has|having|contain\w*|includ\w*|left)\s+(?:a\s+|any\s+)?(?:text|"
                        r"(?:written\s+)?comments?|written (?:reviews?|text)|words)\b|"
                        r"\bwritten (?:comments?|reviews?)\b", re.I)
_UNRATED = re.compile(r"\b(?:no|without|missing|lacking)\s+(?:a\s+|any\s+)?(?:star\s+)?ratings?\b|\bunrated\b|"
                      r"\bnot rated\b", re.I)


def review_subset(question: str) -> dict[str, list[str]]:
    """The reviews a counting question narrows to by what each review holds, as the metrics layer's filters.

    "Rating from verified buyers only" -> ``{"verified": ["verified"]}``; "how many reviews without text" ->
    ``{"text": ["without text"]}``; "how many reviews have no star rating?" -> ``{"stars": ["no rating"]}``.
    Only for questions about reviews ("which products have no ratings" is the catalogue's).
    """
    out: dict[str, list[str]] = {}
    if verified_against_unverified(question):
        pass  # "are verified buyers happier than unverified ones": both, side by side (the "verified" dimension)
    elif _UNVERIFIED.search(question):
        out["verified"] = ["unverified"]
    elif _VERIFIED.search(question):
        out["verified"] = ["verified"]
    if _WITHOUT_TEXT.search(question):
        out["text"] = ["without text"]
    elif _WITH_TEXT.search(question):
        out["text"] = ["with text"]
    if _UNRATED.search(question) and re.search(r"\b(?:reviews?|revs|comments?)\b", question, re.I) \
            and not _PRODUCT_NOUN.search(question):
        out["stars"] = ["no rating"]
    return out
