"""GİB's karekod: what it carries, and the picture of it every issued invoice embeds.

Karekod Standardı Kılavuzu V1.2: §2.1 (e-Fatura), §2.1.1 (Yolcu Beraber Eşya adds
``pasaportno`` and ``aracikurumvkn``), §2.2 (e-Arşiv Fatura: the same keys, senaryo
EARSIVFATURA). Amounts carry two decimals ("1000.00"), the KDV rate goes inside the key's
parentheses (``kdvmatrah(8)``); one pair per rate, equal rates added. §3: the karekod sits
at the top right corner of the document, on paper and on screen.

``compose`` is the one place of these rules; the PDF (``app.pdf.karekod``) and the builder
feed it what they read. Every invoice Tezgâh issues carries its karekod as a small PNG in an
``AdditionalDocumentReference`` (DocumentType ``KAREKOD``): the embedded stylesheet shows
that picture, so the view needs no script (viewers that block scripts still show it) and
the stylesheet stays the same bytes in every invoice. The picture is inside what the
signature covers, built from the values the same document carries.
"""

from __future__ import annotations

import base64
import json
import struct
import zlib
from collections.abc import Iterable
from decimal import Decimal

from lxml import etree

from app.domain.codes import Profile
from app.domain.money import xml_amount
from app.ubl.namespaces import CAC, CBC, q
from app.ubl.qrmatrix import qr_rows
from app.ubl.reader import KDV_CODE

KAREKOD_DOCUMENT_TYPE = "KAREKOD"
QUIET_ZONE = 4  # modules of white around the symbol (ISO/IEC 18004 §6.3.8)


def amount_text(value: Decimal | None) -> str:
    """Two decimals, dot separator, no grouping: ``Decimal('1080')`` → ``'1080.00'``."""
    return "" if value is None else xml_amount(value)


def rate_text(percent: Decimal | None) -> str:
    """The rate as GİB's example writes it: ``18`` (not ``18.0``), ``0.5`` kept."""
    if percent is None:
        return "0"
    if percent == percent.to_integral_value():
        return str(int(percent))
    return format(percent.normalize(), "f")


def compose(*, supplier: str, customer: str, profile: str, type_code: str, issue_date: str,
            number: str, uuid: str, currency: str, line_extension: Decimal | None,
            kdv: Iterable[tuple[Decimal | None, Decimal | None, Decimal]],
            tax_inclusive: Decimal | None, payable: Decimal | None, passport_no: str = "",
            intermediary_vkn: str = "") -> dict[str, str]:
    """The karekod object, keys in the guide's order. ``kdv``: (rate, taxable, amount) of
    each document-level KDV subtotal."""
    data: dict[str, str] = {"vkntckn": supplier, "avkntckn": customer}
    if profile == Profile.YOLCUBERABERFATURA:
        # §2.1.1: the traveller's passport (BuyerCustomerParty) and the intermediary's VKN
        data["pasaportno"] = passport_no
        data["aracikurumvkn"] = intermediary_vkn
    data.update({"senaryo": profile, "tip": type_code, "tarih": issue_date, "no": number,
                 "ettn": uuid, "parabirimi": currency,
                 "malhizmettoplam": amount_text(line_extension)})
    per_rate: dict[str, list[Decimal]] = {}
    for percent, taxable, amount in kdv:
        sums = per_rate.setdefault(rate_text(percent), [Decimal(0), Decimal(0)])
        sums[0] += taxable or Decimal(0)
        sums[1] += amount
    for rate, (taxable, amount) in per_rate.items():
        data[f"kdvmatrah({rate})"] = amount_text(taxable)
        data[f"hesaplanankdv({rate})"] = amount_text(amount)
    data["vergidahil"] = amount_text(tax_inclusive)
    data["odenecek"] = amount_text(payable)
    return data


def karekod_text(payload: dict[str, str]) -> str:
    """The string encoded in the QR code: compact JSON, keys in the guide's order."""
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"))


# ---------------------------------------------------------------- from a built invoice

_C = f"{{{CAC}}}"
_B = f"{{{CBC}}}"


def _party_id(root: etree._Element, party: str) -> str:
    for el in root.iterfind(f"{_C}{party}/{_C}Party/{_C}PartyIdentification/{_B}ID"):
        if el.get("schemeID", "").upper() in ("VKN", "TCKN"):
            return (el.text or "").strip()
    return ""


def _amount(el: etree._Element | None) -> Decimal | None:
    return None if el is None or not (el.text or "").strip() else Decimal(el.text.strip())


