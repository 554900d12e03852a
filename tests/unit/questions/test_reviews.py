"""Review questions about one aspect, about praise, and about how sentiment moved."""

from __future__ import annotations

from datetime import date

import pytest

from shared.orchestration.descriptive import agent_plan
from shared.orchestration.executor import agent_requests
from shared.orchestration.router import route
from shared.questions.reading import Reading, read_question
from shared.questions.reviews import read_review_question
from shared.questions.vocabulary import VocabularyIndex
from tests.unit.questions.conftest import EXTENTS


def read(shop: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)


@pytest.mark.parametrize(("question", "aspect"), [
    ("What are customers saying about shipping?", "shipping"),
    ("Are customers happy with delivery?", "delivery"),
    ("How many reviews mention the courier?", "courier"),
    ("What do reviews say about delivery times?", "delivery"),  # not refused as shipping records
    ("What do people think of our packaging lately?", "packaging"),
    ("What do customers say about the price?", "price"),
    ("Is the feedback on customer service good?", "service"),
    ("what do buyers say about the quality", "quality"),
    ("What do customers say about the design?", "design"),  # in no table: matched as itself
])
def test_an_aspect_question_is_the_sentiment_agents_about_that_aspect(shop: VocabularyIndex, question: str,
                                                                     aspect: str) -> None:
    r = read(shop, question)
    assert (r.kind, r.agent_intents, r.review_ask, r.aspect) == ("agent", ["sentiment"], "aspect", aspect)


def test_an_aspect_of_a_named_product(shop: VocabularyIndex) -> None:
    r = read(shop, "What do people say about the smell of the Scented Soy Candle Amber?")
    assert (r.review_ask, r.aspect, r.skus) == ("aspect", "smell", ["B07XK2M9QZ"])
    # "Large" names the tray here (a title word), not the size aspect: what its reviews say
    r = read(shop, "What do reviews say about the Oak Serving Tray Large?")
    assert (r.review_ask, r.aspect, r.skus) == ("sentiment_overview", None, ["TR.88/L"])


def test_the_plan_asks_the_sentiment_agent_only_with_the_aspect_and_period(shop: VocabularyIndex) -> None:
    r = read(shop, "What are customers saying about the price of the blue ceramic vase since March?")
    plan = agent_plan(r, route(r.question), shop)
    assert plan.intents == ["sentiment"] and plan.asks == ["aspect"] and plan.agents == ["sentiment"]
    assert plan.entities.aspect == "price" and plan.entities.skus == ["vase-blue-20"]
    assert (plan.entities.start_date, plan.entities.end_date) == (date(2025, 3, 1), date(2025, 6, 15))


@pytest.mark.parametrize(("question", "ask"), [
    ("What do people love about the Linen Table Runner?", "praise"),
    ("What do customers like most about our products?", "praise"),
    ("What don't customers like about the Linen Table Runner?", "complaints"),
])
def test_praise_and_dislike(shop: VocabularyIndex, question: str, ask: str) -> None:
    r = read(shop, question)
    assert (r.kind, r.review_ask, r.aspect) == ("agent", ask, None)
    assert agent_plan(r, route(question), shop).agents == ["sentiment"]


@pytest.mark.parametrize("question", [
    "What's the return rate in 2024?", "What is our refund rate?", "How much did we pay for shipping?",
    "Why are ratings for the linen table runner falling?", "Which products have the best ratings?",
    "Revenue by channel last month",
])
def test_not_an_aspect_question(shop: VocabularyIndex, question: str) -> None:
    assert read(shop, question).review_ask is None
    assert read_review_question(question) is None


def test_a_change_of_sentiment_is_the_rating_against_the_period_before(shop: VocabularyIndex) -> None:
    r = read(shop, "Has the sentiment improved since March?")
    assert r.kind == "metric" and r.query is not None and not r.agent_intents
    assert r.query.metrics[:2] == ["avg_rating", "negative_review_share"]
    assert r.query.compare == "previous_period" and r.query.time_range is not None
    assert r.query.time_range.start == date(2025, 3, 1)
    assert read(shop, "Why is sentiment getting worse?").kind == "agent"


