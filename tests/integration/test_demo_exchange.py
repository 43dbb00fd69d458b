"""``tezgah demo --exchange``: two demo businesses (``<demo>/satici``, ``<demo>/alici``)
exchange a TICARIFATURA through the in-process GİB test simulator over real HTTP on
127.0.0.1, then a despatch advice for its goods and the buyer's receipt advice (one unit
short), each step printed as it happens; run again, a second invoice and despatch advice go
the same way."""

from __future__ import annotations

import threading
from decimal import Decimal
from pathlib import Path

import pytest

from app import settings
from app.cli import main
from app.context import AppContext
from app.domain.errors import UserError
from app.gib.envelope import strip_xml_declaration
from app.usecases import despatch_receiving, despatches, inbox
from app.usecases.company import set_company
from app.usecases.demo import EXCHANGE_BUYER, EXCHANGE_SELLER, run_exchange_demo
from app.usecases.demo_despatch import despatch_aliases
from app.usecases.despatch_sending import sending_of
from app.usecases.invoices import list_invoices, show_invoice
from tests.fixtures.app import COMPANY

# slow: whole exchanges over HTTP (every full run keeps them; the edit loop skips them)
pytestmark = [pytest.mark.needs_http, pytest.mark.slow]

STEPS = ["1. Fatura kesildi", "2. GİB'e gönderildi", "3. Alıcının posta kutusuna ulaştı",
         "4. Alıcı sistem yanıtı: 1200", "5. Satıcıda 1300", "6. Alıcı KABUL etti",
         "7. Satıcıda \"Kabul edildi\"", "8. İrsaliye kesildi",
         "9. İrsaliye alıcının posta kutusuna ulaştı", "10. Satıcıda 1300: irsaliye",
         "11. Alıcı irsaliye yanıtı verdi", "12. Alıcıda 1300: irsaliye yanıtı",
         "13. Satıcıda \"Yanıtlandı\""]
SERVICE_THREADS = ("postbox-worker", "postbox-http", "gib-sim")


def _demo_folder(tmp_path: Path, rules: Path) -> Path:
    """The demo folder, its two businesses' rules already installed (the demo installs them
    itself when missing; linking saves the test the time)."""
    root = tmp_path / "demo"
    for sub in ("satici", "alici"):
        (root / sub).mkdir(parents=True)
        (root / sub / "rules").symlink_to(rules, target_is_directory=True)
    return root


def _services() -> set[threading.Thread]:
    """The threads of posta kutusu services, their workers and GİB simulators alive now."""
    return {t for t in threading.enumerate() if t.name.startswith(SERVICE_THREADS)}


