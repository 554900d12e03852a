"""The gateway serves the console: hashed assets long-cached, index.html never cached, a strict CSP."""

from __future__ import annotations

from pathlib import Path

import pytest
from werkzeug.test import Client

from shared.runtime.console_assets import CONTENT_SECURITY_POLICY, ConsoleAssets
from shared.runtime.gateway import Gateway


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<!doctype html><script type="module" src="/assets/app-abc123.js"></script>')
    (tmp_path / "assets" / "app-abc123.js").write_text("console.log('hi')")
    (tmp_path / "robots.txt").write_text("User-agent: *")
    (tmp_path.parent / "secret.txt").write_text("nope")
    return tmp_path


def _client(root: Path) -> Client:
    return Client(Gateway(console=ConsoleAssets(root)))


def test_index_is_never_cached_and_carries_a_strict_csp(dist: Path) -> None:
    resp = _client(dist).get("/")
    assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert resp.headers["Cache-Control"] == "no-cache"
    csp = resp.headers["Content-Security-Policy"]
    assert csp == CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp and resp.headers["X-Frame-Options"] == "DENY"


def test_pages_of_the_app_get_index(dist: Path) -> None:
    client = _client(dist)
    for page in ("/ask", "/upload", "/signin", "/settings/keys"):
        resp = client.get(page)
        assert resp.status_code == 200 and b"app-abc123.js" in resp.data, page


def test_hashed_assets_are_cached_for_a_year(dist: Path) -> None:
    resp = _client(dist).get("/assets/app-abc123.js")
    assert resp.status_code == 200 and resp.data == b"console.log('hi')"
    assert resp.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert resp.mimetype is not None and "javascript" in resp.mimetype
    assert _client(dist).get("/robots.txt").headers["Cache-Control"] == "no-cache"


def test_missing_files_and_traversal_are_404_json(dist: Path) -> None:
    client = _client(dist)
    for path in ("/assets/missing.js", "/../secret.txt", "/assets/../../secret.txt", "/%2e%2e/secret.txt"):
        resp = client.get(path)
        assert resp.status_code == 404, path
        assert b"nope" not in resp.data


def test_api_paths_are_never_the_console(dist: Path) -> None:
    client = _client(dist)
    resp = client.get("/v1/nothing-here")
    assert resp.status_code == 404 and resp.get_json()["error"]["code"] == "not_found"
    assert client.post("/ask").status_code == 404  # only GET/HEAD serve pages
    assert client.get("/healthz").get_json() == {"status": "ok"}


def test_without_a_build_the_page_says_how_to_build(tmp_path: Path) -> None:
    resp = _client(tmp_path / "absent").get("/")
    assert resp.status_code == 503 and b"make console" in resp.data
    assert resp.headers["Cache-Control"] == "no-store"
