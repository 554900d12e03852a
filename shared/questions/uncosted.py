""""How many SKUs have no cost in the catalogue?": catalogue products without a cost, counted and named.

Not cost of goods (a sales figure) and not only the SKUs in stock (``uncosted_skus``): every product of the
catalogue, read per SKU (``uncosted_products`` and ``catalogue_products`` by ``sku``) so the answer can count
them all and name the first few. The catalogue has no date: no period applies.
"""

from __future__ import annotations

from shared import regex as re
from shared.store.metrics.model import MetricQuery

_PRODUCTS = r"(?:skus|products|items|articles|listings|product lines)"
_NO_COST = (r"(?:no|without(?:\s+an?)?|missing(?:\s+an?)?|lack(?:ing|s)?(?:\s+an?)?|with(?:\s+an?)?\s+(?:empty|blank|"
            r"missing))\s+(?:unit\s+|product\s+|purchase\s+)?costs?")
_UNCOSTED = re.compile(rf"\b{_PRODUCTS}\b[^.?!]{{0,40}}?\b{_NO_COST}\b|\b(?:missing|no)\s+costs?\s+(?:for|on)\s+"
                       rf"(?:\w+\s+){{0,2}}{_PRODUCTS}\b|\buncosted\s+{_PRODUCTS}\b", re.I)


def asks_uncosted_products(question: str) -> bool:
    """Whether the question asks which (or how many) catalogue products have no cost."""
    return _UNCOSTED.search(question) is not None


def uncosted_query(tenant_id: str) -> MetricQuery:
    """Each catalogue SKU with whether it has no cost (read as a count: every SKU, not the first 1,000)."""
    return MetricQuery(tenant_id=tenant_id, metrics=["uncosted_products", "catalogue_products"], dimensions=["sku"])
