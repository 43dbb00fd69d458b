"""Sending to the local GİB test simulator over real HTTP on 127.0.0.1: the sender-side items
of GİB's test plan (e-FaturaTestPlani §5.1.1, §5.1.2, §5.1.3) and every status/fault code the
simulator produces."""

from __future__ import annotations

import io
import time
import urllib.request
import zipfile

import pytest
from lxml import etree

from app.gib import codes
from app.gib.client import EFaturaClient
from app.gib.envelope import EnvelopeParty, extract_documents
from app.gib.errors import Rejected
from app.gib.package import md5_hex, zip_envelope
from app.gib.simulator import BANNER
from app.gib.system_response import parse_system_response
from tests.fixtures.simulator import RECEIVER, follow, pack


def _send(client: EFaturaClient, packed) -> None:
    result = client.send_document(packed.file_name, packed.zip, packed.md5)
    assert result.hash_matches


def _final(client: EFaturaClient, sim, envelope_uuid: str) -> tuple[int, str]:
    sim.wait_until_checked(envelope_uuid)
    res = client.get_application_response(envelope_uuid)
    return res.status_code, res.description


# --- e-FaturaTestPlani §5.1.1 Gönderici Birim Çalışma Testleri -------------------------

def test_5_1_1_a_send_signed_envelope_with_send_document(gib_simulator, gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice()])
    result = gib_client.send_document(packed.file_name, packed.zip, packed.md5)
    assert result.hash == packed.md5  # GİB returns the MD5 it computed (Ek-3 §7.2.1)
    assert "GERCEK GIB DEGILDIR" in result.message
    assert gib_simulator.status(packed.uuid) is not None


def test_5_1_1_b_c_system_response_says_zarf_basariyla_islendi(make_gib_simulator, make_gib_invoice):
    # A long delivery delay holds the envelope at 1200 so the system response can be read.
    sim = make_gib_simulator(delivery_delay=30.0)
    client = EFaturaClient(sim.url, timeout=5)
    packed = pack([make_gib_invoice()])
    _send(client, packed)
    sim.wait_until_checked(packed.uuid)
    res = client.get_application_response(packed.uuid)
    assert res.status_code == 1200
    assert res.description == "ZARF BASARIYLA ISLENDI"
    assert res.response.envelope_id == packed.uuid
    assert any("gerçek GİB değildir" in n for n in res.response.notes)


def test_5_1_1_g_get_application_response_reaches_basariyla_tamamlandi(gib_simulator, gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice()])
    _send(gib_client, packed)
    seen = follow(gib_client, packed.uuid)
    assert seen[-1] == 1300
    res = gib_client.get_application_response(packed.uuid)
    assert res.description == "BASARIYLA TAMAMLANDI"
    assert codes.status(res.status_code).success


def test_status_moves_1000_1100_1200_1300_over_the_delays(make_gib_simulator, make_gib_invoice):
    sim = make_gib_simulator(queue_delay=0.3, processing_delay=0.3, delivery_delay=0.3)
    client = EFaturaClient(sim.url, timeout=5)
    packed = pack([make_gib_invoice()])
    _send(client, packed)
    seen = follow(client, packed.uuid)
    assert seen == [1000, 1100, 1200, 1300]


def test_state_survives_a_restart(make_gib_simulator, tmp_path, make_gib_invoice):
    data = tmp_path / "sim-restart"
    sim = make_gib_simulator(data_dir=data, queue_delay=0.0, processing_delay=0.0,
                             delivery_delay=0.4)
    client = EFaturaClient(sim.url, timeout=5)
    packed = pack([make_gib_invoice()])
    _send(client, packed)
    sim.wait_until_checked(packed.uuid)
    assert client.get_application_response(packed.uuid).status_code == 1200
    sim.stop()
    again = make_gib_simulator(data_dir=data)
    client = EFaturaClient(again.url, timeout=5)
    time.sleep(0.45)
    assert client.get_application_response(packed.uuid).status_code == 1300
    with pytest.raises(Rejected) as exc:  # still known after the restart
        client.send_document(packed.file_name, packed.zip, packed.md5)
    assert exc.value.code == 2001


