"""Competitor and stock questions read to exactly what the agents must answer, in many merchants' words."""

from __future__ import annotations

from datetime import date

import pytest

from shared.orchestration.descriptive import agent_plan
from shared.orchestration.router import route
from shared.questions.market import price_change
from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex
from tests.unit.questions.conftest import EXTENTS


def read(shop: VocabularyIndex, question: str) -> Reading:
    return read_question(question, tenant_id="decor", index=shop, extents=EXTENTS)


@pytest.mark.parametrize(("question", "asks"), [
    ("Which competitor is cheapest most often?", ["cheapest_competitor"]),
    ("who is the cheapest competitor", ["cheapest_competitor"]),
    ("Which competitor has the lowest prices?", ["cheapest_competitor"]),
    ("which of our rivals has the best prices", ["cheapest_competitor"]),
    ("who sells the Blue Ceramic Vase 20cm cheapest?", ["cheapest_competitor"]),
    ("what's the lowest price anyone else charges for the oak serving tray?", ["cheapest_competitor"]),
    ("Which competitor is the most expensive?", ["dearest_competitor"]),
    ("who has the highest prices among our competitors", ["dearest_competitor"]),
    ("Are we cheaper than HomeGoods?", ["versus_competitor"]),
    ("is homegoods cheaper than us", ["versus_competitor"]),
    ("How do our prices compare with HomeGoods?", ["versus_competitor"]),
    ("What does HomeGoods charge for the linen table runner?", ["versus_competitor"]),
    ("does HomeGoods undercut us?", ["versus_competitor"]),
    ("Is HomeGoods out of stock on anything?", ["competitor_stock"]),
    ("which products are competitors out of stock on", ["competitor_stock"]),
    ("How has HomeGoods' price for the Blue Ceramic Vase 20cm changed?", ["competitor_prices"]),
    ("did any competitor change their prices?", ["competitor_prices"]),
    ("who are our competitors?", ["competitor_prices"]),
    ("how many competitors do we track", ["competitor_prices"]),
    ("How many products are out of stock?", ["out_of_stock"]),
    ("are we out of stock on anything?", ["out_of_stock"]),
    ("which items have sold out", ["out_of_stock"]),
    ("what has zero stock", ["out_of_stock"]),
    ("What should I reorder this week?", ["reorder"]),
    ("what needs restocking?", ["reorder"]),
    ("which products should we replenish", ["reorder"]),
    ("What should I reprice?", ["reprice"]),
    ("What price should I charge for the oak serving tray?", ["reprice"]),
    ("Should we raise the price of the linen table runner?", ["reprice"]),
    ("what's the optimal price for 100234?", ["reprice"]),
    ("Which rival beats everyone on price?", ["cheapest_competitor"]),
    ("who sells the oak serving tray for less?", ["cheapest_competitor"]),
    ("What has HomeGoods done with its prices?", ["competitor_prices"]),
    ("how many products does HomeGoods carry?", ["versus_competitor"]),
    ("Which prices should I raise?", ["underpriced"]),
    ("What products should I lower the price of?", ["overpriced"]),
    ("List the products with zero inventory", ["out_of_stock"]),
    ("What stock do we need to order?", ["reorder"]),
    ("Which SKUs are running low?", ["stockout"]),
    ("Which products have more than a year of stock?", ["overstock"]),
    ("Which rival sells below our prices most often?", ["undercut"]),
    ("which competitor undercuts us the most?", ["undercut"]),
    ("which competitors sell for less than we charge?", ["undercut"]),
    ("Which of my listings are pricier than the competition?", ["overpriced"]),
    ("what's cheaper than the market?", ["underpriced"]),
    ("Where am I holding more stock than I can sell?", ["overstock"]),
    ("do we have too much inventory?", ["overstock"]),
    ("If we dropped the oak serving tray price by 15%, how many more would we sell?", ["what_if"]),
    ("How many products do we have no stock of?", ["out_of_stock"]),
    ("Which products have we run out of?", ["out_of_stock"]),
    ("Did HomeGoods lower its prices last month?", ["competitor_prices"]),
    ("Which of the competitors is out of stock on the oak serving tray?", ["competitor_stock"]),
    ("which products are overpriced?", ["overpriced"]),
    ("Which competitors have run out of our products?", ["competitor_stock"]),
    ("Which rival charges the most for the oak serving tray?", ["dearest_competitor"]),
    ("lowest competitor price for the oak serving tray", ["cheapest_competitor"]),
    ("who sells the oak serving tray for the most?", ["dearest_competitor"]),
    ("cheapest place to buy the oak serving tray apart from us", ["cheapest_competitor"]),
    # what a unit earns over its cost, from the catalogue
    ("is the oak serving tray's markup healthy?", ["markup"]),
    ("what markup do we make on the oak serving tray?", ["markup"]),
    ("how much do we make per unit on the oak serving tray?", ["markup"]),
    ("is our margin on the oak serving tray healthy?", ["markup"]),
    # a competitor's promotions, from its own price history
    ("did HomeGoods run a promotion on Black Friday?", ["competitor_promotions"]),
    ("was HomeGoods discounting last week?", ["competitor_promotions"]),
    ("which competitors ran promotions last month?", ["competitor_promotions"]),
    ("did HomeGoods have a Black Friday sale?", ["competitor_promotions"]),
    ("how healthy is the margin on the oak serving tray?", ["markup"]),
    ("on how many SKUs do we have the lowest price?", ["ours_cheapest"]),
    ("Which items sell for more than the competition?", ["overpriced"]),
    ("Which items could I put the price up on?", ["underpriced"]),
    ("Where can I bring prices down?", ["overpriced"]),
    ("Is anybody selling below our prices?", ["undercut"]),
    ("Which items are priced well below the market?", ["underpriced"]),
    # what to mark down or clear: the products with the most days of cover
    ("Which products should I discount?", ["overstock"]),
    ("Which products should I mark down?", ["overstock"]),
    ("What should I put on sale to clear stock?", ["overstock"]),
    ("what to put on clearance", ["overstock"]),
    ("any markdown candidates?", ["overstock"]),
    ("what stock should we liquidate", ["overstock"]),
    # one named product to discount: its recommended price, then its own stock cover (not the list of the most covered)
    ("should we discount the oak serving tray?", ["reprice", "overstock"]),
    ("How much should I mark down the linen table runner?", ["reprice", "overstock"]),
    ("should I put the oak serving tray on sale?", ["reprice", "overstock"]),
    ("is it worth putting the oak serving tray on sale?", ["reprice", "overstock"]),
    ("worth discounting the linen table runner?", ["reprice", "overstock"]),
    ("would it make sense to mark down the oak serving tray?", ["reprice", "overstock"]),
    ("should we run a sale on the linen table runner?", ["reprice", "overstock"]),
    ("do you think we should discount the oak serving tray?", ["reprice", "overstock"]),
    # "it" no session has named: the price question alone, not the most covered products
    ("should we discount it?", ["reprice"]),
    ("should I put it on sale?", ["reprice"]),
])
def test_competitor_and_stock_asks(shop: VocabularyIndex, question: str, asks: list[str]) -> None:
    r = read(shop, question)
    assert r.kind == "agent" and r.asks == asks


