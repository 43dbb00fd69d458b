"""The local API's HTTP server (``tezgah api serve``): the standard library's threading HTTP
server, as the posta kutusu's door is served.

Every request but ``GET /openapi.json`` carries the token (``Authorization: Bearer …``,
``tezgah api token``); without it: 401. A body is taken only with a Content-Length no larger
than ``MAX_BODY``; anything that goes wrong inside is logged here and answered as a JSON
error without a traceback. One JSON log line per request on ``tezgah.api`` (method, path,
status, size, ms, remote) — never a body, a header or a query value.
"""

from __future__ import annotations

import contextlib
import json
import logging
import threading
import time
from collections.abc import Callable
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from app.api import routes
from app.api.errors import ApiError, from_user_error
from app.context import AppContext
from app.domain.errors import UserError
from app.usecases import api_token

log = logging.getLogger("tezgah.api")

MAX_BODY = 2 * 1024 * 1024  # an invoice JSON of thousands of lines fits
SOCKET_TIMEOUT = 30.0
MAX_PATH = 2048


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(type(value).__name__)


def _json_bytes(data: Any) -> bytes:
    return json.dumps(data, ensure_ascii=False, default=_default).encode("utf-8")


class ApiServer(ThreadingHTTPServer):
    # Requests in flight (an issuing batch) finish before the server closes; each is bounded
    # by the socket time-out.
    daemon_threads = False
    block_on_close = True
    ctx: AppContext

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.warning("yerel API: bağlantı hatası %s", client_address, exc_info=True)

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = "127.0.0.1" if host == "0.0.0.0" else host
        return f"http://{shown}:{port}"


class ApiRequestHandler(BaseHTTPRequestHandler):
    server: ApiServer
    server_version = "TezgahAPI/1.0"
    protocol_version = "HTTP/1.0"

    def setup(self) -> None:
        self.timeout = SOCKET_TIMEOUT
        super().setup()

    def log_message(self, format: str, *args: Any) -> None:  # one JSON line per request instead
        pass

    def send_error(self, code: int, message: str | None = None,
                   explain: str | None = None) -> None:
        """The server's own refusals (a malformed request line, too long headers) as JSON."""
        self.close_connection = True
        text = {414: "İstek adresi çok uzun.", 431: "İstek başlıkları çok büyük."}.get(
            code, "İstek anlaşılamadı.")
        self.request_version = self.protocol_version  # a status line even for a bad request
        with contextlib.suppress(OSError):
            self._send(code, _json_bytes(ApiError(code, text).body()),
                       "application/json; charset=utf-8", {})

    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def do_PUT(self) -> None:
        self._handle("PUT")

    def do_DELETE(self) -> None:
        self._handle("DELETE")

    def do_PATCH(self) -> None:
        self._handle("PATCH")

    def _handle(self, method: str) -> None:
        started = time.monotonic()
        path = urlsplit(self.path).path if len(self.path) <= MAX_PATH else ""
        try:
            status, body, content_type, headers = self._answer(method)
        except Exception:
            log.exception("yerel API: istek işlenemedi (%s %s)", method, path)
            error = ApiError(500, "Sunucuda beklenmeyen bir hata oldu; ayrıntı Tezgâh'ın "
                             "kayıtlarında.")
            status, body, content_type, headers = (500, _json_bytes(error.body()),
                                                   "application/json; charset=utf-8", {})
        self._send(status, body, content_type, headers)
        record = {"method": method, "path": path[:200], "status": status, "size": len(body),
                  "ms": round((time.monotonic() - started) * 1000, 1),
                  "remote": self.client_address[0] if self.client_address else ""}
        log.info("%s", json.dumps(record, ensure_ascii=False))

    def _answer(self, method: str) -> tuple[int, bytes, str, dict[str, str]]:
        try:
            response = self._route(method)
        except ApiError as exc:
            response = routes.Response(exc.status, exc.body(), headers=(
                {"WWW-Authenticate": 'Bearer realm="tezgah"'} if exc.status == 401 else
                {"Allow": ", ".join(exc.extra.get("izinli", []))} if exc.status == 405 else {}))
        except UserError as exc:
            error = from_user_error(exc)
            response = routes.Response(error.status, error.body())
        if response.content is not None:
            return response.status, response.content, response.content_type, response.headers
        return (response.status, _json_bytes(response.data), response.content_type,
                response.headers)

    def _route(self, method: str) -> routes.Response:
        if len(self.path) > MAX_PATH:
            raise ApiError(414, "İstek adresi çok uzun.")
        parts = urlsplit(self.path)
        route, params = routes.find(method, parts.path)
        if not route.public and not api_token.authorized(
                self.server.ctx.data_dir, self.headers.get("Authorization") or ""):
            self._discard_body()
            raise ApiError(401, "Geçerli bir API anahtarı gerekli: 'Authorization: Bearer "
                           "ANAHTAR' başlığını gönderin. Anahtarı 'tezgah api token' üretir.")
        body = self._read_body() if method == "POST" else b""
        request = routes.Request(method, parts.path, params,
                                 parse_qs(parts.query, keep_blank_values=True), body)
        return route.handler(self.server.ctx, request)

    def _length(self) -> int | None:
        text = self.headers.get("Content-Length")
        if text is None:
            return None
        text = text.strip()
        if not (text.isascii() and text.isdigit()) or len(text) > 15:
            self.close_connection = True
            raise ApiError(400, "Content-Length başlığı geçersiz.")
        return int(text)

    def _read_body(self) -> bytes:
        if self.headers.get("Transfer-Encoding"):
            self.close_connection = True
            raise ApiError(411, "Parçalı gövde kabul edilmez; Content-Length ile gönderin.")
        length = self._length()
        if length is None:
            self.close_connection = True
            raise ApiError(411, "Content-Length başlığı gerekli.")
        if length > MAX_BODY:
            self.close_connection = True
            raise ApiError(413, f"İstek gövdesi çok büyük: en fazla {MAX_BODY} bayt.")
        body = self.rfile.read(length) if length else b""
        if len(body) != length:
            self.close_connection = True
            raise ApiError(400, "İstek gövdesi eksik geldi.")
        return body

    def _discard_body(self) -> None:
        """A refused request's small body is read, so the caller sees the answer rather than
        a reset connection; a large one is not read and the connection closes."""
        self.close_connection = True
        with contextlib.suppress(ApiError, OSError):
            length = self._length()
            if length and length <= MAX_BODY:
                self.rfile.read(length)

    def _send(self, status: int, body: bytes, content_type: str,
              headers: dict[str, str]) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(body)
            self.wfile.flush()


def make_server(ctx: AppContext, host: str, port: int) -> ApiServer:
    server = ApiServer((host, port), ApiRequestHandler)
    server.ctx = ctx
    return server


def serve(ctx: AppContext, host: str, port: int,
          ready: Callable[[ApiServer], None] | None = None) -> None:
    """Serve until interrupted (KeyboardInterrupt); ``ready`` is told the server once it
    listens. Requests in flight finish before it returns."""
    server = make_server(ctx, host, port)
    try:
        if ready is not None:
            ready(server)
        server.serve_forever()
    finally:
        server.server_close()


def serve_in_thread(ctx: AppContext, host: str = "127.0.0.1",
                    port: int = 0) -> tuple[ApiServer, threading.Thread]:
    """A server answering in a thread of this process (the window, tests); stop it with
    ``server.shutdown()`` then ``server.server_close()``."""
    server = make_server(ctx, host, port)
    thread = threading.Thread(target=server.serve_forever, name="tezgah-api", daemon=True)
    thread.start()
    return server, thread
