"""Conversations through ``POST /v1/query`` with a ``session_id``: the rules the dialogs10 batch added.

Each conversation is asked over the query function's HTTP route (the console's chat path), one session each; every
answer is checked against a truth computed with pandas from the merchant's clean rows (``conftest``: every row is
accepted).
"""

from __future__ import annotations

from datetime import date

import pandas as pd

from shared.orchestration.report import QueryResponse, Report
from shared.runtime.local import LocalRuntime
from shared.security.principal import Role
from shared.security.tokens import mint_token
from tests.e2e.questions.conftest import TENANT, Ingested
from tests.e2e.questions.test_metric_answers_e2e import states

MARCH = (date(2025, 3, 1), date(2025, 3, 31))
FEBRUARY = (date(2025, 2, 1), date(2025, 2, 28))


def _talk(shop: Ingested, session: str, *questions: str) -> list[Report]:
    """Ask each question in one session over ``POST /v1/query``; the reports in order."""
    token = mint_token(shop.deps.settings, subject="analyst", tenant_id=TENANT, role=Role.ANALYST)
    runtime = LocalRuntime(shop.deps)
    out = []
    for q in questions:
        res = runtime.call_http(
            "query",
            "POST",
            "/v1/query",
            headers={"Authorization": f"Bearer {token}"},
            json_body={"question": q, "session_id": session},
        )
        assert res.status == 200, res.body
        report = QueryResponse.model_validate(res.json()).report
        assert report is not None
        out.append(report)
    return out


def _in(s: pd.DataFrame, span: tuple[date, date]) -> pd.DataFrame:
    return s[(s["date"] >= span[0]) & (s["date"] <= span[1])]


def test_how_many_dollars_after_a_discount_rate_is_the_discounts(shop: Ingested) -> None:
    march = _in(shop.sales(), MARCH)
    _, money = _talk(shop, "rate-money", "what was our discount rate in March 2025?", "how many dollars is that?")
    assert states(money.answer, float(march["discount"].fillna(0).sum())), money.answer
    assert not states(money.answer, float(march["revenue"].sum())), money.answer  # not revenue


def test_why_after_a_breakdown_names_what_moved_and_the_total(shop: Ingested) -> None:
    s = shop.sales()
    now, before = _in(s, MARCH), _in(s, FEBRUARY)
    change = now.groupby("channel")["revenue"].sum().sub(before.groupby("channel")["revenue"].sum(), fill_value=0)
    mover = str(change.abs().sort_values(ascending=False).index[0])
    _, why = _talk(shop, "why-breakdown", "revenue by channel in March 2025", "why?")
    assert f"by channel, {mover} (" in why.answer, why.answer
    assert states(why.answer, float(now["revenue"].sum())) and states(why.answer, float(before["revenue"].sum()))


def test_a_product_s_why_names_no_category_of_its_own(shop: Ingested) -> None:
    s = shop.sales()
    sku = str(_in(s, MARCH).groupby("sku")["revenue"].sum().idxmax())
    _, why = _talk(shop, "why-product", f"revenue for {sku} in March 2025", "why?")
    assert states(why.answer, float(_in(s, MARCH).query("sku == @sku")["revenue"].sum())), why.answer
    assert "by category" not in why.answer, why.answer


def test_drill_into_that_ranks_the_category_s_products(shop: Ingested) -> None:
    march = _in(shop.sales(), MARCH)
    best = str(march.groupby("category")["revenue"].sum().idxmax())
    inside = march[march["category"] == best].groupby("sku")["revenue"].sum().sort_values(ascending=False)
    _, drill = _talk(shop, "drill", "which category made the most revenue in March 2025?", "drill into that")
    assert best in drill.answer and states(drill.answer, float(inside.iloc[0])), drill.answer


def test_exclude_the_top_one_and_only_online(shop: Ingested) -> None:
    march = _in(shop.sales(), MARCH)
    by = march.groupby("channel")["revenue"].sum().sort_values(ascending=False)
    _, rest = _talk(shop, "exclude-top", "revenue by channel in March 2025", "exclude the top one")
    assert all(states(rest.answer, float(v)) for v in by.iloc[1:]), rest.answer
    assert f"{by.index[0]} (" not in rest.answer, rest.answer  # the top one is left out, not listed
    online = march[march["channel"] != "pos"]
    _, only = _talk(shop, "online", "revenue in March 2025", "only online")
    assert states(only.answer, float(online["revenue"].sum())), only.answer


def test_a_country_code_the_data_lacks_is_refused_not_the_whole_store(shop: Ingested) -> None:
    march = _in(shop.sales(), MARCH)
    _, de, ca = _talk(shop, "codes", "revenue in March 2025", "and in DE?", "what about CA")
    for report, names in ((de, "Germany or Delaware"), (ca, "Canada or California")):
        assert "can't be answered" in report.answer and names in report.answer, report.answer
        assert not states(report.answer, float(march["revenue"].sum())), report.answer
