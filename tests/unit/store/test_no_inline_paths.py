"""No document path is spelled outside the store layer (``shared/store/``; adapters implement the port).

Cores name a collection only through a builder of ``shared.store.documents``, which validates the tenant;
this test reads every module of ``shared/`` and ``functions/`` and lists each place that spells one itself:

- a string or f-string starting ``tenants/`` (a tenant-scoped path);
- a string literal, f-string or concatenation given as the collection (first argument) of a document-port
  call (``documents.get/set/create/delete/query/transact``), or a module constant holding a string used so.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
SCANNED = ("shared", "functions")
ALLOWED = ("shared/store/", "shared/adapters/")
PORT_METHODS = frozenset({"get", "set", "create", "delete", "query", "transact"})
#: How a document store is named where it is called (``deps.documents``, ``documents``, ``self._docs``).
STORE_NAMES = frozenset({"documents", "_documents", "docs", "_docs"})


def _literal_prefix(node: ast.expr) -> str | None:
    """The literal text a string expression starts with (``None`` when it is not a string expression)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        first = node.values[0] if node.values else None
        return first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else ""
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _literal_prefix(node.left)
    return None


def _store_call(node: ast.Call) -> bool:
    func = node.func
    if not isinstance(func, ast.Attribute) or func.attr not in PORT_METHODS or not node.args:
        return False
    receiver = func.value
    name = receiver.attr if isinstance(receiver, ast.Attribute) else getattr(receiver, "id", None)
    return name in STORE_NAMES


def _string_constants(tree: ast.Module) -> set[str]:
    """Names bound at module level to a string literal (``EMAIL_INDEX = "user_emails"``)."""
    names: set[str] = set()
    for stmt in tree.body:
        targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(
            stmt, ast.AnnAssign) else []
        value = getattr(stmt, "value", None)
        if value is not None and _literal_prefix(value) is not None:
            names |= {t.id for t in targets if isinstance(t, ast.Name)}
    return names


def inline_paths(root: Path) -> list[str]:
    """``path:line: source`` of every document path spelled outside the store layer under ``root``."""
    found: list[str] = []
    for top in SCANNED:
        for file in sorted((root / top).rglob("*.py")):
            rel = file.relative_to(root).as_posix()
            if rel.startswith(ALLOWED):
                continue
            source = file.read_text(encoding="utf-8")
            tree = ast.parse(source, filename=rel)
            constants = _string_constants(tree)
            lines = source.splitlines()
            hits: set[int] = set()
            for node in ast.walk(tree):
                if isinstance(node, ast.Constant | ast.JoinedStr) and (_literal_prefix(node) or "").startswith(
                        "tenants/"):
                    hits.add(node.lineno)
                elif isinstance(node, ast.Call) and _store_call(node):
                    first = node.args[0]
                    if _literal_prefix(first) is not None or (isinstance(first, ast.Name) and first.id in constants):
                        hits.add(node.lineno)
            found += [f"{rel}:{n}: {lines[n - 1].strip()}" for n in sorted(hits)]
    return found


def test_no_document_path_is_spelled_outside_the_store() -> None:
    offenders = inline_paths(ROOT)
    assert not offenders, ("document paths spelled outside shared/store (use a shared.store.documents builder):\n"
                           + "\n".join(offenders))


@pytest.mark.parametrize("line", [
    'x = f"tenants/{tenant}/alerts"',
    'deps.documents.query("tenants")',
    'documents.get("tenants/" + t + "/settings", "alerts")',
    'self._docs.set(f"{base}/jobs", job_id, {})',
    'INDEX = "user_emails"\ndef f(documents):\n    return documents.get(INDEX, "k")',
])
def test_each_way_of_spelling_a_path_is_found(tmp_path: Path, line: str) -> None:
    module = tmp_path / "shared" / "core" / "mod.py"
    module.parent.mkdir(parents=True)
    module.write_text(line + "\n")
    (tmp_path / "functions").mkdir()
    assert len(inline_paths(tmp_path)) == 1


def test_builders_and_the_store_itself_are_not_offenders(tmp_path: Path) -> None:
    core = tmp_path / "shared" / "core" / "mod.py"
    core.parent.mkdir(parents=True)
    core.write_text("def f(documents, t):\n    return documents.get(alerts_collection(t), 'a') or {}.get('k')\n")
    store = tmp_path / "shared" / "store" / "documents" / "alerts.py"
    store.parent.mkdir(parents=True)
    store.write_text('def alerts_collection(t):\n    return f"tenants/{t}/alerts"\n')
    (tmp_path / "functions").mkdir()
    assert inline_paths(tmp_path) == []
