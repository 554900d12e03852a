"""Review questions through ``/v1/query`` on the embedded backend, checked against the stored review rows (#18).

Reviews of the stars a question names are read for their themes (the filter said first, the themes drawn from
those reviews alone); "show me angry reviews" and its kin list the reviews themselves; every sentiment answer names
a product "Title (SKU)", as the pricing and forecast answers do.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from shared.agents.registry import get_runner
from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.models.agents import AgentResult
from shared.orchestration.client import ask
from shared.orchestration.executor import QUICK_AGENT_OPTIONS, agent_requests
from shared.orchestration.report import Report
from shared.sample.merchant import SampleMerchant, generate_merchant, write_merchant

TENANT = "shop"
ENDED = date(2026, 6, 30)


def _ingest(tmp: Path) -> SampleMerchant:
    merchant = generate_merchant(seed=23, n_skus=40, end=ENDED, days=500)
    for sample in write_merchant(merchant, tmp / "sample"):
        assert ingest_path(get_deps(), sample.path, TENANT, sample.kind.value).status == "processed"
    return merchant


def _ask(question: str) -> Report:
    resp = ask(get_deps(), question, tenant=TENANT, use_cache=False)
    assert resp.report is not None and resp.report.answer, question
    return resp.report


def _first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence (quotes and dates inside it are kept)."""
    return re.split(r"(?<=[a-z0-9)%])\. (?=[A-Z])", text, maxsplit=1)[0]


def _stored() -> pd.DataFrame:
    """The tenant's review rows as stored, with their products' titles."""
    rows = get_deps().warehouse.query(
        "SELECT r.review_id, r.sku, r.date, r.rating, p.title FROM reviews r LEFT JOIN products p "
        "ON p.tenant_id = r.tenant_id AND p.sku = r.sku WHERE r.tenant_id = @tenant_id", {"tenant_id": TENANT})
    return rows.assign(date=pd.to_datetime(rows["date"]).dt.date)


def _sentiment(report: Report) -> AgentResult:
    """The sentiment agent's own result for the report's plan (the same request the question made)."""
    request = agent_requests(TENANT, report.plan, options={"marketplaces": [], "kpis": [], "goals": []},
                             agent_options=QUICK_AGENT_OPTIONS)["sentiment"]
    request.options["persist"] = False
    return get_runner("sentiment")(get_deps(), request)


def _year(stored: pd.DataFrame) -> pd.DataFrame:
    """The sentiment agent's default period: the 365 days to the latest review."""
    end = max(stored["date"].dropna())
    return stored[stored["date"] >= end - timedelta(days=365)]


def _table(report: Report) -> pd.DataFrame:
    assert report.table is not None
    return pd.DataFrame(report.table.rows, columns=report.table.columns)


def test_reviews_of_the_stars_asked_are_read_for_their_themes_with_the_filter_said_first(tmp_path: Path) -> None:
    """"What do 1-star reviewers complain about?" read every review's themes, and said nothing of the stars."""
    _ingest(tmp_path)
    stored = _year(_stored())
    for question, levels, word, lead in [
        ("What do 1-star reviewers complain about?", (1,), "one-star", "the most common complaint is"),
        ("what are people who gave 2 stars or less saying?", (1, 2), "1-2 star", "the most common complaint is"),
        ("themes in 5-star reviews", (5,), "five-star", "what customers like most is"),
    ]:
        report = _ask(question)
        first = _first_sentence(report.answer)
        n = int(stored["rating"].isin(levels).sum())
        assert first.startswith(f"In the {n:,} {word} reviews"), (question, first)
        assert lead in first, (question, first)
        result = _sentiment(report)
        read = {r["review_id"] for r in result.data["reviews"]}
        assert read and read <= set(stored.loc[stored["rating"].isin(levels), "review_id"])  # themes drawn from them
        table = _table(report)
        assert int(table["reviews"].iloc[0]) <= n  # the leading theme counts those reviews only
    count = _ask("how many 1-star reviews did we get?")
    assert count.answer_kind == "metric" and "rated 1 star" in count.answer


