"""Answers about one aspect of the reviews ("what are customers saying about shipping?") and about praise."""

from __future__ import annotations

from datetime import timedelta

import pandas as pd
import pytest

from shared.agents.answers import AgentAnswer
from shared.sentiment.analysis import AnalysisOptions, analyse_reviews
from shared.sentiment.mentions import find_mentions, resolve_aspect
from tests.unit.sentiment.reviews_fixture import AS_OF

#: (sku, days before AS_OF, rating, text): 10 of 16 reviews speak of delivery, 4 badly (3 of them recent).
_ROWS = [
    ("A", 5, 1, "Delivery was late by a week. The kettle itself is fine."),
    ("A", 8, 2, "It took forever to arrive and the tracking never updated."),
    ("A", 12, 1, "Courier lost it twice, terrible."),
    ("A", 200, 2, "Shipping was slow."),
    ("A", 15, 5, "Arrived quickly, two days. Great kettle."),
    ("B", 20, 5, "Fast delivery and well tracked."),
    ("B", 150, 4, "Shipped the same day, happy with it."),
    ("B", 160, 5, "Delivered on time and well made."),
    ("B", 170, 5, "Quick shipping, love the colour."),
    ("B", 180, 4, "Arrived early."),
    ("A", 30, 5, "Feels solid and well made."),
    ("A", 60, 4, "Great value for the price."),
    ("B", 90, 5, "Sturdy and durable, still going strong after months."),
    ("B", 100, 2, "Feels cheap and flimsy."),
    ("A", 110, 5, "Worth every penny."),
    ("B", 120, 4, "Easy to use and easy to clean."),
]


def _frame(rows: list[tuple[str, int, int, str]] = _ROWS) -> pd.DataFrame:
    return pd.DataFrame([{"review_id": f"r{i:02d}", "sku": sku, "date": AS_OF - timedelta(days=d), "rating": r,
                          "title": None, "text": text, "spam_score": 0.0, "spam_reasons": "[]"}
                         for i, (sku, d, r, text) in enumerate(rows)])


def _answer(frame: pd.DataFrame, ask: str, aspect: str | None = None, scoped: tuple[str, ...] = ()) -> AgentAnswer:
    result = analyse_reviews(frame, tenant_id="t", options=AnalysisOptions(
        as_of=AS_OF, asks=(ask,), scoped=scoped, aspect=aspect, decline_window_days=90,  # type: ignore[arg-type]
        period_start=AS_OF - timedelta(days=365)))
    (answer,) = [AgentAnswer.model_validate(a) for a in result.data["answers"]]
    return answer


@pytest.mark.parametrize("term", ["shipping", "delivery", "deliveries", "courier"])
def test_an_aspect_counts_the_reviews_that_mention_it_in_any_of_its_words(term: str) -> None:
    answer = _answer(_frame(), "aspect", term)
    assert answer.ask == "aspect"
    # 10 mention delivery ("took forever", "courier", "arrived", "shipped" ...); 4 of them speak badly of it
    assert answer.text.startswith(f"10 of 16 reviews of 2 products between {(AS_OF - timedelta(days=365))} and "
                                  f"{AS_OF} (62%) mention shipping/delivery: 40% of them negatively and 60% "
                                  "positively.")
    assert "\"Delivery was late by a week.\"" in answer.text or "Courier lost it twice" in answer.text
    assert "Most negative mentions: A (4)" in answer.text
    assert answer.rows[0][:4] == ["A", 5, 4, 1]


def test_a_change_in_the_recent_window_is_stated_when_both_sides_have_enough_mentions() -> None:
    rows = [*_ROWS, ("A", 3, 1, "Shipping was slow again."), ("B", 4, 2, "Delivery was late.")]
    answer = _answer(_frame(rows), "aspect", "shipping")
    # last 90 days: 7 mentions, 5 negative (71%); before: 5 mentions, 1 negative (20%)
    assert "In the last 90 days 71% of its 7 mentions are negative, up from 20% before." in answer.text


def test_an_aspect_nobody_mentions_is_said_plainly() -> None:
    answer = _answer(_frame(), "aspect", "battery")
    assert answer.text.startswith("None of the 16 reviews of 2 products between ")
    assert "mention battery and charging (no review uses words such as" in answer.text
    literal = _answer(_frame(), "aspect", "design")  # a word in no table: matched as itself
    assert literal.text.startswith("None of the 16 reviews") and "mention design." in literal.text


def test_an_aspect_of_one_product() -> None:
    answer = _answer(_frame(), "aspect", "shipping", scoped=("B",))
    assert answer.text.startswith("5 of 8 reviews of B between ") and "0% of them negatively" in answer.text


def test_the_scorer_aspect_decides_how_a_review_speaks_of_it() -> None:
    aspect = resolve_aspect("quality")
    assert aspect.scorer_aspect == "quality_durability" and {"flimsy", "broke", "sturdy"} <= aspect.words
    texts = ["Great value for the price but it broke after a week.", "Sturdy and well built.", "Nice colour."]
    found = find_mentions(aspect, texts, [{"price_value": 0.6, "quality_durability": -0.5}, {}, {}],
                          ["positive", "positive", "positive"])
    assert [(m.index, m.polarity) for m in found] == [(0, -1), (1, 1)]
    assert found[0].sentence == texts[0]


