"""The question bench's checker: a small truth is matched by a whole number, not by a digit inside another token."""

from __future__ import annotations

import pytest

from bench.questions import Case, answered


@pytest.mark.parametrize(
    "answer",
    [
        "Revenue in Q3 2026 was $3,000.04.",  # the 3 of "Q3"
        "The Oak Tray got 12 2-star reviews.",  # the 2 of "2-star"
        "Orders in November 2026 (1-30 Nov 2026) were 7,397.",  # a day of a date range
        "Orders fell to 7,397 on 2026-12-06.",  # a day of an ISO date ("fell": its sign said in words)
        "Units per order in the last 30 days (7 Nov - 6 Dec 2026) were 1,612.",  # a day of a date
    ],
)
def test_a_small_truth_is_not_matched_by_part_of_another_token(answer: str) -> None:
    small = {"Q3": 3.04, "2-star": 2.0, "1-30": 1.0, "2026-12-06": 6.0, "6 Dec": 6.0}
    truth = next(v for k, v in small.items() if k in answer)
    assert not answered(Case("demo", "q", [truth]), answer)


@pytest.mark.parametrize(
    ("answer", "truth"),
    [
        ("3.04% of orders in Q3 2026 used a coupon.", 3.04),
        ("Units per order were 2.0 (down from 2.1).", 2.0),
        ("Revenue was down 5.2% in Q3.", -5.2),
        ("Smallest order value was $5.99.", 5.99),
        ("Orders in Q3 were 7,397.", 7397.0),  # a large truth keeps its 1% tolerance
    ],
)
def test_a_whole_number_still_matches(answer: str, truth: float) -> None:
    assert answered(Case("demo", "q", [truth]), answer)
