"""Request buckets live in process memory (no document-store write per request); log-in buckets stay shared."""

from __future__ import annotations

import threading

import pytest
from werkzeug.test import Client

from shared.deps import get_deps, reset_deps
from shared.runtime.gateway import Gateway
from shared.security.principal import Role
from shared.security.rate_limit import Limit, MemoryBuckets
from shared.security.tokens import mint_token


def test_memory_buckets_limit_like_the_shared_ones() -> None:
    buckets, limit = MemoryBuckets(), Limit(60, 3)
    assert [buckets.consume("tenant", "t1", limit, now=0).allowed for _ in range(4)] == [True, True, True, False]
    assert buckets.consume("tenant", "t2", limit, now=0).allowed  # another key, another bucket
    assert buckets.consume("tenant", "t1", limit, now=1.0).allowed  # refilled one token a second


def test_memory_buckets_are_bounded_and_forget_the_least_recent() -> None:
    buckets, limit = MemoryBuckets(max_buckets=3), Limit(60, 1)
    for key in ("a", "b", "c"):
        assert buckets.consume("s", key, limit, now=0).allowed
    assert not buckets.consume("s", "a", limit, now=0).allowed  # "a" is now the most recent
    assert buckets.consume("s", "d", limit, now=0).allowed  # evicts "b"
    assert len(buckets) == 3
    assert buckets.consume("s", "b", limit, now=0).allowed  # came back full
    assert not buckets.consume("s", "a", limit, now=0).allowed  # still remembered


def test_threads_never_double_spend_a_memory_bucket() -> None:
    buckets, limit = MemoryBuckets(), Limit(1, 500)
    allowed: list[bool] = []

    def hammer() -> None:
        allowed.extend(buckets.consume("tenant", "t", limit, now=0).allowed for _ in range(200))

    threads = [threading.Thread(target=hammer) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sum(allowed) == 500


def test_authenticated_requests_write_no_bucket_documents(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOMINTEL_RATE_LIMIT_TENANT_BURST", "5")
    monkeypatch.setenv("ECOMINTEL_RATE_LIMIT_TENANT_PER_MINUTE", "1")
    reset_deps()
    deps = get_deps()
    token = mint_token(deps.settings, subject="u-1", tenant_id="acme", role=Role.VIEWER)
    api = Client(Gateway())
    statuses = [api.get("/v1/me", headers={"Authorization": f"Bearer {token}"}).status_code for _ in range(7)]
    assert statuses[:5] == [200] * 5 and statuses[5:] == [429, 429]  # still limited
    assert deps.documents.query("rate_limits") == []  # and not one write to the document store for it


def test_login_buckets_stay_in_the_document_store(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOMINTEL_BCRYPT_ROUNDS", "4")
    reset_deps()
    api = Client(Gateway())
    resp = api.post("/v1/auth/login", json={"email": "nobody@example.com", "password": "wrong password 1"})
    assert resp.status_code == 401
    scopes = sorted(d["_id"].split("-")[0] for d in get_deps().documents.query("rate_limits"))
    assert scopes == ["login", "login"]  # the (account, source) pair and the account's ceiling
