"""The words of descriptive questions: metrics and their synonyms, dimensions, shapes, and what cannot be answered.

A grammar of word classes, not a list of whole questions: each pattern names one concept ("average order
value", "by channel", "top N", "share of"), and :mod:`shared.questions.reading` combines whatever concepts a
question has with the tenant's own names and the time phrases.
"""

from __future__ import annotations

from dataclasses import dataclass

from shared import regex as re
from shared.models.records import DataKind
from shared.questions.order_percentile import PERCENTILE_ORDER_VALUE
from shared.questions.time_of_day import HOUR_WORDS
from shared.store.metrics.model import DimensionName, Grain, MetricName

S, R, INV, C = DataKind.SALES, DataKind.REVIEWS, DataKind.INVENTORY, DataKind.COMPETITOR_PRICES


@dataclass(frozen=True)
class MetricWord:
    """A metric, the phrases that name it (most specific first) and the data it reads."""

    metric: MetricName
    pattern: re.Pattern[str]
    kind: DataKind
    noun: str  # how an answer names it in a sentence: "revenue", "units sold"


def _rx(body: str) -> re.Pattern[str]:
    # a phrase may open with "%" ("what % of items got returned"), before which no word boundary stands
    return re.compile(rf"(?:\b|(?<![\w%])(?=%))(?:{body})(?!\w)", re.I)


#: Cancellation words: UCI Online Retail's ``C`` invoices are cancellations, stored as returns (negative lines).
CANCELLED = (r"cancell?ations?|cancell?ed (?:units|items|products|goods|lines|invoices)|(?:units|items) cancell?ed|"
             r"(?:how many|number of) (?:\w+ ){0,3}(?:were |got |have been |has been |are )cancell?ed")
#: Not after a span of time: "two weeks' worth of stock" is cover, not what the stock is worth.
_NOT_A_SPAN = "".join(f"(?<!{unit}{end} )" for unit in ("day", "week", "month", "year")
                      for end in ("", "s", "s'", "'s"))
