"""System responses (Sistem Yanıtı, Ek-2): an ``ApplicationResponse`` telling the status of
an envelope, usually inside a SYSTEMENVELOPE.

Ek-2 §3.13–3.16: ``DocumentResponse/DocumentReference/ID`` is the envelope the response is
about; each ``LineResponse`` carries a ``ResponseCode`` (the status code of Ek-2 §4) and a
``Description``; ``LineID`` 0 with the envelope ID in its ``DocumentReference`` is the
envelope itself, other lines (when a unit sends them) refer to single documents.
"""

from __future__ import annotations

import uuid as uuid_mod
from dataclasses import dataclass, field
from datetime import datetime
from xml.sax.saxutils import escape

from lxml import etree

from app.domain.errors import UserError
from app.ubl import namespaces as ns
from app.xmlsafe import find_string, parse_bytes, string_value

from . import codes
from .envelope import EF, SH, SYSTEM_ENVELOPE, EnvelopeParty, _partner, format_datetime

AR = ns.APPLICATION_RESPONSE
_CAC, _CBC = ns.CAC, ns.CBC


@dataclass(frozen=True)
class LineStatus:
    """One ``LineResponse``: a status for the envelope (line 0) or for one document."""

    line_id: str
    document_id: str
    code: int | None
    description: str

    @property
    def status(self) -> codes.StatusCode | None:
        return codes.status(self.code) if self.code is not None else None


@dataclass(frozen=True)
class SystemResponse:
    envelope_id: str  # the envelope this response is about (DocumentReference/ID)
    status_code: int | None  # the envelope's status (line 0, else the first line with a code)
    description: str
    lines: list[LineStatus] = field(default_factory=list)
    response_id: str = ""  # cbc:ID of the ApplicationResponse
    response_uuid: str = ""
    issue_date: str = ""
    issue_time: str = ""
    system_envelope_id: str | None = None  # InstanceIdentifier of the SYSTEMENVELOPE, if any
    notes: list[str] = field(default_factory=list)

    @property
    def status(self) -> codes.StatusCode | None:
        return codes.status(self.status_code) if self.status_code is not None else None

    @property
    def document_lines(self) -> list[LineStatus]:
        """Lines about single documents (not the envelope itself)."""
        return [line for line in self.lines if line.document_id != self.envelope_id]


def _text(el: etree._Element | None, path: str) -> str:
    if el is None:
        return ""
    return (find_string(el, path) or "").strip()


def _code(text: str) -> int | None:
    return int(text) if text.isascii() and text.isdigit() else None


def read_application_response(ar: etree._Element, *,
                              system_envelope_id: str | None = None) -> SystemResponse:
    doc_resp = ar.find(f"{{{_CAC}}}DocumentResponse")
    if doc_resp is None:
        raise UserError("Sistem yanıtında DocumentResponse yok (Ek-2 §3.13).")
    envelope_id = _text(doc_resp, f"{{{_CAC}}}DocumentReference/{{{_CBC}}}ID")
    lines: list[LineStatus] = []
    for line in doc_resp.iterfind(f"{{{_CAC}}}LineResponse"):
        ref = line.find(f"{{{_CAC}}}LineReference")
        lines.append(LineStatus(
            line_id=_text(ref, f"{{{_CBC}}}LineID"),
            document_id=_text(ref, f"{{{_CAC}}}DocumentReference/{{{_CBC}}}ID") or envelope_id,
            code=_code(_text(line, f"{{{_CAC}}}Response/{{{_CBC}}}ResponseCode")),
            description=" ".join(
                (string_value(d) or "").strip()
                for d in line.iterfind(f"{{{_CAC}}}Response/{{{_CBC}}}Description")
            ).strip(),
        ))
    main = next((ln for ln in lines if ln.line_id == "0" and ln.code is not None), None)
    main = main or next((ln for ln in lines if ln.code is not None), None)
    return SystemResponse(
        envelope_id=envelope_id,
        status_code=main.code if main else None,
        description=main.description if main else "",
        lines=lines,
        response_id=_text(ar, f"{{{_CBC}}}ID"),
        response_uuid=_text(ar, f"{{{_CBC}}}UUID"),
        issue_date=_text(ar, f"{{{_CBC}}}IssueDate"),
        issue_time=_text(ar, f"{{{_CBC}}}IssueTime"),
        system_envelope_id=system_envelope_id,
        notes=[(string_value(n) or "").strip() for n in ar.iterfind(f"{{{_CBC}}}Note")],
    )


