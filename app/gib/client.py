"""Client of GİB's EFatura web service (``sendDocument``, ``getApplicationResponse``).

The HTTP goes through ``app.http`` (one pooled ``requests`` session, TLS certificates always
verified, the system's proxy honoured; Ek-3 §6, Entegrasyon Kılavuzu §4.2). Every failure
becomes ``NotDelivered`` (send the same envelope again later) or ``Rejected`` (GİB refused
it), see ``app.gib.errors``. Each call is logged on ``tezgah.gib``: endpoint, SOAP action,
envelope UUID, HTTP status and time; never the document.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from app import http
from app.settings import GIB_LIVE_ENDPOINT, GIB_TEST_ENDPOINT

from . import soap
from .errors import GibError, NotDelivered, ProtocolError, from_fault
from .system_response import SystemResponse, parse_system_responses

__all__ = ["DEFAULT_ENDPOINT", "GIB_LIVE_ENDPOINT", "GIB_TEST_ENDPOINT", "EFaturaClient"]

log = logging.getLogger("tezgah.gib")

# GİB's test service (e-FaturaTestPlani §4, EFatura_Test.wsdl) unless the settings say else.
DEFAULT_ENDPOINT = GIB_TEST_ENDPOINT
#: Seconds one call may take from connecting to the answer's last byte (app.http's overall
#: deadline, not only a limit per socket read).
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
                 ca_file: str | None = None) -> None:
        """``ca_file``: a CA to trust besides the usual ones (e.g. a test simulator's);
        certificates are always verified."""
        parts = urlsplit(endpoint)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise GibError(f"GİB servis adresi geçersiz: {endpoint!r} (https://… olmalı).")
        self.endpoint = endpoint
        self.timeout = timeout
        self.ca_file = ca_file

    # -- operations ---------------------------------------------------------------------

    def send_document(self, file_name: str, zip_bytes: bytes, md5: str) -> SendResult:
        body = soap.send_document_request(file_name, zip_bytes, md5)
        element = self._call(soap.ACTION_SEND, body, file_name.removesuffix(".zip"))
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
        element = self._call(soap.ACTION_GET, body, instance_identifier)
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

    def _call(self, action: str, body: bytes, envelope_id: str):
        headers = {"Content-Type": soap.content_type(action),
                   "Accept": "application/soap+xml, multipart/related, text/xml"}
        try:
            response = http.post(self.endpoint, body, headers, timeout=self.timeout,
                                 max_bytes=MAX_RESPONSE_BYTES, ca_file=self.ca_file)
        except http.HttpError as exc:
            log.warning("GİB %s: endpoint=%s zarf=%s başarısız: %s (%s)", action, self.endpoint,
                        envelope_id, exc.kind, exc.detail)
            raise self._not_delivered(exc) from exc
        log.info("GİB %s: endpoint=%s zarf=%s HTTP %d, %.0f ms", action, self.endpoint,
                 envelope_id, response.status, response.elapsed * 1000)
        return self._interpret(response.status, response.content_type, response.body)

    def _not_delivered(self, exc: http.HttpError) -> NotDelivered:
        where = http.host_port(self.endpoint)
        if exc.kind == "tls":
            return NotDelivered(f"GİB sunucusunun ({where}) sertifikası doğrulanamadı: "
                                f"{exc.detail}. Bağlantı güvenli değil; gönderim yapılmadı.")
        if exc.kind == "too_large":
            return ProtocolError("GİB'in yanıtı çok büyük.", maybe_received=True)
        if exc.kind == "timeout" and not exc.sent:
            return NotDelivered(
                f"GİB'e gönderim {self.timeout:g} saniyede tamamlanamadı ({where}); zarf "
                "daha sonra tekrar gönderilecek.")
        if exc.kind == "timeout":
            return NotDelivered(
                f"GİB {self.timeout:g} saniye içinde yanıt vermedi. Zarf ulaşmış olabilir; "
                "aynı zarf daha sonra tekrar gönderilecek.", maybe_received=exc.sent)
        return NotDelivered(
            f"GİB'e bağlanılamadı ya da bağlantı koptu ({where}: {exc.detail}). "
            "İnternet bağlantınızı ve vekil sunucu (proxy) ayarını kontrol edin; zarf daha "
            "sonra tekrar gönderilecek.", maybe_received=exc.sent)

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
