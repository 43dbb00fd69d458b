"""``tezgah inbox …`` through the real command line, on a receiver whose posta kutusu got a
signed TICARIFATURA from AAA; and ``tezgah invoice status`` showing a customer's RED."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from app.cli import main
from app.context import AppContext
from app.db.repositories import events, invoices
from app.domain.status import Status
from app.usecases import inbox
from tests.fixtures.simulator import SENDER, Packed
from tests.integration.sending import issue_some


def run(capsys: pytest.CaptureFixture[str], ctx: AppContext, *args: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(ctx.data_dir), *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def received(receiver_ctx: AppContext, deliver: Callable[..., Packed],
             make_gib_invoice: Callable[..., bytes]) -> tuple[str, Packed]:
    """One signed TICARIFATURA from AAA in BBB's inbox: (its ETTN, the envelope)."""
    packed = deliver([make_gib_invoice()])
    [item] = inbox.list_inbox(receiver_ctx)
    return item["ettn"], packed


def _row(out: str, ettn: str) -> str:
    [line] = [line for line in out.splitlines() if ettn in line]
    return line


def test_list_shows_the_unread_invoice_and_its_deadline_and_show_marks_it_read(
        capsys: pytest.CaptureFixture[str], receiver_ctx: AppContext,
        received: tuple[str, Packed]) -> None:
    ettn, packed = received
    code, out, err = run(capsys, receiver_ctx, "inbox", "list")
    assert code == 0, err
    row = _row(out, ettn)
    assert row.startswith("*")
    assert "8 gün" in row and "TICARIFATURA" in row and SENDER.name in row
    assert "geçerli" in row and "₺" in row

    code, out, _ = run(capsys, receiver_ctx, "inbox", "list", "--json")
    assert code == 0
    [item] = json.loads(out)
    assert item["ettn"] == ettn and item["read"] is False and item["days_left"] == 8

    code, out, err = run(capsys, receiver_ctx, "inbox", "show", ettn)
    assert code == 0, err
    assert ettn in out and "İmza geçerli" in out and "Son gün" in out and "8 gün" in out
    assert "Satırlar:" in out and "Geçmiş:" in out and packed.uuid in out

    code, out, _ = run(capsys, receiver_ctx, "inbox", "list")
    assert code == 0 and not _row(out, ettn).startswith("*")
    code, out, _ = run(capsys, receiver_ctx, "inbox", "show", ettn, "--json")
    shown = json.loads(out)
    assert shown["ettn"] == ettn and shown["read"] is True and shown["lines"]


def test_xml_is_the_signed_original_and_pdf_is_a_pdf(
        capsys: pytest.CaptureFixture[str], receiver_ctx: AppContext,
        received: tuple[str, Packed], tmp_path: Path) -> None:
    ettn, _ = received
    xml, pdf = tmp_path / "out" / "asil.xml", tmp_path / "out" / "fatura.pdf"
    code, out, err = run(capsys, receiver_ctx, "inbox", "xml", ettn, "--out", str(xml))
    assert code == 0, err
    assert "bayt" in out and ettn in out
    assert xml.read_bytes() == inbox.original(receiver_ctx, ettn)
    code, _, err = run(capsys, receiver_ctx, "inbox", "pdf", ettn, "--out", str(pdf))
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF")


def test_unknown_ettn_is_refused_in_turkish(
        capsys: pytest.CaptureFixture[str], receiver_ctx: AppContext) -> None:
    code, _, err = run(capsys, receiver_ctx, "inbox", "show",
                       "00000000-0000-0000-0000-000000000000")
    assert code == 1 and "Gelen kutusunda" in err and "Traceback" not in err


