"""The deterministic planner: intents and entities from patterns. Always available, no model needed."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Literal

from shared import regex as re
from shared.agents.answers import ASK_AGENT, AskKind
from shared.orchestration.plan import Entities, Intent, Plan
from shared.questions.lexicon import BE_OUT_OF
from shared.questions.price_amounts import PRICE_TARGET

_INTENT_PATTERNS: dict[Intent, re.Pattern[str]] = {
    "what_if": re.compile(
        r"\bwhat (?:happens|would happen|if)\b|\bif (?:i|we) (?:cut|raise|lower|increase|reduce|drop|change)\b"
        r"|\bwhat-if\b|\bscenario\b|\bsimulat", re.I),
    "pricing": re.compile(
        r"\b(?:over|under)?priced\b|\bpric(?:e|es|ing)\b|\bcompetitor|\bcheaper\b|\bexpensive\b|\bmargins?\b"
        r"|\b(?:pricier|dearer|costlier)\b|\bprice-?wise\b"
        r"|\bdiscount|\b(?:above|below) (?:the )?market\b|\bundercut|\bMAP\b", re.I),
    "sentiment": re.compile(
        r"\breviews?\b|\bsentiment\b|\bcomplain|\bratings?\b|\bfeedback\b|\bcustomers? (?:say|think|feel)"
        r"|\bunhappy\b|\bhappy\b|\bstars?\b", re.I),
    "forecast": re.compile(
        r"\bdemand\b|\bforecast|\bpredict|\bsell next\b|\bsales next\b|\bnext (?:week|month|quarter)\b"
        r"|\bprojected\b|\bseasonal|\bhow many (?:units|items|pieces)\b|\bwill (?:we|i) (?:sell|move|shift)\b"
        r"|\b(?:expect(?:ed|ing)?|likely) to (?:sell|move|shift)\b"
        r"|\bsell in the (?:next|coming)\b|\b(?:next|coming) (?:\d+|two|three|four|six|few) (?:days|weeks|months)\b"
        r"|\b(?:can|should|do|will|would) (?:we|i) expect\b|\b(?:rest|remainder|balance) of (?:the |this )?"
        r"(?:month|quarter|year)\b|\bon track\b", re.I),
    "inventory": re.compile(
        r"\binventory\b|\bstock(?:out|-out)?s?\b|\breorder|\bout of stock\b|\brestock|\bsafety stock\b"
        r"|\bruns? out\b|\brun-?outs?\b|\brunning out\b|\boverstock|" + BE_OUT_OF, re.I),
    "overview": re.compile(
        r"\boverview\b|\bsummary\b|\bsummari[sz]e\b|\bhow (?:am i|are we|is my (?:store|shop|business)) doing\b"
        r"|\bhealth\b|\beverything\b|\bdashboard\b", re.I),
}

# a SKU has a digit somewhere after the prefix, so the word "SKUs" is not one
_SKU = re.compile(r"\b(?:SKU[-_ ]?(?=[A-Z0-9_-]*\d)[A-Z0-9][A-Z0-9_-]*|[A-Z]{2,5}-\d{2,}[A-Z0-9-]*)\b", re.I)
#: Words after "category" that are the rest of the sentence, not a category's name ("the kitchen category next
#: month", "categories over the year").
_NOT_A_CATEGORY = (r"next|last|this|previous|coming|past|in|on|for|from|over|during|and|or|of|the|with|by|to|is|"
                   r"are|was|were|will|do|does|did|has|have|had|since|so|that|which|sell|sold|sales|revenue")
_CATEGORY = re.compile(
    r"\b(?:in|for|from|of) (?:the |my |our )?(?!(?:" + _NOT_A_CATEGORY + r")\b)([a-z][\w&-]*(?: [a-z][\w&-]*)?) "
    r"(?:category|categories|range|line)\b"
    r"|\bcategor(?:y|ies)(?::\s*|\s+)(?!(?:" + _NOT_A_CATEGORY + r")\b)[\"']?([a-z][\w&-]*)", re.I)
_COMPETITOR = re.compile(
    r"\b(?:vs\.?|versus|against|than|compared (?:to|with)) (?!competitors?\b)([A-Z][\w&-]+)"
    r"|\bcompetitor[: ]+[\"']?([A-Z][\w&-]+)")
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                 "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3}
#: "the next 10 days", "within 10 days" ("which skus will run out within 10 days": before, the lead-time list alone)
_HORIZON = re.compile(r"\b(?:next|coming|over the next|within(?: the)?|(?<!sales )(?<!sold )for) (\d{1,3}|"
                      + "|".join(_NUMBER_WORDS) + r") (day|week|fortnight|month|quarter)s?\b(?!\s+(?:ago|before|"
                      r"after|back|earlier))", re.I)
#: Stock to last a span: "reorder X to last 60 days", "enough to cover us for 3 months", "to see us through the next
#: 8 weeks": that span is the horizon (and "last 60 days" no past period).
_TO_LAST = re.compile(r"\b(?:(?:to|will|would|it'?ll|enough to) (?:last(?: us)?|cover(?: us)?|see us through|get us "
                      r"through|keep us going)|(?:stock|inventory|it|they) (?:lasts?|covers?(?: us)?))"
                      r"(?: for| through| over)?(?: the next)? (\d{1,3}|"
                      + "|".join(_NUMBER_WORDS) + r") (day|week|fortnight|month|quarter)s?\b", re.I)
#: A holiday as the end of a stock or forecast question: "which products will run out before Christmas", "stock to
#: get us to Black Friday". "Before" ends the day before it; "by", "until", "in time for" on it.
_HOLIDAY_DEADLINE = re.compile(r"\b(?P<how>before|by|until|till|til|ahead\s+of|in\s+time\s+for|up\s+to|get\s+us\s+to)"
                               r"\s+(?:the\s+)?(?P<day>christmas\s+eve|christmas(?:\s+day)?|xmas(?:\s+eve)?|"
                               r"black\s+friday|cyber\s+monday|thanksgiving|boxing\s+day|new\s+year'?s?(?:\s+day|"
                               r"\s+eve)?|valentine'?s(?:\s+day)?|halloween)\b", re.I)
_HORIZON_WORD = re.compile(r"\b(?:next|coming) (day|week|fortnight|month|quarter|year)\b", re.I)
#: "the rest of the year": the days left in the period that holds the as-of date.
_REST_OF = re.compile(r"\b(?:(?:rest|remainder|balance|end) of (?:the |this )?(month|quarter|year)|(month|quarter|year)"
                      r"[- ]end)\b", re.I)
#: A forecast asked in money: "how much revenue next month", "what will our sales be worth"; "sales" and "how much
#: will we sell" too, unless the question counts units ("how many units", "unit sales").
_REVENUE = re.compile(r"\brevenue|\bturnover\b|\bturn(?:ed)? over\b|\btakings\b|\bworth\b|\bmoney\b|\bincome\b|"
                      # gross merchandise value, gross sales and net sales are money too
                      r"\bgmv\b|\bgross (?:sales|merchandise)\b|"
                      r"^(?!.*\b(?:units?|items?|pieces|how many|volumes?|quantit\w*|demand|stock)\b).*\boutlook\b|"
                      r"\bhow much (?:will|should|"
                      r"do|can|are|might) (?:we|i) (?:make|earn|take in|bring in|take|sell|be selling|going to sell)\b"
                      r"|^(?!.*\b(?:units?|items?|pieces|how many|volumes?|quantit\w*)\b).*\bsales\b", re.I)
#: "more than six months of stock": a cover threshold in days; "a year", "an extra month" and "half a year" count too
#: (the article is one, "half a" is a half).
_COVER_OVER = re.compile(r"\b(?:(?:more|longer|greater) than|over) (\d{1,3}|half an?|an?|" + "|".join(_NUMBER_WORDS)
                         + r") (day|week|month|year)s?'? (?:worth )?of (?:stock|cover|inventory|supply)\b", re.I)
_ARTICLE_COUNTS = {"a": 1.0, "an": 1.0, "half a": 0.5, "half an": 0.5}
#: The question asks how sure the answer is or how it was reached: the answer states its method and confidence.
_EXPLAIN = re.compile(r"\bhow (?:sure|confident|certain|reliable|accurate|trustworthy|good)\b|\bconfidence\b|"
                      # "how much can I trust the forecast?", "is the forecast reliable?": its method and confidence
                      r"\bhow (?:much|far) (?:can|should|could) (?:i|we) (?:trust|rely on|believe)\b|"
                      r"\b(?:can|should|could) (?:i|we) (?:trust|rely on|believe)\b|"
                      r"\b(?:is|are) (?:the|this|that|your|our|these|those) [\w\s-]{0,30}?(?:reliable|accurate|"
                      r"trustworthy)\b|"
                      r"\b(?:which|what) (?:model|method|approach)\b|\bthe (?:method|model)\b|"
                      r"\bhow did you (?:work|figure|calculate|get|come)\b", re.I)
#: A figure asked per category: "by category", "for each category", "each category's", "broken down by category".
_BY_CATEGORY = re.compile(r"\b(?:by|per|for each|for every|each|every|across all) categor(?:y|ies)\b|"
                          r"\bbreak(?:down| down| it down)\b[^.?!]{0,40}\bcategor", re.I)
#: A forecast asked week by week: "by week", "week by week", "each week", "weekly forecast", "broken down by week".
_BY_WEEK = re.compile(r"\b(?:by|per|for each|each|every)\s+week\b(?!\s*(?:of|ago|before|after|from)\b)|"
                      r"\bweek[- ](?:by|on)[- ]week\b|\bweekly\s+(?:\w+\s+){0,2}?(?:forecast|breakdown|figures|"
                      r"numbers|projections?|outlook|split|view|plan)\b|\bbr(?:oken|eak)\s*(?:it\s+)?down\b"
                      r"[^.?!]{0,30}\bweeks?\b|\bin\s+weeks\b", re.I)
#: An end of a forecast's interval asked for: the worst case (its low end), the best case (its high end), the range.
_BAND_LOW = re.compile(r"\bworst[- ]case\b|\bat\s+(?:the\s+)?worst\b|\bpessimistic\b|\bdownside\b|"
                       r"\b(?:lowest|least|minimum)\s+(?:it|we|sales|revenue|demand)?\s*(?:could|might|would)\b|"
                       r"\bhow\s+(?:low|bad)\s+(?:could|might|can)\b", re.I)
_BAND_HIGH = re.compile(r"\bbest[- ]case\b|\bat\s+(?:the\s+)?best\b|\boptimistic\b|\bupside\b|"
                        r"\bhow\s+high\s+(?:could|might|can)\b|\b(?:most|highest|maximum)\s+(?:it|we)?\s*"
                        r"(?:could|might)\b", re.I)
_BAND_RANGE = re.compile(r"\b(?:the\s+)?range\s+(?:on|of|for)\b|\bwhat(?:'s|\s+is)\s+the\s+range\b|"
                         r"\b(?:best|low|high|min(?:imum)?)\s+(?:and|to|&|or)\s+(?:worst|high|low|max(?:imum)?)"
                         r"(?:[- ]case)?\b|\b(?:worst|high)\s+(?:and|to|&)\s+(?:best|low)(?:[- ]case)?\b|"
                         r"\bconfidence\s+(?:interval|range|band)\b|\bhow\s+wide\b", re.I)


def band_asked(question: str) -> Literal["low", "high", "range"] | None:
    """Which end of a forecast's interval the question asks for, or ``None``: both named is the range."""
    if _BAND_RANGE.search(question) or (_BAND_LOW.search(question) and _BAND_HIGH.search(question)):
        return "range"
    if _BAND_LOW.search(question):
        return "low"
    return "high" if _BAND_HIGH.search(question) else None