# Order matters: more specific phrases first ("net revenue" before "revenue", "return rate" before "returns").
METRIC_WORDS: tuple[MetricWord, ...] = (
    MetricWord("sell_through_rate", _rx(r"sell[- ]?thr(?:ough|u)(?: rates?| ratios?| %| percent(?:age)?)?"), INV,
               "sell-through"),
    MetricWord("stock_turn", _rx(r"(?:inventory|stock) (?:turns?|turnover(?: ratio| rate)?|turn ?rate|rotation)|"
                                 r"(?:turns?|turnover) (?:of|on) (?:our |the |my )?(?:inventory|stock)|"
                                 r"how (?:often|many times|fast|quickly) (?:does |do |did )?(?:our |the |my )?"
                                 r"(?:inventory|stock) turn(?: over)?"), INV, "stock turn"),
    MetricWord("inventory_value_at_price", _rx(r"(?:inventory|stock)(?: \w+){0,3} (?:at|in) (?:current |our |the )?"
                                               r"(?:retail|selling|sale|list|catalogue|catalog) (?:prices?|value)|"
                                               r"retail value of (?:\w+ ){0,2}(?:inventory|stock)|(?:inventory|stock)"
                                               r"(?: \w+){0,3} (?:at|in) retail\b"), INV,
               "stock value at catalogue price"),
    MetricWord("inventory_value", _rx(r"(?:inventory|stock|warehouse)(?: \w+){0,2} worth|(?:inventory|stock) "
                                      r"(?:value|valuation)|(?:value|" + _NOT_A_SPAN + r"worth) of (?:\w+ ){0,2}"
                                      r"(?:inventory|stock|warehouse)|(?:value|valuation|" + _NOT_A_SPAN + r"worth) "
                                      r"(?:\w+ ){0,2}(?:inventory|stock)|"
                                      r"(?:inventory|stock)(?: \w+){0,4} (?:at|by) cost\b|"
                                      r"(?:money|cash|capital) (?:is |was )?(?:tied up|sitting) in (?:\w+ ){0,2}"
                                      r"(?:inventory|stock)"), INV, "stock value"),
    # "median order value", "90th percentile basket size in dollars": one value per order, its middle or its rank
    MetricWord("median_order_value", _rx(r"(?:median|p50|50th percentile(?: of)?) (?:the )?(?:order|basket|cart|"
                                         r"transaction|checkout|ticket|purchase)s?(?: (?:value|size|amount|total|"
                                         r"spend))?|(?:order|basket|cart|transaction) (?:value|size|amount|total)s? "
                                         r"median|median (?:spend|value|amount) (?:per|of an?|of the) (?:order|basket|"
                                         r"transaction|checkout)s?"), S, "median order value"),
    *(MetricWord(f"p{p}_order_value", _rx(  # type: ignore[arg-type]
        rf"(?:{p}th percentile|p{p}|{p}(?:th)? pctl?|{q}(?: quartile)?)(?: of)? (?:the )?(?:order|basket|cart|"
        r"transaction|checkout|purchase)s?(?: (?:value|size|amount|total|spend))?|(?:order|basket|cart|transaction) "
        rf"(?:value|size|amount|total)s?(?: at the| at)? (?:{p}th percentile|p{p}|{q})"), S,
        f"{p}th percentile order value")
      for p, q in ((25, "lower quartile"), (75, "upper quartile"), (90, "p90"), (95, "p95"), (99, "p99"))),
    # any other whole percentile ("80th percentile order value"): the percentile is the query's (order_percentile)
    MetricWord("percentile_order_value", _rx(PERCENTILE_ORDER_VALUE), S, "order value at that percentile"),
    MetricWord("largest_order", _rx(r"(?:biggest|largest|highest|top|priciest|most expensive|record|single "
                                    r"(?:biggest|largest)) (?:single )?(?:(?:value|valued|dollar|money) )?(?:orders?|"
                                    r"baskets?|purchases?|sales? "
                                    r"order)(?! (?:count|number|volume))(?: value)?"), S, "largest order value"),
    # "what was our smallest order", "min order value": one order's value, the least (as the largest, its mirror)
    MetricWord("smallest_order", _rx(r"(?:smallest|lowest|cheapest|tiniest|least expensive|min(?:imum)?|single "
                                     r"smallest) (?:single )?(?:(?:value|valued|dollar|money) )?(?:orders?|baskets?|"
                                     r"purchases?|sales? order)"
                                     r"(?! (?:count|number|volume))(?: value)?"), S, "smallest order value"),
    MetricWord("multi_item_order_share", _rx(r"attach(?:ment)? rate|(?:orders|baskets|purchases) (?:\w+ ){0,2}(?:with|"
                                             r"having|had|have|"
                                             r"has|containing|contain|of|that had|that have|included?) (?:more than "
                                             r"(?:one|1)|multiple|several|two or more|2 or more|2\+|at least (?:two|2))"
                                             r" (?:items?|units?|products?|pieces?|things?)|multi[- ](?:item|unit|"
                                             r"product) (?:orders|baskets)"), S, "orders with two or more units"),
    MetricWord("promo_revenue_share", _rx(r"(?:percent(?:age)?|share|%|proportion|fraction|how much|part) of "
                                          r"(?:our |the |all |my )?(?:sales|revenue|turnover) (?:\w+ ){0,2}"
                                          r"(?:on|from|at|in|during|via|through|under) (?:a |the )?"
                                          r"(?:promo(?:tion)?s?|deals?|sales? price|(?:discounted|promoted|promo) "
                                          r"(?:orders|lines|sales|items|products|baskets))|promo(?:tion(?:al)?)? "
                                          r"(?:sales|revenue) (?:share|percentage|%)|(?:sales|revenue) on "
                                          r"promo(?:tion)?|promo(?:tion(?:al)?)? (?:sales|revenue)|"
                                          r"(?:sales|revenue) (?:from|during) promo(?:tion)?s"),
               S, "revenue on promotion or with a discount"),
    # "how many orders used a coupon", "orders with a discount code": a coupon or code is the discount amount on a
    # line, which an item on promotion (a sale price) does not have; "discounted orders" below count either
    MetricWord("discounted_order_share", _rx(r"(?:(?:percent(?:age)?|share|%|proportion|fraction|how many|number|"
                                             r"count|ratio) of (?:our |the |all |my )?)?orders (?:\w+ ){0,2}(?:with|"
                                             r"using|had|have|used|redeemed|applied|got) (?:a |any |an )?(?:coupons?|"
                                             r"vouchers?|(?:discount|promo(?:tion)?|coupon|voucher) codes?)|"
                                             r"(?:coupon|voucher) orders"), S, "orders with a coupon or discount code"),
    # "units sold on promo", "promo units": the units of the lines on promotion (with the share of all units)
    MetricWord("promo_unit_share", _rx(r"(?:units|items|pieces|quantity)(?: \w+){0,3} (?:on|at|in|during|under|"
                                       r"with|via|through) (?:a |the )?(?:promo(?:tion)?s?|sale price|deals?|"
                                       r"discounts?)|promo(?:tion(?:al)?)? (?:units|items|quantity)|"
                                       r"(?:units|items|pieces)(?: \w+){0,3} (?:during|in|over|throughout) (?:the|a|"
                                       r"our) sales?\b|"
                                       r"(?:discounted|promoted) (?:units|items)"), S, "units on promotion"),
    # "orders on promotion": an order with a line on promotion (or with a discount), as "discounted orders" are
    MetricWord("promo_order_share", _rx(r"(?:percent(?:age)?|share|%|proportion|fraction|how many|number|count|"
                                        r"ratio) of (?:our |the |all |my )?orders (?:\w+ ){0,2}(?:discount(?:ed)?|"
                                        r"on (?:a )?(?:promo(?:tion)?s?|sale|deal)|promoted|(?:with|using|had|used|"
                                        r"have) (?:a |any )?(?:discounts?|coupons?|promo(?:tion)?s?(?: codes?)?|"
                                        r"vouchers?))|discounted orders|orders (?:with|using) (?:a |any )?"
                                        r"(?:discounts?|coupons?|promo(?:tion)?s?(?: codes?)?|vouchers?)|"
                                        r"promo(?:tion(?:al)?)? orders|promoted orders|orders (?:\w+ ){0,2}"
                                        r"(?:on|at|in|under|during) (?:a |the )?(?:promo(?:tion)?s?|deals?|"
                                        r"sale prices?)|orders (?:\w+ ){0,2}on sale|"
                                        # "orders during the sale": a sale is a promotion's period
                                        r"orders (?:\w+ ){0,3}(?:during|in|over|throughout) (?:the|a|our) sales?\b|"
                                        r"orders (?:\w+ ){0,2}(?:used|using|with|had|"
                                        r"redeemed|applied|got|received|came with|carried) (?:a |any |an )?"
                                        r"(?:discount|coupon|promo(?:tion)?|"
                                        r"voucher)s?(?: codes?)?"), S, "orders with a promotion or discount"),
    # "how many bucks per order": money words as the amount
    MetricWord("aov", _rx(r"(?:revenue|sales|spend|value|money|dollars|bucks|quid|euros|pounds) per (?:order|"
                          r"transaction|basket|checkout)"),
               S, "average order value"),
    MetricWord("asp", _rx(r"(?:revenue|sales|money|dollars|bucks|quid|euros|pounds) per (?:unit|item|piece)|"
                          r"(?:sell|sold|selling|go|went|going) "
                          r"for,? on average|on average,? (?:\w+ ){0,3}(?:sell|sold|selling) for|average price "
                          r"(?:of|for) (?:what|everything|all (?:that|of what)) (?:we|i) (?:sold|sell)"),
               S, "average selling price"),
    MetricWord("revenue", _rx(r"(?:total |gross )?value of (?:all |our |my |the )?(?:orders|sales|purchases)"),
               S, "revenue"),
    MetricWord("net_revenue", _rx(r"net (?:revenue|sales|turnover|income)|(?:revenue|sales) (?:after|net of|minus|less)"
                                  r" (?:discounts?|refunds?|returns?)(?: and (?:discounts?|refunds?|returns?))?"),
               S, "net revenue"),
    MetricWord("return_rate", _rx(r"return(?:s)? rate|rate of returns?|returns? (?:ratio|percentage|%)|"
                                  r"cancell?ation (?:rate|ratio|percentage)|"
                                  r"(?:percent(?:age)?|per cent|share|proportion|fraction|%) of (?:our |the |all )?"
                                  r"(?:units |items |orders |invoices |products |sales )?"
                                  r"(?:were |get |got |are |is |was )?(?:returned|sent back|c[ao]me back|cancell?ed)|"
                                  r"how often (?:do |are |were )?(?:\w+ ){0,3}returned"), S, "return rate"),
    MetricWord("refund_rate", _rx(r"refund (?:rate|ratio|percentage|%)|rate of refunds?|(?:percentage|share|%) of "
                                  r"(?:revenue|sales|money) (?:was |were |got )?refunded|refunds? (?:as|in) (?:a )?"
                                  r"(?:percentage|percent|%|share|proportion|fraction) of (?:our |the )?"
                                  r"(?:revenue|sales)"),
               S, "refund rate"),
    MetricWord("refunds", _rx(r"(?:returns?|refunds?) cost(?: us| me)?|cost of (?:returns?|refunds?)|"
                              r"refund(?:s|ed)?(?: amount)?|money (?:we )?(?:gave back|refunded)|chargebacks?"),
               S, "refunds"),
    # "how many orders did customers return last month", "orders that came back last month": the returns made in the
    # period, counted as orders (not the units; "how many of last month's orders were returned" is the orders placed
    # then that had a return, ``returned_orders``)
    MetricWord("returns_made", _rx(r"(?:orders?|purchases?) (?:did|have|had|do) (?:customers?|people|buyers?|"
                                   r"shoppers?|clients?|they|folks) (?:return|send back)|(?:orders?|purchases?) "
                                   r"(?:customers?|people|buyers?|shoppers?|clients?) (?:returned|sent back)|"
                                   r"(?:orders?|purchases?) (?:that |which )?(?:came|went|got sent|were sent) back"),
               S, "orders with a return made"),
    MetricWord("returned_units", _rx(r"returns|returned (?:units|items|products|goods)|units returned|items returned|"
                                     r"(?:how many|number of) (?:\w+ ){0,3}(?:were |got |have been |has been |are |"
                                     r"did (?:we|i) get )?(?:returned|sent back)|(?:get|gets|got|getting|are|were|"
                                     r"being|been|is|was) (?:returned|sent back)|"
                                     # "how many units did customers send back": what they returned
                                     r"(?:units|items|products|goods|things|pieces) (?:did|have|had|do) (?:customers?|"
                                     r"people|buyers?|shoppers?|clients?|they|folks) (?:return|send back)|"
                                     # "how many items went back": the goods came back to the shop
                                     r"(?:units|items|products|goods|things|pieces) (?:went|came|got sent|were "
                                     r"sent) back|" + CANCELLED),
               S, "units returned"),
    MetricWord("discount_rate", _rx(r"discounts? (?:as|in) (?:a )?(?:percentage|percent|%|share|proportion|fraction) "
                                    r"of (?:our |the )?(?:revenue|sales)|"
                                    r"discount (?:rate|percentage|%)|average discount|(?:percentage|share|%) "
                                    r"(?:of (?:revenue|sales) )?(?:given |lost )?(?:as|in|to) discounts?|"
                                    r"(?:percent(?:age)?|share|%|proportion|how much) of (?:our |the )?"
                                    r"(?:revenue|sales) (?:\w+ ){0,3}(?:discount(?:ed|s)?|marked down)|"
                                    r"(?:percent(?:age)?|share|proportion|fraction|how much|(?:what|the)\s*%) of "
                                    r"(?:our |the )?(?:revenue|sales) (?:was|were|is|got|has been) (?:given away as "
                                    r"discounts|discounted|marked down)"),
               S, "discount rate"),
    MetricWord("discounts", _rx(r"discounts?|markdowns?|money off|coupons?|promo(?:tion)?(?:al)? (?:spend|cost)"),
               S, "discounts"),
    MetricWord("units_per_order", _rx(r"(?:units|items|products|pieces) per (?:order|basket|transaction|checkout)|"
                                      r"(?:units|items|products|pieces) (?:[\w']+ ){1,6}?(?:on average )?"
                                      r"(?:per|each|an|a) (?:order|basket|transaction|checkout)\b|"
                                      r"basket size in units|average (?:units|items) per order|(?:units|items|products|"
                                      r"pieces) (?:did |does |do |are |were )?(?:in |on )?(?:the |an |each |a )?"
                                      r"(?:average|typical|usual) (?:order|basket)|(?:average|typical) (?:order|basket)"
                                      r" (?:have|has|had|contain\w*|hold\w*)"), S, "units per order"),
    MetricWord("aov", _rx(r"(?:average|typical|usual|mean|avg\.?) order (?:value|size|amount)|order size|aov|"
                          r"(?:average|typical|usual|mean) (?:basket|cart)"
                          r"(?: value| size)?|basket (?:value|size)|cart (?:value|size)|order value|"
                          r"(?:value|spend) per order|average (?:spend|ticket)(?! per (?:customer|buyer|shopper|"
                          r"client|head))|average transaction value|"
                          # "how much does each amazon order bring in on average": an order's worth
                          r"(?:each|every|an?|the average|a typical) (?:[\w-]+ ){0,2}order (?:bring|brings|brought|"
                          r"make|makes|made|is worth|was worth|worth|"
                          # "how much does the average order come to", "what did a typical order cost": its total
                          r"comes? to|came to|amounts? to|amounted to|totals?|totall?ed|cost|costs)\b"),
               S, "average order value"),
    # "the average price of bananas last month": a named product (masked "_______") over a period is what it
    # sold at; without a period it may be the catalogue's or the market's price, so that is left to the agents
    MetricWord("asp", _rx(r"average (?:selling|sale|unit|sold) price|asp|average price (?:per unit|we sold at|"
                          r"paid|of (?:a |an |each )?(?:unit|item)s?)|price per unit sold|"
                          r"average price of (?:the |our |my )?_+(?: _+)*(?= (?:in|during|last|this|over|since|"
                          r"between|from)\b)"),
               S, "average selling price"),
    MetricWord("margin_pct", _rx(r"(?:gross |profit )?margins? (?:%|percent(?:age)?|rate|ratio)|profit margins?|"
                                 r"(?:gross )?margin as a (?:percentage|%)|(?:percentage|%) margins?|"
                                 r"profit(?:ability)? (?:%|percent(?:age)?|rate|ratio)"), S, "gross margin %"),
    MetricWord("margin", _rx(r"(?:losing|lose|lost|losses?|lost) money|loss[- ]making|unprofitable|money[- ]losing|"
                             r"(?:gross )?margins?|(?:gross )?profits?|profitable|profitability|earn(?:ed|t)? after "
                             r"costs?|made after costs?"), S, "gross margin"),
    MetricWord("cost", _rx(r"cost of (?:goods|sales)(?: sold)?|cogs|product costs?|costs?"), S, "cost of goods"),
    # "what % of revenue came from repeat customers", "how much of our revenue is from returning customers": the
    # returning customers' share of the revenue (Shopify's customer type), before their money alone
    # (not ``_rx``: its ``\b`` cannot stand before a leading "%", as in "% of sales from existing customers")
    MetricWord("returning_customer_revenue_share", re.compile(
        r"(?<!\w)(?:%|percent(?:age)?|share|proportion|fraction|part|portion|how much) of "
        r"(?:(?:our|the|all|total|my) )*"
        r"(?:\w+'s |this \w+'s |last \w+'s )?(?:revenue|sales|turnover|takings|money)(?: \w+){0,3}? (?:from|by|of) "
        r"(?:(?:our|the) )?(?:returning|repeat|existing|loyal) (?:customers?|buyers?|shoppers?|clients?)|"
        r"(?:returning|repeat|existing) (?:customers?|buyers?)'? (?:share of (?:revenue|sales)|revenue share|"
        r"sales share)(?!\w)", re.I), S, "share of revenue from returning customers"),
    # "share of revenue from new customers", "what % of sales came from first-time buyers": the mirror of the above
    MetricWord("new_customer_revenue_share", re.compile(
        r"(?<!\w)(?:%|percent(?:age)?|share|proportion|fraction|part|portion|how much) of "
        r"(?:(?:our|the|all|total|my) )*"
        r"(?:\w+'s |this \w+'s |last \w+'s )?(?:revenue|sales|turnover|takings|money)(?: \w+){0,3}? (?:from|by|of) "
        r"(?:(?:our|the) )?(?:new|first[- ]time) (?:customers?|buyers?|shoppers?|clients?)|"
        r"(?:new|first[- ]time) (?:customers?|buyers?)'? (?:share of (?:revenue|sales)|revenue share|"
        r"sales share)(?!\w)", re.I), S, "share of revenue from first-time customers"),
    # "returning customer revenue", "revenue from new customers": their money, not how many they were
    # "revenue from repeat customers", "how much revenue came (did we get) from repeat customers"
    MetricWord("returning_customer_revenue", _rx(r"(?:returning|repeat|existing)[- ](?:customers?|buyers?)'?s? "
                                                 r"(?:revenue|sales|spend|money)|(?:revenue|sales|spend|money)"
                                                 r"(?: \w+){0,3}? (?:from|of|by) (?:(?:our|the) )?(?:returning|"
                                                 r"repeat|existing|loyal) (?:customers|buyers|shoppers|clients)"),
               S, "revenue from returning customers"),
    MetricWord("new_customer_revenue", _rx(r"(?:new|first[- ]time)[- ](?:customers?|buyers?)'?s? (?:revenue|sales|"
                                           r"spend|money)|(?:revenue|sales|spend|money)(?: \w+){0,3}? (?:from|of|by) "
                                           r"(?:(?:our|the) )?(?:new|first[- ]time) (?:customers|buyers)|"
                                           r"new (?:vs\.?|versus|and|or|&) "
                                           r"(?:returning|repeat|existing)(?: customers?)? (?:revenue|sales|spend)"),
               S, "revenue from new customers"),
    MetricWord("new_customers", _rx(r"(?:new|first[- ]time|brand[- ]new) (?:(?:vs\.?|versus|and|or|&|against) "
                                    r"(?:returning|repeat|existing|old|loyal) )?(?:customers?|buyers?|shoppers?|"
                                    r"clients?|purchasers?)|(?:customers?|buyers?|shoppers?) (?:who |that )?"
                                    r"(?:bought|ordered|purchased|shopped) (?:from us )?for the first time"),
               S, "new customers"),
    MetricWord("returning_customers", _rx(r"(?:returning|existing) (?:customers?|buyers?|shoppers?|clients?)"
                                          r"(?! (?:rate|share|percentage|%))"), S, "returning customers"),
    MetricWord("repeat_customer_rate", _rx(r"repeat (?:customers?|buyers?|purchase(?:rs)?|purchase rate|rate)|"
                                           r"returning (?:customers?|buyers?|shoppers?)|customer retention|"
                                           r"(?:customers?|buyers?) (?:who )?(?:came back|bought again|ordered again|"
                                           r"returned to buy)|(?:(?:customers?|buyers?|people|shoppers?|clients?) "
                                           r"(?:who |that )?(?:have |had )?)?(?:bought|ordered|purchased|shopped)"
                                           r"(?: from us)? (?:more than once|more than one time|twice or more|(?:two|2)"
                                           r" or more times|2\+ times|again)|"
                                           # "customers who placed more than one order", "buyers with 2+ orders"
                                           r"(?:(?:customers?|buyers?|people|shoppers?|clients?) (?:who |that )?"
                                           r"(?:have |had )?)?(?:placed|made) (?:more than (?:one|1)|multiple|two or "
                                           r"more|2 or more|2\+|repeat) (?:orders?|purchases?)|(?:customers?|buyers?|"
                                           r"shoppers?|clients?) with (?:more than (?:one|1)|multiple|two or more|"
                                           r"2 or more|2\+|repeat) (?:orders?|purchases?)"),
               S, "repeat customer rate"),
    MetricWord("avg_rating", _rx(r"customer (?:sentiment|satisfaction)|(?:customers?|buyers?|people|shoppers?|"
                                 r"reviewers?|users?|clients?) rate"), R, "average rating"),  # before "customers"
    MetricWord("customers", _rx(r"(?:unique |distinct |individual )?(?:customers?|buyers|shoppers|clients|"
                                r"purchasers)|(?:how many|number of) (?:different |unique |distinct |individual )?"
                                r"(?:people|persons|households) (?:\w+ ){0,2}(?:ordered|bought|purchased|shopped|"
                                r"placed (?:an )?orders?|bought something|made (?:a )?purchases?)"), S, "customers"),
    MetricWord("negative_review_share", _rx(r"(?:share|percentage|proportion|fraction|rate|ratio|%|percent) of "
                                            r"(?:negative|bad|poor|unhappy|low[- ]rated|(?:1|one|2|two)[- ]star) "
                                            r"(?:reviews?|ratings?)|negative review (?:share|rate|ratio)|"
                                            r"(?:share|percentage|proportion|fraction|%|percent|how many) of "
                                            r"(?:our |the |all |my )?(?:reviews|ratings) "
                                            r"(?:(?:for|of|on) [^?.!]{1,80}? )?(?:are|were|is|was|that "
                                            r"(?:are|were)|come in) "
                                            r"(?:negative|bad|poor|low|(?:1|one|2|two)[- ]stars?)|"
                                            # "what % of reviews were negative": a "%" after a word has no \b
                                            r"(?:what|the|a) ?% of (?:our |the |all |my )?(?:reviews|ratings) "
                                            r"(?:(?:for|of|on) [^?.!]{1,80}? )?(?:are|were|is|was|that (?:are|were)) "
                                            r"(?:negative|bad|poor|low|(?:1|one|2|two)[- ]stars?)"),
               R, "share of negative reviews"),
    MetricWord("negative_reviews", _rx(r"(?:most|fewest|least|more|fewer) (?:\w+ )?complaints"), R,
               "negative reviews (1-2 stars)"),
    MetricWord("negative_reviews", _rx(r"(?:most|fewest|least|more|fewer|number of|count of|how many|many) "
                                       r"(?:\w+ ){0,2}(?:negative|bad|poor|unhappy|low[- ]rated|(?:1|one|2|two)"
                                       r"[- ]star) (?:reviews?|ratings?)"),
               R, "negative reviews (1-2 stars)"),
    MetricWord("negative_review_share", _rx(r"(?:negative|neg) (?:reviews?|revs)|bad reviews?|poor reviews?|"
                                            r"(?:1|one|2|two)[- ]star"
                                            r"(?: reviews?| ratings?)?|low ratings?|unhappy reviews?"),
               R, "share of negative reviews"),
    MetricWord("avg_rating", _rx(r"(?:best|worst|better|worse|highest|lowest|top|bottom)[- ]"
                                 r"(?:rated|reviewed|reviews?)|"
                                 r"average (?:star )?ratings?|avg\.? ratings?|star ratings?|ratings?|stars|rated|"
                                 # "review count and average star for May": the mean of the stars, said singular
                                 r"(?:average|avg\.?|mean) star\b(?![- ](?:reviews?|ratings?))|"
                                 r"review scores?|scores?"), R, "average rating"),
    MetricWord("review_words", _rx(r"words? (?:per|in an?|in each|in the average) review|review length|length of "
                                   r"(?:the |our |my )?reviews|how long (?:are|were|is) (?:the |our |my )?reviews?"),
               R, "words per review"),  # before "reviews": how long they are, not how many
    MetricWord("review_count", _rx(r"(?:most|least|fewest)[- ]reviewed|(?:never (?:been )?|not (?:been )?|un)reviewed|"
                                   r"reviews?|review count|feedback count"), R,
               "reviews"),
    MetricWord("days_of_cover", _rx(r"days? (?:of |in )?inventory(?: outstanding)?|dio|doi|days on hand|"
                                    r"(?:days?|weeks?|months?)(?:'s?|s')? (?:worth )?of (?:cover|stock|supply|"
                                    r"inventory)|"
                                    # "how many weeks of KIT-0141 stock have we got": the product between
                                    r"how (?:many|much) (?:days?|weeks?|months?)(?:'s?|s')? (?:worth )?of "
                                    r"(?:the |our |my )?(?:[\w&'./-]+ ){1,8}?(?:stock|inventory|supply)\b|"
                                    r"(?:stock|inventory) "
                                    r"cover|how (?:long|many days|many weeks) (?:will |would |does |do |is )?"
                                    r"(?:our |my |the )?(?:[\w&'./-]+ ){0,3}?(?:stock|inventory)"
                                    r"(?: (?:of|for) (?:the |our |my )?"
                                    r"(?:[\w&'./-]+ ){1,8}?)? ?(?:last|cover|going to last)|"
                                    # "how long will the Fenwick cutting board last": its stock, unsaid
                                    r"how long (?:will|would|is) (?:the |our |my )(?:[\w&'./-]+ ){1,8}?"
                                    r"(?:last|hold out|be in stock)"), INV, "days of cover"),
    MetricWord("stocked_skus", _rx(r"(?:how many|number of) (?:different |distinct )?(?:skus|products|product "
                                   r"lines|listings|articles) (?:are |do we have |we have |have we got )?(?:in stock|"
                                   r"on hand|available|stocked)"), INV, "SKUs in stock"),
    MetricWord("stock_on_order", _rx(r"(?:units|items|stock|inventory|pieces|products|skus)?\s*(?:are |is |we have )?"
                                     r"on (?:order|back[- ]?order)|(?:open|outstanding|pending|incoming) (?:purchase )?"
                                     r"orders? (?:with|from|to) (?:our )?suppliers?|(?:stock|inventory|units) "
                                     r"(?:coming|arriving|incoming|in transit|inbound)|incoming (?:stock|inventory)"),
               INV, "units on order"),
    MetricWord("stock_on_hand", _rx(r"(?:units|items|pieces) of (?:stock|inventory)|"
                                    r"(?:units|items|pieces) (?:are |do we have |we have |have we got )?(?:sitting |"
                                    r"stored |held |kept )?(?:in stock|on hand|left|in (?:the )?warehouse)|"
                                    # "units do we currently have on hand", "items have we actually got in stock"
                                    r"(?:units|items|pieces) (?:(?!(?:sold|sell|selling|bought|ordered|shipped)\b)"
                                    r"[\w']+ ){1,5}?(?:in stock|on hand|in (?:the )?warehouse)\b|"
                                    r"stock(?: on hand| levels?| position)?|"
                                    r"inventory(?: levels?| on hand)?|on hand|"
                                    r"(?:units|items) (?:in stock|in the warehouse)|in stock|"
                                    r"how many (?:[\w&'./-]+ ){1,8}?(?:are|is) (?:there )?left\b|"
                                    r"(?:do|have) (?:we|i) (?:got |have )?left\b"), INV, "stock on hand"),
    MetricWord("price_index", _rx(r"(?:more|less) expensive than|pricier than|dearer than|(?:are|is) (?:we|our "
                                  r"prices?) (?:\w+ )?(?:expensive|cheap|pricey|competitive)|"
                                  # "how are we positioned on price in each category?"
                                  r"price index|price position(?:ing)?|positioned (?:on|for|by) price|"
                                  r"(?:as|in) an? index\b|in index (?:terms|points)|"
                                  r"(?:how|are we) (?:expensive|cheap|"
                                  r"pricey|competitive)|(?:priced|price) (?:relative|compared) to (?:the )?"
                                  r"(?:market|competitors?)|"
                                  # "how do Brightline products compare on price with competitors", "how are
                                  # Northwind products priced vs competitors": a group's price index
                                  r"compare[sd]? on price|(?:cheaper|for less) elsewhere|"
                                  r"priced (?:vs\.?|versus|against|"
                                  r"compared (?:to|with)|next to) (?:the )?(?:market|competitors?|competition|"
                                  r"rivals?)"), C, "price index"),
    MetricWord("cheapest_share", _rx(r"(?:the )?cheapest|lowest price(?:d)?|(?:how )?often (?:are |were )?we "
                                     r"(?:the )?(?:cheapest|lowest)"), C, "share of days we are the cheapest"),
    MetricWord("orders", _rx(r"orders?|transactions?|purchases|checkouts|baskets|carts|invoices|"
                             r"(?:number|count) of sales|"
                             r"how many sales"),
               S, "orders"),
    MetricWord("units", _rx(r"(?:sell|sold|sells|selling) (?:more|less|fewer|better|worse)|"
                            r"units?(?!\s+(?:of\s+[\w-]+(?:\s+[\w-]+){0,6}?\s+)?"  # "units of KIT-1 are in stock"
                            r"(?:are\s+|do\s+we\s+have\s+|we\s+have\s+)?(?:in\s+stock|on\s+hand|"
                            r"left|in\s+(?:the\s+)?warehouse))|items? sold|pieces|quantit(?:y|ies)|volume|"
                            r"(?:how many|number of) "
                            r"(?:\w+ ){0,4}(?:did (?:we|i) |have (?:we|i) |do (?:we|i) )?(?:sell|sold|ship|shipped|"
                            r"shift(?:ed)?|flog(?:ged)?|move[ds]?|push(?:ed)?|get through|got through)\b|"
                            r"best[- ]sell(?:ing|ers?)|(?:most|least|top|best)[- ](?:selling|sold)|"
                            r"top[- ]sell(?:ing|ers?)|sold (?:the )?(?:most|least|best|worst)|"
                            r"(?:sell|sells|sold|selling) (?:the )?(?:most|least|best|worst|fastest|slowest)|"
                            r"slow[- ]moving|fast[- ]moving|(?:worst|slowest|fastest)[- ]sell(?:ing|ers?)|"
                            r"(?:slow|slowest|fast|fastest|quick|quickest|top|biggest)(?=[- ]?movers?\b)"),
               S, "units sold"),
    MetricWord("revenue", _rx(r"(?:our|my|the) take(?! on)\b|(?:did|do|does|have|has|are|were) (?:we|i) "
                              r"(?:take|taken|taking)\b|turn(?:ed|s)? over\b|(?:are|were|is) (?:we|i) making\b|"
                              r"what (?:we|i|the (?:shop|store|business|company)) (?:took|take|taken|made|make|"
                              r"brought in|turned over|banked)\b|"
                              r"(?:did|do|does|has|have) (?:the|our|my) (?:business|shop|store|company|site|firm) "
                              r"(?:take|turn over|bring in|make)\b|"
                              r"how much (?:did|do|does|has|have|was|were) (?!we\b|i\b|you\b|us\b)"
                              r"(?:(?!stock\b|inventory\b)[\w&'.-]+ ){1,5}?"
                              r"(?:spend|spent|buy|bought|order|ordered|purchase|purchased)\b|"
                              r"what (?:did|have|do|does|has) "
                              r"(?:we|i|(?:the |our |my )?(?:[\w&'.-]+ ){1,4}?)(?:sell|sold)\b|"
                              r"how much (?:[\w&'.-]+ ){0,8}(?:sell|sold|sales?)\b|"
                              r"how(?:'s|'re| is| are| was| were) (?:[\w&'.-]+ ){1,8}?selling\b|"
                              r"sold for|revenues?|sales|turnover|gmv|grossing|grossed|"
                              r"sale (?:amount|total|figure|number|value)s?|"
                              r"(?:the|total|our|my) sale (?:of|for|in|on)\b|"
                              r"takings|income|earn(?:ed|ings|t|s)?|made|make|makes|"
                              r"(?:did|do|have|has) (?:we|i) (?:bank|banked|rake in|raked in|pull in|pulled in|"
                              r"ring up|rung up|clear|cleared|take in|taken in)\b|cash (?:came|come|coming|comes) in|"
                              r"how(?:'s| is| has| was) (?:\w+ ){0,2}?trade\b|"  # "how's trade been this week"
                              # "what did the tills take", "what have we taken this week": the takings
                              r"what (?:did|do|does|have|has) (?:[\w'&-]+ ){1,3}?tak(?:e|en)\b(?! (?:to|for|off|out|"
                              r"up|place|back|long|over))|"
                              r"(?:came|come|coming) in (?:the door|through the tills?)|cash in|"
                              r"bring in|brought in|brings in|generate[ds]?|money|gross(?: sales)?|"
                              r"top[- ]?line|perform(?:ed|ing|ance|s)?|did (?:\w+ ){0,3}do|doing|dollars|euros|"
                              r"how (?:did|do|does|are|is|was|were|has|have) (?:[\w'&-]+ ){1,4}?(?:get(?:ting)? on|"
                              r"got on|go|gone|going|fare[ds]?|faring|shape[ds]? up|shaping up|trade[ds]?|"
                              r"trading|tracking|pacing|trending)\b|"
                              r"pounds|best|worst"), S, "revenue"),
)
METRIC_NOUNS: dict[str, str] = {w.metric: w.noun for w in METRIC_WORDS}
#: Metrics no phrase names alone: read beside the one asked (a share's counts, a stock value's parts).
METRIC_NOUNS |= {"multi_item_orders": "orders with two or more units",
                 "largest_order_units": "units in the largest order",
                 "repeat_customers": "repeat customers", "promo_orders": "orders with a promotion or discount",
                 "discounted_orders": "orders with a coupon or discount code",
                 "promo_revenue": "revenue on promotion", "promo_units": "units on promotion",
                 "inventory_retail_value": "stock value at catalogue price",
                 "uncosted_skus": "SKUs without a cost", "stocked_skus": "SKUs in stock",
                 "unpriced_skus": "SKUs without a price", "catalogue_price": "catalogue price",
                 "catalogue_products": "products", "value_orders": "orders in that value range",
                 "value_order_share": "share of orders in that value range",
                 "value_revenue": "revenue of orders in that value range",
                 "average_stock_on_hand": "average stock on hand", "net_units": "units less returns",
                 "revenue_less_refunds": "revenue less refunds"}
