"""Sales files received but not stored: the reason each published undated file's note gives, and the answer."""

from __future__ import annotations

import pytest

from shared.ingest.parts import PARTS, DatasetPart
from shared.questions.unstored import reason, unstored_answer, unstored_sales

UNDATED = {"transaction_data", "carbo_loading_transactions", "instacart_orders"}


def _part(name: str) -> DatasetPart:
    return next(p for p in PARTS if p.name == name)


def _doc(note: str, **over: object) -> dict[str, object]:
    return {"kind": "sales", "status": "processed", "rows_read": 120, "accepted": 0, "skipped": 120,
            "note": note, "original_filename": "transaction_data.csv",
            "finished_at": "2026-12-05T10:00:00+00:00"} | over


@pytest.mark.parametrize("name", sorted(UNDATED))
def test_each_undated_sales_file_of_the_published_sets_is_recognised_with_its_reason(name: str) -> None:
    files = unstored_sales([_doc(_part(name).about)])
    assert len(files) == 1
    why = files[0].why
    assert "no sale can be placed" in why and "nothing" not in why, why
    assert not why.endswith(".")


def test_files_that_are_not_undated_sales_are_not_named() -> None:
    """Demographics, stores and the like are acknowledged too, but they are not sales that could not be dated."""
    others = [p for p in PARTS if p.kind.value == "sales" and p.role == "unused" and p.name not in UNDATED]
    assert others
    assert unstored_sales([_doc(p.about, original_filename=f"{p.name}.csv") for p in others]) == []


def test_a_file_with_stored_rows_or_of_another_kind_is_not_named() -> None:
    note = _part("transaction_data").about
    assert unstored_sales([_doc(note, accepted=3)]) == []
    assert unstored_sales([_doc(note, kind="products")]) == []
    assert unstored_sales([_doc(note, skipped=0)]) == []


def test_the_complete_journey_answer_says_received_not_stored_and_why_first() -> None:
    files = unstored_sales([_doc(_part("transaction_data").about), _doc(_part("transaction_data").about)])
    answer = unstored_answer(files, "revenue")
    first = answer.split(". ")[0]
    assert first.startswith("No sales are stored: transaction_data.csv was received (120 rows, none stored), but "
                            "DAY is a day number (1-711)"), answer
    assert "calendar date" in first and "no sale can be placed in a day, month or year" in first
    assert "Revenue cannot be answered until sales with dates are stored." in answer
    assert answer.endswith("loads as it is).")


def test_instacart_reason_reads_from_its_brackets() -> None:
    why, advice = reason(_part("instacart_orders").about)
    assert why.startswith("it holds a weekday, an hour and the days since the previous order")
    assert why.endswith("so no sale can be placed in time or valued")
    assert advice == ""


def test_several_files_are_each_named_with_their_reason() -> None:
    files = unstored_sales([
        _doc(_part("transaction_data").about),
        _doc(_part("carbo_loading_transactions").about, original_filename="dh_transactions.csv",
             finished_at="2026-12-05T11:00:00+00:00")])
    answer = unstored_answer(files, "orders")
    assert answer.startswith("No sales are stored: dh_transactions.csv and transaction_data.csv were received")
    assert "dh_transactions.csv: day is a day number (1-728)" in answer
