"""The two merchants the question bench asks about, ingested through the real upload path.

``demo``: the sample merchant as ``make demo`` generates it (seed 42, 300 SKUs, history ending yesterday).
``lastyear``: another merchant (seed 7, 120 SKUs) whose export ended a year before that. Both are generated
deterministically and kept as clean frames, from which the bench computes each truth with pandas.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shared.deps import Deps
    from shared.sample.merchant import SampleMerchant


@dataclass(frozen=True)
class BenchTenant:
    """One merchant of the bench: tenant id, generator arguments and its clean tables."""

    tenant: str
    seed: int
    skus: int
    end: date
    merchant: SampleMerchant


def tenant_specs(today: date | None = None) -> list[tuple[str, int, int, date]]:
    """(tenant, seed, SKUs, last day of data) of the two merchants."""
    end = (today or datetime.now(UTC).date()) - timedelta(days=1)
    return [("demo", 42, 300, end), ("lastyear", 7, 120, end - timedelta(days=365))]


def prepare(deps: Deps, home: Path, today: date | None = None) -> list[BenchTenant]:
    """Generate both merchants and ingest them once per home (a marker file remembers what was ingested)."""
    from shared.ingest.client import ingest_path
    from shared.sample.merchant import generate_merchant, write_merchant

    marker = home / "bench-questions.json"
    done = json.loads(marker.read_text()) if marker.exists() else {}
    tenants = []
    for tenant, seed, skus, end in tenant_specs(today):
        merchant = generate_merchant(seed=seed, n_skus=skus, end=end)
        key = f"{seed}:{skus}:{end.isoformat()}"
        if done.get(tenant) != key:
            out = home / "bench-sample" / tenant
            out.mkdir(parents=True, exist_ok=True)
            for f in write_merchant(merchant, out):
                sys.stderr.write(f"ingesting {tenant} {f.kind.value}\n")
                ingest_path(deps, f.path, tenant, f.kind.value)
            done[tenant] = key
            marker.write_text(json.dumps(done))
        tenants.append(BenchTenant(tenant, seed, skus, end, merchant))
    return tenants

