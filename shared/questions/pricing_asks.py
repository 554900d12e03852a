"""Pricing questions in words the market reader did not know, read as the pricing agent's asks (#18).

Read before :func:`shared.questions.market.read_market`, from word classes and the tenant's own names only:

* "how price sensitive is X?", "is demand for X elastic?", "do customers care about price on X?": the
  ``elasticity`` ask (the pooled elasticity, which needs our sales only);
* "which category are we most overpriced in?": ``category_position`` (categories, not SKUs);
* "who is our toughest competitor on price?": ``undercut``;
* "how do we compare with PrimeGoods?", "price gap to MegaMart": ``versus_competitor``; "price gap to Amazon"
  where Amazon is no competitor of the tenant: said, not widened to every competitor;
* "which competitors sell X?", "how many competitors carry X?": ``competitor_prices`` (who prices it, and how);
* "are rivals running out of anything?", "which products can't be bought at our competitors?":
  ``competitor_stock``;
* "which items cost more in our shop than elsewhere?", "which SKUs could take a price increase?": ``overpriced`` /
  ``underpriced``;
* "X 10% cheaper -> sales?", "how would a 15% discount on X affect sales?": the what-if (a sales word is its
  outcome here, not a sales metric);
* "is the kettle's markup healthy?", "how much do we make per unit on X?": ``markup`` (price against cost);
* "did MegaMart run a promotion on Black Friday?", "was BargainBarn discounting?": ``competitor_promotions``.

:func:`no_competitor_prices` says what a competitor metric needs when the tenant never ingested a competitor price.
Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence

from shared import regex as re
from shared.models.records import DataKind
from shared.questions.lexicon import AGENT_CUES, METRIC_KINDS
from shared.questions.market import (
    COMPETITOR_NOUN,
    SIGNED_CHANGE,
    STOCK_WORD,
    MarketAsk,
    clause_spans,
    price_change,
)
from shared.questions.price_amounts import price_delta, price_target
from shared.questions.vocabulary import EntityMatch, Vocabulary, VocabularyIndex


def _rx(body: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{body})(?!\w)", re.I)


ELASTICITY = _rx(r"price[- ]?sensitiv\w*|sensitiv\w* to (?:the |a )?price\w*|(?:price )?elasticit\w*|"
                 # "how elastic is the toaster?": said of a product or its demand (not "the elastic waistband")
                 r"how (?:in)?elastic (?:is|are|was|were)|"
                 r"(?:care|cares|caring) (?:about|much about) (?:the )?price|"
                 r"(?:react|respond|reacts|responds)\w* to (?:a )?price (?:change|cut|rise|increase)s?|"
                 # "how responsive is Outdoor demand to price?", "how reactive are buyers to our prices?"
                 r"(?:responsive|reactive)(?:ness)? (?:[\w-]+ ){0,3}?to (?:the |a |our )?pric\w*")
#: "elastic" alone is a material ("the elastic waistband") unless demand, price or sales are the subject.
_ELASTIC_DEMAND = re.compile(r"\b(?:in)?elastic\b", re.I)
_DEMAND_WORD = _rx(r"demand|price|prices|pricing|sales|units")
#: A category asked about against the market, not the catalogue's own prices ("which category is the most expensive").
_AGAINST_MARKET = _rx(r"over-?priced|under-?priced|(?:price )?premium|markup|price gap|market|competit\w*|rivals?|"
                      r"(?:are|am) (?:we|i)")
_CATEGORY_WORD = _rx(r"(?:which|what) (?:categor(?:y|ies)|departments?)|in which (?:categor(?:y|ies)|departments?)|"
                    r"categor(?:y|ies) (?:are|is) (?:we|i)|"
                    # "our price position in each category vs competitors": every category ranked
                    r"(?:in|for|across|per) (?:each|every) (?:categor(?:y|ies)|department)|category by category")
_PRICE_SIDE = _rx(r"over-?priced|under-?priced|expensive|cheap\w*|pric(?:ey|ier|iest|ed)|dear\w*|above (?:the )?market|"
                  r"competitive(?:ly priced| on price)|price position(?:ing)?|"
                  r"(?:price )?premium|markup|price gap|"
                  r"below (?:the )?market|vs\.? (?:the )?(?:competitors?|competition|market)|against (?:the )?"
                  r"(?:competitors?|competition|market)")
#: The category asked about is the lowest against the market ("where are we cheapest", "most competitive").
_LOW_SIDE = _rx(r"under-?priced|cheap(?:est|er)?|least (?:expensive|pricey|dear)|lowest|below (?:the )?market|"
                r"most (?:competitive(?:ly)?|affordable)|best (?:value|priced)")
_WHO_SELLS = _rx(r"(?:which|what|how many) (?:competitors?|rivals?|retailers?|other (?:stores|shops|sellers))"
                 r"(?: also)? (?:sell|carry|carries|stock|list|have|offer|price)\w*|who else (?:sells|carries|stocks)")
_TOUGHEST = _rx(r"toughest|fiercest|strongest|most aggressive|biggest (?:threat|rival)|main threat|most dangerous")
#: "are we the cheapest on X", "are we still the lowest-priced option for X": our price against X's sellers.
_ARE_WE_CHEAPEST = _rx(r"(?:are|am|r) (?:we|i|u|you) (?:still |currently |really )?(?:the )?(?:cheapest|"
                       r"lowest[- ]priced|least expensive|best[- ]priced|lowest)\b(?! (?:share|days))")
_WHO_ASKS = _rx(r"who(?:'s| is| are)?")
#: "where are we being undercut", "on which lines are we getting undersold": us as the one undercut, asked where.
_WE_UNDERCUT = _rx(r"(?:are|am|were|'re|is) (?:we|i|us)? ?(?:being |getting )?(?:undercut|undersold|under-cut)|"
                   r"(?:we|i)(?:'re| are| am)? (?:being|getting) (?:undercut|undersold|under-cut)")
#: "on how many items does a competitor beat our price?", "which products do rivals undercut us on?": our products
#: asked for (counted or listed), with a competitor below us: the products the market sells for less, as "where are
#: we being undercut" (not the competitors ranked by how often they are below us).
_OUR_PRODUCTS_ASKED = _rx(r"(?:how many|which|what) (?:of (?:our|my) )?(?:products|items|skus|lines|listings)|where")
_BEATS_US = _rx(r"(?:beat\w*|undercut\w*|undersell\w*|under-?cut\w*) (?:us|me|our (?:price|prices|pricing))|"
                r"(?:cheaper|lower[- ]priced|less expensive) than (?:us|me|ours|we)")
_SOME_RIVAL = _rx(r"(?:a|any|some|the|our|other) (?:competitors?|rivals?|retailers?|sellers?|shops?|stores?)|"
                  r"competitors?|rivals?|the competition|anyone|anybody|someone|somebody|they")
#: "which competitor ...": a competitor asked for, not our products.
COMPETITOR_ASKED = _rx(r"(?:which|what) (?:competitors?|rivals?|retailers?|shops?|stores?|sellers?)")
_COMPARE = _rx(r"compar\w*|stack(?:s|ing)? up|measure(?:s)? up|gap|differen\w*|how far|versus|vs\.?|against|"
               r"line up")
#: "price gap to X", "compare us with X": X is the competitor the question is about.
_AGAINST_NAME = re.compile(r"\b(?:gap (?:to|with|vs\.?|versus|against|between us and)|compare (?:us |our prices? )?"
                           r"(?:to|with)|stack up against|vs\.?|versus)\s+(?:the\s+)?(?P<name>[A-Za-z][\w&'.-]*)", re.I)
_NOT_NAMES = frozenset("""us we me our them competitors competitor competition rivals rival market everyone others
the a an last this previous""".split())
_COMPETITOR_STOCK = _rx(r"running out|run(?:ning)? short|(?:run|ran|running|gone|went) dry|sold out|"
                        r"sell(?:ing)? out|can(?:'t|not) be (?:bought|had|found|ordered)|"
                        r"(?:not|no longer) (?:available|sold|selling|stocked)|unavailable")
_COSTS_MORE = _rx(r"(?:costs?|priced|sells?|selling|sold|charged?) (?:more|higher|dearer)\b[^?.!]{0,30}?\bthan "
                  r"(?:elsewhere|anywhere else|other (?:shops|stores|sellers|retailers)|(?:the )?competit\w*|rivals?)|"
                  r"(?:charg\w*|ask\w*|have|has|with|at) (?:a )?(?:price )?premium (?:over|to|vs\.?|versus|against|"
                  r"above) (?:the )?(?:competit\w*|market|rivals?|others|everyone)")
_COSTS_LESS = _rx(r"(?:costs?|priced|sells?|selling|sold|charged?) (?:less|lower|cheaper)\b[^?.!]{0,30}?\bthan "
                  r"(?:elsewhere|anywhere else|other (?:shops|stores|sellers|retailers)|(?:the )?competit\w*|rivals?)")
_ROOM_TO_RAISE = _rx(r"(?:could|can|would|might) (?:take|bear|handle|stand|absorb|support) (?:a )?"
                     r"(?:price (?:increase|rise|hike)|higher prices?)|room (?:to|for) (?:raise|increase|"
                     r"a price (?:increase|rise))")
#: A metric filtered to a competitor ("price index against MegaMart"): the metrics layer's question.
_METRIC = _rx(r"price index|revenue|turnover|orders|units sold|sales|average (?:selling|sale|sold) price|asp|"
              r"cheapest share")
#: A sales word as the what-if's outcome: "-> sales?", "affect sales", "what happens to sales".
_OUTCOME = re.compile(r"->|→|=>|\b(?:affect\w*|impact\w*|effect\w*|happens?|would|will|do to|change in|mean for)\b",
                      re.I)


def _outcome(question: str) -> bool:
    """Whether the what-if asks its outcome.

    A word for it ("what happens", "-> sales"), or a signed change followed by a sales word ("kettle +5% units?").
    """
    return _OUTCOME.search(question) is not None or SIGNED_CHANGE.search(question) is not None


def _named(matches: Sequence[EntityMatch], kind: str) -> list[str]:
    return list(dict.fromkeys(v for m in matches if m.kind == kind for v in m.values))


def _against(question: str, matches: Sequence[EntityMatch], index: VocabularyIndex | None,
             time_spans: Sequence[tuple[int, int]]) -> MarketAsk | None:
    """"price gap to X" / "compare with X" where X is not one of the tenant's competitors: said, not widened."""
    m = _AGAINST_NAME.search(question)
    if m is None:
        return None
    word = m.group("name").rstrip(".'")
    start, end = m.span("name")
    if word.lower() in _NOT_NAMES or any(s < end and start < e for s, e in time_spans):
        return None
    here = [x for x in matches if x.span[0] < end and start < x.span[1]]
    if any(x.kind == "competitor" for x in here):
        return None  # a competitor of the tenant: the versus answer
    channel = next((x.values[0] for x in here if x.kind == "channel"), None)
    if here and channel is None:
        return None  # a product, category or brand
    if channel is None and not word[:1].isupper():
        return None
    known = list(index.vocabulary.competitors) if index is not None else []
    return MarketAsk(unknown_competitor=channel or word, is_channel=channel is not None, known_competitors=known)


