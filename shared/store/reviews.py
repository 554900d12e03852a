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
    read,
    read_with_evidence,
    tenant_predicate,
)


def _same_product() -> exp.Expr:
    return exp.and_(col("tenant_id", "p").eq(col("tenant_id", "r")), col("sku", "p").eq(col("sku", "r")))


def _narrowed(conditions: list[exp.Expr], skus: bool, categories: bool, channels: bool = False) -> list[exp.Expr]:
    if skus:
        conditions.append(in_array(col("sku", "r"), "skus"))
    if categories:
        conditions.append(in_array(col("category", "p"), "categories"))
    if channels:  # "what do Amazon reviewers complain about?": the reviews left on that channel
        conditions.append(in_array(col("channel", "r"), "channels"))
    return conditions


@cache
def reviews_statement(*, skus: bool, categories: bool, undated: bool = False, channels: bool = False) -> exp.Select:
    """Reviews in ``[@start_date, @end_date]`` joined to their product, optionally narrowed; ``LIMIT @max_rows``.

    ``undated``: reviews without a date too (they belong to no period; an all-time question counts them).
    Built once per shape (``functools.cache``): callers must not change the statement.
    """
    day = col("date", "r")
    dated = exp.and_(day >= param("start_date"), day <= param("end_date"))
    conditions = _narrowed([tenant_predicate("r"), exp.paren(exp.or_(dated, day.is_(exp.null()))) if undated
                            else dated], skus, categories, channels)
    same_product = _same_product()
    return (exp.select(*(col(c, "r") for c in ("review_id", "sku", "date", "rating", "title", "text", "author",
                                                "verified", "spam_score", "spam_reasons")),
                       col("title", "p").as_("product_title"), col("category", "p"))
            .from_(exp.to_table("reviews").as_("r"))
            .join(exp.to_table("products").as_("p"), on=same_product, join_type="left")
            .where(*conditions)
            .order_by(*ordered("date", "review_id", table="r"))
            .limit(param("max_rows")))


def reviews_with_products(warehouse: Warehouse, tenant_id: str, *, start_date: date, end_date: date,
                          skus: Sequence[str] = (), categories: Sequence[str] = (), max_rows: int,
                          undated: bool = False, channels: Sequence[str] = ()) -> TenantRead:
    """The tenant's reviews in ``[start_date, end_date]`` (narrowed by ``skus``/``categories`` when given).

    ``categories`` as a question spells them ("kitchen") match the catalogue's own ("Kitchen").
    ``undated``: with the reviews that have no date (all-time questions; periods and trends leave them out).
    ``channels``: only the reviews left on those sales channels (as the data spells them).
    """
    params: dict[str, object] = {"start_date": start_date, "end_date": end_date, "max_rows": max_rows}
    if skus:
        params["skus"] = list(skus)
    if categories:
        params["categories"] = stored_categories(warehouse, tenant_id, categories)
    if channels:
        params["channels"] = list(channels)
    statement = reviews_statement(skus=bool(skus), categories=bool(categories), undated=undated,
                                  channels=bool(channels))
    return read_with_evidence(warehouse, statement, tenant_id, **params)


@cache
def undated_count_statement(*, skus: bool, categories: bool, channels: bool = False) -> exp.Select:
    """How many of the tenant's reviews (narrowed like :func:`reviews_statement`) have no date."""
    conditions = _narrowed([tenant_predicate("r"), col("date", "r").is_(exp.null())], skus, categories, channels)
    return (exp.select(exp.func("COUNT", exp.Star()).as_("n"))
            .from_(exp.to_table("reviews").as_("r"))
            .join(exp.to_table("products").as_("p"), on=_same_product(), join_type="left")
            .where(*conditions))


def undated_review_count(warehouse: Warehouse, tenant_id: str, *, skus: Sequence[str] = (),
                         categories: Sequence[str] = (), channels: Sequence[str] = ()) -> int:
    """The tenant's reviews without a date (narrowed by ``skus``/``categories``): what a trend leaves out."""
    params: dict[str, object] = {}
    if skus:
        params["skus"] = list(skus)
    if categories:
        params["categories"] = stored_categories(warehouse, tenant_id, categories)
    if channels:
        params["channels"] = list(channels)
    frame = read(warehouse, undated_count_statement(skus=bool(skus), categories=bool(categories),
                                                    channels=bool(channels)), tenant_id, **params)
    return int(frame.iloc[0]["n"] or 0) if not frame.empty else 0