def test_unhappy_customers_are_the_complaints_not_a_customer_count(shop: VocabularyIndex) -> None:
    assert read(shop, "What do customers complain about most?").review_ask == "complaints"
    r = read(shop, "Why are customers unhappy with the Linen Table Runner?")
    assert (r.kind, r.review_ask, r.skus) == ("agent", "complaints", ["100234"])
    plan = agent_plan(r, route(r.question), shop)
    assert plan.asks == ["complaints"] and plan.agents == ["sentiment"]
    both = read(shop, "Why are ratings falling and what do customers complain about?")
    assert agent_plan(both, route(both.question), shop).asks == ["rating_decline", "complaints"]


def test_a_review_period_is_read_against_the_reviews_last_date(shop: VocabularyIndex) -> None:
    from shared.models.records import DataKind

    extents = {**EXTENTS, DataKind.REVIEWS: (date(2023, 1, 1), date(2025, 4, 30))}
    r = read_question("What are customers saying about shipping in the last 30 days?", tenant_id="decor",
                      index=shop, extents=extents)
    assert r.review_period is not None and r.as_of == date(2025, 4, 30)
    assert (r.review_period.start, r.review_period.end) == (date(2025, 4, 1), date(2025, 4, 30))
    routed = route(r.question)
    assert agent_plan(r, routed, shop).entities.start_date == date(2025, 4, 1)  # the reader's, not the router's
    plan = agent_plan(r, routed.model_copy(update={"rationale": "model planner", "entities": routed.entities.model_copy(
        update={"start_date": date(2025, 3, 1), "end_date": date(2025, 4, 30)})}), shop)
    assert plan.entities.start_date == date(2025, 3, 1)  # a period the model planner read stands


def test_a_follow_up_keeps_the_aspect_or_names_another(shop: VocabularyIndex) -> None:
    from shared.orchestration.context import resolve_follow_up

    first = read(shop, "What are customers saying about shipping?")
    plan = agent_plan(first, route(first.question), shop)
    previous = {"question": first.question, "plan": plan.model_dump(mode="json")}
    same = read(shop, "and for the Linen Table Runner?")
    merged, _ = resolve_follow_up(same.question, route(same.question), previous, explicit_intents=False)
    merged = agent_plan(same, merged, shop)
    assert (merged.asks, merged.entities.aspect, merged.entities.skus) == (["aspect"], "shipping", ["100234"])
    other = read(shop, "What about packaging?")
    merged, _ = resolve_follow_up(other.question, route(other.question), previous, explicit_intents=False)
    assert agent_plan(other, merged, shop).entities.aspect == "packaging"


@pytest.mark.parametrize(("question", "ask"), [
    ("What do customers like to buy most?", None), ("Are sales like last year?", None),
    ("Which products do people love to order?", None), ("What do customers like most about our products?", "praise"),
    ("What did reviewers like about the Linen Table Runner?", "praise"),
])
def test_like_is_praise_only_as_the_customers_verb(shop: VocabularyIndex, question: str, ask: str | None) -> None:
    assert read(shop, question).review_ask == ask


