"""A bundle ships its modules' compiled patterns; the function reads them, or compiles as before when they don't fit."""

from __future__ import annotations

import _sre
import marshal
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import shared.regex as shared_re
from bundling.archive import unpack
from bundling.build import build
from bundling.closure import closure
from bundling.regex_store import RUNTIME, PatternRecorder, member_name, runtime_of_interpreter
from shared.manifest import REPO_ROOT

pytestmark = pytest.mark.skipif(
    runtime_of_interpreter() != RUNTIME, reason="no store is built off the runtime's Python"
)

#: In the unpacked bundle, with nothing of the checkout on ``sys.path``: import ``main`` as the runtime does and say
#: how many patterns came from the shipped store and whether any had to be compiled (and would be written at exit).
IMPORT_MAIN = """
import re, sys, _sre
sys.path.insert(0, ".")
import shared.regex as rx
import main
assert rx.cache_path().is_relative_to(__import__("pathlib").Path.cwd()), rx.cache_path()
bad = [p for (p, f), e in rx._STORE.used.items() if _sre.compile(p, *e) != re.compile(p, f)]
print(len(rx._STORE.load()), len(rx._STORE.used), int(rx._STORE.added), len(bad))
"""


@pytest.fixture(scope="module")
def query_zip(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build("query", REPO_ROOT, tmp_path_factory.mktemp("zips")).path


def _stored(zip_path: Path) -> tuple[object, dict[tuple[str, int], tuple[object, ...]]]:
    key, entries = marshal.loads(zipfile.ZipFile(zip_path).read(member_name()))
    return key, entries


def _import_main(source: Path) -> list[int]:
    done = subprocess.run(
        [sys.executable, "-I", "-c", IMPORT_MAIN], cwd=source, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return [int(x) for x in done.stdout.split()]


def test_the_query_bundle_ships_its_readers_patterns_compiled_by_this_compiler(query_zip: Path) -> None:
    key, entries = _stored(query_zip)
    assert key == shared_re.compiler_key()
    assert len(entries) > 500  # the question readers' module-level patterns
    assert all(_sre.compile(p, *e) == re.compile(p, f) for (p, f), e in entries.items())
    assert "_JOB_PATH" in (Path(REPO_ROOT) / "functions" / "query" / "main.py").read_text()
    assert (r"^/v1/jobs/([a-f0-9]{32})/?$", 0) in entries  # main.py's own pattern


def test_a_small_function_ships_only_its_own_modules_patterns(query_zip: Path, tmp_path: Path) -> None:
    _, query_entries = _stored(query_zip)
    _, auth_entries = _stored(build("auth", REPO_ROOT, tmp_path).path)
    assert 0 < len(auth_entries) < 50 and len(auth_entries) < len(query_entries)


def test_the_function_imports_from_the_shipped_store_and_compiles_nothing(query_zip: Path, tmp_path: Path) -> None:
    loaded, used, compiled, different = _import_main(unpack(query_zip, tmp_path / "src"))
    assert used > 500 and loaded >= used
    assert compiled == 0  # every module-level pattern came from the bundle: nothing compiled, nothing to write
    assert different == 0


def test_a_store_of_another_compiler_is_ignored_and_the_function_compiles_as_before(
    query_zip: Path, tmp_path: Path
) -> None:
    source = unpack(query_zip, tmp_path / "src")
    store = source / member_name()
    key, entries = marshal.loads(store.read_bytes())
    store.write_bytes(marshal.dumps(((*key[:-1], "another re package"), entries), 2))
    loaded, used, compiled, different = _import_main(source)
    assert loaded == 0 and used > 500 and compiled == 1 and different == 0


@pytest.mark.slow
def test_the_store_is_the_same_whatever_the_hash_seed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A module-level pattern joined from a set in hash order would differ per process: never found at run time."""
    main = REPO_ROOT / "functions" / "query" / "main.py"
    modules = closure(main, REPO_ROOT).modules
    got = []
    for seed in ("1", "2"):
        monkeypatch.setenv("PYTHONHASHSEED", seed)
        got.append(PatternRecorder(REPO_ROOT).entries(modules, main))
    assert set(got[0]) == set(got[1])


def test_the_runtime_the_store_is_built_for_is_terraforms() -> None:
    variables = (REPO_ROOT / "terraform" / "modules" / "function" / "variables.tf").read_text()
    block = variables[variables.index('variable "runtime"') :]
    assert f'default     = "{RUNTIME}"' in block[: block.index("}")]
