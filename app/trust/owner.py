"""Whose document it is: the VKN/TCKN a signature on it must belong to.

GİB refuses a document whose seal or e-signature is not its sender's (Ek-2 §4 status 1176
"İMZA SAHİBİ YETKİSİZ"). A company (10-digit VKN) seals with its mali mühür; a natural
person taxpayer (11-digit TCKN, a sole proprietor) may sign with their own e-imza instead
(Entegrasyon Kılavuzu §2: "Elektronik imza kullanmak isteyen gerçek kişi mükellefler…").
Both carry the owner's number in the certificate's subject serialNumber (OID 2.5.4.5,
XADES-NOTES), so the rule is one comparison: the certificate's number equals the owner's.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from app.ubl.namespaces import CAC, CBC

OAGIS = "http://www.openapplications.org/oagis/9"

# Document (root local name) → path of the party that issues it, and what to call it.
_PARTY_PATHS = {
    "Invoice": ("AccountingSupplierParty/Party", "satıcı"),
    "ApplicationResponse": ("SenderParty", "yanıtı gönderen"),
    "DespatchAdvice": ("DespatchSupplierParty/Party", "gönderici"),
    "ReceiptAdvice": ("DeliveryCustomerParty/Party", "alıcı"),
}
# GİB's user-account documents (HR-XML ProcessUserAccount / CancelUserAccount, the
# KULLANICI_ACMA / SILME samples): the account owner's VKN/TCKN is
# oa:ApplicationArea/oa:Sender/oa:LogicalID.
_USER_ACCOUNT = {"ProcessUserAccount", "CancelUserAccount"}


@dataclass(frozen=True)
class DocumentOwner:
    known_type: bool  # False: a document kind whose owner Tezgâh cannot name
    vkn_tckn: str | None
    role: str  # "satıcı", "yanıtı gönderen" … (Turkish, for messages)


def document_owner(root: etree._Element) -> DocumentOwner:
    name = etree.QName(root).localname
    if name in _USER_ACCOUNT:
        value = root.findtext(f"{{{OAGIS}}}ApplicationArea/{{{OAGIS}}}Sender/{{{OAGIS}}}LogicalID")
        return DocumentOwner(True, (value or "").strip() or None, "hesap sahibi")
    if name == "eArsivRaporu":  # the e-Arşiv report: baslik/mukellef/(vkn | tckn)
        ns = etree.QName(root).namespace
        value = (root.findtext(f"{{{ns}}}baslik/{{{ns}}}mukellef/{{{ns}}}vkn")
                 or root.findtext(f"{{{ns}}}baslik/{{{ns}}}mukellef/{{{ns}}}tckn"))
        return DocumentOwner(True, (value or "").strip() or None, "mükellef")
    if name not in _PARTY_PATHS:
        return DocumentOwner(False, None, "belge sahibi")
    path, role = _PARTY_PATHS[name]
    party = root.find("/".join(f"{{{CAC}}}{step}" for step in path.split("/")))
    if party is None:
        return DocumentOwner(True, None, role)
    for el in party.iterfind(f"{{{CAC}}}PartyIdentification/{{{CBC}}}ID"):
        if (el.get("schemeID") or "").upper() in ("VKN", "TCKN") and (el.text or "").strip():
            return DocumentOwner(True, el.text.strip(), role)
    return DocumentOwner(True, None, role)