@pytest.mark.parametrize("question", ["what if we run a 10% promo on the oak serving tray?",
                                      "should we run a sale on the oak serving tray?",
                                      "what's our markup over the competition on the oak serving tray?"])
def test_our_own_promotions_and_a_markup_over_the_market_are_no_new_asks(shop: VocabularyIndex, question: str) -> None:
    assert not {"markup", "competitor_promotions"} & set(read(shop, question).asks)


def test_a_promotion_of_a_seller_that_is_no_competitor_is_said(shop: VocabularyIndex) -> None:
    r = read(shop, "did Walmart run a promotion on Black Friday?")
    assert r.kind == "unanswerable" and r.unknown_name == "Walmart"


@pytest.mark.parametrize("question", [
    "when will the oak serving tray run out?",  # the stockout forecast, not today's count
    "which products will sell out next month?",
    "how often are we the cheapest?",  # the metrics layer's cheapest share
    "price index against Amazon",  # a metric filtered to a competitor
    "revenue on Amazon in 2024",
    "how many units of the linen table runner are in stock?",
    "how many customers reordered last month?",  # repeat buying, not restocking
    "what if we lower prices?",  # the what-if, not the overpriced list
    "how did sales change after we raised prices by 5% in March?",
    "how much did we discount last month?",  # the discounts given, not what to discount
    "which products did we discount the most?",
])
def test_other_questions_keep_their_reading(shop: VocabularyIndex, question: str) -> None:
    assert read(shop, question).asks == []


