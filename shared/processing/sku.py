"""SKU normalisation across marketplace formats, and resolution of marketplace ids to our SKU.

Two forms. The *match key* (``normalise_sku``) is aggressive: Unicode-normalised, whitespace collapsed,
upper-cased, decorations (``sku-``, ``SKU:``, ``#``, quotes) stripped, so ``" sku-0042"``, ``SKU:0042``
and ``0042`` meet. The *stored* SKU is the catalogue's own spelling: a variant whose match key equals a
product's lands under that product's SKU (``SKU-0042`` stays ``SKU-0042``, so questions and exports use
the merchant's names; only case is folded). Shopify global ids become ``SHOPIFY-VARIANT-<id>``;
Amazon ASINs and GTINs map to our SKU through the products table's ``asin``/``gtin`` columns.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from shared import regex as re

_WS = re.compile(r"\s+")
_AROUND_SEP = re.compile(r"\s*([-_/.:])\s*")
_PREFIX = re.compile(r"^(?:SKU\s*[-:#_/=]\s*|SKU\s+|#+\s*)", re.IGNORECASE)
_QUOTES = "\"'`\u00ab\u00bb"
_SHOPIFY = re.compile(r"^gid://shopify/(ProductVariant|Product)/([^/\s]+)$", re.IGNORECASE)
ASIN = re.compile(r"^B0[A-Z0-9]{8}$")
_GTIN = re.compile(r"^(?:\d{8}|\d{12,14})$")
_MAX_PASSES = 8


def display_sku(raw: str) -> str:
    """A SKU as stored: tidied and upper-cased (SKUs are case-insensitive everywhere), prefixes kept."""
    s = unicodedata.normalize("NFKC", raw)
    s = _WS.sub(" ", s).strip().strip(_QUOTES).strip()
    shopify = _SHOPIFY.match(s)
    if shopify:
        kind = "VARIANT" if shopify.group(1).lower() == "productvariant" else "PRODUCT"
        s = f"SHOPIFY-{kind}-{shopify.group(2)}"
    return _AROUND_SEP.sub(r"\1", s).upper() or raw


def _clean(text: str) -> str:
    """One normalisation pass (normalise_sku iterates it to a fixed point)."""
    s = display_sku(text)
    while True:
        stripped = _PREFIX.sub("", s, count=1).strip()
        if stripped == s or not stripped:
            break
        s = stripped
    return s


def normalise_sku(raw: str) -> str:
    """The canonical form of a SKU as written by any marketplace or spreadsheet.

    Idempotent, and never empty for input with any non-blank character (a SKU made only of
    decorations, like ``"sku-"``, keeps them rather than vanishing).
    """
    s = raw
    for _ in range(_MAX_PASSES):
        nxt = _clean(s)
        if nxt == s:
            return s
        if not nxt:
            return s.strip() or raw
        s = nxt
    return s


def identifier_key(value: str) -> str | None:
    """Lookup key for an ASIN or GTIN (GTINs zero-padded to 14 digits), or ``None`` if it is neither."""
    s = normalise_sku(value)
    if ASIN.match(s):
        return s
    if _GTIN.match(s):
        return s.zfill(14)
    return None


@dataclass(frozen=True)
class SkuResolution:
    """Our SKU for one raw value, and why it differs from the raw value (``None`` when unchanged)."""

    sku: str
    action: str | None


@dataclass
class SkuResolver:
    """Maps raw SKUs to canonical SKUs, resolving ASINs/GTINs to our SKU when the catalogue knows them."""

    #: match key -> the catalogue's SKU as written
    known_skus: dict[str, str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_products(cls, products: Iterable[Mapping[Any, Any]]) -> SkuResolver:
        """Build from product rows with ``sku`` and optional ``asin``/``gtin``."""
        resolver = cls()
        for p in products:
            sku_raw = p.get("sku")
            if not isinstance(sku_raw, str) or not sku_raw.strip():
                continue
            sku = display_sku(sku_raw)
            resolver.known_skus.setdefault(normalise_sku(sku_raw), sku)
            for col in ("asin", "gtin"):
                ident = p.get(col)
                if isinstance(ident, str) and ident.strip():
                    key = identifier_key(ident)
                    if key is not None:
                        resolver.aliases.setdefault(key, sku)
        return resolver

    def resolve(self, raw: str) -> SkuResolution:
        """Canonical SKU for ``raw`` and the action taken (``normalised`` or ``mapped_asin``/``mapped_gtin``)."""
        match = normalise_sku(raw)
        if match in self.known_skus:
            sku = self.known_skus[match]
        else:
            key = identifier_key(match)
            if key is not None and key in self.aliases:
                return SkuResolution(self.aliases[key], "mapped_asin" if ASIN.match(key) else "mapped_gtin")
            sku = display_sku(raw)
        return SkuResolution(sku, None if sku == raw else "normalised")

    def resolve_many(self, raws: Iterable[str]) -> dict[str, SkuResolution]:
        """Resolutions for each distinct raw value (callers map a column through this)."""
        return {raw: self.resolve(raw) for raw in set(raws)}
