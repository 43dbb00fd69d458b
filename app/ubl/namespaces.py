"""UBL-TR namespaces, with the prefixes GİB's sample documents use."""

from __future__ import annotations

INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
APPLICATION_RESPONSE = "urn:oasis:names:specification:ubl:schema:xsd:ApplicationResponse-2"
DESPATCH_ADVICE = "urn:oasis:names:specification:ubl:schema:xsd:DespatchAdvice-2"  # e-İrsaliye
RECEIPT_ADVICE = "urn:oasis:names:specification:ubl:schema:xsd:ReceiptAdvice-2"  # irsaliye yanıtı
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
EXT = "urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2"
DS = "http://www.w3.org/2000/09/xmldsig#"
XADES = "http://uri.etsi.org/01903/v1.3.2#"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# GİB's envelope (zarf): UN/CEFACT Standard Business Document Header (Ek-1)
SBDH = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"

# Declared on the Invoice root before signing (XADES-NOTES: inclusive C14N of
# SignedProperties sees every namespace in scope from the root).
INVOICE_NSMAP: dict[str | None, str] = {
    None: INVOICE,
    "cac": CAC,
    "cbc": CBC,
    "ds": DS,
    "ext": EXT,
    "xades": XADES,
    "xsi": XSI,
}

NS = {"inv": INVOICE, "cac": CAC, "cbc": CBC, "ext": EXT, "ds": DS, "xades": XADES}


def q(ns: str, local: str) -> str:
    """Clark notation ``{ns}local`` for lxml."""
    return f"{{{ns}}}{local}"
