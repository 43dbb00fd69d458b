"""GİB code lists in one place: profiles, invoice types, units, tax and exemption codes.

Membership and withholding rates mirror ``UBL-TR_Codelist.xml`` in GİB's e-FaturaPaketi
(schematron ``let`` variables ``ProfileIDType``, ``InvoiceTypeCodeList``,
``WithholdingTaxTypeWithPercent``, ``TaxExemptionReasonCodeType``, ``UnitCodeList``,
``CurrencyCodeList``). ``tests/unit/test_codes.py`` checks every code here against GİB's
file, so a rules update that drops a code shows up as a failing test, not as an invoice
GİB refuses. The Turkish names are for display only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from pathlib import Path


class Profile(StrEnum):
    TEMELFATURA = "TEMELFATURA"
    TICARIFATURA = "TICARIFATURA"
    EARSIVFATURA = "EARSIVFATURA"
    KAMU = "KAMU"  # invoices to public administrations: the payee's TR IBAN is required
    YOLCUBERABERFATURA = "YOLCUBERABERFATURA"  # tax free: to GTB, the traveller as buyer
    HKS = "HKS"  # Hal Kayıt Sistemi: every line carries its 19-digit künye (HKSInvioceCheck)
    ILAC_TIBBICIHAZ = "ILAC_TIBBICIHAZ"  # each line: an ILAC, TIBBICIHAZ or DIGER code
    IDIS = "IDIS"  # İDİS (rebar): SEVKIYATNO on the seller, ETIKETNO on every line
    ENERJI = "ENERJI"  # electric vehicle charging (e-Fatura): types SARJ and SARJANLIK only
    IHRACAT = "IHRACAT"  # export: to GTB (customs), the foreign buyer, INCOTERMS, GTİP
    OZELFATURA = "OZELFATURA"  # GİB's özel fatura: no data rules of its own
    YATIRIMTESVIK = "YATIRIMTESVIK"  # to an investment incentive certificate (YTB) holder


class InvoiceType(StrEnum):
    SATIS = "SATIS"
    IADE = "IADE"
    TEVKIFAT = "TEVKIFAT"
    ISTISNA = "ISTISNA"
    OZELMATRAH = "OZELMATRAH"
    IHRACKAYITLI = "IHRACKAYITLI"
    KONAKLAMAVERGISI = "KONAKLAMAVERGISI"  # accommodation: lines carry konaklama vergisi (0059)
    HKSSATIS = "HKSSATIS"  # HKS sale (GİB's e-Arşiv HKS type): lines carry their künye
    HKSKOMISYONCU = "HKSKOMISYONCU"  # HKS commission agent's invoice: lines carry their künye
    SARJ = "SARJ"  # EV charging over a period (ENERJI, or e-Arşiv)
    SARJANLIK = "SARJANLIK"  # one EV charging session (ENERJI, or e-Arşiv)
    TEKNOLOJIDESTEK = "TEKNOLOJIDESTEK"  # phones/tablets, technology support: e-Arşiv only
    TEVKIFATIADE = "TEVKIFATIADE"  # return of a withholding invoice: KDV not withheld
    SGK = "SGK"  # to the Sosyal Güvenlik Kurumu: health invoice type and period
    KOMISYONCU = "KOMISYONCU"  # a commission agent's invoice
    # e-Arşiv invoices to an investment incentive certificate holder, each as the type it
    # is named after (app.domain.kinds.investment)
    YTBSATIS = "YTBSATIS"
    YTBIADE = "YTBIADE"
    YTBISTISNA = "YTBISTISNA"
    YTBTEVKIFAT = "YTBTEVKIFAT"
    YTBTEVKIFATIADE = "YTBTEVKIFATIADE"


PROFILE_NAMES: dict[Profile, str] = {
    Profile.TEMELFATURA: "Temel Fatura",
    Profile.TICARIFATURA: "Ticari Fatura",
    Profile.EARSIVFATURA: "e-Arşiv Fatura",
    Profile.KAMU: "Kamu",
    Profile.YOLCUBERABERFATURA: "Yolcu Beraber Fatura",
    Profile.HKS: "Hal Kayıt Sistemi (HKS)",
    Profile.ILAC_TIBBICIHAZ: "İlaç ve Tıbbi Cihaz",
    Profile.IDIS: "İDİS",
    Profile.ENERJI: "Enerji",
    Profile.IHRACAT: "İhracat",
    Profile.OZELFATURA: "Özel Fatura",
    Profile.YATIRIMTESVIK: "Yatırım Teşvik",
}

INVOICE_TYPE_NAMES: dict[InvoiceType, str] = {
    InvoiceType.SATIS: "Satış",
    InvoiceType.IADE: "İade",
    InvoiceType.TEVKIFAT: "Tevkifat",
    InvoiceType.ISTISNA: "İstisna",
    InvoiceType.OZELMATRAH: "Özel Matrah",
    InvoiceType.IHRACKAYITLI: "İhraç Kayıtlı",
    InvoiceType.KONAKLAMAVERGISI: "Konaklama Vergisi",
    InvoiceType.HKSSATIS: "HKS Satış",
    InvoiceType.HKSKOMISYONCU: "HKS Komisyoncu",
    InvoiceType.SARJ: "Şarj",
    InvoiceType.SARJANLIK: "Şarj Anlık",
    InvoiceType.TEKNOLOJIDESTEK: "Teknoloji Destek",
    InvoiceType.TEVKIFATIADE: "Tevkifat İade",
    InvoiceType.SGK: "SGK",
    InvoiceType.KOMISYONCU: "Komisyoncu",
    InvoiceType.YTBSATIS: "YTB Satış",
    InvoiceType.YTBIADE: "YTB İade",
    InvoiceType.YTBISTISNA: "YTB İstisna",
    InvoiceType.YTBTEVKIFAT: "YTB Tevkifat",
    InvoiceType.YTBTEVKIFATIADE: "YTB Tevkifat İade",
}

# Words for every scenario and type GİB's code list knows (UBL-TR_Codelist.xml ProfileIDType,
# ProfileIDTypeEarchive, InvoiceTypeCodeList), for showing a received or imported invoice;
# a code not listed here is shown as written.
GIB_PROFILE_WORDS: dict[str, str] = {
    **{p.value: name for p, name in PROFILE_NAMES.items()},
    "YOLCUBERABERFATURA": "Yolcu Beraber Fatura",
    "IHRACAT": "İhracat",
    "OZELFATURA": "Özel Fatura",
    "KAMU": "Kamu",
    "HKS": "Hal Kayıt Sistemi (HKS)",
    "ENERJI": "Enerji",
    "ILAC_TIBBICIHAZ": "İlaç ve Tıbbi Cihaz",
    "YATIRIMTESVIK": "Yatırım Teşvik",
    "IDIS": "İDİS",
}

GIB_TYPE_WORDS: dict[str, str] = {
    **{t.value: name for t, name in INVOICE_TYPE_NAMES.items()},
    "TEVKIFATIADE": "Tevkifat İade",
    "SGK": "SGK",
    "KOMISYONCU": "Komisyoncu",
    "HKSSATIS": "HKS Satış",
    "HKSKOMISYONCU": "HKS Komisyoncu",
    "KONAKLAMAVERGISI": "Konaklama Vergisi",
    "SARJ": "Şarj",
    "SARJANLIK": "Şarj Anlık",
    "TEKNOLOJIDESTEK": "Teknoloji Destek",
    "YTBSATIS": "YTB Satış",
    "YTBIADE": "YTB İade",
    "YTBISTISNA": "YTB İstisna",
    "YTBTEVKIFAT": "YTB Tevkifat",
    "YTBTEVKIFATIADE": "YTB Tevkifat İade",
}


def profile_words(code: str) -> str:
    """``EARSIVFATURA`` → ``e-Arşiv Fatura``; an unknown code as written."""
    return GIB_PROFILE_WORDS.get(code.strip().upper(), code) if code else ""


def type_words(code: str) -> str:
    """``SATIS`` → ``Satış``; an unknown code as written."""
    return GIB_TYPE_WORDS.get(code.strip().upper(), code) if code else ""


# Which types each profile accepts: every pair GİB's schematron accepts
# (``app.domain.combinations``, proven against it by tests/unit/test_combinations.py) among
# the scenarios and types Tezgâh issues. TICARIFATURA, for example, has no IADE: a commercial
# invoice is returned with an application response ("Ticari faturalar ... uygulama yanıtı ile
# reddedilir/iade edilir" — UBL-TR guide, ProfileID).
def _allowed_types() -> dict[Profile, tuple[InvoiceType, ...]]:
    from app.domain.combinations import combination_problem

    return {p: tuple(t for t in InvoiceType if not combination_problem(p.value, t.value))
            for p in Profile}


ALLOWED_TYPES: dict[Profile, tuple[InvoiceType, ...]] = _allowed_types()

# Code 555 (GİB code list 2026-03-12, History.txt "DemirbasKDVTaxExemptionCheck eklendi"):
# written on a line whose KDV is computed (never with KDV %0), only in TEMELFATURA,
# TICARIFATURA and EARSIVFATURA, and not in ISTISNA or IHRACKAYITLI invoices (nor in the
# e-Arşiv YTB types). GİB's package gives the code without a name; the words below are ours.
DEMIRBAS_KDV_CODE = "555"
DEMIRBAS_KDV_NAME = "Demirbaş KDV"
DEMIRBAS_KDV_PROFILES = frozenset({"TEMELFATURA", "TICARIFATURA", "EARSIVFATURA"})
DEMIRBAS_KDV_REFUSED_TYPES = frozenset({"ISTISNA", "IHRACKAYITLI"})


def demirbas_kdv_allowed(profile: str, type_code: str) -> bool:
    """Whether a line of this scenario and type may carry 555 (GİB's
    DemirbasKDVTaxExemptionCheck: TEMEL/TICARI/EARSIV, not ISTISNA or IHRACKAYITLI, not the
    e-Arşiv YTB types)."""
    return (profile in DEMIRBAS_KDV_PROFILES and type_code not in DEMIRBAS_KDV_REFUSED_TYPES
            and not (profile == "EARSIVFATURA" and type_code.startswith("YTB")))

# Konaklama vergisi (7194 s. Kanun, TaxTypeCode 0059): the KONAKLAMAVERGISI invoice type is
# the accommodation invoice; at least one of its lines carries this tax.
ACCOMMODATION_TAX_CODE = "0059"

# UBL-TR_Common_Schematron.xml, ProfileID rule: "ProfileID 'KAMU' iken
# cac:PaymentMeans/cac:PayeeFinancialAccount/cbc:ID alanına geçerli bir Türkiye IBAN
# numarası yazılmalıdır" — matches('^TR\d{7}[A-Z0-9]{17}$').
KAMU_IBAN_RE = re.compile(r"TR[0-9]{7}[A-Z0-9]{17}", re.ASCII)


def profile_for_receiver(current: Profile, einvoice_user: bool) -> Profile:
    """The profile an invoice to this receiver takes: only GİB's registered e-Fatura users
    receive e-Fatura (TEMELFATURA, or the TICARIFATURA already chosen); everyone else gets
    e-Arşiv. ``current`` is kept whenever it already fits."""
    if (current is Profile.EARSIVFATURA) != einvoice_user:
        return current
    return Profile.TEMELFATURA if einvoice_user else Profile.EARSIVFATURA

KDV_TAX_CODE = "0015"  # GİB TaxTypeCode of KDV (Gerçek Usulde Katma Değer Vergisi)
KDV_RATES: tuple[Decimal, ...] = (Decimal(0), Decimal(1), Decimal(10), Decimal(20))

# Other taxes a line may carry (TaxTypeCode → name). Subset of GİB's TaxType list.
OTHER_TAXES: dict[str, str] = {
    "0071": "ÖTV 1. Liste",
    "0073": "ÖTV 3. Liste",
    "0074": "ÖTV 4. Liste",
    "0075": "ÖTV 3A Liste",
    "0076": "ÖTV 3B Liste",
    "0077": "ÖTV 3C Liste",
    "4080": "Özel İletişim Vergisi",
    "4081": "5035 Sayılı Kanuna Göre Özel İletişim Vergisi",
    "9015": "KDV Tevkifat",  # withholding, carried in WithholdingTaxTotal, not a line tax
    "0059": "Konaklama Vergisi",
    "8001": "Borsa Tescil Ücreti",
    "0003": "Gelir Vergisi Stopajı",
    "0011": "Kurumlar Vergisi Stopajı",
}
LINE_TAX_CODES: tuple[str, ...] = ("0071", "0073", "0074", "0075", "0076", "0077",
                                   "4080", "4081", "0059", "8001")


@dataclass(frozen=True)
class WithholdingCode:
    code: str
    rate: Decimal  # percent of the KDV that the buyer withholds
    name: str


# KDV withholding (tevkifat): code + rate pairs as in GİB's WithholdingTaxTypeWithPercent.
# Codes whose GİB list carries two rates (603, 609, 612, 613, 615, 627 …) appear once per rate.
_WITHHOLDING_NAMES = {
    "601": "Yapım işleri ile mühendislik-mimarlık ve etüt-proje hizmetleri",
    "602": "Etüt, plan-proje, danışmanlık, denetim ve benzeri hizmetler",
    "603": "Makine, teçhizat, demirbaş ve taşıtlara ait tadil, bakım ve onarım hizmetleri",
    "604": "Yemek servis hizmeti",
    "605": "Organizasyon hizmeti",
    "606": "İşgücü temin hizmetleri",
    "607": "Özel güvenlik hizmeti",
    "608": "Yapı denetim hizmetleri",
    "609": "Fason tekstil ve konfeksiyon işleri, çanta ve ayakkabı dikim işleri",
    "610": "Turistik mağazalara verilen müşteri bulma/götürme hizmetleri",
    "611": "Spor kulüplerinin yayın, reklam ve isim hakkı gelirleri",
    "612": "Temizlik hizmeti",
    "613": "Çevre ve bahçe bakım hizmetleri",
    "614": "Servis taşımacılığı hizmeti",
    "615": "Her türlü baskı ve basım hizmetleri",
    "616": "5018 sayılı Kanun kapsamındaki idarelere yapılan diğer hizmetler",
    "617": "Hurda metalden elde edilen külçe teslimleri",
    "618": "Bakır, çinko, demir-çelik, alüminyum ve kurşun külçe teslimi",
    "619": "Bakır, çinko, alüminyum ve kurşun ürünlerinin teslimi",
    "620": "İstisnadan vazgeçenlerin hurda ve atık teslimi",
    "621": "Hurda ve atıklardan elde edilen hammadde teslimi",
    "622": "Pamuk, tiftik, yün, yapağı, ham post ve deri teslimleri",
    "623": "Ağaç ve orman ürünleri teslimi",
    "624": "Yük taşımacılığı hizmeti",
    "625": "Ticari reklam hizmetleri",
    "626": "Diğer teslimler",
    "627": "Demir-çelik ürünlerinin teslimi",
}
_WITHHOLDING_WITH_PERCENT = (
    "60130,60140,60290,60350,60370,60450,60550,60690,60790,60890,60950,60970,61090,61190,"
    "61270,61290,61370,61390,61450,61550,61570,61650,61770,61870,61970,62070,62190,62290,"
    "62350,62420,62530,62620,62740,62750"
)
WITHHOLDING_CODES: dict[tuple[str, Decimal], WithholdingCode] = {}
for _item in _WITHHOLDING_WITH_PERCENT.split(","):
    _code, _rate = _item[:3], Decimal(_item[3:])
    WITHHOLDING_CODES[(_code, _rate)] = WithholdingCode(_code, _rate, _WITHHOLDING_NAMES[_code])


def withholding_rates(code: str) -> list[Decimal]:
    """The rates GİB allows for a withholding code, highest first."""
    return sorted((r for c, r in WITHHOLDING_CODES if c == code), reverse=True)


# Exemption reasons (TaxExemptionReasonCode) for KDV 0 lines, by invoice type.
# ISTISNA: 3xx full exemptions; OZELMATRAH: 8xx; IHRACKAYITLI: 7xx. SATIS (and TEVKIFAT) with
# KDV 0 uses 351 "KDV – İstisna Olmayan Diğer" (schematron TaxExemptionReasonCodeCheck allows
# 351 on any type since it is not in istisnaTaxExemptionReasonCodeType).
EXEMPTION_CODES: dict[str, str] = {
    "301": "11/1-a Mal ihracatı",
    "302": "11/1-a Hizmet ihracatı",
    "303": "11/1-a Roaming hizmetleri",
    "304": "13/a Deniz hava ve demiryolu taşıma araçlarının teslimi",
    "305": "13/b Deniz ve hava taşıma araçları için liman ve hava meydanlarında yapılan hizmetler",
    "306": "13/c Petrol aramaları ve petrol boru hatlarının inşa ve modernizasyonuna ilişkin teslim ve hizmetler",
    "307": "13/c Maden arama, altın, gümüş ve platin madenleri için işletme, zenginleştirme ve rafinaj faaliyetlerine ilişkin teslim ve hizmetler",
    "308": "13/d Teşvikli yatırım mallarının teslimi",
    "309": "13/e Limanlar ve hava meydanlarının inşası, yenilenmesi ve genişletilmesi",
    "310": "13/f Ulusal güvenlik amaçlı teslim ve hizmetler",
    "311": "14/1 Uluslararası taşımacılık",
    "312": "15/a Diplomatik organ ve misyonlara yapılan teslim ve hizmetler",
    "313": "15/b Uluslararası kuruluşlara yapılan teslim ve hizmetler",
    "314": "19/2 Usulüne göre yürürlüğe girmiş uluslararası anlaşmalar kapsamındaki istisnalar",
    "315": "14/3 İhraç konusu eşyayı taşıyan kamyon, çekici ve yarı romörklara yapılan motorin teslimleri",
    "316": "11/1-a Serbest bölgelerdeki müşteriler için yapılan fason hizmetler",
    "317": "17/4-s Engellilerin eğitimleri, meslekleri ve günlük yaşamlarına ilişkin araç-gereç ve bilgisayar programları",
    "318": "Geçici 29 3996 sayılı Kanuna göre yap-işlet-devret modeli çerçevesinde gerçekleştirilecek projeler",
    "319": "13/g Başbakanlık Merkez Binası ve Başbakanlık Ofisi Yerleşkesi inşası",
    "320": "Geçici 16 (6111 sayılı K.) ISMEP kapsamında İstanbul İl Özel İdaresi'ne bağışlanacak eşya",
    "321": "Geçici 26 Birleşmiş Milletler (BM) ile Kuzey Atlantik Antlaşması Teşkilatı (NATO) temsilcilikleri",
    "322": "11/1-a Türkiye'de ikamet etmeyenlere özel fatura ile yapılan teslimler (Bavul Ticareti)",
    "323": "13/ğ 5300 sayılı Kanuna göre düzenlenen ürün senetlerinin ihtisas/ticaret borsaları aracılığıyla ilk teslimi",
    "324": "13/h Türkiye Kızılay Derneğine yapılan teslim ve hizmetler",
    "325": "13/ı Yem teslimleri",
    "326": "13/ı Gübrelerin teslimi",
    "327": "13/ı Gübrelerin içeriğinde bulunan hammaddelerin gübre üreticilerine teslimi",
    "328": "13/i Konut veya işyeri teslimleri",
    "350": "Diğerleri",
    "351": "KDV – İstisna Olmayan Diğer",
}
SPECIAL_BASE_CODES: dict[str, str] = {
    "801": "Milli Piyango, Spor Toto vb. oyunlar",
    "802": "At yarışları ve diğer müşterek bahis ve talih oyunları",
    "803": "Profesyonel sanatçıların yer aldığı gösteriler, konserler, profesyonel sporcuların katıldığı sportif faaliyetler, maçlar, yarışlar ve yarışmalar",
    "804": "Gümrük depolarında ve müzayede mahallerinde yapılan satışlar",
    "805": "Altından mamül veya altın ihtiva eden ziynet eşyaları ile sikke altınların teslimi",
    "806": "Tütün mamülleri",
    "807": "Muzır neşriyat kapsamındaki gazete, dergi vb. periyodik yayınlar",
    "808": "Külçe gümüş ve gümüşten mamul eşya teslimi",
    "809": "Belediyeler tarafından yapılan şehiriçi yolcu taşımacılığında kullanılan biletlerin ve kartların bayilere teslimi",
    "810": "Ön ödemeli elektronik haberleşme hizmetleri",
    "811": "TŞOF tarafından araç plakaları ile sürücü kurslarında kullanılan bir kısım evrakın teslimi",
    "812": "KDV Genel Uygulama Tebliğinin (I/C-2.1.4.3.) bölümünde yer alan özel matrah şekli",
}
EXPORT_REGISTERED_CODES: dict[str, str] = {
    "701": "3065 s. KDV Kanunu 11/1-c maddesi kapsamındaki ihraç kayıtlı satışlar",
    "702": "DİİB ve geçici kabul rejimi kapsamındaki satışlar",
    "703": "4760 sayılı ÖTV Kanunu 8/2 maddesi kapsamında yapılan ihraç kayıtlı satışlar",
    "704": "3065 s. KDV Kanunu 11/1-c ve 4760 s. ÖTV Kanunu 8/2 maddeleri kapsamındaki ihraç "
           "kayıtlı satışlar",
}
ZERO_KDV_DEFAULT_CODE = "351"

# KDV exemption codes of GİB's current list (TaxExemptionReasonCodeType, History.txt
# 20250911 "TaxExemptionReasonCodeType güncellendi") whose wording GİB's package does not give
# and Tezgâh does not know. They are offered on İSTİSNA lines with their code as the reason
# ("İstisna kodu 329"); the line's exemption_reason replaces it with the law's wording.
UNNAMED_EXEMPTION_CODES: tuple[str, ...] = tuple(str(c) for c in range(329, 345))


def unnamed_exemption_words(code: str) -> str:
    return f"İstisna kodu {code}"


def exemption_codes_with_unnamed() -> dict[str, str]:
    """The 3xx codes Tezgâh names, then GİB's codes it has no wording for."""
    return {**EXEMPTION_CODES, **{c: unnamed_exemption_words(c)
                                  for c in UNNAMED_EXEMPTION_CODES if c not in EXEMPTION_CODES}}

