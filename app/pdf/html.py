"""HTML view of an invoice through an XSLT: the invoice's own embedded stylesheet first
(the sender's design), Tezgâh's ``ubl_templates/tezgah-invoice.xslt`` otherwise.

Stylesheets from received invoices are untrusted: they run with an access control that
denies reading and writing files and network access, and without extension functions.
"""

from __future__ import annotations

import functools

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

__all__ = ["TEZGAH_XSLT_NAME", "render_html", "tezgah_xslt_bytes", "xslt_document_reference"]

_DENY_ALL = etree.XSLTAccessControl.DENY_ALL


def _compile(xslt_bytes: bytes) -> etree.XSLT:
    # Embedded stylesheets come from received invoices: parsed by app.xmlsafe (no DTD, no
    # entities, no network) and run with every file and network access denied.
    return etree.XSLT(parse_bytes(xslt_bytes).getroot(), access_control=_DENY_ALL)


@functools.lru_cache(maxsize=1)
def _tezgah_xslt() -> etree.XSLT:
    return _compile(tezgah_xslt_bytes())


def _run(xslt: etree.XSLT, tree: etree._ElementTree) -> str:
    result = xslt(tree)
    return str(result)


def render_html(xml: bytes, *, prefer_embedded: bool = True) -> str:
    """HTML of the invoice ``xml``: with its embedded XSLT when it has a usable one,
    otherwise with Tezgâh's stylesheet."""
    tree = parse_bytes(xml)
    embedded = embedded_xslt(read_ubl_root(tree.getroot()))
    if prefer_embedded and embedded is not None:
        try:
            return _run(_compile(embedded.content), tree)
        except (UserError, etree.XMLSyntaxError, etree.XSLTError, ValueError):
            # GİB's viewer does the same: a broken embedded XSLT falls back to a default
            # (E-Fatura Görüntüleyici Kullanım Kılavuzu §4.2).
            pass
    try:
        return _run(_tezgah_xslt(), tree)
    except etree.XSLTError as exc:
        raise UserError(f"Fatura HTML olarak gösterilemedi: {exc}") from exc
