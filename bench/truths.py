"""What the benches' truths are computed from, and how a tie among them is stated.

The generated merchant as the store accepted it (:func:`accepted`): the rows the truths read.

The ingest refuses the rows the sample generator corrupts (a few per table), drops the duplicates it writes,
and keeps the SKU spellings it cannot resolve (a refused catalogue row leaves that product's ASINs and prefixed
SKUs as written). A truth over the generated rows counts what the store never held: on some days that moved a
total past a tolerance or a ranking past its runner-up, and the benches marked right answers wrong. The truths
stay pandas over plain rows (never the metrics layer); only which rows they read changes.

A name the truth ties with others (two days with the same orders): :func:`peak` and :func:`first` give a
:class:`Tied` name, and an answer that states any one of them holds it (:func:`position`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from shared.ports import Warehouse
    from shared.sample.merchant import SampleMerchant


def stored_rows(warehouse: Warehouse, tenant: str, table: str, generated: pd.DataFrame) -> pd.DataFrame:
    """The tenant's stored rows of ``table`` in the file's order, with the generated table's columns.

    Dates become ``date`` objects as the generator writes them; the stored customer hash stands in for the
    e-mail (which the store never keeps and the truths only count).
    """
    stored = warehouse.query(f"SELECT * FROM {table} WHERE tenant_id = @tenant_id ORDER BY source_row",
                             {"tenant_id": tenant})
    if "customer_email" in generated.columns:
        stored = stored.assign(customer_email=stored["customer_hash"])
    if "date" in generated.columns:
        stored = stored.assign(date=pd.to_datetime(stored["date"]).dt.date)
    return stored[list(generated.columns)].reset_index(drop=True)


def accepted(warehouse: Warehouse, tenant: str, merchant: SampleMerchant) -> SampleMerchant:
    """``merchant`` with each table replaced by the rows the store accepted (its planted truths unchanged)."""
    m = merchant
    return replace(m, products=stored_rows(warehouse, tenant, "products", m.products),
                   sales=stored_rows(warehouse, tenant, "sales", m.sales),
                   reviews=stored_rows(warehouse, tenant, "reviews", m.reviews),
                   inventory=stored_rows(warehouse, tenant, "inventory", m.inventory),
                   competitor_prices=stored_rows(warehouse, tenant, "competitor_prices", m.competitor_prices))


class Tied(str):
    """Names the truth ties (equal values): the answer may state any one of them (the first is the str)."""

    names: tuple[str, ...]

    def __new__(cls, names: Sequence[str]) -> Tied:
        tied = super().__new__(cls, names[0])
        tied.names = tuple(names)
        return tied


def peak(series: pd.Series, how: str = "max", name: Callable[[Any], str] = str) -> str:
    """The name of the label with the largest (``how="max"``) or smallest value of ``series``.

    Labels whose values equal it to a billionth tie: the name is then :class:`Tied` (any of them is right).
    """
    best = float(series.max() if how == "max" else series.min())
    tied = [name(k) for k, v in series.items() if abs(float(v) - best) <= 1e-9 * max(1.0, abs(best))]
    return tied[0] if len(tied) == 1 else Tied(tied)


def first(ranked: pd.Series) -> str:
    """The name of a ranked series' first label, :class:`Tied` with the labels whose value equals its value."""
    top = float(ranked.iloc[0])
    tied = [str(k) for k, v in ranked.items() if abs(float(v) - top) <= 1e-9 * max(1.0, abs(top))]
    return tied[0] if len(tied) == 1 else Tied(tied)


def position(text: str, name: str) -> int:
    """Where ``text`` (lower case) first states ``name`` or, for a :class:`Tied` name, any of its names; -1: nowhere."""
    found = [p for p in (text.find(n.lower()) for n in (name.names if isinstance(name, Tied) else (name,))) if p >= 0]
    return min(found, default=-1)
