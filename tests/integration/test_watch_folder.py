"""The watched folder (``app.usecases.watch_folder``): files a till or an ERP drops become
drafts, bad ones land in hatalı/ with their reason — real files, a real SQLite database."""

from __future__ import annotations

import json
import os
import queue
import signal
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from lxml import etree

from app import clock, settings
from app.cli import main
from app.context import AppContext
from app.domain.invoice import InvoiceData
from app.outbox.lock import exclusive_file_lock
from app.ubl.build import RenderContext, render_invoice
from app.ubl.namespaces import CAC, CBC, DS
from app.usecases.company import require_company
from app.usecases.invoices import list_invoices, show_invoice
from app.usecases.watch_folder import (
    CLAIMED,
    FAILED,
    FAILPOINT_AFTER_DRAFT,
    MAX_FILE_BYTES,
    PROCESSED,
    folder_path,
    scan,
    start_watching,
)
from tests.fixtures.app import COMPANY, CUSTOMER, invoice_json

ROOT = Path(__file__).resolve().parents[2]
# invoice_json(): 12 × 19,99 − %5 = 227,89 + %20 KDV 45,58; 2,5 × 245,50 = 613,75 + %1 KDV 6,14
PAYABLE = Decimal("893.36")


def drop(folder: Path, name: str, data: bytes | str, *, written_now: bool = False) -> Path:
    """Write a file the way a till should (a .tmp name renamed into place); unless
    ``written_now``, dated a while ago so that the scan takes it as complete."""
    folder.mkdir(parents=True, exist_ok=True)
    tmp = folder / f"{name}.tmp"
    if isinstance(data, str):
        tmp.write_text(data, encoding="utf-8")
    else:
        tmp.write_bytes(data)
    path = folder / name
    os.replace(tmp, path)
    if not written_now:
        age(path)
    return path


def age(path: Path) -> None:
    then = clock.file_clock() - 60
    os.utime(path, (then, then))


def drafts(ctx: AppContext) -> list[dict[str, Any]]:
    return [r for r in list_invoices(ctx) if r["status"] == "draft" or not r["number"]]


def ubl_of(ctx: AppContext, **overrides: Any) -> bytes:
    """An unsigned UBL-TR invoice of this company, as Tezgâh's own renderer writes it."""
    inv = InvoiceData.from_json(invoice_json(**overrides))
    return render_invoice(inv, RenderContext(require_company(ctx), "ABC2026000000001",
                                             unsigned=True))


def edit_xml(data: bytes, change: Any) -> bytes:
    root = etree.fromstring(data)
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def only_file(folder: Path) -> Path:
    files = [p for p in folder.iterdir() if not p.name.endswith(".txt")]
    assert len(files) == 1, files
    return files[0]


def reason_of(folder: Path) -> str:
    texts = list((folder / FAILED).glob("*.txt"))
    assert len(texts) == 1, texts
    return texts[0].read_text(encoding="utf-8")


# -- what becomes a draft -------------------------------------------------------------------

def test_a_dropped_json_becomes_a_draft_and_the_file_goes_to_islenen(app_ctx: AppContext) -> None:
    folder = folder_path(app_ctx)
    assert folder == app_ctx.data_dir / "gelen-dosyalar"
    body = "\ufeff" + json.dumps(invoice_json(), ensure_ascii=False)  # UTF-8 with a BOM
    drop(folder, "kasa-1.json", body)

    report = scan(app_ctx)

    assert report.summary() == "Klasörden 1 taslak geldi"
    [outcome] = report.outcomes
    assert outcome.ok and outcome.name == "kasa-1.json"
    shown = show_invoice(app_ctx, outcome.ettns[0])
    assert shown["status"] == "draft"
    assert Decimal(shown["payable"]) == PAYABLE
    assert shown["customer_name"] == CUSTOMER["name"]
    moved = only_file(folder / PROCESSED)
    assert moved.name.endswith("-kasa-1.json") and moved.read_text(encoding="utf-8") == body
    assert not (folder / "kasa-1.json").exists()
    assert scan(app_ctx).outcomes == []  # taken once