#: What a unit earns over its cost: "the kettle's markup", "is our margin on X healthy?" (a margin judged, not a
#: total).
_MARKUP = _rx(r"mark-?ups?|(?:thinnest|slimmest|skinniest|tightest|leanest) (?:[\w-]+ )?margins?|"
              r"margins? (?:[\w'’-]+ ){0,8}?(?:healthy|decent|enough|thin|too (?:low|thin|small)|"
              r"good enough|ok|okay|fine|sustainable)|how (?:healthy|good|thin|decent|fat) (?:is|are) (?:the |our )?"
              r"margins?")
#: What one unit of a named product earns ("how much do we make per unit on X?", "a healthy margin on X?"); without
#: a product it is the metrics layer's margin of a channel or period ("how much do we make per unit on amazon").
_PER_UNIT = _rx(r"(?:healthy|decent|thin|fat|good|poor|low|weak|strong) margins?|"
                # "what percent margin do we make on X", "X's margin in %": the margin as a share of the price
                r"(?:percent(?:age)?|%) margins?|margins? (?:in )?(?:percent(?:age)?|%)|"
                r"margins? (?:per|a|each) (?:unit|item|sale)|(?:per[- ]unit|unit) (?:margins?|profit)|"
                r"(?:make|makes|earn|earns|profit|clear)s? (?:per|a|each|on each|on every) (?:unit|item|one|sale)|"
                r"(?:make|earn|clear) (?:on|from) (?:each|every) (?:one|unit|item|sale|(?:[\w-]+ ){1,3}?(?:we|i) sell)")
