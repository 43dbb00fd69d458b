"""The EFatura channel: invoices to their receivers through GİB's EFatura web service
(SENDERENVELOPE in a zip, ``sendDocument``, ``getApplicationResponse``; Ek-1, Ek-2, Ek-3)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime

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
from app.gib import codes
from app.gib.client import EFaturaClient
from app.gib.envelope import (
    MAX_INVOICES,
    POSTBOX_ENVELOPE,
    SENDER_ENVELOPE,
    SYSTEM_ENVELOPE,
    EnvelopeParty,
    build_envelope,
)
from app.gib.errors import NotDelivered, Rejected
from app.gib.package import zip_envelope, zip_file_name

# envelope XML → problems (GİB's envelope XSD + schematron); empty when it is fine
# (envelope, the documents it holds as built) → Turkish problems
EnvelopeCheck = Callable[[bytes, Sequence[bytes]], list[str]]

_OUTCOMES = {
    codes.Outcome.IN_PROGRESS: Outcome.IN_PROGRESS,
    codes.Outcome.SUCCESS: Outcome.SUCCESS,
    codes.Outcome.RESEND: Outcome.RESEND,
    codes.Outcome.ALREADY_SENT: Outcome.ALREADY_SENT,
    codes.Outcome.FIX_AND_RESEND: Outcome.FAILED,
}


class EFaturaChannel:
    name = "efatura"
    kinds = frozenset({DocumentKind.INVOICE, DocumentKind.APPLICATION_RESPONSE})
    max_documents = MAX_INVOICES  # schematron InvoiceCountCheck
    sent_message = "Zarf GİB'e iletildi."
    already_received_message = "GİB zarfı daha önce almış (2001); durumu sorgulanıyor."
    needs_sender_alias = True
    envelope_type = SENDER_ENVELOPE  # Ek-1 §3.1.3 sh:Type
    element_type = "INVOICE"  # Ek-1 §3.2 ElementType

    def __init__(self, client: EFaturaClient | None, *,
                 check: EnvelopeCheck | None = None, sender_alias: str = "") -> None:
        self._client = client
        self._check = check
        self._sender_alias = sender_alias  # instead of the company's GB alias, when set

    @property
    def client(self) -> EFaturaClient:
        if self._client is None:
            raise RuntimeError("this channel only reads statuses; it has no GİB client")
        return self._client

    def pack(self, documents: list[bytes], *, sender: Party, receiver: Party,
             envelope_uuid: str, created: datetime) -> Packed:
        xml = build_envelope(
            documents,
            sender=EnvelopeParty(vkn_tckn=sender.vkn_tckn,
                                 alias=self._sender_alias or sender.alias, name=sender.name),
            receiver=EnvelopeParty(vkn_tckn=receiver.vkn_tckn, alias=receiver.alias,
                                   name=receiver.name),
            envelope_uuid=envelope_uuid, created=created, document_type=self.element_type,
            envelope_type=self.envelope_type)
        problems = self._check(xml, documents) if self._check else []
        if problems:
            raise PackRefused(problems)
        content, md5 = zip_envelope(xml, envelope_uuid, timestamp=created)
        return Packed(content, md5)

    def send(self, envelope_uuid: str, packed: Packed) -> None:
        try:
            self.client.send_document(zip_file_name(envelope_uuid), packed.content, packed.md5)
        except Rejected as exc:
            raise Refused(exc.message, code=exc.code,
                          already_received=exc.already_received) from exc
        except NotDelivered as exc:
            raise Undelivered(exc.message, code=exc.code) from exc

    def poll(self, envelope_uuid: str) -> StatusAnswer:
        try:
            answer = self.client.get_application_response(envelope_uuid)
        except Rejected as exc:
            raise Refused(exc.message, code=exc.code) from exc
        except NotDelivered as exc:
            raise Undelivered(exc.message, code=exc.code) from exc
        return StatusAnswer(answer.status_code, answer.description)

    def status(self, code: int | None, description: str) -> Status:
        info = codes.status(code) if code is not None else None
        if info is None:
            return Status(Outcome.IN_PROGRESS, description)
        return Status(_OUTCOMES[info.outcome], f"{code} {info.gib_text}: {info.meaning}",
                      info.action)


class SystemResponseChannel(EFaturaChannel):
    """The posta kutusu's system responses (1200 / 11xx) about the envelopes it received:
    one unsigned ApplicationResponse per SYSTEMENVELOPE, sent to GİB's EFatura service and
    addressed to the sender's gönderici birim; the envelope's sender is our posta kutusu
    (sample 1_SISTEM_YANITI_POSTA_KUTUSU.xml, Ek-2 §4.2)."""

    name = "efatura-system"
    kinds = frozenset({DocumentKind.SYSTEM_RESPONSE})
    max_documents = 1
    sent_message = "Sistem yanıtı GİB'e iletildi."
    already_received_message = "GİB sistem yanıtını daha önce almış (2001)."
    envelope_type = SYSTEM_ENVELOPE
    element_type = "APPLICATIONRESPONSE"

    def status(self, code: int | None, description: str) -> Status:
        # Nothing is forwarded for a system envelope: once Merkez processed it (1200), it
        # is done. Ek-2 §4 gives no later status for it.
        if code in (1200, 1300):
            info = codes.status(code)
            return Status(Outcome.SUCCESS, f"{code} {info.gib_text if info else ''}".strip())
        return super().status(code, description)


class AnswerChannel(EFaturaChannel):
    """Our KABUL / RED answers (signed ApplicationResponses) in POSTBOXENVELOPEs, through
    GİB to the invoice's sender (Entegrasyon Kılavuzu §3.1–3.2, POSTBOX-NOTES.md); one
    answer per envelope. Their progress goes to the received invoice's history."""

    name = "efatura-answer"
    kinds = frozenset({DocumentKind.APPLICATION_RESPONSE})
    max_documents = 1
    sent_message = "Uygulama yanıtı (KABUL/RED) GİB'e iletildi."
    already_received_message = "GİB uygulama yanıtını daha önce almış (2001); durumu sorgulanıyor."
    envelope_type = POSTBOX_ENVELOPE
    element_type = "APPLICATIONRESPONSE"
