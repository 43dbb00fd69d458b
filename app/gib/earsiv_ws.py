"""Client of GİB's e-Arşiv report web service (EArsivWs): transport only.

Service (EARSIV-NOTES.md, "Web service"): SOAP 1.2, namespace
``http://earsiv.vedop3.ggm.gov.org/``, every request secured with WS-Security — a
``wsse:BinarySecurityToken`` (X.509v3, the mali mühür's certificate), a ``wsu:Timestamp``
(five minutes) and a ``ds:Signature`` over the Body and the Timestamp (``wsu:Id``
references, exclusive C14N, SHA-256 digests, ``rsa-sha256`` — or ``ecdsa-sha*`` for an EC
key — and a ``wsse:SecurityTokenReference`` to the token). Operations:

* ``sendDocumentFile(Attachment{fileName, binaryData})``, SOAPAction ``urn:sendDocumentFile``:
  ``fileName`` = ``<raporNo>.zip`` holding one ``<raporNo>.xml``, base64 inline; success
  text "Dosya Kaydedildi".
* ``getBatchStatus(paketId = raporNo)`` → ``durumKodu`` / ``durumAciklama``: 30 done,
  10 / 15 still processing, anything else failed.

Public: ``pack_report``, ``report_file_name``, ``send_report_zip``, ``batch_status``
(``BatchStatus``), and for tests and the simulator the request builders
(``send_document_file_request``, ``get_batch_status_request``), ``call`` and the
constants. Errors are ``app.gib.errors``' ``NotDelivered`` (network, timeout, HTTP 5xx, a
server-side fault: send again later) and ``ReportRejected`` (a fault: GİB refused it;
``already_received`` when it has this report already).

Assumptions kept here, in one place, because GİB's WSDL and guide were not at hand: the
element names of the answers (read by local name, anywhere in the answer) and the fault
detail — ``EArsivFault{code, msg}`` with the codes of ``FAULTS``, which are Tezgâh's own
(the local simulator answers with them). A fault without a code is a refusal when it blames
the sender (``soap:Sender``), else a server trouble to retry.
"""

from __future__ import annotations

import base64
import hashlib
import io
import logging
import re
import uuid as uuid_mod
import zipfile
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from cryptography.hazmat.primitives.asymmetric import ec
from lxml import etree

from app import clock, http
from app.domain.errors import UserError
from app.signing import Signer

from . import soap
from .envelope import is_uuid
from .errors import GibError, NotDelivered, ProtocolError, Rejected

__all__ = [
    "ACTION_GET_BATCH_STATUS",
    "ACTION_SEND_DOCUMENT_FILE",
    "DONE",
    "EARSIV_TEST_ENDPOINT",
    "EARSIV_WS",
    "FAULTS",
    "PROCESSING",
    "REPORT_NS",
    "REPORT_ROOT",
    "BatchStatus",
    "FaultInfo",
    "ReportRejected",
    "batch_status",
    "call",
    "get_batch_status_request",
    "pack_report",
    "report_file_name",
    "send_document_file_request",
    "send_report_zip",
]

log = logging.getLogger("tezgah.gib")

# -- names ---------------------------------------------------------------------------------

SOAP12 = soap.SOAP12
EARSIV_WS = "http://earsiv.vedop3.ggm.gov.org/"
REPORT_NS = "http://earsiv.efatura.gov.tr"
REPORT_ROOT = f"{{{REPORT_NS}}}eArsivRaporu"

WSSE = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"
WSU = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd"
DS = "http://www.w3.org/2000/09/xmldsig#"
X509V3 = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3"
BASE64_BINARY = ("http://docs.oasis-open.org/wss/2004/01/"
                 "oasis-200401-wss-soap-message-security-1.0#Base64Binary")
EXC_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"
SHA256 = "http://www.w3.org/2001/04/xmlenc#sha256"
RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"
ECDSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"
ECDSA_SHA384 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha384"
ECDSA_SHA512 = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha512"

#: GİB's test address of the service, as seen in a third party's code (EARSIV-NOTES.md);
#: the live address is not known here: the caller passes the endpoint.
EARSIV_TEST_ENDPOINT = "https://test.efatura.gov.tr/earsiv/services/EArsivWsPort"

ACTION_SEND_DOCUMENT_FILE = "urn:sendDocumentFile"
ACTION_GET_BATCH_STATUS = "urn:getBatchStatus"

#: durumKodu values (EARSIV-NOTES.md): 30 done, 10 / 15 still processing, else failed.
DONE = 30
PROCESSING = frozenset({10, 15})
SUCCESS_TEXT = "Dosya Kaydedildi"

