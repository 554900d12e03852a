"""``ecomintel serve`` prepares its interpreter for a short latency tail (#19 load goal).

Before: every function was imported on its first request and the collector's full collections walked every
long-lived object (80-500 ms pauses under ``bench/api_load.py``).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from shared.cli import serve
from shared.runtime import local
from shared.runtime.gateway import create_gateway


@pytest.fixture
def restored_interpreter() -> Iterator[None]:
    yield
    gc.unfreeze()


def test_objects_alive_at_start_up_leave_the_collectors_sight(restored_interpreter: None) -> None:
    long_lived = [[i] for i in range(10_000)]  # tracked containers, like a loaded app's
    before = gc.get_freeze_count()
    serve.tune_interpreter()
    assert gc.get_freeze_count() - before >= len(long_lived)
    collectable = {id(x) for generation in range(3) for x in gc.get_objects(generation=generation)}
    assert not any(id(x) in collectable for x in long_lived)


def test_every_served_function_is_imported_before_the_first_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(local, "_apps", {})
    gateway = create_gateway()
    served = {name for name in gateway.functions.values() if gateway.available(name)}
    assert served and serve.load_functions(gateway) == len(served)
    assert set(local._apps) == served
