"""A catalogue from a sales file: the product names, categories and brands its lines carry.

Many exports put the product's name beside each line (UCI Online Retail's ``Description``, the Superstore
sample's ``Product Name`` and ``Category``, Shopify's ``Lineitem name``). Without a products file those names
would be lost and "how much did the white hanging heart holder make?" could not be read. The sales ingest
collects the first name/category/brand seen per SKU and writes them as a products file next to the upload,
for SKUs the tenant has no product row for yet (a SKU named only by its brand or category is titled ``product
{sku}``); that file is ingested like any other (same validation,
dedupe, lineage), so a real products file uploaded later replaces these rows.
"""

from __future__ import annotations

import csv
import io

import pandas as pd

#: Sales source column -> the products field it names.
CATALOGUE_FIELDS: dict[str, str] = {"product_title": "title", "product_category": "category",
                                    "product_brand": "brand"}
#: Memory bound: SKUs remembered per file (a catalogue larger than this keeps its first SKUs).
MAX_SKUS = 200_000


class CatalogueCollector:
    """First non-empty title/category/brand per SKU over a file's accepted lines, bounded in size."""

    def __init__(self, max_skus: int = MAX_SKUS) -> None:
        """Collect at most ``max_skus`` SKUs."""
        self.max_skus = max_skus
        self.products: dict[str, dict[str, str]] = {}
        self.truncated = False

    def add(self, lines: pd.DataFrame) -> None:
        """Remember the names of ``lines`` (columns ``sku`` and any of :data:`CATALOGUE_FIELDS`)."""
        present = [c for c in CATALOGUE_FIELDS if c in lines]
        if not present or "sku" not in lines:
            return
        frame = lines[["sku", *present]].dropna(subset=["sku"])
        firsts = frame.groupby("sku", sort=False)[present].first()  # first non-null per column
        fields = [CATALOGUE_FIELDS[c] for c in present]
        # plain lists, not ``iterrows``: a Series per SKU cost more than the rest of the ingest on named exports
        for sku, *values in zip(firsts.index.tolist(), *(firsts[c].tolist() for c in present), strict=True):
            known = self.products.get(str(sku))
            if known is None:
                if len(self.products) >= self.max_skus:
                    self.truncated = True
                    continue
                known = self.products.setdefault(str(sku), {})
            for field, value in zip(fields, values, strict=True):
                if field not in known and isinstance(value, str) and value:
                    known[field] = value

    def to_csv(self, exclude: set[str]) -> bytes | None:
        """A products CSV of the named SKUs not in ``exclude``; ``None`` when there is nothing to add."""
        # a SKU with a brand or category but no name (REES46's events) is titled by its code, never by the
        # category (a title holding "bed bath table" would read as the product in "what did bed bath table make")
        rows = [(sku, f if f.get("title") else {**f, "title": f"product {sku}"}) for sku, f in self.products.items()
                if sku not in exclude and (f.get("title") or f.get("brand") or f.get("category"))]
        if not rows:
            return None
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["sku", "title", "category", "brand"])
        for sku, f in rows:
            writer.writerow([sku, f["title"], f.get("category", ""), f.get("brand", "")])
        return out.getvalue().encode("utf-8")
