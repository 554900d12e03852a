"""The one kernel every event-triggered function runs: decode, validate, log context, metrics, ack or retry.

A handler is a plain function of the decoded message and its validated payload. The kernel:

- decodes the CloudEvent and validates the payload with a pydantic model; a malformed event is logged and
  **acknowledged** (a retry would fail the same way): outcome ``malformed``;
- runs the handler inside a log context (event id, tenant and whatever the payload names);
- acknowledges permanent errors (``InvalidInput``, ``NotFound``): outcome ``permanent_error``;
- lets every other exception propagate so the platform redelivers: outcome ``retry``;
- otherwise counts the handler's own outcome (``ok`` when it returns ``None``).

Every function reports under the same labels (``ecomintel_events_total{function, outcome}``), with the time
spent and the lag from publication (``ecomintel_event_seconds``, ``ecomintel_event_lag_seconds``).
"""

from __future__ import annotations

import functools
import time
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from shared.errors import InvalidInput, NotFound
from shared.events import PubSubMessage, StorageObjectEvent, decode_pubsub, decode_storage
from shared.observability.logs import configure_logging, get_logger, log_context, log_event
from shared.observability.metrics import EVENT_LAG_SECONDS, EVENT_SECONDS, EVENTS_HANDLED, event_publish_time

_log = get_logger(__name__)
M = TypeVar("M", bound=BaseModel)
P = TypeVar("P")
EventFunction = Callable[[Any], None]
#: Errors a redelivery cannot fix: acknowledged, never retried.
PERMANENT_ERRORS: tuple[type[Exception], ...] = (InvalidInput, NotFound)


def _observe_lag(function: str, event: Any) -> None:
    published = event_publish_time(event)
    if published is not None:
        EVENT_LAG_SECONDS.labels(function=function).observe(max(0.0, (datetime.now(UTC) - published).total_seconds()))


def _run(function: str, event: Any, decode: Callable[[Any], tuple[str, P]],
         context: Callable[[P], Mapping[str, Any]], handle: Callable[[P], str | None]) -> None:
    configure_logging()
    _observe_lag(function, event)
    try:
        event_id, payload = decode(event)
    except (InvalidInput, ValidationError) as exc:
        log_event(_log, "malformed event acknowledged", severity="ERROR", function=function, error=str(exc)[:500])
        EVENTS_HANDLED.labels(function=function, outcome="malformed").inc()
        return
    start = time.perf_counter()
    with log_context(event_id=event_id, function=function, **context(payload)):
        try:
            outcome = handle(payload)
        except PERMANENT_ERRORS as exc:
            log_event(_log, "permanent error acknowledged", severity="ERROR", error=str(exc)[:500])
            EVENTS_HANDLED.labels(function=function, outcome="permanent_error").inc()
            return
        except Exception:
            EVENTS_HANDLED.labels(function=function, outcome="retry").inc()
            raise
        finally:
            EVENT_SECONDS.labels(function=function).observe(time.perf_counter() - start)
    EVENTS_HANDLED.labels(function=function, outcome=outcome or "ok").inc()


def pubsub_handler(function: str, model: type[M], *, context: Callable[[M], Mapping[str, Any]] = lambda _: {},
                   ) -> Callable[[Callable[[PubSubMessage, M], str | None]], EventFunction]:
    """Wrap ``handle(message, payload)`` as a Pub/Sub CloudEvent function labelled ``function``."""

    def decorate(handle: Callable[[PubSubMessage, M], str | None]) -> EventFunction:
        def decode(event: Any) -> tuple[str, tuple[PubSubMessage, M]]:
            message = decode_pubsub(event)
            return message.event_id, (message, model.model_validate(message.json()))

        @functools.wraps(handle)
        def on_event(event: Any) -> None:
            _run(function, event, decode, lambda decoded: context(decoded[1]),
                 lambda decoded: handle(decoded[0], decoded[1]))

        return on_event

    return decorate


def storage_handler(function: str) -> Callable[[Callable[[StorageObjectEvent], str | None]], EventFunction]:
    """Wrap ``handle(object)`` as a Cloud Storage finalize CloudEvent function labelled ``function``."""

    def decorate(handle: Callable[[StorageObjectEvent], str | None]) -> EventFunction:
        def decode(event: Any) -> tuple[str, StorageObjectEvent]:
            obj = decode_storage(event)
            return obj.event_id, obj

        @functools.wraps(handle)
        def on_event(event: Any) -> None:
            _run(function, event, decode, lambda obj: {"object": obj.name}, handle)

        return on_event

    return decorate
