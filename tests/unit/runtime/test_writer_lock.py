"""The embedded home's writer lock: shared within a process, exclusive across processes, freed with the process."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from shared.adapters.local import writer
from shared.adapters.local.home import HomeBusy
from shared.runtime.access_log import AccessLog

HOLD = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    from shared.adapters.local.writer import acquire_writer, announce_api
    home = Path(sys.argv[1])
    acquire_writer(home, wait_seconds=0, command="ecomintel serve")
    announce_api(home, "http://127.0.0.1:9999")
    print("held", flush=True)
    sys.stdin.read()  # hold until the test closes stdin
""")


def _holder(home: Path) -> subprocess.Popen[str]:
    proc = subprocess.Popen([sys.executable, "-c", HOLD, str(home)], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            text=True, cwd=Path(__file__).resolve().parents[3])
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def test_one_process_shares_its_lock_and_frees_it_with_the_last_lease(tmp_path: Path) -> None:
    first = writer.acquire_writer(tmp_path, wait_seconds=0)
    second = writer.acquire_writer(tmp_path, wait_seconds=0)
    info = writer.current_writer(tmp_path)
    assert info is not None and info.pid == os.getpid()
    first.release()
    first.release()  # twice is once
    assert writer.current_writer(tmp_path) is not None
    second.release()
    assert writer.current_writer(tmp_path) is None


def test_another_process_is_named_and_waited_for(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    proc = _holder(tmp_path)
    notices: list[str] = []
    monkeypatch.setattr(writer, "wait_notice", notices.append)
    try:
        info = writer.current_writer(tmp_path)
        assert info == writer.WriterInfo(pid=proc.pid, command="ecomintel serve", api_url="http://127.0.0.1:9999")
        with pytest.raises(HomeBusy, match=f"in use by pid {proc.pid} \\(ecomintel serve\\)"):
            writer.acquire_writer(tmp_path, wait_seconds=0.3)
        assert notices == [f"waiting for pid {proc.pid} (ecomintel serve) to release {tmp_path.resolve()} "
                           "(up to 0.3 s; its API is http://127.0.0.1:9999)"]
    finally:
        proc.kill()  # even a killed holder lets go: the kernel drops its flock
        proc.wait()
    lease = writer.acquire_writer(tmp_path, wait_seconds=5)
    assert writer.current_writer(tmp_path) == writer.WriterInfo(pid=os.getpid(), command=writer.this_command())
    lease.release()


def test_a_stale_record_without_the_lock_is_nobody(tmp_path: Path) -> None:
    (tmp_path / writer.INFO_FILE).write_text('{"pid": 1, "command": "ecomintel serve", "api_url": "http://x"}')
    (tmp_path / writer.LOCK_FILE).touch()
    assert writer.current_writer(tmp_path) is None


def test_the_access_log_redacts_query_values() -> None:
    stream = io.StringIO()

    def app(environ: dict[str, str], start_response: object) -> list[bytes]:
        start_response("204 No Content", [])  # type: ignore[operator]
        return []

    logged = AccessLog(app, stream)
    environ = {"REQUEST_METHOD": "GET", "PATH_INFO": "/v1/me", "QUERY_STRING": "access_token=SECRET&x=1",
               "REMOTE_ADDR": "127.0.0.1", "SERVER_PROTOCOL": "HTTP/1.1"}
    logged(environ, lambda status, headers, exc_info=None: None)  # type: ignore[arg-type]
    line = stream.getvalue()
    assert '"GET /v1/me?access_token=REDACTED&x=REDACTED HTTP/1.1" 204 -' in line and "SECRET" not in line
