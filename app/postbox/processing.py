"""What the posta kutusu makes of a received envelope, after it answered GİB with the hash:
the checks of the test plan (§3.2 c, §5.2.1 c: "zarfı şema ve schematron kontrolünden
geçirmeli, zarfa ait e-faturaları da şema, schematron ve mühür kontrolünden geçirebilmeli")
and the code of the system response that goes back (Ek-2 §4: 1200 or an 11xx code; one bad
document fails the whole envelope, POSTBOX-NOTES.md).

Nothing here touches the database or the network: ``examine`` turns the zip into a verdict and
the documents it holds, byte-exact as the sender signed them. The door
(``app.postbox.service.check_zip``) has already refused what is not one ``<uuid>.xml`` in a
sound zip; the checks are repeated here so that an envelope collected from elsewhere
(``tezgah inbox pull``) meets the same rules.

The posta kutusu takes what GİB delivers to it (Ek-1 §3.2): a SENDERENVELOPE with invoices
or e-İrsaliye despatch advices, a POSTBOXENVELOPE with application responses (KABUL/RED) or
irsaliye yanıtı receipt advices, and SYSTEMENVELOPEs. Every document but an application
response gets the same checks; ``ReceivedDocument.kind`` and ``Examined.document_kind`` say
what was received, which is what the storage of a received envelope dispatches on.

Which code for which failure, where Ek-2 §4 leaves a choice:
- the zip cannot be read: 1130; the XML inside cannot be parsed: 1140;
- no InstanceIdentifier 1141, another name than the zip's 1142, TypeVersion not 1.2 1143;
- an envelope type or element type the posta kutusu does not take: 1160;
- the envelope is addressed to another VKN/TCKN or to an alias that is not ours, or a
  document names another receiver than the envelope (``document_receiver_ids``: a
  despatch's DeliveryCustomerParty, a receipt advice's DespatchSupplierParty): 1181;
- XSD of the envelope or of a document 1160, GİB's schematron 1150;
- a document without signature or without a certificate 1161; a signature that does not hold
  or a certificate not valid when it signed 1177; signed by another VKN/TCKN than the
  envelope's sender 1176.
A signature that holds, by the sender's certificate, whose chain does not reach one of the
company's trust anchors does not fail the envelope: the document is kept with the verdict
"İMZA GEÇERSİZ" in the inbox (a missing anchor, e.g. a new Kamu SM root, must not bounce a
supplier's valid invoice back; the owner sees the verdict and may answer RED).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.gib import codes
from app.gib.envelope import (
    APPLICATION_RESPONSE_ELEMENT,
    ELEMENT_KINDS,
    INVOICE_ELEMENT,
    SYSTEM_ENVELOPE,
    TYPE_VERSION,
    EnvelopeHeader,
    document_receiver_ids,
    element_kind,
    extract_documents,
    kind_of_root,
    read_envelope,
    travels_in,
)
from app.signing import VerificationResult
from app.trust.checks import FAILED as TRUST_FAILED
from app.ubl import namespaces as ns
from app.xmlsafe import find_string, parse_bytes

ANSWER_ELEMENT = APPLICATION_RESPONSE_ELEMENT
MAX_XML_BYTES = 200 * 1024 * 1024
__all__ = ["ANSWER_ELEMENT", "INVOICE_ELEMENT", "OK", "Checks", "Examined", "ReceivedDocument",
           "examine", "read_zip", "signature_summary"]
_SIGNATURE = (f"{{{ns.EXT}}}UBLExtensions/{{{ns.EXT}}}UBLExtension/{{{ns.EXT}}}"
              f"ExtensionContent/{{{ns.DS}}}Signature")

OK = 1200


class Checks:
    """GİB's rules as the posta kutusu applies them (``app.ubl.validate.InvoiceValidator``
    has this shape) and the signature verifier with the company's trust anchors."""

    def __init__(self, validator: Any, verify: Callable[[bytes], VerificationResult]) -> None:
        self.validator = validator
        self.verify = verify


@dataclass
class ReceivedDocument:
    """One document of the envelope: its exact bytes and what its signature is worth."""

    content: bytes
    root_tag: str
    uuid: str
    signature: dict[str, Any] = field(default_factory=dict)

    @property
    def kind(self) -> DocumentKind | None:
        """Invoice, application response, despatch advice or receipt advice (from the root
        element); ``None`` for anything else."""
        found = kind_of_root(self.root_tag)
        return found.kind if found else None


