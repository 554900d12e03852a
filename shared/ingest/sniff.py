"""Sniffing a raw file: compression, text encoding and delimiter, from a sample of its first bytes."""

from __future__ import annotations

import csv
import gzip
import io
from dataclasses import dataclass
from typing import IO, cast

from shared.errors import InvalidInput

GZIP_MAGIC = b"\x1f\x8b"
DELIMITERS = (",", ";", "\t", "|")
SAMPLE_BYTES = 1 << 20
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}  # Python's utf-16 reads the BOM and drops it


def utf16_encoding(sample: bytes) -> str | None:
    """``utf-16`` (with a BOM), ``utf-16-le``/``-be`` (without one), or ``None`` for any other text.

    Excel's "Unicode Text" export and some marketplace reports are UTF-16: every ASCII character is a NUL
    byte beside its code, which read as bytes looks binary. Without a BOM, NULs on one side of nearly every
    pair (and almost none on the other) give the byte order.
    """
    if sample[:2] in _UTF16_BOMS:
        return _UTF16_BOMS[sample[:2]]
    pairs = sample[: 4096 - 4096 % 2]
    if len(pairs) < 8:
        return None
    even, odd = pairs[0::2].count(0), pairs[1::2].count(0)
    half = len(pairs) // 2
    if odd > 0.7 * half and even < 0.05 * half:
        return "utf-16-le"
    if even > 0.7 * half and odd < 0.05 * half:
        return "utf-16-be"
    return None


@dataclass(frozen=True)
class Dialect:
    """How to read a file's text."""

    encoding: str
    delimiter: str


def is_gzip(head: bytes) -> bool:
    """True when ``head`` starts with the gzip magic bytes."""
    return head.startswith(GZIP_MAGIC)


def open_plain(raw: IO[bytes]) -> IO[bytes]:
    """The file's bytes, transparently gunzipped when it is gzip (detected by magic bytes)."""
    buffered = raw if isinstance(raw, io.BufferedReader) else io.BufferedReader(cast(io.RawIOBase, raw))
    head = buffered.peek(2)[:2]
    if is_gzip(head):
        return gzip.GzipFile(fileobj=buffered, mode="rb")  # type: ignore[return-value]
    return buffered


def looks_binary(sample: bytes) -> bool:
    """True for content that is clearly not delimited text (NUL bytes, many control characters)."""
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample[:4096] if b < 9 or 13 < b < 32)
    return control > max(4, len(sample[:4096]) // 100)


def detect_encoding(sample: bytes) -> str:
    """``utf-8-sig`` (BOM), ``utf-8`` when the sample decodes, else cp1252 or charset-normalizer's best guess."""
    if sample.startswith(_UTF8_BOM):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        # a multi-byte character cut at the end of the sample is still UTF-8
        if exc.start >= len(sample) - 3 and exc.reason == "unexpected end of data":
            return "utf-8"
    try:
        sample.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is None:
        raise InvalidInput("could not detect the file's text encoding")
    return str(best.encoding)


def detect_delimiter(text: str) -> str:
    """The delimiter among ``, ; TAB |`` that splits the first lines into the most, consistent, fields."""
    lines = [line for line in text.splitlines()[:50] if line.strip()]
    if not lines:
        raise InvalidInput("the file is empty")
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]  # the last sampled line may be cut
    best, best_score = ",", (-1, -1, -1)
    modal_best, modal_score = ",", (-1, -1, -1)
    for delim in DELIMITERS:
        counts = [len(row) for row in csv.reader(lines, delimiter=delim)]
        if not counts:
            continue
        header = counts[0]
        consistent = sum(1 for c in counts if c == header)
        score = (int(header > 1), consistent, header)
        if score > best_score:
            best, best_score = delim, score
        # a report whose first lines are a title: judge by the field count most lines share
        modal = max(set(counts), key=lambda c: (counts.count(c), c))
        candidate = (int(modal > 1), counts.count(modal), modal)
        if candidate > modal_score:
            modal_best, modal_score = delim, candidate
    return best if best_score[0] else modal_best


def sniff(sample: bytes) -> Dialect:
    """Encoding and delimiter of a file from its first bytes (already decompressed)."""
    if not sample.strip():
        raise InvalidInput("the file is empty")
    wide = utf16_encoding(sample)
    if wide is not None:
        text = sample[: len(sample) - len(sample) % 2].decode(wide, errors="ignore")
        if not text.strip():
            raise InvalidInput("the file is empty")
        return Dialect(encoding=wide, delimiter=detect_delimiter(text))
    if looks_binary(sample):
        raise InvalidInput("the file is binary, not delimited text")
    encoding = detect_encoding(sample)
    text = sample.decode(encoding, errors="ignore")
    return Dialect(encoding=encoding, delimiter=detect_delimiter(text))
