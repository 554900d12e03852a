"""Column names compared as people mean them: case-, space- and punctuation-insensitively."""

from __future__ import annotations

from shared import regex as re

_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def normalise_header(name: str) -> str:
    """Case/space/punctuation-insensitive form of a column name (``"Units Sold "`` -> ``"unitssold"``)."""
    return _NON_ALNUM.sub("", name.strip().lstrip("\ufeff").lower())