@dataclass
class Examined:
    instance_id: str
    code: int | None  # 1200 / 11xx; None: nothing is answered (a SYSTEMENVELOPE)
    description: str  # GİB's words for the code, then what was wrong
    header: EnvelopeHeader | None = None
    documents: list[ReceivedDocument] = field(default_factory=list)
    envelope_xml: bytes = b""

    @property
    def ok(self) -> bool:
        return self.code in (OK, None)

    @property
    def type(self) -> str:
        return (self.header.type if self.header else None) or ""

    @property
    def element_type(self) -> str:
        return (self.header.element_type if self.header else None) or ""

    @property
    def document_kind(self) -> DocumentKind | None:
        """What the envelope's documents are (its ElementType), ``None`` when unknown."""
        found = element_kind(self.element_type)
        return found.kind if found else None


def signature_summary(result: VerificationResult) -> dict[str, Any]:
    """What is kept of a verification with the document (the verdict the inbox shows)."""
    return {"valid": result.valid, "intact": result.intact, "problems": list(result.problems),
            "signer_name": result.signer_name, "signer_vkn_tckn": result.signer_vkn_tckn,
            "signing_time": result.signing_time.isoformat() if result.signing_time else None}


def _verdict(instance_id: str, code: int, detail: str = "", *,
             header: EnvelopeHeader | None = None, xml: bytes = b"") -> Examined:
    text = codes.status(code).gib_text if codes.status(code) else str(code)
    return Examined(instance_id, code, f"{text}: {detail}" if detail else text, header,
                    envelope_xml=xml)


def read_zip(zip_bytes: bytes, *, max_xml_bytes: int = MAX_XML_BYTES) -> tuple[str, bytes]:
    """(name, bytes) of the one XML file in the zip; ``UserError`` with GİB's code words."""
    try:
        with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
            entries = [i for i in zf.infolist() if not i.is_dir()]
            if len(entries) != 1:
                raise UserError(f"ZIP {len(entries)} dosya içeriyor; tek bir XML olmalı.")
            entry = entries[0]
            if entry.file_size > max_xml_bytes:
                raise UserError("ZIP içindeki dosya çok büyük.")
            with zf.open(entry) as fh:
                data = fh.read(max_xml_bytes + 1)
            if len(data) > max_xml_bytes:
                raise UserError("ZIP içindeki dosya çok büyük.")
            return entry.filename, data
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError,
            RuntimeError, NotImplementedError, ValueError) as exc:
        raise UserError(f"ZIP açılamadı: {exc}") from exc


def _problem_text(problems: Sequence[Any]) -> str:
    first = problems[0]
    location = getattr(first, "location", "")
    message = getattr(first, "message", str(first))
    more = f" (+{len(problems) - 1} sorun daha)" if len(problems) > 1 else ""
    return f"{message}{f' ({location})' if location else ''}{more}"


