"""The channel protocol: how a batch of documents is packed, sent, followed and what its
status means. The outbox stores envelopes and moves them through their states; a channel
knows one service's format, transport and status codes, and nothing about the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Protocol

from app.domain.documents import DocumentKind
from app.domain.errors import UserError


@dataclass(frozen=True)
class Party:
    """A sender or receiver as a channel addresses it."""

    vkn_tckn: str
    alias: str
    name: str = ""


@dataclass(frozen=True)
class Packed:
    """An envelope ready to send: fixed bytes, so every resend is byte-identical."""

    content: bytes
    md5: str


class PackRefused(UserError):
    """The packed envelope breaks the service's rules (``problems``: what is wrong)."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("Zarf kurallara uymuyor: " + "; ".join(problems[:5]))
        self.problems = problems


class ChannelError(UserError):
    """A send or poll that did not succeed. ``code``: the service's code, if any."""

    def __init__(self, message: str, *, code: int | None = None) -> None:
        super().__init__(message)
        self.code = code


class Undelivered(ChannelError):
    """The request may not have arrived (network, timeout, service busy): try again later."""


class Refused(ChannelError):
    """The service answered and refused. ``already_received``: it has this envelope already
    (for GİB, fault 2001), which means the earlier send arrived."""

    def __init__(self, message: str, *, code: int | None = None,
                 already_received: bool = False) -> None:
        super().__init__(message, code=code)
        self.already_received = already_received


@dataclass(frozen=True)
class StatusAnswer:
    code: int | None
    description: str


class Outcome(Enum):
    """What a status means for the documents of an envelope."""

    IN_PROGRESS = "in_progress"  # ask again later
    SUCCESS = "success"  # delivered
    RESEND = "resend"  # refused for a reason outside the documents: send them again
    ALREADY_SENT = "already_sent"  # the documents went out in an earlier envelope
    FAILED = "failed"  # refused; the documents need fixing


@dataclass(frozen=True)
class Status:
    outcome: Outcome
    text: str  # the status as the user reads it (with the service's own code and words)
    action: str = ""  # what to do next, in Turkish

    @property
    def final(self) -> bool:
        return self.outcome is not Outcome.IN_PROGRESS


class Channel(Protocol):
    name: str  # stored with each envelope (``envelopes.channel``)
    kinds: frozenset[DocumentKind]  # what it carries
    max_documents: int  # per envelope
    # What the history says once the service took an envelope, and when it said it had it
    # already (a resend after a lost answer); whether packing needs the company's own
    # e-Fatura address (GB etiketi) — an e-mail or an e-Arşiv report does not.
    sent_message: str
    already_received_message: str
    needs_sender_alias: bool

    def pack(self, documents: list[bytes], *, sender: Party, receiver: Party,
             envelope_uuid: str, created: datetime) -> Packed:
        """One envelope of ``documents`` (raises ``PackRefused``)."""
        ...

    def send(self, envelope_uuid: str, packed: Packed) -> None:
        """Hand the envelope over (raises ``Undelivered`` or ``Refused``)."""
        ...

    def poll(self, envelope_uuid: str) -> StatusAnswer:
        """The service's status of the envelope (raises ``Undelivered`` or ``Refused``;
        ``Refused`` also when the service does not know the envelope)."""
        ...

    def status(self, code: int | None, description: str) -> Status:
        """What a status code means: whether it is final and what becomes of the documents."""
        ...
