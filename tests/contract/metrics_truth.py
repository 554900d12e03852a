"""Rows for the metrics contract and the truth computed from them with pandas, independently of the layer.

Two tenants share SKU codes (with different catalogues), so a leak in either the fact tables or the products
join changes the numbers. The data has what real exports have: lines without revenue (units x unit price),
lines without an order id, multi-line orders, return lines, discounts, refunds, customers, products without a
cost, several stock locations and snapshots, several competitors a day.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any

import numpy as np
import pandas as pd

from shared.ports import Warehouse

TENANT, OTHER = "acme", "rival"
FIRST, LAST = date(2024, 1, 1), date(2025, 6, 30)
SKUS = ["A-1", "A-2", "B-1", "B-2", "C-1"]
CHANNELS = ["web", "amazon", None]
COMPETITORS = ["kmart", "zeta", "yonder"]


def _lineage(tenant: str, kind: str, rows: Sequence[Mapping[Any, Any]]) -> pd.DataFrame:
    now = datetime(2025, 7, 1, tzinfo=UTC)
    out = []
    for i, r in enumerate(rows, start=1):
        digest = hashlib.sha256(f"{tenant}:{kind}:{i}".encode()).hexdigest()
        out.append({**r, "tenant_id": tenant, "ingestion_id": f"seed-{kind}", "source_row": i,
                    "row_hash": digest, "record_key": digest, "ingested_at": now})
    return pd.DataFrame(out)


def make_rows(tenant: str, seed: int) -> dict[str, pd.DataFrame]:
    """A deterministic merchant for ``tenant`` (``seed`` varies the numbers and the catalogue)."""
    rnd = random.Random(seed)
    products: list[dict[str, Any]] = []
    for i, sku in enumerate(SKUS):
        price = float(20 + 10 * i + seed % 7)
        products.append({"sku": sku, "title": f"{tenant} product {sku}", "category": ["Vases", "Lamps"][i % 2]
                         if seed % 2 == 0 else ["Lamps", "Rugs", "Vases"][i % 3],
                         "brand": ["Ori", "Nova", None][i % 3], "price": price,
                         "cost": None if sku == "C-1" else round(price * 0.4, 2), "currency": "EUR"})
    price_of = {p["sku"]: p["price"] for p in products}
    sales: list[dict[str, Any]] = []
    reviews: list[dict[str, Any]] = []
    inventory: list[dict[str, Any]] = []
    comp: list[dict[str, Any]] = []
    day, order_no, customers = FIRST, 0, [f"cust-{seed}-{n}" for n in range(12)]
    while day <= LAST:
        for _ in range(rnd.randint(0, 3)):
            order_no += 1
            order = f"o{seed}-{order_no}" if rnd.random() > 0.15 else None
            channel = rnd.choice(CHANNELS)
            customer = rnd.choice(customers) if rnd.random() > 0.2 else None
            for sku in rnd.sample(SKUS, rnd.randint(1, 2) if order else 1):
                units = rnd.randint(1, 4)
                gross = units * price_of[sku]
                discount = round(gross * 0.1, 2) if rnd.random() < 0.3 else None
                sales.append({
                    "sku": sku, "date": day, "units": units, "unit_price": price_of[sku],
                    "revenue": None if rnd.random() < 0.2 else gross, "currency": "EUR", "order_id": order,
                    "channel": channel, "discount": discount,
                    # on even days a discount was given as a rate on a revenue already after it (Superstore)
                    "discount_included": True if discount is not None and day.day % 2 == 0 else None,
                    "refund": None, "returned_units": None, "customer_hash": customer})
        if rnd.random() < 0.1:  # a return line: no units sold, units back, money refunded
            sku = rnd.choice(SKUS)
            sales.append({"sku": sku, "date": day, "units": 0, "unit_price": price_of[sku], "revenue": 0.0,
                          "currency": "EUR", "order_id": f"ret-{seed}-{day}", "channel": "web", "discount": None,
                          "refund": price_of[sku], "returned_units": 1, "customer_hash": None})
        if rnd.random() < 0.25:
            sku = rnd.choice(SKUS)
            reviews.append({"review_id": f"r{seed}-{len(reviews)}", "sku": sku, "date": day,
                            "rating": None if rnd.random() < 0.1 else rnd.randint(1, 5), "text": "fine",
                            "channel": rnd.choice(CHANNELS)})
        if day.weekday() == 0:
            for sku in SKUS:
                for loc in ("north", "south"):
                    inventory.append({"sku": sku, "date": day, "on_hand": rnd.randint(0, 50), "location": loc})
        if day.weekday() in (1, 4):
            for sku in SKUS[:4]:
                for c in rnd.sample(COMPETITORS, rnd.randint(1, 3)):
                    comp.append({"sku": sku, "competitor": c, "date": day, "currency": "EUR",
                                 "price": round(price_of[sku] * rnd.uniform(0.8, 1.25), 2)})
        day += timedelta(days=1)
    return {"products": pd.DataFrame(products), "sales": pd.DataFrame(sales), "reviews": pd.DataFrame(reviews),
            "inventory": pd.DataFrame(inventory), "competitor_prices": pd.DataFrame(comp)}


def seed(warehouse: Warehouse) -> dict[str, pd.DataFrame]:
    """Insert both tenants; returns the first tenant's frames (the truth's input)."""
    mine = make_rows(TENANT, 2)
    for tenant, frames in ((TENANT, mine), (OTHER, make_rows(OTHER, 3))):
        for table, frame in frames.items():
            warehouse.insert(table, _lineage(tenant, table, frame.to_dict("records")))
    return mine


# --- truth ------------------------------------------------------------------------------------------------

def with_catalogue(frame: pd.DataFrame, products: pd.DataFrame) -> pd.DataFrame:
    """Fact rows with product, category, brand, cost and our price from the tenant's catalogue."""
    cat = products.rename(columns={"title": "product", "price": "our_price"})[
        ["sku", "product", "category", "brand", "cost", "our_price"]]
    return frame.merge(cat, on="sku", how="left")


