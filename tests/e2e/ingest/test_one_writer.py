"""One writer for the embedded home: concurrent CLI commands queue (or go through ``serve``), none crashes.

Issue #19 item 5: four ``ecomintel ingest`` at once crashed three on DuckDB's lock, and a CLI ingest against
a home ``ecomintel serve`` held failed. Real subprocesses on a real home; the stored rows are counted after.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import requests

from local_emulator.engines import free_port  # below the ephemeral range: no bind(0) elsewhere takes it
from shared.deps import get_deps, reset_deps

REPO = Path(__file__).resolve().parents[3]
ROWS = 1500


def _env(home: Path, **extra: str) -> dict[str, str]:
    return {
        "ECOMINTEL_HOME": str(home),
        "PATH": "/usr/bin:/bin",
        "ECOMINTEL_BCRYPT_ROUNDS": "4",
        "PYTHONDONTWRITEBYTECODE": "1",
        **extra,
    }


def _sales(path: Path, label: str) -> Path:
    with path.open("w") as out:
        out.write("date,sku,units\n")
        for i in range(ROWS):
            out.write(f"2024-{i % 12 + 1:02d}-{i % 28 + 1:02d},{label}-{i:05d},{i % 7 + 1}\n")
    return path


def _ingest_cmd(path: Path, tenant: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "shared.cli.main", "ingest", str(path), "--tenant", tenant, "--json", *extra]


def _counts(home: Path, tenants: list[str]) -> dict[str, int]:
    os.environ["ECOMINTEL_HOME"] = str(home)
    reset_deps()
    try:
        wh = get_deps().warehouse
        return {
            t: int(wh.query("SELECT COUNT(*) AS n FROM `sales` WHERE tenant_id = @t", {"t": t})["n"].iloc[0])
            for t in tenants
        }
    finally:
        reset_deps()


def _run_together(home: Path, jobs: list[tuple[Path, str]]) -> list[subprocess.CompletedProcess[str]]:
    procs = [
        subprocess.Popen(
            _ingest_cmd(path, tenant),
            cwd=REPO,
            env=_env(home),
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for path, tenant in jobs
    ]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=600)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


@pytest.mark.parametrize("tenants", [["acme"] * 4, ["t1", "t2", "t3", "t4"]], ids=["one-tenant", "four-tenants"])
def test_four_ingests_at_once_all_land(tmp_path: Path, isolated_env: Path, tenants: list[str]) -> None:
    home = isolated_env
    jobs = [(_sales(tmp_path / f"sales-{n}.csv", f"F{n}"), tenant) for n, tenant in enumerate(tenants)]
    results = _run_together(home, jobs)
    for res in results:
        assert res.returncode == 0, res.stderr[-2000:]
        summary = json.loads(res.stdout)
        assert summary["status"] == "processed" and summary["accepted"] == ROWS, summary
    waited = [res.stderr for res in results if "waiting for pid" in res.stderr]
    assert waited, "the runs overlapped, so some waited in line"
    assert "(ecomintel ingest)" in waited[0]
    expected: dict[str, int] = {}
    for tenant in tenants:
        expected[tenant] = expected.get(tenant, 0) + ROWS
    assert _counts(home, sorted(expected)) == expected


def test_a_command_waits_for_the_holder_then_gives_up_with_its_name(tmp_path: Path, isolated_env: Path) -> None:
    get_deps()  # this process opens the home and keeps it
    path = _sales(tmp_path / "sales.csv", "W")
    res = subprocess.run(
        _ingest_cmd(path, "acme", "--wait", "1"),
        cwd=REPO,
        env=_env(isolated_env),
        text=True,
        capture_output=True,
        timeout=120,
    )
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert lines[0].startswith(f"ecomintel: waiting for pid {os.getpid()} (")
    assert lines[-1].startswith("ecomintel: error: ") and f"in use by pid {os.getpid()}" in lines[-1]
    assert "Traceback" not in res.stderr
    reset_deps()  # let it go: the same command now runs
    res = subprocess.run(
        _ingest_cmd(path, "acme", "--wait", "60"),
        cwd=REPO,
        env=_env(isolated_env),
        text=True,
        capture_output=True,
        timeout=300,
    )
    assert res.returncode == 0, res.stderr[-2000:]
    assert _counts(isolated_env, ["acme"]) == {"acme": ROWS}


def _start_serve(home: Path) -> tuple[subprocess.Popen[bytes], str]:
    home.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "shared.cli.main", "serve", "--port", str(port)],
        cwd=REPO,
        env=_env(home),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            requests.get(f"{base}/healthz", timeout=2)
            return proc, base
        except (requests.ConnectionError, requests.Timeout):  # a slow first answer is not a failure
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise
            time.sleep(0.1)  # waiting for the port to open, not for timing


def test_cli_ingests_while_serve_holds_the_home_go_through_it(tmp_path: Path, isolated_env: Path) -> None:
    proc, base = _start_serve(isolated_env)
    try:
        jobs = [
            (_sales(tmp_path / f"sales-{n}.csv", f"S{n}"), tenant) for n, tenant in enumerate(["acme", "acme", "b"])
        ]
        results = _run_together(isolated_env, jobs)
        for res in results:
            assert res.returncode == 0, res.stderr[-2000:]
            assert "waiting for" not in res.stderr  # handed to the server, not queued behind it
            assert json.loads(res.stdout)["accepted"] == ROWS
        assert requests.get(f"{base}/healthz", timeout=5).status_code == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert proc.returncode == 0
    assert _counts(isolated_env, ["acme", "b"]) == {"acme": 2 * ROWS, "b": ROWS}


def test_a_backup_waits_in_line_then_copies_the_home(tmp_path: Path, isolated_env: Path) -> None:
    path = _sales(tmp_path / "sales.csv", "B")
    assert (
        subprocess.run(
            _ingest_cmd(path, "acme"), cwd=REPO, env=_env(isolated_env), capture_output=True, timeout=300
        ).returncode
        == 0
    )
    get_deps()  # this process holds the home while the backup starts
    archive = tmp_path / "home.tar.gz"
    proc = subprocess.Popen(
        [sys.executable, "-m", "shared.cli.main", "backup", str(archive)],
        cwd=REPO,
        env=_env(isolated_env, ECOMINTEL_HOME_WAIT_SECONDS="300"),
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    first = proc.stderr.readline()  # blocks until the backup says whom it waits for
    assert first.startswith(f"ecomintel: waiting for pid {os.getpid()} (")
    reset_deps()  # let it go
    out, err = proc.communicate(timeout=300)
    assert proc.returncode == 0, err
    assert "backed up" in out and archive.exists()


def _ingest_beside_serve(tmp_path: Path, home: Path, label: str) -> None:
    """``ecomintel ingest`` of ``ROWS`` sales of tenant acme (SKUs ``<label>-00000``...) while the server runs."""
    ingest = subprocess.run(
        _ingest_cmd(_sales(tmp_path / "sales.csv", label), "acme"),
        cwd=REPO,
        env=_env(home),
        text=True,
        capture_output=True,
        timeout=600,
    )
    assert ingest.returncode == 0, ingest.stderr[-2000:]


def test_cli_questions_while_serve_holds_the_home_go_through_it(tmp_path: Path, isolated_env: Path) -> None:
    """``ecomintel ask`` beside a running ``serve`` is answered by it, not left waiting for the home's lock."""
    proc, _ = _start_serve(isolated_env)
    try:
        _ingest_beside_serve(tmp_path, isolated_env, "Q")
        res = subprocess.run(
            [
                sys.executable,
                "-m",
                "shared.cli.main",
                "ask",
                "How many units did we sell in 2024?",
                "--tenant",
                "acme",
                "--json",
                "--no-cache",
            ],
            cwd=REPO,
            env=_env(isolated_env, ECOMINTEL_HOME_WAIT_SECONDS="5"),
            text=True,
            capture_output=True,
            timeout=300,
        )
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert res.returncode == 0, res.stderr[-2000:]
    assert "waiting for" not in res.stderr
    expected = sum(i % 7 + 1 for i in range(ROWS))
    assert f"{expected:,}" in json.loads(res.stdout)["answer"]


