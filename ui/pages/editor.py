"""Yeni Fatura: customer, profile and type, lines, live totals, autosave, issue.

Keyboard: Tab moves between cells, Enter goes to the next line (adding one at the end),
Ctrl+Delete removes a line, Ctrl+M adds a customer, Ctrl+S saves, Ctrl+Return issues.
The editor's state is written to ``drafts/editor.json`` in the data folder a moment after
every change, and stored as a database draft whenever it is complete, so a crash or a
power cut loses nothing.
"""

from __future__ import annotations

import contextlib
import json
import os
import uuid
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QDate,
    QModelIndex,
    QStringListModel,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.domain.codes import InvoiceType, Profile
from app.domain.errors import NotFoundError, UserError, ValidationFailed
from app.domain.money import amount_in_words
from app.domain.totals import invoice_totals
from app.usecases import catalog, reports
from app.usecases import invoices as inv_uc
from app.usecases.company import company_series
from app.usecases.signing import company_signer
from ui import fmt
from ui.dialogs.customer import CustomerDialog
from ui.dialogs.invoice_view import InvoiceViewDialog, load_view
from ui.models.lines import COL, COLUMNS, LinesModel
from ui.pages.base import Page
from ui.pin import QtPinHandler
from ui.services import Services
from ui.tasks import DB, TOKEN
from ui.widgets.forms import FieldErrors, error_label

EDITOR_FILE = "editor.json"


# --- jobs (no widgets) --------------------------------------------------------------------

def save_draft(ctx: Any, ettn: str, data: dict[str, Any]) -> str:
    """Create the draft with this ETTN or update it."""
    try:
        inv_uc.update_draft(ctx, ettn, data)
    except NotFoundError:
        inv_uc.create_draft(ctx, {**data, "ettn": ettn})
    return ettn