def sales_truth(sales: pd.DataFrame) -> dict[str, float | None]:
    """Every sales metric over ``sales`` rows (already filtered), computed line by line."""
    if sales.empty:
        return {"revenue": None, "units": None, "orders": None}
    gross = sales["revenue"].where(sales["revenue"].notna(), sales["units"] * sales["unit_price"])
    sold = sales[sales["units"] > 0]
    orders = sold["order_id"].dropna().nunique() + int(sold["order_id"].isna().sum())
    revenue = float(gross.sum())
    discounts = float(sales["discount"].sum()) if sales["discount"].notna().any() else None
    refunds = float(sales["refund"].sum()) if sales["refund"].notna().any() else None
    units = int(sales["units"].sum())
    returned = int(sales["returned_units"].sum()) if sales["returned_units"].notna().any() else None
    included = sales["discount_included"].fillna(False).astype(bool) if "discount_included" in sales.columns \
        else pd.Series(False, index=sales.index)
    taken = sales["discount"].where(~included).fillna(0)  # a discount already after the revenue is not taken again
    before = revenue + float(sales["discount"].where(included).fillna(0).sum())
    net = revenue - float(taken.sum()) - (refunds or 0)
    out: dict[str, float | None] = {
        "revenue": revenue, "net_revenue": net, "discounts": discounts, "refunds": refunds, "units": units,
        "returned_units": returned, "orders": orders, "aov": revenue / orders if orders else None,
        "units_per_order": units / orders if orders else None, "asp": revenue / units if units else None,
        "return_rate": 100 * returned / units if units and returned is not None else None,
        "discount_rate": 100 * discounts / before if before and discounts is not None else None,
        "refund_rate": 100 * refunds / revenue if revenue and refunds is not None else None,
    }
    if "cost" in sales.columns:
        costed = sales[sales["cost"].notna()]
        cgross = gross[sales["cost"].notna()]
        cnet = float((cgross - taken[sales["cost"].notna()] - costed["refund"].fillna(0)).sum())
        cost = float((costed["units"] * costed["cost"]).sum())
        out.update({"cost": cost, "margin": cnet - cost, "margin_pct": 100 * (cnet - cost) / cnet if cnet else None})
    per_customer = {}
    for cust, lines in sold[sold["customer_hash"].notna()].groupby("customer_hash"):
        per_customer[cust] = lines["order_id"].dropna().nunique() + int(lines["order_id"].isna().sum())
    out["customers"] = len(per_customer) or None
    out["repeat_customer_rate"] = (100 * sum(1 for n in per_customer.values() if n >= 2) / len(per_customer)
                                   if per_customer else None)
    return out


def review_truth(reviews: pd.DataFrame) -> dict[str, float | None]:
    """Review metrics over ``reviews`` rows."""
    rated = reviews["rating"].dropna()
    return {"review_count": len(reviews) or None, "avg_rating": float(rated.mean()) if len(rated) else None,
            "negative_review_share": 100 * float((rated <= 2).mean()) if len(rated) else None,
            "negative_reviews": int((rated <= 2).sum()) if len(reviews) else None}


def stock_truth(inventory: pd.DataFrame) -> int | None:
    """Units on hand at each SKU and location's latest snapshot, summed."""
    if inventory.empty:
        return None
    latest = inventory.groupby(["sku", "location"])["date"].transform("max")
    return int(inventory[inventory["date"] == latest]["on_hand"].sum())


def price_truth(comp: pd.DataFrame, products: pd.DataFrame, by_competitor: bool = False) -> dict[str, float | None]:
    """Price index and cheapest share over competitor observations (SKU x day [x competitor])."""
    keys = ["sku", "date", "competitor"] if by_competitor else ["sku", "date"]
    obs = comp.groupby(keys)["price"].agg(median="median", low="min").reset_index()
    obs = obs.merge(products[["sku", "price"]].rename(columns={"price": "ours"}), on="sku", how="left")
    obs = obs[obs["ours"].notna() & (obs["median"] > 0)]
    if obs.empty:
        return {"price_index": None, "cheapest_share": None}
    return {"price_index": float((100 * obs["ours"] / obs["median"]).mean()),
            "cheapest_share": 100 * float((obs["ours"] <= obs["low"]).mean())}


def known(value: float | None) -> float:
    """A truth the case needs to exist (it divides by it or takes a difference): fails when there is none."""
    assert value is not None
    return value


def key_of(value: Any) -> Any:
    """A pandas group key as the layer returns it: a missing one (NaN, NaT, None) is ``None``."""
    return None if pd.isna(value) else value


def close(got: Any, want: Any) -> bool:
    """Equal, or both numbers within 1e-6 relative."""
    if got is None or want is None:
        return got is None and want is None
    return bool(np.isclose(float(got), float(want), rtol=1e-6, atol=1e-6))


def in_range(frame: pd.DataFrame, start: date | None = None, end: date | None = None) -> pd.DataFrame:
    """Rows of ``frame`` dated within [start, end] (all rows without a range)."""
    if start is None or end is None:
        return frame
    return frame[(frame["date"] >= start) & (frame["date"] <= end)]
