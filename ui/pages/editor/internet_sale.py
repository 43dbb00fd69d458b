"""The editor's "İnternet satışı" group (e-Arşiv only): the web address of the sale, how and
when the buyer paid, and for goods sent by cargo the carrier and the shipment date. Checked,
it opens and its values go into the invoice JSON's ``internet_sale``; unchecked, it folds."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.usecases.company import get_company
from ui import fmt
from ui.services import Services
from ui.widgets.forms import FieldErrors, VknEdit, error_label

PREFIX = "internet_sale."


def _date_edit(name: str) -> QDateEdit:
    edit = QDateEdit(fmt.qtoday())
    edit.setObjectName(name)
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    return edit


def _set_date(edit: QDateEdit, value: object) -> None:
    date = QDate.fromString(value, "yyyy-MM-dd") if isinstance(value, str) else QDate()
    edit.setDate(date if date.isValid() else fmt.qtoday())


class InternetSaleBox(QGroupBox):
    changed = Signal()

    def __init__(self, services: Services, errors: FieldErrors,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("İnternet satışı"), parent)
        self.services = services
        self.setObjectName("internetSaleBox")
        self.setCheckable(True)
        self.setChecked(False)
        self.setToolTip(self.tr("İnternetten yapılan satışta e-Arşiv faturasına satışın yapıldığı "
                                "web adresi, ödeme bilgileri ve mal kargoyla gönderiliyorsa "
                                "taşıyıcı firma yazılır."))
        outer = QVBoxLayout(self)
        self.body = QWidget()
        self.body.setObjectName("internetSaleBody")
        outer.addWidget(self.body)
        group_error = error_label("internet_sale")
        outer.addWidget(group_error)
        errors.add("internet_sale", self, group_error)
        columns = QHBoxLayout(self.body)
        columns.setContentsMargins(0, 0, 0, 0)
        columns.setSpacing(16)
        pay, carrier = QFormLayout(), QFormLayout()
        columns.addLayout(pay, 1)
        columns.addLayout(carrier, 1)

        self.web = QLineEdit()
        self.web.setObjectName("saleWeb")
        self.web.setPlaceholderText("https://dukkan.com.tr")
        errors.row(pay, self.tr("Web adresi"), PREFIX + "web", self.web)
        self.payment_method = QComboBox()
        self.payment_method.setObjectName("salePaymentMethod")
        self.payment_method.addItem(self.tr("Seçin"), "")
        self.payment_method.addItem(self.tr("Kredi/banka kartı"), "48")
        self.payment_method.addItem(self.tr("EFT/havale"), "46")
        self.payment_method.addItem(self.tr("Kapıda ödeme"), "10")
        self.payment_method.addItem(self.tr("Diğer"), "1")
        errors.row(pay, self.tr("Ödeme şekli"), PREFIX + "payment_method", self.payment_method)
        self.payment_date = _date_edit("salePaymentDate")
        errors.row(pay, self.tr("Ödeme tarihi"), PREFIX + "payment_date", self.payment_date)
        self.payment_note = QLineEdit()
        self.payment_note.setObjectName("salePaymentNote")
        self.payment_note.setPlaceholderText(self.tr("Ödeme şekli Diğer ise ne olduğu"))
        errors.row(pay, self.tr("Ödeme açıklaması"), PREFIX + "payment_note", self.payment_note)

        self.carrier_name = QLineEdit()
        self.carrier_name.setObjectName("carrierName")
        self.carrier_name.setPlaceholderText(self.tr("Mal kargoyla gönderiliyorsa"))
        errors.row(carrier, self.tr("Taşıyıcı (kargo) firma"), PREFIX + "carrier.name",
                   self.carrier_name)
        self.carrier_vkn = VknEdit()
        self.carrier_vkn.setObjectName("carrierVkn")
        vkn_error = errors.row(carrier, self.tr("Taşıyıcı VKN/TCKN"), PREFIX + "carrier.vkn_tckn",
                               self.carrier_vkn)
        vkn_error.parentWidget().layout().insertWidget(1, self.carrier_vkn.hint)
        self.carrier_district = QLineEdit()
        self.carrier_district.setObjectName("carrierDistrict")
        errors.row(carrier, self.tr("Taşıyıcı ilçe"), PREFIX + "carrier.district",
                   self.carrier_district)
        self.carrier_city = QLineEdit()
        self.carrier_city.setObjectName("carrierCity")
        errors.row(carrier, self.tr("Taşıyıcı il"), PREFIX + "carrier.city", self.carrier_city)
        self.shipment_date = _date_edit("shipmentDate")
        errors.row(carrier, self.tr("Kargoya veriliş tarihi"), PREFIX + "shipment_date",
                   self.shipment_date)

        self.body.setVisible(False)
        self.toggled.connect(self._toggled)
        for edit in (self.web, self.payment_note, self.carrier_name, self.carrier_vkn,
                     self.carrier_district, self.carrier_city):
            edit.textChanged.connect(lambda _t: self.changed.emit())
        self.payment_method.currentIndexChanged.connect(lambda _i: self.changed.emit())
        for date_edit in (self.payment_date, self.shipment_date):
            date_edit.dateChanged.connect(lambda _d: self.changed.emit())

    def focus_chain(self) -> list[QWidget]:
        return [self, self.web, self.payment_method, self.payment_date, self.payment_note,
                self.carrier_name, self.carrier_vkn, self.carrier_district, self.carrier_city,
                self.shipment_date]

    def _toggled(self, on: bool) -> None:
        self.body.setVisible(on)  # unchecked, the group folds to its title
        if on and not self.web.text().strip():
            company = get_company(self.services.ctx)
            if company is not None and company.web:
                self.web.setText(company.web)
        self.changed.emit()

    def _has_carrier(self) -> bool:
        return any(e.text().strip() for e in (self.carrier_name, self.carrier_vkn,
                                              self.carrier_district, self.carrier_city))

    def sale_json(self) -> dict[str, Any] | None:
        """The invoice JSON's ``internet_sale``; None when the group is not checked. The
        carrier and the shipment date are written only when a carrier field is filled."""
        if not self.isChecked():
            return None
        data: dict[str, Any] = {
            "web": self.web.text().strip(),
            "payment_method": self.payment_method.currentData() or "",
            "payment_date": self.payment_date.date().toPython().isoformat(),
            "payment_note": self.payment_note.text().strip(),
        }
        if self._has_carrier():
            data["carrier"] = {"name": self.carrier_name.text().strip(),
                               "vkn_tckn": self.carrier_vkn.text().strip(),
                               "district": self.carrier_district.text().strip(),
                               "city": self.carrier_city.text().strip()}
            data["shipment_date"] = self.shipment_date.date().toPython().isoformat()
        return data

    def set_sale(self, data: dict[str, Any] | None) -> None:
        """Show an ``internet_sale`` (from a draft or the autosaved state); None clears."""
        sale = data if isinstance(data, dict) else {}
        carrier = sale.get("carrier") if isinstance(sale.get("carrier"), dict) else {}
        self.blockSignals(True)  # no company web address over a loaded one
        self.setChecked(bool(sale))
        self.blockSignals(False)
        self.body.setVisible(bool(sale))
        self.web.setText(str(sale.get("web") or ""))
        self.payment_method.setCurrentIndex(
            max(0, self.payment_method.findData(str(sale.get("payment_method") or ""))))
        _set_date(self.payment_date, sale.get("payment_date"))
        self.payment_note.setText(str(sale.get("payment_note") or ""))
        self.carrier_name.setText(str(carrier.get("name") or ""))
        self.carrier_vkn.setText(str(carrier.get("vkn_tckn") or ""))
        self.carrier_district.setText(str(carrier.get("district") or ""))
        self.carrier_city.setText(str(carrier.get("city") or ""))
        _set_date(self.shipment_date, sale.get("shipment_date"))
