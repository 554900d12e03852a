"""HTTP entry point of the sentiment agent: ``POST /v1/agents/sentiment`` with an ``AgentRequest`` body."""

from __future__ import annotations

from typing import Any

import flask
import functions_framework
from pydantic import ValidationError

from shared.deps import get_deps
from shared.errors import InvalidInput, NotFound
from shared.http import endpoint
from shared.models.agents import AgentRequest
from shared.security.principal import Principal, Role

ROUTE = "/v1/agents/sentiment"


@endpoint(role=Role.VIEWER)
def _handle(request: flask.Request, principal: Principal) -> Any:
    if request.path.rstrip("/") not in (ROUTE, ""):
        raise NotFound(f"no route {request.path}")
    if request.method != "POST":
        raise InvalidInput("use POST with an AgentRequest JSON body")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidInput("body must be a JSON object (AgentRequest)")
    body = {**body, "tenant_id": principal.tenant_id}  # tenant from the verified token, never the body
    try:
        agent_request = AgentRequest.model_validate(body)
    except ValidationError as exc:
        raise InvalidInput(
            "invalid AgentRequest", details={"errors": exc.errors(include_url=False, include_input=False)}
        ) from exc
    from shared.sentiment.agent import run

    return run(get_deps(), agent_request).model_dump(mode="json")


@functions_framework.http
def sentiment_http(request: flask.Request) -> flask.Response:
    return _handle(request)