# The exemption codes a line of each type may carry (see schematron TaxExemptionReasonCodeCheck).
EXEMPTIONS_BY_TYPE: dict[InvoiceType, dict[str, str]] = {
    InvoiceType.ISTISNA: {k: v for k, v in exemption_codes_with_unnamed().items() if k != "351"},
    InvoiceType.OZELMATRAH: SPECIAL_BASE_CODES,
    InvoiceType.IHRACKAYITLI: {k: v for k, v in EXPORT_REGISTERED_CODES.items() if k != "702"},
}


def exemption_choices(inv_type: InvoiceType) -> dict[str, str]:
    """The exemption codes offered for a line of this type: the type's own list, else only
    the 0 % KDV default (351)."""
    return EXEMPTIONS_BY_TYPE.get(
        inv_type, {ZERO_KDV_DEFAULT_CODE: EXEMPTION_CODES[ZERO_KDV_DEFAULT_CODE]})


def carries_withholding(inv_type: InvoiceType) -> bool:
    """Lines carry a withholding (tevkifat) code only on TEVKIFAT invoices (and YTBTEVKIFAT,
    its e-Arşiv investment-incentive twin), on TEVKIFATIADE (the withholding of the returned
    invoice) and on SGK (GeneralWithholdingTaxTotalCheck allows it there)."""
    return inv_type is InvoiceType.TEVKIFAT or inv_type.value in (
        "YTBTEVKIFAT", "TEVKIFATIADE", "SGK", "YTBTEVKIFATIADE")


