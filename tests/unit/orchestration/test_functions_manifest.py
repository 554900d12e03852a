"""The orchestration functions are in the manifest with loadable entry points and the right topics."""

from __future__ import annotations

import importlib.util

import pytest

from shared.manifest import load_manifest

EXPECTED = {
    "query": ("query_http", "http", None),
    "pricing_job": ("pricing_job", "topic", "agent-task-pricing"),
    "sentiment_job": ("sentiment_job", "topic", "agent-task-sentiment"),
    "forecast_job": ("forecast_job", "topic", "agent-task-forecast"),
    "synthesize": ("synthesize_report", "topic", "agent-part-done"),
    "data_updated": ("on_data_updated", "topic", "data-updated"),
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_function_in_manifest_with_entry_point(name: str) -> None:
    spec = load_manifest().functions[name]
    entry, trigger, topic = EXPECTED[name]
    assert (spec.entry_point, spec.trigger.type, spec.trigger.topic) == (entry, trigger, topic)
    assert spec.source.exists()  # requirements.txt is generated into the bundle (bundling/)
    mod_spec = importlib.util.spec_from_file_location(f"fn_{name}", spec.source)
    assert mod_spec is not None and mod_spec.loader is not None
    module = importlib.util.module_from_spec(mod_spec)
    mod_spec.loader.exec_module(module)
    assert callable(getattr(module, entry))
