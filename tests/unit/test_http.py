"""``app.http``, the one HTTP stack: the system's proxy (HTTP_PROXY / HTTPS_PROXY) is used,
TLS certificates are always verified, downloads stop at their size cap; GİB's rule packages
download through it."""

from __future__ import annotations

import datetime as dt
import ipaddress
import ssl
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from app import http
from app.domain.errors import UserError
from app.gib.client import EFaturaClient
from app.gib.errors import NotDelivered


class _Server:
    """A ThreadingHTTPServer on 127.0.0.1 with a handler made of ``respond(handler)``."""

    def __init__(self, respond, tls: ssl.SSLContext | None = None) -> None:  # type: ignore[no-untyped-def]
        self.seen: list[str] = []
        seen = self.seen

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                seen.append(f"{self.command} {self.path}")
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                respond(self)

            do_GET = do_POST = do_CONNECT = _any

            def log_message(self, *args) -> None:  # type: ignore[no-untyped-def]
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        if tls is not None:
            self.httpd.socket = tls.wrap_socket(self.httpd.socket, server_side=True)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _answer(body: bytes, status: int = 200, ctype: str = "text/plain"):  # type: ignore[no-untyped-def]
    def respond(h: BaseHTTPRequestHandler) -> None:
        if h.command == "CONNECT":  # a proxy that refuses tunnels
            h.send_response(403)
            h.send_header("Content-Length", "0")
            h.end_headers()
            return
        h.send_response(status)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(body)))
        h.end_headers()
        h.wfile.write(body)

    return respond


@pytest.fixture
def server() -> Iterator:  # type: ignore[type-arg]
    started: list[_Server] = []

    def make(respond, tls=None) -> _Server:  # type: ignore[no-untyped-def]
        s = _Server(respond, tls)
        started.append(s)
        return s

    yield make
    for s in started:
        s.close()


@pytest.fixture
def no_proxy_env(monkeypatch: pytest.MonkeyPatch) -> pytest.MonkeyPatch:
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.lower(), raising=False)
    return monkeypatch


def test_http_proxy_from_the_environment_is_used(server, no_proxy_env) -> None:  # type: ignore[no-untyped-def]
    proxy = server(_answer(b"from the proxy"))
    no_proxy_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    # gib.invalid does not resolve: only the proxy can answer
    r = http.post("http://gib.invalid/EFaturaMerkez/services/EFatura", b"x",
                  {"Content-Type": "text/xml"}, timeout=5, max_bytes=1000)
    assert r.status == 200 and r.body == b"from the proxy"
    assert proxy.seen == ["POST http://gib.invalid/EFaturaMerkez/services/EFatura"]


def test_https_proxy_gets_a_connect_and_its_refusal_is_not_delivered(server, no_proxy_env) -> None:  # type: ignore[no-untyped-def]
    proxy = server(_answer(b""))
    no_proxy_env.setenv("HTTPS_PROXY", f"http://127.0.0.1:{proxy.port}")
    client = EFaturaClient("https://merkeztest.gib.invalid/EFaturaMerkez/services/EFatura",
                           timeout=5)
    with pytest.raises(NotDelivered) as exc:
        client.get_application_response("00000000-0000-4000-8000-000000000000")
    assert proxy.seen == ["CONNECT merkeztest.gib.invalid:443"]
    assert not exc.value.maybe_received and "proxy" in exc.value.message


def test_no_proxy_is_honoured(server, no_proxy_env) -> None:  # type: ignore[no-untyped-def]
    proxy = server(_answer(b"proxy"))
    target = server(_answer(b"direct"))
    no_proxy_env.setenv("HTTP_PROXY", f"http://127.0.0.1:{proxy.port}")
    no_proxy_env.setenv("NO_PROXY", "127.0.0.1")
    r = http.post(f"http://127.0.0.1:{target.port}/x", b"", {}, timeout=5, max_bytes=100)
    assert r.body == b"direct" and proxy.seen == []