#: A week-by-week forecast asked for each product: "per product", "by SKU", "for each item", "product by week".
_BY_PRODUCT = re.compile(r"\b(?:by|per|for\s+each|for\s+every|each|every)\s+(?:products?|items?|skus?|lines?)\b|"
                         r"\bproduct[- ]by[- ]week\b|\b(?:products?|skus?)\s+by\s+week\b", re.I)
_LAST = re.compile(r"\b(?<!to )(?<!will )(?<!would )(?:last|past|previous) (\d{1,3}) (day|week|month)s?\b", re.I)
_LAST_WORD = re.compile(r"\b(?:last|past|previous) (week|month|quarter|year)\b", re.I)
_BETWEEN = re.compile(r"\b(?:between|from) (\d{4}-\d{2}-\d{2}) (?:and|to|until) (\d{4}-\d{2}-\d{2})\b", re.I)
_SINCE = re.compile(r"\bsince (\d{4}-\d{2}-\d{2})\b", re.I)
_PCT = r" ?(?:%|percent\b|per cent\b|pct\b)"
_CHANGE = re.compile(
    r"\b(cut|reduce|lower|drop|decrease|discount|mark down|markdown|raise|increase|hike|bump|mark up|markup|"
    r"go down|go up)\b"
    r"(?:[^.?!%]|(?<=\d)\.(?=\d)){0,60}?(?:\bby |(?<=\s))(\d{1,3}(?:\.\d+)?)" + _PCT
    + r"|([+-]\d{1,3}(?:\.\d+)?)" + _PCT
    # "a 5% price increase", "a 10 percent discount on SKU-1"
    + r"|\b(\d{1,3}(?:\.\d+)?)" + _PCT + r" (?:price )?(cut|reduction|decrease|drop|discount|markdown|increase|"
    r"rise|hike|raise|markup|higher|lower|cheaper|more expensive)\b", re.I)
