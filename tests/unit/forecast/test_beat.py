"""The verdict of "will we beat last month": so far + the rest's forecast against the past period, the interval
deciding how sure."""

from datetime import date

from shared.forecast.beat import Beat, beat_text


def _text(beat: Beat) -> str:
    return beat_text(
        beat,
        start=date(2026, 12, 1),
        last_actual=date(2026, 12, 6),
        end=date(2026, 12, 31),
        name="December 2026",
        past_name="November 2026",
        level=0.9,
        say=lambda v: f"${v:,.2f}",
    )


def test_the_interval_decides_the_verdict() -> None:
    assert Beat(100.0, 500.0, 450.0, 560.0, 540.0).verdict == "Probably yes"  # 550 > 540 at the low end
    assert Beat(100.0, 500.0, 450.0, 560.0, 670.0).verdict == "Probably not"  # 660 < 670 at the high end
    assert Beat(100.0, 500.0, 450.0, 560.0, 600.0).verdict == "Too close to call"


def test_the_sum_and_the_past_period_in_the_first_sentence() -> None:
    text = _text(Beat(127396.55, 517572.60, 475074.35, 578275.28, 630024.91))
    assert text.startswith(
        "Too close to call: $127,396.55 so far (1-6 Dec) + $517,572.60 expected (7-31 Dec) = "
        "$644,969.15 for December 2026, against $630,024.91 in November 2026, 2.4% more"
    )
    assert "$602,470.90-$705,671.83" in text
    assert ". " not in text.rstrip(".")  # one sentence


def test_probably_not_says_less() -> None:
    text = _text(Beat(10.0, 20.0, 15.0, 25.0, 50.0))
    assert text.startswith("Probably not:") and "40.0% less" in text and "even its high end is below" in text
