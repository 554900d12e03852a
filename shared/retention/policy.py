"""Retention policy: defaults, per-tenant overrides and legal holds (``tenants/{t}/settings/retention``)."""

from __future__ import annotations

from pydantic import BaseModel, Field

from shared.ports import DocumentStore
from shared.store.documents.settings import SettingsDoc, read_settings


class RetentionPolicy(BaseModel):
    """How long each class of data is kept. A legal hold suspends deletion of that class (or everything)."""

    raw_days: int = Field(90, ge=1, description="Raw uploaded/synced files and payloads.")
    processed_days: int = Field(365, ge=1, description="Processed and staged warehouse rows, rejects.")
    reports_days: int = Field(1095, ge=1, description="Reports, digests, query results, alerts.")
    legal_hold: bool = False
    legal_hold_classes: list[str] = Field(default_factory=list, description="Any of raw, processed, reports.")

    def held(self, data_class: str) -> bool:
        """Whether deletion of ``data_class`` is suspended."""
        return self.legal_hold or data_class in self.legal_hold_classes


def load_policy(documents: DocumentStore, tenant: str) -> RetentionPolicy:
    """The tenant's policy, or the defaults."""
    doc = read_settings(documents, tenant, SettingsDoc.RETENTION)
    return RetentionPolicy() if doc is None else RetentionPolicy.model_validate(doc)
