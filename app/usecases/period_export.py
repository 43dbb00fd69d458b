"""The accountant's export from the window: a period's invoice table (``accounting_export``,
Excel or CSV) with its totals, and, when asked, the same period's originals as one zip
beside it (``archive.export``).

The totals are summed from the very rows the table is written from (the stored documents
are read once), so the message the window shows and the file agree. An empty period writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from app.context import AppContext
from app.domain.errors import UserError
from app.usecases import accounting_export as ae
from app.usecases import archive

# (stage, done, total): stage is "read", "write" or "archive"; total 0 when unknown.
Progress = Callable[[str, int, int], None]
FORMATS = (".xlsx", ".csv")
_NOTHING = {"sales": "satış faturası", "purchases": "alış faturası", "all": "fatura"}
ZERO = Decimal("0")


@dataclass(frozen=True)
class SideTotals:
    """One side's invoices that count (not cancelled, rejected or refused), in TL."""

    invoices: int = 0
    base: Decimal = ZERO  # KDV matrahı
    kdv: Decimal = ZERO
    withholding: Decimal = ZERO
    payable: Decimal = ZERO


@dataclass
class PeriodExport:
    path: Path
    first: date
    last: date
    kind: str
    rows: int  # invoices written (counted or not)
    not_counted: int  # listed but left out of the totals
    sales: SideTotals
    purchases: SideTotals
    problems: list[str]  # documents that could not be read, in Turkish
    archive: archive.ExportResult | None = None


def previous_month(today: date) -> tuple[date, date]:
    """The calendar month before ``today``'s: its first and last day."""
    last = today.replace(day=1) - timedelta(days=1)
    return last.replace(day=1), last


def this_month(today: date) -> tuple[date, date]:
    """``today``'s month from its first day to ``today``."""
    return today.replace(day=1), today


def default_name(first: date, last: date, suffix: str = ".xlsx") -> str:
    """``muhasebe-2026-10.xlsx`` for a calendar month, else ``muhasebe-20261001-20261015``."""
    whole_month = (first.day == 1 and (last + timedelta(days=1)).day == 1
                   and (first.year, first.month) == (last.year, last.month))
    stem = (f"muhasebe-{first:%Y-%m}" if whole_month
            else f"muhasebe-{first:%Y%m%d}-{last:%Y%m%d}")
    return stem + suffix


def archive_path(out: Path) -> Path:
    """Where the originals' zip goes beside ``out``: ``muhasebe-2026-10-belgeler.zip``."""
    return out.with_name(f"{out.stem}-belgeler.zip")


def targets(out: Path, with_archive: bool) -> list[Path]:
    """The files the export writes."""
    return [out, archive_path(out)] if with_archive else [out]


def existing(out: Path, with_archive: bool) -> list[Path]:
    """Those of the export's files that are already there (to be asked about)."""
    return [p for p in targets(Path(out).expanduser(), with_archive) if p.is_file()]


def totals(rows: list[ae.ExportRow], direction: str) -> SideTotals:
    """The counted invoices of ``direction`` ("out", "in") summed in TL, as the workbook's
    monthly summary sums them."""
    counted = [r for r in rows if r.counted and r.direction == direction]
    months = ae.monthly(counted).values()
    if direction == "out":
        base = sum((m.sales_base for m in months), ZERO)
        kdv = sum((m.output_kdv for m in months), ZERO)
        withholding = sum((m.sales_withholding for m in months), ZERO)
    else:
        base = sum((m.purchases_base for m in months), ZERO)
        kdv = sum((m.input_kdv for m in months), ZERO)
        withholding = sum((m.purchases_withholding for m in months), ZERO)
    payable = sum((r.tl(r.payable) for r in counted), ZERO)
    return SideTotals(len(counted), base, kdv, withholding, payable)


def _check_targets(out: Path, with_archive: bool, force: bool) -> None:
    if out.suffix.lower() not in FORMATS:
        raise UserError(f"{out.name}: dosya adı .xlsx ya da .csv ile bitmeli "
                        "(ör. muhasebe-2026-10.xlsx).")
    if not force:
        for path in existing(out, with_archive):
            raise UserError(f"{path} zaten var; üzerine yazılmadı. Başka bir ad seçin ya da "
                            "üzerine yazmayı onaylayın.")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"{parent} klasörü yok; önce oluşturun ya da başka bir yer seçin.")


def run(ctx: AppContext, first: date, last: date, out: Path, *, kind: str = "all",
        with_archive: bool = False, force: bool = False,
        on_progress: Progress | None = None) -> PeriodExport:
    """Write the period's invoices of ``kind`` to ``out`` (.xlsx or .csv) and, with
    ``with_archive``, the period's originals to ``archive_path(out)``. An existing file is
    kept unless ``force``; a period without invoices writes nothing (``UserError``)."""
    def progress(stage: str, done: int = 0, total: int = 0) -> None:
        if on_progress is not None:
            on_progress(stage, done, total)

    out = Path(out).expanduser()
    if last < first:
        raise UserError(f"Bitiş tarihi ({last:%d.%m.%Y}) başlangıçtan ({first:%d.%m.%Y}) "
                        "önce; dönemi düzeltin.")
    _check_targets(out, with_archive, force)
    progress("read")
    rows, problems = ae.build_rows(ctx, first, last, kind)
    if not rows and not problems:
        raise UserError(f"{first:%d.%m.%Y}–{last:%d.%m.%Y} döneminde dışa aktarılacak "
                        f"{_NOTHING.get(kind, 'fatura')} yok (taslaklar sayılmaz); dosya "
                        "yazılmadı.")
    progress("write")
    written = ae.write(out, rows, problems, force=force)  # the rows just read, not again
    result = PeriodExport(path=written.path, first=first, last=last, kind=kind,
                          rows=written.rows, not_counted=sum(not r.counted for r in rows),
                          sales=totals(rows, "out"), purchases=totals(rows, "in"),
                          problems=written.problems)
    if with_archive:
        try:
            result.archive = archive.export(
                ctx, first, last, archive_path(out), force=force,
                on_progress=lambda done, total: progress("archive", done, total))
        except UserError as exc:
            raise UserError(f"{written.path.name} yazıldı, ama asıl belgelerin zip'i "
                            f"yazılamadı: {exc.message}") from None
    return result


__all__ = ["FORMATS", "PeriodExport", "Progress", "SideTotals", "archive_path",
           "default_name", "existing", "previous_month", "run", "targets", "this_month",
           "totals"]
