"""Every fault-injection switch of the GİB test simulator gives the client the right typed
error, over real HTTP on 127.0.0.1."""

from __future__ import annotations

import json
import threading
import time
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from app.gib.client import EFaturaClient
from app.gib.errors import NotDelivered, ProtocolError, Rejected
from app.gib.simulator import FaultKind
from tests.fixtures.simulator import follow, pack


@pytest.fixture
def packed(make_gib_invoice):
    return pack([make_gib_invoice()])


def _send(client, p):
    return client.send_document(p.file_name, p.zip, p.md5)


def test_drop_connection_is_not_delivered_and_nothing_is_stored(gib_simulator, gib_client, packed):
    gib_simulator.faults.add(FaultKind.DROP, times=1)
    with pytest.raises(NotDelivered) as exc:
        _send(gib_client, packed)
    assert exc.value.code is None
    assert gib_simulator.status(packed.uuid) is None
    _send(gib_client, packed)  # the same envelope goes through on the next try
    assert follow(gib_client, packed.uuid)[-1] == 1300


def test_http_500_is_not_delivered(gib_simulator, gib_client, packed):
    gib_simulator.faults.add(FaultKind.HTTP_500, times=1)
    with pytest.raises(NotDelivered) as exc:
        _send(gib_client, packed)
    assert "HTTP 500" in exc.value.message
    assert not isinstance(exc.value, Rejected)


def test_timeout_is_not_delivered_and_maybe_received(make_gib_simulator, packed):
    sim = make_gib_simulator()
    sim.faults.add(FaultKind.HANG, times=1, seconds=5)
    client = EFaturaClient(sim.url, timeout=0.3)
    started = time.monotonic()
    with pytest.raises(NotDelivered) as exc:
        _send(client, packed)
    assert time.monotonic() - started < 3
    assert exc.value.maybe_received
    assert "yanıt vermedi" in exc.value.message


def test_slow_answer_within_the_timeout_succeeds(make_gib_simulator, packed):
    sim = make_gib_simulator()
    sim.faults.add(FaultKind.SLOW, times=1, seconds=0.3, operation="sendDocument")
    client = EFaturaClient(sim.url, timeout=5)
    started = time.monotonic()
    assert _send(client, packed).hash_matches
    assert time.monotonic() - started >= 0.3


def test_slow_answer_past_the_timeout_is_not_delivered_but_was_processed(make_gib_simulator, packed):
    sim = make_gib_simulator()
    sim.faults.add(FaultKind.SLOW, times=1, seconds=0.6)
    client = EFaturaClient(sim.url, timeout=0.2)
    with pytest.raises(NotDelivered) as exc:
        _send(client, packed)
    assert exc.value.maybe_received
    deadline = time.monotonic() + 3
    while sim.status(packed.uuid) is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert sim.status(packed.uuid) is not None  # GİB got it after all


def test_trickled_answer_meets_the_overall_deadline_and_was_processed(make_gib_simulator, packed):
    """One byte a second never trips a timeout per socket read; the deadline is overall."""
    sim = make_gib_simulator()
    sim.faults.add(FaultKind.TRICKLE, times=1, operation="sendDocument")
    client = EFaturaClient(sim.url, timeout=2)
    started = time.monotonic()
    with pytest.raises(NotDelivered) as exc:
        _send(client, packed)
    assert time.monotonic() - started < 2 + 1.5
    assert exc.value.maybe_received and "2 saniye içinde yanıt vermedi" in exc.value.message
    assert sim.status(packed.uuid) is not None  # processed before the answer trickled
    with pytest.raises(Rejected) as again:  # sent again: GİB already has it
        _send(client, packed)
    assert again.value.already_received


def test_fault_2005_is_not_delivered(gib_simulator, gib_client, packed):
    gib_simulator.faults.add(FaultKind.FAULT_2005, times=1)
    with pytest.raises(NotDelivered) as exc:
        _send(gib_client, packed)
    assert exc.value.code == 2005 and exc.value.gib_text == "SISTEM HATASI"
    assert gib_simulator.status(packed.uuid) is None


def test_fault_2007_temporary_refusal_is_not_delivered(gib_simulator, gib_client, packed):
    gib_simulator.faults.add(FaultKind.FAULT_2007, operation="getApplicationResponse")
    _send(gib_client, packed)  # only queries are refused
    with pytest.raises(NotDelivered) as exc:
        gib_client.get_application_response(packed.uuid)
    assert exc.value.code == 2007
    assert "GEÇİCİ OLARAK" in exc.value.gib_text
    gib_simulator.faults.clear()
    assert follow(gib_client, packed.uuid)[-1] == 1300


def test_lost_response_then_resend_answers_2001_and_the_status_is_found(gib_simulator, gib_client, packed):
    gib_simulator.faults.add(FaultKind.LOSE_RESPONSE, times=1, operation="sendDocument")
    with pytest.raises(NotDelivered) as exc:
        _send(gib_client, packed)
    assert exc.value.maybe_received
    with pytest.raises(Rejected) as again:  # the same envelope, resent after the unknown outcome
        _send(gib_client, packed)
    assert again.value.already_received
    assert follow(gib_client, packed.uuid)[-1] == 1300  # stored exactly once


