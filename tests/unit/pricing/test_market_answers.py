"""Answers about the competitors themselves, checked against counts worked out by hand."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from shared.pricing.analysis import PricingInputs, analyse
from shared.pricing.answers import pricing_answers
from shared.pricing.market_answers import (
    cheapest_competitor_answer,
    competitor_extremes,
    competitor_prices_answer,
    competitor_stock_answer,
    latest_prices,
    versus_competitor_answer,
)
from shared.pricing.options import PricingOptions
from tests.unit.pricing.frames import observations

TODAY = date(2026, 3, 31)


def _obs() -> pd.DataFrame:
    # latest prices (31 Mar), our price in the last column:
    #   A: cheapco 80, midco 90, dearco 120 (ours 100) -> cheapco lowest, dearco highest
    #   B: cheapco 45, midco 45 (ours 50)               -> a tie: both lowest
    #   C: midco 30, dearco 35 (ours 20)                -> midco lowest; we are cheaper than both
    #   D: cheapco only (ours 10)                       -> one seller: not compared
    # an older price of A at cheapco (1 Mar: 70) is not the current one; one of 10 Jan is outside 30 days
    rows = [("A", "2026-03-01", "cheapco", 70.0, 100.0), ("A", "2026-03-31", "cheapco", 80.0, 100.0),
            ("A", "2026-03-30", "midco", 90.0, 100.0), ("A", "2026-03-31", "dearco", 120.0, 100.0),
            ("B", "2026-03-31", "cheapco", 45.0, 50.0), ("B", "2026-03-31", "midco", 45.0, 50.0),
            ("C", "2026-03-31", "midco", 30.0, 20.0), ("C", "2026-03-31", "dearco", 35.0, 20.0),
            ("D", "2026-03-31", "cheapco", 9.0, 10.0), ("C", "2026-01-10", "cheapco", 1.0, 20.0)]
    return observations(rows)


def test_competitors_counted_by_the_products_where_their_price_is_lowest_ties_counted_for_each() -> None:
    table, n = competitor_extremes(latest_prices(_obs(), None, TODAY))
    assert n == 3  # A, B and C have two or more competitors; D one
    assert table.loc["cheapco", "products_lowest"] == 2 and table.loc["cheapco", "tied"] == 1  # A, and B tied
    assert table.loc["midco", "products_lowest"] == 2 and table.loc["midco", "tied"] == 1  # B tied, C
    assert table.loc["dearco", "products_lowest"] == 0
    assert list(table.index) == ["cheapco", "midco", "dearco"]  # most products, then by name
    dear, _ = competitor_extremes(latest_prices(_obs(), None, TODAY), dearest=True)
    assert dear.loc["dearco", "products_lowest"] == 2 and list(dear.index)[0] == "dearco"


def test_cheapest_competitor_answer_names_it_with_its_count_share_and_ties() -> None:
    answer = cheapest_competitor_answer(_obs(), today=TODAY, start=None, scoped=[])
    assert answer.text.startswith("cheapco and midco share the lowest price most often: each on 2 of the 3 products "
                                  "two or more competitors carry (66.7%) between 2026-03-02 and 2026-03-31; then "
                                  "dearco 0.")
    assert answer.text.endswith("Our own price was the lowest of all on 1 of 4 products.")  # C (20 < 30); not D
    dear = cheapest_competitor_answer(_obs(), today=TODAY, start=None, scoped=[], dearest=True)
    assert dear.text.startswith("dearco has the highest price most often: on 2 of the 3 products")
    assert dear.rows[0][:3] == ["dearco", 2, 66.7]
    one = cheapest_competitor_answer(_obs(), today=TODAY, start=None, scoped=["B"])
    assert one.text == ("The lowest price for B is cheapco and midco's 45 (on 2026-03-31), against our 50 (11.1% "
                        "above): we are not the cheapest.")
    ours = cheapest_competitor_answer(_obs(), today=TODAY, start=None, scoped=["C"])
    assert ours.text == "The lowest price for C is ours, 20; the lowest competitor is midco at 30."


def test_versus_a_named_competitor_counts_cheaper_dearer_level_and_the_mean_gap() -> None:
    rows = [(sku, "2026-03-31", "rival", theirs, ours) for sku, theirs, ours in
            [("A", 100.0, 90.0), ("B", 50.0, 60.0), ("C", 20.0, 20.0), ("D", 10.0, 8.0), ("E", 40.0, 41.0)]]
    obs = pd.concat([observations(rows), _obs()], ignore_index=True)
    answer = versus_competitor_answer(obs, ["Rival"], today=TODAY, start=None, scoped=[])
    # gaps: -10%, +20%, 0, -20%, +2.5% -> mean -1.5%
    assert answer.text.startswith("We are cheaper than rival on 2 of 5 matched products and dearer on 2 (level on "
                                  "1), between 2026-03-02 and 2026-03-31; on average our price is 1.5% below theirs.")
    assert "dearer most on B (+20.0%) and E (+2.5%); cheaper most on D (-20.0%) and A (-10.0%)" in answer.text
    assert {r[1] for r in answer.rows} == {"rival"}  # only the named competitor
    named = versus_competitor_answer(obs, ["rival"], today=TODAY, start=None, scoped=["B"])
    assert named.text == "rival charges 50 for B (on 2026-03-31), against our 60: we are 20.0% dearer."
    two = versus_competitor_answer(obs, ["rival", "dearco"], today=TODAY, start=None, scoped=[])
    assert two.text.startswith("We are cheaper than rival") and "We are cheaper than dearco" in two.text
    none = versus_competitor_answer(obs, ["nobody"], today=TODAY, start=None, scoped=[])
    assert not none.answered and none.text.startswith("No product of ours has a price from nobody")


def test_competitor_stock_is_read_from_each_products_latest_observation() -> None:
    obs = _obs()
    obs["in_stock"] = True
    obs.loc[(obs["sku"] == "A") & (obs["competitor"] == "cheapco") & (obs["date"] == "2026-03-01"), "in_stock"] = False
    obs.loc[(obs["sku"] == "B") & (obs["competitor"] == "cheapco"), "in_stock"] = False
    answer = competitor_stock_answer(obs, ["cheapco"], today=TODAY, start=None, scoped=[])
    # A was out on 1 Mar but back by 31 Mar; B is out now; D in stock (C's January row is outside the window)
    assert answer.text == ("cheapco is out of stock on 1 of the 3 products of ours it carries (its latest observation "
                           "of each between 2026-03-02 and 2026-03-31): B.")
    everyone = competitor_stock_answer(obs, [], today=TODAY, start=None, scoped=[])
    assert everyone.text.startswith("cheapco is out of stock on the most of our products (1); competitors are out of "
                                    "stock on 1 of our products")
    one = competitor_stock_answer(obs, [], today=TODAY, start=None, scoped=["B"])
    assert one.text == ("cheapco is out of stock on B (midco has it), at their latest observation between 2026-03-02 "
                        "and 2026-03-31.")
    unknown = competitor_stock_answer(_obs(), ["cheapco"], today=TODAY, start=None, scoped=[])
    assert not unknown.answered and "in_stock column is needed" in unknown.text


def test_competitor_price_moves_first_to_latest() -> None:
    answer = competitor_prices_answer(_obs(), ["cheapco"], today=TODAY, start=None, scoped=["A"])
    assert answer.text == ("cheapco's price for A went from 70 on 2026-03-01 to 80 on 2026-03-31 (+14.3%; low 70, "
                           "high 80 over 2 observations).")
    whole = competitor_prices_answer(_obs(), [], today=TODAY, start=None, scoped=[])
    assert whole.text.startswith("You track 3 competitors' prices up to 2026-03-31: cheapco on 4 products (0 lowered, "
                                 "1 raised and 3 unchanged")


def test_pricing_answers_dispatch_the_market_asks_with_the_named_competitors() -> None:
    obs = _obs()
    options = PricingOptions()
    analysis = analyse(PricingInputs(observations=obs), options, today=TODAY)
    cheapest, versus = pricing_answers(["cheapest_competitor", "versus_competitor"], analysis, obs, options,
                                       scoped=[], start=None, competitors=["dearco"])
    assert cheapest.ask == "cheapest_competitor" and cheapest.rows[0][0] == "cheapco"
    assert versus.ask == "versus_competitor" and versus.text.startswith(
        "We are cheaper than dearco: A ours 100 vs 120 (-16.7%); C ours 20 vs 35 (-42.9%)")
    assert versus.rows[1][4] == pytest.approx(100 * (20 / 35 - 1), abs=0.05)


def test_a_period_the_question_names_ends_the_window() -> None:
    obs = _obs()
    options = PricingOptions()
    analysis = analyse(PricingInputs(observations=obs), options, today=TODAY)
    (moves,) = pricing_answers(["competitor_prices"], analysis, obs, options, scoped=["A"], start=date(2026, 3, 1),
                               competitors=["cheapco"], end=date(2026, 3, 15))
    assert moves.text.startswith("cheapco's price for A went from 70 on 2026-03-01 to 70 on 2026-03-01")
    assert (moves.period_start, moves.period_end) == (date(2026, 3, 1), date(2026, 3, 15))


def test_reprice_says_raise_lower_or_keep_with_the_recommended_price() -> None:
    from shared.pricing.answers import reprice_answer

    obs = _obs()
    analysis = analyse(PricingInputs(observations=obs), PricingOptions(), today=TODAY)
    # on each SKU's latest date: A ours 100 vs median(80, 120) = 100 -> keep; B ours 50 vs 45 -> lower to 45;
    # C ours 20 vs median 32.5 -> raise, capped at +10% (22); D ours 10 vs 9 -> lower to 9
    one = reprice_answer(analysis, ["A"])
    assert one.text == "Keep A at 100: toward the competitors' median price; competitors' median 100."
    lower = reprice_answer(analysis, ["B"])
    assert lower.text == "Lower B from 50 to 45 (-10.0%): toward the competitors' median price; competitors' median 45."
    capped = reprice_answer(analysis, ["C"])
    assert capped.text.startswith("Raise C from 20 to 22 (+10.0%): toward the competitors' median price; "
                                  "competitors' median 32.5 (capped by a 10% step)")
    every = reprice_answer(analysis, [])
    assert every.text.startswith("Reprice 3 of 4 SKUs: lower 2 and raise 1")
    assert every.rows[0][0] == "C"  # furthest from its target (+62.5%) first


def test_one_competitor_is_compared_with_us_and_a_stale_feed_is_read_where_it_ends() -> None:
    from shared.pricing.market_answers import market_answer

    obs = _obs()
    only = obs[obs["competitor"] == "cheapco"]
    answer = market_answer("cheapest_competitor", only, [], today=TODAY, start=None, scoped=[])
    # cheapco's latest prices: A 80 (ours 100), B 45 (50), D 9 (10): lower on all 3
    assert answer.text == ("cheapco is the only competitor in your prices between 2026-03-02 and 2026-03-31: its price "
                           "is lower than ours on 3 of 3 products.")
    # sales ran on to June: the competitor window still ends on the last competitor price
    later = market_answer("cheapest_competitor", obs, [], today=date(2026, 6, 30), start=None, scoped=[])
    assert later.text.startswith("cheapco and midco share the lowest price most often") and \
        later.period_end == TODAY


def test_named_products_are_called_by_their_title_once() -> None:
    obs = _obs()
    options = PricingOptions()
    analysis = analyse(PricingInputs(observations=obs), options, today=TODAY)
    titles = {"B": r"Blue \1 Vase", "A": "Amber Lamp"}
    (one,) = pricing_answers(["cheapest_competitor"], analysis, obs, options, scoped=["B"], start=None,
                             titles=titles)
    assert one.text.startswith(r"The lowest price for Blue \1 Vase (B) is cheapco and midco's 45")
    # the whole catalogue: each SKU the sentence names by its title too, and a product column beside the SKU
    (every,) = pricing_answers(["reprice"], analysis, obs, options, scoped=[], start=None, titles=titles)
    assert every.text.endswith(r"biggest changes: C 20 to 22 (+10.0%), Blue \1 Vase (B) 50 to 45 (-10.0%) and D 10 "
                               "to 9 (-10.0%).")
    assert every.columns[:2] == ["sku", "product"]
    assert {r[0]: r[1] for r in every.rows} == {"A": "Amber Lamp", "B": r"Blue \1 Vase", "C": None, "D": None}


def test_who_undercuts_us_on_one_product_names_its_cheapest_seller() -> None:
    obs = _obs()
    options = PricingOptions()
    analysis = analyse(PricingInputs(observations=obs), options, today=TODAY)
    (one,) = pricing_answers(["undercut"], analysis, obs, options, scoped=["A"], start=None,
                             titles={"A": "Amber Lamp"})
    # A: cheapco 80, midco 90, dearco 120 against our 100
    assert one.ask == "undercut"
    assert one.text == ("The lowest price for Amber Lamp (A) is cheapco's 80 (on 2026-03-31), against our 100 (25.0% "
                        "above): we are not the cheapest.")


def test_a_products_price_moves_unnamed_competitors_say_who_prices_it_first() -> None:
    answer = competitor_prices_answer(_obs(), [], today=TODAY, start=None, scoped=["A"])
    sellers = sorted({str(c) for c in _obs().loc[_obs()["sku"] == "A", "competitor"]})
    assert answer.text.startswith(f"{len(sellers)} competitors price A ({sellers[0]}, ")
    named = competitor_prices_answer(_obs(), ["cheapco"], today=TODAY, start=None, scoped=["A"])
    assert named.text.startswith("cheapco's price for A went from")
