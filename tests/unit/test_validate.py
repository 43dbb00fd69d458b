"""GİB XSD + schematron validation on GİB's own sample documents (no mocks)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest
from lxml import etree

from app.cli import main
from app.ubl import schematron as sch
from app.ubl import schematron_runtime as sch_rt
from app.ubl.rules import install_rules
from app.ubl.validate import InvoiceValidator, Problem, ValidationReport, get_validator

XPATH_NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "sh": "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader",
    "ef": "http://www.efatura.gov.tr/package-namespace",
}

INVOICE_ID_MESSAGE = (
    "Geçersiz cbc:ID elemanı değeri. cbc:ID elemanı 'ABC2009123456789' formatında olmalıdır."
)
TCKN_MESSAGE = (
    "cbc:ID elemanının schemeID niteliği değeri 'TCKN' olması durumunda cbc:ID elemanına "
    "11 haneli TC kimlik numarası yazılmalıdır."
)


@pytest.fixture(scope="module")
def validator(installed_rules_dir: Path) -> InvoiceValidator:
    return get_validator(installed_rules_dir)


def _sample(ubl_samples_dir: Path, name: str) -> bytes:
    return (ubl_samples_dir / name).read_bytes()


def test_ticari_sample_is_valid(validator: InvoiceValidator, ubl_samples_dir: Path) -> None:
    report = validator.validate(_sample(ubl_samples_dir, "TicariFaturaOrnegi.xml"))
    assert isinstance(report, ValidationReport)
    assert report.problems == [] and report.ok
    assert report.earchive is False


def test_temel_sample_fails_on_old_invoice_number(
    validator: InvoiceValidator, ubl_samples_dir: Path
) -> None:
    data = _sample(ubl_samples_dir, "TemelFaturaOrnegi.xml")
    report = validator.validate(data)
    assert not report.ok
    assert report.by_source("xsd") == []
    # GİB's current schematron finds exactly two failed asserts here: the 17-character
    # invoice number GIB20090000000001 (InvoiceIDCheck, '^[A-Z0-9]{3}20[0-9]{2}[0-9]{9}$') and
    # the buyer's 10-digit "TCKN" 1234567890 (PartyIdentificationTCKNVKNCheck).
    assert [(p.source, p.rule, p.message, p.location) for p in report.problems] == [
        ("schematron", "InvoiceIDCheck", INVOICE_ID_MESSAGE, "/inv:Invoice[1]"),
        (
            "schematron",
            "PartyIdentificationTCKNVKNCheck",
            TCKN_MESSAGE,
            "/inv:Invoice[1]/cac:AccountingCustomerParty[1]/cac:Party[1]/cac:PartyIdentification[1]",
        ),
    ]
    # Every location is a real XPath to the offending node.
    tree = etree.fromstring(data)
    for p in report.problems:
        assert len(tree.getroottree().xpath(p.location, namespaces=XPATH_NS)) == 1


def test_broken_invoice_gives_xsd_and_schematron_problems(
    validator: InvoiceValidator, ubl_samples_dir: Path
) -> None:
    data = _sample(ubl_samples_dir, "TicariFaturaOrnegi.xml")
    broken = data.replace(b"<cbc:ProfileID>TICARIFATURA</cbc:ProfileID>", b"", 1)
    broken = broken.replace(
        b'<cbc:TaxAmount currencyID="TRY">4538.97</cbc:TaxAmount>',
        b'<cbc:TaxAmount currencyID="ABC">4538.97</cbc:TaxAmount>',
        1,
    )
    assert broken != data
    report = validator.validate(broken)
    xsd = report.by_source("xsd")
    schematron = report.by_source("schematron")
    assert len(xsd) == 1
    assert xsd[0].message.startswith("XML şemasına uymuyor: ")
    assert "cbc:ProfileID" in xsd[0].message
    assert "satır" in xsd[0].location and "cbc:ID" in xsd[0].location
    by_rule = {p.rule: p for p in schematron}
    assert set(by_rule) == {"ProfileIDCheck", "GeneralCurrencyIDCheck"}
    assert "cbc:ProfileID elemanı değeri : ''" in by_rule["ProfileIDCheck"].message
    assert by_rule["GeneralCurrencyIDCheck"].message == (
        "Geçersiz currencyID niteliği : 'ABC'. Geçerli değerler için kod listesine bakınız."
    )
    assert by_rule["GeneralCurrencyIDCheck"].location == (
        "/inv:Invoice[1]/cac:TaxTotal[1]/cbc:TaxAmount[1]/@currencyID"
    )


def test_earchive_parameter(validator: InvoiceValidator, ubl_samples_dir: Path) -> None:
    # The zip stores Turkish file names without the UTF-8 flag: find the sample by pattern.
    (path,) = sorted(ubl_samples_dir.glob("YTB_Sat*_EAr*.xml"))
    earsiv = path.read_bytes()
    auto = validator.validate(earsiv)  # ProfileID EARSIVFATURA → type=earchive
    assert auto.ok and auto.earchive
    assert validator.validate(earsiv, earchive=True).ok
    as_efatura = validator.validate(earsiv, earchive=False)
    assert [p.rule for p in as_efatura.problems] == ["ProfileIDCheck"]
    assert "ProfileIDType listesine" in as_efatura.problems[0].message

    ticari = validator.validate(_sample(ubl_samples_dir, "TicariFaturaOrnegi.xml"), earchive=True)
    assert not ticari.ok and ticari.earchive
    assert [p.message for p in ticari.problems] == [
        "Geçersiz cbc:ProfileID elemanı değeri : 'TICARIFATURA'. Geçerli cbc:ProfileID "
        "değerleri için ProfileIDTypeEarchive listesine bakınız."
    ]


def test_tree_input_equals_bytes_input(validator: InvoiceValidator, ubl_samples_dir: Path) -> None:
    data = _sample(ubl_samples_dir, "TemelFaturaOrnegi.xml")
    tree = etree.fromstring(data).getroottree()
    assert validator.validate(tree).problems == validator.validate(data).problems


def test_not_an_invoice(validator: InvoiceValidator, ubl_samples_dir: Path) -> None:
    report = validator.validate(_sample(ubl_samples_dir, "Irsaliye-Ornek1.xml"))
    assert len(report.problems) == 1
    assert report.problems[0].rule == "ROOT_ELEMENT"
    assert "UBL-TR faturası değil" in report.problems[0].message
    assert "DespatchAdvice" in report.problems[0].message


def test_every_gib_sample_runs(
    validator: InvoiceValidator,
    ubl_samples_dir: Path,
    efatura_samples_dir: Path,
    record_property,
) -> None:
    """Every sample of both packages goes through without crashing; the results are recorded,
    not asserted valid (many samples are older than the 2026 rules)."""
    results: dict[str, dict] = {}
    samples = sorted(ubl_samples_dir.glob("*.xml"))
    envelopes = sorted(efatura_samples_dir.glob("*_ZARF.xml"))
    assert len(samples) >= 40 and len(envelopes) >= 10
    for path in samples:
        report = validator.validate_any(path.read_bytes())
        results[path.name] = {
            "document": report.document,
            "xsd": len(report.by_source("xsd")),
            "schematron": len(report.by_source("schematron")),
        }
        assert all(isinstance(p, Problem) and p.message for p in report.problems)
    for path in envelopes:
        report = validator.validate_envelope(path.read_bytes())
        results[f"e-FaturaPaketi/{path.name}"] = {
            "document": report.document,
            "xsd": len(report.by_source("xsd")),
            "schematron": len(report.by_source("schematron")),
        }
        assert report.document == "envelope"
        # The envelope XSD (with the UBL and HR-XML schemas beside it) accepts GİB's envelopes.
        assert report.by_source("xsd") == [], path.name
    record_property("gib_sample_results", json.dumps(results, ensure_ascii=False))

    assert results["TicariFaturaOrnegi.xml"] == {"document": "invoice", "xsd": 0, "schematron": 0}
    assert results["KabulUygulamaYanitiOrnegi.xml"]["document"] == "application-response"
    # YTB (2026) samples follow the current rules.
    ytb = [k for k in results if k.startswith("YTB_")]
    assert len(ytb) == 12 and all(results[k]["schematron"] == 0 for k in ytb)


def test_envelope_rules_reach_header_and_inner_invoice(
    validator: InvoiceValidator, efatura_samples_dir: Path
) -> None:
    data = (efatura_samples_dir / "7_TICARI_FATURA_ZARF.xml").read_bytes()
    report = validator.validate_envelope(data)
    rules = {p.rule for p in report.problems}
    assert "TypeVersionCheck" in rules  # a header rule (sh:DocumentIdentification)
    assert "UBLVersionIDCheck" in rules  # the invoice inside the package (UBL 2.0 sample)
    inner = next(p for p in report.problems if p.rule == "UBLVersionIDCheck")
    assert inner.location.startswith("/sh:StandardBusinessDocument[1]/ef:Package[1]/")
    tree = etree.fromstring(data).getroottree()
    for p in report.problems:
        assert len(tree.xpath(p.location, namespaces=XPATH_NS)) == 1, p.location
    # An invoice given to validate_envelope is refused clearly.
    wrong = validator.validate_envelope(
        (efatura_samples_dir / "7_TICARI_FATURA.xml").read_bytes()
    )
    assert [p.rule for p in wrong.problems] == ["ROOT_ELEMENT"]


def test_application_response(validator: InvoiceValidator, ubl_samples_dir: Path) -> None:
    report = validator.validate_application_response(
        _sample(ubl_samples_dir, "IHRACAT_GTB_UygulamaYaniti_KABUL.xml")
    )
    assert report.document == "application-response" and report.ok


def test_validator_can_be_shared_by_threads(
    validator: InvoiceValidator, ubl_samples_dir: Path
) -> None:
    temel = _sample(ubl_samples_dir, "TemelFaturaOrnegi.xml")
    ticari = _sample(ubl_samples_dir, "TicariFaturaOrnegi.xml")
    expected = {0: validator.validate(temel).problems, 1: []}
    errors: list[str] = []

    def work(i: int) -> None:
        for _ in range(5):
            got = validator.validate(temel if i % 2 == 0 else ticari).problems
            if got != expected[i % 2]:
                errors.append(f"thread {i}: {got}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []


def test_compiled_schematron_is_cached(gib_dir: Path, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    install_rules(gib_dir, rules)
    before = sch_rt.compile_count()
    first = InvoiceValidator(rules)
    assert first.compiled_now and sch_rt.compile_count() == before + 1
    cache = first.schematron_cache_path
    assert cache.parent == rules / "cache" and cache.is_file()
    mtime = cache.stat().st_mtime_ns
    os.utime(cache, ns=(mtime - 10_000_000_000, mtime - 10_000_000_000))
    mtime = cache.stat().st_mtime_ns

    second = InvoiceValidator(rules)  # a second start: read from the cache, no compilation
    assert not second.compiled_now
    assert sch_rt.compile_count() == before + 1
    assert second.schematron_cache_path == cache and cache.stat().st_mtime_ns == mtime
    assert get_validator(rules) is get_validator(rules)

    # The key covers the sources: a changed schematron compiles again.
    main_sch = first.store.schematron_main()
    main_sch.write_bytes(main_sch.read_bytes() + b"\n<!-- changed -->\n")
    third = InvoiceValidator(rules)
    assert third.compiled_now and third.schematron_cache_path != cache


# --- the compiler on small schematrons ---------------------------------------------------------

_COMMON = """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron">
  <sch:pattern id="abs">
    <sch:rule abstract="true" id="PositiveCheck">
      <sch:let name="v" value="number(.)"/>
      <sch:assert test="$v gt 0"><sch:name/> pozitif olmalı: <sch:value-of select="."/></sch:assert>
    </sch:rule>
  </sch:pattern>
  <sch:pattern id="codes"><sch:let name="Codes" value="',A,B,'"/></sch:pattern>