def test_praise_lists_what_reviews_speak_well_of() -> None:
    answer = _answer(_frame(), "praise")
    assert answer.ask == "praise" and answer.text.startswith("What customers like most about 2 products (16 reviews, ")
    themes = {r[0]: r[1] for r in answer.rows}
    assert themes["shipping/delivery"] >= 5 and themes["quality/durability"] >= 2
    worst = _answer(_frame([("A", 5, 1, "Broke on day one."), ("A", 6, 1, "Useless.")]), "praise")
    assert worst.text.startswith("No review of 1 product between ") and "praises a particular aspect" in worst.text


def test_a_complaint_quote_says_something_about_the_theme() -> None:
    from shared.sentiment.answers import complaint_themes

    # the first review names quality ("worn") only in a neutral sentence; the second says it plainly
    frame = pd.DataFrame({"review_id": ["r1", "r2"], "sku": ["A", "A"], "weight": [1.0, 1.0],
                          "text": ["Replaced my old scarf with this one. Terrible.", "Poor quality, it broke."],
                          "aspects": [{"quality_durability": -0.9}, {"quality_durability": -0.6}]})
    themes = complaint_themes(frame)
    assert themes.loc["quality_durability", "quote"] == "Poor quality, it broke."
    assert themes.loc["quality_durability", "quote_review_id"] == "r2"


def test_a_theme_whose_best_sentence_complains_is_no_praise() -> None:
    from shared.sentiment.answers import ScoredReviews, complaint_themes
    from shared.sentiment.aspect_answers import praise_answer

    frame = pd.DataFrame({"review_id": ["r1", "r2"], "sku": ["A", "A"], "weight": [1.0, 1.0],
                          "date": [AS_OF, AS_OF], "rating": [2, 5], "label": ["negative", "positive"],
                          "text": ["Difficult to clean, I do not recommend it.", "Sturdy and well made."],
                          "aspects": [{"usability": 0.4}, {"quality_durability": 0.8}]})
    assert "usability" in complaint_themes(frame, praise=True).index  # the scorer's sign, as it is
    answer = praise_answer(ScoredReviews(frame, AS_OF - timedelta(days=30), AS_OF), [])
    assert [r[0] for r in answer.rows] == ["quality/durability"]


def test_an_aspect_ask_without_its_word_is_answered_by_the_overview() -> None:
    answer = _answer(_frame(), "aspect", None)
    assert answer.ask == "aspect" and answer.text.startswith("16 reviews of 2 products between ")


def _with_spam() -> pd.DataFrame:
    """_ROWS plus a burst: four identical five-star texts for B from one author on one day."""
    spam = [{"review_id": f"s{i}", "sku": "B", "date": AS_OF - timedelta(days=3), "rating": 5, "title": None,
             "text": "Best product ever, buy it now, five stars from me", "spam_score": 0.0, "spam_reasons": "[]",
             "author": "promo-account"} for i in range(4)]
    return pd.concat([_frame().assign(author=[f"u{i}" for i in range(len(_ROWS))]), pd.DataFrame(spam)],
                     ignore_index=True)


def test_the_spam_answer_counts_the_suspected_reviews_and_gives_the_rating_without_them() -> None:
    frame = _with_spam()
    answer = _answer(frame, "spam")
    raw = frame["rating"].mean()
    adjusted = frame.loc[frame["review_id"].str.startswith("r"), "rating"].mean()
    assert answer.ask == "spam"
    assert answer.text.startswith(f"Without the reviews that look like spam (4 of 20 reviews of 2 products, 20.0%, "
                                  f"between {AS_OF - timedelta(days=365)} and {AS_OF}; 4 of them rated 4 or 5 "
                                  f"stars) the average rating is "
                                  f"{adjusted:.2f} instead of {raw:.2f}; reasons: ")
    assert "4 authors posting 3+ reviews in a day" in answer.text
    assert "most affected: B (4 of 12 suspected" in answer.text
    assert sorted(r[0] for r in answer.rows) == ["s0", "s1", "s2", "s3"]


def test_reviews_with_nothing_suspicious_are_said_to_be_clean() -> None:
    answer = _answer(_frame(), "spam")
    assert answer.text.startswith("None of the 16 reviews of 2 products")
    assert answer.rows == []


def test_complaints_about_one_aspect_count_the_reviews_that_speak_badly_of_it() -> None:
    """"Any complaints about delivery?" answered with every delivery mention (10), of which 4 are complaints."""
    answer = _answer(_frame(), "complaints", "delivery")
    assert answer.ask == "complaints"
    assert answer.text.startswith(f"4 of 16 reviews of 2 products between {(AS_OF - timedelta(days=365))} and "
                                  f"{AS_OF} (25%) complain about shipping/delivery (40% of the 10 that mention it).")
    assert "Fast delivery" not in answer.text  # the worst quote only


