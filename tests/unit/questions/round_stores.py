"""The small stores and the reader the pricing/review rounds' tests share (#18): one place for the vocabulary's
defaults (two channels, one rival, dollars, every product priced) and for reading a question on the December data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from shared.questions.reading import Reading, read_question
from shared.questions.vocabulary import ProductName, Vocabulary, VocabularyIndex
from shared.store.metrics.model import CompiledStatement, MetricQuery, MetricResult
from tests.unit.questions.test_unseen_phrasings import DEC_EXTENTS


def small_store(
    products: Sequence[ProductName],
    *,
    competitors: Sequence[str] = ("MegaMart",),
    channels: Sequence[str] = ("web", "amazon"),
    sales_columns: Sequence[str] | None = (),
) -> VocabularyIndex:
    """A one-tenant store of these products, every one of them priced by the competitors (``sales_columns=None``:
    the sales columns unknown, as a vocabulary built without them)."""
    vocab = Vocabulary(
        tenant_id="t",
        products=list(products),
        skus=[p.sku for p in products],
        channels=list(channels),
        competitors=list(competitors),
        currency="USD",
        sales_columns=None if sales_columns is None else list(sales_columns),
        priced_products=len(products),
    )
    return VocabularyIndex(vocab)


def read(store: VocabularyIndex, question: str) -> Reading:
    """The question read for tenant ``t`` of this store on the December extents."""
    return read_question(question, tenant_id="t", index=store, extents=DEC_EXTENTS)


def stub_result(query: MetricQuery, rows: list[dict[str, Any]], currency: str | None = "USD") -> MetricResult:
    """A result of these rows for the query, as the store would return it (the SQL is not run)."""
    return MetricResult(
        query=query,
        columns=list(rows[0]),
        rows=rows,
        currency=currency,
        statement=CompiledStatement(sql="SELECT 1", params={"tenant_id": "t"}, dialect="duckdb"),
    )
