"""S3 exports: many sellers already export marketplace reports to a bucket; import new objects since last run.

Config: ``{"bucket", "prefix", "endpoint_url"?, "region"?, "kinds": {"<prefix or filename part>": "<kind>"}}``;
credentials from secrets ``aws_access_key_id`` / ``aws_secret_access_key``. Files are forwarded as-is to the
ingest path (it already sniffs encodings, delimiters and headers), so nothing is parsed twice.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import boto3

from shared.connectors.base import RawPayload, SyncBatch, SyncContext, pinned_origin
from shared.connectors.http import ApiError
from shared.models.records import DataKind


def _kind_for(key: str, mapping: dict[str, str]) -> DataKind | None:
    lowered = key.lower()
    for needle, kind in mapping.items():
        if needle.lower() in lowered:
            return DataKind(kind)
    for kind in DataKind:
        if kind.value in lowered:
            return kind
    return None


def _endpoint_url(configured: object) -> str | None:
    """AWS's own endpoint unless the configuration names an allowed one.

    boto3 resolves names itself, so only AWS hosts and operator-allowed hosts are accepted, never a name that
    was checked once and could resolve elsewhere later.
    """
    if not configured:
        return None
    return pinned_origin(configured, ("amazonaws.com",), "")


class S3ExportSource:
    """New objects (by LastModified, then key) under a prefix."""

    name = "s3"

    def sync(self, ctx: SyncContext) -> Iterator[SyncBatch]:
        """Yield one file batch per new object."""
        cfg = ctx.config
        client = boto3.client(
            "s3",
            endpoint_url=_endpoint_url(cfg.get("endpoint_url")),
            region_name=cfg.get("region", "us-east-1"),
            aws_access_key_id=ctx.secret("aws_access_key_id"),
            aws_secret_access_key=ctx.secret("aws_secret_access_key"),
        )
        since = ctx.watermark("last_modified") or ""
        seen_at_mark = set(ctx.state.get("keys_at_watermark") or [])
        mapping = dict(cfg.get("kinds") or {})
        objects: list[dict[str, Any]] = []
        pages = client.get_paginator("list_objects_v2").paginate(Bucket=cfg["bucket"], Prefix=cfg.get("prefix", ""))
        for page in pages:
            objects += page.get("Contents") or []
        fresh = []
        for obj in objects:
            stamp = obj["LastModified"].isoformat()
            if stamp > since or (stamp == since and obj["Key"] not in seen_at_mark):
                fresh.append((stamp, obj["Key"]))
        fresh.sort()
        skipped = []
        for _stamp, key in fresh:
            kind = _kind_for(key, mapping)
            if kind is None:
                skipped.append(key)
                continue
            try:
                body = client.get_object(Bucket=cfg["bucket"], Key=key)["Body"].read()
            except client.exceptions.NoSuchKey as exc:
                raise ApiError(f"s3 object vanished: {key}") from exc
            name = key.rsplit("/", 1)[-1] or "export.csv"
            yield SyncBatch(kind, [], [RawPayload(name, body, "text/csv")], file=RawPayload(name, body, "text/csv"))
        if fresh:
            newest = fresh[-1][0]
            ctx.state["last_modified"] = newest
            ctx.state["keys_at_watermark"] = sorted(
                {k for s, k in fresh if s == newest} | (seen_at_mark if newest == since else set())
            )
        ctx.state["skipped_keys"] = skipped

