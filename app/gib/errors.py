"""Errors of the EFatura web-service client.

Two families, because the caller must act differently:

* ``NotDelivered`` — the envelope may not have reached GİB (network, timeout, HTTP 5xx,
  fault 2005 SISTEM HATASI, fault 2007 temporary refusal). Send the *same* envelope (same
  UUID, same zip) again later. ``maybe_received`` is True when the request was fully sent
  before the failure: GİB may have stored it, so a resend can answer 2001, which means
  "ask for the status".
* ``Rejected`` — GİB answered with an ``EFaturaFault`` saying the request itself is wrong
  (2000 MD5, 2001 already received, 2002/2003/2004/2006). ``already_received`` (2001) means
  the envelope is at GİB: query its status instead of sending again.
"""

from __future__ import annotations

from app.domain.errors import UserError

from . import codes


class GibError(UserError):
    """Base of the web-service errors; ``message`` is Turkish."""

    def __init__(self, message: str, *, code: int | None = None, gib_text: str = "") -> None:
        super().__init__(message)
        self.code = code
        self.gib_text = gib_text


class NotDelivered(GibError):
    """Retry later with the same envelope."""

    def __init__(self, message: str, *, code: int | None = None, gib_text: str = "",
                 maybe_received: bool = False) -> None:
        super().__init__(message, code=code, gib_text=gib_text)
        self.maybe_received = maybe_received


class Rejected(GibError):
    """GİB refused the request; see ``code`` and ``already_received``."""

    @property
    def already_received(self) -> bool:
        return self.code == 2001

    @property
    def envelope_unknown(self) -> bool:
        return self.code == 2004


class ProtocolError(NotDelivered):
    """The answer was not a SOAP message we understand (e.g. a proxy's error page)."""


def from_fault(code: int, gib_text: str) -> GibError:
    """The typed error for an ``EFaturaFault`` (Ek-3 §8)."""
    info = codes.fault(code)
    message = f"GİB hata kodu {code} ({gib_text or info.gib_text}): {info.meaning} {info.action}"
    if info.retryable:
        return NotDelivered(message, code=code, gib_text=gib_text, maybe_received=False)
    return Rejected(message, code=code, gib_text=gib_text)
