from __future__ import annotations

import json
import logging

import flask

from shared.http import endpoint
from shared.observability.logs import JsonFormatter, configure_logging, get_logger, log_event
from shared.security.principal import Principal, Role
from shared.security.tokens import mint_token


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__()
        self.lines: list[dict[str, object]] = []
        self.setFormatter(JsonFormatter())

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(json.loads(self.format(record)))


def test_handler_logs_carry_request_id_tenant_and_severity() -> None:
    from shared.config import get_settings

    app = flask.Flask("t")
    configure_logging()  # installs the stdout handler once; ours is added next to it
    collect = _Collect()
    root = logging.getLogger()
    # the root level depends on which CLI ran first in this worker (ingest quiets it): pin it here
    level = root.level
    root.setLevel(logging.INFO)
    root.addHandler(collect)
    try:
        @endpoint(role=Role.VIEWER, route="/v1/test")
        def handler(request: flask.Request, principal: Principal) -> dict[str, str]:
            log_event(get_logger("test.handler"), "inside handler", password="hunter2")
            return {"ok": "yes"}

        token = mint_token(get_settings(), subject="u1", tenant_id="t1", role=Role.VIEWER)
        with app.test_request_context("/v1/test", headers={"Authorization": f"Bearer {token}",
                                                           "X-Request-Id": "req-abcdef123"}):
            resp = handler(flask.request)
    finally:
        root.removeHandler(collect)
        root.setLevel(level)
    assert resp.status_code == 200
    inside = next(line for line in collect.lines if line["message"] == "inside handler")
    assert inside["request_id"] == "req-abcdef123" and inside["tenant"] == "t1" and inside["severity"] == "INFO"
    assert inside["password"] == "[redacted]"
    access = next(line for line in collect.lines if line["message"] == "request handled")
    assert access["status"] == 200 and access["tenant"] == "t1" and access["request_id"] == "req-abcdef123"
    assert "hunter2" not in json.dumps(collect.lines)
