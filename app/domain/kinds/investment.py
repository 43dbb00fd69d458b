"""Yatırım teşvik: invoices to the holder of an investment incentive certificate (Yatırım
Teşvik Belgesi, YTB) — the e-Fatura scenario YATIRIMTESVIK (types SATIS, ISTISNA, IADE,
TEVKIFAT, TEVKIFATIADE) and the e-Arşiv types YTBSATIS, YTBIADE, YTBISTISNA, YTBTEVKIFAT,
YTBTEVKIFATIADE.

GİB's rules (UBL-TR_Common_Schematron.xml, History.txt "YatirimTesvik…Check eklendi"):

- YatirimTesvikContractDocumentReferenceIDCheck: one ContractDocumentReference whose ID,
  schemeID ``YTBNO``, is the 6-digit certificate number (GİB's samples give its IssueDate);
- YatirimTesvikCommodityClassificationCheck / …ItemClassificationCodeCheck: every line
  names its harcama tipi (Item/CommodityClassification/ItemClassificationCode, list
  YatirimTesvikItemClassificationCodeList: 01, 02, 03, 04);
- YatirimTesvikItemInstanceCheck: a line of harcama tipi 01 (machinery) carries the machine's
  name (Item/ModelName), its sıra no (ItemInstance/ProductTraceID) and its ID
  (ItemInstance/SerialID);
- YatirimTesvikKDVCheck / YatirimTesvikLineKDVCheck: outside the return types every KDV
  figure has a rate and an amount above zero; on the return types a line of harcama tipi 03
  or 04 still has a KDV amount above zero;
- ISTISNA (YATIRIMTESVIK) and YTBISTISNA: harcama tipi 01 or 02
  (…ItemClassificationCodeIstisnaCheck), KDV computed but not added to the total
  (CalculationSequenceNumeric -1, …IstisnaCalculationSequenceNumericCheck) with exemption
  code 308 for 01 and 339 for 02 (…TaxExemptionReasonCode308Check / …339Check);
- code 555 (demirbaş KDV) is never used on the e-Arşiv YTB types
  (DemirbasKDVTaxExemptionCheck) nor in YATIRIMTESVIK.

GİB's YTB rules apply to YATIRIMTESVIK and to the YTB types under EARSIVFATURA; in the
other scenarios whose pair rules accept a YTB type it is read as the type it is named after
(YTBSATIS as SATIS …) and carries no certificate.
"""

from __future__ import annotations

import re
from typing import Any

from app.domain import codes
from app.domain.errors import UserError
from app.domain.kinds import CHOICE, DATE, TEXT, InvoiceKind, KindField, Scope

KEY = "investment"
YTB_NO_RE = re.compile(r"[0-9]{6}", re.ASCII)

#: GİB's YatirimTesvikItemClassificationCodeList with the words of GİB's general.xslt
ITEM_CLASSES: tuple[tuple[str, str], ...] = (
    ("01", "Makine ve teçhizat teslimleri ile yazılım ve gayrimaddi hak satış ve kiralamaları"),
    ("02", "İnşaat işlerine ilişkin mal teslimleri ve hizmet ifaları"),
    ("03", "Arsa / arazi satışları"),
    ("04", "Diğer harcamalar"),
)
MACHINERY = "01"


def _parse(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    number = str(values["ytb_no"]).replace(" ", "")
    if not YTB_NO_RE.fullmatch(number):
        raise UserError(f"Yatırım teşvik belgesi numarası '{number}' geçersiz: 6 haneli, "
                        "yalnızca rakamlardan oluşan belge numarasını yazın (örnek 123456).",
                        field=f"{scope.where}ytb_no")
    return {**values, "ytb_no": number}


def _parse_line(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    if values["item_class"] == MACHINERY:
        context = f"{scope.line_index}. kalem: " if scope.line_index else ""
        for key, words in (("model_name", "makine adı"), ("trace_id", "makine teçhizat sıra no"),
                           ("serial", "makine ID")):
            if not values.get(key):
                raise UserError(f"{context}harcama tipi 01 (makine ve teçhizat) olan kalemde "
                                f"{words} yazılmalı (GİB kuralı).", field=f"{scope.where}{key}")
    return values


def _check(invoice: Any) -> None:
    profile, type_code = invoice.profile.value, invoice.type.value
    returning = type_code in codes.INVESTMENT_RETURN_TYPES
    exempt = codes.investment_exempt(profile, type_code)
    from app.domain.totals import line_totals  # totals reads the invoice module

    for i, line in enumerate(invoice.lines):
        where, f = f"{i + 1}. kalem", f"lines[{i}]."
        item_class = line.kinds.get(KEY, {}).get("item_class", "")
        if line.exemption_code == codes.DEMIRBAS_KDV_CODE:
            raise UserError(f"{where}: yatırım teşvik faturasında 555 (demirbaş KDV) kodu "
                            "kullanılamaz (GİB kuralı).", field=f + "exemption_code")
        taxed = line.kdv_rate != 0 and line_totals(line).kdv.amount != 0
        if returning:
            # YatirimTesvikLineKDVCheck (second assert): a returned line of harcama tipi 03
            # or 04 still carries its KDV
            if item_class in ("03", "04") and not taxed:
                raise UserError(f"{where}: yatırım teşvik iade faturasında harcama tipi "
                                f"{item_class} olan kalemin KDV tutarı sıfırdan büyük olmalı "
                                "(GİB kuralı); KDV oranını yazın.", field=f + "kdv_rate")
            continue
        if not taxed:
            raise UserError(f"{where}: yatırım teşvik faturasında her kalemin KDV oranı ve "
                            "tutarı sıfırdan büyük olmalı (GİB kuralı); KDV oranını yazın.",
                            field=f + "kdv_rate")
        if exempt:
            wanted = codes.INVESTMENT_EXEMPTION_BY_CLASS.get(item_class)
            if wanted is None:
                raise UserError(f"{where}: yatırım teşvik istisna faturasında harcama tipi 01 "
                                "(makine ve teçhizat) ya da 02 (inşaat) olabilir (GİB kuralı).",
                                field=f + f"{KEY}.item_class")
            if line.exemption_code != wanted:
                raise UserError(f"{where}: harcama tipi {item_class} olan kalemde istisna kodu "
                                f"{wanted} olmalı (GİB kuralı); '{line.exemption_code}' yazılmış.",
                                field=f + "exemption_code")


KIND = InvoiceKind(
    key=KEY,
    title="Yatırım teşvik belgesi",
    when=codes.is_investment,
    fields=(
        KindField("ytb_no", "Teşvik belgesi no", TEXT, required=True, hint="6 hane, örnek 123456",
                  max_len=20),
        KindField("ytb_date", "Teşvik belgesi tarihi", DATE, required=True),
    ),
    line_fields=(
        KindField("item_class", "Harcama tipi", CHOICE, required=True, choices=ITEM_CLASSES),
        KindField("model_name", "Makine adı", TEXT, hint="harcama tipi 01 için"),
        KindField("trace_id", "Makine sıra no", TEXT, hint="harcama tipi 01 için"),
        KindField("serial", "Makine ID", TEXT, hint="harcama tipi 01 için"),
    ),
    parse=_parse,
    parse_line=_parse_line,
    check=_check,
    help="Alıcının yatırım teşvik belgesinin numarası ve tarihi; her kalemde harcama tipi "
         "(01 makine ve teçhizat için makine adı, sıra no ve ID de yazılır).",
)

KINDS = (KIND,)
