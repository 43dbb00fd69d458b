"""SOAP messages follow GİB's WSDL; MTOM/XOP answers are understood; faults are read."""

from __future__ import annotations

import copy
import hashlib
import http.client
from pathlib import Path

import pytest
from lxml import etree

from app.gib import soap

XS = "http://www.w3.org/2001/XMLSchema"


@pytest.fixture(scope="module")
def wsdl_schema(gib_unpacked: Path, tmp_path_factory: pytest.TempPathFactory) -> etree.XMLSchema:
    """The two schemas embedded in GİB's EFatura_Test.wsdl, as one XMLSchema."""
    wsdl = etree.parse(str(gib_unpacked / "e-FaturaPaketi" / "wsdl" / "EFatura_Test.wsdl"))
    out = tmp_path_factory.mktemp("wsdl-xsd")
    schemas = wsdl.getroot().findall(f".//{{{XS}}}schema")
    by_ns = {s.get("targetNamespace"): s for s in schemas}
    xmime = copy.deepcopy(by_ns[soap.XMIME])
    (out / "xmime.xsd").write_bytes(etree.tostring(xmime))
    main = copy.deepcopy(by_ns[soap.EFATURA])
    main.find(f"{{{XS}}}import").set("schemaLocation", "xmime.xsd")
    (out / "efatura.xsd").write_bytes(etree.tostring(main))
    return etree.XMLSchema(etree.parse(str(out / "efatura.xsd")))


def _body_child(envelope: bytes) -> etree._Element:
    root = etree.fromstring(envelope)
    assert root.tag == f"{{{soap.SOAP12}}}Envelope"  # SOAP 1.2 (WSDL: soap12 binding)
    return root.find(f"{{{soap.SOAP12}}}Body")[0]


def test_send_document_request_matches_the_wsdl(wsdl_schema) -> None:
    msg = soap.send_document_request("a.zip", b"PK\x03\x04zip", "0123456789abcdef0123456789abcdef")
    child = _body_child(msg)
    assert child.tag == f"{{{soap.EFATURA}}}documentRequest"
    assert wsdl_schema.validate(etree.ElementTree(copy.deepcopy(child))), wsdl_schema.error_log
    req = soap.read_document_request(child)
    assert req.file_name == "a.zip" and req.binary_data == b"PK\x03\x04zip"


def test_get_app_resp_request_matches_the_wsdl(wsdl_schema) -> None:
    child = _body_child(soap.get_app_resp_request("6f2b5c1e-0000-4000-8000-000000000000"))
    assert child.tag == f"{{{soap.EFATURA}}}getAppRespRequest"
    assert wsdl_schema.validate(etree.ElementTree(copy.deepcopy(child))), wsdl_schema.error_log


def test_responses_and_fault_match_the_wsdl(wsdl_schema) -> None:
    for msg in (soap.send_document_response("ok", "ab" * 16),
                soap.get_app_resp_response("<x>&</x>")):
        assert wsdl_schema.validate(etree.ElementTree(copy.deepcopy(_body_child(msg))))
    fault = _body_child(soap.fault_response(2000, "OZET DEGERLER ESIT DEGIL"))
    detail = fault.find(f".//{{{soap.EFATURA}}}EFaturaFault")
    assert wsdl_schema.validate(etree.ElementTree(copy.deepcopy(detail)))
    read = soap.read_fault(soap.parse_envelope(soap.fault_response(2000, "OZET DEGERLER ESIT DEGIL")))
    assert read.code == 2000 and read.msg == "OZET DEGERLER ESIT DEGIL"
    no_detail = soap.read_fault(soap.parse_envelope(soap.fault_response(None, "x")))
    assert no_detail.code is None and no_detail.reason == "x"


def test_soap_11_fault_from_another_stack_is_read() -> None:
    msg = (b'<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/">'
           b"<soapenv:Body><soapenv:Fault><faultcode>soapenv:Server</faultcode>"
           b"<faultstring>SISTEM HATASI</faultstring><detail>"
           b"<EFaturaFault><code>2005</code><msg>SISTEM HATASI</msg></EFaturaFault>"
           b"</detail></soapenv:Fault></soapenv:Body></soapenv:Envelope>")
    fault = soap.read_fault(soap.parse_envelope(msg))
    assert fault.code == 2005 and fault.msg == "SISTEM HATASI"


