"""The editor's header: the customer (type-ahead, or a new one with Ctrl+M) and the
invoice's profile, type, date, currency and, for an İADE, the returned invoice."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QStringListModel, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QCompleter,
    QDateEdit,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.domain import codes
from app.domain.codes import InvoiceType, Profile
from app.domain.invoice import RETURN_TYPES
from app.domain.kinds import customs
from app.usecases import reports
from ui import fmt
from ui.dialogs.customer import CustomerDialog
from ui.services import Services
from ui.widgets.forms import FieldErrors, error_label


class InvoiceHeader(QWidget):
    changed = Signal()
    type_changed = Signal()

    def __init__(self, services: Services, errors: FieldErrors,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.errors = errors
        self.customer: dict[str, Any] | None = None
        self.receiver = ("earchive", "")
        self._customer_rows: dict[str, dict[str, Any]] = {}

        top = QGridLayout(self)
        top.setContentsMargins(0, 0, 0, 0)
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
        self._customer_text = ""  # what customer_info says of the chosen customer
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
        # the series comes with the profile (Ayarlar → Firma ve seriler)
        self.errors.add("series", self.profile, self.errors._fields["profile"][1])
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
        # KAMU: the Turkish IBAN the public administration pays into (GİB's rule)
        self.payee_iban = QLineEdit()
        self.payee_iban.setObjectName("payeeIban")
        self.payee_iban.setPlaceholderText(self.tr("boş: firmanın IBAN'ı"))
        self.payee_iban_box = self.errors.row(form, self.tr("Ödeme IBAN'ı (kamu)"),
                                              "payment.iban", self.payee_iban).parentWidget()
        self.payee_iban.textChanged.connect(self.changed)
        self.header_form = form
        # e-Arşiv: how the invoice reaches the buyer (Gönderim Şekli)
        self.delivery = QComboBox()
        self.delivery.setObjectName("deliveryCombo")
        self.delivery.addItem(self.tr("Müşteriye göre (e-postası varsa ELEKTRONİK)"), "")
        self.delivery.addItem(self.tr("ELEKTRONİK (e-posta)"), "ELEKTRONIK")
        self.delivery.addItem(self.tr("KAĞIT"), "KAGIT")
        self.delivery_box = self.errors.row(form, self.tr("Gönderim şekli"), "delivery",
                                            self.delivery).parentWidget()
        self.delivery.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.errors.add("return_of.number", self.return_number, self.errors._fields["return_of"][1])
        self.errors.add("return_of.date", self.return_date, self.errors._fields["return_of"][1])
        top.addLayout(form, 0, 1)
        top.setColumnStretch(0, 3)
        top.setColumnStretch(1, 2)

        self._customer_timer = QTimer(self, singleShot=True, interval=120)
        self._customer_timer.timeout.connect(self._search_customers)
        self.customer_edit.textEdited.connect(lambda _t: self._customer_timer.start())
        self.customer_completer.activated.connect(self._customer_chosen)
        self.customer_edit.returnPressed.connect(self._customer_enter)
        self.profile.currentIndexChanged.connect(self.refresh_types)
        self.profile.currentIndexChanged.connect(
            lambda _i: self.delivery.setEnabled(self.current_profile() is Profile.EARSIVFATURA))
        self.type.currentIndexChanged.connect(self._type_changed)
        self.currency.currentIndexChanged.connect(
            lambda _i: (self.rate.setVisible(self.currency.currentData() != "TRY"),
                        self.changed.emit()))
        for w in (self.rate, self.return_number):
            w.textChanged.connect(self.changed)
        self.issue_date.dateChanged.connect(self.changed)
        self.return_date.dateChanged.connect(self.changed)

    # -- customer ----------------------------------------------------------------------------
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
        rows = self._customer_rows
        if len(rows) >= 1 and self.customer is None:
            self._customer_chosen(next(iter(rows)))
        self.profile.setFocus()

    def _customer_chosen(self, text: str) -> None:
        row = self._customer_rows.get(text)
        if row is None:
            return
        self.set_customer(row["data"])
        QTimer.singleShot(0, self._profile_next)

    def _profile_next(self) -> None:
        """After a customer is chosen the form goes on with the profile — unless the user has
        already moved on (e.g. Ctrl+L to the lines), whose choice wins."""
        here = QApplication.focusWidget()
        if here is None or here is self.customer_edit or here is self.customer_completer.popup():
            self.profile.setFocus()

    def set_customer(self, data: dict[str, Any] | None, *, choose_profile: bool = True) -> None:
        """Show the customer; with ``choose_profile`` switch between e-Fatura and e-Arşiv as
        GİB's user list says for this customer."""
        self.customer = data
        self.errors.clear()
        if data is None:
            self.customer_info.setText(self.tr("Müşteri seçilmedi."))
            self.changed.emit()
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
        self._customer_text = f"{data['vkn_tckn']} · {where}\n{label}"
        self.customer_info.setText(self._customer_text)
        if customs.goes_to_customs(self.current_profile().value):
            self._show_customs_customer()
        if choose_profile and not customs.goes_to_customs(self.current_profile().value):
            profile = codes.profile_for_receiver(self.current_profile(), kind == "efatura")
            if profile is not self.current_profile():
                self.profile.setCurrentIndex(self.profile.findData(profile.value))
        self.changed.emit()

    def new_customer(self) -> None:
        dialog = CustomerDialog(self.services, self)
        dialog.accepted.connect(lambda: self.set_customer(dialog.saved.to_dict()))
        dialog.open()
        self.customer_dialog = dialog

    def customer_json(self) -> dict[str, Any] | None:
        """The customer as the invoice carries it: an e-Fatura receiver with its alias;
        GTB on an İhracat or Yolcu Beraber invoice (the domain writes its data)."""
        if customs.goes_to_customs(self.current_profile().value):
            return {"vkn_tckn": customs.VKN}
        customer = dict(self.customer or {})
        if customer and self.receiver[0] == "efatura" and self.receiver[1]:
            customer["alias"] = self.receiver[1]
        return customer or None

    # -- profile and type --------------------------------------------------------------------
    def current_profile(self) -> Profile:
        return Profile(self.profile.currentData())

    def current_type(self) -> InvoiceType:
        return InvoiceType(self.type.currentData() or "SATIS")

    def refresh_types(self) -> None:
        """Offer the types the chosen profile accepts, keeping the current one if it can."""
        self._show_customs_customer()
        current = self.type.currentData()
        self.type.blockSignals(True)
        self.type.clear()
        for t in codes.ALLOWED_TYPES[self.current_profile()]:
            self.type.addItem(codes.INVOICE_TYPE_NAMES[t], t.value)
        idx = self.type.findData(current)
        self.type.setCurrentIndex(max(0, idx))
        self.type.blockSignals(False)
        self._type_changed()

    def _show_customs_customer(self) -> None:
        """İhracat and Yolcu Beraber go to GTB: the customer is written by Tezgâh, the field
        is locked and says so; another scenario gives the chosen customer back."""
        to_customs = customs.goes_to_customs(self.current_profile().value)
        self.customer_edit.setEnabled(not to_customs)
        if to_customs:
            self.customer_info.setText(self.tr(
                "Bu senaryoda fatura Gümrük ve Ticaret Bakanlığına (VKN {0}) kesilir; Tezgâh "
                "yazar. Alıcıyı aşağıdaki bölüme yazın.").format(customs.VKN))
        else:
            self.customer_info.setText(self._customer_text if self.customer
                                       else self.tr("Müşteri seçilmedi."))

    def _type_changed(self) -> None:
        self.header_form.setRowVisible(self.return_box,
                                       self.current_type().value in RETURN_TYPES)
        self.header_form.setRowVisible(self.payee_iban_box, self.current_profile() is Profile.KAMU)
        self.type_changed.emit()
