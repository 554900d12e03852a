from __future__ import annotations

import csv
from datetime import timedelta
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from shared.models.records import RECORD_MODELS, DataKind
from shared.processing.sku import SkuResolver
from shared.sample.catalogue import MAP_BRANDS, gtin13
from shared.sample.merchant import KIND_ORDER, SampleMerchant, generate_merchant, write_merchant
from shared.sample.messy_csv import HEADER_ALIASES


@pytest.fixture(scope="module")
def merchant() -> SampleMerchant:
    return generate_merchant(seed=3, n_skus=60)


def test_same_seed_same_bytes(tmp_path: Path) -> None:
    a = write_merchant(generate_merchant(seed=5, n_skus=15, days=120), tmp_path / "a")
    b = write_merchant(generate_merchant(seed=5, n_skus=15, days=120), tmp_path / "b")
    c = write_merchant(generate_merchant(seed=6, n_skus=15, days=120), tmp_path / "c")
    assert [f.path.read_bytes() for f in a] == [f.path.read_bytes() for f in b]
    assert [f.path.read_bytes() for f in a] != [f.path.read_bytes() for f in c]
    assert [f.kind for f in a] == list(KIND_ORDER) and KIND_ORDER[0] is DataKind.PRODUCTS


def test_clean_tables_are_valid_records(merchant: SampleMerchant) -> None:
    for kind in DataKind:
        frame = merchant.table(kind)
        assert len(frame) > 0, kind
        for row in frame.sample(min(len(frame), 300), random_state=0).to_dict("records"):
            clean = {k: (None if v is None or (not isinstance(v, str) and pd.isna(v)) else v) for k, v in row.items()}
            RECORD_MODELS[kind].model_validate(clean)


def test_catalogue_identifiers(merchant: SampleMerchant) -> None:
    p = merchant.products
    assert p["sku"].is_unique and p["asin"].is_unique and p["gtin"].is_unique
    assert all(g == gtin13(g[:12]) for g in p["gtin"])
    assert all(len(a) == 10 and a.startswith("B0") for a in p["asin"])
    assert p["category"].nunique() == 5
    assert (p["map_price"].notna() == p["brand"].isin(MAP_BRANDS)).all()
    assert (p["price"] > p["cost"]).all()


def test_sales_have_seasonality_promotions_and_slow_movers(merchant: SampleMerchant) -> None:
    s = merchant.sales.copy()
    s["date"] = pd.to_datetime(s["date"])
    assert s["date"].max() - s["date"].min() >= timedelta(days=720)
    assert set(s["channel"]) == {"web", "pos", "amazon", "ebay"}
    daily = s.groupby("date")["units"].sum()
    weekdays = pd.DatetimeIndex(daily.index).dayofweek
    weekend = daily[weekdays >= 5].mean()
    weekday = daily[weekdays < 5].mean()
    assert weekend > weekday
    # Promotions cut the price and lift demand, per SKU-day.
    plan = merchant.demand
    assert (plan.prices[plan.promo] < np.repeat(merchant.products["price"].to_numpy()[:, None],
                                                plan.promo.shape[1], axis=1)[plan.promo]).all()
    assert plan.rate[plan.promo].mean() > plan.rate[~plan.promo].mean()
    assert s["promo"].any()
    # Slow movers sell on few days.
    days_sold = s.groupby("sku")["date"].nunique()
    assert plan.slow_movers and days_sold.reindex(plan.slow_movers).fillna(0).max() < 0.5 * len(plan.days)


def test_competitors_undercut_promote_and_violate_map(merchant: SampleMerchant) -> None:
    c = merchant.competitor_prices.merge(merchant.products[["sku", "price", "map_price"]], on="sku",
                                         suffixes=("", "_ours"))
    assert 3 <= c["competitor"].nunique() <= 5
    assert (c["price"] < c["price_ours"]).any() and (c["price"] > c["price_ours"]).any()
    violations = c[c["map_price"].notna() & (c["price"] < c["map_price"] - 0.005)]
    assert len(violations) > 0 and set(violations["competitor"]) == {"BargainBarn"}
    assert not (c["competitor_sku"] == c["sku"]).any()


def test_reviews_planted_truths(merchant: SampleMerchant) -> None:
    r = merchant.reviews
    truth = merchant.review_truth
    assert truth.spam_ids and truth.spam_ids <= set(r["review_id"])
    assert r["review_id"].is_unique
    assert r["text"].str.contains(r"\bnot (?:bad|difficult|cheap)", regex=True).any()  # negations
    genuine = r[~r["review_id"].isin(truth.spam_ids) & ~r["review_id"].isin(truth.mismatch_ids)]
    declining = genuine[genuine["sku"] == truth.declining_sku]
    before = declining.loc[declining["date"] < truth.declining_from, "rating"]
    after = declining.loc[declining["date"] >= truth.declining_from, "rating"]
    assert len(before) >= 5 and len(after) >= 5
    assert after.mean() < before.mean() - 1
    assert r["rating"].isna().any()


