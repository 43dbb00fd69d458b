"""The simulator's EArsivWs: GİB's e-Arşiv report service (``sendDocumentFile``,
``getBatchStatus``, SOAP 1.2 with WS-Security) at ``EARSIV_PATH``.

What a request must pass, in this order (each failure is an ``EArsivFault`` with a code of
``app.gib.earsiv_ws.FAULTS``):

* a SOAP 1.2 envelope with one Header, one Body and one of the two operations;
* WS-Security (3000 when a part is missing or of another kind): one ``wsse:Security`` with one
  X.509v3 ``BinarySecurityToken``, one ``wsu:Timestamp`` and one ``ds:Signature`` whose
  ``KeyInfo`` refers to that token; exclusive C14N, ``rsa-sha256`` or ``ecdsa-sha256/384/512``,
  SHA-256 digests; the certificate inside its validity period (3003); the Timestamp not
  expired and not from the future by the simulator's clock, ``app.clock`` (3002); the
  signature value verified with the token's key over the canonical SignedInfo, and the
  references covering exactly-once-identified Body and Timestamp with matching digests
  (3001). The certificate's chain is not checked (the simulator has no Kamu SM roots), nor
  whose certificate it is.
* ``sendDocumentFile``: ``fileName`` ``<raporNo>.zip`` with a GUID raporNo (3010); a zip
  (3011; an entry larger than ``MAX_REPORT_BYTES`` is not decompressed) with exactly one entry
  named ``<raporNo>.xml`` (3012); well-formed XML, root ``eArsivRaporu`` in
  ``http://earsiv.efatura.gov.tr``, its ``baslik/raporNo`` (when present) the same raporNo
  (3013). Neither XSD nor schematron nor the report's own XAdES signature is checked. A
  raporNo already received answers 3020 when the zip is the same bytes (the earlier send
  arrived: the client treats it as delivered) and 3021 when the content differs.
* ``getBatchStatus(paketId)``: 3030 for an unknown raporNo; else ``durumKodu`` 10, 15, then 30
  on successive polls — or, for a report received while a ``batch_failed`` fault switch was
  set, that switch's ``status`` (default ``FAILED_STATUS``) with its ``message``.

The fault switches of ``faults.py`` apply with the operation names ``sendDocumentFile`` and
``getBatchStatus``; ``fault2005`` / ``fault2007`` answer 3099 SISTEM HATASI here.
Received reports are kept in ``<data>/earsiv-simulator.sqlite3``.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import io
import logging
import sqlite3
import threading
import zipfile
import zlib
from datetime import datetime, timedelta
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from xml.sax.saxutils import escape

from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature
from lxml import etree

from app import clock
from app.domain.errors import UserError
from app.xmlsafe import parse_bytes

from .. import earsiv_ws as ws
from .. import soap
from ..envelope import is_uuid
from .faults import FaultKind
from .service import BANNER

if TYPE_CHECKING:
    from .httpd import SimulatorRequestHandler

log = logging.getLogger("tezgah.gib.simulator")

EARSIV_PATH = "/earsiv/services/EArsivWsPort"
OP_SEND = "sendDocumentFile"
OP_STATUS = "getBatchStatus"
#: durumKodu of a report failed by a ``batch_failed`` switch without ``status``.
FAILED_STATUS = 90
FAILED_TEXT = "RAPOR ISLENEMEDI"
STATUS_TEXT = {10: "RAPOR KUYRUGA ALINDI", 15: "RAPOR ISLENIYOR",
               30: "RAPOR BASARIYLA ISLENDI"}
#: Clock difference tolerated for a Timestamp's Created in the future.
CLOCK_SKEW = timedelta(minutes=1)
MAX_REPORT_BYTES = ws.MAX_REPORT_BYTES
MAX_REQUEST_BYTES = 100 * 1024 * 1024

_SIGNATURE_HASHES: dict[str, type[hashes.HashAlgorithm]] = {
    ws.RSA_SHA256: hashes.SHA256, ws.ECDSA_SHA256: hashes.SHA256,
    ws.ECDSA_SHA384: hashes.SHA384, ws.ECDSA_SHA512: hashes.SHA512,
}
_ID_ATTRS = (f"{{{ws.WSU}}}Id", "Id", "ID", "id")
_EXC_C14N_NS = ws.EXC_C14N  # InclusiveNamespaces lives in the algorithm's namespace


class EArsivFault(Exception):
    """A request the service refuses: ``code`` of ``earsiv_ws.FAULTS`` and a detail."""

    def __init__(self, code: int, detail: str = "") -> None:
        super().__init__(f"{code} {detail}")
        self.code = code
        self.detail = detail


# -- answers ---------------------------------------------------------------------------------

def _envelope(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8"?><soap:Envelope xmlns:soap="{ws.SOAP12}">'
            f"<soap:Body>{body}</soap:Body></soap:Envelope>").encode()


def fault_answer(code: int | None, detail: str = "", *,
                 sender: bool = False) -> tuple[int, bytes]:
    """An EArsivFault (HTTP 400 for the sender's faults, 500 for the service's own); without
    ``code`` a plain SOAP fault, the sender's when ``sender``."""
    info = ws.FAULTS.get(code) if code is not None else None
    text = info.gib_text if info else "ISTEK ISLENEMEDI"
    server_side = info.retryable if info is not None else not sender
    reason = f"{text}: {detail}" if detail else text
    detail_xml = (f'<soap:Detail><ns2:EArsivFault xmlns:ns2="{ws.EARSIV_WS}"><code>{code}</code>'
                  f"<msg>{escape(text)}</msg></ns2:EArsivFault></soap:Detail>"
                  if code is not None else "")
    return (500 if server_side else 400), _envelope(
        "<soap:Fault>"
        f"<soap:Code><soap:Value>{'soap:Receiver' if server_side else 'soap:Sender'}"
        "</soap:Value></soap:Code>"
        f'<soap:Reason><soap:Text xml:lang="tr">{escape(reason)} [{BANNER}]</soap:Text>'
        f"</soap:Reason>{detail_xml}</soap:Fault>")


