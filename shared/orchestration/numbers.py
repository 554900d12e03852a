"""Checking that every number a narrative cites was produced by an agent (or stated in the question)."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from shared import regex as re

_DATE = re.compile(r"\b\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+Z?)?\b")
_IDENTIFIER = re.compile(r"\b[A-Za-z]+[-_]?\d[\w-]*\b")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)?(?![\w])")


def cited_tokens(text: str) -> list[str]:
    """Number tokens in ``text`` as written (``1,250``, ``7.0``); dates and identifiers like ``SKU-123`` are skipped."""
    stripped = _IDENTIFIER.sub(" ", _DATE.sub(" ", text))
    return [m.group(0).replace(",", "") for m in _NUMBER.finditer(stripped)]


def cited_numbers(text: str) -> list[float]:
    """Numbers in ``text`` as magnitudes."""
    return [float(t) for t in cited_tokens(text)]


#: Free-text fields written by the agents themselves; numbers inside other strings (review text, details that
#: quote customers, uploaded values) are data, not agent output, and do not vouch for a cited number.
AGENT_TEXT_KEYS = frozenset({"summary", "title", "description", "explanation"})


def collect_numbers(value: Any, out: set[float] | None = None, *, text: bool = True) -> set[float]:
    """Every finite number (magnitude) in nested dicts/lists/models, and numbers in agent-written text."""
    out = set() if out is None else out
    if hasattr(value, "model_dump"):
        value = value.model_dump(mode="json")
    if isinstance(value, bool) or value is None:
        return out
    if isinstance(value, int | float):
        if math.isfinite(float(value)):
            out.add(abs(float(value)))
    elif isinstance(value, str):
        if text:
            out.update(cited_numbers(value))
    elif isinstance(value, dict):
        for k, v in value.items():
            collect_numbers(v, out, text=k in AGENT_TEXT_KEYS)
    elif isinstance(value, list | tuple | set):
        for v in value:
            collect_numbers(v, out, text=text)
        out.add(float(len(value)))
    return out


def _decimals(token: str) -> int:
    return len(token.split(".")[1]) if "." in token else 0


def is_supported(cited: float | str, allowed: Iterable[float]) -> bool:
    """True when ``cited`` (a token as written, or a number) is an allowed value rounded as written.

    The precision comes from how the number is written: ``7.0`` must be within 0.05 of an allowed value,
    ``7`` within 0.5. Fractions may be cited as percentages (0.15 -> 15%).
    """
    token = cited if isinstance(cited, str) else repr(float(cited)).removesuffix(".0")
    cited = float(token)
    tol = 0.5 * 10 ** (-_decimals(token)) + 1e-9
    for v in allowed:
        for candidate in (v, v * 100):
            if abs(candidate - cited) <= max(tol, 1e-9 * abs(candidate)):
                return True
    return False


def unsupported_numbers(text: str, allowed: set[float]) -> list[float]:
    """Numbers cited in ``text`` that no agent produced (small ordinals 0-10 are allowed as wording)."""
    return [float(t) for t in cited_tokens(text)
            if not ("." not in t and float(t) <= 10) and not is_supported(t, allowed)]