def test_a_json_list_becomes_drafts_all_or_none(app_ctx: AppContext) -> None:
    folder = folder_path(app_ctx)
    drop(folder, "iki.json", json.dumps([invoice_json(), invoice_json(notes=["ikinci"])]))
    report = scan(app_ctx)
    assert report.drafts == 2 and len(drafts(app_ctx)) == 2

    bad = invoice_json()
    bad["lines"][1]["kdv_rate"] = "18"
    drop(folder, "yarim.json", json.dumps([invoice_json(), bad]))
    report = scan(app_ctx)
    assert report.drafts == 0 and len(report.refused) == 1
    assert len(drafts(app_ctx)) == 2  # the good first one was not kept either
    text = reason_of(folder)
    assert "2. fatura" in text and "KDV oranı" in text and "[1].lines[1].kdv_rate" in text


def test_a_saved_customer_and_no_series_take_the_company_defaults(app_ctx: AppContext) -> None:
    from app.usecases.catalog import save_customer

    save_customer(app_ctx, CUSTOMER)
    data = invoice_json(customer=CUSTOMER["vkn_tckn"])
    del data["series"]
    drop(folder_path(app_ctx), "kisa.json", json.dumps(data))
    [outcome] = scan(app_ctx).outcomes
    assert outcome.ok, outcome.reason
    shown = show_invoice(app_ctx, outcome.ettns[0])
    assert shown["customer_name"] == CUSTOMER["name"]
    assert shown["data"]["series"] == "TZG"  # the company's e-Fatura series


def test_a_ubl_of_this_company_becomes_the_same_draft(app_ctx: AppContext) -> None:
    folder = folder_path(app_ctx)
    xml = ubl_of(app_ctx, notes=["Depodan teslim", "Yalnızca hafta içi"], order_ref={"number": "SIP-7",
                                                                "date": "2026-11-18"},
                 payment={"iban": "", "due_date": "2026-12-20", "note": "30 gün vade"})
    ettn = etree.fromstring(xml).findtext(f"{{{CBC}}}UUID")
    drop(folder, "erp.XML", xml)

    [outcome] = scan(app_ctx).outcomes

    assert outcome.ok, outcome.reason
    assert outcome.ettns == (ettn,)  # the ETTN the ERP gave is kept
    shown = show_invoice(app_ctx, ettn)
    assert Decimal(shown["payable"]) == PAYABLE
    data = shown["data"]
    # not the amount in words ("Yalnız … Kuruş"), which Tezgâh writes again when it issues
    assert data["notes"] == ["Depodan teslim", "Yalnızca hafta içi"]
    assert data["order_ref"] == {"number": "SIP-7", "date": "2026-11-18"}
    assert data["payment"]["due_date"] == "2026-12-20"
    assert data["payment"]["note"] == "30 gün vade"
    assert [ln["discount_rate"] for ln in data["lines"]] == ["5", "0"]
    assert [ln["unit"] for ln in data["lines"]] == ["C62", "KGM"]
    assert only_file(folder / PROCESSED).name.endswith("-erp.XML")


def test_a_foreign_currency_and_an_earsiv_ubl(app_ctx: AppContext) -> None:
    folder = folder_path(app_ctx)
    drop(folder, "usd.xml", ubl_of(app_ctx, currency="USD", exchange_rate="34.5"))
    drop(folder, "earsiv.xml", ubl_of(app_ctx, profile="EARSIVFATURA", delivery="ELEKTRONIK",
                                      customer={**CUSTOMER, "email": "a@b.invalid"}))
    report = scan(app_ctx)
    assert report.drafts == 2, [o.reason for o in report.outcomes]
    by_name = {o.name: show_invoice(app_ctx, o.ettns[0]) for o in report.outcomes}
    assert by_name["usd.xml"]["currency"] == "USD"
    assert Decimal(by_name["usd.xml"]["data"]["exchange_rate"]) == Decimal("34.5")
    assert by_name["earsiv.xml"]["profile"] == "EARSIVFATURA"
    assert by_name["earsiv.xml"]["data"]["delivery"] == "ELEKTRONIK"


