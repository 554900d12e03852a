"""Request and response bodies of the auth and admin endpoints (also the OpenAPI component schemas)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from shared.security.principal import Role

_EMAIL = r"^[^@\x00-\x20\x7f]{1,64}@[^@\x00-\x20\x7f]{1,255}$"  # explicit class: same in every regex engine


class _Body(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, regex_engine="python-re")


class ErrorDetail(BaseModel):
    """The inside of the one error shape."""

    code: str
    message: str
    details: dict[str, Any] = Field(default_factory=dict)
    request_id: str | None = None


class ErrorBody(BaseModel):
    """``{"error": {"code", "message", "details", "request_id"}}`` — every endpoint's error body."""

    error: ErrorDetail


class SignupRequest(_Body):
    """Create a tenant and its first admin, or join a tenant with an invite code."""

    email: str = Field(pattern=_EMAIL, max_length=320)
    password: str = Field(min_length=8, max_length=256)
    tenant_name: str | None = Field(default=None, min_length=1, max_length=200,
                                    description="Name of the new tenant (ignored with an invite).")
    invite_code: str | None = Field(default=None, min_length=10, max_length=200,
                                    description="Join the inviting tenant with the invite's role.")


class SignupVerifyRequest(_Body):
    """The code a sign-up e-mail carries."""

    code: str = Field(min_length=10, max_length=200)


class SignupAccepted(BaseModel):
    """A sign-up's answer, the same whether or not the address has an account.

    ``verification_sent``: the e-mail finishes it (where the product sends e-mail). ``sign_in``: without
    e-mail, a new address's account exists now and the user signs in with the e-mail and password they gave.
    """

    status: Literal["verification_sent", "sign_in"] = "verification_sent"
    message: str = "Check your e-mail: the link in it finishes creating your account."


#: The answer of a sign-up without e-mail: a new address has its account; a taken one is left as it was.
SIGNUP_SIGN_IN = SignupAccepted(
    status="sign_in",
    message="Sign in with this e-mail and password to continue. If the address already had an account, "
            "nothing about it changed: sign in with that account's own password.",
)


class LoginRequest(_Body):
    """E-mail and password."""

    email: str = Field(pattern=_EMAIL, max_length=320)
    password: str = Field(min_length=1, max_length=256)


class TokenResponse(BaseModel):
    """A bearer access token."""

    access_token: str
    token_type: str = "Bearer"
    expires_in: int


class SignupResponse(TokenResponse):
    """The new user, their tenant and a first access token."""

    user_id: str
    tenant_id: str
    role: Role


class MeResponse(BaseModel):
    """Who the credentials belong to."""

    subject: str
    tenant_id: str
    role: Role
    via: str
    email: str | None = None


class ApiKeyCreateRequest(_Body):
    """Name and role of a machine key (role at most the creator's)."""

    name: str = Field(min_length=1, max_length=100)
    role: Role = Role.ANALYST


class ApiKeyInfo(BaseModel):
    """A key's metadata (never its secret)."""

    id: str
    name: str
    role: Role
    created_at: datetime
    created_by: str
    revoked_at: datetime | None = None


class ApiKeyCreated(ApiKeyInfo):
    """A new key: ``key`` is shown this once and stored only as a hash."""

    key: str


class ApiKeyList(BaseModel):
    """A tenant's keys."""

    items: list[ApiKeyInfo]


class InviteCreateRequest(_Body):
    """Role the invitee will get."""

    role: Role = Role.VIEWER
    expires_in_hours: int = Field(default=72, ge=1, le=720)


class InviteCreated(BaseModel):
    """An invite code (shown once) for ``POST /v1/auth/signup``."""

    invite_code: str
    role: Role
    expires_at: datetime


class TenantSettings(_Body):
    """Tenant-wide settings admins may change."""

    display_name: str | None = Field(default=None, max_length=200)
    currency: str = Field(default="USD", pattern=r"^[A-Z]{3}$")
    timezone: str = Field(default="UTC", max_length=64)
    llm_monthly_budget_usd: float = Field(default=50.0, ge=0, le=1_000_000)


class AuditEntryOut(BaseModel):
    """One audit entry."""

    id: str
    tenant_id: str
    at: datetime
    actor: str
    action: str
    target: str
    details: dict[str, Any]


class AuditPage(BaseModel):
    """A page of audit entries, newest first."""

    items: list[AuditEntryOut]
    next_before_ns: int | None = None
