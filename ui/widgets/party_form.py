"""The fields of a party (company or customer): identity, name, tax office, address, contact."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLineEdit, QWidget

from ui.widgets.forms import FieldErrors, VknEdit


class PartyForm(QWidget):
    """Edits the party JSON of docs/invoice-json.md; errors appear under their field."""

    def __init__(self, parent: QWidget | None = None, *, with_alias: bool = True,
                 sections: tuple[str, ...] = ("identity", "address", "contact"),
                 alias_role: str = "receiver") -> None:
        super().__init__(parent)
        self.errors = FieldErrors()
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        self.form = form  # a page may add its own rows, lined up with these
        self.vkn = VknEdit()
        self.vkn.setObjectName("vknEdit")
        self.name = QLineEdit()
        self.name.setObjectName("nameEdit")
        self.first_name = QLineEdit()
        self.first_name.setObjectName("firstNameEdit")
        self.family_name = QLineEdit()
        self.family_name.setObjectName("familyNameEdit")
        self.tax_office = QLineEdit()
        self.tax_office.setObjectName("taxOfficeEdit")
        self.street = QLineEdit()
        self.building_no = QLineEdit()
        self.district = QLineEdit()
        self.district.setObjectName("districtEdit")
        self.city = QLineEdit()
        self.city.setObjectName("cityEdit")
        self.postal_code = QLineEdit()
        self.email = QLineEdit()
        self.phone = QLineEdit()
        self.iban = QLineEdit()
        self.alias = QLineEdit()
        self.alias.setObjectName("aliasEdit")
        if alias_role == "sender":
            self.alias.setPlaceholderText("urn:mail:defaultgb@…")
            alias_title = self.tr("Gönderici birim (GB) etiketi")
            self.alias.setToolTip(self.tr(
                "GİB'deki e-Fatura adresinizin gönderici birim (GB) etiketi: faturalarınız bu "
                "etiketten gönderilir (örnek urn:mail:defaultgb@firmaniz.com.tr)."))
        else:
            self.alias.setPlaceholderText("urn:mail:defaultpk@…")
            alias_title = self.tr("Posta kutusu (PK) etiketi")
            self.alias.setToolTip(self.tr(
                "Alıcının GİB'deki e-Fatura posta kutusu (PK) etiketi: e-Fatura bu etikete "
                "gönderilir. Boş bırakılırsa GİB'in kayıtlı kullanıcı listesinden alınır."))
        if "identity" in sections:
            self.errors.row(form, self.tr("VKN / TCKN"), "vkn_tckn", self.vkn)
            form.addRow("", self.vkn.hint)
            self.errors.row(form, self.tr("Unvan (şirket)"), "name", self.name)
            self.errors.row(form, self.tr("Ad (kişi)"), "first_name", self.first_name)
            self.errors.row(form, self.tr("Soyad (kişi)"), "family_name", self.family_name)
            self.errors.row(form, self.tr("Vergi dairesi"), "tax_office", self.tax_office)
        if "address" in sections:
            self.errors.row(form, self.tr("Cadde / sokak"), "street", self.street)
            self.errors.row(form, self.tr("Bina no"), "building_no", self.building_no)
            self.errors.row(form, self.tr("İlçe"), "district", self.district)
            self.errors.row(form, self.tr("İl"), "city", self.city)
            self.errors.row(form, self.tr("Posta kodu"), "postal_code", self.postal_code)
        if "contact" in sections:
            self.errors.row(form, self.tr("E-posta"), "email", self.email)
            self.errors.row(form, self.tr("Telefon"), "phone", self.phone)
            self.errors.row(form, self.tr("IBAN"), "iban", self.iban)
            if with_alias:
                self.errors.row(form, alias_title, "alias", self.alias)
                form.labelForField(self.alias.parentWidget()).setToolTip(self.alias.toolTip())
        self.vkn.textChanged.connect(self._person_or_company)

    def _person_or_company(self, text: str) -> None:
        person = len(text.strip()) == 11
        self.name.setEnabled(not person)
        self.first_name.setEnabled(person or not text)
        self.family_name.setEnabled(person or not text)

    def to_dict(self) -> dict[str, Any]:
        return {
            "vkn_tckn": self.vkn.text().strip(), "name": self.name.text().strip()
            if self.name.isEnabled() else "",
            "first_name": self.first_name.text().strip(),
            "family_name": self.family_name.text().strip(),
            "tax_office": self.tax_office.text().strip(),
            "address": {"street": self.street.text().strip(),
                        "building_no": self.building_no.text().strip(),
                        "district": self.district.text().strip(),
                        "city": self.city.text().strip(),
                        "postal_code": self.postal_code.text().strip(), "country": "TR"},
            "email": self.email.text().strip(), "phone": self.phone.text().strip(),
            "iban": self.iban.text().strip(), "alias": self.alias.text().strip(),
        }

    def set_dict(self, data: dict[str, Any]) -> None:
        addr = data.get("address") or {}
        self.vkn.setText(data.get("vkn_tckn", ""))
        for key in ("name", "first_name", "family_name", "tax_office", "email", "phone",
                    "iban", "alias"):
            getattr(self, key).setText(str(data.get(key) or ""))
        for key in ("street", "building_no", "district", "city", "postal_code"):
            getattr(self, key).setText(str(addr.get(key) or ""))