def carries_exemption_code(inv_type: InvoiceType) -> bool:
    """Lines choose an exemption, special-base or export code on the types that have their
    own list (İSTİSNA, ÖZEL MATRAH, İHRAÇ KAYITLI)."""
    return inv_type in EXEMPTIONS_BY_TYPE


# Yatırım teşvik (investment incentive certificate holders): GİB's e-Fatura scenario
# YATIRIMTESVIK and its e-Arşiv types (UBL-TR_Codelist.xml YatirimTesvikEArsivInvoiceTypeCodeList).
# Each YTB type behaves as the type it is named after (app.domain.kinds.investment).
INVESTMENT_PROFILE = "YATIRIMTESVIK"
INVESTMENT_TYPES = frozenset({"YTBSATIS", "YTBIADE", "YTBISTISNA", "YTBTEVKIFAT",
                              "YTBTEVKIFATIADE"})
#: Types that name the invoice they return (BillingReference, schematron IADEInvioceCheck).
RETURN_TYPES = frozenset({"IADE", "TEVKIFATIADE", "YTBIADE", "YTBTEVKIFATIADE"})
INVESTMENT_RETURN_TYPES = RETURN_TYPES
#: Returns of a withholding invoice: only the KDV not withheld is given back and GİB's
#: stylesheet reads a line's KDV as "İade Edilen Mal Oranı" of the "Tevkifatsız KDV Tutarı"
#: (GeneralWithholdingTaxTotalCheck: no WithholdingTaxTotal; app.domain.totals).
WITHHOLDING_RETURN_TYPES = frozenset({"TEVKIFATIADE", "YTBTEVKIFATIADE"})
#: the exemption code of an investment-incentive İSTİSNA line, by its harcama tipi
#: (schematron YatirimTesvikTaxExemptionReasonCode308Check / …339Check)
INVESTMENT_EXEMPTION_BY_CLASS = {"01": "308", "02": "339"}
INVESTMENT_EXEMPTIONS: dict[str, str] = {
    "308": EXEMPTION_CODES["308"],
    "339": "Yatırım teşvik belgesi kapsamındaki inşaat işleri (harcama tipi 02)",
}