def test_respond_reject_needs_a_reason_and_is_given_once(
        capsys: pytest.CaptureFixture[str], receiver_ctx: AppContext,
        received: tuple[str, Packed]) -> None:
    ettn, _ = received
    code, out, err = run(capsys, receiver_ctx, "inbox", "respond", ettn, "--reject")
    assert code != 0 and "red nedeni" in err and "--reason" in err
    assert inbox.list_inbox(receiver_ctx)[0]["answer"] == ""
    code, out, err = run(capsys, receiver_ctx, "inbox", "respond", ettn, "--reject",
                         "--reason", "   ")
    assert code != 0 and "red nedeni" in err

    with pytest.raises(SystemExit) as both:  # argparse: one of --accept / --reject
        main(["--data-dir", str(receiver_ctx.data_dir), "inbox", "respond", ettn,
              "--accept", "--reject"])
    assert both.value.code == 2 and "ile birlikte kullanılamaz" in capsys.readouterr().err

    code, out, err = run(capsys, receiver_ctx, "inbox", "respond", ettn, "--reject",
                         "--reason", "Fiyat farkı")
    assert code == 0, err
    assert "RED yanıtı imzalandı ve verildi" in out and "Fiyat farkı" in out
    assert "giden kutusunda" in out and "tezgah sync" in out
    [item] = inbox.list_inbox(receiver_ctx)
    assert (item["answer"], item["answer_reason"]) == ("RED", "Fiyat farkı")
    code, out, _ = run(capsys, receiver_ctx, "inbox", "list")
    row = _row(out, ettn)
    assert "RED" in row and "gün" not in row

    code, out, err = run(capsys, receiver_ctx, "inbox", "respond", ettn, "--accept")
    assert code != 0 and "zaten" in err and "Traceback" not in err


def test_envelopes_lists_the_received_envelope_with_1200(
        capsys: pytest.CaptureFixture[str], receiver_ctx: AppContext,
        received: tuple[str, Packed]) -> None:
    _, packed = received
    code, out, err = run(capsys, receiver_ctx, "inbox", "envelopes")
    assert code == 0, err
    [line] = [line for line in out.splitlines() if packed.uuid in line]
    assert "1200" in line and "SENDERENVELOPE" in line
    code, out, _ = run(capsys, receiver_ctx, "inbox", "envelopes", "--json")
    [env] = json.loads(out)
    assert (env["uuid"], env["status_code"]) == (packed.uuid, 1200)


def test_invoice_status_shows_the_customers_red_and_its_reason(
        capsys: pytest.CaptureFixture[str], ctx: AppContext,
        demo_sign: Callable[[bytes], bytes]) -> None:
    [ettn] = issue_some(ctx, demo_sign, 1)
    with ctx.db.write_session() as s:
        row = invoices.out_by_ettn(s, ettn)
        assert row is not None
        invoices.set_status(s, [row.id], Status.REJECTED)
        events.add_event(s, row.id, "customer-rejected",
                         "Müşteri faturayı REDDETTİ. Gerekçe: Fiyat farkı", code="RED",
                         data={"envelope": "E1", "reason": "Fiyat farkı"})
    code, out, err = run(capsys, ctx, "invoice", "status", ettn)
    assert code == 0, err
    assert "Reddedildi" in out
    assert "Müşteri yanıtı: RED" in out and "Neden: Fiyat farkı" in out
    code, out, _ = run(capsys, ctx, "invoice", "status", ettn, "--json")
    info = json.loads(out)
    assert info["status"] == "rejected" and info["status_name"] == "Reddedildi"
    assert info["customer_answer"]["code"] == "RED"
    assert info["customer_answer"]["reason"] == "Fiyat farkı"


def test_company_postbox_alias_set_shown_derived_and_checked(
        capsys: pytest.CaptureFixture[str], receiver_ctx: AppContext, tmp_path: Path) -> None:
    from tests.fixtures.postbox import BBB

    code, out, _ = run(capsys, receiver_ctx, "company", "show")
    shown = json.loads(out)
    assert code == 0 and shown["postbox_alias"] == ""
    assert shown["postbox_alias_in_use"] == "urn:mail:defaultpk@bbb.com.tr"  # from the GB's domain
    company = tmp_path / "firma.json"
    company.write_text(json.dumps({**BBB, "postbox_alias": "urn:mail:faturapk@bbb.com.tr"}),
                       encoding="utf-8")
    assert run(capsys, receiver_ctx, "company", "set", "--json", str(company))[0] == 0
    shown = json.loads(run(capsys, receiver_ctx, "company", "show")[1])
    assert shown["postbox_alias"] == shown["postbox_alias_in_use"] == \
        "urn:mail:faturapk@bbb.com.tr"
    assert inbox.receiving_aliases(receiver_ctx) == ["urn:mail:faturapk@bbb.com.tr",
                                                     BBB["alias"]]
    company.write_text(json.dumps({**BBB, "postbox_alias": "posta kutusu"}), encoding="utf-8")
    code, _, err = run(capsys, receiver_ctx, "company", "set", "--json", str(company))
    assert code == 1 and "postbox_alias" in err and "geçersiz" in err