def autosave(ctx: Any, path: Path, state: dict[str, Any], data: dict[str, Any]) -> str:
    """Write the editor state, then store it as a draft when it is complete enough."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
    try:
        save_draft(ctx, state["ettn"], data)
    except UserError:
        return "partial"
    return "saved"


def issue_job(ctx: Any, ettn: str, pin_handler: Any) -> inv_uc.IssueResult:
    """Runs on the token lane: one signer session (one PIN), then issuing."""
    with company_signer(ctx, pin_handler) as sign:
        return inv_uc.issue_invoice(ctx, ettn, sign=sign)


# --- the lines table ------------------------------------------------------------------------

class LinesDelegate(QStyledItemDelegate):
    def __init__(self, editor_page: InvoiceEditor) -> None:
        super().__init__(editor_page)
        self.page = editor_page

    def createEditor(self, parent: QWidget, option: Any, index: QModelIndex) -> QWidget:
        key = COLUMNS[index.column()][0]
        if key == "name":
            edit = QLineEdit(parent)
            completer = QCompleter(self.page.product_names, edit)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            completer.setFilterMode(Qt.MatchFlag.MatchContains)
            edit.setCompleter(completer)
            return edit
        if key == "withholding":
            combo = QComboBox(parent)
            combo.addItem("", "")
            for (code, rate), w in codes.WITHHOLDING_CODES.items():
                combo.addItem(f"{code} (%{rate}) {w.name}", f"{code}/{rate}")
            return combo
        if key == "exemption_code":
            combo = QComboBox(parent)
            combo.addItem("", "")
            allowed = codes.EXEMPTIONS_BY_TYPE.get(self.page.current_type(),
                                                   {"351": codes.EXEMPTION_CODES["351"]})
            for code, name in allowed.items():
                combo.addItem(f"{code} {name}", code)
            return combo
        return super().createEditor(parent, option, index)

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            value = index.model().lines[index.row()][COLUMNS[index.column()][0]]
            editor.setCurrentIndex(max(0, editor.findData(value)))
            return
        super().setEditorData(editor, index)

    def setModelData(self, editor: QWidget, model: Any, index: QModelIndex) -> None:
        if isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
            return
        if COLUMNS[index.column()][0] == "name" and isinstance(editor, QLineEdit):
            product = self.page.products.get(editor.text().strip())
            if product and not model.lines[index.row()]["unit_price"]:
                model.fill_from_product(index.row(), product)
                return
        super().setModelData(editor, model, index)


class LinesView(QTableView):
    """Enter commits the cell and moves to the next line, adding one at the end."""

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        super().closeEditor(editor, hint)
        if hint == QAbstractItemDelegate.EndEditHint.SubmitModelCache:
            self.next_line()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and \
                self.state() != QAbstractItemView.State.EditingState and \
                not event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.next_line()
            return
        super().keyPressEvent(event)

    def next_line(self) -> None:
        model: LinesModel = self.model()  # type: ignore[assignment]
        row = self.currentIndex().row()
        if row >= model.rowCount() - 1:
            if model.is_blank(row):
                return
            row = model.add_line()
        else:
            row += 1
        self.setCurrentIndex(model.index(row, COL["name"]))


# --- the page ------------------------------------------------------------------------------

class InvoiceEditor(Page):
    title = QT_TRANSLATE_NOOP("InvoiceEditor", "Yeni Fatura")
    issued = Signal(str)  # number

    def __init__(self, services: Services, parent: QWidget | None = None) -> None:
        super().__init__(services, parent)
        self.customer: dict[str, Any] | None = None
        self.receiver = ("earchive", "")
        self.ettn = str(uuid.uuid4()).upper()
        self.products: dict[str, dict[str, Any]] = {}
        self.product_names = QStringListModel(self)
        self.pin_handler = QtPinHandler(self)
        self.errors = FieldErrors()
        self.saved_state = ""
        self.busy = False
        self._loading = False
        self.last_result: inv_uc.IssueResult | None = None
        self.view_dialog: InvoiceViewDialog | None = None

        top = QGridLayout()
        top.setHorizontalSpacing(16)
        cust_box = QVBoxLayout()
        row = QHBoxLayout()
        self.customer_edit = QLineEdit()
        self.customer_edit.setObjectName("customerEdit")
        self.customer_edit.setPlaceholderText(self.tr("Müşteri: ad, VKN ya da TCKN yazın"))
        self.customer_model = QStringListModel(self)
        self.customer_completer = QCompleter(self.customer_model, self)
        self.customer_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.customer_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.customer_edit.setCompleter(self.customer_completer)
        row.addWidget(self.customer_edit, 1)
        new_customer = QPushButton(self.tr("Yeni müşteri (Ctrl+M)"))
        new_customer.setObjectName("newCustomerButton")
        new_customer.clicked.connect(self.new_customer)
        row.addWidget(new_customer)
        cust_box.addLayout(row)
        self.customer_info = QLabel(self.tr("Müşteri seçilmedi."))
        self.customer_info.setObjectName("customerInfo")
        self.customer_info.setWordWrap(True)
        cust_box.addWidget(self.customer_info)
        cust_error = error_label("customer")
        cust_box.addWidget(cust_error)
        self.errors.add("customer", self.customer_edit, cust_error)
        top.addLayout(cust_box, 0, 0)

        form = QFormLayout()
        form.setHorizontalSpacing(12)
        self.profile = QComboBox()
        self.profile.setObjectName("profileCombo")
        for p, name in codes.PROFILE_NAMES.items():
            self.profile.addItem(name, p.value)
        self.errors.row(form, self.tr("Senaryo"), "profile", self.profile)
        self.type = QComboBox()
        self.type.setObjectName("typeCombo")
        self.errors.row(form, self.tr("Tip"), "type", self.type)
        self.issue_date = QDateEdit(fmt.qtoday())
        self.issue_date.setObjectName("issueDate")
        self.issue_date.setDisplayFormat("dd.MM.yyyy")
        self.issue_date.setCalendarPopup(True)
        self.errors.row(form, self.tr("Tarih"), "issue_date", self.issue_date)
        cur_row = QHBoxLayout()
        self.currency = QComboBox()
        for code in codes.CURRENCIES:
            self.currency.addItem(code, code)
        self.rate = QLineEdit()
        self.rate.setPlaceholderText(self.tr("Kur"))
        self.rate.setVisible(False)
        cur_row.addWidget(self.currency)
        cur_row.addWidget(self.rate)
        cur_w = QWidget()
        cur_w.setLayout(cur_row)
        cur_row.setContentsMargins(0, 0, 0, 0)
        self.errors.row(form, self.tr("Para birimi"), "currency", cur_w)
        self.errors.add("exchange_rate", self.rate, self.errors._fields["currency"][1])
        self.return_number = QLineEdit()
        self.return_number.setObjectName("returnNumber")
        self.return_number.setPlaceholderText("ABC2026000000001")
        self.return_date = QDateEdit(fmt.qtoday())
        self.return_date.setDisplayFormat("dd.MM.yyyy")
        ret_w = QWidget()
        ret_row = QHBoxLayout(ret_w)
        ret_row.setContentsMargins(0, 0, 0, 0)
        ret_row.addWidget(self.return_number)
        ret_row.addWidget(self.return_date)
        self.return_box = self.errors.row(form, self.tr("İade edilen fatura"), "return_of",
                                          ret_w).parentWidget()
        self.header_form = form
        self.errors.add("return_of.number", self.return_number, self.errors._fields["return_of"][1])
        self.errors.add("return_of.date", self.return_date, self.errors._fields["return_of"][1])
        top.addLayout(form, 0, 1)
        top.setColumnStretch(0, 3)
        top.setColumnStretch(1, 2)
        self.layout_.addLayout(top)

        self.lines = LinesModel()
        self.table = LinesView()
        self.table.setObjectName("linesTable")
        self.table.setModel(self.lines)
        self.table.setItemDelegate(LinesDelegate(self))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.AnyKeyPressed
                                   | QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setTabKeyNavigation(True)
        self.table.verticalHeader().setDefaultSectionSize(30)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        h = self.table.horizontalHeader()
        h.setSectionResizeMode(COL["name"], QHeaderView.ResizeMode.Stretch)
        for key, width in (("quantity", 80), ("unit", 80), ("unit_price", 110),
                           ("discount_rate", 70), ("kdv_rate", 70), ("withholding", 130),
                           ("exemption_code", 110), ("amount", 120)):
            self.table.setColumnWidth(COL[key], width)
        self.layout_.addWidget(self.table, 1)
        lines_error = error_label("lines")
        self.layout_.addWidget(lines_error)
        self.errors.add("lines", self.table, lines_error)

        bottom = QHBoxLayout()
        left = QVBoxLayout()
        self.notes = QLineEdit()
        self.notes.setObjectName("notesEdit")
        self.notes.setPlaceholderText(self.tr("Not (faturada görünür)"))
        left.addWidget(self.notes)
        self.words = QLabel()
        self.words.setObjectName("amountInWords")
        self.words.setWordWrap(True)
        left.addWidget(self.words)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.save_state.setProperty("role", "hint")
        left.addWidget(self.save_state)
        left.addStretch(1)
        bottom.addLayout(left, 1)
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.totals)
        self.layout_.addLayout(bottom)

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
        self._customer_timer = QTimer(self, singleShot=True, interval=120)
        self._customer_timer.timeout.connect(self._search_customers)
        self.customer_edit.textEdited.connect(lambda _t: self._customer_timer.start())
        self.customer_completer.activated.connect(self._customer_chosen)
        self.customer_edit.returnPressed.connect(self._customer_enter)
        self.profile.currentIndexChanged.connect(self._profile_changed)
        self.type.currentIndexChanged.connect(self._type_changed)
        self.currency.currentIndexChanged.connect(
            lambda _i: (self.rate.setVisible(self.currency.currentData() != "TRY"),
                        self.changed()))
        for w in (self.rate, self.return_number, self.notes):
            w.textChanged.connect(self.changed)
        self.issue_date.dateChanged.connect(self.changed)
        self.return_date.dateChanged.connect(self.changed)
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
        self.setTabOrder(self.currency, self.table)
        self.setTabOrder(self.table, self.notes)
        self.setTabOrder(self.notes, self.issue_button)

        self._profile_changed()
        self.update_totals()
        self.restore_autosaved()

    # -- data for pickers -----------------------------------------------------------------
    def refresh(self) -> None:
        self.services.tasks.run(DB, catalog.list_products, self.services.ctx, "",
                                on_success=self._products_loaded)

    def _products_loaded(self, products: list[dict[str, Any]]) -> None:
        self.products = {p["name"]: p for p in products}
        self.product_names.setStringList(list(self.products))

    def _search_customers(self) -> None:
        rows = reports.customer_rows(self.services.ctx, self.customer_edit.text(), limit=20)
        self._customer_rows = {f"{r['name']} — {r['vkn_tckn']}": r for r in rows}
        self.customer_model.setStringList(list(self._customer_rows))
        if self.customer_edit.hasFocus() and rows:
            self.customer_completer.complete()

    def _customer_enter(self) -> None:
        popup = self.customer_completer.popup()
        if popup.isVisible():
            return
        rows = getattr(self, "_customer_rows", {})
        if len(rows) >= 1 and self.customer is None:
            self._customer_chosen(next(iter(rows)))
        self.profile.setFocus()

    def _customer_chosen(self, text: str) -> None:
        row = getattr(self, "_customer_rows", {}).get(text)
        if row is None:
            return
        self.set_customer(row["data"])
        QTimer.singleShot(0, self.profile.setFocus)

    def set_customer(self, data: dict[str, Any] | None) -> None:
        self.customer = data
        self.errors.clear()
        if data is None:
            self.customer_info.setText(self.tr("Müşteri seçilmedi."))
            self.changed()
            return
        name = data.get("name") or f"{data.get('first_name', '')} {data.get('family_name', '')}"
        self.customer_edit.setText(name.strip())
        kind, alias = reports.receiver_kind(self.services.ctx, data["vkn_tckn"],
                                            data.get("alias", ""))
        self.receiver = (kind, alias)
        addr = data.get("address") or {}
        where = ", ".join(x for x in (addr.get("district"), addr.get("city")) if x)
        label = (self.tr("e-Fatura mükellefi · {0}").format(alias) if kind == "efatura"
                 else self.tr("e-Fatura mükellefi değil → e-Arşiv"))
        self.customer_info.setText(f"{data['vkn_tckn']} · {where}\n{label}")
        if not self._loading:
            want = Profile.EARSIVFATURA if kind == "earchive" else Profile.TEMELFATURA
            if (self.current_profile() is Profile.EARSIVFATURA) != (want is Profile.EARSIVFATURA):
                self.profile.setCurrentIndex(self.profile.findData(want.value))
        self.changed()

    def new_customer(self) -> None:
        dialog = CustomerDialog(self.services, self)
        dialog.accepted.connect(lambda: self.set_customer(dialog.saved.to_dict()))
        dialog.open()
        self.customer_dialog = dialog

    # -- header fields ---------------------------------------------------------------------
    def current_profile(self) -> Profile:
        return Profile(self.profile.currentData())

    def current_type(self) -> InvoiceType:
        return InvoiceType(self.type.currentData() or "SATIS")

    def _profile_changed(self) -> None:
        current = self.type.currentData()
        self.type.blockSignals(True)
        self.type.clear()
        for t in codes.ALLOWED_TYPES[self.current_profile()]:
            self.type.addItem(codes.INVOICE_TYPE_NAMES[t], t.value)
        idx = self.type.findData(current)
        self.type.setCurrentIndex(max(0, idx))
        self.type.blockSignals(False)
        self._type_changed()

    def _type_changed(self) -> None:
        t = self.current_type()
        self.lines.set_type(t)
        self.table.setColumnHidden(COL["withholding"], t is not InvoiceType.TEVKIFAT)
        self.table.setColumnHidden(COL["exemption_code"], t not in (
            InvoiceType.ISTISNA, InvoiceType.IHRACKAYITLI, InvoiceType.OZELMATRAH))
        self.header_form.setRowVisible(self.return_box, t is InvoiceType.IADE)
        self.changed()

    # -- state -----------------------------------------------------------------------------
    def series(self) -> str:
        efatura, earchive = company_series(self.services.ctx)
        return earchive if self.current_profile() is Profile.EARSIVFATURA else efatura

    def invoice_json(self) -> dict[str, Any]:
        customer = dict(self.customer or {})
        if customer and self.receiver[0] == "efatura" and self.receiver[1]:
            customer["alias"] = self.receiver[1]
        data: dict[str, Any] = {
            "profile": self.current_profile().value, "type": self.current_type().value,
            "series": self.series(),
            "issue_date": self.issue_date.date().toPython().isoformat(),
            "currency": self.currency.currentData(),
            "customer": customer or None,
            "lines": self.lines.lines_json(),
            "notes": [self.notes.text().strip()] if self.notes.text().strip() else [],
        }
        if data["currency"] != "TRY":
            data["exchange_rate"] = fmt.plain(fmt.parse_decimal(self.rate.text())) \
                if fmt.parse_decimal(self.rate.text()) is not None else self.rate.text()
        if self.current_type() is InvoiceType.IADE:
            data["return_of"] = {"number": self.return_number.text().strip().upper(),
                                 "date": self.return_date.date().toPython().isoformat()}
        return data

    def state(self) -> dict[str, Any]:
        return {"ettn": self.ettn, "customer": self.customer, "receiver": list(self.receiver),
                "profile": self.current_profile().value, "type": self.current_type().value,
                "issue_date": self.issue_date.date().toPython().isoformat(),
                "currency": self.currency.currentData(), "rate": self.rate.text(),
                "return_number": self.return_number.text(),
                "return_date": self.return_date.date().toPython().isoformat(),
                "notes": self.notes.text(), "lines": self.lines.lines}

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
            self.lines.set_lines([dict(ln) for ln in st.get("lines") or []])
            self.set_customer(st.get("customer"))
            if st.get("receiver"):
                self.receiver = tuple(st["receiver"])  # type: ignore[assignment]
        finally:
            self._loading = False
        self.update_totals()

    def load_invoice_json(self, data: dict[str, Any], ettn: str | None = None) -> None:
        """Open an invoice JSON (a draft from the list, or a new İADE) in the editor."""
        lines = []
        for ln in data.get("lines", []):
            w = ln.get("withholding_code") or ""
            if w and ln.get("withholding_rate"):
                w = f"{w}/{Decimal(ln['withholding_rate']).normalize()}"
            lines.append({"name": ln.get("name", ""), "quantity": ln.get("quantity") or "1",
                          "unit": ln.get("unit") or "C62",
                          "unit_price": ln.get("unit_price") or "",
                          "discount_rate": ln.get("discount_rate") or "",
                          "kdv_rate": str(Decimal(ln.get("kdv_rate") or "0").normalize()),
                          "withholding": w,
                          "exemption_code": ln.get("exemption_code") or ""})
        ret = data.get("return_of") or {}
        customer = data.get("customer") if isinstance(data.get("customer"), dict) else None
        self.load_state({
            "ettn": ettn or str(uuid.uuid4()).upper(), "customer": customer,
            "profile": data.get("profile"), "type": data.get("type"),
            "issue_date": data.get("issue_date"), "currency": data.get("currency", "TRY"),
            "rate": data.get("exchange_rate") or "", "return_number": ret.get("number", ""),
            "return_date": ret.get("date"), "notes": " ".join(data.get("notes") or []),
            "lines": lines})
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

    def changed(self, *_args: Any) -> None:
        if self._loading:
            return
        self._totals_timer.start()
        self._autosave_timer.start()

    def remove_line(self) -> None:
        self.lines.remove_line(self.table.currentIndex().row())

    def focus_lines(self) -> None:
        self.table.setFocus()
        self.table.setCurrentIndex(self.lines.index(0, COL["name"]))

    # -- totals ------------------------------------------------------------------------------
    def update_totals(self) -> None:
        parsed = [p for p in self.lines.parsed if p is not None]
        currency = self.currency.currentData() or "TRY"
        problems = [p for p in self.lines.problems if p]
        lines_label = self.errors._fields["lines"][1]
        lines_label.setText("\n".join(problems[:3]))
        lines_label.setVisible(bool(problems))
        if not parsed:
            self.totals.setText(f"<b>{self.tr('Ödenecek')}: {fmt.money(Decimal('0.00'), currency)}</b>")
            self.words.clear()
            return
        totals = invoice_totals(SimpleNamespace(lines=parsed))  # only .lines is read
        rows = [(self.tr("Mal/hizmet toplamı"), totals.line_extension)]
        if totals.allowance_total:
            rows.append((self.tr("İskonto"), -totals.allowance_total))
        for part in totals.tax_subtotals:
            name = f"KDV %{fmt.quantity(part.rate)}" if part.code == codes.KDV_TAX_CODE \
                else codes.OTHER_TAXES.get(part.code, part.code)
            rows.append((f"{name} ({fmt.number(part.base)} üzerinden)", part.amount))
        for w in totals.withholding_subtotals:
            rows.append((self.tr("Tevkifat {0} (%{1})").format(w.code, fmt.quantity(w.rate)),
                         -w.amount))
        html = "<table cellspacing='4'>" + "".join(
            f"<tr><td>{label}</td><td align='right'>{fmt.money(v, currency)}</td></tr>"
            for label, v in rows)
        html += (f"<tr><td><b>{self.tr('Ödenecek')}</b></td><td align='right'><b style='font-size:"
                 f"15pt'>{fmt.money(totals.payable, currency)}</b></td></tr></table>")
        self.totals.setText(html)
        self.words.setText(amount_in_words(totals.payable, currency))
        self.payable = totals.payable

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
        self.show_error(exc)

    def show_error(self, exc: BaseException) -> None:
        if isinstance(exc, UserError) and not isinstance(exc, ValidationFailed):
            field = exc.field or ""
            if field.startswith("customer"):
                exc.field = "customer"
            if field.startswith("lines["):
                try:
                    row = int(field[6:field.index("]")])
                    key = field.split(".")[-1]
                    col = COL.get(key, COL.get("withholding" if "withholding" in key else "name"))
                    self.table.setCurrentIndex(self.lines.index(row, col or 0))
                except ValueError:
                    pass
                exc.field = "lines"
            if self.errors.show(exc):
                return
        self.services.errors(exc, self)

    def save_now(self) -> None:
        self.errors.clear()
        self.services.tasks.run(DB, save_draft, self.services.ctx, self.ettn, self.invoice_json(),
                                on_success=lambda _e: self.save_state.setText(
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
        self._autosave_timer.stop()
        self._set_busy(True, self.tr("Kaydediliyor…"))
        self.services.tasks.run(DB, save_draft, self.services.ctx, self.ettn, self.invoice_json(),
                                on_success=self._issue_saved, on_error=self._failed)

    def _issue_saved(self, ettn: str) -> None:
        self._set_busy(True, self.tr("İmzalanıyor ve GİB kurallarıyla denetleniyor…"))
        self.services.tasks.run(TOKEN, issue_job, self.services.ctx, ettn, self.pin_handler,
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
            sending_state=self.tr("Kesildi. GİB'e gönderim Giden Kutusu'ndan yapılır."))
        self.view_dialog.open()


