"""Defaults of the sample merchant (a light module: the CLI reads it without importing pandas)."""

from __future__ import annotations

from datetime import date

DEFAULT_SEED = 42
DEFAULT_SKUS = 300
DEFAULT_END = date(2026, 10, 31)
DEFAULT_DAYS = 730