#: The catalogue's markups ranked from the top ("which products have the fattest markups?"); without it the lowest
#: come first ("which products carry the thinnest markup?", the products a merchant should look at).
_HIGHEST_MARKUP = _rx(r"(?:highest|biggest|largest|fattest|fat|best|healthiest|richest|widest|juiciest|strongest|"
                      r"greatest|top|most) (?:[\w-]+ ){0,2}?mark-?ups?|mark-?ups? (?:are|is) (?:the )?(?:highest|"
                      r"biggest|largest|fattest|best|greatest)")
#: A markup against the market ("our markup over the competition"): the market position, not the cost.
_MARKET_MARKUP = _rx(r"market|competit\w*|rivals?|vs\.?|versus|over (?:the )?(?:others|everyone)")
#: A competitor's promotion ("did MegaMart run a promotion on Black Friday?", "was X discounting?").
_PROMOTION = _rx(r"promo(?:tion)?s?|promotional|discount(?:ing|ed|s)?|deals?|mark ?downs?|marked down|"
                 r"price cuts?|(?:any|a|an|their|its) (?:[\w-]+ ){0,3}?sales?\b(?! (?:of|figures|numbers|data))|"
                 r"on sale|sales? (?:event|price)s?|clearance")
#: What they did (past or now), not what we should do or a what-if.
_THEY_DID = _rx(r"did|was|were|is|are|has|have|had|ran|run|running|held|hold|which|any|who")
_OUR_MOVE = _rx(r"should|could|would|shall|if|we|us|our|i")


