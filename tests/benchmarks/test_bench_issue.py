"""Issuing speed: render + GİB XSD + schematron of a 10-line invoice, and 100 invoices issued
through the database in one process. Run: scripts/benchmark.sh"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from app.domain.invoice import InvoiceData
from app.domain.party import Party
from app.ubl.build import RenderContext, render_invoice
from app.ubl.validate import get_validator
from app.usecases.invoices import create_draft, issue_invoice
from tests.fixtures.app import COMPANY, invoice_json, make_context


def ten_lines() -> dict:
    return invoice_json(lines=[
        {"name": f"Ürün {i}", "quantity": str(i + 1), "unit": "C62",
         "unit_price": f"{12.5 * (i + 1):.2f}", "kdv_rate": ["1", "10", "20"][i % 3],
         "discount_rate": "5" if i % 4 == 0 else "0"} for i in range(10)])


@pytest.mark.benchmark(group="issue")
def test_render_and_validate_ten_line_invoice(benchmark, installed_rules_dir: Path) -> None:  # type: ignore[no-untyped-def]
    validator = get_validator(installed_rules_dir)
    invoice = InvoiceData.from_json(ten_lines())
    ctx = RenderContext(Party.from_dict(COMPANY), "ABC2026000000001", unsigned=True)
    validator.validate(render_invoice(invoice, ctx))  # warm

    def once() -> None:
        report = validator.validate(render_invoice(invoice, ctx))
        assert report.ok

    benchmark(once)


@pytest.mark.benchmark(group="issue")
def test_issue_hundred_invoices_through_the_database(benchmark, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                      installed_rules_dir: Path) -> None:
    counter = iter(range(1000))

    def setup():  # type: ignore[no-untyped-def]
        ctx = make_context(tmp_path / f"d{next(counter)}", installed_rules_dir)
        get_validator(ctx.rules_dir)
        return (ctx, [create_draft(ctx, ten_lines()) for _ in range(100)]), {}

    def issue_all(ctx, ettns) -> None:  # type: ignore[no-untyped-def]
        for ettn in ettns:
            issue_invoice(ctx, ettn, sign=None)

    benchmark.pedantic(issue_all, setup=setup, rounds=3, iterations=1)


@pytest.mark.benchmark(group="issue")
def test_issue_cost_outside_render_sign_validate(benchmark, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                 installed_rules_dir: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """100 signed e-Fatura drafts issued as one batch (``issue_drafts``, as ``tezgah invoice
    issue`` and the GUI do), signing with a PKCS#12 test certificate; extra_info gives the
    milliseconds per invoice spent outside render + sign + validate (reading the draft and
    the counter, the write transaction, the outbox row)."""
    from contextlib import nullcontext

    from app.signing import open_signer, sign_invoice
    from app.signing.testcert import create_test_certificate
    from app.usecases import invoices, issuing
    from tests.fixtures.app import CUSTOMER
    from tests.integration.sending import sending_context

    counter = iter(range(1000))
    prepared = [0.0]
    real_prepare = invoices._prepare

    def timed_prepare(*args, **kwargs):  # type: ignore[no-untyped-def]
        began = time.perf_counter()
        try:
            return real_prepare(*args, **kwargs)
        finally:
            prepared[0] += time.perf_counter() - began

    monkeypatch.setattr(invoices, "_prepare", timed_prepare)
    cfg = create_test_certificate(tmp_path / "cert", COMPANY["vkn_tckn"], COMPANY["name"])
    with open_signer(cfg, None) as signer:
        monkeypatch.setattr(issuing, "company_signer", lambda _ctx, _secret: nullcontext(
            lambda xml: sign_invoice(xml, signer)))
        runs: list[tuple[float, float]] = []

        def setup():  # type: ignore[no-untyped-def]
            ctx = sending_context(tmp_path / f"d{next(counter)}", installed_rules_dir)
            get_validator(ctx.rules_dir)
            prepared[0] = 0.0
            return (ctx, [create_draft(ctx, invoice_json(profile="TICARIFATURA",
                                                          customer=CUSTOMER["vkn_tckn"]))
                          for _ in range(100)]), {}

        def issue_all(ctx, ettns) -> None:  # type: ignore[no-untyped-def]
            began = time.perf_counter()
            issuing.issue_drafts(ctx, ettns, None)
            runs.append((time.perf_counter() - began, prepared[0]))

        benchmark.pedantic(issue_all, setup=setup, rounds=3, iterations=1)
    outside = [(total - prep) * 10 for total, prep in runs]  # ms per invoice (100 invoices)
    benchmark.extra_info["outside_render_sign_validate_ms_per_invoice_min"] = round(
        min(outside), 2)
    benchmark.extra_info["render_sign_validate_ms_per_invoice_min"] = round(
        min(prep for _, prep in runs) * 10, 2)
    print(f"\nissuing 100 signed drafts: outside render + sign + validate "
          f"{min(outside):.2f} ms per invoice, render + sign + validate "
          f"{min(prep for _, prep in runs) * 10:.2f} ms per invoice; load {os.getloadavg()}")
