"""The ``re`` module for shared code, with compiled patterns kept across processes (``from shared import regex as re``).

Why: the question readers compile about 1,100 patterns when they are imported, and CPython's ``re`` parses and
compiles each one in pure Python, every process: about 1 s of CPU on every ``ecomintel ask`` and every cold start
of the query function, more than the answer itself (measured; see "Cold start" in docs/orchestration.md).
Most of them are used by any question (the metric words are all tried), so compiling lazily saves little.

What: :func:`compile` keeps what the stdlib's compiler produced for each pattern (the engine's code, its flags and
groups) in a file beside the bytecode, the way ``__pycache__`` keeps bytecode, and builds the pattern straight from
it (``_sre.compile``, a few microseconds) the next time. The result is the same ``re.Pattern`` object the stdlib
makes (patterns compare equal by their code; a test checks every stored entry), so no answer can change.

Safety: the file is keyed by the compiler that wrote it (:func:`compiler_key`: the interpreter, the engine's
``MAGIC`` and limits, the Unicode database and a hash of the ``re`` package's own source), so code is only ever
loaded into an interpreter whose compiler would have produced exactly that code; an entry is looked up by the
pattern's own text and flags, so an edited pattern is simply compiled again. Anything unexpected (another Python,
an unreadable or foreign file, a changed ``re`` internal) falls back to the stdlib's ``re.compile``.

A deployed function reads the store its bundle ships (``bundling/regex_store.py`` builds it); it never writes one.
"""

from __future__ import annotations

import _sre
import atexit
import hashlib
import marshal
import os
import re as _re
import sys
import tempfile
from functools import cache
from pathlib import Path
from re import (
    ASCII,
    DOTALL,
    IGNORECASE,
    MULTILINE,
    UNICODE,
    VERBOSE,
    A,
    I,
    M,
    Match,
    Pattern,
    RegexFlag,
    S,
    U,
    X,
    error,
    escape,
    findall,
    finditer,
    fullmatch,
    match,
    search,
    split,
    sub,
    subn,
)
from re import _compiler as _re_compiler  # type: ignore[attr-defined,unused-ignore]  # typeshed lists them on some versions only
from re import _parser as _re_parser  # type: ignore[attr-defined,unused-ignore]  # typeshed lists them on some versions only

__all__ = [
    "A",
    "ASCII",
    "DOTALL",
    "I",
    "IGNORECASE",
    "M",
    "MULTILINE",
    "S",
    "U",
    "UNICODE",
    "VERBOSE",
    "X",
    "Match",
    "Pattern",
    "RegexFlag",
    "compile",
    "error",
    "escape",
    "findall",
    "finditer",
    "fullmatch",
    "match",
    "search",
    "split",
    "sub",
    "subn",
]

#: What a stored entry holds: the arguments ``_sre.compile`` takes after the pattern's text.
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_Key = tuple[str, int]


@cache
def compiler_key() -> tuple[str | int, ...]:
    """Which compiler wrote a store: code from another compiler or engine is never loaded.

    Not the interpreter's version number: a bundle's store is built before the platform picks the runtime's patch
    release (and the platform updates it under a deployed function), while patch releases with one engine
    ``MAGIC`` do compile some patterns differently (3.11.2 and 3.11.7 do: the width of a repeat). What the
    compiler emits is a function of the ``re`` package's Python source, the engine's ``MAGIC`` and code size,
    its limits, the byte order and the Unicode database (case folding, named characters), and those are the key.
    Without the ``re`` sources (a stripped install) the exact interpreter version stands in for their hash.
    """
    import unicodedata

    compiler: str | int = sys.hexversion
    sources = sorted(Path(_re.__file__).parent.glob("*.py")) if _re.__file__ else []
    if sources:
        digest = hashlib.sha256()
        try:
            for source in sources:
                digest.update(source.name.encode() + b"\0" + source.read_bytes())
            compiler = digest.hexdigest()
        except OSError:
            pass
    return (
        sys.implementation.cache_tag,
        _sre.MAGIC,
        _sre.CODESIZE,
        _sre.MAXREPEAT,
        _sre.MAXGROUPS,
        sys.byteorder,
        sys.maxunicode,
        unicodedata.unidata_version,
        compiler,
    )


