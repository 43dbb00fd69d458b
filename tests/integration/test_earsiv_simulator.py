"""The e-Arşiv report channel against the simulator's EArsivWs over real HTTP on 127.0.0.1:
WS-Security signed requests (RSA and EC), the report zip's checks, the 10 → 15 → 30 status
timeline, injected failures, and the outcomes the outbox relies on (Undelivered,
Refused, already received)."""

from __future__ import annotations

import base64
import io
import re
import socket
import uuid as uuid_mod
import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12

from app import clock
from app.channels.base import Outcome, Packed, PackRefused, Party, Refused, Undelivered
from app.channels.earsiv import EArsivChannel, rapor_no_of
from app.gib import earsiv_ws as ws
from app.gib.errors import NotDelivered
from app.gib.simulator import GibSimulator
from app.signing import SignerConfig, open_signer
from tests.fixtures.simulator import SENDER

GIB = Party("3900383669", "GIB")


def _report(rapor_no: str, *, extra: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<earsiv:eArsivRaporu xmlns:earsiv="http://earsiv.efatura.gov.tr">'
        "<earsiv:baslik><versiyon>1.0</versiyon>"
        f"<mukellef><vkn>{SENDER.vkn_tckn}</vkn></mukellef>"
        f"<hazirlayan><vkn>{SENDER.vkn_tckn}</vkn></hazirlayan>"
        f"<raporNo>{rapor_no}</raporNo>"
        "<donemBaslangicTarihi>2026-11-27</donemBaslangicTarihi>"
        "<donemBitisTarihi>2026-11-27</donemBitisTarihi>"
        f"</earsiv:baslik>{extra}</earsiv:eArsivRaporu>"
    ).encode()


def _new_rapor_no() -> str:
    return str(uuid_mod.uuid4()).upper()


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def sim(make_gib_simulator: Callable[..., GibSimulator]) -> GibSimulator:
    return make_gib_simulator()


@pytest.fixture
def channel(sim: GibSimulator, gib_signer) -> EArsivChannel:  # type: ignore[no-untyped-def]
    return EArsivChannel(sim.earsiv_url, gib_signer, timeout=5)


def _pack(channel: EArsivChannel, rapor_no: str, report: bytes | None = None) -> Packed:
    return channel.pack([report or _report(rapor_no)], sender=Party(SENDER.vkn_tckn, ""),
                        receiver=GIB, envelope_uuid=rapor_no, created=clock.now())


def _poll_codes(channel: EArsivChannel, rapor_no: str, times: int = 3) -> list[int | None]:
    return [channel.poll(rapor_no).code for _ in range(times)]


def _rejected(sim: GibSimulator, envelope: bytes,
              action: str = ws.ACTION_SEND_DOCUMENT_FILE) -> ws.ReportRejected:
    with pytest.raises(ws.ReportRejected) as caught:
        ws.call(sim.earsiv_url, action, envelope, timeout=5)
    return caught.value


# --- accepted reports ---------------------------------------------------------------------

def test_signed_report_is_accepted_and_polls_10_15_30(sim, channel):
    rapor_no = _new_rapor_no()
    packed = _pack(channel, rapor_no)
    channel.send(rapor_no, packed)
    answers = [channel.poll(rapor_no) for _ in range(3)]
    assert [a.code for a in answers] == [10, 15, 30]
    outcomes = [channel.status(a.code, a.description).outcome for a in answers]
    assert outcomes == [Outcome.IN_PROGRESS, Outcome.IN_PROGRESS, Outcome.SUCCESS]
    assert channel.status(answers[-1].code, answers[-1].description).final
    assert sim.earsiv.state.report_zip(rapor_no) == packed.content
    with zipfile.ZipFile(io.BytesIO(packed.content)) as zf:
        assert zf.namelist() == [f"{rapor_no}.xml"]
        assert zf.read(f"{rapor_no}.xml") == _report(rapor_no)


def test_packing_is_byte_identical_and_checks_the_rapor_no(channel):
    rapor_no = _new_rapor_no()
    first = _pack(channel, rapor_no)
    with clock.frozen_at(clock.now() + timedelta(days=3)):
        again = _pack(channel, rapor_no)
    assert first == again
    assert rapor_no_of(_report(rapor_no)) == rapor_no
    with pytest.raises(PackRefused):
        channel.pack([_report(rapor_no)], sender=Party(SENDER.vkn_tckn, ""), receiver=GIB,
                      envelope_uuid=_new_rapor_no(), created=clock.now())
    with pytest.raises(PackRefused):
        channel.pack([b"<Invoice/>"], sender=Party(SENDER.vkn_tckn, ""), receiver=GIB,
                     envelope_uuid=rapor_no, created=clock.now())
    with pytest.raises(PackRefused):
        channel.pack([_report(rapor_no)] * 2, sender=Party(SENDER.vkn_tckn, ""), receiver=GIB,
                     envelope_uuid=rapor_no, created=clock.now())