def send_answer() -> bytes:
    return _envelope(f'<ns2:sendDocumentFileResponse xmlns:ns2="{ws.EARSIV_WS}"><return>'
                     f"<msg>{ws.SUCCESS_TEXT} [{BANNER}]</msg></return>"
                     "</ns2:sendDocumentFileResponse>")


def status_answer(code: int, description: str) -> bytes:
    return _envelope(f'<ns2:getBatchStatusResponse xmlns:ns2="{ws.EARSIV_WS}"><return>'
                     f"<durumKodu>{code}</durumKodu>"
                     f"<durumAciklama>{escape(description)}</durumAciklama>"
                     "</return></ns2:getBatchStatusResponse>")


# -- WS-Security -----------------------------------------------------------------------------

def _children(parent: etree._Element, tag: str) -> list[etree._Element]:
    return [c for c in parent if c.tag == tag]


def _one(parent: etree._Element, tag: str, what: str, code: int = 3000) -> etree._Element:
    found = _children(parent, tag)
    if len(found) != 1:
        raise EArsivFault(code, f"{what}: {len(found)} adet (1 olmalı)")
    return found[0]


def _b64(text: str | None, what: str, code: int) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise EArsivFault(code, f"{what} base64 değil") from exc


def _prefixes(method: etree._Element) -> list[str] | None:
    inclusive = method.find(f"{{{_EXC_C14N_NS}}}InclusiveNamespaces")
    if inclusive is None:
        return None
    return [p for p in (inclusive.get("PrefixList") or "").split() if p != "#default"] or None


def _xsd_datetime(text: str | None, what: str) -> datetime:
    try:
        moment = datetime.fromisoformat((text or "").strip())
    except ValueError as exc:
        raise EArsivFault(3002, f"{what} okunamadı: {text!r}") from exc
    if moment.tzinfo is None:
        raise EArsivFault(3002, f"{what} saat dilimi içermiyor: {text!r}")
    return moment