def test_inventory_stockout_and_overstock(merchant: SampleMerchant) -> None:
    inv = merchant.inventory
    latest = inv.sort_values("date").groupby("sku").last()
    s = merchant.sales
    recent = s[pd.to_datetime(s["date"]) > pd.to_datetime(s["date"]).max() - pd.Timedelta(days=28)]
    weekly = (recent.groupby("sku")["units"].sum() / 4).reindex(latest.index).fillna(0)
    cover = latest["on_hand"] / weekly.where(weekly > 0)
    stockout = [k for k in merchant.stock_truth.stockout if weekly[k] > 0]
    overstock = [k for k in merchant.stock_truth.overstock if weekly[k] > 0]
    assert stockout and overstock
    lead_weeks = latest["lead_time_days"] / 7
    assert all(cover[k] < lead_weeks[k] for k in stockout)  # runs out before a new order could arrive
    assert all(cover[k] > 15 for k in overstock)  # months of stock


def test_written_files_are_messy_in_the_documented_ways(tmp_path: Path, merchant: SampleMerchant) -> None:
    files = write_merchant(merchant, tmp_path)
    for f in files:
        with f.path.open(newline="") as fh:
            rows = list(csv.reader(fh))
        header, data = rows[0], rows[1:]
        fields = [c for c in RECORD_MODELS[f.kind].model_fields if c in HEADER_ALIASES[f.kind.value]]
        assert header == [HEADER_ALIASES[f.kind.value][c] for c in fields] + \
            (["Customer Email"] if f.kind is DataKind.SALES else [])
        assert len(data) == f.mess.rows
        assert len(data) - len({tuple(r) for r in data}) == f.mess.duplicate_rows
        # a sales line written again is a further sale: the sales file plants no duplicates, the others five
        assert (f.mess.duplicate_rows > 0) is (f.kind is not DataKind.SALES)
        assert len(f.mess.bad_rows) == 4
    h = HEADER_ALIASES["sales"]
    sales = pd.read_csv(tmp_path / "sales.csv", dtype=str, keep_default_na=False)
    assert sales[h["unit_price"]].str.startswith("$").any()
    assert sales[h["sku"]].str.match(r"^B0[A-Z0-9]{8}$").any() and sales[h["sku"]].str.startswith("sku-").any()
    assert (sales[h["unit_price"]] == "").any() and (sales[h["revenue"]] == "").any()
    bad = sales.iloc[[n - 1 for n in files[-1].mess.bad_rows]]
    defects = {"2025-13-45", "2.5", "lots", ""}
    assert all({r[h["date"]], r[h["units"]], r[h["sku"]]} & defects for r in bad.to_dict("records"))


def test_marketplace_skus_resolve_to_the_catalogue(tmp_path: Path, merchant: SampleMerchant) -> None:
    write_merchant(merchant, tmp_path)
    products = pd.read_csv(tmp_path / "products.csv", dtype=str, keep_default_na=False)
    p = HEADER_ALIASES["products"]
    resolver = SkuResolver.from_products(
        {"sku": r[p["sku"]], "asin": r[p["asin"]], "gtin": r[p["gtin"]]} for r in products.to_dict("records")
        if r[p["sku"]])
    sales = pd.read_csv(tmp_path / "sales.csv", dtype=str, keep_default_na=False)
    resolved = {resolver.resolve(s).sku for s in sales["SKU"] if s}
    assert resolved <= set(merchant.products["sku"])


def test_sales_are_order_lines_with_customers_coupons_and_returns(merchant: SampleMerchant) -> None:
    s = merchant.sales
    returns = s[s["returned_units"].fillna(0) > 0]
    sold = s[s["returned_units"].isna()]
    assert sold["order_id"].is_unique and s["customer_email"].notna().all()
    assert 0.01 < len(returns) / len(sold) < 0.1
    # a return comes after its sale line, gives back at most what was sold and refunds at most what was paid
    pairs = returns.merge(sold, on=["order_id", "sku", "channel", "customer_email"], suffixes=("_r", ""))
    assert len(pairs) == len(returns)
    assert (pairs["date_r"] > pairs["date"]).all() and (pairs["returned_units_r"] <= pairs["units"]).all()
    paid = pairs["revenue"] - pairs["discount"].fillna(0)
    assert (pairs["refund_r"] <= paid + 0.01).all() and (pairs["refund_r"] > 0).all()
    assert (returns["units"] == 0).all() and (returns["revenue"] == 0).all()
    # coupons only on promoted lines, 10% of the line
    coupons = sold[sold["discount"].notna()]
    assert len(coupons) > 0 and coupons["promo"].all()
    assert np.allclose(coupons["discount"], (coupons["revenue"] * 0.1).round(2))
    # repeat customers: some buy often, most once or a few times
    orders = sold.groupby("customer_email")["order_id"].nunique()
    assert orders.max() >= 10 and (orders > 1).mean() > 0.2 and (orders == 1).any()


def test_written_sales_carry_returns_as_negative_lines_and_emails_as_typed(tmp_path: Path,
                                                                          merchant: SampleMerchant) -> None:
    write_merchant(merchant, tmp_path)
    sales = pd.read_csv(tmp_path / "sales.csv", dtype=str, keep_default_na=False)
    negative = sales[sales["Qty"].str.startswith("-")]
    assert len(negative) >= (merchant.sales["returned_units"].fillna(0) > 0).sum() - 4
    assert negative["Total"].str.contains("-").all()
    assert sales["Customer Email"].str.contains(r"^ [A-Z]", regex=True).any()
    assert sales["Discount"].str.len().gt(0).any()
