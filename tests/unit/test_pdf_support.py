"""Invoice documents for the printing tests, made from GİB's samples with lxml, and the
external tools (poppler, zbar) that read the PDFs back. The tests at the bottom check
the builders themselves, so a wrong fixture cannot make the printing tests pass."""

from __future__ import annotations

import copy
import json
import subprocess
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from lxml import etree

NS = {
    "inv": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}
CBC = f"{{{NS['cbc']}}}"
CAC = f"{{{NS['cac']}}}"

# glob patterns (the zip stores the Turkish file names in a legacy code page, so "ı" and
# "ş" arrive mangled: match around them)
SAMPLES = {
    "temel": "TemelFaturaOrnegi.xml",
    "ticari": "TicariFaturaOrnegi.xml",
    "iade": "IadeFaturasiOrnegi.xml",
    "tevkifat": "TEVKIFAT.xml",
    "istisna": "YTB_Istisna_Efatura.xml",
    "ihracat": "IHRACAT.xml",
    "yolcuberaber": "YOLCUBERABER.xml",
    "ozelmatrah": "OZELMATRAH.xml",
    "hks": "HKS-Ornek2.xml",
    "earsiv_satis": "YTB_Sat*s_EAr*iv.xml",
    "earsiv_tevkifat": "YTB_Tevk*fat_EAr*iv.xml",
    "earsiv_iade": "YTB_Iade_EAr*v.xml",
    "ytb_tevkifat_iade": "YTB_Tevk*fatIade_Efatura.xml",
}


def sample_path(samples_dir: Path, key: str) -> Path:
    matches = sorted(samples_dir.glob(SAMPLES.get(key, key)))
    assert len(matches) == 1, f"{key}: {matches}"
    return matches[0]


def sample_bytes(samples_dir: Path, key: str) -> bytes:
    return sample_path(samples_dir, key).read_bytes()


def parse(xml: bytes) -> etree._ElementTree:
    return etree.ElementTree(etree.fromstring(xml))


def text(tree: etree._ElementTree, path: str) -> str:
    return " ".join(tree.xpath(f"string({path})", namespaces=NS).split())


def to_bytes(tree: etree._ElementTree | etree._Element) -> bytes:
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8")


def _set(root: etree._Element, path: str, value: str) -> None:
    for el in root.xpath(path, namespaces=NS):
        el.text = value


def with_currency(xml: bytes, currency: str, rate: str = "34.5678") -> bytes:
    """The invoice with every currencyID and DocumentCurrencyCode set to ``currency`` and a
    PricingExchangeRate to TRY."""
    root = etree.fromstring(xml)
    _set(root, "/inv:Invoice/cbc:DocumentCurrencyCode", currency)
    for el in root.xpath("//*[@currencyID]"):
        el.set("currencyID", currency)
    anchor = root.find(f"{CAC}TaxTotal")
    per = etree.Element(f"{CAC}PricingExchangeRate")
    etree.SubElement(per, f"{CBC}SourceCurrencyCode").text = currency
    etree.SubElement(per, f"{CBC}TargetCurrencyCode").text = "TRY"
    etree.SubElement(per, f"{CBC}CalculationRate").text = rate
    anchor.addprevious(per)
    return to_bytes(root)


