"""Kill-anywhere drill: ``ecomintel ingest`` SIGKILLed at named points, re-run, final table == the file.

Each round forks a child that runs the real CLI (``shared.cli.main.main``) with ``ECOMINTEL_CRASH_AT``
naming the point it dies at (``shared/ingest/crashpoints.py``), then a second child runs the same command
unharmed. The parent has imported the heavy modules once, so a round costs the pipeline's work, not an
interpreter start-up. Points: every staging chunk, the staging commit, each state transition of ingest
and processing; the chunk points are drawn at random (seed in the test id) on top of the fixed ones.
"""

from __future__ import annotations

import os
import random
import re
import signal
import sys
from pathlib import Path

import pytest

import shared.cli.main
from shared.manifest import load_manifest
from shared.runtime.local import function_app

ROWS = 240
CHUNK_ROWS = 20  # 12 staging chunks
FIXED_POINTS = ["ingest.claimed", "ingest.committed", "ingest.staged", "ingest.published",
                "process.claimed", "process.merged", "process.processed"]
SEED = 1912


def _warm_up() -> None:
    """Import what a CLI ingest imports and load the three function apps once, before forking.

    The children inherit them, so each round pays for the pipeline's work, not for compiling modules.
    """
    import importlib

    for name in ("duckdb", "sqlglot", "shared.adapters.local.warehouse", "shared.adapters.local.documents",
                 "shared.adapters.local.blobs", "shared.adapters.local.home", "shared.ingest.client",
                 "shared.ingest.upload", "shared.cli.data", "shared.processing.service", "shared.security.tokens"):
        importlib.import_module(name)
    shared.cli.main.build_parser()
    manifest = load_manifest()
    for fn in ("upload", "ingest", "process"):
        function_app(manifest.functions[fn])


def _points() -> list[str]:
    rng = random.Random(SEED)
    chunks = [f"ingest.chunk#{n}" for n in rng.sample(range(1, ROWS // CHUNK_ROWS + 1), 8)]
    # a chunk point after the first round's chunk: the kill lands mid-staging of a later chunk
    return FIXED_POINTS + chunks + [f"ingest.chunk#{rng.randint(1, ROWS // CHUNK_ROWS)}" for _ in range(5)]


def _write_file(path: Path) -> list[tuple[str, str, int]]:
    rows = [(f"SKU-{i % 37}", f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", i + 1) for i in range(ROWS)]
    path.write_text("sku,date,units\n" + "".join(f"{s},{d},{u}\n" for s, d, u in rows))
    return sorted(rows)


def _run_cli(home: Path, path: Path, log: Path, crash_at: str | None) -> int:
    """Fork a child running ``ecomintel ingest``; returns its exit code, or ``-signal`` if it was killed."""
    pid = os.fork()
    if pid == 0:  # child: fresh settings and engines, output to a file
        try:
            import shared.deps as deps_module

            deps_module._deps = None  # never the parent's engines
            os.environ["ECOMINTEL_HOME"] = str(home)
            os.environ["ECOMINTEL_INGEST_CHUNK_ROWS"] = str(CHUNK_ROWS)
            if crash_at:
                os.environ["ECOMINTEL_CRASH_AT"] = crash_at
            else:
                os.environ.pop("ECOMINTEL_CRASH_AT", None)
            deps_module.get_settings.cache_clear()
            fd = os.open(log, os.O_WRONLY | os.O_CREAT | os.O_APPEND)
            os.dup2(fd, 1)
            os.dup2(fd, 2)
            sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115 - pytest replaced sys.stdout
            sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
            code = shared.cli.main.main(["ingest", str(path), "--tenant", "acme", "--kind", "sales"])
            sys.stdout.flush()
            os._exit(code)
        except BaseException:  # noqa: BLE001 - the child must never return into pytest
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
            os._exit(70)
    _, status = os.waitpid(pid, 0)
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _final_rows(home: Path) -> list[tuple[str, str, int]]:
    import duckdb

    con = duckdb.connect(str(home / "warehouse.duckdb"), read_only=True)
    try:
        found = con.execute("SELECT sku, CAST(date AS VARCHAR), units FROM sales WHERE tenant_id = 'acme'").fetchall()
    finally:
        con.close()
    return sorted((str(s), str(d), int(u)) for s, d, u in found)


@pytest.mark.skipif(not hasattr(os, "fork"), reason="the drill forks")
def test_kill_anywhere_then_rerun_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    points = _points()
    assert len(points) >= 20
    _warm_up()
    source = tmp_path / "sales.csv"
    expected = _write_file(source)
    killed: list[str] = []
    for n, point in enumerate(points):
        home = tmp_path / f"home-{n}"
        first = _run_cli(home, source, tmp_path / f"killed-{n}.log", point)
        if first == -signal.SIGKILL:
            killed.append(point)
        log = tmp_path / f"rerun-{n}.log"
        second = _run_cli(home, source, log, None)
        output = log.read_text()
        assert second == 0, f"{point}: re-run exited {second}\n{output}"
        got = _final_rows(home)
        assert len(got) == len(set(got)) == ROWS, f"{point}: {len(got)} rows stored, {ROWS} in the file\n{output}"
        assert got == expected, point
        # what the re-run printed is true when printed: its rows are stored, accepted now or earlier
        printed = re.search(r"rows read (\d+): accepted (\d+), rejected (\d+), duplicates (\d+)", output)
        assert printed is not None and "processed" in output, output
        read, accepted, rejected, duplicates = map(int, printed.groups())
        assert read == accepted + duplicates == ROWS and rejected == 0, f"{point}\n{output}"
    # every point was reached: the drill really killed the process there
    assert killed == points
