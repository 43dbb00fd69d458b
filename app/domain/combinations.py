"""Which invoice types GİB accepts in which scenario: the ProfileID × InvoiceTypeCode matrix.

Every profile and type of GİB's code list (``UBL-TR_Codelist.xml``: ``ProfileIDType``,
``ProfileIDTypeEarchive``, ``InvoiceTypeCodeList``) is here, with the rules of GİB's schematron
(``UBL-TR_Common_Schematron.xml``) that tie the two codes together and nothing else:

- ``InvoiceTypeCodeCheck``: IADE only with TEMELFATURA, EARSIVFATURA, ILAC_TIBBICIHAZ,
  YATIRIMTESVIK, IDIS; for e-Fatura (schematron ``type`` = ``efatura``) ENERJI if and only if
  SARJ/SARJANLIK; TEKNOLOJIDESTEK only with EARSIVFATURA.
- ``IlacTibbiCihazInvoiceTypeCodeCheck``, ``YatirimTesvikInvoiceTypeCodeCheck``,
  ``IdisInvoiceTypeCodeCheck``: the types these three scenarios allow.

An EARSIVFATURA invoice is checked by GİB with ``type`` = ``earchive``, every other profile with
``efatura`` (``Açıklamalar.txt``); so the ENERJI/SARJ rule never applies to EARSIVFATURA, and an
e-Arşiv invoice may be SARJ or SARJANLIK. Rules that ask for data a type or scenario needs
(KUNYENO for HKS, YTBNO for yatırım teşvik, BillingReference for returns …) are not pair rules:
the pair is allowed, the invoice must then carry that data.

``tests/unit/test_combinations.py`` runs all 12 × 20 pairs through GİB's schematron and checks
that this module forbids exactly the pairs, and names exactly the rules, GİB's schematron does.
This module does not decide what Tezgâh offers for new invoices (``codes.ALLOWED_TYPES`` does).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

# GİB's spelling and order: ProfileIDType (e-Fatura), then ProfileIDTypeEarchive.
GIB_EFATURA_PROFILES: tuple[str, ...] = (
    "TICARIFATURA", "TEMELFATURA", "YOLCUBERABERFATURA", "IHRACAT", "OZELFATURA", "KAMU",
    "HKS", "ENERJI", "ILAC_TIBBICIHAZ", "YATIRIMTESVIK", "IDIS",
)
EARCHIVE_PROFILE = "EARSIVFATURA"
GIB_PROFILES: tuple[str, ...] = (*GIB_EFATURA_PROFILES, EARCHIVE_PROFILE)

# GİB's InvoiceTypeCodeList, in GİB's order.
GIB_TYPES: tuple[str, ...] = (
    "SATIS", "IADE", "TEVKIFAT", "TEVKIFATIADE", "ISTISNA", "OZELMATRAH", "IHRACKAYITLI",
    "SGK", "KOMISYONCU", "HKSSATIS", "HKSKOMISYONCU", "KONAKLAMAVERGISI", "SARJ", "SARJANLIK",
    "TEKNOLOJIDESTEK", "YTBSATIS", "YTBIADE", "YTBISTISNA", "YTBTEVKIFAT", "YTBTEVKIFATIADE",
)

# UBL-TR_Codelist.xml YatirimTesvikEArsivInvoiceTypeCodeList: the e-Arşiv yatırım teşvik types.
YTB_EARCHIVE_TYPES: tuple[str, ...] = (
    "YTBSATIS", "YTBIADE", "YTBISTISNA", "YTBTEVKIFAT", "YTBTEVKIFATIADE",
)

# InvoiceTypeCodeCheck, 2nd assert: the profiles an IADE invoice may have.
IADE_PROFILES: tuple[str, ...] = (
    "TEMELFATURA", "EARSIVFATURA", "ILAC_TIBBICIHAZ", "YATIRIMTESVIK", "IDIS",
)
# InvoiceTypeCodeCheck, 3rd assert (type = efatura only).
ENERGY_TYPES: tuple[str, ...] = ("SARJ", "SARJANLIK")
# IlacTibbiCihazInvoiceTypeCodeCheck, YatirimTesvikInvoiceTypeCodeCheck, IdisInvoiceTypeCodeCheck.
SCENARIO_TYPES: dict[str, tuple[str, ...]] = {
    "ILAC_TIBBICIHAZ": ("SATIS", "ISTISNA", "TEVKIFAT", "TEVKIFATIADE", "IADE", "IHRACKAYITLI"),
    "YATIRIMTESVIK": ("SATIS", "ISTISNA", "IADE", "TEVKIFAT", "TEVKIFATIADE"),
    "IDIS": ("SATIS", "ISTISNA", "IADE", "TEVKIFAT", "TEVKIFATIADE", "IHRACKAYITLI"),
}
_SCENARIO_RULES = {
    "ILAC_TIBBICIHAZ": "IlacTibbiCihazInvoiceTypeCodeCheck",
    "YATIRIMTESVIK": "YatirimTesvikInvoiceTypeCodeCheck",
    "IDIS": "IdisInvoiceTypeCodeCheck",
}

# The profiles suggested first when a type needs another scenario.
_COMMON_PROFILES = ("TEMELFATURA", "TICARIFATURA", "EARSIVFATURA")


def is_earchive(profile: str) -> bool:
    """GİB checks this profile with the schematron's ``type`` = ``earchive``."""
    return profile == EARCHIVE_PROFILE


