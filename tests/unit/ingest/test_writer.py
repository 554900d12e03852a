from __future__ import annotations

import functools
import threading
import time

import pytest

from shared.ingest.writer import BackgroundWriter


def test_writes_run_in_order_on_one_other_thread_and_sum_per_label() -> None:
    seen: list[tuple[int, str]] = []

    def write(n: int) -> int:
        time.sleep(0.01 * (3 - n))  # later writes are quicker: order must still hold
        seen.append((n, threading.current_thread().name))
        return n

    with BackgroundWriter() as writer:
        for n in range(3):
            writer.submit("staged", functools.partial(write, n))
        writer.submit("rejects", lambda: 5)
        totals = writer.flush()
    assert [n for n, _ in seen] == [0, 1, 2]
    assert len({name for _, name in seen}) == 1 and seen[0][1] != threading.current_thread().name
    assert totals == {"staged": 3, "rejects": 5}


def test_a_failed_write_surfaces_once_the_queue_is_full_or_at_flush() -> None:
    def boom() -> int:
        raise RuntimeError("warehouse down")

    with BackgroundWriter(depth=1) as writer:
        writer.submit("staged", boom)
        with pytest.raises(RuntimeError, match="warehouse down"):
            writer.submit("staged", lambda: 1)
    with BackgroundWriter(depth=2) as writer:
        writer.submit("staged", boom)
        writer.submit("staged", lambda: 1)  # room in the queue: no wait, no error yet
        with pytest.raises(RuntimeError, match="warehouse down"):
            writer.flush()


def test_leaving_the_block_waits_for_the_write_in_flight_without_raising() -> None:
    done = threading.Event()

    def slow() -> int:
        time.sleep(0.05)
        done.set()
        raise RuntimeError("late")

    with pytest.raises(ValueError, match="parser"), BackgroundWriter() as writer:
        writer.submit("staged", slow)
        raise ValueError("parser failed")  # the caller's error wins, and the write has finished
    assert done.is_set()


def test_writes_queued_behind_a_failure_are_skipped() -> None:
    ran: list[str] = []

    def boom() -> int:
        raise RuntimeError("warehouse down")

    def later() -> int:
        ran.append("later")
        return 1

    writer = BackgroundWriter(depth=3)
    with pytest.raises(RuntimeError, match="warehouse down"), writer:
        writer.submit("staged", boom)
        writer.submit("staged", later)
        writer.flush()
    assert ran == []
