"""An unsigned UBL-TR invoice written by another program (an ERP, a till) → the invoice JSON
of docs/invoice-json.md, from which a draft is made.

Only what maps cleanly is read: the customer, the lines (quantity, unit, price, KDV rate and
exemption, discounts, withholding, other taxes), scenario and type, currency and rate,
notes, dates, order, despatch and returned-invoice references, payment. Whatever else the
document holds — a document-level discount or charge, a buyer or tax representative party,
an attachment, an element Tezgâh does not know — is refused with its name, never dropped:
a draft must not silently differ from what the other program meant to invoice. The totals
Tezgâh computes from the lines must equal the document's own.

What Tezgâh writes itself when it issues (number, amount in words, karekod, XSLT, the
supplier, the signature) is not read. The XML is parsed by ``app.xmlsafe`` only.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from lxml import etree

from app.domain import codes, kinds
from app.domain.errors import UserError
from app.domain.invoice import INVOICE_NUMBER_RE, InvoiceData
from app.domain.money import format_decimal_tr, percent_of, round_money
from app.domain.party import Party
from app.domain.totals import invoice_totals
from app.ubl.karekod import KAREKOD_DOCUMENT_TYPE
from app.ubl.namespaces import CAC, CBC
from app.ubl.reader import UblInvoice, UblLine, UblParty, read_ubl_root
from app.xmlsafe import parse_bytes, string_value

_C = f"{{{CAC}}}"
_B = f"{{{CBC}}}"

# Elements of the Invoice that are read (mapped) or that Tezgâh writes again when it issues.
_INVOICE_CHILDREN = frozenset({
    "UBLExtensions", "UBLVersionID", "CustomizationID", "ProfileID", "ID", "CopyIndicator",
    "UUID", "IssueDate", "IssueTime", "InvoiceTypeCode", "Note", "DocumentCurrencyCode",
    "PricingCurrencyCode", "TaxCurrencyCode", "LineCountNumeric", "OrderReference",
    "BillingReference", "DespatchDocumentReference", "AdditionalDocumentReference",
    "Signature", "AccountingSupplierParty", "AccountingCustomerParty", "PaymentMeans",
    "PaymentTerms", "PricingExchangeRate", "TaxExchangeRate", "PaymentExchangeRate",
    "TaxTotal", "WithholdingTaxTotal", "LegalMonetaryTotal", "InvoiceLine", "InvoicePeriod",
})
# What the refused elements are, in the words of the invoice.
_ELEMENT_NAMES = {
    "AllowanceCharge": "iskonto/artırım", "BuyerCustomerParty": "asıl alıcı",
    "SellerSupplierParty": "asıl satıcı", "TaxRepresentativeParty": "vergi temsilcisi",
    "Delivery": "teslimat/taşıma", "ContractDocumentReference": "sözleşme referansı",
    "OriginatorDocumentReference": "kaynak belge referansı",
    "ReceiptDocumentReference": "alındı belgesi referansı",
    "PrepaidPayment": "ön ödeme", "PaymentAlternativeExchangeRate": "ikinci ödeme kuru",
    "OrderLineReference": "sipariş satırı referansı",
    "DespatchLineReference": "irsaliye satırı referansı",
    "SubInvoiceLine": "alt kalem", "ItemInstance": "ürün örneği (künye, seri no)",
    "CommodityClassification": "ürün sınıflandırması (GTİP …)",
    "AdditionalItemProperty": "ek ürün özelliği", "BrandName": "marka",
    "ModelName": "model", "BuyersItemIdentification": "alıcı ürün kodu",
    "ManufacturersItemIdentification": "üretici ürün kodu",
    "AdditionalItemIdentification": "ek ürün kodu", "OriginCountry": "menşe ülke",
}
_LINE_CHILDREN = frozenset({"ID", "Note", "InvoicedQuantity", "LineExtensionAmount",
                            "AllowanceCharge", "TaxTotal", "WithholdingTaxTotal", "Item",
                            "Price"})
_ITEM_CHILDREN = frozenset({"Description", "Name", "SellersItemIdentification"})
# AdditionalDocumentReference types Tezgâh writes again (visualisation, karekod, e-Arşiv
# sending type): any other one (an attachment, a contract …) is refused.
_REGENERATED_REFS = frozenset({"XSLT", KAREKOD_DOCUMENT_TYPE, "SendingType"})
# Notes written from the figures themselves — the amount in words ("Yalnız … TL", as any
# program writes it) and the rate line of app.ubl.build: Tezgâh writes them again.
_AMOUNT_IN_WORDS = re.compile(r"^[#\s]*yaln[ıi]z(?!\w)", re.IGNORECASE)
_RATE_NOTE = "kur: 1 "
_SENDING_NOTE = "gönderim şekli:"
_CENT = Decimal("0.01")
_RATE = Decimal("0.0001")  # a discount rate's places (app.domain.fields.RATE_PLACES)

_HINT = ("Bu bilgiyi taşıyan faturayı fatura JSON'u olarak verin ya da belgeden çıkarın.")


def ubl_to_invoice_json(data: bytes, *, company: Party, max_bytes: int) -> dict[str, Any]:
    """The invoice JSON of an unsigned UBL-TR invoice whose supplier is this company; a
    ``UserError`` in Turkish naming what cannot be carried into a draft."""
    root = parse_bytes(data, max_bytes=max_bytes).getroot()
    ubl = read_ubl_root(root)
    if ubl.signed:
        raise UserError("Dosyadaki fatura imzalı (kesilmiş bir fatura); kesilmiş bir fatura "
                        "taslak yapılamaz. Taslak için imzasız UBL ya da fatura JSON'u verin.")
    _check_elements(root)
    _check_supplier(ubl.supplier, company.vkn_tckn)
    result = _invoice(ubl, root)
    payment = result.get("payment")
    if payment and payment["iban"] == company.iban and not (payment["due_date"] or
                                                            payment["note"]):
        del result["payment"]  # the company's own IBAN, which every invoice carries
    _check_totals(ubl, result)
    return result


# -- what is not carried ------------------------------------------------------------------

def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _unknown(where: str, name: str) -> UserError:
    words = _ELEMENT_NAMES.get(name)
    what = f"{words} ({name})" if words else f"'{name}'"
    return UserError(f"{where}{what} bilgisi var; Tezgâh bunu taslağa taşıyamaz. {_HINT}",
                     field=name)


def _check_elements(root: etree._Element) -> None:
    for el in root:
        name = _local(el)
        if name and name not in _INVOICE_CHILDREN:
            if name == "AllowanceCharge" and _summary_allowance(root, el):
                continue
            if name == "AllowanceCharge":
                raise UserError("Faturada belge geneli iskonto/artırım (AllowanceCharge) var; "
                                "Tezgâh iskontoyu kalemlerde taşır. İskontoyu kalemlere "
                                "dağıtın.", field="AllowanceCharge")
            raise _unknown("Faturada ", name)
    for ref in root.iterfind(f"{_C}AdditionalDocumentReference"):
        kind = (string_value(ref.find(f"{_B}DocumentTypeCode")) or "").strip()
        kind = kind or (string_value(ref.find(f"{_B}DocumentType")) or "").strip()
        if kind not in _REGENERATED_REFS:
            raise UserError("Faturada ek belge (AdditionalDocumentReference"
                            + (f", {kind}" if kind else "") + ") var; Tezgâh ek belgeleri "
                            f"taslağa taşıyamaz. {_HINT}", field="AdditionalDocumentReference")
    for i, line in enumerate(root.iterfind(f"{_C}InvoiceLine"), start=1):
        for el in line:
            name = _local(el)
            if name and name not in _LINE_CHILDREN:
                raise _unknown(f"{i}. kalemde ", name)
        item = line.find(f"{_C}Item")
        for el in (item if item is not None else ()):
            name = _local(el)
            if name and name not in _ITEM_CHILDREN:
                raise _unknown(f"{i}. kalemin mal/hizmet bilgisinde ", name)
    lmt = root.find(f"{_C}LegalMonetaryTotal")
    for name in ("ChargeTotalAmount", "PrepaidAmount", "PayableRoundingAmount"):
        value = _decimal(string_value(lmt.find(f"{_B}{name}")) if lmt is not None else None)
        if value:
            raise UserError(f"Faturanın toplamlarında {name} ({value}) var; Tezgâh bunu "
                            f"taslağa taşıyamaz. {_HINT}", field=name)


def _summary_allowance(root: etree._Element, el: etree._Element) -> bool:
    """A document-level discount that adds nothing: zero (as many programs write one) or the
    sum of the lines' discounts repeated (the totals are compared afterwards)."""
    amount = _decimal(string_value(el.find(f"{_B}Amount"))) or Decimal(0)
    if not amount:
        return True
    charge = (string_value(el.find(f"{_B}ChargeIndicator")) or "").strip().lower()
    if charge in ("true", "1") or len(root.findall(f"{_C}AllowanceCharge")) != 1:
        return False
    lines = sum((_decimal(string_value(ac.find(f"{_B}Amount"))) or Decimal(0)
                 for ac in root.iterfind(f"{_C}InvoiceLine/{_C}AllowanceCharge")
                 if (string_value(ac.find(f"{_B}ChargeIndicator")) or "").strip().lower()
                 not in ("true", "1")), Decimal(0))
    return amount == lines