#: The metrics computed from competitor observations: a day without any has no value, and "right now" is the
#: latest day's figure (read on the latest day with prices when that day has none).
OBSERVED_METRICS: frozenset[str] = frozenset({"price_index", "cheapest_share"})
METRIC_KINDS: dict[str, DataKind] = {str(w.metric): w.kind for w in METRIC_WORDS} | {
    "multi_item_orders": S, "repeat_customers": S, "promo_orders": S, "discounted_orders": S, "promo_revenue": S,
    "promo_units": S,
    "inventory_retail_value": INV,
    "uncosted_skus": INV, "stocked_skus": INV, "unpriced_skus": INV, "catalogue_price": DataKind.PRODUCTS,
    "catalogue_products": DataKind.PRODUCTS, "value_orders": S, "value_order_share": S,
    "value_revenue": S, "average_stock_on_hand": INV, "largest_order_units": S, "net_units": S,
    "revenue_less_refunds": S}
#: Metrics only "weak" words found (``best``, ``doing``): used when nothing stronger names a metric.
WEAK_REVENUE = _rx(r"run[- ]?rate|perform(?:ed|ing|ance|s)?|did (?:\w+ ){0,3}do|doing|best|worst|dollars|euros|"
                   # "did weekends beat weekdays", "was amazon bigger than web", "what did we average a day"
                   # ("outsell" is the money too, as "did November outsell October" has been read)
                   r"beat|beats|out-?s(?:ell|ells|old|elling)|outperform(?:ed|s)?|(?:do|does|did|doing|done) better|"
                   r"bigger|larger|"
                   r"what (?:do|did|does) (?:we|i) average|"
                   r"pounds|money|"
                   r"(?:did|have|has|will|can) (?:we|i) (?:cross|hit|reach|pass|break|top|exceed|clear|beat|crack)"
                   r"(?: (?:the )?)?[$£€]?\d[\d,.]*\s*(?:k|m|thousand|million|grand)?\b(?! (?:units|items|orders))|"
                   r"(?:what'?s|what is|what was|what were|give me|show me|tell me) (?:the |our |my )?(?:totals?|"
                   r"figures?|numbers?)\b|(?:numbers|figures|totals?|stats)\s+(?:for|from|over|in|on)\b|"
                   r"how (?:did|do|does|are|is|was|were|has|have) (?:[\w'&-]+ ){1,4}?(?:get(?:ting)? on|got on|go|gone|"
                   r"going|fare[ds]?|faring|shape[ds]? up|shaping up|stack(?:ed)? up|trade[ds]?|trading|tracking|"
                   r"pacing|trending)\b")

