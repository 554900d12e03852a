"""How a stored digest's charts are read back (digests live at ``shared.store.documents.deliveries``).

Kept apart from ``build`` so delivering a digest (the ``deliver`` function) does not import the agents,
the modelling libraries and matplotlib that building one needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shared.deps import Deps


def load_chart_images(deps: Deps, digest: dict[str, Any]) -> list[tuple[str, bytes]]:
    """The digest's chart PNGs as (filename, bytes)."""
    bucket = deps.settings.bucket_name("reports")
    out = []
    for blob in digest.get("charts", []):
        with deps.blobs.open(bucket, blob) as fh:
            out.append((blob.rsplit("/", 1)[-1], fh.read()))
    return out
