"""Official Google Cloud clients, pointed at Google Cloud or at the emulators.

The Pub/Sub, Firestore and Storage clients honour ``PUBSUB_EMULATOR_HOST``, ``FIRESTORE_EMULATOR_HOST``
and ``STORAGE_EMULATOR_HOST`` themselves. BigQuery has no such convention, so ``BIGQUERY_EMULATOR_HOST``
(a base URL such as ``http://127.0.0.1:9050``) is honoured here. Against an emulator the clients use
anonymous credentials; on Google Cloud they use Application Default Credentials. Where a machine has none
(a merchant running the CLI with only the API URL and an API key) the clients are built anonymous, with a
warning: every call through them would then be refused by Google, and the commands that only use the
public API never make one. Cloud Functions always have credentials.
"""

from __future__ import annotations

import functools
import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from google.cloud import bigquery, firestore, pubsub_v1, storage  # type: ignore[attr-defined]

BIGQUERY_EMULATOR_ENV = "BIGQUERY_EMULATOR_HOST"


def _anonymous() -> object:
    from google.auth.credentials import AnonymousCredentials

    return AnonymousCredentials()


@functools.lru_cache(maxsize=1)
def _default_or_anonymous() -> Any:
    """``None`` (the library finds Application Default Credentials) when there are some, else anonymous."""
    import google.auth
    from google.auth.exceptions import DefaultCredentialsError

    try:
        google.auth.default()
    except DefaultCredentialsError:
        import logging

        logging.getLogger(__name__).warning(
            "no Application Default Credentials: Google Cloud clients are anonymous (the public API still works)")
        return _anonymous()
    return None


def bigquery_client(project: str) -> bigquery.Client:
    """A BigQuery client; against ``BIGQUERY_EMULATOR_HOST`` when set."""
    from google.api_core.client_options import ClientOptions
    from google.cloud import bigquery

    endpoint = os.environ.get(BIGQUERY_EMULATOR_ENV)
    if endpoint:
        if "://" not in endpoint:
            endpoint = f"http://{endpoint}"
        return bigquery.Client(project=project, credentials=_anonymous(),  # type: ignore[arg-type]
                               client_options=ClientOptions(api_endpoint=endpoint))
    return bigquery.Client(project=project, credentials=_default_or_anonymous())


def firestore_client(project: str, database: str = "(default)") -> firestore.Client:
    """A Firestore client (the library switches to the emulator when ``FIRESTORE_EMULATOR_HOST`` is set)."""
    from google.cloud import firestore

    if os.environ.get("FIRESTORE_EMULATOR_HOST"):
        return firestore.Client(project=project, database=database, credentials=_anonymous())
    return firestore.Client(project=project, database=database, credentials=_default_or_anonymous())


def storage_client(project: str) -> storage.Client:
    """A Cloud Storage client (``STORAGE_EMULATOR_HOST`` switches it to an emulator)."""
    from google.cloud import storage  # type: ignore[attr-defined]

    if os.environ.get("STORAGE_EMULATOR_HOST"):
        return storage.Client(project=project, credentials=_anonymous())
    return storage.Client(project=project, credentials=_default_or_anonymous())


def publisher_client() -> pubsub_v1.PublisherClient:
    """A Pub/Sub publisher (``PUBSUB_EMULATOR_HOST`` switches it to the emulator)."""
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    if os.environ.get("PUBSUB_EMULATOR_HOST"):
        return pubsub_v1.PublisherClient()
    return pubsub_v1.PublisherClient(credentials=_default_or_anonymous())


def subscriber_client() -> pubsub_v1.SubscriberClient:
    """A Pub/Sub subscriber (administration and pulls: the launcher, tests, ``drain()``)."""
    from google.cloud import pubsub_v1  # type: ignore[attr-defined]

    return pubsub_v1.SubscriberClient()
