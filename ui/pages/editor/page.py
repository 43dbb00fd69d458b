"""The Yeni Fatura page: it composes the header (customer, profile, type), the lines table
and the totals, keeps the editor's state, saves it, and issues the invoice."""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from itertools import pairwise
from pathlib import Path
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QDate, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.domain import kinds
from app.domain.codes import InvoiceType, Profile
from app.domain.errors import RulesMissingError, UserError, ValidationFailed
from app.domain.invoice import RETURN_TYPES
from app.usecases import catalog, drafts
from app.usecases import invoices as inv_uc
from app.usecases.issuing import issue_signed
from ui import fmt
from ui.dialogs.invoice_view import InvoiceViewDialog, load_view
from ui.models.lines import LinesModel, blank_line
from ui.pages.base import Page
from ui.pages.editor.despatch_links import DespatchLinks
from ui.pages.editor.header import InvoiceHeader
from ui.pages.editor.internet_sale import InternetSaleBox
from ui.pages.editor.kinds import KindSections
from ui.pages.editor.lines import LinesView, rows_from_json
from ui.pages.editor.totals import TotalsPanel
from ui.pin import QtPinHandler
from ui.services import Services
from ui.tasks import DB, TOKEN
from ui.widgets.forms import FieldErrors, error_label
from ui.widgets.next_steps import after_issue_text

EDITOR_FILE = "editor.json"