#: How long a request's wsu:Timestamp is valid.
TIMESTAMP_TTL = timedelta(minutes=5)
DEFAULT_TIMEOUT = 60.0
#: The service's answers are a few hundred bytes; anything this big is not its answer.
MAX_RESPONSE_BYTES = 1024 * 1024
#: A report zip entry larger than this is refused (GİB's e-Fatura limit is far above a
#: day's report; 50 MB is what the safe XML parser reads).
MAX_REPORT_BYTES = 50 * 1024 * 1024

# Fixed zip entry date: a report packs to the same bytes whenever it is packed.
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)


# -- faults ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class FaultInfo:
    code: int
    gib_text: str  # what the service says (upper case ASCII, like GİB's e-Fatura texts)
    meaning: str  # Turkish, for the user
    retryable: bool = False  # send the same report again later
    already_received: bool = False  # the report is at GİB already: ask for its status


#: Tezgâh's fault codes for EArsivWs (the local simulator uses them; see the module's
#: docstring). 3020 is to e-Arşiv what e-Fatura's 2001 is: the report already arrived.
FAULTS: dict[int, FaultInfo] = {f.code: f for f in (
    FaultInfo(3000, "WS-SECURITY BASLIGI GECERSIZ",
              "İsteğin güvenlik başlığı (WS-Security) eksik ya da hatalı."),
    FaultInfo(3001, "IMZA DOGRULANAMADI",
              "İsteğin imzası doğrulanamadı (ileti imzalandıktan sonra değişmiş olabilir)."),
    FaultInfo(3002, "ZAMAN BILGISI GECERSIZ",
              "İsteğin zaman bilgisi (wsu:Timestamp) geçmiş ya da ileri tarihli; bilgisayarın "
              "saatini ve saat dilimini kontrol edin."),
    FaultInfo(3003, "SERTIFIKA GECERSIZ",
              "İsteği imzalayan sertifika okunamadı ya da geçerlilik süresi dışında."),
    FaultInfo(3010, "DOSYA ADI GECERSIZ",
              "Dosya adı <raporNo>.zip biçiminde olmalı."),
    FaultInfo(3011, "ZIP DOSYASI GECERSIZ",
              "Gönderilen dosya okunabilir bir ZIP dosyası değil."),
    FaultInfo(3012, "ZIP ICERIGI GECERSIZ",
              "ZIP dosyası yalnızca <raporNo>.xml adlı tek bir dosya içermeli."),
    FaultInfo(3013, "RAPOR GECERSIZ",
              "Rapor geçerli bir e-Arşiv raporu (eArsivRaporu) değil."),
    FaultInfo(3020, "RAPOR DAHA ONCE ALINMIS",
              "Bu rapor GİB'e daha önce ulaşmış; durumu sorgulanacak.",
              already_received=True),
    FaultInfo(3021, "RAPOR NUMARASI DAHA ONCE KULLANILMIS",
              "Bu rapor numarasıyla başka içerikte bir rapor daha önce gönderilmiş."),
    FaultInfo(3030, "PAKET BULUNAMADI",
              "GİB bu paket numarasını (raporNo) tanımıyor."),
    FaultInfo(3099, "SISTEM HATASI",
              "GİB'in sisteminde geçici bir hata oluştu; rapor daha sonra tekrar gönderilecek.",
              retryable=True),
)}


class ReportRejected(Rejected):
    """EArsivWs refused the request (``code``: ``FAULTS``' code, when the fault had one)."""

    @property
    def already_received(self) -> bool:
        info = FAULTS.get(self.code) if self.code is not None else None
        return bool(info and info.already_received)

    @property
    def envelope_unknown(self) -> bool:
        return self.code == 3030


def _from_fault(code: int | None, text: str, *, sender_fault: bool) -> GibError:
    info = FAULTS.get(code) if code is not None else None
    if info is None:
        shown = f"{code} " if code is not None else ""
        if code is None and not sender_fault:
            return NotDelivered(f"GİB e-Arşiv servisi bir hata döndü: {text}. Rapor daha sonra "
                                "tekrar gönderilecek.", gib_text=text, maybe_received=True)
        return ReportRejected(f"GİB e-Arşiv servisi isteği reddetti: {shown}{text}".strip(),
                              code=code, gib_text=text)
    message = f"GİB e-Arşiv hata kodu {code} ({text or info.gib_text}): {info.meaning}"
    if info.retryable:
        return NotDelivered(message, code=code, gib_text=text, maybe_received=False)
    return ReportRejected(message, code=code, gib_text=text)


