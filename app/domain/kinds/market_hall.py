"""Hal Kayıt Sistemi (HKS): fresh fruit and vegetables sold through a wholesale market hall.

Every such sale is registered in the Hal Kayıt Sistemi first, which gives each lot a 19-digit
*künye* number; the invoice names the künye on every line it covers.

GİB's rules:

- ``HKSInvioceCheck`` (UBL-TR_Common_Schematron.xml): "ProfileID='HKS' iken, her
  cac:InvoiceLine elemanı 19 karakterli 'KUNYENO' içermelidir" — every InvoiceLine carries
  ``Item/AdditionalItemIdentification/ID[@schemeID='KUNYENO']`` of 19 characters.
- GİB's stylesheet (``general.xslt``) shows the künye column for ProfileID HKS and for the
  e-Arşiv HKS types (EARSIVFATURA with HKSSATIS or HKSKOMISYONCU): HKSSATIS / HKSKOMISYONCU are
  the HKS sale and commission-agent invoices of the e-Arşiv side. The schematron does not
  test them, but an HKS invoice without its künye says nothing the Hal Kayıt Sistemi can
  match, so Tezgâh asks for the künye on those types in every scenario too.
- The same stylesheet shows, for an HKS sale (HKS × SATIS, EARSIVFATURA × HKSSATIS), the owner
  of the goods a market-hall trader sells on the producer's behalf:
  ``AdditionalItemIdentification/ID`` with schemeID ``MALSAHIBIVKNTCKN`` and
  ``MALSAHIBIADSOYADUNVAN`` (GİB's samples HKS-Ornek1.xml and the producers' HKS invoices).
  Both are optional; when one is written the other must be too.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from app.domain import fields
from app.domain.errors import UserError
from app.domain.errors import shown as _shown
from app.domain.identity import check_vkn_tckn
from app.domain.kinds import InvoiceKind, KindField, Scope, value

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData

KEY = "hks"
PROFILE = "HKS"
#: the e-Arşiv (and any scenario's) HKS invoice types
TYPES = frozenset({"HKSSATIS", "HKSKOMISYONCU"})
KUNYE_LENGTH = 19  # HKSInvioceCheck: string-length(normalize-space(...)) = 19
_KUNYE_RE = re.compile(r"[0-9]{19}", re.ASCII)
#: schemeIDs of Item/AdditionalItemIdentification/ID (GİB's samples and general.xslt)
SCHEME_KUNYE = "KUNYENO"
SCHEME_OWNER_ID = "MALSAHIBIVKNTCKN"
SCHEME_OWNER_NAME = "MALSAHIBIADSOYADUNVAN"

TITLE = "Hal Kayıt Sistemi (HKS)"
KUNYE_LABEL = "Künye No"


def applies(profile: str, type_code: str) -> bool:
    return profile == PROFILE or type_code in TYPES


def _parse_line(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    where = f"{scope.line_index}. kalem: " if scope.line_index else ""
    kunye = "".join(str(values.get("kunye_no") or "").split())  # "2200 0001 …" as typed
    if kunye and not _KUNYE_RE.fullmatch(kunye):
        raise UserError(
            f"{where}{KUNYE_LABEL} '{_shown(kunye)}' geçersiz: HKS künye numarası "
            f"{KUNYE_LENGTH} rakamdır ({len(kunye)} karakter yazılmış). Hal Kayıt Sistemi'nin "
            "bu ürün için verdiği künye numarasını eksiksiz yazın.",
            field=f"{scope.where}kunye_no")
    owner_id = "".join(str(values.get("owner_id") or "").split())
    owner_name = values.get("owner_name") or ""
    if owner_id:
        try:
            owner_id = check_vkn_tckn(owner_id, field=f"{scope.where}owner_id")
        except UserError as exc:
            raise UserError(f"{where}Mal sahibi: {exc.message}", field=exc.field) from None
    if owner_id and not owner_name:
        raise UserError(f"{where}Mal sahibinin VKN/TCKN'si yazılmış ama adı/unvanı yok; "
                        "'Mal Sahibi Adı/Unvanı' sütununa yazın.",
                        field=f"{scope.where}owner_name")
    if owner_name and not owner_id:
        raise UserError(f"{where}Mal sahibinin adı yazılmış ama VKN/TCKN'si yok; 'Mal Sahibi "
                        "VKN/TCKN' sütununa 10 haneli vergi ya da 11 haneli T.C. kimlik "
                        "numarasını yazın.", field=f"{scope.where}owner_id")
    return {"kunye_no": kunye, "owner_id": owner_id, "owner_name": owner_name}


def _check(invoice: InvoiceData) -> None:
    """HKSInvioceCheck: every line carries its künye number."""
    for index, line in enumerate(invoice.lines, start=1):
        if not value(line.kinds.get(KEY), "kunye_no"):
            raise UserError(
                f"{index}. kalem: HKS künye numarası yazılmalı. Hal Kayıt Sistemi faturasında "
                f"her kalem, Hal Kayıt Sistemi'nin o ürün için verdiği {KUNYE_LENGTH} haneli "
                f"künye numarasını taşır; '{KUNYE_LABEL}' sütununa yazın.",
                field=f"lines[{index - 1}].{KEY}.kunye_no")


MARKET_HALL = InvoiceKind(
    key=KEY,
    title=TITLE,
    when=applies,
    line_fields=(
        KindField("kunye_no", KUNYE_LABEL, hint="HKS künye numarası, 19 rakam",
                  max_len=fields.SHORT_TEXT),
        KindField("owner_id", "Mal Sahibi VKN/TCKN",
                  hint="Komisyonla satılan malın sahibinin VKN'si ya da TCKN'si (isteğe bağlı)",
                  max_len=fields.SHORT_TEXT),
        KindField("owner_name", "Mal Sahibi Adı/Unvanı",
                  hint="Malın sahibinin adı soyadı ya da unvanı (isteğe bağlı)",
                  max_len=fields.NAME_TEXT),
    ),
    parse_line=_parse_line,
    check=_check,
    help=("Hal Kayıt Sistemi faturasında her kalem, Hal Kayıt Sistemi'nin verdiği 19 haneli "
          "künye numarasını taşır. Malı sahibi adına satıyorsanız mal sahibinin VKN/TCKN'sini "
          "ve adını da yazabilirsiniz."),
)

KINDS = (MARKET_HALL,)

__all__ = ["KEY", "KINDS", "MARKET_HALL", "SCHEME_KUNYE", "SCHEME_OWNER_ID",
           "SCHEME_OWNER_NAME", "applies"]
