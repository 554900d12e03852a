"""The source plugin contract and registry.

A source reads one external system for one tenant and yields ``SyncBatch``es: rows of one data kind in our
canonical column names plus the raw payload they came from. The runner (``shared.connectors.runner``)
stores raw payloads, hands rows to the ordinary ingest path, and keeps run records and watermarks — so a new
source is a new plugin registered here, never an edit of the pipeline.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from shared.models.records import DataKind


@dataclass(frozen=True)
class RawPayload:
    """An API response or file exactly as received (kept in the raw bucket for lineage)."""

    name: str
    body: bytes
    content_type: str = "application/json"


@dataclass
class SyncBatch:
    """Rows of one kind, plus the raw payloads they were parsed from."""

    kind: DataKind
    rows: list[dict[str, Any]]
    payloads: list[RawPayload] = field(default_factory=list)
    #: A whole file to ingest as-is (e.g. an S3 export) instead of ``rows``.
    file: RawPayload | None = None


@dataclass
class SyncContext:
    """What a source gets for one run."""

    tenant_id: str
    config: Mapping[str, Any]
    state: dict[str, Any]
    now: datetime
    secret: Callable[[str], str]
    sleep: Callable[[float], None]

    def watermark(self, key: str = "watermark") -> str | None:
        """The stored watermark/cursor from the previous successful run."""
        value = self.state.get(key)
        return None if value is None else str(value)


class SourcePlugin(Protocol):
    """A source (named in ``shared.connectors.sources``). ``sync`` may update ``ctx.state`` (new watermark)."""

    name: str

    def sync(self, ctx: SyncContext) -> Iterator[SyncBatch]:
        """Yield batches of rows; raise on failure (the runner records and retries with backoff)."""
        ...


class MissingSecret(Exception):
    """A credential the source needs is not configured."""


class EndpointRefused(Exception):
    """A source's configuration names an endpoint credentials must not be sent to (permanent)."""


def pinned_origin(configured: object, allowed_hosts: tuple[str, ...], default: str) -> str:
    """The origin a source talks to: ``default`` unless the configuration names an allowed one.

    Tenants configure sources, and a source sends credentials to its origin, so a tenant must not be able to
    point it anywhere: only the platform's own hosts (``allowed_hosts``, a suffix match on the host) or hosts
    an operator allowed (``ECOMINTEL_FETCH_ALLOW_HOSTS``: tests, private deployments) are accepted.
    """
    from urllib.parse import urlsplit

    from shared.security.outbound import operator_allow_hosts

    if not configured:
        return default.rstrip("/")
    url = str(configured).rstrip("/")
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    operator = host in operator_allow_hosts()
    platform = parts.scheme == "https" and any(host == h or host.endswith("." + h) for h in allowed_hosts)
    if not (operator or platform) or parts.username or parts.password:
        raise EndpointRefused(f"endpoint {url!r} is not one of {', '.join(allowed_hosts)}")
    return url


def env_secret(name: str) -> str:
    """Read a credential: env var ``ECOMINTEL_SECRET_<NAME>``.

    On GCP, Terraform mounts Secret Manager secrets as these variables, so code reads one place everywhere.
    """
    key = "ECOMINTEL_SECRET_" + name.upper().replace("-", "_")
    value = os.environ.get(key)
    if not value:
        raise MissingSecret(f"credential {name!r} is not configured (set {key})")
    return value
