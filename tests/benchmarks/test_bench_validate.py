"""Validation speed: XSD + GİB schematron of a 10-line invoice, and validator start-up.

Run with ``.venv/bin/python -m pytest tests/benchmarks/test_bench_validate.py --benchmark-only``.
Figures go to docs/performance/validation.md.
"""

from __future__ import annotations

import copy
import shutil
from pathlib import Path

import pytest
from lxml import etree

from app.ubl import schematron as sch
from app.ubl import schematron_runtime as sch_rt
from app.ubl.namespaces import CAC, CBC, q
from app.ubl.validate import InvoiceValidator, get_validator
from app.xmlsafe import parse_bytes

pytestmark = pytest.mark.benchmark


def ten_line_invoice(ubl_samples_dir: Path) -> bytes:
    """GİB's TicariFaturaOrnegi.xml (8 lines) grown to 10 lines, line IDs 1…10."""
    root = etree.fromstring((ubl_samples_dir / "TicariFaturaOrnegi.xml").read_bytes())
    lines = root.findall(q(CAC, "InvoiceLine"))
    last = lines[-1]
    for _ in range(10 - len(lines)):
        new = copy.deepcopy(last)
        last.addnext(new)
        last = new
    lines = root.findall(q(CAC, "InvoiceLine"))
    assert len(lines) == 10
    for i, line in enumerate(lines, 1):
        line.find(q(CBC, "ID")).text = str(i)
    root.find(q(CBC, "LineCountNumeric")).text = "10"
    return etree.tostring(root.getroottree(), xml_declaration=True, encoding="UTF-8")


@pytest.fixture(scope="module")
def invoice10(ubl_samples_dir: Path) -> bytes:
    return ten_line_invoice(ubl_samples_dir)


@pytest.fixture(scope="module")
def validator(installed_rules_dir: Path, invoice10: bytes) -> InvoiceValidator:
    v = get_validator(installed_rules_dir)
    report = v.validate(invoice10)
    assert report.ok, report.problems  # the benchmarked document is a valid invoice
    return v


def test_bench_validate_10_line_invoice(benchmark, validator: InvoiceValidator, invoice10: bytes):
    """Per invoice, from bytes: safe parse, XSD, Saxon parse, schematron, SVRL read-back."""
    report = benchmark(validator.validate, invoice10)
    assert report.ok


def test_bench_validate_100_invoices(benchmark, validator: InvoiceValidator, invoice10: bytes):
    """100 invoices one after the other in one process (divide the time by 100)."""
    docs = [invoice10.replace(b"GIB2009000000011", f"GIB2009{i:09d}".encode()) for i in range(100)]

    def run() -> int:
        return sum(validator.validate(d).ok for d in docs)

    assert benchmark.pedantic(run, rounds=5, iterations=1) == 100


def test_bench_part_xsd(benchmark, validator: InvoiceValidator, invoice10: bytes):
    """lxml: safe parse + UBL-Invoice-2.1.xsd."""
    schema = validator._invoice_xsd

    def run() -> bool:
        return schema.validate(parse_bytes(invoice10))

    assert benchmark(run)


def test_bench_part_saxon_parse(benchmark, validator: InvoiceValidator, invoice10: bytes):
    """Saxon: building its document from the text."""
    text = invoice10.decode("utf-8")
    benchmark(validator._schematron.parse, text)


def test_bench_part_schematron_run(benchmark, validator: InvoiceValidator, invoice10: bytes):
    """Saxon: running the compiled schematron on an already-built document."""
    node = validator._schematron.parse(invoice10.decode("utf-8"))
    assert benchmark(validator._schematron.run, node) == []


@pytest.fixture
def private_rules(installed_rules_dir: Path, tmp_path: Path) -> Path:
    rules = tmp_path / "rules"
    shutil.copytree(installed_rules_dir, rules)
    return rules


def test_bench_startup_cold(benchmark, private_rules: Path):
    """Start-up with nothing cached: compile the schematron to XSLT (Python), write the cache,
    compile the XSLT in Saxon, load the XSD."""

    def setup():
        shutil.rmtree(private_rules / "cache", ignore_errors=True)
        sch_rt.clear_memory_cache()

    v = benchmark.pedantic(InvoiceValidator, args=(private_rules,), setup=setup, rounds=5)
    assert v.compiled_now


def test_bench_startup_warm(benchmark, private_rules: Path):
    """A second start (new process): compiled XSLT read from the cache, Saxon compile, XSD."""
    InvoiceValidator(private_rules)  # fills the disk cache

    v = benchmark.pedantic(
        InvoiceValidator, args=(private_rules,), setup=sch_rt.clear_memory_cache, rounds=5
    )
    assert not v.compiled_now


def test_bench_startup_python_compile_only(benchmark, installed_rules_dir: Path):
    """Only our Schematron → XSLT compiler (includes, abstract rules, patterns)."""
    from app.ubl.rules import RulesStore

    main = RulesStore(installed_rules_dir).schematron_main()
    xslt = benchmark(sch.compile_schematron, main)
    assert "xsl:stylesheet" in xslt
