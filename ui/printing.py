"""Printing the invoice PDF (made by ``app.pdf`` from the signed XML) on a QPrinter.

Qt cannot draw a PDF by itself, so each page is rendered with PDFium (pypdfium2) at the
printer's resolution (at most 300 dpi) and painted onto the printer's page.
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPrintSupport import QPrinter

from app.domain.errors import UserError

MAX_DPI = 300


def page_images(pdf: bytes, dpi: int) -> list[QImage]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf)
    images = []
    try:
        for i in range(len(doc)):
            bitmap = doc[i].render(scale=dpi / 72)
            pil = bitmap.to_pil().convert("RGB")
            data = pil.tobytes("raw", "RGB")
            img = QImage(data, pil.width, pil.height, pil.width * 3, QImage.Format.Format_RGB888)
            images.append(img.copy())  # own the pixels; ``data`` is freed afterwards
    finally:
        doc.close()
    return images


def print_pdf(pdf: bytes, printer: QPrinter) -> int:
    """Print every page of ``pdf``; return the number of pages printed."""
    dpi = min(MAX_DPI, max(72, printer.resolution()))
    images = page_images(pdf, dpi)
    if not images:
        raise UserError("Yazdırılacak sayfa yok.")
    painter = QPainter()
    if not painter.begin(printer):
        raise UserError("Yazıcı açılamadı; yazıcı ayarlarını kontrol edin.")
    try:
        for i, img in enumerate(images):
            if i:
                printer.newPage()
            page = QRectF(painter.viewport())
            scale = min(page.width() / img.width(), page.height() / img.height())
            w, h = img.width() * scale, img.height() * scale
            painter.drawImage(QRectF((page.width() - w) / 2, (page.height() - h) / 2, w, h), img)
    finally:
        painter.end()
    return len(images)
