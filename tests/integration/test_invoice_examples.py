"""The example invoices in ``docs/examples/invoices/``: one per scenario × type Tezgâh issues.

Every pair in ``codes.ALLOWED_TYPES`` has exactly one example (``<PROFILE>-<TYPE>.json``) and
there is none for a pair Tezgâh does not issue, so a new scenario or type cannot ship without
its documented example. Each example fits ``docs/invoice.schema.json`` and goes through the
real CLI on a data folder holding only the company (no customers): ``invoice new --json``,
``invoice issue`` (signed with the demo test certificate), ``invoice xml --out``; the issued
XML must pass GİB's XSD and schematron (e-Arşiv rules for EARSIVFATURA) without a single
problem, and carries the file's scenario and type.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from lxml import etree

from app.cli import main
from app.domain import codes
from app.signing import SignerConfig, save_signer_config
from app.ubl.validate import get_validator
from tests.conftest import REPO_ROOT
from tests.fixtures.app import make_context

EXAMPLES_DIR = REPO_ROOT / "docs" / "examples" / "invoices"
ISSUED_PAIRS = sorted(f"{p.value}-{t.value}" for p, types in codes.ALLOWED_TYPES.items()
                      for t in types)
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def example_files() -> list[Path]:
    return sorted(EXAMPLES_DIR.glob("*.json"))


def test_one_example_per_issued_scenario_and_type() -> None:
    names = [p.stem for p in example_files()]
    missing = sorted(set(ISSUED_PAIRS) - set(names))
    extra = sorted(set(names) - set(ISSUED_PAIRS))
    assert not missing, f"örneği olmayan senaryo × tip: {missing}"
    assert not extra, f"Tezgâh'ın kesmediği senaryo × tip için örnek: {extra}"
    readme = (EXAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    for name in names:
        assert f"({name}.json)" in readme, f"README.md {name}.json dosyasını anlatmıyor"


def test_every_scenario_and_type_has_its_part_and_the_readme_lists_every_example() -> None:
    """``scripts/invoice_examples.py`` has nothing left to write: each scenario and type has
    its part (so a new one brings the examples of all its pairs) and the README is current."""
    from scripts import invoice_examples

    for p in codes.Profile:
        assert (EXAMPLES_DIR / "parts" / "profiles" / f"{p.value}.json").exists(), p
    for t in codes.InvoiceType:
        assert (EXAMPLES_DIR / "parts" / "types" / f"{t.value}.json").exists(), t
    readme = (EXAMPLES_DIR / "README.md").read_text(encoding="utf-8")
    assert invoice_examples.main([]) == 0
    assert (EXAMPLES_DIR / "README.md").read_text(encoding="utf-8") == readme


@pytest.fixture(scope="module")
def demo_certificate(tmp_path_factory: pytest.TempPathFactory) -> SignerConfig:
    """The demo TEST certificate of the fixture company, made once for the module (its
    password lies beside the .p12, so any data folder can point to it)."""
    from app.signing import create_test_certificate
    from tests.fixtures.app import COMPANY

    return create_test_certificate(tmp_path_factory.mktemp("signer"), COMPANY["vkn_tckn"],
                                   COMPANY["name"])


def _example_params() -> list:  # type: ignore[type-arg]
    """Every example; in the edit loop (``-m "not slow"``) one per scenario, the SATIS one."""
    return [pytest.param(p, id=p.name,
                         marks=() if p.stem.endswith("-SATIS") else (pytest.mark.slow,))
            for p in example_files()]


@pytest.mark.parametrize("example", _example_params())
def test_example_issues_and_passes_gib_rules(
        example: Path, tmp_path: Path, installed_rules_dir: Path, demo_certificate: SignerConfig,
        capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(example.read_text(encoding="utf-8"))
    schema = json.loads((REPO_ROOT / "docs" / "invoice.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(data, schema)  # the documented format, not only what Tezgâh reads
    profile, inv_type = example.stem.split("-")
    assert (data.get("profile", "TEMELFATURA"), data.get("type", "SATIS")) == (profile, inv_type)
    assert isinstance(data["customer"], dict), "müşteri dosyanın içinde yazılmalı"

    ctx = make_context(tmp_path / "data", installed_rules_dir)  # the company, no customers
    save_signer_config(ctx.data_dir, demo_certificate)
    d = ["--data-dir", str(ctx.data_dir)]
    capsys.readouterr()
    assert main([*d, "invoice", "new", "--json", str(example)]) == 0, capsys.readouterr().err
    ettn = capsys.readouterr().out.strip().splitlines()[-1]
    assert main([*d, "invoice", "issue", ettn]) == 0, capsys.readouterr().err
    number = capsys.readouterr().out.strip().splitlines()[-1]
    assert number == f"{data['series']}2026000000001"
    out = tmp_path / f"{example.stem}.xml"
    assert main([*d, "invoice", "xml", ettn, "--out", str(out)]) == 0, capsys.readouterr().err

    xml = out.read_bytes()
    report = get_validator(installed_rules_dir).validate(
        xml, earchive=profile == codes.Profile.EARSIVFATURA)
    assert report.ok, "\n".join(f"{p.source} {p.rule}: {p.message} ({p.location})"
                                for p in report.problems)
    root = etree.fromstring(xml)
    assert root.findtext(f"{{{CBC}}}ProfileID") == profile
    assert root.findtext(f"{{{CBC}}}InvoiceTypeCode") == inv_type
    capsys.readouterr()
    assert main([*d, "invoice", "show", ettn, "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert (shown["profile"], shown["type"], shown["number"]) == (profile, inv_type, number)
