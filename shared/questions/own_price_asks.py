"""Questions about our own price changes, not the market's nor advice.

"When did we last change the kettle's price?", "which products did we reprice in the last 90 days?", "what was X's
price in March?", "which of our products went up in price this year?". They ask what we did (past tense, "we",
"our"), not what we should do ("should I reprice?") nor what a competitor did
("who changed prices this week?": the caller leaves a named or implied competitor to the market asks). The pricing
agent answers from our list prices in the sales rows (``price_history``, ``shared/pricing/own_prices.py``).
"""

from __future__ import annotations

from shared import regex as re

_CHANGE = (
    r"(?:chang|rais|lower|cut|increas|decreas|drop|reduc|adjust|updat|repric|put\s+up|hik|touch|tweak|alter|modif|"
    r"mark(?:ed)?\s+(?:up|down))"
)
_OWN_HISTORY = re.compile(
    # "when did we last change ...", "how many times did we change ...", "did we raise ...", "have we repriced ..."
    rf"\b(?:did|have|has)\s+(?:we|i)\s+(?:ever\s+|last\s+|recently\s+)?{_CHANGE}\w*"
    # "when was the last time we changed X's price?", "the last time I repriced X"
    rf"|\b(?:the\s+)?(?:last|latest|most\s+recent)\s+time\s+(?:we|i)\s+{_CHANGE}\w*"
    # "did the price of X change last month?", "did the kettle's price go up?"
    r"|\bdid\s+(?:the\s+|our\s+)?(?:[\w'’-]+\s+){0,6}?price\s+(?:of\s+(?:[\w'’-]+\s+){1,6}?)?(?:change|go\s+(?:up|down)|"
    r"rise|fall|drop|move)"
    # "when was the kettle's price last updated?", "when were our prices last changed?"
    r"|\bwhen\s+(?:was|were)\s+(?:the\s+|our\s+)?(?:[\w'’-]+\s+){0,6}?prices?\s+(?:of\s+(?:[\w'’-]+\s+){1,6}?)?"
    r"(?:last\s+)?(?:chang|updat|rais|lower|cut|adjust|increas|decreas|reduc)"
    # "our own price history", "price history of our kettle"
    r"|\bour\s+own\s+(?:list\s+)?price\s+(?:history|changes)|\bprice\s+changes?\s+(?:we|i)\s+(?:made|did)"
    # "what was the kettle's price in March?", "what did we charge for X in March?", "what was X priced at in May?"
    r"|\bwhat\s+(?:was|were)\s+(?:the\s+|our\s+)?(?:[\w'’-]+\s+){0,6}?(?:list\s+)?(?:price|priced)\b"
    r"|\bwhat\s+did\s+(?:we|i)\s+(?:charge|sell\s+\w+\s+for)"
    # "which of our products went up in price this year?"
    r"|\b(?:went|gone|go)\s+(?:up|down)\s+in\s+price"
    # "which products changed price this month?", "how many of our prices went down?"
    r"|\b(?:products?|items?|skus?|lines?)\s+(?:have\s+|has\s+)?(?:changed|moved)\s+(?:in\s+)?price"
    r"|\bour\s+prices?\s+(?:have\s+|has\s+)?(?:went|gone|changed|moved|gone)\b"
    # "the date of our latest price change on X", "our last price update for X": our change named as a noun
    # "latest price change date for X": the noun without a determiner, as a note or a search box has it
    r"|\b(?:(?:our|the|my)\s+)?(?:last|latest|most\s+recent|previous)\s+(?:list\s+)?price\s+(?:change|update|adjustment|move|"
    r"rise|increase|cut|drop|reduction)s?\b",
    re.I,
)
_UP = re.compile(
    r"\b(?:rais\w*|increas\w*|hik\w*|put\s+up|went\s+up|go(?:ne)?\s+up|mark(?:ed)?\s+up|rise|higher)\b", re.I
)
_DOWN = re.compile(
    r"\b(?:lower\w*|cut\w*|decreas\w*|drop\w*|reduc\w*|went\s+down|go(?:ne)?\s+down|mark(?:ed)?\s+down|"
    r"fall)\b",
    re.I,
)
#: A figure of prices ("what was the average selling price in March?", "did the price index rise?"): the metrics'.
_FIGURE = re.compile(r"\b(?:average|avg|mean|median|total|typical|selling|index|indices)\b", re.I)
#: A question about what to do next, or a what-if: not our history.
_ADVICE = re.compile(r"\b(?:should|could|would|shall|if)\b", re.I)


#: Our own price change named: "our last price change", "after we repriced it", "since we raised the price".
_OUR_CHANGE = re.compile(
    r"\bprice\s+(?:change|rise|increase|cut|drop|reduction|hike|move|update|adjustment)s?\b|\brepric\w*|"
    rf"\b(?:we|i)\s+(?:last\s+)?{_CHANGE}\w*\s+(?:the\s+|its\s+|our\s+|their\s+)?(?:[\w'’-]+\s+){{0,4}}?prices?\b",
    re.I,
)
#: What it did to sales: "affect sales", "the impact on units", "what happened to sales after", "did sales drop".
_EFFECT = re.compile(
    r"\b(?:affect\w*|effects?|impact\w*|hurt|help(?:ed|s)?|boost\w*|lift(?:ed|s)?|dented|killed)\b|"
    r"\bhappen\w*\s+to\s+(?:[\w'’-]+\s+){0,3}?(?:sales|units|demand|orders|revenue|volume)\b|"
    r"\b(?:sales|units|demand|orders|revenue|volume)\s+(?:[\w'’-]+\s+){0,7}?(?:after|since|following)\b|"
    r"\b(?:chang|react|respond|mov)\w*\s+(?:[\w'’-]+\s+){0,2}?(?:after|since|following)\b|"
    # "did repricing X change how many we sell?", "did the cut change our sales?": what it did to the units
    r"\bchang\w*\s+(?:how\s+(?:many|much)\s+(?:[\w'’-]+\s+){0,2}?(?:we|i|they|it)\s+(?:sell|sold)|the\s+number\s+of\s+"
    r"(?:units|sales|orders)|(?:our\s+|its\s+|the\s+)?(?:sales|units|demand|orders|volume))\b",
    re.I,
)
#: A question about what a change would do (a what-if, a prediction, advice), or a change of a size asked ("after a
#: 12% price cut"), not what our change did.
_WOULD = re.compile(r"\b(?:should|could|would|will|shall|if|might|may|predict\w*|forecast\w*|expect\w*|project\w*|"
                    r"going\s+to|gonna)\b|\d\s*(?:%|percent\b|per\s+cent\b|pct\b)|[$£€]\s*\d", re.I)


def asks_price_effect(question: str) -> bool:
    """Whether ``question`` asks what our own (past) price change did to sales."""
    return (_OUR_CHANGE.search(question) is not None and _EFFECT.search(question) is not None
            and _WOULD.search(question) is None)


def asks_own_price_history(question: str) -> bool:
    """Whether ``question`` asks when or how our own list prices changed."""
    return (
        _OWN_HISTORY.search(question) is not None
        and _ADVICE.search(question) is None
        and _FIGURE.search(question) is None
    )


def price_direction(question: str) -> str | None:
    """The direction asked: "up" for raises only ("went up in price"), "down" for cuts only, else ``None``."""
    up, down = _UP.search(question), _DOWN.search(question)
    if up and not down:
        return "up"
    return "down" if down and not up else None