def payload_of_built(root: etree._Element) -> dict[str, str]:
    """The karekod object of an invoice tree ``app.ubl.build`` has just written (plain
    text in every element; GİB-valid amounts). Received documents are read through
    ``app.pdf.karekod``, which handles what other producers write."""
    total = root.find(f"{_C}LegalMonetaryTotal")
    kdv = []
    for st in root.iterfind(f"{_C}TaxTotal/{_C}TaxSubtotal"):
        if st.findtext(f"{_C}TaxCategory/{_C}TaxScheme/{_B}TaxTypeCode") == KDV_CODE:
            kdv.append((_amount(st.find(f"{_B}Percent")), _amount(st.find(f"{_B}TaxableAmount")),
                        _amount(st.find(f"{_B}TaxAmount")) or Decimal(0)))
    passport = root.findtext(f"{_C}BuyerCustomerParty/{_C}Party/{_C}Person/"
                             f"{_C}IdentityDocumentReference/{_B}ID") or ""
    intermediary = ""
    for el in root.iterfind(f"{_C}TaxRepresentativeParty/{_C}PartyIdentification/{_B}ID"):
        if el.get("schemeID") == "ARACIKURUMVKN":
            intermediary = (el.text or "").strip()
    return compose(
        supplier=_party_id(root, "AccountingSupplierParty"),
        customer=_party_id(root, "AccountingCustomerParty"),
        profile=root.findtext(f"{_B}ProfileID") or "",
        type_code=root.findtext(f"{_B}InvoiceTypeCode") or "",
        issue_date=root.findtext(f"{_B}IssueDate") or "",
        number=root.findtext(f"{_B}ID") or "",
        uuid=root.findtext(f"{_B}UUID") or "",
        currency=root.findtext(f"{_B}DocumentCurrencyCode") or "",
        line_extension=_amount(None if total is None else total.find(f"{_B}LineExtensionAmount")),
        kdv=kdv,
        tax_inclusive=_amount(None if total is None else total.find(f"{_B}TaxInclusiveAmount")),
        payable=_amount(None if total is None else total.find(f"{_B}PayableAmount")),
        passport_no=passport.strip(), intermediary_vkn=intermediary)


# ---------------------------------------------------------------- the picture


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (struct.pack(">I", len(data)) + kind + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))


def karekod_png(text: str) -> bytes:
    """The QR symbol of ``text`` as a 1-bit greyscale PNG, one pixel per module with the
    quiet zone; a viewer scales it up without smoothing (``image-rendering: pixelated``)."""
    rows = qr_rows(text)
    size = len(rows) + 2 * QUIET_ZONE
    pad = -size % 8  # each PNG row fills whole bytes
    white = b"\x01" * QUIET_ZONE
    blank = b"\x01" * size + b"\x00" * pad
    # PNG greyscale: 1 is white; a QR module 1 is dark
    pixels = b"".join([blank * QUIET_ZONE,
                       *(white + row.translate(_INVERT) + white + b"\x00" * pad for row in rows),
                       blank * QUIET_ZONE])
    packed = int(pixels.translate(_TO_DIGITS), 2).to_bytes(len(pixels) // 8, "big")
    width = (size + pad) // 8
    raw = b"".join(b"\x00" + packed[i:i + width] for i in range(0, len(packed), width))
    header = struct.pack(">IIBBBBB", size, size, 1, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(raw, 9)) + _chunk(b"IEND", b""))


_INVERT = bytes.maketrans(b"\x00\x01", b"\x01\x00")
_TO_DIGITS = bytes.maketrans(b"\x00\x01", b"01")


def karekod_document_reference(invoice_number: str, issue_date: str,
                               png: bytes) -> etree._Element:
    """``cac:AdditionalDocumentReference`` carrying the karekod picture base64 (placed with
    the invoice's other AdditionalDocumentReference elements, before signing)."""
    ref = etree.Element(q(CAC, "AdditionalDocumentReference"))
    etree.SubElement(ref, q(CBC, "ID")).text = f"{invoice_number}-KAREKOD"
    etree.SubElement(ref, q(CBC, "IssueDate")).text = issue_date
    etree.SubElement(ref, q(CBC, "DocumentType")).text = KAREKOD_DOCUMENT_TYPE
    att = etree.SubElement(ref, q(CAC, "Attachment"))
    obj = etree.SubElement(att, q(CBC, "EmbeddedDocumentBinaryObject"), characterSetCode="UTF-8",
                           encodingCode="Base64", filename=f"{invoice_number}-karekod.png",
                           mimeCode="image/png")
    obj.text = base64.b64encode(png).decode("ascii")
    return ref
