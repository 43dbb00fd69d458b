"""RFC 3161 time-stamps: the client (``app.signing.request_timestamp``) against the local test
TSA (``app.gib.simulator.tsa``) over real HTTP on 127.0.0.1; ``openssl ts -verify`` agrees
with the token; the TSA's misbehaviour gives the Turkish errors."""

from __future__ import annotations

import hashlib
import logging
import shutil
import subprocess
from collections.abc import Iterator
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from threading import Thread

import pytest
from asn1crypto import tsp

from app import clock
from app.gib.simulator.tsa import TEST_POLICY_OID, TestTimeStampAuthority
from app.signing import (
    TestTsaIdentity,
    TimeStampError,
    TsaBadAnswerError,
    TsaConfig,
    TsaRefusedError,
    TsaUnreachableError,
    check_token,
    create_test_tsa_identity,
    request_timestamp,
)
from app.signing.testcert import make_test_ca
from app.signing.testtsa import issue_tsa_certificate
from app.signing.tsa import build_request

pytestmark = pytest.mark.needs_http

DATA = "Günlük e-Arşiv raporu: İİ ÇÇ ŞŞ".encode()
DIGEST = hashlib.sha256(DATA).digest()
MOMENT = datetime(2026, 11, 28, 23, 59, 30, tzinfo=clock.ISTANBUL)


@pytest.fixture(scope="module")
def identity() -> TestTsaIdentity:
    return create_test_tsa_identity()


@pytest.fixture
def tsa(identity: TestTsaIdentity) -> Iterator[TestTimeStampAuthority]:
    with TestTimeStampAuthority(identity) as t:
        yield t


def _openssl_verify(tmp_path: Path, tsa: TestTimeStampAuthority, response: bytes,
                    data: bytes) -> subprocess.CompletedProcess:
    (tmp_path / "resp.tsr").write_bytes(response)
    (tmp_path / "data.bin").write_bytes(data)
    (tmp_path / "ca.pem").write_bytes(tsa.ca_pem())
    (tmp_path / "tsa.pem").write_bytes(tsa.certificate_pem())
    return subprocess.run(
        ["openssl", "ts", "-verify", "-data", str(tmp_path / "data.bin"),
         "-in", str(tmp_path / "resp.tsr"), "-CAfile", str(tmp_path / "ca.pem"),
         "-untrusted", str(tmp_path / "tsa.pem")],
        capture_output=True, text=True, timeout=60,
    )


def test_request_is_rfc3161_with_nonce_and_cert_req() -> None:
    req = tsp.TimeStampReq.load(build_request(DIGEST, nonce=12345, policy_oid="1.2.3"))
    assert req["version"].native == "v1"
    assert req["message_imprint"]["hash_algorithm"]["algorithm"].native == "sha256"
    assert req["message_imprint"]["hashed_message"].native == DIGEST
    assert req["nonce"].native == 12345
    assert req["cert_req"].native is True
    assert req["req_policy"].dotted == "1.2.3"


def test_round_trip_verified_by_openssl(tsa: TestTimeStampAuthority, tmp_path: Path) -> None:
    with clock.frozen_at(MOMENT):
        ts = request_timestamp(DIGEST, TsaConfig(tsa.url, policy_oid=TEST_POLICY_OID))
    assert ts.info.gen_time == MOMENT
    assert ts.info.gen_time.tzinfo is not None
    assert ts.info.digest == DIGEST
    assert ts.info.policy == TEST_POLICY_OID
    assert ts.info.tsa_certificate == tsa.identity.certificate
    assert ts.info.nonce is not None
    # the stored token checks again on its own (what a verifier of XAdES-T does)
    assert check_token(ts.token_der, DIGEST).gen_time == MOMENT
    assert check_token(ts.token_der, None, data=DATA).serial_number == ts.info.serial_number
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    done = _openssl_verify(tmp_path, tsa, ts.response_der, DATA)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Verification: OK" in done.stdout
    # and an independent tool refuses the same token for other data
    other = _openssl_verify(tmp_path, tsa, ts.response_der, DATA + b"!")
    assert other.returncode != 0


def test_token_for_other_data_is_refused(tsa: TestTimeStampAuthority) -> None:
    ts = request_timestamp(DIGEST, TsaConfig(tsa.url))
    with pytest.raises(TsaBadAnswerError, match="başka bir veriye ait"):
        check_token(ts.token_der, hashlib.sha256(b"other").digest())


@pytest.mark.parametrize(("fault", "error", "words"), [
    ("tamper", TsaBadAnswerError, "imzası sertifikasındaki anahtarla doğrulanamadı"),
    ("wrong_nonce", TsaBadAnswerError, "nonce"),
    ("wrong_imprint", TsaBadAnswerError, "başka bir veriye ait"),
    ("garbage", TsaBadAnswerError, "TimeStampResp"),
    ("huge", TsaBadAnswerError, "beklenenden büyük"),
    ("http500", TsaUnreachableError, "HTTP 500"),
    ("reject", TsaRefusedError, "reddetti"),
])
def test_misbehaving_tsa_gives_turkish_errors(tsa: TestTimeStampAuthority, fault: str,
                                              error: type[TimeStampError], words: str) -> None:
    tsa.fault = fault
    with pytest.raises(error) as caught:
        request_timestamp(DIGEST, TsaConfig(tsa.url))
    assert words in caught.value.message
    assert "Zaman damgası" in caught.value.message


