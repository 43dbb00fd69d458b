"""HTML view of an invoice through an XSLT: the invoice's own embedded stylesheet first
(the sender's design), Tezgâh's ``ubl_templates/tezgah-invoice.xslt`` otherwise.

Stylesheets from received invoices are untrusted: they run in a separate process with time,
memory and output limits, every include, import, ``document()``, file and network access
refused (``app.pdf.xslt_sandbox``). Tezgâh's own stylesheet is trusted and runs here, also
when an invoice embeds exactly its bytes (every invoice Tezgâh issues does).
"""

from __future__ import annotations

import functools
import logging
from dataclasses import dataclass

from lxml import etree

from app.domain.errors import UserError
from app.ubl.reader import read_ubl_root
from app.ubl.stylesheet import (
    TEZGAH_XSLT_NAME,
    embedded_xslt,
    tezgah_xslt_bytes,
    xslt_document_reference,
)
from app.xmlsafe import parse_bytes

from .karekod import karekod_picture
from .xslt_sandbox import XsltRefused, render_untrusted_xslt

__all__ = ["TEZGAH_XSLT_NAME", "HtmlView", "render_html", "render_html_view",
           "tezgah_xslt_bytes", "xslt_document_reference"]

log = logging.getLogger("tezgah.pdf")

_DENY_ALL = etree.XSLTAccessControl.DENY_ALL


@dataclass(frozen=True)
class HtmlView:
    """An invoice's HTML view. ``refused`` is empty, or the reason the invoice's own
    stylesheet was not used (``app.pdf.xslt_sandbox.REASONS``) and ``html`` is Tezgâh's
    view instead; ``message`` is then the Turkish explanation."""

    html: str
    refused: str = ""
    message: str = ""


@functools.lru_cache(maxsize=1)
def _tezgah_xslt() -> etree.XSLT:
    # Trusted (shipped with Tezgâh), still run with every file and network access denied.
    return etree.XSLT(parse_bytes(tezgah_xslt_bytes()).getroot(), access_control=_DENY_ALL)


def _run(xslt: etree.XSLT, tree: etree._ElementTree, **params: str) -> str:
    result = xslt(tree, **{k: etree.XSLT.strparam(v) for k, v in params.items()})
    return str(result)


def render_html(xml: bytes, *, prefer_embedded: bool = True) -> str:
    """HTML of the invoice ``xml``: with its embedded XSLT when it has a usable one,
    otherwise with Tezgâh's stylesheet."""
    return render_html_view(xml, prefer_embedded=prefer_embedded).html


def render_html_view(xml: bytes, *, prefer_embedded: bool = True) -> HtmlView:
    """Like ``render_html``, and says whether the invoice's own stylesheet was refused."""
    tree = parse_bytes(xml)
    embedded = embedded_xslt(read_ubl_root(tree.getroot()))
    refused: XsltRefused | None = None
    if prefer_embedded and embedded is not None and embedded.content != tezgah_xslt_bytes():
        try:
            return HtmlView(render_untrusted_xslt(xml, embedded.content))
        except XsltRefused as exc:
            # GİB's viewer does the same: a broken embedded XSLT falls back to a default
            # (E-Fatura Görüntüleyici Kullanım Kılavuzu §4.2).
            log.info("Faturanın kendi görünümü kullanılmadı (%s); Tezgâh'ın görünümü "
                     "gösteriliyor.", exc.reason)
            refused = exc
    try:
        # the karekod drawn from the invoice's data, never a picture a sender embedded
        page = _run(_tezgah_xslt(), tree, kq=karekod_picture(tree.getroot()))
    except etree.XSLTError as exc:
        raise UserError(f"Fatura HTML olarak gösterilemedi: {exc}") from exc
    if refused is None:
        return HtmlView(page)
    return HtmlView(page, refused=refused.reason, message=refused.message)
