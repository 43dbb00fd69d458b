"""The e-mail channel: an issued e-Arşiv invoice delivered ELEKTRONIK goes to its buyer as an
e-mail with the PDF and the signed XML attached (``app.mail``), through the outbox like any
other document.

How it fits the channel protocol (``app.channels.base``):

* One envelope is one e-mail to one address: ``max_documents`` is 1 and the receiver's
  ``alias`` is the e-mail address (the outbox item keeps it, so a resend to another address
  is its own item).
* ``pack`` makes the whole message once — the PDF comes from ``pdf_for(xml)``, given by the
  use case that makes the channel (the channel knows no database) — and its bytes are kept
  with the envelope: every retry sends the same message. Its Message-ID is
  ``<ettn.envelope-uuid@sender's domain>``: stable across the retries of one attempt, new for
  a new attempt (a resend on demand is a new envelope).
* ``send`` hands it to the mail server: ``MailUndelivered`` → ``Undelivered`` (try later with
  the same bytes), ``MailRefused`` → ``Refused``. After the server accepted it, a small
  receipt file ``<journal>/<envelope uuid>`` records the address.
* ``poll`` answers from that receipt — an SMTP server has nothing to ask — so the e-mail is
  done at once. When a run died between the send and storing its result, the receipt tells
  whether the message was accepted: with it, nothing is sent twice; without it the message
  is sent again (same Message-ID).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

from app.channels.base import (
    Outcome,
    Packed,
    PackRefused,
    Party,
    Refused,
    Status,
    StatusAnswer,
    Undelivered,
)
from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.mail.invoice_mail import checked_address, invoice_message
from app.mail.smtp import MailRefused, MailUndelivered, SmtpConfig, send_message

#: The status code ``poll`` answers once the mail server accepted the message (SMTP 250).
ACCEPTED = 250
SENT_PREFIX = "e-posta ile gönderildi: "

# message → None; raises MailUndelivered / MailRefused
Deliver = Callable[[EmailMessage], None]


def smtp_deliver(config: SmtpConfig) -> Deliver:
    def deliver(message: EmailMessage) -> None:
        send_message(config, message)

    return deliver


def folder_deliver(folder: Path) -> Deliver:
    """No e-mail leaves: each message is written to ``folder/<Message-ID>.eml`` (demo mode)."""

    def deliver(message: EmailMessage) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        stem = str(message["Message-ID"]).strip("<>").replace("@", "_").replace("/", "_")
        (folder / f"{stem}.eml").write_bytes(message.as_bytes())

    return deliver


def envelope_message_id(ettn: str, envelope_uuid: str, from_address: str) -> str:
    domain = checked_address(from_address, "Gönderen adresi").split("@")[1].lower()
    return f"<{ettn.strip().lower()}.{envelope_uuid.strip().lower()}@{domain}>"


class EmailChannel:
    name = "email"
    kinds = frozenset({DocumentKind.INVOICE})
    max_documents = 1  # one invoice per e-mail
    sent_message = "E-posta sunucusu iletiyi aldı."
    already_received_message = "E-posta daha önce gönderilmiş; yeniden gönderilmedi."
    needs_sender_alias = False

    def __init__(self, deliver: Deliver, *, pdf_for: Callable[[bytes], bytes],
                 from_address: str, from_name: str = "", journal: Path | None = None) -> None:
        """``deliver``: hands a message over (``smtp_deliver(config)`` or, in demo mode,
        ``folder_deliver``); ``pdf_for``: the PDF of a signed invoice; ``journal``: where
        the receipts of accepted messages are kept (None: poll trusts every send)."""
        self._deliver = deliver
        self._pdf_for = pdf_for
        self.from_address = from_address
        self.from_name = from_name
        self.journal = journal

    def pack(self, documents: list[bytes], *, sender: Party, receiver: Party,
             envelope_uuid: str, created: datetime) -> Packed:
        from app.gib.package import md5_hex

        if len(documents) != 1:
            raise PackRefused([f"Bir e-postada tek fatura olur; {len(documents)} belge verildi."])
        xml = documents[0]
        try:
            pdf = self._pdf_for(xml)
            message = invoice_message(xml, pdf, from_address=self.from_address,
                                      from_name=self.from_name, to=receiver.alias, now=created)
            from app.ubl.reader import read_ubl

            ettn = read_ubl(xml).uuid
            del message["Message-ID"]
            message["Message-ID"] = envelope_message_id(ettn, envelope_uuid, self.from_address)
        except UserError as exc:
            raise PackRefused([exc.message]) from exc
        content = message.as_bytes()
        return Packed(content, md5_hex(content))

    def send(self, envelope_uuid: str, packed: Packed) -> None:
        message = BytesParser(policy=policy.default).parsebytes(packed.content)
        assert isinstance(message, EmailMessage)
        to = str(message.get("To", ""))
        try:
            self._deliver(message)
        except MailUndelivered as exc:
            raise Undelivered(f"e-posta gönderilemedi ({to}), tekrar denenecek: {exc.message}",
                              code=exc.code) from exc
        except MailRefused as exc:
            raise Refused(f"e-posta gönderilemedi ({to}): {exc.message}", code=exc.code) from exc
        self._write_receipt(envelope_uuid, _address_of(to))

    def poll(self, envelope_uuid: str) -> StatusAnswer:
        if self.journal is None:
            return StatusAnswer(ACCEPTED, SENT_PREFIX.rstrip(": "))
        receipt = self._receipt(envelope_uuid)
        try:
            address = receipt.read_text(encoding="utf-8").strip()
        except FileNotFoundError:
            raise Refused("Bu e-posta sunucuya teslim edilmemiş.") from None
        return StatusAnswer(ACCEPTED, SENT_PREFIX + address)

    def status(self, code: int | None, description: str) -> Status:
        if code == ACCEPTED:
            return Status(Outcome.SUCCESS, description or SENT_PREFIX.rstrip(": "))
        return Status(Outcome.IN_PROGRESS, description or "e-posta gönderiliyor.")

    # -- receipts ----------------------------------------------------------------------------
    def _receipt(self, envelope_uuid: str) -> Path:
        assert self.journal is not None
        safe = "".join(c for c in envelope_uuid if c.isalnum() or c == "-")
        return self.journal / safe

    def _write_receipt(self, envelope_uuid: str, address: str) -> None:
        if self.journal is None:
            return
        self.journal.mkdir(parents=True, exist_ok=True)
        path = self._receipt(envelope_uuid)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(address, encoding="utf-8")
        with contextlib.suppress(OSError), tmp.open("rb") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)


def _address_of(header: str) -> str:
    from email.utils import parseaddr

    return parseaddr(header)[1] or header


__all__ = ["ACCEPTED", "SENT_PREFIX", "EmailChannel", "envelope_message_id", "folder_deliver",
           "smtp_deliver"]
