"""Hours on the shop's clock, held out (shop's-clock round): written and committed before the development set was
measured, measured once. Other shops, seeds, phrasings and zones than the development set's: Squarespace in Chicago
(``-0500`` stamps read in a zone that changes to summer time mid-March), a bakery in Sydney stamped ``... UTC`` over
the week its summer time ends (southern hemisphere: 7 April 2024), Stripe read in Tokyo (UTC afternoons are the next
day's mornings), an Indian shop writing its own ``+05:30`` with its zone set (the hours stay as written), and Amazon's
``-08:00``/``-07:00`` stamps with no zone saved (the hours as written, the answer saying which offsets they are).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.public_questions_harness import Ask, money_sum
from tests.e2e.ingest.test_public_questions_hour import busiest, hours
from tests.e2e.ingest.test_public_questions_hour_heldout import _amazon
from tests.e2e.ingest.test_public_questions_hour_zone import (
    ZONED_UTC,
    Clock,
    ZoneSet,
    ask_zone,
    bakery_frame,
    clock,
    of,
    on,
    squarespace_frame,
    stripe_frame,
    zone_homes,
)
from tests.e2e.ingest.test_public_questions_more import Says
from tests.fixtures.public import public6_shapes, public9_shapes, zone_shapes

DONUTS = Says(r"No product, category, brand, channel or competitor in your data is called \"donuts\"")

HELD_OUT = ZoneSet(
    datasets={
        "squarespace_chicago": pq.Dataset(
            "squarespace_chicago",
            lambda: public9_shapes.squarespace_orders(450, seed=211),
            squarespace_frame("America/Chicago"),
            [
                Ask("What time of day do we get the most orders?", busiest),
                Ask("Which hour of the day makes the most revenue?", lambda f: busiest(f, "value")),
                Ask("How many units did we sell between 9am and 11am?", lambda f: int(hours(f, 9, 11)["qty"].sum())),
                Ask("When in the day do we sell the most french presses?", of("French Press")),
                Ask("Busiest hour?", lambda f: Clock(r"America/Chicago; your export's times were at UTC-05:00")),
            ],
            no_currency=False,
        ),
        "bakery_sydney": pq.Dataset(
            "bakery_sydney",
            lambda: zone_shapes.bakery_orders(
                600, zone="Australia/Sydney", start=date(2024, 4, 1), days=14, style="utc", seed=212
            ),
            bakery_frame("Australia/Sydney"),
            [
                Ask("What's the busiest time of day?", busiest),
                Ask("What time of day do we sell the most baguettes?", of("BAGUETTE")),
                Ask("How much revenue came in after 3pm?", lambda f: money_sum(hours(f, 15, 24))),
                Ask("Which hour sells the most donuts?", lambda f: DONUTS),
                Ask("What are our peak hours?", lambda f: clock(ZONED_UTC, "Australia/Sydney")),
            ],
        ),
        "stripe_tokyo": pq.Dataset(
            "stripe_tokyo",
            lambda: public9_shapes.stripe_payments(500, seed=213),
            stripe_frame("Asia/Tokyo"),
            [
                Ask("What's the busiest hour on Saturdays?", on("Saturday")),
                Ask("Which hour of the day had the most revenue?", lambda f: busiest(f, "value")),
                Ask("How much did we make in the morning?", lambda f: money_sum(hours(f, 5, 12))),
                Ask("What is our busiest hour?", lambda f: clock(ZONED_UTC, "Asia/Tokyo")),
            ],
            no_currency=False,
        ),
        "bakery_kolkata": pq.Dataset(
            "bakery_kolkata",
            lambda: zone_shapes.bakery_orders(
                500, zone="Asia/Kolkata", start=date(2024, 6, 3), days=30, style="offset", seed=214
            ),
            bakery_frame("Asia/Kolkata"),
            [
                Ask("What is our busiest hour?", busiest),
                Ask("Which hour sells the most coffees?", of("COFFEE")),
                Ask(
                    "Which hour sells the most croissants?",
                    lambda f: Clock(r"Asia/Kolkata; your export's times were at UTC\+05:30"),
                ),
            ],
        ),
        "amazon_unset": pq.Dataset(
            "amazon_unset",
            lambda: public6_shapes.amazon_all_orders(900, seed=215),
            _amazon,
            [
                Ask("Which hour gets the most orders?", busiest),
                Ask(
                    "What hour of the day do we get the most orders?",
                    lambda f: Clock(
                        r"as your export stamped them, at UTC-08:00 to UTC-07:00: set your shop's time "
                        r"zone"
                    ),
                ),
            ],
            no_currency=False,
        ),
    },
    zones={
        "squarespace_chicago": "America/Chicago",
        "bakery_sydney": "Australia/Sydney",
        "stripe_tokyo": "Asia/Tokyo",
        "bakery_kolkata": "Asia/Kolkata",
        "amazon_unset": None,
    },
)
DATASETS = HELD_OUT.datasets
#: Answered wrong today (measured once: see docs/metrics.md).
WRONG_TODAY: frozenset[str] = frozenset()


@pytest.fixture(scope="module")
def homes(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, pd.DataFrame]]:
    return zone_homes(tmp_path_factory, HELD_OUT)


@pytest.mark.parametrize(("dataset", "ask"), pq.dataset_cases(DATASETS, WRONG_TODAY))
def test_question_of_a_zoned_hour_heldout_dataset(
    dataset: str,
    ask: pq.Ask,
    homes: dict[str, tuple[Path, pd.DataFrame]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    ask_zone(HELD_OUT, homes, dataset, ask, monkeypatch, capsys)
