"""The despatch form (Yeni irsaliye / a draft opened from İrsaliyeler): profile and type,
dates, receiver, shipment, lines and notes. "Taslak kaydet" hands the despatch JSON to
``app.usecases.despatches`` (``create_draft`` or ``update_draft``); a ``UserError`` is shown
under the field its ``field`` names."""

from __future__ import annotations

import contextlib
from datetime import date, time
from typing import Any

from PySide6.QtCore import QDate, QDateTime, QTime, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app import clock
from app.domain.despatch import PROFILE_NAMES, TYPE_NAMES, DespatchProfile, DespatchType
from app.domain.errors import UserError, ValidationFailed
from app.usecases import despatches
from ui.despatch.lines import DespatchLines
from ui.despatch.receiver import ReceiverBox
from ui.despatch.shipment import ShipmentBox
from ui.services import Services
from ui.tasks import DB
from ui.widgets.forms import FieldErrors, error_label

# JSON keys the form shows itself; any other key of a loaded draft is kept as it was
SHOWN = ("profile", "type", "issue_date", "issue_time", "despatch_date", "despatch_time",
         "customer", "shipment", "lines", "notes", "printed", "idis", "ettn")


def _qdatetime(day: date, moment: time) -> QDateTime:
    return QDateTime(QDate(day.year, day.month, day.day), QTime(moment.hour, moment.minute))


def _parse_day(text: Any) -> date | None:
    try:
        return date.fromisoformat(str(text))
    except ValueError:
        return None


def _parse_time(text: Any) -> time:
    try:
        return time.fromisoformat(str(text))
    except ValueError:
        return time(0, 0)


