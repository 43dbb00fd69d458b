"""The EFatura SOAP service the simulator answers (Ek-3 §7.2): ``sendDocument`` and
``getApplicationResponse``, with the fault switches applied to them, and what every answer
says about the simulator (BANNER, NOTE)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import TYPE_CHECKING

from app import clock

from .. import codes, soap
from ..envelope import EnvelopeParty, is_uuid
from ..package import md5_hex
from ..system_response import build_system_envelope
from .faults import FaultKind

if TYPE_CHECKING:
    from .httpd import SimulatorRequestHandler
    from .server import GibSimulator

log = logging.getLogger("tezgah.gib.simulator")

BANNER = "TEZGAH GIB TEST SIMULATORU - GERCEK GIB DEGILDIR"
NOTE = "Bu sistem yanıtı Tezgâh GİB test simülatöründen gelmektedir; gerçek GİB değildir."
SERVICE_PATH = "/EFaturaMerkez/services/EFatura"
SIMULATOR_PARTY = EnvelopeParty("0000000000", "GIB-TEST-SIMULATORU",
                                "Tezgâh GİB Test Simülatörü (gerçek GİB değildir)")


def fault(code: int, detail: str = "") -> tuple[int, bytes]:
    """An EFaturaFault answer (HTTP 500) with GİB's text for ``code`` (Ek-3 §8)."""
    text = codes.fault(code).gib_text
    reason = f"{text} {detail}".strip() + f" [{BANNER}]"
    return 500, soap.fault_response(code, text, reason=reason)


def send_document(sim: GibSimulator, request: soap.DocumentRequest) -> tuple[int, bytes]:
    """Store the envelope and queue it for Merkez's checks (faults 2006, 2000, 2001)."""
    name = request.file_name
    stem = name[:-4] if name.lower().endswith(".zip") else ""
    if not stem or not is_uuid(stem):
        return fault(2006, f"{name!r}")
    computed = md5_hex(request.binary_data)
    if computed != request.hash.strip().lower():
        return fault(2000)
    cfg = sim.config
    if not sim.state.receive(stem, name, request.binary_data, queue_delay=cfg.queue_delay,
                              processing_delay=cfg.processing_delay,
                              delivery_delay=cfg.delivery_delay):
        return fault(2001)
    sim.enqueue_check(stem.lower())
    log.info("%s: zarf alındı %s (%d bayt)", BANNER, name, len(request.binary_data))
    return 200, soap.send_document_response(f"ZARF BASARIYLA ALINDI [{BANNER}]", computed)


def get_application_response(sim: GibSimulator, instance_identifier: str) -> tuple[int, bytes]:
    """The system response for an envelope at its current status (fault 2004 if unknown)."""
    row = sim.state.get(instance_identifier.strip())
    if row is None:
        return fault(2004)
    now = clock.timestamp()
    code = row.status_at(now)
    description = row.description_at(code) or codes.status(code).gib_text
    receiver = EnvelopeParty(row.sender_vkn or "", row.sender_alias or "", row.sender_name or "")
    xml = build_system_envelope(
        envelope_id=instance_identifier.strip(),
        envelope_date=row.envelope_date or datetime.fromtimestamp(row.received_at).date().isoformat(),
        code=code, description=description, sender=SIMULATOR_PARTY, receiver=receiver,
        created=clock.now(), notes=[NOTE],
    )
    return 200, soap.get_app_resp_response(xml.decode("utf-8"))


def answer_soap(handler: SimulatorRequestHandler, body: bytes) -> None:
    """Answer one SOAP request (POST to the service address) through ``handler``."""
    sim = handler.server.sim
    try:
        envelope = soap.unpack_http_body(body, handler.headers.get("Content-Type") or "")
        element = soap.parse_envelope(envelope)
    except Exception as exc:
        handler.send_soap(400, soap.fault_response(None, f"SOAP iletisi okunamadı: {exc}",
                                                   sender_fault=True))
        return
    name = soap.local_name(element)
    operation = {"documentRequest": soap.ACTION_SEND,
                 "getAppRespRequest": soap.ACTION_GET}.get(name)
    if operation is None or soap.element_namespace(element) != soap.EFATURA:
        handler.send_soap(400, soap.fault_response(None, f"Bilinmeyen işlem: {name}",
                                                   sender_fault=True))
        return
    rule = sim.faults.take(operation)
    if rule is not None:
        log.info("%s: hata anahtarı %s (%s)", BANNER, rule.kind.value, operation)
        if rule.kind is FaultKind.DROP:
            handler.drop()
            return
        if rule.kind is FaultKind.HTTP_500:
            handler.send(500, b"<html><body><h1>500 Internal Server Error</h1>"
                              b"<p>" + BANNER.encode() + b"</p></body></html>",
                         "text/html; charset=utf-8")
            return
        if rule.kind is FaultKind.HANG:
            sim.wait_stopped(rule.seconds)
            handler.drop()
            return
        if rule.kind is FaultKind.FAULT_2005:
            handler.send_soap(*fault(2005))
            return
        if rule.kind is FaultKind.FAULT_2007:
            handler.send_soap(*fault(2007))
            return
        if rule.kind is FaultKind.SLOW:
            sim.wait_stopped(rule.seconds)
    try:
        if operation == soap.ACTION_SEND:
            status, answer = send_document(sim, soap.read_document_request(element))
        else:
            ident = (soap.read_child(element, "instanceIdentifier") or "").strip()
            status, answer = get_application_response(sim, ident)
    except soap.SoapFormatError as exc:
        status, answer = 400, soap.fault_response(None, exc.message, sender_fault=True)
    except Exception as exc:
        log.exception("%s: istek işlenemedi", BANNER)
        status, answer = fault(2005, str(exc))
    if rule is not None and rule.kind is FaultKind.LOSE_RESPONSE:
        handler.drop()
        return
    if rule is not None and rule.kind is FaultKind.TRICKLE:
        handler.send_soap(status, answer, pause=rule.seconds)
        return
    handler.send_soap(status, answer)
