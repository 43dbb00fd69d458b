"""Client of GİB's EFatura web service (``sendDocument``, ``getApplicationResponse``).

Standard library only: ``http.client`` over TLS with certificate verification on by default
(Ek-3 §6, Entegrasyon Kılavuzu §4.2). Every failure becomes ``NotDelivered`` (send the same
envelope again later) or ``Rejected`` (GİB refused it), see ``app.gib.errors``.
"""

from __future__ import annotations

import http.client
import ssl
from dataclasses import dataclass
from urllib.parse import urlsplit

from . import soap
from .errors import GibError, NotDelivered, ProtocolError, from_fault
from .system_response import SystemResponse, parse_system_responses

# GİB's test service (e-FaturaTestPlani §4, EFatura_Test.wsdl).
GIB_TEST_ENDPOINT = "https://merkeztest.efatura.gov.tr/EFaturaMerkez/services/EFatura"
GIB_LIVE_ENDPOINT = "https://merkez.efatura.gov.tr/EFaturaMerkez/services/EFatura"
DEFAULT_ENDPOINT = GIB_TEST_ENDPOINT
DEFAULT_TIMEOUT = 60.0
MAX_RESPONSE_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class SendResult:
    """GİB's answer to ``sendDocument``: its message and the MD5 it computed."""

    message: str
    hash: str
    sent_hash: str

    @property
    def hash_matches(self) -> bool:
        return self.hash.lower() == self.sent_hash.lower()


@dataclass(frozen=True)
class ApplicationResponseResult:
    """GİB's answer to ``getApplicationResponse``: the system-response XML and its reading."""

    instance_identifier: str
    xml: str
    responses: list[SystemResponse]

    @property
    def response(self) -> SystemResponse:
        # The one about the envelope we asked for, else the first.
        for r in self.responses:
            if r.envelope_id.lower() == self.instance_identifier.lower():
                return r
        return self.responses[0]

    @property
    def status_code(self) -> int | None:
        return self.response.status_code

    @property
    def description(self) -> str:
        return self.response.description