#: Dimension nouns -> dimension (``product`` answers with SKUs, named by the vocabulary's titles).
DIMENSION_WORDS: tuple[tuple[DimensionName, re.Pattern[str]], ...] = (
    # a merchant's sites: where stock is counted, or (of sales) the shop the line was sold at (``sales_location``)
    ("location", _rx(r"(?:stock |storage |inventory |store |shop )?locations?|warehouses?|depots?|"
                     r"fulfil?ment cent(?:er|re)s?|stockrooms?|branch(?:es)?|outlets?|"
                     # a vending machine or kiosk: the place a line was sold at, as a branch is
                     r"(?:vending )?machines?|kiosks?")),
    ("channel", _rx(r"(?:sales )?channels?|marketplaces?|platforms?|storefronts?|(?:sales )?sources?|stores?|shops?|"
                    r"(?:shopping )?malls?")),
    ("category", _rx(r"(?:product )?categor(?:y|ies)|departments?|product (?:types?|lines?|groups?|famil(?:y|ies))|"
                     r"item (?:types?|groups?|categor(?:y|ies))|"
                     r"collections?|"
                     r"(?<!customer )segments?|ranges?")),
    # a car's make is its maker ("which make sold the most"), never the verb ("what did we make")
    ("brand", _rx(r"brands?|vendors?|manufacturers?|labels?|makers?|(?:(?<=which )|(?<=each )|(?<=per )|(?<=by ))"
                  r"makes?")),
    ("competitor", _rx(r"competitors?|rivals?|retailers?|competition")),
    ("country", _rx(r"countr(?:y|ies)|nations?|markets? abroad")),
    # cities are regions where a file's City is stored as the line's region (elsewhere refused: ``are_cities``)
    ("region", _rx(r"regions?|territor(?:y|ies)|cit(?:y|ies)")),
    ("state", _rx(r"states?|provinces?|count(?:y|ies)")),
    ("weekday", _rx(r"weekdays?|days? of (?:the )?week|which day|what day|busiest day")),
    # the hour of the day a line was sold, where the sales lines keep their time of day (else refused: UNANSWERABLE)
    ("hour", _rx(HOUR_WORDS)),
    # how an order was paid and who sold it: dimensions where the sales lines keep them (else refused: UNANSWERABLE)
    ("payment_method", _rx(r"payment (?:methods?|types?|modes?|options?)|(?:methods?|modes?|ways?) of payment|"
                           r"tender types?|(?<=by )(?:payment|tender)\b(?! methods?| types?)")),
    ("seller", _rx(r"(?:(?<=which )|(?<=what )|(?<=each )|(?<=every )|(?<=per )|(?<=by ))sellers?\b(?! of)|dealers?|"
                   r"dealerships?|sales ?(?:reps?|representatives?|people|persons?)|salesperson|salespeople|"
                   r"salesm[ae]n")),
    ("product", _rx(r"styles?|designs?")),  # apparel: a style is a product in all its sizes (the Sale Report)
    # "what was the best seller": the one product ranked first
    ("sku", _rx(r"products?|items?|skus?|articles?|listings?|sellers|(?:best|top|worst)[- ]?seller|movers|lines|goods|"
                r"models?|variants?|things")),
)
#: Grain words (a trend or a date breakdown).
_RANKED = (r"(?:best|worst|busiest|biggest|largest|strongest|weakest|slowest|quietest|highest|lowest|top|peak|record|"
           r"(?:most|least) (?:profitable|lucrative|successful))")