def _join(codes: tuple[str, ...] | list[str], last: str = "veya") -> str:
    codes = list(codes)
    if len(codes) <= 1:
        return "".join(codes)
    return f"{', '.join(codes[:-1])} {last} {codes[-1]}"


@dataclass(frozen=True)
class _PairRule:
    gib_rule: str  # GİB's abstract rule id in UBL-TR_Common_Schematron.xml
    forbids: Callable[[str, str], bool]
    reason: Callable[[str, str], str]


def _scenario_reason(p: str, t: str) -> str:
    allowed = _join(SCENARIO_TYPES[p])
    if p == "YATIRIMTESVIK" and t in YTB_EARCHIVE_TYPES:
        plain = t.removeprefix("YTB")
        return (f"{t} tipi YATIRIMTESVIK senaryosunda kesilemez: YTB'li tipler yalnızca e-Arşiv "
                f"yatırım teşvik faturası içindir; e-Arşiv için EARSIVFATURA seçin, e-Fatura "
                f"için YATIRIMTESVIK senaryosunda {plain} tipini seçin.")
    return (f"{t} tipindeki fatura {p} senaryosunda kesilemez: bu senaryoda fatura tipi yalnızca "
            f"{allowed} olabilir; {t} için {_suggest_profiles(t)} seçin.")


# In the order a user is told about them (the most specific first); the GİB rule of each is
# the abstract rule whose assert forbids the pair.
_RULES: tuple[_PairRule, ...] = (
    # InvoiceTypeCodeCheck, 4th assert: cbc:ProfileID = 'EARSIVFATURA' or not TEKNOLOJIDESTEK.
    _PairRule(
        "InvoiceTypeCodeCheck",
        lambda p, t: t == "TEKNOLOJIDESTEK" and p != EARCHIVE_PROFILE,
        lambda p, t: (f"TEKNOLOJIDESTEK tipindeki fatura {p} senaryosunda kesilemez: GİB bu tipi "
                      "yalnızca e-Arşiv faturada kabul eder; EARSIVFATURA seçin."),
    ),
    # InvoiceTypeCodeCheck, 3rd assert, type = efatura: ProfileID ENERJI ⇔ SARJ/SARJANLIK.
    _PairRule(
        "InvoiceTypeCodeCheck",
        lambda p, t: p == "ENERJI" and t not in ENERGY_TYPES,
        lambda p, t: (f"{t} tipindeki fatura ENERJI senaryosunda kesilemez: ENERJI senaryosunda "
                      f"fatura tipi yalnızca SARJ veya SARJANLIK olabilir; {t} için "
                      f"{_suggest_profiles(t)} seçin."),
    ),
    _PairRule(
        "InvoiceTypeCodeCheck",
        lambda p, t: t in ENERGY_TYPES and p != "ENERJI" and not is_earchive(p),
        lambda p, t: (f"{t} tipindeki fatura {p} senaryosunda kesilemez: e-Fatura'da şarj "
                      f"faturası yalnızca ENERJI senaryosuyla kesilir; ENERJI seçin (alıcı "
                      "e-Fatura kullanıcısı değilse EARSIVFATURA)."),
    ),
    # IlacTibbiCihazInvoiceTypeCodeCheck, YatirimTesvikInvoiceTypeCodeCheck,
    # IdisInvoiceTypeCodeCheck: the types of these scenarios.
    *(
        _PairRule(
            rule,
            lambda p, t, scenario=scenario: p == scenario and t not in SCENARIO_TYPES[scenario],
            _scenario_reason,
        )
        for scenario, rule in _SCENARIO_RULES.items()
    ),
    # InvoiceTypeCodeCheck, 2nd assert: IADE only with the IADE_PROFILES.
    _PairRule(
        "InvoiceTypeCodeCheck",
        lambda p, t: t == "IADE" and p not in IADE_PROFILES,
        lambda p, t: (
            "IADE tipindeki fatura TICARIFATURA senaryosunda kesilemez: ticari faturanın iadesi "
            "alıcının uygulama yanıtıyla (RED) olur; iade faturası için "
            f"{_join(IADE_PROFILES)} seçin."
            if p == "TICARIFATURA" else
            f"IADE tipindeki fatura {p} senaryosunda kesilemez: GİB iade faturasını yalnızca "
            f"belirli senaryolarda kabul eder; iade faturası için {_join(IADE_PROFILES)} seçin."
        ),
    ),
)


