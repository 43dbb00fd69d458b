"""İhracat (ProfileID IHRACAT): a sale of goods abroad, invoiced through the customs.

GİB's rules (UBL-TR_Common_Schematron.xml, "İhracat Faturaları İçin Kurallar", and GİB's
sample ``IHRACAT.xml``):

- the invoice goes to the customs administration (Gümrük ve Ticaret Bakanlığı, VKN
  1460415308, posta kutusu ``urn:mail:ihracatpk@gtb.gov.tr`` — ``IhracatYolcuBeraberCheck``,
  ``TaxFreeInvoiceCheck``): that is the ``AccountingCustomerParty``. When the invoice JSON has
  no customer, or names GTB by its VKN, Tezgâh writes GTB's data itself (``customer_of``);
  any other customer is refused, with a word on where the foreign buyer goes;
- the foreign buyer is the ``BuyerCustomerParty`` with ``PartyIdentification/ID`` ``EXPORT``
  (schemeID ``PARTYTYPE``, ``IhracatYolcuBeraberCheck``) and its official title in
  ``PartyLegalEntity/RegistrationName`` (``OfficelTitleCheck``);
- delivery terms (INCOTERMS, ``DeliveryTermCodeList``), the delivery address and the transport
  mode (``TransportModeCodeList``) on the invoice or on each line (``LineDeliveryCheck``),
  the GTİP (``GoodsItem/RequiredCustomsID``) on every line (``LineDeliveryCheck``), package
  codes from ``PackageTypeCodeList`` (``DeliveryCodeCheck``);
- the supplier's tax office (``PartyVDCheck``, checked when the XML is built: it is the
  company's, not the invoice's).

The user writes the buyer, the delivery terms and the transport mode once on the invoice
(JSON ``export``); each line carries its GTİP and, optionally, its packages (JSON
``lines[i].export``). Like GİB's sample, the XML repeats the delivery on every line.
"""

from __future__ import annotations

import re
from typing import Any

from app.domain import codes
from app.domain.errors import UserError
from app.domain.errors import shown as _shown
from app.domain.kinds import CHOICE, NUMBER, InvoiceKind, KindField, Scope, customs
from app.domain.party import Party

KEY = "export"
PROFILE = "IHRACAT"

# The customs administration every export invoice is addressed to (app.domain.kinds.customs).
GTB_VKN = customs.VKN
GTB_ALIAS = customs.alias(PROFILE)

# UBL-TR_Codelist.xml DeliveryTermCodeList (Incoterms; DAF, DES, DEQ, DDU are of 2000).
INCOTERMS: tuple[tuple[str, str], ...] = (
    ("EXW", "Fabrikada teslim"),
    ("FCA", "Taşıyıcıya teslim"),
    ("FAS", "Gemi doğrultusunda teslim"),
    ("FOB", "Gemide teslim"),
    ("CFR", "Masraflar ve navlun"),
    ("CIF", "Masraflar, sigorta ve navlun"),
    ("CPT", "Taşıma ücreti ödenmiş olarak"),
    ("CIP", "Taşıma ve sigorta ücreti ödenmiş olarak"),
    ("DAP", "Belirlenen yerde teslim"),
    ("DPU", "Boşaltılmış olarak belirlenen yerde teslim"),
    ("DDP", "Gümrük vergileri ödenmiş olarak teslim"),
    ("DAF", "Sınırda teslim"),
    ("DES", "Gemide teslim (varış limanında)"),
    ("DEQ", "Rıhtımda teslim"),
    ("DDU", "Gümrük vergileri ödenmemiş olarak teslim"),
)

# UBL-TR_Codelist.xml TransportModeCodeList, with the words of GİB's general.xslt
# (template TransportMode); 0 and 9 (UN/ECE Rec. 19: not specified / not applicable) are in
# GİB's list but not offered for a new export.
TRANSPORT_MODES: tuple[tuple[str, str], ...] = (
    ("1", "Denizyolu"),
    ("2", "Demiryolu"),
    ("3", "Karayolu"),
    ("4", "Havayolu"),
    ("5", "Posta"),
    ("6", "Çok araçlı"),
    ("7", "Sabit taşıma tesisleri"),
    ("8", "İç su taşımacılığı"),
)
TRANSPORT_MODE_WORDS = {**dict(TRANSPORT_MODES), "0": "Belirtilmemiş", "9": "Uygulanamaz"}

# The package kinds a shop ships in, from PackageTypeCodeList, with general.xslt's words
# (template Packaging).
PACKAGE_KINDS: tuple[tuple[str, str], ...] = (
    ("CT", "Karton kutu"),
    ("BX", "Kutu"),
    ("PK", "Paket"),
    ("PX", "Palet"),
    ("SA", "Çuval"),
    ("BG", "Torba"),
    ("CR", "Kasa"),
    ("BA", "Varil"),
    ("DR", "Bidon"),
    ("RO", "Rulo"),
    ("BL", "Sıkıştırılmış balya"),
    ("BE", "Bohça"),
    ("CN", "Konteyner"),
    ("NE", "Ambalajsız"),
    ("VO", "Dökme katı"),
    ("VL", "Dökme sıvı"),
)

_GTIP_RE = re.compile(r"[0-9]{12}", re.ASCII)
_GTIP_SEPARATORS = str.maketrans("", "", " .-")

