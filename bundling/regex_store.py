"""The compiled patterns a bundle ships: ``shared/__pycache__/regex.<cache tag>.marshal`` for its own modules.

Why at build time: ``shared.regex`` keeps the patterns a module compiles while it is imported, and a process
writes them when it exits. A Cloud Functions instance imports ``main.py`` once and is stopped, never exited, and
every instance starts from the image, so a store written at run time (in ``/tmp`` or anywhere) would serve no
later import: each cold start would compile the query readers' ~870 patterns again (0.4 s of CPU). So the bundle
carries the store, built here by importing the function's modules in a fresh interpreter of the builder's Python.

Which store: only the patterns of the modules in the bundle (its import closure and its ``main.py``), compiled
while each one's body runs, exactly what ``shared.regex`` would store; never a pattern built at run time, so no
tenant's words. The file is keyed by the builder's regex compiler (``shared.regex.compiler_key``: the ``re``
sources, the engine's ``MAGIC``, the Unicode database), so the runtime reads it only where its own compiler is
the same one and otherwise compiles as before. It is built only when the builder's Python is the runtime's minor
version (``RUNTIME``); the bytes are deterministic (entries sorted, marshal format 2: no object references that
depend on reference counts).
"""

from __future__ import annotations

import hashlib
import json
import marshal
import os
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path

#: Terraform's ``runtime`` for every function (``terraform/modules/function/variables.tf``; a test compares).
RUNTIME = "python311"
#: Marshal format without back-references: the same entries always give the same bytes.
MARSHAL_FORMAT = 2

_Key = tuple[str, int]
#: ``shared.regex``'s entry: the arguments ``_sre.compile`` takes after the pattern's text.
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_Entries = dict[_Key, _Entry]

#: Run in a fresh interpreter: import the modules named on stdin with a store that misses every lookup (so each
#: module-level pattern is compiled and kept), record which module asked for which pattern, write them marshalled.
_RECORD = r"""
import importlib, importlib.util, json, marshal, sys
repo, out, targets = sys.argv[1], sys.argv[2], json.loads(sys.stdin.read())
sys.path.insert(0, repo)
import shared.regex as rx

asked = {}


class Recorder(dict):
    def get(self, key, default=None):
        # called by shared.regex.compile for a pattern of a module being imported: that module's frame is two up
        asked.setdefault(sys._getframe(2).f_globals.get("__name__"), set()).add(key)
        return None


rx._STORE.entries = Recorder()
rx._STORE.add = rx._STORE.used.__setitem__  # nothing is written at exit
for name in targets["modules"]:
    importlib.import_module(name)
for label, path in sorted(targets["mains"].items()):
    spec = importlib.util.spec_from_file_location(label, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[label] = module
    spec._initializing = True  # what the import system marks while a module's body runs
    try:
        spec.loader.exec_module(module)
    finally:
        spec._initializing = False
found = {name: {key: rx._STORE.used[key] for key in keys} for name, keys in asked.items() if name}
with open(out, "wb") as f:  # not stdout: a module may print while it is imported
    f.write(marshal.dumps((rx.compiler_key(), found)))
"""


def runtime_of_interpreter() -> str:
    """The Cloud Functions runtime id of the running interpreter (``python311``)."""
    return f"python{sys.version_info.major}{sys.version_info.minor}"


def member_name() -> str:
    """Where ``shared.regex.cache_path`` looks in an unpacked bundle on the runtime's interpreter."""
    return f"shared/__pycache__/regex.{sys.implementation.cache_tag}.marshal"


def main_label(main: Path) -> str:
    """The module name a function's ``main.py`` is imported under while its patterns are recorded."""
    return "_bundle_main_" + hashlib.sha256(str(main.resolve()).encode()).hexdigest()[:12]


@dataclass
class PatternRecorder:
    """Module name -> the patterns its body compiles, for the ``shared`` tree at ``repo`` (filled on demand).

    One build process imports each module once (``make bundles`` builds 22 bundles over one ``shared``), in a
    child interpreter of this Python with the checkout first on ``sys.path``.
    """

    repo: Path
    key: tuple[str | int, ...] = ()
    by_module: dict[str, _Entries] = field(default_factory=dict)
    #: The emulator stack builds bundles on threads: one child at a time imports what is missing.
    lock: threading.Lock = field(default_factory=threading.Lock)

    def entries(self, modules: frozenset[str], main: Path) -> _Entries:
        """The patterns the bundle of ``main`` (with ``modules`` of ``shared``) compiles while importing."""
        label = main_label(main)
        with self.lock:
            missing = sorted(m for m in modules if m not in self.by_module)
            if missing or label not in self.by_module:
                self._record(missing, {label: str(main.resolve())})
        out: _Entries = {}
        for name in (*sorted(modules), label):
            out.update(self.by_module.get(name, {}))
        return out

    def _record(self, modules: list[str], mains: dict[str, str]) -> None:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
        env["ECOMINTEL_LOG_LEVEL"] = "ERROR"
        with tempfile.TemporaryDirectory(prefix="bundle-regex-") as tmp:
            out = Path(tmp) / "recorded.marshal"
            done = subprocess.run(
                [sys.executable, "-c", _RECORD, str(self.repo), str(out)],
                input=json.dumps({"modules": modules, "mains": mains}).encode(),
                cwd=self.repo,
                env=env,
                capture_output=True,
                check=False,
                timeout=900,
            )
            if done.returncode != 0:
                raise RuntimeError(f"recording the compiled patterns failed:\n{done.stderr.decode()[-3000:]}")
            self.key, found = marshal.loads(out.read_bytes())
        for name in (*modules, *mains):
            self.by_module.setdefault(name, {})
        for name, entries in found.items():
            self.by_module.setdefault(name, {}).update(entries)


_RECORDERS: dict[Path, PatternRecorder] = {}
_RECORDERS_LOCK = threading.Lock()


def store_member(modules: frozenset[str], main: Path, repo: Path) -> tuple[str, bytes] | None:
    """The bundle's store as an archive member; None when this Python is not the runtime's (it could read none)."""
    if runtime_of_interpreter() != RUNTIME:
        return None
    with _RECORDERS_LOCK:
        recorder = _RECORDERS.setdefault(repo.resolve(), PatternRecorder(repo.resolve()))
    entries = recorder.entries(modules, main)
    if not entries:
        return None
    data = marshal.dumps((recorder.key, dict(sorted(entries.items()))), MARSHAL_FORMAT)
    return member_name(), data
