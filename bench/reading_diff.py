"""Every question-like string of the bench and the question tests, read on a catalogue like the sample merchant's.

A reader change should move only the readings it meant to. Dump the readings before the change and after, then
compare the two files:

    .venv/bin/python bench/reading_diff.py /tmp/before.json            # on the code before the change
    .venv/bin/python bench/reading_diff.py /tmp/after.json /tmp/before.json   # after: prints what changed

A string is question-like when it is a literal of 6-160 characters on one line with a space and a word of three
letters (docstrings' first lines come along and are read too: harmless). No warehouse is read.
"""

from __future__ import annotations

import ast
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: Where the strings are read from.
SOURCES = ("bench/*.py", "tests/unit/questions/*.py")


def question_strings(root: Path = ROOT) -> list[str]:
    """The distinct question-like string literals of :data:`SOURCES`, sorted."""
    found: set[str] = set()
    for pattern in SOURCES:
        for path in sorted(root.glob(pattern)):
            for node in ast.walk(ast.parse(path.read_text())):
                if isinstance(node, ast.Constant) and isinstance(node.value, str):
                    s = node.value
                    if (
                        6 <= len(s) <= 160
                        and " " in s
                        and "\n" not in s
                        and re.search(r"[a-z]{3}", s)
                        and not s.lower().startswith("select")
                    ):
                        found.add(s)
    return sorted(found)


def readings(questions: list[str]) -> dict[str, str]:
    """Each question's reading as JSON (or the error it raised), on the sample-like catalogue of the unit tests."""
    from shared.questions.reading import read_question
    from tests.unit.questions.test_tenth_phrasings import sample_like_store
    from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS

    store = sample_like_store()
    out: dict[str, str] = {}
    for q in questions:
        try:
            out[q] = read_question(q, tenant_id="t", index=store, extents=DEC_EXTENTS).model_dump_json()
        except Exception as e:  # noqa: BLE001 - a reading that raises is a reading to compare
            out[q] = f"ERROR {type(e).__name__}: {e}"
    return out


def main() -> None:
    """Write the readings to the first path; with a second (an earlier dump), print the questions read otherwise."""
    if len(sys.argv) < 2:
        raise SystemExit(__doc__)
    now = readings(question_strings())
    Path(sys.argv[1]).write_text(json.dumps(now))
    print(f"{len(now)} strings read")
    if len(sys.argv) > 2:
        before: dict[str, str] = json.loads(Path(sys.argv[2]).read_text())
        changed = [q for q in before if q in now and before[q] != now[q]]
        print(f"{len(changed)} readings changed")
        for q in changed:
            print(f"  {q!r}")


if __name__ == "__main__":
    main()