def _verify_value(cert: x509.Certificate, method: str, value: bytes, data: bytes) -> None:
    key = cert.public_key()
    digest = _SIGNATURE_HASHES[method]()
    try:
        if method == ws.RSA_SHA256:
            if not isinstance(key, rsa.RSAPublicKey):
                raise EArsivFault(3001, "rsa-sha256 imzası ama anahtar RSA değil")
            key.verify(value, data, padding.PKCS1v15(), digest)
            return
        if not isinstance(key, ec.EllipticCurvePublicKey):
            raise EArsivFault(3001, "ecdsa imzası ama anahtar EC değil")
        size = (key.curve.key_size + 7) // 8
        if len(value) != 2 * size:
            raise EArsivFault(3001, "ECDSA imza değeri r||s uzunluğunda değil")
        der = encode_dss_signature(int.from_bytes(value[:size], "big"),
                                   int.from_bytes(value[size:], "big"))
        key.verify(der, data, ec.ECDSA(digest))
    except InvalidSignature as exc:
        raise EArsivFault(3001, "imza değeri SignedInfo ile tutmuyor") from exc


def verify_security(root: etree._Element, now: datetime) -> x509.Certificate:
    """Check the WS-Security header of a parsed request (raises ``EArsivFault``); returns
    the signer's certificate."""
    header = _one(root, f"{{{ws.SOAP12}}}Header", "soap:Header")
    body = _one(root, f"{{{ws.SOAP12}}}Body", "soap:Body")
    security = _one(header, f"{{{ws.WSSE}}}Security", "wsse:Security")

    token = _one(security, f"{{{ws.WSSE}}}BinarySecurityToken", "wsse:BinarySecurityToken")
    if token.get("ValueType") != ws.X509V3:
        raise EArsivFault(3000, f"BinarySecurityToken ValueType {token.get('ValueType')!r}")
    token_id = token.get(f"{{{ws.WSU}}}Id") or ""
    try:
        cert = x509.load_der_x509_certificate(_b64(token.text, "BinarySecurityToken", 3003))
    except ValueError as exc:
        raise EArsivFault(3003, "BinarySecurityToken bir X.509 sertifikası değil") from exc

    timestamp = _one(security, f"{{{ws.WSU}}}Timestamp", "wsu:Timestamp")
    created = _xsd_datetime(_one(timestamp, f"{{{ws.WSU}}}Created", "wsu:Created", 3002).text,
                            "wsu:Created")
    expires = _xsd_datetime(_one(timestamp, f"{{{ws.WSU}}}Expires", "wsu:Expires", 3002).text,
                            "wsu:Expires")
    if now >= expires:
        raise EArsivFault(3002, f"süresi dolmuş ({expires.isoformat()}, şimdi "
                                f"{now.isoformat(timespec='seconds')})")
    if created > now + CLOCK_SKEW or expires <= created:
        raise EArsivFault(3002, f"ileri tarihli ya da tutarsız ({created.isoformat()})")

    signature = _one(security, f"{{{ws.DS}}}Signature", "ds:Signature")
    signed_info = _one(signature, f"{{{ws.DS}}}SignedInfo", "ds:SignedInfo")
    c14n_method = _one(signed_info, f"{{{ws.DS}}}CanonicalizationMethod",
                       "ds:CanonicalizationMethod")
    if c14n_method.get("Algorithm") != ws.EXC_C14N:
        raise EArsivFault(3000, f"CanonicalizationMethod {c14n_method.get('Algorithm')!r}")
    method = _one(signed_info, f"{{{ws.DS}}}SignatureMethod", "ds:SignatureMethod").get(
        "Algorithm") or ""
    if method not in _SIGNATURE_HASHES:
        raise EArsivFault(3000, f"SignatureMethod {method!r}")
    reference = signature.find(f"{{{ws.DS}}}KeyInfo/{{{ws.WSSE}}}SecurityTokenReference/"
                               f"{{{ws.WSSE}}}Reference")
    if reference is None or not token_id or reference.get("URI") != f"#{token_id}":
        raise EArsivFault(3000, "KeyInfo BinarySecurityToken'a başvurmuyor")

    now_utc = now.astimezone(cert.not_valid_after_utc.tzinfo)
    if not cert.not_valid_before_utc <= now_utc <= cert.not_valid_after_utc:
        raise EArsivFault(3003, "sertifika geçerlilik süresi dışında")

    value = _b64(_one(signature, f"{{{ws.DS}}}SignatureValue", "ds:SignatureValue").text,
                 "SignatureValue", 3001)
    _verify_value(cert, method, value, ws.c14n(signed_info, _prefixes(c14n_method)))

    covered: list[etree._Element] = []
    for ref in _children(signed_info, f"{{{ws.DS}}}Reference"):
        uri = ref.get("URI") or ""
        if not uri.startswith("#") or len(uri) < 2:
            raise EArsivFault(3001, f"Reference URI {uri!r}")
        ident = uri[1:]
        targets = [e for e in root.iter() if isinstance(e.tag, str)
                   and any(e.get(a) == ident for a in _ID_ATTRS)]
        if len(targets) != 1:
            raise EArsivFault(3001, f"{uri}: {len(targets)} öğe bu kimliği taşıyor")
        target = targets[0]
        if target is not body and target is not timestamp:
            raise EArsivFault(3001, f"{uri} Body ya da Timestamp değil")
        prefixes = None
        for transform in ref.iterfind(f"{{{ws.DS}}}Transforms/{{{ws.DS}}}Transform"):
            if transform.get("Algorithm") != ws.EXC_C14N:
                raise EArsivFault(3000, f"Transform {transform.get('Algorithm')!r}")
            prefixes = _prefixes(transform)
        digest_method = _one(ref, f"{{{ws.DS}}}DigestMethod", "ds:DigestMethod", 3001)
        if digest_method.get("Algorithm") != ws.SHA256:
            raise EArsivFault(3000, f"DigestMethod {digest_method.get('Algorithm')!r}")
        expected = _b64(_one(ref, f"{{{ws.DS}}}DigestValue", "ds:DigestValue", 3001).text,
                        "DigestValue", 3001)
        actual = hashlib.sha256(ws.c14n(target, prefixes)).digest()
        if not hmac.compare_digest(expected, actual):
            what = "Body" if target is body else "Timestamp"
            raise EArsivFault(3001, f"{what} özeti tutmuyor (imzadan sonra değişmiş)")
        covered.append(target)
    if not any(t is body for t in covered) or not any(t is timestamp for t in covered):
        raise EArsivFault(3001, "imza Body ile Timestamp'i birlikte kapsamıyor")
    return cert


