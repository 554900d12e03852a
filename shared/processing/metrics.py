"""Prometheus metrics of the processing step (registered on the shared registry)."""

from __future__ import annotations

from prometheus_client import Counter

from shared.observability.metrics import REGISTRY

PROCESSED_ROWS = Counter(
    "ecomintel_processed_rows_total", "Rows merged into final tables by processing.", ["kind"], registry=REGISTRY
)
PROCESSING_CHANGES = Counter(
    "ecomintel_processing_changes_total", "Changes applied by processing (SKU rewrites, fills, dedups, spam).",
    ["kind", "change"], registry=REGISTRY,
)
