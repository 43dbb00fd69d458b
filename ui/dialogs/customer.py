"""Add or edit a customer."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QScrollArea, QVBoxLayout, QWidget

from app.domain.errors import UserError
from app.usecases.catalog import save_customer
from ui.services import Services
from ui.tasks import DB
from ui.widgets.party_form import PartyForm


class CustomerDialog(QDialog):
    def __init__(self, services: Services, parent: QWidget | None = None,
                 data: dict[str, Any] | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.saved: Any = None
        self.setObjectName("customerDialog")
        self.setWindowTitle(self.tr("Müşteri") if data else self.tr("Yeni müşteri"))
        self.resize(520, 640)
        lay = QVBoxLayout(self)
        self.form = PartyForm()
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.form)
        lay.addWidget(scroll)
        if data:
            self.form.set_dict(data)
            # the VKN/TCKN is who the customer is: a different number is a different customer
            self.form.vkn.setReadOnly(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(self.tr("Kaydet"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Vazgeç"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        lay.addWidget(buttons)
        self.form.vkn.setFocus()

    def save(self) -> None:
        self.form.errors.clear()
        self.services.tasks.run(DB, save_customer, self.services.ctx, self.form.to_dict(),
                                on_success=self._saved, on_error=self._failed)

    def _saved(self, party: Any) -> None:
        self.saved = party
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, UserError) and self.form.errors.show(exc):
            return
        self.services.errors(exc, self)