_DOWN_WORDS = {"cut", "reduce", "lower", "drop", "decrease", "discount", "mark down", "markdown", "reduction",
               "cheaper", "go down"}
_CATALOGUE = re.compile(r"\b(?:which|what|any) of (?:my|our) (?:products|items|skus)\b|\ball (?:my |our )?(?:products|"
                        r"items|skus)\b|\bwhich (?:products|items|skus)\b|\bacross (?:my|the) catalog", re.I)
_AGENT_OF_ASK = ASK_AGENT
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14, "month": 30, "quarter": 91, "year": 365}


#: What exactly an agent is asked, by phrasing. Kept general: verbs and nouns of the question's shape, never
#: a fixed list of products or competitors. Order of the asks is the order they appear in the question.
_ASK_PATTERNS: dict[AskKind, re.Pattern[str]] = {
    "undercut": re.compile(
        r"\bundercut|\bunder-cut|\bwhich (?:competitors?|rivals?)\b"
        r"|\bwho(?:'s| is| are)? (?:the )?(?:cheap|undercut|beat|below)"
        r"|\b(?:competitors?|rivals?|other (?:sellers|stores|shops))\b[^.?!]{0,40}\b(?:cheaper|lower|below|beat|"
        r"beats|beating|undercut)|\b(?:pric\w+|sell\w*) (?:it |them )?(?:below|under) (?:me|us|our)\b"
        r"|\b(?:beat|beats|beating) (?:us|me|our (?:prices?|products))\b"
        r"|\bcheaper than (?:us|me|we do|our (?:prices?|store|shop))\b|\bfor less than (?:us|we do|me)\b|\bprice war"
        r"|\b(?:sells?|selling|offers?|offering) (?:[\w-]+ )?(?:cheaper|for less)\b", re.I),
    "overpriced": re.compile(
        r"\boverpriced|\bover-priced|\bpriced (?:too )?(?:high|above)|\babove (?:the )?market"
        r"|\b(?:more expensive|pricier|dearer) than|\btoo expensive|\b(?:priced |price is |prices are )?higher than "
        r"(?:the )?(?:market|competitors?|competition|others)|\bcharg(?:e|ing) too much|\bprices? (?:too )?high"
        r"|\bcosts? more than (?:the )?(?:market|competitors?|competition|others|elsewhere)"
        r"|\b(?:where|which products?|what) (?:are|am|is) (?:we|i|us) (?:the )?most expensive"
        r"|\b(?:are|am) (?:we|i) (?:too )?(?:expensive|pricey)", re.I),
    "underpriced": re.compile(
        r"\bunderpriced|\bunder-priced|\bpriced (?:too )?(?:low|below)|\bbelow (?:the )?market"
        r"|\b(?:cheaper|lower) than (?:the )?(?:market|competitors?|competition|others)\b|\bleav(?:e|es|ing) money"
        r"|\bunder-?charg|\btoo cheap\b"
        r"|\b(?:can|could|should) (?:i|we) (?:charge more|raise (?:my |our )?prices?)|\bprices? (?:too )?low\b",
        re.I),
    "stockout": re.compile(
        r"\bstock ?-?outs?\b|\bruns? out\b|\brun-?outs?\b|\brunning out\b|\bran out\b|\bout of stock\b|\bsells? out\b"
        r"|\bselling out\b|\blow (?:on )?stock\b|\bre-?order|\brestock|\breplenish|\bstock (?:last|runs?)|"
        + BE_OUT_OF, re.I),
    "overstock": re.compile(
        r"\bover-?stock|\btoo much (?:stock|inventory)|\bexcess (?:stock|inventory)|\bmost (?:days of )?cover"
        r"|\bslow[- ]moving|\bdead stock|\bsitting (?:in|on)|\bcarrying too much|\b(?:stock|inventory) piling"
        r"|\bmost (?:stock|inventory)\b|\btoo many units|\b(?:not|isn't|aren't) (?:moving|selling)\b"
        r"|\bdoes(?:n't| not) sell\b|\bmore (?:stock|inventory|units) than\b"
        r"|\bholding (?:too much|excess|a lot)", re.I),
    "rating_decline": re.compile(
        r"\b(?:ratings?|stars?|reviews?|scores?|sentiment)\b[^.?!]{0,80}?\b(?:fall|falls|falling|fell|drop|drops"
        r"|dropped|dropping|declin\w*|down|worse|worsen\w*|slipp?\w*|sink\w*|sank|lower|decreas\w*"
        r"|tank\w*|plummet\w*|nose-?div\w*|crash\w*|tumbl\w*|slump\w*)\b"
        r"|\b(?:gone|went|going) downhill\b[^.?!]{0,40}?\b(?:ratings?|stars?|reviews?|scores?)\b"
        r"|\b(?:biggest|largest|hardest|worst|sharpest|big) (?:hit|knock|blow|dip|slide|slump)s? (?:in|to|on) "
        r"(?:its |their |the )?(?:ratings?|stars?|reviews?|scores?)\b"
        r"|\b(?:falling|dropping|declining|worsening|slipping|sinking|decreasing|lower|worse|poorer) "
        r"(?:ratings?|stars?|reviews?|scores?|sentiment)\b", re.I),
    "complaints": re.compile(
        r"\bcomplain\w*|\bissues?\b|\bproblems?\b|\bnegative (?:reviews?|feedback|comments?)|\bunhappy"
        r"|\bdislike|\bpain points?|\bwhat(?:'s| is) wrong|\bbad reviews?|\bgripes?|\bcriticis|\bhate\b"
        r"|\b(?:go|goes|going|gone|went) wrong|\breturn reasons?|\bmoan|\bgrumbl|\bwhin(?:e|ing)", re.I),
    "forecast": re.compile(
        r"\bforecast|\bpredict|\bhow many (?:units|items|pieces|will)|\bwill (?:we|i|it|they) (?:sell|move|shift)\b"
        r"|\b(?:expect(?:ed|ing)?|likely) to (?:sell|move|shift)\b"
        r"|\bexpected (?:sales|demand|units)|\bprojected|\bsell (?:in )?(?:the )?(?:next|coming)|\bdemand\b"
        r"|\bwill [\w-]+ sell\b|\bhow much will\b|\bhow many will\b"
        # "how much stock will we need for Christmas": the units the demand forecast expects
        r"|\b(?:how much|how many|what) (?:stock|inventory|units?)\b[^.?!]{0,30}\b(?:need(?:ed)?|should (?:we|i) "
        r"(?:have|hold|keep|carry|stock))\b", re.I),
}
_ASK_INTENT: dict[AskKind, Intent] = {
    "overpriced": "pricing", "underpriced": "pricing", "undercut": "pricing", "price_position": "pricing",
    "what_if": "what_if", "complaints": "sentiment", "rating_decline": "sentiment",
    "sentiment_overview": "sentiment", "stockout": "inventory", "overstock": "inventory", "forecast": "forecast",
    "aspect": "sentiment", "praise": "sentiment", "spam": "sentiment",
}
_FALLBACK_ASK: dict[Intent, AskKind] = {"pricing": "price_position", "sentiment": "sentiment_overview",
                                        "forecast": "forecast", "inventory": "stockout"}


