"""SOAP 1.2 messages of GİB's EFatura service, as its WSDL defines them.

WSDL (``EFatura_Test.wsdl``): target namespace ``http://gib.gov.tr/vedop3/eFatura``,
document/literal, unqualified child elements; operations

* ``sendDocument`` (soapAction ``sendDocument``): ``documentRequest``
  {fileName, binaryData (xmime base64Binary), hash} → ``documentResponse`` {msg, hash}
* ``getApplicationResponse`` (soapAction ``getApplicationResponse``): ``getAppRespRequest``
  {instanceIdentifier} → ``getAppRespResponse`` {applicationResponse (string)}
* faults: ``EFaturaFault`` {code, msg} in ``soap:Detail`` (Ek-3 §8).

Messages are sent as plain base64 inside the SOAP body. Answers may arrive as MTOM/XOP
(``multipart/related``, Ek-3 §2); ``unpack_http_body`` resolves ``xop:Include`` references
back into base64 text so the rest of the code sees one plain SOAP document.
"""

from __future__ import annotations

import base64
import binascii
import email.parser
import email.policy
import re
from dataclasses import dataclass
from urllib.parse import unquote
from xml.sax.saxutils import escape

from lxml import etree

from app.domain.errors import UserError
from app.xmlsafe import parse_bytes

SOAP12 = "http://www.w3.org/2003/05/soap-envelope"
SOAP11 = "http://schemas.xmlsoap.org/soap/envelope/"
EFATURA = "http://gib.gov.tr/vedop3/eFatura"
XMIME = "http://www.w3.org/2005/05/xmlmime"
XOP = "http://www.w3.org/2004/08/xop/include"

ACTION_SEND = "sendDocument"
ACTION_GET = "getApplicationResponse"

SOAP12_CONTENT_TYPE = "application/soap+xml"


def content_type(action: str) -> str:
    # SOAP 1.2 HTTP binding: the action travels as a parameter of the media type.
    return f'{SOAP12_CONTENT_TYPE}; charset=utf-8; action="{action}"'


def _envelope(body: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<soap:Envelope xmlns:soap="{SOAP12}"><soap:Body>{body}</soap:Body></soap:Envelope>'
    ).encode()


# --- requests ---------------------------------------------------------------------------

def send_document_request(file_name: str, zip_bytes: bytes, md5: str) -> bytes:
    data = base64.b64encode(zip_bytes).decode("ascii")
    return _envelope(
        f'<ef:documentRequest xmlns:ef="{EFATURA}" xmlns:xmime="{XMIME}">'
        f"<fileName>{escape(file_name)}</fileName>"
        f'<binaryData xmime:contentType="application/zip">{data}</binaryData>'
        f"<hash>{escape(md5)}</hash>"
        "</ef:documentRequest>"
    )


def get_app_resp_request(instance_identifier: str) -> bytes:
    return _envelope(
        f'<ef:getAppRespRequest xmlns:ef="{EFATURA}">'
        f"<instanceIdentifier>{escape(instance_identifier)}</instanceIdentifier>"
        "</ef:getAppRespRequest>"
    )


# --- responses (server side) ------------------------------------------------------------

def send_document_response(msg: str, md5: str) -> bytes:
    return _envelope(
        f'<ef:documentResponse xmlns:ef="{EFATURA}">'
        f"<msg>{escape(msg)}</msg><hash>{escape(md5)}</hash>"
        "</ef:documentResponse>"
    )


def get_app_resp_response(application_response: str) -> bytes:
    return _envelope(
        f'<ef:getAppRespResponse xmlns:ef="{EFATURA}">'
        f"<applicationResponse>{escape(application_response)}</applicationResponse>"
        "</ef:getAppRespResponse>"
    )


def fault_response(code: int | None, msg: str, *, reason: str = "",
                   sender_fault: bool = False) -> bytes:
    """A SOAP 1.2 fault; with ``code`` it carries ``EFaturaFault`` in its Detail (Ek-3 §8)."""
    fault_code = "soap:Sender" if sender_fault else "soap:Receiver"
    detail = (
        "<soap:Detail>"
        f'<ns2:EFaturaFault xmlns:ns2="{EFATURA}"><code>{code}</code><msg>{escape(msg)}</msg>'
        "</ns2:EFaturaFault>"
        "</soap:Detail>"
    ) if code is not None else ""
    return _envelope(
        "<soap:Fault>"
        f"<soap:Code><soap:Value>{fault_code}</soap:Value></soap:Code>"
        f'<soap:Reason><soap:Text xml:lang="tr">{escape(reason or msg)}</soap:Text></soap:Reason>'
        f"{detail}"
        "</soap:Fault>"
    )


# --- parsing ----------------------------------------------------------------------------

class SoapFormatError(UserError):
    """The bytes are not a SOAP message of this service."""


@dataclass(frozen=True)
class SoapFault:
    code: int | None  # the EFaturaFault code, when there is one
    msg: str
    reason: str


