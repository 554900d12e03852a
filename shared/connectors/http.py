"""HTTP for API sources: timeouts, retries with exponential backoff and full jitter, Retry-After honoured.

Requests go through the guarded session (``shared.security.outbound``): a source cannot be pointed at a
private or metadata address, whatever its configuration says.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import requests

from shared.security.outbound import guarded_session

RETRYABLE_STATUS = {429, 500, 502, 503, 504}


class ApiError(Exception):
    """A non-retryable API failure, or retries exhausted."""

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class RetryingClient:
    """``requests`` with bounded retries; ``sleep`` is injectable so tests do not wait."""

    sleep: Callable[[float], None]
    max_attempts: int = 5
    base_delay: float = 0.5
    max_delay: float = 30.0
    timeout: tuple[float, float] = (5.0, 30.0)
    session: requests.Session = field(default_factory=guarded_session)
    rng: random.Random = field(default_factory=random.Random)
    retries: int = 0

    def backoff(self, attempt: int, retry_after: str | None = None) -> float:
        """Delay before retry ``attempt`` (1-based): Retry-After when given, else full-jitter exponential."""
        if retry_after:
            try:
                return min(self.max_delay, max(0.0, float(retry_after)))
            except ValueError:
                pass
        return self.rng.uniform(0, min(self.max_delay, self.base_delay * 2 ** (attempt - 1)))

    def request(self, method: str, url: str, **kwargs: Any) -> requests.Response:
        """Send, retrying network errors and 429/5xx; other 4xx are returned to the caller."""
        kwargs.setdefault("timeout", self.timeout)
        for attempt in range(1, self.max_attempts + 1):
            try:
                resp = self.session.request(method, url, **kwargs)
            except requests.RequestException as exc:
                if attempt == self.max_attempts:
                    raise ApiError(f"{method} {url}: {exc}") from exc
                self.retries += 1
                self.sleep(self.backoff(attempt))
                continue
            if resp.status_code in RETRYABLE_STATUS and attempt < self.max_attempts:
                self.retries += 1
                self.sleep(self.backoff(attempt, resp.headers.get("Retry-After")))
                continue
            if resp.status_code in RETRYABLE_STATUS:
                raise ApiError(
                    f"{method} {url}: HTTP {resp.status_code} after {attempt} attempts", status=resp.status_code
                )
            return resp
        raise AssertionError("unreachable")
