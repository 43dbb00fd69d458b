"""Desktop app speed: cold start to a usable main window, the invoice list over 100,000
invoices, typing into a 200-line invoice.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python -m pytest tests/benchmarks/test_bench_ui.py \
     --benchmark-only
Figures go to docs/performance/ui.md (measured, never asserted)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from app.context import AppContext
from app.paths import database_path
from tests.fixtures.app import make_context
from tests.ui.bulk import fill

START_SCRIPT = """
import os, sys, time
t0 = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from ui.main import start
gui = start(sys.argv[1], start_sync=False)
gui.app.processEvents()
assert gui.window is not None and gui.window.isVisible()
print(time.perf_counter() - t0)
gui.close()
"""


@pytest.fixture(scope="module")
def data_100k(tmp_path_factory: pytest.TempPathFactory, installed_rules_dir: Path) -> Path:
    d = tmp_path_factory.mktemp("ui100k") / "data"
    make_context(d, installed_rules_dir)
    fill(database_path(d), 100_000)
    return d


def test_bench_cold_start(benchmark, data_100k: Path, repo_root: Path) -> None:
    """A new Python process: imports, database open (migrations checked), first window."""
    inner: list[float] = []

    def run() -> None:
        out = subprocess.run([sys.executable, "-c", START_SCRIPT, str(data_100k)],
                             capture_output=True, text=True, check=True, cwd=repo_root)
        inner.append(float(out.stdout.strip().splitlines()[-1]))

    benchmark.pedantic(run, rounds=5, iterations=1)
    benchmark.extra_info["in_process_seconds_median"] = sorted(inner)[len(inner) // 2]


def _services(data_dir: Path):  # type: ignore[no-untyped-def]
    from ui.errors import ErrorReporter
    from ui.prefs import Prefs
    from ui.services import Services
    from ui.tasks import Tasks

    return Services(AppContext(data_dir), Tasks(ErrorReporter()), ErrorReporter(),
                    Prefs(data_dir))


def test_bench_invoice_list_open(benchmark, qapp, data_100k: Path) -> None:
    """Faturalar opened: the page built, COUNT and the first screenful read and painted."""
    from ui.pages.invoices import InvoicesPage

    services = _services(data_100k)

    def open_page() -> int:
        page = InvoicesPage(services)
        page.resize(1200, 700)
        page.show()
        QApplication.processEvents()
        n = page.model.rowCount()
        page.close()
        page.deleteLater()
        return n

    assert benchmark.pedantic(open_page, rounds=10, iterations=1, warmup_rounds=1) == 100_000
    services.tasks.shutdown()


@pytest.mark.parametrize("what", ["status", "search", "date+status"])
def test_bench_invoice_list_filter(benchmark, qapp, data_100k: Path, what: str) -> None:
    """One filter change on the open list: new COUNT, first page, repaint."""
    from datetime import date, timedelta

    from app.usecases.reports import InvoiceFilter
    from ui.pages.invoices import InvoicesPage

    services = _services(data_100k)
    page = InvoicesPage(services)
    page.resize(1200, 700)
    page.show()
    QApplication.processEvents()
    filters = {
        "status": InvoiceFilter(statuses=("completed",)),
        "search": InvoiceFilter(search="Ege"),
        "date+status": InvoiceFilter(statuses=("failed",),
                                     date_from=date.today() - timedelta(days=90),
                                     date_to=date.today()),
    }
    flip = [filters[what], InvoiceFilter()]
    state = {"i": 0}

    def apply() -> int:
        f = flip[state["i"] % 2]
        state["i"] += 1
        page.model.set_filter(f)
        page.view.viewport().repaint()
        return page.model.rowCount()

    benchmark.pedantic(apply, rounds=10, iterations=1, warmup_rounds=1)
    page.close()
    services.tasks.shutdown()


def test_bench_keystroke_in_200_lines(benchmark, qapp, data_100k: Path) -> None:
    """One keystroke in a cell of a 200-line invoice: the editor's text change, the commit
    into the model (line re-checked) and the live totals over all 200 lines."""
    from ui.errors import ErrorReporter
    from ui.models.lines import COL
    from ui.pages.editor import InvoiceEditor
    from ui.prefs import Prefs
    from ui.services import Services
    from ui.tasks import Tasks

    ctx = AppContext(data_100k)
    services = Services(ctx, Tasks(ErrorReporter()), ErrorReporter(), Prefs(data_100k))
    editor = InvoiceEditor(services)
    editor.resize(1200, 800)
    editor.show()
    editor.lines.set_lines([{"name": f"Ürün {i}", "quantity": str(i % 7 + 1), "unit": "C62",
                             "unit_price": f"{i}.25", "discount_rate": "", "kdv_rate": "20",
                             "withholding": "", "exemption_code": ""} for i in range(200)])
    QApplication.processEvents()
    index = editor.lines.index(150, COL["quantity"])
    times: list[float] = []
    digits = iter("123456789" * 1000)

    def keystroke() -> None:
        t = time.perf_counter()
        edit = QLineEdit()
        edit.setText(next(digits))  # what the cell editor holds after the key
        editor.lines.setData(index, edit.text())
        editor.update_totals()  # the debounced work, done at once here
        QApplication.processEvents()
        times.append(time.perf_counter() - t)

    benchmark.pedantic(keystroke, rounds=200, iterations=1)
    benchmark.extra_info["worst_ms"] = round(max(times) * 1000, 2)
    assert editor.lines.parsed[150] is not None
    editor.close()
    services.tasks.shutdown()
    _ = Qt
