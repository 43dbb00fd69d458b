"""The receiving door of the posta kutusu: GİB's EFatura web service, as *server*.

Ek-3 §7: an integrator builds both the client and the server to GİB's WSDL
(``EFatura_Test.wsdl``, namespace ``http://gib.gov.tr/vedop3/eFatura``, document/literal).
This module serves it at ``/EFaturaMerkez/services/EFatura`` over ``http.server`` (threads),
the same way the project's GİB simulator serves:

* ``sendDocument`` (Ek-3 §7.2.1): SOAP 1.2 or 1.1, the zip as MTOM/XOP attachment or inline
  base64 (``app.gib.soap.unpack_http_body`` resolves XOP). At the door: the body's size from
  Content-Length, refused before it is read when too large; safe XML (``app.xmlsafe`` through
  ``app.gib.soap``); the file name ``<InstanceIdentifier>.zip``; the caller's MD5 against the
  bytes; the zip's sanity (one entry ``<InstanceIdentifier>.xml``, no path, size limits while
  inflating, no encryption). Then the envelope is stored durably (``spool``) and only then
  answered with ``documentResponse{msg, hash}``, ``hash`` being this server's own MD5 of the
  bytes received. The same envelope again gets the same answer (GİB resends).
* ``getApplicationResponse`` (Ek-3 §7.2.2): Merkez polls the envelopes it delivered and still
  shows at 1220. The answer is a SYSTEMENVELOPE's XML as a string, like
  ``1_SISTEM_YANITI_POSTA_KUTUSU.xml``: the stored system response once processing wrote one
  (``Spool.set_response``), before that one saying 1000 ZARF KUYRUGA EKLENDI (received and
  waiting for processing). An envelope never received: fault 2004.
* ``GET /health``: JSON {status, pending, uptime_seconds}; ``GET …?wsdl``: GİB's WSDL with the
  service address rewritten.
* ``/telefon/…``: the owner's phone page, handed to ``PostboxService.phone`` (made in the use
  cases, ``app.usecases.phone_page``) as a ``web.WebRequest``; 404 when none is set.

Faults (``EFaturaFault{code, msg}`` in the SOAP fault's Detail, Ek-3 §8). §8 lists the codes
and their texts but not when each applies; the choices made here:

* 2000 OZET DEGERLER ESIT DEGIL — the MD5 sent (``hash``, §7.7 setHash) is not the bytes'.
* 2001 ZARF ID SISTEMDE MEVCUT — other bytes were already received under this identifier.
* 2002 ZARF ARSIVE EKLENEMEDI — the envelope cannot be archived as it is: the body is too
  large, the bytes are not a usable zip, or the zip does not hold exactly one
  ``<InstanceIdentifier>.xml``. The message names the Ek-2 §4 check it failed
  (1110, 1130, 1131, 1132, 1133) so the sender knows what to fix.
* 2004 ZARF ID BULUNAMADI — ``getApplicationResponse`` for an envelope never received.
* 2005 SISTEM HATASI — this server failed (e.g. the disk); the same envelope may be resent.
* 2006 GECERSIZ ZARF ADI — ``fileName`` is not ``<GUID>.zip`` (§7.7 setFileName).
* 2003 (queue) and 2007 (rights withdrawn) are not used by this door.

One structured log line per request on ``tezgah.postbox`` (JSON: op, id, size, outcome,
code, status, ms, remote); never the document.
"""

from __future__ import annotations

import contextlib
import io
import json
import logging
import re
import socket
import ssl
import threading
import time
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app import clock
from app.domain.errors import UserError
from app.gib import codes, soap
from app.gib.envelope import EnvelopeParty, is_uuid, parse_envelope
from app.gib.package import md5_hex
from app.gib.system_response import build_system_envelope

from .spool import Conflict, Spool, SpoolError, spool_dir
from .web import WebRequest, WebResponse

log = logging.getLogger("tezgah.postbox")

