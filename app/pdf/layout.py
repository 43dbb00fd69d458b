"""A4 layout of a printed invoice (reportlab platypus).

Page 1 starts with the issuer block (logo), the title ("e-FATURA" / "e-ARŞİV FATURA") at the
top centre and the karekod at the top right corner (Karekod Standardı Kılavuzu V1.2 §3),
then the customer block and the invoice facts. The lines table repeats its header row on
every page; the totals, the amount in words, notes, payment details and the e-Arşiv
statements follow the last line, so they appear once, on the last page. Every page carries
"Sayfa i/n" and, from page 2 on, a short header naming the invoice.
"""

from __future__ import annotations

import io
from collections.abc import Iterable

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate,
    Frame,
    KeepTogether,
    PageBreak,
    PageTemplate,
    Spacer,
)

from app.domain.errors import UserError

from .formatting import currency_label, tr_date
from .header import document_title, header_flowables
from .karekod import karekod_text, payload_from_invoice
from .page import (
    CANCELLED_MARK,
    CONTENT_W,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    PAGE_H,
    TEST_MARK,
    DocStart,
    InvoiceCanvas,
    Karekod,
    Para,
    esc,
    styles,
    use_fast_arrays,
    use_fast_flate,
)
from .printable import Invoice
from .tables import lines_table
from .totals import tail_flowables, totals_table


def invoice_story(inv: Invoice, *, logo: bytes | None = None, test_mode: bool = False,
                  cancelled: str = "") -> list:
    """The flowables of one invoice; ``cancelled`` (when and why, for a cancelled invoice)
    puts the İPTAL stamp on each of its pages and the note above its header."""
    st = styles()
    payload = payload_from_invoice(inv)
    info = {
        "title": document_title(inv),
        "number": inv.number,
        "uuid": inv.uuid,
        "date": tr_date(inv.issue_date),
        "customer": inv.customer.name,
        "cancelled": cancelled,
    }
    story: list = [DocStart(info)]
    if cancelled:
        story.append(Para(f"{CANCELLED_MARK}: {esc(cancelled)}", st.mark))
        story.append(Spacer(1, 1 * mm))
    if test_mode:
        story.append(Para(TEST_MARK, st.mark))
        story.append(Spacer(1, 1 * mm))
    story.extend(header_flowables(inv, st, logo, karekod_text(payload)))
    story.append(lines_table(inv, st))
    story.append(Spacer(1, 3 * mm))
    totals = [totals_table(inv, st)]
    story.append(KeepTogether(totals))
    story.append(Spacer(1, 2 * mm))
    story.extend(tail_flowables(inv, st))
    return story


def build_pdf(invoices: Iterable[Invoice], *, logo: bytes | None = None,
              test_mode: bool = False, cancelled: str = "") -> bytes:
    """Lay out one or more invoices into a single PDF; each starts on a new page and has
    its own page numbering."""
    story: list = []
    titles: list[str] = []
    for inv in invoices:
        if story:
            story.append(PageBreak())
        story.extend(invoice_story(inv, logo=logo, test_mode=test_mode, cancelled=cancelled))
        titles.append(inv.number)
    if not story:
        raise UserError("Yazdırılacak fatura yok.")
    title = f"Fatura {titles[0]}" if len(titles) == 1 else "Fatura"
    return story_pdf(story, title=title, test_mode=test_mode)


def story_pdf(story: list, *, title: str, test_mode: bool = False) -> bytes:
    """An A4 PDF of ``story`` (starting with a ``DocStart``) on the printed documents'
    page: margins, "Sayfa i/n", the continuation header and the test mark."""
    use_fast_flate()
    use_fast_arrays()
    buf = io.BytesIO()
    doc = BaseDocTemplate(
        buf,
        pagesize=A4,
        leftMargin=MARGIN_X,
        rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM,
        title=title,
        author="Tezgâh",
        creator="Tezgâh",
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="invoice", frames=[frame])])
    regular = styles().regular

    def make_canvas(*args, **kwargs):
        # the canvas' initial font is ours too, so no unembedded base-14 font is referenced
        kwargs["initialFontName"] = regular
        return InvoiceCanvas(*args, test_mode=test_mode, **kwargs)

    doc.build(story, canvasmaker=make_canvas)
    return buf.getvalue()


__all__ = ["Karekod", "build_pdf", "currency_label", "invoice_story", "story_pdf"]