def autosave(ctx: Any, path: Path, state: dict[str, Any], data: dict[str, Any]) -> str:
    """Job: write the editor state, then store it as a draft when it is complete enough."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    try:
        drafts.save_draft(ctx, state["ettn"], data)
    except UserError:
        return "partial"
    return "saved"


class InvoiceEditor(Page):
    title = QT_TRANSLATE_NOOP("InvoiceEditor", "Yeni Fatura")
    issued = Signal(str)  # number

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.ettn = str(uuid.uuid4()).upper()
        self.pin_handler = QtPinHandler(self)
        self.errors = FieldErrors()
        self.saved_state = ""
        self.busy = False
        self._loading = False
        self.last_result: inv_uc.IssueResult | None = None
        self.view_dialog: InvoiceViewDialog | None = None

        self.header = InvoiceHeader(services, self.errors)
        self.layout_.addWidget(self.header)
        h = self.header
        self.customer_edit, self.customer_completer = h.customer_edit, h.customer_completer
        self.customer_info, self.header_form, self.return_box = \
            h.customer_info, h.header_form, h.return_box
        self.profile, self.type, self.issue_date = h.profile, h.type, h.issue_date
        self.currency, self.rate = h.currency, h.rate
        self.return_number, self.return_date = h.return_number, h.return_date
        # the customer's despatch advices not yet invoiced, and the invoice's references
        self.despatch_links = DespatchLinks(services)
        self.layout_.addWidget(self.despatch_links)
        # e-Arşiv: İnternet satışı (web address, payment, carrier)
        self.internet_sale = InternetSaleBox(services, self.errors)
        self.layout_.addWidget(self.internet_sale)
        # what the scenario or type adds: customs, traveller, SGK period … (app.domain.kinds)
        self.kind_sections = KindSections(self.errors)
        self.layout_.addWidget(self.kind_sections)

        self.lines = LinesModel()
        self.table = LinesView(self.lines)
        self.layout_.addWidget(self.table, 1)
        lines_error = error_label("lines")
        self.layout_.addWidget(lines_error)
        self.errors.add("lines", self.table, lines_error)
        line_row = QHBoxLayout()
        self.add_line_button = QPushButton(self.tr("Satır ekle"))
        self.add_line_button.setObjectName("addLineButton")
        self.add_line_button.setToolTip(self.tr("Faturaya yeni bir kalem satırı ekler; "
                                                "tabloda Enter da yeni satıra geçer."))
        self.add_line_button.clicked.connect(self.add_line)
        line_row.addWidget(self.add_line_button)
        line_row.addStretch(1)
        self.layout_.addLayout(line_row)

        self.summary = TotalsPanel()
        self.layout_.addWidget(self.summary)
        self.notes, self.words = self.summary.notes, self.summary.words
        self.save_state, self.totals = self.summary.save_state, self.summary.totals

        actions = QHBoxLayout()
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.setVisible(False)
        self.progress.setMaximumWidth(200)
        self.status = QLabel()
        self.status.setObjectName("editorStatus")
        actions.addWidget(self.progress)
        actions.addWidget(self.status, 1)
        clear = QPushButton(self.tr("Temizle"))
        clear.clicked.connect(self.new_invoice)
        actions.addWidget(clear)
        self.save_button = QPushButton(self.tr("Taslak kaydet (Ctrl+S)"))
        self.save_button.clicked.connect(self.save_now)
        actions.addWidget(self.save_button)
        self.issue_button = QPushButton(self.tr("Faturayı kes (Ctrl+Enter)"))
        self.issue_button.setObjectName("issueButton")
        self.issue_button.setProperty("role", "primary")
        self.issue_button.clicked.connect(self.issue)
        actions.addWidget(self.issue_button)
        self.layout_.addLayout(actions)

        # signals
        self.header.changed.connect(self.changed)
        self.header.type_changed.connect(self._type_changed)
        self.header.changed.connect(self._follow_customer)
        self.despatch_links.changed.connect(self.changed)
        self.despatch_links.lines_added.connect(self._add_despatch_lines)
        self.internet_sale.changed.connect(self.changed)
        self.kind_sections.changed.connect(self.changed)
        self.profile.currentIndexChanged.connect(lambda _i: self.internet_sale.setVisible(
            self.current_profile() is Profile.EARSIVFATURA))
        self.notes.textChanged.connect(self.changed)
        self._lines_error = ""  # a problem of the lines as a whole from the last issue/save
        for signal in (self.lines.dataChanged, self.lines.rowsInserted, self.lines.rowsRemoved,
                       self.lines.modelReset):
            signal.connect(self._forget_lines_error)
        self.lines.dataChanged.connect(self.changed)
        self.lines.rowsInserted.connect(self.changed)
        self.lines.rowsRemoved.connect(self.changed)
        self._totals_timer = QTimer(self, singleShot=True, interval=30)
        self._totals_timer.timeout.connect(self.update_totals)
        self._autosave_timer = QTimer(self, singleShot=True, interval=800)
        self._autosave_timer.timeout.connect(self.autosave_now)

        QShortcut(QKeySequence("Ctrl+M"), self, self.new_customer)
        QShortcut(QKeySequence("Ctrl+Return"), self, self.issue)
        QShortcut(QKeySequence("Ctrl+Enter"), self, self.issue)
        QShortcut(QKeySequence.StandardKey.Save, self, self.save_now)
        QShortcut(QKeySequence("Ctrl+Delete"), self, self.remove_line)
        QShortcut(QKeySequence("Ctrl+L"), self, self.focus_lines)
        self.setTabOrder(self.customer_edit, self.profile)
        self.setTabOrder(self.profile, self.type)
        self.setTabOrder(self.type, self.issue_date)
        self.setTabOrder(self.issue_date, self.currency)
        chain = [self.currency, *self.internet_sale.focus_chain(), self.kind_sections, self.table]
        for before, after in pairwise(chain):
            self.setTabOrder(before, after)
        self.setTabOrder(self.table, self.notes)
        self.setTabOrder(self.notes, self.issue_button)

        self.header.refresh_types()
        self.internet_sale.setVisible(self.current_profile() is Profile.EARSIVFATURA)
        self.update_totals()
        self.restore_autosaved()

    # -- data for pickers -----------------------------------------------------------------
    def refresh(self) -> None:
        self.services.tasks.run(DB, catalog.list_products, self.services.ctx, "",
                                on_success=self.table.set_products)

    # -- header ----------------------------------------------------------------------------
    @property
    def customer(self) -> dict[str, Any] | None:
        return self.header.customer

    def set_customer(self, data: dict[str, Any] | None) -> None:
        self.header.set_customer(data, choose_profile=not self._loading)

    def new_customer(self) -> None:
        self.header.new_customer()

    def _follow_customer(self) -> None:
        self.despatch_links.follow_customer((self.customer or {}).get("vkn_tckn"))

    def _add_despatch_lines(self, lines: list[dict[str, Any]]) -> None:
        """The lines of the despatches the user added, after the lines already typed."""
        kept = [ln for ln in self.lines.lines if ln != blank_line()]
        self.lines.set_lines(kept + rows_from_json(lines))

    def current_profile(self) -> Profile:
        return self.header.current_profile()

    def current_type(self) -> InvoiceType:
        return self.header.current_type()

    def _type_changed(self) -> None:
        t, p = self.current_type(), self.current_profile()
        self.lines.set_context(p, t)
        self.table.show_columns_for(t, p)
        self.kind_sections.set_context(p.value, t.value)
        self.changed()

    # -- state -----------------------------------------------------------------------------
    def series(self) -> str:
        profile = self.current_profile()
        sale = profile is Profile.EARSIVFATURA and self.internet_sale.isChecked()
        return drafts.series_for_profile(self.services.ctx, profile, internet_sale=sale)

    def invoice_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "profile": self.current_profile().value, "type": self.current_type().value,
            "series": self.series(),
            "issue_date": self.issue_date.date().toPython().isoformat(),
            "currency": self.currency.currentData(),
            "customer": self.header.customer_json(),
            "lines": self.lines.lines_json(),
            "notes": [self.notes.text().strip()] if self.notes.text().strip() else [],
        }
        if data["currency"] != "TRY":
            data["exchange_rate"] = fmt.plain(fmt.parse_decimal(self.rate.text())) \
                if fmt.parse_decimal(self.rate.text()) is not None else self.rate.text()
        if self.current_type().value in RETURN_TYPES:
            data["return_of"] = {"number": self.return_number.text().strip().upper(),
                                 "date": self.return_date.date().toPython().isoformat()}
        iban = self.header.payee_iban.text().replace(" ", "").upper()
        if self.current_profile() is Profile.KAMU and iban:
            data["payment"] = {"iban": iban}
        if self.current_profile() is Profile.EARSIVFATURA and self.header.delivery.currentData():
            data["delivery"] = self.header.delivery.currentData()
        sale = self.internet_sale.sale_json()
        if self.current_profile() is Profile.EARSIVFATURA and sale is not None:
            data["internet_sale"] = sale
        data.update(self.kind_sections.blocks_json())
        data.update(self.despatch_links.refs_json())
        return data

    def state(self) -> dict[str, Any]:
        return {"ettn": self.ettn, "customer": self.customer,
                "receiver": list(self.header.receiver),
                "profile": self.current_profile().value, "type": self.current_type().value,
                "issue_date": self.issue_date.date().toPython().isoformat(),
                "currency": self.currency.currentData(), "rate": self.rate.text(),
                "return_number": self.return_number.text(),
                "return_date": self.return_date.date().toPython().isoformat(),
                "notes": self.notes.text(), "lines": self.lines.lines,
                "delivery": self.header.delivery.currentData(),
                "internet_sale": self.internet_sale.sale_json(),
                "payee_iban": self.header.payee_iban.text(),
                "kinds": self.kind_sections.state(),
                "despatch_refs": self.despatch_links.refs}

    def load_state(self, st: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.ettn = st.get("ettn") or str(uuid.uuid4()).upper()
            self.profile.setCurrentIndex(max(0, self.profile.findData(st.get("profile"))))
            self.type.setCurrentIndex(max(0, self.type.findData(st.get("type"))))
            if st.get("issue_date"):
                self.issue_date.setDate(QDate.fromString(st["issue_date"], "yyyy-MM-dd"))
            self.currency.setCurrentIndex(max(0, self.currency.findData(st.get("currency"))))
            self.rate.setText(st.get("rate", ""))
            self.return_number.setText(st.get("return_number", ""))
            if st.get("return_date"):
                self.return_date.setDate(QDate.fromString(st["return_date"], "yyyy-MM-dd"))
            self.notes.setText(st.get("notes", ""))
            self.header.delivery.setCurrentIndex(
                max(0, self.header.delivery.findData(st.get("delivery") or "")))
            self.internet_sale.set_sale(st.get("internet_sale"))
            self.header.payee_iban.setText(st.get("payee_iban") or "")
            self.kind_sections.load(st.get("kinds"))
            self.despatch_links.set_refs(st.get("despatch_refs"))
            self.lines.set_lines([dict(ln) for ln in st.get("lines") or []])
            self.set_customer(st.get("customer"))
            if st.get("receiver"):
                self.header.receiver = tuple(st["receiver"])  # type: ignore[assignment]
        finally:
            self._loading = False
        self.update_totals()

    def load_invoice_json(self, data: dict[str, Any], ettn: str | None = None) -> None:
        """Open an invoice JSON (a draft from the list, or a new İADE) in the editor."""
        ret = data.get("return_of") or {}
        customer = data.get("customer") if isinstance(data.get("customer"), dict) else None
        self.load_state({
            "ettn": ettn or str(uuid.uuid4()).upper(), "customer": customer,
            "profile": data.get("profile"), "type": data.get("type"),
            "issue_date": data.get("issue_date"), "currency": data.get("currency", "TRY"),
            "rate": data.get("exchange_rate") or "", "return_number": ret.get("number", ""),
            "return_date": ret.get("date"), "notes": " ".join(data.get("notes") or []),
            "delivery": data.get("delivery") or "",
            "internet_sale": data.get("internet_sale"),
            "payee_iban": (data.get("payment") or {}).get("iban", ""),
            "kinds": {k.key: data.get(k.key) for k in kinds.all_kinds() if k.fields},
            "despatch_refs": data.get("despatch_refs"),
            "lines": rows_from_json(data.get("lines", []))})
        self.changed()

    def open_draft(self, ettn: str) -> None:
        info = inv_uc.show_invoice(self.services.ctx, ettn)
        self.load_invoice_json(info["data"], ettn=info["ettn"])

    def new_invoice(self) -> None:
        self.load_state({"profile": self.current_profile().value})
        self.customer_edit.clear()
        self._remove_autosave()
        self.status.clear()
        self.save_state.clear()
        self.errors.clear()
        self.customer_edit.setFocus()

    def _forget_lines_error(self, *_args: Any) -> None:
        self._lines_error = ""

    def changed(self, *_args: Any) -> None:
        if self._loading:
            return
        if not self.busy:
            self.status.clear()  # the last invoice's result does not stay under the next one
        self._totals_timer.start()
        self._autosave_timer.start()

    def remove_line(self) -> None:
        self.table.remove_line()

    def add_line(self) -> None:
        self.table.add_line()

    def focus_lines(self) -> None:
        self.table.focus_lines()

    # -- totals ------------------------------------------------------------------------------
    def update_totals(self) -> None:
        parsed = [p for p in self.lines.parsed if p is not None]
        currency = self.currency.currentData() or "TRY"
        # each line's own problems; else what issuing said about the lines as a whole (kept
        # until the lines change, so a refresh of the totals does not wipe it)
        problems = [p for p in self.lines.problems if p] or (
            [self._lines_error] if self._lines_error else [])
        lines_label = self.errors._fields["lines"][1]
        lines_label.setText("\n".join(problems[:3]))
        lines_label.setVisible(bool(problems))
        payable = self.summary.show_totals(parsed, currency, self.lines.inv_type)
        if payable is not None:
            self.payable = payable

    # -- saving ------------------------------------------------------------------------------
    def editor_file(self) -> Path:
        return self.services.data_dir / "drafts" / EDITOR_FILE

    def autosave_now(self) -> None:
        if self.busy:
            return
        if not self.customer and not self.lines.lines_json():
            return
        self.services.tasks.run(DB, autosave, self.services.ctx, self.editor_file(),
                                json.loads(json.dumps(self.state())), self.invoice_json(),
                                on_success=self._autosaved, on_error=lambda _e: None)

    def _autosaved(self, result: str) -> None:
        self.save_state.setText(self.tr("Taslak kaydedildi.") if result == "saved"
                                else self.tr("Taslak bu bilgisayarda saklandı (eksikler var)."))

    def restore_autosaved(self) -> None:
        try:
            st = json.loads(self.editor_file().read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        self.load_state(st)
        self.save_state.setText(self.tr("Yarım kalan fatura geri yüklendi."))

    def _remove_autosave(self) -> None:
        self.ettn = str(uuid.uuid4()).upper()
        with contextlib.suppress(OSError):
            self.editor_file().unlink()

    def _failed(self, exc: BaseException) -> None:
        self._set_busy(False)
        if isinstance(exc, RulesMissingError):
            # GİB's rule packages are missing: install them from the window, then issue again.
            from ui.dialogs.rules_install import ask_to_install_rules

            self.rules_dialog = ask_to_install_rules(self.services, self, exc.message)
            self.rules_dialog.installed.connect(lambda _summary: self.issue())
            return
        self.show_error(exc)

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, UserError) and not isinstance(exc, ValidationFailed):
            field = exc.field or ""
            if field.startswith("customer"):
                exc.field = "customer"
            if field.startswith("lines["):
                try:
                    row = int(field[6:field.index("]")])
                    self.table.go_to_field(row, field.split(".")[-1])
                except ValueError:
                    pass
                exc.field = "lines"
            if exc.field == "lines":
                self._lines_error = exc.message
            if self.errors.show(exc):
                return
        self.services.errors(exc, self)

    def save_now(self) -> None:
        self.errors.clear()
        self.services.tasks.run(DB, drafts.save_draft, self.services.ctx, self.ettn,
                                self.invoice_json(), on_success=lambda _e: self.save_state.setText(
                                    self.tr("Taslak kaydedildi.")),
                                on_error=self.show_error)

    # -- issuing -----------------------------------------------------------------------------
    def _set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.progress.setVisible(busy)
        self.issue_button.setEnabled(not busy)
        self.save_button.setEnabled(not busy)
        self.status.setText(text)

    def issue(self) -> None:
        if self.busy:
            return
        self.table.setFocus()  # commits a cell being edited
        self.errors.clear()
        self._lines_error = ""
        self._autosave_timer.stop()
        self._set_busy(True, self.tr("Kaydediliyor…"))
        self.services.tasks.run(DB, drafts.save_draft, self.services.ctx, self.ettn,
                                self.invoice_json(), on_success=self._issue_saved,
                                on_error=self._failed)

    def _issue_saved(self, ettn: str) -> None:
        self._set_busy(True, self.tr("İmzalanıyor ve GİB kurallarıyla denetleniyor…"))
        self.services.tasks.run(TOKEN, issue_signed, self.services.ctx, ettn, self.pin_handler,
                                on_success=self._issued, on_error=self._failed)

    def _issued(self, result: inv_uc.IssueResult) -> None:
        self.last_result = result
        self._set_busy(False, self.tr("{0} numaralı fatura kesildi.").format(result.number))
        self._remove_autosave()
        self.load_state({"profile": self.current_profile().value})
        self.customer_edit.clear()
        self.save_state.clear()
        self.issued.emit(result.number)
        self.services.tasks.run(DB, load_view, self.services.ctx, result.ettn,
                                on_success=self._show_result)

    def _show_result(self, info: dict[str, Any]) -> None:
        self.view_dialog = InvoiceViewDialog(
            self.services, info, self,
            sending_state=f"{self.tr('Kesildi.')} {after_issue_text(info['profile'])}")
        self.view_dialog.open()