def test_envelope_taken_out_again_still_verifies(gib_simulator, gib_client, make_gib_invoice,
                                                 gib_trust):
    from app.signing.verify import verify_document

    invoices = [make_gib_invoice() for _ in range(3)]
    packed = pack(invoices)
    for original, extracted in zip(invoices, extract_documents(packed.envelope), strict=True):
        assert verify_document(extracted, trust=gib_trust).valid
        assert original.endswith(extracted)
    _send(gib_client, packed)
    assert follow(gib_client, packed.uuid)[-1] == 1300


# --- §5.1.2 Gönderici Birim Hata Testleri ------------------------------------------------

def test_5_1_2_a_wrong_envelope_name_shows_code_and_message(gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice(signed=False)])
    with pytest.raises(Rejected) as exc:
        gib_client.send_document("zarf.zip", packed.zip, packed.md5)
    assert exc.value.code == 2006
    assert exc.value.gib_text == "GECERSIZ ZARF ADI"
    assert "2006" in exc.value.message


def test_5_1_2_a_wrong_digest_shows_code_and_message(gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice(signed=False)])
    with pytest.raises(Rejected) as exc:
        gib_client.send_document(packed.file_name, packed.zip, "0" * 32)
    assert exc.value.code == 2000
    assert exc.value.gib_text == "OZET DEGERLER ESIT DEGIL"
    assert not exc.value.already_received


# --- §5.1.3 Gönderici Birim Performans Testleri (loopback, lean) ----------------------------

def test_5_1_3_a_one_envelope_with_10_invoices(gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice() for _ in range(10)])
    _send(gib_client, packed)
    assert follow(gib_client, packed.uuid)[-1] == 1300


def test_5_1_3_b_ten_envelopes_with_one_invoice_each(gib_client, make_gib_invoice):
    envelopes = [pack([make_gib_invoice()]) for _ in range(10)]
    for packed in envelopes:
        _send(gib_client, packed)
    assert [follow(gib_client, p.uuid)[-1] for p in envelopes] == [1300] * 10


def test_5_1_3_c_one_envelope_with_100_invoices(gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice() for _ in range(100)])
    _send(gib_client, packed)
    assert follow(gib_client, packed.uuid)[-1] == 1300


# --- fault codes of sendDocument / getApplicationResponse (Ek-3 §8) ------------------------

def test_2001_envelope_id_already_received(gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice()])
    _send(gib_client, packed)
    with pytest.raises(Rejected) as exc:
        gib_client.send_document(packed.file_name, packed.zip, packed.md5)
    assert exc.value.code == 2001 and exc.value.already_received


def test_2004_unknown_envelope_id(gib_client):
    with pytest.raises(Rejected) as exc:
        gib_client.get_application_response("6f2b5c1e-0000-4000-8000-000000000000")
    assert exc.value.code == 2004 and exc.value.envelope_unknown


def test_2006_file_name_without_zip_extension(gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice(signed=False)])
    with pytest.raises(Rejected) as exc:
        gib_client.send_document(f"{packed.uuid}.xml", packed.zip, packed.md5)
    assert exc.value.code == 2006


# --- status codes of the checks (Ek-2 §4) ------------------------------------------------

def _zip_of(entries: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _send_raw(client, sim, name_uuid: str, data: bytes) -> tuple[int, str]:
    client.send_document(f"{name_uuid}.zip", data, md5_hex(data))
    return _final(client, sim, name_uuid)


def test_1110_not_a_zip(gib_simulator, gib_client):
    u = "11100000-0000-4000-8000-000000000000"
    code, text = _send_raw(gib_client, gib_simulator, u, b"this is not a zip file")
    assert code == 1110 and text.startswith("ZIP DOSYASI DEGIL")


def test_1130_zip_cannot_be_opened(gib_simulator, gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice()])
    broken = bytearray(packed.zip)
    start = 30 + len(f"{packed.uuid}.xml")  # the deflated data after the local header
    for i in range(start, start + 40):
        broken[i] ^= 0xFF
    code, _ = _send_raw(gib_client, gib_simulator, packed.uuid, bytes(broken))
    assert code == 1130


