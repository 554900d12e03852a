"""Running functions through their real trigger shapes: in-process, or over HTTP to deployed processes.

``runtime_for(deps)`` is the one place that picks the runtime; clients (the CLI, the demo, benches) ask it
for one and use only what both offer: ``call_http``, ``credentials(tenant)``, ``settle()`` (deliver what is
queued, where delivery is not automatic), ``delivers_in_background`` (poll for results) and
``max_request_bytes`` (the largest body one request may carry).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeAlias

if TYPE_CHECKING:
    from shared.deps import Deps
    from shared.runtime.local import LocalRuntime
    from shared.runtime.remote import RemoteRuntime

    Runtime: TypeAlias = LocalRuntime | RemoteRuntime


def runtime_for(deps: Deps) -> Runtime:
    """In-process where this process delivers the messages itself (embedded), else over HTTP to the functions."""
    if deps.pulled_bus is not None:
        from shared.runtime.local import LocalRuntime

        return LocalRuntime(deps)
    from shared.runtime.remote import RemoteRuntime

    return RemoteRuntime(deps)