def is_investment(profile: str, type_code: str) -> bool:
    """A YATIRIMTESVIK invoice, or an e-Arşiv invoice of a YTB type: where GİB's YatirimTesvik
    rules apply (elsewhere a YTB type is read as the type it is named after)."""
    return str(profile) == INVESTMENT_PROFILE or (
        str(profile) == "EARSIVFATURA" and str(type_code) in INVESTMENT_TYPES)


def investment_exempt(profile: str | None, type_code: str) -> bool:
    """Investment-incentive İSTİSNA: KDV computed and shown but not added to the total
    (CalculationSequenceNumeric -1), exemption 308 or 339. ``None``: the scenario is not
    known yet (a line being typed); YTBISTISNA is then read as an e-Arşiv one."""
    if str(type_code) == "YTBISTISNA":
        return profile in (None, "EARSIVFATURA")
    return str(profile) == INVESTMENT_PROFILE and str(type_code) == "ISTISNA"


# YTBISTISNA reads as ISTISNA (in e-Arşiv its lines take 308 or 339, with KDV computed)
EXEMPTIONS_BY_TYPE[InvoiceType.YTBISTISNA] = {**EXEMPTIONS_BY_TYPE[InvoiceType.ISTISNA],
                                              **INVESTMENT_EXEMPTIONS}