def test_mtom_responses_are_understood(make_gib_simulator, packed):
    sim = make_gib_simulator(mtom_responses=True)
    client = EFaturaClient(sim.url, timeout=5)
    assert _send(client, packed).hash_matches
    assert follow(client, packed.uuid)[-1] == 1300
    with pytest.raises(Rejected) as exc:
        _send(client, packed)
    assert exc.value.code == 2001


def test_non_soap_success_answer_is_a_protocol_error():
    # E.g. a captive portal or proxy answering 200 with an HTML page.
    class Page(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            body = b"<html><body>Giris yapin</body></html>"
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        client = EFaturaClient(f"http://127.0.0.1:{server.server_address[1]}/x", timeout=5)
        with pytest.raises(ProtocolError) as exc:
            client.get_application_response("00000000-0000-4000-8000-000000000000")
        assert isinstance(exc.value, NotDelivered) and "HTTP 200" in exc.value.message
    finally:
        server.shutdown()
        server.server_close()


def test_connection_refused_is_not_delivered_and_not_received(make_gib_simulator, packed):
    sim = make_gib_simulator()
    url = sim.url
    sim.stop()
    with pytest.raises(NotDelivered) as exc:
        _send(EFaturaClient(url, timeout=2), packed)
    assert not exc.value.maybe_received


def test_faults_switched_over_the_admin_http_path(gib_simulator, gib_client, packed):
    def post(path: str, data: dict) -> list:
        req = urllib.request.Request(gib_simulator.base_url + path, method="POST",
                                     data=json.dumps(data).encode(),
                                     headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=5) as resp:
            return json.loads(resp.read())

    active = post("/_sim/faults", {"kind": "fault2005", "times": 2})
    assert active == [{"kind": "fault2005", "times": 2, "operation": None, "seconds": 30.0}]
    for _ in range(2):
        with pytest.raises(NotDelivered):
            _send(gib_client, packed)
    assert gib_simulator.faults.active() == []
    post("/_sim/faults", {"kind": "http500"})
    with pytest.raises(NotDelivered):
        _send(gib_client, packed)
    assert post("/_sim/faults", {"clear": True}) == []
    _send(gib_client, packed)
    with urllib.request.urlopen(f"{gib_simulator.base_url}/_sim/envelopes/{packed.uuid}",
                                timeout=5) as resp:
        state = json.loads(resp.read())
    assert state["id"] == packed.uuid and "GERCEK GIB DEGILDIR" in state["simulator"]
    with pytest.raises(urllib.error.HTTPError) as bad:
        post("/_sim/faults", {"kind": "nonsense"})
    assert bad.value.code == 400


def test_tls_certificate_is_verified_by_default():
    import inspect

    from app import http

    # Nothing turns verification off: no such parameter, and the shared session verifies.
    assert set(inspect.signature(EFaturaClient).parameters) == {"endpoint", "timeout", "ca_file"}
    assert http.session().verify is True
    assert EFaturaClient().endpoint == "https://merkeztest.efatura.gov.tr/EFaturaMerkez/services/EFatura"


def _self_signed(tmp_path):
    import datetime as dt
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5)).not_valid_after(now + dt.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = tmp_path / "sim-cert.pem", tmp_path / "sim-key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_https_certificate_is_verified(make_gib_simulator, tmp_path, packed):
    cert, key = _self_signed(tmp_path)
    sim = make_gib_simulator(tls_certfile=cert, tls_keyfile=key)
    assert sim.url.startswith("https://127.0.0.1:")
    with pytest.raises(NotDelivered) as exc:  # an unknown certificate: nothing is sent
        _send(EFaturaClient(sim.url, timeout=5), packed)
    assert "sertifika" in exc.value.message and not exc.value.maybe_received
    assert sim.status(packed.uuid) is None
    trusted = EFaturaClient(sim.url, timeout=5, ca_file=str(cert))
    assert _send(trusted, packed).hash_matches
    assert follow(trusted, packed.uuid)[-1] == 1300


def test_delays_set_over_the_admin_path(gib_simulator, gib_client, packed):
    req = urllib.request.Request(gib_simulator.base_url + "/_sim/config", method="POST",
                                 data=json.dumps({"delivery_delay": 30}).encode())
    with urllib.request.urlopen(req, timeout=5) as resp:
        assert json.loads(resp.read())["delivery_delay"] == 30.0
    _send(gib_client, packed)
    gib_simulator.wait_until_checked(packed.uuid)
    assert gib_client.get_application_response(packed.uuid).status_code == 1200
    bad = urllib.request.Request(gib_simulator.base_url + "/_sim/config", method="POST",
                                 data=json.dumps({"delivery_delay": "uzun"}).encode())
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(bad, timeout=5)
    assert exc.value.code == 400
