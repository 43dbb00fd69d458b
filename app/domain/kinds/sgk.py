"""SGK: the invoice a pharmacy, optician, medical supplier, hospital … issues to the Sosyal
Güvenlik Kurumu for what it delivered to insured people in a billing period.

GİB's rules and GİB's own presentation:

- InvoiceTypeCode ``SGK`` (UBL-TR_Codelist.xml ``InvoiceTypeCodeList``). The schematron has no
  rule of its own for SGK any more (History.txt 20171213: "SGKInvoiceCheck silindi"); it
  allows on SGK invoices the exemption, special-base and export codes of IADE
  (TaxExemptionReasonCodeCheck) and a WithholdingTaxTotal (GeneralWithholdingTaxTotalCheck).
- GİB's stylesheet (``general.xslt``, ``InvoiceTypeCode = 'SGK'``) prints an SGK box:
  "Sağlık Fatura Tipi" from ``cbc:AccountingCost``; "Mükellef Kodu", "Mükellef Adı" and
  "Dosya No" from ``cac:AdditionalDocumentReference`` whose ``cbc:DocumentTypeCode`` is
  ``MUKELLEF_KODU``, ``MUKELLEF_ADI``, ``DOSYA_NO`` (value in ``cbc:DocumentType``); "Dönem"
  from ``cac:InvoicePeriod/cbc:StartDate`` / ``cbc:EndDate``.
- The invoice type codes written into AccountingCost are those SGK's invoices carry (the
  real SGK invoice in the shared samples writes ``DIGER``): SAGLIK_ECZ (eczane), SAGLIK_HAS
  (hastane), SAGLIK_OPT (optik), SAGLIK_MED (medikal), ABONELIK, MAL_HIZMET, DIGER.

Tezgâh asks for the health invoice type and the period (what GİB's box always prints); the
taxpayer code, name and file number are written when the user gives them.
"""

from __future__ import annotations

from typing import Any

from app.domain.errors import UserError
from app.domain.kinds import CHOICE, DATE, InvoiceKind, KindField, Scope

KEY = "sgk"
TYPE = "SGK"
TITLE = "SGK faturası"
#: SGK's VKN (Sosyal Güvenlik Kurumu), as the real SGK invoice names its buyer
SGK_VKN = "7750409379"

#: cbc:AccountingCost values (GİB's stylesheet: "Sağlık Fatura Tipi")
INVOICE_KINDS: tuple[tuple[str, str], ...] = (
    ("SAGLIK_ECZ", "Eczane"),
    ("SAGLIK_HAS", "Hastane"),
    ("SAGLIK_OPT", "Optik"),
    ("SAGLIK_MED", "Medikal"),
    ("ABONELIK", "Abonelik"),
    ("MAL_HIZMET", "Mal / hizmet alımı"),
    ("DIGER", "Diğer"),
)
#: cac:AdditionalDocumentReference/cbc:DocumentTypeCode of each optional value
CODE_TAXPAYER_CODE = "MUKELLEF_KODU"
CODE_TAXPAYER_NAME = "MUKELLEF_ADI"
CODE_FILE_NO = "DOSYA_NO"

FIELDS = (
    KindField("invoice_kind", "Sağlık fatura tipi", CHOICE, required=True,
              choices=INVOICE_KINDS,
              hint="SGK'ya kesilen faturanın türü (eczane, optik, medikal …)"),
    KindField("period_start", "Dönem başlangıcı", DATE, required=True,
              hint="Faturanın kapsadığı dönemin ilk günü"),
    KindField("period_end", "Dönem sonu", DATE, required=True,
              hint="Faturanın kapsadığı dönemin son günü"),
    KindField("taxpayer_code", "Mükellef kodu", hint="SGK'nın verdiği mükellef / tesis "
              "kodu (eczanede eczane sicil no)", max_len=50),
    KindField("taxpayer_name", "Mükellef adı", hint="SGK kayıtlarındaki mükellef / tesis adı",
              max_len=200),
    KindField("file_no", "Dosya no", hint="SGK dosya (fatura takip) numarası", max_len=50),
)


def _parse(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    start, end = values.get("period_start"), values.get("period_end")
    if start is not None and end is not None and end < start:
        raise UserError(f"SGK faturası: dönem sonu ({end.strftime('%d.%m.%Y')}) dönem "
                        f"başlangıcından ({start.strftime('%d.%m.%Y')}) önce olamaz; dönemin "
                        "ilk ve son gününü yazın.", field=f"{scope.where}period_end")
    return values


KIND = InvoiceKind(
    key=KEY,
    title=TITLE,
    types=frozenset({TYPE}),
    fields=FIELDS,
    parse=_parse,
    help="Sosyal Güvenlik Kurumu'na kesilen fatura: sağlık fatura tipi ve faturanın "
         "kapsadığı dönem yazılır; SGK'nın verdiği mükellef kodu, mükellef adı ve dosya "
         "numarası varsa onlar da.",
)

KINDS = (KIND,)

__all__ = ["CODE_FILE_NO", "CODE_TAXPAYER_CODE", "CODE_TAXPAYER_NAME", "INVOICE_KINDS", "KEY",
           "KIND", "KINDS", "SGK_VKN", "TITLE", "TYPE"]