def test_unreachable_tsa() -> None:
    with ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) as closed:
        port = closed.server_address[1]
    with pytest.raises(TsaUnreachableError, match="ulaşılamadı"):
        request_timestamp(DIGEST, TsaConfig(f"http://127.0.0.1:{port}/tsa", timeout_s=5))


def test_silent_tsa_hits_the_deadline() -> None:
    class Silent(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            self.rfile.read(int(self.headers["Content-Length"]))
            self.server.stopped.wait(10)  # type: ignore[attr-defined]

        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            pass

    import threading

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Silent)
    httpd.daemon_threads = True
    httpd.stopped = threading.Event()  # type: ignore[attr-defined]
    Thread(target=httpd.serve_forever, daemon=True).start()
    try:
        with pytest.raises(TsaUnreachableError, match="ulaşılamadı"):
            request_timestamp(DIGEST, TsaConfig(f"http://127.0.0.1:{httpd.server_address[1]}/",
                                                timeout_s=1))
    finally:
        httpd.stopped.set()  # type: ignore[attr-defined]
        httpd.shutdown()
        httpd.server_close()


def test_credentials_are_sent_as_basic_and_never_logged(
        identity: TestTsaIdentity, caplog: pytest.LogCaptureFixture) -> None:
    secret = "çok-gizli-parola-42"
    with TestTimeStampAuthority(identity, username="123456", password=secret) as tsa:
        caplog.set_level(logging.DEBUG)
        ts = request_timestamp(DIGEST, TsaConfig(tsa.url, username="123456", password=secret))
        assert ts.info.digest == DIGEST
        with pytest.raises(TsaRefusedError, match="kimlik bilgilerini kabul etmedi"):
            request_timestamp(DIGEST, TsaConfig(tsa.url, username="123456", password="yanlış"))
    assert secret not in caplog.text
    assert secret not in repr(TsaConfig("http://127.0.0.1/tsa", password=secret))


def _token_signed_by(identity: TestTsaIdentity) -> bytes:
    return TestTimeStampAuthority(identity).make_token(DIGEST, nonce=7).dump()


def test_signer_certificate_needs_the_critical_time_stamping_eku(
        identity: TestTsaIdentity) -> None:
    ca_key, ca_cert = make_test_ca("Başka TEST CA")
    key, cert = issue_tsa_certificate(ca_key, ca_cert, eku_critical=False)
    with pytest.raises(TsaBadAnswerError, match="kritik değil"):
        check_token(_token_signed_by(TestTsaIdentity(key, cert, ca_cert)), DIGEST)
    key, cert = issue_tsa_certificate(ca_key, ca_cert, key=key, time_stamping=False)
    with pytest.raises(TsaBadAnswerError, match="yalnız 'zaman damgalama' değil"):
        check_token(_token_signed_by(TestTsaIdentity(key, cert, ca_cert)), DIGEST)
    # a token whose embedded certificate is another one than the signer's
    good = check_token(_token_signed_by(identity), DIGEST)
    assert good.nonce == 7


def test_token_without_its_certificate_is_refused(identity: TestTsaIdentity) -> None:
    token = TestTimeStampAuthority(identity).make_token(DIGEST, with_certificate=False).dump()
    with pytest.raises(TsaBadAnswerError, match="sertifika yanıtta yok"):
        check_token(token, DIGEST)


def test_garbage_token_is_refused() -> None:
    with pytest.raises(TsaBadAnswerError, match=r"Zaman damgası geçersiz: .*SignedData değil"):
        check_token(b"\x30\x05\x06\x03\x2a\x03\x04", DIGEST)
    with pytest.raises(TsaBadAnswerError, match="çözümlenemedi"):
        check_token(b"not DER at all", DIGEST)


def test_config_refuses_credentials_in_the_address_and_odd_values() -> None:
    with pytest.raises(TimeStampError, match="adresine kullanıcı adı ya da parola yazmayın"):
        TsaConfig("https://musteri:parola@tsa.example/")
    with pytest.raises(TimeStampError, match="http:// ya da https://"):
        TsaConfig("ftp://tsa.example/")
    with pytest.raises(TimeStampError, match="sıfırdan büyük"):
        TsaConfig("https://tsa.example/", timeout_s=0)
    assert TsaConfig("https://tsa.example/").timeout_s > 0


def test_wsgi_app_mountable_elsewhere(identity: TestTsaIdentity) -> None:
    """The test TSA as a WSGI application behind another server (how the GİB simulator
    can mount it at /tsa)."""
    from wsgiref.simple_server import WSGIRequestHandler, make_server

    class Quiet(WSGIRequestHandler):
        def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
            pass

    tsa = TestTimeStampAuthority(identity)
    server = make_server("127.0.0.1", 0, tsa.wsgi_app, handler_class=Quiet)
    Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/tsa"
        ts = request_timestamp(DIGEST, TsaConfig(url))
        assert ts.info.tsa_certificate == identity.certificate
        assert tsa.requests == 1
    finally:
        server.shutdown()
        server.server_close()
