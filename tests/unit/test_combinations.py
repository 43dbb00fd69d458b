"""The profile × invoice-type matrix (app.domain.combinations) is GİB's: every one of the
12 × 20 pairs is run through GİB's own schematron, and the rules that refuse the pair are
exactly the ones the module names.

How a schematron run is read (the filter):

- The base invoice is GİB's ``TicariFaturaOrnegi.xml``, which passes XSD and schematron with
  no failure; only ``cbc:ProfileID`` and ``cbc:InvoiceTypeCode`` are changed, and the
  schematron's ``type`` is ``earchive`` for EARSIVFATURA and ``efatura`` for every other
  profile, as GİB checks them (``Açıklamalar.txt``). So every failure comes from the two codes.
- A failure is about the PAIR when its GİB rule is in ``PAIR_RULES``: the invoice-level rules
  whose asserts look at nothing but ``cbc:ProfileID``, ``cbc:InvoiceTypeCode``, ``$type`` and
  code-list variables. No data added to the invoice can make such an assert pass.
- Every other failure must come from a rule in ``DATA_RULES``: a rule that a scenario or type
  switches on and that then asks for data the base invoice does not have (KUNYENO for HKS,
  YTBNO for yatırım teşvik, BillingReference for returns …). Those say "add this", not
  "this pair is refused", and are left out. A failure from any rule in neither list fails the
  test, so a rules update that adds a rule is looked at, not silently filtered.
- ``test_the_filter_is_read_from_gibs_schematron`` proves both lists from the schematron's
  text: each assert of a PAIR rule mentions only the codes, each assert of a DATA rule reads
  something else of the invoice, and no other invoice rule ties the type to the codes alone.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from app.domain import codes
from app.domain.combinations import (
    EARCHIVE_PROFILE,
    GIB_EFATURA_PROFILES,
    GIB_PROFILES,
    GIB_TYPES,
    YTB_EARCHIVE_TYPES,
    allowed_combinations,
    allowed_types,
    combination_note,
    combination_problem,
    forbidding_rules,
)
from app.ubl import namespaces as ns
from app.ubl.rules import RulesStore
from app.ubl.validate import InvoiceValidator, get_validator

SCH = "http://purl.oclc.org/dsdl/schematron"

# Invoice rules whose asserts depend only on the two codes (and $type, code lists).
PAIR_RULES = frozenset({
    "InvoiceTypeCodeCheck",
    "IlacTibbiCihazInvoiceTypeCodeCheck",
    "YatirimTesvikInvoiceTypeCodeCheck",
    "IdisInvoiceTypeCodeCheck",
})
# Profile against the schematron's type parameter: never fails when the type is chosen from
# the profile as GİB does; a failure here means the test itself is wrong.
PROFILE_RULE = "ProfileIDCheck"

# Rules switched on by a scenario or a type that then ask for data the base invoice lacks.
DATA_RULES: dict[str, str] = {
    "HKSInvioceCheck": "HKS: every line needs a 19-character KUNYENO",
    "IADEInvioceCheck": "return types need BillingReference/InvoiceDocumentReference (IADE)",
    "IdisEtiketNoCheck": "IDIS: lines need an ETIKETNO",
    "IdisSevkiyatNoCheck": "IDIS: the supplier needs a SEVKIYATNO",
    "IhracatYolcuBeraberCheck": "IHRACAT / YOLCUBERABERFATURA: buyer EXPORT / TAXFREE party",
    "IlacTibbiCihazAdditionalItemIdentificationCheck": "ILAC_TIBBICIHAZ: ILAC/TIBBICIHAZ/DIGER "
                                                       "item ids",
    "KamuFaturaCheck": "KAMU: a Turkish IBAN in PaymentMeans",
    "LineDeliveryCheck": "IHRACAT: delivery terms, address, transport mode, GTİP per line",
    "PartyIdentificationTEKNOLOJIDESTEKCheck": "TEKNOLOJIDESTEK: buyer identified by TCKN",
    "TaxRepresentativePartyCheck": "YOLCUBERABERFATURA: ARACIKURUMVKN / ARACIKURUMETIKET",
    "TeknolojiDestekAdditionalItemIdentificationCheck": "TEKNOLOJIDESTEK: TELEFON/TABLET_PC "
                                                        "item ids",
    "YatirimTesvikCommodityClassificationCheck": "yatırım teşvik: harcama tipi per line",
    "YatirimTesvikContractDocumentReferenceIDCheck": "yatırım teşvik: 6-digit YTBNO",
    "YatirimTesvikItemClassificationCodeCheck": "yatırım teşvik: harcama tipi 01–04",
    "YatirimTesvikItemClassificationCodeIstisnaCheck": "yatırım teşvik ISTISNA: harcama tipi "
                                                       "01/02",
    "YatirimTesvikItemClassificationCodeIstisnaCalculationSequenceNumericCheck":
        "yatırım teşvik ISTISNA: CalculationSequenceNumeric -1",
}

# What an assert may mention and still depend on the two codes only.
_CODE_REF = re.compile(r"(?:\.\./|//inv:Invoice/)*cbc:(?:ProfileID|InvoiceTypeCode)\b")
_NEUTRAL_WORDS = re.compile(r"\b(?:not|or|and|contains|concat|starts-with)\b")


def _codes_only(test: str) -> bool:
    """The assert's XPath reads nothing of the invoice but ProfileID and InvoiceTypeCode."""
    rest = re.sub(r"'[^']*'", "", test)
    rest = _CODE_REF.sub("", rest)
    rest = re.sub(r"\$\w+", "", rest)
    rest = _NEUTRAL_WORDS.sub("", rest)
    return re.sub(r"[()=,!\s]", "", rest) == ""