def test_1131_zip_must_hold_one_file(gib_simulator, gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice()])
    data = _zip_of({f"{packed.uuid}.xml": packed.envelope, "extra.xml": packed.envelope})
    assert _send_raw(gib_client, gib_simulator, packed.uuid, data)[0] == 1131


def test_1132_not_an_xml_file(gib_simulator, gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice()])
    data = _zip_of({f"{packed.uuid}.pdf": b"%PDF-1.4"})
    assert _send_raw(gib_client, gib_simulator, packed.uuid, data)[0] == 1132


def test_1140_document_cannot_be_parsed(gib_simulator, gib_client):
    u = "11400000-0000-4000-8000-000000000000"
    data = _zip_of({f"{u}.xml": b"<sh:StandardBusinessDocument><unclosed>"})
    assert _send_raw(gib_client, gib_simulator, u, data)[0] == 1140


def test_1133_xml_name_differs_from_envelope_id(gib_simulator, gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice()])
    data = _zip_of({"baska-bir-ad.xml": packed.envelope})
    assert _send_raw(gib_client, gib_simulator, packed.uuid, data)[0] == 1133


def test_1142_zip_name_differs_from_envelope_id(gib_simulator, gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice()])
    other = "11420000-0000-4000-8000-000000000000"
    data = _zip_of({f"{packed.uuid}.xml": packed.envelope})
    code, text = _send_raw(gib_client, gib_simulator, other, data)
    assert code == 1142
    assert "ZARF ID VE ZIP DOSYASI ADI AYNI OLMALI" in text


def test_1141_envelope_without_id_and_1111_wrong_id_length(gib_simulator, gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice()])
    no_id = packed.envelope.replace(f"<sh:InstanceIdentifier>{packed.uuid}</sh:InstanceIdentifier>"
                                    .encode(), b"")
    u1 = "11410000-0000-4000-8000-000000000000"
    assert _send_raw(gib_client, gib_simulator, u1, _zip_of({f"{u1}.xml": no_id}))[0] == 1141
    short = packed.envelope.replace(packed.uuid.encode(), b"ABC")
    u2 = "11110000-0000-4000-8000-000000000000"
    assert _send_raw(gib_client, gib_simulator, u2, _zip_of({f"{u2}.xml": short}))[0] == 1111


def test_1143_wrong_type_version(gib_simulator, gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice()])
    old = packed.envelope.replace(b"<sh:TypeVersion>1.2</sh:TypeVersion>",
                                  b"<sh:TypeVersion>1.0</sh:TypeVersion>")
    assert _send_raw(gib_client, gib_simulator, packed.uuid,
                     _zip_of({f"{packed.uuid}.xml": old}))[0] == 1143


def test_1161_unsigned_invoice(gib_simulator, gib_client, make_gib_invoice):
    packed = pack([make_gib_invoice(), make_gib_invoice(signed=False)])
    _send(gib_client, packed)
    code, text = _final(gib_client, gib_simulator, packed.uuid)
    assert code == 1161 and "2. fatura" in text
    assert codes.status(code).outcome is codes.Outcome.FIX_AND_RESEND


def test_1177_invoice_changed_after_signing(gib_simulator, gib_client, make_gib_invoice):
    signed = make_gib_invoice()
    tampered = signed.replace(b"<cbc:Note>", b"<cbc:Note>DEGISTI ", 1)
    assert tampered != signed
    packed = pack([tampered])
    _send(gib_client, packed)
    assert _final(gib_client, gib_simulator, packed.uuid)[0] == 1177


def test_presence_only_mode_accepts_a_broken_signature_like_gib_merkez(make_gib_simulator, make_gib_invoice):
    sim = make_gib_simulator(signature_check="presence")
    client = EFaturaClient(sim.url, timeout=5)
    tampered = make_gib_invoice().replace(b"<cbc:Note>", b"<cbc:Note>DEGISTI ", 1)
    packed = pack([tampered])
    _send(client, packed)
    assert follow(client, packed.uuid)[-1] == 1300