SERVICE_PATH = "/EFaturaMerkez/services/EFatura"
HEALTH_PATH = "/health"
API_PREFIX = "/api/v1/"  # the desktops' API (a token the shop set up; ``tezgah postbox token``)
API_MAX_BODY = 4 * 1024 * 1024
PHONE_PREFIX = "/telefon"  # the owner's phone page (``tezgah postbox phone``)
PHONE_MAX_BODY = 4096
#: The largest request body taken (bytes); base64 makes the zip a third larger.
MAX_BODY_BYTES = 32 * 1024 * 1024
#: The largest envelope XML inside the zip (bytes, inflated); app.xmlsafe's parse limit.
MAX_XML_BYTES = 50 * 1024 * 1024
#: Seconds a connection may stay silent (reading the request, writing the answer).
SOCKET_TIMEOUT = 30.0
#: After refusing an oversize body, at most this much of it is read and dropped so the
#: answer is not lost to a TCP reset.
_DRAIN_BYTES = 1024 * 1024
ACCEPTED = "ZARF BASARIYLA ALINDI"
PENDING_CODE = 1000  # Ek-2 §4: ZARF KUYRUGA EKLENDI


@dataclass
class PostboxConfig:
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 0
    tls_certfile: Path | None = None
    tls_keyfile: Path | None = None
    max_body_bytes: int = MAX_BODY_BYTES
    max_xml_bytes: int = MAX_XML_BYTES
    socket_timeout: float = SOCKET_TIMEOUT
    #: GİB's EFatura_Test.wsdl, or the folder holding e-FaturaPaketi.zip; else generated.
    wsdl_file: Path | None = None
    gib_packages_dir: Path | None = None
    #: The address published in the WSDL (behind a reverse proxy: the public https URL).
    public_url: str | None = None


class Refused(Exception):
    """The door refuses the request with an EFaturaFault."""

    def __init__(self, code: int, detail: str = "", *, http_status: int = 500) -> None:
        super().__init__(code, detail)
        self.code = code
        self.detail = detail
        self.http_status = http_status


@dataclass
class Reply:
    status: int
    body: bytes
    content_type: str
    outcome: str
    code: int | None = None
    instance_id: str = ""
    size: int = 0
    op: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# -- the zip at the door -------------------------------------------------------------------

def _zip_refusal(status_code: int, detail: str = "") -> Refused:
    text = f"{codes.status(status_code).gib_text} ({status_code})"
    return Refused(2002, f"{text}: {detail}" if detail else text)


def check_zip(zip_bytes: bytes, instance_id: str, *, max_xml_bytes: int = MAX_XML_BYTES) -> None:
    """Raise ``Refused`` (2002) unless the zip holds exactly one entry ``<instance_id>.xml``
    that inflates, within ``max_xml_bytes``, to bytes matching its CRC."""
    if not zip_bytes or not zipfile.is_zipfile(io.BytesIO(zip_bytes)):
        raise _zip_refusal(1110)
    try:
        with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
            entries = zf.infolist()
            if len(entries) != 1:
                raise _zip_refusal(1131, f"{len(entries)} kayit var")
            entry = entries[0]
            name = entry.filename
            if ("/" in name or "\\" in name or ".." in name or ":" in name
                    or name.startswith(".")):
                raise _zip_refusal(1133, "guvenli olmayan dosya adi")
            if not name.lower().endswith(".xml"):
                raise _zip_refusal(1132, name[:80])
            if name[:-4].lower() != instance_id.lower():
                raise _zip_refusal(1133, f"{name[:80]} / {instance_id}")
            if entry.flag_bits & 0x1:
                raise _zip_refusal(1130, "sifreli ZIP")
            if entry.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                raise _zip_refusal(1130, f"desteklenmeyen sikistirma {entry.compress_type}")
            if entry.file_size > max_xml_bytes:
                raise _zip_refusal(1130, "icerik cok buyuk")
            total = 0
            with zf.open(entry) as stream:  # the CRC is checked at the end of the stream
                while chunk := stream.read(1 << 16):
                    total += len(chunk)
                    if total > max_xml_bytes:
                        raise _zip_refusal(1130, "icerik cok buyuk")
    except Refused:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError,
            RuntimeError, NotImplementedError, ValueError) as exc:
        raise _zip_refusal(1130, str(exc)[:120]) from exc


