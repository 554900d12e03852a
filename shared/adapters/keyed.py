"""The predicates every warehouse adapter's keyed writes share (``upsert``, ``upsert_unless_newer``).

The statement around them is each engine's own (a DuckDB ``DELETE ... WHERE EXISTS``, a BigQuery script that
swaps rows in); what makes a stored row "the same key" and "newer" is decided once, here, with the engine's
identifier quoting passed in.
"""

from __future__ import annotations

from collections.abc import Callable

from shared.models.tables import TableSpec

Quote = Callable[[str], str]


def checked_columns(spec: TableSpec, key_columns: list[str], version: str | None = None) -> None:
    """Refuse a key or version column the table does not have (they are written into the statement)."""
    for k in [*key_columns, *([version] if version else [])]:
        if k not in spec.column_names:
            raise ValueError(f"column {k!r} not in {spec.name}")


def same_key(stored: str, incoming: str, key_columns: list[str], quote: Quote) -> str:
    """``stored.k IS NOT DISTINCT FROM incoming.k AND ...``: a stored row with the incoming row's key."""
    return " AND ".join(f"{stored}.{quote(k)} IS NOT DISTINCT FROM {incoming}.{quote(k)}" for k in key_columns)


def no_newer_stored(table: str, key_columns: list[str], version: str, quote: Quote) -> str:
    """The incoming row ``i`` is not stored under its key in a strictly newer ``version`` (a newer row wins)."""
    return (f"NOT EXISTS (SELECT 1 FROM {quote(table)} n WHERE {same_key('n', 'i', key_columns, quote)} "
            f"AND n.{quote(version)} > i.{quote(version)})")