def _grain_rx(unit: str, adverb: str, extra: str = "") -> re.Pattern[str]:
    return _rx(rf"(?:by|per|each|every) {unit}|{adverb}|(?:for )?(?:each|every) of(?= the (?:last|past|previous) "
               rf"(?:\d+|[a-z]+) {unit}s)|{unit} by {unit}|{unit}-by-{unit}|{unit}[- ]over[- ]{unit}|"
               rf"(?:which|what) {unit}(?! of (?!(?:19|20)\d{{2}}\b|this year|last year))|{_RANKED}(?: ever)?"
               rf"(?: (?:sales|revenue|selling|trading|order|grossing|earning))? {unit}|"
               # "the 3 busiest days", "top 5 weeks by orders": several of them, ranked
               rf"{_RANKED}(?: \d{{1,2}})? {unit}s|"
               rf"(?:in |on )?(?:a |one )?single {unit}"
               rf"{extra}")


GRAIN_WORDS: tuple[tuple[Grain, re.Pattern[str]], ...] = (
    ("day", _grain_rx("day", "daily")),
    ("week", _grain_rx("week", "weekly")),
    ("month", _grain_rx("month", "monthly", "|months? (?:compare|ranked)")),
    ("quarter", _grain_rx("quarter", "quarterly")),
    ("year", _grain_rx("year", "yearly|annually")),
)
TREND = _rx(r"over time|trends?|trending|trajectory|evolv(?:e|ed|ing)|develop(?:ed|ing|ment)|history|"
            r"time series|chart|graph|plot")
#: "by channel", "per category", "split by brand", "for each product", "across channels", "breakdown".
BREAKDOWN = _rx(r"by|per|for each|for every|each|every|across|split(?: by)?|broken down(?: by)?|break(?:down| down)"
                r"(?: by)?|grouped by|according to|among")
TOP = re.compile(r"\b(?:top|best|highest|biggest|largest|most|leading|strongest|greatest|best[- ]selling|record|"
                 r"best[- ]performing|top[- ]selling|top[- ]performing|most popular|popular|winners?|"
                 r"fastest|(?:sell(?:s|ing)?|sold|mov(?:es|ing)|doing|do(?:es)?|did|going)\s+(?:really\s+|very\s+|so\s+)?"
                 r"well)\b", re.I)
