"""An independent oracle for Tezgâh's schematron compiler (app/ubl/schematron.py).

GİB's schematron is compiled a second time, the standard way: the ISO Schematron "skeleton"
pipeline ``iso_dsdl_include.xsl`` → ``iso_abstract_expand.xsl`` → ``iso_svrl_for_xslt2.xsl``
(the XSLT 2 "for saxon" version), every step run on saxonche. The first two stylesheets are the
ones lxml ships (``lxml/isoschematron/resources/xsl/iso-schematron-xslt1``: the ISO distribution
uses the same include and abstract-expansion steps for XSLT 1 and 2); the XSLT 2 compiler and
its skeleton are not in any PyPI or Debian package, so they are kept in
``tests/oracle_schematron/`` (see the README there).

GİB's sample invoices, a deterministic sample of the property-test invoices and some
deliberately broken invoices then go through both compilations, and for every document the
failed asserts (and successful reports) must be the same multiset of (kind, pattern, rule
context, location, message). What is normalised, and why, is said where it is done.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

import lxml.isoschematron
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from lxml import etree

from app import clock
from app.domain.invoice import InvoiceData
from app.ubl.build import RenderContext, render_invoice
from app.ubl.schematron import SCH, SVRL, compile_schematron
from app.ubl.schematron_runtime import CompiledSchematron, saxon_processor
from tests.unit.test_invoice_properties import COMBOS, SUPPLIER, invoices

ISO_XSLT1_DIR = Path(lxml.isoschematron.__file__).parent / "resources" / "xsl" / "iso-schematron-xslt1"
ISO_XSLT2_DIR = Path(__file__).resolve().parent.parent / "oracle_schematron"
EXAMPLES_PER_COMBO = 2  # 17 profile × type combinations → 34 generated invoices

Key = tuple[str, str, str, tuple, str]


# --- the standard compilation ------------------------------------------------------------------


def _transform(stylesheet: Path, document) -> str:
    proc = saxon_processor()
    executable = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(stylesheet))
    return executable.transform_to_string(xdm_node=document)


def iso_compile(main: Path, work: Path) -> str:
    """GİB's schematron compiled by the ISO skeleton, with three normalisations of the input or
    output that change no assert's evaluation:

    * ``queryBinding="xslt2"`` is set on the schema: GİB's schema has none, which the skeleton
      takes for XSLT 1 (a version 1.0 stylesheet, run by Saxon in backwards-compatible mode, and
      no ``xs`` prefix for GİB's ``xs:date``), yet GİB's rules are XPath 2.0 (matches, exists,
      xs:date), as Tezgâh compiles them.
    * GİB's "General Rules" stand directly under ``sch:schema``; ISO Schematron only knows rules
      inside patterns (the skeleton would put them, by accident of numbering, in the mode of the
      first pattern). They are moved into one pattern ``general`` at the end — what Tezgâh
      does with them (first matching rule wins among them, independent of every other pattern).
    * The skeleton writes an attribute context's ``location`` as the attribute's *value* (its
      ``schematron-select-full-path`` mode has no template for ``@*``); the generated stylesheet
      gets one that uses the skeleton's own ``schematron-get-full-path`` path for attributes.
    """
    proc = saxon_processor()
    included = _transform(ISO_XSLT1_DIR / "iso_dsdl_include.xsl", proc.parse_xml(xml_file_name=str(main)))
    schema = etree.fromstring(included.encode("utf-8"))
    schema.set("queryBinding", "xslt2")
    loose = [c for c in schema if c.tag == f"{{{SCH}}}rule"]
    general = etree.SubElement(schema, f"{{{SCH}}}pattern", id="general")
    general.extend(loose)
    expanded = _transform(
        ISO_XSLT1_DIR / "iso_abstract_expand.xsl",
        proc.parse_xml(xml_text=etree.tostring(schema, encoding="unicode")),
    )
    step = work / "expanded.sch"
    step.write_text(expanded, encoding="utf-8")
    compiled = _transform(ISO_XSLT2_DIR / "iso_svrl_for_xslt2.xsl", proc.parse_xml(xml_file_name=str(step)))
    sheet = etree.fromstring(compiled.encode("utf-8"))
    xsl = "http://www.w3.org/1999/XSL/Transform"
    tpl = etree.SubElement(sheet, f"{{{xsl}}}template", match="@*", mode="schematron-select-full-path")
    etree.SubElement(tpl, f"{{{xsl}}}apply-templates", select=".", mode="schematron-get-full-path")
    # "Today" is Tezgâh's clock day on both sides (Tezgâh passes it as a parameter; Saxon's own
    # current-date() would follow the machine's calendar, which the suite does not trust).
    text = etree.tostring(sheet, encoding="unicode")
    return text.replace("current-date()", f"xs:date('{clock.today().isoformat()}')")


class IsoSchematron:
    def __init__(self, xslt_text: str) -> None:
        self._proc = saxon_processor()
        compiler = self._proc.new_xslt30_processor()
        self._exec = compiler.compile_stylesheet(stylesheet_text=xslt_text, encoding="UTF-8")

    def run(self, xml_text: str, doc_type: str) -> Counter[Key]:
        self._exec.set_parameter("type", self._proc.make_string_value(doc_type))
        svrl = self._exec.transform_to_string(xdm_node=self._proc.parse_xml(xml_text=xml_text))
        # SVRL is a flat stream: each result belongs to the last active-pattern and fired-rule
        # before it. The assert's ``test`` is not compared: the skeleton writes it as an
        # attribute value template, so GİB's regular expressions lose their quantifiers
        # (``[0-9]{9}`` comes out as ``[0-9]9``); the message identifies the assert instead.
        pattern = context = ""
        found: Counter[Key] = Counter()
        for el in etree.fromstring(svrl.encode("utf-8")):
            if not isinstance(el.tag, str):
                continue
            local = etree.QName(el).localname
            if local == "active-pattern":
                pattern = el.get("id") or el.get("name") or ""
            elif local == "fired-rule":
                context = el.get("context", "")
            elif local in ("failed-assert", "successful-report"):
                text = el.find(f"{{{SVRL}}}text")
                message = "".join(text.itertext()) if text is not None else ""
                found[(local, pattern, context, iso_location(el.get("location", "")),
                       _squeeze(message))] += 1
        return found


# --- normalising the two sides -----------------------------------------------------------------

# A location as steps: ("e", namespace-uri, local-name, index) or ("a", namespace-uri, name).
_ISO_STEP = re.compile(
    r"/\*:(?P<el>[\w.-]+)\[namespace-uri\(\)='(?P<eu>[^']*)'\]\[(?P<ei>\d+)\]"
    r"|/(?P<bare>[\w.-]+)\[(?P<bi>\d+)\]"
    r"|/@(?P<att>[\w.-]+)"
    r"|/@\*\[local-name\(\)='(?P<al>[^']*)' and namespace-uri\(\)='(?P<au>[^']*)'\]"
)
_TZ_STEP = re.compile(r"/(?P<at>@)?(?:(?P<pfx>[\w.-]+):)?(?P<name>[\w.-]+)(?:\[(?P<i>\d+)\])?")


def _steps(location: str, pattern: re.Pattern[str], step) -> tuple:
    steps, pos = [], 0
    for m in pattern.finditer(location):
        if m.start() != pos:
            break
        steps.append(step(m))
        pos = m.end()
    if pos != len(location) or not steps:
        raise AssertionError(f"unreadable location: {location!r}")
    return tuple(steps)


def iso_location(location: str) -> tuple:
    def step(m: re.Match[str]) -> tuple:
        if m["el"]:
            return ("e", m["eu"], m["el"], int(m["ei"]))
        if m["bare"]:
            return ("e", "", m["bare"], int(m["bi"]))
        if m["att"]:
            return ("a", "", m["att"])
        return ("a", m["au"], m["al"])

    return _steps(location, _ISO_STEP, step)


def tezgah_location(location: str, namespaces: dict[str, str]) -> tuple:
    """Tezgâh writes locations with the schematron's own prefixes (``/inv:Invoice[1]/@a``)."""

    def step(m: re.Match[str]) -> tuple:
        uri = namespaces[m["pfx"]] if m["pfx"] else ""
        if m["at"]:
            return ("a", uri, m["name"])
        return ("e", uri, m["name"], int(m["i"]))

    return _steps(location, _TZ_STEP, step)


def _squeeze(message: str) -> str:
    # The skeleton pads every sch:value-of and sch:name with a space on each side ("We generate
    # too much whitespace rather than risking concatenation"); Tezgâh does not. Messages are
    # compared with all whitespace removed.
    return re.sub(r"\s+", "", message)


def tezgah_run(compiled: CompiledSchematron, xml_text: str, doc_type: str,
               namespaces: dict[str, str]) -> Counter[Key]:
    return Counter(
        (r.kind, r.pattern, r.context, tezgah_location(r.location, namespaces), _squeeze(r.message))
        for r in compiled.run(compiled.parse(xml_text), doc_type=doc_type)
    )


# --- documents -----------------------------------------------------------------------------------


def _text(xml: bytes) -> str:
    return etree.tostring(etree.fromstring(xml), encoding="unicode")


def generated_invoices() -> list[tuple[str, str, bool]]:
    """A deterministic sample of the property test's invoices: (name, XML, e-Arşiv?)."""
    out: list[tuple[str, str, bool]] = []

    def sample(profile, inv_type) -> None:
        @settings(max_examples=EXAMPLES_PER_COMBO, derandomize=True, database=None,
                  phases=[Phase.generate], deadline=None, suppress_health_check=list(HealthCheck))
        @given(invoices(profile, inv_type))
        def collect(data: dict[str, Any]) -> None:
            invoice = InvoiceData.from_json(data)
            xml = render_invoice(
                invoice, RenderContext(SUPPLIER, f"{invoice.series}2026000000001", unsigned=True)
            )
            name = f"{profile.value}-{inv_type.value}-{len(out)}"
            out.append((name, _text(xml), profile.value == "EARSIVFATURA"))

        collect()

    for profile, inv_type in COMBOS:
        sample(profile, inv_type)
    return out


_NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}


