"""A large ingestion processed in parts of whole SKUs stores exactly what one batch would (embedded backend)."""

from __future__ import annotations

import functools
import itertools
import random
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pandas as pd

from shared.deps import Deps, get_deps
from shared.models.records import DataKind
from shared.processing.loader import load_products, load_staged_days, load_staged_skus
from shared.processing.parts import plan_parts
from shared.processing.service import StagedNotice, process_staged
from shared.processing.sku import SkuResolver

OLD = datetime(2024, 3, 1, 12, tzinfo=UTC)
NEW = datetime(2024, 3, 2, 12, tzinfo=UTC)
# spellings of six products: case, prefixes, an ASIN and a GTIN that resolve to a catalogue SKU
SPELLINGS = ["AB-1", "ab-1", "sku-ab-1", "B0KETTLE01", "CD-2", "SKU:cd-2", "012345678905", "EF-3", "ef-3",
             "GH-4", "IJ-5", "kl-6", "KL-6"]


def _stage(deps: Deps, tenant: str, kind: DataKind, ingestion: str, rows: list[dict[str, Any]],
           at: datetime) -> None:
    frame = pd.DataFrame([{**r, "tenant_id": tenant, "ingestion_id": ingestion, "source_uri": f"gs://raw/{ingestion}",
                           "source_row": i + 1, "row_hash": f"h{ingestion}{i}", "record_key": f"k{ingestion}{i}",
                           "ingested_at": at, "quality_flags": '["date_order:mdy"]' if i % 3 else None}
                          for i, r in enumerate(rows)])
    deps.warehouse.insert(f"stg_{kind.value}", frame)
    deps.documents.set(f"tenants/{tenant}/ingestions", ingestion,
                       {"status": "staged", "kind": kind.value, "accepted": len(rows)})


def _sales(rng: random.Random, n: int) -> list[dict[str, Any]]:
    rows = []
    for _ in range(n):
        price = rng.choice([None, 10.0, 12.5, 3.99])
        rows.append({"sku": rng.choice(SPELLINGS), "date": date(2024, 2, 1) + timedelta(days=rng.randrange(4)),
                     "order_id": f"O{rng.randrange(12)}", "channel": rng.choice(["web", "amazon"]),
                     "units": rng.randrange(0, 4), "unit_price": price,
                     "revenue": rng.choice([None, 20.0]) if price is None else None,
                     "refund": rng.choice([None, None, 5.0])})
    return rows


def _inventory(rng: random.Random, n: int) -> list[dict[str, Any]]:
    return [{"sku": rng.choice(SPELLINGS), "date": date(2024, 2, 1) + timedelta(days=7 * rng.randrange(3)),
             "location": rng.choice(["w1", None]), "on_hand": rng.randrange(50),
             "lead_time_days": rng.choice([None, 7, 10])} for _ in range(n)]


def _load(deps: Deps, tenant: str, part_rows: int) -> dict[str, Any]:
    rng = random.Random(5)
    _stage(deps, tenant, DataKind.PRODUCTS, "p", [
        {"sku": "sku-ab-1", "title": "Kettle", "price": 20.0, "asin": "B0KETTLE01"},
        {"sku": "CD-2", "title": "Toaster", "price": 35.0, "gtin": "012345678905"},
        {"sku": "EF-3", "title": "Pan", "price": 9.0}], OLD)
    outcomes = {"p": process_staged(deps, StagedNotice(tenant_id=tenant, ingestion_id="p", kind=DataKind.PRODUCTS))}
    # a newer file first, then an older one (its rows of the same keys are stale), then inventory
    for ingestion, kind, rows, at in (("new", DataKind.SALES, _sales(rng, 90), NEW),
                                      ("old", DataKind.SALES, _sales(rng, 90), OLD),
                                      ("inv", DataKind.INVENTORY, _inventory(rng, 60), OLD)):
        _stage(deps, tenant, kind, ingestion, rows, at)
        notice = StagedNotice(tenant_id=tenant, ingestion_id=ingestion, kind=kind)
        outcomes[ingestion] = process_staged(deps, notice, part_rows=part_rows)
    tables = {kind: deps.warehouse.query(f"SELECT * EXCEPT (tenant_id) FROM {kind} WHERE tenant_id = @t "
                                         "ORDER BY record_key", {"t": tenant}) for kind in ("sales", "inventory")}
    return {"outcomes": {k: (o.rows, o.changes) for k, o in outcomes.items()}, "tables": tables}


def test_parts_store_what_one_batch_stores() -> None:
    deps = get_deps()
    whole = _load(deps, "whole", part_rows=1_000_000)
    parts = _load(deps, "parts", part_rows=8)
    resolver = SkuResolver.from_products(load_products(deps.warehouse, "parts").to_dict("records"))
    days = functools.partial(load_staged_days, deps.warehouse, "parts", "old", DataKind.SALES)
    planned = plan_parts(DataKind.SALES, load_staged_skus(deps.warehouse, "parts", "old", DataKind.SALES), resolver, 8,
                         days)
    assert planned is not None and len(planned) >= 5  # the file really was split
    kettle = [p for p in planned if "AB-1" in p.skus]
    assert {"sku-ab-1", "AB-1", "ab-1", "B0KETTLE01"} <= set(kettle[0].skus)
    # the kettle alone has more rows than a part: cut into runs of whole days, the first and last open-ended
    assert len(kettle) > 1 and kettle[0].since is None and kettle[-1].before is None
    assert all(a.before == b.since for a, b in itertools.pairwise(kettle))
    assert parts["outcomes"] == whole["outcomes"]
    changes = whole["outcomes"]["old"][1]
    assert changes["stale_skipped"] > 0 and changes["order_lines_combined"] > 0 and changes["sku:mapped_asin"] > 0
    for kind in ("sales", "inventory"):
        pd.testing.assert_frame_equal(parts["tables"][kind], whole["tables"][kind])