def detect_asks(question: str, intents: list[Intent], entities: Entities) -> list[AskKind]:
    """The typed asks of ``question`` in the order it asks them (one per agent intent at least)."""
    found: list[tuple[int, AskKind]] = []
    for ask, rx in _ASK_PATTERNS.items():
        if m := rx.search(question):
            found.append((m.start(), ask))
    what_if = "what_if" in intents or entities.price_change_pct is not None or entities.price_target is not None
    if what_if:
        m = _CHANGE.search(question) or PRICE_TARGET.search(question) or _INTENT_PATTERNS["what_if"].search(question)
        found.append((m.start() if m else len(question), "what_if"))
        # "what happens to demand if I cut X" asks for the what-if, not a separate forecast
        if not re.search(r"\bforecast|\bpredict|\bnext \d|\bnext (?:week|month|quarter)", question, re.I):
            found = [f for f in found if f[1] != "forecast"]
    # "why are ratings falling" names ratings and problems: the decline answers it, with its complaints
    asks = [a for _, a in sorted(found, key=lambda f: f[0])]
    if "rating_decline" in asks and "complaints" in asks and not re.search(r"\bcomplain", question, re.I):
        asks.remove("complaints")
    if "underpriced" in asks and "overpriced" in asks:
        pass  # both asked ("over- or underpriced"): both answered
    covered = {_AGENT_OF_ASK[a] for a in asks}
    if "what_if" in asks:
        covered.add("forecast")  # the what-if is the demand question
    for intent in intents:
        fallback = _FALLBACK_ASK.get(intent)
        if fallback is not None and _AGENT_OF_ASK[fallback] not in covered:
            asks.append(fallback)
            covered.add(_AGENT_OF_ASK[fallback])
    return list(dict.fromkeys(asks))


