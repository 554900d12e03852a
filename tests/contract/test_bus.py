from __future__ import annotations

from typing import Any


def test_publish_fans_out_to_each_subscription(bus: Any) -> None:
    bus.subscribe("t", "s1")
    bus.subscribe("t", "s2")
    mid = bus.publish("t", b'{"x": 1}', {"kind": "sales"})
    got1 = bus.receive("s1")
    got2 = bus.receive("s2")
    assert [(d, a.get("kind"), i) for d, a, i in got1] == [(b'{"x": 1}', "sales", mid)]
    assert len(got2) == 1
    assert bus.receive("s1") == []  # acked messages are not redelivered


def test_messages_before_subscription_are_not_delivered(bus: Any) -> None:
    bus.publish("t2", b"early")
    bus.subscribe("t2", "late")
    bus.publish("t2", b"after")
    assert [d for d, _, _ in bus.receive("late")] == [b"after"]