BOTTOM = re.compile(r"\b(?:bottom|worst|lowest|least|smallest|weakest|fewest|slowest|quietest|deadest|least busy|"
                    r"worst[- ]selling|"
                    r"(?:came|come|comes|finished|ranked) (?:in )?last(?! (?:week|month|quarter|year|time|night|"
                    r"fortnight|\d))|in last place|"
                    r"came bottom|"
                    r"worst[- ]performing|least popular|poorest|laggards?|losers?|underperform\w*|slow[- ]moving|"
                    r"(?:losing|lose|lost) money|loss[- ]making|unprofitable|money[- ]losing|"
                    r"(?:worry|worried|concerned) about)\b",
                    re.I)
N_ITEMS = re.compile(r"\b(?:which|what|the|our|my|list(?: the)?|show(?: me)?(?: the)?|name(?: the)?)\s+"
                     r"(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\s+"
                     r"(?!(?:days?|weeks?|months?|quarters?|years?|%|percent)\b)(?=[a-z])"
                     r"|\b(?:top|bottom|best|worst|highest|lowest|first|leading|largest|biggest|smallest)\s+"
                     r"(\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty)\b"
                     r"|\b(\d{1,3}|three|four|five|ten|twenty) (?:best|worst|top|biggest|largest|highest|lowest)\b",
                     re.I)
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "twelve": 12, "fifteen": 15, "twenty": 20}
SINGULAR_PICK = re.compile(r"(?:^\s*|\b(?:the|our|my|what'?s|which is|what is)\s+)(?:best|worst|top|biggest|largest|"
                           r"busiest|highest|lowest|least|most|weakest|strongest)(?:[- ](?:selling|performing|earning|"
                           r"profitable|popular|successful|valuable|lucrative))?\s+(?:product|item|sku|"
                           r"channel|category|brand|competitor|month|week|day|weekday|quarter|year|seller)\b(?!s)"
                           r"|\b(?:which|what|when) (?:one|single|(?:\w+ ){0,3}?(?:channel|category|brand|competitor|"
                           r"product|item|sku|month|week|day|weekday|quarter|year|store|marketplace|department|"
                           r"vendor|article|listing|platform))\b(?!s)|\b(?:the|our|my) (?:weakest|strongest|"
                           r"smallest|slowest|quietest|best|worst|top|biggest|"
                           r"largest|busiest|highest|lowest|most|least)\b(?! \d)(?! (?:\w+ )?(?:products|items|skus|"
                           r"channels|categories|brands|competitors|months|weeks|days|sellers))", re.I)
#: "what cut of revenue", "how big a slice of units": a share, whose noun names no product ("Toaster 4-Slice").
SHARE_IDIOM = _rx(r"(?:what|how big|how large|how much of)(?: an?)? (?:cut|slice|chunk) of")
#: "share" as a noun; "kindly share the summary", "please share with me" is a request to give it.
SHARE = re.compile(r"\b(?:(?<!kindly )(?<!please )(?<!pls )(?<!you )(?<!pl )share(?! (?:with|me|us|the|your|a|an|some|"
                   r"any|details?|them|it|this|that)\b)|percent(?:age)? of|per cent of|pct of|proportion|fraction|"
                   r"what part|how much of|(?:what|how big|how large|how much of)(?: an?)? (?:cut|slice|chunk) of|"
                   r"contribut(?:e|ed|ion|es)|mix|portion|split between|account(?:s|ed)? for|out of (?:all|total))"
                   r"(?!\w)|%\s*of\b|(?:^|(?<=[\s\-:,(]))%\s*from\b", re.I)  # "% from the top 20" (not "10% from")
CHANGE = _rx(r"(?:gone|went|going|go|come|came) (?:up|down)|"
             r"grow(?:th|n|ing)?|grew|chang(?:e|ed|es)|up or down|increas(?:e|ed|ing)|decreas(?:e|ed|ing)|"
             r"declin(?:e|ed|ing)|drop(?:ped)?|fell|fall(?:en)?|r[io]se|risen|improv(?:e|ed)|wors(?:e|ened)|"
             r"better|compare[ds]?|comparison|vs\.?|versus|against|than|difference|delta|evolution")
TOTAL = _rx(r"total|overall|in all|altogether|combined|sum|all (?:channels|products|categories|brands)")
#: Refusals that stand even when the question is about reviews ("an NPS-style score from the reviews", "is the new
#: version better reviewed"): the reviews do not hold what they need.
REVIEW_REFUSALS = frozenset({"a net promoter score", "product versions", "a customer satisfaction (CSAT) score",
                             "replies to reviews", "review photos", "reviewers' ages and profiles",
                             "competitors' reviews"})
#: "be out of X", "be all out of X", "how long before we're out of X": the stock running out (as "run out of X"), not
#: being out of date, time or luck.
BE_OUT_OF = (r"\b(?:be|being|(?:before|until|till|til) (?:we|i)(?:['\u2019]re| are| am|['\u2019]m)) "
             r"(?:all |completely |totally |fully |clean )?out of(?= (?!(?:date|time|town|the office|"
             r"office|touch|line|season|business|luck|options|ideas|money|cash|pocket|budget|range|order|stock)\b))")
#: Questions about the future, causes or recommendations: the agents' ground.
AGENT_CUES: dict[str, re.Pattern[str]] = {
    "forecast": _rx(r"forecast\w*|predict\w*|projection|project(?:ed)?|run[- ]?rate|"
                    r"will (?:we|i|it|they) (?:sell|make|need|move|shift)|"
                    # "how many do we expect to move", "are we likely to shift": units sold (said of stock)
                    r"(?:expect(?:ed|ing)?|likely) to (?:sell|move|shift|go through|get through)|"
                    r"going to (?:sell|make|need|move|shift)|expect(?:ed)? (?:demand|sales|units)|demand|"
                    r"next (?:week|month|quarter|year|\d+ (?:days|weeks|months))|"
                    r"coming (?:weeks?|months?|days?)|upcoming|future|seasonal(?:ity)?|outlook"),
    "inventory": _rx(r"run(?:ning)? (?:out|low|short)|runs (?:out|low)|run-?outs?(?: dates?)?|"
                     r"low (?:on )?(?:stock|inventory)|"
                     # "when are we gonna be out of X": its run-out (not out of date, time, town or luck)
                     rf"{BE_OUT_OF}|"
                     r"(?:stock|inventory) (?:is |are )?(?:low|short|running)|"
                     r"stock[- ]?outs?|stock(?:ing|s|ed)? out|(?:at )?risk of (?:running|selling) out|out of stock|"
                     r"reorder\w*|restock\w*|overstock\w*|"
                     r"too much (?:stock|inventory)|excess (?:stock|inventory)|safety stock|sell out|sold out|"
                     r"when (?:will|do) (?:we|i) (?:run|need)|lead time|"
                     # "how many days of stock do we have on our top seller", "how long will stock of our best
                     # seller last": the agents' cover of the top SKU, not its count (a named product's, a
                     # category's or the store's days of cover are the metrics layer's)
                     r"(?:days? of (?:stock|cover|inventory|supply)|how long (?:will|would|does) (?:the |our |my )?"
                     r"(?:stock|inventory))\b[^.?!]{0,40}?\b(?:our|my|the) (?:best|top)[- ]?sell\w*"),
    "what_if": _rx(r"what if|what happens|what would happen|if (?:i|we) (?:cut|raise|lower|increase|reduce|drop|"
                   r"change|discount|put)|what-if|scenario|simulat\w*|elasticity"),
    # ("how far above the market are we, as an index?": the price index, the metrics layer's figure)
    "pricing": _rx(r"over[- ]?priced|under[- ]?priced|(?:above|below) (?:the )?market(?![^?.!]*\b(?:as|in) an? "
                   r"(?:price )?index\b)|undercut\w*|"
                   r"cheaper than (?:us|me|we)|should (?:i|we) (?:price|charge|raise|lower|cut)|recommend\w* price|"
                   r"price recommendation|pric(?:e|ing) (?:changes?|moves?|alerts?|war)|map violation\w*|"
                   r"(?:beat|beating|beats) (?:us|me|our)|competitors? (?:prices?|pricing)|"
                   # "Outdoor vs the competition: where do we stand?": our prices against theirs, not a ranking (a
                   # sales figure or "priced" said before it, "revenue vs competitors", stays the metric's question)
                   r"(?<!revenue )(?<!sales )(?<!orders )(?<!units )(?<!turnover )(?<!priced )(?<!price )(?<!prices )"
                   r"(?:vs\.?|versus|against) (?:the )?(?:competition|competitors|rivals)"),
    "sentiment": _rx(r"why|complain\w*|complaints?|what (?:do|did|are) (?:customers|people|buyers|reviewers) "
                     r"(?:say|saying|think|like|dislike|hate|love)|sentiment|themes?|feedback about|"
                     r"(?:ratings?|reviews?) (?:falling|dropping|declining|going down|getting worse)|"
                     r"(?:falling|dropping|declining) (?:ratings?|reviews?)|issues? with|problems? with|"
                     r"(?:getting|get|gets|got|gotten|receiving|drawing) (?:worse|lower|poorer|more negative|bad|"
                     r"more bad) (?:ratings?|reviews?|scores?|feedback)|"
                     r"moan\w*|grumbl\w*|gripes?|whin(?:e|es|ing)|"
                     r"unhappy|quotes?|spam"),
}
#: Place words of the "sales by region" refusal and the sales column that answers them when a tenant has it.
PLACE_WORDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("country", _rx(r"countr(?:y|ies)|nations?")), ("region", _rx(r"regions?|regional|territor(?:y|ies)")),
    ("state", _rx(r"states?|provinces?|count(?:y|ies)")),
    ("city", _rx(r"cit(?:y|ies)")), ("", _rx(r"postcodes?|zip codes?|geograph(?:y|ies)|geographic(?:al)?")))