def _abstract_rules(common: Path) -> dict[str, list[str]]:
    """``{abstract rule id: [assert tests]}`` of UBL-TR_Common_Schematron.xml."""
    rules: dict[str, list[str]] = {}
    for rule in etree.parse(str(common)).iter(f"{{{SCH}}}rule"):
        if rule.get("id"):
            tests = [a.get("test", "") for a in rule.iter(f"{{{SCH}}}assert")]
            rules.setdefault(rule.get("id"), []).extend(tests)
    return rules


def _invoice_rules(main: Path) -> set[str]:
    """The abstract rules GİB's main schematron applies in inv:Invoice contexts."""
    used: set[str] = set()
    for rule in etree.parse(str(main)).iter(f"{{{SCH}}}rule"):
        if (rule.get("context") or "").startswith("inv:Invoice"):
            used |= {e.get("rule") for e in rule.iter(f"{{{SCH}}}extends")}
    return used


@pytest.fixture(scope="module")
def schematron_files(installed_rules_dir: Path) -> tuple[Path, Path]:
    main = RulesStore(installed_rules_dir).schematron_main()
    return main, main.parent / "UBL-TR_Common_Schematron.xml"


@pytest.fixture(scope="module")
def validator(installed_rules_dir: Path) -> InvoiceValidator:
    return get_validator(installed_rules_dir)


