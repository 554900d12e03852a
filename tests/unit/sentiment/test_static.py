"""The fast mode's E5-distilled word-polarity table: features, folding into the fast head, shipping."""

from __future__ import annotations

import numpy as np
import pytest

from bundling.build import members
from shared.manifest import REPO_ROOT
from shared.sentiment import static
from shared.sentiment.fast import DENSE_FEATURES, fit_fast_head, load_fast_head, marked_tokens
from shared.sentiment.head import fit_logistic
from shared.sentiment.lexicon import load_lexicon
from shared.sentiment.static import FEATURES, build_table, load_table, sif_weights


def _toy() -> static.PolarityTable:
    # zipf 3 = rare (SIF weight ~1), 7 = very frequent ("the": weight ~0.01)
    return build_table(["good", "bad", "the", "meal"], np.array([3.0, 3.0, 7.0, 3.0]), np.array([2.0, -3.0, 0.5, 0.0]))


def test_features_split_negation_scope_and_skip_unknown_words() -> None:
    table = _toy()
    negators = load_lexicon().negators
    rows = table.features([marked_tokens(t, negators) for t in ("the meal was good", "not good", "zzz qqq")])
    plain = dict(zip(FEATURES, rows[0], strict=True))
    # "was" is not in the table; "the" is nearly weightless, so the mean sits near (2 + 0) / 2
    assert plain["e5_mean"] == pytest.approx(1.0, abs=0.02)
    assert (plain["e5_min"], plain["e5_max"]) == (0.0, 2.0)
    assert plain["e5_not_mean"] == plain["e5_not_min"] == plain["e5_not_max"] == 0.0
    negated = dict(zip(FEATURES, rows[1], strict=True))
    assert negated["e5_mean"] == 0.0 and negated["e5_not_mean"] == pytest.approx(2.0)
    assert not rows[2].any()


def test_sif_weights_fall_with_frequency() -> None:
    w = sif_weights(np.array([1.0, 4.0, 7.0]))
    assert w[0] > 0.99 and w[0] > w[1] > w[2] and w[2] < 0.01


def test_fast_head_is_ngram_stage_plus_blended_dense_stage_folded() -> None:
    texts = ["good meal", "bad meal", "the meal was good", "the meal was bad", "good", "bad", "not bad", "not good"] * 3
    y = np.array([1, 0, 1, 0, 1, 0, 1, 0] * 3)
    table = _toy()
    lex = load_lexicon()
    first = fit_fast_head(texts, y, min_count=1, l2=1.0)
    both = fit_fast_head(texts, y, min_count=1, l2=1.0, table=table, dense_l2=1.0, blend=0.5)
    assert first.dense_weights.shape == (3,) and both.dense_weights.shape == (len(DENSE_FEATURES),)
    assert both.ngram_weights == first.ngram_weights
    from shared.sentiment.fast import all_dense_features

    dense = all_dense_features(texts, [marked_tokens(t, lex.negators) for t in texts], lex, table)
    second = fit_logistic(dense, y, 1.0)
    expected = first.margin(texts) + 0.5 * second.margin(dense)
    assert np.allclose(both.margin(texts, table=table), expected)


def test_committed_table_loads_offline_and_reads_unseen_words() -> None:
    table = load_table()
    assert len(table) > 40_000 and "CC BY-SA" in table.provenance["licence"]
    polarity = {w: table.polarity_of(w) or 0.0 for w in ("excellent", "delicious", "terrible", "unresponsive")}
    assert min(polarity["excellent"], polarity["delicious"]) > 0 > max(polarity["terrible"], polarity["unresponsive"])
    head = load_fast_head()
    assert head.uses_table and head.provenance["static_blend"] > 0
    # words no training n-gram and no lexicon entry carries still move the fast margin the right way
    lex = load_lexicon()
    for word, sign in (("commendable", 1), ("marvellous", 1), ("unhelpful", -1), ("malfunctioning", -1)):
        assert word not in head.ngram_weights and word not in lex.words
        assert np.sign(table.polarity_of(word) or 0.0) == sign
        with_word, without = head.margin([f"the {word} food"]), head.margin(["the food"])
        assert np.sign(with_word[0] - without[0]) == sign


def test_batch_scoring_reuses_the_rule_pass_with_identical_fast_scores() -> None:
    from shared.sentiment.scoring import score_reviews

    texts = ["Not bad at all, the staff was commendable.", "It stopped working, unhelpful support!", "", "meh"]
    batch = score_reviews(texts, method="fast")
    alone = 2.0 * load_fast_head().probability(texts) - 1.0  # the head's own rule pass
    assert np.allclose(batch.text_score, alone) and batch.method == "fast"


def test_sentiment_bundle_ships_the_table_and_heads() -> None:
    files, _, _ = members("sentiment", REPO_ROOT, REPO_ROOT / "requirements.lock")
    names = {name for name, _ in files}
    for model in ("static_e5.npz", "static_e5.json", "fast_ngram.json", "e5_logistic.json"):
        assert f"shared/sentiment/models/{model}" in names
    assert "shared/sentiment/static.py" in names