def test_praise_of_one_aspect_counts_the_reviews_that_speak_well_of_it() -> None:
    answer = _answer(_frame(), "praise", "delivery")
    assert answer.ask == "praise"
    assert "(38%) praise shipping/delivery (60% of the 10 that mention it)." in answer.text


def test_a_theme_is_named_by_what_its_sentence_is_about() -> None:
    """Praise of packaging quoted "Works well straight out of the box."; price complaints quoted "Feels cheap and
    flimsy."; customer service complaints "My cat refused to eat it."."""
    from shared.sentiment.scorer import score_text

    assert set(score_text("Works well straight out of the box.").aspects) == {"usability"}
    assert set(score_text("Nicely packaged, the box was intact.").aspects) == {"packaging"}
    assert "customer_service" not in score_text("My cat refused to eat it.").aspects
    price = resolve_aspect("price")
    assert not price.mentioned_in(["feels", "cheap", "and", "flimsy"])
    assert price.mentioned_in(["cheap", "for", "the", "price"])
    packaging = resolve_aspect("packaging")
    assert not packaging.mentioned_in(["works", "well", "out", "of", "the", "box"])
    assert packaging.mentioned_in(["the", "box", "was", "crushed"])


def _portuguese() -> pd.DataFrame:
    """Olist's shape: Portuguese comments, most reviews without one, the stars saying what the words cannot."""
    rows = [("A", 5 + i, 1, "Não recebi o produto, péssimo atendimento.") for i in range(4)]
    rows += [("B", 30 + i, 5, "Produto muito bom, chegou antes do prazo.") for i in range(4)]
    rows += [("B", 60 + i, 5, "") for i in range(6)] + [("A", 90, 2, "")]
    return _frame(rows)


@pytest.mark.parametrize(("ask", "aspect", "start"), [
    ("complaints", None, "No complaint can be read from the 15 reviews"),
    ("praise", None, "No praise can be read from the 15 reviews"),
    ("aspect", "delivery", "What the 15 reviews"),
    ("complaints", "delivery", "What the 15 reviews"),
])
def test_reviews_whose_words_cannot_be_read_are_not_said_to_hold_no_complaints(ask: str, aspect: str | None,
                                                                              start: str) -> None:
    """Olist's Portuguese or empty comments were answered "No complaints in 1365 reviews" and "none mention
    delivery"."""
    answer = _answer(_portuguese(), ask, aspect)
    assert answer.text.startswith(start) and not answer.answered
    assert "none of the 15 reviews has English text to read (7 have no text and 8 are in another language" \
        in answer.text
    if ask == "complaints":
        assert "5 of 15 rated reviews are negative (1-2 stars), most on A (5)" in answer.text


def test_english_reviews_are_read_as_before() -> None:
    answer = _answer(_frame(), "complaints")
    assert answer.text.startswith("The top complaints about") and "English text" not in answer.text


def test_battery_complaints_however_phrased_are_one_recurring_complaint() -> None:
    """"Battery drains fast" read as praise ("fast") and stood outside the battery theme."""
    texts = ["The battery died after a week.", "Won't hold a charge anymore.", "Drains overnight even when off.",
             "Battery drains fast, really disappointed.", "Does not hold a charge at all.",
             "Strap broke on day two.", "The strap snapped after a month.", "Love it, great sound."]
    frame = _frame([("W", 3 * i, 1 if i % 8 < 7 else 5, t) for i, t in enumerate(texts * 2)])
    answer = _answer(frame, "complaints")
    recurring = answer.text.split("Recurring complaints, however phrased: ")[1]
    assert "(10 reviews" in recurring.split(" and ")[0], answer.text  # every battery phrasing, one theme


def test_a_past_tense_mentions_its_concept() -> None:
    """"The coffee tasted stale" did not mention taste, so "complaints about taste?" counted none of them."""
    assert resolve_aspect("taste").mentioned_in(["the", "coffee", "tasted", "stale"])
    assert resolve_aspect("price").mentioned_in(["fairly", "priced"])
    assert not resolve_aspect("taste").mentioned_in(["fast", "delivery"])


def test_the_reason_for_returns_is_what_the_returning_reviews_complain_of() -> None:
    """"Most common reason for returns" said how many reviews mention a return, not why."""
    rows = [("A", 5 + i, 1, "It broke after two weeks. I returned it for a refund.") for i in range(3)]
    rows += [("B", 20, 2, "Delivery was late by a week, so I sent it back and asked for a refund."),
             ("B", 30, 5, "Great value for the price.")]
    answer = _answer(_frame(rows), "complaints", "returns")
    assert answer.text.startswith("The most common complaint in the 4 reviews between"), answer.text
    assert "that report a return or refund is quality/durability (3 reviews" in answer.text
    assert "customer service" not in answer.text.split(".")[0]  # "refund" itself is no reason