# -- packing ---------------------------------------------------------------------------------

def report_file_name(rapor_no: str) -> str:
    """``<raporNo>.zip``: the ``fileName`` of ``sendDocumentFile``."""
    return f"{rapor_no}.zip"


def pack_report(report_xml: bytes, rapor_no: str) -> bytes:
    """The zip ``<raporNo>.zip`` with one entry ``<raporNo>.xml``; always the same bytes for
    the same report (fixed entry date and attributes), so a resend is byte-identical."""
    if not is_uuid(rapor_no):
        raise UserError(f"Rapor numarası (raporNo) GUID biçiminde olmalı: {rapor_no!r}.")
    info = zipfile.ZipInfo(f"{rapor_no}.xml", date_time=_ZIP_DATE)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3
    info.external_attr = 0o644 << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(info, report_xml, compresslevel=6)
    return buffer.getvalue()


# -- WS-Security -----------------------------------------------------------------------------

def c14n(element: etree._Element, prefixes: list[str] | None = None) -> bytes:
    """Exclusive XML canonicalisation without comments (``EXC_C14N``)."""
    return etree.tostring(element, method="c14n", exclusive=True, with_comments=False,
                          inclusive_ns_prefixes=prefixes or None)


def _xsd_time(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{moment.astimezone(UTC).microsecond // 1000:03d}Z"


def signature_method(signer: Signer) -> str:
    """The SignatureMethod for the signer's key (``Signer.sign`` hashes an EC key with its
    curve's hash: SHA-384 for P-384, SHA-512 for P-521, else SHA-256)."""
    if signer.key_type == "RSA":
        return RSA_SHA256
    key = signer.certificate.public_key()
    size = key.curve.key_size if isinstance(key, ec.EllipticCurvePublicKey) else 256
    if size >= 512:
        return ECDSA_SHA512
    if size >= 384:
        return ECDSA_SHA384
    return ECDSA_SHA256


def _new_id(prefix: str) -> str:
    return f"{prefix}-{uuid_mod.uuid4().hex.upper()}"


def _signed_envelope(payload: etree._Element, signer: Signer) -> bytes:
    """A SOAP 1.2 envelope with ``payload`` in the Body and the WS-Security header."""
    env = etree.Element(f"{{{SOAP12}}}Envelope", nsmap={"soap": SOAP12, "wsse": WSSE,
                                                        "wsu": WSU})
    header = etree.SubElement(env, f"{{{SOAP12}}}Header")
    security = etree.SubElement(header, f"{{{WSSE}}}Security")
    security.set(f"{{{SOAP12}}}mustUnderstand", "true")
    token_id, ts_id, body_id = _new_id("X509"), _new_id("TS"), _new_id("id")

    token = etree.SubElement(security, f"{{{WSSE}}}BinarySecurityToken")
    token.set("EncodingType", BASE64_BINARY)
    token.set("ValueType", X509V3)
    token.set(f"{{{WSU}}}Id", token_id)
    token.text = base64.b64encode(signer.certificate_der).decode("ascii")

    created = clock.now_utc()
    timestamp = etree.SubElement(security, f"{{{WSU}}}Timestamp")
    timestamp.set(f"{{{WSU}}}Id", ts_id)
    etree.SubElement(timestamp, f"{{{WSU}}}Created").text = _xsd_time(created)
    etree.SubElement(timestamp, f"{{{WSU}}}Expires").text = _xsd_time(created + TIMESTAMP_TTL)

    body = etree.SubElement(env, f"{{{SOAP12}}}Body")
    body.set(f"{{{WSU}}}Id", body_id)
    body.append(payload)

    signature = etree.SubElement(security, f"{{{DS}}}Signature", nsmap={"ds": DS})
    signature.set("Id", _new_id("SIG"))
    signed_info = etree.SubElement(signature, f"{{{DS}}}SignedInfo")
    etree.SubElement(signed_info, f"{{{DS}}}CanonicalizationMethod").set("Algorithm", EXC_C14N)
    etree.SubElement(signed_info, f"{{{DS}}}SignatureMethod").set("Algorithm",
                                                                   signature_method(signer))
    for ref_id, target in ((body_id, body), (ts_id, timestamp)):
        reference = etree.SubElement(signed_info, f"{{{DS}}}Reference")
        reference.set("URI", f"#{ref_id}")
        transforms = etree.SubElement(reference, f"{{{DS}}}Transforms")
        etree.SubElement(transforms, f"{{{DS}}}Transform").set("Algorithm", EXC_C14N)
        etree.SubElement(reference, f"{{{DS}}}DigestMethod").set("Algorithm", SHA256)
        digest = hashlib.sha256(c14n(target)).digest()
        etree.SubElement(reference, f"{{{DS}}}DigestValue").text = \
            base64.b64encode(digest).decode("ascii")
    value = etree.SubElement(signature, f"{{{DS}}}SignatureValue")
    key_info = etree.SubElement(signature, f"{{{DS}}}KeyInfo")
    str_el = etree.SubElement(key_info, f"{{{WSSE}}}SecurityTokenReference")
    ref = etree.SubElement(str_el, f"{{{WSSE}}}Reference")
    ref.set("URI", f"#{token_id}")
    ref.set("ValueType", X509V3)
    value.text = base64.b64encode(signer.sign(c14n(signed_info))).decode("ascii")
    return etree.tostring(env, xml_declaration=True, encoding="UTF-8")


# -- requests --------------------------------------------------------------------------------

def send_document_file_request(file_name: str, zip_bytes: bytes, signer: Signer) -> bytes:
    """The signed ``sendDocumentFile`` envelope (Timestamp from ``app.clock``, now)."""
    payload = etree.Element(f"{{{EARSIV_WS}}}sendDocumentFile", nsmap={"earsiv": EARSIV_WS})
    attachment = etree.SubElement(payload, "Attachment")
    etree.SubElement(attachment, "fileName").text = file_name
    etree.SubElement(attachment, "binaryData").text = base64.b64encode(zip_bytes).decode("ascii")
    return _signed_envelope(payload, signer)


def get_batch_status_request(paket_id: str, signer: Signer) -> bytes:
    """The signed ``getBatchStatus`` envelope."""
    payload = etree.Element(f"{{{EARSIV_WS}}}getBatchStatus", nsmap={"earsiv": EARSIV_WS})
    etree.SubElement(payload, "paketId").text = paket_id
    return _signed_envelope(payload, signer)


# -- answers ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class BatchStatus:
    """``getBatchStatus``'s answer: ``code`` (durumKodu; None when absent) and its text."""

    code: int | None
    description: str

    @property
    def done(self) -> bool:
        return self.code == DONE

    @property
    def processing(self) -> bool:
        return self.code is None or self.code in PROCESSING

    @property
    def failed(self) -> bool:
        return not self.done and not self.processing


def _text_of(element: etree._Element, local: str) -> str | None:
    """The string value of the first descendant named ``local`` (any namespace)."""
    for el in element.iter():
        if isinstance(el.tag, str) and etree.QName(el).localname == local:
            return "".join(el.itertext())
    return None


def _read_fault(element: etree._Element) -> tuple[int | None, str, bool] | None:
    """``(code, text, sender_fault)`` when ``element`` is a SOAP fault."""
    if etree.QName(element).localname != "Fault":
        return None
    reason = " ".join(t.strip() for t in element.xpath(
        ".//*[local-name()='Text' or local-name()='faultstring']/text()") if t.strip())
    value = (_text_of(element, "Value") or _text_of(element, "faultcode") or "").strip()
    sender = value.endswith(("Sender", "Client"))
    detail = next((e for e in element.iter() if isinstance(e.tag, str)
                   and etree.QName(e).localname in ("Detail", "detail")), None)
    code: int | None = None
    text = reason
    if detail is not None:
        code_text = _text_of(detail, "code")
        if code_text and re.fullmatch(r"\s*[0-9]{1,9}\s*", code_text):
            code = int(code_text)
        text = (_text_of(detail, "msg") or "").strip() or reason
    return code, text.strip(), sender


def _interpret(status: int, ctype: str, data: bytes) -> etree._Element:
    element = None
    try:
        element = soap.parse_envelope(soap.unpack_http_body(data, ctype))
    except Exception:  # not SOAP: judged by the HTTP status below
        element = None
    if element is not None:
        fault = _read_fault(element)
        if fault is not None:
            raise _from_fault(*fault[:2], sender_fault=fault[2])
        if 200 <= status < 300:
            return element
    if status >= 500:
        raise NotDelivered(f"GİB e-Arşiv servisi hata verdi (HTTP {status}). Rapor daha sonra "
                           "tekrar gönderilecek.", maybe_received=True)
    if status >= 400:
        raise NotDelivered(f"GİB e-Arşiv servisi isteği kabul etmedi (HTTP {status}). Servis "
                           "adresini ve GİB'e tanımlı IP adresinizi kontrol edin.")
    raise ProtocolError(f"GİB e-Arşiv servisinin yanıtı anlaşılamadı (HTTP {status}, "
                        f"{ctype or 'içerik türü yok'}).", maybe_received=True)


def _not_delivered(exc: http.HttpError, endpoint: str, timeout: float) -> NotDelivered:
    where = http.host_port(endpoint)
    if exc.kind == "tls":
        return NotDelivered(f"GİB e-Arşiv sunucusunun ({where}) sertifikası doğrulanamadı: "
                            f"{exc.detail}. Bağlantı güvenli değil; gönderim yapılmadı.")
    if exc.kind == "too_large":
        return ProtocolError("GİB e-Arşiv servisinin yanıtı çok büyük.", maybe_received=True)
    if exc.kind == "timeout":
        return NotDelivered(f"GİB e-Arşiv servisi {timeout:g} saniye içinde yanıt vermedi "
                            f"({where}). Rapor ulaşmış olabilir; aynı rapor daha sonra tekrar "
                            "gönderilecek.", maybe_received=exc.sent)
    return NotDelivered(f"GİB e-Arşiv servisine bağlanılamadı ya da bağlantı koptu ({where}: "
                        f"{exc.detail}). İnternet bağlantınızı ve vekil sunucu (proxy) ayarını "
                        "kontrol edin; rapor daha sonra tekrar gönderilecek.",
                        maybe_received=exc.sent)


def _check_endpoint(endpoint: str) -> None:
    parts = urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise GibError(f"GİB e-Arşiv servis adresi geçersiz: {endpoint!r} (https://… olmalı).")


def call(endpoint: str, action: str, envelope: bytes, *, timeout: float = DEFAULT_TIMEOUT,
         ca_file: str | None = None) -> etree._Element:
    """POST a built envelope; the first child of the answer's Body (raises ``NotDelivered``
    or ``ReportRejected``)."""
    _check_endpoint(endpoint)
    headers = {"Content-Type": soap.content_type(action),
               "Accept": "application/soap+xml, multipart/related, text/xml"}
    try:
        response = http.post(endpoint, envelope, headers, timeout=timeout,
                             max_bytes=MAX_RESPONSE_BYTES, ca_file=ca_file)
    except http.HttpError as exc:
        log.warning("GİB e-Arşiv %s: endpoint=%s başarısız: %s (%s)", action, endpoint,
                    exc.kind, exc.detail)
        raise _not_delivered(exc, endpoint, timeout) from exc
    log.info("GİB e-Arşiv %s: endpoint=%s HTTP %d, %.0f ms", action, endpoint,
             response.status, response.elapsed * 1000)
    return _interpret(response.status, response.content_type, response.body)


# -- operations ------------------------------------------------------------------------------

def send_report_zip(endpoint: str, file_name: str, zip_bytes: bytes, signer: Signer, *,
                    timeout: float = DEFAULT_TIMEOUT, ca_file: str | None = None) -> str:
    """``sendDocumentFile``; returns the service's message ("Dosya Kaydedildi" …)."""
    envelope = send_document_file_request(file_name, zip_bytes, signer)
    element = call(endpoint, ACTION_SEND_DOCUMENT_FILE, envelope, timeout=timeout,
                   ca_file=ca_file)
    message = " ".join("".join(element.itertext()).split())
    if SUCCESS_TEXT.casefold() not in message.casefold():
        raise ProtocolError(f"GİB e-Arşiv servisi raporu kaydettiğini söylemedi "
                            f"({soap.local_name(element)}: {message[:200]!r}).",
                            maybe_received=True)
    log.info("GİB e-Arşiv rapor gönderildi: %s", file_name)
    return message


def batch_status(endpoint: str, paket_id: str, signer: Signer, *,
                 timeout: float = DEFAULT_TIMEOUT, ca_file: str | None = None) -> BatchStatus:
    """``getBatchStatus(paketId)``: the report's durumKodu and durumAciklama."""
    envelope = get_batch_status_request(paket_id, signer)
    element = call(endpoint, ACTION_GET_BATCH_STATUS, envelope, timeout=timeout,
                   ca_file=ca_file)
    code_text = (_text_of(element, "durumKodu") or "").strip()
    description = " ".join((_text_of(element, "durumAciklama") or "").split())
    if not code_text:
        raise ProtocolError(f"GİB e-Arşiv servisi paketin durumunu vermedi "
                            f"({soap.local_name(element)}).")
    if not re.fullmatch(r"[0-9]{1,9}", code_text):
        raise ProtocolError(f"GİB e-Arşiv servisinin durum kodu anlaşılamadı: {code_text[:40]!r}.")
    return BatchStatus(int(code_text), description)
