"""No SQL statement outside the store layer (``shared/store``) and the engines' adapters (``shared/adapters``).

Every string literal of ``shared/`` and ``functions/`` (f-strings included, docstrings excluded) is read
with ``ast``; one that holds a SQL statement (``SELECT .. FROM``, ``DELETE FROM``, ``INSERT INTO``,
``UPDATE .. SET``, ``MERGE INTO``, DDL, the embedded engines' ``PRAGMA``/``ATTACH``/``COPY FROM DATABASE``)
is an offender, listed with its file and line. Nor does a core import sqlglot to build statements itself.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SCANNED = ("shared", "functions")
ALLOWED = ("shared/store/", "shared/adapters/")
STATEMENT = re.compile(
    r"\bSELECT\b[\s\S]+?\bFROM\b|\bDELETE\s+FROM\b|\bINSERT\s+INTO\b|\bUPDATE\s+[`\"\w.]+\s+SET\b"
    r"|\bMERGE\s+(INTO\s+)?[`\"\w.]+|\b(CREATE|DROP|ALTER)\s+TABLE\b|\bPRAGMA\s+\w+"
    r"|\bATTACH\s+\S+\s+AS\b|\bCOPY\s+FROM\s+DATABASE\b")


def _docstrings(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                ids.add(id(first.value))
    return ids


def _texts(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, text) of every string literal but docstrings; an f-string's fields read as ``{}``."""
    skip = _docstrings(tree)
    inner: set[int] = set()
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                inner.add(id(value))
                parts.append(value.value if isinstance(value, ast.Constant) and isinstance(value.value, str) else "{}")
            out.append((node.lineno, "".join(parts)))
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip \
                and id(node) not in inner:
            out.append((node.lineno, node.value))
    return out


def sql_offenders(root: Path) -> list[str]:
    """``path:line: text`` of every SQL statement in a string literal outside the allowed packages."""
    found = []
    for top in SCANNED:
        for path in sorted((root / top).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if rel.startswith(ALLOWED):
                continue
            tree = ast.parse(path.read_text(encoding="utf-8"), filename=rel)
            for line, text in _texts(tree):
                if STATEMENT.search(text):
                    found.append(f"{rel}:{line}: {' '.join(text.split())[:100]}")
    return found


def test_no_sql_outside_the_store_and_the_adapters() -> None:
    offenders = sql_offenders(ROOT)
    assert not offenders, "SQL outside shared/store and shared/adapters:\n" + "\n".join(offenders)


def sqlglot_importers(root: Path) -> list[str]:
    """Modules outside the allowed packages (and the port's annotations) that import sqlglot."""
    found = []
    for top in SCANNED:
        for path in sorted((root / top).rglob("*.py")):
            rel = path.relative_to(root).as_posix()
            if rel.startswith(ALLOWED) or rel == "shared/ports.py":
                continue
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=rel)):
                if not isinstance(node, ast.Import | ast.ImportFrom):
                    continue
                names = [a.name for a in node.names] if isinstance(node, ast.Import) else [node.module or ""]
                if any(n == "sqlglot" or n.startswith("sqlglot.") for n in names):
                    found.append(f"{rel}:{node.lineno}")
    return found


def test_no_core_builds_statements_itself() -> None:
    offenders = sqlglot_importers(ROOT)
    assert not offenders, "sqlglot imported outside shared/store and shared/adapters:\n" + "\n".join(offenders)


def test_the_check_finds_each_kind_of_statement(tmp_path: Path) -> None:
    core = tmp_path / "shared" / "core"
    core.mkdir(parents=True)
    (tmp_path / "functions").mkdir()
    (tmp_path / "shared" / "store").mkdir()
    (tmp_path / "shared" / "store" / "ok.py").write_text('Q = "SELECT sku FROM sales"\n')
    (core / "bad.py").write_text(
        '"""Reads: SELECT sku FROM sales is described here, which is fine."""\n'
        'A = "SELECT sku\\nFROM sales WHERE tenant_id = @t"\n'
        'B = f"DELETE FROM {table} WHERE x = 1"\n'
        'C = ("INSERT INTO t (a) "\n     "VALUES (1)")\n'
        'D = "UPDATE `t` SET a = 1"\n'
        'E = "MERGE INTO t USING s ON true"\n'
        'F = "selected from the list"\n'
        'G = "PRAGMA integrity_check"\n'
        'H = "ATTACH ? AS src (READ_ONLY)"\n')
    assert [o.split(":")[1] for o in sql_offenders(tmp_path)] == ["2", "3", "4", "6", "7", "9", "10"]
    (core / "builds.py").write_text("from sqlglot import exp\nimport sqlglot.expressions\n")
    assert sqlglot_importers(tmp_path) == ["shared/core/builds.py:1", "shared/core/builds.py:2"]
