"""A deterministic, realistic mid-size merchant, written as the messy CSVs a real merchant would send.

Catalogue, two years of daily sales (order lines with customers, coupons, channels and returns), competitor
prices, reviews and inventory.

``generate_merchant(seed)`` returns clean tables plus the truths the generator planted (spam reviews,
the product whose ratings fall, SKUs heading to stockout); ``write_merchant`` writes one CSV per kind.
Same seed, same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from shared.models.records import DataKind
from shared.sample.catalogue import make_catalogue
from shared.sample.defaults import DEFAULT_DAYS, DEFAULT_END, DEFAULT_SEED, DEFAULT_SKUS
from shared.sample.demand import DemandPlan, make_sales, plan_demand
from shared.sample.market import make_competitor_prices
from shared.sample.messy_csv import MessReport, write_messy_csv
from shared.sample.orders import add_order_detail
from shared.sample.reviews import ReviewTruth, make_reviews
from shared.sample.stock import StockTruth, make_inventory

__all__ = ["DEFAULT_DAYS", "DEFAULT_END", "DEFAULT_SEED", "DEFAULT_SKUS", "KIND_ORDER", "SampleFile",
           "SampleMerchant", "generate_merchant", "marketplace_tables", "write_merchant"]

#: Ingestion order: products first so SKU identifiers (ASIN/GTIN) resolve for the other kinds.
KIND_ORDER: tuple[DataKind, ...] = (DataKind.PRODUCTS, DataKind.INVENTORY, DataKind.COMPETITOR_PRICES,
                                    DataKind.REVIEWS, DataKind.SALES)


@dataclass(frozen=True)
class SampleMerchant:
    """Clean tables (our canonical SKUs) and what the generator planted in them."""

    products: pd.DataFrame
    sales: pd.DataFrame
    reviews: pd.DataFrame
    competitor_prices: pd.DataFrame
    inventory: pd.DataFrame
    demand: DemandPlan
    review_truth: ReviewTruth
    stock_truth: StockTruth
    seed: int

    def table(self, kind: DataKind) -> pd.DataFrame:
        """The clean table of ``kind``."""
        frame: pd.DataFrame = getattr(self, kind.value)
        return frame


@dataclass(frozen=True)
class SampleFile:
    """One written CSV and the mess it carries."""

    kind: DataKind
    path: Path
    mess: MessReport


def generate_merchant(seed: int = DEFAULT_SEED, n_skus: int = DEFAULT_SKUS, end: date = DEFAULT_END,
                      days: int = DEFAULT_DAYS) -> SampleMerchant:
    """Generate the merchant (deterministic for a seed; about 2-4 s for 300 SKUs over two years)."""
    if n_skus < 5:
        raise ValueError("the sample merchant needs at least 5 SKUs (one per category)")
    rng = np.random.default_rng(seed)
    products = make_catalogue(rng, n_skus)
    plan = plan_demand(rng, products, end, days)
    sales = make_sales(rng, products, plan)
    reviews, review_truth = make_reviews(rng, products, sales, end, target=max(200, n_skus * 10))
    competitors = make_competitor_prices(rng, products, end)
    inventory, stock_truth = make_inventory(rng, products, sales, end)
    sales = add_order_detail(sales, seed, end)  # its own generator: the draws above are unchanged
    return SampleMerchant(products, sales, reviews, competitors, inventory, plan, review_truth, stock_truth, seed)


def marketplace_tables(merchant: SampleMerchant, rng: np.random.Generator) -> dict[DataKind, pd.DataFrame]:
    """The tables as merchants export them.

    SKU spellings per channel, a few gaps to fill, returns written as negative lines, e-mails as typed.
    """
    asin = dict(zip(merchant.products["sku"], merchant.products["asin"], strict=True))
    sales = merchant.sales.copy()
    returns = sales["returned_units"].fillna(0).to_numpy() > 0
    sales.loc[returns, "units"] = -sales.loc[returns, "returned_units"].astype(int)
    sales.loc[returns, "revenue"] = -sales.loc[returns, "refund"]
    sales = sales.drop(columns=["returned_units", "refund"])
    typed = rng.random(len(sales)) < 0.05  # as customers typed them: case and stray spaces
    sales.loc[typed, "customer_email"] = " " + sales.loc[typed, "customer_email"].str.title()
    amazon = sales["channel"] == "amazon"
    sales.loc[amazon, "sku"] = sales.loc[amazon, "sku"].map(asin)
    ebay = sales["channel"] == "ebay"
    sales.loc[ebay, "sku"] = sales.loc[ebay, "sku"].str.lower()
    web_prefixed = (sales["channel"] == "web") & (rng.random(len(sales)) < 0.1)
    sales.loc[web_prefixed, "sku"] = "sku-" + sales.loc[web_prefixed, "sku"].str.lower()
    gap = np.where(returns, 1.0, rng.random(len(sales)))  # a return keeps its amounts
    sales.loc[gap < 0.02, "unit_price"] = np.nan  # derivable from revenue / units
    sales.loc[(gap >= 0.02) & (gap < 0.04), "revenue"] = np.nan  # derivable from price x units
    both = (gap >= 0.04) & (gap < 0.043)
    sales.loc[both, ["unit_price", "revenue"]] = np.nan  # filled from the product price

    products = merchant.products.copy()
    lower = rng.random(len(products)) < 0.05
    products.loc[lower, "sku"] = " " + products.loc[lower, "sku"].str.lower() + " "
    inventory = merchant.inventory.copy()
    inventory["lead_time_days"] = inventory["lead_time_days"].astype("Int64")
    inventory.loc[rng.random(len(inventory)) < 0.03, "lead_time_days"] = pd.NA
    return {DataKind.PRODUCTS: products, DataKind.SALES: sales, DataKind.REVIEWS: merchant.reviews,
            DataKind.COMPETITOR_PRICES: merchant.competitor_prices, DataKind.INVENTORY: inventory}


def write_merchant(merchant: SampleMerchant, out_dir: Path) -> list[SampleFile]:
    """Write ``<kind>.csv`` for every kind into ``out_dir`` (in ingestion order)."""
    rng = np.random.default_rng(merchant.seed + 1)
    tables = marketplace_tables(merchant, rng)
    files = []
    for kind in KIND_ORDER:
        path = Path(out_dir) / f"{kind.value}.csv"
        # a sales export's line written again is the item sold again (``SaleRecord.occurrence``), not a duplicate:
        # the sales file plants none, so its stored lines stay the generated ones
        duplicates = 0 if kind is DataKind.SALES else 5
        files.append(SampleFile(kind, path, write_messy_csv(tables[kind], kind.value, path, rng,
                                                            n_duplicates=duplicates)))
    return files
