"""A signed upload URL is used once (#19 item 10): a second PUT, even of other bytes, is refused."""

from __future__ import annotations

import threading
import urllib.parse
from typing import Any

from shared.runtime.local import HttpResult
from tests.e2e.ingest.conftest import Harness

BODY = b"sku,date,units\nS1,2024-01-01,7\n"


def _grant(harness: Harness) -> tuple[dict[str, Any], str, dict[str, str]]:
    auth = {"Authorization": f"Bearer {harness.token()}"}
    resp = harness.runtime.call_http("upload", "POST", "/v1/uploads:signed-url", headers=auth,
                                     json_body={"kind": "sales", "filename": "big.csv", "content_type": "text/csv"})
    assert resp.status == 201, resp.body
    grant = resp.json()
    url = urllib.parse.urlsplit(grant["url"])
    return grant, urllib.parse.unquote(url.path), dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))


def _put(harness: Harness, path: str, query: dict[str, str], body: bytes) -> HttpResult:
    return harness.runtime.call_http("upload", "PUT", path, query=query, data=body,
                                     headers={"Content-Type": "text/csv"})


def test_the_second_put_is_refused_and_the_file_is_ingested_once(harness: Harness) -> None:
    grant, path, query = _grant(harness)
    assert _put(harness, path, query, BODY).status == 201
    again = _put(harness, path, query, b"sku,date,units\nEVIL,2024-01-01,999\n")
    assert again.status == 403 and "already used" in again.json()["error"]["message"]
    harness.runtime.drain()
    assert harness.ingestion_of(grant["object"])["accepted"] == 1
    assert harness.rows("SELECT sku, units FROM sales") == [{"sku": "S1", "units": 7}]
    with harness.deps.blobs.open(grant["bucket"], grant["object"]) as stored:
        assert stored.read() == BODY


def test_two_puts_racing_on_one_url_store_one_file(harness: Harness) -> None:
    _, path, query = _grant(harness)
    statuses: list[int] = []
    threads = [threading.Thread(target=lambda: statuses.append(_put(harness, path, query, BODY).status))
               for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(statuses) == [201, 403, 403, 403]


def test_each_url_is_its_own(harness: Harness) -> None:
    _, path_a, query_a = _grant(harness)
    _, path_b, query_b = _grant(harness)
    assert _put(harness, path_a, query_a, BODY).status == 201
    assert _put(harness, path_b, query_b, BODY).status == 201
