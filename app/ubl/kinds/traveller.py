"""YOLCUBERABERFATURA in the invoice XML, as GİB's sample YOLCUBERABER.xml writes it:

- ``cac:BuyerCustomerParty/cac:Party``: ``PartyIdentification/ID`` ``TAXFREE`` (schemeID
  ``PARTYTYPE``, IhracatYolcuBeraberCheck), the traveller's foreign ``PostalAddress`` and
  ``Person`` (FirstName, FamilyName, NationalityID — TaxFreeNationalityIDCheck —, and
  ``IdentityDocumentReference`` with the passport number and its issue date, PassportIDCheck);
- ``cac:TaxRepresentativeParty``: the intermediary, ``PartyIdentification/ID`` schemeID
  ``ARACIKURUMVKN`` and ``ARACIKURUMETIKET`` (TaxRepresentativePartyCheck), its ``PartyName``
  and ``PostalAddress``.

The customer (AccountingCustomerParty) is GTB, written by the common builder from
``InvoiceData.customer`` (``app.domain.kinds.traveller.customer_of``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lxml import etree

from app.domain.codes import COUNTRY_NAMES
from app.domain.kinds import traveller as domain
from app.domain.kinds import value
from app.ubl.kinds import Details, UblKind, text_at, text_of, tr_date
from app.ubl.namespaces import CAC, CBC
from app.ubl.order import child, place

if TYPE_CHECKING:
    from app.domain.invoice import InvoiceData
    from app.domain.totals import InvoiceTotals


def _address(party: etree._Element, street: str, district: str, city: str,
             country: str) -> None:
    addr = child(party, CAC, "PostalAddress")
    if street:
        child(addr, CBC, "StreetName", street)
    child(addr, CBC, "CitySubdivisionName", district or city)
    child(addr, CBC, "CityName", city)
    c = child(addr, CAC, "Country")
    child(c, CBC, "IdentificationCode", country)
    child(c, CBC, "Name", COUNTRY_NAMES.get(country, country))


def _build(root: etree._Element, invoice: InvoiceData, ctx: Any, totals: InvoiceTotals) -> None:
    block = invoice.kinds.get(domain.KEY) or {}

    def v(key: str) -> str:
        return str(value(block, key))

    buyer = place(root, etree.Element(f"{{{CAC}}}BuyerCustomerParty"))
    party = child(buyer, CAC, "Party")
    ident = child(party, CAC, "PartyIdentification")
    child(ident, CBC, "ID", domain.PARTY_TYPE, schemeID=domain.PARTY_TYPE_SCHEME)
    _address(party, v("street"), v("district"), v("city"), v("country"))
    person = child(party, CAC, "Person")
    child(person, CBC, "FirstName", v("first_name"))
    child(person, CBC, "FamilyName", v("family_name"))
    child(person, CBC, "NationalityID", v("nationality"))
    doc = child(person, CAC, "IdentityDocumentReference")
    child(doc, CBC, "ID", v("passport_no"))
    issued = value(block, "passport_date", None)
    child(doc, CBC, "IssueDate", issued.isoformat() if issued else invoice.issue_date.isoformat())

    rep = place(root, etree.Element(f"{{{CAC}}}TaxRepresentativeParty"))
    for key, scheme in (("intermediary_vkn", domain.SCHEME_VKN),
                        ("intermediary_label", domain.SCHEME_LABEL)):
        child(child(rep, CAC, "PartyIdentification"), CBC, "ID", v(key), schemeID=scheme)
    child(child(rep, CAC, "PartyName"), CBC, "Name", v("intermediary_name"))
    _address(rep, "", v("intermediary_district"), v("intermediary_city"), "TR")


def _describe(root: etree._Element) -> Details | None:
    """The traveller and the intermediary as the signed XML names them; None when the
    invoice has no tax-free buyer. (The customer block of the PDF already prints the
    traveller's name, passport number, address and the intermediary's VKN.)"""
    if not isinstance(root.tag, str):
        return None
    buyer = None
    for party in root.findall(f"{{{CAC}}}BuyerCustomerParty/{{{CAC}}}Party"):
        ids = [((i.get("schemeID") or "").strip().upper(), text_of(i))
               for i in party.findall(f"{{{CAC}}}PartyIdentification/{{{CBC}}}ID")]
        if (domain.PARTY_TYPE_SCHEME, domain.PARTY_TYPE) in ids:
            buyer = party
    rep = root.find(f"{{{CAC}}}TaxRepresentativeParty")
    if buyer is None and rep is None:
        return None
    rows: list[tuple[str, str]] = []
    person = buyer.find(f"{{{CAC}}}Person") if buyer is not None else None
    nationality = text_at(person, f"{{{CBC}}}NationalityID")
    if nationality:
        words = COUNTRY_NAMES.get(nationality.upper())
        rows.append(("Yolcunun Uyruğu", f"{words} ({nationality})" if words else nationality))
    issued = text_at(person, f"{{{CAC}}}IdentityDocumentReference/{{{CBC}}}IssueDate")
    if issued:
        rows.append(("Pasaport Veriliş Tarihi", tr_date(issued)))
    if rep is not None:
        name = text_at(rep, f"{{{CAC}}}PartyName/{{{CBC}}}Name")
        if name:
            rows.append(("Aracı Kurum", name))
        for ident in rep.findall(f"{{{CAC}}}PartyIdentification/{{{CBC}}}ID"):
            scheme = (ident.get("schemeID") or "").strip().upper()
            text = text_of(ident)
            if scheme == domain.SCHEME_LABEL and text:
                rows.append(("Aracı Kurum Etiketi", text))
    return Details(title=domain.TITLE, rows=tuple(rows))


UBL_KINDS = (UblKind(domain.KEY, build=_build, describe=_describe),)

__all__ = ["UBL_KINDS"]
