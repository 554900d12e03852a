"""A tenant's reviews as the sentiment agent reads them: with product titles and categories."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache

from sqlglot import exp

from shared.ports import Warehouse
from shared.store.categories import stored_categories
from shared.store.statements import (
    TenantRead,
    col,
    in_array,
    ordered,
    param,
    read_with_evidence,
    tenant_predicate,
)


@cache
def reviews_statement(*, skus: bool, categories: bool) -> exp.Select:
    """Reviews in ``[@start_date, @end_date]`` joined to their product, optionally narrowed; ``LIMIT @max_rows``.

    Built once per shape (``functools.cache``): callers must not change the statement.
    """
    conditions: list[exp.Expr] = [tenant_predicate("r"), col("date", "r") >= param("start_date"),
                                        col("date", "r") <= param("end_date")]
    if skus:
        conditions.append(in_array(col("sku", "r"), "skus"))
    if categories:
        conditions.append(in_array(col("category", "p"), "categories"))
    same_product = exp.and_(col("tenant_id", "p").eq(col("tenant_id", "r")), col("sku", "p").eq(col("sku", "r")))
    return (exp.select(*(col(c, "r") for c in ("review_id", "sku", "date", "rating", "title", "text", "author",
                                                "verified", "spam_score", "spam_reasons")),
                       col("title", "p").as_("product_title"), col("category", "p"))
            .from_(exp.to_table("reviews").as_("r"))
            .join(exp.to_table("products").as_("p"), on=same_product, join_type="left")
            .where(*conditions)
            .order_by(*ordered("date", "review_id", table="r"))
            .limit(param("max_rows")))


def reviews_with_products(warehouse: Warehouse, tenant_id: str, *, start_date: date, end_date: date,
                          skus: Sequence[str] = (), categories: Sequence[str] = (), max_rows: int) -> TenantRead:
    """The tenant's reviews in ``[start_date, end_date]`` (narrowed by ``skus``/``categories`` when given).

    ``categories`` as a question spells them ("kitchen") match the catalogue's own ("Kitchen").
    """
    params: dict[str, object] = {"start_date": start_date, "end_date": end_date, "max_rows": max_rows}
    if skus:
        params["skus"] = list(skus)
    if categories:
        params["categories"] = stored_categories(warehouse, tenant_id, categories)
    statement = reviews_statement(skus=bool(skus), categories=bool(categories))
    return read_with_evidence(warehouse, statement, tenant_id, **params)