def test_1181_receiver_alias_not_in_user_list(gib_simulator, gib_client, make_gib_invoice):
    unknown = EnvelopeParty(RECEIVER.vkn_tckn, "urn:mail:yok@bbb.com.tr", RECEIVER.name)
    deleted = EnvelopeParty(RECEIVER.vkn_tckn, "urn:mail:eskipk@bbb.com.tr", RECEIVER.name)
    for receiver in (unknown, deleted):
        packed = pack([make_gib_invoice()], receiver=receiver)
        _send(gib_client, packed)
        code, text = _final(gib_client, gib_simulator, packed.uuid)
        assert code == 1181 and receiver.alias in text


def test_1163_invoice_already_sent_in_an_earlier_envelope(gib_simulator, gib_client, make_gib_invoice):
    invoice = make_gib_invoice()
    first = pack([invoice])
    _send(gib_client, first)
    assert follow(gib_client, first.uuid)[-1] == 1300
    second = pack([invoice])
    _send(gib_client, second)
    code, _ = _final(gib_client, gib_simulator, second.uuid)
    assert code == 1163
    assert codes.status(code).outcome is codes.Outcome.ALREADY_SENT


def test_1160_and_1150_with_gibs_xsd_and_schematron(make_gib_simulator, installed_rules_dir, make_gib_invoice):
    from app.ubl.validate import get_validator

    sim = make_gib_simulator(validator=get_validator(installed_rules_dir))
    client = EFaturaClient(sim.url, timeout=30)
    good = pack([make_gib_invoice() for _ in range(3)])
    _send(client, good)
    assert follow(client, good.uuid, timeout=60)[-1] == 1300

    # XSD: an element the Invoice schema does not know (signed after the change).
    bad_xsd = pack([make_gib_invoice().replace(b"<cbc:Note>", b"<cbc:Nota>x</cbc:Nota><cbc:Note>", 1)])
    _send(client, bad_xsd)
    code, text = _final(client, sim, bad_xsd.uuid)
    assert code == 1160, text

    # Schematron only: a wrong invoice-number format passes the XSD but not GİB's rules.
    bad_rule = pack([make_gib_invoice(replace={b"<cbc:ID>GIB2009000000011</cbc:ID>":
                                               b"<cbc:ID>GIB-11</cbc:ID>"})])
    _send(client, bad_rule)
    code, text = _final(client, sim, bad_rule.uuid)
    assert code == 1150, text


def test_wsdl_is_gibs_with_the_simulators_address(gib_simulator):
    with urllib.request.urlopen(gib_simulator.url + "?wsdl", timeout=5) as resp:
        assert resp.headers["X-Tezgah-Simulator"] == BANNER
        wsdl = etree.fromstring(resp.read())
    ns = {"w": "http://schemas.xmlsoap.org/wsdl/", "s": "http://schemas.xmlsoap.org/wsdl/soap12/"}
    assert wsdl.xpath("//s:address/@location", namespaces=ns) == [gib_simulator.url]
    assert sorted(wsdl.xpath("//w:binding/w:operation/@name", namespaces=ns)) == [
        "getApplicationResponse", "sendDocument"]


def test_generated_wsdl_when_gibs_file_is_absent(make_gib_simulator):
    sim = make_gib_simulator(wsdl_file=None)
    with urllib.request.urlopen(sim.url + "?wsdl", timeout=5) as resp:
        wsdl = etree.fromstring(resp.read())
    ns = {"s": "http://schemas.xmlsoap.org/wsdl/soap12/"}
    assert wsdl.xpath("//s:address/@location", namespaces=ns) == [sim.url]
    assert set(wsdl.xpath("//s:operation/@soapAction", namespaces=ns)) == {
        "sendDocument", "getApplicationResponse"}