def _boundary_parts(body: bytes, ctype: str) -> tuple[bytes, dict[str, bytes]]:
    """Root part and the other parts (by Content-ID) of a multipart/related body."""
    message = email.parser.BytesParser(policy=email.policy.compat32).parsebytes(
        b"Content-Type: " + ctype.encode("latin-1") + b"\r\nMIME-Version: 1.0\r\n\r\n" + body
    )
    if not message.is_multipart():
        raise SoapFormatError("MTOM yanıtı çok parçalı (multipart) değil.")
    start = message.get_param("start")
    parts = list(message.get_payload())
    if not parts:
        raise SoapFormatError("MTOM yanıtında parça yok.")
    by_id: dict[str, bytes] = {}
    root: bytes | None = None
    for part in parts:
        cid = (part.get("Content-ID") or "").strip()
        payload = part.get_payload(decode=True) or b""
        if start and cid == start:
            root = payload
        elif cid:
            by_id[cid.strip("<>")] = payload
    if root is None:
        root = parts[0].get_payload(decode=True) or b""
    return root, by_id


def unpack_http_body(body: bytes, ctype: str) -> bytes:
    """The SOAP envelope bytes of an HTTP body, resolving MTOM/XOP if needed."""
    if not ctype.lower().startswith("multipart/"):
        return body
    root_bytes, parts = _boundary_parts(body, ctype)
    if b"Include" not in root_bytes:
        return root_bytes
    root = parse_bytes(root_bytes).getroot()
    for include in list(root.iter(f"{{{XOP}}}Include")):
        href = include.get("href") or ""
        cid = href[4:] if href.startswith("cid:") else href
        data = parts.get(cid) or parts.get(unquote(cid))
        if data is None:
            raise SoapFormatError(f"MTOM eki bulunamadı: {href}")
        parent = include.getparent()
        parent.remove(include)
        parent.text = base64.b64encode(data).decode("ascii")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def parse_envelope(data: bytes) -> etree._Element:
    """The first child of ``soap:Body`` (SOAP 1.2, or 1.1 for tolerance)."""
    try:
        root = parse_bytes(data).getroot()
    except UserError as exc:
        raise SoapFormatError(f"Yanıt bir SOAP iletisi değil: {exc.message}") from exc
    if root.tag not in (f"{{{SOAP12}}}Envelope", f"{{{SOAP11}}}Envelope"):
        raise SoapFormatError("Yanıt bir SOAP iletisi değil (soap:Envelope yok).")
    soap_ns = root.tag[1:].split("}")[0]
    body = root.find(f"{{{soap_ns}}}Body")
    if body is None:
        raise SoapFormatError("SOAP iletisinde Body yok.")
    for child in body:
        if isinstance(child.tag, str):
            return child
    raise SoapFormatError("SOAP Body boş.")


def read_fault(element: etree._Element) -> SoapFault | None:
    """``SoapFault`` when ``element`` is a soap:Fault, else ``None``."""
    if etree.QName(element).localname != "Fault":
        return None
    reason = " ".join(t.strip() for t in element.xpath(".//*[local-name()='Text' or "
                                                       "local-name()='faultstring']/text()"))
    fault_el = next(iter(element.iter(f"{{{EFATURA}}}EFaturaFault")), None)
    if fault_el is None:  # some stacks drop the namespace of the detail entry
        fault_el = next((e for e in element.iter() if isinstance(e.tag, str)
                         and etree.QName(e).localname == "EFaturaFault"), None)
    code: int | None = None
    msg = reason
    if fault_el is not None:
        code_text = _child_text(fault_el, "code")
        if code_text and re.fullmatch(r"\s*[0-9]+\s*", code_text):
            code = int(code_text)
        msg = _child_text(fault_el, "msg") or reason
    return SoapFault(code=code, msg=msg.strip(), reason=reason)


def _child_text(parent: etree._Element, local: str) -> str | None:
    for child in parent:
        if isinstance(child.tag, str) and etree.QName(child).localname == local:
            return child.text or ""
    return None


def read_child(parent: etree._Element, local: str) -> str | None:
    return _child_text(parent, local)


@dataclass(frozen=True)
class DocumentRequest:
    file_name: str
    binary_data: bytes
    hash: str


def read_document_request(element: etree._Element) -> DocumentRequest:
    """Server side: the fields of a ``documentRequest`` element."""
    raw = _child_text(element, "binaryData") or ""
    try:
        data = base64.b64decode("".join(raw.split()), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise SoapFormatError("binaryData geçerli base64 değil.") from exc
    return DocumentRequest(
        file_name=(_child_text(element, "fileName") or "").strip(),
        binary_data=data,
        hash=(_child_text(element, "hash") or "").strip(),
    )


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def element_namespace(element: etree._Element) -> str | None:
    return etree.QName(element).namespace
