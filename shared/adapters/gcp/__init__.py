"""Adapters on the official Google Cloud clients, used against GCP and against the emulators."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from shared.adapters.gcp.warehouse import BigQueryWarehouse
    from shared.config import Settings
    from shared.deps import Deps
    from shared.manifest import Manifest


def build_gcp_deps(settings: Settings, manifest: Manifest) -> Deps:
    """Wire Firestore, BigQuery, Cloud Storage and Pub/Sub adapters for ``settings``.

    Clients are constructed here (no network call yet) and cached with the ``Deps`` for the instance; the
    BigQuery one on first use of ``deps.warehouse``, since its library loads pandas and pyarrow.
    Topics, subscriptions, buckets, datasets and tables are provisioned by Terraform on GCP and by
    ``local_emulator`` on the emulators, not at cold start.
    """
    from shared.adapters.gcp import clients
    from shared.adapters.gcp.blobs import GcsBlobStore
    from shared.adapters.gcp.bus import PubSubMessageBus
    from shared.adapters.gcp.documents import FirestoreDocumentStore
    from shared.deps import Deferred, Deps

    project = settings.project_id

    def warehouse() -> BigQueryWarehouse:
        # Imported on first use: google.cloud.bigquery loads pandas and pyarrow.
        from shared.adapters.gcp.warehouse import BigQueryWarehouse

        return BigQueryWarehouse(clients.bigquery_client(project), settings.dataset)

    return Deps(
        settings,
        manifest,
        FirestoreDocumentStore(clients.firestore_client(project)),
        # No job location: BigQuery runs each job where its dataset lives (Terraform's bigquery_location).
        Deferred(warehouse),
        GcsBlobStore(clients.storage_client(project)),
        PubSubMessageBus(clients.publisher_client(), project),
    )