# -- the report zip --------------------------------------------------------------------------

def check_report_zip(file_name: str, data: bytes) -> str:
    """Check ``<raporNo>.zip``; returns the raporNo (raises ``EArsivFault``)."""
    path = PurePosixPath(file_name)
    stem = path.stem
    if path.suffix.lower() != ".zip" or path.name != file_name or not is_uuid(stem):
        raise EArsivFault(3010, repr(file_name))
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise EArsivFault(3011, "ZIP değil")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            entries = zf.infolist()
            if len(entries) != 1:
                raise EArsivFault(3012, f"ZIP {len(entries)} dosya içeriyor")
            entry = entries[0]
            if entry.filename != f"{stem}.xml":
                raise EArsivFault(3012, f"{entry.filename!r}, beklenen {stem}.xml")
            if entry.flag_bits & 0x1:
                raise EArsivFault(3011, "şifreli ZIP")
            if entry.file_size > MAX_REPORT_BYTES:
                raise EArsivFault(3011, "dosya çok büyük")
            with zf.open(entry) as f:  # reads at most the declared size (checked above)
                xml = f.read(MAX_REPORT_BYTES + 1)
            if len(xml) > MAX_REPORT_BYTES:
                raise EArsivFault(3011, "dosya çok büyük")
    except EArsivFault:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError,
            RuntimeError, NotImplementedError, ValueError) as exc:
        raise EArsivFault(3011, str(exc)) from exc
    try:
        root = parse_bytes(xml, max_bytes=MAX_REPORT_BYTES).getroot()
    except UserError as exc:
        raise EArsivFault(3013, exc.message) from exc
    if root.tag != ws.REPORT_ROOT:
        raise EArsivFault(3013, f"kök öğe {root.tag}, beklenen {ws.REPORT_ROOT}")
    for baslik in root:
        if isinstance(baslik.tag, str) and etree.QName(baslik).localname == "baslik":
            for child in baslik:
                if isinstance(child.tag, str) and etree.QName(child).localname == "raporNo":
                    inner = "".join(child.itertext()).strip()
                    if inner and inner != stem:
                        raise EArsivFault(3013, f"raporNo {inner}, dosya adı {stem}")
    return stem


