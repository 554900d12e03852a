"""Test isolation: every test gets its own environment, embedded home and fresh cached deps."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from shared.deps import reset_deps

# Property tests: no per-example deadline (a loaded 2-core CI box is not a performance test), and in CI a
# derandomized search so a green main stays green; locally the search explores new examples each run.
settings.register_profile("dev", deadline=None)
settings.register_profile("ci", deadline=None, derandomize=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Clear ECOMINTEL_* and cloud emulator variables, point the embedded home at a temp dir."""
    for key in list(os.environ):
        if key.startswith(("ECOMINTEL_", "PUBSUB_EMULATOR", "FIRESTORE_EMULATOR", "STORAGE_EMULATOR",
                           "GEMINI_", "GOOGLE_API_KEY")):
            monkeypatch.delenv(key, raising=False)
    home = tmp_path / "ecomintel-home"
    monkeypatch.setenv("ECOMINTEL_HOME", str(home))
    # the forecast warm-up fits five horizon bands on every sales update: only its own tests turn it on
    monkeypatch.setenv("ECOMINTEL_FORECAST_WARMUP_DAYS", "[]")
    reset_deps()
    yield home
    reset_deps()