@pytest.mark.parametrize("question", [
    "Which reviews look fake?",
    "How many fake reviews do we have?",
    "Are our reviews genuine?",
    "What's the adjusted rating of the Scented Soy Candle Amber?",
    "What is our rating without the spam?",
    "Any suspicious reviews last month?",
    "Do we have paid reviews?",
])
def test_a_question_about_fake_reviews_asks_for_the_spam_answer(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert (r.kind, r.agent_intents, r.review_ask) == ("agent", ["sentiment"], "spam")


@pytest.mark.parametrize("question", [
    "What do customers say about shipping?",
    "What is our average rating?",
    "Which products have the real best ratings?",  # "real" before the noun is no authenticity question
])
def test_other_review_questions_are_no_spam_question(question: str) -> None:
    asked = read_review_question(question)
    assert asked is None or asked.ask != "spam"


@pytest.mark.parametrize("question", [
    "What do shoppers moan about most?", "What are the biggest gripes?", "What do buyers grumble about?",
])
def test_moans_and_gripes_are_the_complaints(shop: VocabularyIndex, question: str) -> None:
    """"moan" read as a customer count; "gripes" as the aspect "grip" (a handle)."""
    r = read(shop, question)
    assert (r.kind, r.review_ask, r.aspect) == ("agent", "complaints", None)


def test_products_getting_worse_reviews_are_the_falling_ratings(shop: VocabularyIndex) -> None:
    """It ranked products by rating, best first."""
    r = read(shop, "Which products have been getting worse reviews?")
    assert r.kind == "agent" and "sentiment" in r.agent_intents
    assert "rating_decline" in agent_plan(r, route(r.question), shop).asks


@pytest.mark.parametrize(("question", "skus"), [
    ("What do reviewers think of the Linen Table Runner?", ["100234"]),
    ("what are people saying about the Blue Ceramic Vase 20cm", ["vase-blue-20"]),
    ("What are punters saying about the Scented Soy Candle Amber?", ["B07XK2M9QZ"]),
    ("reveiws for the Oak Serving Tray Large", ["TR.88/L"]),
    ("revs for the Linen Table Runner", ["100234"]),
    ("Give me a summary of customer feedback", []),
    ("what's the vibe in reviews lately", []),
])
def test_what_reviews_say_of_a_thing_is_their_overview_not_every_agent(shop: VocabularyIndex, question: str,
                                                                       skus: list[str]) -> None:
    """A named product sent the question to every agent (the answer led with its price, then a forecast); a
    feedback question without a product read "customer" as a customer count."""
    r = read(shop, question)
    assert (r.kind, r.review_ask, r.skus) == ("agent", "sentiment_overview", skus)
    plan = agent_plan(r, route(question), shop)
    assert plan.agents == ["sentiment"] and plan.asks == ["sentiment_overview"]


@pytest.mark.parametrize(("question", "aspect"), [
    ("Any complaints about late deliveries?", "late"),
    ("any complaints about price?", "price"),
    ("How many reviews mention delivery being late?", "delivery"),
    ("any quality issues?", "quality"),
    ("Is the sizing a problem?", "sizing"),
    ("does the sizing run small?", "sizing"),
])
def test_an_aspect_spoken_of_badly_is_a_complaints_ask_about_it(shop: VocabularyIndex, question: str,
                                                               aspect: str) -> None:
    """"any quality issues?" was every complaint; "delivery being late" counted every delivery mention."""
    r = read(shop, question)
    assert (r.kind, r.review_ask, r.aspect) == ("agent", "complaints", aspect)


@pytest.mark.parametrize("question", [
    "Are our prices too high?", "Is delivery too slow compared with MegaMart?", "Any issues?",
])
def test_a_bad_word_alone_leaves_our_own_records_alone(shop: VocabularyIndex, question: str) -> None:
    assert read_review_question(question) is None


@pytest.mark.parametrize(("question", "ask"), [
    ("what are customers whinging about?", "complaints"),
    ("which products are getting slated in reviews?", "complaints"),
    ("show me angry reviews", "complaints"),
    ("what's the worst thing people say about the Linen Table Runner?", "complaints"),
    ("What's wrong with the Linen Table Runner?", "complaints"),
    ("best things customers say about us", "praise"),
    ("are customers chuffed with the Linen Table Runner?", "praise"),
])
def test_colloquial_complaints_and_praise(shop: VocabularyIndex, question: str, ask: str) -> None:
    """Each read as a customer count, a revenue figure or a review count before."""
    r = read(shop, question)
    assert (r.kind, r.review_ask, r.aspect) == ("agent", ask, None)


@pytest.mark.parametrize(("question", "start"), [
    ("is sentiment improving?", date(2025, 3, 18)),  # no period: the last 90 days against the 90 before
    ("have reviews gone downhill this spring?", date(2025, 3, 1)),
])
def test_a_change_of_sentiment_always_compares_two_periods(shop: VocabularyIndex, question: str,
                                                           start: date) -> None:
    """"Is sentiment improving?" gave the all-time rating; "gone downhill" the period's alone."""
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert r.query.compare == "previous_period" and r.query.time_range is not None
    assert r.query.time_range.start == start


@pytest.mark.parametrize(("question", "stars", "shape"), [
    ("1 star reviews nov", ["1 star"], "value"),
    ("how many 5 star reviews did we get in 2024?", ["5 stars"], "value"),
    ("which product has the most 1-star reviews", ["1 star"], "ranking"),
    ("what percentage of our reviews are 5 stars?", ["5 stars"], "share"),
    ("share of 4 and 5 star reviews this year", ["4 stars", "5 stars"], "share"),
    ("how many reviews were 3 stars or less?", ["1 star", "2 stars", "3 stars"], "value"),
])
def test_reviews_of_named_stars_are_counted_as_those_stars(shop: VocabularyIndex, question: str, stars: list[str],
                                                           shape: str) -> None:
    """"1-star reviews" counted every 1-2 star review; "5 star reviews" every review; "share of 4 and 5 star
    reviews" went to the agents' overview."""
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "review_count"
    assert r.shape == shape
    named = [f for f in r.query.filters if f.dimension == "stars"] or ([r.focus] if r.focus else [])
    assert [f.values for f in named] == [stars]


@pytest.mark.parametrize("question", ["How many negative reviews last month?", "How many 1 or 2 star reviews?",
                                      "Which products are rated 4 out of 5 stars or better?"])
def test_negative_reviews_and_a_rating_scale_are_no_star_filter(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.query is None or not [f for f in r.query.filters if f.dimension == "stars"]


def test_reviews_of_two_named_products_are_compared_product_by_product(shop: VocabularyIndex) -> None:
    """"Compare reviews of A and B" added both products' reviews into one count."""
    r = read(shop, "compare reviews of the Linen Table Runner and the Oak Serving Tray Large")
    assert r.kind == "metric" and r.query is not None and r.query.dimensions == ["sku"]
    assert r.query.metrics == ["avg_rating", "review_count"]  # how rated first, then how many
    one = read(shop, "how many reviews did the Linen Table Runner get?")
    assert one.query is not None and one.query.dimensions == []


@pytest.mark.parametrize("question", [
    "what are the recurring themes in negative reviews?", "show me the negative reviews for the Linen Table Runner",
    "what should I fix based on reviews?", "which products need attention because of reviews?",
])
def test_negative_reviews_read_for_what_they_say_are_the_complaints(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert (r.kind, r.review_ask) == ("agent", "complaints")


@pytest.mark.parametrize(("question", "metric"), [
    ("neg reviews last 30 days", "negative_review_share"),
    ("what share of reviews for the Linen Table Runner are negative?", "negative_review_share"),
    ("what is the most reviewed product?", "review_count"),
])
def test_terse_and_scoped_review_figures_are_metrics(shop: VocabularyIndex, question: str, metric: str) -> None:
    """"neg reviews" went to the agents; the runner's negative share was its share of all reviews; "most reviewed"
    ranked products by revenue."""
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == metric
    assert r.focus is None


def test_two_named_channels_compared_are_no_change_over_time(shop: VocabularyIndex) -> None:
    r = read(shop, "are Etsy reviews worse than Shopify reviews?")
    assert r.query is not None and r.query.compare is None and r.query.dimensions == ["channel"]
    assert r.query.time_range is None or "all your data" in r.query.time_range.label


def test_a_review_change_without_a_period_reads_the_last_90_days(shop: VocabularyIndex) -> None:
    r = read(shop, "is the Linen Table Runner getting better or worse reviews?")
    assert r.query is not None and r.query.compare == "previous_period" and r.query.time_range is not None
    assert (r.query.time_range.end - r.query.time_range.start).days == 89


def test_reviews_of_a_thing_the_shop_lacks_are_said_not_widened(shop: VocabularyIndex) -> None:
    r = read(shop, "revs for lamp")
    assert (r.kind, r.unknown_name) == ("unanswerable", "lamp")
    assert read(shop, "revs for the Linen Table Runner").kind == "agent"


@pytest.mark.parametrize(("question", "ask", "aspect"), [
    ("what's the general feeling about the Linen Table Runner?", "sentiment_overview", None),
    ("what are folks griping about this year?", "complaints", None),
    ("any bad feedback on the Linen Table Runner recently?", "complaints", None),
    ("what themes come up in reviews of the Linen Table Runner?", "complaints", None),
    ("do customers find the Linen Table Runner easy to use?", "aspect", "easy"),
])
def test_held_out_review_phrasings(shop: VocabularyIndex, question: str, ask: str, aspect: str | None) -> None:
    """Phrasings tried after the fixes above (each was read as pricing, a customer count or the overview)."""
    r = read(shop, question)
    assert (r.kind, r.review_ask, r.aspect) == ("agent", ask, aspect)


def test_how_customers_rate_a_product_is_its_average_rating(shop: VocabularyIndex) -> None:
    """"How do buyers rate X" counted X's customers."""
    r = read(shop, "how do buyers rate the Linen Table Runner?")
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["avg_rating"]


def test_one_or_two_stars_is_the_negative_share_and_a_star_breakdown_counts_each_rating(
        shop: VocabularyIndex) -> None:
    r = read(shop, "what percentage of reviews last month were 1 or 2 stars?")
    assert r.query is not None and r.query.metrics[0] == "negative_review_share"
    for question in ("star rating breakdown", "how many reviews per star rating?"):
        r = read(shop, question)
        assert r.query is not None and r.query.metrics == ["review_count"] and r.query.dimensions == ["stars"]


@pytest.mark.parametrize("question", ["what's our NPS?", "what percentage of reviewers would recommend us?"])
def test_a_net_promoter_score_is_refused_with_what_it_needs(shop: VocabularyIndex, question: str) -> None:
    """NPS was refused as "data the platform does not collect"; "would recommend us" ran the pricing agent."""
    r = read(shop, question)
    assert (r.kind, r.concept) == ("unanswerable", "a net promoter score")
    assert r.needed is not None and "0-10" in r.needed


@pytest.mark.parametrize(("question", "dim"), [("how's customer sentiment on Etsy vs Shopify?", "channel"),
                                               ("customer satisfaction by category", "category")])
def test_sentiment_side_by_side_is_the_ratings_compared(shop: VocabularyIndex, question: str, dim: str) -> None:
    """Read as a customer count by channel, then as the agents' overview."""
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert r.query.dimensions == [dim]


@pytest.mark.parametrize(("question", "shape"), [("which products have no reviews?", "unsold"),
                                                  ("which products have never been reviewed?", "unsold"),
                                                  ("how many products have reviews?", "count")])
def test_products_with_and_without_reviews_read_the_whole_catalogue(shop: VocabularyIndex, question: str,
                                                                   shape: str) -> None:
    """Ranked products by review count (and by revenue), or counted every review."""
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.shape == shape
    assert (r.query.metrics, r.query.dimensions, r.query.limit) == (["review_count"], ["sku"], None)


@pytest.mark.parametrize(("question", "dim"), [("which brand has the most complaints?", "brand"),
                                               ("which products get the most complaints?", "sku")])
def test_the_most_complaints_rank_negative_reviews(shop: VocabularyIndex, question: str, dim: str) -> None:
    """Answered with the catalogue's complaint themes, not which brand or product has the most."""
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "negative_reviews"
    assert r.query.dimensions == [dim]


@pytest.mark.parametrize("question", ["what's putting customers off the Linen Table Runner?",
                                      "what turns people off the Linen Table Runner?"])
def test_what_puts_customers_off_is_what_they_complain_about(shop: VocabularyIndex, question: str) -> None:
    """Read as a count of the runner's customers."""
    r = read(shop, question)
    assert (r.kind, r.review_ask, r.skus) == ("agent", "complaints", ["100234"])


def test_reviews_without_a_rating_are_no_products_without_reviews(shop: VocabularyIndex) -> None:
    r = read(shop, "how many reviews have no rating?")
    assert r.shape != "unsold"


def test_more_negative_reviews_than_a_named_period_is_the_count_compared(shop: VocabularyIndex) -> None:
    """Answered with the complaint themes, not the counts against the period named."""
    r = read(shop, "are we getting worse reviews than last year?")
    assert r.kind == "metric" and r.query is not None and r.query.compare == "previous_year"
    assert read(shop, "why are we getting worse reviews than last year?").kind == "agent"


def test_products_to_worry_about_are_the_worst_rated(shop: VocabularyIndex) -> None:
    """Ranked the best-rated products first."""
    r = read(shop, "which products should I worry about based on ratings?")
    assert r.query is not None and r.query.metrics[0] == "avg_rating" and r.query.descending is False


@pytest.mark.parametrize("question", ["most common reason for returns in reviews",
                                      "why do customers return our products?"])
def test_the_reason_for_returns_is_the_complaints_of_returns(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "agent" and r.review_ask == "complaints" and r.aspect in ("returns", "return")


@pytest.mark.parametrize(("question", "ask", "stars"), [
    ("What do 1-star reviewers complain about?", "complaints", [1]),
    ("what are people who gave 2 stars or less saying?", "complaints", [1, 2]),
    ("themes in 5-star reviews", "praise", [5]),
    ("what do customers who gave us 5 stars love?", "praise", [5]),
    ("why did people leave 1 star?", "complaints", [1]),
    ("what's in the 3 star reviews?", "sentiment_overview", [3]),
    ("what do 2-star reviews mention most?", "complaints", [2]),
    ("what do the 4 and 5 star reviews of the Linen Table Runner complain about?", "complaints", [4, 5]),
    ("summarise the 4-star reviews", "sentiment_overview", [4]),
    ("any common thread in the 5 star reviews?", "praise", [5]),  # no "thread" aspect (stitching)
    ("what did the 2 star reviewers dislike?", "complaints", [2]),
])
def test_reviews_of_named_stars_read_for_what_they_say(shop: VocabularyIndex, question: str, ask: str,
                                                       stars: list[int]) -> None:
    """The star filter was dropped ("1-star reviewers" read every review) or the question was counted."""
    r = read(shop, question)
    assert (r.kind, r.review_ask, r.review_stars, r.review_listing) == ("agent", ask, stars, None)


@pytest.mark.parametrize("question", ["1 star reviews nov", "how many 5 star reviews did we get in 2024?",
                                      "which product has the most 1-star reviews", "share of 4 and 5 star reviews"])
def test_reviews_of_named_stars_counted_stay_counts(shop: VocabularyIndex, question: str) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.review_stars == []


@pytest.mark.parametrize(("question", "ask", "listing", "count"), [
    ("Show me angry reviews", "complaints", "negative", None),
    ("the worst reviews for the Linen Table Runner", "complaints", "negative", None),
    ("latest negative reviews", "complaints", "negative_latest", None),
    ("show me some positive feedback", "praise", "positive", None),
    ("give me a few glowing reviews", "praise", "positive", 5),
    ("list the 5 latest reviews", "sentiment_overview", "latest", 5),
    ("what are the last 3 reviews we got?", "sentiment_overview", "latest", 3),
    ("pull up some recent complaints", "complaints", "negative_latest", None),
    ("show me the negative reviews for the Linen Table Runner", "complaints", "negative", None),
    ("show me the last 10 reviews", "sentiment_overview", "latest", 10),
    ("can I see the 1 star reviews?", "sentiment_overview", "latest", None),
    ("display the harshest feedback from this year", "complaints", "negative", None),  # no "display" aspect
    ("read me some bad reviews", "complaints", "negative", None),
])
def test_reviews_asked_to_be_seen_are_listed(shop: VocabularyIndex, question: str, ask: str, listing: str,
                                             count: int | None) -> None:
    """Each answered with themes (or a negative share) instead of the reviews themselves."""
    r = read(shop, question)
    assert (r.kind, r.review_ask, r.review_listing, r.review_count) == ("agent", ask, listing, count)


@pytest.mark.parametrize("question", ["which products have the worst reviews?", "best review product?",
                                      "what do angry customers say?", "how many negative reviews last month?",
                                      "themes in negative reviews", "show me the average rating by month",
                                      "list the products with the worst reviews",
                                      "show me the number of reviews per month"])
def test_rankings_counts_and_summaries_are_no_listing(shop: VocabularyIndex, question: str) -> None:
    assert read(shop, question).review_listing is None


def test_the_star_filter_and_the_listing_reach_the_sentiment_agent(shop: VocabularyIndex) -> None:
    from shared.orchestration.executor import agent_request

    r = read(shop, "show me the 3 latest 1-star reviews of the Linen Table Runner")
    plan = agent_plan(r, route(r.question), shop)
    request = agent_request("decor", plan, "sentiment")
    assert (request.options["stars"], request.options["listing"], request.options["list_size"]) == ([1], "latest", 3)
    assert request.skus == plan.entities.skus and plan.intents == ["sentiment"]


@pytest.mark.parametrize(("question", "dims", "top"), [
    ("which category has the happiest customers?", ["category"], True),
    ("which category has the unhappiest customers?", ["category"], False),
    ("are reviews better for the Linen Table Runner or the Oak Serving Tray Large?", ["sku"], None),
    ("is the Linen Table Runner rated higher than the Oak Serving Tray Large?", ["sku"], None),
])
def test_happier_customers_and_better_reviews_are_the_average_rating(shop: VocabularyIndex, question: str,
                                                                      dims: list[str], top: bool | None) -> None:
    """"The happiest customers" counted customers; "better reviews for A or B" compared the last 90 days with the
    90 before; "rated higher than" asked the pricing agent."""
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == "avg_rating"
    assert r.query.dimensions == dims and r.query.compare is None
    if top is not None:  # "the happiest": ranked from the top; "the unhappiest": from the bottom
        assert r.query.order_by == "avg_rating" and r.query.descending is top


@pytest.mark.parametrize("question", ["are reviews getting better?", "are customers happy with delivery?"])
def test_a_change_over_time_and_one_aspect_keep_their_reading(shop: VocabularyIndex, question: str) -> None:
    from shared.questions.reviews import satisfaction_as_rating

    assert satisfaction_as_rating(question) == question


@pytest.mark.parametrize("question", ["true rating of the Linen Table Runner without bots", "rating excluding spam",
                                      "which reviews are bots?",
                                      "what's the real rating of our products?"])
def test_the_rating_without_bots_or_spam_is_the_adjusted_rating(shop: VocabularyIndex, question: str) -> None:
    assert read(shop, question).review_ask == "spam"


def test_reviews_listed_about_one_aspect_keep_it(shop: VocabularyIndex) -> None:
    r = read(shop, "show me reviews complaining about delivery")
    assert (r.review_ask, r.review_listing, r.aspect) == ("complaints", "negative", "delivery")
    r = read(shop, "give me examples of positive comments about packaging")
    assert (r.review_ask, r.review_listing, r.aspect) == ("praise", "positive", "packaging")


@pytest.mark.parametrize(("question", "metric", "dimension", "values"), [
    ("how many reviews without text", "review_count", "text", ["without text"]),
    ("how many reviews have a written comment?", "review_count", "text", ["with text"]),
    ("how many reviews have no star rating?", "review_count", "stars", ["no rating"]),
    ("rating from verified buyers only", "avg_rating", "verified", ["verified"]),
    ("how many reviews are from verified purchasers?", "review_count", "verified", ["verified"]),
    ("average rating of unverified reviews", "avg_rating", "verified", ["unverified"]),
])
def test_reviews_counted_by_what_they_hold(shop: VocabularyIndex, question: str, metric: str, dimension: str,
                                           values: list[str]) -> None:
    """Each answered every review's figure ("verified purchasers" even counted customers)."""
    r = read(shop, question)
    assert r.kind == "metric" and r.query is not None and r.query.metrics[0] == metric
    assert [(f.dimension, f.values) for f in r.query.filters] == [(dimension, values)]


def test_the_share_of_verified_reviews_is_that_slice_of_all(shop: VocabularyIndex) -> None:
    r = read(shop, "what share of reviews are verified?")
    assert r.query is not None and r.query.dimensions == ["verified"] and r.focus is not None
    assert r.focus.values == ["verified"]


def test_a_review_question_about_one_channel_reads_that_channels_reviews(shop: VocabularyIndex) -> None:
    from shared.orchestration.executor import agent_request

    r = read(shop, "what do Etsy reviewers complain about?")
    plan = agent_plan(r, route(r.question), shop)
    assert r.review_ask == "complaints" and agent_request("decor", plan, "sentiment").options["channels"] == ["Etsy"]


@pytest.mark.parametrize(("question", "metrics"), [
    ("bad reviews last week", ["negative_review_share", "review_count", "negative_reviews"]),
    ("neg revs this yr", ["negative_review_share", "review_count", "negative_reviews"]),
    ("what share of reviews were negative last month?", ["negative_review_share"]),
])
def test_terse_negative_reviews_are_counted_with_their_share(shop: VocabularyIndex, question: str,
                                                             metrics: list[str]) -> None:
    """"Bad reviews last week" gave a share alone ("16.7%") where the merchant looks for the reviews: 1 of 6."""
    r = read(shop, question)
    assert r.query is not None and r.query.metrics[:len(metrics)] == metrics
    assert ("review_count" in r.query.metrics) is ("review_count" in metrics)


def test_a_brand_scopes_the_agents_to_its_products(shop: VocabularyIndex) -> None:
    q = "best things people say about Weaveworks products"
    r = read(shop, q)
    assert r.kind == "agent" and r.brands == ["Weaveworks"]
    plan = agent_plan(r, route(q), shop)
    assert sorted(plan.entities.skus) == ["100234", "TR.88/L"] and plan.entities.brands == ["Weaveworks"]
    sentiment = agent_requests("decor", plan)["sentiment"]  # said as the brand's products in the answer
    assert sentiment.options["brands"] == ["Weaveworks"] and sorted(sentiment.skus) == ["100234", "TR.88/L"]


def test_a_brands_products_are_said_as_the_brands() -> None:
    import pandas as pd

    from shared.sentiment.answers import ScoredReviews

    frame = pd.DataFrame({"sku": ["A", "B"], "product_title": ["Weaveworks Runner", "Weaveworks Tray"]})
    scored = ScoredReviews(frame=frame, start=date(2025, 1, 1), end=date(2025, 6, 1), brands=("Weaveworks",))
    assert scored.subject(frame, ["A", "B"]) == "2 Weaveworks products"
    assert ScoredReviews(frame=frame, start=date(2025, 1, 1), end=date(2025, 6, 1)).subject(frame, ["A"]) \
        == "Weaveworks Runner (A)"


@pytest.mark.parametrize(("question", "metrics"), [
    ("How many products have no negative reviews", ["review_count", "negative_reviews"]),
    ("how many products have negative reviews?", ["negative_reviews", "review_count"]),
    ("how many Home Decor products have no negative reviews in 2024", ["review_count", "negative_reviews"]),
])
def test_how_many_products_with_or_without_negative_reviews_counts_products(
        shop: VocabularyIndex, question: str, metrics: list[str]) -> None:
    r = read(shop, question)
    assert r.kind == "metric" and r.shape == "count" and r.query is not None
    assert r.query.metrics == metrics and r.query.dimensions == ["sku"]


def test_without_negative_reviews_answer() -> None:
    from shared.questions.compose import _without_negative_answer

    rows = [{"sku": "a", "review_count": 3, "negative_reviews": 0}, {"sku": "b", "review_count": 2,
                                                                      "negative_reviews": 1},
            {"sku": "c", "review_count": 0, "negative_reviews": 0}]
    assert _without_negative_answer(rows, "sku", "", "in 2025").startswith("1 of 2 reviewed products had no negative")

