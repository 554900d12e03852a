"""Amazon's settlement report past the reader's memory of items' quantities (``item_rows.ITEMS_REMEMBERED``): a
refund whose order line was forgotten is kept in the rejects with its reason, and every row still adds up."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shared.deps import get_deps, reset_deps
from shared.ingest import item_rows
from shared.models.records import DataKind
from shared.store.rejects import kind_rejects
from tests.e2e.ingest.export_checks import ingest
from tests.fixtures.public.public14_shapes import amazon_settlement


def test_a_refund_whose_order_was_forgotten_is_rejected_with_its_reason(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Remembering two items, each refund's order (read earlier in its chunk) is forgotten: none is lost."""
    monkeypatch.setattr(item_rows, "ITEMS_REMEMBERED", 2)
    files, _ = amazon_settlement(300)
    text = next(iter(files.values()))
    principals = sum("\tItemPrice\tPrincipal\t" in line for line in text.splitlines())
    refunds = sum(
        line.startswith("12345678901\t\t\t\t\t\tRefund\t") and "\tItemPrice\tPrincipal\t" in line
        for line in text.splitlines()
    )
    assert refunds > 5
    docs, _, _ = ingest(tmp_path, files)
    doc = docs[0]
    assert doc["accepted"] + doc["rejected"] + doc["skipped"] == doc["rows_read"]
    assert doc["accepted"] + doc["rejected"] == principals  # every line landed or was rejected: none skipped
    os.environ["ECOMINTEL_HOME"] = str(tmp_path / "home")
    reset_deps()
    rejects = kind_rejects(get_deps().warehouse, "acme", DataKind.SALES)
    reset_deps()
    assert len(rejects) == doc["rejected"] >= refunds - 1  # the last item read may still be remembered
    assert set(rejects["reason"]) == {f"quantity-purchased: {item_rows.FORGOTTEN_REASON.format(cap=2)}"}
