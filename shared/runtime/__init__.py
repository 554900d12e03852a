"""Running functions locally through their real trigger shapes."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shared.deps import Deps
    from shared.runtime.local import LocalRuntime
    from shared.runtime.remote import RemoteRuntime


def runtime_for(deps: Deps) -> LocalRuntime | RemoteRuntime:
    """The runtime for ``deps``' backend: in-process for ``local``, over HTTP for ``emulator``/``gcp``."""
    if deps.settings.backend == "local":
        from shared.runtime.local import LocalRuntime

        return LocalRuntime(deps)
    from shared.runtime.remote import RemoteRuntime

    return RemoteRuntime(deps)
