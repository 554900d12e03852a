"""Marketplace sellers' pricing words written in the words the reader knows, before a question is read (#18).

Amazon and Shopify sellers ask in their own vocabulary; each rewrite keeps the rest of the question as typed:

* "do we win (own, hold, have) the Buy Box on X", "are we winning the buy box on X" -> "are we the cheapest on X"
  (who holds the Buy Box is not in the data: the answer says so first, then the price, its main lever); "which SKUs
  are we losing (have we lost) the buy box on" -> "are we being undercut on"; any other "buy box" is "the lowest
  price", never a product called "... Box";
* "the cheapest seller for X", "who's the lowest-priced seller of X" -> "who is cheapest on X";
* "are we cheaper than everyone (all competitors, every rival, the rest, the rivals, our competitors) on X", "do we
  beat every rival on X", "where do we have the best price" -> "are we the cheapest on X", "where are we the
  cheapest" (our price against every seller's: the lowest competitor price; "cheaper than the market" stays the
  median competitor's);
* "is X cheaper at any rival", "can you get X cheaper anywhere else", "is X cheaper elsewhere" -> "are we the
  cheapest on X" (the lowest competitor price; "does any rival sell X" would be whether they stock it);
* "undercut by more than 10%", "competitors undercut us by over 20%" -> "priced above the market by ...";
* "the biggest discount vs competitors" -> "the furthest below the market" (ours under theirs, not our promotions);
* "our (average) premium over MegaMart" -> "how do we compare with MegaMart" (a named rival only);
* "what price maximises revenue (profit)", "the optimal (ideal, break-even) price for X", "how low can we go on X
  without losing money" -> "should we change the price of X" (the pricing agent's recommendation, which weighs
  elasticity and margin and says the unit cost);
* "should we match the cheapest competitor on X" -> "should I lower the price of X" (a recommendation);
* "prices incl. shipping", "price position including delivery costs", "with shipping added" -> "landed" (the
  competitors' shipping added to their prices; the shipping we pay is not in the data);
* "a negative margin", "sold at a loss" -> "a margin below $0". ("Markup on X" stays markup: what a unit of X earns
  over its cost, the ``markup`` ask; it was written as "margin on X", the total gross margin.)

:func:`pricing_idioms` returns the text and the lead the answer opens with when a word was read as another
(``None`` otherwise). Pure: no I/O.
"""

from __future__ import annotations

from shared import regex as re

_BUY_BOX = r"(?:the\s+)?buy[- ]?box(?:es)?"
#: A rewrite: the pattern, its replacement and the lead the answer opens with ("" for none).
_WIN = r"(?:win|wins|winning|won|own|owning|hold|holding|have|having|get|getting|got|keep|keeping)"
_LOSE = r"(?:lose|loses|losing|lost|miss|missing|missed)"
_SUBJECT = r"(?:(?:are|am|do|does|did|would|will|could|can|have|has)\s+)?(?:we|i|us)(?:'re|'ve)?\s+(?:still\s+)?"
#: Every other seller, as a question names them: "everyone", "all competitors", "every rival", "the rest".
_EVERY_SELLER = (r"(?:every(?:one|body|\s+one)(?:\s+else)?|all\s+(?:(?:the|our|other|of\s+the)\s+)*"
                 r"(?:competitors|rivals|sellers|retailers|stores|shops|others)|all\s+of\s+them|"
                 r"(?:every|each|any)\s+(?:other\s+)?(?:competitor|rival|seller|retailer|store|shop)|the\s+rest|"
                 # "the rivals", "our competitors": the sellers as a group, so cheaper than each of them ("cheaper
                 # than competitors", "than the competition" without a determiner stay the median competitor's)
                 r"(?:the|our|my)\s+(?:competitors|rivals))")
