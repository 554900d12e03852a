"""Fixtures for the connector tests."""

from __future__ import annotations

import pytest


@pytest.fixture
def fake_servers_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    """The fake platform servers listen on 127.0.0.1: an operator setting allows it, as a private deployment would."""
    monkeypatch.setenv("ECOMINTEL_FETCH_ALLOW_HOSTS", "127.0.0.1")
