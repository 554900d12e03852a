"""Two tenants' vocabularies of different shapes: the sample merchant's and a small shop with odd SKUs."""

from __future__ import annotations

from datetime import date

import pytest

from shared.models.records import DataKind
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex

END = date(2025, 6, 15)
EXTENTS = {k: (date(2023, 1, 1), END) for k in DataKind}


@pytest.fixture
def shop() -> VocabularyIndex:
    """A decor shop: SKUs of mixed shapes, its own channels and competitors."""
    products = [
        ProductName(sku="vase-blue-20", title="Blue Ceramic Vase 20cm", brand="Potter & Co", category="Home Decor"),
        ProductName(sku="VASE_RED_30", title="Red Ceramic Vase 30cm", brand="Potter & Co", category="Home Decor"),
        ProductName(sku="100234", title="Linen Table Runner", brand="Weaveworks", category="Textiles"),
        ProductName(sku="B07XK2M9QZ", title="Scented Soy Candle Amber", brand="Glow", category="Candles",
                    aliases=["B07XK2M9QZ", "5012345678900"]),
        ProductName(sku="TR.88/L", title="Oak Serving Tray Large", brand="Weaveworks", category="Kitchen & Dining"),
    ]
    vocab = Vocabulary(tenant_id="decor", products=products, skus=[p.sku for p in products],
                       channels=["Shopify", "Etsy", "Amazon", "Wholesale"], competitors=["Amazon", "HomeGoods"],
                       currency="GBP")
    return VocabularyIndex(vocab)


@pytest.fixture
def store() -> VocabularyIndex:
    """A store like the sample merchant (web, amazon, ebay and pos; Kitchen, Electronics, Apparel, Outdoor)."""
    from tests.unit.questions.test_tenth_phrasings import sample_like_store  # a test module: imported when used

    return sample_like_store()
