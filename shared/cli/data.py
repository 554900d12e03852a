"""Data commands: ``ingest`` and ``export`` (the foundation's CLI contract)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING

from shared.models.records import DataKind

if TYPE_CHECKING:
    from shared.errors import EcomIntelError
    from shared.ingest.ingestion import IngestionStatus
    from shared.ingest.lookup import IngestionView


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``ingest`` and ``export``."""
    p = sub.add_parser(
        "ingest",
        help="Send a CSV (each CSV of a .zip, each sheet of an .xlsx/.xls) through the "
        "real upload path and wait for the pipeline.",
    )
    p.add_argument("path")
    p.add_argument("--tenant", required=True)
    p.add_argument(
        "--kind",
        choices=[k.value for k in DataKind],
        default=None,
        help="Data kind (detected from the header when omitted).",
    )
    p.add_argument(
        "--currency",
        default=None,
        metavar="CODE",
        help="ISO 4217 code (e.g. GBP) of the file's amounts: rows that name no currency get it "
        "(flagged currency:from_upload); rows with their own keep it. Each CSV of a .zip too.",
    )
    p.add_argument("--json", action="store_true", help="Print one JSON object.")
    p.add_argument(
        "--wait",
        type=float,
        default=None,
        metavar="SECONDS",
        help="How long to wait in line for another process using the embedded home (default 600; "
        "while 'ecomintel serve' holds it, the file goes through the server instead).",
    )
    p.set_defaults(func=_ingest)

    e = sub.add_parser("export", help="Print stored rows (or rejects) of one kind.")
    e.add_argument("--tenant", required=True)
    e.add_argument("--kind", required=True, choices=[k.value for k in DataKind])
    e.add_argument("--rejects", action="store_true")
    e.add_argument("--format", choices=["csv", "json"], default="csv")
    e.set_defaults(func=_export)


def _ingest(args: argparse.Namespace) -> int:
    from shared.cli.main import CliError
    from shared.config import get_settings
    from shared.errors import EcomIntelError
    from shared.ingest.archive import archive_members, is_archive
    from shared.ingest.upload_currency import upload_currency

    try:  # the API's own ISO 4217 check, before the home is opened or a byte is sent
        args.currency = upload_currency(args.currency)
    except EcomIntelError as exc:
        _print_refusal(args, args.path, exc, f"--currency: {exc.message}")
        raise CliError(f"--currency: {exc.message}") from exc
    if not is_archive(args.path):
        return _ingest_one(args)

    worst = 0
    try:  # a downloaded archive: each delimited file in it, as if unzipped and ingested one by one
        with archive_members(args.path, get_settings().ingest_max_expanded_bytes) as members:
            for member in members:
                worst = max(
                    worst,
                    _ingest_one(
                        argparse.Namespace(**{**vars(args), "path": str(member)}), shown=f"{args.path}:{member.name}"
                    ),
                )
    except EcomIntelError as exc:
        _print_refusal(args, args.path, exc)
        raise CliError(exc.message) from exc
    return worst


