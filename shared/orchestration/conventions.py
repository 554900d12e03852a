"""What a tenant's settings say about how it writes dates and where its day ends, for the question reader.

The admin settings (``PUT /v1/settings``) hold a currency and an IANA time zone. Where an admin saved them, the
reader's date order falls back on them when the sales do not decide (``shared.questions.date_order``), and "today"
taken from the wall clock (a tenant whose data carry no dates) is the day in the tenant's zone, not in UTC. Sales
dates themselves are the export's own calendar days: their periods need no zone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from shared.ports import DocumentStore
from shared.questions.date_order import TenantConventions
from shared.store.documents.settings import SettingsDoc, read_settings
from shared.store.metrics.shop_clock import shop_zone


def tenant_conventions(documents: DocumentStore, tenant_id: str) -> TenantConventions | None:
    """The tenant's saved currency and time zone; ``None`` when its settings were never saved (defaults say nothing)."""
    doc = read_settings(documents, tenant_id, SettingsDoc.TENANT)
    if doc is None:
        return None
    currency, zone = doc.get("currency"), doc.get("timezone")
    return TenantConventions(
        currency=currency if isinstance(currency, str) else None, time_zone=zone if isinstance(zone, str) else None
    )


def clock_context(documents: DocumentStore, tenant_id: str) -> list[str]:
    """What a cached answer depends on in the settings: the shop's time zone that answers by hour read the clock in.

    Empty where none is saved, so the keys of tenants without one stay as they were; a changed zone is a new key.
    """
    conventions = tenant_conventions(documents, tenant_id)
    zone = shop_zone(conventions.time_zone if conventions is not None else None)
    return [f"zone={zone}"] if zone else []


def wall_clock_today(conventions: TenantConventions | None, now: datetime | None = None) -> date:
    """Today in the tenant's time zone (UTC when none is saved or the zone is unknown)."""
    now = now or datetime.now(UTC)
    try:
        zone = ZoneInfo(conventions.time_zone) if conventions is not None and conventions.time_zone else UTC
    except (ZoneInfoNotFoundError, ValueError):
        zone = UTC
    return now.astimezone(zone).date()
