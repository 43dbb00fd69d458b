"""An independent arithmetic oracle for invoice totals.

It recomputes what an invoice must say from the invoice JSON alone, with exact fractions
and integer kuruş — no code from ``app.domain`` — and reads the figures the XML states with
plain XPath, so a mistake in Tezgâh's totals module or in the builder shows up here.
"""

from __future__ import annotations

from collections import defaultdict
from fractions import Fraction
from typing import Any

from lxml import etree

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
WITHHOLDING_DEFAULT = {  # the highest rate GİB lists for each code
    "601": 40, "602": 90, "603": 70, "604": 50, "605": 50, "606": 90, "607": 90, "608": 90,
    "609": 70, "610": 90, "611": 90, "612": 90, "613": 90, "614": 50, "615": 70, "616": 50,
    "617": 70, "618": 70, "619": 70, "620": 70, "621": 90, "622": 90, "623": 50, "624": 20,
    "625": 30, "626": 20, "627": 50,
}


def kurus(x: Fraction) -> int:
    """Round half up (away from zero for positives) to whole kuruş."""
    cents = x * 100
    return int(cents + Fraction(1, 2)) if cents >= 0 else -int(-cents + Fraction(1, 2))


def expected(data: dict[str, Any]) -> dict[str, Any]:
    gross_total = discount_total = net_total = tax_total = withheld_total = 0
    kdv_by_rate: dict[Fraction, list[int]] = defaultdict(lambda: [0, 0])
    lines = []
    for ln in data["lines"]:
        gross = kurus(Fraction(ln["quantity"]) * Fraction(ln["unit_price"]))
        rate = Fraction(ln.get("discount_rate") or "0")
        discount = kurus(Fraction(gross, 100) * rate / 100) if rate else 0
        net = gross - discount
        others = sum(kurus(Fraction(net, 100) * Fraction(t["rate"]) / 100)
                     for t in ln.get("other_taxes") or [])
        kdv_rate = Fraction(ln["kdv_rate"])
        base = net + others
        kdv = kurus(Fraction(base, 100) * kdv_rate / 100)
        withheld = 0
        if ln.get("withholding_code"):
            wrate = Fraction(ln.get("withholding_rate") or WITHHOLDING_DEFAULT[ln["withholding_code"]])
            withheld = kurus(Fraction(kdv, 100) * wrate / 100)
        if data.get("type") in ("TEVKIFATIADE", "YTBTEVKIFATIADE"):
            # the return of a withholding invoice gives back only the KDV not withheld; GİB
            # shows it as TaxableAmount = TaxAmount with Percent 100 ("İade Edilen Mal Oranı")
            # and no WithholdingTaxTotal (GeneralWithholdingTaxTotalCheck)
            kdv, withheld = kdv - withheld, 0
            kdv_rate, base = Fraction(100), kdv
        kdv_by_rate[kdv_rate][0] += base
        kdv_by_rate[kdv_rate][1] += kdv
        gross_total += gross
        discount_total += discount
        net_total += net
        # investment-incentive İSTİSNA: the KDV is shown but not added to the total
        # (CalculationSequenceNumeric -1, YatirimTesvik…IstisnaCalculationSequenceNumericCheck)
        shown_only = (data.get("profile"), data.get("type")) in (
            ("YATIRIMTESVIK", "ISTISNA"), ("EARSIVFATURA", "YTBISTISNA")) and kdv_rate > 0
        tax_total += others + (0 if shown_only else kdv)
        withheld_total += withheld
        lines.append({"net": net, "kdv": kdv, "withheld": withheld})
    return {
        "lines": lines, "line_extension": gross_total, "allowance": discount_total,
        "tax_exclusive": net_total, "tax_total": tax_total,
        "tax_inclusive": net_total + tax_total, "withheld": withheld_total,
        "payable": net_total + tax_total - withheld_total,
        "kdv_by_rate": {r: tuple(v) for r, v in kdv_by_rate.items()},
    }


def _c(root: etree._Element, path: str) -> int:
    text = root.findtext(path, namespaces=NS)
    assert text is not None, f"missing {path}"
    return kurus(Fraction(text.strip()))


def stated(root: etree._Element) -> dict[str, Any]:
    lmt = "cac:LegalMonetaryTotal/"
    kdv_by_rate: dict[Fraction, list[int]] = defaultdict(lambda: [0, 0])
    for sub in root.findall("cac:TaxTotal/cac:TaxSubtotal", NS):
        if sub.findtext("cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode", namespaces=NS) == "0015":
            r = Fraction(sub.findtext("cbc:Percent", namespaces=NS))
            kdv_by_rate[r][0] += _c(sub, "cbc:TaxableAmount")
            kdv_by_rate[r][1] += _c(sub, "cbc:TaxAmount")
    lines = []
    for il in root.findall("cac:InvoiceLine", NS):
        kdv = sum(_c(s, "cbc:TaxAmount") for s in il.findall("cac:TaxTotal/cac:TaxSubtotal", NS)
                  if s.findtext("cac:TaxCategory/cac:TaxScheme/cbc:TaxTypeCode", namespaces=NS) == "0015")
        withheld = sum(_c(w, "cbc:TaxAmount") for w in il.findall("cac:WithholdingTaxTotal", NS))
        lines.append({"net": _c(il, "cbc:LineExtensionAmount"), "kdv": kdv, "withheld": withheld})
    return {
        "lines": lines, "line_extension": _c(root, lmt + "cbc:LineExtensionAmount"),
        "allowance": _c(root, lmt + "cbc:AllowanceTotalAmount"),
        "tax_exclusive": _c(root, lmt + "cbc:TaxExclusiveAmount"),
        "tax_total": _c(root, "cac:TaxTotal/cbc:TaxAmount"),
        "tax_inclusive": _c(root, lmt + "cbc:TaxInclusiveAmount"),
        "withheld": sum(_c(w, "cbc:TaxAmount") for w in root.findall("cac:WithholdingTaxTotal", NS)),
        "payable": _c(root, lmt + "cbc:PayableAmount"),
        "kdv_by_rate": {r: tuple(v) for r, v in kdv_by_rate.items()},
    }


def check(data: dict[str, Any], xml: bytes) -> None:
    """Assert the XML states exactly the oracle's figures."""
    root = etree.fromstring(xml)
    want, got = expected(data), stated(root)
    for key in want:
        assert got[key] == want[key], f"{key}: XML says {got[key]}, oracle says {want[key]}"
