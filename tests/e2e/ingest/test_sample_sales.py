"""The sample merchant's sales file goes in through the upload path and lands as the generator made it.

Returns written as negative lines come out as return lines, coupons as discounts, e-mails typed in any
case as one customer hash; every other row matches its clean value.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd

from shared.ingest.customers import customer_hash, tenant_customer_key
from shared.models.records import DataKind
from shared.sample.merchant import generate_merchant, write_merchant
from tests.e2e.ingest.conftest import Harness


def test_sample_sales_land_as_generated(harness: Harness, tmp_path: Path) -> None:
    merchant = generate_merchant(seed=4, n_skus=8, days=90)
    files = {f.kind: f for f in write_merchant(merchant, tmp_path)}
    harness.ingest(files[DataKind.PRODUCTS].path.read_bytes(), filename="products.csv")
    doc = harness.ingest(files[DataKind.SALES].path.read_bytes(), filename="sales.csv")
    mess = files[DataKind.SALES].mess
    assert (doc["status"], doc["rejected"], doc["duplicates"]) == ("processed", 4, mess.duplicate_rows)

    clean = merchant.sales.copy()
    clean["is_return"] = clean["returned_units"].fillna(0) > 0
    final = pd.DataFrame(harness.rows("SELECT * FROM sales WHERE tenant_id = 'acme'"))
    final["is_return"] = final["returned_units"].fillna(0) > 0
    assert len(final) == len(clean) - 4 and final[["order_id", "is_return"]].value_counts().max() == 1
    both = final.merge(clean, on=["order_id", "is_return"], suffixes=("", "_clean"), validate="1:1")
    assert len(both) == len(final)
    # ASINs, lower case and prefixes resolve to the catalogue (for the products whose row was not a planted defect)
    catalogue = {r["sku"] for r in harness.rows("SELECT sku FROM products WHERE tenant_id = 'acme'")}
    known = both["sku_clean"].isin(catalogue)
    assert known.any() and (both.loc[known, "sku"] == both.loc[known, "sku_clean"]).all()
    assert (both["channel"] == both["channel_clean"]).all()
    assert (both["units"] == both["units_clean"]).all()
    assert (both["returned_units"].fillna(0) == both["returned_units_clean"].fillna(0)).all()
    for money in ("discount", "refund"):
        assert np.allclose(both[money].fillna(0), both[f"{money}_clean"].fillna(0), atol=1e-9), money
    guessed = both["quality_flags"].fillna("").str.contains("filled_from_product_price|forward_filled|no_source")
    assert np.allclose(both.loc[~guessed, "revenue"], both.loc[~guessed, "revenue_clean"], atol=1e-9)
    assert both["is_return"].any() and both["discount"].notna().any()

    key = tenant_customer_key(harness.deps.documents, "acme")
    assert (both["customer_hash"] == both["customer_email"].map(lambda e: customer_hash(e, key))).all()
    repeat = both[~both["is_return"]].groupby("customer_hash")["order_id"].nunique()
    assert repeat.max() > 1
    rejects = harness.rows("SELECT raw FROM rejects WHERE tenant_id = 'acme' AND kind = 'sales'")
    assert not any("@" in r["raw"] for r in rejects)
    assert not json.dumps(harness.rows("SELECT * FROM stg_sales"), default=str).count("@")
