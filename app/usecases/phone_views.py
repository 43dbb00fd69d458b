"""What the owner's phone page shows (``app.usecases.phone_page`` serves it): the data, read
through the other use cases, and its HTML.

Every value that reaches the HTML goes through ``_e`` (``html.escape`` with quotes): the
names and numbers of received invoices come from other people's documents and are hostile.
The style sheet is a Python string (nothing to ship beside the code, the same in a checkout,
a wheel and the frozen bundle) placed inline; the page's Content-Security-Policy allows
exactly it by its SHA-256. No script, no external asset, no font but the phone's own.
Money is ``1.234,56 ₺``, dates ``29.11.2026``, both in Türkiye's time.
"""

from __future__ import annotations

import base64
import hashlib
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from html import escape
from typing import Any

from app import clock
from app.context import AppContext
from app.domain.money import format_money
from app.domain.status import STATUS_NAMES, Status

#: Rows on the overview (sent and waiting) and on the two lists.
OVERVIEW_ROWS = 5
LIST_ROWS = 50
#: Days left to answer at or under which the count is shown in red.
URGENT_DAYS = 2
NOT_BY_PHONE = "Yanıt masaüstünden kartla verilir."

_GOOD = {Status.COMPLETED, Status.ACCEPTED, Status.REPORTED}
_BAD = {Status.FAILED, Status.REJECTED, Status.CANCELLED}

CSS = """
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1d232a;background:#f1f3f5}
header{background:#1f4e79;color:#fff;padding:.6rem 1rem}
header .firm{font-weight:600;overflow-wrap:anywhere}
nav{display:flex;flex-wrap:wrap;gap:.25rem .9rem;align-items:center;margin-top:.3rem}
nav a{color:#fff;text-decoration:none;padding:.2rem 0}
nav a.on{border-bottom:2px solid #fff}
nav form{margin:0 0 0 auto}
nav button{background:none;border:1px solid #fff;color:#fff;border-radius:4px;
padding:.15rem .6rem;font:inherit}
main{max-width:60rem;margin:0 auto;padding:.75rem;display:grid;gap:.75rem}
section{background:#fff;border-radius:8px;padding:.8rem 1rem;min-width:0;
box-shadow:0 1px 2px rgba(0,0,0,.08)}
h1{font-size:1.15rem;margin:0 0 .5rem}
h2{font-size:1.05rem;margin:0 0 .5rem}
.big{font-size:1.8rem;font-weight:700;margin:.1rem 0}
.muted{color:#5b6570;font-size:.9rem}
ul.rows{list-style:none;margin:0;padding:0}
ul.rows li{padding:.55rem 0;border-top:1px solid #e3e6ea;min-width:0}
ul.rows li:first-child{border-top:0}
.line{display:flex;justify-content:space-between;gap:.6rem;align-items:baseline}
.name{overflow-wrap:anywhere;min-width:0}
.amount{white-space:nowrap;font-weight:600}
.badge{display:inline-block;border-radius:999px;padding:0 .55rem;font-size:.85rem;
background:#e8eef5;color:#1f4e79;white-space:nowrap}
.badge.ok{background:#e3f4e8;color:#17693a}
.badge.bad{background:#fbe4e4;color:#a32020}
.days{white-space:nowrap}
.urgent{color:#c01818;font-weight:700}
a{color:#1f5fa8}
.note{background:#fff8e1;border-radius:6px;padding:.45rem .7rem;font-size:.9rem}
.error{background:#fbe4e4;color:#8f1c1c;border-radius:6px;padding:.5rem .7rem}
form.login{display:grid;gap:.6rem}
form.login input{font:inherit;font-size:1.1rem;padding:.55rem;border:1px solid #9aa5b1;
border-radius:6px;width:100%;letter-spacing:.05em}
form.login button{font:inherit;padding:.6rem;border:0;border-radius:6px;background:#1f4e79;
color:#fff}
@media (min-width:600px){main{grid-template-columns:1fr 1fr}.wide{grid-column:1/-1}}
""".strip()

#: For the Content-Security-Policy: the one inline style allowed.
CSS_HASH = "sha256-" + base64.b64encode(hashlib.sha256(CSS.encode("utf-8")).digest()).decode()


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def tr_date(value: date | datetime | str | None) -> str:
    """``29.11.2026``; an ISO text is read first; empty for None."""
    if value is None or value == "":
        return ""
    if isinstance(value, str):
        value = datetime.fromisoformat(value) if "T" in value else date.fromisoformat(value)
    return f"{value:%d.%m.%Y}"


def money(value: Decimal | str, currency: str = "TRY") -> str:
    return format_money(Decimal(str(value)), currency or "TRY")


# -- the data ------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReportDay:
    day: date
    invoices: int
    cancellations: int
    state_name: str
    due: datetime | None
    overdue: bool
    message: str


