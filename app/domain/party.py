"""Parties: the issuing company and its customers, with the identity rules GİB checks."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any

from app.domain import codes, fields
from app.domain.errors import UserError, shown
from app.domain.field_labels import alias_label, owner_prefix
from app.domain.identity import check_vkn_tckn, scheme_of


@dataclass
class Address:
    street: str = ""
    building_no: str = ""
    district: str = ""  # ilçe (CitySubdivisionName)
    city: str = ""  # il (CityName)
    postal_code: str = ""
    country: str = "TR"  # ISO 3166-1 alpha-2

    @classmethod
    def from_dict(cls, data: object, field_prefix: str = "") -> Address:
        where = f"{field_prefix}address"
        who = owner_prefix(field_prefix)
        data = fields.mapping(data, where, who + "Adres")
        labels = {"street": "Cadde/sokak", "building_no": "Bina no", "district": "İlçe",
                  "city": "İl", "postal_code": "Posta kodu", "country": "Ülke"}
        values = {}
        for key, label in labels.items():
            limit = fields.NAME_TEXT if key == "street" else fields.SHORT_TEXT
            values[key] = fields.text(data.get(key), f"{where}.{key}", who + label,
                                      max_len=limit)
        country = values["country"].upper() or "TR"
        if country not in codes.COUNTRY_CODES:
            # GİB schematron CountryCodeCheck: cbc:IdentificationCode from CountryCodeList.
            raise UserError(f"{who}Ülke kodu '{shown(country)}' geçersiz; iki harfli ISO "
                            "kodu yazın (örnek TR, DE).", field=f"{where}.country")
        values["country"] = country
        return cls(**values)


@dataclass
class Party:
    vkn_tckn: str
    name: str = ""  # legal entity title (unvan); required with a VKN
    first_name: str = ""  # a person (TCKN)
    family_name: str = ""
    tax_office: str = ""
    address: Address = field(default_factory=Address)
    email: str = ""
    phone: str = ""
    web: str = ""
    alias: str = ""  # posta kutusu (PK, a customer's) / gönderici birim (GB, the company's) label
    mersis_no: str = ""
    trade_registry_no: str = ""
    iban: str = ""

    @property
    def scheme(self) -> str:
        return scheme_of(self.vkn_tckn)

    @property
    def is_person(self) -> bool:
        return len(self.vkn_tckn) == 11

    @property
    def display_name(self) -> str:
        if self.name:
            return self.name
        return f"{self.first_name} {self.family_name}".strip()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, allow_final_consumer: bool = False,
                  field_prefix: str = "") -> Party:
        """Build and check a party from the JSON shape in docs/invoice-json.md."""
        if not isinstance(data, dict):
            raise UserError(f"{owner_prefix(field_prefix) or 'Taraf: '}bir JSON nesnesi "
                            "bekleniyordu.",
                            field=field_prefix.rstrip(".") or None)

        who = owner_prefix(field_prefix)

        def text(key: str, label: str, max_len: int = fields.SHORT_TEXT) -> str:
            return fields.text(data.get(key), f"{field_prefix}{key}", who + label,
                               max_len=max_len)

        vkn = check_vkn_tckn(text("vkn_tckn", "VKN/TCKN"),
                             allow_final_consumer=allow_final_consumer,
                             field=f"{field_prefix}vkn_tckn")
        party = cls(
            vkn_tckn=vkn,
            name=text("name", "Unvan", fields.NAME_TEXT),
            first_name=text("first_name", "Ad"),
            family_name=text("family_name", "Soyad"),
            tax_office=text("tax_office", "Vergi dairesi"),
            address=Address.from_dict(data.get("address"), field_prefix),
            email=text("email", "E-posta", fields.NAME_TEXT),
            phone=text("phone", "Telefon"),
            web=text("web", "Web adresi", fields.NAME_TEXT),
            alias=text("alias", alias_label(field_prefix), fields.NAME_TEXT),
            mersis_no=text("mersis_no", "MERSİS no"),
            trade_registry_no=text("trade_registry_no", "Ticaret sicil no"),
            iban=text("iban", "IBAN").replace(" ", "").upper(),
        )
        party.check(field_prefix)
        return party

    def check(self, field_prefix: str = "") -> None:
        """GİB's PartyIdentificationPartyNamePersonCheck: a VKN needs a name (PartyName),
        a TCKN needs a person's first and family name (Person)."""
        who = owner_prefix(field_prefix)
        if self.is_person:
            if not (self.first_name and self.family_name):
                if self.name and " " in self.name:
                    first, _, family = self.name.rpartition(" ")
                    self.first_name, self.family_name = first, family
                else:
                    raise UserError(
                        f"{who}T.C. kimlik numaralı kişi için ad ve soyad yazılmalı.", field=f"{field_prefix}first_name")
        elif not self.name:
            raise UserError(f"{who}Vergi numaralı taraf için unvan yazılmalı.",
                            field=f"{field_prefix}name")
        if not self.address.city:
            raise UserError(f"{who}Adreste il boş olamaz.",
                            field=f"{field_prefix}address.city")
        if not self.address.district:
            raise UserError(f"{who}Adreste ilçe boş olamaz.",
                            field=f"{field_prefix}address.district")
        if self.email and not _EMAIL.fullmatch(self.email):
            raise UserError(f"{who}E-posta adresi '{shown(self.email)}' geçersiz.",
                            field=f"{field_prefix}email")
        if self.alias and not ALIAS_RE.fullmatch(self.alias):
            raise UserError(f"{who}{alias_label(field_prefix)} '{shown(self.alias)}' "
                            "geçersiz; örnek urn:mail:defaultpk@firma.com.tr.",
                            field=f"{field_prefix}alias")
        if self.iban and not iban_ok(self.iban):
            raise UserError(f"{who}IBAN geçersiz: '{self.iban}'. TR ile başlayan 26 "
                            "karakterli IBAN yazın.", field=f"{field_prefix}iban")


# GİB schematron (hr:WorkScopeCode, the label of a mailbox or sender unit): urn format, at most
# 250 characters.
ALIAS_RE = re.compile(r"urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:([A-Za-z0-9()+,\-.:=@;$_!*]|%[0-9A-Fa-f]{2}){1,200}",
                      re.ASCII)
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_IBAN = re.compile(r"[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}", re.ASCII)


def iban_ok(iban: str) -> bool:
    """ISO 13616: two letters, two check digits, up to 30 letters or digits (ASCII only),
    mod-97 = 1; Turkish IBANs are 26 characters (TR + 24)."""
    if not _IBAN.fullmatch(iban):
        return False
    if iban.startswith("TR") and len(iban) != 26:
        return False
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1
