"""Per-SKU warnings grouped into one line keep their figures as ranges, never a bare placeholder ("N of N")."""

from __future__ import annotations

from shared.forecast.agent import _number_ranges


def test_figures_that_differ_read_as_the_range_the_group_spans() -> None:
    warnings = [
        "140 of 730 periods had no sales rows and count as 0 units",
        "12 of 730 periods had no sales rows and count as 0 units",
        "69 of 730 periods had no sales rows and count as 0 units",
    ]
    assert _number_ranges(warnings) == "12-140 of 730 periods had no sales rows and count as 0 units"


def test_decimals_are_ordered_as_numbers_not_text() -> None:
    warnings = ["demand times 9.5 applied", "demand times 10.25 applied"]
    assert _number_ranges(warnings) == "demand times 9.5-10.25 applied"
