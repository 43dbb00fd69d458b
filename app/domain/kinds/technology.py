"""Phones and tablets sold under the technology support scheme: the TEKNOLOJIDESTEK type.

GİB's rules (``UBL-TR_Common_Schematron.xml``, History.txt 20250428):

- ``InvoiceTypeCodeCheck``: TEKNOLOJIDESTEK only in e-Arşiv (ProfileID EARSIVFATURA);
- ``TeknolojiDestekAdditionalItemIdentificationCheck``: every line names its device, an
  ``Item/AdditionalItemIdentification/ID`` with schemeID ``TELEFON`` or ``TABLET_PC``;
- ``PartyIdentificationTEKNOLOJIDESTEKCheck``: the buyer's identification is a TCKN (the
  support is for a person).

Each line therefore carries the device kind and its number: the IMEI of a phone (15 digits,
the last one the Luhn check digit of the first 14), the serial number of a tablet. The UBL
side is ``app.ubl.kinds.technology``.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from app.domain.errors import UserError
from app.domain.errors import shown as _shown
from app.domain.kinds import CHOICE, InvoiceKind, KindField, Scope

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData

KEY = "technology"
TYPE = "TEKNOLOJIDESTEK"
PHONE, TABLET = "TELEFON", "TABLET_PC"  # GİB's schemeIDs (AdditionalItemIdentificationIDType)
DEVICE_WORDS = {PHONE: "Cep telefonu", TABLET: "Tablet bilgisayar"}

_SERIAL_RE = re.compile(r"[A-Z0-9][A-Z0-9./_-]{0,34}", re.ASCII)

LINE_FIELDS = (
    KindField("device", "Cihaz", CHOICE, required=True,
              choices=tuple(DEVICE_WORDS.items())),
    KindField("number", "IMEI / seri no",  required=True,
              hint="Telefonda 15 haneli IMEI (*#06#), tablette seri numarası", max_len=40),
)


def imei_ok(value: str) -> bool:
    """15 ASCII digits whose last is the Luhn check digit of the first 14."""
    if len(value) != 15 or not (value.isascii() and value.isdigit()):
        return False
    total = 0
    for i, c in enumerate(reversed(value)):
        d = int(c)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _parse_line(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    where = f"{scope.line_index}. kalem"
    number = re.sub(r"[\s-]+", "", values["number"]) if values["device"] == PHONE else \
        values["number"].strip().upper()
    if values["device"] == PHONE and not imei_ok(number):
        raise UserError(f"{where}: IMEI '{_shown(values['number'])}' geçerli değil; telefonun "
                        "15 haneli IMEI numarasını yazın (telefonda *#06# ile ya da kutusunda "
                        "görünür).", field=f"{scope.where}number")
    if values["device"] == TABLET and not _SERIAL_RE.fullmatch(number):
        raise UserError(f"{where}: tabletin seri numarası '{_shown(values['number'])}' "
                        "geçersiz; harf, rakam ve - . / _ dışında karakter ve boşluk olmadan "
                        "en çok 35 karakter yazın.", field=f"{scope.where}number")
    return {**values, "number": number}


def _check(invoice: InvoiceData) -> None:
    # PartyIdentificationTEKNOLOJIDESTEKCheck: the buyer is identified by a TCKN
    if invoice.customer.scheme != "TCKN":
        raise UserError("Teknoloji destek (TEKNOLOJIDESTEK) faturası yalnızca bir kişiye "
                        "kesilir: GİB alıcının T.C. kimlik numarasını (11 hane) ister; alıcı "
                        "olarak cihazı alan kişiyi seçin.", field="customer.vkn_tckn")


KIND = InvoiceKind(
    key=KEY,
    title="Teknoloji destek (telefon, tablet)",
    types=frozenset({TYPE}),
    line_fields=LINE_FIELDS,
    parse_line=_parse_line,
    check=_check,
    help=("Teknoloji destek kapsamındaki satışta her kalem bir cihazdır: telefon için IMEI, "
          "tablet için seri numarası yazılır; alıcı T.C. kimlik numarasıyla bir kişidir. "
          "Yalnızca e-Arşiv faturayla kesilir."),
)

KINDS = (KIND,)

__all__ = ["DEVICE_WORDS", "KEY", "KIND", "KINDS", "PHONE", "TABLET", "TYPE", "imei_ok"]
