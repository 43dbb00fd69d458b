"""The receiver (alıcı) of a despatch: a saved customer found by name or VKN/TCKN, or one
typed here (VKN/TCKN, name, address)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import QCompleter, QLineEdit, QVBoxLayout, QWidget

from app.domain.errors import UserError
from app.usecases import reports
from ui.services import Services
from ui.widgets.party_form import PartyForm

PREFIX = "customer."


class ReceiverBox(QWidget):
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self._rows: dict[str, dict[str, Any]] = {}
        self._extra: dict[str, Any] = {}  # what the form does not show of a loaded party
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.search = QLineEdit()
        self.search.setObjectName("receiverSearch")
        self.search.setPlaceholderText(self.tr("Kayıtlı müşteri: ad, VKN ya da TCKN yazın"))
        self.model = QStringListModel(self)
        self.completer = QCompleter(self.model, self)
        self.completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.search.setCompleter(self.completer)
        lay.addWidget(self.search)
        self.form = PartyForm(sections=("identity", "address"), with_alias=False)
        lay.addWidget(self.form)
        self._timer = QTimer(self, singleShot=True, interval=120)
        self._timer.timeout.connect(self.find_customers)
        self.search.textEdited.connect(lambda _t: self._timer.start())
        self.completer.activated.connect(self.choose)
        for edit in self.form.findChildren(QLineEdit):
            edit.textChanged.connect(self.changed)

    def find_customers(self) -> None:
        rows = reports.customer_rows(self.services.ctx, self.search.text(), limit=20)
        self._rows = {f"{r['name']} — {r['vkn_tckn']}": r for r in rows}
        self.model.setStringList(list(self._rows))
        if self.search.hasFocus() and rows:
            self.completer.complete()

    def choose(self, text: str) -> None:
        """Fill the form with the saved customer named ``text`` (as the type-ahead shows it)."""
        row = self._rows.get(text)
        if row is not None:
            self.set_json(row["data"])

    def set_json(self, data: dict[str, Any] | None) -> None:
        data = dict(data or {})
        self._extra = {k: v for k, v in data.items()
                       if k in ("email", "phone", "iban", "alias", "country") and v}
        self.form.set_dict(data)

    def to_json(self) -> dict[str, Any]:
        shown = self.form.to_dict()
        party = {k: v for k, v in shown.items()
                 if k not in ("email", "phone", "iban", "alias") and v not in ("", None)}
        return {**party, **self._extra}

    def address(self) -> dict[str, Any]:
        return self.form.to_dict()["address"]

    def show_error(self, exc: UserError) -> bool:
        return (exc.field or "").startswith(PREFIX) and self.form.errors.show(exc, PREFIX)

    def clear_errors(self) -> None:
        self.form.errors.clear()
