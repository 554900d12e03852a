"""Tenants, users and invites in the document store.

Layout:
- ``tenants/<tenant>`` (collection ``tenants``): the tenant record.
- ``tenants/<tenant>/users/<user_id>``: a user (bcrypt hash, role).
- ``user_emails/<sha256(email)>``: the global e-mail index used by log-in (``{tenant_id, user_id}``).
- ``tenants/<tenant>/invites/<invite_id>`` + ``invites/<sha256(code)>``: single-use invite codes.

Sign-up without an invite creates a new tenant and makes the user its admin; with an invite the user
joins the inviting tenant with the invite's role. The e-mail index is claimed with ``create`` (atomic),
so two sign-ups with one address cannot both win.

Where the product can send e-mail (``email_verification_on``), sign-up proves the address first and never
says whether it has an account: ``start_signup`` answers every request alike and mails either a single-use
code that ``finish_signup`` turns into the account (``signup_pending/<sha256(code)>``), or, to an address that
already has an account, a note saying so. Without e-mail (the embedded single-machine install) ``signup``
creates the account at once for a new address and leaves a taken one untouched; the caller answers both alike
and the user then signs in (only the address's own password opens its account).
"""

from __future__ import annotations

import hashlib
import secrets
import time
import uuid
from dataclasses import dataclass
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
    PENDING_SIGNUPS,
    USER_EMAILS,
    invites_collection,
    put_tenant,
    users_collection,
)

SIGNUP_CODE_HOURS = 24


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


def signup(documents: DocumentStore, settings: Settings, body: SignupRequest) -> Principal | None:
    """Create the user (and tenant, without an invite) unless the address has an account; then ``None``.

    Made so the caller can answer both alike: either way the password is hashed once, an invite is checked
    (an invalid one is refused whatever the address) but used only by an account actually created, and an
    existing account, its invite and its tenant are never changed.
    """
    check_password_policy(body.password)
    email = normalise_email(body.email)
    password_hash = hash_password(body.password, rounds=settings.bcrypt_rounds)
    if body.invite_code:
        _valid_invite(documents, body.invite_code)
    if documents.get(USER_EMAILS, _email_key(email)) is not None:
        return None
    try:
        principal, _ = _create_account(documents, email, password_hash, body.tenant_name, body.invite_code)
    except Conflict:  # another sign-up took the address meanwhile: the same answer as a taken one
        return None
    return principal


def _create_account(documents: DocumentStore, email: str, password_hash: str, tenant_name: str | None,
                    invite_code: str | None) -> tuple[Principal, str]:
    """Claim the address, then use the invite (if any); a claim whose invite is refused is released."""
    user_id = "u-" + uuid.uuid4().hex[:16]
    invite: dict[str, Any] | None = None
    if invite_code:
        peeked = _valid_invite(documents, invite_code)
        tenant_id, role = str(peeked["tenant_id"]), Role(peeked["role"])
    else:
        tenant_id, role = new_tenant_id(), Role.ADMIN
    if not documents.create(USER_EMAILS, _email_key(email), {"tenant_id": tenant_id, "user_id": user_id}):
        raise Conflict("an account with this e-mail already exists", details={"field": "email"})
    if invite_code:
        try:
            invite = _consume_invite(documents, invite_code)
        except PermissionDenied:  # used by someone else since it was checked: this claim is ours to undo
            documents.delete(USER_EMAILS, _email_key(email))
            raise
    if invite is None:
        put_tenant(documents, tenant_id, {"tenant_id": tenant_id, "name": tenant_name or email,
                                          "created_at": _now().isoformat(), "created_by": user_id})
    documents.set(users_collection(tenant_id), user_id, {
        "user_id": user_id, "email": email, "role": role.value, "tenant_id": tenant_id,
        "password_hash": password_hash, "created_at": _now().isoformat(), "invited": invite is not None,
    })
    return Principal(subject=user_id, tenant_id=tenant_id, role=role, via="password"), email


