"""Opening the embedded home opens DuckDB's file once: the home's stamp check and the warehouse share a connection."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest

from shared.adapters.local.home import HomeDamaged
from shared.deps import get_deps, reset_deps


@pytest.fixture
def connects(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The database paths ``duckdb.connect`` is called with from here on."""
    seen: list[str] = []
    real: Callable[..., duckdb.DuckDBPyConnection] = duckdb.connect

    def counting(database: str = ":memory:", *args: Any, **kwargs: Any) -> duckdb.DuckDBPyConnection:
        seen.append(str(database))
        return real(database, *args, **kwargs)

    monkeypatch.setattr(duckdb, "connect", counting)
    return seen


def test_a_new_home_and_a_reopened_one_each_open_the_warehouse_once(isolated_env: Path, connects: list[str]) -> None:
    for _ in range(2):  # created and stamped, then checked and used
        deps = get_deps()
        assert deps.warehouse.query("SELECT current_setting('memory_limit') AS m")["m"].iloc[0] == "953.6 MiB"
        reset_deps()
        assert [p for p in connects if p.endswith("warehouse.duckdb")] == [str(isolated_env / "warehouse.duckdb")]
        connects.clear()


def test_a_warehouse_of_another_home_is_refused_and_its_connection_closed(isolated_env: Path) -> None:
    get_deps()
    reset_deps()
    with duckdb.connect(str(isolated_env / "warehouse.duckdb")) as con:
        con.execute("UPDATE _home SET home_id = 'someone-else'")
    with pytest.raises(HomeDamaged, match="another home"):
        get_deps()
    # the refused open left nothing open: the file can be opened with another configuration at once
    duckdb.connect(str(isolated_env / "warehouse.duckdb"), config={"memory_limit": "64MB"}).close()
