"""The reading diff's strings: the bench's questions, not its code."""

from __future__ import annotations

from pathlib import Path

from bench.reading_diff import question_strings


def test_question_like_literals_are_collected_and_code_is_not(tmp_path: Path) -> None:
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "x.py").write_text(
        'Q = ["what did we make last month?", "SELECT sku FROM products", "rev", "a\\nb c"]\n'
    )
    assert question_strings(tmp_path) == ["what did we make last month?"]
