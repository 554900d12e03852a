"""Review questions in new words through the real query path on the embedded backend, checked on the stored rows (#18).

The sample merchant (seed 23, 40 SKUs) is ingested through the upload path; each answer's first sentence is checked
against pandas over the stored review rows: two categories compared are compared as categories, a category asked
about is named, a star share is of the rated reviews.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pandas as pd

from shared.deps import get_deps
from shared.ingest.client import ingest_path
from shared.orchestration.client import ask
from shared.sample.merchant import generate_merchant, write_merchant

TENANT = "shop"
ENDED = date(2026, 6, 30)


def _ingest(tmp: Path) -> None:
    merchant = generate_merchant(seed=23, n_skus=40, end=ENDED, days=500)
    for sample in write_merchant(merchant, tmp / "sample"):
        assert ingest_path(get_deps(), sample.path, TENANT, sample.kind.value).status == "processed"


def _first(question: str) -> str:
    report = ask(get_deps(), question, tenant=TENANT, use_cache=False).report
    assert report is not None and report.answer, question
    return re.split(r"(?<=[a-z0-9)%])\. (?=[A-Z])", report.answer, maxsplit=1)[0]


def _stored() -> pd.DataFrame:
    return get_deps().warehouse.query(
        "SELECT r.review_id, r.rating, p.category FROM reviews r LEFT JOIN products p "
        "ON p.tenant_id = r.tenant_id AND p.sku = r.sku WHERE r.tenant_id = @tenant_id", {"tenant_id": TENANT})


def test_review_phrasings_of_the_round_on_the_stored_rows(tmp_path: Path) -> None:
    _ingest(tmp_path)
    rows = _stored()
    means = rows.dropna(subset=["rating"]).groupby("category")["rating"].mean()
    compared = _first("do Kitchen products get better reviews than Apparel?")
    assert "by category" in compared, compared
    for cat in ("Kitchen", "Apparel"):
        assert f"{cat} ({means[cat]:.2f} out of 5)" in compared, compared
    named = _first("revews for kitchn")
    assert "Kitchen products" in named, named
    rated = rows["rating"].dropna()
    five = _first("what % of reviews are 5 stars?")
    assert f"{100 * float((rated == 5).mean()):.1f}% of rated reviews" in five, five
    versus = _first("Home vs Outdoor reviews")
    assert versus.startswith("Average rating in the Home and Outdoor categories"), versus
