"""Publish the built web console to its Cloud Storage bucket, behind the API's HTTPS entry (terraform/console.tf).

``python -m bundling.console_publish --bucket <bucket_prefix>-console`` uploads ``shared/console_dist`` (what
``make console`` builds) with the cache policy the local gateway serves it with (``shared/runtime/console_assets``):

- hashed files under ``assets/`` are ``public, max-age=31536000, immutable``: a name is never reused for other
  bytes, so browsers and Cloud CDN keep them for a year;
- ``index.html`` (and any other unhashed file) is ``no-cache``: always revalidated, so a release is picked up on
  the next load.

A release switches at one write. Every new asset goes up first (the live ``index.html`` references none of
them yet), then ``index.html``; only after that are stale objects deleted. The objects of the release just
replaced stay one more release, so a tab opened before the switch can still load its lazy chunks (the chart
bundle). Each object records its release (``console-release`` metadata: a digest of the index it belongs to);
the bucket holds the console and nothing else, so an object of no kept release is stale.
"""

from __future__ import annotations

import argparse
import hashlib
import mimetypes
import os
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from shared.runtime.console_assets import ASSET_CACHE, CONSOLE_DIST, PAGE_CACHE

if TYPE_CHECKING:
    from google.cloud import storage  # type: ignore[attr-defined]

INDEX = "index.html"
ASSETS_PREFIX = "assets/"
RELEASE_KEY = "console-release"
PREVIOUS_KEY = "console-previous-release"

#: What Vite emits, typed explicitly: a module script served with another type is refused by the browser,
#: and ``mimetypes`` varies by platform (``.js`` is ``application/javascript`` on some, absent on others).
CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".webp": "image/webp",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".txt": "text/plain; charset=utf-8",
    ".wasm": "application/wasm",
}
_REFERENCED = re.compile(r'(?:src|href)="/(assets/[^"?#]+)"')


class NotBuilt(RuntimeError):
    """The console build is missing or incomplete (run ``make console``)."""


@dataclass(frozen=True)
class ConsoleFile:
    """One file of the build as it is stored: object name, local path, and the headers it is served with."""

    name: str
    path: Path
    content_type: str
    cache_control: str


@dataclass
class PublishReport:
    """What a publish did, in order: uploads (``index.html`` last), then deletions."""

    release: str
    previous: str | None
    uploaded: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)


def content_type(name: str) -> str:
    """The Content-Type a file is served with."""
    suffix = Path(name).suffix.lower()
    if suffix in CONTENT_TYPES:
        return CONTENT_TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def cache_control(name: str) -> str:
    """Immutable for a year under ``assets/`` (content-hashed names), else revalidated on every load."""
    return ASSET_CACHE if name.startswith(ASSETS_PREFIX) else PAGE_CACHE


def console_files(dist: Path = CONSOLE_DIST) -> list[ConsoleFile]:
    """Every file of the build, ``index.html`` last; refuses a build whose index references a missing asset."""
    index = dist / INDEX
    if not index.is_file():
        raise NotBuilt(f"{index} is missing: run 'make console' first")
    names = sorted(p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file())
    missing = sorted(set(_REFERENCED.findall(index.read_text(encoding="utf-8"))) - set(names))
    if missing:
        raise NotBuilt(f"index.html references files the build does not have: {', '.join(missing)}")
    ordered = [n for n in names if n != INDEX] + [INDEX]
    return [ConsoleFile(n, dist / n, content_type(n), cache_control(n)) for n in ordered]


def release_of(dist: Path = CONSOLE_DIST) -> str:
    """A release id: the digest of its ``index.html`` (which names every hashed entry file)."""
    return hashlib.sha256((dist / INDEX).read_bytes()).hexdigest()[:16]


def publish_console(client: storage.Client, bucket_name: str, dist: Path = CONSOLE_DIST) -> PublishReport:
    """Upload the build to ``bucket_name``, switch ``index.html``, then delete what no kept release uses."""
    files = console_files(dist)
    release = release_of(dist)
    bucket = client.bucket(bucket_name)
    live = bucket.get_blob(INDEX)
    live_meta = (live.metadata or {}) if live is not None else {}
    # a republish of the live release keeps the release it replaced, not itself twice
    previous = live_meta.get(RELEASE_KEY) if live_meta.get(RELEASE_KEY) != release else live_meta.get(PREVIOUS_KEY)
    report = PublishReport(release=release, previous=previous)
    for f in files:
        blob = bucket.blob(f.name)
        blob.cache_control = f.cache_control
        blob.metadata = {RELEASE_KEY: release, **({PREVIOUS_KEY: previous} if f.name == INDEX and previous else {})}
        blob.upload_from_filename(str(f.path), content_type=f.content_type)
        report.uploaded.append(f.name)
    # the new index is live: only now can an object of an older release go
    current = {f.name for f in files}
    kept_releases = {release} | ({previous} if previous else set())
    for blob in client.list_blobs(bucket_name):
        if blob.name in current:
            continue
        if (blob.metadata or {}).get(RELEASE_KEY) in kept_releases:
            report.kept.append(blob.name)
        else:
            blob.delete()
            report.deleted.append(blob.name)
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """CLI: publish ``--dist`` to ``--bucket`` (on the emulator when ``STORAGE_EMULATOR_HOST`` is set)."""
    parser = argparse.ArgumentParser(prog="python -m bundling.console_publish", description=__doc__.splitlines()[0])
    parser.add_argument("--bucket", required=True, help="the console bucket: <bucket_prefix>-console "
                                                         "(terraform output console_bucket)")
    parser.add_argument("--dist", type=Path, default=CONSOLE_DIST, help="the build (default: shared/console_dist)")
    parser.add_argument("--project", default=os.environ.get("ECOMINTEL_PROJECT_ID"),
                        help="Google Cloud project (default: $ECOMINTEL_PROJECT_ID)")
    parser.add_argument("--dry-run", action="store_true", help="list each file with its headers; upload nothing")
    args = parser.parse_args(argv)
    try:
        files = console_files(args.dist)
    except NotBuilt as exc:
        sys.stderr.write(f"console-publish: {exc}\n")
        return 2
    if args.dry_run:
        for f in files:
            sys.stdout.write(f"{f.name}\t{f.content_type}\t{f.cache_control}\n")
        return 0
    if not args.project:
        sys.stderr.write("console-publish: --project or ECOMINTEL_PROJECT_ID is required\n")
        return 2
    from shared.adapters.gcp.clients import storage_client

    report = publish_console(storage_client(args.project), args.bucket, args.dist)
    sys.stdout.write(f"release {report.release}: {len(report.uploaded)} files up (index.html last), "
                     f"{len(report.deleted)} stale deleted, {len(report.kept)} of release {report.previous} kept\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
