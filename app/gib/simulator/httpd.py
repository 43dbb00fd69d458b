"""HTTP plumbing of the simulator: the threading server on loopback and the request handler
that routes to the SOAP services, the WSDL and the test API (``admin``). Every answer
carries the ``X-Tezgah-Simulator`` header.

POSTs are routed by path through the simulator's ``post_routes`` table (path → ``PostRoute``,
see ``GibSimulator``): a new service is mounted by adding its path there. Paths not in the
table go to the EFatura service (``service.answer_soap``), as they always did."""

from __future__ import annotations

import contextlib
import json
import logging
import socket
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from . import admin
from .service import BANNER, answer_soap

if TYPE_CHECKING:
    from .server import GibSimulator

log = logging.getLogger("tezgah.gib.simulator")

#: A POST handler: answers through the request handler, given the request's body.
PostRoute = Callable[["SimulatorRequestHandler", bytes], None]


class SimulatorHTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    sim: GibSimulator


class SimulatorRequestHandler(BaseHTTPRequestHandler):
    server: SimulatorHTTPServer
    server_version = "TezgahGibSimulator/1.0"
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s: %s %s", BANNER, self.address_string(), format % args)

    # -- answering ------------------------------------------------------------------------

    def send(self, status: int, body: bytes, ctype: str, *, pause: float = 0.0) -> None:
        """Answer; with ``pause`` (the trickle fault) one byte of the whole answer — status
        line, headers and body — every ``pause`` seconds."""
        if pause > 0:
            self._trickle(status, body, ctype, pause)
            return
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Tezgah-Simulator", BANNER)
        self.end_headers()
        self.wfile.write(body)

    def _trickle(self, status: int, body: bytes, ctype: str, pause: float) -> None:
        reason = self.responses.get(status, ("",))[0]
        head = (f"HTTP/1.0 {status} {reason}\r\nContent-Type: {ctype}\r\n"
                f"Content-Length: {len(body)}\r\nX-Tezgah-Simulator: {BANNER}\r\n\r\n")
        self.close_connection = True
        sim = self.server.sim
        for i, byte in enumerate(head.encode("latin-1") + body):
            if i and sim.wait_stopped(pause):
                return
            try:
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
            except OSError:  # the client gave up
                return

    def send_soap(self, status: int, envelope: bytes, *, pause: float = 0.0) -> None:
        if self.server.sim.config.mtom_responses:
            boundary = "MIMEBoundary_tezgah_sim"
            body = (
                f"--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; "
                f'type="application/soap+xml"\r\nContent-Transfer-Encoding: binary\r\n'
                f"Content-ID: <root.message@tezgah.sim>\r\n\r\n"
            ).encode() + envelope + f"\r\n--{boundary}--\r\n".encode()
            ctype = (f'multipart/related; boundary="{boundary}"; type="application/xop+xml"; '
                     f'start="<root.message@tezgah.sim>"; start-info="application/soap+xml"')
            self.send(status, body, ctype, pause=pause)
        else:
            self.send(status, envelope, "application/soap+xml; charset=utf-8", pause=pause)

    def send_json(self, status: int, data: Any) -> None:
        self.send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                  "application/json; charset=utf-8")

    def drop(self) -> None:
        """Close the connection without an answer."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    # -- routing --------------------------------------------------------------------------

    def do_GET(self) -> None:
        sim = self.server.sim
        parts = urlsplit(self.path)
        if parts.query.lower() == "wsdl":
            self.send(200, sim.wsdl(), "text/xml; charset=utf-8")
            return
        if parts.path.startswith(admin.PREFIX):
            reply = admin.get(sim, parts.path)
            if isinstance(reply, bytes):
                self.send(200, reply, "application/xml")
                return
            if reply is not None:
                self.send_json(*reply)
                return
        text = (f"{BANNER}\nTezgâh GİB test simülatörü — gerçek GİB değildir.\n"
                f"EFatura servisi: {sim.url}\nWSDL: {sim.url}?wsdl\n"
                f"e-Arşiv servisi (EArsivWs): {sim.earsiv_url}\n")
        self.send(200, text.encode("utf-8"), "text/plain; charset=utf-8")

    def do_DELETE(self) -> None:
        self.send_json(*admin.delete(self.server.sim, urlsplit(self.path).path))

    def do_POST(self) -> None:
        path = urlsplit(self.path).path
        body = self._read_body()
        if path.startswith(admin.PREFIX):
            self.send_json(*admin.post(self.server.sim, path, body))
            return
        self.server.sim.post_routes.get(path, answer_soap)(self, body)
