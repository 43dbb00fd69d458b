"""The visualisation stylesheets of e-İrsaliye documents.

GİB ships one for each in its UBL-TR package (``UBLTR_1.2.1_Paketi/xml/irsaliye.xslt`` for a
DespatchAdvice, ``irsaliyeyaniti.xslt`` for a ReceiptAdvice). Tezgâh does not copy them: they
are read from the package as installed (``rules_dir/sets/<id>/packages/ubl.zip``, kept
exactly as GİB shipped it), so an update of GİB's package updates the view too. A document
may also embed its own stylesheet (``AdditionalDocumentReference`` with a ``.xslt``
attachment, base64), as invoices do.

Both kinds of stylesheet come from outside Tezgâh: run them only through
``app.pdf.xslt_sandbox.render_untrusted_xslt``.
"""

from __future__ import annotations

import base64
import binascii
import zipfile
from pathlib import Path

from lxml import etree

from app.domain.errors import RulesMissingError, UserError
from app.ubl.namespaces import CAC, CBC
from app.ubl.rules import RulesStore

DESPATCH = "despatch"
RECEIPT = "receipt"
# name inside GİB's UBL-TR package (any folder) for each kind
GIB_STYLESHEETS = {DESPATCH: "irsaliye.xslt", RECEIPT: "irsaliyeyaniti.xslt"}
MAX_STYLESHEET_BYTES = 5 * 1024 * 1024  # GİB's irsaliye.xslt is about 100 KB


def gib_stylesheet(rules_dir: Path, kind: str) -> bytes:
    """GİB's stylesheet for ``kind`` (``"despatch"`` or ``"receipt"``) from the installed
    UBL-TR package; ``RulesMissingError`` / ``UserError`` in Turkish when it is not there."""
    name = GIB_STYLESHEETS[kind]
    info = RulesStore(rules_dir).info()
    package = info.set_dir / "packages" / "ubl.zip"
    try:
        with zipfile.ZipFile(package) as zf:
            for entry in zf.infolist():
                if entry.filename.replace("\\", "/").rsplit("/", 1)[-1].lower() == name:
                    if entry.file_size > MAX_STYLESHEET_BYTES:
                        break
                    return zf.read(entry)
    except (OSError, zipfile.BadZipFile) as exc:
        raise RulesMissingError(f"GİB'in UBL-TR paketi okunamadı ({package}): {exc}. Kural "
                                "paketlerini yeniden kurun: 'tezgah rules install'.") from exc
    raise UserError(f"GİB'in UBL-TR paketinde {name} görünüm şablonu yok; kurulu paket bu "
                    "belge türünü gösteremiyor.")


def embedded_stylesheet(root: etree._Element) -> bytes | None:
    """The first stylesheet the document embeds (an ``AdditionalDocumentReference`` whose
    attachment is named ``.xslt``/``.xsl`` or whose DocumentType is XSLT, valid base64), or
    ``None``. Untrusted."""
    for ref in root.iterfind(f"{{{CAC}}}AdditionalDocumentReference"):
        obj = ref.find(f"{{{CAC}}}Attachment/{{{CBC}}}EmbeddedDocumentBinaryObject")
        if obj is None:
            continue
        kind = " ".join("".join(ref.findtext(f"{{{CBC}}}DocumentType") or "").split()).upper()
        if not ((obj.get("filename") or "").lower().endswith((".xslt", ".xsl")) or kind == "XSLT"):
            continue
        data = "".join("".join(obj.itertext()).split())
        if not data:
            continue
        try:
            return base64.b64decode(data, validate=True)
        except (binascii.Error, ValueError):
            continue
    return None


__all__ = ["DESPATCH", "GIB_STYLESHEETS", "RECEIPT", "embedded_stylesheet", "gib_stylesheet"]
