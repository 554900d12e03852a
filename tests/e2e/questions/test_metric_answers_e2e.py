"""Metric questions through the CLI and the real query function: the first sentence carries the right numbers."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from shared.cli.main import main
from shared.orchestration.client import ask
from shared.orchestration.report import Report
from tests.e2e.questions.conftest import TENANT, Ingested


def numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*\.?\d*", text)]


def states(text: str, value: float, tol: float = 0.01) -> bool:
    return any(abs(n - value) <= tol for n in numbers(text))


def cli_report(question: str, capsys: pytest.CaptureFixture[str], *extra: str) -> Report:
    assert main(["ask", question, "--tenant", TENANT, "--json", "--no-cache", *extra]) == 0
    return Report.model_validate(json.loads(capsys.readouterr().out))


def first_sentence(text: str) -> str:
    return re.split(r"(?<=[a-z0-9)%])\. ", text)[0]


def test_revenue_for_a_named_month_through_the_cli(shop: Ingested, capsys: pytest.CaptureFixture[str]) -> None:
    s = shop.sales()
    truth = float(s[(s["date"] >= date(2025, 3, 1)) & (s["date"] <= date(2025, 3, 31))]["revenue"].sum())
    report = cli_report("How much did we make in March 2025?", capsys)
    assert report.answer_kind == "metric" and report.as_of == date(2025, 3, 31)
    assert "March 2025 (1-31 Mar 2025)" in report.answer and states(first_sentence(report.answer), truth)
    assert report.evidence[0].kind == "sql" and "tenant_id" in (report.evidence[0].sql or "")
    assert report.evidence[0].params["tenant"] == TENANT
    assert len(report.model_dump_json()) <= 4096
    # the plain-text rendering starts with the answer
    assert main(["ask", "How much did we make in March 2025?", "--tenant", TENANT]) == 0
    assert capsys.readouterr().out.startswith(report.answer)


def test_last_month_is_the_datas_last_month(shop: Ingested, capsys: pytest.CaptureFixture[str]) -> None:
    s = shop.sales()
    units = float(s[s["date"] >= date(2025, 3, 1)]["units"].sum())
    report = cli_report("how many units did we sell last month?", capsys)
    assert report.period is not None and report.period.start == date(2025, 3, 1)  # not the wall clock's month
    assert states(first_sentence(report.answer), units)


def test_ranking_lists_items_in_order(shop: Ingested, capsys: pytest.CaptureFixture[str]) -> None:
    s = shop.sales()
    q1 = s[(s["date"] >= date(2025, 1, 1)) & (s["date"] <= date(2025, 3, 31))]
    top = q1.groupby(["sku", "title"])["units"].sum().sort_values(ascending=False).head(3)
    report = cli_report("What were our 3 best-selling products in Q1 2025?", capsys)
    positions = [report.answer.find(sku) for sku, _ in top.index]
    assert all(p >= 0 for p in positions) and positions == sorted(positions)
    assert states(report.answer, float(top.iloc[0]))
    assert report.table is not None and report.chart is not None and report.chart["mark"] == "bar"


def test_share_and_comparison(shop: Ingested, capsys: pytest.CaptureFixture[str]) -> None:
    s = shop.sales()
    mar = s[(s["date"] >= date(2025, 3, 1)) & (s["date"] <= date(2025, 3, 31))]
    feb = s[(s["date"] >= date(2025, 2, 1)) & (s["date"] <= date(2025, 2, 28))]
    share = float(mar[mar["channel"] == "amazon"]["revenue"].sum() / mar["revenue"].sum() * 100)
    report = cli_report("What percentage of March 2025 revenue came from Amazon?", capsys)
    assert states(report.answer, share, 0.06)
    cur, prev = float(mar["revenue"].sum()), float(feb["revenue"].sum())
    cmp = cli_report("Revenue in March 2025 compared to the month before?", capsys)
    assert states(cmp.answer, cur) and states(cmp.answer, prev)
    assert states(cmp.answer, abs(cur / prev - 1) * 100, 0.06)
    assert ("up" if cur > prev else "down") in cmp.answer


def test_unanswerable_names_what_is_needed(shop: Ingested, capsys: pytest.CaptureFixture[str]) -> None:
    report = cli_report("What is my customer acquisition cost?", capsys)
    assert report.answer_kind == "unanswerable" and "can't be answered" in report.answer
    assert "marketing spend" in report.answer and not re.search(r"\d", report.answer)


def test_follow_ups_reuse_the_previous_reading(shop: Ingested) -> None:
    s = shop.sales()
    feb = s[(s["date"] >= date(2025, 2, 1)) & (s["date"] <= date(2025, 2, 28))]
    first = ask(shop.deps, "revenue in March 2025", tenant=TENANT, session_id="f1", use_cache=False).report
    assert first is not None and first.answer_kind == "metric"
    before = ask(shop.deps, "and the month before?", tenant=TENANT, session_id="f1", use_cache=False).report
    assert before is not None and before.period is not None and before.period.start == date(2025, 2, 1)
    assert states(before.answer, float(feb["revenue"].sum()))
    ebay = ask(shop.deps, "what about ebay?", tenant=TENANT, session_id="f1", use_cache=False).report
    assert ebay is not None and "on ebay" in ebay.answer
    assert states(ebay.answer, float(feb[feb["channel"] == "ebay"]["revenue"].sum()))
    # another session does not inherit the reading
    alone = ask(shop.deps, "and the month before?", tenant=TENANT, session_id="other", use_cache=False).report
    assert alone is not None and alone.answer_kind != "metric"


def test_product_named_by_its_title(shop: Ingested, capsys: pytest.CaptureFixture[str]) -> None:
    products = shop.merchant.products[shop.merchant.products["sku"].isin(shop.catalogue)]
    sku, title = str(products.iloc[0]["sku"]), str(products.iloc[0]["title"])
    s = shop.sales()
    truth = float(s[(s["sku"] == sku) & (s["date"] >= date(2025, 1, 1))]["revenue"].sum())
    report = cli_report(f"How much revenue did the {title.lower()} bring in since January 2025?", capsys)
    assert title in report.answer and states(first_sentence(report.answer), truth)


def test_cached_answer_is_the_same(shop: Ingested) -> None:
    a = ask(shop.deps, "orders in Q1 2025", tenant=TENANT).report
    b = ask(shop.deps, "orders in Q1 2025", tenant=TENANT)
    assert a is not None and b.cached and b.report is not None and b.report.answer == a.answer


def test_vocabulary_follows_data_updated(shop: Ingested, tmp_path: object) -> None:
    import csv
    from pathlib import Path

    from shared.ingest.client import ingest_path

    question = "how many units of the Moonlight Velvet Pouffe did we sell in March 2025?"
    before = ask(shop.deps, question, tenant=TENANT, use_cache=False).report
    # not a name in the data yet: said so, never answered for the whole store
    assert before is not None and before.answer_kind == "unanswerable" and before.table is None
    sku = sorted(shop.catalogue)[-1]  # not the product other tests name
    path = Path(str(tmp_path)) / "products.csv"
    with path.open("w", newline="") as f:  # the merchant renames a product: a new upload, a new data version
        csv.writer(f).writerows([["sku", "title", "category", "price", "currency"],
                                 [sku, "Moonlight Velvet Pouffe", "Home", "10", "USD"]])
    assert ingest_path(shop.deps, path, TENANT, "products").status == "processed"
    after = ask(shop.deps, question, tenant=TENANT, use_cache=False).report
    s = shop.sales()
    units = int(s[(s["sku"] == sku) & (s["date"] >= date(2025, 3, 1))]["units"].sum())
    assert after is not None and "Moonlight Velvet Pouffe" in after.answer and f"{units:,}" in after.answer


def test_catalogue_size(shop: Ingested, capsys: pytest.CaptureFixture[str]) -> None:
    report = cli_report("How many products do we have?", capsys)
    assert report.answer.startswith(f"Your catalogue has {len(shop.catalogue)} products")


def test_an_acknowledgement_keeps_the_chain(shop: Ingested) -> None:
    s = shop.sales()
    mar = s[(s["date"] >= date(2025, 3, 1)) & (s["date"] <= date(2025, 3, 31))]
    ask(shop.deps, "revenue in March 2025", tenant=TENANT, session_id="ack", use_cache=False)
    thanks = ask(shop.deps, "thanks!", tenant=TENANT, session_id="ack", use_cache=False).report
    assert thanks is not None and thanks.answer.startswith("You're welcome.") and not thanks.agents
    ebay = ask(shop.deps, "and on ebay?", tenant=TENANT, session_id="ack", use_cache=False).report
    assert ebay is not None and states(ebay.answer, float(mar[mar["channel"] == "ebay"]["revenue"].sum()))


def test_is_it_good_after_a_figure_judges_it_against_its_usual_level(shop: Ingested) -> None:
    # revenue in March 2025, then "is that good?": March against the 12 months to its end, scaled to its 31 days
    s = shop.sales()
    mar = float(s[(s["date"] >= date(2025, 3, 1)) & (s["date"] <= date(2025, 3, 31))]["revenue"].sum())
    year = s[(s["date"] >= date(2024, 4, 1)) & (s["date"] <= date(2025, 3, 31))]
    usual = float(year["revenue"].sum()) * 31 / 365
    ask(shop.deps, "revenue in March 2025", tenant=TENANT, session_id="judge", use_cache=False)
    judged = ask(shop.deps, "is that good?", tenant=TENANT, session_id="judge", use_cache=False).report
    assert judged is not None and judged.answer_kind == "metric" and not judged.agents
    said = first_sentence(judged.answer)
    assert states(said, mar) and states(said, usual, 0.01) and "the 12 months to 31 Mar 2025" in said
