from __future__ import annotations

import flask
import pytest
from werkzeug.datastructures import Headers
from werkzeug.test import EnvironBuilder

from shared.http import client_address, register_templates, route_label


def _request(path: str = "/", headers: dict[str, str] | None = None) -> flask.Request:
    env = EnvironBuilder(path=path, headers=Headers(headers or {}),
                         environ_base={"REMOTE_ADDR": "10.0.0.9"}).get_environ()
    return flask.Request(env)


@pytest.mark.parametrize("hops,xff,expected", [
    (0, "1.2.3.4", "10.0.0.9"),                 # local: never trust the header
    (1, "6.6.6.6, 1.2.3.4", "1.2.3.4"),         # one trusted proxy appended the real client
    (2, "6.6.6.6, 1.2.3.4, 35.1.1.1", "1.2.3.4"),
    (2, "1.2.3.4", "10.0.0.9"),                 # fewer entries than proxies: fall back to the peer
])
def test_client_address_ignores_forged_forwarded_for(hops: int, xff: str, expected: str) -> None:
    assert client_address(_request(headers={"X-Forwarded-For": xff}), hops) == expected


def test_route_label_uses_documented_templates() -> None:
    register_templates(["/v1/api-keys/{key_id}", "/v1/jobs/{job_id}"])  # as the functions' Routes do
    assert route_label(_request("/v1/api-keys/abc"), "x") == "/v1/api-keys/{key_id}"
    assert route_label(_request("/v1/jobs/0123"), "x") == "/v1/jobs/{job_id}"
    assert route_label(_request("/v1/unknown/thing"), "fallback") == "fallback"
