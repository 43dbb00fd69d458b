"""Tezgâh's local GİB test simulator: a real HTTP server speaking GİB's EFatura SOAP 1.2
service (``sendDocument``, ``getApplicationResponse``) on loopback.

It is a test and demo tool and says so in every answer (HTTP header ``X-Tezgah-Simulator``,
a ``cbc:Note`` in every system response, the ``msg`` of sendDocument and its log lines).

Behaviour, from GİB's guides:

* ``sendDocument`` (Ek-3 §7.2.1, §8): file name must be ``<GUID>.zip`` (else 2006 GECERSIZ
  ZARF ADI), the MD5 of the zip must equal ``hash`` (else 2000), an envelope ID is accepted
  once (else 2001). The envelope is stored, then checked in the background (``checks.py``).
* Status (Ek-2 §4.1): 1000 ZARF KUYRUGA EKLENDI → 1100 ZARF ISLENIYOR → (an 11xx error, or)
  1200 ZARF BASARIYLA ISLENDI → 1300 BASARIYLA TAMAMLANDI, moved by configurable delays and
  kept in ``<data>/gib-simulator.sqlite3`` so a restart resumes where it stopped.
* ``getApplicationResponse`` (Ek-3 §7.2.2): the system-response SYSTEMENVELOPE as a string;
  an unknown envelope ID is fault 2004 ZARF ID BULUNAMADI.
* ``GET …?wsdl``: GİB's test WSDL (when a copy is available) with the address rewritten to
  the simulator's, else an equivalent WSDL generated here.
* ``/_sim/…``: the simulator's own admin paths (fault switches, envelope states, user list).
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import re
import socket
import ssl
import threading
import time
import zipfile
from dataclasses import dataclass, field
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from app import paths
from app.signing import Verifier, verify_document

from .. import codes, soap
from ..envelope import EnvelopeParty, is_uuid
from ..package import md5_hex
from ..system_response import build_system_envelope
from ..userlist import UserAlias, iter_users
from .checks import EnvelopeValidator, check_envelope
from .faults import FaultKind, FaultRule, FaultSwitches
from .state import SimulatorState
from .testlist import builtin_user_list_xml

log = logging.getLogger("tezgah.gib.simulator")

BANNER = "TEZGAH GIB TEST SIMULATORU - GERCEK GIB DEGILDIR"
NOTE = "Bu sistem yanıtı Tezgâh GİB test simülatöründen gelmektedir; gerçek GİB değildir."
SERVICE_PATH = "/EFaturaMerkez/services/EFatura"
SIMULATOR_PARTY = EnvelopeParty("0000000000", "GIB-TEST-SIMULATORU", "Tezgâh GİB Test Simülatörü "
                        "(gerçek GİB değildir)")
AUTO: Any = "auto"


@dataclass
class SimulatorConfig:
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 0  # 0: a free port
    queue_delay: float = 0.5  # seconds in 1000
    processing_delay: float = 0.5  # seconds in 1100
    delivery_delay: float = 1.0  # seconds in 1200 before 1300
    userlist_file: Path | None = None  # default: <data>/userlist.xml (written on first start)
    wsdl_file: Path | None = None  # GİB's EFatura_Test.wsdl; default: searched, else generated
    gib_packages_dir: Path | None = None  # a folder with GİB's e-FaturaPaketi.zip (WSDL inside)
    rules_dir: Path | None = None  # for the auto validator; default: app.paths.rules_dir(data)
    validator: EnvelopeValidator | Any | None = AUTO  # AUTO: app.ubl.validate when present
    # "verify" (and "auto", the same): presence and validity (``verifier``), "presence": only
    # that each invoice carries a signature with a certificate — what GİB's Merkez does
    # (Entegrasyon Kılavuzu §4.4.1: "İmza ve mühür varlığının kontrolünü yapar, ancak
    # doğrulamasını yapmaz").
    signature_check: str = "auto"
    verifier: Verifier = verify_document  # the signature check "verify" runs
    mtom_responses: bool = False  # answer as MTOM multipart/related (root part only)
    tls_certfile: Path | None = None  # serve HTTPS with this certificate (PEM) …
    tls_keyfile: Path | None = None  # … and key; default: plain HTTP on loopback
    extra: dict = field(default_factory=dict)


def _auto_validator(config: SimulatorConfig) -> EnvelopeValidator | None:
    try:
        from app.ubl.validate import get_validator
    except ImportError:
        return None
    rules = config.rules_dir or paths.rules_dir(config.data_dir)
    if not Path(rules).exists():
        return None
    try:
        return get_validator(Path(rules))  # one per rules directory and process
    except Exception as exc:  # rules not installed or unreadable: run without XSD/schematron
        log.warning("%s: XSD/schematron doğrulayıcısı kurulamadı (%s)", BANNER, exc)
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    sim: GibSimulator


class GibSimulator:
    """The simulator; ``start()`` runs it in a background thread, ``serve_forever()`` in
    the calling one."""

    def __init__(self, config: SimulatorConfig) -> None:
        self.config = config
        config.data_dir.mkdir(parents=True, exist_ok=True)
        self.state = SimulatorState(config.data_dir)
        self.faults = FaultSwitches()
        self._stop = threading.Event()
        self._queue: queue.Queue[str | None] = queue.Queue()
        self.validator = _auto_validator(config) if config.validator is AUTO else config.validator
        if config.signature_check not in ("auto", "verify", "presence"):
            raise ValueError(f"signature_check: {config.signature_check!r}")
        self.verify: Verifier | None = (config.verifier if config.signature_check != "presence"
                                        else None)
        self._aliases: dict[str, list[UserAlias]] = {}
        self.reload_user_list()
        self._httpd = _Server((config.host, config.port), _Handler)
        self._httpd.sim = self
        self.scheme = "http"
        if config.tls_certfile is not None:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(str(config.tls_certfile),
                                str(config.tls_keyfile) if config.tls_keyfile else None)
            self._httpd.socket = ctx.wrap_socket(self._httpd.socket, server_side=True)
            self.scheme = "https"
        self._threads: list[threading.Thread] = []
        self._serving_thread = False

    # -- addresses ----------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        host = self.config.host
        host = f"[{host}]" if ":" in host else host
        return f"{self.scheme}://{host}:{self.port}"

    @property
    def url(self) -> str:
        """The EFatura service endpoint (what ``EFaturaClient`` needs)."""
        return self.base_url + SERVICE_PATH

    # -- life cycle ---------------------------------------------------------------------

    def start(self) -> GibSimulator:
        worker = threading.Thread(target=self._work, name="gib-sim-checks", daemon=True)
        server = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                  name="gib-sim-http", daemon=True)
        self._threads = [worker, server]
        self._serving_thread = True
        for pending in self.state.unchecked():
            self._queue.put(pending)
        worker.start()
        server.start()
        log.info("%s: %s", BANNER, self.url)
        return self

    def serve_forever(self) -> None:
        worker = threading.Thread(target=self._work, name="gib-sim-checks", daemon=True)
        self._threads = [worker]
        for pending in self.state.unchecked():
            self._queue.put(pending)
        worker.start()
        try:
            self._httpd.serve_forever(poll_interval=0.2)
        finally:
            self.stop()

    def stop(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        self._queue.put(None)
        if self._serving_thread:  # shutdown() waits for serve_forever: only when it runs
            self._httpd.shutdown()
        self._httpd.server_close()
        for t in self._threads:
            if t is not threading.current_thread():
                t.join(timeout=5)
        self.state.close()

    def __enter__(self) -> GibSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- user list ----------------------------------------------------------------------

    def user_list_path(self) -> Path:
        if self.config.userlist_file is not None:
            return self.config.userlist_file
        path = self.config.data_dir / "userlist.xml"
        if not path.exists():
            path.write_bytes(builtin_user_list_xml())
        return path

    def reload_user_list(self) -> None:
        aliases: dict[str, list[UserAlias]] = {}
        for user in iter_users(self.user_list_path()):
            aliases.setdefault(user.identifier, []).extend(user.aliases)
        self._aliases = aliases

    def lookup_aliases(self, vkn_tckn: str) -> list[UserAlias]:
        return list(self._aliases.get(vkn_tckn, []))

    # -- envelope processing --------------------------------------------------------------

    def _work(self) -> None:
        while not self._stop.is_set():
            envelope_id = self._queue.get()
            if envelope_id is None:
                return
            try:
                self._check(envelope_id)
            except Exception as exc:  # never leave an envelope unanswered
                log.exception("%s: zarf %s işlenemedi", BANNER, envelope_id)
                with contextlib.suppress(Exception):
                    self.state.finish_check(envelope_id, code=1195,
                                            description=f"SISTEM HATASI: {exc}", facts={},
                                            invoice_uuids=[])

    def _check(self, envelope_id: str) -> None:
        row = self.state.get(envelope_id)
        if row is None or row.checked:
            return
        data = self.state.zip_path(envelope_id).read_bytes()
        result = check_envelope(row.file_name, data, validator=self.validator,
                                verify=self.verify, lookup_aliases=self.lookup_aliases)
        code = self.state.finish_check(envelope_id, code=result.code,
                                       description=result.description, facts=result.facts,
                                       invoice_uuids=result.invoice_uuids)
        log.info("%s: zarf %s denetlendi: %s", BANNER, envelope_id, code or "kabul")

    def wait_until_checked(self, envelope_id: str, timeout: float = 10.0) -> None:
        """Tests: block until the background checks of ``envelope_id`` are done."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            row = self.state.get(envelope_id)
            if row is not None and row.checked:
                return
            time.sleep(0.01)
        raise TimeoutError(envelope_id)

    def status(self, envelope_id: str) -> int | None:
        row = self.state.get(envelope_id)
        return row.status_at(time.time()) if row else None

    # -- operations (called by the handler) -------------------------------------------------

    def send_document(self, request: soap.DocumentRequest) -> tuple[int, bytes]:
        name = request.file_name
        stem = name[:-4] if name.lower().endswith(".zip") else ""
        if not stem or not is_uuid(stem):
            return self._fault(2006, f"{name!r}")
        computed = md5_hex(request.binary_data)
        if computed != request.hash.strip().lower():
            return self._fault(2000)
        cfg = self.config
        if not self.state.receive(stem, name, request.binary_data, queue_delay=cfg.queue_delay,
                                  processing_delay=cfg.processing_delay,
                                  delivery_delay=cfg.delivery_delay):
            return self._fault(2001)
        self._queue.put(stem.lower())
        log.info("%s: zarf alındı %s (%d bayt)", BANNER, name, len(request.binary_data))
        return 200, soap.send_document_response(f"ZARF BASARIYLA ALINDI [{BANNER}]", computed)

    def get_application_response(self, instance_identifier: str) -> tuple[int, bytes]:
        row = self.state.get(instance_identifier.strip())
        if row is None:
            return self._fault(2004)
        now = time.time()
        code = row.status_at(now)
        description = row.description if (code == row.code and row.description) else \
            codes.status(code).gib_text
        receiver = EnvelopeParty(row.sender_vkn or "", row.sender_alias or "", row.sender_name or "")
        xml = build_system_envelope(
            envelope_id=instance_identifier.strip(),
            envelope_date=row.envelope_date or datetime.fromtimestamp(row.received_at).date().isoformat(),
            code=code, description=description, sender=SIMULATOR_PARTY, receiver=receiver,
            created=datetime.now().astimezone(), notes=[NOTE],
        )
        return 200, soap.get_app_resp_response(xml.decode("utf-8"))

    @staticmethod
    def _fault(code: int, detail: str = "") -> tuple[int, bytes]:
        text = codes.fault(code).gib_text
        reason = f"{text} {detail}".strip() + f" [{BANNER}]"
        return 500, soap.fault_response(code, text, reason=reason)

    # -- WSDL ---------------------------------------------------------------------------

    def wsdl(self) -> bytes:
        text = self._gib_wsdl_text()
        if text is None:
            return generated_wsdl(self.url).encode("utf-8")
        text = re.sub(r'(<soap12:address\s+location=")[^"]*(")', rf"\g<1>{self.url}\g<2>", text)
        return text.encode("utf-8")

    def _gib_wsdl_text(self) -> str | None:
        source = self.config.wsdl_file or self._find_gib_wsdl()
        if source is not None and Path(source).exists():
            return Path(source).read_text(encoding="utf-8")
        package = (Path(self.config.gib_packages_dir) / "e-FaturaPaketi.zip"
                   if self.config.gib_packages_dir else None)
        if package is not None and package.exists():
            with zipfile.ZipFile(package) as zf:
                for name in zf.namelist():
                    if name.endswith("wsdl/EFatura_Test.wsdl"):
                        return zf.read(name).decode("utf-8")
        return None

    def _find_gib_wsdl(self) -> Path | None:
        rules = self.config.rules_dir or paths.rules_dir(self.config.data_dir)
        if Path(rules).exists():
            for p in Path(rules).rglob("EFatura_Test.wsdl"):
                return p
        return None


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    server_version = "TezgahGibSimulator/1.0"
    protocol_version = "HTTP/1.0"

    def log_message(self, format: str, *args: Any) -> None:
        log.info("%s: %s %s", BANNER, self.address_string(), format % args)

    # -- helpers ------------------------------------------------------------------------

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Tezgah-Simulator", BANNER)
        self.end_headers()
        self.wfile.write(body)

    def _send_soap(self, status: int, envelope: bytes) -> None:
        if self.server.sim.config.mtom_responses:
            boundary = "MIMEBoundary_tezgah_sim"
            body = (
                f"--{boundary}\r\nContent-Type: application/xop+xml; charset=UTF-8; "
                f'type="application/soap+xml"\r\nContent-Transfer-Encoding: binary\r\n'
                f"Content-ID: <root.message@tezgah.sim>\r\n\r\n"
            ).encode() + envelope + f"\r\n--{boundary}--\r\n".encode()
            ctype = (f'multipart/related; boundary="{boundary}"; type="application/xop+xml"; '
                     f'start="<root.message@tezgah.sim>"; start-info="application/soap+xml"')
            self._send(status, body, ctype)
        else:
            self._send(status, envelope, "application/soap+xml; charset=utf-8")

    def _json(self, status: int, data: Any) -> None:
        self._send(status, json.dumps(data, ensure_ascii=False).encode("utf-8"),
                   "application/json; charset=utf-8")

    def _drop(self) -> None:
        """Close the connection without an answer."""
        self.close_connection = True
        with contextlib.suppress(OSError):
            self.connection.shutdown(socket.SHUT_RDWR)

    def _read_body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    # -- GET ------------------------------------------------------------------------------

    def do_GET(self) -> None:
        sim = self.server.sim
        parts = urlsplit(self.path)
        if parts.query.lower() == "wsdl":
            self._send(200, sim.wsdl(), "text/xml; charset=utf-8")
        elif parts.path == "/_sim/faults":
            self._json(200, [r.to_json() for r in sim.faults.active()])
        elif parts.path == "/_sim/userlist.xml":
            self._send(200, sim.user_list_path().read_bytes(), "application/xml")
        elif parts.path.startswith("/_sim/envelopes/"):
            envelope_id = parts.path.rsplit("/", 1)[-1]
            row = sim.state.get(envelope_id)
            if row is None:
                self._json(404, {"error": "zarf bulunamadı"})
            else:
                self._json(200, {"id": row.id, "status": row.status_at(time.time()),
                                 "checked": row.checked, "code": row.code,
                                 "description": row.description, "simulator": BANNER})
        else:
            text = (f"{BANNER}\nTezgâh GİB test simülatörü — gerçek GİB değildir.\n"
                    f"EFatura servisi: {sim.url}\nWSDL: {sim.url}?wsdl\n")
            self._send(200, text.encode("utf-8"), "text/plain; charset=utf-8")

    # -- admin ----------------------------------------------------------------------------

    def do_DELETE(self) -> None:
        if urlsplit(self.path).path == "/_sim/faults":
            self.server.sim.faults.clear()
            self._json(200, [])
        else:
            self._json(404, {"error": "bilinmeyen yol"})

    def _admin_post(self, path: str, body: bytes) -> None:
        sim = self.server.sim
        try:
            data = json.loads(body or b"{}")
        except ValueError:
            self._json(400, {"error": "JSON bekleniyordu"})
            return
        if path == "/_sim/faults":
            if data.get("clear"):
                sim.faults.clear()
            else:
                try:
                    sim.faults.add_rule(FaultRule.from_json(data))
                except ValueError as exc:
                    self._json(400, {"error": str(exc)})
                    return
            self._json(200, [r.to_json() for r in sim.faults.active()])
        elif path == "/_sim/config":
            try:
                values = {k: float(data[k]) for k in
                          ("queue_delay", "processing_delay", "delivery_delay") if k in data}
            except (TypeError, ValueError):
                self._json(400, {"error": "gecikmeler saniye cinsinden sayı olmalı"})
                return
            for key, value in values.items():
                setattr(sim.config, key, max(0.0, value))
            self._json(200, {k: getattr(sim.config, k) for k in
                             ("queue_delay", "processing_delay", "delivery_delay")})
        else:
            self._json(404, {"error": "bilinmeyen yol"})

    # -- SOAP -----------------------------------------------------------------------------

    def do_POST(self) -> None:
        sim = self.server.sim
        path = urlsplit(self.path).path
        body = self._read_body()
        if path.startswith("/_sim/"):
            self._admin_post(path, body)
            return
        try:
            envelope = soap.unpack_http_body(body, self.headers.get("Content-Type") or "")
            element = soap.parse_envelope(envelope)
        except Exception as exc:
            self._send_soap(400, soap.fault_response(None, f"SOAP iletisi okunamadı: {exc}",
                                                     sender_fault=True))
            return
        name = soap.local_name(element)
        operation = {"documentRequest": soap.ACTION_SEND,
                     "getAppRespRequest": soap.ACTION_GET}.get(name)
        if operation is None or soap.element_namespace(element) != soap.EFATURA:
            self._send_soap(400, soap.fault_response(None, f"Bilinmeyen işlem: {name}",
                                                     sender_fault=True))
            return
        rule = sim.faults.take(operation)
        if rule is not None:
            log.info("%s: hata anahtarı %s (%s)", BANNER, rule.kind.value, operation)
            if rule.kind is FaultKind.DROP:
                self._drop()
                return
            if rule.kind is FaultKind.HTTP_500:
                self._send(500, b"<html><body><h1>500 Internal Server Error</h1>"
                                b"<p>" + BANNER.encode() + b"</p></body></html>",
                           "text/html; charset=utf-8")
                return
            if rule.kind is FaultKind.HANG:
                sim._stop.wait(rule.seconds)
                self._drop()
                return
            if rule.kind is FaultKind.FAULT_2005:
                self._send_soap(*sim._fault(2005))
                return
            if rule.kind is FaultKind.FAULT_2007:
                self._send_soap(*sim._fault(2007))
                return
            if rule.kind is FaultKind.SLOW:
                sim._stop.wait(rule.seconds)
        try:
            if operation == soap.ACTION_SEND:
                status, answer = sim.send_document(soap.read_document_request(element))
            else:
                ident = (soap.read_child(element, "instanceIdentifier") or "").strip()
                status, answer = sim.get_application_response(ident)
        except soap.SoapFormatError as exc:
            status, answer = 400, soap.fault_response(None, exc.message, sender_fault=True)
        except Exception as exc:
            log.exception("%s: istek işlenemedi", BANNER)
            status, answer = sim._fault(2005, str(exc))
        if rule is not None and rule.kind is FaultKind.LOSE_RESPONSE:
            self._drop()
            return
        self._send_soap(status, answer)