</sch:schema>"""

_MAIN = """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">
  <sch:include href="common.sch#abs"/>
  <sch:include href="common.sch#codes"/>
  <sch:ns prefix="t" uri="urn:t"/>
  <sch:let name="type" value="efatura"/>
  <sch:pattern id="p1">
    <sch:rule context="t:item[@special]">
      <sch:report test="true()">özel kalem <sch:value-of select="@special"/></sch:report>
    </sch:rule>
    <sch:rule context="t:item">
      <sch:let name="c" value="string(@code)"/>
      <sch:assert test="contains($Codes, concat(',', $c, ','))">kod geçersiz: <sch:value-of select="$c"/></sch:assert>
      <sch:extends rule="PositiveCheck"/>
    </sch:rule>
  </sch:pattern>
  <sch:pattern id="p2">
    <sch:rule context="t:item">
      <sch:assert test="xs:date(@date) le xs:date('2030-01-01')">tarih ileri: <sch:value-of select="@date"/></sch:assert>
    </sch:rule>
  </sch:pattern>
  <sch:rule context="t:doc">
    <sch:assert test="$type = 'earchive' or not(t:item[@code = 'B'])">B yalnız e-Arşivde</sch:assert>
  </sch:rule>
</sch:schema>"""

_DOC = """<doc xmlns="urn:t">
  <item code="A" date="2020-01-01">5</item>
  <item code="Z" date="2040-01-01">-1</item>
  <item code="Z" special="x" date="2020-01-01">-1</item>
  <item code="B" date="2020-01-01">1</item>
