"""Brief replies: an acknowledgement is answered in a sentence, never with the agents' overview."""

from __future__ import annotations

from shared.orchestration.brief import brief_report


def test_an_acknowledgement_in_a_session_names_the_turn_it_continues() -> None:
    r = brief_report("thanks!", {"question": "revenue last month"}, mode="quick", data_version=3)
    assert r is not None and r.answer.startswith("You're welcome.") and '"revenue last month"' in r.answer
    assert r.data_version == 3 and not r.findings


def test_alone() -> None:
    thanks = brief_report("thanks!", None, mode="quick", data_version=0)
    assert thanks is not None and "price index" not in thanks.answer
    good = brief_report("is it good?", None, mode="quick", data_version=0)
    assert good is not None and good.answer.startswith("Which figure do you mean?")


def test_questions_get_no_brief_reply() -> None:
    assert brief_report("ok, how many orders did we get last week?", None, mode="quick", data_version=0) is None
    # "is it good?" after an answer is about that answer: not this reply
    assert brief_report("is it good?", {"question": "revenue last month"}, mode="quick", data_version=0) is None
