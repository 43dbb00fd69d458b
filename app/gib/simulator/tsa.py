"""A test RFC 3161 time-stamp authority for demo mode and the test suite.

``TestTimeStampAuthority`` has its own key and a time-stamping certificate (critical
extended key usage ``id-kp-timeStamping``) issued by a test CA it creates
(``app.signing.create_test_tsa_identity``). It answers DER ``TimeStampReq`` bodies with DER
``TimeStampResp`` ones (``application/timestamp-reply``), the time being the core's clock
(``app.clock``), so tokens carry the moment a test pins.

Three ways to use it:

* ``tsa.respond(body) -> (status, content_type, answer)``: the bare protocol, for any HTTP
  server. The GİB simulator's request handler can answer ``POST /tsa`` with it.
* ``tsa.wsgi_app``: a WSGI application (any path; POST only) to mount, e.g. at ``/tsa``.
* ``tsa.start(host="127.0.0.1", port=0)`` / ``tsa.stop()`` (or ``with tsa:``): its own
  threading HTTP server; ``tsa.url`` is then where to send requests. ``serve(host, port)``
  runs one in the foreground (``python -m app.gib.simulator.tsa``).

``username`` / ``password``, when set, are required as HTTP Basic authentication (401
otherwise). ``fault`` makes it misbehave for tests: ``"http500"``, ``"garbage"``, ``"huge"``
(an answer larger than any client should read), ``"reject"`` (PKIStatus rejection),
``"wrong_nonce"``, ``"wrong_imprint"``, ``"tamper"`` (one byte of the token's signature
changed). ``ca_pem()`` and ``certificate_pem()`` give what a verifier must trust.
"""

from __future__ import annotations

import argparse
import base64
import contextlib
import hashlib
import hmac
import logging
import threading
from collections.abc import Callable, Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from asn1crypto import algos, cms, core, tsp
from asn1crypto import x509 as ax509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding

from app import clock
from app.signing import TestTsaIdentity, create_test_tsa_identity

log = logging.getLogger("tezgah.gib.simulator.tsa")

#: The policy the test TSA stamps under (an OID under the "example" arc, 2.999).
TEST_POLICY_OID = "2.999.1.3161"
REPLY_TYPE = "application/timestamp-reply"
QUERY_TYPE = "application/timestamp-query"
MAX_REQUEST_BYTES = 64 * 1024
FAULTS = frozenset({"http500", "garbage", "huge", "reject", "wrong_nonce", "wrong_imprint",
                    "tamper"})