#: What "sales by time of day" needs where no sales line of the tenant carries its time of day.
TIME_OF_DAY_NEEDED = ("the time of day of each sale, and your sales exports carry no time of day (only dates): an "
                      "export with a timestamp, or a time column beside the date, would answer it")
#: Questions the data cannot answer: the concept and what would be needed to answer it.
UNANSWERABLE: tuple[tuple[re.Pattern[str], str, str], ...] = (
    (_rx(r"(?:top|best|biggest|largest|most valuable|loyal\w*|worst) (?:\d+ )?(?:customers|buyers|clients|shoppers|"
         r"households)|who (?:are|is) (?:my|our) (?:\w+ )?(?:customers?|buyers?|clients?)|customer names?|"
         r"(?:by|for each|which|what|top|best|biggest) (?:single |individual )?(?:customer|buyer|client|shopper|"
         r"household)"
         r"(?!s| service| support| care| satisfaction| reviews?| segments?)"),
     "a list of individual customers", "customer names or accounts (customer ids are stored only as hashes)"),
    (_rx(r"which (?:customers|buyers|clients|shoppers|households)\b"
         r"(?! (?:say|said|think|complain\w*|like|love|hate|mention\w*))"),
     "a list of individual customers", "customer names or accounts (customer ids are stored only as hashes)"),
    (_rx(r"(?:time|hours?) of (?:the )?day|(?:by|per|each|every|which|what|busiest|peak|quietest|slowest) hours?|"
         r"hourly|what time|when in the day|(?:during|over|across|through) the day\b|rush hours?|"
         r"(?:busiest|peak|quietest|slowest) (?:times?|part of (?:the )?day)|"
         r"(?:morning|afternoon|evening|night)s? (?:vs\.?|versus|or) (?:morning|afternoon|evening|night)s?|"
         r"(?:before|after) (?:noon|midday|\d{1,2}(?::\d\d)? ?[ap]\.?m\b\.?)|"
         r"in the (?:morning|afternoon|evening)s?|at (?:night|lunchtime)"),
     "sales by time of day", TIME_OF_DAY_NEEDED),
    # who sold a line (the Car Sales Report's Dealer_Name, Vehicle Sales Data's seller) is not kept on sales lines
    # ("top sellers" are products: not here)
    # (salespeople and reps are "sales by salesperson" below)
    (_rx(r"(?:which|what|top|best|by|each|per|every) (?:dealers?|dealerships?)(?![- ]?regions?)|"
         # "which seller is below our price most often?": a seller priced against ours is a competitor
         r"(?:which|by|each|per|every) sellers?\b(?! of)(?![^?.!]{0,30}\b(?:below|under|cheaper|lower|undercut\w*|"
         r"beat\w*)\b[^?.!]{0,15}\b(?:our|us|we)\b)"),
     "sales by seller", "the dealer or seller of each sale (a seller column is not kept on sales lines yet)"),
    (_rx(r"payment (?:methods?|types?|options?|providers?|gateways?|processors?)|(?:stripe|paypal|klarna|shopify "
         r"payments|payment|transaction|processing|merchant|card) fees?|(?:by|per|which) (?:card|payment)"),
     "payment methods and fees", "payment records (method, provider and fees per order)"),
    # a Buy Box share before the seller-account figures: its own report named
    (_rx(r"(?:buy[- ]?box|featured offer) (?:share|percent\w*|win rate|ownership|%)|(?:share|percent\w*|%|win rate|"
         r"ownership) (?:of )?(?:the )?(?:buy[- ]?box|featured offer)"),
     "Buy Box share", "your marketplace's Buy Box (Featured Offer) report: who held it and how often (competitor "
     "prices record what each seller charged, not who won the Buy Box)"),
    # a marketplace's seller-account figures ("buy box percentage", "FBA fees"): its own reports, not sales lines
    (_rx(r"buy ?box(?:es)?|fba|fulfil?ment by amazon|(?:referral|selling|seller|marketplace|amazon|ebay|etsy|"
         r"listing|closing) fees?|seller (?:rating|feedback|performance|metrics)|account health|storage fees?"),
     "marketplace seller metrics", "the marketplace's own seller reports (Buy Box share, referral, FBA and storage "
     "fees, account health)"),
    (_rx(r"(?:mobile|desktop|tablet)s? (?:vs\.?|versus|or|and) (?:mobile|desktop|tablet)s?|(?:by|per|which|what|each) "
         r"device|device (?:types?|split|breakdown)"),
     "sales by device", "web analytics (the device of each visit and order)"),
    (_rx(r"(?:which|what|top|best|most (?:used|popular)|by|each|per) (?:coupon|discount|promo(?:tion)?|voucher) codes?|"
         r"(?:coupon|discount|promo(?:tion)?|voucher) codes? (?:was|were|is|are|got|get) (?:used|redeemed|applied) "
         r"(?:the )?most"),
     "discount codes", "the code used on each order (discount amounts are kept, not the codes)"),
    (_rx(r"gift[- ]?wrap\w*|gift messages?"), "gift options", "the gift options of each order (not kept from sales "
                                                                "exports)"),
    (_rx(r"(?:customer )?acquisition costs?|cac|cost per (?:acquisition|customer|lead)|cpa"),
     "customer acquisition cost", "marketing spend by channel and new-customer counts"),
    (_rx(r"ad(?:vertising|vert)? (?:spend|spending|costs?|budget)|spen[dt] on (?:ads|advertising|marketing|google|"
         r"facebook|meta|tiktok|instagram)|ads|advertising|marketing (?:spend|costs?|budget)|roas|return on ad "
         r"spend|cost per click|cpc|cpm|ctr|impressions|clicks?|influencers?|affiliates?|(?:marketing|ad|advertising|"
         r"campaign|promo(?:tion)?) roi|roi (?:on|of|from) (?:our )?(?:ads|advertising|marketing|campaigns?)|"
         r"(?:marketing|ad|advertising|"
         r"e-?mail|social|paid|ppc|google|facebook|meta|tiktok|instagram) campaigns?"),
     "advertising and marketing spend", "ad-platform data (spend, impressions, clicks per campaign)"),
    (_rx(r"traffic|visits?|visited|visiting|visitors?|footfall|sessions?|page ?views?|bounce rate|conversions?|"
         r"conversion rates?|left the (?:web)?site|(?:leave|leaves|left|leaving) without (?:buying|purchasing|"
         r"ordering)|bounce[sd]?|convert(?:ed|s)?|"
         r"add(?:ed|s|ing)?[- ]to[- ](?:the )?(?:cart|basket|bag)|time on (?:the )?(?:site|website|page|store)|"
         r"dwell time|session "
         r"(?:length|duration)|abandon\w*(?: carts?)?|click[- ]through|referr(?:al|er)s?(?: sources?)?|utm|"
         r"traffic sources?|(?:acquisition|marketing) channels?|(?:site|website|on-?site|store|shop) search\w*|"
         r"search (?:terms?|queries|keywords?|data)|search(?:es|ed|ing)? (?:for )?on (?:the |our |my )?(?:site|website|"
         r"store|shop)|(?:people|customers|visitors|shoppers|users) search(?:ed|ing)? for"),
     "site traffic and conversion", "web analytics (sessions, visitors, page views)"),
    (_rx(r"sales ?(?:reps?|representatives?|people|persons?|staff|associates?|agents?)|salesperson|salespeople|"
         r"salesm[ae]n|cashiers?|(?:which|by|per|each) (?:employee|rep|store manager|clerk|associate)"),
     "sales by salesperson", "the salesperson or staff member of each sale (not kept from sales exports)"),
    (_rx(r"employees?|staff|salar(?:y|ies)|payroll|wages?|rent|overheads?|operating (?:costs?|expenses)|opex|"
         r"ebitda|net profit|net income|tax(?:es)?|after[- ]tax|vat|gst|hst|pst|bank (?:balance|account|statement)s?|"
         r"in the bank|cash ?flow|loan|debt|accounting|bottom line|net margin|take[- ]home|"
         # "how much did we spend on packaging": running costs the uploads do not hold
         r"(?:spend|spent|spending|pay|paid|cost us) (?:\w+ ){0,3}?on (?:packaging|packing|supplies|utilities|"
         r"insurance|software|subscriptions|electricity|cleaning)|packaging costs?"),
     "operating costs and net profit", "accounting data (operating expenses, payroll, taxes)"),
    (_rx(r"pa(?:y|id|ying) (?:\w+ ){0,2}(?:shipping|postage|delivery|carriers?|couriers?)|"
         r"charg(?:e|es|ed|ing) (?:\w+ )?for (?:shipping|postage|delivery)|shipping (?:fees?|spend|"
         r"bills?|charges?)|shipping costs?|fulfil?ment costs?|delivery (?:costs?|times?|fees?|charges?)|postage|"
         r"courier|carrier|"
         r"shipping times?|shipped (?:late|on time|early)|(?:late|delayed|on[- ]time) (?:deliver(?:y|ies)|"
         r"shipments?|dispatch(?:es)?|orders)|on[- ]time (?:rate|shipping)|deliver(?:ed|y|ies) (?:late|on time)"),
     "shipping and fulfilment", "shipping and fulfilment records (carrier costs, delivery dates)"),
    (_rx(r"e-?mail (?:open|click)|open rates?|newsletter|subscribers?|unsubscribe\w*|followers?|social media|"
         r"instagram|tiktok"),
     "e-mail and social media", "e-mail or social-media platform data"),
    (_rx(r"(?:customer )?lifetime value|clv|ltv|churn(?: rate)?|demographics?|age groups?|gender|where (?:do )?"
         r"(?:my |our )?customers (?:live|come from)|where (?:are|is|do|does) (?:most )?(?:of )?(?:my |our |the )?"
         r"(?:customers|buyers|shoppers|orders) (?:from|based|located|come from|coming from)|customer locations?|"
         r"countr(?:y|ies) (?:do )?(?:customers|buyers)"),
     "customer lifetime value and demographics", "customer profiles (location, age) and a customer history "
     "model"),
    (_rx(r"(?:by|per|each|every|which|what|top|best|across|split by|breakdown by|in (?:each|every)) (?:sales )?"
         r"(?:regions?|countr(?:y|ies)|states?|provinces?|cit(?:y|ies)|territor(?:y|ies)|postcodes?|zip codes?|"
         r"suburbs?|towns?|count(?:y|ies)|neighbou?rhoods?|"
         r"geograph(?:y|ies))|regional|geographic(?:al)?(?: split| breakdown)?"),
     "sales by region", "a region, country or shipping-address column in your sales data"),
    (_rx(r"(?:by|per|each|which|what|top|best|every) sizes?|sizes? (?:sells?|sold|sell)"),
     "sales by size", "the size of each sale (sizes are not kept on sales lines)"),
    (_rx(r"(?:refunds?|returns?|refund rate|return rate|cancell?ations?)(?: \w+){0,3} (?:due to|because of|caused by|"
         r"by|per|for each) (?:\w+ )?(?:reasons?|damage[ds]?|defects?|defective|faults?|faulty|sizing|wrong \w+)|"
         r"(?:return|refund|cancell?ation) reasons?|reasons? (?:for|why) (?:\w+ ){0,2}(?:returns?|refunds?|"
         r"cancell?ations?)|why (?:\w+ ){0,4}(?:returned|refunded|sent back|cancell?ed)"),
     "reasons for returns", "a return reason on each returned line (returns are kept as units and amounts, without "
     "why; what reviews say about a product is the sentiment agent's)"),
    (_rx(r"(?:spen[dt]|paid|pay|paying|invest(?:ed)?|cost us) (?:\w+ ){0,2}(?:on|for|buying) (?:new |more )?"
         r"(?:stock|inventory|purchases|suppliers?|restocking|wholesale)|(?:stock|inventory) purchases|"
         r"supplier (?:costs?|invoices?|bills?|spend)|(?:spend|spent) with (?:our |my )?suppliers?|"
         r"(?:paid|pay|paying|owe|owed) (?:to )?(?:our |my |the )?(?:suppliers?|vendors?|wholesalers?)"),
     "stock purchases", "purchase orders or supplier invoices (what stock cost to buy, and when)"),
    (_rx(r"sub-?categor(?:y|ies)|subcategor(?:y|ies)"),
     "sales by sub-category", "a second category level (one category per product is kept; a Sub-Category column "
     "beside a Category column is not)"),
    (_rx(r"customer segments?|(?:by|per|each|which|what|top|best) segments?"),
     "sales by customer segment", "a customer segment column (customer attributes are not kept)"),
    (_rx(r"ship(?:ping)? modes?|shipping (?:methods?|class(?:es)?|options?)|delivery (?:methods?|options?)"),
     "sales by shipping method", "the shipping method of each order (not kept from sales exports)"),
    (_rx(r"market share|competitors?'? (?:sales|revenue|units|orders|profits?)|how much (?:do|did) "
         r"(?:competitors|amazon|walmart|they) (?:sell|make)"),
     "competitors' sales", "competitors' sales figures (your data only has their prices)"),
    (_rx(r"csat|customer satisfaction (?:score|survey|index)|satisfaction (?:score|survey)"),
     "a customer satisfaction (CSAT) score", "answers to a satisfaction survey (the nearest your data holds is the "
     "reviews' star rating: ask for the average rating)"),
    (_rx(r"nps|net promoter(?: score)?|(?:would|will) recommend us|likel(?:y|ihood) to recommend"),
     "a net promoter score", "answers to a \"how likely are you to recommend us\" (0-10) survey (star ratings "
     "are another scale: ask for the share of 5-star reviews instead)"),
    (_rx(r"(?:new|newer|old|older|latest|previous|updated|original|redesigned|revised|last year's|this year's) "
         r"(?:versions?|models?|editions?|revisions?|formulas?|formulations?)|versions? (?:\d|one|two|three)|"
         r"v\d(?:\.\d)?|(?:old|new) (?:vs\.?|versus|or) (?:old|new)"),
     "product versions", "which version each sale or review is of (a version, model-year or edition column; or each "
     "version as its own SKU, which can then be compared by name)"),
    (_rx(r"(?:replied|reply|replying|respond(?:ed|ing)?|answered) to (?:\w+ ){0,3}reviews?|(?:review )?(?:response|"
         r"reply) (?:rates?|times?)|(?:our |seller |merchant )?(?:replies|responses) to (?:\w+ ){0,3}reviews?|"
         r"reviews? (?:\w+ ){0,2}(?:we|you|i) (?:have |'ve )?(?:replied|responded|answered) to|"
         # "which bad reviews still need a reply", "unanswered reviews", "reviews awaiting a response"
         r"reviews? (?:\w+ ){0,2}(?:need|needs|needing|awaiting|waiting for|without|with no|lacking|got no|have no|"
         r"has no)(?: a| an| any)? (?:reply|replies|response|responses|answer)|"
         r"(?:unanswered|unreplied|un-replied|ignored) reviews?|(?:respond|reply|answer) to (?:\w+ ){0,2}reviews?|"
         r"(?:do|did|does) (?:we|i|you) (?:answer|reply to|respond to) (?:[\w']+ ){0,2}reviews?|"
         # "what % of our reviews did we answer?": the reviews named before the reply
         r"reviews? (?:[\w']+ ){0,2}(?:do|did|does|have) (?:we|i|you) (?:answer(?:ed)?|repl(?:y|ied) to|"
         r"respond(?:ed)? to)\b|"
         r"reviews? (?:\w+ ){0,2}(?:got|get|gets|received|had) (?:a |an |any )?(?:response|reply|answer)|"
         r"(?:how (?:fast|quickly|long)|time) (?:do |does |did )?(?:we |i |it take (?:us |me )?to )?"
         r"(?:respond|reply|answer)\w* to (?:\w+ ){0,2}reviews?"),
     "replies to reviews", "your replies to each review (reviews are kept with their stars, text, date and channel)"),
    (_rx(r"(?:reviews? )?(?:with|having|that have|have|has|include|including|contain\w*|attach\w*) (?:a |any )?"
         r"(?:photos?|"
         r"pictures?|images?|videos?)|(?:photo|picture|image|video) reviews?|"
         r"(?:customer|buyer|shopper|user|reviewer)s?'? (?:photos?|pictures?|pics|images?|videos?)|"
         r"(?:photos?|pictures?|pics|images?|videos?) (?:\w+ )?(?:in|on|with|attached to) (?:the |our |their )?"
         r"reviews?"),
     "review photos", "the photos or videos attached to each review (only the stars, text, date and channel are kept)"),
    (_rx(r"(?:reviewers?|customers?|buyers?|people) (?:aged|over|under|older than|younger than) (?:over |under )?\d+|"
         r"(?:older|younger|male|female) (?:reviewers?|customers?|buyers?)|reviewers?'? (?:ages?|genders?|"
         r"demographics?)"),
     "reviewers' ages and profiles", "the reviewers' ages or profiles (reviews are kept without who wrote them)"),
    (_rx(r"(?:reviews?|ratings?) (?:on|from|at) (?:our )?(?:competitors?'?|rivals?'?|other) (?:sites?|stores?|shops?|"
         r"websites?|pages?)|competitors?'? (?:reviews?|ratings?|star ratings?)|(?:ratings?|reviews?) on their "
         r"(?:product )?pages?"),
     "competitors' reviews", "reviews from competitors' sites (your data has your own reviews and competitors' "
     "prices)"),
    (_rx(r"employees?|weather|stock market|share price|support tickets?|wait times?|(?:customer )?(?:service|support|"
         r"care) (?:calls?|tickets?|e-?mails?|chats?|team|queries|requests?|enquir(?:y|ies)|inquir(?:y|ies))|"
         r"calls? (?:did|do|does) (?:\w+ ){0,3}"
         r"(?:take|get|receive|answer)|call cent(?:re|er)s?|help ?desk|phone calls?"),
     "this", "data the platform does not collect"),
)
