"""Where a tenant wants alerts and digests delivered (``tenants/{t}/settings/notifications``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, Field

from shared.delivery.webhook import WebhookKind
from shared.ports import DocumentStore
from shared.store.documents.settings import SettingsDoc, read_settings, write_settings

Event = Literal["alert", "digest"]
ALL_EVENTS: tuple[Event, ...] = ("alert", "digest")


class WebhookTarget(BaseModel):
    """A receiver; ``secret`` signs every request to it (shown to the tenant once, when created)."""

    id: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    url: str
    kind: WebhookKind = "json"
    secret: str = Field(min_length=16)
    events: list[Event] = Field(default_factory=lambda: list(ALL_EVENTS))


class NotificationSettings(BaseModel):
    """Channels and digest frequency."""

    webhooks: list[WebhookTarget] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    email_events: list[Event] = Field(default_factory=lambda: list(ALL_EVENTS))
    digest_frequency: Literal["daily", "weekly", "off"] = "daily"


class WebhookTargetIn(BaseModel):
    """A receiver as sent by an admin: the secret may be omitted (one is generated)."""

    id: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    url: str = Field(max_length=2000, pattern=r"^https?://[^\s/?#@:]+(:\d{1,5})?([/?#]\S*)?$")
    kind: WebhookKind = "json"
    secret: str | None = Field(default=None, min_length=16, max_length=200)
    events: list[Event] = Field(default_factory=lambda: list(ALL_EVENTS))


class NotificationSettingsIn(BaseModel):
    """Body of ``PUT /v1/notifications``."""

    webhooks: list[WebhookTargetIn] = Field(default_factory=list, max_length=20)
    emails: list[str] = Field(default_factory=list, max_length=50)
    email_events: list[Event] = Field(default_factory=lambda: list(ALL_EVENTS))
    digest_frequency: Literal["daily", "weekly", "off"] = "daily"


def mask_url(url: str) -> str:
    """A webhook URL with its path hidden: Slack and most receivers carry their credential in the path.

    ``https://hooks.slack.com/services/T000/B000/XXXX`` -> ``https://hooks.slack.com/...XXXX`` (the host
    and the last four characters, enough to tell receivers apart).
    """
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    rest = url[len(f"{parts.scheme}://{parts.netloc}"):]
    tail = rest[-4:] if len(rest) > 12 else ""
    host = parts.hostname or ""
    return f"{parts.scheme}://{host}/...{tail}"


class WebhookView(BaseModel):
    """A receiver as shown back: the URL masked and the secret never returned after creation, only hints."""

    id: str
    url: str
    kind: WebhookKind
    events: list[Event]
    secret_hint: str


class NotificationSettingsView(BaseModel):
    """Body of ``GET /v1/notifications``."""

    webhooks: list[WebhookView]
    emails: list[str]
    email_events: list[Event]
    digest_frequency: Literal["daily", "weekly", "off"]

    @classmethod
    def of(cls, settings: NotificationSettings) -> NotificationSettingsView:
        """Mask the secrets of ``settings``."""
        return cls(webhooks=[WebhookView(id=w.id, url=mask_url(w.url), kind=w.kind, events=w.events,
                                         secret_hint=w.secret[:4] + "...") for w in settings.webhooks],
                   emails=settings.emails, email_events=settings.email_events,
                   digest_frequency=settings.digest_frequency)


def load_notifications(documents: DocumentStore, tenant: str) -> NotificationSettings:
    """The tenant's notification settings (none configured: nothing is sent, alerts stay queryable)."""
    doc = read_settings(documents, tenant, SettingsDoc.NOTIFICATIONS)
    return NotificationSettings() if doc is None else NotificationSettings.model_validate(doc)


def save_notifications(documents: DocumentStore, tenant: str, settings: NotificationSettings) -> None:
    """Store the tenant's notification settings."""
    write_settings(documents, tenant, SettingsDoc.NOTIFICATIONS, settings.model_dump(mode="json"))


def merge_webhooks(incoming: list[WebhookTargetIn], stored: list[WebhookTarget],
                   new_secret: Callable[[], str]) -> list[WebhookTarget]:
    """The receivers to store for a ``PUT``: what was sent, keeping what a form could only show masked.

    A receiver sent back with its masked URL keeps its stored URL, and one sent without a secret keeps its
    stored secret while its URL is unchanged (a new URL, or a new receiver, gets ``new_secret()``), so saving
    the settings page does not break or re-key the receivers it did not touch.
    """
    before = {w.id: w for w in stored}
    out = []
    for hook in incoming:
        prior = before.get(hook.id)
        url = prior.url if prior is not None and hook.url == mask_url(prior.url) else hook.url
        kept = prior.secret if prior is not None and prior.url == url else None
        out.append(WebhookTarget(id=hook.id, url=url, kind=hook.kind, events=hook.events,
                                 secret=hook.secret or kept or new_secret()))
    return out
