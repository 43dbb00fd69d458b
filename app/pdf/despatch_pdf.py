"""The printed e-İrsaliye (DespatchAdvice) and irsaliye yanıtı (ReceiptAdvice): A4 PDF.

Everything is read from the document's bytes as the signature covers them
(``app.ubl.despatch_read``). The page is the invoice's (``app.pdf.page``: "Sayfa i/n", the
continuation header from page 2 on, the TEST mark): page 1 starts with the sender (the
business's logo above it), the title and, on a despatch, the karekod at the top right
(Karekod Standardı Kılavuzu V1.2 §2.3 and §3; the guide gives the receipt advice none);
then the addressee and the document's facts, the ETTN, the shipment, the lines table (its
head row repeated on every page) and the notes.

``render_despatch_pdf(xml, *, logo=None, test_mode=False) -> bytes`` prints either kind;
``render_documents_pdf(xmls, …)`` prints despatches, receipts and invoices into one PDF.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, PageBreak, Spacer

from app.domain.despatch_as_read import Despatch, Receipt
from app.domain.errors import UserError
from app.ubl.despatch_karekod import despatch_karekod_payload
from app.ubl.despatch_read import read_despatch_document
from app.ubl.karekod import karekod_text
from app.xmlsafe import parse_bytes

from .despatch_parts import (
    notes_flowables,
    profile_text,
    receiver_block,
    ref_rows,
    sender_block,
    shipment_rows,
    tr_clock,
    tr_day,
    type_text,
)
from .despatch_tables import despatch_lines_table, receipt_lines_table
from .grid import Column, Columns
from .header import facts_grid
from .layout import invoice_story, story_pdf
from .page import CONTENT_W, GRID, DocStart, Karekod, Para, Styles, esc, styles
from .printable import read_invoice

DESPATCH_TITLE = "e-İrsaliye"
RECEIPT_TITLE = "İrsaliye Yanıtı"
TEST_MARK = "TEST — geçerli irsaliye değildir"


def _top(sender: list[Flowable], title: str, karekod: str | None, st: Styles) -> Columns:
    left_w = CONTENT_W * 0.42
    mid_w = CONTENT_W * 0.30
    right: list[Flowable] = []
    if karekod is not None:
        qr = Karekod(karekod)
        qr.hAlign = "RIGHT"
        right.append(qr)
    return Columns([
        Column(sender, left_w),
        Column([Para(esc(title), st.title)], mid_w, valign="MIDDLE"),
        Column(right, CONTENT_W - left_w - mid_w, align="RIGHT"),
    ])


def _second(receiver: list[Flowable], facts: list[tuple[str, str]], st: Styles) -> Columns:
    cust_w = CONTENT_W * 0.55
    facts_w = CONTENT_W * 0.40
    return Columns([
        Column(receiver, cust_w, bottom=4, rule_above=0.6, rule_below=0.6),
        Column([], CONTENT_W - cust_w - facts_w),
        Column([facts_grid([(k, v) for k, v in facts if v], st, facts_w)], facts_w),
    ], rule_color=GRID)


def _shipment(rows: list[tuple[str, str]], st: Styles) -> list[Flowable]:
    rows = [(k, v) for k, v in rows if v]
    if not rows:
        return []
    lines = [f"<font name='{st.bold}'>{esc(k)}:</font> {esc(v)}" for k, v in rows]
    return [Para(f"<font name='{st.bold}'>Sevkiyat Bilgileri</font>", st.normal),
            Para("<br/>".join(lines), st.small), Spacer(1, 2 * mm)]


def _start(info: dict[str, str], test_mode: bool, st: Styles) -> list[Flowable]:
    story: list[Flowable] = [DocStart(info)]
    if test_mode:
        story += [Para(TEST_MARK, st.mark), Spacer(1, 1 * mm)]
    return story


def _ettn(uuid: str, st: Styles) -> list[Flowable]:
    return [Spacer(1, 2 * mm),
            Para(f"<font name='{st.bold}'>ETTN:</font> {esc(uuid)}", st.normal),
            Spacer(1, 2 * mm)]


def despatch_story(d: Despatch, *, logo: bytes | None = None,
                   test_mode: bool = False) -> list[Flowable]:
    """The flowables of one despatch advice."""
    st = styles()
    info = {"title": DESPATCH_TITLE, "number": d.number, "uuid": d.uuid,
            "date": tr_day(d.issue_date), "customer": d.customer.display_name,
            "number_label": "İrsaliye No", "test_mark": TEST_MARK}
    sh = d.shipment
    facts = [
        ("Özelleştirme No", d.customization),
        ("Senaryo", profile_text(d.profile)),
        ("İrsaliye Tipi", type_text(d.type_code)),
        ("İrsaliye No", d.number),
        ("İrsaliye Tarihi", tr_day(d.issue_date)),
        ("İrsaliye Zamanı", tr_clock(d.issue_time)),
        ("Fiili Sevk Tarihi", tr_day(sh.despatch_date)),
        ("Fiili Sevk Zamanı", tr_clock(sh.despatch_time)),
        *ref_rows(d.orders, d.additional_refs),
    ]
    story = _start(info, test_mode, st)
    story.append(_top(sender_block(d.supplier, st, logo), DESPATCH_TITLE,
                      karekod_text(despatch_karekod_payload(d)), st))
    story += [Spacer(1, 3 * mm), _second(receiver_block(d.customer, st, buyer=d.buyer),
                                         facts, st)]
    story += _ettn(d.uuid, st)
    story += _shipment(shipment_rows(sh), st)
    story.append(despatch_lines_table(d.lines, st))
    story += notes_flowables(d.notes, st)
    return story


def receipt_story(r: Receipt, *, logo: bytes | None = None,
                  test_mode: bool = False) -> list[Flowable]:
    """The flowables of one receipt advice: its issuer is the despatch's receiver
    (DeliveryCustomerParty), its addressee the despatch's sender."""
    st = styles()
    info = {"title": RECEIPT_TITLE, "number": r.number, "uuid": r.uuid,
            "date": tr_day(r.issue_date), "customer": r.supplier.display_name,
            "number_label": "Yanıt No", "test_mark": TEST_MARK}
    sh = r.shipment
    facts = [
        ("Özelleştirme No", r.customization),
        ("Senaryo", profile_text(r.profile)),
        ("Yanıt Tipi", r.type_code),
        ("Yanıt No", r.number),
        ("Yanıt Tarihi", tr_day(r.issue_date)),
        ("Yanıt Zamanı", tr_clock(r.issue_time)),
        ("Teslim Tarihi", tr_day(sh.delivery_date)),
        ("Teslim Zamanı", tr_clock(sh.delivery_time)),
        ("İrsaliye No", r.despatch_number),
        ("İrsaliye Tarihi", tr_day(r.despatch.issue_date)),
        *ref_rows(r.orders, r.additional_refs),
    ]
    story = _start(info, test_mode, st)
    story.append(_top(sender_block(r.customer, st, logo), RECEIPT_TITLE, None, st))
    story += [Spacer(1, 3 * mm), _second(receiver_block(r.supplier, st), facts, st)]
    story += _ettn(r.uuid, st)
    story += [Para(f"<font name='{st.bold}'>Yanıtlanan İrsaliyenin ETTN'si:</font> "
                   f"{esc(r.despatch.id)}", st.normal), Spacer(1, 2 * mm)]
    story += _shipment(shipment_rows(sh), st)
    story.append(receipt_lines_table(r.lines, st))
    story += notes_flowables(r.notes, st)
    return story


