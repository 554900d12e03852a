"""A damaged embedded home is refused with one line; doctor finds it; a backup brings it back."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shared.cli.main import main
from shared.deps import reset_deps


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    reset_deps()  # every command is a fresh process as far as the home is concerned
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def _exported(capsys: pytest.CaptureFixture[str], kind: str) -> list[dict[str, object]]:
    code, out, err = _run(capsys, "export", "--tenant", "t1", "--kind", kind, "--format", "json")
    assert code == 0, err
    return list(json.loads(out))


@pytest.fixture
def home(isolated_env: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    products = tmp_path / "products.csv"
    products.write_text("sku,title\nA,Blue vase\nB,Red vase\n")
    sales = tmp_path / "sales.csv"
    sales.write_text("date,sku,units,revenue\n2026-01-01,A,2,20\n2026-01-02,B,1,12\n")
    for path in (products, sales):
        assert _run(capsys, "ingest", str(path), "--tenant", "t1")[0] == 0
    return isolated_env


def _one_line_refusal(err: str, mentions: str) -> None:
    last = err.strip().splitlines()[-1]
    assert last.startswith("ecomintel: error: ") and mentions in last, err
    assert "Traceback" not in err, err


def test_doctor_passes_a_healthy_home(home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "doctor")
    assert code == 0 and out.strip().endswith("home is healthy"), out


def test_an_emptied_document_store_is_refused_not_taken_as_new(home: Path, tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    archive = tmp_path / "home.tar.gz"
    assert _run(capsys, "backup", str(archive))[0] == 0
    assert archive.stat().st_mode & 0o777 == 0o600
    before = _exported(capsys, "sales")
    (home / "documents.sqlite").write_bytes(b"")
    for name in ("documents.sqlite-wal", "documents.sqlite-shm"):
        (home / name).unlink(missing_ok=True)
    code, _, err = _run(capsys, "export", "--tenant", "t1", "--kind", "sales", "--format", "json")
    assert code == 2
    _one_line_refusal(err, "documents.sqlite")
    code, out, _ = _run(capsys, "doctor")
    assert code == 1 and "FAIL" in out
    # the backup brings the home back whole
    code, out, err = _run(capsys, "restore", str(archive))
    assert code == 2 and "--force" in err
    code, out, _ = _run(capsys, "restore", str(archive), "--force")
    assert code == 0 and "replaced home is kept" in out
    assert _exported(capsys, "sales") == before
    assert _run(capsys, "doctor")[0] == 0


@pytest.mark.parametrize("damage", ["truncate_warehouse", "garbage_documents", "foreign_bus"])
def test_damaged_databases_are_refused_with_one_line(home: Path, tmp_path: Path, damage: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    reset_deps()
    if damage == "truncate_warehouse":
        path = home / "warehouse.duckdb"
        with path.open("r+b") as f:
            f.truncate(path.stat().st_size // 2)
        (home / "warehouse.duckdb.wal").unlink(missing_ok=True)
    elif damage == "garbage_documents":
        path = home / "documents.sqlite"
        path.write_bytes(b"this is not a database" * 100)
        for name in ("documents.sqlite-wal", "documents.sqlite-shm"):
            (home / name).unlink(missing_ok=True)
    else:  # a database copied in from another home
        other = tmp_path / "other-home"
        import shared.adapters.local.home as home_mod

        other.mkdir()
        home_mod.verify_home(other)
        path = home / "bus.sqlite"
        for name in ("bus.sqlite-wal", "bus.sqlite-shm"):
            (home / name).unlink(missing_ok=True)
        path.write_bytes((other / "bus.sqlite").read_bytes())
    for argv in (("export", "--tenant", "t1", "--kind", "sales"), ("ask", "what did we make?", "--tenant", "t1")):
        code, _, err = _run(capsys, *argv)
        assert code == 2, (argv, err)
        _one_line_refusal(err, path.name)
    assert _run(capsys, "doctor")[0] == 1
