"""The import closure of a function: the ``shared`` modules and third-party names its ``main.py`` imports.

Static analysis over the AST, deliberately conservative: imports inside function bodies count (a lazy
import still runs when that code path does), imports under ``if TYPE_CHECKING:`` do not (they never run).
Two dynamic patterns of ``shared`` are followed too: dotted-path strings naming a ``shared`` module
(``"shared.pricing.agent:run"`` in the agent registry) and ``all_tables()``, which imports every
``shared/<domain>/tables.py``. And a package found by ``find_spec("name")`` with a literal name counts as
imported: its files are read without importing it (the sentiment lexicon reads TextBlob's word list so), and a
bundle without it fails only when that code runs.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

PACKAGE = "shared"
_DOTTED = re.compile(r"^shared(\.[A-Za-z_][A-Za-z0-9_]*)+(:[A-Za-z_][A-Za-z0-9_]*)?$")
# Modules that import a family of modules by discovery rather than by name: module -> glob under shared/.
DISCOVERED_IMPORTS = {"shared.models.tables": "*/tables.py"}


@dataclass(frozen=True)
class Closure:
    """What a function needs: its ``shared`` modules and the third-party module paths they import."""

    modules: frozenset[str]
    external: frozenset[str] = field(default_factory=frozenset)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree`` except the bodies of ``if TYPE_CHECKING:`` blocks (their ``else`` runs)."""
    stack: list[ast.AST] = [tree]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        stack.extend(ast.iter_child_nodes(node))


def imported_names(source: str, module: str, *, is_package: bool) -> set[str]:
    """Dotted module paths a module's code can import at run time (``from a import b`` yields a and a.b)."""
    names: set[str] = set()
    package = module if is_package else module.rpartition(".")[0]
    for node in _runtime_nodes(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            if target == "__future__":
                continue
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names if alias.name != "*")
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and _DOTTED.match(node.value):
            names.add(node.value.partition(":")[0])
        elif (found := _found_spec(node)) is not None:
            names.add(found)
    return names


def _found_spec(node: ast.AST) -> str | None:
    """``x`` of a ``find_spec("x")`` / ``importlib.util.find_spec("x")`` call, else ``None``."""
    if not isinstance(node, ast.Call) or not node.args:
        return None
    func = node.func
    name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
    first = node.args[0]
    if name == "find_spec" and isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value
    return None


class SharedTree:
    """The ``shared`` package on disk: module name <-> file."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.package_dir = root / PACKAGE

    def file_of(self, module: str) -> Path | None:
        """The file defining ``module`` (a package's ``__init__.py``), or None if it is not a module."""
        base = self.root.joinpath(*module.split("."))
        for candidate in (base / "__init__.py", base.with_suffix(".py")):
            if candidate.is_file():
                return candidate
        return None

    def module_of(self, path: Path) -> str:
        """Dotted name of a file under the package."""
        rel = path.relative_to(self.root).with_suffix("")
        parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
        return ".".join(parts)

    def parents(self, module: str) -> list[str]:
        """Packages imported on the way to ``module`` (``a.b.c`` -> ``a``, ``a.b``)."""
        parts = module.split(".")
        return [".".join(parts[:i]) for i in range(1, len(parts))]

    def discovered(self, module: str) -> list[str]:
        """Modules ``module`` imports by discovery (see ``DISCOVERED_IMPORTS``)."""
        pattern = DISCOVERED_IMPORTS.get(module)
        return [] if pattern is None else [self.module_of(p) for p in sorted(self.package_dir.glob(pattern))]


@lru_cache(maxsize=4096)
def _imports_of_file(path: Path, module: str, is_package: bool, mtime_ns: int) -> frozenset[str]:
    """``imported_names`` of a file, parsed once per version of the file (every bundle shares ``shared``)."""
    return frozenset(imported_names(path.read_text(encoding="utf-8"), module, is_package=is_package))


def closure(entry: Path, root: Path) -> Closure:
    """The closure of ``entry`` (a ``main.py``) over the ``shared`` package found under ``root``."""
    tree = SharedTree(root)
    seen: set[str] = set()
    external: set[str] = set()
    pending: list[tuple[str, Path, bool]] = [("main", entry, False)]

    def visit(name: str) -> None:
        for candidate in [*tree.parents(name), name]:
            found = tree.file_of(candidate)
            if candidate in seen or found is None:
                continue  # done, or ``from shared.x import some_function``: the attribute, not a module
            seen.add(candidate)
            pending.append((candidate, found, found.name == "__init__.py"))
            for discovered in tree.discovered(candidate):
                visit(discovered)

    while pending:
        module, path, is_package = pending.pop()
        for name in _imports_of_file(path, module, is_package, path.stat().st_mtime_ns):
            top = name.partition(".")[0]
            if top == PACKAGE:
                visit(name)
            elif top not in sys.stdlib_module_names:
                external.add(name)
    return Closure(frozenset(seen), frozenset(external))


def shared_files(root: Path, exclude_parts: Iterable[str] = ("__pycache__",)) -> list[Path]:
    """Every file of the ``shared`` package (sources and package data), sorted, caches excluded."""
    skip = set(exclude_parts)
    base = root / PACKAGE
    return sorted(
        p for p in base.rglob("*") if p.is_file() and not skip & set(p.relative_to(base).parts) and p.suffix != ".pyc"
    )