def _break(xml_text: str, how: str) -> str:
    """One deliberate fault in an otherwise valid invoice."""
    root = etree.fromstring(xml_text.encode("utf-8"))

    def first(path: str) -> etree._Element:
        return root.xpath(path, namespaces=_NS)[0]

    if how == "invoice-id":
        first("cbc:ID").text = "BAD-1"
    elif how == "currency":
        for el in root.xpath("//*[@currencyID]"):
            el.set("currencyID", "XXQ")
    elif how == "unit":
        first("//cbc:InvoicedQuantity").set("unitCode", "NOPE")
    elif how == "type-code":
        first("cbc:InvoiceTypeCode").text = "YOKBOYLE"
    elif how == "tckn":
        first("//cac:AccountingCustomerParty//cbc:ID[@schemeID]").set("schemeID", "TCKN")
        first("//cac:AccountingCustomerParty//cbc:ID[@schemeID]").text = "123"
    elif how == "uuid":
        first("cbc:UUID").text = "not-a-uuid"
    elif how == "profile":
        first("cbc:ProfileID").text = "YOKBOYLE"
    elif how == "tax-code":
        for el in root.xpath("//cac:TaxScheme/cbc:TaxTypeCode", namespaces=_NS):
            el.text = "9999"
    else:  # pragma: no cover
        raise ValueError(how)
    return etree.tostring(root, encoding="unicode")