def _exchange(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    """Run ``tezgah demo --exchange``; the new invoice's ETTN and what was printed."""
    before, running = _ettns(root), _services()
    assert main(["--data-dir", str(root), "demo", "--exchange"]) == 0
    out = capsys.readouterr().out
    positions = [out.find(step) for step in STEPS]
    assert -1 not in positions and positions == sorted(positions), out
    assert _services() <= running  # servers, workers and the simulator stopped
    (ettn,) = _ettns(root) - before
    number = show_invoice(AppContext(root / "satici"), ettn)["number"]
    assert f"ETTN {ettn}" in out and number in out
    # how to look at both sides
    assert f"tezgah --data-dir {root / 'alici'} inbox list" in out
    assert f"tezgah --data-dir {root / 'satici'} invoice status {ettn}" in out
    assert f"tezgah --data-dir {root / 'satici'} gui" in out
    assert f"tezgah --data-dir {root / 'alici'} gui" in out
    return ettn, out


def _despatch_exchanged(root: Path, out: str, invoice_ettn: str) -> str:
    """The despatch advice of this run went seller → simulator → buyer, was answered one
    unit short on its first line, and the answer came back: statuses on both sides, the
    same bytes on both sides, the outcome per line on the seller's side; its ETTN."""
    seller, buyer = AppContext(root / "satici"), AppContext(root / "alici")
    invoice_number = show_invoice(seller, invoice_ettn)["number"]
    ours = next(d for d in despatches.list_despatches(seller, direction="out")
                if f"ETTN {d['ettn']}" in out)
    ettn, number = ours["ettn"], ours["number"]
    assert f"tezgah --data-dir {root / 'satici'} despatch show {ettn}" in out
    assert f"tezgah --data-dir {root / 'alici'} despatch show {ettn}" in out
    # the seller's: from the invoice's goods, delivered (1300), answered with the outcome
    mine = despatches.show_despatch(seller, ettn)
    assert mine["status"] == "answered" and mine["receiver_vkn_tckn"] == EXCHANGE_BUYER["vkn_tckn"]
    assert {"number": invoice_number} in [{"number": r["number"]}
                                          for r in mine["data"]["invoice_refs"]]
    assert [e["gib_status"] for e in sending_of(seller, ettn)["envelopes"]] == [1300]
    # the buyer's: the same signed document, answered by our receipt advice, which reached
    # the seller (queued → sent → completed, 1300)
    theirs = despatches.show_despatch(buyer, ettn)
    assert theirs["direction"] == "in" and theirs["status"] == "answered"
    assert theirs["signature_verdict"].startswith("İmza geçerli")
    assert despatches.despatch_xml(buyer, ettn) == strip_xml_declaration(
        despatches.despatch_xml(seller, ettn))
    [answer] = theirs["receipt_advices"]
    assert (answer["direction"], answer["status"]) == ("out", "completed")
    assert answer["status_name"] == "Gönderene ulaştı"
    assert answer["sending"]["receiver_alias"] == despatch_aliases(EXCHANGE_SELLER)[1]
    assert [e["gib_status"] for e in answer["sending"]["envelopes"]] == [1300]
    # … kept by the seller byte for byte, counted, its signature valid
    [received] = mine["receipt_advices"]
    assert (received["direction"], received["ettn"], received["number"]) == (
        "in", answer["ettn"], answer["number"])
    assert received["counted"] and received["signature_valid"] is True
    assert despatch_receiving.receipt_xml(seller, answer["ettn"]) == strip_xml_declaration(
        despatch_receiving.receipt_xml(buyer, answer["ettn"]))
    # the outcome per line: one unit of the first line short, the rest as despatched
    first, *rest = mine["outcome"]["lines"]
    assert (Decimal(first["despatched"]), Decimal(first["received"]),
            Decimal(first["short"])) == (12, 11, 1)
    assert all(Decimal(ln["received"]) == Decimal(ln["despatched"]) and
               Decimal(ln["short"]) == 0 for ln in rest) and rest
    assert mine["outcome"]["summary"] == "Alıcının yanıtı: 1 satırda eksik."
    assert f"{number} — Alıcının yanıtı: 1 satırda eksik." in out
    assert ("1. Antep fıstığı (kavrulmuş) 1 kg: gönderilen 12, teslim alınan 11, eksik 1 kg"
            in out)
    return ettn


def _ettns(root: Path) -> set[str]:
    folder = root / "satici"
    if not (folder / "tezgah.sqlite3").exists():
        return set()
    return {r["ettn"] for r in list_invoices(AppContext(folder))}


def test_two_demo_businesses_exchange_a_ticarifatura_end_to_end(
        tmp_path: Path, installed_rules_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _demo_folder(tmp_path, installed_rules_dir)
    ettn, out = _exchange(root, capsys)
    assert "gerçek GİB'e hiçbir şey gönderilmez" in out
    seller, buyer = AppContext(root / "satici"), AppContext(root / "alici")
    # B's inbox holds the invoice, its signature valid, answered KABUL
    (item,) = inbox.list_inbox(buyer)
    assert item["ettn"] == ettn and item["answer"] == "KABUL"
    assert item["signature_valid"] is True, item["signature_verdict"]
    assert item["sender_vkn_tckn"] == EXCHANGE_SELLER["vkn_tckn"]
    # A's invoice is accepted
    assert show_invoice(seller, ettn)["status"] == "accepted"
    assert show_invoice(seller, ettn)["customer_vkn_tckn"] == EXCHANGE_BUYER["vkn_tckn"]
    # both folders are demo folders: their sending never leaves this computer
    assert settings.read(seller, settings.DEMO_FOLDER) and settings.read(buyer, settings.DEMO_FOLDER)
    # the despatch advice and its receipt advice, end to end
    despatch = _despatch_exchanged(root, out, ettn)

    # A second run in the same folder: the same businesses, a second invoice, again accepted
    second, out = _exchange(root, capsys)
    assert "Firma zaten kurulu" in out and second != ettn
    answers = {i["ettn"]: i["answer"] for i in inbox.list_inbox(buyer)}
    assert answers == {ettn: "KABUL", second: "KABUL"}
    assert {r["ettn"]: r["status"] for r in list_invoices(seller)} == {
        ettn: "accepted", second: "accepted"}
    again = _despatch_exchanged(root, out, second)
    assert again != despatch
    assert {d["ettn"]: d["status"] for d in despatches.list_despatches(buyer)} == {
        despatch: "answered", again: "answered"}


def test_a_folder_with_another_company_is_refused(
        tmp_path: Path, installed_rules_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _demo_folder(tmp_path, installed_rules_dir)
    running = _services()
    set_company(AppContext(root / "alici"), COMPANY)
    assert main(["--data-dir", str(root), "demo", "--exchange"]) == 1
    err = capsys.readouterr().err
    assert "başka bir firma" in err and "--data-dir" in err
    assert list_invoices(AppContext(root / "satici")) == []
    assert _services() <= running


def test_a_step_that_does_not_happen_in_time_says_so_and_stops_everything(
        tmp_path: Path, installed_rules_dir: Path) -> None:
    root = _demo_folder(tmp_path, installed_rules_dir)
    said: list[str] = []
    running = _services()
    with pytest.raises(UserError, match=r"saniye içinde tamamlanamadı: .* olmadı"):
        run_exchange_demo(root, say=said.append, deadline_seconds=0.0)
    assert any(s.startswith("1. Fatura kesildi") for s in said)
    assert _services() <= running