class TestTimeStampAuthority:
    """A local RFC 3161 TSA; see the module docstring."""

    __test__ = False  # not a pytest test class

    def __init__(self, identity: TestTsaIdentity | None = None, *,
                 username: str | None = None, password: str | None = None,
                 policy_oid: str = TEST_POLICY_OID) -> None:
        self.identity = identity or create_test_tsa_identity()
        self.username = username
        self.password = password
        self.policy_oid = policy_oid
        self.fault: str | None = None
        self.requests = 0
        self._serial = 0
        self._lock = threading.Lock()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- what a verifier trusts ---------------------------------------------------------------

    def ca_pem(self) -> bytes:
        return self.identity.ca_pem()

    def certificate_pem(self) -> bytes:
        return self.identity.certificate_pem()

    # -- the protocol -------------------------------------------------------------------------

    def authorized(self, authorization: str | None) -> bool:
        if self.username is None and self.password is None:
            return True
        want = "Basic " + base64.b64encode(
            f"{self.username or ''}:{self.password or ''}".encode()).decode("ascii")
        return hmac.compare_digest((authorization or "").encode(), want.encode())

    def respond(self, body: bytes, authorization: str | None = None) -> tuple[int, str, bytes]:
        """(HTTP status, content type, body) answering one request body."""
        with self._lock:
            self.requests += 1
            self._serial += 1
            serial = self._serial
        fault = self.fault
        if not self.authorized(authorization):
            return 401, "text/plain; charset=utf-8", b"authentication required"
        if fault == "http500":
            return 500, "text/plain; charset=utf-8", b"internal error"
        if fault == "garbage":
            return 200, REPLY_TYPE, b"\x30\x03garbage, not DER"
        if fault == "huge":
            return 200, REPLY_TYPE, b"\x30" + b"\x00" * (1024 * 1024)
        try:
            req = tsp.TimeStampReq.load(body, strict=True)
            req.native  # noqa: B018  (parse every field now)
        except (ValueError, TypeError):
            return 200, REPLY_TYPE, _status_only("rejection", "bad_data_format")
        if fault == "reject":
            return 200, REPLY_TYPE, _status_only("rejection", "system_failure",
                                                 "test TSA told to refuse")
        alg = req["message_imprint"]["hash_algorithm"]["algorithm"].native
        if alg not in ("sha256", "sha384", "sha512"):
            return 200, REPLY_TYPE, _status_only("rejection", "bad_alg")
        policy = req["req_policy"].dotted if req["req_policy"].native else self.policy_oid
        if policy != self.policy_oid:
            return 200, REPLY_TYPE, _status_only("rejection", "unaccepted_policy")
        token = self.make_token(
            req["message_imprint"]["hashed_message"].native, alg, serial=serial,
            nonce=req["nonce"].native, with_certificate=bool(req["cert_req"].native))
        resp = tsp.TimeStampResp({"status": {"status": "granted"}, "time_stamp_token": token})
        return 200, REPLY_TYPE, resp.dump()

    def make_token(self, digest: bytes, hash_algorithm: str = "sha256", *, serial: int = 1,
                   nonce: int | None = None, with_certificate: bool = True) -> cms.ContentInfo:
        """A time-stamp token (CMS ``ContentInfo``) over ``digest``, obeying ``fault``."""
        fault = self.fault
        if fault == "wrong_nonce" and nonce is not None:
            nonce += 1
        if fault == "wrong_imprint":
            digest = bytes([digest[0] ^ 1]) + digest[1:]
        ident = self.identity
        cert_der = ident.certificate.public_bytes(Encoding.DER)
        acert = ax509.Certificate.load(cert_der)
        fields: dict[str, Any] = {
            "version": "v1",
            "policy": self.policy_oid,
            "message_imprint": {"hash_algorithm": {"algorithm": hash_algorithm},
                                "hashed_message": digest},
            "serial_number": serial,
            "gen_time": clock.now_utc().replace(microsecond=0),
            "accuracy": {"seconds": 1},
            "tsa": ax509.GeneralName(name="directory_name", value=acert.subject),
        }
        if nonce is not None:
            fields["nonce"] = nonce
        tst_der = tsp.TSTInfo(fields).dump()
        attrs = [
            cms.CMSAttribute({"type": "content_type", "values": ["tst_info"]}),
            cms.CMSAttribute({"type": "message_digest",
                              "values": [hashlib.sha256(tst_der).digest()]}),
            cms.CMSAttribute({"type": "signing_certificate_v2", "values": [
                {"certs": [{"cert_hash": hashlib.sha256(cert_der).digest()}]}]}),
        ]
        # DER: a SET OF is sorted by its members' encodings (verifiers re-encode it).
        signed_attrs = cms.CMSAttributes(sorted(attrs, key=lambda a: a.dump()))
        signature, sig_alg = _sign(ident.key, signed_attrs.dump())
        if fault == "tamper":
            signature = signature[:-1] + bytes([signature[-1] ^ 1])
        signer = cms.SignerInfo({
            "version": "v1",
            "sid": cms.SignerIdentifier(name="issuer_and_serial_number", value={
                "issuer": acert.issuer, "serial_number": acert.serial_number}),
            "digest_algorithm": {"algorithm": "sha256"},
            "signed_attrs": signed_attrs,
            "signature_algorithm": {"algorithm": sig_alg},
            "signature": signature,
        })
        sd: dict[str, Any] = {
            "version": "v3",
            "digest_algorithms": [algos.DigestAlgorithm({"algorithm": "sha256"})],
            "encap_content_info": {"content_type": "tst_info",
                                   "content": cms.ParsableOctetString(tst_der)},
            "signer_infos": [signer],
        }
        if with_certificate:
            sd["certificates"] = [acert]
        return cms.ContentInfo({"content_type": "signed_data", "content": cms.SignedData(sd)})

    # -- WSGI -----------------------------------------------------------------------------------

    def wsgi_app(self, environ: dict[str, Any],
                 start_response: Callable[..., Any]) -> Iterable[bytes]:
        """WSGI application answering ``POST`` (any path) with ``respond``."""
        if environ.get("REQUEST_METHOD") != "POST":
            start_response("405 Method Not Allowed", [("Content-Type", "text/plain"),
                                                      ("Allow", "POST")])
            return [b"POST an application/timestamp-query"]
        try:
            length = int(environ.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > MAX_REQUEST_BYTES:
            start_response("413 Payload Too Large", [("Content-Type", "text/plain")])
            return [b"too large"]
        body = environ["wsgi.input"].read(length) if length else b""
        status, ctype, answer = self.respond(body, environ.get("HTTP_AUTHORIZATION"))
        reason = _REASONS.get(status, "OK")
        start_response(f"{status} {reason}", [("Content-Type", ctype),
                                              ("Content-Length", str(len(answer)))])
        return [answer]

    # -- its own HTTP server --------------------------------------------------------------------

    @property
    def url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("the test TSA is not started")
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/tsa"

    def start(self, host: str = "127.0.0.1", port: int = 0) -> TestTimeStampAuthority:
        """Serve on ``host:port`` (0: any free port) in a daemon thread."""
        if self._httpd is not None:
            return self
        self._httpd = make_server(self, host, port)
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        name="test-tsa", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        httpd, self._httpd = self._httpd, None
        if httpd is not None:
            httpd.shutdown()
            httpd.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> TestTimeStampAuthority:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


_REASONS = {200: "OK", 401: "Unauthorized", 500: "Internal Server Error"}


def _status_only(status: str, fail: str, text: str | None = None) -> bytes:
    info: dict[str, Any] = {"status": status, "fail_info": {fail}}
    if text:
        info["status_string"] = [text]
    # asn1crypto's TimeStampResp insists on a token; a refusal carries only the status.
    status_der = tsp.PKIStatusInfo(info).dump()
    return core.Sequence.load(b"\x30" + _der_length(len(status_der)) + status_der).dump()


def _der_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def _sign(key: Any, data: bytes) -> tuple[bytes, str]:
    if isinstance(key, rsa.RSAPrivateKey):
        return key.sign(data, padding.PKCS1v15(), hashes.SHA256()), "sha256_rsa"
    if isinstance(key, ec.EllipticCurvePrivateKey):
        return key.sign(data, ec.ECDSA(hashes.SHA256())), "sha256_ecdsa"
    raise TypeError("unsupported TSA key")


class _Handler(BaseHTTPRequestHandler):
    server: _TsaHTTPServer
    server_version = "TezgahTestTSA/1.0"
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        log.info("test TSA: %s %s", self.address_string(), format % args)

    def do_POST(self) -> None:
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = 0
        if length > MAX_REQUEST_BYTES:
            self._send(413, "text/plain", b"too large")
            return
        body = self.rfile.read(length) if length else b""
        self._send(*self.server.tsa.respond(body, self.headers.get("Authorization")))

    def do_GET(self) -> None:
        self._send(405, "text/plain", b"POST an application/timestamp-query")

    def _send(self, status: int, ctype: str, body: bytes) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        if status == 401:
            self.send_header("WWW-Authenticate", 'Basic realm="test TSA"')
        self.end_headers()
        with contextlib.suppress(OSError):  # the client stopped reading (a size cap)
            self.wfile.write(body)


class _TsaHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    tsa: TestTimeStampAuthority


def make_server(tsa: TestTimeStampAuthority, host: str = "127.0.0.1",
                port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server (not yet serving) answering every POST with ``tsa``."""
    httpd = _TsaHTTPServer((host, port), _Handler)
    httpd.tsa = tsa
    return httpd


def serve(host: str = "127.0.0.1", port: int = 3161) -> None:
    """Run a fresh test TSA in the foreground until interrupted; writes nothing to disk."""
    tsa = TestTimeStampAuthority()
    httpd = make_server(tsa, host, port)
    print(f"Test TSA: http://{host}:{httpd.server_address[1]}/tsa")
    print(tsa.ca_pem().decode("ascii"))
    try:
        httpd.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        httpd.server_close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Tezgâh test RFC 3161 time-stamp server")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=3161)
    args = parser.parse_args(argv)
    serve(args.host, args.port)


if __name__ == "__main__":
    main()