def test_reviews_asked_to_be_seen_are_listed_one_by_one(tmp_path: Path) -> None:
    """"Show me angry reviews" answered the complaint themes; "latest negative reviews" the negative share."""
    merchant = _ingest(tmp_path)
    stored = _stored().set_index("review_id")
    declining = merchant.review_truth.declining_sku
    title = str(stored.loc[stored["sku"] == declining, "title"].dropna().iloc[0])

    angry = _ask("Show me angry reviews")
    rows = _table(angry)
    # "negative" reviews are the 1-2 star ones, as the metrics layer counts them (whatever the text's label)
    assert len(rows) == 5 and (stored.loc[rows["review_id"], "rating"] <= 2).all()
    assert list(rows["score"]) == sorted(rows["score"])  # the most negative first
    assert re.search(r"\d{4}-\d{2}-\d{2}, [12] stars?, .+ \(\w+-\d+\): \"", _first_sentence(angry.answer))

    latest = _ask("latest negative reviews")
    rows = _table(latest)
    assert (stored.loc[rows["review_id"], "rating"] <= 2).all()
    assert list(rows["date"]) == sorted(rows["date"], reverse=True)
    assert _first_sentence(latest.answer).startswith("The 5 latest negative reviews")

    worst = _ask(f"the worst reviews for the {title}")
    rows = _table(worst)
    assert set(rows["sku"]) == {declining}
    assert re.match(rf"The \d+ most negative reviews of {re.escape(title)} \({declining}\) between",
                    _first_sentence(worst.answer))

    newest = _ask("what are the last 3 reviews we got?")
    rows = _table(newest)
    dated = stored.dropna(subset=["date"]).sort_values("date", ascending=False)
    assert len(rows) == 3 and min(rows["date"]) >= dated["date"].iloc[2].isoformat()

    kind = _ask("show me some positive feedback")
    rows = _table(kind)
    assert list(rows["label"].unique()) == ["positive"] and list(rows["score"]) == sorted(rows["score"], reverse=True)


def test_sentiment_answers_name_a_product_title_first_as_the_other_agents_do(tmp_path: Path) -> None:
    """They said "KIT-0006 (Acme ... Board)" where pricing and forecast say "Acme ... Board (KIT-0006)"."""
    merchant = _ingest(tmp_path)
    sku = merchant.review_truth.declining_sku
    stored = _stored()
    title = str(stored.loc[stored["sku"] == sku, "title"].dropna().iloc[0])
    for question in [f"What do reviewers think of the {title}?", f"what are the complaints about the {title}?",
                     f"any complaints about the quality of the {title}?", f"why are ratings for the {title} falling?",
                     f"adjusted rating of the {title}"]:
        answer = _ask(question).answer
        assert f"{title} ({sku})" in answer, (question, answer)
        assert f"{sku} ({title})" not in answer and not re.search(r"\b[A-Z]{3}-\d{4} \([A-Z]", answer), answer
    catalogue = _ask("What do shoppers moan about most?").answer  # the most complained-about products, named
    assert re.search(r"[a-z] \([A-Z]{3}-\d{4}\) \(\d+ negative reviews?\)", catalogue), catalogue
    assert not re.search(r"\b[A-Z]{3}-\d{4} \([A-Z]", catalogue), catalogue


def test_reviews_of_one_channel_are_read_for_what_they_say(tmp_path: Path) -> None:
    """"What do amazon reviewers complain about?" read every channel's reviews and said nothing of Amazon."""
    _ingest(tmp_path)
    channel = get_deps().warehouse.query(
        "SELECT review_id, channel FROM reviews WHERE tenant_id = @tenant_id", {"tenant_id": TENANT})
    on_amazon = set(channel.loc[channel["channel"] == "amazon", "review_id"])
    report = _ask("what do amazon reviewers complain about?")
    assert re.match(r"The top complaints about \d+ products on amazon \(\d+ reviews", report.answer), report.answer
    read = {r["review_id"] for r in _sentiment(report).data["reviews"]}
    assert read and read <= on_amazon
