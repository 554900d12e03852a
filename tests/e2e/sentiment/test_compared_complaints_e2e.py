"""This month's most common complaint against last month's, through the real query path (#18).

The sample merchant is ingested through the upload path; "most common complaint this month vs last month" must lead
with the top complaint of each period, the month before being the whole calendar month (the stored rows' last
review date decides which months these are).
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from shared.deps import get_deps
from shared.orchestration.client import ask
from shared.sentiment.compared_complaints import period_name
from tests.e2e.sentiment.test_review_phrasings_round_e2e import TENANT, _first, _ingest


def test_this_months_complaint_is_set_against_the_whole_month_before(tmp_path: Path) -> None:
    _ingest(tmp_path)
    last = (
        get_deps()
        .warehouse.query("SELECT max(date) AS d FROM reviews WHERE tenant_id = @tenant_id", {"tenant_id": TENANT})["d"]
        .iloc[0]
    )
    last_day = date.fromisoformat(str(last)[:10])
    before = last_day.replace(day=1) - timedelta(days=1)
    lead = _first("most common complaint this month vs last month")
    assert lead.startswith(f"In {period_name(last_day.replace(day=1), last_day)} "), lead
    assert re.search(rf"; in {before:%B %Y} (?:it was|no review complained)", lead), lead
    one = ask(get_deps(), "what do people complain about this month?", tenant=TENANT, use_cache=False).report
    assert one is not None
    assert not one.answer.startswith("In "), one.answer  # one period: no baseline said
