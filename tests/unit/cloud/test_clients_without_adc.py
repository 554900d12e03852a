"""A machine without Google credentials (a merchant with only the API URL and a key) can still build the
GCP adapters: the CLI's public-API commands never call them, and any call would be refused by Google."""

from __future__ import annotations

from pathlib import Path

import pytest
from google.auth.credentials import AnonymousCredentials

from shared.adapters.gcp import clients


def test_clients_build_anonymous_without_application_default_credentials(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GOOGLE_APPLICATION_CREDENTIALS", str(tmp_path / "absent.json"))  # ADC lookup fails fast
    clients._default_or_anonymous.cache_clear()
    try:
        assert isinstance(clients.storage_client("p")._credentials, AnonymousCredentials)
        assert isinstance(clients.firestore_client("p")._credentials, AnonymousCredentials)
        assert isinstance(clients.bigquery_client("p")._credentials, AnonymousCredentials)
        clients.publisher_client()  # constructs (it would raise DefaultCredentialsError before)
    finally:
        clients._default_or_anonymous.cache_clear()