def detect_intents(question: str) -> list[Intent]:
    """Intents whose patterns match, in a stable order; ``overview`` when none does."""
    found: list[Intent] = [i for i, rx in _INTENT_PATTERNS.items() if rx.search(question)]
    return found


def extract_entities(question: str, *, today: date | None = None, competitors: Sequence[str] = ()) -> Entities:
    """SKUs, categories, competitors, horizon, date range and price change mentioned in ``question``.

    ``competitors`` are the tenant's own competitor names (from its data, ``shared.store.vocabulary``); a name
    after "vs"/"compared to" is taken as a competitor even when the data has not seen it yet.
    """
    today = today or datetime.now(UTC).date()
    skus = list(dict.fromkeys(m.group(0).upper().replace(" ", "-") for m in _SKU.finditer(question)))
    categories = list(dict.fromkeys(
        (m.group(1) or m.group(2)).lower() for m in _CATEGORY.finditer(question) if (m.group(1) or m.group(2))
    ))
    competitors = [c.lower() for c in competitors if re.search(rf"\b{re.escape(c)}\b", question, re.I)]
    for m in _COMPETITOR.finditer(question):
        name = (m.group(1) or m.group(2) or "").lower()
        if name and name not in competitors and not _SKU.fullmatch(name):
            competitors.append(name)
    horizon: int | None = None
    if tl := _TO_LAST.search(question):
        count = tl.group(1).lower()
        horizon = (int(count) if count.isdigit() else _NUMBER_WORDS[count]) * _UNIT_DAYS[tl.group(2).lower()]
    elif h := _HORIZON.search(question):
        count = h.group(1).lower()
        horizon = (int(count) if count.isdigit() else _NUMBER_WORDS[count]) * _UNIT_DAYS[h.group(2).lower()]
    elif hw := _HORIZON_WORD.search(question):
        horizon = _UNIT_DAYS[hw.group(1).lower()]
    elif rest := _REST_OF.search(question):
        horizon = max(1, (_period_end(today, (rest.group(1) or rest.group(2)).lower()) - today).days)
    elif deadline := _HOLIDAY_DEADLINE.search(question):
        horizon = _days_to_holiday(deadline.group("day"), deadline.group("how"), today)
    start: date | None = None
    end: date | None = None
    if b := _BETWEEN.search(question):
        start, end = date.fromisoformat(b.group(1)), date.fromisoformat(b.group(2))
    elif si := _SINCE.search(question):
        start, end = date.fromisoformat(si.group(1)), today
    elif la := _LAST.search(question):
        start, end = today - timedelta(days=int(la.group(1)) * _UNIT_DAYS[la.group(2).lower()]), today
    elif lw := _LAST_WORD.search(question):
        start, end = today - timedelta(days=_UNIT_DAYS[lw.group(1).lower()]), today
    change: float | None = None
    if c := _CHANGE.search(question):
        if c.group(4):
            pct = float(c.group(4))
            change = -pct if c.group(5).lower() in _DOWN_WORDS else pct
        elif c.group(1):
            pct = float(c.group(2))
            change = -pct if c.group(1).lower() in _DOWN_WORDS else pct
        else:
            change = float(c.group(3))
    if change is not None:
        change = max(-90.0, min(500.0, change))
    target: float | None = None
    if change is None and (t := PRICE_TARGET.search(question)):
        target = float(next(g for g in t.groups() if g).replace(",", "")) or None
    cover_over: int | None = None
    if co := _COVER_OVER.search(question):
        count = co.group(1).lower()
        n = int(count) if count.isdigit() else _ARTICLE_COUNTS.get(count) or _NUMBER_WORDS[count]
        cover_over = min(3650, max(1, int(n * 365 // 12 if co.group(2).lower() == "month" else n * _UNIT_DAYS[
            co.group(2).lower()])))
    return Entities(skus=skus, categories=categories, competitors=competitors, horizon_days=min(horizon, 730)
                    if horizon else None, start_date=start, end_date=end, price_change_pct=change, price_target=target,
                    measure="revenue" if _REVENUE.search(question) else None, cover_over_days=cover_over,
                    explain=bool(_EXPLAIN.search(question)), by_category=bool(_BY_CATEGORY.search(question)),
                    by_week=bool(_BY_WEEK.search(question)), by_product=bool(_BY_PRODUCT.search(question)),
                    band=band_asked(question))


