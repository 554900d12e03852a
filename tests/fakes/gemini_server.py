"""A fake Gemini REST server on 127.0.0.1 (free port) for testing the real ``google-genai`` client.

It speaks the wire format of ``POST /v1beta/models/{model}:generateContent``: it records each request
(``contents``, ``systemInstruction``, ``generationConfig``) and answers from a per-test script of
:class:`Reply` objects (then from ``default``). Scriptable: HTTP errors (500, 429 with Retry-After), slow
answers (timeouts), malformed JSON, and any model text (e.g. hallucinated numbers).
"""

from __future__ import annotations

import json
import re
import threading
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

_PATH = re.compile(r"^/(v1beta|v1alpha|v1)/models/([^/:]+):generateContent$")


@dataclass
class Reply:
    """One scripted answer."""

    status: int = 200
    text: str | None = None
    body: bytes | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    prompt_tokens: int = 100
    output_tokens: int = 50


def ok(payload: Any, *, prompt_tokens: int = 100, output_tokens: int = 50) -> Reply:
    """A successful answer whose model text is ``payload`` (JSON-encoded unless already a string)."""
    text = payload if isinstance(payload, str) else json.dumps(payload)
    return Reply(text=text, prompt_tokens=prompt_tokens, output_tokens=output_tokens)


def error(status: int = 500, message: str = "internal error", *, retry_after: int | None = None) -> Reply:
    """An API error in Google's error shape."""
    statuses = {429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE", 400: "INVALID_ARGUMENT"}
    body = json.dumps({"error": {"code": status, "message": message, "status": statuses.get(status, "UNKNOWN")}})
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else {}
    return Reply(status=status, body=body.encode(), headers=headers)


def slow(delay: float, reply: Reply | None = None) -> Reply:
    """``reply`` (default: an empty JSON object) after ``delay`` seconds."""
    r = reply or ok({})
    r.delay = delay
    return r


def malformed_http() -> Reply:
    """A 200 whose body is not JSON at all."""
    return Reply(body=b"{not json")


@dataclass
class Recorded:
    """A request as it arrived."""

    path: str
    model: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def system(self) -> str:
        """The system instruction text."""
        parts = (self.body.get("systemInstruction") or {}).get("parts") or []
        return "".join(p.get("text", "") for p in parts)

    @property
    def prompt(self) -> str:
        """The user content text."""
        return "".join(p.get("text", "") for c in self.body.get("contents", []) for p in c.get("parts", []))

    @property
    def schema(self) -> dict[str, Any] | None:
        """The requested response schema (JSON schema or OpenAPI subset)."""
        cfg = self.body.get("generationConfig") or {}
        return cfg.get("responseJsonSchema") or cfg.get("responseSchema")


class FakeGemini:
    """The server; use :func:`running_fake_gemini` to start and stop it."""

    def __init__(self) -> None:
        self.requests: list[Recorded] = []
        self.script: deque[Reply] = deque()
        self.default: Callable[[Recorded], Reply] = lambda _req: error(500, "no scripted reply")
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def base_url(self) -> str:
        """``http://127.0.0.1:<port>``."""
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def push(self, *replies: Reply) -> None:
        """Queue replies, used in order before ``default``."""
        with self._lock:
            self.script.extend(replies)

    def _next(self, req: Recorded) -> Reply:
        with self._lock:
            self.requests.append(req)
            if self.script:
                return self.script.popleft()
        return self.default(req)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - silence the default stderr log
                return

            def do_POST(self) -> None:  # noqa: N802 - http.server naming
                m = _PATH.match(self.path.split("?")[0])
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if not m:
                    self._send(Reply(status=404, body=b'{"error":{"code":404,"message":"not found"}}'))
                    return
                try:
                    body = json.loads(raw or b"{}")
                except json.JSONDecodeError:
                    self._send(error(400, "request body is not JSON"))
                    return
                reply = fake._next(Recorded(self.path, m.group(2), dict(self.headers), body))
                if reply.delay and fake._stop.wait(reply.delay):
                    return
                self._send(reply)

            def _send(self, reply: Reply) -> None:
                if reply.body is not None:
                    payload = reply.body
                else:
                    payload = json.dumps({
                        "candidates": [{"content": {"parts": [{"text": reply.text or ""}], "role": "model"},
                                        "finishReason": "STOP", "index": 0}],
                        "usageMetadata": {"promptTokenCount": reply.prompt_tokens,
                                          "candidatesTokenCount": reply.output_tokens,
                                          "totalTokenCount": reply.prompt_tokens + reply.output_tokens},
                        "modelVersion": "fake-gemini",
                    }).encode()
                try:
                    self.send_response(reply.status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(payload)))
                    for k, v in reply.headers.items():
                        self.send_header(k, v)
                    self.end_headers()
                    self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # client gave up (timeout tests)
                    pass

        return Handler

    def start(self) -> None:
        """Serve in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Stop serving and release slow handlers."""
        self._stop.set()
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def running_fake_gemini() -> Iterator[FakeGemini]:
    """A started fake server, stopped on exit."""
    fake = FakeGemini()
    fake.start()
    try:
        yield fake
    finally:
        fake.stop()
