"""HTTP for API sources: timeouts, bounded retries (tenacity) with full-jitter backoff, Retry-After honoured.

Requests go through the guarded session (``shared.security.outbound``): a source cannot be pointed at a
private or metadata address, whatever its configuration says.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, NoReturn

import requests
from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception_type,
    retry_if_result,
    stop_after_attempt,
    wait_random_exponential,
)

from shared.security.outbound import guarded_session

RETRYABLE_STATUS = {429, 500, 502, 503, 504}


class ApiError(Exception):
    """A non-retryable API failure, or retries exhausted."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def retry_after_seconds(value: str | None, *, now: datetime | None = None) -> float | None:
    """Seconds a ``Retry-After`` header asks for (delta-seconds or an HTTP date), ``None`` if it says nothing."""
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - (now or datetime.now(UTC))).total_seconds())


def _retryable(resp: requests.Response) -> bool:
    return resp.status_code in RETRYABLE_STATUS


@dataclass
class RetryingClient:
    """``requests`` with bounded retries; ``sleep`` is injectable so tests do not wait."""

    sleep: Callable[[float], None]
    max_attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    timeout: tuple[float, float] = (5.0, 30.0)
    session: requests.Session = field(default_factory=guarded_session)
    retries: int = 0

    def backoff(self, state: RetryCallState) -> float:
        """Delay before the next attempt: the answer's Retry-After (capped) when given, else full jitter."""
        outcome = state.outcome
        if outcome is not None and not outcome.failed:
            asked = retry_after_seconds(outcome.result().headers.get("Retry-After"))
            if asked is not None:
                return min(self.max_delay, asked)
        return float(wait_random_exponential(multiplier=self.base_delay, max=self.max_delay)(state))

    def _count(self, state: RetryCallState) -> None:
        self.retries += 1

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """Send, retrying network errors and 429/5xx; other 4xx are returned to the caller."""
        kwargs.setdefault("timeout", self.timeout)

        def give_up(state: RetryCallState) -> NoReturn:
            assert state.outcome is not None
            if state.outcome.failed:
                exc = state.outcome.exception()
                raise ApiError(f"{method} {url}: {exc}") from exc
            status = state.outcome.result().status_code
            raise ApiError(f"{method} {url}: HTTP {status} after {state.attempt_number} attempts", status=status)

        retrying = Retrying(
            stop=stop_after_attempt(self.max_attempts),
            wait=self.backoff,
            retry=retry_if_exception_type(requests.RequestException) | retry_if_result(_retryable),
            sleep=self.sleep,
            before_sleep=self._count,
            retry_error_callback=give_up,
        )
        resp: requests.Response = retrying(self.session.request, method, url, **kwargs)
        return resp
