"""The deterministic planner: intents and entities from patterns. Always available, no model needed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta

from shared.orchestration.plan import Entities, Intent, Plan

_INTENT_PATTERNS: dict[Intent, re.Pattern[str]] = {
    "what_if": re.compile(
        r"\bwhat (?:happens|would happen|if)\b|\bif (?:i|we) (?:cut|raise|lower|increase|reduce|drop|change)\b"
        r"|\bwhat-if\b|\bscenario\b|\bsimulat", re.I),
    "pricing": re.compile(
        r"\b(?:over|under)?priced\b|\bpric(?:e|es|ing)\b|\bcompetitor|\bcheaper\b|\bexpensive\b|\bmargins?\b"
        r"|\bdiscount|\b(?:above|below) (?:the )?market\b|\bundercut|\bMAP\b", re.I),
    "sentiment": re.compile(
        r"\breviews?\b|\bsentiment\b|\bcomplain|\bratings?\b|\bfeedback\b|\bcustomers? (?:say|think|feel)"
        r"|\bunhappy\b|\bhappy\b|\bstars?\b", re.I),
    "forecast": re.compile(
        r"\bdemand\b|\bforecast|\bpredict|\bsell next\b|\bsales next\b|\bnext (?:week|month|quarter)\b"
        r"|\bprojected\b|\bseasonal|\bhow many (?:units|items|pieces)\b|\bwill (?:we|i) sell\b"
        r"|\bsell in the (?:next|coming)\b", re.I),
    "inventory": re.compile(
        r"\binventory\b|\bstock(?:out|-out)?s?\b|\breorder|\bout of stock\b|\brestock|\bsafety stock\b"
        r"|\bruns? out\b|\brunning out\b|\boverstock", re.I),
    "overview": re.compile(
        r"\boverview\b|\bsummary\b|\bsummari[sz]e\b|\bhow (?:am i|are we|is my (?:store|shop|business)) doing\b"
        r"|\bhealth\b|\beverything\b|\bdashboard\b", re.I),
}

# a SKU has a digit somewhere after the prefix, so the word "SKUs" is not one
_SKU = re.compile(r"\b(?:SKU[-_ ]?(?=[A-Z0-9_-]*\d)[A-Z0-9][A-Z0-9_-]*|[A-Z]{2,5}-\d{2,}[A-Z0-9-]*)\b", re.I)
_CATEGORY = re.compile(
    r"\b(?:in|for) (?:the |my |our )?([a-z][\w&-]*(?: [a-z][\w&-]*)?) (?:category|categories|range|line)\b"
    r"|\bcategor(?:y|ies)[: ]+[\"']?([a-z][\w&-]*)", re.I)
_COMPETITOR = re.compile(
    r"\b(?:vs\.?|versus|against|than|compared (?:to|with)) (?!competitors?\b)([A-Z][\w&-]+)"
    r"|\bcompetitor[: ]+[\"']?([A-Z][\w&-]+)")
_HORIZON = re.compile(r"\b(?:next|coming|over the next) (\d{1,3}) (day|week|month|quarter)s?\b", re.I)
_HORIZON_WORD = re.compile(r"\b(?:next|coming) (day|week|month|quarter|year)\b", re.I)
_LAST = re.compile(r"\b(?:last|past|previous) (\d{1,3}) (day|week|month)s?\b", re.I)
_LAST_WORD = re.compile(r"\b(?:last|past|previous) (week|month|quarter|year)\b", re.I)
_BETWEEN = re.compile(r"\b(?:between|from) (\d{4}-\d{2}-\d{2}) (?:and|to|until) (\d{4}-\d{2}-\d{2})\b", re.I)
_SINCE = re.compile(r"\bsince (\d{4}-\d{2}-\d{2})\b", re.I)
_CHANGE = re.compile(
    r"\b(cut|reduce|lower|drop|decrease|discount|raise|increase|hike|bump)\b[^.?!%]{0,60}?\bby (\d{1,3}(?:\.\d+)?) ?%"
    r"|([+-]\d{1,3}(?:\.\d+)?) ?%", re.I)
_DOWN_WORDS = {"cut", "reduce", "lower", "drop", "decrease", "discount"}
_CATALOGUE = re.compile(r"\b(?:which|what|any) of (?:my|our) (?:products|items|skus)\b|\ball (?:my |our )?(?:products|"
                        r"items|skus)\b|\bwhich (?:products|items|skus)\b|\bacross (?:my|the) catalog", re.I)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "quarter": 91, "year": 365}


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
    if h := _HORIZON.search(question):
        horizon = int(h.group(1)) * _UNIT_DAYS[h.group(2).lower()]
    elif hw := _HORIZON_WORD.search(question):
        horizon = _UNIT_DAYS[hw.group(1).lower()]
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
        if c.group(1):
            pct = float(c.group(2))
            change = -pct if c.group(1).lower() in _DOWN_WORDS else pct
        else:
            change = float(c.group(3))
    if change is not None:
        change = max(-90.0, min(500.0, change))
    return Entities(skus=skus, categories=categories, competitors=competitors, horizon_days=min(horizon, 730)
                    if horizon else None, start_date=start, end_date=end, price_change_pct=change)


def route(question: str, *, today: date | None = None) -> Plan:
    """Plan ``question`` with patterns only."""
    entities = extract_entities(question, today=today)
    intents = detect_intents(question)
    if entities.price_change_pct is not None and "what_if" not in intents:
        intents.append("what_if")
    if not intents:
        intents = ["overview"]
    plan = Plan(intents=intents, entities=entities, rationale="pattern router")
    if entities.skus and _CATALOGUE.search(question) and len(plan.agents) > 1:
        # "which of my products are overpriced ... and what if I cut SKU-123": pricing scans the catalogue,
        # the what-if stays on the named SKUs.
        plan.sku_scope = {"pricing": []}
    return plan