# -- SOAP answers --------------------------------------------------------------------------

def _as_soap11(envelope12: bytes) -> bytes:
    """A SOAP 1.2 answer built by ``app.gib.soap`` (no fault) as SOAP 1.1."""
    return envelope12.replace(soap.SOAP12.encode(), soap.SOAP11.encode(), 1)


def _fault_envelope(code: int | None, msg: str, *, version: str, sender: bool) -> bytes:
    if version == soap.SOAP12:
        return soap.fault_response(code, msg, sender_fault=sender)
    from xml.sax.saxutils import escape

    detail = (f'<detail><ns2:EFaturaFault xmlns:ns2="{soap.EFATURA}"><code>{code}</code>'
              f"<msg>{escape(msg)}</msg></ns2:EFaturaFault></detail>") if code is not None else ""
    return ('<?xml version="1.0" encoding="UTF-8"?>'
            f'<soap:Envelope xmlns:soap="{soap.SOAP11}"><soap:Body><soap:Fault>'
            f"<faultcode>soap:{'Client' if sender else 'Server'}</faultcode>"
            f"<faultstring>{escape(msg)}</faultstring>{detail}"
            "</soap:Fault></soap:Body></soap:Envelope>").encode()


def _content_type(version: str) -> str:
    return ("application/soap+xml; charset=utf-8" if version == soap.SOAP12
            else "text/xml; charset=utf-8")


def _soap_reply(status: int, envelope12: bytes, version: str, **facts: Any) -> Reply:
    body = envelope12 if version == soap.SOAP12 else _as_soap11(envelope12)
    return Reply(status, body, _content_type(version), **facts)


def _fault_reply(refused: Refused, version: str, **facts: Any) -> Reply:
    text = codes.fault(refused.code).gib_text
    msg = f"{text}: {refused.detail}" if refused.detail else text
    return Reply(refused.http_status, _fault_envelope(refused.code, msg, version=version,
                                                      sender=refused.code != 2005),
                 _content_type(version), outcome=f"fault{refused.code}", code=refused.code,
                 **facts)


def _bad_request(message: str, version: str = soap.SOAP12, *, status: int = 400,
                 **facts: Any) -> Reply:
    return Reply(status, _fault_envelope(None, message, version=version, sender=True),
                 _content_type(version), outcome="bad_request", **facts)


# -- the service ---------------------------------------------------------------------------

