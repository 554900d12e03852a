"""public10's held-out sets: written after its fixes and measured before any change made for them.

Amazon's Date Range transaction report (a preamble, orders beside their refunds, fees and transfers), Shopify
Payments' transactions export (charges, refunds, adjustments and chargebacks; no products) and Nuvemshop's orders in
Portuguese (``;``, decimal commas, the order's columns on its first row), generated in their published shapes
(``public10_heldout_shapes``), ingested with ``ecomintel ingest`` and asked what a merchant asks of them.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.test_public_questions_more import check
from tests.e2e.ingest.test_public_questions_public10 import read, standard_asks
from tests.fixtures.public import public10_heldout_shapes as shapes


def _usd(cells: pd.Series) -> pd.Series:
    return cells.str.replace(",", "", regex=False).astype(float)


# Amazon Date Range: an Order row a sale of its quantity worth its product sales; a Refund row a return of its product
# sales (negative); fees, transfers and other rows no sale.
def _amazon_range(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, skip=7)
    raw = raw[raw["type"].isin(("Order", "Refund"))]
    sold = raw["type"] == "Order"
    sales = _usd(raw["product sales"])
    return pd.DataFrame(
        {
            "order": raw["order id"],
            "product": raw["description"],
            "state": raw["order state"],
            "qty": raw["quantity"].astype(int).where(sold, 0),
            "value": sales.where(sold, 0.0),
            "refund": (-sales).where(~sold, 0.0),
            "day": pd.to_datetime(raw["date/time"].str.extract(r"^(\w+ \d+, \d{4})")[0], format="%b %d, %Y"),
        }
    )


AMAZON_RANGE_ASKS = standard_asks(
    "revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "top_state", "aov"
)


# Shopify Payments: a charge a sale of its Amount for its Order; a refund (negative) a return of it; adjustments and
# chargebacks are no sale and no refund.
def _shopify_payments(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Type"].isin(("charge", "refund"))]
    sold = raw["Type"] == "charge"
    amount = raw["Amount"].astype(float)
    return pd.DataFrame(
        {
            "order": raw["Order"],
            "value": amount.where(sold, 0.0),
            "refund": (-amount).where(~sold, 0.0),
            "day": pd.to_datetime(raw["Transaction Date"].str[:10], format="%Y-%m-%d"),
        }
    )


SHOPIFY_PAYMENTS_ASKS = standard_asks("revenue_march", "orders_april", "aov", "refund_2024", "last_month")


def _reais(cells: pd.Series) -> pd.Series:
    return cells.str.replace(",", ".", regex=False).replace("", "0").astype(float)


# Nuvemshop: a product of an order a row, the order's columns on its first row; Pago a sale (Quantidade Comprada at
# Valor do Produto), Pendente and Cancelado no sale, Estornado a return of what its items were paid (its share of the
# order's Desconto off); Estado the buyer's state.
def _nuvemshop(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, sep=";")
    order_cols = ["Data", "Status do Pagamento", "Desconto", "Subtotal de produtos", "Estado"]
    first = raw[raw["Data"] != ""].set_index("Número do Pedido")[order_cols]
    raw = raw.drop(columns=order_cols).join(first, on="Número do Pedido")
    raw = raw[raw["Status do Pagamento"].isin(("Pago", "Estornado"))]
    sold = raw["Status do Pagamento"] == "Pago"
    gross = (raw["Quantidade Comprada"].astype(int) * _reais(raw["Valor do Produto"])).round(2)
    off = (_reais(raw["Desconto"]) * gross / _reais(raw["Subtotal de produtos"])).round(2)
    return pd.DataFrame(
        {
            "order": raw["Número do Pedido"],
            "product": raw["Nome do Produto"],
            "state": raw["Estado"],
            "qty": raw["Quantidade Comprada"].astype(int).where(sold, 0),
            "value": gross.where(sold, 0.0),
            "discount": off.where(sold, 0.0),
            "refund": (gross - off).where(~sold, 0.0),
            "day": pd.to_datetime(raw["Data"].str[:10], format="%d/%m/%Y"),
        }
    )


NUVEMSHOP_ASKS = standard_asks(
    "revenue_march", "units_april", "top_product", "orders_may", "discount_2024", "refund_2024", "top_state"
)

DATASETS: dict[str, pq.Dataset] = {
    "amazon_date_range": pq.Dataset(
        "amazon_date_range",
        lambda: shapes.amazon_date_range(300, seed=111),
        _amazon_range,
        AMAZON_RANGE_ASKS,
        no_currency=False,
    ),
    "shopify_payments": pq.Dataset(
        "shopify_payments",
        lambda: shapes.shopify_payments(400, seed=112),
        _shopify_payments,
        SHOPIFY_PAYMENTS_ASKS,
        no_currency=False,
    ),
    "nuvemshop": pq.Dataset(
        "nuvemshop", lambda: shapes.nuvemshop_orders(250, seed=113), _nuvemshop, NUVEMSHOP_ASKS, no_currency=False
    ),
}
#: Measured before any change made for them: 0 of 3 files stored, 0 of 19 questions right (Amazon's report refused:
#: ``date/time`` no date; Shopify Payments' "cannot tell the kind": no product column; Nuvemshop's "cannot tell the
#: kind": ``Nome do Produto`` and ``Quantidade Comprada`` unread). After (``date/time`` a date; an order's total and
#: discount on its first row only read as the order's; a payment status beside the order's deciding refunds and pending
#: payments; Portuguese words; the Amazon Date Range and Shopify Payments profiles): 3 of 3 files, 19 of 19.
#: Answered wrong today (each is fixed at its cause, then taken off).
WRONG_TODAY: frozenset[str] = frozenset()
CASES = pq.dataset_cases(DATASETS, WRONG_TODAY)


@pytest.mark.parametrize(("dataset", "ask"), CASES)
def test_question_of_a_held_out_export(
    dataset: str,
    ask: pq.Ask,
    homes: dict[str, tuple[Path, pd.DataFrame]],
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pq.ask_and_check(DATASETS, homes, dataset, ask, check, monkeypatch, capsys)
