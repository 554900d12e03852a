"""Adapters on the official Google Cloud clients, used against GCP and against the emulators."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shared.config import Settings
    from shared.deps import Deps
    from shared.manifest import Manifest


def build_gcp_deps(settings: Settings, manifest: Manifest) -> Deps:
    """Wire Firestore, BigQuery, Cloud Storage and Pub/Sub adapters for ``settings``."""
    raise NotImplementedError("the official-client adapters arrive with the emulator/GCP issue")
