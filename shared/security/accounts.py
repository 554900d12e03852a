"""Tenants, users and invites in the document store.

Layout:
- ``tenants/<tenant>`` (collection ``tenants``): the tenant record.
- ``tenants/<tenant>/users/<user_id>``: a user (bcrypt hash, role).
- ``user_emails/<sha256(email)>``: the global e-mail index used by log-in (``{tenant_id, user_id}``).
- ``tenants/<tenant>/invites/<invite_id>`` + ``invites/<sha256(code)>``: single-use invite codes.

Sign-up without an invite creates a new tenant and makes the user its admin; with an invite the user
joins the inviting tenant with the invite's role. The e-mail index is claimed with ``create`` (atomic),
so two sign-ups with one address cannot both win.
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from shared.config import Settings
from shared.errors import Conflict, PermissionDenied, Unauthenticated
from shared.ports import DocumentStore
from shared.security.api_models import SignupRequest
from shared.security.passwords import burn_password_check, check_password_policy, hash_password, verify_password
from shared.security.principal import Principal, Role
from shared.store.documents.accounts import (
    INVITE_CODES,
    USER_EMAILS,
    invites_collection,
    put_tenant,
    users_collection,
)


def _email_key(email: str) -> str:
    return hashlib.sha256(normalise_email(email).encode()).hexdigest()


def normalise_email(email: str) -> str:
    """Lower-cased, trimmed e-mail (the identity used for log-in)."""
    return email.strip().lower()


def _now() -> datetime:
    return datetime.now(UTC)


def new_tenant_id() -> str:
    """A fresh tenant id matching ``Principal.tenant_id``'s pattern."""
    return "t-" + uuid.uuid4().hex[:16]


def signup(documents: DocumentStore, settings: Settings, body: SignupRequest) -> tuple[Principal, str]:
    """Create the user (and tenant, without an invite); return its principal and e-mail."""
    check_password_policy(body.password)
    email = normalise_email(body.email)
    user_id = "u-" + uuid.uuid4().hex[:16]
    invite: dict[str, Any] | None = None
    if body.invite_code:
        invite = _consume_invite(documents, body.invite_code)
        tenant_id, role = str(invite["tenant_id"]), Role(invite["role"])
    else:
        tenant_id, role = new_tenant_id(), Role.ADMIN
    if not documents.create(USER_EMAILS, _email_key(email), {"tenant_id": tenant_id, "user_id": user_id}):
        raise Conflict("an account with this e-mail already exists", details={"field": "email"})
    if invite is None:
        put_tenant(documents, tenant_id, {"tenant_id": tenant_id, "name": body.tenant_name or email,
                                          "created_at": _now().isoformat(), "created_by": user_id})
    documents.set(users_collection(tenant_id), user_id, {
        "user_id": user_id, "email": email, "role": role.value, "tenant_id": tenant_id,
        "password_hash": hash_password(body.password, rounds=settings.bcrypt_rounds),
        "created_at": _now().isoformat(), "invited": invite is not None,
    })
    return Principal(subject=user_id, tenant_id=tenant_id, role=role, via="password"), email


def login(documents: DocumentStore, settings: Settings, email: str, password: str) -> Principal:
    """The principal for valid credentials; ``Unauthenticated`` otherwise (same error either way)."""
    index = documents.get(USER_EMAILS, _email_key(email))
    user = None
    if index is not None:
        user = documents.get(users_collection(str(index["tenant_id"])), str(index["user_id"]))
    if user is None or user.get("disabled"):
        burn_password_check(password, rounds=settings.bcrypt_rounds)
        raise Unauthenticated("invalid e-mail or password")
    if not verify_password(password, str(user["password_hash"])):
        raise Unauthenticated("invalid e-mail or password")
    return Principal(subject=str(user["user_id"]), tenant_id=str(user["tenant_id"]), role=Role(user["role"]),
                     via="password")


def tenant_of_email(documents: DocumentStore, email: str) -> str | None:
    """The tenant an e-mail belongs to (for auditing failed log-ins), or ``None``."""
    index = documents.get(USER_EMAILS, _email_key(email))
    return None if index is None else str(index["tenant_id"])


def get_user(documents: DocumentStore, tenant_id: str, user_id: str) -> dict[str, Any] | None:
    """A user record of ``tenant_id`` (never another tenant's)."""
    return documents.get(users_collection(tenant_id), user_id)


def create_invite(
    documents: DocumentStore, principal: Principal, role: Role, expires_in_hours: int
) -> tuple[str, datetime]:
    """A single-use invite code into the principal's tenant; returns the code and its expiry."""
    if not principal.has_role(role):
        raise PermissionDenied("cannot invite with a role above your own", details={"field": "role"})
    code = "inv_" + secrets.token_urlsafe(24)
    invite_id = uuid.uuid4().hex[:16]
    expires = _now() + timedelta(hours=expires_in_hours)
    record = {"invite_id": invite_id, "tenant_id": principal.tenant_id, "role": role.value,
              "expires_at": expires.timestamp(), "created_by": principal.subject, "used_at": None}
    documents.set(invites_collection(principal.tenant_id), invite_id, record)
    documents.set(INVITE_CODES, hashlib.sha256(code.encode()).hexdigest(), record)
    return code, expires


def _consume_invite(documents: DocumentStore, code: str) -> dict[str, Any]:
    key = hashlib.sha256(code.encode()).hexdigest()
    now = time.time()

    def take(doc: dict[str, Any] | None) -> dict[str, Any] | None:
        if not doc or doc.get("used_at") or float(doc.get("expires_at", 0)) < now:
            return None
        doc["used_at"] = now
        return dict(doc)

    invite = documents.transact(INVITE_CODES, key, take)
    if invite is None:
        raise PermissionDenied("invite code is invalid, expired or already used", details={"field": "invite_code"})
    return invite
