"""Regenerate docs/screenshots/*.png: every main page of Tezgâh, drawn offscreen.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screenshots.py [--out DIR]

A temporary demo data folder is filled (demo company, customers, products, invoices over
the year, signed with the TEST certificate); GİB's rule packages come from ../shared/gib
or $TEZGAH_GIB_DIR.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = ["ozet", "faturalar", "yeni-fatura", "musteriler", "urunler", "giden-kutusu", "ayarlar"]


def fill_demo(data_dir: Path) -> None:
    from app.context import AppContext
    from app.signing import create_test_certificate, open_signer, save_signer_config, sign_invoice
    from app.usecases import catalog
    from app.usecases.company import set_company
    from app.usecases.demo import DEMO_COMPANY, DEMO_CUSTOMERS, DEMO_PRODUCTS, ensure_rules
    from app.usecases.invoices import create_draft, issue_invoice

    ctx = AppContext(data_dir)
    ensure_rules(ctx)
    company = set_company(ctx, DEMO_COMPANY)
    for c in DEMO_CUSTOMERS:
        catalog.save_customer(ctx, c)
    for p in DEMO_PRODUCTS:
        catalog.save_product(ctx, p)
    cfg = create_test_certificate(data_dir, company.vkn_tckn, company.display_name)
    save_signer_config(data_dir, cfg)
    from app import clock

    today = clock.today()
    items = [("Türk kahvesi 250 g", "C62", "145.00", "1"),
             ("A4 fotokopi kâğıdı (500 yaprak)", "PA", "189.90", "20"),
             ("Danışmanlık hizmeti", "HUR", "1250.00", "20")]
    with open_signer(cfg, None) as signer:
        for i in reversed(range(18)):  # oldest first: numbers follow the dates
            d = max(date(today.year, 1, 5), today - timedelta(days=19 * i))
            name, unit, price, kdv = items[i % 3]
            data = {"profile": "TEMELFATURA" if i % 2 else "EARSIVFATURA", "type": "SATIS",
                    "series": "TZG" if i % 2 else "EAR", "issue_date": d.isoformat(),
                    "customer": "4700582260" if i % 2 else "10000000146",
                    "lines": [{"name": name, "quantity": str(3 + i % 5), "unit": unit,
                               "unit_price": price, "kdv_rate": kdv}]}
            ettn = create_draft(ctx, data)
            issue_invoice(ctx, ettn, sign=lambda xml: sign_invoice(xml, signer))
    create_draft(ctx, {"profile": "TEMELFATURA", "type": "SATIS", "series": "TZG",
                       "customer": "4700582260",
                       "lines": [{"name": "Danışmanlık hizmeti", "quantity": "2", "unit": "HUR",
                                  "unit_price": "1250", "kdv_rate": "20"}]})


def settle(gui, seconds: float = 0.6) -> None:  # type: ignore[no-untyped-def]
    end = time.monotonic() + seconds
    while time.monotonic() < end or gui.services.tasks.pending:
        gui.app.processEvents()
        time.sleep(0.01)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir()
        from ui.main import start

        # the first-start wizard on an empty folder
        empty = Path(tmp) / "empty"
        gui = start(empty, start_sync=False)
        gui.wizard.resize(820, 640)
        gui.wizard.welcome.demo.setChecked(True)
        gui.wizard.next()
        settle(gui)
        gui.wizard.grab().save(str(out / "00-ilk-kurulum.png"))
        gui.wizard.close()
        gui.services.tasks.shutdown()

        fill_demo(data)
        gui = start(data, start_sync=True)  # demo mode: the in-process GİB test simulator
        win = gui.window
        win.resize(1280, 800)
        deliver_then_go_offline(gui)
        written = []
        for i, name in enumerate(PAGES):
            win.go(i)
            if name == "yeni-fatura":
                ed = win.editor
                settle(gui)
                ed.load_invoice_json({
                    "profile": "TEMELFATURA", "type": "SATIS",
                    "customer": gui_customer(gui),
                    "lines": [
                        {"name": "A4 fotokopi kâğıdı (500 yaprak)", "quantity": "10",
                         "unit": "PA", "unit_price": "189.90", "discount_rate": "5",
                         "kdv_rate": "20"},
                        {"name": "Türk kahvesi 250 g", "quantity": "6", "unit": "C62",
                         "unit_price": "145", "kdv_rate": "1"},
                        {"name": "Danışmanlık hizmeti", "quantity": "3", "unit": "HUR",
                         "unit_price": "1250", "kdv_rate": "20"}]})
                ed.update_totals()
            settle(gui)
            path = out / f"{i + 1:02d}-{name}.png"
            win.grab().save(str(path))
            written.append(path)
        # an issued invoice's preview
        win.go(1)
        settle(gui)
        win.invoices.open_index(win.invoices.model.index(1, 0))
        settle(gui, 1.0)
        dialog = win.invoices.dialog
        dialog.resize(960, 760)
        settle(gui)
        dialog.grab().save(str(out / "08-fatura-onizleme.png"))
        dialog.close()
        win.editor._remove_autosave()
        gui.close()
    for p in sorted(out.glob("*.png")):
        print(p.relative_to(ROOT) if p.is_relative_to(ROOT) else p)
    return 0


def deliver_then_go_offline(gui) -> None:  # type: ignore[no-untyped-def]
    """Let the sync deliver everything to the simulator, then stop the simulator and issue
    two more invoices, so the pages show both: delivered invoices and an offline outbox."""
    from app.signing import load_signer_config, open_signer, sign_invoice
    from app.usecases.invoices import create_draft, issue_invoice
    from app.usecases.sync import outbox_rows

    ctx = gui.services.ctx
    deadline = time.monotonic() + 60
    while outbox_rows(ctx) and time.monotonic() < deadline:
        settle(gui, 0.3)
    gui.simulator.stop()
    with open_signer(load_signer_config(ctx.data_dir), None) as signer:
        for qty in ("4", "7"):
            ettn = create_draft(ctx, {
                "profile": "TICARIFATURA", "type": "SATIS", "series": "TZG",
                "customer": "4700582260",
                "lines": [{"name": "A4 fotokopi kâğıdı (500 yaprak)", "quantity": qty,
                           "unit": "PA", "unit_price": "189.90", "kdv_rate": "20"}]})
            issue_invoice(ctx, ettn, sign=lambda xml: sign_invoice(xml, signer))
    gui.sync.run()
    deadline = time.monotonic() + 30
    while gui.sync.state != "offline" and time.monotonic() < deadline:
        settle(gui, 0.3)
    gui.sync.stop()
    for page in gui.window.pages:
        if page is not None:
            page.stale = True


def gui_customer(gui) -> dict:  # type: ignore[no-untyped-def,type-arg]
    from app.usecases.catalog import find_customer

    return find_customer(gui.services.ctx, "4700582260").to_dict()


if __name__ == "__main__":
    raise SystemExit(main())
