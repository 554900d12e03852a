"""Line items packed in one cell: each item made a line of its own before the rows are read.

BigCommerce's orders export writes one row per order and packs its products in ``Product Details``::

    Product ID: 101, Product Qty: 2, Product SKU: TNT-2P, Product Name: Trail Tent, 2 Person, ...,
    Product Unit Price: 189.00, Product Total Price: 378.00|Product ID: 104, Product Qty: 1, ...

Read as one line, an order of three products would be one sale of none of them. Here each row is repeated once per
item, with the item's values in columns of their own (``ExportProfile.packed`` names which keys feed which
fields); the order's cells (date, status, customer) are on every item's line. Keys are the cell's own ``Name:``
labels that start like the profile's keys (``Product ...``), so a product name with a comma in it (``Trail Tent, 2
Person``) stays whole. A row whose cell holds no item stays one line, with the item fields empty (rejected there
with its reason). Each line keeps its row's number, so a reject names the row it came from.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pandas as pd

from shared import regex as re
from shared.ingest.headers import ColumnMapping, PackedItems
from shared.ingest.names import normalise_header
from shared.ingest.reader import Chunk


def _key_pattern(packed: PackedItems) -> re.Pattern[str]:
    """Labels like the profile's keys: their shared first word and a capitalised name (``Product Unit Price:``)."""
    first = {key.split()[0] for key, _ in packed.keys}
    words = "|".join(re.escape(w) for w in sorted(first))
    return re.compile(rf"(?:^|,\s*)((?:{words})(?: [A-Z][A-Za-z]*)+):\s?")


def split_items(cell: str, packed: PackedItems) -> list[dict[str, str]]:
    """The items of one packed cell, each as ``{key: value}`` (every label the cell names)."""
    if packed.pairs:  # key:value pairs joined by a mark of their own (Big Cartel's ``|``)
        pairs = (part.split(packed.pairs) for part in cell.split(packed.separator))
        found = [{k.strip(): v.strip() for k, _, v in (p.partition(":") for p in item if ":" in p)} for item in pairs]
        return [item for item in found if item]
    pattern = _key_pattern(packed)
    items: list[dict[str, str]] = []
    for part in cell.split(packed.separator):
        marks = list(pattern.finditer(part))
        if not marks:
            continue
        item = {m.group(1): part[m.end():(marks[i + 1].start() if i + 1 < len(marks) else len(part))].strip()
                for i, m in enumerate(marks)}
        items.append(item)
    return items


def packed_mapping(mapping: ColumnMapping) -> ColumnMapping:
    """``mapping`` with one column per packed item field appended (``Product Details: Product SKU``)."""
    profile = mapping.profile
    if profile is None or profile.packed is None:
        return mapping
    headers = list(mapping.headers)
    fields = dict(mapping.fields)
    taken = set(fields.values())
    for key, field in profile.packed.keys:
        if field in taken:
            continue
        fields[len(headers)] = field
        headers.append(f"{_source(mapping, profile.packed)}: {key}")
        taken.add(field)
    return replace(mapping, headers=tuple(headers), fields=fields)


def _source(mapping: ColumnMapping, packed: PackedItems) -> str:
    return next((h for h in mapping.headers if normalise_header(h) == packed.column), packed.column)


def expand_chunk(chunk: Chunk, mapping: ColumnMapping, width: int) -> Chunk:
    """``chunk`` with each row repeated per packed item and the items' values in the appended columns.

    ``width`` is the file's own column count (the appended columns start there).
    """
    profile = mapping.profile
    assert profile is not None and profile.packed is not None
    packed = profile.packed
    source = next((i for i, h in enumerate(mapping.headers[:width]) if normalise_header(h) == packed.column), None)
    if source is None:
        return chunk
    appended = {i: mapping.headers[i].split(": ", 1)[1] for i in mapping.fields if i >= width}
    keys = dict(packed.keys)
    cells = chunk.frame[f"c{source}"].fillna("").astype(str).tolist()
    repeat: list[int] = []
    values: dict[int, list[str]] = {i: [] for i in appended}
    for cell in cells:
        items = split_items(cell, packed) or [{}]
        repeat.append(len(items))
        for item in items:
            for i, key in appended.items():
                field = keys[key]
                # another key of the same field (``Product Price`` for ``Product Unit Price``) stands in for it
                alternatives = [k for k, f in packed.keys if f == field]
                values[i].append(next((item[k] for k in alternatives if item.get(k)), ""))
    counts = np.asarray(repeat, dtype=np.int64)
    frame = chunk.frame.loc[chunk.frame.index.repeat(counts)].reset_index(drop=True)
    for i, column in values.items():
        frame[f"c{i}"] = pd.Series(column, dtype=object)
    return Chunk(frame=frame, row_numbers=np.repeat(chunk.row_numbers, counts), bad_rows=chunk.bad_rows)