def _sample_of_company(path: Path) -> bytes:
    """A sample invoice, unsigned, with this company as the supplier and a customer whose
    VKN is real (samples often carry made-up ones)."""
    def change(root: etree._Element) -> None:
        for sig in list(root.iter(f"{{{DS}}}Signature")):
            sig.getparent().remove(sig)
        for party, vkn in (("AccountingSupplierParty", COMPANY["vkn_tckn"]),
                           ("AccountingCustomerParty", CUSTOMER["vkn_tckn"])):
            for el in root.iterfind(f"{{{CAC}}}{party}/{{{CAC}}}Party/"
                                    f"{{{CAC}}}PartyIdentification/{{{CBC}}}ID"):
                if el.get("schemeID") in ("VKN", "TCKN") and len(el.text or "") == 10:
                    el.text = vkn
            if party == "AccountingSupplierParty":
                for el in root.iterfind(f"{{{CAC}}}{party}/{{{CAC}}}Party/"
                                        f"{{{CAC}}}PartyIdentification/{{{CBC}}}ID"):
                    if el.get("schemeID") in ("VKN", "TCKN"):
                        el.set("schemeID", "VKN")
                        el.text = vkn
    return edit_xml(path.read_bytes(), change)


@pytest.mark.parametrize("sample", ["temel-satis-eur-iskonto.xml", "earsiv-portal-satis.xml"])
def test_samples_of_other_programs_become_drafts_with_their_totals(
        app_ctx: AppContext, real_samples_dir: Path, sample: str) -> None:
    data = _sample_of_company(real_samples_dir / sample)
    payable = Decimal(etree.fromstring(data).findtext(
        f"{{{CAC}}}LegalMonetaryTotal/{{{CBC}}}PayableAmount"))
    drop(folder_path(app_ctx), sample, data)
    [outcome] = scan(app_ctx).outcomes
    assert outcome.ok, outcome.reason
    shown = show_invoice(app_ctx, outcome.ettns[0])
    assert Decimal(shown["payable"]) == payable
    assert not any(n.upper().startswith("YALNIZ") for n in shown["data"]["notes"])


def test_gib_samples_say_what_keeps_them_from_being_drafts(app_ctx: AppContext,
                                                           ubl_samples_dir: Path) -> None:
    """GİB's own samples are of 2009 (KDV %18) or carry what a draft cannot (the buyer of
    an export, a delivery): each is refused with its reason."""
    folder = folder_path(app_ctx)
    for name in ("TicariFaturaOrnegi.xml", "TemelFaturaOrnegi.xml", "IHRACAT.xml",
                 "ISTISNA-1.xml"):
        drop(folder, name, _sample_of_company(ubl_samples_dir / name))
    report = scan(app_ctx)
    reasons = {o.name: (o.reason, o.field) for o in report.refused}
    assert reasons["TicariFaturaOrnegi.xml"] == (
        "1. kalem: KDV oranı %18 olamaz; 0, 1, 10 ya da 20 olmalı.", "lines[0].kdv_rate")
    assert reasons["TemelFaturaOrnegi.xml"][1] == "customer.name"  # a VKN without a title
    assert "asıl alıcı (BuyerCustomerParty)" in reasons["IHRACAT.xml"][0]
    assert "teslimat/taşıma (Delivery)" in reasons["ISTISNA-1.xml"][0]
    assert drafts(app_ctx) == []


# -- what lands in hatalı/ ------------------------------------------------------------------

BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol4;</Invoice>
"""


def _foreign_supplier(root: etree._Element) -> None:
    for el in root.iterfind(f"{{{CAC}}}AccountingSupplierParty/{{{CAC}}}Party/"
                            f"{{{CAC}}}PartyIdentification/{{{CBC}}}ID"):
        el.text = "1234567803"


def _document_discount(root: etree._Element) -> None:
    ac = etree.Element(f"{{{CAC}}}AllowanceCharge")
    etree.SubElement(ac, f"{{{CBC}}}ChargeIndicator").text = "false"
    etree.SubElement(ac, f"{{{CBC}}}Amount", currencyID="TRY").text = "10.00"
    root.find(f"{{{CAC}}}TaxTotal").addprevious(ac)


def _other_payable(root: etree._Element) -> None:
    root.find(f"{{{CAC}}}LegalMonetaryTotal/{{{CBC}}}PayableAmount").text = "900.00"


def _bad_kdv() -> str:
    data = invoice_json()
    data["lines"][0]["kdv_rate"] = "18"
    return json.dumps(data)


BAD_FILES: dict[str, tuple[str, Any, str, str | None]] = {
    # id: (file name, content or a UBL change, words of the reason, field)
    "broken json": ("bozuk.json", '{"profile": "TEMELFATURA", ', "geçerli bir JSON değil", None),
    "wrong field": ("kdv.json", _bad_kdv(), "KDV oranı %18 olamaz", "lines[0].kdv_rate"),
    "not an object": ("sayi.json", "42", "JSON nesnesi", None),
    "foreign supplier": ("baska.xml", _foreign_supplier, "bu firmanın değil",
                         "AccountingSupplierParty"),
    "document discount": ("iskonto.xml", _document_discount, "belge geneli iskonto",
                          "AllowanceCharge"),
    "other total": ("toplam.xml", _other_payable, "kalemlerden hesaplanan 893,36",
                    "LegalMonetaryTotal"),
    "binary garbage json": ("cop.json", bytes(range(256)) * 4, "UTF-8 metin değil", None),
    "binary garbage xml": ("cop.xml", bytes(range(256)) * 4, "geçerli bir XML belgesi değil",
                           None),
    "xml bomb": ("bomba.xml", BOMB, "DOCTYPE", None),
    "not an invoice": ("irsaliye.xml", b'<DespatchAdvice xmlns="urn:oasis:names:specification:'
                       b'ubl:schema:xsd:DespatchAdvice-2"/>', "UBL-TR fatura değil", None),
    "huge": ("buyuk.json", b" " * (MAX_FILE_BYTES + 1), "çok büyük", None),
    "empty": ("bos.json", b"", "Dosya boş", None),
}


@pytest.mark.parametrize("case", list(BAD_FILES), ids=list(BAD_FILES))
def test_a_bad_file_lands_in_hatali_with_its_reason(app_ctx: AppContext, case: str) -> None:
    name, content, words, field = BAD_FILES[case]
    if callable(content):
        content = edit_xml(ubl_of(app_ctx), content)
    folder = folder_path(app_ctx)
    drop(folder, name, content)

    report = scan(app_ctx)

    [outcome] = report.refused
    assert words in outcome.reason
    assert outcome.field == field
    assert report.summary() == "1 dosya hatalı: gelen-dosyalar/hatalı"
    assert drafts(app_ctx) == []
    moved = only_file(folder / FAILED)
    assert moved.name.endswith(f"-{name}")
    text = reason_of(folder)
    assert text.startswith("Bu dosyadan taslak oluşturulamadı.")
    assert f"Dosya: {name}" in text and words in text and "Traceback" not in text
    if field:
        assert f"Alan: {field}" in text
    assert not (folder / name).exists() and list((folder / CLAIMED).iterdir()) == []


def test_the_same_ettn_twice_is_refused_the_second_time(app_ctx: AppContext) -> None:
    folder = folder_path(app_ctx)
    xml = ubl_of(app_ctx)
    drop(folder, "bir.xml", xml)
    assert scan(app_ctx).drafts == 1
    drop(folder, "yine.xml", xml)
    [outcome] = scan(app_ctx).refused
    assert "zaten var" in outcome.reason and outcome.field == "ettn"
    assert len(drafts(app_ctx)) == 1


# -- what is not taken ----------------------------------------------------------------------

def test_a_file_still_being_written_is_not_taken_until_it_is_complete(
        app_ctx: AppContext) -> None:
    folder = folder_path(app_ctx)
    path = drop(folder, "yaziliyor.json", json.dumps(invoice_json()), written_now=True)
    drop(folder, "yarim.json.part", "{")
    drop(folder, "gecici.tmp", "{")
    drop(folder, ".gizli.json", "{")
    drop(folder, "oku-beni.txt", "not an invoice")
    (folder / "alt.json").mkdir()
    drop(folder / "alt-klasor", "icerde.json", json.dumps(invoice_json()))

    report = scan(app_ctx)
    assert report.outcomes == [] and report.waiting == 1
    assert path.exists() and drafts(app_ctx) == []

    age(path)  # the writer has been quiet for a while now
    report = scan(app_ctx)
    assert [o.name for o in report.outcomes] == ["yaziliyor.json"] and report.drafts == 1
    left = sorted(p.name for p in folder.iterdir())
    assert left == sorted([".gizli.json", ".tezgah.lock", "alt-klasor", "alt.json",
                           "gecici.tmp", "islenen", "isleniyor", "oku-beni.txt",
                           "yarim.json.part"])


def test_a_file_from_a_clock_that_runs_ahead_is_taken_when_unchanged_at_the_next_look(
        app_ctx: AppContext) -> None:
    """A till whose clock is ten minutes ahead writes files that look new for ten minutes:
    a watcher that looks again and again takes one that did not change between two looks."""
    folder = folder_path(app_ctx)
    path = drop(folder, "ileri.json", json.dumps(invoice_json()), written_now=True)
    ahead = clock.file_clock() + 600
    os.utime(path, (ahead, ahead))
    seen: dict[str, tuple[int, int]] = {}
    assert scan(app_ctx, seen=seen).waiting == 1 and path.exists()
    assert scan(app_ctx, seen=seen).drafts == 1 and seen == {}


def test_a_folder_another_watcher_is_scanning_is_left_alone(app_ctx: AppContext) -> None:
    folder = folder_path(app_ctx)
    drop(folder, "a.json", json.dumps(invoice_json()))
    with exclusive_file_lock(folder / ".tezgah.lock", RuntimeError):
        other = AppContext.open(app_ctx.data_dir)  # the other seat (the API server, a window)
        report = scan(other)
    assert report.busy and report.outcomes == [] and (folder / "a.json").exists()
    assert scan(app_ctx).drafts == 1


# -- crash safety ---------------------------------------------------------------------------

def _killed_watch(data_dir: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TEZGAH_FAILPOINT": FAILPOINT_AFTER_DRAFT,
           "PYTHONPATH": os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH"))
                                         if p)}
    return subprocess.run([sys.executable, "-m", "app", "--data-dir", str(data_dir), "folder",
                           "watch", "--once"], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.mark.parametrize("count", [1, 2])
def test_a_watcher_killed_after_the_draft_never_makes_a_second_one(app_ctx: AppContext,
                                                                    count: int) -> None:
    folder = folder_path(app_ctx)
    body = json.dumps([invoice_json(notes=[f"fatura {i}"]) for i in range(count)])
    drop(folder, "kasa.json", body)

    out = _killed_watch(app_ctx.data_dir)

    assert out.returncode == -9, out.stderr  # killed right after storing the first draft
    assert len(drafts(app_ctx)) == 1
    [claimed] = [p for p in (folder / CLAIMED).iterdir() if p.suffix == ".json"]
    assert (claimed.parent / (claimed.name + ".taslak")).exists()  # its ETTNs, written before

    report = scan(app_ctx)  # the next start

    [outcome] = report.outcomes
    assert outcome.ok and len(outcome.ettns) == count
    assert outcome.already == (count == 1)
    assert sorted(r["ettn"] for r in drafts(app_ctx)) == sorted(outcome.ettns)
    assert only_file(folder / PROCESSED).read_text(encoding="utf-8") == body
    assert list((folder / CLAIMED).iterdir()) == []
    assert scan(app_ctx).outcomes == [] and len(drafts(app_ctx)) == count


# -- the command line and the thread --------------------------------------------------------

def test_folder_watch_once_and_folder_path(app_ctx: AppContext,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    data_dir = str(app_ctx.data_dir)
    assert main(["--data-dir", data_dir, "folder", "path"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == str(app_ctx.data_dir / "gelen-dosyalar")

    folder = folder_path(app_ctx)
    drop(folder, "iyi.json", json.dumps(invoice_json()))
    assert main(["--data-dir", data_dir, "folder", "watch", "--once"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("iyi.json: taslak (") and "→ islenen/" in out

    drop(folder, "kotu.json", _bad_kdv())
    assert main(["--data-dir", data_dir, "folder", "watch", "--once"]) == 1
    out = capsys.readouterr().out
    assert "kotu.json: HATALI — 1. kalem: KDV oranı %18 olamaz" in out
    assert "(alan: lines[0].kdv_rate) → hatalı/" in out

    other = app_ctx.data_dir.parent / "erp-cikti"
    drop(other, "baska-yer.json", json.dumps(invoice_json()))
    assert main(["--data-dir", data_dir, "folder", "watch", "--once", "--path", str(other)]) == 0
    assert "baska-yer.json: taslak" in capsys.readouterr().out
    assert len(drafts(app_ctx)) == 2


def test_folder_watch_runs_until_sigterm(app_ctx: AppContext) -> None:
    folder = folder_path(app_ctx)
    drop(folder, "gece.json", json.dumps(invoice_json()))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)}
    env.pop("TEZGAH_FAILPOINT", None)
    proc = subprocess.Popen([sys.executable, "-m", "app", "--data-dir", str(app_ctx.data_dir),
                             "folder", "watch", "--interval", "0.2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines = []
        while not any(line.startswith("gece.json: taslak") for line in lines):
            line = proc.stdout.readline()
            assert line, proc.stderr.read()
            lines.append(line)
        proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=60)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert proc.returncode == 0, err
    assert lines[0].startswith(f"İzlenen klasör: {folder}")
    assert out.strip().endswith("Klasör izleme durdu.")
    assert len(drafts(app_ctx)) == 1


def test_the_setting_names_another_folder(app_ctx: AppContext, tmp_path: Path) -> None:
    settings.write(app_ctx, settings.WATCH_FOLDER, str(tmp_path / "pos"))
    assert folder_path(app_ctx) == tmp_path / "pos"
    settings.write(app_ctx, settings.WATCH_FOLDER, "kasa")  # relative: in the data folder
    assert folder_path(app_ctx) == app_ctx.data_dir / "kasa"


def test_start_watching_scans_until_stopped_and_survives_a_failed_scan(
        app_ctx: AppContext, tmp_path: Path) -> None:
    blocker = tmp_path / "dosya"
    blocker.write_text("a file where the folder should be")
    settings.write(app_ctx, settings.WATCH_FOLDER, str(blocker / "gelen"))
    reports: queue.Queue[Any] = queue.Queue()
    errors: queue.Queue[Exception] = queue.Queue()
    watching = start_watching(app_ctx, 3600, reports.put, on_error=errors.put)
    try:
        assert "klasör oluşturulamadı" in str(errors.get(timeout=60))  # the first scan failed
        folder = tmp_path / "gelen"
        settings.write(app_ctx, settings.WATCH_FOLDER, str(folder))
        drop(folder, "a.json", json.dumps(invoice_json()))
        watching.scan_now()
        report = reports.get(timeout=60)
        assert report.drafts == 1 and watching.alive

        settings.write(app_ctx, settings.WATCH_FOLDER_ENABLED, False)  # Ayarlar: turned off
        drop(folder, "b.json", json.dumps(invoice_json()))
        watching.scan_now()
    finally:
        watching.stop()
    assert not watching.alive
    assert (folder / "b.json").exists() and len(drafts(app_ctx)) == 1
