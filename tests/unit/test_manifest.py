"""The manifest is the single source of truth: it and the functions/ folders must agree exactly."""

from __future__ import annotations

import ast

from shared.manifest import FUNCTIONS_DIR, load_manifest


def _function_folders() -> set[str]:
    return {p.name for p in FUNCTIONS_DIR.iterdir() if p.is_dir() and not p.name.startswith((".", "_"))}


def test_every_folder_is_in_the_manifest_and_vice_versa() -> None:
    manifest = load_manifest()
    assert _function_folders() == set(manifest.functions)


def test_entry_points_exist_unique_and_match_trigger() -> None:
    manifest = load_manifest()
    seen: set[str] = set()
    for spec in manifest.functions.values():
        assert spec.entry_point not in seen, f"duplicate entry point {spec.entry_point}"
        seen.add(spec.entry_point)
        tree = ast.parse(spec.source.read_text())
        decorators = {
            fn.name: {ast.unparse(d) for d in fn.decorator_list}
            for fn in tree.body
            if isinstance(fn, ast.FunctionDef)
        }
        assert spec.entry_point in decorators, f"{spec.name}: no function {spec.entry_point} in main.py"
        expected = "functions_framework.http" if spec.trigger.type == "http" else "functions_framework.cloud_event"
        assert any(d.startswith(expected) for d in decorators[spec.entry_point]), (spec.name, decorators)


def test_topics_have_subscribers_or_are_sinks() -> None:
    manifest = load_manifest()
    for topic in manifest.topics:
        # every declared topic feeds a function (dead-letter topics are derived, not declared)
        assert manifest.subscribers(topic), f"nobody consumes topic {topic}"
