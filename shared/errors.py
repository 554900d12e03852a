"""Typed errors shared by every function and the single HTTP error shape."""

from __future__ import annotations

from typing import Any


class EcomIntelError(Exception):
    """Base error: carries a stable machine code and an HTTP status."""

    code = "internal"
    http_status = 500

    def __init__(self, message: str, *, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}

    def to_body(self, request_id: str | None = None) -> dict[str, Any]:
        """Return the one error body every endpoint uses."""
        return {
            "error": {
                "code": self.code,
                "message": self.message,
                "details": self.details,
                "request_id": request_id,
            }
        }


class InvalidInput(EcomIntelError):
    """The caller sent something we will never be able to process (permanent)."""

    code = "invalid_argument"
    http_status = 400


class NotFound(EcomIntelError):
    """The resource does not exist for this tenant."""

    code = "not_found"
    http_status = 404


class Unauthenticated(EcomIntelError):
    """No or bad credentials."""

    code = "unauthenticated"
    http_status = 401


class PermissionDenied(EcomIntelError):
    """Authenticated but not allowed."""

    code = "permission_denied"
    http_status = 403


class RateLimited(EcomIntelError):
    """Too many requests; ``retry_after`` seconds until a token is free."""

    code = "rate_limited"
    http_status = 429

    def __init__(self, message: str, *, retry_after: int, details: dict[str, Any] | None = None) -> None:
        super().__init__(message, details=details)
        self.retry_after = retry_after


class PayloadTooLarge(EcomIntelError):
    """Upload over the configured size cap."""

    code = "payload_too_large"
    http_status = 413


class Conflict(EcomIntelError):
    """The resource already exists or is in a state that forbids the operation."""

    code = "conflict"
    http_status = 409


class UnsupportedMediaType(EcomIntelError):
    """Content type or file extension not accepted."""

    code = "unsupported_media_type"
    http_status = 415


class TransientError(EcomIntelError):
    """Temporary failure: event handlers re-raise it so the platform retries."""

    code = "unavailable"
    http_status = 503


class StorageUnreadable(EcomIntelError):
    """A storage engine cannot read its own data (a damaged file): a platform fault, never one request's."""

    code = "storage_unreadable"
    http_status = 503