def company_name(ctx: AppContext) -> str:
    from app.usecases.company import get_company

    party = get_company(ctx)
    return party.display_name if party is not None else "Tezgâh"


def sent_invoices(ctx: AppContext, limit: int) -> list[Any]:
    from app.usecases.reports import InvoiceFilter, invoice_page

    statuses = tuple(str(s) for s in Status if s not in (Status.DRAFT, Status.RECEIVED))
    return invoice_page(ctx, InvoiceFilter(direction="out", statuses=statuses), offset=0,
                        limit=limit, sort="issue_date", descending=True)


def incoming_invoices(ctx: AppContext) -> list[dict[str, Any]]:
    """The received invoices, newest first (as the inbox lists them)."""
    from app.usecases.inbox import list_inbox

    rows = list_inbox(ctx)
    rows.sort(key=lambda r: r.get("received_at") or "", reverse=True)
    return rows


def waiting_answer(row: dict[str, Any]) -> bool:
    left = row.get("days_left")
    return bool(row.get("answerable")) and not row.get("answer") and left is not None \
        and left >= 0


def report_days(ctx: AppContext) -> list[ReportDay]:
    """The e-Arşiv reports of yesterday and today (a day without e-Arşiv invoices needs
    none)."""
    from app.usecases.earsiv import report_days as days

    today = clock.today()
    wanted = (today - timedelta(days=1), today)
    found = {r.day: r for r in days(ctx, since=wanted[0]) if r.day in wanted}
    out = []
    for day in wanted:
        r = found.get(day)
        out.append(ReportDay(day, r.invoices, r.cancellations, r.state_name, r.due, r.overdue,
                             r.message) if r is not None
                   else ReportDay(day, 0, 0, "", None, False, ""))
    return out


# -- the HTML ------------------------------------------------------------------------------

NAV = (("ozet", "/telefon/", "Özet"), ("giden", "/telefon/giden", "Giden"),
       ("gelen", "/telefon/gelen", "Gelen"))


def page(title: str, body: str, *, firm: str = "", active: str = "",
         signed_in: bool = False) -> str:
    nav = ""
    if signed_in:
        links = "".join(f'<a href="{href}"{" class=on" if key == active else ""}>{text}</a>'
                        for key, href, text in NAV)
        nav = (f"<nav>{links}<form method=post action=/telefon/cikis>"
               "<button type=submit>Çıkış</button></form></nav>")
    return ("<!doctype html><html lang=tr><head><meta charset=utf-8>"
            '<meta name=viewport content="width=device-width, initial-scale=1">'
            '<meta name=robots content="noindex">'
            f"<title>{_e(title)} · Tezgâh</title><style>{CSS}</style></head><body>"
            f'<header><div class=firm>{_e(firm or "Tezgâh")}</div>{nav}</header>'
            f"<main>{body}</main></body></html>")


def login_body(error: str = "") -> str:
    problem = f'<p class=error role=alert id=hata>{_e(error)}</p>' if error else ""
    return ("<section class=wide><h1>Telefon girişi</h1>"
            "<p class=muted>Anahtarı servisin çalıştığı bilgisayarda "
            "<code>tezgah postbox phone new</code> ile üretin.</p>"
            f"{problem}<form class=login method=post action=/telefon/giris>"
            "<label for=anahtar>Telefon anahtarı</label>"
            "<input id=anahtar name=anahtar type=password autocomplete=current-password "
            "autocapitalize=characters spellcheck=false required maxlength=100>"
            "<button type=submit>Giriş</button></form></section>")


def _badge(status: str) -> str:
    try:
        st = Status(status)
    except ValueError:
        return f"<span class=badge>{_e(status)}</span>"
    kind = " ok" if st in _GOOD else " bad" if st in _BAD else ""
    return f"<span class='badge{kind}'>{_e(STATUS_NAMES[st])}</span>"


def _sent_item(row: Any) -> str:
    return ("<li class=sent>"
            f"<div class=line><span class=name>{_e(row.customer_name)}</span>"
            f"<span class=amount>{_e(money(row.payable, row.currency))}</span></div>"
            f"<div class=line><span class=muted>{_e(row.number or '')} · "
            f"{_e(tr_date(row.issue_date))}</span>{_badge(row.status)}</div>"
            f'<a href="/telefon/giden/{_e(row.ettn)}.pdf">PDF</a></li>')


def _days_text(row: dict[str, Any]) -> str:
    left = row.get("days_left")
    if row.get("answer"):
        return f"<span class=badge>{_e(row.get('answer_name') or row.get('answer'))}</span>"
    if not row.get("answerable"):
        return "<span class=muted>Yanıt gerekmez</span>"
    if left is None or left < 0:
        return "<span class=muted>Yanıt süresi doldu</span>"
    text = "bugün son gün" if left == 0 else f"{left} gün kaldı"
    urgent = " urgent" if left <= URGENT_DAYS else ""
    return f"<span class='days{urgent}'>{_e(text)}</span>"


