"""SQL text of a sqlglot statement per dialect, rendered once per distinct statement.

The store builds each statement shape once and reuses the object, and evidence renders the statement a
second time, so generating the text again for every read would cost more than a small query on the
embedded engine. Statements are immutable once built (the store never changes one after building it).
"""

from __future__ import annotations

from functools import lru_cache

from sqlglot.expressions import Expression


@lru_cache(maxsize=1024)
def rendered(statement: Expression, dialect: str) -> str:
    """``statement`` as ``dialect`` SQL (parameters as ``@name`` on BigQuery, ``$name`` on DuckDB)."""
    return statement.sql(dialect=dialect)
