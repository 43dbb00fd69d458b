"""The local API's error answers: JSON with the Turkish message first, the request field to
fix (when there is one) and a short English text for a programmer.

``{"hata": "…", "alan": "lines[0].quantity" | null, "error": "…"}``
"""

from __future__ import annotations

from typing import Any

from app.domain.errors import NotFoundError, RulesMissingError, UserError, ValidationFailed
from app.usecases.local_api import BatchSigningOff, NotADraft, SignerUnavailable, SigningBusy

ENGLISH = {
    400: "bad request", 401: "unauthorized", 403: "forbidden", 404: "not found",
    405: "method not allowed", 409: "conflict", 411: "length required",
    413: "payload too large", 414: "URI too long", 431: "request header fields too large", 500: "internal error",
    503: "service unavailable",
}


class ApiError(Exception):
    """An answer other than success, with the Turkish message the caller sees."""

    def __init__(self, status: int, message: str, field: str | None = None, *,
                 extra: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.field = field
        self.extra = extra or {}

    def body(self) -> dict[str, Any]:
        return {"hata": self.message, "alan": self.field,
                "error": ENGLISH.get(self.status, "error"), **self.extra}


def from_user_error(exc: UserError) -> ApiError:
    """The HTTP status a use case's refusal becomes."""
    if isinstance(exc, NotFoundError):
        return ApiError(404, exc.message, exc.field)
    if isinstance(exc, BatchSigningOff):
        return ApiError(403, exc.message, exc.field)
    if isinstance(exc, SigningBusy | NotADraft):
        return ApiError(409, exc.message, exc.field)
    if isinstance(exc, RulesMissingError | SignerUnavailable):
        return ApiError(503, exc.message, exc.field)
    if isinstance(exc, ValidationFailed):
        problems = [str(p) for p in (exc.problems or [])][:50]
        return ApiError(400, exc.message, exc.field, extra={"sorunlar": problems})
    return ApiError(400, exc.message, exc.field)
