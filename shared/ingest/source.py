"""One pass over a raw object: its checksum, its sniffing sample and the bytes the parser reads.

An ingest used to read the object three times: whole for its SHA-256, again for the first MiB to sniff,
and again to parse (on Cloud Storage, three downloads). ``SourcePass`` opens it once: the stored bytes
are hashed as the parser pulls them, the sample is the first MiB of the decompressed stream, replayed
to the parser before the rest. Nothing is held beyond the sample and the readers' own blocks.

The checksum is known once the parser has reached the end (``checksum``). A caller that needs it
earlier (a file with more rejects than one stored batch) reads the object again for it
(``object_checksum``), as does a failure that stops the pass part-way.
"""

from __future__ import annotations

import hashlib
import io
from typing import IO, cast

from shared.ingest.sniff import SAMPLE_BYTES, open_plain
from shared.ports import BlobStore

_BLOCK = 1 << 20


def object_checksum(blobs: BlobStore, bucket: str, name: str) -> str:
    """SHA-256 of the stored object's bytes (a separate read)."""
    digest = hashlib.sha256()
    with blobs.open(bucket, name) as raw:
        while block := raw.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest()


class _Hashing(io.RawIOBase):
    """The stored bytes as they are read, hashed on the way."""

    def __init__(self, raw: IO[bytes]) -> None:
        self._raw = raw
        self.digest = hashlib.sha256()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        block = self._raw.read(len(buffer))
        n = len(block)
        buffer[:n] = block
        self.digest.update(block)
        return n

    def drain(self) -> None:
        """Hash whatever the reader left unread (trailing bytes after a gzip stream's end)."""
        while block := self._raw.read(_BLOCK):
            self.digest.update(block)


class _Replay(io.RawIOBase):
    """``head`` (already read from ``rest``), then ``rest``."""

    def __init__(self, head: bytes, rest: IO[bytes]) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        if self._head.nbytes:
            n = min(len(buffer), self._head.nbytes)
            buffer[:n] = self._head[:n]
            self._head = self._head[n:] if n < self._head.nbytes else memoryview(b"")
            return n
        block = self._rest.read(len(buffer))
        buffer[: len(block)] = block
        return len(block)


class SourcePass:
    """The object opened once: ``sample`` (first decompressed MiB) and ``stream`` (all decompressed bytes)."""

    def __init__(self, blobs: BlobStore, bucket: str, name: str) -> None:
        """Open the object and read its sample."""
        self._raw = blobs.open(bucket, name)
        try:
            self._hashing = _Hashing(self._raw)
            plain = open_plain(cast(IO[bytes], io.BufferedReader(self._hashing, _BLOCK)))
            self.sample: bytes = plain.read(SAMPLE_BYTES)
            self.stream: IO[bytes] = cast(IO[bytes], _Replay(self.sample, plain))
        except BaseException:
            self._raw.close()
            raise

    def checksum(self) -> str:
        """SHA-256 of the stored bytes; only once the stream has been read to its end."""
        self._hashing.drain()
        return self._hashing.digest.hexdigest()

    def close(self) -> None:
        """Let the object go."""
        self._raw.close()

    def __enter__(self) -> SourcePass:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
