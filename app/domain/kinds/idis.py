"""İDİS (İnşaat Demiri İzleme Sistemi): the IDIS scenario, for sellers of reinforcing steel.

GİB's rules (UBL-TR_Common_Schematron.xml, added 2026-01-09):

- ``IdisSevkiyatNoCheck`` (context ``AccountingSupplierParty/Party``): the seller's party
  carries a ``PartyIdentification/ID`` with schemeID ``SEVKIYATNO`` in the form
  ``SE-0000000`` (``SE-`` and seven digits, ten characters);
- ``IdisEtiketNoCheck`` (context ``InvoiceLine``): every line carries at least one
  ``Item/AdditionalItemIdentification/ID`` with schemeID ``ETIKETNO`` of nine characters, two
  letters (A–Z) then seven digits (GİB's sample ``IDIS_Fatura.xml``: ``CV0152457``);
- ``IdisInvoiceTypeCodeCheck``: types SATIS, ISTISNA, IADE, TEVKIFAT, TEVKIFATIADE,
  IHRACKAYITLI (``app.domain.combinations``).

JSON: ``"idis": {"sevkiyat_no": "SE-1345840"}`` on the invoice and
``"idis": {"etiket_no": "CV0152457"}`` on each line; a line covering several bundles lists
their labels separated by commas (``"CV0152457, CV0152458"``), each becomes an ETIKETNO.
"""

from __future__ import annotations

import re
from typing import Any

from app.domain.errors import UserError
from app.domain.errors import shown as _shown
from app.domain.kinds import TEXT, InvoiceKind, KindField, Scope

KEY = "idis"
TITLE = "İDİS (inşaat demiri)"
PROFILE = "IDIS"
SHIPMENT_SCHEME = "SEVKIYATNO"
LABEL_SCHEME = "ETIKETNO"
SHIPMENT_RE = re.compile(r"SE-[0-9]{7}", re.ASCII)
LABEL_RE = re.compile(r"[A-Z]{2}[0-9]{7}", re.ASCII)
#: labels of one line: at most this many (a line is one product of one shipment)
MAX_LABELS = 50

SHIPMENT = KindField(
    "sevkiyat_no", "Sevkiyat numarası", TEXT, required=True, max_len=20,
    hint="İDİS'in verdiği sevkiyat numarası, SE-0000000 biçiminde (örn. SE-1345840)")
LABEL = KindField(
    "etiket_no", "İDİS etiket no", TEXT, required=True, max_len=MAX_LABELS * 11,
    hint="Demir demetinin etiket numarası: 2 harf ve 7 rakam (örn. CV0152457); birden "
         "fazlaysa virgülle ayırın")


def shipment_number(raw: str) -> str:
    """``se 1345840`` / ``SE1345840`` → ``SE-1345840``; anything else is refused."""
    text = "".join(str(raw).split()).upper()
    if re.fullmatch(r"SE[0-9]{7}", text, re.ASCII):
        text = f"SE-{text[2:]}"
    return text


def labels(raw: str) -> list[str]:
    """The label numbers of a line, upper-cased, in the order written."""
    return [p.strip().upper() for p in re.split(r"[,;\s]+", str(raw)) if p.strip()]


def _parse(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    raw = values["sevkiyat_no"]
    number = shipment_number(raw)
    if not SHIPMENT_RE.fullmatch(number):
        raise UserError(f"İDİS sevkiyat numarası '{_shown(raw)}' geçersiz: 'SE-' ve ardından 7 "
                        "rakam yazılmalı (örn. SE-1345840).", field=f"{scope.where}sevkiyat_no")
    return {"sevkiyat_no": number}


def _parse_line(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    where = f"{scope.where}etiket_no"
    line = f"{scope.line_index}. kalem" if scope.line_index else "Kalem"
    found = labels(values["etiket_no"])
    if not found:
        raise UserError(f"{line}: İDİS etiket numarası yazılmalı (2 harf ve 7 rakam, örn. "
                        "CV0152457).", field=where)
    if len(found) > MAX_LABELS:
        raise UserError(f"{line}: en fazla {MAX_LABELS} İDİS etiket numarası yazılabilir; "
                        f"{len(found)} yazılmış.", field=where)
    for label in found:
        if not LABEL_RE.fullmatch(label):
            raise UserError(f"{line}: İDİS etiket numarası '{_shown(label)}' geçersiz: 9 "
                            "karakter, önce 2 harf (Türkçe karakter olmadan) sonra 7 rakam "
                            "yazılmalı (örn. CV0152457).", field=where)
    if len(set(found)) != len(found):
        twice = next(x for x in found if found.count(x) > 1)
        raise UserError(f"{line}: İDİS etiket numarası {twice} iki kez yazılmış.", field=where)
    return {"etiket_no": ", ".join(found)}


KIND = InvoiceKind(
    key=KEY,
    title=TITLE,
    profiles=frozenset({PROFILE}),
    fields=(SHIPMENT,),
    line_fields=(LABEL,),
    parse=_parse,
    parse_line=_parse_line,
    help="İnşaat demiri satışında İDİS'in verdiği sevkiyat numarası faturada satıcının "
         "bilgileriyle gider; her kalemde sattığınız demirin etiket numarası (2 harf, 7 rakam) "
         "yazılmalı (GİB kuralları IdisSevkiyatNoCheck ve IdisEtiketNoCheck).",
)

KINDS = (KIND,)
