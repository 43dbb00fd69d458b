"""The e-Arşiv report channel: the daily e-Arşiv report (``eArsivRaporu``) to GİB through
its EArsivWs web service (``sendDocumentFile``, ``getBatchStatus``; EARSIV-NOTES.md).

How it is meant to be used (the outbox's channel protocol, ``app.channels.base``):

* One envelope is one report: ``max_documents`` is 1, and the envelope UUID **is** the
  report's ``raporNo`` — GİB knows the report by it (``fileName`` ``<raporNo>.zip``,
  ``getBatchStatus(paketId=raporNo)``). Read it with ``rapor_no_of(report_xml)`` and use it
  as the envelope UUID when enveloping; ``pack`` refuses any other. The outbox asks
  ``envelope_uuid_for([report_xml])`` for it (``app.outbox.queue.pack``).
* ``pack([report_xml], sender=…, receiver=…, envelope_uuid=raporNo, created=…)`` → a
  ``Packed`` zip ``<raporNo>.zip`` with one ``<raporNo>.xml``; the same report always packs
  to the same bytes. The report must already be signed (the signature inside ``baslik``);
  ``sender``, ``receiver`` and ``created`` are not used (GİB is the receiver).
* ``send(raporNo, packed)`` raises ``Undelivered`` (network, timeout, server error: send the
  same bytes again later) or ``Refused``; ``Refused.already_received`` means GİB has this
  report already (an earlier send arrived though its answer was lost): treat it as sent
  and poll.
* ``poll(raporNo)`` → ``StatusAnswer(durumKodu, durumAciklama)``; ``status(code, text)``
  says what it means: 10 / 15 still processing, 30 done, anything else failed (the
  report needs fixing; a corrected report goes out with a new raporNo).

Every request is signed (WS-Security) with the business's mali mühür: the channel is made
inside an ``app.signing.open_signer`` block with the ``Signer`` it yields. Without an
endpoint or signer it only interprets statuses (``status``).

    with open_signer(cfg, pin) as signer:
        channel = EArsivChannel(endpoint, signer)
        packed = channel.pack([report], sender=me, receiver=gib, envelope_uuid=rapor_no,
                              created=now)
        channel.send(rapor_no, packed)
        answer = channel.poll(rapor_no)
        channel.status(answer.code, answer.description)
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from lxml import etree

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
from app.gib import earsiv_ws
from app.gib.errors import NotDelivered, Rejected
from app.gib.package import md5_hex
from app.signing import Signer
from app.xmlsafe import parse_bytes

# report XML → problems (GİB's e-Arşiv XSD / schematron); empty when it is fine
ReportCheck = Callable[[bytes], list[str]]


def rapor_no_of(report_xml: bytes) -> str:
    """The ``raporNo`` in the report's ``baslik`` (raises ``UserError`` when there is none
    or the document is not an ``eArsivRaporu``)."""
    root = parse_bytes(report_xml).getroot()
    if root.tag != earsiv_ws.REPORT_ROOT:
        raise UserError(f"Belge bir e-Arşiv raporu değil (kök öğe {etree.QName(root).localname},"
                        f" beklenen eArsivRaporu {earsiv_ws.REPORT_NS}).")
    for baslik in root:
        if isinstance(baslik.tag, str) and etree.QName(baslik).localname == "baslik":
            for child in baslik:
                if isinstance(child.tag, str) and etree.QName(child).localname == "raporNo":
                    value = "".join(child.itertext()).strip()
                    if value:
                        return value
    raise UserError("e-Arşiv raporunun başlığında rapor numarası (raporNo) yok.")


class EArsivChannel:
    name = "earsiv"
    kinds = frozenset({DocumentKind.EARCHIVE_REPORT})
    max_documents = 1  # one report per sendDocumentFile
    needs_sender_alias = False  # GİB knows the sender by the WS-Security certificate
    sent_message = "e-Arşiv raporu GİB'e iletildi (Dosya Kaydedildi)."
    already_received_message = "GİB bu raporu daha önce almış; durumu sorgulanıyor."

    def __init__(self, endpoint: str | None, signer: Signer | None, *,
                 timeout: float = earsiv_ws.DEFAULT_TIMEOUT, ca_file: str | None = None,
                 check: ReportCheck | None = None) -> None:
        """``ca_file``: a CA to trust besides the usual ones (a test simulator's);
        ``check``: the report's XSD/schematron problems, run at packing."""
        self.endpoint = endpoint
        self._signer = signer
        self.timeout = timeout
        self.ca_file = ca_file
        self._check = check

    def _transport(self) -> tuple[str, Signer]:
        if self.endpoint is None or self._signer is None:
            raise RuntimeError("this channel only reads statuses; it has no endpoint or signer")
        return self.endpoint, self._signer

    def envelope_uuid_for(self, documents: list[bytes]) -> str:
        """The outbox names the envelope after the report: its ``raporNo``."""
        if len(documents) != 1:
            raise PackRefused([f"Bir gönderimde tek e-Arşiv raporu olur; {len(documents)} "
                               "belge verildi."])
        try:
            return rapor_no_of(documents[0])
        except UserError as exc:
            raise PackRefused([exc.message]) from exc

    def pack(self, documents: list[bytes], *, sender: Party, receiver: Party,
             envelope_uuid: str, created: datetime) -> Packed:
        if len(documents) != 1:
            raise PackRefused([f"Bir gönderimde tek e-Arşiv raporu olur; {len(documents)} "
                               "belge verildi."])
        report = documents[0]
        try:
            rapor_no = rapor_no_of(report)
        except UserError as exc:
            raise PackRefused([exc.message]) from exc
        if rapor_no != envelope_uuid:
            raise PackRefused([f"Zarf numarası raporun numarası olmalı: raporNo {rapor_no}, "
                               f"zarf {envelope_uuid}."])
        problems = self._check(report) if self._check else []
        if problems:
            raise PackRefused(problems)
        try:
            content = earsiv_ws.pack_report(report, rapor_no)
        except UserError as exc:
            raise PackRefused([exc.message]) from exc
        return Packed(content, md5_hex(content))

    def send(self, envelope_uuid: str, packed: Packed) -> None:
        endpoint, signer = self._transport()
        try:
            earsiv_ws.send_report_zip(endpoint, earsiv_ws.report_file_name(envelope_uuid),
                                      packed.content, signer, timeout=self.timeout,
                                      ca_file=self.ca_file)
        except Rejected as exc:
            raise Refused(exc.message, code=exc.code,
                          already_received=exc.already_received) from exc
        except NotDelivered as exc:
            raise Undelivered(exc.message, code=exc.code) from exc

    def poll(self, envelope_uuid: str) -> StatusAnswer:
        endpoint, signer = self._transport()
        try:
            answer = earsiv_ws.batch_status(endpoint, envelope_uuid, signer,
                                            timeout=self.timeout, ca_file=self.ca_file)
        except Rejected as exc:
            raise Refused(exc.message, code=exc.code) from exc
        except NotDelivered as exc:
            raise Undelivered(exc.message, code=exc.code) from exc
        return StatusAnswer(answer.code, answer.description)

    def status(self, code: int | None, description: str) -> Status:
        shown = f"{code} {description}".strip() if code is not None else description
        if code is None or code in earsiv_ws.PROCESSING:
            return Status(Outcome.IN_PROGRESS, shown or "Rapor GİB'de işleniyor.")
        if code == earsiv_ws.DONE:
            return Status(Outcome.SUCCESS, shown or "Rapor GİB'de işlendi.")
        return Status(Outcome.FAILED, f"e-Arşiv raporu işlenemedi: {shown}",
                      "Raporu düzeltip yeni bir rapor numarasıyla tekrar gönderin.")
