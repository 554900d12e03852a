"""A workbook that lands in the raw bucket: each sheet becomes a CSV raw object of its kind, ingested like any upload.

A workbook object (``raw/{tenant}/{slot}/.../{name}.xlsx``, by its name and magic bytes) is not parsed as text.
Its sheets are written, one by one, as the CSV a "save as CSV" of each would give (``shared.ingest.workbook``)
next to it at ``raw/{tenant}/{kind}/workbook/{ingestion}/{nn}-{sheet}.csv``, and each of those objects is
ingested through the same pipeline as an uploaded CSV: sniffing, header mapping, validation, rejects, duplicates,
lineage, processing. The sheet's name travels in the object's metadata (``sheet``) onto its ingestion record.

Which kind a sheet is:

- the path's slot ``workbook`` (an upload that named no kind) -> each sheet's own header decides, as for a CSV
  uploaded without a kind; a sheet whose header fits no kind (Superstore's "People": ``Person, Region``) is
  skipped and reported in the workbook's note, not fatal, as a member of a ``.zip`` is;
- a kind (``?kind=sales``, ``--kind sales``, or the folder a file was dropped into) -> every sheet is of that
  kind, as every CSV of a ``.zip`` is under ``--kind``; a sheet without the kind's columns fails on its own.

The workbook's own ingestion counts the rows it handed on (``accepted``: rows written into a sheet's CSV;
``skipped``: rows of sheets skipped), lists the sheets' ingestions in ``derived`` (the CLI waits for them and
prints each) and says what each sheet became in ``note``. Its kind is the first written sheet's. Nothing is
written twice: a sheet's object name is fixed per workbook ingestion, and a retried attempt reuses a sheet
object already written (its ingestion is already under way) instead of writing it again.
"""

from __future__ import annotations

import hashlib
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from shared import regex as re
from shared.deps import Deps
from shared.errors import InvalidInput
from shared.ingest.ingestion import Ingestion, ingestion_id_for
from shared.ingest.kinds import detect_kind
from shared.ingest.workbook import SheetInfo, SheetText, Workbook, open_workbook, sheet_csv, workbook_format
from shared.models.records import DataKind
from shared.observability.logs import get_logger, log_event
from shared.security.uploads import WORKBOOK_SLOT

__all__ = ["WORKBOOK_SLOT", "WorkbookOutcome", "sheet_object_name", "split_workbook"]

_SLUG = re.compile(r"[^A-Za-z0-9]+")
_log = get_logger(__name__)


@dataclass
class WorkbookOutcome:
    """What splitting one workbook did."""

    kind: DataKind | None = None  # the first written sheet's kind
    rows_read: int = 0
    accepted: int = 0  # rows written into a sheet's CSV object
    skipped: int = 0  # rows of sheets skipped (a header that fits no kind)
    derived: list[str] = field(default_factory=list)  # the sheets' ingestion ids, in workbook order
    notes: list[str] = field(default_factory=list)

    @property
    def note(self) -> str:
        """One line saying what became of each sheet."""
        return "; ".join(self.notes)


def sheet_object_name(ingestion: Ingestion, kind: DataKind, sheet: SheetInfo) -> str:
    """``raw/{tenant}/{kind}/workbook/{ingestion}/{nn}-{sheet slug}.csv``: fixed per workbook ingestion and sheet."""
    slug = _SLUG.sub("_", sheet.name).strip("_")[:60] or "sheet"
    return f"raw/{ingestion.tenant_id}/{kind.value}/workbook/{ingestion.ingestion_id}/{sheet.index + 1:02d}-{slug}.csv"


def _copy_local(deps: Deps, ingestion: Ingestion, target: Path) -> str:
    """Copy the stored workbook to ``target`` (the reader needs a seekable file); its SHA-256."""
    digest = hashlib.sha256()
    with deps.blobs.open(ingestion.bucket, ingestion.object) as src, target.open("wb") as dst:
        while block := src.read(1 << 20):
            digest.update(block)
            dst.write(block)
    return digest.hexdigest()


