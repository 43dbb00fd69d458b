"""Özet: this month's and year's sales, KDV per rate, invoices per status, monthly chart, and
the e-Arşiv reports that are due or late (with "Raporu şimdi gönder")."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain.status import Status
from app.usecases import earsiv, reports
from ui import fmt
from ui.pages.base import Page
from ui.pin import QtPinHandler
from ui.services import Services
from ui.tasks import DB, TOKEN
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
        self.purchases = Card(self.tr("Bu ayın alışları (gelen faturalar, KDV hariç)"))
        self.purchases.setObjectName("purchasesCard")
        for c in (self.month, self.year, self.drafts, self.purchases):
            cards.addWidget(c)
        self.layout_.addLayout(cards)
        self._build_earsiv()
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

    def _build_earsiv(self) -> None:
        box = QFrame()
        box.setProperty("role", "card")
        box.setObjectName("earsivCard")
        lay = QVBoxLayout(box)
        head = QHBoxLayout()
        t = QLabel(self.tr("e-Arşiv raporları"))
        t.setProperty("role", "subtitle")
        head.addWidget(t, 1)
        self.earsiv_send = QPushButton(self.tr("Raporu şimdi gönder"))
        self.earsiv_send.setObjectName("earsivSendNow")
        self.earsiv_send.setToolTip(self.tr(
            "Bitmiş günlerin raporunu mali mühür/e-imza ile imzalar, zaman damgası alır ve "
            "GİB'e gönderir. Kartın PIN'i sorulur; saklanmaz."))
        self.earsiv_send.clicked.connect(self.send_reports_now)
        self.earsiv_send.setEnabled(False)
        head.addWidget(self.earsiv_send)
        lay.addLayout(head)
        self.earsiv_grid = QGridLayout()
        lay.addLayout(self.earsiv_grid)
        self.earsiv_outcome = QLabel("")
        self.earsiv_outcome.setObjectName("earsivOutcome")
        self.earsiv_outcome.setWordWrap(True)
        self.earsiv_outcome.setVisible(False)
        lay.addWidget(self.earsiv_outcome)
        self.layout_.addWidget(box)
        self.earsiv_box = box
        self.earsiv_rows: list[earsiv.DayRow] | None = None
        self.earsiv_busy = False
        self.pin_handler = QtPinHandler(self)

    def refresh(self) -> None:
        self.services.tasks.run(DB, reports.dashboard, self.services.ctx, fmt.today(),
                                on_success=self.show_data)
        self.services.tasks.run(DB, earsiv.report_days, self.services.ctx,
                                on_success=self.show_earsiv)

    def show_earsiv(self, rows: list[earsiv.DayRow]) -> None:
        """The days whose report GİB has not accepted yet: due time, state, late in red."""
        open_rows = [r for r in rows if r.state != earsiv.ACCEPTED]
        self.earsiv_rows = open_rows
        _clear(self.earsiv_grid)
        if not open_rows:
            self.earsiv_grid.addWidget(QLabel(self.tr("Bekleyen e-Arşiv raporu yok.")), 0, 0)
        for i, r in enumerate(open_rows):
            key = r.day.isoformat()
            day = QLabel(f"{r.day:%d.%m.%Y}")
            day.setObjectName(f"earsiv_day_{key}")
            counts = QLabel(self.tr("{0} fatura, {1} iptal").format(r.invoices,
                                                                    r.cancellations))
            due = QLabel(self.tr("son gönderim {0}").format(f"{r.due:%d.%m.%Y %H:%M}"))
            due.setObjectName(f"earsiv_due_{key}")
            state = QLabel(r.state_name)
            state.setObjectName(f"earsiv_state_{key}")
            if r.message:
                state.setToolTip(r.message)
            late = QLabel(self.tr("gecikti") if r.overdue else "")
            late.setObjectName(f"earsiv_late_{key}")
            late.setStyleSheet("color:#a50e0e; font-weight:bold;")
            for col, w in enumerate((day, counts, due, state, late)):
                self.earsiv_grid.addWidget(w, i, col)
        today = fmt.today()
        self.earsiv_send.setEnabled(not self.earsiv_busy and any(
            r.day < today for r in open_rows))

    def send_reports_now(self) -> None:
        """Open the card (its PIN asked by the same prompt as issuing), prepare and send the
        finished days' reports on the card's lane; the outcome shows under the list."""
        if self.earsiv_busy:
            return
        self.earsiv_busy = True
        self.earsiv_send.setEnabled(False)
        self._earsiv_say(self.tr("e-Arşiv raporları hazırlanıyor ve GİB'e gönderiliyor…"))
        self.services.tasks.run(TOKEN, earsiv.send_reports_now, self.services.ctx,
                                self.pin_handler, on_success=self._reports_sent,
                                on_error=self._reports_failed)

    def _earsiv_say(self, text: str, *, error: bool = False) -> None:
        self.earsiv_outcome.setText(text)
        self.earsiv_outcome.setStyleSheet("color:#a50e0e;" if error else "")
        self.earsiv_outcome.setVisible(bool(text))

    def _reports_sent(self, result: earsiv.SentNow) -> None:
        self.earsiv_busy = False
        self._earsiv_say(result.summary, error=bool(result.problems))
        self.show_earsiv(result.rows)
        self.refresh()

    def _reports_failed(self, exc: BaseException) -> None:
        from ui.errors import message_for

        self.earsiv_busy = False
        text = message_for(exc)
        self._earsiv_say(text or self.tr("Vazgeçildi; rapor gönderilmedi."), error=bool(text))
        self.refresh()

    def show_data(self, d: reports.Dashboard) -> None:
        self.data = d
        self.month.value.setText(fmt.money(d.month_sales))
        self.month.sub.setText(self.tr("{0} fatura").format(d.month_count))
        self.year.value.setText(fmt.money(d.year_sales))
        self.year.sub.setText(self.tr("{0} fatura").format(d.year_count))
        self.drafts.value.setText(str(d.drafts))
        self.drafts.sub.setText(self.tr("kesilmeyi bekliyor"))
        self.purchases.value.setText(fmt.money(d.month_purchases))
        self.purchases.sub.setText(self.tr("{0} fatura · indirilecek KDV {1}").format(
            d.month_purchase_count, fmt.money(d.month_purchase_kdv)))
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
