"""Run ``bqemulator`` offline: its DuckDB spatial extension becomes optional.

bqemulator tries ``INSTALL spatial`` at start-up, which downloads the extension; with no internet the
emulator then refuses to start. GEOGRAPHY is not used by ecomintel, so this entry point (run with the
``.venv-bq`` interpreter, never imported by the project) turns that failure into a warning and then
hands over to bqemulator's own command line.
"""

from __future__ import annotations

import sys
from typing import Any


def _patch() -> None:
    from bqemulator.storage import engine

    def _load_spatial_optional(self: Any) -> None:
        try:
            self._connection.execute("LOAD spatial")
        except Exception as exc:  # noqa: BLE001 - optional by design
            sys.stderr.write(f"bq_offline: spatial extension unavailable, GEOGRAPHY disabled ({exc})\n")

    engine.DuckDBEngine._load_spatial = _load_spatial_optional


if __name__ == "__main__":
    _patch()
    from bqemulator.cli import main

    sys.exit(main())
