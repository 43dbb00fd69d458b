"""Invoicing deliveries: two issued despatch advices of one receiver become one invoice
draft with both references and every line; the issued invoice passes GİB's XSD and
schematron with its DespatchDocumentReferences; the invoiced despatches are no longer
offered; drafts, received ones, already invoiced ones and different receivers are refused;
the same through ``tezgah invoice from-despatch`` and ``tezgah despatch list --not-invoiced``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app.cli import main
from app.context import AppContext
from app.domain.errors import NotFoundError, UserError
from app.usecases import despatches
from app.usecases.despatch_invoicing import (
    despatch_notice,
    invoice_draft_from_despatches,
    invoice_parts_from_despatches,
    not_invoiced_despatches,
)
from app.usecases.invoices import delete_draft, invoice_xml, issue_invoice, show_invoice
from tests.fixtures.app import COMPANY, make_context

EXAMPLE = (Path(__file__).resolve().parents[2] / "docs" / "examples" / "despatch"
           / "TEMELIRSALIYE-SEVK.json")
OTHER = {"vkn_tckn": "1234567890", "name": "Başka Alıcı A.Ş.", "tax_office": "Çankaya",
         "address": {"street": "Atatürk Bulvarı", "building_no": "1", "district": "Çankaya",
                     "city": "Ankara", "postal_code": "06420", "country": "TR"}}
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"


def _despatch(ctx: AppContext, day: str, *, customer: dict[str, Any] | None = None,
              issue: bool = True, price: str | None = "42.10") -> tuple[str, str | None]:
    data = json.loads(EXAMPLE.read_text(encoding="utf-8"))
    for key in ("series", "invoice_refs"):
        data.pop(key)
    data.update(issue_date=day, despatch_date=day)
    if customer is not None:
        data["customer"] = customer
    if price is not None:
        data["lines"][1]["unit_price"] = price
    ettn = despatches.create_draft(ctx, data)
    if not issue:
        return ettn, None
    return ettn, despatches.issue_despatch(ctx, ettn, sign=None).number


@pytest.fixture
def ctx(tmp_path: Path, installed_rules_dir: Path, each_engine: str) -> AppContext:
    return make_context(tmp_path / "data", installed_rules_dir)


def test_two_despatches_become_one_invoice_that_passes_gib_rules(ctx: AppContext) -> None:
    (e1, n1), (e2, n2) = _despatch(ctx, "2026-11-12"), _despatch(ctx, "2026-11-20")
    customer = "4700582260"
    offered = not_invoiced_despatches(ctx, customer)
    assert [d["number"] for d in offered] == [n1, n2]
    assert despatch_notice(offered) == f"{n1} (12.11.2026), {n2} (20.11.2026)"
    assert not_invoiced_despatches(ctx, OTHER["vkn_tckn"]) == []

    ettn = invoice_draft_from_despatches(ctx, [e1, e2])
    info = show_invoice(ctx, ettn)
    data = info["data"]
    assert info["status"] == "draft" and data["customer"]["vkn_tckn"] == customer
    assert data["despatch_refs"] == [{"number": n1, "date": "2026-11-12"},
                                     {"number": n2, "date": "2026-11-20"}]
    # one invoice line per despatch line, in the despatches' order
    assert [(ln["name"], ln["quantity"], ln["unit"]) for ln in data["lines"]] == [
        ("Pamuklu tişört, beyaz, L beden", "120", "C62"), ("Kumaş topu, gabardin", "350.5", "MTR"),
    ] * 2
    # invoiced (a draft counts): no longer offered, and not invoiced twice
    assert not_invoiced_despatches(ctx) == []
    with pytest.raises(UserError, match="zaten faturalanmış"):
        invoice_draft_from_despatches(ctx, [e1])

    from app.ubl.validate import get_validator
    from app.usecases.signers import use_test_certificate
    from app.usecases.signing import company_signer

    use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
    with company_signer(ctx, None) as sign:
        issue_invoice(ctx, ettn, sign=sign)
    xml = invoice_xml(ctx, ettn)
    report = get_validator(ctx.rules_dir).validate(xml)
    assert report.ok, report.problems
    refs = etree.fromstring(xml).findall(f"{{{CAC}}}DespatchDocumentReference")
    assert [(r.findtext(f"{{{CBC}}}ID"), r.findtext(f"{{{CBC}}}IssueDate")) for r in refs] == [
        (n1, "2026-11-12"), (n2, "2026-11-20")]
    assert not_invoiced_despatches(ctx, customer) == []


def test_a_deleted_draft_frees_its_despatches(ctx: AppContext) -> None:
    e1, n1 = _despatch(ctx, "2026-11-12")
    delete_draft(ctx, invoice_draft_from_despatches(ctx, [e1]))
    assert [d["number"] for d in not_invoiced_despatches(ctx)] == [n1]


def test_what_cannot_be_invoiced_is_refused(ctx: AppContext) -> None:
    e1, _ = _despatch(ctx, "2026-11-12")
    e2, _ = _despatch(ctx, "2026-11-13", customer=OTHER)
    with pytest.raises(UserError, match="alıcıları farklı"):
        invoice_parts_from_despatches(ctx, [e1, e2])
    draft, _ = _despatch(ctx, "2026-11-14", issue=False)
    with pytest.raises(UserError, match="taslak"):
        invoice_parts_from_despatches(ctx, [draft])
    with pytest.raises(NotFoundError):
        invoice_parts_from_despatches(ctx, ["0b6bd1a4-7a6e-4a43-9d4e-5d2b9f0e0c11"])
    no_price, _ = _despatch(ctx, "2026-11-15", price=None)
    # the editor takes the line without a price; a draft made directly refuses it
    parts = invoice_parts_from_despatches(ctx, [no_price])
    assert "unit_price" not in parts["lines"][1]
    with pytest.raises(UserError, match="birim fiyatı"):
        invoice_draft_from_despatches(ctx, [no_price])
    assert [d["issue_date"] for d in not_invoiced_despatches(ctx)] == [
        "2026-11-12", "2026-11-13", "2026-11-15"]


def test_cli_from_despatch_and_not_invoiced_list(ctx: AppContext,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    d = str(ctx.data_dir)
    (e1, n1), (_, n2) = _despatch(ctx, "2026-11-12"), _despatch(ctx, "2026-11-20")
    capsys.readouterr()
    assert main(["--data-dir", d, "despatch", "list", "--not-invoiced"]) == 0
    out = capsys.readouterr().out
    assert n1 in out and n2 in out
    assert main(["--data-dir", d, "despatch", "list", "--not-invoiced", "--json"]) == 0
    assert [r["number"] for r in json.loads(capsys.readouterr().out)] == [n1, n2]

    assert main(["--data-dir", d, "invoice", "from-despatch", e1, n2]) == 0
    ettn = capsys.readouterr().out.strip()
    assert [r["number"] for r in show_invoice(ctx, ettn)["data"]["despatch_refs"]] == [n1, n2]
    assert main(["--data-dir", d, "despatch", "list", "--not-invoiced"]) == 0
    assert "Faturalanmamış irsaliye yok." in capsys.readouterr().out
    assert main(["--data-dir", d, "invoice", "from-despatch", e1]) == 1
    err = capsys.readouterr().err
    assert "zaten faturalanmış" in err and "Traceback" not in err
