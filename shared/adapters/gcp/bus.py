"""Message bus on Pub/Sub (or its emulator). Delivery to functions is by push subscriptions."""

from __future__ import annotations

from collections.abc import Mapping

from google.cloud import pubsub_v1  # type: ignore[attr-defined]


class PubSubMessageBus:
    """Pub/Sub-backed ``MessageBus``: publishes to ``projects/<project>/topics/<topic>``."""

    def __init__(self, publisher: pubsub_v1.PublisherClient, project: str, *, timeout_seconds: float = 60.0) -> None:
        self.publisher = publisher
        self.project = project
        self._timeout = timeout_seconds

    def topic_path(self, topic: str) -> str:
        """Full resource name of ``topic``."""
        return str(self.publisher.topic_path(self.project, topic))

    def publish(self, topic: str, data: bytes, attributes: Mapping[str, str] | None = None) -> str:
        """Publish and wait for the server's message id (so a caller that returns has really published)."""
        future = self.publisher.publish(self.topic_path(topic), data, **dict(attributes or {}))
        return str(future.result(timeout=self._timeout))
