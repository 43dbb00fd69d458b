"""Özet shows this month's and year's sales, KDV per rate, statuses and the monthly chart."""

from __future__ import annotations

from pathlib import Path

from app import clock
from app.context import AppContext
from app.domain.money import format_money
from app.paths import database_path
from app.usecases import reports
from tests.ui.bulk import fill
from tests.ui.conftest import idle
from ui import fmt


def test_dashboard_page_shows_the_report(start_gui, qtbot, company_dir: Path) -> None:
    fill(database_path(company_dir), 400, today=clock.today())
    want = reports.dashboard(AppContext(company_dir), clock.today())
    gui = start_gui(company_dir)
    page = gui.window.dashboard
    idle(qtbot, gui.services)
    qtbot.waitUntil(lambda: page.data is not None)
    assert page.month.value.text() == format_money(want.month_sales)
    assert page.year.value.text() == format_money(want.year_sales)
    assert page.drafts.value.text() == str(want.drafts)
    for rate, amount in want.kdv_by_rate.items():
        label = page.findChild(type(page.month.value), f"kdv_{fmt.quantity(rate)}")
        assert label is not None and label.text() == format_money(amount)
    completed = page.findChild(type(page.month.value), "status_completed")
    assert completed.text() == str(want.status_counts.get("completed", 0))
    assert [v for _, v in page.chart.values] == [v for _, v in want.monthly]
    assert page.chart.highlight == clock.today().month - 1
    image = page.chart.grab().toImage()  # the bars are drawn: some pixels carry the bar blue
    blue = sum(1 for x in range(0, image.width(), 4) for y in range(0, image.height(), 4)
               if image.pixelColor(x, y).name() in ("#8ab4f8", "#1a73e8"))
    assert blue > 20
