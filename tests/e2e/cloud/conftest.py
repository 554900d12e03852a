"""The emulator stack for e2e tests: started once per test process, stopped at the end."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from local_emulator import engines, stack

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "functions"
T = TypeVar("T")


def skip_reason() -> str | None:
    """Why the emulator stack cannot run here, or ``None``."""
    missing = {k: v for k, v in engines.detect().items() if v}
    return "; ".join(f"{k}: {v}" for k, v in missing.items()) or None


def wait_for(check: Callable[[], T | None], *, timeout: float = 60.0, what: str = "condition") -> T:
    """Poll ``check`` until it returns something other than ``None``/``False`` (no fixed sleeps in tests)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        result = check()
        if result is not None and result is not False:  # a DataFrame has no truth value
            return result
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


class RunningStack:
    """A stack that is up, with helpers to point this process's clients at it."""

    def __init__(self, state: stack.StackState, state_dir: Path) -> None:
        self.state = state
        self.state_dir = state_dir

    def use(self, monkeypatch: pytest.MonkeyPatch) -> None:
        """Point ``get_deps()`` and ``runtime_for`` in this test at the stack."""
        from shared.deps import reset_deps

        for key, value in self.state.env.items():
            monkeypatch.setenv(key, value)
        if (signing := stack.read_signing_key(self.state_dir)) is not None:  # the functions verify with this key
            monkeypatch.setenv(stack.SIGNING_KEY_ENV, signing)
        monkeypatch.setenv("ECOMINTEL_BACKEND", "emulator")
        monkeypatch.setenv("ECOMINTEL_PROJECT_ID", self.state.project)
        monkeypatch.setenv("ECOMINTEL_DATASET", self.state.dataset)
        monkeypatch.setenv("ECOMINTEL_BUCKET_PREFIX", self.state.bucket_prefix)
        monkeypatch.setenv("ECOMINTEL_EMULATOR_STATE", str(self.state_dir))
        reset_deps()


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


@pytest.fixture(scope="session")
def fixture_stack(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[Any]:
    """One fixture stack shared by the xdist workers of this run (file lock + user count).

    ``--dist loadgroup`` cannot keep these tests on one worker with this pytest (the group suffix
    is not applied), so the workers share the stack instead of each starting its own.
    """
    reason = skip_reason()
    if reason:
        pytest.skip(f"emulator stack unavailable: {reason}")
    root = tmp_path_factory.getbasetemp() if worker_id == "master" else tmp_path_factory.getbasetemp().parent
    state_dir = root / "shared-fixture-stack"
    users = root / "shared-fixture-stack.users"
    with _locked(root / "shared-fixture-stack.lock"):
        state = stack.StackState.load(state_dir)
        if state is None or not all(p.alive() for p in state.process_list()):
            saved = dict(os.environ)
            state = stack.up(
                state_dir=state_dir,
                manifest_path=FIXTURES / "manifest.yaml",
                functions_dir=FIXTURES,
                project=f"fixture-{uuid.uuid4().hex[:8]}",
            )
            os.environ.clear()
            os.environ.update(saved)
        users.write_text(str(int(users.read_text() or 0) + 1 if users.exists() else 1))
    procs = state.process_list()
    try:
        yield RunningStack(state, state_dir)
    finally:
        with _locked(root / "shared-fixture-stack.lock"):
            remaining = int(users.read_text()) - 1
            users.write_text(str(remaining))
            if remaining == 0:
                stopped = stack.down(state_dir)
                # 'down' stops exactly what 'up' started, and all of it.
                assert sorted(stopped) == sorted(p.name for p in procs)
                assert not [p.name for p in procs if p.alive()]
                assert stack.down(state_dir) == []


def function_stack(
    tmp_path_factory: pytest.TempPathFactory,
    required: tuple[str, ...],
    prefix: str,
    settings: dict[str, str] | None = None,
) -> Iterator[RunningStack]:
    """A stack running the real ``required`` functions; skips naming what is missing (folders or engines).

    ``settings``: the operator's environment of the functions (what Terraform would set), in this process's
    environment while the stack runs (the function processes inherit it), restored after.
    """
    from shared.manifest import FUNCTIONS_DIR

    missing = [f"functions/{name}" for name in required if not (FUNCTIONS_DIR / name / "main.py").exists()]
    if missing:
        pytest.skip(f"real functions not in this build: {', '.join(missing)} missing")
    if reason := skip_reason():
        pytest.skip(f"emulator stack unavailable: {reason}")
    saved = dict(os.environ)
    os.environ.update(settings or {})
    try:
        state_dir = tmp_path_factory.mktemp(f"{prefix}-stack")
        state = stack.up(state_dir=state_dir, project=f"{prefix}-{uuid.uuid4().hex[:8]}", only=list(required))
        try:
            yield RunningStack(state, state_dir)
        finally:
            stack.down(state_dir)
    finally:
        os.environ.clear()
        os.environ.update(saved)