BREAKS = ["invoice-id", "currency", "unit", "type-code", "tckn", "uuid", "profile", "tax-code"]


# --- the test ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def compilations(gib_unpacked: Path, tmp_path_factory: pytest.TempPathFactory):
    main = gib_unpacked / "e-FaturaPaketi" / "schematron" / "UBL-TR_Main_Schematron.xml"
    namespaces = {
        ns.get("prefix"): ns.get("uri") for ns in etree.parse(str(main)).iter(f"{{{SCH}}}ns")
    }
    iso = IsoSchematron(iso_compile(main, tmp_path_factory.mktemp("iso-schematron")))
    tezgah = CompiledSchematron(compile_schematron(main))
    return iso, tezgah, namespaces


def _compare(compilations, documents: list[tuple[str, str, bool]]) -> tuple[list[str], int]:
    iso, tezgah, namespaces = compilations
    differences, failures = [], 0
    for name, text, earchive in documents:
        for doc_type in ("efatura", "earchive") if earchive else ("efatura",):
            expected = iso.run(text, doc_type)
            got = tezgah_run(tezgah, text, doc_type, namespaces)
            failures += sum(n for key, n in got.items() if key[0] == "failed-assert")
            if got != expected:
                differences.append(
                    f"{name} ({doc_type}): only ISO {sorted((expected - got).elements())}; "
                    f"only Tezgâh {sorted((got - expected).elements())}"
                )
    return differences, failures


def test_gib_samples_agree_with_the_iso_skeleton(compilations, ubl_samples_dir: Path) -> None:
    documents = []
    for path in sorted(ubl_samples_dir.glob("*.xml")):
        raw = path.read_bytes()
        try:
            root = etree.fromstring(raw)
        except etree.XMLSyntaxError:
            continue  # one GİB sample is not well-formed
        if etree.QName(root).localname == "Invoice":
            documents.append((path.name, _text(raw), b"EARSIVFATURA" in raw))
    started = time.perf_counter()
    differences, failures = _compare(compilations, documents)
    print(f"{len(documents)} GİB invoices, {failures} failed asserts, "
          f"{time.perf_counter() - started:.1f} s")
    assert len(documents) >= 25
    assert failures > 0  # several samples are older than the rules: the comparison is not empty
    assert differences == []


def test_generated_and_broken_invoices_agree_with_the_iso_skeleton(compilations) -> None:
    generated = generated_invoices()
    assert len(generated) >= 30
    broken = [
        (f"{name}+{how}", _break(text, how), earchive)
        for i, how in enumerate(BREAKS)
        for name, text, earchive in [generated[(5 * i) % len(generated)]]
    ]
    started = time.perf_counter()
    differences, _ = _compare(compilations, generated)
    broken_differences, failures = _compare(compilations, broken)
    print(f"{len(generated)} generated and {len(broken)} broken invoices, "
          f"{time.perf_counter() - started:.1f} s")
    assert differences == []
    assert broken_differences == []
    # Every broken invoice fails at least one rule (so the comparison had something to compare).
    iso = compilations[0]
    for name, text, earchive in broken:
        doc_type = "earchive" if earchive else "efatura"
        assert any(k[0] == "failed-assert" for k in iso.run(text, doc_type)), name
    assert failures >= len(broken)
