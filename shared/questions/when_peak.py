"""A peak asked with "when": "when did we have the most orders last month" is the day that had them.

"When" before a superlative asks for the date of the top, not the period's total: it is read as "which day ..." (the
reader's day ranking, as "which day last month had the most orders"). A superlative of a unit of its own ("when was
our best month"), a best seller ("when did our best seller last sell") and anything not asked in the past ("when
does our best seller run out", "when is our busiest hour") are left as asked.

Pure: one regular expression.
"""

from __future__ import annotations

from shared import regex as re

_SUPERLATIVE = r"(?:most|highest|biggest|largest|best|busiest|fewest|least|lowest|worst|quietest|slowest|smallest)"
_UNIT = r"(?:day|days|date|week|weeks|weekend|month|months|quarter|quarters|year|years|season|hour|hours|time|period)"
_WHEN_PEAK = re.compile(
    rf"^\s*when(?=\s+(?:did|was|were|have|has|had)\b[^?.!]*?\b{_SUPERLATIVE}\b"
    rf"(?!\s+(?:[a-z]+\s+)?{_UNIT}\b)(?![\s-]+sell))",
    re.I,
)


def when_as_day(text: str) -> str:
    """``text`` with a leading "when" before a superlative read as "which day"."""
    return _WHEN_PEAK.sub("which day", text, count=1)