class PostboxService:
    """The door: ``answer(body, content_type)`` for one POST, plus the GETs."""

    def __init__(self, config: PostboxConfig) -> None:
        self.config = config
        self.spool = Spool(spool_dir(config.data_dir))
        self.started = time.monotonic()
        self._wsdl_text: str | None = None
        self._wsdl_lock = threading.Lock()
        # Told after an envelope is stored (the worker wakes up instead of waiting its turn).
        self.on_stored: Callable[[], None] | None = None
        # The desktops' API under API_PREFIX (``app.usecases.postbox_api``): (method, path,
        # query, Authorization header, body) -> (HTTP status, JSON value). None: no API.
        self.api: Callable[[str, str, str, str, bytes], tuple[int, Any]] | None = None
        # The owner's phone page under PHONE_PREFIX (``app.usecases.phone_page``). None: none.
        self.phone: Callable[[WebRequest], WebResponse] | None = None

    # -- POST ---------------------------------------------------------------------------

    def answer(self, body: bytes, content_type: str) -> Reply:
        try:
            envelope = soap.unpack_http_body(body, content_type)
            element = soap.parse_envelope(envelope)
        except UserError as exc:
            return _bad_request(f"SOAP iletisi okunamadı: {exc.message}", size=len(body))
        except Exception as exc:  # a broken MIME body: the email parser's own errors
            return _bad_request(f"SOAP iletisi okunamadı: {type(exc).__name__}", size=len(body))
        version = str(element.getroottree().getroot().tag)[1:].split("}")[0]
        name = soap.local_name(element)
        if soap.element_namespace(element) != soap.EFATURA or name not in (
                "documentRequest", "getAppRespRequest"):
            return _bad_request(f"Bilinmeyen işlem: {name[:80]}", version, size=len(body))
        if name == "documentRequest":
            try:
                request = soap.read_document_request(element)
            except soap.SoapFormatError as exc:
                return _bad_request(exc.message, version, size=len(body), op=soap.ACTION_SEND)
            return self.send_document(request, version)
        ident = (soap.read_child(element, "instanceIdentifier") or "").strip()
        return self.get_application_response(ident, version)

    def send_document(self, request: soap.DocumentRequest, version: str) -> Reply:
        facts: dict[str, Any] = {"op": soap.ACTION_SEND, "size": len(request.binary_data)}
        name = request.file_name
        stem = name[:-4] if name.lower().endswith(".zip") else ""
        facts["instance_id"] = stem.lower() if is_uuid(stem) else name[:80]
        try:
            if not stem or not is_uuid(stem):
                raise Refused(2006, name[:80])
            computed = md5_hex(request.binary_data)
            if computed != request.hash.strip().lower():
                raise Refused(2000)
            check_zip(request.binary_data, stem, max_xml_bytes=self.config.max_xml_bytes)
            try:
                stored = self.spool.store(stem, request.binary_data, computed, {
                    "file_name": name,
                    "soap": "1.2" if version == soap.SOAP12 else "1.1",
                })
            except Conflict as exc:
                raise Refused(2001) from exc
            except (SpoolError, OSError) as exc:
                log.exception("posta kutusu: zarf saklanamadı %s", stem)
                raise Refused(2005, "zarf saklanamadi; ayni zarfi tekrar gonderin") from exc
        except Refused as refused:
            return _fault_reply(refused, version, **facts)
        outcome = "duplicate" if stored.duplicate else "stored"
        if self.on_stored is not None and not stored.duplicate:
            self.on_stored()
        return _soap_reply(200, soap.send_document_response(ACCEPTED, stored.md5), version,
                           outcome=outcome, **facts)

    def get_application_response(self, instance_id: str, version: str) -> Reply:
        facts: dict[str, Any] = {"op": soap.ACTION_GET, "instance_id": instance_id[:80]}
        stored = self.spool.get(instance_id)
        if stored is None:
            return _fault_reply(Refused(2004), version, **facts)
        xml = self.spool.response(stored.instance_id)
        outcome = "response"
        if xml is None:
            xml = self._pending_response(stored.instance_id, stored.meta)
            outcome = "pending"
        text = xml.decode("utf-8")
        return _soap_reply(200, soap.get_app_resp_response(text), version, outcome=outcome,
                           **facts)

    def _pending_response(self, instance_id: str, meta: dict[str, Any]) -> bytes:
        """A system response saying the envelope is received and waits for processing; from
        this posta kutusu (the envelope's receiver) to the envelope's sender."""
        me = them = EnvelopeParty("", "", "")
        envelope_date = str(meta.get("received_at") or "")[:10]
        # The header is a courtesy here; an unusable one leaves the parties empty.
        with contextlib.suppress(Exception), \
                zipfile.ZipFile(io.BytesIO(self.spool.read(instance_id))) as zf:
            entry = zf.infolist()[0]
            if entry.file_size <= self.config.max_xml_bytes:
                header = parse_envelope(zf.read(entry))
                me = header.receiver or me
                them = header.sender or them
                envelope_date = (header.created or "")[:10] or envelope_date
        return build_system_envelope(
            envelope_id=instance_id, envelope_date=envelope_date or clock.today().isoformat(),
            code=PENDING_CODE, description=codes.status(PENDING_CODE).gib_text,
            sender=me, receiver=them, created=clock.now())

    # -- GET ----------------------------------------------------------------------------

    def health(self) -> dict[str, Any]:
        return {"status": "ok", "pending": self.spool.pending_count(),
                "uptime_seconds": round(time.monotonic() - self.started, 3)}

    def wsdl(self, address: str) -> bytes:
        text = self._wsdl_source()
        text = re.sub(r'(<soap(?:12)?:address\s+location=")[^"]*(")',
                      lambda m: m.group(1) + address + m.group(2), text)
        return text.encode("utf-8")

    def _wsdl_source(self) -> str:
        with self._wsdl_lock:
            if self._wsdl_text is None:
                self._wsdl_text = _gib_wsdl(self.config) or _generated_wsdl()
            return self._wsdl_text