#: A margin asked at the market's price ("our margin on X at the market price", "margin on X if priced at the
#: competitor median", "what would we make on X matching the cheapest competitor"): the margin a unit at that price.
_MARGIN_WORD = _rx(r"margins?|mark-?ups?|profit (?:per|a) unit|(?:make|earn|clear) (?:per|a|on)")
_AT_MARKET = _rx(r"(?:at|to|with|matching|matched|match) (?:the )?(?:market(?:'s)?(?: price| rate| level)?|"
                 r"(?:median|average|typical) (?:competitor|market|rival)(?:'s)?(?: price)?|"
                 r"(?:competitors?|rivals?)(?:'s?)? (?:median|average|price|prices|level))|"
                 r"(?:priced|selling|sold|sell) (?:at|like) (?:the )?(?:market|competitor median|competitors?)|"
                 # "if we charged the market price", "charging what competitors charge"
                 r"(?:charged|charging|charge|asked|asking) (?:the )?(?:market(?:'s)? (?:price|rate)|"
                 r"(?:median|average|typical) (?:competitor|market|rival)(?:'s)? price|what (?:competitors|rivals) "
                 r"(?:charge|ask))|"
                 r"(?:competitor|market) median")
_AT_LOWEST = _rx(r"(?:cheapest|lowest) (?:competitor|rival|price|seller)")


def _margin_at_market(question: str) -> str | None:
    """"median" or "lowest" when a margin is asked at the market's (or the cheapest rival's) price, else ``None``."""
    if _MARGIN_WORD.search(question) is None:
        return None
    if _AT_LOWEST.search(question) and re.search(r"\b(?:at|match\w*)\b", question, re.I):
        return "lowest"
    return "median" if _AT_MARKET.search(question) else None


def _reads_markup(question: str, group: bool, products: bool) -> bool:
    said = _MARKUP.search(question) is not None or (products and _PER_UNIT.search(question) is not None)
    return said and not group and _MARKET_MARKUP.search(question) is None


#: "did Walmart run a promotion": a capitalised seller as the subject of what was done.
_SUBJECT_NAME = re.compile(r"\b(?:did|was|were|has|have|is|are)\s+(?P<name>[A-Z][\w&'.-]*)\s+(?:\w+\s+)?"
                           r"(?:run|running|ran|have|having|had|hold|holding|held|do|doing|discount\w*|offer\w*|on)\b")


def _reads_promotion(question: str, group: bool, change: float | None) -> bool:
    """A competitor's promotion: a competitor (named or as a group) and a promotion word, no move of ours."""
    return group and change is None and _PROMOTION.search(question) is not None \
        and _THEY_DID.search(question) is not None and _OUR_MOVE.search(question) is None


def _unknown_promoter(question: str, matches: Sequence[EntityMatch], index: VocabularyIndex | None,
                      change: float | None) -> MarketAsk | None:
    """A seller named as having run a promotion that is no competitor of the tenant ("did Walmart ...?").

    It is said; without any competitor prices at all it is the promotions ask, which says that they are needed.
    """
    m = _SUBJECT_NAME.search(question)
    if m is None or not _reads_promotion(question, True, change) or any(
            x.span[0] < m.end("name") and m.start("name") < x.span[1] for x in matches):
        return None
    known = list(index.vocabulary.competitors) if index is not None else []
    return MarketAsk(unknown_competitor=m.group("name"), known_competitors=known) if known else \
        MarketAsk("competitor_promotions")


