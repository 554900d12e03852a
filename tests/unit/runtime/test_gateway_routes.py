"""The gateway remembers matched routes (bounded) without changing what any request gets."""

from __future__ import annotations

import pytest
from werkzeug.test import Client

from shared.runtime import gateway as gateway_module
from shared.runtime.gateway import Gateway


def test_remembered_routes_answer_as_before_and_stay_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gateway_module, "MATCH_CACHE_SIZE", 3)
    gw = Gateway()
    api = Client(gw)
    for _ in range(2):  # the second round is served from the remembered matches
        assert api.get("/v1/me").status_code == 401
        assert api.delete("/v1/me").status_code == 405
        assert api.get("/v1/nothing-here").status_code == 404
        assert api.get("/v1/alerts/a1").status_code == 401
    assert set(gw._matched) == {("GET", "/v1/me"), ("GET", "/v1/alerts/a1")}  # refusals are not remembered
    for i in range(5):
        api.get(f"/v1/alerts/a{i}")
    assert len(gw._matched) <= 3
    assert api.open("/v1/me", method="OPTIONS").status_code in (200, 204)
