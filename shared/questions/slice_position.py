"""A slice of the catalogue set against the market in comparative price idioms: the pricing agent's position (#18).

"How does Trailhead stack up on price against rivals?", "where does Acme sit on price vs the market?", "are Acme
goods dearer than what competitors charge?", "how do Kitchen prices measure up to other retailers?": a brand (or
vendor), a category, a product, or we ourselves, set against the market on price. The words come in three classes,
read together and never as whole sentences:

* a comparison: a verb of standing ("stack up", "measure up", "line up", "fare", "sit", "stand", "land", "rank",
  "come in") or a comparative ("dearer", "pricier", "cheaper", "more expensive" ... "than");
* price as what is compared: a price word ("price", "priced", "pricing", "dearer", "cheaper") or "price-wise";
* the market as the other side: competitors as a group ("rivals", "the competition", "other retailers"), "the
  market", "market prices", "the going rate", "what competitors charge".

Read after the market reader (whose asks are more exact), before the metrics reading: without it "how does X stack
up" was X's revenue, "where does X sit" X's place in a revenue ranking, and "dearer than what competitors charge"
the price index per competitor and product. A one-sided comparative ("dearer than ...") is the products above the
market (``overpriced``; "cheaper than ...": ``underpriced``); anything else the slice's price position. A sales
figure asked ("revenue vs competitors"), the price index by name or "compare on price" (the metrics layer's one
figure), a price change (a what-if) or a period compared ("vs last month") is not this. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared import regex as re
from shared.questions.market import COMPETITOR_NOUN, MarketAsk, price_change
from shared.questions.vocabulary import EntityMatch


def _rx(body: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{body})(?!\w)", re.I)


#: The market as the other side of a comparison: the competitors as a group (:data:`COMPETITOR_NOUN`), or these.
_MARKET = _rx(
    r"(?:the )?market(?:'s)?(?: prices?| rates?| levels?| average| median)?|market[- ]rates?|"
    r"(?:the )?going rates?|(?:other|rival|competing) (?:brands|sellers|stores|shops|retailers|sites)|"
    # "what competitors charge", "what the rivals ask for it", "what other shops sell them for"
    r"what (?:the |our |other )?(?:competitors?|rivals?|competition|others|other (?:shops|stores|sellers|"
    r"retailers)|everyone else|they) (?:charges?|asks?|wants?|sells? (?:\w+ )?for|gets?)"
)
#: A verb of standing, or a comparative: how one side measures against the other.
_STANDING = _rx(
    r"stack(?:s|ed|ing)? up|measur(?:e|es|ed|ing) up|lin(?:e|es|ed|ing) up|match(?:es|ed|ing)? up|"
    r"shap(?:e|es|ed|ing) up|hold(?:s|ing)? up|far(?:e|es|ed|ing)|sit(?:s|ting)?|stand(?:s|ing)?|"
    r"land(?:s|ed|ing)?|fall(?:s|ing)?|rank(?:s|ed|ing)?|com(?:e|es|ing) in|position(?:ed)?|"
    r"(?:look|compare)s?|stand(?:s)? (?:up )?against|(?:do|does|doing|did) (?:on|with) (?:price|pricing)"
)
_DEARER = _rx(r"(?:dearer|pricier|costlier|more (?:expensive|costly)|higher[- ]priced|priced higher) than")
_CHEAPER = _rx(r"(?:cheaper|less (?:expensive|costly)|lower[- ]priced|priced lower) than")
#: Price as what is compared.
_ON_PRICE = _rx(
    r"pric(?:e|es|ed|ing|ey)|price[- ]?wise|cost(?:s|ing)?[- ]?wise|dearer|pricier|cheaper|costlier|"
    r"(?:more|less) (?:expensive|costly)"
)
#: We ourselves as the subject ("how do we stack up", "where do our prices sit").
_WE = _rx(r"we|us|our|ours|i|my")
#: Not the position: a sales figure, the metrics layer's price index by name, or a period set against this one.
_NOT_POSITION = _rx(
    r"revenue|turnover|sales|orders|units|margins?|price index|index|"
    r"average (?:selling|sale|sold) price|asp|"
    r"(?:last|previous|this|next) (?:week|month|quarter|year)|year[- ]on[- ]year|yoy|"
    r"a (?:week|month|quarter|year) ago|before|history|over time|trend\w*|chang\w*"
)
#: "how do Trailhead products compare on price with the competition?": the metrics layer's one figure, the group's
#: price index (the sixteenth round's reading, kept).
_INDEX_WORDING = _rx(r"compare[sd]? on price")
_SLICES = frozenset({"brand", "category", "product", "sku"})


def slice_position(question: str, matches: Sequence[EntityMatch]) -> MarketAsk | None:
    """The pricing ask of a slice (or of us) set against the market on price, else ``None``.

    ``matches`` are the tenant's names found in ``question``; a named competitor is the versus answer's (not this).
    """
    if (
        any(m.kind == "competitor" for m in matches)
        or _NOT_POSITION.search(question)
        or _INDEX_WORDING.search(question)
        or price_change(question) is not None
    ):
        return None
    sliced = any(m.kind in _SLICES for m in matches) or _WE.search(question) is not None
    market = _MARKET.search(question) is not None or COMPETITOR_NOUN.search(question) is not None
    if not sliced or not market or _ON_PRICE.search(question) is None:
        return None
    dearer, cheaper = _DEARER.search(question), _CHEAPER.search(question)
    if dearer and not cheaper:
        return MarketAsk("overpriced")  # "are Acme goods dearer than what competitors charge?"
    if cheaper and not dearer:
        return MarketAsk("underpriced")
    if dearer or cheaper or _STANDING.search(question):
        return MarketAsk("price_position")  # "where does Acme sit on price vs the market?"
    return None
