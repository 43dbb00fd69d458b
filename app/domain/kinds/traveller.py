"""Yolcu beraber eşya (tax free): goods sold to a traveller who does not live in Türkiye and
takes them abroad; KDV is charged and refunded to the traveller by an intermediary
(aracı kurum) once customs confirms the exit.

GİB's rules (UBL-TR_Common_Schematron.xml) and sample (YOLCUBERABER.xml):

- ``TaxFreeInvoiceCheck`` / ``IhracatYolcuBeraberCheck``: the invoice goes to the customs
  administration (GTB, VKN 1460415308, posta kutusu ``urn:mail:yolcuberaberpk@gtb.gov.tr``),
  so ``AccountingCustomerParty`` is GTB. An invoice of this scenario written with no customer
  gets GTB (``customs_party``); any other customer is refused.
- ``IhracatYolcuBeraberCheck``: a ``BuyerCustomerParty`` whose ``PartyIdentification/ID`` is
  ``TAXFREE`` with schemeID ``PARTYTYPE`` — the traveller, as a ``Person``.
- ``TaxFreeNationalityIDCheck``: ``Person/NationalityID`` from GİB's CountryCodeList.
- ``PassportIDCheck``: ``Person/IdentityDocumentReference/ID`` (the passport number) not
  empty; its ``IssueDate`` is required by the XSD (DocumentReferenceType).
- ``TaxRepresentativePartyCheck``: ``TaxRepresentativeParty`` (the intermediary) with one
  ``PartyIdentification/ID`` schemeID ``ARACIKURUMVKN`` of 10 or 11 digits and one schemeID
  ``ARACIKURUMETIKET`` not empty (its label, e.g. ``urn:mail:yolcuberaberpk@firma.com.tr``).
  Both parties carry a ``PostalAddress`` (XSD: CitySubdivisionName, CityName, Country/Name).
- Karekod Standardı Kılavuzu V1.2 §2.1.1: the karekod adds ``pasaportno`` and
  ``aracikurumvkn`` (``app.pdf.karekod``).

The traveller's residence is outside Türkiye (KDV Kanunu 11/1-b: "Türkiye'de ikamet
etmeyenlere"), so the country of the address may not be TR; the nationality may (a Turkish
citizen living abroad).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from app.domain import codes
from app.domain.errors import UserError
from app.domain.errors import shown as _shown
from app.domain.identity import check_vkn_tckn
from app.domain.kinds import DATE, InvoiceKind, KindField, Scope, customs, value
from app.domain.party import ALIAS_RE, Party

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData

KEY = "traveller"
PROFILE = "YOLCUBERABERFATURA"
TITLE = "Yolcu Beraber (Tax Free)"

#: TaxFreeInvoiceCheck: the customs administration every tax-free invoice is sent to
#: (app.domain.kinds.customs)
CUSTOMS_VKN = customs.VKN
CUSTOMS_ALIAS = customs.alias(PROFILE)

#: BuyerCustomerParty/Party/PartyIdentification/ID and its schemeID (IhracatYolcuBeraberCheck)
PARTY_TYPE = "TAXFREE"
PARTY_TYPE_SCHEME = "PARTYTYPE"
#: TaxRepresentativeParty/PartyIdentification/ID schemeIDs (TaxRepresentativePartyCheck)
SCHEME_VKN = "ARACIKURUMVKN"
SCHEME_LABEL = "ARACIKURUMETIKET"

_COUNTRY_HINT = "iki harfli ülke kodu: GB, DE, RU, US …"


def customs_party() -> Party:
    """GTB as the invoice's customer (AccountingCustomerParty)."""
    return customs.party(PROFILE)


def customer_of(raw: object, given: Party | None) -> Party:
    """The customer of a YOLCUBERABERFATURA: GTB (``app.domain.kinds.customs``)."""
    return customs.customer_of(PROFILE, raw, given)


def _country(raw: object, field: str, label: str) -> str:
    code = str(raw or "").strip().upper()
    if code not in codes.COUNTRY_CODES:
        raise UserError(f"{label} '{_shown(code)}' geçersiz; {_COUNTRY_HINT}.", field=field)
    return code


