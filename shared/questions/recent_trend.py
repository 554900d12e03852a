"""Which way a figure is moving, asked without a period: "have sales been dropping?", "is revenue trending up?".

A merchant asking whether sales are dropping, growing or trending up, with no period of their own, asks about the
recent run of sales: the last :data:`~shared.questions.timephrase.RECENT_DAYS` days (the house's "these days", as
shop dashboards show them) against the same number of days before. Before, "have sales been dropping?" was all the
data's revenue (no comparison at all), "is revenue trending up" a chart of every month, and "are orders going down
lately?" last month against the month before, a month that can be five weeks old.

The verb must be of a movement under way ("been dropping", "is growing", "going down", "trending up"): "has revenue
gone up?" and "did sales grow?" keep the last complete month against the one before, and "revenue trend" (no way
named) stays a trend over time.
"""

from __future__ import annotations

from shared import regex as re

#: A movement under way: a progressive verb of rising or falling ("been dropping", "are growing", "going down",
#: "trending up"), or "trending" with the way it goes.
_MOVING = re.compile(
    r"\b(?:dropping|declining|falling|slipping|sliding|shrinking|decreasing|increasing|growing|rising|climbing|"
    r"improving|worsening|picking\s+up|slowing(?:\s+down)?|tailing\s+off|tanking|"
    # "are we selling fewer units lately?": a comparative of what we are doing now
    r"(?:selling|making|earning|getting|taking(?:\s+in)?)\s+(?:fewer|less|more)|"
    r"going\s+(?:up|down)|trending\s+(?:up|down|upwards?|downwards?|higher|lower|the\s+(?:right|wrong)\s+way))\b",
    re.I,
)


def asks_recent_trend(question: str) -> bool:
    """Whether ``question`` asks which way a figure is moving now ("have sales been dropping?")."""
    return _MOVING.search(question) is not None
