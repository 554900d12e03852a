"""Write ``infra/bigquery/<table>.json`` (BigQuery JSON schemas) and ``_tables.json`` from the table specs.

Run by ``make schemas``; a test fails when the files are not current. Terraform reads both: the schema
file per table, and ``_tables.json`` for partitioning, clustering, partition expiry and descriptions.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from shared.manifest import REPO_ROOT
from shared.models.tables import all_tables

SCHEMA_DIR = REPO_ROOT / "infra" / "bigquery"
INDEX_FILE = "_tables.json"


def rendered() -> dict[str, str]:
    """File name -> exact file content, for every generated file."""
    files: dict[str, str] = {}
    index: dict[str, dict[str, Any]] = {}
    for name, spec in sorted(all_tables().items()):
        files[f"{name}.json"] = json.dumps(spec.bigquery_schema(), indent=2) + "\n"
        index[name] = {
            "description": spec.description,
            "partition_field": spec.partition_field,
            "cluster_fields": list(spec.cluster_fields),
            "partition_expiration_days": spec.expiration_days,
        }
    files[INDEX_FILE] = json.dumps(index, indent=2, sort_keys=True) + "\n"
    return files


def stale(directory: Path = SCHEMA_DIR) -> list[str]:
    """Generated files that are missing, different, or orphaned in ``directory``."""
    expected = rendered()
    problems = [n for n, text in expected.items()
                if not (directory / n).exists() or (directory / n).read_text() != text]
    problems += [p.name for p in directory.glob("*.json") if p.name not in expected]
    return sorted(problems)


def write(directory: Path = SCHEMA_DIR) -> list[str]:
    """Write every file and remove orphans; returns the names written."""
    directory.mkdir(parents=True, exist_ok=True)
    expected = rendered()
    for orphan in directory.glob("*.json"):
        if orphan.name not in expected:
            orphan.unlink()
    for name, text in expected.items():
        (directory / name).write_text(text)
    return sorted(expected)


if __name__ == "__main__":
    names = write()
    sys.stdout.write(f"wrote {len(names)} files to {SCHEMA_DIR}\n")