# UN/ECE Recommendation 20 units commonly used in Turkey, with Turkish names.
UNITS: dict[str, str] = {
    "C62": "Adet",
    "NIU": "Adet (parça)",
    "KGM": "Kilogram",
    "GRM": "Gram",
    "TNE": "Ton",
    "LTR": "Litre",
    "MLT": "Mililitre",
    "MTR": "Metre",
    "CMT": "Santimetre",
    "MTK": "Metrekare",
    "MTQ": "Metreküp",
    "HUR": "Saat",
    "DAY": "Gün",
    "MON": "Ay",
    "ANN": "Yıl",
    "MIN": "Dakika",
    "PA": "Paket",
    "BX": "Kutu",
    "SET": "Set",
    "PR": "Çift",
    "KWH": "Kilovatsaat",
    "D30": "Brüt kalori değeri",
}
# Short names, as printed on invoices and typed in the lines table; also for units met on
# received invoices that Tezgâh does not offer for new ones.
UNIT_SHORT: dict[str, str] = {
    "C62": "Adet", "NIU": "Adet", "H87": "Adet", "KGM": "kg", "GRM": "g", "TNE": "ton",
    "LTR": "lt", "MLT": "ml", "MTR": "m", "CMT": "cm", "KTM": "km", "MTK": "m²", "MTQ": "m³",
    "HUR": "saat", "MIN": "dakika", "DAY": "gün", "WEE": "hafta", "MON": "ay", "ANN": "yıl",
    "PA": "paket", "BX": "kutu", "SET": "takım", "PR": "çift", "KWH": "kWh", "MWH": "MWh",
    "SM3": "Sm³", "D30": "Brüt kalori",
    # the rest of the units GİB's own stylesheet (general.xslt) names
    "KJO": "kJ", "MGM": "mg", "NT": "net ton", "GT": "gross ton", "MMT": "mm", "MMQ": "mm³",
    "CLT": "cl", "CMK": "cm²", "CMQ": "cm³", "DMK": "dm²", "D61": "dakika", "D62": "saniye",
    "CCT": "ton baş. taşıma kap.", "D40": "1000 lt", "LPA": "saf alkol lt", "B32": "kg.m²",
    "NCL": "hücre adet", "R9": "1000 m³", "T3": "1000 adet", "Q37": "SCM", "Q39": "NCM",
    "J39": "mmBTU", "G52": "cm³", "DZN": "düzine", "CT": "karat", "LM": "metre tül",
    "AMVT": "asgari maktu vergi tutarı", "HAGR": "has ağırlık",
    # codes of GİB's UnitCodeList (UN/ECE Rec. 20) that other producers send
    "EA": "Adet",  # each
    "26": "ton",  # actual ton
}