def _q(v: Decimal) -> Decimal:
    return v.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def tezgah_invoice(samples_dir: Path, *, lines: int = 3, rates: tuple[int, ...] = (20,),
                   customer: str = "Çağrı Güneş İnşaat Öğütücü Şişli Ürünleri Ltd. Şti.",
                   price: Decimal = Decimal("123.45"),
                   profile: str | None = None) -> bytes:
    """An arithmetically consistent invoice built from TicariFaturaOrnegi: ``lines`` lines
    (cloned from the sample's first line), rates cycling through ``rates``, totals and
    per-rate subtotals recomputed."""
    root = etree.fromstring(sample_bytes(samples_dir, "ticari"))
    if profile:
        _set(root, "/inv:Invoice/cbc:ProfileID", profile)
    _set(root, "/inv:Invoice/cac:AccountingCustomerParty/cac:Party/cac:PartyName/cbc:Name",
         customer)
    _set(root, "/inv:Invoice/cbc:ID", "TZG2026000000042")
    _set(root, "/inv:Invoice/cbc:UUID", "3F2A9C4E-7B1D-4E8A-9C2F-5D6E7F809A1B")
    _set(root, "/inv:Invoice/cbc:IssueDate", "2026-11-27")
    template = root.find(f"{CAC}InvoiceLine")
    for old in root.findall(f"{CAC}InvoiceLine"):
        root.remove(old)
    per_rate: dict[int, list[Decimal]] = {}
    total = Decimal(0)
    for i in range(1, lines + 1):
        line = copy.deepcopy(template)
        for ac in line.findall(f"{CAC}AllowanceCharge"):
            line.remove(ac)
        rate = rates[(i - 1) % len(rates)]
        qty = Decimal(i % 7 + 1)
        amount = _q(qty * price)
        tax = _q(amount * rate / 100)
        line.find(f"{CBC}ID").text = str(i)
        q = line.find(f"{CBC}InvoicedQuantity")
        q.text = str(qty)
        q.set("unitCode", "C62")
        line.find(f"{CBC}LineExtensionAmount").text = str(amount)
        line.find(f"{CAC}TaxTotal/{CBC}TaxAmount").text = str(tax)
        st = line.find(f"{CAC}TaxTotal/{CAC}TaxSubtotal")
        st.find(f"{CBC}TaxableAmount").text = str(amount)
        st.find(f"{CBC}TaxAmount").text = str(tax)
        st.find(f"{CBC}Percent").text = str(rate)
        line.find(f"{CAC}Item/{CBC}Name").text = f"Ürün {i:03d} çeşit ğ ı İ ö ş ü"
        line.find(f"{CAC}Price/{CBC}PriceAmount").text = str(price)
        root.append(line)
        sums = per_rate.setdefault(rate, [Decimal(0), Decimal(0)])
        sums[0] += amount
        sums[1] += tax
        total += amount
    tax_total = root.find(f"{CAC}TaxTotal")
    st_template = tax_total.find(f"{CAC}TaxSubtotal")
    for old in tax_total.findall(f"{CAC}TaxSubtotal"):
        tax_total.remove(old)
    tax_sum = Decimal(0)
    for rate, (taxable, tax) in per_rate.items():
        st = copy.deepcopy(st_template)
        st.find(f"{CBC}TaxableAmount").text = str(taxable)
        st.find(f"{CBC}TaxAmount").text = str(tax)
        st.find(f"{CBC}Percent").text = str(rate)
        tax_total.append(st)
        tax_sum += tax
    tax_total.find(f"{CBC}TaxAmount").text = str(tax_sum)
    lmt = root.find(f"{CAC}LegalMonetaryTotal")
    lmt.find(f"{CBC}LineExtensionAmount").text = str(total)
    lmt.find(f"{CBC}TaxExclusiveAmount").text = str(total)
    lmt.find(f"{CBC}TaxInclusiveAmount").text = str(total + tax_sum)
    lmt.find(f"{CBC}AllowanceTotalAmount").text = "0"
    lmt.find(f"{CBC}PayableAmount").text = str(total + tax_sum)
    _set(root, "/inv:Invoice/cbc:LineCountNumeric", str(lines))
    return to_bytes(root)


def payable_1234_56(samples_dir: Path) -> bytes:
    """One line at 20 %: 1028.80 + 205.76 = 1234.56 payable."""
    return tezgah_invoice(samples_dir, lines=1, price=Decimal("514.40"))


# ---------------------------------------------------------------- external tools


def pdf_text(pdf: Path, page: int | None = None, *, layout: bool = True) -> str:
    """Text of the PDF; ``layout=False`` gives reading order (wrapped cells joined)."""
    args = ["pdftotext", "-enc", "UTF-8"] + (["-layout"] if layout else [])
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    out = subprocess.run([*args, str(pdf), "-"], check=True, capture_output=True)
    return out.stdout.decode("utf-8")