def test_a_verb_that_is_also_a_title_word_names_no_product() -> None:
    products = [ProductName(sku=f"STAND-{i}", title=f"{wood} Plant Stand") for i, wood in
                enumerate(["Oak", "Pine", "Bamboo"])] + [
        ProductName(sku="RUG-1", title="Wool Rug")]
    index = VocabularyIndex(Vocabulary(tenant_id="t", products=products, skus=[p.sku for p in products],
                                       competitors=["HomeGoods"]))
    r = read_question("Where do we stand against HomeGoods on price?", tenant_id="t", index=index, extents=EXTENTS)
    assert r.asks == ["versus_competitor"] and r.skus == []  # all competitor prices, not the three stands
    named = read_question("what does HomeGoods charge for the pine plant stand?", tenant_id="t", index=index,
                          extents=EXTENTS)
    assert named.asks == ["versus_competitor"] and named.skus == ["STAND-1"]


def test_a_named_competitor_is_kept_in_the_tenants_spelling(shop: VocabularyIndex) -> None:
    r = read(shop, "are we more expensive than homegoods?")
    assert r.asks == ["versus_competitor"] and r.competitors == ["HomeGoods"]
    both = read(shop, "are we cheaper than Amazon?")  # a channel and a competitor: the competitor here
    assert both.asks == ["versus_competitor"] and both.competitors == ["Amazon"]
    plan = agent_plan(r, route(r.question), shop)
    assert plan.entities.competitors == ["HomeGoods"]  # not "homegoods": prices are filtered on the name
    assert plan.asks == ["versus_competitor"] and plan.intents == ["pricing"] and plan.agents == ["pricing"]


def test_a_follow_up_naming_another_competitor_replaces_the_earlier_one(shop: VocabularyIndex) -> None:
    first = agent_plan(read(shop, "are we cheaper than HomeGoods?"), route("are we cheaper than HomeGoods?"), shop)
    # the session's previous plan carries HomeGoods; "and Amazon?" names Amazon alone
    follow = agent_plan(read(shop, "and Amazon?"), first.model_copy(update={"asks": []}), shop)
    assert follow.entities.competitors == ["Amazon"]


def test_a_competitor_the_data_lacks_is_said_not_widened(shop: VocabularyIndex) -> None:
    r = read(shop, "Are we cheaper than Walmart?")
    assert r.kind == "unanswerable" and r.concept == "competitor" and r.unknown_name == "Walmart"
    assert r.needed == "Your competitor prices cover Amazon and HomeGoods."
    subject = read(shop, "Is Walmart cheaper than us?")  # not widened to "who undercuts us"
    assert subject.kind == "unanswerable" and subject.unknown_name == "Walmart"
    assert read(shop, "how many products do we have?").kind == "catalogue"
    channel = read(shop, "are our prices higher than etsy?")
    assert channel.kind == "unanswerable" and channel.unknown_name == "Etsy"
    assert channel.needed is not None and channel.needed.startswith('"Etsy" is one of your sales channels')
    # a product after "than" is not a competitor's name
    assert read(shop, "is the blue ceramic vase 20cm more expensive than the red ceramic vase 30cm?").kind != \
        "unanswerable"
    assert read(shop, "are prices higher than last year?").unknown_name is None
    assert read(shop, "are our prices up vs October?").unknown_name is None  # a month, not a competitor