FIELDS = (
    KindField("buyer_name", "Alıcının unvanı (yabancı firma)", required=True,
              hint="Malı alan yabancı firmanın resmî unvanı", max_len=300),
    KindField("buyer_tax_id", "Alıcının vergi numarası",
              hint="Alıcının kendi ülkesindeki vergi numarası (varsa)"),
    KindField("buyer_address", "Alıcının adresi", hint="Cadde, sokak, bina no",
              max_len=300),
    KindField("buyer_city", "Alıcının şehri", required=True, hint="Örnek: Hamburg"),
    KindField("buyer_country", "Alıcının ülkesi (ülke kodu)", required=True,
              hint="İki harfli ülke kodu: DE, GB, US, AZ …", max_len=3),
    # Not marked required so that the editor starts with no choice made; parse() insists.
    KindField("incoterms", "Teslim şartı (INCOTERMS)", input=CHOICE, choices=INCOTERMS),
    KindField("transport_mode", "Gönderilme şekli", input=CHOICE, choices=TRANSPORT_MODES),
    KindField("delivery_address", "Teslim/bedel ödeme yeri: adres",
              hint="Boş bırakılırsa alıcının adresi", max_len=300),
    KindField("delivery_city", "Teslim/bedel ödeme yeri: şehir",
              hint="Boş bırakılırsa alıcının şehri"),
    KindField("delivery_country", "Teslim/bedel ödeme yeri: ülke kodu",
              hint="Boş bırakılırsa alıcının ülkesi", max_len=3),
)

LINE_FIELDS = (
    KindField("gtip", "GTİP", required=True, hint="12 haneli GTİP, örnek 0206.22.00.00.00",
              max_len=20),
    KindField("package_kind", "Kap cinsi", input=CHOICE, choices=PACKAGE_KINDS),
    KindField("package_count", "Kap adedi", input=NUMBER, places=0),
    KindField("package_no", "Kap no / marka", hint="Kabın ya da konteynerin numarası"),
)


def _country(value: str, where: str, label: str) -> str:
    code = value.strip().upper()
    if code and code not in codes.COUNTRY_CODES:
        raise UserError(f"İhracat: {label} '{_shown(value)}' bir ülke kodu değil; iki harfli "
                        "ülke kodunu yazın (örnek DE Almanya, GB Birleşik Krallık, US ABD).",
                        field=where)
    if code == "TR":
        raise UserError(f"İhracat: {label} Türkiye olamaz; malın gittiği yabancı ülkenin "
                        "kodunu yazın.", field=where)
    return code


def parse(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    values = dict(values)
    values["buyer_country"] = _country(values["buyer_country"], f"{scope.where}buyer_country",
                                       "Alıcının ülkesi")
    values["delivery_country"] = _country(values["delivery_country"] or "",
                                          f"{scope.where}delivery_country",
                                          "Teslim yerinin ülkesi")
    # LineDeliveryCheck: INCOTERMS and the transport mode must be written (GİB's code lists).
    if not values["incoterms"]:
        raise UserError("İhracat: teslim şartı (INCOTERMS) seçilmeli; örnek FOB (gemide "
                        "teslim), CIF (masraflar, sigorta ve navlun), EXW (fabrikada teslim).",
                        field=f"{scope.where}incoterms")
    if not values["transport_mode"]:
        raise UserError("İhracat: gönderilme şekli seçilmeli (1 Denizyolu, 2 Demiryolu, "
                        "3 Karayolu, 4 Havayolu, 5 Posta …).",
                        field=f"{scope.where}transport_mode")
    return values


def parse_line(values: dict[str, Any], scope: Scope) -> dict[str, Any]:
    values = dict(values)
    context = f"{scope.line_index}. kalem: " if scope.line_index else ""
    gtip = str(values["gtip"] or "").translate(_GTIP_SEPARATORS)
    if not _GTIP_RE.fullmatch(gtip):
        raise UserError(f"{context}GTİP '{_shown(values['gtip'])}' geçersiz; 12 haneli GTİP "
                        "numarasını yazın (örnek 0206.22.00.00.00 ya da 020622000000).",
                        field=f"{scope.where}gtip")
    values["gtip"] = gtip
    count = values["package_count"]
    if count is not None and count <= 0:
        raise UserError(f"{context}Kap adedi 1 ya da daha büyük bir tam sayı olmalı.",
                        field=f"{scope.where}package_count")
    return values


def check(invoice: Any) -> None:
    """The customer of an export invoice is the customs administration (GTB)."""
    if invoice.customer.vkn_tckn != GTB_VKN:
        _refuse_customer()


def customs_party() -> Party:
    """GTB as the customer (AccountingCustomerParty) of an export invoice."""
    return customs.party(PROFILE)


def customer_of(raw: object, given: Party | None) -> Party:
    """The customer of an export invoice: GTB (``app.domain.kinds.customs``)."""
    return customs.customer_of(PROFILE, raw, given)


def _refuse_customer() -> None:
    customs.customer_of(PROFILE, "0000000000", None)  # raises with the scenario's words


KIND = InvoiceKind(
    key=KEY,
    title="İhracat",
    profiles=frozenset({PROFILE}),
    fields=FIELDS,
    line_fields=LINE_FIELDS,
    parse=parse,
    parse_line=parse_line,
    check=check,
    help=("İhracat faturası Gümrük ve Ticaret Bakanlığına kesilir; müşteri alanı boş "
          "kalabilir, Tezgâh bakanlığın bilgilerini yazar. Malı alan yabancı firmayı, teslim "
          "şartını ve gönderilme şeklini buraya, her kalemin GTİP'ini kalemler tablosuna "
          "yazın."),
)

KINDS = (KIND,)
