"""Order detail of the sample merchant's sales: order ids, customers, coupons, an in-store channel, returns.

Drawn from a generator of its own (seeded from the merchant's seed), so the demand, prices and units drawn
before stay as they were. Every sales row becomes one order line with an order id and a customer e-mail
drawn from a pool where a few customers buy often (repeat-customer questions have answers); part of the
web lines become in-store (``pos``) lines; some promoted lines also carry a coupon (``discount``); and a
share of lines is returned later (a return line: no units sold, ``returned_units`` and ``refund``).
"""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

#: Share of web lines sold in store instead.
POS_SHARE = 0.08
#: Share of promoted lines on which the customer also used a coupon, and the coupon's rate.
COUPON_SHARE, COUPON_RATE = 0.5, 0.10
#: Share of lines returned (apparel is returned more), and the days a return takes.
RETURN_SHARE = {"APP": 0.08}
DEFAULT_RETURN_SHARE = 0.03
RETURN_DAYS = (2, 21)
#: Columns of the sample's clean sales table.
SALES_COLUMNS = ("sku", "date", "units", "unit_price", "revenue", "currency", "order_id", "channel", "promo",
                 "discount", "refund", "returned_units", "customer_email")
_DOMAINS = ("example.com", "example.net", "example.org", "mail.example")
_ORDER_PREFIX = {"web": "W", "pos": "P", "amazon": "AMZ", "ebay": "EB"}


def customer_pool(rng: np.random.Generator, n_lines: int) -> tuple[np.ndarray, np.ndarray]:
    """E-mails of the merchant's customers and the weight each buys with (a few buy often)."""
    n = max(200, n_lines // 4)
    emails = np.array([f"customer{i:06d}@{_DOMAINS[i % len(_DOMAINS)]}" for i in range(n)], dtype=object)
    weights = 1.0 / (np.arange(n) + 20.0) ** 1.1
    return emails, weights / weights.sum()


def add_order_detail(sales: pd.DataFrame, seed: int, end: date) -> pd.DataFrame:
    """``sales`` with order ids, customer e-mails, the ``pos`` channel, coupons, and return lines appended.

    Columns added: ``discount``, ``refund``, ``returned_units`` (record fields) and ``customer_email`` (what
    the merchant's file carries; ingestion stores only its hash).
    """
    rng = np.random.default_rng([seed, 7])
    out = sales.copy()
    n = len(out)
    pos = (out["channel"] == "web").to_numpy() & (rng.random(n) < POS_SHARE)
    out.loc[pos, "channel"] = "pos"
    emails, weights = customer_pool(rng, n)
    out["customer_email"] = emails[rng.choice(len(emails), size=n, p=weights)]
    prefix = out["channel"].map(_ORDER_PREFIX).to_numpy()
    out["order_id"] = [f"{p}-{i:07d}" for p, i in zip(prefix, range(1, n + 1), strict=True)]
    coupon = out["promo"].to_numpy(dtype=bool) & (rng.random(n) < COUPON_SHARE)
    out["discount"] = np.where(coupon, np.round(out["revenue"].to_numpy(float) * COUPON_RATE, 2), np.nan)
    out["refund"] = np.nan
    out["returned_units"] = pd.array([pd.NA] * n, dtype="Int64")

    share = out["sku"].str[:3].map(RETURN_SHARE).fillna(DEFAULT_RETURN_SHARE).to_numpy(float)
    returned = rng.random(n) < share
    lines = out[returned].copy()
    units = lines["units"].to_numpy(int)
    back = np.minimum(units, rng.integers(1, 3, len(lines)))
    paid_per_unit = (lines["revenue"].to_numpy(float) - np.nan_to_num(lines["discount"].to_numpy(float))) / units
    lines["date"] = [d + timedelta(days=int(k)) for d, k in
                     zip(lines["date"], rng.integers(RETURN_DAYS[0], RETURN_DAYS[1], len(lines)), strict=True)]
    lines["units"] = 0
    lines["revenue"] = 0.0
    lines["discount"] = np.nan
    lines["promo"] = False
    lines["returned_units"] = pd.array(back, dtype="Int64")
    lines["refund"] = np.round(back * paid_per_unit, 2)
    lines = lines[lines["date"] <= end]
    both = pd.concat([out, lines], ignore_index=True)
    both = both.sort_values(["date", "sku", "channel", "order_id"], kind="stable", ignore_index=True)
    return both[list(SALES_COLUMNS)]