class DespatchDialog(QDialog):
    saved = Signal(str)  # ETTN of the stored draft

    def __init__(self, services: Services, parent: QWidget | None = None, *,
                 data: dict[str, Any] | None = None, ettn: str | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.ettn = ettn  # None: a new draft
        self.base: dict[str, Any] = {}
        self.errors = FieldErrors()
        self.setObjectName("despatchForm")
        self.setWindowTitle(self.tr("İrsaliye taslağı") if ettn else self.tr("Yeni irsaliye"))
        self.resize(1000, 780)
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        lay = QVBoxLayout(body)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)

        top = QGridLayout()
        head = QFormLayout()
        self.profile = QComboBox()
        self.profile.setObjectName("despatchProfile")
        for p, name in PROFILE_NAMES.items():
            self.profile.addItem(name, p.value)
        self.errors.row(head, self.tr("Senaryo"), "profile", self.profile)
        self.type = QComboBox()
        self.type.setObjectName("despatchType")
        for t, name in TYPE_NAMES.items():
            self.type.addItem(name, t.value)
        self.errors.row(head, self.tr("Tip"), "type", self.type)
        self.issue_at = QDateTimeEdit()
        self.issue_at.setObjectName("issueAt")
        self.issue_at.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.issue_at.setCalendarPopup(True)
        issue_label = self.errors.row(head, self.tr("İrsaliye tarihi"), "issue_date",
                                      self.issue_at)
        self.errors.add("issue_time", self.issue_at, issue_label)
        self.despatch_at = QDateTimeEdit()
        self.despatch_at.setObjectName("despatchAt")
        self.despatch_at.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.despatch_at.setCalendarPopup(True)
        despatch_label = self.errors.row(head, self.tr("Sevk tarihi ve saati"), "despatch_date",
                                         self.despatch_at)
        self.errors.add("despatch_time", self.despatch_at, despatch_label)
        self.printed_number = QLineEdit()
        self.printed_number.setObjectName("printedNumber")
        self.printed_number.setPlaceholderText(self.tr("kâğıt irsaliyenin numarası"))
        self.printed_date = QDateEdit()
        self.printed_date.setObjectName("printedDate")
        self.printed_date.setDisplayFormat("dd.MM.yyyy")
        self.printed_date.setCalendarPopup(True)
        printed = QWidget()
        printed_row = QHBoxLayout(printed)
        printed_row.setContentsMargins(0, 0, 0, 0)
        printed_row.addWidget(self.printed_number, 1)
        printed_row.addWidget(self.printed_date)
        self.printed_label = self.errors.row(head, self.tr("Matbu irsaliye"), "printed", printed)
        self.errors.add("printed.number", self.printed_number, self.printed_label)
        self.errors.add("printed.date", self.printed_date, self.printed_label)
        self.sevkiyat_no = QLineEdit()
        self.sevkiyat_no.setObjectName("sevkiyatNo")
        self.sevkiyat_no.setPlaceholderText("SE-0000000")
        self.errors.row(head, self.tr("İDİS sevkiyat no"), "idis.sevkiyat_no", self.sevkiyat_no)
        self.head_form = head
        top.addLayout(head, 0, 1)

        receiver_box = QGroupBox(self.tr("Alıcı (malı teslim alan)"))
        receiver_lay = QVBoxLayout(receiver_box)
        self.receiver = ReceiverBox(services)
        receiver_lay.addWidget(self.receiver)
        self.receiver_error = error_label("customer")
        receiver_lay.addWidget(self.receiver_error)
        self.errors.add("customer", self.receiver.search, self.receiver_error)
        top.addWidget(receiver_box, 0, 0)
        top.setColumnStretch(0, 3)
        top.setColumnStretch(1, 2)
        lay.addLayout(top)

        self.shipment = ShipmentBox()
        lay.addWidget(self.shipment)

        lines_box = QGroupBox(self.tr("Kalemler"))
        lines_lay = QVBoxLayout(lines_box)
        self.lines = DespatchLines()
        lines_lay.addWidget(self.lines)
        self.lines_error = error_label("lines")
        lines_lay.addWidget(self.lines_error)
        self.errors.add("lines", self.lines.table, self.lines_error)
        lay.addWidget(lines_box)

        notes = QFormLayout()
        self.notes = QPlainTextEdit()
        self.notes.setObjectName("despatchNotes")
        self.notes.setPlaceholderText(self.tr("Her satır ayrı bir not"))
        self.notes.setFixedHeight(70)
        self.errors.row(notes, self.tr("Notlar"), "notes", self.notes)
        lay.addLayout(notes)

        actions = QHBoxLayout()
        self.status = QLabel()
        self.status.setObjectName("despatchFormStatus")
        actions.addWidget(self.status, 1)
        cancel = QPushButton(self.tr("Kapat"))
        cancel.clicked.connect(self.reject)
        actions.addWidget(cancel)
        self.save_button = QPushButton(self.tr("Taslak kaydet"))
        self.save_button.setObjectName("saveDespatch")
        self.save_button.setProperty("role", "primary")
        self.save_button.clicked.connect(self.save)
        actions.addWidget(self.save_button)
        outer.addLayout(actions)

        self.profile.currentIndexChanged.connect(self._profile_changed)
        self.type.currentIndexChanged.connect(self._type_changed)
        self.load(data or {})

    # -- showing ----------------------------------------------------------------------------
    def current_profile(self) -> DespatchProfile:
        return DespatchProfile(self.profile.currentData())

    def current_type(self) -> DespatchType:
        return DespatchType(self.type.currentData())

    def _profile_changed(self) -> None:
        profile = self.current_profile()
        self.lines.set_profile(profile)
        self.head_form.setRowVisible(self.sevkiyat_no.parentWidget(),
                                     profile is DespatchProfile.IDISIRSALIYE)

    def _type_changed(self) -> None:
        self.head_form.setRowVisible(self.printed_label.parentWidget(),
                                     self.current_type() is DespatchType.MATBUDAN)

    def load(self, data: dict[str, Any]) -> None:
        """Show the despatch JSON ``data`` (empty: a new despatch dated now)."""
        self.base = {k: v for k, v in data.items() if k not in SHOWN}
        self.profile.setCurrentIndex(max(0, self.profile.findData(
            data.get("profile", DespatchProfile.TEMELIRSALIYE.value))))
        self.type.setCurrentIndex(max(0, self.type.findData(
            data.get("type", DespatchType.SEVK.value))))
        now = clock.local_now()
        issue_day = _parse_day(data.get("issue_date")) or now.date()
        issue_time = _parse_time(data["issue_time"]) if data.get("issue_time") else now.time()
        self.issue_at.setDateTime(_qdatetime(issue_day, issue_time))
        despatch_day = _parse_day(data.get("despatch_date")) or issue_day
        despatch_time = (_parse_time(data["despatch_time"]) if data.get("despatch_time")
                         else issue_time)
        self.despatch_at.setDateTime(_qdatetime(despatch_day, despatch_time))
        printed = data.get("printed") or {}
        self.printed_number.setText(str(printed.get("number", "")))
        printed_day = _parse_day(printed.get("date")) or now.date()
        self.printed_date.setDate(QDate(printed_day.year, printed_day.month, printed_day.day))
        self.sevkiyat_no.setText(str((data.get("idis") or {}).get("sevkiyat_no", "")))
        customer = data.get("customer")
        self.receiver.set_json(customer if isinstance(customer, dict) else None)
        self.shipment.set_json(data.get("shipment") or {},
                               (customer or {}).get("address") or {}
                               if isinstance(customer, dict) else {})
        self.lines.set_lines(list(data.get("lines") or []))
        notes = data.get("notes") or []
        self.notes.setPlainText("\n".join([notes] if isinstance(notes, str) else notes))
        self._profile_changed()
        self._type_changed()

    # -- the JSON ---------------------------------------------------------------------------
    def despatch_json(self) -> dict[str, Any]:
        issue = self.issue_at.dateTime()
        leaves = self.despatch_at.dateTime()
        data: dict[str, Any] = {
            **self.base,
            "profile": self.current_profile().value, "type": self.current_type().value,
            "issue_date": issue.date().toPython().isoformat(),
            "issue_time": issue.time().toString("HH:mm"),
            "despatch_date": leaves.date().toPython().isoformat(),
            "despatch_time": leaves.time().toString("HH:mm"),
            "customer": self.receiver.to_json(),
            "shipment": self.shipment.to_json(),
            "lines": self.lines.lines_json(),
            "notes": [n.strip() for n in self.notes.toPlainText().splitlines() if n.strip()],
        }
        if self.current_type() is DespatchType.MATBUDAN:
            data["printed"] = {"number": self.printed_number.text().strip(),
                               "date": self.printed_date.date().toPython().isoformat()}
        if self.current_profile() is DespatchProfile.IDISIRSALIYE:
            data["idis"] = {"sevkiyat_no": self.sevkiyat_no.text().strip()}
        return data

    # -- saving -----------------------------------------------------------------------------
    def clear_errors(self) -> None:
        self.errors.clear()
        self.shipment.errors.clear()
        self.receiver.clear_errors()

    def save(self) -> None:
        self.clear_errors()
        self.lines.table.setFocus()  # commits a cell being typed in
        self.save_button.setEnabled(False)
        data = self.despatch_json()
        if self.ettn is None:
            self.services.tasks.run(DB, despatches.create_draft, self.services.ctx, data,
                                    on_success=self._saved, on_error=self.show_error,
                                    on_finally=lambda: self.save_button.setEnabled(True))
        else:
            ettn = self.ettn
            self.services.tasks.run(DB, despatches.update_draft, self.services.ctx, ettn, data,
                                    on_success=lambda _none: self._saved(ettn),
                                    on_error=self.show_error,
                                    on_finally=lambda: self.save_button.setEnabled(True))

    def _saved(self, ettn: str) -> None:
        self.ettn = ettn
        self.status.setText(self.tr("Taslak kaydedildi."))
        self.saved.emit(ettn)
        self.accept()

    def show_error(self, exc: BaseException) -> None:
        """A ``UserError`` under its field (``UserError.field``); anything else in a box."""
        if isinstance(exc, UserError) and not isinstance(exc, ValidationFailed):
            field = exc.field or ""
            if field.startswith("shipment.delivery_address") and \
                    not self.shipment.other_address.isChecked():
                # the receiver's address is the delivery address: show it there
                exc.field = "customer.address." + field.rsplit(".", 1)[-1]
            if self.receiver.show_error(exc) or self.shipment.show_error(exc):
                return
            if field.startswith("lines["):
                with contextlib.suppress(ValueError):
                    self.lines.go_to(int(field[6:field.index("]")]), field.split(".")[-1])
                exc.field = "lines"
            if self.errors.show(exc):
                return
        self.services.errors(exc, self)
