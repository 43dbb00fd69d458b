"""The phone page's shop and a real browser.

* ``phone_shop`` — BBB's data folder (``tests.fixtures.postbox``) with issued invoices of
  today and yesterday and received ones (one answer due tomorrow, one whose supplier name
  carries ``<script>``), served by the real posta kutusu service on 127.0.0.1 with the phone
  page on, and a phone key.
* ``browser`` — headless Chromium from the OS packages, driven by its own chromedriver
  (``/usr/bin/chromium``, ``/usr/bin/chromedriver``): nothing is downloaded. Skipped, with
  the reason, only where Chromium is not installed (``scripts/setup.sh --test`` installs
  it).
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import pytest
from sqlalchemy import select, update

from app import clock
from app.context import AppContext
from app.db import tables as t
from app.domain.money import format_money
from app.usecases import phone_page
from app.usecases.invoices import create_draft, issue_invoice, show_invoice
from app.usecases.postbox import make_server
from tests.fixtures.app import CUSTOMER, PERSON, invoice_json
from tests.fixtures.simulator import Packed

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
HOSTILE_NAME = "<script>alert(1)</script> Zararlı Ltd"
SUPPLIER_NAME = b"<cbc:Name>AAA Anonim \xc5\x9eirketi</cbc:Name>"


@dataclass
class PhoneShop:
    ctx: AppContext
    base: str  # http://127.0.0.1:PORT
    key: str
    today_total: str  # "1.234,56 ₺", summed here from the issued invoices
    today_kdv: str
    today_count: int
    sent: dict[str, dict[str, Any]]  # ETTN → show_invoice
    urgent_ettn: str
    hostile_ettn: str
    calm_ettn: str

    @property
    def home(self) -> str:
        return self.base + "/telefon/"


def _issue(ctx: AppContext, *, signed: bool = False, **fields: Any) -> dict[str, Any]:
    """An issued invoice; ``signed`` with the company's test certificate (e-Arşiv's daily
    report counts only signed invoices)."""
    from app.signing import load_signer_config, open_signer, sign_invoice

    ettn = create_draft(ctx, invoice_json(**fields))
    if signed:
        with open_signer(load_signer_config(ctx.data_dir), None) as signer:
            issue_invoice(ctx, ettn, sign=lambda xml: sign_invoice(xml, signer))
    else:
        issue_invoice(ctx, ettn, sign=None)
    return show_invoice(ctx, ettn)


def _set_status(ctx: AppContext, ettn: str, status: str) -> None:
    with ctx.db.write_session() as s:
        s.execute(update(t.Invoice).where(t.Invoice.ettn == ettn, t.Invoice.direction == "out")
                  .values(status=status))


@pytest.fixture
def phone_shop(receiver_ctx: AppContext, deliver: Callable[..., Packed],
               make_gib_invoice: Callable[..., bytes]) -> Iterator[PhoneShop]:
    ctx = receiver_ctx
    today = clock.today()
    failed = _issue(ctx, issue_date=(today - timedelta(days=1)).isoformat(),
                    customer=dict(CUSTOMER))
    completed = _issue(ctx, issue_date=today.isoformat(), customer=dict(CUSTOMER))
    earsiv = _issue(ctx, signed=True, profile="EARSIVFATURA", issue_date=today.isoformat(),
                    customer=dict(PERSON))
    _set_status(ctx, completed["ettn"], "completed")
    _set_status(ctx, failed["ettn"], "failed")
    todays = [completed, earsiv]
    total = sum((Decimal(x["payable"]) for x in todays), Decimal("0"))
    kdv = sum((Decimal(x["tax_total"]) for x in todays), Decimal("0"))

    calm = make_gib_invoice()
    urgent = make_gib_invoice()
    hostile = make_gib_invoice(replace={
        SUPPLIER_NAME: b"<cbc:Name>" + escape(HOSTILE_NAME).encode() + b"</cbc:Name>"})
    deliver([calm, urgent, hostile])
    ettns = {}
    with ctx.db.write_session() as s:
        rows = s.execute(select(t.InboxItem, t.Invoice)
                         .join(t.Invoice, t.Invoice.id == t.InboxItem.invoice_id)).all()
        for item, inv in rows:
            for name, xml in (("calm", calm), ("urgent", urgent), ("hostile", hostile)):
                if inv.ettn.encode().upper() in xml.upper():
                    ettns[name] = inv.ettn
                    if name == "urgent":
                        item.answer_due = clock.local_now() + timedelta(days=1)
    assert set(ettns) == {"calm", "urgent", "hostile"}, ettns

    server = make_server(ctx, "127.0.0.1", 0)
    # a connection the browser opened ahead and never used holds the server's stop this long
    server.service.config.socket_timeout = 3.0
    server.service.phone = phone_page.handler(ctx)
    server.start()
    try:
        yield PhoneShop(
            ctx=ctx, base=server.base_url, key=phone_page.new_key(ctx, "telefonum"),
            today_total=format_money(total), today_kdv=format_money(kdv),
            today_count=len(todays),
            sent={x["ettn"]: x for x in (completed, earsiv, failed)},
            urgent_ettn=ettns["urgent"], hostile_ettn=ettns["hostile"],
            calm_ettn=ettns["calm"])
    finally:
        server.stop()


@pytest.fixture
def browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    if not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()):
        pytest.skip(f"Chromium yok ({CHROMIUM}, {CHROMEDRIVER}): "
                    "'apt-get install chromium chromium-driver' ya da "
                    "'bash scripts/setup.sh --test'")
    monkeypatch.setenv("SE_OFFLINE", "true")  # Selenium Manager must not download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                 f"--user-data-dir={tmp_path / 'chromium-profile'}", "--lang=tr-TR"):
        options.add_argument(flag)
    service = Service(executable_path=str(CHROMEDRIVER),
                      log_output=str(tmp_path / "chromedriver.log"))
    driver = webdriver.Chrome(options=options, service=service)
    driver.set_page_load_timeout(30)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(tmp_path / "chromium-profile", ignore_errors=True)