def is_despatch_xml(xml: bytes) -> bool:
    """True when ``xml``'s root is a DespatchAdvice or a ReceiptAdvice."""
    try:
        root = parse_bytes(xml).getroot()
    except UserError:
        return False
    return etree.QName(root).localname in ("DespatchAdvice", "ReceiptAdvice")


def _story(xml: bytes, logo: bytes | None, test_mode: bool) -> tuple[list[Flowable], str]:
    doc = read_despatch_document(xml)
    if isinstance(doc, Despatch):
        return despatch_story(doc, logo=logo, test_mode=test_mode), f"İrsaliye {doc.number}"
    return (receipt_story(doc, logo=logo, test_mode=test_mode),
            f"İrsaliye Yanıtı {doc.number}")


def render_despatch_pdf(xml: bytes, *, logo: bytes | None = None,
                        test_mode: bool = False) -> bytes:
    """The A4 PDF of a despatch advice or a receipt advice (bare or in a GİB envelope);
    a document that cannot be read raises ``UserError`` with a Turkish message."""
    story, title = _story(xml, logo, test_mode)
    return story_pdf(story, title=title, test_mode=test_mode)


def render_documents_pdf(xmls: Iterable[bytes], *, logo: bytes | None = None,
                         test_mode: bool = False) -> bytes:
    """Despatch advices, receipt advices and invoices in one PDF: each starts on a new
    page and has its own "Sayfa i/n"."""
    story: list[Flowable] = []
    for xml in xmls:
        if story:
            story.append(PageBreak())
        if is_despatch_xml(xml):
            story += _story(xml, logo, test_mode)[0]
        else:
            story += invoice_story(read_invoice(xml), logo=logo, test_mode=test_mode)
    if not story:
        raise UserError("Yazdırılacak belge yok.")
    return story_pdf(story, title="Belgeler", test_mode=test_mode)


__all__ = ["DESPATCH_TITLE", "RECEIPT_TITLE", "TEST_MARK", "despatch_story",
           "is_despatch_xml", "receipt_story", "render_despatch_pdf", "render_documents_pdf"]
