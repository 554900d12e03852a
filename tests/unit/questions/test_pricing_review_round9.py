"""Readings and answers of the ninth pricing/review round (#18), each a family of wordings that shares one rule."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from shared.pricing.market_answers import ours_cheapest_answer
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.round_stores import read

# --- markup stays markup: what a unit earns over its cost, not the total gross margin ---


@pytest.mark.parametrize(
    "question", ["what's our markup on KIT-0001?", "markup on the desk lamp", "mark-up for the frying pan?"]
)
def test_markup_on_a_product_is_its_unit_markup(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["markup"] and len(r.skus) == 1


# --- how many products are we the dearest seller of: the other end of "the cheapest on" ---


@pytest.mark.parametrize(
    "question",
    [
        "how many items are we the priciest seller of?",
        "on how many SKUs are we the most expensive seller?",
        "count the products where nobody charges more than us",
    ],
)
def test_a_count_of_ours_dearest_is_asked(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "agent" and r.asks == ["ours_dearest"]


def test_ours_dearest_counts_products_at_or_above_every_competitor() -> None:
    obs = pd.DataFrame(
        [
            {"sku": s, "competitor": c, "date": pd.Timestamp(d), "competitor_price": p, "our_price": o}
            for s, c, d, p, o in (
                ("A", "MegaMart", "2026-12-01", 31.0, 33.0),
                ("B", "MegaMart", "2026-12-01", 50.0, 49.0),
                ("B", "ShopRival", "2026-12-02", 47.0, 49.0),
            )
        ]
    )
    out = ours_cheapest_answer(obs, today=date(2026, 12, 4), start=None, dearest=True)
    assert out.ask == "ours_dearest" and out.text.startswith("We are the dearest seller on 1 of 2 products")


# --- the cheapest seller of one product, asked as where it can be bought, or what rivals charge at the lowest ---


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("what do rivals charge at the lowest for the desk lamp?", "cheapest_competitor"),
        ("where can the desk lamp be bought for the least?", "cheapest_competitor"),
        ("where could I get the frying pan for the lowest price?", "cheapest_competitor"),
    ],
)
def test_the_lowest_seller_of_one_product(store: VocabularyIndex, question: str, ask: str) -> None:
    r = read(store, question)
    assert r.asks == [ask] and len(r.skus) == 1


# --- our own price changes: "touch" the price, "our latest price change" as a noun ---


@pytest.mark.parametrize(
    "question",
    [
        "when did we last touch the price of the desk lamp?",
        "give me the date of our latest price change on the desk lamp",
        "what was our last price update for the frying pan?",
    ],
)
def test_our_latest_price_change_is_our_price_history(store: VocabularyIndex, question: str) -> None:
    assert read(store, question).asks == ["price_history"]


# --- competitors: who has been cutting (ranked by the cuts), who has run dry, demand's response to price ---


def test_who_has_been_cutting_prices_ranks_the_cuts() -> None:
    from shared.questions.market import moves_order

    assert moves_order("who has been slashing prices over the past 30 days?") == "down"
    assert moves_order("who has been raising prices lately?") == "up"
    assert moves_order("did anyone drop prices this week?") is None  # a yes/no: no ranking


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("tell me where rivals have run dry", "competitor_stock"),
        ("which competitors sold out of the desk lamp?", "competitor_stock"),
        ("how responsive is Outdoor demand to price?", "elasticity"),
        ("how reactive are buyers to our prices on the desk lamp?", "elasticity"),
        ("bottom line: how far below us is MegaMart on price?", "versus_competitor"),
    ],
)
def test_competitor_words_of_this_round(store: VocabularyIndex, question: str, ask: str) -> None:
    assert read(store, question).asks == [ask]


def test_bottom_line_alone_is_still_the_accounts() -> None:
    from shared.questions.chatter import without_chatter

    assert without_chatter("bottom line: what's our net profit?") == "what's our net profit?"
    assert without_chatter("what's our bottom line this year?") == "what's our bottom line this year?"


def test_a_price_named_as_a_noun_is_the_what_ifs_target() -> None:
    from shared.orchestration.router import route

    assert route("simulate a price of $40 on SKU-7").entities.price_target == 40.0
    assert route("what if we try a new price of $12.50 for SKU-7?").entities.price_target == 12.5


# --- reviews shown as quotes: "quotes", "verbatims", "share" as a verb of showing ---


@pytest.mark.parametrize(
    ("question", "listing"),
    [
        ("share quotes from unhappy customers of the desk lamp", "negative"),
        ("can you share some glowing feedback?", "positive"),
        ("verbatims from angry desk lamp buyers", "negative"),
        ("share a few customer quotes about the desk lamp", "latest"),
        ("pull a couple of quotes from 5-star reviews of the desk lamp", "latest"),
    ],
)
def test_quotes_and_verbatims_are_reviews_shown(question: str, listing: str) -> None:
    from shared.questions.reviews import read_review_question

    found = read_review_question(question)
    assert found is not None and found.listing == listing


@pytest.mark.parametrize("question", ["what share of reviews are negative?", "share of 1-star reviews"])
def test_a_share_of_reviews_is_no_listing(question: str) -> None:
    from shared.questions.reviews import read_review_question

    found = read_review_question(question)
    assert found is None or found.listing is None


# --- a rating trending up or down: which way it moved, recent against before, not a chart by month ---


@pytest.mark.parametrize(
    "question",
    [
        "is the desk lamp's rating trending down?",
        "rating trajectory for the desk lamp lately",
        "are our reviews trending up or down overall?",
    ],
)
def test_a_rating_trending_is_its_change(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "metric" and r.query is not None
    assert "date" not in r.query.dimensions and r.query.compare == "previous_period"
    assert r.query.time_range is not None and r.query.time_range.days < 200  # "overall": no all-time range


def test_a_rating_by_month_named_keeps_the_chart(store: VocabularyIndex) -> None:
    r = read(store, "average rating month by month over the last 6 months")
    assert r.query is not None and "date" in r.query.dimensions


# --- the rating with the fakes stripped out, compliments, a star histogram, A stacked up against B ---


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("what's the desk lamp's star rating once the fakes are stripped out?", "spam"),
        ("genuine-only rating for the desk lamp", "spam"),
        ("what's the number one compliment for the desk lamp?", "praise"),
    ],
)
def test_review_asks_of_this_round(question: str, ask: str) -> None:
    from shared.questions.reviews import read_review_question

    found = read_review_question(question)
    assert found is not None and found.ask == ask


def test_histograms_and_stacking_up_are_written_in_the_readers_words() -> None:
    from shared.questions.review_idioms import review_idioms

    assert review_idioms("histogram of ratings for Kitchen") == "star rating breakdown for Kitchen"
    assert review_idioms("how does the lamp stack up against the pan in reviews?") == (
        "compare the average rating of the lamp and the pan?"
    )


# --- a name the catalogue lacks, partly matching one it has; several forms of a word searched as typed ---


@pytest.mark.parametrize(
    ("question", "name"),
    [("the lamp shade's reviews", "lamp shade"), ("the frying pan lid's reviews", "frying pan lid")],
)
def test_a_name_partly_known_is_said_with_the_closest(store: VocabularyIndex, question: str, name: str) -> None:
    r = read(store, question)
    assert r.kind == "unanswerable" and r.unknown_name == name and r.suggestions


def test_the_closest_titles_share_a_word_when_none_is_alike() -> None:
    from shared.questions.vocabulary import ProductName, Vocabulary

    products = [
        ProductName(sku="HOM-1", title="Trailhead Ultra Desk Lamp", brand="Trailhead", category="Home"),
        ProductName(sku="HOM-2", title="Kestrel Eco Storage Box Large", brand="Kestrel", category="Home"),
    ]
    index = VocabularyIndex(Vocabulary(tenant_id="t", products=products, skus=["HOM-1", "HOM-2"]))
    assert index.closest_titles("lamp shade") == ["Trailhead Ultra Desk Lamp"]  # no title is alike as a whole


@pytest.mark.parametrize(
    ("question", "term"),
    [
        ("how many reviews mention flimsy/flimsier?", '"flimsy/flimsier"'),
        ("reviews that say flimsy or wobbly", '"flimsy/wobbly"'),
    ],
)
def test_several_words_typed_are_searched_even_when_one_names_a_topic(question: str, term: str) -> None:
    from shared.questions.reviews import read_review_question

    found = read_review_question(question)
    assert found is not None and found.aspect == term


# --- "is the kettle competitive? >> how many dollars is that?": the gap just given, in money ---


def _position_turn(sku: str, intents: list[str], asks: list[str]) -> dict[str, object]:
    return {"question": "is it competitive?", "plan": {"intents": intents, "asks": asks, "entities": {"skus": [sku]}}}


def test_money_after_a_products_position_is_its_gap_in_money(store: VocabularyIndex) -> None:
    from shared.orchestration.brief import brief_report
    from shared.orchestration.descriptive import _read

    previous = _position_turn("ELE-0001", ["overview"], [])
    assert (
        brief_report("how many dollars is that?", previous, mode="quick", data_version=1, currency=lambda: "USD")
        is None
    )  # not "the figures are already in USD"
    out = _read(store, "t", "how many dollars is that?", as_of=None, previous=previous, llm=None, timeout_seconds=0)
    assert out.reading.skus == ["ELE-0001"] and out.reading.gap_reference == "median"


@pytest.mark.parametrize(
    "previous",
    [None, _position_turn("ELE-0001", ["sentiment"], []), _position_turn("ELE-0001", ["pricing"], ["what_if"])],
)
def test_in_dollars_without_a_position_before_is_the_currency(previous: dict[str, object] | None) -> None:
    from shared.orchestration.brief import brief_report

    report = brief_report("how many dollars is that?", previous, mode="quick", data_version=1, currency=lambda: "USD")
    assert report is not None and "already in USD" in report.answer


@pytest.mark.parametrize(
    "question", ["star distribution of the desk lamp's reviews", "revs for the desk lamp recently"]
)
def test_a_possessive_or_a_time_after_a_known_name_is_no_unknown_name(store: VocabularyIndex, question: str) -> None:
    assert read(store, question).kind != "unanswerable"


# --- found by the held-out sets (fixed after they were measured) ---


@pytest.mark.parametrize(
    ("question", "ask"),
    [
        ("date of the most recent price change for the desk lamp", "price_history"),
        ("who's out of stock on the desk lamp?", "competitor_stock"),
        ("what margin do we earn on each desk lamp we sell?", "markup"),
        ("in how many products is our price the highest in the market?", "ours_dearest"),
        ("in how many products is our price the lowest?", "ours_cheapest"),
    ],
)
def test_held_out_pricing_wordings(store: VocabularyIndex, question: str, ask: str) -> None:
    assert read(store, question).asks == [ask]


def test_a_price_going_up_or_a_dollar_price_is_a_what_if() -> None:
    from shared.orchestration.router import route
    from shared.questions.market import price_change

    assert price_change("what happens to SKU-7 sales if we go up 7%?") == 7.0
    assert price_change("what if SKU-7 goes down 5%?") == -5.0
    assert route("what happens to SKU-7 sales if we go up 7%?").entities.price_change_pct == 7.0
    assert route("model a $30 price on SKU-7").entities.price_target == 30.0


@pytest.mark.parametrize(
    "question",
    ["desk lamp vs frying pan - which rates higher?", "are Kitchen products better reviewed than Apparel?"],
)
def test_rates_higher_and_better_reviewed_compare_ratings(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.query is not None and r.query.metrics[0] == "avg_rating"


def test_ratings_spread_is_the_star_breakdown() -> None:
    from shared.questions.review_idioms import review_idioms

    assert "star rating breakdown" in review_idioms("how are ratings spread for Outdoor?")


@pytest.mark.parametrize("question", ["what % of our reviews did we answer?", "which reviews did we reply to?"])
def test_replies_asked_after_the_reviews_are_said_to_be_missing(store: VocabularyIndex, question: str) -> None:
    r = read(store, question)
    assert r.kind == "unanswerable" and r.concept == "replies to reviews"  # not a product called "reviews"