def _gib_wsdl(config: PostboxConfig) -> str | None:
    if config.wsdl_file is not None and Path(config.wsdl_file).is_file():
        return Path(config.wsdl_file).read_text(encoding="utf-8")
    package = (Path(config.gib_packages_dir) / "e-FaturaPaketi.zip"
               if config.gib_packages_dir else None)
    if package is not None and package.is_file():
        with zipfile.ZipFile(package) as zf:
            for name in zf.namelist():
                if name.endswith("wsdl/EFatura_Test.wsdl"):
                    return zf.read(name).decode("utf-8")
    return None


def _generated_wsdl() -> str:
    """The simulator's equivalent of GİB's WSDL, without its simulator banner."""
    from app.gib.simulator.wsdl import generated_wsdl

    text = generated_wsdl("http://localhost" + SERVICE_PATH)
    return re.sub(r"<!--.*?-->\n?", "", text, count=1, flags=re.S)


# -- HTTP ----------------------------------------------------------------------------------

class PostboxHTTPServer(ThreadingHTTPServer):
    # Requests in flight finish (their envelope stored and answered) before the server
    # closes; each is bounded by the socket time-out.
    daemon_threads = False
    block_on_close = True
    service: PostboxService
    scheme: str = "http"

    def handle_error(self, request: Any, client_address: Any) -> None:
        log.warning("posta kutusu: bağlantı hatası %s", client_address, exc_info=True)


