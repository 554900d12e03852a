"""Questions about competitors' prices and our stock that name exactly what the agents must answer.

"Which competitor is cheapest most often?", "Are we cheaper than MegaMart?", "Is MegaMart out of stock on
anything?", "How has ShopRival's price for the headlamp changed?", "How many products are out of stock?",
"What should I reorder?": each is one *ask* of the pricing or forecast agent
(:data:`shared.agents.answers.ASK_AGENT`), read from word classes and the tenant's own competitor names, never
from whole questions. A comparison with a name that is not one of the tenant's competitors ("cheaper than
Amazon" where Amazon is only a sales channel) is said, not widened to every competitor. Pure: no I/O.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from shared import regex as re
from shared.questions.lexicon import AGENT_CUES
from shared.questions.own_price_asks import asks_own_price_history, asks_price_effect, price_direction
from shared.questions.vocabulary import STOP_WORDS, EntityMatch, VocabularyIndex, normalise


@dataclass(frozen=True)
class MarketAsk:
    """What the reader recognised: the ask, the competitors it is about, or a competitor the data lacks."""

    ask: str | None = None
    competitors: list[str] = field(default_factory=list)
    unknown_competitor: str | None = None
    is_channel: bool = False  # the unknown name is one of the tenant's sales channels
    known_competitors: list[str] = field(default_factory=list)
    extra: tuple[str, ...] = ()  # further asks answered after ``ask``
    top_sellers: int | None = None  # "which of our best sellers ...": the N best sellers by revenue only
    gap_pct: float | None = None  # "more than 10% above the market": the gap the over/underpriced asks use
    negated: bool = False  # "which products are NOT priced above the market": the others
    gap_money: float | None = None  # "$5 or more above the cheapest competitor": a gap in money, not in percent
    gap_reference: str | None = None  # what a gap is measured to: "lowest" (the cheapest competitor) or "median"
    landed: bool = False  # "landed prices incl. shipping": the competitors' shipping added to their prices
    moves_order: str | None = None  # "who raised prices the most": competitors' moves ranked "up" (or "down")
    price_effect: bool = False  # "did our last price change on X affect sales?": its units before and after

    @property
    def agent_intent(self) -> str:
        """The plan intent of the ask (``inventory`` for the forecast agent's stock asks)."""
        if self.ask == "what_if":
            return "what_if"
        return "inventory" if self.ask in ("out_of_stock", "reorder", "stockout", "overstock", "lost_sales") \
            else "pricing"


def _rx(body: str) -> re.Pattern[str]:
    return re.compile(rf"\b(?:{body})(?!\w)", re.I)


#: The competitors as a group: "which competitor", "the competition", "other shops", "anyone else".
COMPETITOR_NOUN = _rx(r"competitors?|rivals?|retailers?|competition|other (?:sellers|stores|shops|retailers)|"
                      r"anyone else|anybody else|"
                      # "which seller is below our price most often?": a seller priced against ours
                      r"sellers?(?=[^?.!]{0,30}\b(?:below|under|cheaper|lower|undercut\w*|beat\w*)\b[^?.!]{0,15}"
                      r"\b(?:our|us|we)\b)")
#: "the cheapest place to buy X": a seller asked for, as "who" asks.
_WHERE_TO_BUY = _rx(r"(?:place|shop|store|site|where) to (?:buy|get|find)|"
                    # "where can the kettle be bought for the least?", "where could I get X cheapest?"
                    r"where (?:can|could|do|does|would|is) (?:[\w-]+ ){0,5}?(?:buy|get|find|bought|had|found|got|"
                    r"purchased?|sold)")
_WHO = _rx(r"who(?:'s| is| has| sells?| offers?| charges?)|whose")
#: "who's out of stock on X": a seller other than us is asked about.
_WHO_IS = _rx(r"who(?:'s| is| are| has| was)")
#: "is the chair out of stock anywhere else?": at the other sellers, the competitors (not our own stock).
_ELSEWHERE = _rx(r"anywhere else|elsewhere|(?:at|with|in) (?:any )?other (?:stores?|shops?|sellers?|retailers?)")
#: "is the plug sold out anywhere?", "is X available anywhere": a named product's stock at any seller, which can only be
#: the competitors' (our own stock of one product is one figure, never "anywhere"); not with us as the subject ("are we
#: out of stock anywhere?" asks about our catalogue).
_ANYWHERE = _rx(r"anywhere|any ?where|at any (?:stores?|shops?|sellers?|retailers?|sites?)")
_WE_SUBJECT = _rx(r"(?:are|were|have|had|did|do|does|am) (?:we|i)|we(?:'re|'ve| are| were| have| had| do| did)?|"
                  r"i(?:'m|'ve| am| have| had)|(?:our|my) (?:own )?(?:stock|inventory|warehouse|shelves)")
#: "is anyone out of stock on X?": another seller of a named product.
_SOMEONE = _rx(r"anyone|anybody|someone|somebody|any seller|any other seller")
#: Two named rivals weighed against each other ("MegaMart or BargainBarn", "MegaMart vs BargainBarn").
_TWO_WEIGHED = _rx(r"\bor\b|vs\.?|versus|against|compar\w*|better deal|better price")
_DEARER = _rx(r"dearer|pricier|more expensive|higher[- ]priced|charges? more")
#: "who undercuts us", "is anybody cheaper than us": someone, not a named competitor.
_ANYONE = _rx(r"who|whom|anyone|anybody|someone|somebody")
CHEAPEST = _rx(r"cheapest|lowest[- ]priced|lowest (?:(?:competitor|competing|rival|market)'?s? )?prices?|"
               r"least expensive|best prices?|undersells? everyone|"
               r"price leaders?|price leadership|leads? on price|"
               r"beats? (?:everyone|everybody|all(?: the)? others?|the rest)(?: else)?(?: on price)?|for less|"
               # "what do rivals charge at the lowest for X?", "where can X be bought for the least?"
               r"at the (?:lowest|least)(?: price)?|for the (?:least|lowest)(?: money| price)?")
DEAREST = _rx(r"most expensive|dearest|priciest|highest[- ]priced|"
              r"highest (?:(?:competitor|competing|rival|market)'?s? )?prices?|sells? (?:[\w-]+ ){1,6}?for the most|"
              r"(?:charg|ask|want)(?:s|es|ed|ing)? the most|(?:charg|ask)(?:s|es|ed|ing)? (?:the )?(?:most|more) for")
#: Comparisons with us ("cheaper than us", "undercut us"): the undercut ask, unless a competitor is named.
_AGAINST_US = _rx(r"(?:than|below|under|beat\w*|undercut\w*) (?:us|me|we|our\b)|undercut\w*|"
                  r"(?:than|below|under) (?:what )?(?:we|i) (?:charge|sell|ask)")
PRICE_WORD = _rx(r"cheap\w*|dearer|dearest|pric(?:e|es|ed|ey|ier|iest|ing)|expensive|undercut\w*|charg(?:e|es|ed|ing)|"
                 r"costs?|beat\w* (?:us|our) on price")
#: A sales metric next to a price word ("average selling price on Amazon") is the metrics layer's question.
_SALES_METRIC = _rx(r"average (?:selling|sale|sold) price|asp|revenue|turnover|orders|units sold|sales|"
                    r"price index")  # "price index against Amazon" is the metric, filtered
PRICE_CHANGE = _rx(r"chang\w*|moved?|moving|movements?|history|(?:done|doing|did) with|trend\w*|over time|"
                   r"(?:gone|went|go|going|come|came) (?:up|down)|rais\w*|lower(?:ed|ing)|increas\w*|decreas\w*|"
                   r"drop\w*|(?:cut|lower|raise|reduce|hike) (?:its|their|the) prices?|evolv\w*|shift\w*|"
                   r"(?:cut|cutting|slash\w*|hik\w*) (?:its |their |the )?prices?|"
                   r"put(?:s|ting)? (?:its|their|the) prices? (?:up|down)")
#: A minimum advertised price: "MAP violations", "below MAP", "the minimum advertised price", "price floor".
MAP_WORD = re.compile(r"\bMAP\b|"
                      r"\b(?i:map (?:violations?|breach\w*|polic\w*|pric\w*|complian\w*)|"
                      r"(?:below|under|breach\w*|violat\w*|break\w*) (?:the |our |my )?map|"
                      r"minimum advertised prices?|min\.? advertised prices?|(?:price|pricing) floors?|"
                      r"floor prices?)\b")
STOCK_WORD = _rx(r"out of stocks?|out-of-stocks?|in stock|sold out|stocked out|stock[- ]?outs?|availab\w*|unavailable|"
                 r"r[au]n out|(?:have|has|had|carry|carries) (?:no )?stock")
#: Our own products with nothing on hand now (not "will run out": that is the stockout forecast).
OUT_OF_STOCK = _rx(r"out of stocks?|out-of-stocks?|sold out|stocked out|not (?:in stock|on hand)|"
                   r"(?:have|has|had|'ve) (?:we |i |they )?(?:already )?"
                   r"run out|ran out|(?:zero|no|0) (?:stock|inventory)(?: left)?|"
                   r"nothing (?:left )?"
                   r"in stock|(?:0|zero|no) (?:units )?(?:in stock|on hand|left)|none left|empty shelves")
_FUTURE = _rx(r"will|going to|soon|next|upcoming|coming|runs out|running out|when|before|by the end|likely|risk")
_STOCKOUTS = r"(?:stock[- ]?outs?|stocking out|being out of stock|out[- ]of[- ]stocks?|empty shelves|running out)"
#: "How much revenue did we lose to stockouts", "what did stock-outs cost us", "lost sales from being out of stock".
LOST_TO_STOCKOUTS = _rx(rf"(?:lose|lost|losing|miss(?:ed)?|forgo(?:ne)?|leave|left)\b[^.?!]{{0,40}}?\b(?:to|from|"
                        rf"due to|because of|through|by|on|with|during){{1}} (?:\w+ ){{0,2}}{_STOCKOUTS}|"
                        rf"{_STOCKOUTS} (?:\w+ ){{0,2}}(?:cost|costing|lose|lost|losing)\b|"
                        rf"(?:cost|costs|impact|price) of (?:\w+ ){{0,2}}{_STOCKOUTS}|"
                        rf"lost (?:sales|revenue|units|income|demand) (?:\w+ ){{0,3}}{_STOCKOUTS}")
REORDER = _rx(r"re-?order\w*|restock\w*|replenish\w*|order more|top(?:ping)? up|buy more|purchase orders?|"
              r"(?:should|do|must) (?:i|we) (?:order|buy)|(?:need|have) to (?:order|buy)")
#: A stock-out asked about, which a word of restocking beside it does not make a reorder question: "which items will
#: stock out before the restock arrives", "what sells out before we can reorder", "when will X run out".
_RUNS_OUT = _rx(r"when will|(?:run|sell|stock)(?:s|ning|ing)?[- ]out|stock[- ]?outs?|(?:go|be) out of stock")
#: "How many customers reordered", "reorder rate": repeat buying, the metrics layer's question.
_CUSTOMERS = _rx(r"customers?|buyers?|shoppers?|clients?|rate")
#: Low stock now ("what's running low"): the stockout ask (cover below lead time).
LOW_STOCK = _rx(r"running low|run(?:s|ning)? short|low (?:on )?(?:stock|inventory)|almost (?:out|gone|sold out)|"
                r"nearly (?:out|gone|sold out)|about to (?:run|sell) out|(?:have|got|hold|holding|carry) enough "
                r"(?:stock|inventory|units)|enough (?:stock|inventory) (?:for|to (?:last|cover|get through))")
#: "which products have more than a year of stock": the most days of cover.
_LONG_COVER = _rx(r"(?:more than|over|at least|above) (?:a|one|an|\d+|two|three|six|twelve) (?:years?|months?|weeks?)"
                  r"(?:'s)? (?:worth )?of (?:stock|inventory|cover|supply)")
#: "more stock than we can sell", "too much inventory": the most days of cover.
_OVERSTOCK = _rx(r"more (?:stock|inventory|units) than (?:i|we) (?:can|could|will|would) sell|over-?stock\w*|"
                 r"(?:got|have|has|had|holding|hold|carrying|carry|sitting on) (?:way |far )?too (?:much|many)\b|"
                 r"too (?:much|many) of\b|"
                 r"too much (?:stock|inventory)|excess (?:stock|inventory)|holding too much|dead stock|"
                 r"(?:gathering|collecting) dust|"
                 # what to mark down or clear: the products with the most cover are the candidates
                 r"mark(?:ed|ing)? ?down|markdowns?|clearance|liquidat\w*|"
                 r"clear (?:out |down )?(?:the |my |our |some |old |excess |slow )?(?:stock|inventory|shelves|"
                 r"warehouse|products|items|lines)|get rid of|"
                 r"put (?:\w+ )?(?:on|into) (?:sale|clearance|promo(?:tion)?)|"
                 r"(?:should|could|can|to) (?:i|we)? ?(?:discount|put on sale)\b")
#: Someone as the one who moved prices: "who changed prices", "has anyone cut prices", "who's been raising prices".
_SOMEONE_MOVED = _rx(r"(?:who|anyone|anybody|someone|somebody)(?:'s| has| have| had| did| is| was)?(?: been)? "
                     r"(?:chang|rais|cut|drop|lower|increas|decreas|hik|mov|reduc|slash|mark)\w*")
_MOST = _rx(r"most|biggest|largest|the highest|the lowest|furthest|farthest|hardest|sharpest")
_MOVED_UP = _rx(r"rais\w*|increas\w*|hik\w*|up|higher|put up|mark\w* up")
_MOVED_DOWN = _rx(r"cut\w*|drop\w*|lower\w*|decreas\w*|reduc\w*|slash\w*|down|discount\w*|mark\w* down")


def moves_order(question: str) -> str | None:
    """"up" for "who raised prices the most", "down" for "who cut prices the most", else ``None``.

    "Who has been slashing prices?" asks for the ones who cut, so the cuts lead as well (a "who" with a direction).
    """
    if not _MOST.search(question) and not re.search(r"\bwho\b", question, re.I):
        return None
    up, down = _MOVED_UP.search(question), _MOVED_DOWN.search(question)
    if up and not down or up and down and up.start() < down.start():
        return "up"
    return "down" if down else None


#: "pricier than the competition" / "cheaper than the market": our products above or below the market.
_ABOVE_MARKET = _rx(r"(?:pricier|dearer|costlier|more expensive|more costly|higher[- ]priced|priced higher)"
                    r"(?: on| for)? than (?:the )?(?:competition|"
                    r"competitors?|market|others|rivals?|everyone(?: else)?)|"
                    r"(?:priced|sit\w*|sold|selling) (?:well |far |way )?above (?:the )?(?:market|competition|"
                    r"competitors?)(?: (?:price|rate|average|median)s?)?|overpriced|"
                    r"(?:sell|sells|selling|sold|go|goes|going|list\w*|retail\w*) for more than (?:the )?"
                    r"(?:competition|competitors?|market|others|rivals?|everyone(?: else)?)")
#: Both sides asked at once ("pricier or cheaper than rivals", "cheaper or dearer than the competition"): the
#: position, not the side said first (nor the one said last, which alone reached "than ...").
_SIDE_WORD = r"(?:pricier|dearer|costlier|more expensive|higher[- ]priced|cheaper|less expensive|lower[- ]priced)"
_EITHER_SIDE = _rx(rf"{_SIDE_WORD},? (?:or|and|/) {_SIDE_WORD} than (?:the )?(?:competition|competitors?|market|"
                   r"others|rivals?|everyone(?: else)?)")
#: The gap asked as an index ("as an index", "in index terms"): the price index, not the products above the market.
_AS_INDEX = _rx(r"(?:as|in) an? (?:price )?index|in index (?:terms|points)|index (?:number|figure|score)")
_BELOW_MARKET = _rx(r"(?:cheaper|less expensive|less costly|lower[- ]priced|priced lower)(?: on| for)? than "
                    r"(?:the )?(?:competition|"
                    r"competitors?|market|others|rivals?|everyone(?: else)?)|"
                    r"(?:priced|sit\w*|sold|selling) (?:well |far |way )?below (?:the )?(?:market|competition|"
                    r"competitors?)(?: (?:price|rate|average|median)s?)?|underpriced|"
                    r"(?:sell|sells|selling|sold|go|goes|going|list\w*|retail\w*) for less than (?:the )?"
                    r"(?:competition|competitors?|market|others|rivals?|everyone(?: else)?)")
#: "NOT priced above the market", "aren't cheaper than the competition", "we're not overpriced on": the others.
_NOT_SIDE = re.compile(r"(?:\bnot|n't|\bnever)\s+(?:[\w%.]+\s+){0,4}?(?:pricier|dearer|costlier|more expensive|"
                       r"cheaper|less expensive|overpriced|underpriced|priced (?:\w+ )?(?:above|below|higher|lower)|"
                       r"(?:above|below|over|under) (?:the )?(?:market|competition|competitors?))\b", re.I)
#: "how many products does MegaMart carry", "products in common with ShopRival": the matched products.
_CARRY = _rx(r"(?:products?|items?|skus?)\b[^?.!]{0,30}\b(?:does|do)\s+\S+\s+(?:also )?(?:sell|carry|stock|list)|"
             r"in common with|overlap\w*")
#: "which prices should I lower": the products above the market; "...raise": those below it.
_LOWER_PRICES = _rx(r"(?:lower|cut|reduc\w*|drop|decreas\w*|mark down|discount)(?: (?:the|my|our|its|their))? "
                    r"prices?|(?:bring|take|knock|move)(?: (?:the|my|our|its|their))? prices? down|charge less|"
                    r"prices? (?:should|could|can|do) (?:i|we) (?:lower|cut|reduce|drop|decrease)")
_RAISE_PRICES = _rx(r"(?:raise|increase|put up|lift|bump up|mark up)(?: (?:the|my|our|its|their))? prices?|"
                    r"(?:put|push|bump|move|nudge)(?: (?:the|my|our|its|their))? prices? up|charge more|"
                    r"prices? (?:should|could|can|do) (?:i|we) (?:raise|increase|put up|lift)")
_WHICH = _rx(r"which|what|where|any")
#: "where are we the cheapest", "where are we dearest": our position, not a competitor's ("which products are we the
#: cheapest on" is the metrics layer's cheapest share).
_WHERE_WE = _rx(r"where (?:are|am) (?:we|i) (?:the )?(?:cheapest|cheaper|lowest[- ]priced|least expensive|"
                r"most expensive|dearest|dearer|priciest|pricier|more expensive|highest[- ]priced)")
#: "on which products do we have the lowest price in the market?": the products where we are the cheapest seller.
_WHICH_WE_CHEAPEST = _rx(r"(?:(?:on|for|in) )?(?:which|what) (?:of our )?(?:products|items|skus|lines) (?:do|did) "
                         r"(?:we|i) (?:have|offer) the (?:lowest|cheapest|best) prices?")
#: "how many products are we the cheapest on", "on how many items are we lowest-priced": a count of ours.
_HOW_MANY_WE_CHEAPEST = _rx(r"how many (?:of our )?(?:products|items|skus|lines) (?:are|am|were) (?:we|i) (?:the )?"
                            r"(?:cheapest|lowest[- ]priced|least expensive)|"
                            # "on how many SKUs do we have the lowest price?"
                            r"how many (?:of our )?(?:products|items|skus|lines) (?:do|did) (?:we|i) (?:have|offer) "
                            r"the (?:lowest|cheapest|best) prices?|"
                            # "in how many products is our price the lowest in the market?"
                            r"how many (?:of our )?(?:products|items|skus|lines) (?:is|are) our prices? (?:the )?"
                            r"(?:lowest|cheapest)|"
                            # "number of SKUs where we are the cheapest", "count the products on which we're lowest"
                            r"(?:(?:the )?number|count) (?:of )?(?:the )?(?:our )?(?:products|items|skus|lines) "
                            r"(?:where|on which|that) (?:we|i)(?:'re| are| am)? (?:the )?(?:cheapest|lowest[- ]priced|"
                            r"least expensive|lowest)")
#: "how many items are we the priciest seller of", "on how many SKUs are we the most expensive seller", "count the
#: products where nobody charges more than us": a count of ours at the top of every seller's price.
_HOW_MANY_WE_DEAREST = _rx(r"(?:how many |count (?:of )?(?:the )?)(?:of our )?(?:products|items|skus|lines) "
                           r"(?:are|am|were) (?:we|i) (?:the )?(?:most expensive|dearest|priciest|highest[- ]priced)|"
                           r"how many (?:of our )?(?:products|items|skus|lines) (?:do|did) (?:we|i) (?:have|charge) "
                           r"the (?:highest|dearest) prices?|"
                           r"(?:how many |count (?:of )?(?:the )?)(?:of our )?(?:products|items|skus|lines) "
                           r"(?:where|on which) (?:nobody|no one|no competitor|no rival|none of "
                           r"(?:them|the competitors)) (?:charges?|asks?|sells?)(?: \w+)? (?:more|higher|dearer) "
                           r"than (?:us|we|me)|"
                           # "in how many products is our price the highest in the market?"
                           r"how many (?:of our )?(?:products|items|skus|lines) (?:is|are) our prices? (?:the )?"
                           r"(?:highest|dearest|most expensive)")
#: A pronoun then a word: "where do we stand" (a verb, even when a product title has the word "stand").
_PRONOUN_BEFORE = re.compile(r"\b(?:we|i|you|they)\s+$", re.I)
#: Prices right after a word: "cutting prices", "slashed its prices" (the word is what was done to them).
_ON_PRICES_AFTER = re.compile(r"\s+(?:(?:its|their|the|our|his|her)\s+)?prices?\b", re.I)
#: "what should I reprice", "what price should I charge for X": the recommended prices.
#: "should we discount the blender?", "how much should I mark down X": one named product's price, not the stock list.
_MARK_DOWN_ONE = _rx(r"(?:(?:should|could|can|shall) (?:i|we)|(?:i|we) (?:should|could|can|shall|might)|"
                     r"would it (?:make sense|be wise|be smart|help) to|is it (?:a good idea|wise|smart|sensible) to) "
                     r"(?:discount|mark ?down|"
                     r"mark (?:it|this|that) down|put (?:\w+ ){0,4}on sale|run an? (?:sale|promo(?:tion)?) on)|"
                     r"how much (?:should (?:i|we) |to )(?:discount|mark ?down)|"
                     # "is it worth putting X on sale?", "worth discounting X?": the same decision
                     r"worth (?:discounting|marking (?:\w+ ){0,8}down|putting (?:\w+ ){0,8}on sale)")
#: "should we discount it?" after an answer about one product: that product's price ("it" is filled in from the answer
#: before; the products with the most cover are "which products should we discount").
_MARK_DOWN_IT = _rx(r"(?:discount|mark ?down|reduce|cut|lower) (?:it|this|that)(?: one| item| product)?(?! \w)|"
                    r"mark (?:it|this|that) down|"
                    r"put (?:it|this|that)(?: one| item| product)? on sale")
REPRICE = _rx(r"re-?pric\w*|(?:change|adjust|update|fix|review) (?:my |our |the )?prices|price changes? (?:should|do) "
              r"(?:i|we)|which prices (?:should|to) (?:i |we )?(?:change|adjust)|(?:optimal|ideal|right|"
              r"recommended|suggested|target) prices?|what (?:price )?should (?:i|we) (?:charge|sell|price|ask)|"
              r"should (?:i|we) (?:raise|lower|increase|cut|reduce|drop|change) (?:the |my |our |its )?prices?|"
              r"should\b[^?.!]{1,80}?\bbe (?:cheaper|dearer|pricier|more expensive|less expensive|"
              r"priced (?:higher|lower|up|down))|"
              r"should (?:i|we) (?:put|push|bring|take|mark) (?:the |my |our |its )?prices? (?:of [^?.!]{1,80}? )?"
              r"(?:up|down)|(?:good|bad|smart|wise) (?:idea|move|call) to (?:raise|lower|increase|cut|reduce|drop|"
              r"put up|bump up) (?:the |my |our |its )?prices?|"
              r"price recommendations?|recommend(?:ed|ation)? (?:a )?prices?|"
              # "is it worth increasing the price on X?", "worth raising X's price?": the same decision
              r"worth (?:it to )?(?:rais|increas|lower|cut|reduc|dropp|bump|hik)\w* (?:[\w'’-]+ ){0,5}?prices?|"
              # "would raising the toaster's price be a good move?", "is lowering X's price a smart idea"
              r"(?:rais|increas|lower|cut|reduc|dropp|bump|hik)\w* (?:[\w'’-]+ ){0,5}?prices? (?:be |is |a )?"
              r"(?:a )?(?:good|bad|smart|wise|sensible|clever) (?:idea|move|call|plan)|"
              # "should we put X's price up", "should I bring the kettle's price down"
              r"should (?:i|we) (?:put|push|bring|take|mark|move) (?:[\w'’-]+ ){0,6}?prices? (?:up|down)|"
              # "can we get away with charging more for X?", "could I charge more for X?"
              r"get away with (?:charging|asking|a higher price)|"
              r"(?:can|could) (?:i|we) (?:charge|ask) (?:a bit |a little |slightly |any )?(?:more|less)\b")
#: Having none of something, however it is said: "have no", "don't have any", "haven't got a", "have never had",
#: "without", "lack a (single)", "are missing a" (a verb's negation, not only "no" before the noun).
_LACKING = (r"(?:(?:have|has|had|got|get|gets|with) (?:no|zero)|(?:(?:do|does|did|have|has|had)(?:n't| not)|never)"
            r"(?: (?:have|has|had|got|get|gotten))?|without|lack(?:s|ing)?|(?:are |is )?missing)"
            r"(?: any| a| an| a single| one)?")
#: A competitor's price in the words merchants use: "competitor prices", "rivals' pricing", "competing price data".
_COMPETITOR_PRICE = (r"(?:competitor|rival|market|competing)s?['’]? ?(?:prices?|pricing)(?: data| info\w*)?"
                     # "no competitor price advantage" is a compound, not a price nobody gave
                     r"(?! (?:advantage|edge|gap|wars?|parity|lead|pressure|changes?|moves?|cuts?|drops?)\b)")
#: How many competitors carry our products: "where are we the only seller", "products nobody else sells", "which
#: products have no competitors", "carried by every competitor", "how many products does only one competitor carry".
_COVERAGE = _rx(r"(?:we(?:'re| are)?|i(?:'m| am)?) the only (?:sellers?|ones? (?:selling|that sells?|who sells?|"
                r"carrying)|(?:store|shop|retailer|merchant)s? (?:selling|that sells?|carrying))|"
                r"only (?:we|us|i) (?:carry|sell|stock|list|have|offer)|"
                r"(?:nobody|no ?one|no other (?:store|shop|retailer|seller|competitor)s?) (?:else )?"
                r"(?:sells?|carr(?:y|ies)|stocks?|lists?|offers?)|"
                r"(?:have|has|with|without) (?:no|zero|any) (?:competitors?|rivals?|competition)\b(?! prices?)|"
                r"(?:have|has|with|without) no competitor prices? at all|no competitor prices? at all|"
                r"(?:carried|sold|stocked|listed|priced) by (?:every|all(?: the)?|each|only one|just one|one|no|"
                r"(?:\d+|two|three) or more) (?:of (?:the|our) )?(?:competitors?|rivals?)|"
                r"only (?:one|a single) (?:competitor|rival) (?:carr(?:y|ies)|sells?|stocks?|lists?)|"
                r"how many (?:competitors|rivals) (?:carry|sell|stock|list) (?:each|every|our) (?:products?|items?|"
                r"skus?)|(?:competitor|rival) (?:counts?|coverage) (?:per|by|for each) (?:products?|items?|skus?)|"
                # "which products have no competitor price", "items without rival prices", "products not priced by
                # any competitor": the products asked for are those no competitor prices (not our position on them)
                r"(?:products?|items?|skus?|lines?|listings?)\b[^?.!]{0,30}?\b" + _LACKING + " " + _COMPETITOR_PRICE
                # "not priced by any rival", "aren't priced by any competitor", "haven't been tracked by any rival"
                + r"|(?:not|\w+n't)(?: been)? (?:priced|carried|sold|stocked|listed|tracked|covered) by any "
                r"(?:competitors?|rivals?)")
#: "who are our competitors", "how many competitors do we track".
_LIST_COMPETITORS = _rx(r"who (?:are|is) (?:our|my) (?:main )?(?:competitors?|rivals?)|"
                        r"(?:list|name) (?:our|my|the|all) competitors|"
                        r"(?:which|what|how many) competitors (?:do|are) (?:we|i) (?:track\w*|monitor\w*|"
                        r"follow\w*|watch\w*|have|see|compar\w*)|competitors (?:we|i) (?:track|monitor|follow|watch)")
#: "cheaper than X", "vs X", "compared with X": X should be a competitor.
_AGAINST = re.compile(r"\b(?:(?:cheaper|dearer|pricier|(?:more|less) expensive)(?:\s+than)?|"
                      r"undercut(?:ting|s)?|beat(?:ing|s)?|compared? (?:to|with)|comparison with|vs\.?|versus|"
                      r"against|than)\s+(?:the\s+)?"
                      r"(?P<name>[A-Za-z][\w&'.-]*)", re.I)
#: "Is Walmart cheaper than us?", "Does Target undercut us": a capitalised subject compared on price.
_SUBJECT = re.compile(r"\b(?i:is|are|does|do|has|have|will|can)\s+(?P<name>[A-Z][\w&'.-]*)\s+"
                      r"(?i:cheaper|dearer|pricier|more expensive|less expensive|undercut\w*|beat\w*|"
                      r"sell\w* (?:\w+ )?(?:cheaper|for less)|charg\w*|pric\w*)")
#: Words after "than"/"vs" that are not a competitor's name.
_NOT_A_NAME = frozenset("""us we me our them they it its those that these everyone everybody anyone anybody others other
market markets competitors competitor competition rivals average median usual normal expected before last this
previous yesterday ever msrp map list rrp retail cost costs their his her you your mine ours theirs elsewhere online
amazon's ebay's year month week quarter day""".split())


def _names(matches: list[EntityMatch], kind: str) -> list[str]:
    return list(dict.fromkeys(v for m in matches if m.kind == kind for v in m.values))


#: We are what is compared ("are we cheaper than X", "our prices vs X"): X is a seller, not a product of ours.
_WE_COMPARED = re.compile(r"\b(?:we|us|our\s+prices?)\b[^?.!]*$", re.I)


def _unknown_against(question: str, matches: list[EntityMatch], index: VocabularyIndex | None,
                     time_spans: Sequence[tuple[int, int]] = ()) -> str | None:
    """The name in "cheaper than X" / "vs X" that is not one of the tenant's competitors, else ``None``."""
    for m in [*_AGAINST.finditer(question), *_SUBJECT.finditer(question)]:
        word = m.group("name").rstrip(".'")
        start, end = m.span("name")
        if any(s < end and start < e for s, e in time_spans):
            continue  # "than October", "vs last year": a period
        lower = word.lower()
        if lower in _NOT_A_NAME or lower in STOP_WORDS or lower.isdigit():
            continue
        here = [x for x in matches if x.span[0] < end and start < x.span[1]]
        if any(x.kind == "competitor" for x in here):
            return None
        channel = any(x.kind == "channel" for x in here)
        if here and not channel:
            if all(x.kind == "brand" for x in here) and _WE_COMPARED.search(question[:start]):
                return word  # "are we cheaper than Acme on kettles?": one of our brands named as a seller, no rival
            continue  # a product, category or brand: "cheaper than the blue vase" is about that product
        if channel:
            return next(x.values[0] for x in here if x.kind == "channel")  # the tenant's spelling
        if index is not None and normalise(word) in index.token_titles:
            if word[:1].isupper() and _WE_COMPARED.search(question[:start]):
                return word  # "are we cheaper than Acme?": a name from our titles ("Acme Home") as a seller
            continue  # a word of a product title
        if word[:1].isupper() or (index is not None and not index.knows_word(word)):
            return word
    return None


#: "Is Target out of stock on anything?": a capitalised name whose stock is asked about.
_STOCK_SUBJECT = re.compile(r"\b(?i:is|are|does|has|have|was|were)\s+(?P<name>[A-Z][\w&'.-]*)\s+"
                            r"(?i:(?:still |now |currently |ever )?(?:out of stock|out-of-stock|sold out|stocked out|"
                            r"running out|run out|low on stock|(?:got|have|has|had) no stock))")


def _unknown_stock_subject(question: str, matches: list[EntityMatch], index: VocabularyIndex | None) -> str | None:
    """The name in "is X out of stock" that is none of the tenant's names (a competitor the data lacks), else ``None``.

    A product, brand or category ("is Kestrel out of stock") is our own stock; a word of a product title too.
    """
    m = _STOCK_SUBJECT.search(question)
    if m is None:
        return None
    word = m.group("name").rstrip(".'")
    start, end = m.span("name")
    if word.lower() in _NOT_A_NAME or word.lower() in STOP_WORDS:
        return None
    here = [x for x in matches if x.span[0] < end and start < x.span[1]]
    if here and not any(x.kind == "channel" for x in here):
        return None
    if index is not None and normalise(word) in index.token_titles:
        return None
    return next((x.values[0] for x in here if x.kind == "channel"), word)


def verb_matches(question: str, matches: list[EntityMatch]) -> list[EntityMatch]:
    """Product matches of one word that are verbs here, not products.

    Right after a pronoun ("where do we *stand*"), or a verb form before the prices it acts on ("who has been
    *cutting* prices": not the Cutting Board).
    """
    return [m for m in matches if m.kind == "product" and " " not in question[m.span[0]:m.span[1]].strip()
            and (_PRONOUN_BEFORE.search(question[:m.span[0]])
                 or _ON_PRICES_AFTER.match(question[m.span[1]:]) and re.search(
                     r"(?:ing|ed)$", question[m.span[0]:m.span[1]].strip(), re.I))]


def read_market(question: str, matches: list[EntityMatch], index: VocabularyIndex | None,
                time_spans: Sequence[tuple[int, int]] = ()) -> MarketAsk | None:
    """The competitor or stock ask ``question`` makes, or ``None`` when it makes none of these.

    ``time_spans`` are the time phrases found in the question ("than October" names a month, not a competitor).
    A price ask about "our best sellers" carries how many (``top_sellers``).
    """
    market = _read_market(question, matches, index, time_spans)
    if landed_prices(question):  # "landed prices incl. shipping": the competitors' shipping added to theirs
        market = replace(market, landed=True) if market is not None else MarketAsk("price_position", landed=True)
    if market is not None and market.ask in _SELLER_ASKS and (n := top_sellers(question)) is not None:
        return replace(market, top_sellers=n)
    if market is not None and market.ask in _STOCK_ASKS and ONE_BESTSELLER.search(question):
        # "are we overstocked on our best seller?": the top SKU by units, not the catalogue's most covered
        return replace(market, top_sellers=1)
    return market


def _read_market(question: str, matches: list[EntityMatch], index: VocabularyIndex | None,
                 time_spans: Sequence[tuple[int, int]] = ()) -> MarketAsk | None:
    verbs = verb_matches(question, matches)
    matches = [m for m in matches if m not in verbs]
    named = _names(matches, "competitor")
    products = bool(_names(matches, "sku") or _names(matches, "product"))
    known = list(index.vocabulary.competitors) if index is not None else []
    group = bool(COMPETITOR_NOUN.search(question)) or bool(named)
    if not named and not COMPETITOR_NOUN.search(question) and asks_price_effect(question):
        # "did our last price change on X affect sales?": what followed our own change (before sales words count)
        # "did our price cuts last month help sales?": the cuts (or raises) of the period, several products at once
        return MarketAsk("price_history", price_effect=True, moves_order=price_direction(question))
    if not named and not COMPETITOR_NOUN.search(question) and not _SALES_METRIC.search(question) and \
            asks_own_price_history(question):
        # "when did we last change the kettle's price?": our own list prices, not the market's
        return MarketAsk("price_history", moves_order=price_direction(question))
    if MAP_WORD.search(question):
        return MarketAsk("map_violations", named)  # "any MAP violations?", "below the minimum advertised price"
    if STOCK_WORD.search(question) and (group or _WHO_IS.search(question) or _ELSEWHERE.search(question) or (
            products and _SOMEONE.search(question)) or (
            products and _ANYWHERE.search(question) and not _WE_SUBJECT.search(question))):
        # "who's out of stock on X?", "is X out of stock anywhere else?": a rival
        return MarketAsk("competitor_stock", named)  # "is MegaMart out of stock on anything?"
    if (name := _unknown_stock_subject(question, matches, index)) is not None:
        channel = any(m.kind == "channel" and name in m.values for m in matches)
        return MarketAsk(unknown_competitor=name, is_channel=channel, known_competitors=known)  # "is Target ..."
    if not named and _COVERAGE.search(question):
        return MarketAsk("competitor_coverage")  # "where are we the only seller?", "carried by every competitor"
    if not named and _LIST_COMPETITORS.search(question):
        return MarketAsk("competitor_prices")  # "who are our competitors": each with its products and moves
    price = bool(PRICE_WORD.search(question))
    if price and (group and PRICE_CHANGE.search(question) or _SOMEONE_MOVED.search(question)) \
            and not _SALES_METRIC.search(question):
        # "how has ShopRival's price for X changed?", "who changed prices this week?", "who raised prices the most?"
        return MarketAsk("competitor_prices", named, moves_order=None if named else moves_order(question))
    if not named and (COMPETITOR_NOUN.search(question) or _ANYONE.search(question)) and _AGAINST_US.search(question):
        return MarketAsk("undercut")  # "which rival sells below our prices most often?", "who undercuts us?"
    if not named and not products and (money := money_gap(question)) is not None and money[0] is not None:
        # "which products are $5 or more above the cheapest competitor?": that gap in money, to that reference
        amount, side, reference = money
        return MarketAsk("underpriced" if side == "below" else "overpriced", gap_money=amount,
                         gap_reference=reference, landed=landed_prices(question))
    if not named and products and (money := money_gap(question)) is not None:
        # "how many dollars above the market are we on X", "the dollar gap to the cheapest competitor on X": X's gap
        return MarketAsk("underpriced" if money[1] == "below" else "overpriced", gap_reference=money[2],
                         landed=landed_prices(question))
    if not named and not products and (gap := gap_threshold(question)) is not None:
        # "which SKUs are more than 10% above the competition?", "price gaps over 10%": that gap, not 5%
        pct, side = gap
        return MarketAsk("underpriced" if side == "below" else "overpriced", gap_pct=pct,
                         extra=("underpriced",) if side == "both" else (),
                         negated=side != "both" and _NOT_SIDE.search(question) is not None)
    if not named and _EITHER_SIDE.search(question) and price_change(question) is None:
        return MarketAsk("price_position")  # "Acme: pricier or cheaper than rivals?": where it stands, both sides
    if not named and (_ABOVE_MARKET.search(question) or _BELOW_MARKET.search(question)) \
            and price_change(question) is None and not _AS_INDEX.search(question):
        # ("... and what if I cut X by 10%": the router plans both; "how far above the market are we, as an index?":
        # the price index, the metrics layer's)
        return MarketAsk("overpriced" if _ABOVE_MARKET.search(question) else "underpriced",
                         negated=_NOT_SIDE.search(question) is not None)
    if not named and (_HOW_MANY_WE_CHEAPEST.search(question) or _WHICH_WE_CHEAPEST.search(question)):
        return MarketAsk("ours_cheapest")  # "how many products are we the cheapest on?": a count at today's prices
    if not named and _HOW_MANY_WE_DEAREST.search(question):
        return MarketAsk("ours_dearest")  # "how many items are we the priciest seller of?": the other end counted
    if not named and _WHERE_WE.search(question) and price_change(question) is None:
        # "where are we the cheapest?", "where are we dearest?": our products below or above the market
        dear_words = re.search(r"\b(?:most|more) expensive|\bdear\w*|\bpric(?:ier|iest)|\bhighest", question, re.I)
        return MarketAsk("overpriced" if dear_words else "underpriced")
    cheap, dear = CHEAPEST.search(question), DEAREST.search(question)
    superlative = cheap or dear
    if superlative and not named and not _AGAINST_US.search(question) and (
            COMPETITOR_NOUN.search(question) or _WHO.search(question) or _WHERE_TO_BUY.search(question)
            or (products and re.search(r"\b(?:price|prices|deal|offer)\b", question, re.I))):
        dearest = dear is not None and (cheap is None or dear.start() < cheap.start())
        return MarketAsk("dearest_competitor" if dearest else "cheapest_competitor")
    if len(named) >= 2 and products and (price or _TWO_WEIGHED.search(question)) and not _AGAINST_US.search(question) \
            and not _SALES_METRIC.search(question) and not PRICE_CHANGE.search(question):
        # "who's cheaper on X, MegaMart or BargainBarn?", "X: MegaMart vs BargainBarn price?": X's cheapest (dearest)
        # seller among the rivals named (their prices alone are read), not each one against us
        return MarketAsk("dearest_competitor" if DEAREST.search(question) or _DEARER.search(question)
                         else "cheapest_competitor", named)
    if named and (price or _CARRY.search(question)) and not _SALES_METRIC.search(question):
        return MarketAsk("versus_competitor", named)  # "are we cheaper than MegaMart?"
    if price and not _SALES_METRIC.search(question) and (
            name := _unknown_against(question, matches, index, time_spans)):
        channel = any(m.kind == "channel" and name in m.values for m in matches)
        return MarketAsk(unknown_competitor=name, is_channel=channel, known_competitors=known)
    what_if = bool(AGENT_CUES["what_if"].search(question))
    if _WHICH.search(question) and not group and price_change(question) is None and not what_if:
        lower, higher = _LOWER_PRICES.search(question), _RAISE_PRICES.search(question)
        if lower or higher:  # "which prices should I lower?": the ones above the market
            return MarketAsk("overpriced" if lower else "underpriced")
    one = products or _MARK_DOWN_IT.search(question) is not None
    if one and _MARK_DOWN_ONE.search(question) and not group and price_change(question) is None and not what_if:
        # "should we discount the cutting board?": its recommended price against the market, then its stock cover
        # (too much stock is the other reason to mark a product down); a bare "it" the session did not name gets
        # the price alone, since the store's overstock list would answer another question
        return MarketAsk("reprice", extra=("overstock",) if products else ())
    if REPRICE.search(question) and not group and price_change(question) is None and not what_if:
        return MarketAsk("reprice")  # "what should I reprice?", "what price should I charge for X?"
    if price_change(question) is not None and (products or price) and not _SALES_METRIC.search(question) and not any(
            rx.search(question) for rx in AGENT_CUES.values()):
        return MarketAsk("what_if")  # "if we dropped the X price by 15%, how many more would we sell?"
    if LOST_TO_STOCKOUTS.search(question):
        return MarketAsk("lost_sales")  # "how much revenue did we lose to stockouts?": an estimate, said so
    if OUT_OF_STOCK.search(question) and not _FUTURE.search(question):
        return MarketAsk("out_of_stock")  # "how many products are out of stock?"
    if REORDER.search(question) and not _RUNS_OUT.search(question) \
            and not _CUSTOMERS.search(question):
        return MarketAsk("reorder")  # "what should I reorder this week?"
    if _LONG_COVER.search(question) or _OVERSTOCK.search(question):
        return MarketAsk("overstock")  # "which products have more than a year of stock?"
    if LOW_STOCK.search(question):
        return MarketAsk("stockout")  # "which SKUs are running low?"
    return None


#: "our best sellers", "top 10 products by revenue", "biggest sellers": the best sellers by revenue.
_BEST_SELLERS = _rx(r"(?:best|top|biggest|highest)[- ]?(?:sell(?:ers?|ing)|grossing|earners?|performers?)|"
                    r"(?:top|best) (?:\d{1,3}|ten|five|twenty|fifty) (?:products|items|skus|sellers|lines)|"
                    r"(?:top|best|most popular) (?:products|items|skus)(?: by (?:revenue|sales))?|"
                    r"(?:products|items|skus) that (?:sell|make|earn) (?:the )?most")
_TOP_N = re.compile(r"\b(?:top|best|biggest)[- ](?P<n>\d{1,3}|ten|five|twenty|fifty)\b|"
                    r"\b(?P<m>\d{1,3}|ten|five|twenty|fifty) (?:best|top|biggest)[- ]?sell", re.I)
_N_WORDS = {"five": 5, "ten": 10, "twenty": 20, "fifty": 50}
#: The best sellers a question names without a number ("our best sellers").
DEFAULT_TOP_SELLERS = 10
#: The asks "which of our best sellers ..." narrows to the best sellers.
#: "our best seller" (one product), as a forecast or stock question names it.
ONE_BESTSELLER = re.compile(r"\b(?:our|the|my)\s+(?:(?:single|#1|number one)\s+)?(?:best[- ]?sell(?:er|ing "
                            r"(?:product|item|sku|line))|top[- ]?sell(?:er|ing (?:product|item|sku|line))|"
                            r"(?:most|best) popular (?:product|item|sku)|#1 (?:product|item|seller)|"
                            r"number one (?:product|item|seller))\b(?!s)", re.I)
#: The stock asks a question about "our best seller" reads for that one product.
_STOCK_ASKS = frozenset({"overstock", "stockout", "out_of_stock", "reorder"})
_SELLER_ASKS = frozenset({"overpriced", "underpriced", "reprice", "price_position", "versus_competitor",
                          "competitor_stock", "cheapest_competitor", "dearest_competitor"})


def best_sellers_span(question: str) -> tuple[int, int] | None:
    """Where the question names its best sellers ("our best sellers", "the top 5 products"), if it does."""
    m = _BEST_SELLERS.search(question)
    return m.span() if m is not None else None


def top_sellers(question: str) -> int | None:
    """N in "our 5 best sellers" / "top 20 products" (10 for "our best sellers"); ``None`` when none is named."""
    if not _BEST_SELLERS.search(question):
        return None
    if m := _TOP_N.search(question):
        token = (m.group("n") or m.group("m")).lower()
        return max(1, min(200, _N_WORDS.get(token) or int(token)))
    return DEFAULT_TOP_SELLERS


#: Where a question asks a second thing: ", and are we ...", "; what ...", "? How ...".
_CLAUSE_BREAK = re.compile(
    r"\s*,?\s*\b(?:and|also|plus|then)\s+(?:also\s+)?(?=(?:are|is|am|do|does|did|what|what's|whats|which|who|"
    r"how|where|can|could|should|have|has|were|was|will|would|tell|show|give|list)\b)|\s*;\s*|\?\s+(?=\S)", re.I)


def clause_spans(question: str) -> list[tuple[int, int]]:
    """The spans of the questions ``question`` asks one after the other (one span when it asks one thing)."""
    return spans_between(question, _CLAUSE_BREAK)


def spans_between(question: str, breaks: re.Pattern[str]) -> list[tuple[int, int]]:
    """The non-blank spans of ``question`` between the matches of ``breaks`` (the whole question without one)."""
    spans, start = [], 0
    for m in breaks.finditer(question):
        if question[start:m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if question[start:].strip():
        spans.append((start, len(question)))
    return spans


_PCT = r" ?(?:%|percent\b|per cent\b|pct\b)"
_CHANGE = re.compile(
    r"\b(?P<verb>rais\w*|increas\w*|put(?:ting)? (?:[\w'-]+(?:\.\d[\w'-]*)? ){0,8}?up|hik\w*|bump\w*|lift\w*|"
    r"mark(?:s|ed|ing)? (?:[\w'-]+ ){0,8}?up|"
    r"lower\w*|cut\w*|reduc\w*|drop\w*|discount\w*|decreas\w*|mark(?:s|ed|ing)? (?:[\w'-]+ ){0,8}?down|slash\w*|"
    r"knock\w*|shav\w*|"
    r"(?:go(?:es)?|went|going|gone|come|comes|came|coming) (?:up|down))\b"
    # a decimal point is no sentence's end ("the Kettle 1.7L by 10%")
    r"(?:[^.?!%]|(?<=\d)\.(?=\d)){0,80}?"
    r"(?:\bby |(?<=\s))(?P<pct>\d{1,3}(?:\.\d+)?)" + _PCT
    + r"|\b(?P<pct2>\d{1,3}(?:\.\d+)?)" + _PCT + r" (?:price )?(?P<word>higher|lower|more|less|cheaper|dearer|"
    r"more expensive|increase|rise|hike|raise|markup|cut|reduction|decrease|drop|discount|markdown)\b", re.I)
#: "more than 10%", "over 10 percent", "10% or more": a price gap's threshold.
_THRESHOLD_BEFORE = re.compile(r"(?:more than|over|above|at least|greater than|upwards of|in excess of|beyond|"
                               r"exceeding|bigger than|larger than|>)\s*$", re.I)
_GAP_THRESHOLD = re.compile(r"\b(?:more than|over|above|at least|greater than|upwards of|in excess of|beyond|"
                            r"exceeding|bigger than|larger than)\s*(?P<n>\d{1,3}(?:\.\d+)?)" + _PCT
                            + r"|>\s*(?P<g>\d{1,3}(?:\.\d+)?)" + _PCT
                            + r"|\b(?P<m>\d{1,3}(?:\.\d+)?)" + _PCT + r" or (?:more|above|over|higher|greater)", re.I)
_GAP_ABOVE = _rx(r"above|over|dearer|pricier|costlier|more expensive|higher|overpriced|premium|expensive")
_GAP_BELOW = _rx(r"below|under|cheaper|less expensive|lower|underpriced|undercut\w*|less than")
_GAP_MARKET = _rx(r"market|competition|competitors?|rivals?|others|elsewhere|price gaps?|gaps?|price index")


def gap_threshold(question: str) -> tuple[float, str] | None:
    """The price gap a market question names and its side: ("more than 10% above the market") -> (10.0, "above").

    The side is read after the threshold ("10% or more over competitors"), else anywhere; "price gaps over 10%"
    names no side ("both"). ``None`` without a threshold or without the market ("revenue up more than 10%").
    """
    m = _GAP_THRESHOLD.search(question)
    if m is None or not _GAP_MARKET.search(question):
        return None
    pct = float(m.group("n") or m.group("g") or m.group("m"))
    after, before = question[m.end():], question[:m.start()]
    for text in (after, before):
        above, below = _GAP_ABOVE.search(text), _GAP_BELOW.search(text)
        if above and not below:
            return pct, "above"
        if below and not above:
            return pct, "below"
    return pct, "both"


#: A gap in money: "$5 or more", "more than $10", "over 20 dollars", "by at least 5 bucks".
_MONEY_THRESHOLD = re.compile(
    r"\b(?:more than|over|above|at least|greater than|upwards of|in excess of|beyond|exceeding|bigger than|"
    r"larger than)\s*(?:[$\u00a3\u20ac]\s?(?P<a>\d{1,5}(?:\.\d{1,2})?)|(?P<b>\d{1,5}(?:\.\d{1,2})?)\s*"
    r"(?:dollars?|bucks|usd|euros?|eur|pounds?|gbp|quid)\b)"
    r"|(?:>\s*|(?<![\w.]))(?:[$\u00a3\u20ac]\s?(?P<c>\d{1,5}(?:\.\d{1,2})?)|(?P<d>\d{1,5}(?:\.\d{1,2})?)\s*"
    r"(?:dollars?|bucks|usd|euros?|eur|pounds?|gbp|quid)\b)\s*(?:or more|\+|and up|or above|or over|plus)", re.I)
#: A gap asked in money without a threshold: "how many dollars above", "the dollar gap", "by how much in $".
_MONEY_WORDS = re.compile(r"\bhow many (?:dollars|euros|pounds|bucks)\b|\b(?:dollar|euro|pound|cash|money) (?:gap|"
                          r"difference|premium)\b|\bin (?:dollars|euros|pounds|money|\$|\u00a3|\u20ac)"
                          r"(?=\s|$|[?.,])|\bhow much (?:more|less|cheaper|dearer)\b", re.I)
#: The cheapest competitor as the reference of a gap ("above the cheapest competitor", "than the lowest offer").
_TO_LOWEST = _rx(r"cheapest|lowest(?:[- ]priced)?|least expensive|best price")
#: Landed prices: the competitors' shipping added ("landed prices"; "incl. shipping" said of prices is written
#: "landed" by :mod:`shared.questions.pricing_idioms`, so "happy with delivery" stays a review question).
_LANDED = _rx(r"landed(?: prices?| costs?)?|shipping[- ](?:inclusive|included) prices?|delivered prices?|"
              r"total cost to (?:the )?(?:customer|buyer)")


def money_gap(question: str) -> tuple[float | None, str, str] | None:
    """A price gap asked in money: (the threshold or ``None``, its side, its reference), else ``None``.

    "which products are $5 or more above the cheapest competitor" -> (5.0, "above", "lowest"); "how many dollars
    above the market are we on X" -> (None, "above", "median"). Only about the market (a sales question with "$5"
    is no gap).
    """
    m = _MONEY_THRESHOLD.search(question)
    if (m is None and not _MONEY_WORDS.search(question)) or not _GAP_MARKET.search(question) \
            and not COMPETITOR_NOUN.search(question) and not _TO_LOWEST.search(question):
        return None
    amount = None if m is None else float(next(g for g in m.groups() if g is not None))
    after, before = (question[m.end():], question[:m.start()]) if m is not None else (question, "")
    side = "both"
    for text in (after, before):
        above, below = _GAP_ABOVE.search(text), _GAP_BELOW.search(text)
        if above and not below or below and not above:
            side = "above" if above else "below"
            break
    return amount, side, "lowest" if _TO_LOWEST.search(question) else "median"


def landed_prices(question: str) -> bool:
    """Whether the question compares landed prices (the competitors' shipping added)."""
    return _LANDED.search(question) is not None


_DOWN = re.compile(r"^(?:lower|cut|reduc|drop|discount|decreas|mark(?:s|ed|ing)? (?:[\w'-]+ ){0,8}?down|slash|knock|"
                   r"shav|less|cheaper|"
                   r"(?:go(?:es)?|went|going|gone|come|comes|came|coming) down|"
                   r"reduction|"
                   r"markdown)", re.I)


#: "what if we run a 10% promo on X", "and if we take 15% off the kettle?": a hypothetical promotion is a price cut
#: (asked as a hypothesis only: "sales of 20% off items" is no what-if).
_PROMO_CHANGE = re.compile(r"\b(?:what if|if (?:we|i)|suppose|should (?:we|i)|would|could)\b[^.?!]{0,60}?"
                           r"\b(?P<pct>\d{1,2}(?:\.\d+)?)" + _PCT + r"\s*(?:-\s*)?(?:promo\w*|off|sale|discount)\b",
                           re.I)


#: "kettle +5% units?", "X -10% -> sales": a signed change with the outcome asked right after it (a what-if in a
#: few keys; "sales +10% vs last year" has no outcome after its change, and stays a comparison).
SIGNED_CHANGE = re.compile(r"(?:^|(?<=\s))(?P<sign>[+\-\u2212])\s?(?P<pct>\d{1,3}(?:\.\d+)?)" + _PCT
                           + r"\s*(?:->|\u2192|=>|:|,)?\s*(?:on\s+|in\s+|to\s+)?(?:units?|sales|demand|volume)\b",
                           re.I)


def price_change(question: str) -> float | None:
    """The price change a what-if names ("raised the price of X by 10%" -> 10.0, "a 5% cut" -> -5.0).

    A percentage after "more than" / "over" / "at least" is a threshold ("more than 10% dearer than the market"), no
    change.
    """
    m = _CHANGE.search(question)
    if m is None and (promo := _PROMO_CHANGE.search(question)) is not None:
        return -float(promo.group("pct"))
    if m is None and (signed := SIGNED_CHANGE.search(question)) is not None:
        pct = float(signed.group("pct"))
        return max(-90.0, min(500.0, pct if signed.group("sign") == "+" else -pct))
    if m is None or _THRESHOLD_BEFORE.search(question[:m.start("pct" if m.group("pct") else "pct2")]):
        return None
    pct = float(m.group("pct") or m.group("pct2"))
    word = m.group("verb") or m.group("word") or ""
    return max(-90.0, min(500.0, -pct if _DOWN.match(word) else pct))