def examine(instance_id: str, zip_bytes: bytes, *, checks: Checks, company_vkn_tckn: str,
            aliases: Sequence[str]) -> Examined:
    """The verdict on one received envelope and its documents (see the module's notes)."""
    try:
        name, xml = read_zip(zip_bytes)
    except UserError as exc:
        return _verdict(instance_id, 1130, exc.message)
    try:
        root = parse_bytes(xml).getroot()
    except UserError as exc:
        return _verdict(instance_id, 1140, exc.message)
    header = read_envelope(root)
    if header.type == SYSTEM_ENVELOPE:
        return _system_envelope(instance_id, header, xml, checks)
    env_id = (header.instance_identifier or "").strip()
    if not env_id:
        return _verdict(instance_id, 1141, header=header, xml=xml)
    if env_id.lower() != instance_id.lower() or name.rsplit("/", 1)[-1].lower() != \
            f"{env_id.lower()}.xml":
        return _verdict(instance_id, 1142, f"{name} / {env_id}", header=header, xml=xml)
    if header.type_version != TYPE_VERSION:
        return _verdict(instance_id, 1143, f"TypeVersion {header.type_version!r}",
                        header=header, xml=xml)
    kind = header.type or ""
    element = (header.element_type or "").upper()
    found = travels_in(element, kind)
    if found is None or kind == SYSTEM_ENVELOPE:
        return _verdict(instance_id, 1160, f"{kind or '-'} / {element or '-'} türündeki zarf "
                        "bu posta kutusunda işlenmez", header=header, xml=xml)
    receiver = header.receiver
    if receiver is None or receiver.vkn_tckn != company_vkn_tckn or \
            receiver.alias not in set(aliases):
        who = f"{receiver.vkn_tckn} / {receiver.alias}" if receiver else "alıcı yok"
        return _verdict(instance_id, 1181, f"{who} bu posta kutusunun adresi değil",
                        header=header, xml=xml)
    if not header.documents or any(d.tag != found.root for d in header.documents) or \
            header.element_count != len(header.documents):
        return _verdict(instance_id, 1160, f"ElementList {header.element_count} adet "
                        f"{element} taşımalı, {len(header.documents)} belge var",
                        header=header, xml=xml)
    for index, element_root in enumerate(header.documents, start=1):
        named = document_receiver_ids(element_root)
        if named and receiver.vkn_tckn not in named:
            return _verdict(instance_id, 1181, f"{index}. belgenin alıcısı "
                            f"({', '.join(sorted(named))}) zarfın alıcısı değil",
                            header=header, xml=xml)

    # -- XSD and schematron of the envelope (its schematron covers the documents too) ------
    report = checks.validator.validate_envelope(xml)
    if not report.ok:
        problems = list(report.problems)
        schematron_only = all(getattr(p, "source", "") == "schematron" for p in problems)
        return _verdict(instance_id, 1150 if schematron_only else 1160,
                        _problem_text(problems), header=header, xml=xml)
    try:
        raw_documents = extract_documents(xml)
    except UserError as exc:
        return _verdict(instance_id, 1140, exc.message, header=header, xml=xml)
    documents: list[ReceivedDocument] = []
    sender_id = header.sender.vkn_tckn if header.sender else ""
    for index, (element_root, raw) in enumerate(zip(header.documents, raw_documents,
                                                    strict=True), start=1):
        uuid = (find_string(element_root, f"{{{ns.CBC}}}UUID") or "").strip()
        problems = checks.validator.document_xsd_problems(raw)
        if problems:
            return _verdict(instance_id, 1160, f"{index}. belge: {_problem_text(problems)}",
                            header=header, xml=xml)
        documents.append(ReceivedDocument(raw, element_root.tag, uuid))
    for index, (element_root, doc) in enumerate(zip(header.documents, documents, strict=True),
                                                start=1):
        sig = element_root.find(_SIGNATURE)
        cert = sig.find(f".//{{{ns.DS}}}X509Certificate") if sig is not None else None
        if sig is None or cert is None:
            return _verdict(instance_id, 1161, f"{index}. belge imzasız", header=header,
                            xml=xml)
        try:
            result = checks.verify(doc.content)
        except Exception as exc:  # a verifier that cannot read it: the signature fails
            return _verdict(instance_id, 1177, f"{index}. belge: {exc}", header=header, xml=xml)
        doc.signature = signature_summary(result)
        if not result.intact:
            return _verdict(instance_id, 1177, f"{index}. belge: "
                            + "; ".join(result.problems[:3]), header=header, xml=xml)
        if result.trust is not None and result.trust.status("validity") == TRUST_FAILED:
            return _verdict(instance_id, 1177, f"{index}. belgenin sertifikası imza "
                            "zamanında geçerli değil", header=header, xml=xml)
        signer = result.signer_vkn_tckn
        if not signer:
            return _verdict(instance_id, 1161, f"{index}. belge", header=header, xml=xml)
        if sender_id and signer != sender_id:
            return _verdict(instance_id, 1176, f"{index}. belge {signer} tarafından "
                            f"imzalanmış, gönderici {sender_id}", header=header, xml=xml)
    return Examined(instance_id, OK, codes.status(OK).gib_text, header, documents, xml)


def _system_envelope(instance_id: str, header: EnvelopeHeader, xml: bytes,
                     checks: Checks) -> Examined:
    """A SYSTEMENVELOPE (GİB's statuses, or a posta kutusu's about our envelopes) is never
    answered (Ek-2 §4: a system response gets no system response) and is not signed
    (sample 1_SISTEM_YANITI_*.xml). Its statuses are taken even when it does not pass the
    rules (GİB's own samples carry TypeVersion 1.0): what it says about our envelopes is
    checked against our outbox, which knows them; what it does not pass is noted."""
    problems: list[str] = []
    if header.type_version != TYPE_VERSION:
        problems.append(f"TypeVersion {header.type_version!r}")
    report = checks.validator.validate_envelope(xml)
    if not report.ok:
        problems.append(_problem_text(list(report.problems)))
    try:
        raw_documents = extract_documents(xml)
    except UserError as exc:
        raw_documents = []
        problems.append(exc.message)
    wanted = ELEMENT_KINDS[ANSWER_ELEMENT].root
    documents = [ReceivedDocument(raw, el.tag, (find_string(el, f"{{{ns.CBC}}}UUID") or "")
                                  .strip())
                 for el, raw in zip(header.documents, raw_documents, strict=False)
                 if el.tag == wanted]
    note = "; ".join(problems)
    return Examined(instance_id, None, f"Kurallara uymuyor: {note}" if note else "", header,
                    documents, xml)