def test_system_response_is_a_valid_systemenvelope(gib_simulator, gib_client, make_gib_invoice, installed_rules_dir):
    from app.ubl.rules import RulesStore

    packed = pack([make_gib_invoice()])
    _send(gib_client, packed)
    follow(gib_client, packed.uuid)
    xml = gib_client.get_application_response(packed.uuid).xml.encode()
    schema = etree.XMLSchema(etree.parse(str(RulesStore(installed_rules_dir).envelope_xsd())))
    assert schema.validate(etree.fromstring(xml)), schema.error_log
    parsed = parse_system_response(xml)
    assert parsed.envelope_id == packed.uuid and parsed.status_code == 1300


def test_zip_holds_one_xml_named_after_the_envelope(make_gib_invoice):
    packed = pack([make_gib_invoice(signed=False)])
    with zipfile.ZipFile(io.BytesIO(packed.zip)) as zf:
        assert zf.namelist() == [f"{packed.uuid}.xml"]
        assert zf.read(f"{packed.uuid}.xml") == packed.envelope
    again, md5 = zip_envelope(packed.envelope, packed.uuid)
    assert md5 == md5_hex(again)


def test_1176_signed_by_someone_else_than_the_sender(gib_simulator, gib_client, make_gib_invoice):
    other_sender = EnvelopeParty("9999999999", "urn:mail:defaultgb@gib.gov.tr", "Başka Firma")
    packed = pack([make_gib_invoice()], sender=other_sender)  # signed for 1288331521
    _send(gib_client, packed)
    code, text = _final(gib_client, gib_simulator, packed.uuid)
    assert code == 1176 and "1288331521" in text


def test_1195_when_the_simulator_fails_inside(make_gib_simulator, make_gib_invoice):
    class Broken:
        def validate_envelope(self, data: bytes):
            raise RuntimeError("kural dosyası okunamadı")

    sim = make_gib_simulator(validator=Broken())
    client = EFaturaClient(sim.url, timeout=5)
    packed = pack([make_gib_invoice()])
    _send(client, packed)
    code, text = _final(client, sim, packed.uuid)
    assert code == 1195 and "kural dosyası okunamadı" in text
    assert codes.status(code).outcome is codes.Outcome.RESEND


def test_wsdl_read_from_gibs_package_zip(make_gib_simulator, gib_dir):
    sim = make_gib_simulator(wsdl_file=None, gib_packages_dir=gib_dir)
    with urllib.request.urlopen(sim.url + "?wsdl", timeout=5) as resp:
        text = resp.read().decode()
    assert 'xmlns:ns1="http://schemas.xmlsoap.org/soap/http"' in text  # GİB's own file
    assert f'location="{sim.url}"' in text and "merkeztest" not in text


def test_invoice_receipts_show_every_envelope_an_ettn_travelled_in(gib_simulator, gib_client, make_gib_invoice):
    ettn = "0a1b2c3d-0000-4000-8000-00000000abcd"
    invoice = make_gib_invoice(invoice_uuid=ettn)
    first, second = pack([invoice]), pack([invoice])
    unsigned = pack([make_gib_invoice(signed=False, invoice_uuid=ettn)])
    for p in (first, second, unsigned):
        _send(gib_client, p)
        gib_simulator.wait_until_checked(p.uuid)
    receipts = gib_simulator.state.invoice_receipts()[ettn.upper()]
    assert receipts == [(first.uuid, None), (second.uuid, 1163), (unsigned.uuid, 1161)]


def test_concurrent_senders(gib_simulator, make_gib_invoice):
    from concurrent.futures import ThreadPoolExecutor

    envelopes = [pack([make_gib_invoice()]) for _ in range(16)]

    def send_and_follow(p) -> int:
        client = EFaturaClient(gib_simulator.url, timeout=10)
        _send(client, p)
        return follow(client, p.uuid)[-1]

    with ThreadPoolExecutor(max_workers=8) as pool:
        assert list(pool.map(send_and_follow, envelopes)) == [1300] * 16
    receipts = gib_simulator.state.invoice_receipts()
    assert len(receipts) == 16 and all(len(v) == 1 and v[0][1] is None for v in receipts.values())