def _ec_signer_config(tmp_path: Path, curve: ec.EllipticCurve) -> tuple[SignerConfig, str]:
    from app.signing.testcert import issue_certificate, make_test_ca, new_ec_key

    ca_key, ca_cert = make_test_ca()
    key, cert = issue_certificate(ca_key, ca_cert, vkn_tckn=SENDER.vkn_tckn, name=SENDER.name,
                                  key=new_ec_key(curve), test_marker=True)
    password = "ec-test"
    path = tmp_path / f"ec-{curve.name}.p12"
    path.write_bytes(pkcs12.serialize_key_and_certificates(
        b"ec", key, cert, [ca_cert], serialization.BestAvailableEncryption(password.encode())))
    return SignerConfig(kind="pkcs12", pkcs12_path=str(path)), password


@pytest.fixture(params=[ec.SECP256R1(), ec.SECP384R1()], ids=["P-256", "P-384"])
def ec_signer(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    cfg, password = _ec_signer_config(tmp_path, request.param)
    with open_signer(cfg, password) as signer:
        assert signer.key_type == "EC"
        yield signer


def test_an_ec_key_signs_the_requests(sim, ec_signer):
    rapor_no = _new_rapor_no()
    data = ws.pack_report(_report(rapor_no), rapor_no)
    message = ws.send_report_zip(sim.earsiv_url, ws.report_file_name(rapor_no), data, ec_signer,
                                 timeout=5)
    assert "Dosya Kaydedildi" in message
    envelope = ws.get_batch_status_request(rapor_no, ec_signer)
    assert b"xmldsig-more#ecdsa-sha" in envelope
    codes = [ws.batch_status(sim.earsiv_url, rapor_no, ec_signer, timeout=5).code
             for _ in range(3)]
    assert codes == [10, 15, 30]


def test_request_carries_token_timestamp_and_signature(gib_signer):
    envelope = ws.send_document_file_request("x.zip", b"PK", gib_signer)
    text = envelope.decode()
    assert ws.X509V3 in text and ws.EXC_C14N in text and ws.RSA_SHA256 in text
    token = re.search(r"<wsse:BinarySecurityToken[^>]*>([^<]+)<", text)
    assert token and base64.b64decode(token.group(1)) == gib_signer.certificate_der
    created = re.search(r"<wsu:Created>([^<]+)<", text)
    expires = re.search(r"<wsu:Expires>([^<]+)<", text)
    assert created and expires and created.group(1).endswith("Z")
    gap = datetime.fromisoformat(expires.group(1)) - datetime.fromisoformat(created.group(1))
    assert gap == timedelta(minutes=5)
    assert abs(datetime.fromisoformat(created.group(1)) - clock.now()) < timedelta(minutes=1)


# --- the WS-Security check ----------------------------------------------------------------

def test_a_body_changed_after_signing_is_refused(sim, gib_signer):
    rapor_no = _new_rapor_no()
    envelope = ws.send_document_file_request(ws.report_file_name(rapor_no),
                                             ws.pack_report(_report(rapor_no), rapor_no),
                                             gib_signer)
    start = envelope.index(b"<binaryData>") + len(b"<binaryData>") + 40
    tampered = envelope[:start] + (b"A" if envelope[start:start + 1] != b"A" else b"B") \
        + envelope[start + 1:]
    assert len(tampered) == len(envelope) and tampered != envelope
    refused = _rejected(sim, tampered)
    assert refused.code == 3001 and not refused.already_received
    assert sim.earsiv.state.rapor_nos() == []


def test_a_changed_signature_value_is_refused(sim, gib_signer):
    envelope = ws.get_batch_status_request(_new_rapor_no(), gib_signer)
    value = re.search(rb"<ds:SignatureValue>([^<]+)<", envelope)
    assert value
    raw = bytearray(base64.b64decode(value.group(1)))
    raw[10] ^= 0x01
    tampered = envelope.replace(value.group(1), base64.b64encode(bytes(raw)))
    assert _rejected(sim, tampered, ws.ACTION_GET_BATCH_STATUS).code == 3001


def test_an_expired_timestamp_is_refused(sim, gib_signer):
    rapor_no = _new_rapor_no()
    with clock.frozen_at(clock.now() - timedelta(minutes=6)):
        envelope = ws.send_document_file_request(
            ws.report_file_name(rapor_no), ws.pack_report(_report(rapor_no), rapor_no),
            gib_signer)
    refused = _rejected(sim, envelope)
    assert refused.code == 3002
    assert "saat" in refused.message  # tells the user to check the computer's clock


def test_a_request_without_ws_security_is_refused(sim):
    plain = (f'<soap:Envelope xmlns:soap="{ws.SOAP12}"><soap:Header/><soap:Body>'
             f'<e:getBatchStatus xmlns:e="{ws.EARSIV_WS}"><paketId>x</paketId>'
             "</e:getBatchStatus></soap:Body></soap:Envelope>").encode()
    assert _rejected(sim, plain, ws.ACTION_GET_BATCH_STATUS).code == 3000


# --- the report zip -----------------------------------------------------------------------

def _send_zip(sim: GibSimulator, signer, file_name: str, data: bytes) -> ws.ReportRejected:
    with pytest.raises(ws.ReportRejected) as caught:
        ws.send_report_zip(sim.earsiv_url, file_name, data, signer, timeout=5)
    return caught.value


def test_zip_problems_are_refused_with_clear_codes(sim, gib_signer):
    rapor_no = _new_rapor_no()
    name = ws.report_file_name(rapor_no)
    report = _report(rapor_no)
    two = _zip({f"{rapor_no}.xml": report, "ek.xml": report})
    assert _send_zip(sim, gib_signer, name, two).code == 3012
    wrong = _zip({"rapor.xml": report})
    assert _send_zip(sim, gib_signer, name, wrong).code == 3012
    not_zip = _send_zip(sim, gib_signer, name, report)
    assert not_zip.code == 3011 and "ZIP" in not_zip.message
    assert _send_zip(sim, gib_signer, "rapor.zip", ws.pack_report(report, rapor_no)).code == 3010
    other = rapor_no.replace(rapor_no[0], "0" if rapor_no[0] != "0" else "1", 1)
    mismatched = ws.pack_report(_report(other), rapor_no)
    assert _send_zip(sim, gib_signer, name, mismatched).code == 3013
    invoice = ws.pack_report(b"<Invoice xmlns='urn:x'/>", rapor_no)
    assert _send_zip(sim, gib_signer, name, invoice).code == 3013
    broken = ws.pack_report(b"<earsiv:eArsivRaporu", rapor_no)
    assert _send_zip(sim, gib_signer, name, broken).code == 3013
    assert sim.earsiv.state.rapor_nos() == []


def test_a_zip_bomb_is_not_inflated(sim, gib_signer):
    rapor_no = _new_rapor_no()
    bomb = _zip({f"{rapor_no}.xml": b"<" + b" " * (ws.MAX_REPORT_BYTES + 10)})
    assert len(bomb) < 200_000
    refused = _send_zip(sim, gib_signer, ws.report_file_name(rapor_no), bomb)
    assert refused.code == 3011


# --- duplicates, failures, delivery -------------------------------------------------------

def test_a_reused_rapor_no_with_other_content_is_refused(sim, channel):
    rapor_no = _new_rapor_no()
    channel.send(rapor_no, _pack(channel, rapor_no))
    other = _pack(channel, rapor_no, _report(rapor_no, extra="<fatura/>"))
    with pytest.raises(Refused) as caught:
        channel.send(rapor_no, other)
    assert caught.value.code == 3021 and not caught.value.already_received


def test_an_injected_failure_ends_the_batch_with_its_code(sim, channel):
    sim.faults.add("batch_failed", times=1, status=60, message="mukellef bilgisi hatali")
    rapor_no = _new_rapor_no()
    channel.send(rapor_no, _pack(channel, rapor_no))
    answers = [channel.poll(rapor_no) for _ in range(3)]
    assert [a.code for a in answers] == [10, 15, 60]
    status = channel.status(answers[-1].code, answers[-1].description)
    assert status.outcome is Outcome.FAILED and status.final
    assert "mukellef bilgisi hatali" in status.text and status.action
    second = _new_rapor_no()  # the switch was used up
    channel.send(second, _pack(channel, second))
    assert _poll_codes(channel, second) == [10, 15, 30]


def test_a_failure_switch_without_a_code_uses_the_default(sim, channel):
    sim.faults.add("batch_failed", times=1)
    rapor_no = _new_rapor_no()
    channel.send(rapor_no, _pack(channel, rapor_no))
    assert _poll_codes(channel, rapor_no)[-1] not in (10, 15, 30)


def test_unknown_paket_id_is_refused(channel):
    with pytest.raises(Refused) as caught:
        channel.poll(_new_rapor_no())
    assert caught.value.code == 3030


def test_server_down_is_undelivered(gib_signer):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    down = EArsivChannel(f"http://127.0.0.1:{port}/earsiv/services/EArsivWsPort", gib_signer,
                         timeout=3)
    rapor_no = _new_rapor_no()
    with pytest.raises(Undelivered):
        down.send(rapor_no, _pack(down, rapor_no))
    with pytest.raises(Undelivered):
        down.poll(rapor_no)


@pytest.mark.parametrize("kind", ["http500", "fault2005", "drop"])
def test_service_trouble_is_undelivered(sim, channel, kind):
    sim.faults.add(kind, times=1, operation="sendDocumentFile")
    rapor_no = _new_rapor_no()
    packed = _pack(channel, rapor_no)
    with pytest.raises(Undelivered):
        channel.send(rapor_no, packed)
    channel.send(rapor_no, packed)  # not received the first time: accepted now
    assert _poll_codes(channel, rapor_no) == [10, 15, 30]


def test_resend_after_a_lost_answer_is_already_received(sim, channel):
    sim.faults.add("lose_response", times=1, operation="sendDocumentFile")
    rapor_no = _new_rapor_no()
    packed = _pack(channel, rapor_no)
    with pytest.raises(Undelivered):
        channel.send(rapor_no, packed)
    assert sim.earsiv.state.rapor_nos() == [rapor_no]  # it did arrive
    with pytest.raises(Refused) as caught:
        channel.send(rapor_no, _pack(channel, rapor_no))  # packed again: the same bytes
    assert caught.value.already_received and caught.value.code == 3020
    assert _poll_codes(channel, rapor_no) == [10, 15, 30]


def test_lost_status_answer_is_undelivered(sim, channel):
    rapor_no = _new_rapor_no()
    channel.send(rapor_no, _pack(channel, rapor_no))
    sim.faults.add("lose_response", times=1, operation="getBatchStatus")
    with pytest.raises(Undelivered):
        channel.poll(rapor_no)


def test_efatura_fault_json_is_unchanged_and_batch_failed_targets_earsiv(sim):
    rule = sim.faults.add("fault2005", times=2)
    assert rule.to_json() == {"kind": "fault2005", "times": 2, "operation": None,
                              "seconds": 30.0}
    sim.faults.clear()
    failing = sim.faults.add("batch_failed", status=70)
    assert failing.operation == "sendDocumentFile"
    assert failing.to_json()["status"] == 70
    assert sim.faults.take("sendDocument") is None  # e-Fatura never takes it
    sim.faults.clear()


def test_transport_errors_are_the_gib_families(sim, gib_signer):
    sim.faults.add("http500", times=1, operation="getBatchStatus")
    with pytest.raises(NotDelivered):
        ws.batch_status(sim.earsiv_url, _new_rapor_no(), gib_signer, timeout=5)


def test_a_malformed_request_is_the_senders_fault(sim):
    refused = _rejected(sim, b"<not-soap/>")
    assert refused.code is None and not refused.already_received
    other = (f'<soap:Envelope xmlns:soap="{ws.SOAP12}"><soap:Body>'
             f'<e:cancelReport xmlns:e="{ws.EARSIV_WS}"/></soap:Body></soap:Envelope>').encode()
    assert "Bilinmeyen" in _rejected(sim, other).message


def test_fault_answers_are_read_safely():
    from app.gib.simulator.earsiv import fault_answer

    status, body = fault_answer(3099, "disk dolu")
    with pytest.raises(NotDelivered) as busy:
        ws._interpret(status, "application/soap+xml", body)
    assert busy.value.code == 3099
    status, body = fault_answer(None, "sunucu hatası")
    assert status == 500
    with pytest.raises(NotDelivered):  # the service's own trouble without a code: retry
        ws._interpret(status, "application/soap+xml", body)
    status, body = fault_answer(3020, "x")
    with pytest.raises(ws.ReportRejected) as dup:
        ws._interpret(status, "application/soap+xml", body)
    assert dup.value.already_received
    hostile = (b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY e "x">]>'
               b'<soap:Envelope xmlns:soap="' + ws.SOAP12.encode() + b'"><soap:Body>&e;'
               b"</soap:Body></soap:Envelope>")
    with pytest.raises(NotDelivered):  # not used as SOAP: judged by its HTTP status
        ws._interpret(500, "application/soap+xml", hostile)
    with pytest.raises(NotDelivered):
        ws._interpret(200, "text/html", b"<html>proxy</html>")


def test_a_second_element_with_the_body_id_is_refused(sim, gib_signer):
    envelope = ws.get_batch_status_request(_new_rapor_no(), gib_signer)
    body_id = re.search(rb'<soap:Body wsu:Id="([^"]+)"', envelope)
    assert body_id
    wrapped = envelope.replace(b"<soap:Header>",
                               b'<soap:Header><w wsu:Id="' + body_id.group(1) + b'"/>', 1)
    assert _rejected(sim, wrapped, ws.ACTION_GET_BATCH_STATUS).code == 3001
