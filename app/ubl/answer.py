"""KABUL / RED application responses (uygulama yanıtı) to a received TICARIFATURA invoice.

``build_answer`` writes an unsigned UBL-TR 2.1 ``ApplicationResponse`` shaped like an
invoice before signing (empty ``ext:ExtensionContent`` first, ``cac:Signature`` pointing at
``#Signature_<answer id>``, every namespace declared on the root), so ``sign_invoice``
signs it unchanged (Entegrasyon Kılavuzu §4.3 step 2: application responses are signed like
invoices). It travels in a POSTBOXENVELOPE (``app.gib.envelope.build_envelope`` with
``document_type="APPLICATIONRESPONSE"``).

``read_answer`` reads any application response (ours, a stranger's, GİB's samples, bare or
inside an envelope) through ``app.xmlsafe``.

What the current rules ask (e-FaturaPaketi schematron, UBL-TR_Common_Schematron.xml):

* ``ApplicationResponseProfileIDCheck``: ProfileID ``TICARIFATURA`` (or ``IHRACAT``, which
  only the customs administration answers) for KABUL / RED / IADE; a schemaLocation, when
  present, must name ``UBL-ApplicationResponse-2.1.xsd``.
* ``DocumentResponseCountCheck``: exactly one ``cac:DocumentResponse``.
* ``PostBoxDocumentReferenceCheck``: non-empty ``DocumentTypeCode`` and ``DocumentType``;
  the schematron does not say what they hold. GİB's UBL-TR 1.2.1 KABUL / RED samples write
  ``FATURA`` in both, which is written here.
* ``ARPartyIdentificationPartyNamePersonCheck``: a VKN party has ``cac:PartyName/cbc:Name``,
  a TCKN party ``cac:Person`` with ``FirstName`` and ``FamilyName``.
* ``ARSenderCheck`` / ``ARReceiverCheck``: SenderParty / ReceiverParty VKN equal to the
  envelope's sender / receiver.

``DocumentReference/ID``: GİB's samples disagree (the UBL-TR 1.2.1 KABUL / RED samples carry
the invoice number, the e-FaturaPaketi samples the invoice UUID); the schematron has no rule.
The newest instruction GİB gives is in the UBL-TR 1.2.1 package's
``IHRACAT_GTB_UygulamaYaniti_*.xml``: "Yanıta konu olan Fatura UUID(ETTN) yazılacaktır". So
the invoice's ETTN (UUID) is written; it also names the invoice unambiguously, where a
number is unique only per seller. The invoice number goes into a ``cbc:Note`` for people
reading the answer. ``read_answer`` accepts both and says which one it looks like.

The reason (mandatory for RED) goes where GİB's samples put it: ``cbc:Note`` and
``DocumentResponse/cac:Response/cbc:Description``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime

from lxml import etree

from app import clock
from app.domain.codes import COUNTRY_NAMES
from app.domain.errors import UserError, shown
from app.domain.identity import ascii_digits
from app.domain.party import Party
from app.ubl.namespaces import APPLICATION_RESPONSE, CAC, CBC, DS, EXT, SBDH, XADES, XSI, q
from app.xmlsafe import find_string, parse_bytes, string_value

KABUL = "KABUL"
RED = "RED"
ANSWER_CODES = (KABUL, RED)
# Every ResponseCode GİB's code list knows for a DocumentResponse (UBL-TR_Codelist.xml).
KNOWN_RESPONSE_CODES = ("KABUL", "RED", "IADE", "GUMRUKONAY", "S_APR")

PROFILE_ID = "TICARIFATURA"
CUSTOMIZATION_ID = "TR1.2"
DOCUMENT_TYPE = "FATURA"  # DocumentTypeCode and DocumentType (UBL-TR 1.2.1 samples)
SCHEMA_LOCATION = f"{APPLICATION_RESPONSE} UBL-ApplicationResponse-2.1.xsd"
MAX_REASON_LENGTH = 500
DEFAULT_KABUL_TEXT = "Fatura kabul edildi."


ANSWER_NSMAP: dict[str | None, str] = {
    None: APPLICATION_RESPONSE,
    "cac": CAC,
    "cbc": CBC,
    "ds": DS,
    "ext": EXT,
    "xades": XADES,
    "xsi": XSI,
}

_UUID_RE = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
# GİB's invoice number: 3-character prefix, 4-digit year, 9-digit sequence.
_INVOICE_NUMBER_RE = re.compile(r"[A-Z0-9]{3}[0-9]{13}")
# The answer's own cbc:ID becomes part of ds:Signature/@Id (an NCName).
_ANSWER_ID_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")

REFERENCE_UUID = "uuid"
REFERENCE_NUMBER = "invoice_number"
REFERENCE_UNKNOWN = "unknown"


# --- text hygiene ------------------------------------------------------------------------

def clean_text(value: str | None) -> str:
    """``value`` with control, format, private-use, surrogate and unassigned characters
    turned into spaces and runs of white space collapsed (what is left is always valid XML
    1.0 and shows no hidden bidi overrides)."""
    if not value:
        return ""
    out = []
    for ch in value:
        cat = unicodedata.category(ch)
        if cat[0] == "C" or ch in "\ufffe\uffff":
            out.append(" ")
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def reference_kind(document_id: str) -> str:
    """What ``DocumentReference/ID`` looks like: ``"uuid"`` (an ETTN),
    ``"invoice_number"`` (GİB's 16-character invoice number) or ``"unknown"``."""
    value = (document_id or "").strip()
    if _UUID_RE.fullmatch(value):
        return REFERENCE_UUID
    if _INVOICE_NUMBER_RE.fullmatch(value):
        return REFERENCE_NUMBER
    return REFERENCE_UNKNOWN


# --- building ----------------------------------------------------------------------------

def _cbc(parent: etree._Element, name: str, text: str | None = None, **attrs: str) -> etree._Element:
    el = etree.SubElement(parent, q(CBC, name), attrs)
    if text is not None:
        el.text = text
    return el


def _cac(parent: etree._Element, name: str) -> etree._Element:
    return etree.SubElement(parent, q(CAC, name))


def _person_names(party: Party) -> tuple[str, str]:
    first, family = clean_text(party.first_name), clean_text(party.family_name)
    if first and family:
        return first, family
    words = clean_text(party.name).split(" ")
    if len(words) >= 2:
        return " ".join(words[:-1]), words[-1]
    return first, family


def _check_party(party: Party, role: str) -> None:
    vkn = (party.vkn_tckn or "").strip()
    if not (ascii_digits(vkn) and len(vkn) in (10, 11)):
        raise UserError(f"{role} VKN/TCKN 10 (VKN) ya da 11 (TCKN) haneli olmalı: "
                        f"'{shown(vkn)}'.")
    if len(vkn) == 10 and not clean_text(party.name):
        raise UserError(f"{role} unvanı boş; VKN'li bir taraf için unvan gerekli.")
    if len(vkn) == 11 and not all(_person_names(party)):
        raise UserError(f"{role} TCKN'li bir kişi; adı ve soyadı gerekli.")


def _address(holder: etree._Element, party: Party) -> None:
    a = party.address
    addr = _cac(holder, "PostalAddress")
    if clean_text(a.street):
        _cbc(addr, "StreetName", clean_text(a.street))
    if clean_text(a.building_no):
        _cbc(addr, "BuildingNumber", clean_text(a.building_no))
    _cbc(addr, "CitySubdivisionName", clean_text(a.district))
    _cbc(addr, "CityName", clean_text(a.city))
    if clean_text(a.postal_code):
        _cbc(addr, "PostalZone", clean_text(a.postal_code))
    country = _cac(addr, "Country")
    code = (a.country or "TR").upper()
    _cbc(country, "IdentificationCode", code)
    _cbc(country, "Name", COUNTRY_NAMES.get(code, code))


def _party(root: etree._Element, tag: str, party: Party) -> None:
    vkn = party.vkn_tckn.strip()
    person = len(vkn) == 11
    p = _cac(root, tag)
    _cbc(_cac(p, "PartyIdentification"), "ID", vkn, schemeID="TCKN" if person else "VKN")
    if clean_text(party.name):
        _cbc(_cac(p, "PartyName"), "Name", clean_text(party.name))
    _address(p, party)
    if clean_text(party.tax_office):
        _cbc(_cac(_cac(p, "PartyTaxScheme"), "TaxScheme"), "Name", clean_text(party.tax_office))
    if person:
        first, family = _person_names(party)
        el = _cac(p, "Person")
        _cbc(el, "FirstName", first)
        _cbc(el, "FamilyName", family)


def answer_signature_id(answer_id: str) -> str:
    """``ds:Signature/@Id`` of an answer (like invoices: ``Signature_<ID>``)."""
    return f"Signature_{answer_id}"


def _local(created: datetime) -> datetime:
    if created.tzinfo is not None:
        return clock.to_istanbul(created).replace(tzinfo=None)
    return created


def build_answer(
    *,
    us: Party,
    seller: Party,
    invoice_number: str,
    invoice_uuid: str,
    invoice_date: date | str,
    code: str,
    reason: str = "",
    answer_uuid: str,
    answer_id: str | None = None,
    created: datetime,
) -> bytes:
    """An unsigned UBL-TR 2.1 ApplicationResponse answering a received invoice.

    ``us``: the invoice's buyer, who answers (SenderParty; signs it). ``seller``: the
    invoice's supplier (ReceiverParty). ``code``: ``KABUL`` or ``RED``; ``reason`` is
    mandatory for RED (at most ``MAX_REASON_LENGTH`` characters after control characters
    are removed). ``answer_id`` (cbc:ID) defaults to ``answer_uuid``. ``created``: the
    Europe/Istanbul moment of the answer (an aware datetime is converted; a naive one is
    taken as Istanbul time); the clock is never read here. Returns UTF-8 bytes with an XML
    declaration, ready for ``app.signing.sign_invoice``.
    """
    code = (code or "").strip().upper()
    if code not in ANSWER_CODES:
        raise UserError(f"Yanıt kodu KABUL ya da RED olmalı; '{shown(code)}' geçersiz.")
    text = clean_text(reason)
    if code == RED and not text:
        raise UserError("Faturayı reddetmek için bir red nedeni yazılmalı.")
    if len(text) > MAX_REASON_LENGTH:
        raise UserError(f"Yanıt açıklaması en fazla {MAX_REASON_LENGTH} karakter olabilir; "
                        f"{len(text)} karakter yazıldı.")
    _check_party(us, "Yanıtı gönderen (alıcı firma)")
    _check_party(seller, "Faturayı düzenleyen (satıcı)")
    ettn = (invoice_uuid or "").strip()
    if not _UUID_RE.fullmatch(ettn):
        raise UserError(f"Faturanın ETTN'si (UUID) geçersiz: '{shown(ettn)}'.")
    number = clean_text(invoice_number)
    if not number or len(number) > 64:
        raise UserError("Yanıtlanan faturanın numarası boş ya da çok uzun.")
    if isinstance(invoice_date, str):
        try:
            invoice_date = date.fromisoformat(invoice_date.strip())
        except ValueError as exc:
            raise UserError(f"Fatura tarihi YYYY-AA-GG biçiminde olmalı: "
                            f"'{shown(invoice_date)}'.") from exc
    own_uuid = (answer_uuid or "").strip()
    if not _UUID_RE.fullmatch(own_uuid):
        raise UserError(f"Yanıtın UUID'si geçersiz: '{shown(own_uuid)}'.")
    own_id = (answer_id or own_uuid).strip()
    if not _ANSWER_ID_RE.fullmatch(own_id):
        raise UserError(f"Yanıt numarası yalnızca harf, rakam, '.', '_' ve '-' içerebilir "
                        f"(en fazla 64 karakter): '{shown(own_id)}'.")
    moment = _local(created)
    if moment.date() < invoice_date:
        raise UserError("Yanıt tarihi faturanın tarihinden önce olamaz.")

    root = etree.Element(q(APPLICATION_RESPONSE, "ApplicationResponse"), nsmap=ANSWER_NSMAP)
    root.set(q(XSI, "schemaLocation"), SCHEMA_LOCATION)
    ext = etree.SubElement(etree.SubElement(root, q(EXT, "UBLExtensions")), q(EXT, "UBLExtension"))
    etree.SubElement(ext, q(EXT, "ExtensionContent"))  # the XAdES signature goes here
    _cbc(root, "UBLVersionID", "2.1")
    _cbc(root, "CustomizationID", CUSTOMIZATION_ID)
    _cbc(root, "ProfileID", PROFILE_ID)
    _cbc(root, "ID", own_id)
    _cbc(root, "UUID", own_uuid)
    _cbc(root, "IssueDate", moment.date().isoformat())
    _cbc(root, "IssueTime", moment.strftime("%H:%M:%S"))
    if text:
        _cbc(root, "Note", text)
    _cbc(root, "Note", f"Fatura No: {number}")

    sig = _cac(root, "Signature")
    _cbc(sig, "ID", us.vkn_tckn.strip(), schemeID="VKN_TCKN")
    signatory = _cac(sig, "SignatoryParty")
    _cbc(_cac(signatory, "PartyIdentification"), "ID", us.vkn_tckn.strip(),
         schemeID="TCKN" if len(us.vkn_tckn.strip()) == 11 else "VKN")
    _address(signatory, us)
    ext_ref = _cac(_cac(sig, "DigitalSignatureAttachment"), "ExternalReference")
    _cbc(ext_ref, "URI", f"#{answer_signature_id(own_id)}")

    _party(root, "SenderParty", us)
    _party(root, "ReceiverParty", seller)

    doc = _cac(root, "DocumentResponse")
    response = _cac(doc, "Response")
    _cbc(response, "ReferenceID", own_uuid)  # required by GİB's XSD; no rule for its value
    _cbc(response, "ResponseCode", code)
    _cbc(response, "Description", text or DEFAULT_KABUL_TEXT)
    ref = _cac(doc, "DocumentReference")
    _cbc(ref, "ID", ettn)  # the invoice's ETTN, see the module docstring
    _cbc(ref, "IssueDate", invoice_date.isoformat())
    _cbc(ref, "DocumentTypeCode", DOCUMENT_TYPE)
    _cbc(ref, "DocumentType", DOCUMENT_TYPE)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


# --- reading -----------------------------------------------------------------------------

@dataclass(frozen=True)
class AnswerParty:
    vkn_tckn: str  # "" when the party carries neither a VKN nor a TCKN
    scheme: str  # "VKN" | "TCKN" | ""
    name: str  # PartyName/Name, else "FirstName FamilyName"


@dataclass(frozen=True)
class Answer:
    """What an application response says."""

    code: str  # ResponseCode as written (stripped): KABUL, RED, IADE, GUMRUKONAY, S_APR …
    document_id: str  # DocumentReference/ID raw: an invoice UUID or an invoice number
    document_issue_date: str
    document_type_code: str
    description: str  # DocumentResponse/Response/Description(s)
    line_descriptions: tuple[str, ...]  # LineResponse/Response/Description(s)
    notes: tuple[str, ...]
    sender: AnswerParty | None
    receiver: AnswerParty | None
    id: str
    uuid: str
    issue_date: str
    issue_time: str
    profile_id: str
    signed: bool = False  # a ds:Signature is present (not verified here)

    @property
    def known_code(self) -> bool:
        return self.code in KNOWN_RESPONSE_CODES

    @property
    def document_id_kind(self) -> str:
        """``"uuid"``, ``"invoice_number"`` or ``"unknown"`` (see ``reference_kind``)."""
        return reference_kind(self.document_id)

    @property
    def reason(self) -> str:
        """The answer's explanation for people: the document-level and line descriptions,
        each once, in order."""
        seen: list[str] = []
        for text in (self.description, *self.line_descriptions):
            if text and text not in seen:
                seen.append(text)
        return " — ".join(seen)


def _text(el: etree._Element | None, path: str) -> str:
    return clean_text(find_string(el, path)) if el is not None else ""


def _read_party(el: etree._Element | None) -> AnswerParty | None:
    if el is None:
        return None
    vkn = scheme = ""
    for id_el in el.iterfind(f"{{{CAC}}}PartyIdentification/{{{CBC}}}ID"):
        s = (id_el.get("schemeID") or "").strip().upper()
        if s in ("VKN", "TCKN"):
            vkn, scheme = clean_text(string_value(id_el)), s
            break
    name = _text(el, f"{{{CAC}}}PartyName/{{{CBC}}}Name")
    if not name:
        name = " ".join(filter(None, (_text(el, f"{{{CAC}}}Person/{{{CBC}}}FirstName"),
                                      _text(el, f"{{{CAC}}}Person/{{{CBC}}}FamilyName"))))
    return AnswerParty(vkn_tckn=vkn, scheme=scheme, name=name)


def _answer_root(root: etree._Element) -> etree._Element:
    if root.tag == q(APPLICATION_RESPONSE, "ApplicationResponse"):
        return root
    if root.tag == q(SBDH, "StandardBusinessDocument"):
        found = next(root.iter(q(APPLICATION_RESPONSE, "ApplicationResponse")), None)
        if found is None:
            raise UserError("Zarfta uygulama yanıtı (ApplicationResponse) yok.")
        return found
    name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
    raise UserError(f"Belge bir uygulama yanıtı (ApplicationResponse) değil: kök eleman "
                    f"'{shown(name)}'.")


def read_answer(data: bytes) -> Answer:
    """Read an application response (bare, or the first one in an envelope) from untrusted
    bytes. Raises ``UserError`` (Turkish) for anything else, or without exactly one
    DocumentResponse."""
    root = _answer_root(parse_bytes(data).getroot())
    responses = root.findall(q(CAC, "DocumentResponse"))
    if not responses:
        raise UserError("Uygulama yanıtında DocumentResponse yok; hangi belgeye yanıt "
                        "verildiği okunamıyor.")
    if len(responses) > 1:
        raise UserError(f"Uygulama yanıtında {len(responses)} DocumentResponse var; GİB tek "
                        "bir DocumentResponse ister.")
    doc = responses[0]
    ref = doc.find(q(CAC, "DocumentReference"))
    return Answer(
        code=_text(doc, f"{{{CAC}}}Response/{{{CBC}}}ResponseCode").upper(),
        document_id=_text(ref, q(CBC, "ID")),
        document_issue_date=_text(ref, q(CBC, "IssueDate")),
        document_type_code=_text(ref, q(CBC, "DocumentTypeCode")),
        description=" ".join(filter(None, (
            clean_text(string_value(d))
            for d in doc.iterfind(f"{{{CAC}}}Response/{{{CBC}}}Description")))),
        line_descriptions=tuple(filter(None, (
            clean_text(string_value(d))
            for d in doc.iterfind(f"{{{CAC}}}LineResponse/{{{CAC}}}Response/{{{CBC}}}Description")))),
        notes=tuple(filter(None, (clean_text(string_value(n))
                                  for n in root.iterfind(q(CBC, "Note"))))),
        sender=_read_party(root.find(q(CAC, "SenderParty"))),
        receiver=_read_party(root.find(q(CAC, "ReceiverParty"))),
        id=_text(root, q(CBC, "ID")),
        uuid=_text(root, q(CBC, "UUID")),
        issue_date=_text(root, q(CBC, "IssueDate")),
        issue_time=_text(root, q(CBC, "IssueTime")),
        profile_id=_text(root, q(CBC, "ProfileID")),
        signed=root.find(f"{{{EXT}}}UBLExtensions/{{{EXT}}}UBLExtension/"
                         f"{{{EXT}}}ExtensionContent/{{{DS}}}Signature") is not None,
    )
