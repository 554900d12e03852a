"""The bundle builder: import closure, generated pinned requirements, deterministic 0644/deflated zips."""

from __future__ import annotations

import stat
import zipfile
from pathlib import Path

import pytest

from bundling.archive import FIXED_TIME, unpack
from bundling.build import build
from bundling.closure import closure, imported_names
from bundling.requirements import distribution_of, distributions_for, read_lock, with_dependencies
from shared.manifest import MANIFEST_PATH, REPO_ROOT, load_manifest

LOCK = REPO_ROOT / "requirements.lock"
HEAVY = {"pandas", "pyarrow", "scipy", "lightgbm", "prophet", "matplotlib"}


@pytest.fixture(scope="module")
def bundles(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("bundles")
    return {name: build(name, REPO_ROOT, out).path for name in load_manifest().functions}


def _pins(zip_path: Path) -> dict[str, str]:
    text = zipfile.ZipFile(zip_path).read("requirements.txt").decode()
    lines = [line for line in text.splitlines() if line and not line.startswith("#")]
    return dict(line.split("==") for line in lines)


def test_type_checking_imports_do_not_count_but_lazy_and_dotted_path_ones_do() -> None:
    source = """
from typing import TYPE_CHECKING
if TYPE_CHECKING:
    import pandas
else:
    import json
def later():
    import scipy.stats
RUNNER = "shared.pricing.agent:run"
"""
    names = imported_names(source, "shared.x", is_package=False)
    assert "pandas" not in names
    assert {"json", "scipy.stats", "shared.pricing.agent"} <= names


def test_a_package_found_by_name_to_read_its_files_counts_as_imported() -> None:
    """``find_spec("textblob")`` reads TextBlob's word list without importing it: the bundle must still ship it."""
    source = (
        "import importlib.util\nfrom importlib.util import find_spec\n"
        'a = importlib.util.find_spec("textblob")\nb = find_spec("vaderSentiment")\nc = find_spec(name)\n'
    )
    names = imported_names(source, "shared.x", is_package=False)
    assert {"textblob", "vaderSentiment"} <= names and "name" not in names


def test_the_functions_that_score_text_ship_the_lexicons_they_read(bundles: dict[str, Path]) -> None:
    for name in ("query", "sentiment", "sentiment_job"):
        assert {"textblob", "vadersentiment"} <= set(_pins(bundles[name])), name


def test_relative_imports_resolve_against_the_package() -> None:
    assert imported_names("from .b import c\nfrom .. import d", "shared.a.m", is_package=False) >= {
        "shared.a.b",
        "shared.a.b.c",
        "shared",
        "shared.d",
    }


def test_namespace_packages_map_to_the_distribution_of_the_submodule() -> None:
    assert distribution_of("google.cloud.bigquery") == "google-cloud-bigquery"
    assert distributions_for({"google.cloud", "google.cloud.firestore", "yaml"}) == {"google-cloud-firestore", "pyyaml"}


def test_transitive_dependencies_follow_requested_extras() -> None:
    deps = with_dependencies({"google-cloud-pubsub"})
    assert {"grpcio", "google-api-core", "protobuf"} <= deps  # grpcio arrives through google-api-core[grpc]


def test_manifest_travels_as_package_data_and_is_read_from_it() -> None:
    packaged = REPO_ROOT / "shared" / "functions.yaml"
    assert packaged.read_bytes() == MANIFEST_PATH.read_bytes()
    load_manifest.cache_clear()
    try:
        assert load_manifest() == load_manifest.__wrapped__(MANIFEST_PATH)
    finally:
        load_manifest.cache_clear()


def test_entries_are_0644_deflated_sorted_and_timeless(bundles: dict[str, Path]) -> None:
    for name, path in bundles.items():
        infos = zipfile.ZipFile(path).infolist()
        assert [i.filename for i in infos] == sorted(i.filename for i in infos), name
        for info in infos:
            assert stat.S_IMODE(info.external_attr >> 16) == 0o644, (name, info.filename)
            assert stat.S_ISREG(info.external_attr >> 16), (name, info.filename)
            assert info.compress_type == zipfile.ZIP_DEFLATED, (name, info.filename)
            assert info.date_time == FIXED_TIME


def test_rebuilding_gives_the_same_bytes(bundles: dict[str, Path], tmp_path: Path) -> None:
    again = build("query", REPO_ROOT, tmp_path)
    assert again.path.read_bytes() == bundles["query"].read_bytes()


def test_a_bundle_has_main_the_manifest_and_only_its_closure(bundles: dict[str, Path], tmp_path: Path) -> None:
    root = unpack(bundles["auth"], tmp_path / "auth")
    assert (root / "main.py").read_bytes() == (REPO_ROOT / "functions" / "auth" / "main.py").read_bytes()
    assert (root / "shared" / "functions.yaml").read_bytes() == MANIFEST_PATH.read_bytes()
    assert not (root / "shared" / "functions.yaml").is_symlink()
    assert not (root / "infra").exists()
    assert (root / "shared" / "security" / "tokens.py").is_file()
    assert not (root / "shared" / "forecast" / "engine.py").exists()  # auth never imports the forecast core


def test_requirements_are_generated_pinned_to_the_lock_and_complete(bundles: dict[str, Path]) -> None:
    lock = read_lock(LOCK)
    for name, path in bundles.items():
        pins = _pins(path)
        assert "functions-framework" in pins, name
        assert all(lock[dist] == version for dist, version in pins.items()), name
        # closed under dependencies: nothing a pinned distribution needs is missing
        assert with_dependencies(set(pins)) == set(pins), name
    assert not list((REPO_ROOT / "functions").glob("*/requirements.txt")), "requirements are generated, not kept"


def test_agents_and_their_libraries_come_with_the_functions_that_run_them(bundles: dict[str, Path]) -> None:
    query = _pins(bundles["query"])
    assert {"scipy", "vadersentiment", "prophet", "lightgbm"} <= set(query)
    assert "protego" not in query  # robots.txt parsing is the sync function's, not the query's


@pytest.mark.parametrize("name", ["auth", "admin", "alerts", "deliver", "data_updated"])
def test_small_functions_need_no_modelling_libraries(bundles: dict[str, Path], name: str) -> None:
    closure_of = closure(REPO_ROOT / "functions" / name / "main.py", REPO_ROOT)
    assert not {m.partition(".")[0] for m in closure_of.external} & {"scipy", "lightgbm", "prophet", "matplotlib"}
    assert not set(_pins(bundles[name])) & {"scipy", "lightgbm", "prophet", "matplotlib"}


def test_measured_sizes_cover_every_function() -> None:
    """``infra/bundle_sizes.json`` (``make bundle-sizes``) is what memory settings are read from: no gaps."""
    import json

    sizes = json.loads((REPO_ROOT / "infra" / "bundle_sizes.json").read_text())
    assert set(sizes) == set(load_manifest().functions)
    for name, figures in sizes.items():
        assert figures["peak_rss_mb"] > 0 and figures["zip_bytes"] > 0, name
