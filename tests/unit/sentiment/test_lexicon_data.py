"""The lexicon lives in data files; scores are exactly those of the code-literal lexicon it replaced."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.sentiment.lexicon import DATA_DIR, build_lexicon, domain_phrases, domain_words, load_lexicon, operators
from shared.sentiment.scorer import score_text
from shared.sentiment.topics import COMPLAINT_FAMILY, STOPWORDS

GOLDEN = json.loads((Path(__file__).parent / "data" / "lexicon_golden.json").read_text(encoding="utf-8"))


def test_golden_file_was_written_by_the_code_literal_lexicon() -> None:
    assert "before the lexicon moved" in GOLDEN["provenance"] and len(GOLDEN["cases"]) >= 200


@pytest.mark.parametrize("case", GOLDEN["cases"], ids=lambda c: c["text"][:40])
def test_scores_are_unchanged(case: dict) -> None:
    got = score_text(case["text"])
    assert got.score == pytest.approx(case["score"], abs=1e-12)
    assert got.evidence == case["evidence"]
    assert got.aspects == pytest.approx(case["aspects"], abs=1e-12)
    assert [[t, pytest.approx(v, abs=1e-12)] for t, v in got.terms] == case["terms"]


def test_lexicon_sizes_are_unchanged() -> None:
    lex, bare = load_lexicon(), build_lexicon(domain=False)
    sizes = {"words": len(lex.words), "phrases": lex.phrase_count(), "boosters": len(lex.boosters),
             "negators": len(lex.negators), "words_without_domain": len(bare.words),
             "phrases_without_domain": bare.phrase_count()}
    assert sizes == GOLDEN["sizes"]


def test_data_files_carry_provenance_and_load_once() -> None:
    for name in ("domain_lexicon.json", "operators.json", "complaint_families.json"):
        assert json.loads((DATA_DIR / name).read_text(encoding="utf-8"))["about"]
    assert domain_words() is domain_words() and operators() is operators()
    assert domain_phrases()["stopped working"] < 0 < domain_words()["sturdy"]
    assert COMPLAINT_FAMILY["won't work"] == "stopped working" and "the" in STOPWORDS


def test_domain_valences_stay_on_the_vader_scale() -> None:
    for table in (domain_words(), domain_phrases(), operators().boosters_added):
        assert all(-4.0 <= v <= 4.0 for v in table.values())


@pytest.mark.parametrize("function", ["sentiment", "sentiment_job"])
def test_the_function_bundles_ship_the_data_files(function: str) -> None:
    from bundling.build import members

    repo = Path(__file__).resolve().parents[3]
    files, _, _ = members(function, repo, repo / "requirements.lock")
    names = {name for name, _ in files}
    shipped = {f"shared/sentiment/data/{p.name}" for p in DATA_DIR.glob("*.json")}
    assert len(shipped) >= 3 and shipped <= names