def unit_words(code: str) -> str:
    """A unit code as a reader says it (``C62`` → ``Adet``); an unknown code as written."""
    code = (code or "").strip()
    return UNIT_SHORT.get(code.upper(), code)

COUNTRY_NAMES: dict[str, str] = {
    "TR": "Türkiye", "DE": "Almanya", "US": "Amerika Birleşik Devletleri",
    "GB": "Birleşik Krallık", "FR": "Fransa", "NL": "Hollanda", "IT": "İtalya",
    "AZ": "Azerbaycan", "RU": "Rusya",
}

# GİB's CountryCodeList (UBL-TR_Codelist.xml), the codes schematron CountryCodeCheck accepts.
_COUNTRY_LIST = """
AF AX AL DZ AS AD AO AI AQ AG AR AM AW AU AT AZ BS BH BD BB BY BE BZ BJ BM BT BO BA BW BV BR IO
BN BG BF BI KH CM CA CV KY CF TD CL CW CN CX CC CO KM CG CD CK CR CI HR CU CY CZ DK DJ DM DO EC
EG SV GQ ER EE ET FK FO FJ FI FR GF PF TF GA GM GE DE GH GI GR GL GD GP GU GT GG GN GW GY HT HM
VA HN HK HU IS IN ID IR IQ IE IM IL IT JM JP JE JO KZ KE KI KP KR KW KG LA LV LB LS LR LY LI LT
LU MO MK MG MW MY MV ML MT MH MQ MR MU YT MX FM MD MC MN ME MS MA MZ MM NA NR NP NL AN NC NZ NI
NE NG NU NF MP NO OM PK PW PS PA PG PY PE PH PN PL PT PR QA RE RO RU RW BL SH KN LC MF PM VC WS
SM ST SA SN RS SC SL SG SK SI SB SO ZA GS ES LK SD SR SJ SZ SE CH SY TW TJ TZ TH TL TG TK TO TT
TN TR TM TC TV UG UA AE GB US UM UY UZ VU VE VN VG VI WF EH YE ZM ZW CTR XK BQ SX ZZ XZ SS
"""
COUNTRY_CODES: frozenset[str] = frozenset(_COUNTRY_LIST.split())

CURRENCIES: dict[str, str] = {
    "TRY": "Türk Lirası",
    "USD": "ABD Doları",
    "EUR": "Avro",
    "GBP": "İngiliz Sterlini",
    "CHF": "İsviçre Frangı",
    "JPY": "Japon Yeni",
    "SAR": "Suudi Arabistan Riyali",
    "RUB": "Rus Rublesi",
    "AZN": "Azerbaycan Manatı",
    "CNY": "Çin Yuanı",
}

PAYMENT_MEANS_CREDIT_TRANSFER = "42"  # UN/ECE 4461: payment to bank account


# --- GİB's own list, read from an installed rules package ------------------------------

_LET = re.compile(r'<sch:let\s+name="(?P<name>[A-Za-z]+)"\s+value\s*="\'(?P<value>[^\']*)\'"')


def read_gib_codelist(path: Path) -> dict[str, set[str]]:
    """Parse ``UBL-TR_Codelist.xml`` into ``{let-name: {codes}}``."""
    text = path.read_text(encoding="utf-8")
    result: dict[str, set[str]] = {}
    for m in _LET.finditer(text):
        result[m.group("name")] = {c for c in m.group("value").split(",") if c}
    return result
