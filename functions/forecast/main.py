"""HTTP entry point of the demand forecast agent: ``POST /v1/agents/forecast`` with an ``AgentRequest`` body."""

from __future__ import annotations

from typing import Any

import flask
import functions_framework

from shared.agents.endpoint import answer_agent_request
from shared.http import endpoint
from shared.security.principal import Principal, Role


@functions_framework.http
@endpoint(role=Role.VIEWER)
def forecast_http(request: flask.Request, principal: Principal) -> Any:
    return answer_agent_request(request, principal, route="/v1/agents/forecast", runner="shared.forecast.agent:run")
