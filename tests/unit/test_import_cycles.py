"""No import cycles among ``shared/`` modules.

The graph counts every import a module can run: module-level ones and those inside functions (a lazy import
that only dodges a cycle is still the cycle), but not ``if TYPE_CHECKING:`` blocks, which never run.
"""

from __future__ import annotations

import ast
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"

#: Cycles owned by another workstream, listed so that the test names them and fails once they are gone
#: (then delete the entry). None left: sentiment's batch scoring moved out of the rule scorer.
KNOWN: list[frozenset[str]] = []


def _modules() -> dict[str, Path]:
    out = {}
    for path in SHARED.rglob("*.py"):
        parts = list(path.relative_to(SHARED.parent).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


class _Imports(ast.NodeVisitor):
    """Every import statement that can run (``if TYPE_CHECKING:`` bodies skipped)."""

    def __init__(self) -> None:
        self.nodes: list[ast.Import | ast.ImportFrom] = []

    def visit_If(self, node: ast.If) -> None:
        test = node.test
        if (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
                isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"):
            for stmt in node.orelse:
                self.visit(stmt)
            return
        self.generic_visit(node)

    def visit_Import(self, node: ast.Import) -> None:
        self.nodes.append(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        self.nodes.append(node)


def _targets(module: str, is_package: bool, node: ast.Import | ast.ImportFrom, known: dict[str, Path]) -> set[str]:
    if isinstance(node, ast.Import):
        names = [alias.name for alias in node.names]
    else:
        base = node.module or ""
        if node.level:
            package = module.split(".") if is_package else module.split(".")[:-1]
            package = package[: len(package) - (node.level - 1)]
            base = ".".join([*package, base] if base else package)
        names = [f"{base}.{a.name}" if f"{base}.{a.name}" in known else base for a in node.names]
    return {n for n in names if n in known}


def import_graph() -> dict[str, set[str]]:
    """Module -> the ``shared`` modules it imports."""
    modules = _modules()
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        visitor = _Imports()
        visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
        graph[name] = set().union(*(_targets(name, path.name == "__init__.py", n, modules) for n in visitor.nodes))
        graph[name].discard(name)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, iter(sorted(graph[root])))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


def test_the_detector_sees_a_lazy_import_cycle() -> None:
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [frozenset({"a", "b", "c"})]
    tree = ast.parse("def f():\n    from shared.deps import Deps\nif TYPE_CHECKING:\n    import shared.ports\n")
    visitor = _Imports()
    visitor.visit(tree)
    assert [n.module for n in visitor.nodes if isinstance(n, ast.ImportFrom)] == ["shared.deps"]
    assert not [n for n in visitor.nodes if isinstance(n, ast.Import)]


def test_the_graph_holds_function_level_imports() -> None:
    graph = import_graph()
    assert "shared.adapters.gcp.warehouse" in graph["shared.deps"]  # imported inside build_deps' gcp branch
    assert "shared.connectors.shopify" in graph["shared.connectors.sources"]


def test_no_import_cycles_in_shared() -> None:
    found = cycles(import_graph())
    new = [sorted(c) for c in found if c not in KNOWN]
    assert not new, f"import cycles: {new}"
    gone = [sorted(c) for c in KNOWN if c not in found]
    assert not gone, f"cycle resolved, remove it from KNOWN: {gone}"
