"""Who is calling: the tenant and role always come from verified credentials, never the request body."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from shared.store.tenant import TENANT_ID_PATTERN


class Role(StrEnum):
    """Roles, most to least privileged."""

    ADMIN = "admin"
    ANALYST = "analyst"
    VIEWER = "viewer"


ROLE_RANK = {Role.VIEWER: 0, Role.ANALYST: 1, Role.ADMIN: 2}


class Principal(BaseModel):
    """An authenticated caller."""

    subject: str = Field(min_length=1)
    tenant_id: str = Field(pattern=TENANT_ID_PATTERN)
    role: Role = Role.VIEWER
    via: str = "jwt"

    def has_role(self, required: Role) -> bool:
        """True when this principal's role is at least ``required``."""
        return ROLE_RANK[self.role] >= ROLE_RANK[required]
