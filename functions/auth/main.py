"""Identity endpoints: sign-up, log-in, who-am-I, invites and API keys (thin: decode, call the core)."""

from __future__ import annotations

import flask
import functions_framework

from shared.audit.log import record_audit
from shared.audit.security_events import record_security_event
from shared.config import get_settings
from shared.delivery.email import build_message, send
from shared.deps import get_deps
from shared.errors import Unauthenticated
from shared.http import Routes, client_address, endpoint, json_response, parse_body, path_param, public_endpoint
from shared.security import accounts, api_keys
from shared.security.api_models import (
    SIGNUP_SIGN_IN,
    ApiKeyCreated,
    ApiKeyCreateRequest,
    ApiKeyInfo,
    ApiKeyList,
    InviteCreated,
    InviteCreateRequest,
    LoginRequest,
    MeResponse,
    SignupAccepted,
    SignupRequest,
    SignupResponse,
    SignupVerifyRequest,
    TokenResponse,
)
from shared.security.login_limits import enforce_login_limits
from shared.security.principal import Principal, Role
from shared.security.tenancy import require_same_tenant
from shared.security.tokens import ACCESS_TOKEN_SECONDS, mint_token


def _token_for(principal: Principal) -> str:
    return mint_token(get_deps().settings, subject=principal.subject, tenant_id=principal.tenant_id,
                      role=principal.role)


@public_endpoint(route="/v1/auth/signup")
def signup(request: flask.Request) -> flask.Response:
    body = parse_body(request, SignupRequest)
    deps = get_deps()
    if accounts.email_verification_on(deps.settings):
        # the same answer whether or not the address has an account: the e-mail says which
        mail = accounts.start_signup(deps.documents, deps.settings, body)
        send(deps.settings, build_message(deps.settings, to=[mail.to], subject=mail.subject, text=mail.text))
        return json_response(SignupAccepted(), 202)
    # without e-mail: a new address gets its account, a taken one is left alone, and both get this answer
    principal = accounts.signup(deps.documents, deps.settings, body)
    if principal is None:
        record_security_event(deps, kind="signup_for_existing_account",
                              tenant=accounts.tenant_of_email(deps.documents, body.email), actor="anonymous",
                              target="signup")
    else:
        _audit_signup(principal, invited=body.invite_code is not None)
    return json_response(SIGNUP_SIGN_IN, 202)


@public_endpoint(route="/v1/auth/signup:verify")
def verify_signup(request: flask.Request) -> flask.Response:
    body = parse_body(request, SignupVerifyRequest)
    principal, _ = accounts.finish_signup(get_deps().documents, body.code)
    return _signed_up(principal, invited=principal.role != Role.ADMIN)


def _audit_signup(principal: Principal, *, invited: bool) -> None:
    record_audit(get_deps(), principal.tenant_id, principal.subject, "user.signed_up", principal.subject,
                 {"role": principal.role.value, "invited": invited})


def _signed_up(principal: Principal, *, invited: bool) -> flask.Response:
    _audit_signup(principal, invited=invited)
    out = SignupResponse(access_token=_token_for(principal), expires_in=ACCESS_TOKEN_SECONDS,
                         user_id=principal.subject, tenant_id=principal.tenant_id, role=principal.role)
    return json_response(out, 201)


@public_endpoint(route="/v1/auth/login")
def login(request: flask.Request) -> TokenResponse:
    body = parse_body(request, LoginRequest)
    deps = get_deps()
    settings = get_settings()
    enforce_login_limits(accounts.normalise_email(body.email), client_address(request, settings.trusted_proxy_hops),
                         settings.login_attempts_per_minute)
    try:
        principal = accounts.login(deps.documents, deps.settings, body.email, body.password)
    except Unauthenticated:
        record_security_event(deps, kind="login_failed", tenant=accounts.tenant_of_email(deps.documents, body.email),
                              actor="anonymous", target="login")
        raise
    return TokenResponse(access_token=_token_for(principal), expires_in=ACCESS_TOKEN_SECONDS)


@endpoint(role=Role.VIEWER, route="/v1/me")
def me(request: flask.Request, principal: Principal) -> MeResponse:
    user = accounts.get_user(get_deps().documents, principal.tenant_id, principal.subject)
    return MeResponse(subject=principal.subject, tenant_id=principal.tenant_id, role=principal.role,
                      via=principal.via, email=None if user is None else user.get("email"))


@endpoint(role=Role.ADMIN, route="/v1/invites")
def create_invite(request: flask.Request, principal: Principal) -> flask.Response:
    body = parse_body(request, InviteCreateRequest)
    deps = get_deps()
    code, expires = accounts.create_invite(deps.documents, principal, body.role, body.expires_in_hours)
    record_audit(deps, principal.tenant_id, principal.subject, "invite.created", "", {"role": body.role.value})
    return json_response(InviteCreated(invite_code=code, role=body.role, expires_at=expires), 201)


def _key_info(record: dict[str, object]) -> ApiKeyInfo:
    return ApiKeyInfo.model_validate({k: v for k, v in record.items() if k not in ("hash", "tenant_id", "_id")})


@endpoint(role=Role.ADMIN, route="/v1/api-keys")
def create_api_key(request: flask.Request, principal: Principal) -> flask.Response:
    body = parse_body(request, ApiKeyCreateRequest)
    deps = get_deps()
    key, record = api_keys.create_api_key(deps.documents, deps.settings, principal, name=body.name, role=body.role)
    record_audit(deps, principal.tenant_id, principal.subject, "api_key.created", record["id"],
                 {"name": body.name, "role": body.role.value})
    info = _key_info(record)
    return json_response(ApiKeyCreated(**info.model_dump(), key=key), 201)


@endpoint(role=Role.ADMIN, route="/v1/api-keys")
def list_api_keys(request: flask.Request, principal: Principal) -> ApiKeyList:
    records = api_keys.list_api_keys(get_deps().documents, principal.tenant_id)
    return ApiKeyList(items=[_key_info(r) for r in records])


@endpoint(role=Role.ADMIN, route="/v1/api-keys/{key_id}")
def revoke_api_key(request: flask.Request, principal: Principal) -> flask.Response:
    key_id = path_param(request, "key_id")
    deps = get_deps()
    require_same_tenant(deps, principal, api_keys.owner_of(deps.documents, key_id), f"api_key:{key_id}")
    api_keys.revoke_api_key(deps.documents, principal.tenant_id, key_id)
    record_audit(deps, principal.tenant_id, principal.subject, "api_key.revoked", key_id)
    return flask.Response(status=204)


ROUTES = Routes([
    ("POST", "/v1/auth/signup", signup),
    ("POST", "/v1/auth/signup:verify", verify_signup),
    ("POST", "/v1/auth/login", login),
    ("GET", "/v1/me", me),
    ("POST", "/v1/invites", create_invite),
    ("POST", "/v1/api-keys", create_api_key),
    ("GET", "/v1/api-keys", list_api_keys),
    ("DELETE", "/v1/api-keys/{key_id}", revoke_api_key),
])


@functions_framework.http
def auth_http(request: flask.Request) -> flask.Response:
    return ROUTES.dispatch(request)
