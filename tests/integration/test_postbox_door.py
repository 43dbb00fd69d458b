"""The posta kutusu's receiving door over real HTTP on 127.0.0.1: envelopes made from a
signed invoice, sent with the project's EFatura client (SOAP 1.2, inline base64) and as
MTOM/XOP or SOAP 1.1 by hand; faults 2000–2006 (Ek-3 §8); the spool; health; WSDL; TLS; and a
SIGKILL of the service right after it answered."""

from __future__ import annotations

import base64
import http.client
import io
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests

from app.gib import soap
from app.gib.client import EFaturaClient
from app.gib.errors import GibError
from app.gib.package import md5_hex
from app.gib.system_response import parse_system_responses
from app.postbox.service import SERVICE_PATH, PostboxConfig, PostboxServer
from app.postbox.spool import Spool
from tests.fixtures.simulator import RECEIVER, SENDER, Packed, pack

pytestmark = pytest.mark.needs_http
REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def make_postbox(tmp_path: Path, gib_unpacked: Path) -> Iterator[Callable[..., PostboxServer]]:
    started: list[PostboxServer] = []

    def make(**overrides: object) -> PostboxServer:
        settings: dict = {"data_dir": tmp_path / "postbox-data",
                          "wsdl_file": gib_unpacked / "e-FaturaPaketi" / "wsdl" / "EFatura_Test.wsdl"}
        settings.update(overrides)
        server = PostboxServer(PostboxConfig(**settings)).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


@pytest.fixture
def postbox(make_postbox: Callable[..., PostboxServer]) -> PostboxServer:
    return make_postbox()


@pytest.fixture
def envelope(make_gib_invoice: Callable[..., bytes]) -> Packed:
    return pack([make_gib_invoice()])


def _files(server: PostboxServer) -> list[str]:
    return sorted(p.name for p in server.service.spool.directory.iterdir())


def _fault(server: PostboxServer, file_name: str, data: bytes, md5: str) -> int | None:
    client = EFaturaClient(server.url, timeout=10)
    with pytest.raises(GibError) as info:
        client.send_document(file_name, data, md5)
    return info.value.code


