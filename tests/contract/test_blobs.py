from __future__ import annotations

import io
from typing import Any

import pytest


def test_write_stat_open(blobs: Any) -> None:
    info = blobs.write("bkt", "raw/t1/sales/a.csv", b"a,b\n1,2\n", content_type="text/csv", metadata={"k": "v"})
    assert info.size == 8 and info.generation
    stat = blobs.stat("bkt", "raw/t1/sales/a.csv")
    assert stat is not None and stat.size == 8 and stat.metadata.get("k") == "v"
    with blobs.open("bkt", "raw/t1/sales/a.csv") as fh:
        assert fh.read() == b"a,b\n1,2\n"


def test_streaming_write_and_list(blobs: Any) -> None:
    payload = b"x" * (3 << 20)
    blobs.write("bkt", "p/big.bin", io.BytesIO(payload))
    blobs.write("bkt", "q/other.bin", b"y")
    names = [b.name for b in blobs.list("bkt", "p/")]
    assert names == ["p/big.bin"]
    assert blobs.stat("bkt", "p/big.bin").size == len(payload)


def test_missing_and_delete(blobs: Any) -> None:
    assert blobs.stat("bkt", "nope") is None
    blobs.write("bkt", "gone.txt", b"1")
    blobs.delete("bkt", "gone.txt")
    assert blobs.stat("bkt", "gone.txt") is None


def test_signed_url_names_the_object(blobs: Any) -> None:
    url = blobs.signed_url("bkt", "raw/t1/x.csv", method="PUT", expires_seconds=60)
    assert url.startswith("http") and "x.csv" in url


@pytest.mark.parametrize("bad", ["../etc/passwd", "a/../../b", "/abs"])
def test_traversal_names_refused(blobs: Any, bad: str) -> None:
    with pytest.raises(ValueError):
        blobs.write("bkt", bad, b"1")