def parse_system_responses(data: bytes | str) -> list[SystemResponse]:
    """Every ApplicationResponse in a SYSTEMENVELOPE (or a bare ApplicationResponse)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    root = parse_bytes(raw).getroot()
    if root.tag == f"{{{AR}}}ApplicationResponse":
        return [read_application_response(root)]
    if root.tag != f"{{{SH}}}StandardBusinessDocument":
        raise UserError("Sistem yanıtı ne bir zarf (StandardBusinessDocument) ne de bir "
                        "ApplicationResponse.")
    env_id = find_string(root, f"{{{SH}}}StandardBusinessDocumentHeader/{{{SH}}}"
                           f"DocumentIdentification/{{{SH}}}InstanceIdentifier")
    found = [read_application_response(ar, system_envelope_id=(env_id or "").strip() or None)
             for ar in root.iter(f"{{{AR}}}ApplicationResponse")]
    if not found:
        raise UserError("Sistem yanıtı zarfında ApplicationResponse yok.")
    return found


def parse_system_response(data: bytes | str) -> SystemResponse:
    """The (first) system response in ``data``."""
    return parse_system_responses(data)[0]


# --- building (used by the local GİB test simulator) ------------------------------------

def build_system_application_response(
    *,
    envelope_id: str,
    envelope_date: str,
    code: int,
    description: str,
    sender: EnvelopeParty,
    receiver: EnvelopeParty,
    created: datetime,
    notes: list[str] | None = None,
    envelope_type: str = "SENDERENVELOPE",
) -> bytes:
    """The system ``ApplicationResponse`` about ``envelope_id`` (Ek-2 §3), unsigned, as UTF-8
    bytes without XML declaration: what a SYSTEMENVELOPE carries (the outbox packs it)."""
    note_xml = "".join(f"<cbc:Note>{escape(n)}</cbc:Note>" for n in (notes or []))

    def party(tag: str, p: EnvelopeParty) -> str:
        scheme = "TCKN" if len(p.vkn_tckn) == 11 else "VKN"
        name = f"<cac:PartyName><cbc:Name>{escape(p.name)}</cbc:Name></cac:PartyName>" if p.name else ""
        return (f"<cac:{tag}><cac:PartyIdentification><cbc:ID schemeID=\"{scheme}\">"
                f"{escape(p.vkn_tckn)}</cbc:ID></cac:PartyIdentification>{name}"
                "<cac:PostalAddress><cbc:CitySubdivisionName/><cbc:CityName/><cac:Country>"
                "<cbc:Name>Türkiye</cbc:Name></cac:Country></cac:PostalAddress>"
                f"</cac:{tag}>")

    ar = (
        f'<ApplicationResponse xmlns="{AR}" xmlns:cac="{_CAC}" xmlns:cbc="{_CBC}">'
        "<cbc:UBLVersionID>2.1</cbc:UBLVersionID>"
        "<cbc:CustomizationID>TR1.2</cbc:CustomizationID>"
        "<cbc:ProfileID>UBL-TR-PROFILE-1</cbc:ProfileID>"  # Ek-2 §3.4
        f"<cbc:ID>{uuid_mod.uuid4()}</cbc:ID>"
        f"<cbc:UUID>{uuid_mod.uuid4()}</cbc:UUID>"
        f"<cbc:IssueDate>{created.date().isoformat()}</cbc:IssueDate>"
        f"<cbc:IssueTime>{created.strftime('%H:%M:%S')}</cbc:IssueTime>"
        f"{note_xml}"
        f"{party('SenderParty', sender)}{party('ReceiverParty', receiver)}"
        "<cac:DocumentResponse>"
        f"<cac:Response><cbc:ReferenceID>{uuid_mod.uuid4()}</cbc:ReferenceID>"
        "<cbc:ResponseCode>S_APR</cbc:ResponseCode>"  # Ek-2 §3.14
        "<cbc:Description>SystemApplicationResponse</cbc:Description></cac:Response>"
        f"<cac:DocumentReference><cbc:ID>{escape(envelope_id)}</cbc:ID>"
        f"<cbc:IssueDate>{escape(envelope_date)}</cbc:IssueDate>"
        f"<cbc:DocumentTypeCode>{escape(envelope_type)}</cbc:DocumentTypeCode>"
        f"<cbc:DocumentType>{escape(envelope_type)}</cbc:DocumentType></cac:DocumentReference>"
        "<cac:LineResponse><cac:LineReference><cbc:LineID>0</cbc:LineID>"  # Ek-2 §3.16
        f"<cac:DocumentReference><cbc:ID>{escape(envelope_id)}</cbc:ID>"
        f"<cbc:IssueDate>{escape(envelope_date)}</cbc:IssueDate></cac:DocumentReference>"
        "</cac:LineReference>"
        f"<cac:Response><cbc:ReferenceID>{uuid_mod.uuid4()}</cbc:ReferenceID>"
        f"<cbc:ResponseCode>{code}</cbc:ResponseCode>"
        f"<cbc:Description>{escape(description)}</cbc:Description></cac:Response>"
        "</cac:LineResponse>"
        "</cac:DocumentResponse>"
        "</ApplicationResponse>"
    )
    return ar.encode()


def build_system_envelope(
    *,
    envelope_id: str,
    envelope_date: str,
    code: int,
    description: str,
    sender: EnvelopeParty,
    receiver: EnvelopeParty,
    created: datetime,
    notes: list[str] | None = None,
    system_envelope_id: str | None = None,
    envelope_type: str = "SENDERENVELOPE",
) -> bytes:
    """A SYSTEMENVELOPE with one system ApplicationResponse about ``envelope_id`` (Ek-2 §3)."""
    sys_id = system_envelope_id or str(uuid_mod.uuid4())
    ar = build_system_application_response(
        envelope_id=envelope_id, envelope_date=envelope_date, code=code,
        description=description, sender=sender, receiver=receiver, created=created,
        notes=notes, envelope_type=envelope_type).decode()
    xsi = ns.XSI
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<sh:StandardBusinessDocument xmlns:sh="{SH}" xmlns:ef="{EF}" xmlns:xsi="{xsi}" '
        f'xsi:schemaLocation="{SH} PackageProxy_1_2.xsd">'
        "<sh:StandardBusinessDocumentHeader><sh:HeaderVersion>1.0</sh:HeaderVersion>"
        f"{_partner('Sender', sender)}{_partner('Receiver', receiver)}"
        "<sh:DocumentIdentification><sh:Standard>UBL-TR</sh:Standard>"
        "<sh:TypeVersion>1.2</sh:TypeVersion>"
        f"<sh:InstanceIdentifier>{sys_id}</sh:InstanceIdentifier>"
        f"<sh:Type>{SYSTEM_ENVELOPE}</sh:Type>"
        f"<sh:CreationDateAndTime>{format_datetime(created)}</sh:CreationDateAndTime>"
        "</sh:DocumentIdentification></sh:StandardBusinessDocumentHeader>"
        "<ef:Package><Elements><ElementType>APPLICATIONRESPONSE</ElementType>"
        f"<ElementCount>1</ElementCount><ElementList>{ar}</ElementList></Elements></ef:Package>"
        "</sh:StandardBusinessDocument>\n"
    ).encode()