#: A product is sold for less by another seller: "is X cheaper at any rival", "can you get X cheaper anywhere else",
#: "is X cheaper elsewhere" (the lowest competitor price, not X's position against the median).
_ANY_SELLER = (r"(?:(?:at|from|with|in|on)\s+(?:any|another|other|a\s+different)\s+(?:(?:of\s+)?(?:the|our|my)\s+)?"
               r"(?:other\s+)?(?:competitors?|rivals?|sellers?|retailers?|stores?|shops?|sites?)|"
               r"anywhere(?:\s+else)?|elsewhere|somewhere\s+else|from\s+(?:someone|somebody|anyone|anybody)\s+else)")
#: Someone who could buy it, with any modal: "can you", "could I", "would customers", "might shoppers".
_BUYER_CAN = (r"(?:can|could|would|will|might|may)\s+(?:you|i|we|one|people|someone|anyone|"
              r"(?:an?\s+|the\s+|our\s+)?(?:customers?|shoppers?|buyers?|clients?))")
#: Buying verbs: "get", "buy", "find", "pick up", "order", "grab", "source".
_BUY = r"(?:get|buy|find|pick\s+up|order|grab|source|purchase)"
#: For less: "cheaper", "for less", "at a lower price", "for a better price".
_FOR_LESS = (r"(?:cheaper|lower[- ]priced|less\s+expensive|for\s+less(?:\s+money)?|"
             r"(?:at|for)\s+(?:a\s+)?(?:lower|better|cheaper)\s+price)")
