"""Printing a plain invoice does not import the kind modules: ``app.ubl.kinds.describe``
asks them only when the invoice may carry kind data (``may_have_kind_data``). The shortcut
changes no result: every GİB sample and every kind's own invoice gives the same details
with and without it."""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from app.domain.codes import WITHHOLDING_RETURN_TYPES
from app.domain.errors import UserError
from app.domain.kinds import energy, idis, sgk, traveller
from app.ubl.kinds import (
    PLAIN_PROFILES,
    PLAIN_TYPES,
    SHIPMENT_SCHEME,
    describe,
    describe_all,
    may_have_kind_data,
)
from app.ubl.kinds.export import EXPORT_PROFILES
from app.xmlsafe import parse_bytes

CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"


def test_plain_profiles_and_types_are_no_kinds_own() -> None:
    kind_profiles = {energy.PROFILE, idis.PROFILE, traveller.PROFILE, *EXPORT_PROFILES}
    kind_types = {*energy.TYPES, sgk.TYPE, *WITHHOLDING_RETURN_TYPES}
    assert not {p.upper() for p in kind_profiles} & PLAIN_PROFILES
    assert not {t.upper() for t in kind_types} & PLAIN_TYPES
    assert SHIPMENT_SCHEME == idis.SHIPMENT_SCHEME


def _samples(*dirs: Path) -> list[Path]:
    return sorted(p for d in dirs if d.is_dir() for p in d.rglob("*.xml"))


def test_same_details_with_and_without_the_shortcut(ubl_samples_dir: Path,
                                                    efatura_samples_dir: Path,
                                                    real_samples_dir: Path) -> None:
    samples = _samples(ubl_samples_dir, efatura_samples_dir, real_samples_dir)
    assert samples
    invoices = with_kinds = 0
    for path in samples:
        try:
            root = parse_bytes(path.read_bytes()).getroot()
        except UserError:  # a sample the safe parser refuses is never printed
            continue
        if etree.QName(root).localname != "Invoice":
            continue
        invoices += 1
        assert describe(root) == describe_all(root), path.name
        if describe_all(root):
            assert may_have_kind_data(root), path.name
            with_kinds += 1
    assert invoices > 10 and with_kinds > 5


def _plain() -> etree._Element:
    return etree.fromstring(
        f'<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
        f'xmlns:cac="{CAC}" xmlns:cbc="{CBC}"><cbc:ProfileID>TICARIFATURA</cbc:ProfileID>'
        f"<cbc:InvoiceTypeCode>SATIS</cbc:InvoiceTypeCode><cac:AccountingSupplierParty>"
        f'<cac:Party><cac:PartyIdentification><cbc:ID schemeID="VKN">1234567890</cbc:ID>'
        f"</cac:PartyIdentification></cac:Party></cac:AccountingSupplierParty>"
        f"<cac:InvoiceLine><cbc:ID>1</cbc:ID><cac:Item><cbc:Name>Çay</cbc:Name></cac:Item>"
        f"</cac:InvoiceLine></Invoice>")


def test_a_plain_invoice_needs_no_kind() -> None:
    root = _plain()
    assert not may_have_kind_data(root)
    assert describe(root) == describe_all(root) == ()


@pytest.mark.parametrize("change", [
    ("ProfileID", " enerji "), ("ProfileID", "IHRACAT"), ("InvoiceTypeCode", "SGK"),
    ("InvoiceTypeCode", "sarj"), ("InvoiceTypeCode", "TEVKIFATIADE"),
])
def test_any_other_profile_or_type_asks_the_kinds(change: tuple[str, str]) -> None:
    root = _plain()
    el = root.find(f"{{{CBC}}}{change[0]}")
    assert el is not None
    el.text = change[1]
    assert may_have_kind_data(root)


@pytest.mark.parametrize("xml", [
    f'<cac:ContractDocumentReference xmlns:cac="{CAC}"/>',
    f'<cac:BuyerCustomerParty xmlns:cac="{CAC}"/>',
    f'<cac:TaxRepresentativeParty xmlns:cac="{CAC}"/>',
])
def test_kind_elements_ask_the_kinds(xml: str) -> None:
    root = _plain()
    root.append(etree.fromstring(xml))
    assert may_have_kind_data(root)


def test_item_identifications_and_shipment_numbers_ask_the_kinds() -> None:
    root = _plain()
    item = root.find(f"{{{CAC}}}InvoiceLine/{{{CAC}}}Item")
    assert item is not None
    etree.SubElement(item, f"{{{CAC}}}AdditionalItemIdentification")
    assert may_have_kind_data(root)
    root = _plain()
    ident = root.find(f".//{{{CBC}}}ID[@schemeID='VKN']")
    assert ident is not None
    ident.set("schemeID", " sevkiyatno ")
    assert may_have_kind_data(root)
