"""Each function's memory setting covers its measured peak with headroom (figures live in the manifest)."""

from __future__ import annotations

import json
import math

import pytest

from bundling.measure import OUTPUT, WORKLOADS, measured_peak_mb
from shared.manifest import FunctionSpec, load_manifest

# Cloud Functions gen2 memory sizes (MiB) a manifest may ask for.
SIZES = (128, 256, 512, 1024, 2048, 4096, 8192, 16384, 32768)
HEADROOM = 1.5


def required_memory_mb(peak_rss_mb: int, headroom: float = HEADROOM) -> int:
    """The smallest Cloud Functions size holding ``peak_rss_mb`` times ``headroom``."""
    need = math.ceil(peak_rss_mb * headroom)
    return next(size for size in SIZES if size >= need)


@pytest.mark.parametrize("spec", load_manifest().functions.values(), ids=lambda s: s.name)
def test_memory_covers_measured_peak_with_headroom(spec: FunctionSpec) -> None:
    assert spec.peak_rss_mb is not None, f"{spec.name}: record its measured peak_rss_mb in infra/functions.yaml"
    assert spec.memory_mb in SIZES, f"{spec.name}: {spec.memory_mb} is not a Cloud Functions memory size"
    assert spec.memory_mb >= required_memory_mb(spec.peak_rss_mb), (
        f"{spec.name}: peak {spec.peak_rss_mb} MiB needs memory_mb >= {required_memory_mb(spec.peak_rss_mb)}"
    )


def test_rule_rejects_the_former_256_mib_setting() -> None:
    # 256 MiB functions sat at 84-85 % (about 215 MiB) after import, deps and one call: too little headroom.
    assert required_memory_mb(215) == 512
    assert required_memory_mb(85) == 128 and required_memory_mb(86) == 256


MEASURED = json.loads(OUTPUT.read_text())


@pytest.mark.parametrize("name", sorted(MEASURED))
def test_the_manifest_peak_is_at_least_what_the_bundle_measure_recorded(name: str) -> None:
    """``peak_rss_mb`` covers ``infra/bundle_sizes.json`` (``make bundle-sizes``): the probe's peak and, for a function
    whose probe runs none of its work, its real workload's (forecast_warmup recorded the probe's 93 MiB while a real
    warm-up, 300 SKUs and five bands, peaked far above it)."""
    spec = load_manifest().functions[name]
    assert spec.peak_rss_mb is not None and spec.peak_rss_mb >= math.ceil(measured_peak_mb(MEASURED[name])), (
        f"{name}: measured {measured_peak_mb(MEASURED[name])} MiB, manifest says {spec.peak_rss_mb}"
    )


@pytest.mark.parametrize("name", sorted(WORKLOADS))
def test_every_workload_is_measured(name: str) -> None:
    assert "workload" in MEASURED[name], f"{name}: run python -m bundling.measure {name}"
