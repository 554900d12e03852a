"""A TCP port held by a socket that listens and never accepts: a bind on it fails, a connection hangs."""

from __future__ import annotations

import contextlib
import socket
from collections.abc import Iterator

from local_emulator import engines


@contextlib.contextmanager
def held_port() -> Iterator[int]:
    """A port another process took first, as in the free-port race (nothing answers on it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as held:
        held.bind(("127.0.0.1", engines.free_port()))
        held.listen()
        yield int(held.getsockname()[1])