def _ingest_one(args: argparse.Namespace, shown: str | None = None) -> int:
    from shared.cli.main import CliError
    from shared.errors import EcomIntelError
    from shared.observability.logs import configure_logging

    configure_logging("WARNING")
    summary: IngestionView
    wanted: IngestionStatus
    try:
        summary, wanted = _run_ingest(args)
    except EcomIntelError as exc:
        _print_refusal(args, shown or args.path, exc)
        if shown is None:
            raise CliError(exc.message) from exc
        sys.stderr.write(f"ecomintel: error: {shown}: {exc.message}\n")  # the archive's other files go on
        return 2
    if args.json:
        print(json.dumps(summary.model_dump(mode="json")))
    else:
        for earlier in summary.resumed:
            print(
                f"resumed unfinished ingestion {earlier.ingestion_id} ({earlier.kind}, {earlier.object}): "
                f"{earlier.status}, accepted {earlier.accepted}, duplicates {earlier.duplicates}"
            )
        workbook = _is_workbook(args.path)
        print(
            f"{shown or args.path}: {'workbook' if workbook else summary.kind} ingestion {summary.ingestion_id} "
            f"{summary.status}"
            + (f" (currency {summary.currency} where the file names none)" if _priced(summary) else "")
        )
        if workbook:  # its rows went on as one CSV per sheet, each ingested on its own (below)
            print(f"  sheets: {summary.note}")
        else:
            print(
                f"  rows read {summary.rows_read}: accepted {summary.accepted}, rejected {summary.rejected}, "
                f"duplicates {summary.duplicates}"
                + (f", held {summary.held} (waiting for the file that completes them)" if summary.held else "")
                + (f", not stored {summary.skipped}" if summary.skipped else "")
            )
            if summary.note:
                print(f"  recognised: {summary.note}")
        for joined in summary.joined:
            print(
                f"  {f'sheet {joined.sheet!r}:' if joined.sheet else 'joined into'} {joined.kind} ingestion "
                f"{joined.ingestion_id} {joined.status}: rows read {joined.rows_read}: accepted {joined.accepted}, "
                f"rejected {joined.rejected}, duplicates {joined.duplicates}"
                + (f" ({joined.error})" if joined.error else "")
            )
        for kind in dict.fromkeys(s.kind for s in [summary, *summary.joined] if s.rejected and s.kind):
            print(f"  see rejects: ecomintel export --tenant {args.tenant} --kind {kind} --rejects")
    if summary.status != wanted:
        sys.stderr.write(f"ecomintel: error: pipeline stopped at {summary.status!r}, expected {wanted.value!r}\n")
        return 1
    failed = [j for j in summary.joined if j.sheet and j.status == "failed"]
    for sheet in failed:  # the workbook's other sheets went on, as an archive's other files do
        sys.stderr.write(f"ecomintel: error: {shown or args.path}: sheet {sheet.sheet!r}: {sheet.error}\n")
    return 2 if failed else 0


def _print_refusal(args: argparse.Namespace, shown: str, exc: EcomIntelError, reason: str = "") -> None:
    """With ``--json``, print the refused file's one JSON object on stdout: its refusal and the reason.

    A script reads the refusal there as a person reads the error line on stderr (stdout was empty before, and only the
    exit code said it).
    """
    if args.json:
        body = exc.to_body()["error"]
        body.pop("request_id", None)
        print(json.dumps({"path": shown, "status": "refused", "reason": reason or exc.message, "error": body}))


def _is_workbook(path: str) -> bool:
    """Whether ``path`` names a spreadsheet workbook (its sheets are ingested one by one)."""
    from shared.security.uploads import is_workbook_name

    return is_workbook_name(path)


def _priced(summary: IngestionView) -> bool:
    """Whether the upload's stated currency priced this file's rows (its kind's records have a currency)."""
    from shared.models.records import RECORD_MODELS

    kind = next((k for k in DataKind if k.value == summary.kind), None)
    return bool(summary.currency) and kind is not None and "currency" in RECORD_MODELS[kind].model_fields


def _run_ingest(args: argparse.Namespace) -> tuple[IngestionView, IngestionStatus]:
    """Ingest through the running server that holds the embedded home, else open the home (waiting in line)."""
    import os

    from shared.config import get_settings
    from shared.ingest.client import expected_status, expected_status_in, ingest_path, ingest_through

    if args.wait is not None:  # settings come from the environment: --wait is ECOMINTEL_HOME_WAIT_SECONDS
        os.environ["ECOMINTEL_HOME_WAIT_SECONDS"] = str(args.wait)
        get_settings.cache_clear()
    from shared.deps import get_deps
    from shared.runtime.served import served_runtime

    if (runtime := served_runtime(get_settings())) is not None:
        return (
            ingest_through(runtime, args.path, args.tenant, args.kind, currency=args.currency),
            expected_status_in(runtime.manifest),
        )

    deps = get_deps()
    return ingest_path(deps, args.path, args.tenant, args.kind, currency=args.currency), expected_status(deps)


def _export(args: argparse.Namespace) -> int:
    from shared.config import get_settings
    from shared.deps import get_deps
    from shared.ingest.export import exported_through, stored_rows, to_csv, to_json
    from shared.runtime.served import served_runtime

    # The embedded home has one writer: while ``ecomintel serve`` holds it, its API reads the rows (waiting for
    # the lock waited out ECOMINTEL_HOME_WAIT_SECONDS, 600 s by default, then failed).
    if (runtime := served_runtime(get_settings())) is not None:
        sys.stdout.write(
            exported_through(runtime, args.tenant, DataKind(args.kind), rejects=args.rejects, fmt=args.format)
        )
        return 0
    frame = stored_rows(get_deps().warehouse, args.tenant, DataKind(args.kind), rejects=args.rejects)
    sys.stdout.write(to_json(frame) + "\n" if args.format == "json" else to_csv(frame))
    return 0
