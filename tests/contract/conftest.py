"""Contract fixtures: each port fixture is parametrised over every adapter family.

An adapter whose engine is missing is skipped with the reason (never silently passed).
``ADAPTER_FACTORIES`` maps a family to a module exposing ``make_<port>(tmp_path)`` context managers.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

# The emulator family runs in one xdist group so each test process starts the emulators at most once.
ADAPTER_FAMILIES = [
    "local",
    pytest.param("emulator", marks=[pytest.mark.emulator, pytest.mark.xdist_group("emulators")]),
]
PORTS = ["documents", "blobs", "bus", "warehouse"]


@contextmanager
def adapter(family: str, port: str, tmp_path: Path) -> Iterator[Any]:
    """The ``family``'s adapter for ``port`` (the test is skipped, saying why, when this machine lacks it)."""
    module = importlib.import_module(f"tests.contract.adapters_{family}")
    available, reason = module.available(port)
    if not available:
        pytest.skip(f"{family} {port} adapter unavailable: {reason}")
    with getattr(module, f"make_{port}")(tmp_path) as made:
        yield made


@pytest.fixture(params=ADAPTER_FAMILIES)
def documents(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    with adapter(request.param, "documents", tmp_path) as made:
        yield made


@pytest.fixture(params=ADAPTER_FAMILIES)
def blobs(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    with adapter(request.param, "blobs", tmp_path) as made:
        yield made


@pytest.fixture(params=ADAPTER_FAMILIES)
def bus(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    with adapter(request.param, "bus", tmp_path) as made:
        yield made


@pytest.fixture(params=ADAPTER_FAMILIES)
def warehouse(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    with adapter(request.param, "warehouse", tmp_path) as made:
        yield made


@pytest.fixture(params=[ADAPTER_FAMILIES[1]])
def bigquery_warehouse(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Any]:
    """The official-client warehouse only, for what is BigQuery's own (load jobs)."""
    with adapter(request.param, "warehouse", tmp_path) as made:
        yield made