#: Past this many entries (edited patterns leave old ones behind) a write keeps only this process's entries.
_MAX_ENTRIES = 20_000
#: Flags whose compilation has side effects (DEBUG prints the code) or warnings: left to the stdlib.
_UNCACHED_FLAGS = int(_re.DEBUG) | int(_re.TEMPLATE) | int(_re.LOCALE)


def cache_path() -> Path:
    """Where the compiled patterns are kept: beside the package's own bytecode."""
    return Path(__file__).resolve().parent / "__pycache__" / f"regex.{sys.implementation.cache_tag}.marshal"


class _Store:
    """The file's entries, loaded on the first compile, and the ones this process compiled or found in it."""

    def __init__(self) -> None:
        self.entries: dict[_Key, _Entry] | None = None
        self.used: dict[_Key, _Entry] = {}
        self.added = False

    def load(self) -> dict[_Key, _Entry]:
        if self.entries is None:
            self.entries = _read(cache_path())
        return self.entries

    def add(self, key: _Key, entry: _Entry) -> None:
        if not self.added:
            self.added = True
            atexit.register(_write)
        self.used[key] = entry


_STORE = _Store()


def _read(path: Path) -> dict[_Key, _Entry]:
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    if not (isinstance(data, tuple) and len(data) == 2 and data[0] == compiler_key() and isinstance(data[1], dict)):
        return {}
    entries: dict[_Key, _Entry] = data[1]
    return entries


def _write() -> None:
    """Merge this process's entries into the file (atomically: concurrent processes each write a whole file)."""
    path = cache_path()
    merged = _read(path)
    merged.update(_STORE.used)
    if len(merged) > _MAX_ENTRIES:
        merged = dict(_STORE.used)
    try:
        path.parent.mkdir(exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".regex-", suffix=".tmp")
        with os.fdopen(fd, "wb") as out:
            out.write(marshal.dumps((compiler_key(), merged)))
        os.replace(tmp, path)
    except OSError:  # a read-only install: every process compiles, as the stdlib does
        return


def _compiled_entry(pattern: str, flags: int) -> _Entry:
    """What the stdlib's compiler makes of ``pattern`` (``re._compiler.compile`` up to its ``_sre.compile`` call)."""
    parsed = _re_parser.parse(pattern, flags)
    # the compiler emits opcodes as int subclasses (named constants), which marshal does not store
    code = [int(op) for op in _re_compiler._code(parsed, flags)]
    groupindex: dict[str, int] = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    return int(flags | parsed.state.flags), code, parsed.state.groups - 1, groupindex, tuple(indexgroup)


def _importing_module() -> bool:
    """Whether the caller's module is being imported (a pattern of the code, not one built from data at run time).

    Only those are kept: a pattern built at run time (a product's name, escaped) would grow the file with every
    question and put a tenant's words in it. The import system marks a module's spec ``_initializing`` while its
    body runs (the body, its helpers and comprehensions); a script (``__main__``) has no spec. One frame is looked
    at, so a call at run time (an ingestion's per-value pattern) pays well under a microsecond for the test.
    """
    spec = sys._getframe(2).f_globals.get("__spec__")
    return spec is not None and getattr(spec, "_initializing", False) is True


def compile(pattern: str | Pattern[str], flags: int | RegexFlag = 0) -> Pattern[str]:
    """``re.compile``; a pattern of a module's code is built from the stored compiler output when there is one."""
    # the frame test first: a call at run time (an ingestion's per-value patterns) pays about a microsecond more
    if not _importing_module() or not isinstance(pattern, str) or int(flags) & _UNCACHED_FLAGS:
        return _re.compile(pattern, flags)
    key = (pattern, int(flags))
    try:
        entry = _STORE.load().get(key)
        if entry is None:
            entry = _compiled_entry(pattern, key[1])
            _STORE.add(key, entry)
        else:
            _STORE.used[key] = entry
        compiled: Pattern[str] = _sre.compile(pattern, *entry)
    except error:
        raise
    except Exception:  # an interpreter whose ``re`` internals differ: the stdlib compiles it
        return _re.compile(pattern, flags)
    return compiled