def _self_signed(tmp_path: Path) -> tuple[Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(minutes=5))
            .not_valid_after(now + dt.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .sign(key, hashes.SHA256()))
    cert_path, key_path = tmp_path / "cert.pem", tmp_path / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


def test_self_signed_https_is_refused_with_a_turkish_message(server, no_proxy_env,  # type: ignore[no-untyped-def]
                                                             tmp_path: Path) -> None:
    cert, key = _self_signed(tmp_path)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    site = server(_answer(b"secret"), tls=tls)
    url = f"https://127.0.0.1:{site.port}/EFaturaMerkez/services/EFatura"
    with pytest.raises(http.HttpError) as exc:
        http.post(url, b"x", {}, timeout=5, max_bytes=100)
    assert exc.value.kind == "tls" and not exc.value.sent
    assert "sertifikası doğrulanamadı" in exc.value.message
    with pytest.raises(NotDelivered) as gib:
        EFaturaClient(url, timeout=5).get_application_response(
            "00000000-0000-4000-8000-000000000000")
    assert "sertifikası doğrulanamadı" in gib.value.message and not gib.value.maybe_received
    assert site.seen == []  # nothing was sent
    # The same server with its certificate named as trusted: verified, so it answers.
    r = http.post(url, b"x", {}, timeout=5, max_bytes=100, ca_file=str(cert))
    assert r.body == b"secret"


def test_answers_and_downloads_stop_at_their_cap(server, no_proxy_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    big = server(_answer(b"x" * 5000))
    url = f"http://127.0.0.1:{big.port}/big.zip"
    with pytest.raises(http.HttpError) as exc:
        http.post(url, b"", {}, timeout=5, max_bytes=1000)
    assert exc.value.kind == "too_large"
    with pytest.raises(http.HttpError) as exc:
        http.download(url, tmp_path / "big.zip", timeout=5, max_bytes=1000)
    assert exc.value.kind == "too_large"
    assert http.download(url, tmp_path / "ok.zip", timeout=5, max_bytes=5000) == 5000


def test_rules_download_goes_through_the_stack(server, no_proxy_env, gib_dir: Path,  # type: ignore[no-untyped-def]
                                               tmp_path: Path) -> None:
    from app.ubl import rules

    def respond(h: BaseHTTPRequestHandler) -> None:
        name = h.path.rsplit("/", 1)[-1]
        path = gib_dir / name
        if not path.exists():
            _answer(b"yok", 404)(h)
            return
        _answer(path.read_bytes(), ctype="application/zip")(h)

    site = server(respond)
    base = f"http://127.0.0.1:{site.port}/dosyalar/kilavuzlar"
    no_proxy_env.setattr(rules, "DOWNLOAD_URLS", {
        "ubl": f"{base}/{rules.UBL_ZIP_NAME}", "efatura": f"{base}/{rules.EFATURA_ZIP_NAME}"})
    info = rules.download_rules(tmp_path / "rules", timeout=30)
    assert info is not None and len(site.seen) == 2
    no_proxy_env.setattr(rules, "DOWNLOAD_URLS", {"ubl": f"{base}/missing.zip"})
    with pytest.raises(UserError) as exc:
        rules.download_rules(tmp_path / "rules2", timeout=5)
    assert "indirilemedi" in exc.value.message and "HTTP 404" in exc.value.message


# ---------------------------------------------------------------- an overall deadline


class _Trickler:
    """A server on 127.0.0.1 that takes a whole request and answers one byte a second
    (``mode="answer"``), or reads the request slowly (``mode="read"``: at most 64 KiB every
    half second), over TLS when given a context."""

    def __init__(self, mode: str, tls: ssl.SSLContext | None = None) -> None:
        import socket

        self.mode, self.tls = mode, tls
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except OSError:
                continue
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn) -> None:  # type: ignore[no-untyped-def]
        import contextlib

        with contextlib.suppress(OSError), conn:
            conn.settimeout(None)
            if self.tls is not None:
                conn = self.tls.wrap_socket(conn, server_side=True)
            if self.mode == "read":  # a little at a time: each write waits well under
                while not self.stop.wait(0.5) and conn.recv(65536):  # its own timeout
                    pass
                return
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(65536)
            head, _, body = data.partition(b"\r\n\r\n")
            length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                           if line.lower().startswith(b"content-length:")), 0)
            while len(body) < length:
                body += conn.recv(65536)
            answer = (b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 20\r\n"
                      b"\r\n" + b"x" * 20)
            for i in range(len(answer)):
                if self.stop.wait(1.0 if i else 0):
                    return
                conn.sendall(answer[i:i + 1])

    def close(self) -> None:
        self.stop.set()
        self.listener.close()


