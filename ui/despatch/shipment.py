"""How the goods go: a carrier (taşıyan firma) or a driver with the vehicle's plate,
trailer plates, and the delivery address when it is not the receiver's."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain.errors import UserError
from ui.widgets.forms import FieldErrors

CARRIER, DRIVER = "carrier", "driver"
ADDRESS_KEYS = ("street", "building_no", "district", "city", "postal_code")


def _plates(text: str) -> list[str]:
    return [p.strip() for p in text.split(",") if p.strip()]


class ShipmentBox(QGroupBox):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Taşıma"))
        self.errors = FieldErrors()
        self._extra: dict[str, Any] = {}  # what the form does not show (despatch_address …)
        self._extra_driver: dict[str, Any] = {}  # the driver's title
        lay = QVBoxLayout(self)
        top = QFormLayout()
        self.mode = QComboBox()
        self.mode.setObjectName("shipmentMode")
        self.mode.addItem(self.tr("Taşıyan firma (kargo, nakliyeci)"), CARRIER)
        self.mode.addItem(self.tr("Kendi aracımız: şoför ve plaka"), DRIVER)
        self.errors.row(top, self.tr("Taşıyan"), "shipment.carrier", self.mode)
        lay.addLayout(top)

        self.carrier_box = QWidget()
        carrier = QFormLayout(self.carrier_box)
        carrier.setContentsMargins(0, 0, 0, 0)
        self.carrier_vkn = self._edit("carrierVkn", self.tr("10 haneli VKN ya da 11 haneli TCKN"))
        self.carrier_name = self._edit("carrierName")
        self.carrier_district = self._edit("carrierDistrict")
        self.carrier_city = self._edit("carrierCity")
        for title, key, edit in ((self.tr("VKN / TCKN"), "vkn_tckn", self.carrier_vkn),
                                 (self.tr("Unvan"), "name", self.carrier_name),
                                 (self.tr("İlçe"), "district", self.carrier_district),
                                 (self.tr("İl"), "city", self.carrier_city)):
            self.errors.row(carrier, title, f"shipment.carrier.{key}", edit)
        lay.addWidget(self.carrier_box)

        self.driver_box = QWidget()
        driver = QFormLayout(self.driver_box)
        driver.setContentsMargins(0, 0, 0, 0)
        self.driver_first = self._edit("driverFirstName")
        self.driver_family = self._edit("driverFamilyName")
        self.driver_tckn = self._edit("driverTckn", self.tr("11 haneli T.C. kimlik no"))
        for title, key, edit in ((self.tr("Şoförün adı"), "first_name", self.driver_first),
                                 (self.tr("Şoförün soyadı"), "family_name", self.driver_family),
                                 (self.tr("Şoförün TCKN'si"), "tckn", self.driver_tckn)):
            self.errors.row(driver, title, f"shipment.driver.{key}", edit)
        lay.addWidget(self.driver_box)

        plates = QFormLayout()
        self.vehicle_plates = self._edit("vehiclePlates", self.tr("örnek 34 ABC 123"))
        self.errors.row(plates, self.tr("Araç plakası"), "shipment.vehicle_plates",
                        self.vehicle_plates)
        self.trailer_plates = self._edit("trailerPlates",
                                         self.tr("isteğe bağlı; birden çoksa virgülle"))
        self.errors.row(plates, self.tr("Dorse plakası"), "shipment.trailer_plates",
                        self.trailer_plates)
        lay.addLayout(plates)

        self.other_address = QCheckBox(self.tr("Teslim adresi alıcının adresinden farklı"))
        self.other_address.setObjectName("otherDeliveryAddress")
        lay.addWidget(self.other_address)
        self.address_box = QWidget()
        address = QFormLayout(self.address_box)
        address.setContentsMargins(0, 0, 0, 0)
        self.address: dict[str, QLineEdit] = {}
        for key, title in zip(ADDRESS_KEYS, (self.tr("Cadde / sokak"), self.tr("Bina no"),
                                             self.tr("İlçe"), self.tr("İl"),
                                             self.tr("Posta kodu")), strict=True):
            self.address[key] = self._edit(f"delivery_{key}")
            self.errors.row(address, title, f"shipment.delivery_address.{key}",
                            self.address[key])
        lay.addWidget(self.address_box)

        self.mode.currentIndexChanged.connect(self._show_mode)
        self.mode.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.other_address.toggled.connect(self.address_box.setVisible)
        self.other_address.toggled.connect(lambda _on: self.changed.emit())
        self.address_box.setVisible(False)
        self._show_mode()

    def _edit(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(placeholder)
        edit.textChanged.connect(self.changed)
        return edit

    def _show_mode(self) -> None:
        self.carrier_box.setVisible(self.mode.currentData() == CARRIER)
        self.driver_box.setVisible(self.mode.currentData() == DRIVER)

    # -- JSON -------------------------------------------------------------------------------
    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = dict(self._extra)
        if self.mode.currentData() == CARRIER:
            carrier = {"vkn_tckn": self.carrier_vkn.text().strip(),
                       "name": self.carrier_name.text().strip(),
                       "district": self.carrier_district.text().strip(),
                       "city": self.carrier_city.text().strip()}
            if any(carrier.values()):
                data["carrier"] = carrier
        else:
            driver = {"first_name": self.driver_first.text().strip(),
                      "family_name": self.driver_family.text().strip(),
                      "tckn": self.driver_tckn.text().strip()}
            if any(driver.values()):
                data["driver"] = {**self._extra_driver, **driver}
        for key, edit in (("vehicle_plates", self.vehicle_plates),
                          ("trailer_plates", self.trailer_plates)):
            if _plates(edit.text()):
                data[key] = _plates(edit.text())
        if self.other_address.isChecked():
            data["delivery_address"] = {**{k: e.text().strip() for k, e in self.address.items()},
                                        "country": "TR"}
        return data

    def set_json(self, data: dict[str, Any], receiver_address: dict[str, Any]) -> None:
        data = dict(data or {})
        carrier = data.pop("carrier", None) or {}
        driver = data.pop("driver", None) or {}
        self._extra_driver = {k: v for k, v in driver.items() if k == "title" and v}
        self.mode.setCurrentIndex(self.mode.findData(DRIVER if driver and not carrier
                                                     else CARRIER))
        self.carrier_vkn.setText(str(carrier.get("vkn_tckn", "")))
        self.carrier_name.setText(str(carrier.get("name", "")))
        self.carrier_district.setText(str(carrier.get("district", "")))
        self.carrier_city.setText(str(carrier.get("city", "")))
        self.driver_first.setText(str(driver.get("first_name", "")))
        self.driver_family.setText(str(driver.get("family_name", "")))
        self.driver_tckn.setText(str(driver.get("tckn", "")))
        self.vehicle_plates.setText(", ".join(data.pop("vehicle_plates", None) or []))
        self.trailer_plates.setText(", ".join(data.pop("trailer_plates", None) or []))
        delivery = data.pop("delivery_address", None) or {}
        differs = bool(delivery) and any(
            str(delivery.get(k) or "") != str(receiver_address.get(k) or "")
            for k in ADDRESS_KEYS)
        for key, edit in self.address.items():
            edit.setText(str(delivery.get(key) or ""))
        self.other_address.setChecked(differs)
        self._extra = data

    def show_error(self, exc: UserError) -> bool:
        if not (exc.field or "").startswith("shipment"):
            return False
        key = exc.field or ""
        if key.startswith("shipment.delivery_address") and not self.other_address.isChecked():
            return False  # the receiver's address is used: the receiver's form shows it
        return self.errors.show(exc)
