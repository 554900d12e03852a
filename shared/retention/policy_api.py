"""Reading and replacing a tenant's retention policy over HTTP (``GET/PUT /v1/retention``, the console's Settings)."""

from __future__ import annotations

from typing import Literal

from pydantic import ConfigDict, Field, field_validator

from shared.audit.log import changed_fields, record_audit
from shared.deps import Deps
from shared.retention.policy import RetentionPolicy, load_policy
from shared.store.documents.settings import SettingsDoc, write_settings

DataClass = Literal["raw", "processed", "reports"]
DATA_CLASSES: tuple[DataClass, ...] = ("raw", "processed", "reports")


class RetentionPolicyIn(RetentionPolicy):
    """The policy as an admin sends it: every field known, holds only on known data classes."""

    model_config = ConfigDict(extra="forbid", strict=True)  # JSON types must match: no false for 0

    legal_hold_classes: list[DataClass] = Field(default_factory=list, max_length=3)  # type: ignore[assignment]

    @field_validator("legal_hold_classes")
    @classmethod
    def _ordered(cls, names: list[DataClass]) -> list[DataClass]:
        return [n for n in DATA_CLASSES if n in names]


def policy_view(deps: Deps, tenant_id: str) -> RetentionPolicy:
    """The tenant's policy (the defaults until an admin changes it)."""
    return load_policy(deps.documents, tenant_id)


def replace_policy(deps: Deps, tenant_id: str, actor: str, body: RetentionPolicyIn) -> RetentionPolicy:
    """Store ``body`` as the tenant's policy (applied by the next retention run) and audit what changed."""
    before = load_policy(deps.documents, tenant_id).model_dump()
    after = RetentionPolicy.model_validate(body.model_dump())
    new = after.model_dump()
    write_settings(deps.documents, tenant_id, SettingsDoc.RETENTION, new)
    record_audit(deps, tenant_id, actor, "settings.retention_updated", "retention", changed_fields(before, new))
    return after
