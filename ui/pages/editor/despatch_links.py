"""The editor's delivery links: the chosen customer's despatch advices not yet invoiced
("Faturalanmamış irsaliyeler: …"), a button that adds their lines and references to the
invoice, and the references the invoice carries (``despatch_refs``). What may be invoiced
is decided by ``app.usecases.despatch_invoicing``."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.usecases import despatch_invoicing
from ui.errors import message_for
from ui.services import Services
from ui.tasks import DB


class DespatchLinks(QWidget):
    """Shows the customer's open deliveries; ``lines_added`` carries the invoice lines (JSON)
    of the despatches the user adds, whose references this widget then keeps."""

    lines_added = Signal(list)
    changed = Signal()

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.refs: list[dict[str, str]] = []
        self._vkn: str | None = None
        self._offered: list[str] = []  # ETTNs of the despatches the notice names
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        row = QHBoxLayout()
        self.notice = QLabel()
        self.notice.setObjectName("despatchNotice")
        self.notice.setWordWrap(True)
        row.addWidget(self.notice, 1)
        self.add_button = QPushButton(self.tr("İrsaliyelerden ekle"))
        self.add_button.setObjectName("addDespatchesButton")
        self.add_button.setToolTip(self.tr("Bu irsaliyelerin kalemlerini faturaya ekler ve "
                                           "faturaya irsaliye numaralarını yazar."))
        self.add_button.clicked.connect(self.add_offered)
        row.addWidget(self.add_button)
        layout.addLayout(row)
        self.linked = QLabel()
        self.linked.setObjectName("despatchLinked")
        self.linked.setProperty("role", "hint")
        self.linked.setWordWrap(True)
        layout.addWidget(self.linked)
        self._show_offer([])
        self._show_refs()

    # -- the customer's open deliveries -----------------------------------------------------
    def follow_customer(self, vkn_tckn: str | None) -> None:
        """Look up the customer's despatch advices not yet invoiced (when it changed)."""
        if vkn_tckn == self._vkn:
            return
        self._vkn = vkn_tckn
        self.refresh()

    def refresh(self) -> None:
        if not self._vkn:
            self._show_offer([])
            return
        vkn, besides = self._vkn, [r["number"] for r in self.refs]
        self.services.tasks.run(
            DB, lambda: despatch_invoicing.not_invoiced_despatches(
                self.services.ctx, vkn, besides=besides),
            on_success=lambda items: self._show_offer(items) if vkn == self._vkn else None)

    def _show_offer(self, items: list[dict[str, Any]]) -> None:
        self._offered = [d["ettn"] for d in items]
        if items:
            self.notice.setText(self.tr("Faturalanmamış irsaliyeler: {0}").format(
                despatch_invoicing.despatch_notice(items)))
        self.notice.setVisible(bool(items))
        self.add_button.setVisible(bool(items))

    def add_offered(self) -> None:
        """Add the offered despatches' lines and references to the invoice."""
        if not self._offered:
            return
        self.services.tasks.run(
            DB, despatch_invoicing.invoice_parts_from_despatches, self.services.ctx,
            list(self._offered), on_success=self._added, on_error=self._refused)

    def _added(self, parts: dict[str, Any]) -> None:
        known = {r["number"] for r in self.refs}
        self.refs += [r for r in parts["despatch_refs"] if r["number"] not in known]
        self._show_refs()
        self.lines_added.emit(parts["lines"])
        self.changed.emit()
        self.refresh()

    def _refused(self, exc: BaseException) -> None:
        self.notice.setText(message_for(exc) or "")
        self.add_button.setVisible(False)

    # -- the references the invoice carries ------------------------------------------------
    def set_refs(self, refs: list[dict[str, str]] | None) -> None:
        self.refs = [dict(r) for r in refs or [] if isinstance(r, dict)]
        self._show_refs()

    def refs_json(self) -> dict[str, Any]:
        return {"despatch_refs": [dict(r) for r in self.refs]} if self.refs else {}

    def _show_refs(self) -> None:
        text = ", ".join(r.get("number", "") for r in self.refs)
        self.linked.setText(self.tr("Faturadaki irsaliyeler: {0}").format(text) if text else "")
        self.linked.setVisible(bool(text))
