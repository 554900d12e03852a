"""How long reviews are: words per review, a metric of the reviews (not the size/fit topic "length" names)."""

from __future__ import annotations

import sqlite3

import duckdb
import pytest

from shared.questions.reading import read_question
from shared.store.metrics.compile import compile_metric_query
from shared.store.metrics.model import MetricQuery
from tests.unit.questions.test_tenth_phrasings import sample_like_store
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


@pytest.mark.parametrize("question", ["average words per review", "what's the average review length?",
                                      "how long are our reviews on average?"])
def test_review_length_is_words_per_review(question: str) -> None:
    r = read_question(question, tenant_id="t", index=sample_like_store(), extents=DEC_EXTENTS)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "review_words", r


ROWS = [("t", 5, "great kettle  works well"), ("t", 1, "broke\nin a week "), ("t", 3, None), ("u", 4, "a b c")]


@pytest.mark.parametrize("dialect", ["duckdb", "sqlite"])
def test_words_per_review_counts_each_reviews_words_and_none_without_text(dialect: str) -> None:
    """(4 + 4 + 0) / 3 reviews: a line break separates words, a review without text has none. The double space of
    the first text is one gap too many (5 words counted): plain SQL every backend runs (see ``_review_words``)."""
    select, _ = compile_metric_query(MetricQuery(tenant_id="t", metrics=["review_words"]))
    con = duckdb.connect() if dialect == "duckdb" else sqlite3.connect(":memory:")
    con.execute("create table reviews(tenant_id varchar, rating int, text varchar)")
    con.executemany("insert into reviews values (?, ?, ?)", ROWS)
    sql = select.sql(dialect)
    params = {"tenant": "t", "row_limit": 10}
    value = con.execute(sql, params).fetchall()[0][0]
    assert value == pytest.approx((5 + 4 + 0) / 3)
