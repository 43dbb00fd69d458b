"""GTB — Gümrük ve Ticaret Bakanlığı — as the customer of İhracat and Yolcu Beraber invoices.

GİB's rules send both scenarios to the customs administration (VKN 1460415308): the
AccountingCustomerParty is GTB and the envelope goes to the posta kutusu GTB keeps for the
scenario (schematron: ``urn:mail:ihracatpk@gtb.gov.tr`` only for IHRACAT, ``urn:mail:
yolcuberaberpk@gtb.gov.tr`` only for YOLCUBERABERFATURA; ``IhracatYolcuBeraberCheck``). The real
buyer — the foreign firm, the traveller — is written in the scenario's own section. An invoice
of these scenarios written with no customer gets GTB; a customer given by GTB's VKN is GTB
with the scenario's posta kutusu; any other customer is refused with what to do instead.
"""

from __future__ import annotations

from app.domain.errors import UserError
from app.domain.errors import shown as _shown
from app.domain.party import Address, Party

VKN = "1460415308"
#: as GİB's samples and the producers' invoices name it
NAME = "Gümrük ve Ticaret Bakanlığı Gümrükler Genel Müdürlüğü- Bilgi İşlem Dairesi Başkanlığı"
TAX_OFFICE = "Ulus"
ADDRESS = Address(district="Çankaya", city="Ankara", country="TR")

#: scenario → (GTB's posta kutusu for it, the scenario's words, where the real buyer goes)
SCENARIOS: dict[str, tuple[str, str, str]] = {
    "IHRACAT": ("urn:mail:ihracatpk@gtb.gov.tr", "İhracat faturası",
                "Malı alan yabancı firmayı İhracat bölümüne (alıcının unvanı, şehri, ülkesi) "
                "yazın."),
    "YOLCUBERABERFATURA": ("urn:mail:yolcuberaberpk@gtb.gov.tr",
                           "Yolcu beraber (tax free) fatura",
                           "Yolcunun bilgilerini 'Yolcu Beraber' bölümüne yazın."),
}


def goes_to_customs(profile: str) -> bool:
    return profile in SCENARIOS


def alias(profile: str) -> str:
    return SCENARIOS[profile][0]


def party(profile: str) -> Party:
    """GTB as the customer of an invoice of this scenario, with the scenario's posta kutusu."""
    return Party(vkn_tckn=VKN, name=NAME, tax_office=TAX_OFFICE, address=ADDRESS,
                 alias=alias(profile))


def customer_of(profile: str, raw: object, given: Party | None) -> Party:
    """The customer of an invoice of a customs scenario (see the module's docstring)."""
    if given is not None:
        vkn = given.vkn_tckn
    elif isinstance(raw, dict):
        vkn = "".join(str(raw.get("vkn_tckn") or "").split())
    else:
        vkn = "".join(str(raw or "").split())
    if vkn and vkn != VKN:
        _alias, words, buyer = SCENARIOS[profile]
        raise UserError(
            f"{words} Gümrük ve Ticaret Bakanlığına (VKN {VKN}) kesilir; müşteri olarak "
            f"'{_shown(vkn)}' yazılmış. Müşteri alanını boş bırakın ya da {VKN} yazın; Tezgâh "
            f"bakanlığın bilgilerini kendisi yazar. {buyer}", field="customer")
    return party(profile)