@pytest.fixture(scope="module")
def base_invoice(ubl_samples_dir: Path) -> bytes:
    return (ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes()


def _with_pair(base: bytes, profile: str, type_code: str) -> etree._ElementTree:
    root = etree.fromstring(base)
    root.find(ns.q(ns.CBC, "ProfileID")).text = profile
    root.find(ns.q(ns.CBC, "InvoiceTypeCode")).text = type_code
    return etree.ElementTree(root)


@pytest.fixture(scope="module")
def schematron_verdicts(validator: InvoiceValidator, base_invoice: bytes
                        ) -> dict[tuple[str, str], list]:
    """Every GİB profile × type through GİB's XSD and schematron: ``{pair: problems}``."""
    verdicts = {}
    for profile in GIB_PROFILES:
        for type_code in GIB_TYPES:
            report = validator.validate(_with_pair(base_invoice, profile, type_code),
                                        earchive=profile == EARCHIVE_PROFILE)
            verdicts[(profile, type_code)] = report.problems
    return verdicts


def test_the_base_invoice_passes_gibs_rules(validator: InvoiceValidator,
                                            base_invoice: bytes) -> None:
    assert [str(p) for p in validator.validate(base_invoice, earchive=False).problems] == []


def test_the_filter_is_read_from_gibs_schematron(schematron_files: tuple[Path, Path]) -> None:
    main, common = schematron_files
    rules = _abstract_rules(common)
    on_invoice = _invoice_rules(main)
    # Every rule of both lists is GİB's and is applied to invoices.
    assert PAIR_RULES | {PROFILE_RULE} | set(DATA_RULES) <= on_invoice
    # PAIR rules: each assert reads only the codes, so no data can satisfy a failed one.
    for rule in PAIR_RULES:
        assert rules[rule] and all(_codes_only(t) for t in rules[rule]), rule
    # They are all of them: no other invoice rule has a codes-only assert on the type.
    codes_only_type_rules = {
        rule for rule in on_invoice for t in rules.get(rule, ())
        if "InvoiceTypeCode" in t and _codes_only(t)
    }
    assert codes_only_type_rules == PAIR_RULES
    # DATA rules: each assert reads more of the invoice than the codes.
    for rule in DATA_RULES:
        assert rules[rule] and not any(_codes_only(t) for t in rules[rule]), rule


def test_every_pair_is_judged_as_gibs_schematron_judges_it(
        schematron_verdicts: dict[tuple[str, str], list]) -> None:
    mismatches = []
    for (profile, type_code), problems in schematron_verdicts.items():
        refused_by = {p.rule for p in problems if p.source == "schematron" and p.rule in PAIR_RULES}
        ours = set(forbidding_rules(profile, type_code))
        allowed = combination_problem(profile, type_code) is None
        if refused_by != ours or allowed != (not refused_by):
            mismatches.append((profile, type_code, sorted(refused_by), sorted(ours), allowed))
    assert mismatches == []
    assert len(schematron_verdicts) == 240


def test_every_other_failure_is_missing_data_not_the_pair(
        schematron_verdicts: dict[tuple[str, str], list]) -> None:
    seen: set[str] = set()
    unexplained = []
    for pair, problems in schematron_verdicts.items():
        for p in problems:
            if p.source == "schematron" and p.rule in PAIR_RULES:
                continue
            if p.source == "schematron" and p.rule in DATA_RULES:
                seen.add(p.rule)
                continue
            unexplained.append((pair, str(p)))  # XSD, ProfileIDCheck or an unlisted rule
    assert unexplained == []
    # The list holds no rule that no longer fires (it is read from today's rules).
    assert seen == set(DATA_RULES)


def test_the_matrix(schematron_verdicts: dict[tuple[str, str], list]) -> None:
    """The asymmetries spelled out (all of them follow from the proof above)."""
    pairs = set(allowed_combinations())
    assert len(pairs) == 152
    assert set(allowed_types(EARCHIVE_PROFILE)) == set(GIB_TYPES)  # type = earchive
    assert allowed_types("ENERJI") == ("SARJ", "SARJANLIK")
    assert ("EARSIVFATURA", "SARJ") in pairs and ("TEMELFATURA", "SARJ") not in pairs
    assert {p for p, t in pairs if t == "TEKNOLOJIDESTEK"} == {EARCHIVE_PROFILE}
    assert {p for p, t in pairs if t == "IADE"} == {
        "TEMELFATURA", "EARSIVFATURA", "ILAC_TIBBICIHAZ", "YATIRIMTESVIK", "IDIS"}
    # Only IADE is limited to those profiles: the other return types are not.
    assert ("TICARIFATURA", "TEVKIFATIADE") in pairs
    assert ("TICARIFATURA", "YTBIADE") in pairs
    # The YTB types are refused only by YATIRIMTESVIK itself.
    assert {p for p, t in pairs if t == "YTBSATIS"} == set(GIB_PROFILES) - {
        "ENERJI", "ILAC_TIBBICIHAZ", "YATIRIMTESVIK", "IDIS"}


def test_allowed_combinations_is_stable_and_complete() -> None:
    pairs = allowed_combinations()
    assert pairs == allowed_combinations()
    assert len(set(pairs)) == len(pairs)
    order = {(p, t): i for i, (p, t) in
             enumerate((p, t) for p in GIB_PROFILES for t in GIB_TYPES)}
    assert pairs == sorted(pairs, key=order.__getitem__)
    assert pairs == [(p, t) for p in GIB_PROFILES for t in allowed_types(p)]
    for p in GIB_PROFILES:
        for t in GIB_TYPES:
            assert ((p, t) in pairs) == (combination_problem(p, t) is None) \
                == (forbidding_rules(p, t) == ())


def test_codes_are_gibs_code_list(installed_rules_dir: Path) -> None:
    gib = codes.read_gib_codelist(
        RulesStore(installed_rules_dir).schematron_main().parent / "UBL-TR_Codelist.xml")
    assert len(GIB_PROFILES) == 12 and len(GIB_TYPES) == 20
    assert set(GIB_EFATURA_PROFILES) == gib["ProfileIDType"]
    assert {EARCHIVE_PROFILE} == gib["ProfileIDTypeEarchive"]
    assert GIB_PROFILES[-1] == EARCHIVE_PROFILE
    assert set(GIB_TYPES) == gib["InvoiceTypeCodeList"]
    assert set(YTB_EARCHIVE_TYPES) == gib["YatirimTesvikEArsivInvoiceTypeCodeList"]
    # The display words cover exactly the same codes.
    assert set(codes.GIB_PROFILE_WORDS) == set(GIB_PROFILES)
    assert set(codes.GIB_TYPE_WORDS) == set(GIB_TYPES)


_TURKISH_LETTERS = set("çğıöşüÇĞİÖŞÜ")
_ENGLISH = re.compile(r"\b(?:the|must|invalid|allowed|profile|type|choose|not)\b", re.I)


def _looks_turkish(text: str) -> bool:
    return bool(_TURKISH_LETTERS & set(text)) and not _ENGLISH.search(text)


def test_every_refusal_is_a_turkish_sentence_with_a_way_out() -> None:
    for p in GIB_PROFILES:
        for t in GIB_TYPES:
            message = combination_problem(p, t)
            if message is None:
                continue
            assert message.strip() and message.endswith("."), (p, t, message)
            assert _looks_turkish(message), message
            assert t in message and "kesilemez" in message and "seçin" in message, message
            # Every profile it suggests does take this type.
            suggested = [q for q in GIB_PROFILES if re.search(rf"\b{q}\b", message.split(";")[-1])]
            assert suggested, message
            if "YTB'li" not in message:
                assert all(combination_problem(q, t) is None for q in suggested), message


def test_the_ticari_iade_sentence() -> None:
    message = combination_problem("TICARIFATURA", "IADE")
    assert message is not None
    assert message.startswith("IADE tipindeki fatura TICARIFATURA senaryosunda kesilemez")
    assert "uygulama yanıtı" in message
    assert "TEMELFATURA" in message and "EARSIVFATURA" in message


@pytest.mark.parametrize(("profile", "type_code", "word"), [
    ("FOO", "SATIS", "Senaryo"),
    ("", "SATIS", "Senaryo"),
    ("TEMELFATURA", "BAR", "Fatura tipi"),
    ("TEMELFATURA", "", "Fatura tipi"),
    ("temelfatura", "SATIS", "Senaryo"),
    ("TEMELFATURA", " SATIS", "Fatura tipi"),
    ("EARSIVFATURA", "TEMELFATURA", "Fatura tipi"),
    ("TEMELIRSALIYE", "SATIS", "Senaryo"),  # a despatch advice profile, not an invoice one
])
def test_unknown_codes_are_refused(profile: str, type_code: str, word: str) -> None:
    message = combination_problem(profile, type_code)
    assert message is not None and message.startswith(word), message
    assert _looks_turkish(message) and "seçin" in message, message
    assert (profile, type_code) not in allowed_combinations()
    if profile not in GIB_PROFILES:
        assert allowed_types(profile) == ()
    with pytest.raises(ValueError):
        forbidding_rules(profile, type_code)


def test_a_code_in_the_wrong_case_is_told_how_to_write_it() -> None:
    assert "TEMELFATURA." in (combination_problem("temelfatura", "SATIS") or "")
    assert "SATIS." in (combination_problem("TEMELFATURA", " satis ") or "")


def test_what_tezgah_issues_today_is_exactly_gibs_matrix_on_those_codes() -> None:
    """``codes.ALLOWED_TYPES`` (the profiles and types the editor offers) against GİB: on those
    three profiles and six types, it allows what GİB allows and refuses what GİB refuses."""
    gib = set(allowed_combinations())
    for profile in codes.Profile:
        for inv_type in codes.InvoiceType:
            offered = inv_type in codes.ALLOWED_TYPES[profile]
            assert offered == ((profile.value, inv_type.value) in gib), (profile, inv_type)


def test_notes_only_hint_and_never_refuse() -> None:
    for p in GIB_PROFILES:
        for t in GIB_TYPES:
            note = combination_note(p, t)
            if combination_problem(p, t) is not None:
                assert note is None
            elif note is not None:
                assert _looks_turkish(note) and note.endswith("."), note
    assert "YATIRIMTESVIK" in (combination_note("TEMELFATURA", "YTBSATIS") or "")
    assert "YTBNO" in (combination_note("EARSIVFATURA", "YTBISTISNA") or "")
    assert "YTBNO" in (combination_note("YATIRIMTESVIK", "SATIS") or "")
    assert combination_note("TEMELFATURA", "SATIS") is None
    assert combination_note("FOO", "SATIS") is None


def test_gibs_own_sample_invoices_use_allowed_pairs(ubl_samples_dir: Path) -> None:
    """GİB's samples agree with the matrix, except the return sample, which is older than
    the IADE rule (a TICARIFATURA IADE)."""
    refused = {}
    for path in sorted(ubl_samples_dir.glob("*.xml")):
        root = etree.parse(str(path)).getroot()
        if root.tag != ns.q(ns.INVOICE, "Invoice"):
            continue
        pair = (root.findtext(ns.q(ns.CBC, "ProfileID")),
                root.findtext(ns.q(ns.CBC, "InvoiceTypeCode")))
        if combination_problem(*pair) is not None:
            refused[path.name] = pair
    assert refused == {"IadeFaturasiOrnegi.xml": ("TICARIFATURA", "IADE")}