def _incoming_item(row: dict[str, Any]) -> str:
    return ("<li class=incoming>"
            f"<div class=line><span class=name>{_e(row.get('sender_name'))}</span>"
            f"<span class=amount>{_e(money(row['payable'], row.get('currency') or 'TRY'))}"
            "</span></div>"
            f"<div class=line><span class=muted>{_e(row.get('number') or '')} · "
            f"{_e(tr_date(row.get('issue_date')))}</span>{_days_text(row)}</div>"
            f'<a href="/telefon/gelen/{_e(row["ettn"])}.pdf">PDF</a></li>')


def _rows(items: list[str], empty: str) -> str:
    if not items:
        return f"<p class=muted>{_e(empty)}</p>"
    return "<ul class=rows>" + "".join(items) + "</ul>"


def _report_item(r: ReportDay) -> str:
    if not r.invoices and not r.cancellations and not r.state_name:
        return (f"<li class=report><div class=line><span>{_e(tr_date(r.day))}</span>"
                "<span class=muted>e-Arşiv faturası yok</span></div></li>")
    state = r.state_name
    cls = " bad" if r.overdue else " ok" if state == "GİB'de işlendi" else ""
    due = f" · son gün {_e(tr_date(r.due))}" if r.due else ""
    late = " · <span class=urgent>süresi geçti</span>" if r.overdue else ""
    message = f"<div class=muted>{_e(r.message[:200])}</div>" if r.message else ""
    return (f"<li class=report><div class=line><span>{_e(tr_date(r.day))}</span>"
            f"<span class='badge{cls}'>{_e(state)}</span></div>"
            f"<div class=muted>{r.invoices} fatura, {r.cancellations} iptal{due}{late}</div>"
            f"{message}</li>")


def overview_body(ctx: AppContext) -> str:
    from app.usecases.reports import day_sales

    sales = day_sales(ctx)
    sent = sent_invoices(ctx, OVERVIEW_ROWS)
    waiting = [r for r in incoming_invoices(ctx) if waiting_answer(r)]
    waiting.sort(key=lambda r: r["days_left"])
    reports = report_days(ctx)
    more = (f'<p><a href="/telefon/gelen">Tüm gelen faturalar ({len(waiting)} yanıt '
            "bekliyor)</a></p>") if len(waiting) > OVERVIEW_ROWS else ""
    return (
        f"<section class=wide id=satis><h1>Bugünkü satış · {_e(tr_date(sales.day))}</h1>"
        f"<p class=big id=satis-toplam>{_e(money(sales.payable))}</p>"
        f"<p class=muted><span id=satis-adet>{sales.count} fatura</span> · KDV hariç "
        f"{_e(money(sales.tax_exclusive))} · KDV <span id=satis-kdv>"
        f"{_e(money(sales.tax_total))}</span></p>"
        "<p class=muted>TL faturalar; iade düşülür, iptal sayılmaz.</p></section>"
        "<section id=giden><h2>Son giden faturalar</h2>"
        + _rows([_sent_item(r) for r in sent], "Henüz kesilmiş fatura yok.")
        + '<p><a href="/telefon/giden">Tüm giden faturalar</a></p></section>'
        "<section id=gelen><h2>Yanıt bekleyen gelen faturalar</h2>"
        + _rows([_incoming_item(r) for r in waiting[:OVERVIEW_ROWS]],
                "Yanıt bekleyen gelen fatura yok.")
        + more + f"<p class=note>{_e(NOT_BY_PHONE)}</p></section>"
        "<section class=wide id=earsiv><h2>e-Arşiv raporu</h2>"
        + _rows([_report_item(r) for r in reports], "")
        + "</section>")


def sent_body(ctx: AppContext) -> str:
    rows = sent_invoices(ctx, LIST_ROWS)
    return ("<section class=wide id=giden><h1>Giden faturalar</h1>"
            f"<p class=muted>Son {LIST_ROWS} fatura ve GİB durumu.</p>"
            + _rows([_sent_item(r) for r in rows], "Henüz kesilmiş fatura yok.")
            + "</section>")


def incoming_body(ctx: AppContext) -> str:
    rows = incoming_invoices(ctx)[:LIST_ROWS]
    return ("<section class=wide id=gelen><h1>Gelen faturalar</h1>"
            f"<p class=note>{_e(NOT_BY_PHONE)} KABUL/RED için fatura alındıktan sonra 8 gün "
            "vardır.</p>"
            + _rows([_incoming_item(r) for r in rows], "Gelen fatura yok.")
            + "</section>")


def message_body(title: str, text: str) -> str:
    return (f"<section class=wide><h1>{_e(title)}</h1><p>{_e(text)}</p>"
            '<p><a href="/telefon/">Özete dön</a></p></section>')
