"""A question's themes end by their deadline, and a clause is read once.

On a loaded machine the themes took half of an overview answer's time and ran past the sentiment agent's deadline
(an overview question timed out at the 8 s budget). Past ``AnalysisOptions.themes_by`` no more reviews are read
for themes (the newest are read first) and no phrase is embedded; the answer says so.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from shared.sentiment import analysis, themes
from shared.sentiment.analysis import AnalysisOptions, analyse_reviews

from .theme_fixture import AS_OF, theme_reviews


def _themes(themes_by: float | None) -> dict[str, Any]:
    options = AnalysisOptions(as_of=AS_OF, asks=("complaints",), themes_by=themes_by)
    result = analyse_reviews(theme_reviews(), tenant_id="t1", options=options)
    data = result.data["themes"]
    assert isinstance(data, dict)
    return data


def test_past_the_deadline_the_themes_read_the_newest_reviews_and_say_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "THEME_CHUNK", 10)
    n = len(theme_reviews())
    late = _themes(time.perf_counter() - 1.0)
    assert f"themes read from the 10 most recent of {n} reviews (the answer's deadline)" in late["notes"]
    assert late["phrases"] < _themes(None)["phrases"]


def test_within_the_deadline_the_themes_are_those_of_no_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(analysis, "THEME_CHUNK", 10)  # read in chunks, kept in the reviews' order
    assert _themes(time.perf_counter() + 3600.0) == _themes(None)


def test_a_clause_repeated_across_reviews_is_scored_once(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    score = themes.score_text

    def counting(text: str) -> object:
        calls.append(text)
        return score(text)

    themes._read_clause.cache_clear()
    monkeypatch.setattr(themes, "score_text", counting)
    reviews = theme_reviews()
    clauses = [c for text in reviews["text"] for c in themes._CLAUSE.split(text)]
    analyse_reviews(reviews, tenant_id="t1", options=AnalysisOptions(as_of=AS_OF, asks=("complaints",)))
    analyse_reviews(reviews, tenant_id="t1", options=AnalysisOptions(as_of=AS_OF, asks=("complaints",)))
    assert len(calls) == len(set(calls)) and len(calls) < len(set(clauses))
    themes._read_clause.cache_clear()
