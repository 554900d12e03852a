"""What kind of data a header is: a dataset's part, a relational export's file, a native export or a kind.

Recognition sits above the column aliases (``shared.ingest.headers``), the published datasets' signatures
(``shared.ingest.parts``) and the relational export's rules (``shared.ingest.order_parts``), which reads the aliases:
keeping it out of ``headers`` is what lets each of those import only downward.
"""

from __future__ import annotations

from shared import regex as re
from shared.errors import InvalidInput
from shared.ingest.headers import EVIDENCE, export_profile, map_columns, required_fields
from shared.ingest.order_parts import order_part
from shared.ingest.parts import DatasetPart, PartRole, published_part
from shared.models.records import RECORD_MODELS, DataKind


def dataset_part(headers: list[str] | tuple[str, ...]) -> DatasetPart | None:
    """The published file whose signature headers all appear in ``headers``, else the relational export's file."""
    return published_part(headers) or order_part(headers)


def detect_kind(headers: list[str] | tuple[str, ...]) -> DataKind:
    """The kind whose required fields are all present, preferring the one mapping the most columns.

    A native export is of its profile's kind (even when a required column is missing: ingestion then says
    which, and what to do); a file of a multi-file public dataset (``shared.ingest.parts``) is of its part's.
    """
    part = dataset_part(headers)
    if part is not None:
        return part.kind
    profile = export_profile(headers)
    if profile is not None:
        return profile.kind
    candidates: list[tuple[int, int, DataKind]] = []
    for order, kind in enumerate(DataKind):
        mapping = map_columns(headers, kind)
        mapped = set(mapping.fields.values())
        evidence = EVIDENCE.get(kind)
        if not mapping.missing_required and (evidence is None or evidence & mapped):
            # a column-optional field the file has counts as required did (a dated review file ranks as before)
            specific = len(required_fields(kind)) + len(mapped & set(RECORD_MODELS[kind].column_optional))
            candidates.append((len(mapping.fields) + specific, -order, kind))
    if not candidates:
        if _undated_sales(headers):
            return DataKind.SALES
        raise InvalidInput(
            f"cannot tell the kind of data from the header; columns seen: {', '.join(headers)}",
            details={"columns": list(headers)},
        )
    return max(candidates)[2]


#: The last word of a header that holds money spent (``Item_Outlet_Sales``, ``Purchase``, ``Amount``): with a product
#: column, a file of them is sales, dated or not.
_MONEY_WORDS = frozenset({"sales", "purchase", "purchases", "amount", "revenue", "spend", "spent"})
UNDATED_SALES_NOTE = ("Sales without dates: its rows carry no dates (the file has no date column{orders}), so no sale "
                      "can be placed in a day, month or year: nothing is stored. To load these sales, add the date of "
                      "each sale as a column and upload the file again")
#: What the note adds for order lines whose dates are their orders' (BikeStores' order_items.csv beside orders.csv).
_ORDERS_ELSEWHERE = "; each line names its order, whose date another file holds, and such files are not joined"


def _undated_sales(headers: list[str] | tuple[str, ...]) -> bool:
    """Whether a header fitting no kind is sales without dates: a product column and money or units, no date.

    Kaggle's Black Friday (``User_ID,Product_ID,...,Purchase``), Diwali Sales (``Product_ID,...,Orders,Amount``)
    and Big Mart (``Item_Identifier,...,Item_Outlet_Sales``) publish no dates at all.
    """
    mapping = map_columns(headers, DataKind.SALES)
    mapped = set(mapping.fields.values())
    if "date" in mapped or ("sku" not in mapped and mapping.sku_stand_in is None):
        return False
    words = {re.split(r"[^0-9a-z]+", h.strip().lower())[-1] for h in headers if h.strip()}
    return bool({"units", "revenue", "unit_price"} & mapped or _MONEY_WORDS & words)


def undated_sales_part(headers: list[str] | tuple[str, ...]) -> DatasetPart | None:
    """A sales file without dates (``_undated_sales``) fitting no kind, as a file acknowledged and not stored.

    Every row is skipped and the note says why, so a sales question answers that its rows carry no dates
    (``shared.questions.unstored``) instead of that no sales were uploaded.
    """
    names = [h.strip() for h in headers]
    try:
        detect_kind(names)
    except InvalidInput:
        return None  # not even undated sales
    if dataset_part(names) is not None or export_profile(names) is not None or not _undated_sales(names):
        return None
    for kind in DataKind:  # a header another kind reads is that kind's (a stock count taken on upload)
        mapping = map_columns(names, kind)
        if not mapping.missing_required and (EVIDENCE.get(kind) is None or EVIDENCE[kind] & set(
                mapping.fields.values())):
            return None
    orders = _ORDERS_ELSEWHERE if "order_id" in map_columns(names, DataKind.SALES).fields.values() else ""
    return DatasetPart("undated_sales", "undated_sales", PartRole.UNUSED, DataKind.SALES, tuple(names),
                       UNDATED_SALES_NOTE.format(orders=orders))
