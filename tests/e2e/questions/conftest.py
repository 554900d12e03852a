"""A small generated merchant ingested through the real upload path, once per test module."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from shared.deps import Deps, get_deps, reset_deps
from shared.sample.merchant import KIND_ORDER, SampleMerchant, generate_merchant
from shared.store.vocabulary import forget_vocabularies
from tests.e2e.ingest.cli_helpers import lift_rate_limits

TENANT = "shop"
END = date(2025, 3, 31)


@dataclass
class Ingested:
    """The deps of the embedded backend and the merchant's clean rows (the truth)."""

    deps: Deps
    merchant: SampleMerchant
    catalogue: set[str]

    def sales(self) -> pd.DataFrame:
        s = self.merchant.sales.copy()
        s["date"] = pd.to_datetime(s["date"]).dt.date
        return s.merge(self.merchant.products[["sku", "title", "category"]].query("sku in @self.catalogue"),
                       on="sku", how="left")


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ingested]:
    """Ingest a 10-SKU merchant with 120 days of history ending 31 Mar 2025, for tenant ``shop``."""
    from shared.ingest.client import ingest_path

    home = tmp_path_factory.mktemp("questions-home")
    mp = pytest.MonkeyPatch()
    mp.setenv("ECOMINTEL_HOME", str(home))
    lift_rate_limits(mp)
    reset_deps()
    forget_vocabularies()
    deps = get_deps()
    merchant = generate_merchant(seed=5, n_skus=10, end=END, days=120)
    out = Path(home) / "sample"
    out.mkdir()
    for kind in KIND_ORDER:  # clean CSVs (no planted mess): every row is accepted, so the truth is exact
        path = out / f"{kind.value}.csv"
        merchant.table(kind).to_csv(path, index=False)
        assert ingest_path(deps, path, TENANT, kind.value).status == "processed"
    skus = deps.warehouse.query("SELECT sku FROM products WHERE tenant_id = @t", {"t": TENANT})
    yield Ingested(deps, merchant, {str(s) for s in skus["sku"]})
    reset_deps()
    mp.undo()


@pytest.fixture(autouse=True)
def isolated_env(shop: Ingested, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:  # noqa: PT004
    """Keep the module's embedded home (the root conftest would point each test at a new one)."""
    import os

    for key in list(os.environ):
        if key.startswith(("ECOMINTEL_GEMINI", "GEMINI_", "GOOGLE_API_KEY")):
            monkeypatch.delenv(key, raising=False)
    yield Path(os.environ["ECOMINTEL_HOME"])
