"""Sales files that were received but not stored: said instead of "no sales data has been uploaded".

Some published receipts cannot be placed in time: dunnhumby's The Complete Journey ``transaction_data.csv`` and
Carbo-Loading's transactions number their days from 1 with no calendar date, Instacart's orders carry a weekday
and an hour. Ingest acknowledges such a file (every row skipped, its ingestion's note says why) and stores
nothing. A question about sales then has no sales to read, but "none has been uploaded" would be false: the
answer names the file(s) received and why they hold no sale that could be stored.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from shared import regex as re

#: What an acknowledged sales file's note says when its rows are sales that cannot be dated
#: (``shared.ingest.parts``: "... so no sale can be placed in a day, month or year", "... in time or valued").
_UNPLACED = re.compile(r"\bno sale can be placed\b", re.I)
#: The note's tail saying that nothing was stored (the answer says it first).
_NOTHING_STORED = re.compile(r"\s*[:,;]\s*nothing (?:is stored|ecomintel stores)\b.*$", re.I)
#: "About (why): consequence": the file's description with the reason in brackets (Instacart's orders).
_BRACKETED = re.compile(r"^[^:(]*\(([^()]*)\):\s*(.+)$")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)])\.\s+(?=[A-Z])")


@dataclass(frozen=True)
class UnstoredFile:
    """A sales file received whose rows were all skipped, with the ingestion's reason."""

    name: str
    rows: int
    why: str  # the reason, as a clause ("DAY is a day number ..., so no sale can be placed in a day ...")
    advice: str  # what would load it, when the note says ("To load these receipts, add a date column ...")


def unstored_sales(ingestions: Iterable[Mapping[str, Any]]) -> list[UnstoredFile]:
    """The sales files among ``ingestions`` (ingestion documents) that were read but could not be dated.

    An ingestion counts when it is of sales, finished, stored no row (``accepted`` 0) but skipped some, and its
    note says no sale could be placed in time. The newest first, each file named once.
    """
    found: dict[str, UnstoredFile] = {}
    ordered = sorted(ingestions, key=lambda d: str(d.get("finished_at") or d.get("started_at") or ""), reverse=True)
    for doc in ordered:
        note = str(doc.get("note") or "")
        if (doc.get("kind") != "sales" or int(doc.get("accepted") or 0) > 0 or int(doc.get("skipped") or 0) <= 0
                or not _UNPLACED.search(note)):
            continue
        name = str(doc.get("original_filename") or str(doc.get("object") or "a sales file").rsplit("/", 1)[-1])
        if name not in found:
            why, advice = reason(note)
            found[name] = UnstoredFile(name, int(doc.get("rows_read") or doc.get("skipped") or 0), why, advice)
    return list(found.values())


def reason(note: str) -> tuple[str, str]:
    """The note's reason as a clause, and its advice (the sentences after the first), from an acknowledged file's note.

    "The Complete Journey transaction_data.csv: DAY is a day number (1-711) ..., so no sale can be placed in a day,
    month or year: nothing is stored (...). To load these receipts, add a date column ..." gives "DAY is a day
    number (1-711) ..., so no sale can be placed in a day, month or year" and "To load these receipts, ...".
    """
    sentences = _SENTENCE_END.split(note.strip(), maxsplit=1)
    first = sentences[0].rstrip(". ")
    advice = sentences[1].strip() if len(sentences) > 1 else ""
    bracketed = _BRACKETED.match(first)
    if bracketed:
        why = f"it holds {bracketed.group(1)}, so {bracketed.group(2)}"
    else:
        why = first.split(": ", 1)[1] if ": " in first else first
    why = _NOTHING_STORED.sub("", why).strip()
    if advice and not advice.endswith("."):
        advice += "."
    return why, advice


def unstored_answer(files: list[UnstoredFile], concept: str) -> str:
    """The answer to a sales question when no sales are stored but ``files`` were received (first sentence: why).

    "No sales are stored: transaction_data.csv was received, but DAY is a day number (1-711) ..., so no sale can
    be placed in a day, month or year. Revenue cannot be answered until sales with dates are stored. To load ..."
    """
    if len(files) == 1:
        f = files[0]
        first = f"No sales are stored: {f.name} was received ({f.rows:,} rows, none stored), but {f.why}."
    else:
        names = ", ".join(f.name for f in files[:-1]) + f" and {files[-1].name}"
        reasons = "; ".join(f"{f.name}: {f.why}" for f in files)
        first = f"No sales are stored: {names} were received, but none of their rows could be stored ({reasons})."
    subject = concept[:1].upper() + concept[1:] if concept else "This"
    advice = next((f.advice for f in files if f.advice), "")
    return " ".join(p for p in (first, f"{subject} cannot be answered until sales with dates are stored.", advice)
                    if p)