@pytest.mark.parametrize(("question", "pct"), [
    ("What would happen if I raised the price of the oak serving tray by 10%?", 10.0),
    ("what if we lowered prices on VASE_RED_30 by 5 percent", -5.0),
    ("what if I put the price of the linen table runner up by 12.5%", 12.5),
    ("a 15% price cut on 100234: what happens?", -15.0),
    ("what happens if we discount the candle by 20%", -20.0),
    ("how many vases did we sell?", None),
    # a hypothetical promotion is a price cut; a promotion's name in a plain question is no what-if
    ("what if we run a 10% promo on the blender?", -10.0),
    ("and if we take 15% off the kettle?", -15.0),
    ("should we do a 20% sale on candles", -20.0),
    ("how much revenue came from 20% off sales last month", None),
    ("which products were sold at 30% off?", None),
])
def test_price_change_of_a_what_if(question: str, pct: float | None) -> None:
    assert price_change(question) == pct


def test_the_what_if_change_reaches_the_plan(shop: VocabularyIndex) -> None:
    r = read(shop, "What would happen if I raised the price of the oak serving tray by 10%?")
    plan = agent_plan(r, route(r.question), shop)
    assert plan.entities.price_change_pct == 10.0 and plan.entities.skus == ["TR.88/L"]
    assert "what_if" in plan.asks


def test_units_of_a_named_product_in_stock_is_stock_not_units_sold(shop: VocabularyIndex) -> None:
    r = read(shop, "How many units of the linen table runner are in stock?")
    assert r.query is not None and r.query.metrics == ["stock_on_hand"]
    sold = read(shop, "how many units of the linen table runner did we sell?")
    assert sold.query is not None and sold.query.metrics == ["units"]


def test_a_named_period_reaches_the_plan(shop: VocabularyIndex) -> None:
    r = read(shop, "Which competitor was cheapest most often in March 2025?")
    plan = agent_plan(r, route(r.question), shop)
    assert plan.asks == ["cheapest_competitor"]
    assert (plan.entities.start_date, plan.entities.end_date) == (date(2025, 3, 1), date(2025, 3, 31))
    assert agent_plan(read(shop, "who is the cheapest competitor?"), route("x"), shop).entities.start_date is None


@pytest.mark.parametrize(("question", "n"), [
    ("which of our best sellers are priced above the market?", 10),
    ("Are any of my top 5 products overpriced?", 5),
    ("Which of our twenty best-selling items sit above the competition?", 20),
    ("which products are overpriced?", None),
])
def test_best_sellers_narrow_a_price_ask(shop: VocabularyIndex, question: str, n: int | None) -> None:
    r = read(shop, question)
    assert r.asks == ["overpriced"] and r.top_sellers == n


def test_a_sales_clause_and_a_competitor_clause_are_both_read(shop: VocabularyIndex) -> None:
    from shared.questions.market import clause_spans

    q = "How much revenue did we make in March, and who is the cheapest competitor?"
    assert [q[s:e] for s, e in clause_spans(q)] == ["How much revenue did we make in March",
                                                   "who is the cheapest competitor?"]
    r = read(shop, q)
    assert r.kind == "metric" and r.query is not None and r.query.metrics == ["revenue"]
    assert r.asks == ["cheapest_competitor"] and r.agent_period is None and not r.agents_first
    # a past sales clause makes no forecast: the units, then who undercuts us
    units = read(shop, "How many units did we sell in March and who undercuts us?")
    assert units.kind == "metric" and units.query is not None and units.query.metrics == ["units"]
    assert units.asks == ["undercut"] and units.agent_intents == ["pricing"]
    # one clause naming two competitors is one ask, not two
    assert clause_spans("are we cheaper than HomeGoods and Amazon?") == [(0, 41)]


@pytest.mark.parametrize(("question", "name"), [
    ("are we cheaper than Weaveworks on table runners?", "Weaveworks"),  # one of our brands named as a seller
    ("are we cheaper than Potter on vases?", "Potter"),  # a name from our titles and brands ("Potter & Co")
])
def test_our_own_brand_named_as_a_rival_is_no_competitor(shop: VocabularyIndex, question: str, name: str) -> None:
    r = read(shop, question)
    assert r.kind == "unanswerable" and r.concept == "competitor" and r.unknown_name == name, r


def test_a_product_compared_is_still_that_product(shop: VocabularyIndex) -> None:
    assert read(shop, "is the Blue Ceramic Vase cheaper than the Red Ceramic Vase?").kind != "unanswerable"
