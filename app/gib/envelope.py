"""The e-Fatura envelope (zarf): an SBDH ``StandardBusinessDocument`` (Ek-1).

It carries invoices and application responses, and for e-İrsaliye despatch advices
(SENDERENVELOPE, ElementType DESPATCHADVICE) and receipt advices (POSTBOXENVELOPE,
ElementType RECEIPTADVICE): Ek-1 §1 and §3.2, the schematron's
EnvelopeTypeElementTypeCheck; what differs per ElementType is ``ELEMENT_KINDS``.

Signed documents are byte-exact: the envelope text is built *around* each document's bytes
(only its XML declaration is removed), never by re-serialising a parsed tree, so the
signature still verifies when the document is taken out again (``extract_documents``, which
lives in ``app.ubl.sbdh`` so that the signature verifier uses the same one).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape

from lxml import etree

from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.ubl import namespaces as ns
from app.ubl.sbdh import extract_documents as extract_documents  # this module's API too
from app.xmlsafe import find_string, parse_bytes, string_value

SH = ns.SBDH
EF = "http://www.efatura.gov.tr/package-namespace"
XSI = ns.XSI

# Ek-1 §3: "UBL 2.1 için PackageProxy_1_2.xsd"; §3.1.3: TypeVersion "1.2" for UBL 2.1.
SCHEMA_LOCATION = f"{SH} PackageProxy_1_2.xsd"
STANDARD = "UBL-TR"
TYPE_VERSION = "1.2"
HEADER_VERSION = "1.0"

SENDER_ENVELOPE = "SENDERENVELOPE"
POSTBOX_ENVELOPE = "POSTBOXENVELOPE"
SYSTEM_ENVELOPE = "SYSTEMENVELOPE"

# Ek-1 §3.2 ElementType: the kind of document an envelope's ElementList holds.
INVOICE_ELEMENT = "INVOICE"
APPLICATION_RESPONSE_ELEMENT = "APPLICATIONRESPONSE"
DESPATCH_ADVICE_ELEMENT = "DESPATCHADVICE"
RECEIPT_ADVICE_ELEMENT = "RECEIPTADVICE"

MAX_INVOICES = 100  # schematron InvoiceCountCheck
MAX_ELEMENTS = 1000  # schematron ElementCountCheck (every other element type)


@dataclass(frozen=True)
class ElementKind:
    """What an envelope may carry, per ElementType (Ek-1 §3.2), and GİB's rules for it.

    ``envelope_types``: the ``sh:Type`` values that may carry it (schematron
    EnvelopeTypeElementTypeCheck: SENDERENVELOPE carries invoices and despatch advices,
    POSTBOXENVELOPE application responses and receipt advices, SYSTEMENVELOPE system
    responses). ``receiver_party``: the document's party that is the envelope's receiver
    (for a despatch the schematron's DocumentReceiverCheck reads DeliveryCustomerParty; a
    receipt advice goes back to the DespatchSupplierParty); ``None``: not checked here
    (an ApplicationResponse's ReceiverParty is the schematron's ARReceiverCheck).
    """

    element_type: str
    root: str  # Clark name of the documents' root element
    kind: DocumentKind
    envelope_types: tuple[str, ...]  # the first is the usual one
    receiver_party: str | None
    max_count: int
    label: str  # Turkish, for messages: "fatura", "e-İrsaliye" …

    @property
    def envelope_type(self) -> str:
        return self.envelope_types[0]


ELEMENT_KINDS: dict[str, ElementKind] = {k.element_type: k for k in (
    ElementKind(INVOICE_ELEMENT, ns.q(ns.INVOICE, "Invoice"), DocumentKind.INVOICE,
                (SENDER_ENVELOPE,), "AccountingCustomerParty", MAX_INVOICES, "fatura"),
    ElementKind(APPLICATION_RESPONSE_ELEMENT,
                ns.q(ns.APPLICATION_RESPONSE, "ApplicationResponse"),
                DocumentKind.APPLICATION_RESPONSE, (POSTBOX_ENVELOPE, SYSTEM_ENVELOPE), None,
                MAX_ELEMENTS, "uygulama yanıtı"),
    ElementKind(DESPATCH_ADVICE_ELEMENT, ns.q(ns.DESPATCH_ADVICE, "DespatchAdvice"),
                DocumentKind.DESPATCH_ADVICE, (SENDER_ENVELOPE,), "DeliveryCustomerParty",
                MAX_ELEMENTS, "e-İrsaliye"),
    ElementKind(RECEIPT_ADVICE_ELEMENT, ns.q(ns.RECEIPT_ADVICE, "ReceiptAdvice"),
                DocumentKind.RECEIPT_ADVICE, (POSTBOX_ENVELOPE,), "DespatchSupplierParty",
                MAX_ELEMENTS, "irsaliye yanıtı"),
)}


def element_kind(element_type: str | None) -> ElementKind | None:
    """The known ElementType (case as GİB writes it, upper), else ``None``."""
    return ELEMENT_KINDS.get((element_type or "").strip().upper())


def kind_of_root(tag: str) -> ElementKind | None:
    """The element kind whose documents have the root element ``tag`` (Clark name)."""
    return next((k for k in ELEMENT_KINDS.values() if k.root == tag), None)


def travels_in(element_type: str | None, envelope_type: str | None) -> ElementKind | None:
    """The element kind when ``envelope_type`` may carry it (Ek-1 §3.1.3 / §3.2), else
    ``None``."""
    found = element_kind(element_type)
    if found is None or (envelope_type or "").strip().upper() not in found.envelope_types:
        return None
    return found

_UUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
_XML_DECL_RE = re.compile(rb"^\s*<\?xml[^>]*\?>\s*", re.DOTALL)
_ENCODING_RE = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")


def is_uuid(value: str) -> bool:
    return bool(_UUID_RE.match(value))


@dataclass(frozen=True)
class EnvelopeParty:
    """One side of the envelope.

    ``alias`` is the e-Fatura address (etiket, Ek-1 §3.1.1): for the sender its gönderici
    birim (GB) alias, for the receiver its posta kutusu (PK) alias, e.g.
    ``urn:mail:defaultpk@firma.com.tr``.
    """

    vkn_tckn: str
    alias: str
    name: str = ""

    def check(self, role: str) -> None:
        if not re.fullmatch(r"[0-9]{10}|[0-9]{11}", self.vkn_tckn or ""):
            raise UserError(f"{role} VKN/TCKN 10 (VKN) ya da 11 (TCKN) haneli olmalı: "
                            f"{self.vkn_tckn!r}.")
        if not (self.alias or "").strip():
            kind = ("gönderici birim (GB) etiketi" if role == "Gönderici"
                    else "posta kutusu (PK) etiketi")
            raise UserError(f"{role} için {kind} boş; kayıtlı kullanıcı listesinden "
                            "etiketi seçin.")


@dataclass(frozen=True)
class EnvelopeHeader:
    """What ``parse_envelope`` reads from the SBDH header."""

    instance_identifier: str | None
    type: str | None
    type_version: str | None
    standard: str | None
    created: str | None
    sender: EnvelopeParty | None
    receiver: EnvelopeParty | None
    element_type: str | None
    element_count: int | None
    documents: list[etree._Element] = field(default_factory=list)


def strip_xml_declaration(document: bytes) -> bytes:
    """The document bytes without BOM and XML declaration; refuses non-UTF-8 documents
    (Entegrasyon Kılavuzu §4.3: XML dosyalarının karakter kodlaması UTF-8)."""
    data = document[3:] if document.startswith(b"\xef\xbb\xbf") else document
    match = _XML_DECL_RE.match(data)
    if match:
        enc = _ENCODING_RE.search(match.group(0))
        if enc and enc.group(1).decode().lower().replace("_", "-") not in ("utf-8", "utf8"):
            raise UserError("Belge XML'i UTF-8 kodlamalı olmalı (GİB yalnızca UTF-8 kabul eder).")
        data = data[match.end():]
    return data.strip()


def _contact(value: str, kind: str) -> str:
    return (
        "<sh:ContactInformation>"
        f"<sh:Contact>{escape(value)}</sh:Contact>"
        f"<sh:ContactTypeIdentifier>{kind}</sh:ContactTypeIdentifier>"
        "</sh:ContactInformation>"
    )


def _partner(tag: str, party: EnvelopeParty) -> str:
    # Ek-1 §3.1.1/§3.1.2: Identifier = the alias; ContactInformation with
    # ContactTypeIdentifier VKN_TCKN is mandatory, UNVAN may follow as extra information.
    parts = [f"<sh:{tag}>", f"<sh:Identifier>{escape(party.alias.strip())}</sh:Identifier>",
             _contact(party.vkn_tckn, "VKN_TCKN")]
    if party.name.strip():
        parts.append(_contact(party.name.strip(), "UNVAN"))
    parts.append(f"</sh:{tag}>")
    return "".join(parts)


def format_datetime(value: datetime) -> str:
    """xs:dateTime without fractions (Ek-1 §3.1.3 CreationDateAndTime)."""
    return value.replace(microsecond=0).isoformat()


def document_receiver_ids(root: etree._Element) -> set[str]:
    """The VKN/TCKNs the document names as the envelope's receiver (its
    ``ElementKind.receiver_party``); empty when the document names none or its kind has no
    such party. One envelope goes to one receiver: ``build_envelope`` refuses a document for
    another one, GİB's Merkez (simulator) answers 1181 and the schematron's
    DocumentReceiverCheck says the same for invoices and despatch advices."""
    found = kind_of_root(root.tag)
    if found is None or found.receiver_party is None:
        return set()
    path = (f"{{{ns.CAC}}}{found.receiver_party}/{{{ns.CAC}}}Party/"
            f"{{{ns.CAC}}}PartyIdentification/{{{ns.CBC}}}ID")
    return {
        (string_value(el) or "").strip()
        for el in root.iterfind(path)
        if (el.get("schemeID") or "").upper() in ("VKN", "TCKN")
    }


def build_envelope(
    documents: list[bytes],
    *,
    sender: EnvelopeParty,
    receiver: EnvelopeParty,
    envelope_uuid: str,
    created: datetime,
    document_type: str = INVOICE_ELEMENT,
    envelope_type: str | None = None,
) -> bytes:
    """An envelope holding signed documents of one ElementType for the same receiver, as
    UTF-8 bytes: a SENDERENVELOPE with 1–100 invoices or with despatch advices
    (``DESPATCHADVICE``), a POSTBOXENVELOPE with application responses or receipt advices
    (``RECEIPTADVICE``). ``envelope_type`` defaults to the element's usual one and must be
    one that may carry it (``ElementKind.envelope_types``).

    Each document is inserted verbatim (minus its XML declaration); its bytes are untouched.
    """
    kind = element_kind(document_type)
    if kind is None:
        raise UserError(f"Zarf bu belge türünü taşıyamaz: {document_type!r} (Ek-1 §3.2: "
                        "INVOICE, DESPATCHADVICE, RECEIPTADVICE ya da APPLICATIONRESPONSE).")
    envelope_type = envelope_type or kind.envelope_type
    if envelope_type not in kind.envelope_types:
        raise UserError(f"{envelope_type} türündeki zarf {kind.label} taşıyamaz; "
                        f"{' ya da '.join(kind.envelope_types)} gerekli.")
    if not documents:
        raise UserError(f"Zarfa konacak {kind.label} yok; en az bir imzalı belge gerekli.")
    if len(documents) > kind.max_count:
        raise UserError(f"Bir zarf en fazla {kind.max_count} {kind.label} taşıyabilir; "
                        f"{len(documents)} belge verildi. Belgeleri birden çok zarfa bölün.")
    if not is_uuid(envelope_uuid):
        raise UserError(f"Zarf numarası GUID biçiminde olmalı (Ek-1 §3.1.3): {envelope_uuid!r}.")
    sender.check("Gönderici")
    receiver.check("Alıcı")

    bodies: list[bytes] = []
    for index, document in enumerate(documents, start=1):
        body = strip_xml_declaration(document)
        if not body.startswith(b"<") or body.startswith((b"<?", b"<!")):
            # A signature with URI="" covers the whole document, prolog included; inside the
            # envelope only the element survives, so such a signature would no longer verify.
            raise UserError(
                f"{index}. belgede ({kind.label}) kök elemandan önce işleme talimatı ya da "
                "yorum var (ör. <?xml-stylesheet?>). Zarfta imza bozulacağı için belge "
                "bunlar olmadan düzenlenip imzalanmalı."
            )
        root = parse_bytes(body).getroot()
        if root.tag != kind.root:
            raise UserError(f"{index}. belge bir {kind.label} ({etree.QName(kind.root).localname})"
                            f" değil; bu zarfa yalnızca {kind.label} konabilir.")
        ids = document_receiver_ids(root)
        if ids and receiver.vkn_tckn not in ids:
            raise UserError(
                f"{index}. belgenin ({kind.label}) alıcısı ({', '.join(sorted(ids))}) zarfın "
                f"alıcısıyla ({receiver.vkn_tckn}) aynı değil; bir zarf yalnızca tek bir "
                "alıcının belgelerini taşır."
            )
        bodies.append(body)

    head = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sh:StandardBusinessDocument xmlns:sh="{SH}" xmlns:ef="{EF}" xmlns:xsi="{XSI}" '
        f'xsi:schemaLocation="{SCHEMA_LOCATION}">'
        "<sh:StandardBusinessDocumentHeader>"
        f"<sh:HeaderVersion>{HEADER_VERSION}</sh:HeaderVersion>"
        f"{_partner('Sender', sender)}"
        f"{_partner('Receiver', receiver)}"
        "<sh:DocumentIdentification>"
        f"<sh:Standard>{STANDARD}</sh:Standard>"
        f"<sh:TypeVersion>{TYPE_VERSION}</sh:TypeVersion>"
        f"<sh:InstanceIdentifier>{envelope_uuid}</sh:InstanceIdentifier>"
        f"<sh:Type>{envelope_type}</sh:Type>"
        f"<sh:CreationDateAndTime>{format_datetime(created)}</sh:CreationDateAndTime>"
        "</sh:DocumentIdentification>"
        "</sh:StandardBusinessDocumentHeader>"
        "<ef:Package><Elements>"
        f"<ElementType>{kind.element_type}</ElementType>"
        f"<ElementCount>{len(bodies)}</ElementCount>"
        "<ElementList>\n"
    ).encode()
    tail = b"\n</ElementList></Elements></ef:Package></sh:StandardBusinessDocument>\n"
    return head + b"\n".join(bodies) + tail


def _party(el: etree._Element | None) -> EnvelopeParty | None:
    if el is None:
        return None
    alias = (find_string(el, f"{{{SH}}}Identifier") or "").strip()
    vkn = name = ""
    for info in el.iterfind(f"{{{SH}}}ContactInformation"):
        kind = (find_string(info, f"{{{SH}}}ContactTypeIdentifier") or "").strip()
        contact = (find_string(info, f"{{{SH}}}Contact") or "").strip()
        if kind == "VKN_TCKN":
            vkn = contact
        elif kind == "UNVAN":
            name = contact
    return EnvelopeParty(vkn_tckn=vkn, alias=alias, name=name)


def read_envelope(root: etree._Element) -> EnvelopeHeader:
    """Header facts of a parsed envelope; missing parts are ``None`` (the caller decides)."""
    header = root.find(f"{{{SH}}}StandardBusinessDocumentHeader")
    ident = header.find(f"{{{SH}}}DocumentIdentification") if header is not None else None

    def text(parent: etree._Element | None, tag: str) -> str | None:
        if parent is None:
            return None
        value = find_string(parent, f"{{{SH}}}{tag}")
        return value.strip() if value is not None else None

    elements = root.find(f"{{{EF}}}Package/Elements")
    count_text = find_string(elements, "ElementCount") if elements is not None else None
    try:
        count = int(count_text) if count_text is not None else None
    except ValueError:
        count = None
    element_list = elements.find("ElementList") if elements is not None else None
    documents = [el for el in element_list if isinstance(el.tag, str)] if element_list is not None else []
    return EnvelopeHeader(
        instance_identifier=text(ident, "InstanceIdentifier"),
        type=text(ident, "Type"),
        type_version=text(ident, "TypeVersion"),
        standard=text(ident, "Standard"),
        created=text(ident, "CreationDateAndTime"),
        sender=_party(header.find(f"{{{SH}}}Sender")) if header is not None else None,
        receiver=_party(header.find(f"{{{SH}}}Receiver")) if header is not None else None,
        element_type=(find_string(elements, "ElementType") or "").strip() if elements is not None else None,
        element_count=count,
        documents=documents,
    )


def parse_envelope(data: bytes) -> EnvelopeHeader:
    return read_envelope(parse_bytes(data).getroot())