class PostboxRequestHandler(BaseHTTPRequestHandler):
    server: PostboxHTTPServer
    server_version = "TezgahPostaKutusu/1.0"
    protocol_version = "HTTP/1.0"

    def setup(self) -> None:
        self.timeout = self.server.service.config.socket_timeout
        super().setup()
        if isinstance(self.connection, ssl.SSLSocket):
            self.connection.do_handshake()  # here, in the request's thread, not in accept()

    def log_message(self, format: str, *args: Any) -> None:  # one JSON line per request instead
        pass

    def _log(self, reply: Reply, started: float) -> None:
        record = {"op": reply.op or self.command, "id": reply.instance_id, "size": reply.size,
                  "outcome": reply.outcome, "code": reply.code, "status": reply.status,
                  "ms": round((time.monotonic() - started) * 1000, 1),
                  "remote": self.client_address[0] if self.client_address else ""}
        log.info("%s", json.dumps(record, ensure_ascii=False))

    def _send(self, reply: Reply) -> None:
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        with contextlib.suppress(OSError):
            self.wfile.write(reply.body)
            self.wfile.flush()

    def _json(self, status: int, data: Any, started: float, outcome: str) -> None:
        reply = Reply(status, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                      "application/json; charset=utf-8", outcome=outcome, op="GET")
        self._send(reply)
        self._log(reply, started)

    def do_GET(self) -> None:
        started = time.monotonic()
        parts = urlsplit(self.path)
        service = self.server.service
        if parts.path == HEALTH_PATH:
            self._json(200, service.health(), started, "health")
            return
        if parts.path.startswith(API_PREFIX):
            self._api("GET", parts.path, parts.query, b"", started)
            return
        if _is_phone(parts.path):
            self._phone("GET", parts.path, parts.query, b"", started)
            return
        if parts.path == SERVICE_PATH and parts.query.lower() == "wsdl":
            reply = Reply(200, service.wsdl(self._address()), "text/xml; charset=utf-8",
                          outcome="wsdl", op="GET")
            self._send(reply)
            self._log(reply, started)
            return
        self._json(404, {"error": "bulunamadı"}, started, "not_found")

    def _api(self, method: str, path: str, query: str, body: bytes, started: float) -> None:
        api = self.server.service.api
        if api is None:
            self._json(404, {"error": "Bu serviste masaüstü API'si açık değil."}, started,
                       "not_found")
            return
        try:
            status, data = api(method, path, query, self.headers.get("Authorization") or "",
                               body)
        except Exception:
            log.exception("posta kutusu: API isteği işlenemedi")
            status, data = 500, {"error": "Sunucu hatası; kayıtlara bakın."}
        self._json(status, data, started, f"api-{status}")

    def _address(self) -> str:
        configured = self.server.service.config.public_url
        if configured:
            return configured
        host = (self.headers.get("Host") or "").strip()
        if not re.fullmatch(r"[A-Za-z0-9.\-]+(:[0-9]{1,5})?|\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?",
                            host):
            host, port = self.server.server_address[:2]
            host = f"{host}:{port}"
        return f"{self.server.scheme}://{host}{SERVICE_PATH}"

    def do_POST(self) -> None:
        started = time.monotonic()
        service = self.server.service
        parts = urlsplit(self.path)
        path = parts.path
        if path.startswith(API_PREFIX):
            self._api_post(path, parts.query, started)
            return
        if _is_phone(path):
            self._phone_post(path, parts.query, started)
            return
        if path != SERVICE_PATH:
            self.close_connection = True
            self._json(404, {"error": "bulunamadı"}, started, "not_found")
            return
        length_text = self.headers.get("Content-Length")
        if length_text is None:
            self.close_connection = True
            reply = _bad_request("Content-Length başlığı gerekli.", status=411)
            self._send(reply)
            self._log(reply, started)
            return
        try:
            length = int(length_text)
            if length < 0:
                raise ValueError(length_text)
        except ValueError:
            self.close_connection = True
            reply = _bad_request("Content-Length geçersiz.")
            self._send(reply)
            self._log(reply, started)
            return
        limit = service.config.max_body_bytes
        if length > limit:
            reply = _fault_reply(Refused(2002, f"zarf cok buyuk: {length} bayt, en fazla {limit}",
                                         http_status=413), soap.SOAP12,
                                 op=soap.ACTION_SEND, size=length)
            self.close_connection = True
            self._send(reply)
            self._log(reply, started)
            self._drain(length)
            return
        body = self.rfile.read(length) if length else b""
        if len(body) != length:  # the caller went away
            self.close_connection = True
            self._log(Reply(0, b"", "", outcome="incomplete", size=len(body), op="POST"),
                      started)
            return
        try:
            reply = service.answer(body, self.headers.get("Content-Type") or "")
        except Exception:
            log.exception("posta kutusu: istek işlenemedi")
            reply = _fault_reply(Refused(2005), soap.SOAP12, size=len(body))
        self._send(reply)
        self._log(reply, started)

    def _api_post(self, path: str, query: str, started: float) -> None:
        self.close_connection = True
        try:
            length = int(self.headers.get("Content-Length") or "-1")
        except ValueError:
            length = -1
        if length < 0 or length > API_MAX_BODY:
            self._json(413 if length > 0 else 411,
                       {"error": f"İstek gövdesi 0–{API_MAX_BODY} bayt olmalı."}, started,
                       "api-refused")
            return
        body = self.rfile.read(length) if length else b""
        if len(body) != length:
            return
        self._api("POST", path, query, body, started)

    def _phone_post(self, path: str, query: str, started: float) -> None:
        self.close_connection = True
        try:
            length = int(self.headers.get("Content-Length") or "0")
        except ValueError:
            length = -1
        if length < 0 or length > PHONE_MAX_BODY:
            self._phone_send(WebResponse(413, "İstek çok büyük.".encode(),
                                         "text/plain; charset=utf-8"), started)
            return
        body = self.rfile.read(length) if length else b""
        if len(body) != length:
            return
        self._phone("POST", path, query, body, started)

    def _phone(self, method: str, path: str, query: str, body: bytes, started: float) -> None:
        page = self.server.service.phone
        if page is None:
            self._json(404, {"error": "bulunamadı"}, started, "not_found")
            return
        request = WebRequest(method=method, path=path, query=query,
                             headers={k.lower(): v for k, v in self.headers.items()},
                             body=body, remote=self.client_address[0] if self.client_address
                             else "", secure=self.server.scheme == "https")
        try:
            response = page(request)
        except Exception:
            log.exception("posta kutusu: telefon sayfası isteği işlenemedi")
            response = WebResponse(500, "Sunucu hatası; kayıtlara bakın.".encode(),
                                   "text/plain; charset=utf-8")
        self._phone_send(response, started)

    def _phone_send(self, response: WebResponse, started: float) -> None:
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers:
            self.send_header(name, value)
        self.end_headers()
        with contextlib.suppress(OSError):
            if self.command != "HEAD":
                self.wfile.write(response.body)
            self.wfile.flush()
        self._log(Reply(response.status, b"", "", outcome=f"phone-{response.status}",
                        op=f"{self.command} {PHONE_PREFIX}"), started)

    def _drain(self, announced: int) -> None:
        """After refusing a body unread: stop writing, read a little of it (bounded) so the
        caller's TCP stack does not reset the connection before it reads the answer."""
        with contextlib.suppress(OSError, ValueError):
            self.wfile.flush()
            self.connection.shutdown(socket.SHUT_WR)
            self.connection.settimeout(2.0)
            left = min(announced, _DRAIN_BYTES)
            while left > 0:
                chunk = self.connection.recv(min(left, 65536))
                if not chunk:
                    break
                left -= len(chunk)


