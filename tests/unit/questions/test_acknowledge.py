"""Acknowledgements and bare "is it good?" are told from questions."""

from __future__ import annotations

import pytest

from shared.questions.acknowledge import is_acknowledgement, only_points_back


@pytest.mark.parametrize("turn", ["thanks!", "great", "ok cool", "Thank you so much!", "perfect, thanks",
                                  "got it 👍", "cheers", "ok", "nice", "that's helpful"])
def test_acknowledgements(turn: str) -> None:
    assert is_acknowledgement(turn)


@pytest.mark.parametrize("turn", ["thanks, and on amazon?", "ok, how many orders did we get last week?",
                                  "great, now revenue by channel", "good sellers last month", "and units?", "",
                                  "top products", "is it good?"])
def test_questions_are_no_acknowledgement(turn: str) -> None:
    assert not is_acknowledgement(turn)


def test_only_points_back() -> None:
    assert only_points_back("is it good?") and only_points_back("Is that normal?")
    assert not only_points_back("is the Kitchen category good?") and not only_points_back("is revenue up?")
