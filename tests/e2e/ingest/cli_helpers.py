"""What the CLI ingest tests share: running ``ecomintel`` in process, a subprocess's environment, a free port,
and the signed-URL requests a run sends (the ``served_gateway`` fixture that serves them is in ``conftest``)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from shared.cli.main import main
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


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


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
