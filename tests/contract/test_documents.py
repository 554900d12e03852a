from __future__ import annotations

import threading
from typing import Any

from shared.ports import Filter


def test_set_get_roundtrip(documents: Any) -> None:
    documents.set("tenants/t1/things", "a", {"n": 1, "nested": {"x": "y"}})
    assert documents.get("tenants/t1/things", "a") == {"n": 1, "nested": {"x": "y"}}
    assert documents.get("tenants/t1/things", "missing") is None


def test_collections_are_isolated_by_path(documents: Any) -> None:
    documents.set("tenants/t1/things", "a", {"n": 1})
    assert documents.get("tenants/t2/things", "a") is None
    assert documents.query("tenants/t2/things") == []


def test_merge_keeps_other_fields(documents: Any) -> None:
    documents.set("c", "a", {"n": 1, "m": 2})
    documents.set("c", "a", {"m": 3}, merge=True)
    assert documents.get("c", "a") == {"n": 1, "m": 3}


def test_create_is_idempotency_primitive(documents: Any) -> None:
    assert documents.create("c", "k", {"v": 1}) is True
    assert documents.create("c", "k", {"v": 2}) is False
    assert documents.get("c", "k") == {"v": 1}


def test_query_filters_order_limit(documents: Any) -> None:
    for i in range(6):
        documents.set("c", f"d{i}", {"i": i, "kind": "even" if i % 2 == 0 else "odd"})
    got = documents.query("c", [Filter("kind", "==", "even")], order_by="i", descending=True)
    assert [d["i"] for d in got] == [4, 2, 0]
    assert [d["_id"] for d in got] == ["d4", "d2", "d0"]
    got = documents.query("c", [Filter("i", ">=", 3)], order_by="i", limit=2)
    assert [d["i"] for d in got] == [3, 4]
    got = documents.query("c", [Filter("i", "in", [1, 5])], order_by="i")
    assert [d["i"] for d in got] == [1, 5]


def test_delete(documents: Any) -> None:
    documents.set("c", "a", {"n": 1})
    documents.delete("c", "a")
    assert documents.get("c", "a") is None
    documents.delete("c", "a")  # deleting twice is fine


def test_transact_is_atomic_under_concurrency(documents: Any) -> None:
    def bump(doc: dict[str, Any]) -> int:
        doc["n"] = doc.get("n", 0) + 1
        return int(doc["n"])

    threads = [threading.Thread(target=lambda: [documents.transact("c", "counter", bump) for _ in range(10)])
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert documents.get("c", "counter") == {"n": 40}


def test_arrays_inside_arrays_round_trip(documents: Any) -> None:
    """A report's table rows are lists of lists: every adapter stores and returns them as they are."""
    table = {"columns": ["sku", "units"], "rows": [["A-1", 3], ["B-2", 5]], "deep": [[[1, 2], []], [{"x": [[1]]}]]}
    documents.set("tenants/t1/reports", "r1", {"table": table, "plain": [1, 2], "kind": "report"})
    assert documents.get("tenants/t1/reports", "r1") == {"table": table, "plain": [1, 2], "kind": "report"}
    assert documents.create("tenants/t1/reports", "r2", {"rows": [["x"]]})
    assert documents.query("tenants/t1/reports", [Filter("kind", "==", "report")])[0]["table"] == table

    def add_row(doc: dict[str, Any]) -> None:
        doc.setdefault("rows", []).append(["y", 1])

    documents.transact("tenants/t1/reports", "r2", add_row)
    assert documents.get("tenants/t1/reports", "r2") == {"rows": [["x"], ["y", 1]]}