# -- state -----------------------------------------------------------------------------------

_SCHEMA = """
CREATE TABLE IF NOT EXISTS report (
    id TEXT PRIMARY KEY,         -- raporNo, lower case
    rapor_no TEXT NOT NULL,      -- as received
    sha256 TEXT NOT NULL,        -- of the zip: an identical resend is 3020, another 3021
    zip BLOB NOT NULL,
    received_at REAL NOT NULL,
    polls INTEGER NOT NULL DEFAULT 0,  -- getBatchStatus answers given: 10, 15, then final
    fail_code INTEGER,           -- final durumKodu when failed by a fault switch
    fail_text TEXT
);
"""


class EArsivState:
    def __init__(self, data_dir: Path) -> None:
        self._lock = threading.Lock()
        self._db = sqlite3.connect(data_dir / "earsiv-simulator.sqlite3",
                                   check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def receive(self, rapor_no: str, data: bytes, *, fail_code: int | None = None,
                fail_text: str | None = None) -> int | None:
        """Store a report; ``None`` when new, else the fault code (3020 same bytes, 3021)."""
        digest = hashlib.sha256(data).hexdigest()
        with self._lock:
            row = self._db.execute("SELECT sha256 FROM report WHERE id = ?",
                                   (rapor_no.lower(),)).fetchone()
            if row is not None:
                return 3020 if row[0] == digest else 3021
            self._db.execute(
                "INSERT INTO report (id, rapor_no, sha256, zip, received_at, fail_code, "
                "fail_text) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (rapor_no.lower(), rapor_no, digest, data, clock.timestamp(), fail_code,
                 fail_text))
        return None

    def poll(self, paket_id: str) -> tuple[int, str] | None:
        """The next status of a report (each call moves it on), ``None`` when unknown."""
        with self._lock:
            row = self._db.execute("SELECT polls, fail_code, fail_text FROM report WHERE id = ?",
                                   (paket_id.lower(),)).fetchone()
            if row is None:
                return None
            polls, fail_code, fail_text = row
            self._db.execute("UPDATE report SET polls = polls + 1 WHERE id = ?",
                             (paket_id.lower(),))
        if polls == 0:
            return 10, STATUS_TEXT[10]
        if polls == 1:
            return 15, STATUS_TEXT[15]
        if fail_code is not None:
            return fail_code, fail_text or FAILED_TEXT
        return 30, STATUS_TEXT[30]

    def report_zip(self, rapor_no: str) -> bytes | None:
        with self._lock:
            row = self._db.execute("SELECT zip FROM report WHERE id = ?",
                                   (rapor_no.lower(),)).fetchone()
        return bytes(row[0]) if row else None

    def rapor_nos(self) -> list[str]:
        with self._lock:
            return [r[0] for r in self._db.execute(
                "SELECT rapor_no FROM report ORDER BY received_at")]


# -- the service -----------------------------------------------------------------------------

def _child_text(parent: etree._Element, local: str) -> str:
    for child in parent:
        if isinstance(child.tag, str) and etree.QName(child).localname == local:
            return "".join(child.itertext())
    return ""