def _zip(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in entries.items():
            zf.writestr(name, data)
    return buffer.getvalue()


def _post(url: str, body: bytes, ctype: str, **kwargs: object) -> requests.Response:
    return requests.post(url, data=body, headers={"Content-Type": ctype}, timeout=10, **kwargs)


def _fault_code(response: requests.Response) -> int | None:
    element = soap.parse_envelope(soap.unpack_http_body(response.content,
                                                        response.headers["Content-Type"]))
    fault = soap.read_fault(element)
    return fault.code if fault else None


def test_5_2_1_b_envelope_is_stored_then_answered_with_its_md5(postbox: PostboxServer,
                                                              envelope: Packed) -> None:
    result = EFaturaClient(postbox.url, timeout=10).send_document(
        envelope.file_name, envelope.zip, envelope.md5)
    assert result.hash == md5_hex(envelope.zip) == envelope.md5 and result.hash_matches
    assert result.message == "ZARF BASARIYLA ALINDI"
    spool = postbox.service.spool
    assert spool.read(envelope.uuid) == envelope.zip
    assert [s.instance_id for s in spool.pending()] == [envelope.uuid.lower()]
    # GİB resends: the same answer, one copy.
    again = EFaturaClient(postbox.url, timeout=10).send_document(
        envelope.file_name, envelope.zip, envelope.md5)
    assert again.hash == result.hash
    assert _files(postbox) == sorted([f"{envelope.uuid.lower()}.zip",
                                      f"{envelope.uuid.lower()}.json"])


def test_other_bytes_under_a_received_id_are_2001(postbox: PostboxServer, envelope: Packed,
                                                  make_gib_invoice: Callable[..., bytes]) -> None:
    EFaturaClient(postbox.url, timeout=10).send_document(envelope.file_name, envelope.zip,
                                                         envelope.md5)
    other = pack([make_gib_invoice()], envelope_uuid=envelope.uuid)
    assert _fault(postbox, other.file_name, other.zip, other.md5) == 2001
    assert postbox.service.spool.read(envelope.uuid) == envelope.zip


def test_5_2_2_b_wrong_md5_is_2000_and_nothing_is_stored(postbox: PostboxServer, envelope: Packed) -> None:
    assert _fault(postbox, envelope.file_name, envelope.zip, md5_hex(b"other")) == 2000
    assert _files(postbox) == []


def test_5_2_2_b_bad_file_name_is_2006(postbox: PostboxServer, envelope: Packed) -> None:
    for name in ("../" + envelope.file_name, "zarf.zip", envelope.uuid + ".xml"):
        assert _fault(postbox, name, envelope.zip, envelope.md5) == 2006
    assert _files(postbox) == []


def test_zip_problems_are_2002_and_nothing_is_stored(postbox: PostboxServer,
                                                     envelope: Packed) -> None:
    ident = envelope.uuid
    xml = envelope.envelope
    cases = {
        "not a zip": b"this is not a zip file at all",
        "two entries": _zip({f"{ident}.xml": xml, "extra.xml": b"<x/>"}),
        "traversal": _zip({f"../{ident}.xml": xml}),
        "absolute": _zip({f"/tmp/{ident}.xml": xml}),
        "wrong name": _zip({f"{uuid.uuid4()}.xml": xml}),
        "not xml": _zip({f"{ident}.txt": xml}),
        "empty": _zip({}),
    }
    for label, data in cases.items():
        client = EFaturaClient(postbox.url, timeout=10)
        with pytest.raises(GibError) as info:
            client.send_document(f"{ident}.zip", data, md5_hex(data))
        assert getattr(info.value, "code", None) == 2002, label
    assert _files(postbox) == []


def test_zip_bomb_is_2002(make_postbox: Callable[..., PostboxServer]) -> None:
    server = make_postbox(max_xml_bytes=1024 * 1024)
    ident = str(uuid.uuid4())
    bomb = _zip({f"{ident}.xml": b"<a>" + b" " * (20 * 1024 * 1024) + b"</a>"})
    assert len(bomb) < 100 * 1024
    assert _fault(server, f"{ident}.zip", bomb, md5_hex(bomb)) == 2002
    assert _files(server) == []


def test_oversize_body_is_refused_before_it_is_read(make_postbox: Callable[..., PostboxServer],
                                                    envelope: Packed) -> None:
    server = make_postbox(max_body_bytes=4096)
    # A huge announced body: the answer comes without the server waiting for it.
    with socket.create_connection(("127.0.0.1", server.port), timeout=10) as sock:
        sock.sendall(f"POST {SERVICE_PATH} HTTP/1.1\r\nHost: x\r\nContent-Type: "
                     f"application/soap+xml\r\nContent-Length: {10 ** 10}\r\n\r\n".encode()
                     + b"<soap:Envelope")
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.0 413")
    fault = soap.read_fault(soap.parse_envelope(body))
    assert fault is not None and fault.code == 2002
    # Through the client, with a body a little over the limit.
    assert _fault(server, envelope.file_name, envelope.zip, envelope.md5) == 2002
    assert _files(server) == []


def test_mtom_xop_request_is_accepted(postbox: PostboxServer, envelope: Packed) -> None:
    boundary = "MIMEBoundary_test"
    root = (f'<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="{soap.SOAP12}">'
            f'<soap:Body><ns:documentRequest xmlns:ns="{soap.EFATURA}"><fileName>'
            f"{envelope.file_name}</fileName><binaryData><xop:Include xmlns:xop="
            f'"{soap.XOP}" href="cid:zip.{envelope.uuid}@tezgah"/></binaryData><hash>'
            f"{envelope.md5}</hash></ns:documentRequest></soap:Body></soap:Envelope>").encode()
    body = (f"--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; "
            f'type="application/soap+xml"\r\nContent-Transfer-Encoding: binary\r\n'
            f"Content-ID: <root@tezgah>\r\n\r\n").encode() + root + (
            f"\r\n--{boundary}\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Transfer-Encoding: binary\r\nContent-ID: <zip.{envelope.uuid}@tezgah>"
            "\r\n\r\n").encode() + envelope.zip + f"\r\n--{boundary}--\r\n".encode()
    ctype = (f'multipart/related; boundary="{boundary}"; type="application/xop+xml"; '
             f'start="<root@tezgah>"; start-info="application/soap+xml"; action="sendDocument"')
    response = _post(postbox.url, body, ctype)
    assert response.status_code == 200, response.text
    element = soap.parse_envelope(response.content)
    assert soap.local_name(element) == "documentResponse"
    assert soap.read_child(element, "hash") == envelope.md5
    assert postbox.service.spool.read(envelope.uuid) == envelope.zip


def test_soap11_inline_base64_is_accepted_and_answered_in_soap11(postbox: PostboxServer,
                                                                 envelope: Packed) -> None:
    body = (f'<?xml version="1.0" encoding="UTF-8"?><s:Envelope xmlns:s="{soap.SOAP11}">'
            f'<s:Body><ns:documentRequest xmlns:ns="{soap.EFATURA}"><fileName>'
            f"{envelope.file_name}</fileName><binaryData>"
            f"{base64.encodebytes(envelope.zip).decode()}</binaryData><hash>{envelope.md5}"
            "</hash></ns:documentRequest></s:Body></s:Envelope>").encode()
    response = requests.post(postbox.url, data=body, timeout=10, headers={
        "Content-Type": "text/xml; charset=utf-8", "SOAPAction": '"sendDocument"'})
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/xml")
    assert soap.SOAP11.encode() in response.content
    element = soap.parse_envelope(response.content)
    assert soap.read_child(element, "hash") == envelope.md5
    assert postbox.service.spool.read(envelope.uuid) == envelope.zip
    wrong = body.replace(envelope.md5.encode(), md5_hex(b"x").encode())
    response = requests.post(postbox.url, data=wrong.replace(
        envelope.uuid.encode(), str(uuid.uuid4()).encode(), 1), timeout=10,
        headers={"Content-Type": "text/xml; charset=utf-8"})
    assert response.status_code == 500 and b"<faultcode>" in response.content
    assert _fault_code(response) == 2000


def test_hostile_xml_is_refused(postbox: PostboxServer) -> None:
    body = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]>'
            b'<soap:Envelope xmlns:soap="http://www.w3.org/2003/05/soap-envelope">'
            b"<soap:Body>&a;</soap:Body></soap:Envelope>")
    response = _post(postbox.url, body, "application/soap+xml")
    assert response.status_code == 400
    assert _files(postbox) == []