def pdf_pages(pdf: Path) -> int:
    out = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError(out.stdout)


def decode_qr(pdf: Path, page: int = 1, dpi: int = 200, *, whole_page: bool = False) -> list[str]:
    """QR codes on ``page`` as decoded by zbar from a ``dpi`` raster of the page. By default
    only the top right quarter of an A4 page is rasterised: where the karekod must stand
    (Karekod Kılavuzu §3), and five times faster than the whole page."""
    prefix = pdf.with_suffix("")
    crop: list[str] = []
    if not whole_page:
        width_px = round(8.27 * dpi)
        crop = ["-x", str(width_px // 2), "-y", "0", "-W", str(width_px - width_px // 2),
                "-H", str(round(11.69 * dpi * 0.3))]
    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page),
                    *crop, "-singlefile", str(pdf), str(prefix)], check=True)
    out = subprocess.run(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable",
                          str(prefix) + ".png"], capture_output=True)
    return [s for s in out.stdout.decode("utf-8").splitlines() if s.strip()]


def squash(s: str) -> str:
    return " ".join(s.split())


# ---------------------------------------------------------------- self-checks


def test_tezgah_invoice_is_consistent(ubl_samples_dir: Path) -> None:
    tree = parse(tezgah_invoice(ubl_samples_dir, lines=9, rates=(1, 10, 20)))
    lines = tree.xpath("/inv:Invoice/cac:InvoiceLine", namespaces=NS)
    assert len(lines) == 9
    line_sum = sum(Decimal(x) for x in tree.xpath(
        "/inv:Invoice/cac:InvoiceLine/cbc:LineExtensionAmount/text()", namespaces=NS))
    assert Decimal(text(tree, "/inv:Invoice/cac:LegalMonetaryTotal/cbc:LineExtensionAmount")) \
        == line_sum
    rates = tree.xpath("/inv:Invoice/cac:TaxTotal/cac:TaxSubtotal/cbc:Percent/text()",
                       namespaces=NS)
    assert sorted(rates, key=int) == ["1", "10", "20"]


def test_payable_fixture_is_1234_56(ubl_samples_dir: Path) -> None:
    tree = parse(payable_1234_56(ubl_samples_dir))
    assert text(tree, "/inv:Invoice/cac:LegalMonetaryTotal/cbc:PayableAmount") == "1234.56"


def test_with_currency_changes_every_amount(ubl_samples_dir: Path) -> None:
    tree = parse(with_currency(sample_bytes(ubl_samples_dir, "ticari"), "EUR"))
    assert text(tree, "/inv:Invoice/cbc:DocumentCurrencyCode") == "EUR"
    assert set(tree.xpath("//@currencyID")) == {"EUR"}


def test_zbar_reads_a_reference_qr(tmp_path: Path) -> None:
    """The decoder pipeline itself works on a known QR (rendered by reportlab's own QR
    widget, not by Tezgâh's code)."""
    from reportlab.graphics import renderPDF
    from reportlab.graphics.barcode.qr import QrCodeWidget
    from reportlab.graphics.shapes import Drawing

    payload = {"a": "x", "b": "1.00"}
    widget = QrCodeWidget(json.dumps(payload))
    d = Drawing(200, 200)
    widget.barWidth = widget.barHeight = 200
    d.add(widget)
    pdf = tmp_path / "qr.pdf"
    renderPDF.drawToFile(d, str(pdf))
    assert [json.loads(s) for s in decode_qr(pdf, whole_page=True)] == [payload]


@pytest.mark.parametrize("key", sorted(SAMPLES))
def test_every_named_sample_exists(ubl_samples_dir: Path, key: str) -> None:
    assert etree.QName(parse(sample_bytes(ubl_samples_dir, key)).getroot()).localname \
        == "Invoice"