class EArsivService:
    """EArsivWs of one simulator; ``answer`` is its route in the simulator's HTTP server."""

    path = EARSIV_PATH

    def __init__(self, data_dir: Path) -> None:
        self.state = EArsivState(data_dir)

    def close(self) -> None:
        self.state.close()

    def _send(self, element: etree._Element, failing: tuple[int, str] | None) -> bytes:
        attachment = next((c for c in element if isinstance(c.tag, str)
                           and etree.QName(c).localname == "Attachment"), None)
        if attachment is None:
            raise EArsivFault(3011, "Attachment yok")
        file_name = _child_text(attachment, "fileName").strip()
        data = _b64(_child_text(attachment, "binaryData"), "binaryData", 3011)
        rapor_no = check_report_zip(file_name, data)
        fail_code, fail_text = failing or (None, None)
        duplicate = self.state.receive(rapor_no, data, fail_code=fail_code, fail_text=fail_text)
        if duplicate is not None:
            raise EArsivFault(duplicate, rapor_no)
        log.info("%s: e-Arşiv raporu alındı %s (%d bayt)", BANNER, file_name, len(data))
        return send_answer()

    def _status(self, element: etree._Element) -> bytes:
        paket_id = _child_text(element, "paketId").strip()
        status = self.state.poll(paket_id) if paket_id else None
        if status is None:
            raise EArsivFault(3030, repr(paket_id))
        return status_answer(*status)

    def answer(self, handler: SimulatorRequestHandler, body: bytes) -> None:
        """Answer one POST to ``EARSIV_PATH``."""
        sim = handler.server.sim
        try:
            envelope = soap.unpack_http_body(body, handler.headers.get("Content-Type") or "")
            root = parse_bytes(envelope, max_bytes=MAX_REQUEST_BYTES).getroot()
        except Exception as exc:
            handler.send_soap(*fault_answer(None, f"SOAP iletisi okunamadı: {exc}",
                                             sender=True))
            return
        body_el = next((c for c in root if c.tag == f"{{{ws.SOAP12}}}Body"), None)
        element = next((c for c in body_el if isinstance(c.tag, str)), None) \
            if body_el is not None else None
        operation = etree.QName(element).localname if element is not None else ""
        if (root.tag != f"{{{ws.SOAP12}}}Envelope" or element is None
                or operation not in (OP_SEND, OP_STATUS)
                or etree.QName(element).namespace != ws.EARSIV_WS):
            handler.send_soap(*fault_answer(None, f"Bilinmeyen işlem: {operation or '-'}",
                                             sender=True))
            return
        rule = sim.faults.take(operation)
        failing: tuple[int, str] | None = None
        if rule is not None:
            log.info("%s: hata anahtarı %s (%s)", BANNER, rule.kind.value, operation)
            if rule.kind is FaultKind.DROP:
                handler.drop()
                return
            if rule.kind is FaultKind.HTTP_500:
                handler.send(500, b"<html><body><h1>500 Internal Server Error</h1><p>"
                             + BANNER.encode() + b"</p></body></html>", "text/html; charset=utf-8")
                return
            if rule.kind is FaultKind.HANG:
                sim.wait_stopped(rule.seconds)
                handler.drop()
                return
            if rule.kind in (FaultKind.FAULT_2005, FaultKind.FAULT_2007):
                handler.send_soap(*fault_answer(3099))
                return
            if rule.kind is FaultKind.SLOW:
                sim.wait_stopped(rule.seconds)
            if rule.kind is FaultKind.BATCH_FAILED:
                failing = (rule.status if rule.status is not None else FAILED_STATUS,
                           f"{FAILED_TEXT}: {rule.message}" if rule.message else FAILED_TEXT)
        try:
            verify_security(root, clock.now())
            answer = self._send(element, failing) if operation == OP_SEND \
                else self._status(element)
            status = 200
        except EArsivFault as exc:
            log.info("%s: e-Arşiv %s reddedildi: %s %s", BANNER, operation, exc.code, exc.detail)
            status, answer = fault_answer(exc.code, exc.detail)
        except Exception as exc:
            log.exception("%s: e-Arşiv isteği işlenemedi", BANNER)
            status, answer = fault_answer(3099, str(exc))
        if rule is not None and rule.kind is FaultKind.LOSE_RESPONSE:
            handler.drop()
            return
        if rule is not None and rule.kind is FaultKind.TRICKLE:
            handler.send_soap(status, answer, pause=rule.seconds)
            return
        handler.send_soap(status, answer)