</doc>"""


def test_compiler_semantics(tmp_path: Path) -> None:
    (tmp_path / "common.sch").write_text(_COMMON, encoding="utf-8")
    (tmp_path / "main.sch").write_text(_MAIN, encoding="utf-8")
    xslt = sch.compile_schematron(tmp_path / "main.sch")
    assert 'xmlns:xs="http://www.w3.org/2001/XMLSchema"' in xslt  # declared by the compiler
    compiled = sch_rt.CompiledSchematron(xslt)
    doc = compiled.parse(_DOC)
    got = [(r.kind, r.pattern, r.rule_id, r.message, r.location) for r in compiled.run(doc)]
    assert got == [
        # p1: item 2 fails the rule's own assert and the extended abstract rule (rule-level
        # lets, sch:name, sch:value-of); item 3 is taken by the first rule only (a report).
        ("failed-assert", "p1", "", "kod geçersiz: Z", "/t:doc[1]/t:item[2]"),
        ("failed-assert", "p1", "PositiveCheck", "item pozitif olmalı: -1", "/t:doc[1]/t:item[2]"),
        ("successful-report", "p1", "", "özel kalem x", "/t:doc[1]/t:item[3]"),
        # p2 sees every item again: patterns are independent.
        ("failed-assert", "p2", "", "tarih ileri: 2040-01-01", "/t:doc[1]/t:item[2]"),
        # A rule outside any pattern (as in GİB's "General Rules"), with the type parameter.
        ("failed-assert", "general", "", "B yalnız e-Arşivde", "/t:doc[1]"),
    ]
    assert not any(r.pattern == "general" for r in compiled.run(doc, doc_type="earchive"))


def test_rule_with_dynamic_error_is_reported_not_fatal(tmp_path: Path) -> None:
    """GİB's DespatchCarrierDriverCheck calls string() on two cbc:FirstName in some samples:
    that one rule is reported as failed, the other rules still run."""
    (tmp_path / "e.sch").write_text(
        """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron">
  <sch:ns prefix="t" uri="urn:t"/>
  <sch:pattern><sch:rule context="t:d">
    <sch:assert test="string(t:n) != ''">ad boş</sch:assert>
    <sch:assert test="count(t:n) = 1">tek ad olmalı</sch:assert>
  </sch:rule></sch:pattern>
