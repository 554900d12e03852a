"""Where each of something is, read from its table and given to the sales lines that name it by id.

Maven's AdventureWorks publishes its sales with a ``TerritoryKey`` and, in ``AdventureWorks_Territories.csv``, where
each territory is (``SalesTerritoryKey, Region, Country, Continent``). The table is recognised by its columns
(``shared.ingest.order_parts``: one ``{thing}`` id and place columns), remembered as references (``place:{thing}``),
and a sales file naming the thing by id (``TerritoryKey``) has each line's region, country and state filled from them
where the line gives none, so "revenue by country" answers.

Files arrive in any order. A line naming a territory whose place is not known yet keeps it as its region's label
(``territory 10``, as a store's id is the channel ``store 1`` until the store names arrive: ``shared.ingest.relabel``);
when the places table arrives, each labelled line is restated with its region, country and state
(``restate_places``). The sales record key does not include the place, so a line keeps its key: restated in place,
never a second copy, and a places table uploaded twice restates nothing the second time.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence

import pandas as pd

from shared import regex as re
from shared.ingest.headers import normalise_header
from shared.ingest.localised import readings
from shared.ingest.order_parts import NOT_LOOKUPS, id_things
from shared.ingest.relabel import PAGE_ROWS, keyed, restate_pages
from shared.models.records import DataKind
from shared.ports import Warehouse

#: A places table's columns (normalised) -> the sales field each fills; a continent or sales group is not stored.
PLACE_FIELDS = {"region": "region", "country": "country", "state": "state", "province": "state"}


#: Things whose id stands for a place: a line naming one not yet placed keeps the id as its region's label. (Other
#: ids a sales file names, a promotion's or a store's, are not places: their lines are left without a region.)
PLACE_THINGS = frozenset({"territory", "salesterritory", "region", "geography", "area", "zone", "district"})


#: The flag of sales lines whose region is a city: the file's column said so (``City``, ``Store City``, ``Location``),
#: so "which city" reads the regions whatever their names (``shared.store.vocabulary``; the list of well-known
#: cities in ``shared.questions.place_names.are_cities`` is the fallback for lines stored without it).
CITY_FLAG = "region:city"
_CITY_HEADER = re.compile(r"city|cities|location|town", re.I)


def region_is_city(header: str) -> bool:
    """Whether a sales file's region column names cities by its header (``City``, ``Store City``, ``Location``).

    In English or another language (bol.com's ``Plaats``, ``Stadt``, ``Ciudad``, ``Miasto``: translated by
    ``shared.ingest.localised``).
    """
    return any(_CITY_HEADER.search(name) for name in (header, *readings(header)))


def place_label(thing: str, ids: pd.Series) -> pd.Series:
    """The region label of lines naming ``thing`` ids not placed yet (``territory 10``)."""
    return thing + " " + ids


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
        detail = known.drop_duplicates("ref_id").set_index("ref_id")["ref_detail"].map(
            lambda d: json.loads(d) if d else {}) if not known.empty else pd.Series(dtype=object)
        for field in ("region", "country", "state"):
            where = {i: d[field] for i, d in detail.items() if d.get(field)}
            found = text.map(where)
            if field == "region" and thing in PLACE_THINGS:  # not placed yet: its label, restated when placed
                unplaced = (text != "") & ~text.isin(detail.index)
                found = found.where(~unplaced, place_label(thing, text))
            if found.isna().all():
                continue
            raw = _filled(raw, field, found)
    return raw


def _filled(raw: pd.DataFrame, field: str, found: pd.Series) -> pd.DataFrame:
    """``raw`` with ``field`` set to ``found`` where the line gives none of its own."""
    if field not in raw:
        return raw.assign(**{field: found})
    own = raw[field].astype(object)
    empty = own.isna() | (own.astype(str).str.strip() == "")
    return raw.assign(**{field: own.where(~empty, found)})


def _with_places(rows: pd.DataFrame, labels: dict[str, dict[str, str]]) -> pd.DataFrame:
    """``rows`` whose region is a label of ``labels`` (``territory 10``) given that place's region, country and state.

    A line's own country or state (none had a region: it took the label) is kept, as names-first does; a region that
    is no label of ``labels`` stays as it is.
    """
    where = rows["region"].map(labels)
    fields = {f: where.map(lambda p, f=f: p.get(f) or None if isinstance(p, dict) else None)
              for f in ("region", "country", "state")}
    placed_rows = rows.assign(region=fields["region"].where(where.notna(), rows["region"]))
    for f in ("country", "state"):
        own = rows[f] if f in rows else pd.Series(None, index=rows.index, dtype=object)
        placed_rows[f] = own.where(own.notna() & (own.astype(str).str.strip() != ""), fields[f])
    return placed_rows


def place_labelled(rows: pd.DataFrame, lookup: RefLookup) -> pd.DataFrame:
    """Staged sales lines still labelled ``{thing} {id}`` placed from the places known now.

    A sales file staged before its places table and processed after it (the places arrived in between: another
    upload, or a pipeline that stages and processes apart) kept the label: ``restate_places`` restates only the lines
    already processed. Processing places them here, so no line keeps a label whose place is known.
    """
    if rows.empty or "region" not in rows:
        return rows
    regions = rows["region"].astype(object).where(rows["region"].notna(), "").astype(str)
    labels: dict[str, dict[str, str]] = {}
    for thing in PLACE_THINGS:
        ids = sorted({r[len(thing) + 1:] for r in regions.unique() if r.startswith(f"{thing} ")})
        known = lookup(place_link(thing), ids) if ids else pd.DataFrame()
        for ref_id, detail in zip(known.get("ref_id", []), known.get("ref_detail", []), strict=True):
            labels[f"{thing} {ref_id}"] = json.loads(detail) if detail else {}
    return _with_places(rows, labels) if labels else rows


def restate_places(warehouse: Warehouse, tenant_id: str, thing: str, places: dict[str, dict[str, str]],
                   page_rows: int = PAGE_ROWS) -> int:
    """Sales lines labelled ``{thing} {id}`` (stored before the places) given the place of ``places[id]``.

    Page by page (``relabel.PAGE_ROWS``), each page one write (``Warehouse.upsert_replacing``): a line keeps its
    record key (the place is not in it), so it is replaced in place. Returns the count of lines placed.
    """
    labels = {f"{thing} {i}": place for i, place in places.items()}

    def placed(rows: pd.DataFrame) -> pd.DataFrame:
        # the same keys (the place is in none): replaced in place; a key computed otherwise still drops the old row
        return keyed(_with_places(rows, labels), DataKind.SALES)

    return restate_pages(warehouse, tenant_id, "sales", "region", list(labels), placed, page_rows)
