"""The API client's retries against a real local HTTP server: what is retried, how long it waits, when it stops."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
import requests
from werkzeug.wrappers import Request, Response

from shared.connectors.http import ApiError, RetryingClient, retry_after_seconds
from tests.unit.connectors.servers import serve


class Script:
    """Answers with the scripted (status, headers) in turn, then 200; counts the requests."""

    def __init__(self, *answers: tuple[int, dict[str, str]]) -> None:
        self.answers = list(answers)
        self.calls = 0

    def __call__(self, request: Request) -> Response:
        self.calls += 1
        status, headers = self.answers.pop(0) if self.answers else (200, {})
        return Response(f"answer {self.calls}", status=status, headers=headers)


@pytest.fixture
def sleeps() -> list[float]:
    return []


def _client(sleeps: list[float], **kwargs: float) -> RetryingClient:
    return RetryingClient(sleep=sleeps.append, session=requests.Session(), **kwargs)  # type: ignore[arg-type]


@pytest.fixture
def closed_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    yield port


def test_transient_statuses_are_retried_with_bounded_full_jitter(sleeps: list[float]) -> None:
    script = Script((503, {}), (502, {}), (500, {}))
    with serve(script) as base:
        client = _client(sleeps, base_delay=0.5, max_delay=30.0)
        resp = client.request("GET", f"{base}/x")
    assert resp.status_code == 200 and resp.text == "answer 4"
    assert script.calls == 4 and client.retries == 3
    assert len(sleeps) == 3 and all(0 <= s <= 0.5 * 2**i for i, s in enumerate(sleeps))


def test_retry_after_is_honoured_and_capped(sleeps: list[float]) -> None:
    http_date = format_datetime(datetime.now(UTC) + timedelta(seconds=20), usegmt=True)
    script = Script((429, {"Retry-After": "7"}), (429, {"Retry-After": "120"}), (503, {"Retry-After": http_date}))
    with serve(script) as base:
        resp = _client(sleeps, max_delay=30.0).request("GET", f"{base}/x")
    assert resp.status_code == 200
    assert sleeps[:2] == [7.0, 30.0]
    assert 15 <= sleeps[2] <= 20


def test_other_client_errors_are_answers_not_retries(sleeps: list[float]) -> None:
    script = Script((404, {}))
    with serve(script) as base:
        resp = _client(sleeps).request("GET", f"{base}/x")
    assert resp.status_code == 404 and script.calls == 1 and sleeps == []


def test_attempts_are_bounded_then_the_status_is_reported(sleeps: list[float]) -> None:
    script = Script(*[(503, {})] * 10)
    with serve(script) as base, pytest.raises(ApiError, match="HTTP 503 after 3 attempts") as err:
        _client(sleeps, max_attempts=3).request("GET", f"{base}/x")
    assert err.value.status == 503 and script.calls == 3 and len(sleeps) == 2


def test_connection_errors_are_retried_then_reported(sleeps: list[float], closed_port: int) -> None:
    client = _client(sleeps, max_attempts=4)
    with pytest.raises(ApiError, match=f"GET http://127.0.0.1:{closed_port}/x") as err:
        client.request("GET", f"http://127.0.0.1:{closed_port}/x")
    assert isinstance(err.value.__cause__, requests.ConnectionError)
    assert err.value.status is None and client.retries == 3 and len(sleeps) == 3


def test_retry_after_forms() -> None:
    now = datetime(2024, 5, 1, 12, 0, tzinfo=UTC)
    assert retry_after_seconds("12", now=now) == 12.0
    assert retry_after_seconds("Wed, 01 May 2024 12:00:30 GMT", now=now) == 30.0
    assert retry_after_seconds("Wed, 01 May 2024 11:00:00 GMT", now=now) == 0.0
    assert retry_after_seconds("soon", now=now) is None and retry_after_seconds(None) is None
