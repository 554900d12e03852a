"""``ecomintel``: one entry point; each command group lives in its own module under ``shared.cli``.

Every module in this package that defines ``register(subparsers)`` is a command group (discovered, so
adding a command never edits this file). Each sub-command sets ``func`` to a callable
``(args) -> int`` (the exit code). Heavy imports stay inside those callables so ``--help`` is fast.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence


class CliError(Exception):
    """A user-facing failure: printed as one line, exit code 2."""


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser."""
    parser = argparse.ArgumentParser(prog="ecomintel", description="E-commerce intelligence platform CLI.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    import shared.cli

    for mod in sorted(pkgutil.iter_modules(shared.cli.__path__), key=lambda m: m.name):
        if mod.name in ("main", "__main__"):
            continue
        module = importlib.import_module(f"shared.cli.{mod.name}")
        if hasattr(module, "register"):
            module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code."""
    from shared.errors import EcomIntelError
    from shared.observability.logs import configure_logging

    # JSON logs go to stderr; a person at a terminal wants only warnings unless they ask for more
    configure_logging(os.environ.get("ECOMINTEL_LOG_LEVEL", "WARNING").upper(), force=True)
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except CliError as exc:
        sys.stderr.write(f"ecomintel: error: {exc}\n")
        return 2
    except EcomIntelError as exc:  # typed failures (a damaged home, a refused key): one line, no traceback
        sys.stderr.write(f"ecomintel: error: {exc.message}\n")
        return 2
    except Exception as exc:
        if not _storage_damage(exc):
            raise
        first = (str(exc).splitlines() or [""])[0][:300]
        sys.stderr.write(f"ecomintel: error: the embedded home cannot be read ({type(exc).__name__}: {first}); "
                         "check it with 'ecomintel doctor', bring a backup back with 'ecomintel restore'\n")
        return 2
    except KeyboardInterrupt:
        return 130


def _storage_damage(exc: BaseException) -> bool:
    """Whether ``exc`` is an embedded engine failing to read its file (not a bug in a query)."""
    sqlite3 = sys.modules.get("sqlite3")
    duckdb = sys.modules.get("duckdb")
    if sqlite3 is not None and isinstance(exc, sqlite3.DatabaseError) and not isinstance(
            exc, sqlite3.IntegrityError | sqlite3.ProgrammingError):
        return True
    return duckdb is not None and isinstance(exc, duckdb.IOException | duckdb.SerializationException)


if __name__ == "__main__":
    # run the package's module, not this __main__ copy: commands raise the package module's CliError
    from shared.cli import main as _cli

    raise SystemExit(_cli.main())