def _export_cmd(tenant: str, *extra: str) -> list[str]:
    return [sys.executable, "-m", "shared.cli.main", "export", "--tenant", tenant, "--kind", "sales", *extra]


def test_cli_export_while_serve_holds_the_home_reads_through_it(tmp_path: Path, isolated_env: Path) -> None:
    """``ecomintel export`` beside a running ``serve`` printed nothing for 600 s, then "in use by ... serve".

    Through the server it prints what it prints once the server has stopped, byte for byte (JSON and CSV).
    """
    proc, _ = _start_serve(isolated_env)
    served: dict[str, subprocess.CompletedProcess[str]] = {}
    try:
        _ingest_beside_serve(tmp_path, isolated_env, "X")
        for fmt in ("json", "csv"):
            served[fmt] = subprocess.run(
                _export_cmd("acme", "--format", fmt),
                cwd=REPO,
                text=True,
                env=_env(isolated_env, ECOMINTEL_HOME_WAIT_SECONDS="5"),
                capture_output=True,
                timeout=300,
            )
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    for fmt, res in served.items():
        assert res.returncode == 0, f"{fmt}: {res.stderr[-2000:]}"
        assert "waiting for" not in res.stderr
        alone = subprocess.run(
            _export_cmd("acme", "--format", fmt),
            cwd=REPO,
            env=_env(isolated_env),
            text=True,
            capture_output=True,
            timeout=300,
        )
        assert alone.returncode == 0, alone.stderr[-2000:]
        assert res.stdout == alone.stdout, fmt
    rows = json.loads(served["json"].stdout)
    assert len(rows) == ROWS and {r["sku"] for r in rows} == {f"X-{i:05d}" for i in range(ROWS)}
