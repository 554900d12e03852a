"""Publishing the console to its bucket, against fake-gcs-server through the official google-cloud-storage client.

Each object's Content-Type, Cache-Control and release are read back as Cloud Storage keeps them; a release
switches at index.html, the one it replaced stays one more release, older ones go. Only fake-gcs-server is
started (the emulator tier's storage engine); without it the emulator tests skip and say why.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bundling.console_publish import (
    INDEX,
    RELEASE_KEY,
    NotBuilt,
    console_files,
    main,
    publish_console,
    release_of,
)
from local_emulator import engines
from shared.runtime.console_assets import CONSOLE_DIST

IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def gcs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """fake-gcs-server on a free port; its STORAGE_EMULATOR_HOST."""
    if reason := engines.detect()["storage"]:
        pytest.skip(f"storage emulator unavailable: {reason}")
    proc = engines.start_storage(tmp_path_factory.mktemp("gcs-logs"))
    try:
        yield engines.emulator_env({"storage": proc})["STORAGE_EMULATOR_HOST"]
    finally:
        proc.stop()


@pytest.fixture
def bucket(gcs: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, str]:
    """The official client on the emulator and a fresh bucket."""
    from shared.adapters.gcp.clients import storage_client

    monkeypatch.setenv("STORAGE_EMULATOR_HOST", gcs)
    client = storage_client("console-publish")
    name = f"console-{uuid.uuid4().hex[:10]}"
    client.create_bucket(name)
    return client, name


def build(root: Path, version: str) -> Path:
    """A build shaped like Vite's: index.html naming its hashed entry files, a lazy chunk, an unhashed icon."""
    dist = root / version
    (dist / "assets").mkdir(parents=True)
    (dist / INDEX).write_text(
        f'<!doctype html><html><head><script type="module" crossorigin src="/assets/index-{version}.js"></script>'
        f'<link rel="stylesheet" crossorigin href="/assets/index-{version}.css"></head>'
        '<body><div id="root"></div></body></html>')
    (dist / "assets" / f"index-{version}.js").write_text(f'import("./Chart-{version}.js");')
    (dist / "assets" / f"index-{version}.css").write_text("body{margin:0}")
    (dist / "assets" / f"Chart-{version}.js").write_text("export default 1;")
    (dist / "favicon.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>')
    return dist


def objects(client: Any, name: str) -> dict[str, Any]:
    return {b.name: b for b in client.list_blobs(name)}


def test_every_object_carries_its_type_cache_policy_and_release(bucket: tuple[Any, str], tmp_path: Path) -> None:
    client, name = bucket
    dist = build(tmp_path, "a1b2c3")
    report = publish_console(client, name, dist)
    assert report.uploaded[-1] == INDEX and report.deleted == []
    stored = objects(client, name)
    assert sorted(stored) == sorted(["index.html", "favicon.svg", "assets/index-a1b2c3.js",
                                     "assets/index-a1b2c3.css", "assets/Chart-a1b2c3.js"])
    expected = {
        "index.html": ("text/html; charset=utf-8", "no-cache"),
        "favicon.svg": ("image/svg+xml", "no-cache"),
        "assets/index-a1b2c3.js": ("text/javascript; charset=utf-8", IMMUTABLE),
        "assets/Chart-a1b2c3.js": ("text/javascript; charset=utf-8", IMMUTABLE),
        "assets/index-a1b2c3.css": ("text/css; charset=utf-8", IMMUTABLE),
    }
    for obj_name, (ctype, cache) in expected.items():
        blob = client.bucket(name).get_blob(obj_name)  # read back: what Cloud Storage serves the LB with
        assert (blob.content_type, blob.cache_control) == (ctype, cache), obj_name
        assert blob.metadata[RELEASE_KEY] == release_of(dist), obj_name
        assert blob.download_as_bytes() == (dist / obj_name).read_bytes()
    # the index went up after every file it references (a reader of the new index finds them all)
    index_gen = stored["index.html"].generation
    assert all(b.generation < index_gen for n, b in stored.items() if n != "index.html")


def test_a_release_switches_at_the_index_and_keeps_the_one_it_replaced(
        bucket: tuple[Any, str], tmp_path: Path) -> None:
    client, name = bucket
    first, second, third = build(tmp_path, "r1"), build(tmp_path, "r2"), build(tmp_path, "r3")
    publish_console(client, name, first)
    report = publish_console(client, name, second)
    assert report.previous == release_of(first) and report.deleted == []
    # a tab still on r1 can load its lazy chart chunk
    assert sorted(report.kept) == ["assets/Chart-r1.js", "assets/index-r1.css", "assets/index-r1.js"]
    assert b"index-r2.js" in client.bucket(name).blob(INDEX).download_as_bytes()

    report = publish_console(client, name, third)
    assert sorted(report.deleted) == ["assets/Chart-r1.js", "assets/index-r1.css", "assets/index-r1.js"]
    assert sorted(report.kept) == ["assets/Chart-r2.js", "assets/index-r2.css", "assets/index-r2.js"]
    # publishing the live release again keeps the one before it (r2), not itself twice
    again = publish_console(client, name, third)
    assert again.previous == release_of(second) and again.deleted == []
    assert sorted(objects(client, name)) == sorted([
        "index.html", "favicon.svg", *(f"assets/{f}-{v}.{e}" for v in ("r2", "r3")
                                        for f, e in (("index", "js"), ("index", "css"), ("Chart", "js")))])


def test_an_object_of_no_release_is_stale(bucket: tuple[Any, str], tmp_path: Path) -> None:
    client, name = bucket
    client.bucket(name).blob("assets/hand-made.js").upload_from_string("1")
    report = publish_console(client, name, build(tmp_path, "x1"))
    assert report.deleted == ["assets/hand-made.js"]


def test_an_incomplete_build_uploads_nothing(bucket: tuple[Any, str], tmp_path: Path) -> None:
    client, name = bucket
    dist = build(tmp_path, "broken")
    (dist / "assets" / "index-broken.css").unlink()
    with pytest.raises(NotBuilt, match="assets/index-broken.css"):
        publish_console(client, name, dist)
    assert objects(client, name) == {}


def test_the_command_publishes_to_the_emulator(bucket: tuple[Any, str], tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    client, name = bucket
    dist = build(tmp_path, "cli1")
    assert main(["--bucket", name, "--dist", str(dist), "--project", "console-publish"]) == 0
    assert f"release {release_of(dist)}: 5 files up" in capsys.readouterr().out
    assert client.bucket(name).get_blob("assets/index-cli1.js").cache_control == IMMUTABLE
    assert main(["--bucket", name, "--dist", str(tmp_path / "nothing")]) == 2


def test_the_real_build_has_a_type_and_policy_for_every_file() -> None:
    if not (CONSOLE_DIST / INDEX).is_file():
        pytest.skip("the console is not built (make console)")
    files = console_files(CONSOLE_DIST)
    assert files[-1].name == INDEX
    for f in files:
        assert f.content_type != "application/octet-stream", f.name
        hashed = f.name.startswith("assets/")
        assert f.cache_control == (IMMUTABLE if hashed else "no-cache"), f.name
