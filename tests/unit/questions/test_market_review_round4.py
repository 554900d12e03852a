"""The fourth round of pricing and review phrasings (``bench/pricing_phrasings_6.py``, ``bench/review_phrasings_3.py``)
and the public review sets' questions (#18).

Each test is a family of wordings that shares one rule: a rating that is "improving" is a change over time, a
review set's reviewed businesses are its products, noise and cleanliness are complaint themes.
"""

from __future__ import annotations

from datetime import date

import pytest

from shared.pricing.analysis import PricingInputs, analyse
from shared.pricing.answers import pricing_answers
from shared.pricing.options import PricingOptions
from shared.pricing.unavailable import no_competitor_prices
from shared.questions.market import read_market
from shared.questions.reading import Reading, read_question
from shared.questions.review_idioms import review_idioms
from shared.questions.reviews import review_listing, star_levels
from shared.questions.shorthand import expand_shorthand
from shared.questions.spelled import spelled_numbers
from shared.questions.vocabulary import VocabularyIndex
from shared.sentiment.scorer import score_text
from tests.unit.pricing.test_answers import _obs
from tests.unit.questions.conftest import EXTENTS


def read(shop: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)


# --- "is our rating improving?": the rating named is still a change over time, not the all-time level ---

@pytest.mark.parametrize("question", [
    "Is our rating improving?",
    "is our average rating getting better?",
    "are our star ratings getting worse?",
    "is the rating recovering?",
])
def test_a_rating_that_moves_compares_the_recent_reviews_with_those_before(shop: VocabularyIndex,
                                                                           question: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert r.query.compare == "previous_period" and r.query.time_range is not None
    assert r.query.time_range.start == date(2025, 3, 18)  # the last 90 days to the reviews' last day


@pytest.mark.parametrize("question", ["what is our average rating?", "how did our rating change month by month",
                                      "rating this year vs last year"])
def test_a_rating_level_or_breakdown_is_no_change_of_sentiment(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.query is not None and not (r.query.compare == "previous_period" and r.query.time_range is not None
                                        and r.query.time_range.start == date(2025, 3, 18))


# --- "which business has the worst reviews?": the reviewed businesses of a Yelp-like set are its products ---

@pytest.mark.parametrize(("question", "written"), [
    ("Which business has the worst reviews?", "Which product has the worst reviews?"),
    ("which restaurants are rated highest", "which product are rated highest"),
    ("what hotel gets the best star ratings?", "what product gets the best star ratings?"),
    ("how is business this month?", "how is business this month?"),  # no reviews asked about: left as typed
    ("which restaurant sells most?", "which restaurant sells most?"),
])
def test_a_reviewed_business_is_the_product_ranked(question: str, written: str) -> None:
    assert review_idioms(question) == written


def test_which_business_has_the_worst_reviews_ranks_the_products(shop: VocabularyIndex) -> None:
    r = read(shop, "Which business has the worst reviews?")
    assert r.query is not None and r.query.metrics[0] == "avg_rating" and r.query.dimensions == ["sku"]


# --- a hotel's noise and dirt are complaint themes, as an appliance's noise is ---

@pytest.mark.parametrize(("text", "aspect"), [
    ("very noisy at night, we could not sleep.", "noise"),
    ("Thin walls, loud neighbours until 2am.", "noise"),
    ("The blender is really loud.", "noise"),
    ("The room was dirty and the bathroom smelled.", "cleanliness"),
    ("Stained sheets and dusty carpet.", "cleanliness"),
])
def test_noise_and_dirt_are_aspects_spoken_of_negatively(text: str, aspect: str) -> None:
    scored = score_text(text)
    assert scored.aspects.get(aspect, 0.0) < 0, scored.aspects


def test_easy_to_clean_is_still_about_use_not_cleanliness() -> None:
    assert "cleanliness" not in score_text("Easy to use and easy to clean.").aspects


# --- numbers written out: a percentage, a half star and a long window read in digits ---

@pytest.mark.parametrize(("question", "written"), [
    ("products more than ten percent above the market?", "products more than 10% above the market?"),
    ("raise X by twenty-five per cent", "raise X by 25%"),
    ("products with an average under three and a half stars", "products with an average under 3.5 stars"),
    ("one-star reviews in the last thirty days", "one-star reviews in the last 30 days"),
    ("reviews in the last three days", "reviews in the last three days"),  # the time reader knows one to twelve
    ("sales of the Ten Piece Set", "sales of the Ten Piece Set"),  # no unit after it: a title's word
])
def test_numbers_in_words_are_read_in_digits_before_their_unit(question: str, written: str) -> None:
    assert spelled_numbers(question) == written


@pytest.mark.parametrize(("question", "word"), [
    ("which items r we pricier than evry1 else on", "everyone"), ("whos cheapest most of the time", "who's"),
    ("shld i lower the price of X", "should"),
])
def test_phone_shorthand_is_written_out(question: str, word: str) -> None:
    assert word in expand_shorthand(question)


def test_a_threshold_of_ten_percent_in_words_is_the_gap_asked(shop: VocabularyIndex) -> None:
    r = read(shop, "which products are more than ten percent above the market?")
    assert r.asks == ["overpriced"] and r.gap_over_pct == 10.0


def test_an_average_rating_threshold_keeps_its_fraction(shop: VocabularyIndex) -> None:
    r = read(shop, "products with an average under three and a half stars")
    assert r.query is not None and r.query.metrics[0] == "avg_rating" and r.threshold == ("below", 3.5)


# --- negations: the products NOT above (below) the market ---

@pytest.mark.parametrize(("question", "ask", "negated"), [
    ("which products are NOT priced above the market?", "overpriced", True),
    ("which items are we not overpriced on?", "overpriced", True),
    ("how many products aren't cheaper than the competition?", "underpriced", True),
    ("which skus are not more than 10% above competitors?", "overpriced", True),
    ("which products are priced above the market?", "overpriced", False),
])
def test_a_negated_side_of_the_market_is_read(question: str, ask: str, negated: bool) -> None:
    market = read_market(question, [], None)
    assert market is not None and (market.ask, market.negated) == (ask, negated)


def test_the_products_not_above_the_market_are_counted_with_those_within_and_below() -> None:
    options = PricingOptions()
    obs = _obs()  # A: +10.5% over the median competitor, B: -4.8%
    analysis = analyse(PricingInputs(observations=obs), options, today=date(2026, 3, 10))
    (not_over,) = pricing_answers(["overpriced"], analysis, obs, options, scoped=[], start=None, negated=True)
    assert not_over.text.startswith("1 of 2 SKUs is not priced more than 5% above the median competitor (1 within 5% "
                                    "of it, 0 more than 5% below); the closest to the market: B (-4.8%)")
    assert [r[0] for r in not_over.rows] == ["B"]
    (not_under,) = pricing_answers(["underpriced"], analysis, obs, options, scoped=[], start=None, negated=True)
    assert not_under.text.startswith("2 of 2 SKUs are not priced more than 5% below")


def test_the_price_position_says_how_many_are_within_the_band() -> None:
    options = PricingOptions()
    obs = _obs()
    analysis = analyse(PricingInputs(observations=obs), options, today=date(2026, 3, 10))
    (position,) = pricing_answers(["price_position"], analysis, obs, options, scoped=[], start=None)
    assert "1 is more than 5% above it, 0 more than 5% below and 1 within 5% of it" in position.text


# --- "why are sales of X down?": X's price against the market, then its reviews ---

@pytest.mark.parametrize("question", ["why are sales of the Blue Ceramic Vase 20cm down?",
                                      "is price the reason vase-blue-20 sales dropped?",
                                      "why is the Blue Ceramic Vase 20cm not selling?"])
def test_why_a_named_products_sales_fell_asks_its_price_position_and_reviews(shop: VocabularyIndex,
                                                                              question: str) -> None:
    r = read(shop, question)
    assert (r.kind, r.agent_intents, r.asks, r.skus) == ("agent", ["pricing", "sentiment"], ["price_position"],
                                                         ["vase-blue-20"])


def test_why_revenue_dropped_without_a_product_stays_the_numbers(shop: VocabularyIndex) -> None:
    r = read(shop, "why did revenue drop last month?")
    assert r.kind == "metric"


def test_without_competitor_prices_a_products_position_names_it() -> None:
    answer = no_competitor_prices("price_position", "Toaster (KIT-0046)")
    assert answer.text.startswith("No competitor prices have been ingested for this account, so how Toaster "
                                  "(KIT-0046)'s price compares with the market cannot be said")


# --- review idioms, star negations, one latest review, refusals ---

@pytest.mark.parametrize(("question", "written"), [
    ("A or B - which do customers prefer?", "A or B - which has the higher average rating?"),
    ("review volume this month vs last month", "number of reviews this month vs last month"),
])
def test_more_review_idioms(question: str, written: str) -> None:
    assert review_idioms(question) == written


@pytest.mark.parametrize(("question", "levels"), [
    ("how many reviews aren't 5 stars?", (1, 2, 3, 4)), ("reviews that are not 1-star", (2, 3, 4, 5)),
    ("how many non-5-star reviews", (1, 2, 3, 4)), ("how many 5 star reviews", (5,)),
])
def test_stars_negated_are_the_other_levels(question: str, levels: tuple[int, ...]) -> None:
    stars = star_levels(question)
    assert stars is not None and stars.levels == levels


def test_the_latest_one_star_review_is_read_out() -> None:
    assert review_listing("what did the latest 1-star review say?", starred=True) == "latest"
    assert review_listing("what do the 1-star reviews say?", starred=True) is None


@pytest.mark.parametrize(("question", "concept"), [
    ("how many reviews have we replied to?", "replies to reviews"),
    ("what's our response rate to negative reviews?", "replies to reviews"),
    ("how many reviews have photos?", "review photos"),
    ("what do reviewers aged over 50 think?", "reviewers' ages and profiles"),
    ("what do reviews on competitors' sites say about us?", "competitors' reviews"),
    ("what are competitors charging for shipping?", "shipping and fulfilment"),
])
def test_what_the_reviews_do_not_hold_is_said(shop: VocabularyIndex, question: str, concept: str) -> None:
    r = read(shop, question)
    assert (r.kind, r.concept) == ("unanswerable", concept)


# --- the held-out sets' rules: a typo of "competition", "y r", delivery fees, "averaging", "reviewed the most" ---

@pytest.mark.parametrize(("question", "word"), [
    ("how many items r we more expensive on than the competiton", "competition"),
    ("y r sales of X falling", "why are sales"),
])
def test_more_shorthand_is_written_out(question: str, word: str) -> None:
    assert word in expand_shorthand(question)


def test_delivery_fees_are_shipping_records_the_data_lacks(shop: VocabularyIndex) -> None:
    r = read(shop, "what delivery fees do competitors charge?")
    assert (r.kind, r.concept) == ("unanswerable", "shipping and fulfilment")


def test_products_averaging_under_four_stars_is_a_threshold_on_their_average(shop: VocabularyIndex) -> None:
    r = read(shop, "products averaging less than four stars")
    assert r.query is not None and r.query.metrics[0] == "avg_rating" and r.query.dimensions == ["sku"]
    assert r.threshold == ("below", 4.0) and not r.query.filters


def test_the_most_reviewed_product_ranks_reviews_not_revenue() -> None:
    assert review_idioms("which product gets reviewed the most?") == "which product has the most reviews?"


def test_a_slipping_rating_is_a_change(shop: VocabularyIndex) -> None:
    r = read(shop, "is our star rating slipping?")
    assert r.query is not None and r.query.compare == "previous_period"


def test_why_one_group_is_rated_worse_than_another_answers_the_two_ratings(shop: VocabularyIndex) -> None:
    r = read(shop, "why are our Candles reviews worse than Textiles?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert r.query.dimensions == ["category"]
    later = read(shop, "why are reviews worse than last year?")
    assert later.agent_intents == ["sentiment"]  # a change over time: the agent's reading of why


@pytest.mark.parametrize("question", ["do our products hold up over time according to reviews?",
                                      "do reviews say it stands the test of time?"])
def test_holding_up_is_durability_not_a_trend(question: str) -> None:
    assert "stay durable" in review_idioms(question) and "over time" not in review_idioms(question)


@pytest.mark.parametrize("question", ["how do Glow products compare on price with competitors?",
                                      "how are Weaveworks products priced vs competitors?",
                                      "which Weaveworks items are cheaper elsewhere?"])
def test_a_brands_price_against_the_market_is_its_price_index(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.query is not None and r.query.metrics[0] == "price_index"
    assert [f.dimension for f in r.query.filters] == ["brand"]


def test_one_products_price_vs_market_stays_the_agents(shop: VocabularyIndex) -> None:
    r = read(shop, "vase-blue-20 price vs market")
    assert r.kind == "agent" and r.query is None  # the agents (the router plans the pricing agent), no metric
