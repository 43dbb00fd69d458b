"""Parties: the issuing company and its customers, with the identity rules GİB checks."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app.domain.errors import UserError
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
    def from_dict(cls, data: dict[str, Any] | None) -> Address:
        data = data or {}
        known = {k: str(v) for k, v in data.items() if k in cls.__dataclass_fields__ and v is not None}
        return cls(**known)


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
    alias: str = ""  # e-Fatura posta kutusu (customer) / gönderici birim (company) label
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
            raise UserError(f"{field_prefix or 'taraf'}: bir JSON nesnesi bekleniyordu.")
        vkn = check_vkn_tckn(str(data.get("vkn_tckn", "")),
                             allow_final_consumer=allow_final_consumer,
                             field=f"{field_prefix}vkn_tckn")
        party = cls(
            vkn_tckn=vkn,
            name=str(data.get("name") or "").strip(),
            first_name=str(data.get("first_name") or "").strip(),
            family_name=str(data.get("family_name") or "").strip(),
            tax_office=str(data.get("tax_office") or "").strip(),
            address=Address.from_dict(data.get("address")),
            email=str(data.get("email") or "").strip(),
            phone=str(data.get("phone") or "").strip(),
            web=str(data.get("web") or "").strip(),
            alias=str(data.get("alias") or "").strip(),
            mersis_no=str(data.get("mersis_no") or "").strip(),
            trade_registry_no=str(data.get("trade_registry_no") or "").strip(),
            iban=str(data.get("iban") or "").replace(" ", "").upper(),
        )
        party.check(field_prefix)
        return party

    def check(self, field_prefix: str = "") -> None:
        """GİB's PartyIdentificationPartyNamePersonCheck: a VKN needs a name (PartyName),
        a TCKN needs a person's first and family name (Person)."""
        if self.is_person:
            if not (self.first_name and self.family_name):
                if self.name and " " in self.name:
                    first, _, family = self.name.rpartition(" ")
                    self.first_name, self.family_name = first, family
                else:
                    raise UserError(
                        f"{field_prefix}T.C. kimlik numaralı kişi için ad (first_name) ve "
                        "soyad (family_name) yazılmalı.", field=f"{field_prefix}first_name")
        elif not self.name:
            raise UserError(f"{field_prefix}Vergi numaralı taraf için unvan (name) yazılmalı.",
                            field=f"{field_prefix}name")
        if not self.address.city:
            raise UserError(f"{field_prefix}Adreste il (city) boş olamaz.",
                            field=f"{field_prefix}address.city")
        if not self.address.district:
            raise UserError(f"{field_prefix}Adreste ilçe (district) boş olamaz.",
                            field=f"{field_prefix}address.district")
        if self.iban and not _iban_ok(self.iban):
            raise UserError(f"{field_prefix}IBAN geçersiz: '{self.iban}'. TR ile başlayan 26 "
                            "karakterli IBAN yazın.", field=f"{field_prefix}iban")


def _iban_ok(iban: str) -> bool:
    """ISO 13616 mod-97 check; Turkish IBANs are 26 characters."""
    if len(iban) < 15 or not iban[:2].isalpha() or not iban[2:].isalnum():
        return False
    if iban.startswith("TR") and len(iban) != 26:
        return False
    rearranged = iban[4:] + iban[:4]
    digits = "".join(str(int(c, 36)) for c in rearranged)
    return int(digits) % 97 == 1