def _is_phone(path: str) -> bool:
    return path == PHONE_PREFIX or path.startswith(PHONE_PREFIX + "/")


class PostboxServer:
    """The service on a socket; ``start()`` runs it in a thread, ``serve_forever()`` in the
    calling one; ``stop()`` ends both."""

    def __init__(self, config: PostboxConfig) -> None:
        self.service = PostboxService(config)
        self._httpd = PostboxHTTPServer((config.host, config.port), PostboxRequestHandler)
        self._httpd.service = self.service
        if config.tls_certfile is not None:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.minimum_version = ssl.TLSVersion.TLSv1_2
            ctx.load_cert_chain(str(config.tls_certfile),
                                str(config.tls_keyfile) if config.tls_keyfile else None)
            self._httpd.socket = ctx.wrap_socket(self._httpd.socket, server_side=True,
                                                 do_handshake_on_connect=False)
            self._httpd.scheme = "https"
        self._thread: threading.Thread | None = None
        self._stopped = threading.Event()

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        host = self.service.config.host
        host = f"[{host}]" if ":" in host else host
        return f"{self._httpd.scheme}://{host}:{self.port}"

    @property
    def url(self) -> str:
        return self.base_url + SERVICE_PATH

    def start(self) -> PostboxServer:
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.1}, name="postbox-http",
                                        daemon=True)
        self._thread.start()
        return self

    def serve_forever(self) -> None:
        try:
            self._httpd.serve_forever(poll_interval=0.2)
        finally:
            self.stop()

    def stop(self) -> None:
        if self._stopped.is_set():
            return
        self._stopped.set()
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join(timeout=5)
        self._httpd.server_close()

    def __enter__(self) -> PostboxServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
