"""Özet: this month's and year's sales, KDV per rate, invoices per status, monthly chart."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QFrame, QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from app.domain.status import Status
from app.usecases import reports
from ui import fmt
from ui.pages.base import Page
from ui.services import Services
from ui.tasks import DB
from ui.widgets.badges import StatusBadge
from ui.widgets.chart import MONTHS, BarChart


class Card(QFrame):
    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("role", "card")
        lay = QVBoxLayout(self)
        self.title = QLabel(title)
        self.title.setProperty("role", "hint")
        self.value = QLabel("…")
        self.value.setProperty("role", "big")
        self.sub = QLabel("")
        self.sub.setProperty("role", "hint")
        for w in (self.title, self.value, self.sub):
            lay.addWidget(w)


class DashboardPage(Page):
    title = QT_TRANSLATE_NOOP("DashboardPage", "Özet")

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        cards = QHBoxLayout()
        self.month = Card(self.tr("Bu ayın satışları (KDV hariç)"))
        self.month.setObjectName("monthCard")
        self.year = Card(self.tr("Bu yılın satışları (KDV hariç)"))
        self.year.setObjectName("yearCard")
        self.drafts = Card(self.tr("Bekleyen taslaklar"))
        for c in (self.month, self.year, self.drafts):
            cards.addWidget(c)
        self.layout_.addLayout(cards)
        mid = QHBoxLayout()
        chart_box = QFrame()
        chart_box.setProperty("role", "card")
        cl = QVBoxLayout(chart_box)
        self.chart_title = QLabel(self.tr("Aylık satışlar"))
        self.chart_title.setProperty("role", "subtitle")
        cl.addWidget(self.chart_title)
        self.chart = BarChart()
        self.chart.setObjectName("monthlyChart")
        cl.addWidget(self.chart, 1)
        mid.addWidget(chart_box, 3)
        side = QVBoxLayout()
        kdv_box = QFrame()
        kdv_box.setProperty("role", "card")
        kl = QVBoxLayout(kdv_box)
        t = QLabel(self.tr("Bu yıl hesaplanan KDV"))
        t.setProperty("role", "subtitle")
        kl.addWidget(t)
        self.kdv_grid = QGridLayout()
        kl.addLayout(self.kdv_grid)
        kl.addStretch(1)
        side.addWidget(kdv_box)
        st_box = QFrame()
        st_box.setProperty("role", "card")
        sl = QVBoxLayout(st_box)
        t2 = QLabel(self.tr("Faturaların durumu"))
        t2.setProperty("role", "subtitle")
        sl.addWidget(t2)
        self.status_grid = QGridLayout()
        sl.addLayout(self.status_grid)
        sl.addStretch(1)
        side.addWidget(st_box)
        mid.addLayout(side, 2)
        self.layout_.addLayout(mid, 1)
        self.data: reports.Dashboard | None = None

    def refresh(self) -> None:
        self.services.tasks.run(DB, reports.dashboard, self.services.ctx, fmt.today(),
                                on_success=self.show_data)

    def show_data(self, d: reports.Dashboard) -> None:
        self.data = d
        self.month.value.setText(fmt.money(d.month_sales))
        self.month.sub.setText(self.tr("{0} fatura").format(d.month_count))
        self.year.value.setText(fmt.money(d.year_sales))
        self.year.sub.setText(self.tr("{0} fatura").format(d.year_count))
        self.drafts.value.setText(str(d.drafts))
        self.drafts.sub.setText(self.tr("kesilmeyi bekliyor"))
        self.chart.set_values([(MONTHS[m - 1], v) for m, v in d.monthly],
                              highlight=fmt.today().month - 1)
        _clear(self.kdv_grid)
        if not d.kdv_by_rate:
            self.kdv_grid.addWidget(QLabel(self.tr("Henüz kesilmiş fatura yok.")), 0, 0)
        for i, (rate, amount) in enumerate(d.kdv_by_rate.items()):
            self.kdv_grid.addWidget(QLabel(f"KDV %{fmt.quantity(rate)}"), i, 0)
            v = QLabel(fmt.money(amount))
            v.setObjectName(f"kdv_{fmt.quantity(rate)}")
            self.kdv_grid.addWidget(v, i, 1)
        _clear(self.status_grid)
        for i, st in enumerate(s for s in Status if s is not Status.RECEIVED):
            self.status_grid.addWidget(StatusBadge(st), i, 0)
            n = QLabel(str(d.status_counts.get(st, 0)))
            n.setObjectName(f"status_{st.value}")
            self.status_grid.addWidget(n, i, 1)


def _clear(grid: QGridLayout) -> None:
    while grid.count():
        item = grid.takeAt(0)
        if item.widget():
            item.widget().deleteLater()
