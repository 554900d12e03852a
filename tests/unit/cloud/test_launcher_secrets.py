"""The launcher keeps the JWT signing key in a 0600 file and never prints it; readiness waits back off."""

from __future__ import annotations

import contextlib
import io
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from local_emulator import engines, stack
from local_emulator.__main__ import main


def _state(state_dir: Path, key_file: Path) -> stack.StackState:
    return stack.StackState(project="p", dataset="d", bucket_prefix="b",
                            env={"PUBSUB_EMULATOR_HOST": "127.0.0.1:1", "STORAGE_EMULATOR_HOST": "http://127.0.0.1:2"},
                            processes={}, functions={"auth": "http://127.0.0.1:3"}, subscriptions={},
                            manifest="m.yaml", signing_key_file=str(key_file))


def test_signing_key_file_is_owner_only(tmp_path: Path) -> None:
    path = stack.write_signing_key(tmp_path / "state")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    key = stack.read_signing_key(tmp_path / "state")
    assert key and len(key) >= 32
    # a new stack gets a new key; the caller's key wins when given
    assert stack.write_signing_key(tmp_path / "state") == path and stack.read_signing_key(tmp_path / "state") != key
    stack.write_signing_key(tmp_path / "state", "callers-key")
    assert stack.read_signing_key(tmp_path / "state") == "callers-key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_env_exports_the_key_without_printing_it(tmp_path: Path) -> None:
    state_dir = tmp_path / "state"
    key_file = stack.write_signing_key(state_dir)
    key = key_file.read_text()
    state = _state(state_dir, key_file)
    state.save(state_dir)
    assert key not in (state_dir / stack.STATE_FILE).read_text()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["--state-dir", str(state_dir), "env"]) == 0
    printed = out.getvalue()
    assert key not in printed
    assert "export PUBSUB_EMULATOR_HOST=127.0.0.1:1" in printed
    # ...and yet a shell that evals it has the key (read from the file)
    shell = subprocess.run(["bash", "-c", f'eval "$({sys.executable} -m local_emulator --state-dir {state_dir} env)"'
                            ' && printf %s "$ECOMINTEL_JWT_SIGNING_KEY"'],
                           capture_output=True, text=True, check=True, cwd=stack.engines.REPO_ROOT)
    assert shell.stdout == key


def test_down_removes_the_key(tmp_path: Path) -> None:
    key_file = stack.write_signing_key(tmp_path)
    _state(tmp_path, key_file).save(tmp_path)
    assert stack.down(tmp_path) == []
    assert not key_file.exists()


class _Alive:
    log = "/nonexistent"

    def alive(self) -> bool:
        return True

    def stop(self) -> None:
        self.stopped = True


def test_wait_until_backs_off_and_stops_at_the_timeout() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(seconds: float) -> None:
        slept.append(seconds)
        now[0] += seconds

    proc = _Alive()
    with pytest.raises(TimeoutError, match="not ready after 10s"):
        engines.wait_until(lambda: False, process=proc, timeout=10, what="slow", sleep=sleep,  # type: ignore[arg-type]
                           clock=lambda: now[0])
    assert slept[:4] == [0.05, 0.1, 0.2, 0.4] and max(slept) == 2.0
    assert sum(slept) == pytest.approx(10.0)
    assert len(slept) < 20  # backoff: far fewer polls than a fixed 0.1 s interval (100)
    assert getattr(proc, "stopped", False)


def test_wait_until_returns_once_ready() -> None:
    calls = iter([False, False, True])
    slept: list[float] = []
    engines.wait_until(lambda: next(calls), process=_Alive(), timeout=5, what="x",  # type: ignore[arg-type]
                       sleep=slept.append, clock=lambda: 0.0)
    assert slept == [0.05, 0.1]


def test_start_timeout_is_configurable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ECOMINTEL_EMULATOR_START_TIMEOUT", raising=False)
    assert engines.start_timeout() == engines.DEFAULT_START_TIMEOUT > 30
    monkeypatch.setenv("ECOMINTEL_EMULATOR_START_TIMEOUT", "300")
    assert engines.start_timeout() == 300.0
    monkeypatch.setenv("ECOMINTEL_EMULATOR_START_TIMEOUT", "0")
    with pytest.raises(ValueError, match="positive"):
        engines.start_timeout()
