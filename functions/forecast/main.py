"""HTTP entry point of the demand forecast agent: ``POST /v1/agents/forecast``."""

from __future__ import annotations

from typing import Any

import flask
import functions_framework
from pydantic import ValidationError

from shared.deps import get_deps
from shared.errors import InvalidInput
from shared.http import endpoint
from shared.models.agents import AgentRequest
from shared.security.principal import Principal, Role


@functions_framework.http
@endpoint(role=Role.VIEWER)
def forecast_http(request: flask.Request, principal: Principal) -> Any:
    if request.method != "POST":
        raise InvalidInput("use POST with an AgentRequest JSON body")
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise InvalidInput("body must be a JSON object (AgentRequest)")
    body = {**body, "tenant_id": principal.tenant_id}  # tenant from the verified token only
    try:
        agent_request = AgentRequest.model_validate(body)
    except ValidationError as exc:
        raise InvalidInput("invalid AgentRequest", details={"errors": exc.errors(include_url=False)}) from exc
    from shared.forecast.agent import run

    return run(get_deps(), agent_request).model_dump(mode="json")
