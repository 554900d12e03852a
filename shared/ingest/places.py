"""Where each of something is, read from its table and given to the sales lines that name it by id.

Maven's AdventureWorks publishes its sales with a ``TerritoryKey`` and, in ``AdventureWorks_Territories.csv``, where
each territory is (``SalesTerritoryKey, Region, Country, Continent``). The table is recognised by its columns
(``shared.ingest.order_parts``: one ``{thing}`` id and place columns), remembered as references (``place:{thing}``),
and a sales file naming the thing by id (``TerritoryKey``) has each line's region, country and state filled from them
where the line gives none, so "revenue by country" answers. A table uploaded after the sales does not restate them.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import pandas as pd

from shared.ingest.headers import normalise_header
from shared.ingest.order_parts import NOT_LOOKUPS, id_things

#: A places table's columns (normalised) -> the sales field each fills; a continent or sales group is not stored.
PLACE_FIELDS = {"region": "region", "country": "country", "state": "state", "province": "state"}


def place_link(thing: str) -> str:
    """The reference link of where each ``thing`` id is (``place:territory``)."""
    return f"place:{thing}"


def place_columns(headers: Sequence[str]) -> dict[str, str]:
    """A places table's columns -> the sales field each fills (``{"Region": "region", "Country": "country"}``)."""
    found: dict[str, str] = {}
    for header in headers:
        field = PLACE_FIELDS.get(normalise_header(header))
        if field is not None and field not in found.values():
            found[header] = field
    return found


def places_detail(cells: pd.DataFrame, columns: dict[str, str]) -> list[str]:
    """Each row's place fields as the JSON a reference keeps (``{"region": "Northwest", "country": ...}``)."""
    fields = cells[list(columns)].set_axis(list(columns.values()), axis=1)
    return [json.dumps({k: v for k, v in row.items() if v}, ensure_ascii=False) for row in fields.to_dict("records")]


def located_by(headers: Sequence[str], mapped: Sequence[int]) -> dict[int, str]:
    """A sales file's columns naming something by id that may have a place (``TerritoryKey`` -> ``territory``).

    Only columns no field took, for things that are not the product, the order or a person.
    """
    return {i: thing for thing, i in id_things(list(headers)).items() if i not in mapped and thing not in NOT_LOOKUPS}


#: The references of a link for some ids (``shared.store.joins.refs``, bound to the warehouse and tenant).
RefLookup = Callable[[str, list[str]], pd.DataFrame]


def placed(raw: pd.DataFrame, ids: dict[str, pd.Series], lookup: RefLookup) -> pd.DataFrame:
    """``raw`` with region, country and state filled from where each line's ``ids`` (thing -> the line's id) are.

    A line's own place cell wins; a thing whose places were never uploaded changes nothing.
    """
    for thing, values in ids.items():
        text = values.astype(object).where(values.notna(), "").astype(str).str.strip()
        known = lookup(place_link(thing), sorted(set(text) - {""}))
        if known.empty:
            continue
        detail = known.drop_duplicates("ref_id").set_index("ref_id")["ref_detail"].map(
            lambda d: json.loads(d) if d else {})
        for field in ("region", "country", "state"):
            where = {i: d[field] for i, d in detail.items() if d.get(field)}
            found = text.map(where)
            if found.isna().all():
                continue
            if field in raw:
                own = raw[field].astype(object)
                empty = own.isna() | (own.astype(str).str.strip() == "")
                raw = raw.assign(**{field: own.where(~empty, found)})
            else:
                raw = raw.assign(**{field: found})
    return raw
