"""A phrasing set files each case under its batch and the style being written (one set-up for every set)."""

from __future__ import annotations

from bench.questions import Case, CaseBatch, batch_cases


def test_a_set_files_each_case_under_the_style_written_when_it_was_added() -> None:
    batch = CaseBatch("fourteenth")
    batch.style = "phone fragments"
    batch.add(Case("demo", "rev yday"))
    batch.style = "fiscal years"
    batch.add(Case("demo", "revenue this fiscal year"))
    assert [(c.batch, c.style) for c in batch.cases] == [
        ("fourteenth", "phone fragments"),
        ("fourteenth", "fiscal years"),
    ]


def test_a_held_out_set_files_every_case_as_held_out() -> None:
    cases, add = batch_cases("fourteenth2", "held out")
    add(Case("demo", "units wtd"))
    add(Case("demo", "aov amazon lq"))
    assert {(c.batch, c.style) for c in cases} == {("fourteenth2", "held out")}
    plain, add_plain = batch_cases("tenth")
    add_plain(Case("demo", "revenue last month", style="own"))
    assert [(c.batch, c.style) for c in plain] == [("tenth", "own")]
