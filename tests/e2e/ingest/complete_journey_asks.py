"""A merchant's questions of dunnhumby's "The Complete Journey", with pandas truths by the dataset's own rules.

The R package's receipts (``tests/fixtures/public/complete_journey.py``, real lines of sampled households):
``sales_value`` is what the retailer received (revenue), the loyalty-card and coupon-match discounts are the
retailer's, already taken off it (the manufacturer's coupon is not), a basket is an order, a household a customer,
a store a channel; fuel is sold in thousandths of a gallon (its revenue counts, each line one unit: a fill-up).
An order is a basket that sold a unit (a basket of coupon lines alone, quantity 0, is none). The
catalogue's category is ``product_category`` (else the department). The original download's receipts have day
numbers and no dates: nothing to place in time, so only its catalogue answers. Shared by
``test_complete_journey_questions.py`` and ``bench/public_questions.py``.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

import pandas as pd

from shared.ingest.sales import METERED_MAX_UNIT_VALUE, METERED_MIN_UNITS
from tests.e2e.ingest.test_public_questions import Ask, _last_whole_month, _mom_pct, _month, _top, _weekday, _year


@dataclass(frozen=True)
class Refusal:
    """A question the data cannot answer: the answer's first two sentences must say why (``reason``, a regex)."""

    question: str
    reason: str

    def __str__(self) -> str:
        return self.question


def check_refusal(refusal: Refusal, answer: str) -> None:
    """The answer says the data cannot answer, and why, before anything else."""
    opening = " ".join(re.split(r"(?<=[.!?])\s+", answer)[:2])
    assert re.search(refusal.reason, opening, re.I), (answer, refusal.reason)


def metered(quantity: pd.Series, value: pd.Series) -> pd.Series:
    """Fuel lines: more than ``METERED_MIN_UNITS`` "units" at under a cent each (thousandths of a gallon)."""
    return (quantity > METERED_MIN_UNITS) & (value / quantity.where(quantity > 0) < METERED_MAX_UNIT_VALUE)


def r_package_frame(files: dict[str, str]) -> pd.DataFrame:
    """The receipts as the answers read them: one row per line, joined to the catalogue's category."""
    lines = pd.read_csv(io.StringIO(files["transactions.csv"]))
    products = pd.read_csv(io.StringIO(files["products.csv"]))
    category = products.set_index("product_id")["product_category"].fillna(products.set_index("product_id")
                                                                             ["department"])
    fuel = metered(lines["quantity"], lines["sales_value"])
    return pd.DataFrame({
        "order": lines["basket_id"], "sku": lines["product_id"].astype(str), "customer": lines["household_id"],
        "store": "store " + lines["store_id"].astype(str), "qty": lines["quantity"].where(~fuel, 1), "fuel": fuel,
        "value": lines["sales_value"], "off": (lines["retail_disc"] + lines["coupon_match_disc"]).round(2),
        "category": lines["product_id"].map(category),
        "day": pd.to_datetime(lines["transaction_timestamp"]).dt.normalize()})


def _orders(frame: pd.DataFrame) -> int:
    return int(frame.loc[frame["qty"] > 0, "order"].nunique())


def _discount_rate(frame: pd.DataFrame) -> float:
    return round(100 * frame["off"].sum() / (frame["value"] + frame["off"]).sum(), 1)


R_PACKAGE_ASKS: list[Ask | Refusal] = [
    Ask("What was revenue in March 2017?", lambda f: round(_month(f, "2017-03")["value"].sum(), 2)),
    Ask("What did we make last month?", lambda f: round(_last_whole_month(f)["value"].sum(), 2)),
    Ask("What were sales in 2017?", lambda f: round(_year(f, 2017)["value"].sum(), 2)),
    Ask("How many units did we sell in June 2017?", lambda f: int(_month(f, "2017-06")["qty"].sum())),
    Ask("Which product made the most revenue?", lambda f: _top(f, "sku")),
    Ask("Which product sold the most units?", lambda f: _top(f, "sku", "qty")),
    Ask("Which category had the most revenue?", lambda f: _top(f.dropna(subset=["category"]), "category")),
    Ask("Which category sold the most units in 2017?",
        lambda f: _top(_year(f, 2017).dropna(subset=["category"]), "category", "qty")),
    Ask("Which store had the most revenue?", lambda f: _top(f, "store")),
    Ask("What was revenue at store 367 in 2017?",
        # the figure after the store's name
        lambda f: ("store 367", round(_year(f[f["store"] == "store 367"], 2017)["value"].sum(), 2))),
    Ask("How many customers did we have in 2017?", lambda f: _year(f, 2017)["customer"].nunique()),
    Ask("How many orders did we have in March 2017?", lambda f: _orders(_month(f, "2017-03"))),
    Ask("What is our average order value?", lambda f: round(f["value"].sum() / _orders(f), 2)),
    Ask("How much did we give away in discounts in 2017?", lambda f: round(_year(f, 2017)["off"].sum(), 2)),
    Ask("What was our average discount?", _discount_rate, percent=True),
    Ask("How did revenue change month over month?", _mom_pct, percent=True),
    Ask("Which day of the week has the most revenue?", _weekday),
    Refusal("What is our profit margin?", r"needs product costs"),
]


def original_catalogue(files: dict[str, str]) -> pd.DataFrame:
    """The original download's product.csv as the catalogue reads it (category: COMMODITY_DESC, else DEPARTMENT)."""
    raw = pd.read_csv(io.StringIO(files["product.csv"]))
    return pd.DataFrame({"sku": raw["PRODUCT_ID"].astype(str),
                         "category": raw["COMMODITY_DESC"].fillna(raw["DEPARTMENT"])})


ORIGINAL_ASKS: list[Ask | Refusal] = [
    Ask("How many products do we have?", lambda f: f["sku"].nunique()),
    Ask("How many products do we have in SOFT DRINKS?", lambda f: int((f["category"] == "SOFT DRINKS").sum())),
    # the receipts were uploaded but hold no date: the answer says they were received, not stored, and why
    # ("none has been uploaded" was false)
    Refusal("What was revenue last month?", r"^No sales are stored: transaction_data\.csv was received\b"),
    Refusal("What were sales in 2017?", r"transaction_data\.csv was received.*day number.*calendar date"),
    Refusal("How many orders did we have?", r"^No sales are stored: transaction_data\.csv was received\b.*"
            r"no sale can be placed"),
]