def split_workbook(deps: Deps, ingestion: Ingestion, stated: DataKind | None) -> WorkbookOutcome:
    """Write each non-empty sheet of the workbook object as a CSV raw object; what was written and skipped.

    ``stated``: the kind every sheet is read as (``None``: each sheet's header decides). Raises
    ``InvalidInput`` when the object is not a readable workbook or no sheet could be handed on.
    """
    out = WorkbookOutcome()
    with tempfile.TemporaryDirectory(prefix="ecomintel-workbook-") as folder:
        local = Path(folder) / "workbook"
        ingestion.file_checksum = _copy_local(deps, ingestion, local)
        with local.open("rb") as fh:
            found = workbook_format(fh.read(64 * 1024))  # as the upload checked it
        if found is None:
            raise InvalidInput("the file is named as a workbook but is not an .xlsx or .xls workbook")
        local = local.rename(local.with_suffix(f".{found}"))  # the reader picks its parser by the suffix
        with open_workbook(local, deps.settings.ingest_max_expanded_bytes,
                           deps.settings.ingest_max_sheet_bytes) as book:
            if not book.sheets:
                raise InvalidInput("the workbook has no worksheet")
            for sheet in book.sheets:
                _hand_on(deps, ingestion, book, sheet, stated, Path(folder), out)
        shutil.rmtree(folder, ignore_errors=True)
    if not out.derived:
        raise InvalidInput(f"no sheet of the workbook could be ingested: {out.note}")
    log_event(_log, "workbook split into sheets", sheets=len(out.derived), rows=out.accepted, skipped=out.skipped)
    return out


def _hand_on(deps: Deps, ingestion: Ingestion, book: Workbook, sheet: SheetInfo, stated: DataKind | None,
             folder: Path, out: WorkbookOutcome) -> None:
    """Write one sheet as a CSV raw object of its kind (or note why not)."""
    csv_path = folder / f"sheet-{sheet.index}.csv"
    try:
        _write_sheet(deps, ingestion, book, sheet, stated, csv_path, out)
    finally:
        csv_path.unlink(missing_ok=True)  # a function's disk is its memory: one sheet's CSV at a time


def _write_sheet(deps: Deps, ingestion: Ingestion, book: Workbook, sheet: SheetInfo, stated: DataKind | None,
                 csv_path: Path, out: WorkbookOutcome) -> None:
    with csv_path.open("w+b") as spool:
        text: SheetText = sheet_csv(book, sheet, spool, max_bytes=deps.settings.ingest_max_expanded_bytes)
        if not text.header:
            out.notes.append(f"sheet {sheet.name!r} is empty")
            return
        out.rows_read += text.rows
        if text.rows == 0:
            out.notes.append(f"sheet {sheet.name!r} has a header but no rows")
            return
        try:
            kind = stated or detect_kind(text.header)
        except InvalidInput as exc:
            out.skipped += text.rows
            out.notes.append(f"sheet {sheet.name!r} skipped ({text.rows} rows): {exc.message}")
            return
        name = sheet_object_name(ingestion, kind, sheet)
        stored = deps.blobs.stat(ingestion.bucket, name)  # a retried attempt: this sheet is already on its way
        if stored is None:
            spool.seek(0)
            original = ingestion.original_filename or ingestion.object.rsplit("/", 1)[-1]
            stored = deps.blobs.write(ingestion.bucket, name, spool, content_type="text/csv", metadata={
                "tenant_id": ingestion.tenant_id, "kind": kind.value, "source": ingestion.source,
                "original_filename": f"{original}:{sheet.name}"[:200], "sheet": sheet.name[:100],
                **({"upload_id": ingestion.upload_id} if ingestion.upload_id else {}),
                **({"currency": ingestion.currency} if ingestion.currency else {}),
            })
        out.kind = out.kind or kind
        out.accepted += text.rows
        out.derived.append(ingestion_id_for(ingestion.bucket, name, stored.generation))
        header_at = f", header on row {text.header_row}" if text.header_row != 1 else ""
        out.notes.append(f"sheet {sheet.name!r} -> {kind.value} ({text.rows} rows{header_at})")