</sch:schema>""",
        encoding="utf-8",
    )
    compiled = sch_rt.CompiledSchematron(sch.compile_schematron(tmp_path / "e.sch"))
    results = compiled.run(compiled.parse('<d xmlns="urn:t"><n>a</n><n>b</n></d>'))
    assert [r.kind for r in results] == ["failed-assert", "failed-assert"]
    assert "değerlendirilemedi" in results[0].message and "string()" in results[0].message
    assert results[1].message == "tek ad olmalı"


def test_compiler_reports_a_missing_abstract_rule(tmp_path: Path) -> None:
    (tmp_path / "bad.sch").write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron"><sch:pattern>'
        '<sch:rule context="*"><sch:extends rule="Nope"/></sch:rule></sch:pattern></sch:schema>',
        encoding="utf-8",
    )
    with pytest.raises(sch.SchematronError) as exc:
        sch.compile_schematron(tmp_path / "bad.sch")
    assert "Nope" in exc.value.message


def test_optimisations_do_not_change_results(
    installed_rules_dir: Path, ubl_samples_dir: Path, efatura_samples_dir: Path
) -> None:
    """The code-list maps and the restricted walks give exactly the plain compilation's
    results (same failures, same order) on every GİB sample."""
    from app.ubl.rules import RulesStore

    main_sch = RulesStore(installed_rules_dir).schematron_main()
    plain = sch_rt.CompiledSchematron(
        sch.compile_schematron(main_sch, optimise_code_lists=False, restrict_walks=False)
    )
    fast = sch_rt.CompiledSchematron(sch.compile_schematron(main_sch))
    # Every sample except ten of the twelve large (290 KB) YTB ones; envelopes carry the
    # e-FaturaPaketi invoices and responses.
    ubl = sorted(ubl_samples_dir.glob("*.xml"))
    ytb = [p for p in ubl if p.name.startswith("YTB_")]
    files = [p for p in ubl if p not in ytb] + ytb[:2]
    files += sorted(efatura_samples_dir.glob("*_ZARF.xml"))
    compared = 0
    for path in files:
        try:
            tree = etree.fromstring(path.read_bytes())
        except etree.XMLSyntaxError:
            continue  # one GİB sample is not well-formed
        text = etree.tostring(tree, encoding="unicode")
        doc_types = ("efatura", "earchive") if b"EARSIVFATURA" in path.read_bytes() else ("efatura",)
        for doc_type in doc_types:
            expected = plain.run(plain.parse(text), doc_type=doc_type)
            assert fast.run(fast.parse(text), doc_type=doc_type) == expected, path.name
        compared += 1
    assert compared >= 40


def test_code_list_rewrite_keeps_contains_semantics(tmp_path: Path) -> None:
    (tmp_path / "m.sch").write_text(
        """<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron">
  <sch:ns prefix="t" uri="urn:t"/>
  <sch:pattern><sch:let name="L" value="',A,B,,C D,'"/></sch:pattern>
  <sch:pattern><sch:rule context="t:v">
    <sch:report test="contains($L, concat(',', @x, ','))">in</sch:report>
  </sch:rule></sch:pattern>