class EFaturaClient:
    def __init__(self, endpoint: str = DEFAULT_ENDPOINT, *, timeout: float = DEFAULT_TIMEOUT,
                 verify_tls: bool = True, ca_file: str | None = None) -> None:
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise GibError(f"GİB servis adresi geçersiz: {endpoint!r} (https://… olmalı).")
        self.endpoint = endpoint
        self.timeout = timeout
        self._scheme = parts.scheme
        self._host = parts.hostname
        self._port = parts.port
        self._path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        self._ssl: ssl.SSLContext | None = None
        if parts.scheme == "https":
            ctx = ssl.create_default_context(cafile=ca_file)
            if not verify_tls:
                ctx.check_hostname = False
                ctx.verify_mode = ssl.CERT_NONE
            self._ssl = ctx

    # -- operations ---------------------------------------------------------------------

    def send_document(self, file_name: str, zip_bytes: bytes, md5: str) -> SendResult:
        body = soap.send_document_request(file_name, zip_bytes, md5)
        element = self._call(soap.ACTION_SEND, body)
        if soap.local_name(element) != "documentResponse":
            raise ProtocolError(f"GİB beklenmeyen bir yanıt döndü ({soap.local_name(element)}).",
                                maybe_received=True)
        return SendResult(
            message=(soap.read_child(element, "msg") or "").strip(),
            hash=(soap.read_child(element, "hash") or "").strip(),
            sent_hash=md5,
        )

    def get_application_response(self, instance_identifier: str) -> ApplicationResponseResult:
        body = soap.get_app_resp_request(instance_identifier)
        element = self._call(soap.ACTION_GET, body)
        if soap.local_name(element) != "getAppRespResponse":
            raise ProtocolError(f"GİB beklenmeyen bir yanıt döndü ({soap.local_name(element)}).")
        xml = soap.read_child(element, "applicationResponse") or ""
        if not xml.strip():
            raise ProtocolError("GİB boş bir sistem yanıtı döndü; biraz sonra tekrar sorgulayın.")
        try:
            responses = parse_system_responses(xml.strip())
        except GibError:
            raise
        except Exception as exc:  # UserError from the parser: not a usable system response
            raise ProtocolError(f"GİB'in sistem yanıtı okunamadı: {exc}") from exc
        return ApplicationResponseResult(instance_identifier, xml, responses)

    # -- transport ----------------------------------------------------------------------

    def _connection(self) -> http.client.HTTPConnection:
        if self._ssl is not None:
            return http.client.HTTPSConnection(self._host, self._port, timeout=self.timeout,
                                               context=self._ssl)
        return http.client.HTTPConnection(self._host, self._port, timeout=self.timeout)

    def _call(self, action: str, body: bytes):
        conn = self._connection()
        sent = False
        where = f"{self._host}:{self._port or (443 if self._ssl else 80)}"
        try:
            try:
                conn.putrequest("POST", self._path, skip_accept_encoding=True)
                conn.putheader("Content-Type", soap.content_type(action))
                conn.putheader("Content-Length", str(len(body)))
                conn.putheader("Accept", "application/soap+xml, multipart/related, text/xml")
                conn.putheader("User-Agent", "Tezgah")
                conn.endheaders(body)
                sent = True
                response = conn.getresponse()
                status = response.status
                ctype = response.getheader("Content-Type") or ""
                data = response.read(MAX_RESPONSE_BYTES + 1)
            except ssl.SSLCertVerificationError as exc:
                raise NotDelivered(
                    f"GİB sunucusunun ({where}) sertifikası doğrulanamadı: {exc.verify_message}. "
                    "Bağlantı güvenli değil; gönderim yapılmadı.") from exc
            except TimeoutError as exc:
                raise NotDelivered(
                    f"GİB {self.timeout:g} saniye içinde yanıt vermedi. Zarf ulaşmış olabilir; "
                    "aynı zarf daha sonra tekrar gönderilecek.", maybe_received=sent) from exc
            except (http.client.HTTPException, OSError) as exc:
                raise NotDelivered(
                    f"GİB'e bağlanılamadı ya da bağlantı koptu ({where}: {exc or type(exc).__name__}). "
                    "İnternet bağlantınızı kontrol edin; zarf daha sonra tekrar gönderilecek.",
                    maybe_received=sent) from exc
        finally:
            conn.close()
        if len(data) > MAX_RESPONSE_BYTES:
            raise ProtocolError("GİB'in yanıtı çok büyük.", maybe_received=True)
        return self._interpret(status, ctype, data)

    def _interpret(self, status: int, ctype: str, data: bytes):
        element = None
        try:
            envelope = soap.unpack_http_body(data, ctype)
            element = soap.parse_envelope(envelope)
        except GibError:
            raise
        except Exception:  # not SOAP: judged by the HTTP status below
            element = None
        if element is not None:
            fault = soap.read_fault(element)
            if fault is not None:
                if fault.code is not None:
                    raise from_fault(fault.code, fault.msg)
                raise NotDelivered(
                    f"GİB bir SOAP hatası döndü (HTTP {status}): {fault.reason or fault.msg}. "
                    "Zarf daha sonra tekrar gönderilecek.", maybe_received=True)
            if 200 <= status < 300:
                return element
        if status >= 500:
            raise NotDelivered(f"GİB sunucusu hata verdi (HTTP {status}). Zarf daha sonra tekrar "
                               "gönderilecek.", maybe_received=True)
        if status >= 400:
            # Not a GİB fault: a wrong address, a refused IP … The envelope is not at GİB;
            # the settings, not the invoices, need fixing.
            raise NotDelivered(f"GİB servisi isteği kabul etmedi (HTTP {status}). Servis "
                               "adresini ve GİB'e tanımlı IP adresinizi kontrol edin.")
        raise ProtocolError(f"GİB'in yanıtı anlaşılamadı (HTTP {status}, {ctype or 'içerik türü yok'}).",
                            maybe_received=True)
