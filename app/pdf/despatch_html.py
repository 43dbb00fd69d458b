"""Showing an e-İrsaliye document as HTML: a DespatchAdvice through GİB's ``irsaliye.xslt``,
a ReceiptAdvice through GİB's ``irsaliyeyaniti.xslt`` (from the installed UBL-TR package,
``app.ubl.despatch_stylesheet``), or through the stylesheet the document embeds.

Every one of these stylesheets comes from outside Tezgâh and runs in the sandbox
(``app.pdf.xslt_sandbox``: a separate process, time / memory / output limits, no file,
network, include or ``document()``). A refused embedded stylesheet falls back to GİB's, as
an invoice's falls back to Tezgâh's (``HtmlView.refused`` says why).

The karekod (Karekod Standardı Kılavuzu V1.2 §2.3, at the top right): GİB's
``irsaliye.xslt`` draws it with a script from a hidden ``<div id="qrvalue">``, which a
viewer without scripts (and a printout) never shows. Tezgâh puts the picture itself there
instead, built from the document's data (``app.ubl.despatch_karekod``). The guide has no
karekod for a receipt advice.

A PDF of these documents is not made yet: the invoice's PDF is laid out from the invoice's
own fields (``app.pdf.printable``); ``tezgah pdf`` says so for a despatch.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from lxml import etree

from app.domain.despatch_as_read import Despatch
from app.domain.errors import UserError
from app.ubl.despatch_karekod import despatch_karekod_png
from app.ubl.despatch_read import despatch_from_root, receipt_from_root
from app.ubl.despatch_stylesheet import DESPATCH, RECEIPT, embedded_stylesheet, gib_stylesheet
from app.ubl.namespaces import DESPATCH_ADVICE, RECEIPT_ADVICE, SBDH
from app.xmlsafe import parse_bytes

from .html import HtmlView
from .xslt_sandbox import XsltRefused, render_untrusted_xslt

DESPATCH_ROOT = f"{{{DESPATCH_ADVICE}}}DespatchAdvice"
RECEIPT_ROOT = f"{{{RECEIPT_ADVICE}}}ReceiptAdvice"

# GİB's irsaliye.xslt (and the one IDIS_Irsaliye.xml embeds): where a script draws the QR
_QR_PLACE = re.compile(r'<div id="qrcode"[^>]*?(/>|>\s*</div>)')


def is_despatch_document(xml: bytes) -> bool:
    """True when ``xml`` is a DespatchAdvice or a ReceiptAdvice (bare); False for anything
    else, including what is not XML."""
    try:
        root = parse_bytes(xml).getroot()
    except UserError:
        return False
    return root.tag in (DESPATCH_ROOT, RECEIPT_ROOT)


def karekod_img(d: Despatch) -> str:
    """The ``<img>`` that shows the despatch's karekod without a script."""
    data = base64.b64encode(despatch_karekod_png(d)).decode("ascii")
    return (f'<div id="tezgah-karekod"><img alt="Karekod" src="data:image/png;base64,{data}" '
            'style="width:220px;height:220px;image-rendering:pixelated"/></div>')


def render_despatch_html_view(xml: bytes, *, rules_dir: Path,
                              prefer_embedded: bool = True) -> HtmlView:
    """HTML of a DespatchAdvice or ReceiptAdvice (see the module docstring). The document
    is read first (``app.ubl.despatch_read``): one that lacks what it must say is refused
    in Turkish before any stylesheet runs."""
    root = parse_bytes(xml).getroot()
    if root.tag == f"{{{SBDH}}}StandardBusinessDocument":
        raise UserError("Zarf (StandardBusinessDocument) gösterilemez; içindeki irsaliyeyi seçin.")
    if root.tag == DESPATCH_ROOT:
        kind, despatch = DESPATCH, despatch_from_root(root)
    elif root.tag == RECEIPT_ROOT:
        kind, despatch = RECEIPT, None
        receipt_from_root(root)
    else:
        name = etree.QName(root).localname if isinstance(root.tag, str) else "?"
        raise UserError(f"Belge bir irsaliye ya da irsaliye yanıtı değil (kök eleman: {name}).")
    refused: XsltRefused | None = None
    html = None
    own = embedded_stylesheet(root) if prefer_embedded else None
    if own is not None:
        try:
            html = render_untrusted_xslt(xml, own)
        except XsltRefused as exc:
            refused = exc
    if html is None:
        html = render_untrusted_xslt(xml, gib_stylesheet(rules_dir, kind))
    if despatch is not None:
        html = _QR_PLACE.sub(lambda _m: karekod_img(despatch), html, count=1)
    if refused is None:
        return HtmlView(html)
    return HtmlView(html, refused=refused.reason, message=refused.message)


__all__ = ["is_despatch_document", "karekod_img", "render_despatch_html_view"]