</sch:schema>""",
        encoding="utf-8",
    )
    xslt = sch.compile_schematron(tmp_path / "m.sch")
    assert "tz:listed($tz:set-L" in xslt
    values = ["A", "B", "", "A,B", ",A", "C D", "C", "Z", "B,,C D"]
    doc = '<d xmlns="urn:t">' + "".join(f'<v x="{v}"/>' for v in values) + "<v/></d>"
    fast = sch_rt.CompiledSchematron(xslt)
    hits = {r.location for r in fast.run(fast.parse(doc))}
    expected = {
        f"/t:d[1]/t:v[{i}]"
        for i, v in enumerate([*values, ""], 1)
        if f",{v}," in ",A,B,,C D,"
    }
    assert hits == expected
    assert "/t:d[1]/t:v[3]" in hits and "/t:d[1]/t:v[4]" in hits  # '' (via ',,') and 'A,B'


# --- CLI ---------------------------------------------------------------------------------------


@pytest.fixture
def cli_data_dir(installed_rules_dir: Path, tmp_path: Path) -> Path:
    """A data dir whose rules/ is the session's installation (copied: manifest + set + cache)."""
    import shutil

    data = tmp_path / "data"
    shutil.copytree(installed_rules_dir, data / "rules")
    return data


def test_cli_validate_exit_codes(
    cli_data_dir: Path,
    ubl_samples_dir: Path,
    efatura_samples_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    d = ["--data-dir", str(cli_data_dir)]
    assert main([*d, "validate", str(ubl_samples_dir / "TicariFaturaOrnegi.xml")]) == 0
    assert "uygun" in capsys.readouterr().out

    assert main([*d, "validate", str(ubl_samples_dir / "TemelFaturaOrnegi.xml")]) == 1
    out = capsys.readouterr().out
    assert "GEÇERSİZ" in out and INVOICE_ID_MESSAGE in out and "/inv:Invoice[1]" in out

    assert main([*d, "validate", "--json", str(ubl_samples_dir / "TemelFaturaOrnegi.xml")]) == 1
    payload = json.loads(capsys.readouterr().out)
    assert payload["ok"] is False and len(payload["problems"]) == 2
    assert payload["problems"][0] == {
        "source": "schematron",
        "message": INVOICE_ID_MESSAGE,
        "location": "/inv:Invoice[1]",
        "rule": "InvoiceIDCheck",
    }

    assert main([*d, "validate", "--earchive", str(ubl_samples_dir / "TicariFaturaOrnegi.xml")]) == 1
    assert "ProfileIDTypeEarchive" in capsys.readouterr().out

    envelope = efatura_samples_dir / "7_TICARI_FATURA_ZARF.xml"
    assert main([*d, "validate", "--json", str(envelope)]) == 1
    assert json.loads(capsys.readouterr().out)["document"] == "envelope"

    not_xml = tmp_path / "fatura.xml"
    not_xml.write_text("bu bir XML değil", encoding="utf-8")
    assert main([*d, "validate", str(not_xml)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Hata: ") and "XML" in err and "Traceback" not in err

    assert main([*d, "validate", str(tmp_path / "yok.xml")]) == 2
    assert "okunamadı" in capsys.readouterr().err


def test_cli_validate_without_rules(
    data_dir: Path, ubl_samples_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--data-dir", str(data_dir), "validate", str(ubl_samples_dir / "TicariFaturaOrnegi.xml")])
    assert code == 1
    assert "tezgah rules install --from KLASÖR" in capsys.readouterr().err
