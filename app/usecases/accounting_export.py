"""``tezgah export``: a period's invoices for the accountant, as an Excel workbook or CSV.

One row per issued (sales) and received (purchases) invoice of the period, drafts never.
Every figure is read from the stored document itself (``app.ubl.reader``), never from the
database's summary columns: what the accountant gets is what was signed. The workbook also
has one sheet per KDV rate (matrah and KDV per invoice, in TL) and a monthly summary for
the KDV return (hesaplanan KDV of sales, indirilecek KDV of purchases, tevkifat).

Amounts in the rows are in the invoice's currency; the rate sheets and the monthly summary
are in TL (a foreign-currency invoice's amounts times its exchange rate, rounded to kuruş
per invoice). Cancelled e-Arşiv invoices, invoices the customer rejected and invoices GİB
refused are listed, marked, and left out of every total.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from app.context import AppContext
from app.db.repositories import documents
from app.db.repositories import invoices as invoice_repo
from app.domain.errors import UserError
from app.domain.status import STATUS_NAMES, Status
from app.ubl.reader import UblInvoice, UblParty, read_ubl
from app.usecases.archive import parse_day, place_output

__all__ = ["KINDS", "ExportResult", "ExportRow", "build_rows", "export", "parse_day"]

KINDS = ("sales", "purchases", "all")
KDV_CODE = "0015"
CENT = Decimal("0.01")
ZERO = Decimal("0")
PAGE = 500
# Listed but counted in no total: the invoice does not stand (cancelled, rejected, refused).
NOT_COUNTED = frozenset({Status.CANCELLED, Status.REJECTED, Status.FAILED})
_DIRECTIONS = {"sales": ("out",), "purchases": ("in",), "all": ("out", "in")}
_SIDE = {"out": "Satış", "in": "Alış"}
_MONTHS = ("Ocak", "Şubat", "Mart", "Nisan", "Mayıs", "Haziran", "Temmuz", "Ağustos", "Eylül",
           "Ekim", "Kasım", "Aralık")


@dataclass
class ExportRow:
    """One invoice as read from its stored document; amounts in its own currency."""

    direction: str  # "out" (sales) | "in" (purchases)
    number: str
    day: date
    ettn: str
    party_id: str
    party_name: str
    profile: str
    type_code: str
    currency: str
    rate: Decimal | None  # exchange rate to TL; None for a TL invoice
    line_extension: Decimal = ZERO
    discount: Decimal = ZERO
    net: Decimal = ZERO  # TaxExclusiveAmount (LineExtensionAmount when absent)
    kdv: dict[Decimal, tuple[Decimal, Decimal]] = field(default_factory=dict)  # rate: (base, KDV)
    other_taxes: Decimal = ZERO
    withholding: Decimal = ZERO
    payable: Decimal = ZERO
    status: str = ""
    counted: bool = True

    def tl(self, amount: Decimal) -> Decimal:
        """``amount`` in TL, rounded to kuruş."""
        return (amount * (self.rate or 1)).quantize(CENT, ROUND_HALF_UP)

    @property
    def kdv_total(self) -> Decimal:
        return sum((a for _b, a in self.kdv.values()), ZERO)


@dataclass
class ExportResult:
    path: Path
    rows: int
    problems: list[str]  # documents that could not be read, in Turkish


def _party(p: UblParty | None) -> tuple[str, str]:
    if p is None:
        return "", ""
    ident = next((v for s, v in p.ids if s.upper() in ("VKN", "TCKN")), "")
    name = p.name or " ".join(x for x in (p.first_name, p.middle_name, p.family_name) if x)
    return ident, name


def _row_from(direction: str, ubl: UblInvoice, status: str, counted: bool) -> ExportRow:
    party = ubl.customer if direction == "out" else ubl.supplier
    ident, name = _party(party)
    currency = (ubl.currency or "TRY").upper()
    rate = None
    if currency != "TRY":
        rate = ubl.exchange_rate("PricingExchangeRate", "TaxExchangeRate",
                                 "PaymentExchangeRate")
        if rate is None or rate <= 0:
            raise ValueError(f"{currency} faturasında geçerli bir döviz kuru yok")
    mt = ubl.monetary_total
    if mt is None or mt.payable is None:
        raise ValueError("LegalMonetaryTotal/PayableAmount yok")
    row = ExportRow(direction=direction, number=ubl.number, day=date.fromisoformat(ubl.issue_date),
                    ettn=ubl.uuid.upper(), party_id=ident, party_name=name, profile=ubl.profile,
                    type_code=ubl.type_code, currency=currency, rate=rate, status=status,
                    counted=counted)
    row.line_extension = mt.line_extension or ZERO
    row.net = mt.tax_exclusive if mt.tax_exclusive is not None else row.line_extension
    line_discounts = sum((ac.amount or ZERO for line in ubl.lines
                          for ac in line.allowance_charges if not ac.charge), ZERO)
    row.discount = mt.allowance_total if mt.allowance_total is not None else line_discounts
    row.payable = mt.payable
    for st in ubl.tax_subtotals:
        if st.code == KDV_CODE:
            pct = (st.percent if st.percent is not None else ZERO).normalize()
            base, amount = row.kdv.get(pct, (ZERO, ZERO))
            row.kdv[pct] = (base + (st.taxable or ZERO), amount + (st.amount or ZERO))
        else:
            row.other_taxes += st.amount or ZERO
    row.withholding = sum((w.amount or ZERO for w in ubl.withholding_subtotals), ZERO)
    return row


def _status_name(status: str) -> str:
    try:
        return STATUS_NAMES[Status(status)]
    except ValueError:
        return status


def _invoices(ctx: AppContext, first: date, last: date, kind: str,
              problems: list[str]) -> Iterator[ExportRow]:
    directions = _DIRECTIONS[kind]
    with ctx.db.session() as s:
        offset = 0
        while page := invoice_repo.search(s, date_from=first, date_to=last, limit=PAGE,
                                          offset=offset):
            offset += len(page)
            for inv in page:
                if inv.direction not in directions or inv.status == Status.DRAFT:
                    continue
                shown = inv.number or inv.ettn
                doc = documents.latest_of_invoice(s, inv.id, ("invoice", "received"))
                try:
                    if doc is None:
                        raise ValueError("saklanan belgesi yok")
                    if hashlib.sha256(doc.content).hexdigest() != doc.sha256:
                        raise ValueError("saklanan belgenin özeti tutmuyor (arşiv bozulmuş "
                                         "olabilir; 'tezgah archive verify')")
                    yield _row_from(inv.direction, read_ubl(doc.content),
                                    _status_name(inv.status), inv.status not in NOT_COUNTED)
                except Exception as exc:  # any unreadable document is reported, by name
                    reason = getattr(exc, "message", None) or str(exc) or type(exc).__name__
                    problems.append(f"{_SIDE.get(inv.direction, '')} faturası {shown} "
                                    f"({inv.issue_date:%d.%m.%Y}): belge okunamadı — {reason}")


def build_rows(ctx: AppContext, first: date, last: date, kind: str = "all"
               ) -> tuple[list[ExportRow], list[str]]:
    """The period's invoices read from their stored documents (by date, sales first), and
    the Turkish reasons of those that could not be read."""
    if kind not in KINDS:
        raise UserError(f"Tür '{kind}' bilinmiyor; sales, purchases ya da all yazın.")
    if last < first:
        raise UserError(f"Bitiş tarihi ({last:%d.%m.%Y}) başlangıçtan "
                        f"({first:%d.%m.%Y}) önce.")
    problems: list[str] = []
    rows = list(_invoices(ctx, first, last, kind, problems))
    rows.sort(key=lambda r: (r.direction != "out", r.day, r.number))
    return rows, problems


# --- the tables -------------------------------------------------------------------------

def _rate_label(pct: Decimal) -> str:
    return "KDV %" + format(pct, "f").replace(".", ",")


def _rates(rows: list[ExportRow]) -> list[Decimal]:
    return sorted({pct for r in rows for pct in r.kdv}, reverse=True)


def _main_table(rows: list[ExportRow]) -> tuple[list[str], list[list[Any]]]:
    rates = _rates(rows)
    headers = ["Yön", "Fatura no", "Tarih", "ETTN", "Karşı taraf VKN/TCKN", "Karşı taraf",
               "Senaryo", "Fatura tipi", "Para birimi", "Döviz kuru", "Mal/hizmet toplamı",
               "İskonto", "Vergiler hariç tutar (matrah)"]
    for pct in rates:
        headers += [f"{_rate_label(pct)} matrah", f"{_rate_label(pct)} tutar"]
    headers += ["Diğer vergiler", "Tevkifat", "Ödenecek tutar", "Durum", "Toplamlara dahil"]
    table: list[list[Any]] = []
    for r in rows:
        cells: list[Any] = [_SIDE[r.direction], r.number, r.day, r.ettn, r.party_id,
                            r.party_name, r.profile, r.type_code, r.currency, r.rate,
                            r.line_extension, r.discount, r.net]
        for pct in rates:
            base, amount = r.kdv.get(pct, (None, None))
            cells += [base, amount]
        cells += [r.other_taxes, r.withholding, r.payable, r.status,
                  "Evet" if r.counted else "Hayır (toplamlara katılmadı)"]
        table.append(cells)
    return headers, table


def _rate_table(rows: list[ExportRow], pct: Decimal) -> tuple[list[str], list[list[Any]]]:
    headers = ["Yön", "Fatura no", "Tarih", "Karşı taraf VKN/TCKN", "Karşı taraf",
               "Para birimi", "Matrah (TL)", "KDV (TL)"]
    table = [[_SIDE[r.direction], r.number, r.day, r.party_id, r.party_name, r.currency,
              r.tl(r.kdv[pct][0]), r.tl(r.kdv[pct][1])]
             for r in rows if r.counted and pct in r.kdv]
    return headers, table


@dataclass
class MonthSummary:
    sales_base: Decimal = ZERO
    output_kdv: Decimal = ZERO  # hesaplanan KDV
    sales_withholding: Decimal = ZERO
    purchases_base: Decimal = ZERO
    input_kdv: Decimal = ZERO  # indirilecek KDV
    purchases_withholding: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.output_kdv - self.input_kdv


def monthly(rows: list[ExportRow]) -> dict[tuple[int, int], MonthSummary]:
    """Per (year, month), in TL, of the invoices that count."""
    months: dict[tuple[int, int], MonthSummary] = {}
    for r in rows:
        if not r.counted:
            continue
        m = months.setdefault((r.day.year, r.day.month), MonthSummary())
        base = sum((r.tl(b) for b, _a in r.kdv.values()), ZERO)
        kdv = sum((r.tl(a) for _b, a in r.kdv.values()), ZERO)
        if r.direction == "out":
            m.sales_base += base
            m.output_kdv += kdv
            m.sales_withholding += r.tl(r.withholding)
        else:
            m.purchases_base += base
            m.input_kdv += kdv
            m.purchases_withholding += r.tl(r.withholding)
    return dict(sorted(months.items()))


def _summary_table(rows: list[ExportRow]) -> tuple[list[str], list[list[Any]]]:
    headers = ["Ay", "Satış matrahı (TL)", "Hesaplanan KDV (TL)", "Satışlarda tevkifat (TL)",
               "Alış matrahı (TL)", "İndirilecek KDV (TL)", "Alışlarda tevkifat (TL)",
               "Net (hesaplanan − indirilecek) (TL)"]
    table = [[f"{_MONTHS[mo - 1]} {y}", m.sales_base, m.output_kdv, m.sales_withholding,
              m.purchases_base, m.input_kdv, m.purchases_withholding, m.net]
             for (y, mo), m in monthly(rows).items()]
    return headers, table


# --- writing ----------------------------------------------------------------------------

def tr_amount(value: Decimal) -> str:
    """``1234.5`` → ``1.234,50``."""
    return format(value.quantize(CENT, ROUND_HALF_UP), ",.2f").translate(
        str.maketrans(",.", ".,"))


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return tr_amount(value)
    if isinstance(value, date):
        return f"{value:%d.%m.%Y}"
    return str(value)


def _write_csv(path: Path, rows: list[ExportRow]) -> None:
    headers, table = _main_table(rows)
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    w.writerow(headers)
    for cells in table:
        # the exchange rate keeps its digits; every other amount is in kuruş
        w.writerow([format(c, "f").replace(".", ",") if i == 9 and c is not None
                    else _csv_cell(c) for i, c in enumerate(cells)])
    path.write_bytes(b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))


def _write_xlsx(path: Path, rows: list[ExportRow]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    sheets: list[tuple[str, tuple[list[str], list[list[Any]]]]] = [
        ("Faturalar", _main_table(rows))]
    sheets += [(_rate_label(pct), _rate_table(rows, pct)) for pct in _rates(rows)]
    sheets.append(("Aylık Özet", _summary_table(rows)))
    bold = Font(bold=True)
    for n, (title, (headers, table)) in enumerate(sheets):
        ws = wb.active if n == 0 else wb.create_sheet()
        assert ws is not None
        ws.title = title
        ws.append(headers)
        for cell in ws[1]:
            cell.font = bold
        for cells in table:
            ws.append(cells)
        for row in ws.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, Decimal):
                    header = headers[cell.column - 1]
                    cell.number_format = "0.000000" if header == "Döviz kuru" else "#,##0.00"
                elif isinstance(cell.value, date):
                    cell.number_format = "DD.MM.YYYY"
        for i, header in enumerate(headers, start=1):
            ws.column_dimensions[ws.cell(1, i).column_letter].width = max(12, len(header) + 2)
        ws.freeze_panes = "A2"
    wb.save(path)


def _target(out: Path, force: bool) -> tuple[Path, str]:
    out = Path(out).expanduser()
    suffix = out.suffix.lower()
    if suffix not in (".xlsx", ".csv"):
        raise UserError(f"{out.name}: dosya adı .xlsx ya da .csv ile bitmeli "
                        "(ör. faturalar-2026-11.xlsx).")
    if out.is_dir():
        raise UserError(f"{out} bir klasör; bir dosya adı verin (ör. faturalar-2026-11.xlsx).")
    if out.exists() and not force:
        raise UserError(f"{out} zaten var; üzerine yazılmadı. Başka bir ad verin ya da "
                        "--force ile üzerine yazın.")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"{parent} klasörü yok; önce oluşturun ya da başka bir yer seçin.")
    return out, suffix


def export(ctx: AppContext, first: date, last: date, out: Path, *, kind: str = "all",
           force: bool = False) -> ExportResult:
    """The invoices of ``first``–``last`` (Türkiye's days) of ``kind`` written to ``out``
    (.xlsx or .csv), through a temporary file beside it: never half-written, and an existing
    file is kept unless ``force``. Documents that could not be read are in ``problems``."""
    _target(out, force)  # a wrong name is refused before any document is read
    rows, problems = build_rows(ctx, first, last, kind)
    return write(out, rows, problems, force=force)


def write(out: Path, rows: list[ExportRow], problems: list[str], *,
          force: bool = False) -> ExportResult:
    """``rows`` (from ``build_rows``) written to ``out`` as ``export`` writes them."""
    out, suffix = _target(out, force)
    parent = out.parent if str(out.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=".tezgah-disa-aktarim-",
                                        suffix=suffix)
        os.close(fd)
    except OSError as exc:
        raise UserError(f"{parent} klasörüne yazılamıyor: {exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        if suffix == ".csv":
            _write_csv(tmp, rows)
        else:
            _write_xlsx(tmp, rows)
        with open(tmp, "rb") as f:
            os.fsync(f.fileno())
        place_output(tmp, out, force)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"{out} yazılamadı: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return ExportResult(out, len(rows), problems)