def read_pricing_ask(question: str, matches: Sequence[EntityMatch], index: VocabularyIndex | None,
                     time_spans: Sequence[tuple[int, int]] = ()) -> MarketAsk | None:
    """The pricing ask ``question`` makes in words :func:`~shared.questions.market.read_market` does not read."""
    named = _named(matches, "competitor")
    products = bool(_named(matches, "sku") or _named(matches, "product"))
    group = bool(COMPETITOR_NOUN.search(question)) or bool(named)
    change = price_change(question)
    if products and change is None and (reference := _margin_at_market(question)) is not None:
        return MarketAsk("markup", gap_reference=reference)  # "our margin on X at the market price"
    if _reads_markup(question, group, products) and change is None:
        # "is the kettle's markup healthy?": its price against its cost; "the fattest markups": the top ones first
        return MarketAsk("markup", moves_order="up" if _HIGHEST_MARKUP.search(question) else None)
    if _reads_promotion(question, group, change):
        return MarketAsk("competitor_promotions", named)  # "did MegaMart run a promotion on Black Friday?"
    if not group and (unknown := _unknown_promoter(question, matches, index, change)) is not None:
        return unknown
    if (ELASTICITY.search(question) or (_ELASTIC_DEMAND.search(question) and _DEMAND_WORD.search(question))) \
            and change is None:
        return MarketAsk("elasticity")
    if _CATEGORY_WORD.search(question) and _PRICE_SIDE.search(question) and _AGAINST_MARKET.search(question) \
            and change is None:
        # "in which category are we cheapest": the lowest end named first (the dearest first otherwise)
        return MarketAsk("category_position", moves_order="down" if _LOW_SIDE.search(question) else None)
    if group and (_COMPETITOR_STOCK.search(question) or STOCK_WORD.search(question) and _WHO_SELLS.search(question)):
        # "which rivals have run out of X?", "which competitors have X in stock?": their stock, not who sells X
        return MarketAsk("competitor_stock", named)
    if products and not named and _WHO_SELLS.search(question):
        return MarketAsk("competitor_prices")  # "which competitors sell X?": who prices it, and how
    if products and not named and _ARE_WE_CHEAPEST.search(question) and change is None:
        return MarketAsk("undercut")  # "are we the cheapest on X?": X's lowest price, ours against it
    if not named and (COMPETITOR_NOUN.search(question) or _WHO_ASKS.search(question)) and _TOUGHEST.search(question):
        return MarketAsk("undercut")  # "who's the most aggressive discounter?": the competitor below us most often
    if not named and _WE_UNDERCUT.search(question) and not _WHO_ASKS.search(question) \
            and not COMPETITOR_ASKED.search(question) and change is None:
        return MarketAsk("overpriced")  # "where are we being undercut?": our products the market sells for less
    if not named and _OUR_PRODUCTS_ASKED.search(question) and _BEATS_US.search(question) \
            and _SOME_RIVAL.search(question) and not _WHO_ASKS.search(question) \
            and not COMPETITOR_ASKED.search(question) and change is None:
        return MarketAsk("overpriced")  # "on how many items does a competitor beat our price?": ours, counted
    if named and _COMPARE.search(question) and change is None and not _METRIC.search(question) \
            and not (len(named) >= 2 and products):  # "X: MegaMart vs BargainBarn": the two weighed (read_market)
        return MarketAsk("versus_competitor", named)
    if re.search(r"\bpric\w*|\bgap\b|\bcompar", question, re.I) and (unknown := _against(
            question, matches, index, time_spans)) is not None:
        return unknown
    if change is None and _COSTS_MORE.search(question):
        return MarketAsk("overpriced")
    if change is None and (_COSTS_LESS.search(question) or _ROOM_TO_RAISE.search(question)):
        return MarketAsk("underpriced")
    if change is not None and products and not time_spans and not group and len(clause_spans(question)) == 1 \
            and _outcome(question):  # one question: a mixed one ("X overpriced, and if I cut Y") is planned
        return MarketAsk("what_if")
    if change is None and products and not time_spans and not group and len(clause_spans(question)) == 1 \
            and (_outcome(question) or AGENT_CUES["what_if"].search(question)) \
            and (price_target(question) is not None or price_delta(question) is not None):
        # "if I priced the plug at $61 how would units change?", "what if we knock $5 off X": a price in money, whose
        # percentage the agent works out from our price ("units" is the outcome, not a sales figure asked)
        return MarketAsk("what_if")
    return None


def no_competitor_prices(metric: str, vocabulary: Vocabulary) -> str | None:
    """What a competitor metric needs when the tenant has no competitor price at all, else ``None``."""
    if METRIC_KINDS.get(metric) is not DataKind.COMPETITOR_PRICES or vocabulary.competitors:
        return None
    return "competitor prices (no competitor prices have been ingested for this account)"
