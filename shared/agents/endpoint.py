"""The HTTP face every agent function shares: ``POST /v1/agents/<name>`` with an ``AgentRequest`` body.

The route and method are checked, the body validated (the tenant always from the verified token, never from
the body), and the agent's runner imported by its dotted path only then, so a function loads only its agent.
"""

from __future__ import annotations

import importlib
from typing import Any

import flask
from pydantic import ValidationError

from shared.deps import get_deps
from shared.errors import InvalidInput, NotFound
from shared.models.agents import AgentRequest
from shared.security.principal import Principal


def agent_request(request: flask.Request, principal: Principal, *, route: str) -> AgentRequest:
    """The validated ``AgentRequest`` of a ``POST`` to ``route`` (or the function root); an empty body is ``{}``."""
    if request.path.rstrip("/") not in (route, ""):
        raise NotFound(f"no route {request.path}")
    if request.method != "POST":
        raise InvalidInput(f"method {request.method} not allowed; use POST")
    body = request.get_json(silent=True) if request.get_data() else {}
    if body is None:
        raise InvalidInput("body is not valid JSON")
    if not isinstance(body, dict):
        raise InvalidInput("body must be a JSON object shaped like AgentRequest")
    try:
        return AgentRequest.model_validate({**body, "tenant_id": principal.tenant_id})
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise InvalidInput(f"{where}: {first['msg']}",
                           details={"errors": exc.errors(include_url=False, include_input=False)}) from exc


def answer_agent_request(request: flask.Request, principal: Principal, *, route: str, runner: str) -> dict[str, Any]:
    """Run the agent ``runner`` (``"shared.pricing.agent:run"``) on the request; its result as JSON."""
    validated = agent_request(request, principal, route=route)
    module, _, attr = runner.partition(":")
    run = getattr(importlib.import_module(module), attr)
    return dict(run(get_deps(), validated).model_dump(mode="json"))