def _mtom(root_xml: bytes, attachments: dict[str, bytes]) -> tuple[bytes, str]:
    boundary = "uuid:7f1e6d5c-boundary"
    parts = [
        f"--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; "
        f'type="application/soap+xml"\r\nContent-Transfer-Encoding: binary\r\n'
        f"Content-ID: <root.message@cxf.apache.org>\r\n\r\n".encode() + root_xml + b"\r\n"
    ]
    for cid, data in attachments.items():
        parts.append(
            f"--{boundary}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Transfer-Encoding: binary\r\nContent-ID: <{cid}>\r\n\r\n".encode()
            + data + b"\r\n")
    body = b"".join(parts) + f"--{boundary}--\r\n".encode()
    ctype = (f'multipart/related; type="application/xop+xml"; boundary="{boundary}"; '
             f'start="<root.message@cxf.apache.org>"; start-info="application/soap+xml"')
    return body, ctype


def test_mtom_xop_include_is_resolved_to_base64() -> None:
    zip_bytes = b"PK\x03\x04" + bytes(range(256)) * 4 + b"\r\n--not-a-boundary\r\n"
    root = (
        f'<soap:Envelope xmlns:soap="{soap.SOAP12}"><soap:Body>'
        f'<ns2:documentRequest xmlns:ns2="{soap.EFATURA}"><fileName>x.zip</fileName>'
        f'<binaryData><xop:Include xmlns:xop="{soap.XOP}" href="cid:bin-1%40tezgah"/></binaryData>'
        f"<hash>{hashlib.md5(zip_bytes).hexdigest()}</hash></ns2:documentRequest>"
        "</soap:Body></soap:Envelope>"
    ).encode()
    body, ctype = _mtom(root, {"bin-1@tezgah": zip_bytes})
    element = soap.parse_envelope(soap.unpack_http_body(body, ctype))
    req = soap.read_document_request(element)
    assert req.binary_data == zip_bytes and req.file_name == "x.zip"


def test_mtom_without_attachments_gives_the_root_part() -> None:
    body, ctype = _mtom(soap.send_document_response("ok", "ab" * 16), {})
    element = soap.parse_envelope(soap.unpack_http_body(body, ctype))
    assert soap.read_child(element, "msg") == "ok"


def test_simulator_accepts_an_mtom_request(gib_simulator, make_gib_invoice) -> None:
    from tests.fixtures.simulator import pack

    packed = pack([make_gib_invoice()])
    root = (
        f'<soap:Envelope xmlns:soap="{soap.SOAP12}"><soap:Body>'
        f'<ns2:documentRequest xmlns:ns2="{soap.EFATURA}"><fileName>{packed.file_name}</fileName>'
        f'<binaryData><xop:Include xmlns:xop="{soap.XOP}" href="cid:zip"/></binaryData>'
        f"<hash>{packed.md5}</hash></ns2:documentRequest></soap:Body></soap:Envelope>"
    ).encode()
    body, ctype = _mtom(root, {"zip": packed.zip})
    conn = http.client.HTTPConnection("127.0.0.1", gib_simulator.port, timeout=5)
    conn.request("POST", "/EFaturaMerkez/services/EFatura", body=body,
                 headers={"Content-Type": ctype + '; action="sendDocument"'})
    resp = conn.getresponse()
    answer = soap.parse_envelope(soap.unpack_http_body(resp.read(), resp.getheader("Content-Type")))
    conn.close()
    assert resp.status == 200 and soap.read_child(answer, "hash") == packed.md5
    assert gib_simulator.status(packed.uuid) is not None


def test_not_soap_is_refused_clearly() -> None:
    with pytest.raises(soap.SoapFormatError):
        soap.parse_envelope(b"<html><body>Proxy</body></html>")
    with pytest.raises(soap.SoapFormatError):
        soap.read_document_request(etree.fromstring(
            b"<r><fileName>a.zip</fileName><binaryData>@@@</binaryData></r>"))