def test_get_application_response(postbox: PostboxServer, envelope: Packed) -> None:
    client = EFaturaClient(postbox.url, timeout=10)
    with pytest.raises(GibError) as info:
        client.get_application_response(envelope.uuid)
    assert getattr(info.value, "code", None) == 2004
    client.send_document(envelope.file_name, envelope.zip, envelope.md5)
    answer = client.get_application_response(envelope.uuid)
    assert answer.status_code == 1000  # received, waiting for processing
    response = parse_system_responses(answer.xml)[0]
    assert response.envelope_id.lower() == envelope.uuid.lower()
    assert RECEIVER.vkn_tckn in answer.xml and SENDER.vkn_tckn in answer.xml
    # Once processing wrote its system response, that is the answer.
    processed = answer.xml.replace(">1000<", ">1200<").encode("utf-8")
    postbox.service.spool.set_response(envelope.uuid, processed)
    assert client.get_application_response(envelope.uuid).status_code == 1200


def test_health_and_wsdl(postbox: PostboxServer, envelope: Packed) -> None:
    health = requests.get(postbox.base_url + "/health", timeout=10).json()
    assert health["status"] == "ok" and health["pending"] == 0
    assert health["uptime_seconds"] >= 0
    EFaturaClient(postbox.url, timeout=10).send_document(envelope.file_name, envelope.zip,
                                                         envelope.md5)
    assert requests.get(postbox.base_url + "/health", timeout=10).json()["pending"] == 1
    wsdl = requests.get(postbox.url + "?wsdl", timeout=10)
    assert wsdl.status_code == 200
    assert f'location="{postbox.url}"'.encode() in wsdl.content
    assert b"sendDocument" in wsdl.content and b"SIMULATOR" not in wsdl.content


