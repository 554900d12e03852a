"""Bounds on what one raw file may cost while it streams: expanded size, line length, stored reject text.

A small gzip can expand without end (a 1 MiB gzip of one 1 GiB line), and one endless line would be held
whole by any CSV parser. ``BoundedStream`` sits between decompression and the parser: it counts the
expanded bytes and refuses the file past ``ECOMINTEL_INGEST_MAX_EXPANDED_BYTES``, and it never hands on a
physical line longer than ``ECOMINTEL_INGEST_MAX_LINE_BYTES``: such a line is replaced by a one-field
marker row (its first bytes kept as a preview) that the reader turns into a reject of that row alone, and
its remaining bytes are skipped as they stream. Memory stays within one block plus one line whatever the
input. ``clip`` caps the text kept about a reject (reason, raw row).
"""

from __future__ import annotations

import io
from typing import IO

from shared.errors import InvalidInput

#: First field of the marker row that stands for a line over the limit (a NUL never starts a real cell).
LONG_LINE_MARK = "\x00ecomintel:line-over-limit\x00"
#: Longest reject reason and raw row text stored (longer ones are cut, with a marker saying how long).
MAX_REASON_CHARS = 1_000
MAX_RAW_CHARS = 4_000
_PREVIEW_BYTES = 200
_BLOCK = 1 << 20


def clip(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, marked with its full length when cut."""
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… [truncated: {len(text):,} characters]"


def ascii_compatible(encoding: str) -> bool:
    """Whether lines of ``encoding`` end at a newline byte and ASCII is itself (UTF-8, cp1252; not UTF-16)."""
    try:
        return "a,\n".encode(encoding) == b"a,\n"
    except LookupError:
        return False


def long_line_reason(length: int, limit: int) -> str:
    """The reject reason of a line over the limit."""
    return f"the row is a line of {length:,} bytes, over the {limit:,}-byte limit (ECOMINTEL_INGEST_MAX_LINE_BYTES)"


class BoundedStream(io.RawIOBase):
    """A readable byte stream over ``source`` that enforces the expanded-size and line-length limits."""

    def __init__(self, source: IO[bytes], *, max_bytes: int, max_line_bytes: int | None) -> None:
        self._source = source
        self._max_bytes = max_bytes
        self._max_line = max_line_bytes
        self._total = 0
        self._out = bytearray()  # complete lines ready to hand on
        self._line = bytearray()  # the current incomplete line (at most max_line bytes)
        self._skipping = 0  # bytes of an over-long line dropped so far (0: not skipping)
        self._preview = b""
        self._eof = False
        self.long_lines = 0

    def readable(self) -> bool:
        """Always: this is a read stream."""
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        """Fill ``buffer`` with the next bounded bytes; 0 at the end."""
        while not self._out and not self._eof:
            self._fill()
        n = min(len(buffer), len(self._out))
        buffer[:n] = self._out[:n]
        del self._out[:n]
        return n

    def _fill(self) -> None:
        # blocks no longer than the line limit: a line that starts and ends inside one block is within it
        block = self._source.read(min(_BLOCK, self._max_line or _BLOCK))
        if not block:
            self._eof = True
            if self._skipping:
                self._end_long_line()
            self._out += self._line
            self._line.clear()
            return
        self._total += len(block)
        if self._total > self._max_bytes:
            raise InvalidInput(f"the file expands to more than {self._max_bytes:,} bytes "
                               "(ECOMINTEL_INGEST_MAX_EXPANDED_BYTES); split it or send it uncompressed in parts")
        if self._max_line is None:
            self._out += block
            return
        first = block.find(b"\n")
        head = block if first < 0 else block[: first + 1]
        if self._skipping:
            self._skipping += len(head)
        elif len(self._line) + len(head) > self._max_line + 2:  # + the line's own "\r\n"
            self._preview = bytes((self._line + head[:_PREVIEW_BYTES])[:_PREVIEW_BYTES])
            self._skipping = len(self._line) + len(head)
            self._line.clear()
        else:
            self._line += head
        if first < 0:
            return
        if self._skipping:
            self._end_long_line()
        else:
            self._out += self._line
            self._line.clear()
        last = block.rfind(b"\n")
        self._out += block[first + 1: last + 1]  # whole lines inside the block: shorter than the limit
        self._line += block[last + 1:]

    def _end_long_line(self) -> None:
        """Hand on the marker row that stands for the over-long line just skipped."""
        preview = "".join(c if 32 <= ord(c) < 127 and c != '"' else " " for c in self._preview.decode("latin-1"))
        assert self._max_line is not None
        text = f"{LONG_LINE_MARK}{self._skipping}\x00{self._max_line}\x00{preview}"
        self._out += b'"' + text.encode("ascii") + b'"\n'
        self.long_lines += 1
        self._skipping = 0
        self._preview = b""


def parse_long_line_mark(cell: str) -> tuple[str, str] | None:
    """``(reason, preview)`` when ``cell`` is the marker of a line over the limit, else ``None``."""
    if not cell.startswith(LONG_LINE_MARK):
        return None
    length, limit, preview = cell[len(LONG_LINE_MARK):].split("\x00", 2)
    return long_line_reason(int(length), int(limit)), f"{preview}… [truncated: {int(length):,} bytes]"
