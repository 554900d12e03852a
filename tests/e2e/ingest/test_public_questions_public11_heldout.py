"""public11's held-out sets: written after its fixes and measured before any change made for them.

Otto Market's positions in German (``;``, ``24,99 €``, a unit a row), Shopee Brasil's orders in Portuguese and
SumUp's item sales in Italian (``;``, decimal commas), generated in their published shapes
(``public11_heldout_shapes``), ingested with ``ecomintel ingest`` and asked what a merchant asks of them.
"""

from __future__ import annotations

import pandas as pd

from tests.e2e.ingest import test_public_questions as pq
from tests.e2e.ingest.public_questions_harness import (  # noqa: F401 (a test: run over this module's sets)
    question_test,
    read,
    test_every_file_is_stored_as_it_means,
)
from tests.e2e.ingest.test_public_questions_public10 import standard_asks
from tests.e2e.ingest.test_public_questions_public11 import _comma, _lines
from tests.fixtures.public import public11_heldout_shapes as shapes


# Otto: a position (one unit) a row at its Verkaufspreis; CANCELLED_BY_MARKETPLACE no sale, RETURNED a return of it.
def _otto(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, sep=";")
    raw = raw[~raw["Status"].str.startswith("CANCELLED")]
    return _lines(
        raw,
        {"order": "Bestellnummer", "product": "Artikelbezeichnung", "city": "Lieferadresse Stadt"},
        raw["Status"] != "RETURNED",
        _comma(raw["Verkaufspreis"]),
        pd.Series(1, index=raw.index),
        pd.to_datetime(raw["Bestelldatum"], format="%d.%m.%Y"),
    )


# Shopee Brasil: Cancelado no sale; a Reembolso aprovado line a return of its Subtotal do produto (revenue).
def _shopee_br(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files)
    raw = raw[raw["Status do pedido"] != "Cancelado"]
    sold = raw["Status da Devolução / Reembolso"] != "Reembolso aprovado"
    return _lines(
        raw,
        {"order": "ID do pedido", "product": "Nome do Produto", "state": "UF"},
        sold,
        raw["Subtotal do produto"].astype(float),
        raw["Quantidade"].astype(int),
        pd.to_datetime(raw["Data de criação do pedido"], format="%Y-%m-%d %H:%M").dt.normalize(),
    )


# SumUp: Fallita (failed) no sale, Rimborsata (refunded) a return of what was paid (Totale); revenue Quantità x Prezzo,
# Sconto its discount.
def _sumup(files: dict[str, str]) -> pd.DataFrame:
    raw = read(files, sep=";")
    raw = raw[raw["Stato"] != "Fallita"]
    sold = raw["Stato"] == "Riuscita"
    qty = raw["Quantità"].astype(int)
    frame = _lines(
        raw,
        {"order": "ID transazione", "product": "Descrizione"},
        sold,
        (qty * _comma(raw["Prezzo"])).round(2),
        qty,
        pd.to_datetime(raw["Data"], format="%d/%m/%Y %H:%M").dt.normalize(),
    )
    return frame.assign(refund=_comma(raw["Totale"]).where(~sold, 0.0), discount=_comma(raw["Sconto"]).where(sold, 0.0))


OTTO_ASKS = standard_asks("revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "aov")
SHOPEE_BR_ASKS = standard_asks(
    "revenue_march", "units_april", "top_product", "orders_may", "refund_2024", "top_state", "aov"
)
SUMUP_ASKS = standard_asks("revenue_march", "units_april", "top_product", "orders_may", "discount_2024", "refund_2024")

DATASETS: dict[str, pq.Dataset] = {
    "otto": pq.Dataset("otto", lambda: shapes.otto_orders(300, seed=151), _otto, OTTO_ASKS, no_currency=False),
    "shopee_br": pq.Dataset("shopee_br", lambda: shapes.shopee_br_orders(300, seed=152), _shopee_br, SHOPEE_BR_ASKS),
    "sumup": pq.Dataset("sumup", lambda: shapes.sumup_items(400, seed=153), _sumup, SUMUP_ASKS),
}
#: Answered wrong today (each is fixed at its cause, then taken off this list).
WRONG_TODAY: frozenset[str] = frozenset()
test_question_of_a_public11_held_out_export = question_test(DATASETS, WRONG_TODAY)
