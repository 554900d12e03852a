"""HTTP entry point of the pricing agent: ``POST /v1/agents/pricing`` with an AgentRequest-shaped body."""

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

PATH = "/v1/agents/pricing"


@functions_framework.http
@endpoint(role=Role.VIEWER)
def pricing_http(request: flask.Request, principal: Principal) -> Any:
    if request.path.rstrip("/") != PATH:
        raise NotFound(f"no route {request.path}")
    if request.method != "POST":
        raise InvalidInput(f"method {request.method} not allowed; use POST")
    body = request.get_json(silent=True) if request.get_data() else {}
    if body is None:
        raise InvalidInput("body is not valid JSON")
    if not isinstance(body, dict):
        raise InvalidInput("body must be a JSON object shaped like AgentRequest")
    body = {**body, "tenant_id": principal.tenant_id}  # the tenant comes from the token, never the body
    try:
        agent_request = AgentRequest.model_validate(body)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidInput(f"{where}: {first['msg']}", details={"errors": exc.errors(include_url=False,
                                                                                    include_input=False)}) from exc
    from shared.pricing.agent import run

    result = run(get_deps(), agent_request)
    return result.model_dump(mode="json")
