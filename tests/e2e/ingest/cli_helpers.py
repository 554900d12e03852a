"""What the CLI ingest tests share: running ``ecomintel`` in process, a subprocess's environment, a free port,
the signed-URL requests a run sends (the ``served_gateway`` fixture that serves them is in ``conftest``), and
files ingested into an embedded home then asked about, as a merchant does."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import pytest

from local_emulator.engines import free_port  # noqa: F401 - re-exported: a port no bind(0) elsewhere takes
from shared.cli.main import main
from shared.deps import get_deps, reset_deps
from shared.orchestration.report import Report
from shared.runtime.local import LocalRuntime


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of ``ecomintel *argv`` run in this process."""
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def cli_env(home: Path) -> dict[str, str]:
    """The environment of an ``ecomintel`` subprocess on ``home`` (nothing else of this process's)."""
    return {"ECOMINTEL_HOME": str(home), "PATH": "/usr/bin:/bin", "ECOMINTEL_BCRYPT_ROUNDS": "4",
            "PYTHONDONTWRITEBYTECODE": "1"}


def signed_url_requests(monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """Every file sends by signed URL (a 64-byte request limit); the bodies of its signed-URL requests, as sent."""
    monkeypatch.setattr(LocalRuntime, "max_request_bytes", 64)
    sent: list[dict[str, Any]] = []
    real = LocalRuntime.call_http

    def recording(self, function, method="GET", path="/", **kwargs):  # type: ignore[no-untyped-def]
        if path == "/v1/uploads:signed-url":
            sent.append(kwargs["json_body"])
        return real(self, function, method, path, **kwargs)

    monkeypatch.setattr(LocalRuntime, "call_http", recording)
    return sent


def lift_rate_limits(mp: pytest.MonkeyPatch) -> None:
    """Many questions in a row from one tenant and key: the gateway's per-minute limits out of the way."""
    for key in ("TENANT", "KEY"):
        mp.setenv(f"ECOMINTEL_RATE_LIMIT_{key}_PER_MINUTE", "100000")
        mp.setenv(f"ECOMINTEL_RATE_LIMIT_{key}_BURST", "100000")


def ingest_files(folder: Path, files: Mapping[str, str], encoding: str = "utf-8", tenant: str = "acme") -> Path:
    """Write ``files`` (name -> text) into ``folder`` and ingest each, in order, with ``ecomintel ingest``.

    The embedded home is ``folder / "home"`` (returned); the environment is restored afterwards.
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ECOMINTEL_HOME", str(folder / "home"))
        reset_deps()
        for name, text in files.items():
            path = folder / name
            path.write_bytes(text.encode(encoding))
            assert main(["ingest", str(path), "--tenant", tenant, "--json"]) == 0
    reset_deps()
    return folder / "home"


def ask_cli(home: Path, question: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
            tenant: str = "acme") -> str:
    """The answer of ``ecomintel ask QUESTION --json --no-cache`` on the embedded home ``home``."""
    capsys.readouterr()
    monkeypatch.setenv("ECOMINTEL_HOME", str(home))
    lift_rate_limits(monkeypatch)
    reset_deps()
    assert main(["ask", question, "--tenant", tenant, "--json", "--no-cache"]) == 0
    return Report.model_validate(json.loads(capsys.readouterr().out)).answer


def ingest_one(folder: Path, name: str, text: str, capsys: pytest.CaptureFixture[str]) -> dict[str, Any]:
    """``ecomintel ingest --json`` of ``text`` saved as ``folder/name``: its record, every row accounted for."""
    path = folder / name
    path.write_text(text, encoding="utf-8")
    assert main(["ingest", str(path), "--tenant", "acme", "--json"]) == 0
    doc: dict[str, Any] = json.loads(capsys.readouterr().out)
    assert doc["status"] == "processed"
    assert doc["rows_read"] == doc["accepted"] + doc["rejected"] + doc["duplicates"] + doc["held"] + doc["skipped"]
    return doc


def ingest_recorded(folder: Path, files: Mapping[str, str], encoding: str = "utf-8",
                    tenant: str = "acme") -> tuple[Path, dict[str, dict[str, Any]]]:
    """Each file ingested with ``ecomintel ingest --json`` in order into ``folder / "home"``: the home and each file's
    ingestion record, every row accounted for (stored, rejected, a duplicate, held or skipped)."""
    docs: dict[str, dict[str, Any]] = {}
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ECOMINTEL_HOME", str(folder / "home"))
        reset_deps()
        for name, text in files.items():
            path = folder / name
            path.write_bytes(text.encode(encoding))
            out = io.StringIO()
            with pytest.MonkeyPatch.context() as stdout:
                stdout.setattr("sys.stdout", out)
                code = main(["ingest", str(path), "--tenant", tenant, "--json"])
            assert code == 0, (name, out.getvalue()[-500:])
            doc: dict[str, Any] = json.loads(out.getvalue())
            assert doc["status"] == "processed", doc
            assert doc["rows_read"] == doc["accepted"] + doc["rejected"] + doc["duplicates"] + doc["held"] + \
                doc["skipped"], doc
            docs[name] = doc
    reset_deps()
    return folder / "home", docs


def stored_row(home: Path, sql: str, tenant: str = "acme") -> dict[str, Any]:
    """The first row of ``sql`` (``@t`` the tenant) on the embedded home ``home``."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ECOMINTEL_HOME", str(home))
        reset_deps()
        row = {str(k): v for k, v in get_deps().warehouse.query(sql, {"t": tenant}).to_dict("records")[0].items()}
    reset_deps()
    return row
