"""İlaç ve tıbbi cihaz: the ILAC_TIBBICIHAZ scenario, for sellers of medicines and medical
devices.

GİB's rules (UBL-TR_Common_Schematron.xml):

- ``IlacTibbiCihazAdditionalItemIdentificationCheck`` (context ``InvoiceLine``): every line
  carries at least one non-empty ``Item/AdditionalItemIdentification/ID`` whose schemeID is
  ``ILAC`` (a medicine), ``TIBBICIHAZ`` (a medical device) or ``DIGER`` (anything else sold
  under the scenario); GİB's code list (``AdditionalItemIdentificationIDType``) names these
  schemes and GİB checks no more than that the value is not empty;
- ``IlacTibbiCihazInvoiceTypeCodeCheck``: types SATIS, ISTISNA, TEVKIFAT, TEVKIFATIADE, IADE,
  IHRACKAYITLI (``app.domain.combinations``).

The value is the product's number in the ministry's tracking system: the medicine's barcode
(GTIN) for İTS, the device's product number (barcode) for ÜTS, the seller's own product code
for DIGER. Barcodes are written without spaces; spaces typed between digit groups are
removed.

JSON, on each line: ``"medicine": {"scheme": "ILAC", "code": "8699546090016"}``.
"""

from __future__ import annotations

import re
from typing import Any

from app.domain.errors import UserError
from app.domain.errors import shown as _shown
from app.domain.kinds import CHOICE, TEXT, InvoiceKind, KindField, Scope

KEY = "medicine"
TITLE = "İlaç ve tıbbi cihaz"
PROFILE = "ILAC_TIBBICIHAZ"
SCHEMES: tuple[tuple[str, str], ...] = (
    ("ILAC", "İlaç"),
    ("TIBBICIHAZ", "Tıbbi cihaz"),
    ("DIGER", "Diğer"),
)
#: what the PDF calls each scheme's number
SCHEME_LABELS = {"ILAC": "İlaç barkodu (İTS)", "TIBBICIHAZ": "Tıbbi cihaz no (ÜTS)",
                 "DIGER": "Ürün kodu"}
_BARCODE_RE = re.compile(r"[0-9A-Za-z./_-]+", re.ASCII)

SCHEME = KindField("scheme", "Ürün türü (ilaç/cihaz)", CHOICE, required=True, choices=SCHEMES,
                   hint="İlaç (ILAC), tıbbi cihaz (TIBBICIHAZ) ya da diğer (DIGER)")
CODE = KindField("code", "İlaç/cihaz kodu", TEXT, required=True, max_len=100,
                 hint="İlacın barkodu (İTS) ya da tıbbi cihazın ürün numarası (ÜTS); diğer "
                      "ürünlerde kendi ürün kodunuz")


def _parse_line(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    scheme, code = values["scheme"], values["code"]
    line = f"{scope.line_index}. kalem" if scope.line_index else "Kalem"
    if scheme in ("ILAC", "TIBBICIHAZ"):
        code = "".join(code.split())
        if not _BARCODE_RE.fullmatch(code):
            what = "ilacın barkodu" if scheme == "ILAC" else "tıbbi cihazın ürün numarası"
            raise UserError(f"{line}: '{_shown(values['code'])}' {what} olamaz; barkodu "
                            "yalnızca rakam ve harflerle, boşluksuz yazın (örn. "
                            "8699546090016).", field=f"{scope.where}code")
    return {"scheme": scheme, "code": code}


KIND = InvoiceKind(
    key=KEY,
    title=TITLE,
    profiles=frozenset({PROFILE}),
    line_fields=(SCHEME, CODE),
    parse_line=_parse_line,
    help="Her kalemde ürünün türü (ilaç, tıbbi cihaz ya da diğer) ve kodu yazılmalı: ilaçta "
         "İTS barkodu, tıbbi cihazda ÜTS ürün numarası (GİB kuralı "
         "IlacTibbiCihazAdditionalItemIdentificationCheck).",
)

KINDS = (KIND,)