_IDIOMS: tuple[tuple[re.Pattern[str], str, str], ...] = (
    # "are we cheaper than everyone on X", "is our price lower than all competitors": the cheapest, against every
    # seller's latest price (the median competitor is the "cheaper than the market" question's)
    (re.compile(rf"\b(?P<v>are|am|r|were)\s+(?:we|i|u)\s+(?:still\s+|currently\s+)?(?:cheaper|lower[- ]priced|"
                rf"less\s+expensive)\s+than\s+{_EVERY_SELLER}(?:'s|'|\s+else)?(?:\s+prices?)?", re.I),
     "are we the cheapest", ""),
    # "on how many items are we cheaper than all competitors" (a question's subject after its verb: the same)
    (re.compile(rf"\b(?:we|i)(?:'re|\s+are|\s+am)?\s+(?:cheaper|lower[- ]priced|less\s+expensive)\s+than\s+"
                rf"{_EVERY_SELLER}(?:'s|'|\s+else)?(?:\s+prices?)?", re.I), "we are the cheapest", ""),
    # "is our kettle cheaper than every competitor's?", "is the X cheaper than all rivals?": that product, the cheapest
    (re.compile(rf"\bis\s+(?P<x>(?:our|the|my)\s+[^?.!]{{1,60}}?)\s+(?:cheaper|lower[- ]priced|less\s+expensive)\s+"
                rf"than\s+{_EVERY_SELLER}(?:'s|')?(?:\s+prices?)?", re.I), r"are we the cheapest on \g<x>", ""),
    # "is X cheaper at any rival?", "can you get X cheaper anywhere else?": does another seller sell it for less
    (re.compile(rf"\b(?:is|are|{_BUYER_CAN}\s+{_BUY})\s+(?P<x>[^?.!]{{1,60}}?)"
                rf"\s+(?:any\s+)?{_FOR_LESS}\s+{_ANY_SELLER}", re.I),
     r"are we the cheapest on \g<x>", ""),
    # "do we beat every rival on X", "how many products do we beat all competitors on (price)"
    (re.compile(rf"\b(?:do|did|can|could)\s+(?:we|i)\s+(?:still\s+)?(?:beat|undercut|undersell)\s+"
                rf"{_EVERY_SELLER}(?:'s|')?(?:\s+prices?)?(?:\s+on\s+price)?", re.I), "are we the cheapest", ""),
    (re.compile(rf"\b(?:we|i)\s+(?:still\s+)?(?:beat|undercut|undersell)\s+{_EVERY_SELLER}(?:'s|')?"
                rf"(?:\s+prices?)?(?:\s+on\s+price)?", re.I), "we are the cheapest", ""),
    # "where do we have the best price": ours, the cheapest ("which products do we have the lowest price on" is read
    # as such already; "who has the best price on X" is the cheapest offer)
    (re.compile(r"\bwhere\s+(?:(?:do|did)\s+(?:we|i)\s+(?:have|offer|give)\s+)?(?:the\s+|our\s+)?(?:best|lowest|"
                r"cheapest)\s+prices?(?!\s+(?:on|for|of)\b)", re.I), "where are we the cheapest", ""),
    # "which SKUs are we losing the buy box on", "which listings have we lost the buy box on"
    (re.compile(rf"\b{_SUBJECT}(?:been\s+)?{_LOSE}\s+{_BUY_BOX}\s+(?:on|for)\b", re.I), "are we being undercut on",
     "buy box"),
    # "do we win the buy box on X", "are we winning the buy box on X", "would we win the buy box on"
    (re.compile(rf"\b{_SUBJECT}{_WIN}\s+{_BUY_BOX}\s+(?:on|for)\b", re.I), "are we the cheapest on", "buy box"),
    # any other "buy box" left: the lowest price (never a product called "... Box")
    (re.compile(rf"\b{_BUY_BOX}\b", re.I), "the lowest price", "buy box"),
    # "how many items are we the cheapest seller of?": we are the seller, a count of ours (not who is cheapest)
    (re.compile(r"\b(?:are|am|were)\s+(?:we|i)\s+(?:the\s+)?(?:cheapest|lowest[- ]priced|least expensive)\s+(?:seller|"
                r"retailer|merchant)\s+(?:for|of|on)\b", re.I), "are we the cheapest on", ""),
    (re.compile(r"\b(?:who(?:'s|\s+is)\s+)?(?:the\s+)?(?:cheapest|lowest[- ]priced|least expensive)\s+(?:seller|"
                r"retailer|merchant|offer|listing)\s+(?:for|of|on)\b", re.I), "who is cheapest on", ""),
    # "where are we undercut by more than 10%", "items where competitors undercut us by over 20%"
    (re.compile(r"\b(?:competitors?|rivals?|the competition|others|they|anyone|everyone)\s+(?:undercut|under-cut|"
                r"undersell|undersold)\w*\s+(?:us|me)\s+by\s+(?=(?:more than|over|at least)\s+\d)", re.I),
     "we are priced above the market by ", ""),
    (re.compile(r"\b(?:undercut|under-cut|undersold)\s+by\s+(?=(?:more than|over|at least)\s+\d)", re.I),
     "priced above the market by ", ""),
    (re.compile(r"\b(?:biggest|largest|deepest|widest)\s+(?:price\s+)?(?:discounts?|savings?)\s+(?:vs\.?|versus|"
                r"against|compared (?:to|with)|relative to|to|over)\s+(?:the\s+)?(?:competitors?|competition|market|"
                r"rivals?)\b", re.I), "furthest below the market", ""),
    (re.compile(r"\b(?:what(?:'s|\s+is)\s+)?(?:our|my|the)\s+(?:average\s+|avg\s+|typical\s+)?(?:price\s+)?"
                r"premium\s+(?:over|to|vs\.?|versus|against)\s+(?=[A-Z])", re.I),
     "how do we compare with ", ""),
    # the price that maximises revenue or profit, the ideal one, the break-even one: the recommendation (it weighs
    # elasticity and margin, and says the unit cost below which a sale loses money)
    (re.compile(r"\bwhat\s+(?:price|selling price)\s+(?:would\s+)?(?:maximi[sz]es?|optimi[sz]es?|gets?\s+(?:us\s+)?"
                r"the\s+most)\s+(?:our\s+)?(?:revenue|sales|profits?|margins?|income)\s+(?:for|on|of)\b|"
                r"\b(?:what(?:'s|\s+is)\s+)?(?:the\s+|our\s+)?(?:optimal|optimum|ideal|best|revenue[- ]maximi[sz]ing|"
                r"profit[- ]maximi[sz]ing|right|break[- ]?even|minimum viable)\s+price\s+(?:for|on|of)\b|"
                r"\bhow\s+low\s+can\s+(?:we|i)\s+(?:go|price|drop)\s+(?:on|with|for)\b", re.I),
     "should we change the price of", ""),
    (re.compile(r"\s+without\s+(?:losing\s+money|a\s+loss|making\s+a\s+loss|selling\s+at\s+a\s+loss)\b", re.I),
     "", ""),
    (re.compile(r"\b(?:should|do|must)\s+(?:we|i)\s+(?:need\s+to\s+)?match\s+(?:the\s+)?(?:cheapest|lowest|"
                r"lowest[- ]priced)\s+(?:competitor|rival|seller|price)(?:'s\s+price)?\s+(?:on|for)\b", re.I),
     "should I lower the price of", ""),
    # "which products have a negative margin", "what do we sell at a loss": a gross margin below zero
    (re.compile(r"\b(?:an?\s+)?(?:negative|below[- ]zero)\s+(?:gross\s+)?margins?\b", re.I), "a margin below $0", ""),
    (re.compile(r"\b(?:sell|sold|selling|sells)\s+at\s+a\s+loss\b", re.I), "have a margin below $0", ""),
)
#: "what share of the buy box do we hold", "buy box percentage": the share itself is the marketplace's.
_BUY_BOX_SHARE = re.compile(rf"\b(?:share|percent\w*|%|win rate|ownership)\s+(?:of\s+)?{_BUY_BOX}|{_BUY_BOX}\s+"
                            r"(?:share|percent\w*|win rate|ownership|%)", re.I)
