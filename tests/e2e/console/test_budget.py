"""First-load JavaScript of the built console, gzipped: what index.html loads before any page is shown."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from shared.runtime.console_assets import CONSOLE_DIST
from tests.e2e.console.conftest import ARTIFACTS

BUDGET_BYTES = 300 * 1024


def test_first_load_javascript_is_within_budget() -> None:
    index = CONSOLE_DIST / "index.html"
    if not index.is_file():
        pytest.skip("the console is not built (make console)")
    html = index.read_text()
    assert "<script>" not in html and not re.search(r"<script(?![^>]*\bsrc=)", html), "inline script in index.html"
    first = re.findall(r'<script[^>]+src="([^"]+\.js)"', html) + re.findall(
        r'<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"', html)
    assert first, html
    sizes = {src: len(gzip.compress((CONSOLE_DIST / src.lstrip("/")).read_bytes(), 9)) for src in first}
    total = sum(sizes.values())
    lazy = {p.name: len(gzip.compress(p.read_bytes(), 9)) for p in (CONSOLE_DIST / "assets").glob("*.js")
            if f"/assets/{p.name}" not in first}
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / "budget.json"
    figures = json.loads(path.read_text()) if path.exists() else {}
    figures.update(first_load_js_gzip_bytes=total, first_load_files=sizes, lazy_js_gzip_bytes=lazy)
    path.write_text(json.dumps(figures, indent=2))
    print(f"first-load JS {total / 1024:.1f} KiB gzipped (budget {BUDGET_BYTES // 1024} KiB); lazy chunks {lazy}")
    assert total <= BUDGET_BYTES
    # the chart library (vega) is a lazily loaded chunk, not part of the first load
    assert any(name.startswith("Chart-") and size > 100_000 for name, size in lazy.items()), lazy