def test_tls_with_a_test_ca(make_postbox: Callable[..., PostboxServer], envelope: Packed,
                            tmp_path: Path) -> None:
    from tests.fixtures.smtp import make_ca_and_server_cert

    ca, cert, key = make_ca_and_server_cert(tmp_path / "tls")
    server = make_postbox(tls_certfile=cert, tls_keyfile=key)
    assert server.url.startswith("https://")
    result = EFaturaClient(server.url, timeout=10, ca_file=str(ca)).send_document(
        envelope.file_name, envelope.zip, envelope.md5)
    assert result.hash == envelope.md5
    assert server.service.spool.read(envelope.uuid) == envelope.zip
    with pytest.raises(requests.exceptions.SSLError):  # not trusted without the test CA
        requests.get(server.base_url + "/health", timeout=10)


def _start_service(data_dir: Path) -> tuple[subprocess.Popen[str], str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(data_dir), "postbox", "serve",
         "--port", "0", "--no-worker"], cwd=REPO, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True)
    assert proc.stdout is not None
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        if not line:
            break
        if line.startswith("Posta kutusu servisi: "):
            return proc, line.split(": ", 1)[1].strip()
    proc.kill()
    raise AssertionError("the service did not start")


def test_sigkill_right_after_the_answer_loses_nothing(tmp_path: Path,
                                                      make_gib_invoice: Callable[..., bytes]) -> None:
    data_dir = tmp_path / "data"
    envelopes = [pack([make_gib_invoice()]) for _ in range(3)]
    proc, url = _start_service(data_dir)
    try:
        for e in envelopes:
            assert EFaturaClient(url, timeout=20).send_document(
                e.file_name, e.zip, e.md5).hash == e.md5
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(timeout=20)
    spool = Spool.open(data_dir)
    for e in envelopes:
        assert spool.read(e.uuid) == e.zip
    proc, url = _start_service(data_dir)
    try:
        health = requests.get(url.replace(SERVICE_PATH, "/health"), timeout=10).json()
        assert health["pending"] == 3
        first = envelopes[0]
        assert EFaturaClient(url, timeout=20).send_document(
            first.file_name, first.zip, first.md5).hash == first.md5
        assert EFaturaClient(url, timeout=20).get_application_response(
            first.uuid).status_code == 1000
    finally:
        proc.send_signal(signal.SIGTERM)  # stops cleanly
        assert proc.wait(timeout=30) == 0
    assert len(list(Spool.open(data_dir).directory.glob("*.zip"))) == 3


def test_http_client_without_content_length_is_refused(postbox: PostboxServer) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", postbox.port, timeout=10)
    conn.putrequest("POST", SERVICE_PATH)
    conn.putheader("Transfer-Encoding", "chunked")
    conn.endheaders()
    conn.send(b"0\r\n\r\n")
    assert conn.getresponse().status == 411
    conn.close()


def test_request_log_line(postbox: PostboxServer, envelope: Packed,
                          caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level("INFO", logger="tezgah.postbox")
    # the handler on the logger itself: an earlier test's log set-up (app.logsetup) may have
    # stopped "tezgah" loggers from propagating to the root, where caplog listens
    logger = logging.getLogger("tezgah.postbox")
    logger.addHandler(caplog.handler)
    try:
        EFaturaClient(postbox.url, timeout=10).send_document(envelope.file_name, envelope.zip,
                                                             envelope.md5)
    finally:
        logger.removeHandler(caplog.handler)
    records = [json.loads(r.getMessage()) for r in caplog.records
               if r.name == "tezgah.postbox" and r.getMessage().startswith("{")]
    assert records[-1]["op"] == "sendDocument" and records[-1]["outcome"] == "stored"
    assert records[-1]["id"] == envelope.uuid.lower()
    assert records[-1]["size"] == len(envelope.zip) and records[-1]["ms"] >= 0
    assert envelope.zip not in caplog.text.encode()