def _days_to_holiday(day: str, how: str, today: date) -> int:
    """Days from ``today`` to the next such holiday (to the day before it when asked "before")."""
    from shared.questions.timephrase import holiday

    name = re.sub(r"\s+", " ", day.lower()).replace("xmas", "christmas").replace("'", "")
    name = {"christmas day": "christmas", "new years": "new year's day", "new year": "new year's day",
            "new years day": "new year's day", "new years eve": "new year's eve", "valentines": "valentine's day",
            "valentines day": "valentine's day"}.get(name, name)
    when = holiday(name, today.year)
    if when <= today:
        when = holiday(name, today.year + 1)
    return max(1, (when - today).days - (1 if how.lower() == "before" else 0))


def _period_end(day: date, unit: str) -> date:
    """The last day of the month, quarter or year holding ``day``."""
    months = {"month": 1, "quarter": 3, "year": 12}[unit]
    first = (day.month - 1) // months * months + 1
    nxt = date(day.year + (first + months - 1) // 12, (first + months - 1) % 12 + 1, 1)
    return nxt - timedelta(days=1)


def route(question: str, *, today: date | None = None) -> Plan:
    """Plan ``question`` with patterns only."""
    entities = extract_entities(question, today=today)
    intents = detect_intents(question)
    if (entities.price_change_pct is not None or entities.price_target is not None) and "what_if" not in intents:
        intents.append("what_if")
    asks = detect_asks(question, intents, entities)
    if not intents:
        # no intent word, but a recognisable ask ("what do people dislike about X?"): its agent answers
        intents = list(dict.fromkeys(_ASK_INTENT[a] for a in asks)) or ["overview"]
    plan = Plan(intents=intents, entities=entities, rationale="pattern router", asks=asks)
    if entities.skus and _CATALOGUE.search(question) and len(plan.agents) > 1:
        # "which of my products are overpriced ... and what if I cut SKU-123": pricing scans the catalogue,
        # the what-if stays on the named SKUs.
        plan.sku_scope = {"pricing": []}
    return plan