def _parse(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    w = scope.where
    out = dict(values)
    out["nationality"] = _country(values["nationality"], f"{w}nationality", "Yolcunun uyruğu")
    out["country"] = _country(values["country"], f"{w}country", "Yolcunun ikamet ülkesi")
    if out["country"] == "TR":
        raise UserError("Yolcu beraber (tax free) satış Türkiye'de ikamet etmeyen yolcuya "
                        "yapılır: yolcunun yurt dışındaki adresinin ülkesini yazın (TR olamaz).",
                        field=f"{w}country")
    out["passport_no"] = "".join(str(values["passport_no"]).split()).upper()
    try:
        out["intermediary_vkn"] = check_vkn_tckn(str(values["intermediary_vkn"]),
                                                 field=f"{w}intermediary_vkn")
    except UserError as exc:
        raise UserError(f"Aracı kurum: {exc.message}", field=exc.field) from None
    label = "".join(str(values["intermediary_label"]).split())
    if not ALIAS_RE.fullmatch(label):
        raise UserError(f"Aracı kurum etiketi '{_shown(label)}' geçersiz; aracı kurumun "
                        "GİB'deki posta kutusu etiketini yazın (örnek "
                        "urn:mail:yolcuberaberpk@firma.com.tr).",
                        field=f"{w}intermediary_label")
    out["intermediary_label"] = label
    return out


def _check(invoice: InvoiceData) -> None:
    block = invoice.kinds.get(KEY) or {}
    issued = value(block, "passport_date", None)
    if issued is not None and issued > invoice.issue_date:
        raise UserError(f"Pasaportun veriliş tarihi ({issued:%d.%m.%Y}) fatura tarihinden "
                        "sonra olamaz; pasaporttaki veriliş tarihini yazın.",
                        field=f"{KEY}.passport_date")


KIND = InvoiceKind(
    key=KEY,
    title=TITLE,
    profiles=frozenset({PROFILE}),
    fields=(
        KindField("first_name", "Yolcunun adı", required=True, hint="Pasaporttaki gibi"),
        KindField("family_name", "Yolcunun soyadı", required=True, hint="Pasaporttaki gibi"),
        KindField("nationality", "Uyruğu (ülke kodu)", required=True,
                  hint=_COUNTRY_HINT),
        KindField("passport_no", "Pasaport no", required=True),
        KindField("passport_date", "Pasaport veriliş tarihi", input=DATE, required=True),
        KindField("country", "İkamet ülkesi (ülke kodu)", required=True,
                  hint=_COUNTRY_HINT),
        KindField("city", "İkamet şehri", required=True, hint="örnek London"),
        KindField("district", "Semt/bölge", hint="boş bırakılırsa şehir yazılır"),
        KindField("street", "Adres (cadde, no)", max_len=300),
        KindField("intermediary_name", "Aracı kurumun unvanı", required=True, max_len=300,
                  hint="Tax free iadesini yapan firma"),
        KindField("intermediary_vkn", "Aracı kurum VKN", required=True,
                  hint="10 haneli vergi numarası"),
        KindField("intermediary_label", "Aracı kurum etiketi", required=True, max_len=300,
                  hint="urn:mail:yolcuberaberpk@firma.com.tr"),
        KindField("intermediary_city", "Aracı kurumun ili", required=True),
        KindField("intermediary_district", "Aracı kurumun ilçesi", required=True),
    ),
    parse=_parse,
    check=_check,
    help="Türkiye'de ikamet etmeyen yolcuya KDV'li satış: fatura GTB'ye (Gümrük, VKN "
         "1460415308) gider, müşteri otomatik yazılır. Yolcunun pasaport bilgilerini ve KDV "
         "iadesini yapan aracı kurumu yazın.",
)

KINDS: tuple[InvoiceKind, ...] = (KIND,)

__all__ = ["CUSTOMS_ALIAS", "CUSTOMS_VKN", "KEY", "KIND", "KINDS", "PROFILE", "customer_of",
           "customs_party"]