@pytest.fixture
def trickler() -> Iterator:  # type: ignore[type-arg]
    started: list[_Trickler] = []

    def make(mode: str, tls: ssl.SSLContext | None = None) -> _Trickler:
        t = _Trickler(mode, tls)
        started.append(t)
        return t

    yield make
    for t in started:
        t.close()


@pytest.mark.slow  # long waits or a whole pipeline: left out of --fast, in every full run
def test_an_answer_trickled_one_byte_a_second_meets_the_overall_deadline(  # type: ignore[no-untyped-def]
        trickler, no_proxy_env) -> None:
    """requests' timeout is per socket read: a byte every second never trips it. The
    deadline covers the whole request, here while the status line is still arriving."""
    import time

    slow = trickler("answer")
    url = f"http://127.0.0.1:{slow.port}/EFaturaMerkez/services/EFatura"
    started = time.monotonic()
    with pytest.raises(http.HttpError) as exc:
        http.post(url, b"<soap/>", {}, timeout=2, max_bytes=1000)
    assert time.monotonic() - started < 2 + 1.5
    assert exc.value.kind == "timeout" and exc.value.sent
    assert exc.value.message.endswith("2 saniye içinde yanıtını bitirmedi; bağlantı kesildi.")
    started = time.monotonic()
    with pytest.raises(NotDelivered) as gib:
        EFaturaClient(url, timeout=2).get_application_response(
            "00000000-0000-4000-8000-000000000000")
    assert time.monotonic() - started < 2 + 1.5
    assert "2 saniye içinde yanıt vermedi" in gib.value.message and gib.value.maybe_received


@pytest.mark.slow  # long waits or a whole pipeline: left out of --fast, in every full run
def test_a_server_reading_one_byte_a_second_meets_the_overall_deadline(  # type: ignore[no-untyped-def]
        trickler, no_proxy_env, tmp_path: Path) -> None:
    """The sending side is under the same deadline: an upload the server reads too slowly
    is cut at the deadline and reported as not sent (the envelope cannot have arrived),
    not as a broken connection after which it "may have arrived"."""
    import time

    cert, key = _self_signed(tmp_path)
    tls = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    tls.load_cert_chain(cert, key)
    slow = trickler("read", tls)
    url = f"https://127.0.0.1:{slow.port}/EFaturaMerkez/services/EFatura"
    body = b"z" * (16 * 1024 * 1024)  # more than the kernel's socket buffers take at once
    started = time.monotonic()
    with pytest.raises(http.HttpError) as exc:
        http.post(url, body, {}, timeout=2, max_bytes=1000, ca_file=str(cert))
    assert time.monotonic() - started < 2 + 1.5
    assert exc.value.kind == "timeout" and not exc.value.sent
    assert "2 saniye içinde gönderilemedi" in exc.value.message
    with pytest.raises(NotDelivered) as gib:
        EFaturaClient(url, timeout=2, ca_file=str(cert)).send_document(
            "x.zip", body, "0" * 32)
    assert "tamamlanamadı" in gib.value.message and not gib.value.maybe_received


def test_downloads_have_an_overall_deadline(trickler, no_proxy_env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    import time

    slow = trickler("answer")
    started = time.monotonic()
    with pytest.raises(http.HttpError) as exc:
        http.download(f"http://127.0.0.1:{slow.port}/x.zip", tmp_path / "x.zip", timeout=5,
                      max_bytes=1000, deadline=2)
    assert time.monotonic() - started < 2 + 1.5 and exc.value.kind == "timeout"
