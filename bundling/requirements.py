"""Third-party import names -> the distributions that provide them -> a pinned ``requirements.txt``.

Import names are mapped to distributions through the installed distributions' file lists (the project
virtualenv is ``uv pip sync``-ed from ``requirements.lock``), longest dotted prefix first, so
``google.cloud.bigquery`` resolves to ``google-cloud-bigquery`` and not to the ``google`` namespace.
Transitive runtime dependencies come from the same metadata, with environment markers and requested
extras evaluated, and every version is the one ``requirements.lock`` pins (a mismatch is an error: the
virtualenv is stale).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from functools import cache
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;#]+)")
# The runtime serves every function through functions-framework even if main.py never names it.
ALWAYS = ("functions-framework",)


class RequirementsError(RuntimeError):
    """An import no installed distribution provides, or a distribution the lock does not pin."""


def read_lock(path: Path) -> dict[str, str]:
    """``requirements.lock`` as canonical name -> pinned version."""
    pins: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line.strip())
        if match:
            pins[canonicalize_name(match[1])] = match[2]
    return pins


@cache
def _module_index() -> dict[str, frozenset[str]]:
    """Dotted module path -> canonical names of the installed distributions whose files define it."""
    index: dict[str, set[str]] = {}
    for dist in metadata.distributions():
        name = canonicalize_name(dist.metadata["Name"])
        for file in dist.files or ():
            parts = file.parts
            if not parts or ".." in parts[0] or parts[0].endswith((".dist-info", ".data")):
                continue
            if file.suffix in (".py", ".so", ".pyd") or file.name.endswith(".pyi"):
                stem = parts[-1].split(".")[0]
                dotted = [*parts[:-1], stem] if stem != "__init__" else list(parts[:-1])
                for i in range(1, len(dotted) + 1):
                    index.setdefault(".".join(dotted[:i]), set()).add(name)
    return {k: frozenset(v) for k, v in index.items()}


def distribution_of(module: str) -> str:
    """The one distribution providing dotted ``module`` (the longest prefix with a single owner)."""
    index = _module_index()
    parts = module.split(".")
    for i in range(len(parts), 0, -1):
        owners = index.get(".".join(parts[:i]))
        if owners and len(owners) == 1:
            return next(iter(owners))
    raise RequirementsError(f"no single installed distribution provides {module!r}")


def distributions_for(modules: Iterable[str]) -> set[str]:
    """Distributions providing the import names (names that are attributes fall back to their module)."""
    index = _module_index()
    names = set(modules)
    found: set[str] = set()
    for module in names:
        name = module
        while name not in index and "." in name:
            name = name.rpartition(".")[0]  # ``from pkg import function``: the attribute is not a module
        if len(index.get(name, ())) > 1 and any(m.startswith(f"{name}.") for m in names):
            continue  # a namespace package (``from google.cloud import bigquery``): the submodule decides
        found.add(distribution_of(name))
    return found


@cache
def _requires(name: str) -> tuple[Requirement, ...]:
    return tuple(Requirement(r) for r in metadata.distribution(name).requires or ())


def with_dependencies(roots: Iterable[str], environment: Mapping[str, str] | None = None) -> set[str]:
    """``roots`` plus every distribution they need at run time on this platform (markers and extras evaluated)."""
    base: Mapping[str, object] = environment if environment is not None else default_environment()
    env = {k: str(v) for k, v in base.items()}
    wanted: dict[str, set[str]] = {canonicalize_name(r): set() for r in roots}
    done: dict[str, frozenset[str]] = {}
    while True:
        todo = [(n, frozenset(e)) for n, e in wanted.items() if done.get(n) != frozenset(e)]
        if not todo:
            return set(wanted)
        for name, extras in todo:
            done[name] = extras
            for req in _requires(name):
                active = req.marker is None or any(
                    req.marker.evaluate({**env, "extra": extra}) for extra in ("", *sorted(extras)))
                if active:
                    wanted.setdefault(canonicalize_name(req.name), set()).update(req.extras)


def render(distributions: Iterable[str], pins: Mapping[str, str], *, header: str) -> str:
    """A sorted, fully pinned ``requirements.txt``."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    for name in sorted(canonicalize_name(d) for d in distributions):
        if name not in pins:
            raise RequirementsError(f"{name} is needed at run time but requirements.lock does not pin it")
        installed = metadata.version(name)
        if installed != pins[name]:
            raise RequirementsError(f"{name}: installed {installed}, lock pins {pins[name]} (run make venv)")
        lines.append(f"{name}=={pins[name]}")
    return "\n".join(lines) + "\n"


@cache
def _lock(path: Path) -> dict[str, str]:
    return read_lock(path)


def requirements_for(external_modules: Iterable[str], lock: Path, *, header: str) -> str:
    """The pinned requirements of a set of third-party import names."""
    roots = distributions_for(external_modules) | set(ALWAYS)
    return render(with_dependencies(roots), _lock(lock), header=header)