_LEADS = {"buy box": "Your data does not say who holds the Buy Box (your marketplace's own report does); on price, "
                     "its main lever: "}


#: "who has the best price on X", "where is the best price": the cheapest offer, not the price we should set.
_WHO_HAS_BEST = re.compile(r"\b(?:who|whose|where|which\s+(?:competitor|rival|seller|retailer|store|shop|site|"
                           r"website)s?)\b.*\bbest\s+price", re.I)


#: "incl. shipping", "including delivery costs", "with shipping added": landed prices, when prices are compared (not
#: the shipping costs we pay, which the data lacks).
_WITH_SHIPPING = re.compile(r"\b(?:incl\.?|including\.?|inc\.?|with|plus|after|counting|factoring in|adding)\s+"
                            r"(?:the\s+|their\s+|competitors'\s+)?(?:shipping|delivery|postage|freight)"
                            r"(?:\s+(?:costs?|fees?|charges?))?(?:\s+(?:added|included|in))?(?!\w)|"
                            r"\b(?:once|when|if|after)\s+(?:the\s+)?(?:shipping|delivery|postage|freight)"
                            r"(?:\s+(?:costs?|fees?|charges?))?\s+(?:is\s+|are\s+)?(?:included|added|counted|"
                            r"factored\s+in)\b", re.I)
_PRICES_COMPARED = re.compile(r"\b(?:pric\w*|compar\w*|competit\w*|rivals?|market|cheap\w*|dearer|expensive|"
                              r"position\w*)\b", re.I)


def pricing_idioms(text: str) -> tuple[str, str | None]:
    """``text`` with the sellers' words above written out, and the lead its answer opens with (or ``None``)."""
    if _BUY_BOX_SHARE.search(text):
        return text, None  # the share of the Buy Box itself: the unanswerable rule says what it needs
    out, lead = text, None
    if _PRICES_COMPARED.search(text):
        out = _WITH_SHIPPING.sub("landed", out)  # "price position including delivery costs": landed prices
    idioms = [i for i in _IDIOMS if i[1] != "should we change the price of"] if _WHO_HAS_BEST.search(text) \
        else _IDIOMS
    for pattern, words, said in idioms:
        new = pattern.sub(words, out)
        if new != out and said:
            lead = _LEADS[said]
        out = new
    return (re.sub(r"\s{2,}", " ", out).strip(), lead) if out != text else (text, None)
