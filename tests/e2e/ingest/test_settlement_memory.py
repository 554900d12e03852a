"""Amazon's settlement report past the reader's memory of items' quantities (``item_rows.ITEMS_REMEMBERED``): a
refund whose order line was forgotten takes its units from its SKU's unit price; one whose SKU's price is forgotten too
is kept in the rejects with its reason, and every row still adds up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shared.deps import get_deps, reset_deps
from shared.ingest import item_rows
from shared.models.records import DataKind
from shared.store.rejects import kind_rejects
from tests.e2e.ingest.export_checks import checks, ingest
from tests.fixtures.public.public14_shapes import amazon_settlement


def test_a_refund_whose_order_was_forgotten_is_kept_by_its_sku_s_price(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remembering two items, each refund's order (read earlier in its chunk) is forgotten; its amount is a whole
    number of its SKU's unit price, so its units are read from it: the file lands as with the whole memory."""
    monkeypatch.setattr(item_rows, "ITEMS_REMEMBERED", 2)
    files, truth = amazon_settlement(300)
    docs, sums, currencies = ingest(tmp_path, files)
    verdict = {check: why for check, why in checks(docs, sums, currencies, truth).items() if why}
    assert not verdict, verdict
    assert docs[0]["rejected"] == 0


def test_a_refund_whose_order_and_price_were_forgotten_is_rejected_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remembering two items and two SKUs' prices: a refund neither tells the units of is rejected with its reason,
    never lost, and every line lands or is rejected."""
    monkeypatch.setattr(item_rows, "ITEMS_REMEMBERED", 2)
    monkeypatch.setattr(item_rows, "SKUS_REMEMBERED", 2)
    files, _ = amazon_settlement(300)
    text = next(iter(files.values()))
    principals = sum("\tItemPrice\tPrincipal\t" in line for line in text.splitlines())
    docs, _, _ = ingest(tmp_path, files)
    doc = docs[0]
    assert doc["accepted"] + doc["rejected"] + doc["skipped"] == doc["rows_read"]
    assert doc["accepted"] + doc["rejected"] == principals  # every line landed or was rejected: none skipped
    assert doc["rejected"] > 0
    os.environ["ECOMINTEL_HOME"] = str(tmp_path / "home")
    reset_deps()
    rejects = kind_rejects(get_deps().warehouse, "acme", DataKind.SALES)
    reset_deps()
    assert len(rejects) == doc["rejected"]
    assert set(rejects["reason"]) == {f"quantity-purchased: {item_rows.FORGOTTEN_REASON.format(cap=2)}"}
