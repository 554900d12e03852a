"""Factories for the official-client adapters against local emulators (built in the emulator issue)."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any


def available(port: str) -> tuple[bool, str]:
    return False, "official-client adapters are not built yet"


@contextlib.contextmanager
def make_documents(tmp_path: Path) -> Iterator[Any]:
    raise NotImplementedError
    yield


make_blobs = make_bus = make_warehouse = make_documents
