"""The tenant id: one pattern and one validator for every document path, statement and payload.

Every document path and every tenant-scoped statement is keyed by a tenant id, so the id is checked once,
here, with one pattern: lower-case letters and digits, then up to 62 of those or ``_``/``-``. Payload models
use :data:`TENANT_ID_PATTERN` (pydantic ``Field(pattern=...)``); code that builds a path or a key calls
:func:`tenant_id`, which refuses anything else, so a ``/`` or an empty id can never reach a path.
"""

from __future__ import annotations

from typing import NewType

from shared import regex as re
from shared.errors import InvalidInput

#: The one tenant-id pattern (also the ``pattern`` of every payload model's ``tenant_id`` field).
TENANT_ID_PATTERN = r"^[a-z0-9][a-z0-9_-]{0,62}$"
_TENANT_ID = re.compile(TENANT_ID_PATTERN)

#: A string known to match :data:`TENANT_ID_PATTERN`.
TenantId = NewType("TenantId", str)


class InvalidTenantId(InvalidInput, ValueError):
    """A tenant id that does not match :data:`TENANT_ID_PATTERN` (bad input: answered 400, acked as permanent)."""


def is_tenant_id(value: object) -> bool:
    """Whether ``value`` is a well-formed tenant id."""
    return isinstance(value, str) and _TENANT_ID.fullmatch(value) is not None


def tenant_id(value: object) -> TenantId:
    """``value`` as a :data:`TenantId`; :class:`InvalidTenantId` when it is not one."""
    if not is_tenant_id(value):
        raise InvalidTenantId(f"invalid tenant id {value!r}", details={"field": "tenant_id"})
    return TenantId(str(value))
