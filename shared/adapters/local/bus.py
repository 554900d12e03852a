"""A durable at-least-once message queue on SQLite, with Pub/Sub's shape.

Publishing fans a message out to every subscription of its topic. A consumer leases messages,
then acks them; a nack or an expired lease makes the message deliverable again with
``delivery_attempt`` incremented; after ``max_attempts`` it moves to the subscription's dead-letter
topic (when it has one) or is parked as ``dead``.
"""

from __future__ import annotations

import json
import time
import uuid
from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path

from shared.adapters.local.sqlite_base import SqliteFile
from shared.ports import Message

_SCHEMA = """
CREATE TABLE IF NOT EXISTS messages (
  message_id TEXT PRIMARY KEY,
  topic TEXT NOT NULL,
  data BLOB NOT NULL,
  attributes TEXT NOT NULL,
  publish_time REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS subscriptions (
  name TEXT PRIMARY KEY,
  topic TEXT NOT NULL,
  dead_letter_topic TEXT,
  max_attempts INTEGER NOT NULL DEFAULT 5
);
CREATE TABLE IF NOT EXISTS deliveries (
  subscription TEXT NOT NULL,
  message_id TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'ready',   -- ready | leased | acked | dead
  attempts INTEGER NOT NULL DEFAULT 0,
  available_at REAL NOT NULL,
  ack_id TEXT,
  PRIMARY KEY (subscription, message_id)
);
CREATE INDEX IF NOT EXISTS deliveries_ready ON deliveries(subscription, state, available_at);
"""


class SqliteMessageBus:
    """Topics, subscriptions and leases in one SQLite file."""

    def __init__(self, path: Path) -> None:
        self._db = SqliteFile(path, _SCHEMA)

    def ensure_subscription(
        self, name: str, topic: str, *, dead_letter_topic: str | None = None, max_attempts: int = 5
    ) -> None:
        """Create or update a subscription; existing messages are not replayed into it."""
        self._db.connect().execute(
            "INSERT INTO subscriptions(name, topic, dead_letter_topic, max_attempts) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(name) DO UPDATE SET topic = excluded.topic, dead_letter_topic = excluded.dead_letter_topic, "
            "max_attempts = excluded.max_attempts",
            (name, topic, dead_letter_topic, max_attempts),
        )

    def publish(self, topic: str, data: bytes, attributes: Mapping[str, str] | None = None) -> str:
        """Store the message and queue one delivery per subscription of ``topic``."""
        message_id = uuid.uuid4().hex
        now = time.time()
        con = self._db.connect()
        con.execute("BEGIN IMMEDIATE")
        try:
            con.execute(
                "INSERT INTO messages VALUES (?, ?, ?, ?, ?)",
                (message_id, topic, data, json.dumps(dict(attributes or {})), now),
            )
            con.execute(
                "INSERT INTO deliveries(subscription, message_id, available_at) "
                "SELECT name, ?, ? FROM subscriptions WHERE topic = ?",
                (message_id, now, topic),
            )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return message_id

    def pull(self, subscription: str, *, max_messages: int = 10, lease_seconds: float = 60.0) -> list[Message]:
        """Lease up to ``max_messages`` ready messages (expired leases count as ready)."""
        now = time.time()
        con = self._db.connect()
        con.execute("BEGIN IMMEDIATE")
        try:
            rows = con.execute(
                "SELECT d.message_id, d.attempts, m.topic, m.data, m.attributes, m.publish_time "
                "FROM deliveries d JOIN messages m USING (message_id) "
                "WHERE d.subscription = ? AND d.state IN ('ready', 'leased') AND d.available_at <= ? "
                "ORDER BY m.publish_time LIMIT ?",
                (subscription, now, max_messages),
            ).fetchall()
            out = []
            for r in rows:
                ack_id = uuid.uuid4().hex
                con.execute(
                    "UPDATE deliveries SET state = 'leased', attempts = attempts + 1, available_at = ?, ack_id = ? "
                    "WHERE subscription = ? AND message_id = ?",
                    (now + lease_seconds, ack_id, subscription, r["message_id"]),
                )
                out.append(
                    Message(
                        message_id=r["message_id"],
                        topic=r["topic"],
                        data=bytes(r["data"]),
                        attributes=json.loads(r["attributes"]),
                        publish_time=datetime.fromtimestamp(r["publish_time"], UTC),
                        delivery_attempt=r["attempts"] + 1,
                        ack_id=ack_id,
                    )
                )
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        return out

    def ack(self, subscription: str, ack_id: str) -> None:
        """Mark a leased message as done (a stale ack id is ignored, as in Pub/Sub)."""
        self._db.connect().execute(
            "UPDATE deliveries SET state = 'acked' WHERE subscription = ? AND ack_id = ? AND state = 'leased'",
            (subscription, ack_id),
        )

    def nack(self, subscription: str, ack_id: str, *, backoff_seconds: float = 0.0) -> bool:
        """Make a leased message deliverable again, or dead-letter it; returns ``True`` if dead-lettered."""
        con = self._db.connect()
        row = con.execute(
            "SELECT d.message_id, d.attempts, s.max_attempts, s.dead_letter_topic FROM deliveries d "
            "JOIN subscriptions s ON s.name = d.subscription WHERE d.subscription = ? AND d.ack_id = ? "
            "AND d.state = 'leased'",
            (subscription, ack_id),
        ).fetchone()
        if row is None:
            return False
        if row["attempts"] >= row["max_attempts"]:
            con.execute(
                "UPDATE deliveries SET state = 'dead' WHERE subscription = ? AND message_id = ?",
                (subscription, row["message_id"]),
            )
            if row["dead_letter_topic"]:
                msg = con.execute("SELECT data, attributes FROM messages WHERE message_id = ?",
                                  (row["message_id"],)).fetchone()
                attrs = json.loads(msg["attributes"])
                attrs["CloudPubSubDeadLetterSourceSubscription"] = subscription
                self.publish(row["dead_letter_topic"], bytes(msg["data"]), attrs)
            return True
        con.execute(
            "UPDATE deliveries SET state = 'ready', available_at = ? WHERE subscription = ? AND message_id = ?",
            (time.time() + backoff_seconds, subscription, row["message_id"]),
        )
        return False

    def pending(self, subscription: str | None = None) -> int:
        """Messages not yet acked or dead (all subscriptions when ``subscription`` is ``None``)."""
        sql = "SELECT COUNT(*) FROM deliveries WHERE state IN ('ready', 'leased')"
        args: tuple[str, ...] = ()
        if subscription:
            sql += " AND subscription = ?"
            args = (subscription,)
        return int(self._db.connect().execute(sql, args).fetchone()[0])

    def dead_letters(self, subscription: str) -> int:
        """How many messages of ``subscription`` gave up after ``max_attempts``."""
        return int(self._db.connect().execute(
            "SELECT COUNT(*) FROM deliveries WHERE subscription = ? AND state = 'dead'", (subscription,)
        ).fetchone()[0])