def _decimal(text: str | None) -> Decimal | None:
    try:
        return Decimal(text.strip()) if text and text.strip() else None
    except ArithmeticError:
        return None


def _check_supplier(supplier: UblParty | None, company: str) -> None:
    ids = [value for scheme, value in (supplier.ids if supplier else ())
           if scheme in ("VKN", "TCKN")]
    if company in ids:
        return
    shown = ", ".join(ids) or "yok"
    raise UserError(f"Faturadaki satıcının VKN/TCKN'si ({shown}) bu firmanın değil "
                    f"(bu firma: {company}). Klasöre yalnızca kendi firmanızın kestiği "
                    "faturalar bırakılabilir; satıcı bilgisini (AccountingSupplierParty) "
                    "düzeltin.", field="AccountingSupplierParty")


# -- the mapping --------------------------------------------------------------------------

def _s(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def _party(p: UblParty | None) -> dict[str, Any]:
    if p is None:
        raise UserError("Faturada alıcı (AccountingCustomerParty) yok.",
                        field="AccountingCustomerParty")
    vkn = next((v for s, v in p.ids if s in ("VKN", "TCKN")), "")
    first, family, name = p.first_name, p.family_name, p.name
    if len(vkn) == 11 and not (first and family) and name:
        first, _, family = name.rpartition(" ")
        first, name = first or family, ""
    a = p.address
    other = dict(p.ids)
    return {
        "vkn_tckn": vkn, "name": name, "first_name": first, "family_name": family,
        "tax_office": p.tax_office, "email": p.email, "phone": p.phone, "web": p.website,
        "mersis_no": other.get("MERSISNO", ""),
        "trade_registry_no": other.get("TICARETSICILNO", ""),
        "address": {} if a is None else {
            "street": a.street, "building_no": a.building_number, "district": a.district,
            "city": a.city, "postal_code": a.postal_zone, "country": a.country_code or "TR"},
    }


def _line(ln: UblLine, index: int, note: str, currency: str) -> dict[str, Any]:
    where = f"{index}. kalem"
    if ln.currency and ln.currency != currency:
        raise UserError(f"{where}: tutarın para birimi ({ln.currency}) faturanınkinden "
                        f"({currency}) farklı.", field=f"lines[{index - 1}]")
    if any(ac.charge and ac.amount for ac in ln.allowance_charges):
        raise UserError(f"{where}: kalemde artırım (AllowanceCharge, ChargeIndicator true) "
                        f"var; Tezgâh kalemde yalnızca iskonto taşır. {_HINT}",
                        field=f"lines[{index - 1}].AllowanceCharge")
    if len(ln.withholdings) > 1:
        raise UserError(f"{where}: birden fazla tevkifat var; Tezgâh kalem başına bir "
                        "tevkifat taşır.", field=f"lines[{index - 1}].withholding_code")
    quantity = ln.quantity if ln.quantity is not None else Decimal(1)
    price = ln.price if ln.price is not None else Decimal(0)
    discount = _discount_rate(ln, quantity * price)
    line: dict[str, Any] = {
        "name": ln.name or ln.description, "quantity": _s(quantity),
        "unit": ln.unit_code or "C62", "unit_price": _s(price), "discount_rate": _s(discount),
        "seller_code": ln.seller_code,
        "description": "\n".join(x for x in (note, ln.description if ln.name else "") if x),
        "other_taxes": [],
    }
    kdv = [t for t in ln.taxes if t.is_kdv]
    if len(kdv) != 1 or kdv[0].percent is None:
        raise UserError(f"{where}: kalemin KDV oranı yazılmamış ya da birden fazla; her kalemde "
                        "bir KDV (vergi kodu 0015) oranı olmalı (InvoiceLine/TaxTotal/"
                        "TaxSubtotal/Percent).", field=f"lines[{index - 1}].kdv_rate")
    line["kdv_rate"] = _s(kdv[0].percent)
    line["exemption_code"] = kdv[0].exemption_code
    line["exemption_reason"] = kdv[0].exemption_reason
    for t in ln.taxes:
        if not t.is_kdv:
            line["other_taxes"].append({"code": t.code, "rate": _s(t.percent)})
    if ln.withholdings:
        w = ln.withholdings[0]
        line["withholding_code"], line["withholding_rate"] = w.code, _s(w.percent)
    return line


def _discount_rate(ln: UblLine, gross: Decimal) -> Decimal:
    """The line's discount as Tezgâh keeps it (a percent with at most four decimals): the one
    whose amount is the discount the document states (its MultiplierFactorNumeric may be a
    float written out in full, 0.0645000000000000017…)."""
    allowances = [ac for ac in ln.allowance_charges if not ac.charge and ac.amount]
    if not allowances:
        return Decimal(0)
    amount = sum((ac.amount or Decimal(0) for ac in allowances), Decimal(0))
    gross = round_money(gross)
    candidates = []
    if len(allowances) == 1 and allowances[0].multiplier is not None:
        candidates.append(allowances[0].multiplier * 100)
    if gross:
        candidates.append(amount / gross * 100)
    rates = [c.quantize(_RATE, rounding=ROUND_HALF_UP).normalize() for c in candidates]
    for rate in rates:
        if percent_of(gross, rate) == amount:
            return rate
    return rates[0] if rates else Decimal(0)  # the totals' check says what differs


def _ref(ref: Any) -> dict[str, Any]:
    return {"number": ref.id, "date": ref.issue_date or None}


def _one(items: tuple[Any, ...], name: str) -> Any:
    if len(items) > 1:
        raise UserError(f"Faturada birden fazla {name} var; Tezgâh bir tane taşır.", field=name)
    return items[0] if items else None


def _invoice(ubl: UblInvoice, root: etree._Element) -> dict[str, Any]:
    profile, type_code = ubl.profile.strip().upper(), ubl.type_code.strip().upper()
    carried = [k.title for k in kinds.active(profile, type_code) if k.fields or k.line_fields]
    if ubl.kind_details or carried:
        names = ", ".join(carried) or ", ".join(d.title for d in ubl.kind_details)
        raise UserError(f"{profile}/{type_code} faturasının ek bilgileri ({names}) UBL "
                        "dosyasından taslağa alınamıyor; bu faturayı fatura JSON'u olarak "
                        "verin.", field="profile")
    currency = ubl.currency or "TRY"
    line_notes = [(string_value(il.find(f"{_B}Note")) or "").strip()
                  for il in root.iterfind(f"{_C}InvoiceLine")]
    data: dict[str, Any] = {
        "profile": profile or "TEMELFATURA", "type": type_code or "SATIS",
        "issue_date": ubl.issue_date, "issue_time": ubl.issue_time[:8],
        "currency": currency, "customer": _party(ubl.customer),
        "lines": [_line(ln, i, note, currency)
                  for i, (ln, note) in enumerate(zip(ubl.lines, line_notes, strict=True),
                                                 start=1)],
    }
    if INVOICE_NUMBER_RE.fullmatch(ubl.number):
        data["series"] = ubl.number[:3]
    if ubl.uuid:
        data["ettn"] = ubl.uuid.upper()
    rates = {r for _name, r in ubl.exchange_rates if r is not None}
    if len(rates) > 1:
        raise UserError("Faturada birbirinden farklı döviz kurları var "
                        f"({', '.join(str(r) for r in sorted(rates))}); tek kur yazın.",
                        field="PricingExchangeRate")
    if rates:
        data["exchange_rate"] = _s(rates.pop())
    notes: list[str] = []
    for note in ubl.notes:
        low = note.strip().lower()
        if low.startswith(_SENDING_NOTE):
            data["delivery"] = note.strip()[len(_SENDING_NOTE):].strip()
        elif note.strip() and not (_AMOUNT_IN_WORDS.match(note) or low.startswith(_RATE_NOTE)):
            notes.append(note)
    period = _period(root)
    if period:
        notes.append(period)
    data["notes"] = notes
    for ref in ubl.additional_refs:
        if ref.document_type_code == "SendingType" and ref.id:
            data["delivery"] = ref.id
    order = _one(ubl.orders, "OrderReference")
    if order is not None:
        data["order_ref"] = _ref(order)
    if ubl.despatches:
        data["despatch_refs"] = [_ref(d) for d in ubl.despatches]
    billing = _one(ubl.billing_refs, "BillingReference")
    if billing is not None:
        if type_code not in codes.RETURN_TYPES:
            raise UserError(f"Faturada iade edilen fatura referansı (BillingReference) var "
                            f"ama tipi {type_code}; iade faturası değil.", field="type")
        data["return_of"] = _ref(billing)
    payment = _payment(root, ubl)
    if payment:
        data["payment"] = payment
    return data


def _period(root: etree._Element) -> str:
    """The invoice period (a subscription's month …), kept as a note."""
    period = root.find(f"{_C}InvoicePeriod")
    if period is None:
        return ""
    texts = {_local(el): (string_value(el) or "").strip() for el in period}
    start, end = texts.get("StartDate", ""), texts.get("EndDate", "")
    span = " – ".join(_tr_date(d) for d in (start, end) if d)
    words = ", ".join(x for x in (span, texts.get("Description", "")) if x)
    return f"Fatura dönemi: {words}" if words else ""


def _tr_date(text: str) -> str:
    parts = text[:10].split("-")
    return ".".join(reversed(parts)) if len(parts) == 3 else text


def _payment(root: etree._Element, ubl: UblInvoice) -> dict[str, Any]:
    means = _one(ubl.payment_means, "PaymentMeans")
    terms = _one(ubl.payment_terms, "PaymentTerms")
    if means is None and terms is None:
        return {}
    iban = due = note = ""
    if means is not None:
        pm = root.find(f"{_C}PaymentMeans")
        iban, due = means.account, means.due_date
        note = (string_value(pm.find(f"{_B}InstructionNote")) or "").strip()
    if terms is not None:
        term_note, term_due = terms
        due = due or term_due
        note = "\n".join(x for x in (note, term_note) if x)
    return {"iban": iban, "due_date": due or None, "note": note}


# -- the document's own totals ------------------------------------------------------------

def _check_totals(ubl: UblInvoice, data: dict[str, Any]) -> None:
    """What Tezgâh computes from the lines must be what the document says: otherwise the
    draft would invoice another amount than the other program meant."""
    try:
        inv = InvoiceData.from_json({**data, "series": data.get("series") or "AAA"})
    except UserError:
        return  # the draft's own checks say what is wrong, with the field's name
    totals = invoice_totals(inv)
    for i, (ln, lt) in enumerate(zip(ubl.lines, totals.lines, strict=True), start=1):
        if ln.amount is not None and ln.amount != lt.net:
            raise _mismatch(f"{i}. kalemin tutarı (LineExtensionAmount)", ln.amount, lt.net,
                            f"lines[{i - 1}]")
    lmt = ubl.monetary_total
    if lmt is None:
        return
    for name, theirs, ours in (("ödenecek tutar (PayableAmount)", lmt.payable, totals.payable),
                               ("vergiler dahil toplam (TaxInclusiveAmount)", lmt.tax_inclusive,
                                totals.tax_inclusive)):
        if theirs is not None and theirs != ours:
            raise _mismatch(f"Faturanın {name}", theirs, ours, "LegalMonetaryTotal")


def _mismatch(what: str, theirs: Decimal, ours: Decimal, field: str) -> UserError:
    return UserError(f"{what} {format_decimal_tr(theirs)}, ama kalemlerden hesaplanan "
                     f"{format_decimal_tr(ours.quantize(_CENT))}. Tutarları düzeltin "
                     "(miktar × birim fiyat − iskonto, KDV) ya da faturayı JSON olarak verin.",
                     field=field)
