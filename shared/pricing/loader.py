"""Read a tenant's products, competitor prices and sales through the store.

The exact statement and parameters of each read are kept so findings can cite them as evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from shared.models.agents import AgentRequest
from shared.ports import Warehouse
from shared.pricing.analysis import PricingInputs, SourceQuery
from shared.store import pricing_inputs


@dataclass
class LoadedData:
    """Frames read for one request, with the queries that produced them."""

    products: pd.DataFrame
    competitor_prices: pd.DataFrame
    sales: pd.DataFrame
    sources: dict[str, SourceQuery] = field(default_factory=dict)


#: The columns of a competitor price read (``pricing_inputs.competitor_prices``): an empty frame of them stands for
#: the read when a caller needs sales and the catalogue only.
COMPETITOR_COLUMNS = ("sku", "competitor", "date", "price", "shipping", "currency", "in_stock", "competitor_sku",
                      "record_key")


def load(warehouse: Warehouse, request: AgentRequest, *, competitors: bool = True) -> LoadedData:
    """Read the three tables for ``request`` (tenant, SKUs, categories, competitors, dates, as_of).

    ``competitors=False`` reads the catalogue and sales only (no competitor observations: the pooled elasticity
    needs none, and reading and pricing every observation of the catalogue was a quarter of a what-if's run).
    """
    scope = pricing_inputs.PricingScope(skus=request.skus, categories=request.categories,
                                        competitors=request.competitors, start_date=request.start_date,
                                        end_date=request.end_date or request.as_of)
    reads = {"products": pricing_inputs.products(warehouse, request.tenant_id, scope)}
    if competitors:
        reads["competitor_prices"] = pricing_inputs.competitor_prices(warehouse, request.tenant_id, scope)
    reads["sales"] = pricing_inputs.daily_sales(warehouse, request.tenant_id, scope)
    observed = reads["competitor_prices"].frame if competitors else pd.DataFrame(columns=list(COMPETITOR_COLUMNS))
    return LoadedData(reads["products"].frame, observed, reads["sales"].frame,
                      {name: SourceQuery(read.sql, read.evidence_params()) for name, read in reads.items()})


def to_inputs(data: LoadedData) -> PricingInputs:
    """Shape the loaded tables into analysis inputs.

    Our price on a date is the average selling price from sales (revenue / units) on the latest sales
    day on or before it, else the catalogue ``products.price``. Competitor rows are explicit mappings
    (the row names our SKU), so their match confidence is 1.0.
    """
    warnings: list[str] = []
    cp = data.competitor_prices.copy()
    cp["date"] = pd.to_datetime(cp["date"])
    sales = data.sales.copy()
    sales["date"] = pd.to_datetime(sales["date"])
    units = sales["units"].astype("float64")
    revenue = sales["revenue"].astype("float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        sales["price"] = np.where(units > 0, revenue / units, np.nan)
    sales["units"] = units
    n_no_price = int(sales.get("rows_without_price", pd.Series(dtype="int64")).fillna(0).sum())
    if n_no_price:
        warnings.append(f"{n_no_price} sales rows have neither revenue nor unit_price; their units count but "
                        "they add no price information")
    products = data.products.drop_duplicates("sku", keep="last").set_index("sku")
    attrs = products.reindex(columns=["cost", "map_price", "msrp", "category"]).astype(
        {"cost": "float64", "map_price": "float64", "msrp": "float64"})
    obs = cp.rename(columns={"price": "competitor_price", "record_key": "row_id"})
    obs["competitor_price"] = obs["competitor_price"].astype("float64")
    obs["shipping"] = obs["shipping"].astype("float64")
    obs["match_confidence"] = 1.0
    obs["our_price"] = _our_prices(obs, sales, products)
    currencies = set(cp["currency"].dropna()) | set(products["currency"].dropna()) if "currency" in products else set()
    if len(currencies) > 1:
        warnings.append(f"prices in several currencies ({', '.join(sorted(currencies))}) are compared as-is")
    unknown = sorted(set(cp["sku"]) - set(products.index))
    if unknown and not products.empty:
        warnings.append(f"{len(unknown)} SKUs in competitor_prices are not in products (e.g. "
                        f"{', '.join(unknown[:5])}): no cost/MAP/category for them")
    return PricingInputs(observations=obs, attributes=attrs,
                         sales=sales[["sku", "date", "units", "price"]].dropna(subset=["price"]), warnings=warnings)


def _our_prices(obs: pd.DataFrame, sales: pd.DataFrame, products: pd.DataFrame) -> pd.Series:
    """Our price for each observation row: latest sales price on or before its date, else catalogue price."""
    catalogue = obs["sku"].map(products["price"].astype("float64")) if "price" in products else np.nan
    priced = sales.dropna(subset=["price"])[["sku", "date", "price"]].sort_values("date")
    if priced.empty or obs.empty:
        return pd.Series(catalogue, index=obs.index, dtype="float64")
    left = obs[["sku", "date"]].reset_index().sort_values("date")
    merged = pd.merge_asof(left, priced.rename(columns={"price": "sales_price"}), on="date", by="sku",
                           direction="backward")
    from_sales = merged.set_index("index")["sales_price"].reindex(obs.index)
    return from_sales.fillna(pd.Series(catalogue, index=obs.index))
