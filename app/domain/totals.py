"""Line, tax and invoice totals. The arithmetic GİB checks, in one place.

Following the UBL-TR guide (LegalMonetaryTotal example: LineExtensionAmount 90,
AllowanceTotalAmount 10, TaxExclusiveAmount 80):
- line gross = quantity × unit price; line discount = gross × rate; line
  ``LineExtensionAmount`` = gross − discount (the sample invoices' lines do the same);
- invoice ``LineExtensionAmount`` = Σ gross ("Mal Hizmet Toplam Tutarı");
  ``AllowanceTotalAmount`` = Σ discounts; ``TaxExclusiveAmount`` = Σ line net;
- other taxes (ÖTV, ÖİV …) are computed on the line net and are part of the KDV base
  (KDV Kanunu md. 24/c: the KDV base includes taxes other than KDV itself);
- KDV per line, rounded per line; invoice subtotals per rate are sums of line figures, so
  lines and totals agree to the kuruş;
- ``TaxInclusiveAmount`` = TaxExclusive + every tax; ``PayableAmount`` = TaxInclusive −
  withheld KDV (tevkifat).
Every amount is rounded with ``money.round_money``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from app.domain.codes import (
    EXEMPTION_CODES,
    KDV_TAX_CODE,
    WITHHOLDING_RETURN_TYPES,
    ZERO_KDV_DEFAULT_CODE,
)
from app.domain.invoice import InvoiceData, InvoiceLineData
from app.domain.money import ZERO, percent_of, round_money


@dataclass
class TaxPart:
    code: str
    rate: Decimal
    base: Decimal
    amount: Decimal
    exemption_code: str = ""
    exemption_reason: str = ""
    #: False: computed and shown but not part of the total (CalculationSequenceNumeric -1,
    #: the KDV of an investment-incentive İSTİSNA line)
    added: bool = True


@dataclass
class LineTotals:
    gross: Decimal
    discount: Decimal
    net: Decimal  # LineExtensionAmount
    kdv: TaxPart
    other_taxes: list[TaxPart]
    withholding: TaxPart | None

    @property
    def tax_amount(self) -> Decimal:
        return sum((t.amount for t in [self.kdv, *self.other_taxes] if t.added), ZERO)


@dataclass
class InvoiceTotals:
    lines: list[LineTotals]
    line_extension: Decimal
    allowance_total: Decimal
    tax_exclusive: Decimal
    tax_inclusive: Decimal
    withholding_total: Decimal
    payable: Decimal
    tax_subtotals: list[TaxPart] = field(default_factory=list)  # KDV per rate + other taxes
    withholding_subtotals: list[TaxPart] = field(default_factory=list)

    @property
    def tax_total(self) -> Decimal:
        return sum((t.amount for t in self.tax_subtotals if t.added), ZERO)

    @property
    def kdv_by_rate(self) -> dict[Decimal, TaxPart]:
        return {t.rate: t for t in self.tax_subtotals if t.code == KDV_TAX_CODE}


def line_totals(line: InvoiceLineData) -> LineTotals:
    gross = round_money(line.quantity * line.unit_price)
    discount = percent_of(gross, line.discount_rate) if line.discount_rate else ZERO
    net = gross - discount
    others = [TaxPart(t.code, t.rate, net, percent_of(net, t.rate)) for t in line.other_taxes]
    kdv_base = net + sum((t.amount for t in others), ZERO)
    kdv = TaxPart(KDV_TAX_CODE, line.kdv_rate, kdv_base, percent_of(kdv_base, line.kdv_rate),
                  line.exemption_code, line.exemption_reason, added=not line.kdv_not_added)
    withholding = None
    if line.withholding_code and line.withholding_rate is not None:
        withholding = TaxPart(line.withholding_code, line.withholding_rate, kdv.amount,
                              percent_of(kdv.amount, line.withholding_rate))
    return LineTotals(gross, discount, net, kdv, others, withholding)


def returned_withholding_line(lt: LineTotals) -> LineTotals:
    """A line of a TEVKIFATIADE invoice (the return of a withholding invoice): the seller of
    the returned invoice collected only the KDV not withheld, so that part is what the return
    gives back; the withheld part was paid by the buyer as the tax's responsible party and is
    not returned (GİB: no WithholdingTaxTotal on TEVKIFATIADE, GeneralWithholdingTaxTotalCheck).
    GİB's stylesheet reads the KDV subtotal of such a line as "Tevkifatsız KDV Tutarı"
    (TaxableAmount) and "İade Edilen Mal Oranı" (Percent): the line is the returned goods
    themselves, so all of its non-withheld KDV is returned — Percent 100."""
    withheld = lt.withholding.amount if lt.withholding else ZERO
    returned = lt.kdv.amount - withheld
    kdv = TaxPart(KDV_TAX_CODE, RETURNED_SHARE, returned, returned, lt.kdv.exemption_code,
                  lt.kdv.exemption_reason)
    return LineTotals(lt.gross, lt.discount, lt.net, kdv, lt.other_taxes, None)


#: "İade Edilen Mal Oranı" of a TEVKIFATIADE line (see ``returned_withholding_line``)
RETURNED_SHARE = Decimal(100)


def invoice_totals(invoice: InvoiceData) -> InvoiceTotals:
    lines = [line_totals(line) for line in invoice.lines]
    if invoice.type.value in WITHHOLDING_RETURN_TYPES:
        lines = [returned_withholding_line(lt) for lt in lines]
    line_extension = sum((lt.gross for lt in lines), ZERO)
    allowance = sum((lt.discount for lt in lines), ZERO)
    tax_exclusive = sum((lt.net for lt in lines), ZERO)

    # KDV subtotals per (rate, exemption code); other taxes per (code, rate).
    groups: dict[tuple[str, Decimal, str], list[TaxPart]] = defaultdict(list)
    for lt in lines:
        for part in [*lt.other_taxes, lt.kdv]:
            groups[(part.code, part.rate, part.exemption_code)].append(part)
    subtotals = []
    for (code, rate, ecode), parts in sorted(groups.items(), key=lambda kv: (kv[0][0] != KDV_TAX_CODE,
                                                                               kv[0][0], kv[0][1],
                                                                               kv[0][2])):
        part = TaxPart(code, rate, sum((p.base for p in parts), ZERO),
                       sum((p.amount for p in parts), ZERO), ecode, parts[0].exemption_reason,
                       added=parts[0].added)
        if code == KDV_TAX_CODE and not part.amount and not part.exemption_code:
            # A KDV subtotal of 0,00 needs a reason (schematron TaxExemptionReasonCheck), e.g.
            # free goods or a rate so small on a tiny amount that it rounds to nothing.
            part.exemption_code = ZERO_KDV_DEFAULT_CODE
            part.exemption_reason = EXEMPTION_CODES[ZERO_KDV_DEFAULT_CODE]
        subtotals.append(part)
    w_groups: dict[tuple[str, Decimal], list[TaxPart]] = defaultdict(list)
    for lt in lines:
        if lt.withholding:
            w_groups[(lt.withholding.code, lt.withholding.rate)].append(lt.withholding)
    w_subtotals = [TaxPart(code, rate, sum((p.base for p in parts), ZERO),
                           sum((p.amount for p in parts), ZERO))
                   for (code, rate), parts in sorted(w_groups.items())]
    tax_total = sum((t.amount for t in subtotals if t.added), ZERO)
    withholding_total = sum((t.amount for t in w_subtotals), ZERO)
    tax_inclusive = tax_exclusive + tax_total
    return InvoiceTotals(
        lines=lines, line_extension=line_extension, allowance_total=allowance,
        tax_exclusive=tax_exclusive, tax_inclusive=tax_inclusive,
        withholding_total=withholding_total, payable=tax_inclusive - withholding_total,
        tax_subtotals=subtotals, withholding_subtotals=w_subtotals,
    )
