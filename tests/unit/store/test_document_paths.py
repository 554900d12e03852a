"""The store's document paths are the ones existing data lives at, and none is built for a malformed tenant.

The record helpers run on every document adapter in ``tests/contract/test_store_documents.py``.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import BaseModel, Field, ValidationError

from shared.deps import get_deps
from shared.store.documents import (
    accounts,
    alerts,
    audit,
    caches,
    counters,
    deliveries,
    ingestions,
    jobs,
    retention,
    schedules,
    sessions,
    settings,
    sync,
    uploads,
)
from shared.store.tenant import TENANT_ID_PATTERN, InvalidTenantId, is_tenant_id, tenant_id

#: Every tenant-scoped builder and the path it must give for tenant ``acme`` (stored data lives there).
BUILDERS: list[tuple[Callable[[str], str], str]] = [
    (accounts.users_collection, "tenants/acme/users"),
    (accounts.invites_collection, "tenants/acme/invites"),
    (accounts.api_keys_collection, "tenants/acme/api_keys"),
    (alerts.alerts_collection, "tenants/acme/alerts"),
    (alerts.alert_state_collection, "tenants/acme/alert_state"),
    (alerts.alert_caps_collection, "tenants/acme/alert_caps"),
    (audit.audit_collection, "tenants/acme/audit"),
    (caches.query_cache_collection, "tenants/acme/query_cache"),
    (caches.forecast_cache_collection, "tenants/acme/forecast_cache"),
    (caches.meta_collection, "tenants/acme/meta"),
    (counters.llm_usage_collection, "tenants/acme/llm_usage"),
    (deliveries.deliveries_collection, "tenants/acme/deliveries"),
    (deliveries.digests_collection, "tenants/acme/digests"),
    (ingestions.ingestions_collection, "tenants/acme/ingestions"),
    (jobs.jobs_collection, "tenants/acme/jobs"),
    (lambda t: jobs.job_parts_collection(t, "0" * 32), f"tenants/acme/jobs/{'0' * 32}/parts"),
    (jobs.forecast_jobs_collection, "tenants/acme/forecast_jobs"),
    (jobs.forecast_job_chunks_collection, "tenants/acme/forecast_job_chunks"),
    (retention.reports_collection, "tenants/acme/reports"),
    (schedules.job_runs_collection, "tenants/acme/job_runs"),
    (schedules.refresh_collection, "tenants/acme/refresh"),
    (schedules.refresh_results_collection, "tenants/acme/refresh_results"),
    (sessions.sessions_collection, "tenants/acme/sessions"),
    (uploads.upload_options_collection, "tenants/acme/upload_options"),
    (sessions.preferences_collection, "tenants/acme/preferences"),
    (settings.settings_collection, "tenants/acme/settings"),
    (sync.sources_collection, "tenants/acme/sources"),
    (sync.sync_runs_collection, "tenants/acme/sync_runs"),
]
BAD_TENANTS = ["", "Acme", "a/b", "../x", "-acme", "acme\n", "a" * 64, "tenants/acme"]


@pytest.mark.parametrize(("build", "path"), BUILDERS)
def test_each_builder_gives_the_path_existing_data_lives_at(build: Callable[[str], str], path: str) -> None:
    assert build("acme") == path


@pytest.mark.parametrize(("build", "path"), BUILDERS)
def test_no_path_is_built_for_a_malformed_tenant(build: Callable[[str], str], path: str) -> None:
    for bad in BAD_TENANTS:
        with pytest.raises(InvalidTenantId):
            build(bad)


def test_global_collections_and_document_ids_keep_their_names() -> None:
    assert (accounts.USER_EMAILS, accounts.INVITE_CODES, accounts.API_KEY_HASHES, accounts.API_KEY_OWNERS) == (
        "user_emails", "invites", "api_key_hashes", "api_key_owners")
    assert counters.RATE_LIMITS == "rate_limits" and sync.SOURCE_REGISTRY == "source_registry"
    assert sync.source_registry_id("shopify", "acme") == "shopify:acme"
    assert caches.DATA_VERSION_DOC == "data_version" and schedules.REFRESH_STATE_DOC == "state"
    assert {d.value for d in settings.SettingsDoc} == {"current", "retention", "notifications", "alerts",
                                                       "customer_hash"}
    assert retention.report_class_collections("acme") == (
        ("tenants/acme/digests", "created_at"), ("tenants/acme/alerts", "created_at"),
        ("tenants/acme/reports", "created_at"), ("tenants/acme/jobs", "created_at"))


@pytest.mark.parametrize("job_id", ["", "a/b"])
def test_a_sub_collection_needs_a_plain_parent_id(job_id: str) -> None:
    with pytest.raises(ValueError):
        jobs.job_parts_collection("acme", job_id)


def test_the_validator_and_the_payload_pattern_agree() -> None:
    class Payload(BaseModel):
        tenant_id: str = Field(pattern=TENANT_ID_PATTERN)

    for good in ["acme", "t-0123456789abcdef", "a", "a_b-c", "a" * 63]:
        assert is_tenant_id(good) and tenant_id(good) == good and Payload(tenant_id=good).tenant_id == good
    for bad in BAD_TENANTS:
        assert not is_tenant_id(bad)
        if bad != "acme\n":  # pydantic's regex engine treats "$" as the end; the validator refuses this too
            with pytest.raises(ValidationError):
                Payload(tenant_id=bad)


def test_record_helpers_refuse_a_malformed_tenant() -> None:
    documents = get_deps().documents
    with pytest.raises(InvalidTenantId):
        ingestions.IngestionRecords(documents, "../acme")
    with pytest.raises(InvalidTenantId):
        accounts.get_tenant(documents, "")
    with pytest.raises(InvalidTenantId):
        settings.read_settings(documents, "Acme", settings.SettingsDoc.RETENTION)
    assert documents.query("tenants") == []