def generated_wsdl(address: str) -> str:
    """A WSDL with the same service contract as GİB's EFatura_Test.wsdl (used when GİB's file
    is not at hand)."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<!-- {BANNER} -->
<wsdl:definitions name="EFatura" targetNamespace="{soap.EFATURA}"
    xmlns:soap12="http://schemas.xmlsoap.org/wsdl/soap12/" xmlns:tns="{soap.EFATURA}"
    xmlns:wsdl="http://schemas.xmlsoap.org/wsdl/" xmlns:xs="http://www.w3.org/2001/XMLSchema"
    xmlns:xmime="{soap.XMIME}">
  <wsdl:types>
    <xs:schema targetNamespace="{soap.XMIME}">
      <xs:attribute name="contentType" type="xs:string"/>
      <xs:complexType name="base64Binary"><xs:simpleContent><xs:extension base="xs:base64Binary">
        <xs:attribute ref="xmime:contentType"/></xs:extension></xs:simpleContent></xs:complexType>
    </xs:schema>
    <xs:schema targetNamespace="{soap.EFATURA}">
      <xs:import namespace="{soap.XMIME}"/>
      <xs:element name="EFaturaFault" type="tns:EFaturaFaultType"/>
      <xs:element name="documentRequest" type="tns:documentType"/>
      <xs:element name="documentResponse" type="tns:documentReturnType"/>
      <xs:element name="getAppRespRequest" type="tns:getAppRespRequestType"/>
      <xs:element name="getAppRespResponse" type="tns:getAppRespResponseType"/>
      <xs:complexType name="getAppRespRequestType"><xs:sequence>
        <xs:element minOccurs="0" name="instanceIdentifier" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="getAppRespResponseType"><xs:sequence>
        <xs:element minOccurs="0" name="applicationResponse" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="EFaturaFaultType"><xs:sequence>
        <xs:element minOccurs="0" name="code" type="xs:int"/>
        <xs:element minOccurs="0" name="msg" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="documentType"><xs:sequence>
        <xs:element minOccurs="0" name="fileName" type="xs:string"/>
        <xs:element minOccurs="0" name="binaryData" type="xmime:base64Binary"/>
        <xs:element minOccurs="0" name="hash" type="xs:string"/></xs:sequence></xs:complexType>
      <xs:complexType name="documentReturnType"><xs:sequence>
        <xs:element minOccurs="0" name="msg" type="xs:string"/>
        <xs:element minOccurs="0" name="hash" type="xs:string"/></xs:sequence></xs:complexType>
    </xs:schema>
  </wsdl:types>
  <wsdl:message name="EFaturaFaultMessage"><wsdl:part element="tns:EFaturaFault" name="EFaturaFaultMessage"/></wsdl:message>
  <wsdl:message name="sendDocument"><wsdl:part element="tns:documentRequest" name="document"/></wsdl:message>
  <wsdl:message name="sendDocumentResponse"><wsdl:part element="tns:documentResponse" name="sendDocumentReturn"/></wsdl:message>
  <wsdl:message name="getApplicationResponse"><wsdl:part element="tns:getAppRespRequest" name="getApplicationResponseRequestPart"/></wsdl:message>
  <wsdl:message name="getApplicationResponseResponse"><wsdl:part element="tns:getAppRespResponse" name="getApplicationResponseResponsePart"/></wsdl:message>
  <wsdl:portType name="EFaturaPortType">
    <wsdl:operation name="getApplicationResponse">
      <wsdl:input message="tns:getApplicationResponse" name="getApplicationResponse"/>
      <wsdl:output message="tns:getApplicationResponseResponse" name="getApplicationResponseResponse"/>
      <wsdl:fault message="tns:EFaturaFaultMessage" name="EFaturaFaultMessage"/>
    </wsdl:operation>
    <wsdl:operation name="sendDocument">
      <wsdl:input message="tns:sendDocument" name="sendDocument"/>
      <wsdl:output message="tns:sendDocumentResponse" name="sendDocumentResponse"/>
      <wsdl:fault message="tns:EFaturaFaultMessage" name="EFaturaFaultMessage"/>
    </wsdl:operation>
  </wsdl:portType>
  <wsdl:binding name="EFaturaSoapBinding" type="tns:EFaturaPortType">
    <soap12:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <wsdl:operation name="getApplicationResponse">
      <soap12:operation soapAction="getApplicationResponse" style="document"/>
      <wsdl:input name="getApplicationResponse"><soap12:body use="literal"/></wsdl:input>
      <wsdl:output name="getApplicationResponseResponse"><soap12:body use="literal"/></wsdl:output>
      <wsdl:fault name="EFaturaFaultMessage"><soap12:fault name="EFaturaFaultMessage" use="literal"/></wsdl:fault>
    </wsdl:operation>
    <wsdl:operation name="sendDocument">
      <soap12:operation soapAction="sendDocument" style="document"/>
      <wsdl:input name="sendDocument"><soap12:body use="literal"/></wsdl:input>
      <wsdl:output name="sendDocumentResponse"><soap12:body use="literal"/></wsdl:output>
      <wsdl:fault name="EFaturaFaultMessage"><soap12:fault name="EFaturaFaultMessage" use="literal"/></wsdl:fault>
    </wsdl:operation>
  </wsdl:binding>
  <wsdl:service name="EFatura">
    <wsdl:port binding="tns:EFaturaSoapBinding" name="EFaturaSoap12">
      <soap12:address location="{address}"/>
    </wsdl:port>
  </wsdl:service>
</wsdl:definitions>
"""
