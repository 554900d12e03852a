"""The bundled sources by name: the one table the runner, the CLI and schedule requests are checked against.

Plugins implement ``SourcePlugin`` (``shared.connectors.base``) and know nothing of this table; a new
source is one line here, never an edit of the runner.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from shared.connectors.amazon import AmazonSellingPartnerSource
from shared.connectors.base import SourcePlugin
from shared.connectors.competitor import CompetitorPagesSource
from shared.connectors.s3_export import S3ExportSource
from shared.connectors.shopify import ShopifySource

SOURCES: Mapping[str, Callable[[], SourcePlugin]] = {
    "amazon": AmazonSellingPartnerSource,
    "competitor_pages": CompetitorPagesSource,
    "s3": S3ExportSource,
    "shopify": ShopifySource,
}


def get_source(name: str) -> SourcePlugin:
    """Instantiate the source named ``name`` (``KeyError`` if unknown)."""
    return SOURCES[name]()