def _known(profile: str, type_code: str) -> bool:
    return profile in GIB_PROFILES and type_code in GIB_TYPES


def forbidding_rules(profile: str, type_code: str) -> tuple[str, ...]:
    """GİB's schematron rules (abstract rule ids) that refuse this pair; empty when allowed.
    Only for codes in GİB's lists."""
    if not _known(profile, type_code):
        raise ValueError(f"not a GİB profile/type: {profile!r}, {type_code!r}")
    return tuple(dict.fromkeys(r.gib_rule for r in _RULES if r.forbids(profile, type_code)))


def _allowed(profile: str, type_code: str) -> bool:
    return not any(r.forbids(profile, type_code) for r in _RULES)


def _suggest_profiles(type_code: str) -> str:
    ok = [p for p in GIB_PROFILES if _allowed(p, type_code)]
    first = [p for p in _COMMON_PROFILES if p in ok]
    rest = [p for p in ok if p not in first]
    if len(ok) <= 4:
        return _join(first + rest)
    return f"{', '.join(first)} ya da izin veren başka bir senaryo"


def _unknown(code: str, valid: tuple[str, ...], what: str, listname: str) -> str:
    shown = code if code.strip() else "(boş)"
    hint = ""
    if code.strip().upper() in valid and code != code.strip().upper():
        hint = f" Büyük harfle ve boşluksuz yazın: {code.strip().upper()}."
    return (f"{what} '{shown}' GİB'in kod listesinde yok ({listname}); geçerli değerlerden birini "
            f"seçin: {', '.join(valid)}.{hint}")


def combination_problem(profile: str, type_code: str) -> str | None:
    """None when GİB's schematron accepts this scenario (ProfileID) with this invoice type
    (InvoiceTypeCode); otherwise a Turkish sentence saying why not and what to choose.
    Codes are GİB's, exactly as written in the invoice (GİB's rules compare them as text)."""
    if profile not in GIB_PROFILES:
        return _unknown(profile, GIB_PROFILES, "Senaryo (ProfileID)",
                        "ProfileIDType, ProfileIDTypeEarchive")
    if type_code not in GIB_TYPES:
        return _unknown(type_code, GIB_TYPES, "Fatura tipi (InvoiceTypeCode)",
                        "InvoiceTypeCodeList")
    for rule in _RULES:
        if rule.forbids(profile, type_code):
            return rule.reason(profile, type_code)
    return None


def allowed_combinations() -> list[tuple[str, str]]:
    """Every (profile, type) pair GİB's schematron accepts, profiles then types in GİB's
    order."""
    return [(p, t) for p in GIB_PROFILES for t in GIB_TYPES if _allowed(p, t)]


def allowed_types(profile: str) -> tuple[str, ...]:
    """The types GİB accepts with this profile, in GİB's order (empty for an unknown one)."""
    return tuple(t for t in GIB_TYPES if profile in GIB_PROFILES and _allowed(profile, t))


def combination_note(profile: str, type_code: str) -> str | None:
    """A Turkish hint for a pair GİB's schematron accepts but that needs care; None otherwise.
    Never a refusal: the schematron decides what is allowed."""
    if not _known(profile, type_code) or not _allowed(profile, type_code):
        return None
    if type_code in YTB_EARCHIVE_TYPES and not is_earchive(profile):
        # GİB's own samples: YTB_*_Efatura.xml are YATIRIMTESVIK with SATIS, ISTISNA, IADE,
        # TEVKIFAT, TEVKIFATIADE; YTB_*_EArşiv.xml are EARSIVFATURA with the YTB types.
        return (f"GİB {type_code} tipini e-Arşiv yatırım teşvik faturası için tanımlar; "
                f"e-Fatura'da yatırım teşvik faturası YATIRIMTESVIK senaryosunda "
                f"{_join(SCENARIO_TYPES['YATIRIMTESVIK'])} tipiyle kesilir. GİB'in kuralları bu "
                f"eşleşmeyi reddetmez, ama yatırım teşvik kuralları da {profile} senaryosunda "
                "uygulanmaz.")
    if profile == "YATIRIMTESVIK" or (is_earchive(profile) and type_code in YTB_EARCHIVE_TYPES):
        # YatirimTesvikContractDocumentReferenceIDCheck, YatirimTesvikCommodityClassificationCheck
        return ("Yatırım teşvik faturasında 6 haneli yatırım teşvik belge numarası (YTBNO) ve "
                "her satırda harcama tipi (01–04) zorunludur.")
    return None
