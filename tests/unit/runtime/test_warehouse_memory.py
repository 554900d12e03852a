"""The embedded warehouse's memory is capped (DuckDB's own default is 80% of the machine's RAM)."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from shared.config import Settings
from shared.deps import get_deps, reset_deps


def _limit() -> str:
    return str(get_deps().warehouse.query("SELECT current_setting('memory_limit') AS m")["m"].iloc[0])


def test_the_embedded_warehouse_is_capped_at_1gb_by_default() -> None:
    assert _limit() == "953.6 MiB"  # 1 GB, as DuckDB prints it


def test_the_cap_is_a_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOMINTEL_WAREHOUSE_MEMORY_LIMIT", "256MB")
    reset_deps()
    assert _limit() == "244.1 MiB"


@pytest.mark.parametrize("value", ["lots", "1GB; DROP TABLE sales", "-1GB", ""])
def test_a_cap_that_is_not_a_size_is_refused(value: str) -> None:
    with pytest.raises(ValidationError):
        Settings(warehouse_memory_limit=value)