def email_verification_on(settings: Settings) -> bool:
    """Whether sign-up proves the address by e-mail: as configured, else wherever an SMTP server is set."""
    if settings.signup_email_verification is not None:
        return settings.signup_email_verification
    return settings.smtp_host is not None


@dataclass(frozen=True)
class SignupMail:
    """The one e-mail a sign-up sends."""

    to: str
    subject: str
    text: str


def start_signup(documents: DocumentStore, settings: Settings, body: SignupRequest) -> SignupMail:
    """Record a pending sign-up and return the e-mail with its code; for a taken address, a note instead.

    The caller answers both alike (and both pay one password hash and send one e-mail), so the answer never
    tells whether the address has an account. The invite, if any, is checked when the code is used.
    """
    check_password_policy(body.password)
    email = normalise_email(body.email)
    password_hash = hash_password(body.password, rounds=settings.bcrypt_rounds)
    base = settings.public_base_url.rstrip("/")
    if documents.get(USER_EMAILS, _email_key(email)) is not None:
        return SignupMail(email, "Your ecomintel account", (
            "Someone, maybe you, asked to create an ecomintel account with this address, which already has one.\n"
            f"To use it, sign in at {base}/signin. If it was not you, you can ignore this e-mail.\n"))
    code = "su_" + secrets.token_urlsafe(24)
    documents.set(PENDING_SIGNUPS, hashlib.sha256(code.encode()).hexdigest(), {
        "email": email, "password_hash": password_hash, "tenant_name": body.tenant_name,
        "invite_code": body.invite_code, "expires_at": (_now() + timedelta(hours=SIGNUP_CODE_HOURS)).timestamp(),
    })
    return SignupMail(email, "Finish creating your ecomintel account", (
        f"To finish creating your ecomintel account, open {base}/signup/verify?code={code}\n"
        f"or enter this code: {code}\n"
        f"It works once, for {SIGNUP_CODE_HOURS} hours. If you did not ask for an account, ignore this e-mail.\n"))


def finish_signup(documents: DocumentStore, code: str) -> tuple[Principal, str]:
    """Create the account a pending sign-up's code stands for (once); ``PermissionDenied`` for a bad code."""
    now = time.time()

    def take(doc: dict[str, Any] | None) -> dict[str, Any] | None:
        if not doc or doc.get("used_at") or float(doc.get("expires_at", 0)) < now:
            return None
        doc["used_at"] = now
        return dict(doc)

    pending = documents.transact(PENDING_SIGNUPS, hashlib.sha256(code.encode()).hexdigest(), take)
    if pending is None:
        raise PermissionDenied("sign-up code is invalid, expired or already used", details={"field": "code"})
    return _create_account(documents, str(pending["email"]), str(pending["password_hash"]),
                           pending.get("tenant_name"), pending.get("invite_code"))


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


def _invite_usable(doc: dict[str, Any] | None, now: float) -> bool:
    return doc is not None and bool(doc) and not doc.get("used_at") and float(doc.get("expires_at", 0)) >= now


def _valid_invite(documents: DocumentStore, code: str) -> dict[str, Any]:
    """The invite a code stands for, without using it; ``PermissionDenied`` if it cannot be used."""
    invite = documents.get(INVITE_CODES, hashlib.sha256(code.encode()).hexdigest())
    if invite is None or not _invite_usable(invite, time.time()):
        raise PermissionDenied("invite code is invalid, expired or already used", details={"field": "invite_code"})
    return invite


def _consume_invite(documents: DocumentStore, code: str) -> dict[str, Any]:
    key = hashlib.sha256(code.encode()).hexdigest()
    now = time.time()

    def take(doc: dict[str, Any] | None) -> dict[str, Any] | None:
        if doc is None or not _invite_usable(doc, now):
            return None
        doc["used_at"] = now
        return dict(doc)

    invite = documents.transact(INVITE_CODES, key, take)
    if invite is None:
        raise PermissionDenied("invite code is invalid, expired or already used", details={"field": "invite_code"})
    return invite
