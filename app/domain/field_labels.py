"""Field names in words: what a message shows for a JSON field of the invoice or a party.

Messages name a field in Turkish words only (the desktop window shows them next to the field
and puts the cursor there); the command line adds the JSON path from ``UserError.field``.
"""

from __future__ import annotations

import re

# Whose field it is: the first part of a dotted path.
OWNERS = {"customer": "Müşteri", "company": "Firma",
          # e-İrsaliye: the buyer and the seller when they are not the receiver and the company
          "buyer": "Satın alan", "seller": "Satıcı"}

# Top-level invoice fields and the nested ones a date or a code is read from.
LABELS = {
    "profile": "Senaryo",
    "type": "Fatura tipi",
    "series": "Seri",
    "issue_date": "Fatura tarihi",
    "issue_time": "Fatura saati",
    "customer": "Müşteri",
    "currency": "Para birimi",
    "exchange_rate": "Döviz kuru",
    "lines": "Kalemler",
    "notes": "Notlar",
    "return_of": "İade edilen fatura",
    "return_of.number": "İade edilen fatura numarası",
    "return_of.date": "İade edilen faturanın tarihi",
    "payment.due_date": "Son ödeme tarihi",
    "order_ref.date": "Sipariş tarihi",
    "despatch_refs.date": "İrsaliye tarihi",
}

_INDEX = re.compile(r"\[[0-9]+\]")


# GİB's names for the e-Fatura address (etiket): a company sends from its gönderici birim (GB)
# and receives in its posta kutusu (PK).
SENDER_ALIAS = "Gönderici birim (GB) etiketi"
RECEIVER_ALIAS = "Posta kutusu (PK) etiketi"


def alias_label(field_prefix: str) -> str:
    """The customer's etiket is its posta kutusu (PK), the company's own its gönderici birim."""
    head = field_prefix.split(".")[0]
    if head == "customer":
        return RECEIVER_ALIAS
    if head == "company":
        return SENDER_ALIAS
    return "e-Fatura etiketi (GB ya da PK)"


def owner_prefix(field_prefix: str) -> str:
    """``"Müşteri: "`` for ``"customer."``; ``""`` for a field that belongs to no party."""
    owner = OWNERS.get(field_prefix.split(".")[0])
    return f"{owner}: " if owner else ""


def label(field: str) -> str:
    """The words for ``field`` (``"issue_date"`` → ``"Fatura tarihi"``); a field with no
    words of its own is called by its last part's words, or plainly "Alan"."""
    plain = _INDEX.sub("", field)
    if plain in LABELS:
        return LABELS[plain]
    head = plain.split(".")[0]
    if head in OWNERS and plain != head:
        return owner_prefix(plain) + label(plain[len(head) + 1:]).lower()
    return "Alan"
