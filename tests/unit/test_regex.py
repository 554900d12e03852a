"""``shared.regex``: a stored pattern is the stdlib's pattern; only the patterns of code are stored."""

from __future__ import annotations

import importlib
import marshal
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import shared.regex as shared_re

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty store in ``tmp_path`` and a fresh in-process state (the real one is left alone)."""
    path = tmp_path / "regex.marshal"
    monkeypatch.setattr(shared_re, "cache_path", lambda: path)
    monkeypatch.setattr(shared_re, "_STORE", shared_re._Store())
    monkeypatch.setattr(shared_re.atexit, "register", lambda fn: fn)
    yield path


def module_body(source: str, directory: Path, name: str = "shared_regex_probe") -> dict[str, Any]:
    """Import ``source`` as a module (a real import: the import system marks it initialising) and return its names."""
    (directory / f"{name}.py").write_text(source)
    sys.path.insert(0, str(directory))
    try:
        module = importlib.import_module(name)
    finally:
        sys.path.remove(str(directory))
        sys.modules.pop(name, None)
        importlib.invalidate_caches()
    return vars(module)


PROBE = (
    "from shared import regex as re\n"
    "NAMED = re.compile(r'(?P<verb>sell|sold)\\s+(?P<count>\\d+)(?:\\s+units?)?', re.I)\n"
    "WORDS = [re.compile(rf'\\b{w}s?\\b', re.I) for w in ('mug', 'plate')]\n"
    "LOOK = re.compile(r'(?<![\\w%])(?=%)|\\b(?:top|best)\\b')\n"
)


def test_a_stored_pattern_is_the_stdlib_pattern(store: Path, tmp_path: Path) -> None:
    first = module_body(PROBE, tmp_path, "probe_first")
    assert len(shared_re._STORE.used) == 4 and shared_re._STORE.added
    shared_re._write()
    assert store.exists()
    shared_re._STORE = shared_re._Store()  # a later process: reads the store, compiles nothing
    second = module_body(PROBE, tmp_path, "probe_second")
    assert len(shared_re._STORE.used) == 4 and shared_re._STORE.added is False
    for name in ("NAMED", "LOOK"):
        stdlib = re.compile(first[name].pattern, first[name].flags)
        for got in (first[name], second[name]):
            assert got == stdlib  # the engine's code, flags and text
            assert (got.groups, got.groupindex) == (stdlib.groups, stdlib.groupindex)
    match = second["NAMED"].search("we SOLD 12 units")
    assert match is not None and match.group("count") == "12" and match.lastgroup == "count"
    assert [p.search("two plates") is not None for p in second["WORDS"]] == [False, True]


def test_a_pattern_built_at_run_time_is_not_stored(store: Path, tmp_path: Path) -> None:
    def built_from_data(name: str) -> re.Pattern[str]:
        return shared_re.compile(rf"\b{re.escape(name)}\b", re.I)

    def deeper(name: str) -> re.Pattern[str]:
        return built_from_data(name)

    assert deeper("Blue Mug").search("the blue mug sold") is not None
    assert shared_re._STORE.used == {}
    script = {"__name__": "__main__"}  # a script's body is not an import
    exec("from shared import regex as re\nP = re.compile('x+')\n", script)
    assert shared_re._STORE.used == {}
    assert module_body("from shared import regex as re\nP = re.compile('x+')\n", tmp_path)["P"].match("xx")
    assert list(shared_re._STORE.used) == [("x+", 0)]


def test_a_bad_pattern_raises_as_the_stdlib_does(store: Path, tmp_path: Path) -> None:
    with pytest.raises(re.error):
        module_body("from shared import regex as re\nP = re.compile('(unclosed')\n", tmp_path)


def test_a_store_from_another_interpreter_is_ignored(store: Path, tmp_path: Path) -> None:
    pattern = "a+b"
    wrong = shared_re._compiled_entry("zzz", 0)  # code that would match something else
    store.write_bytes(marshal.dumps(((0, 0, 0), {(pattern, 0): wrong})))
    got = module_body(f"from shared import regex as re\nP = re.compile({pattern!r})\n", tmp_path)["P"]
    assert got == re.compile(pattern) and got.search("xaab") is not None
    assert shared_re._STORE.added  # compiled afresh, not read from the foreign file


#: Run in a fresh interpreter: import the question readers through an empty store, then check every entry.
EVERY_ENTRY = """
import re, sys, _sre
from pathlib import Path
import shared.regex
shared.regex.cache_path = lambda: Path(sys.argv[1])
import shared.questions.reading, shared.orchestration.router
entries = shared.regex._STORE.used
bad = [p for (p, f), e in entries.items() if _sre.compile(p, *e) != re.compile(p, f)]
print(len(entries), len(bad))
"""


def test_every_stored_pattern_of_the_question_readers_is_the_stdlib_pattern(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-c", EVERY_ENTRY, str(tmp_path / "regex.marshal")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    stored, different = int(out[0]), int(out[1])
    assert stored > 500  # the readers' patterns went through the store
    assert different == 0
    assert (tmp_path / "regex.marshal").exists()


def test_no_module_imports_the_stdlib_re_at_top_level() -> None:
    """``tools/regex_codemod.py`` rewrites any that do (a merge can bring one back)."""
    found = [
        str(p.relative_to(ROOT))
        for package in ("shared", "functions")
        for p in (ROOT / package).rglob("*.py")
        if p.relative_to(ROOT) != Path("shared/regex.py")
        and "import re\n" in p.read_text(encoding="utf-8").splitlines(keepends=True)
    ]
    assert found == [], f"run .venv/bin/python tools/regex_codemod.py: {found}"


def test_a_store_of_another_compiler_with_the_same_engine_is_ignored(store: Path, tmp_path: Path) -> None:
    """Patch releases share the engine's MAGIC but not always the compiler: the key holds the ``re`` sources' hash."""
    pattern = "a+b"
    key = shared_re.compiler_key()
    assert key[1] == shared_re._sre.MAGIC and len(str(key[-1])) == 64  # the sources' sha256
    wrong = shared_re._compiled_entry("zzz", 0)
    store.write_bytes(marshal.dumps(((*key[:-1], "0" * 64), {(pattern, 0): wrong})))
    got = module_body(f"from shared import regex as re\nP = re.compile({pattern!r})\n", tmp_path)["P"]
    assert got == re.compile(pattern) and shared_re._STORE.added


OTHER_PYTHON = Path("/usr/bin/python3.11")


@pytest.mark.skipif(not OTHER_PYTHON.exists(), reason="no second Python 3.11 on this machine")
def test_the_key_tells_patch_releases_whose_compilers_differ_apart() -> None:
    """3.11.2 and 3.11.7 have one ``_sre.MAGIC`` and compile a repeat's width differently: their keys differ."""
    script = (
        f"import sys; sys.path.insert(0, {str(ROOT)!r}); import shared.regex as r; "
        "print(sys.hexversion, r.compiler_key())"
    )
    out = subprocess.run([str(OTHER_PYTHON), "-I", "-c", script], capture_output=True, text=True, check=True).stdout
    hexversion, key = out.split(" ", 1)
    if int(hexversion) == sys.hexversion:
        pytest.skip("the same interpreter")
    other_sources = Path(OTHER_PYTHON.parent.parent / "lib" / "python3.11" / "re")
    same_compiler = all(
        (other_sources / p.name).read_bytes() == p.read_bytes() for p in Path(re.__file__).parent.glob("*.py")
    )
    assert (key.strip() == str(shared_re.compiler_key())) == same_compiler
