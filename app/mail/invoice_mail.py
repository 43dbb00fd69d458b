"""The e-mail that carries one issued invoice to its buyer: a short Turkish text, the PDF and
the signed XML attached byte for byte.

Everything that goes into a header is checked first: addresses must be plain ``local@domain``
addresses (``is_valid_email``), and no field may carry a line break, so nothing a buyer's
record, a setting or a received document holds can add a header or a recipient. The
Message-ID is made from the invoice's ETTN and the send attempt, so the same invoice sent
again is recognisable (``<ettn>.<attempt>@<sender's domain>``).
"""

from __future__ import annotations

import html
import re
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from app.domain.codes import profile_words
from app.domain.errors import UserError, shown
from app.domain.money import format_money
from app.ubl.reader import UblInvoice, UblParty, read_ubl

# RFC 5322 dot-atom local part and an RFC 1035 host name of two labels or more (ASCII only).
_ATOM = r"[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+"
_LOCAL = re.compile(rf"{_ATOM}(?:\.{_ATOM})*")
_LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?")
_UUID = re.compile(r"[0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12}")
_FILE_STEM = re.compile(r"[A-Za-z0-9_-]{1,64}")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_BREAKS = ("\r", "\n", "\0", "\x0b", "\x0c", "\x85", "\u2028", "\u2029")

#: The note UBL-TR e-Arşiv invoices carry when they are delivered by electronic means.
ELECTRONIC_NOTE = "Gönderim Şekli: ELEKTRONIK"


def is_valid_email(text: object) -> bool:
    """True for one plain e-mail address such as ``ayse.yilmaz@ornek.com.tr``: ASCII, no
    display name, no spaces or line breaks, a domain with at least two labels."""
    if not isinstance(text, str) or not 3 <= len(text) <= 254:
        return False
    if not text.isascii() or not text.isprintable() or text.count("@") != 1:
        return False
    local, domain = text.split("@")
    if len(local) > 64 or not _LOCAL.fullmatch(local):
        return False
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.fullmatch(label) for label in labels):
        return False
    if labels[-1].isascii() and labels[-1].isdigit():  # a numeric top-level "domain"
        return False
    try:
        parsed = Address(addr_spec=text)
    except (ValueError, IndexError, TypeError):
        return False
    return parsed.addr_spec == text


def _no_breaks(value: str, label: str) -> str:
    if any(c in value for c in _BREAKS):
        raise UserError(f"{label} satır sonu ya da denetim karakteri içeremez: "
                        f"'{shown(value, 60)}'.")
    return value


def checked_address(value: object, label: str) -> str:
    """``value`` as a checked e-mail address; ``UserError`` names ``label`` otherwise."""
    if not isinstance(value, str) or not value.strip():
        raise UserError(f"{label} yazılmamış.")
    text = _no_breaks(value, label).strip()
    if not is_valid_email(text):
        raise UserError(f"{label} geçersiz: '{shown(text, 60)}'. Örnek: ad.soyad@ornek.com.tr "
                        "(tek adres, boşluksuz, Türkçe harf olmadan).")
    return text


def checked_name(value: str, label: str) -> str:
    """A display name for a header: no line breaks, at most 200 characters."""
    text = _no_breaks(value or "", label).strip()
    if len(text) > 200:
        raise UserError(f"{label} en çok 200 karakter olabilir.")
    return text


def _one_line(text: str, limit: int = 150) -> str:
    """Text from a document for a header or a line of the body: whitespace (line breaks
    too) folded into single spaces, control characters left out."""
    folded = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return folded if len(folded) <= limit else folded[: limit - 1] + "…"


def party_name(party: UblParty | None) -> str:
    if party is None:
        return ""
    if party.name:
        return _one_line(party.name)
    person = " ".join(p for p in (party.first_name, party.middle_name, party.family_name) if p)
    return _one_line(person)


def tr_date(value: str) -> str:
    """``2026-11-29`` → ``29.11.2026``; anything else as written."""
    m = _DATE.fullmatch((value or "").strip())
    return f"{m.group(3)}.{m.group(2)}.{m.group(1)}" if m else _one_line(value or "")


def is_electronic_delivery(invoice: UblInvoice) -> bool:
    """An e-Arşiv invoice whose delivery method (Gönderim Şekli) is ELEKTRONIK: its
    ``SendingType`` reference says so, or (without one) its note."""
    if invoice.profile.strip().upper() != "EARSIVFATURA":
        return False
    for ref in invoice.additional_refs:
        if ref.document_type_code.strip() == "SendingType":
            return ref.document_type.strip().upper() == "ELEKTRONIK"
    return any(" ".join(n.split()).upper() == ELECTRONIC_NOTE.upper() for n in invoice.notes)


def message_id(ettn: str, attempt: int, from_address: str) -> str:
    """``<ettn>.<attempt>@<domain of from_address>``: the same for the same send attempt."""
    if not _UUID.fullmatch(ettn or ""):
        raise UserError(f"Faturanın ETTN'si geçersiz: '{shown(ettn)}'.")
    if isinstance(attempt, bool) or not isinstance(attempt, int) or attempt < 1:
        raise UserError(f"Gönderim denemesi 1 ya da daha büyük bir sayı olmalı: {attempt!r}.")
    domain = checked_address(from_address, "Gönderen adresi").split("@")[1].lower()
    return f"<{ettn.lower()}.{attempt}@{domain}>"


def _file_stem(invoice: UblInvoice) -> str:
    number = invoice.number.strip()
    return number if _FILE_STEM.fullmatch(number) else invoice.uuid.strip().lower()


def _texts(invoice: UblInvoice, seller: str, buyer: str) -> tuple[str, str]:
    kind = profile_words(invoice.profile) or "Fatura"
    payable = invoice.monetary_total.payable if invoice.monetary_total else None
    amount = format_money(payable, invoice.currency.strip() or "TRY") if payable is not None \
        else ""
    lines = [("Fatura numarası", _one_line(invoice.number)),
             ("Fatura tarihi", tr_date(invoice.issue_date)),
             ("Ödenecek tutar", amount),
             ("ETTN", _one_line(invoice.uuid))]
    lines = [(k, v) for k, v in lines if v]
    greeting = f"Sayın {buyer}," if buyer else "Merhaba,"
    number = _one_line(invoice.number)
    intro = f"{seller} tarafından düzenlenen {number} numaralı faturanız ({kind}) ektedir."
    attached = ("Faturanın PDF görünümü ve mali mühür ya da e-imza ile imzalanmış XML dosyası "
                "bu iletiye eklenmiştir. Faturanın geçerli aslı imzalı XML dosyasıdır.")
    width = max(len(k) for k, _ in lines) if lines else 0
    plain = "\n".join([greeting, "", intro, "",
                       *(f"{k + ':':<{width + 1}} {v}" for k, v in lines), "",
                       attached, "", "İyi çalışmalar dileriz.", seller, ""])
    rows = "".join(f"<tr><td>{html.escape(k)}:</td><td><b>{html.escape(v)}</b></td></tr>"
                   for k, v in lines)
    markup = ("<!DOCTYPE html><html lang=\"tr\"><head><meta charset=\"utf-8\"></head><body>"
              f"<p>{html.escape(greeting)}</p><p>{html.escape(intro)}</p>"
              f"<table>{rows}</table><p>{html.escape(attached)}</p>"
              f"<p>İyi çalışmalar dileriz.<br>{html.escape(seller)}</p></body></html>\n")
    return plain, markup


def invoice_message(xml: bytes, pdf: bytes, *, from_address: str, from_name: str = "",
                    to: str | None = None, attempt: int = 1,
                    now: datetime | None = None) -> EmailMessage:
    """The e-mail of the signed invoice ``xml`` with its ``pdf``: to ``to`` (else the buyer's
    e-mail in the invoice), from ``from_name <from_address>``; attempt ``attempt`` (1, 2 …)
    of sending it. Raises ``UserError`` naming the field that cannot go into a header."""
    from app import clock

    invoice = read_ubl(xml)
    sender = checked_address(from_address, "Gönderen adresi")
    sender_name = checked_name(from_name, "Gönderen adı")
    if to is None:
        to = invoice.customer.email if invoice.customer else ""
        if not (to or "").strip():
            raise UserError(f"{_one_line(invoice.number) or 'Fatura'}: alıcının e-posta adresi "
                            "yok. Müşteri kaydına e-posta adresini yazıp faturayı yeniden "
                            "gönderin ya da gönderirken bir adres verin.")
    recipient = checked_address(to, "Alıcının e-posta adresi")
    seller = party_name(invoice.supplier) or sender_name or sender
    buyer = party_name(invoice.customer)
    kind = profile_words(invoice.profile) or "Fatura"
    stem = _file_stem(invoice)

    msg = EmailMessage()
    msg["Subject"] = _one_line(f"{kind} {invoice.number.strip()} — {seller}", 250)
    msg["From"] = Address(display_name=sender_name or _one_line(seller, 100), addr_spec=sender)
    msg["To"] = Address(display_name=buyer[:100], addr_spec=recipient)
    msg["Date"] = format_datetime(now or clock.now())
    msg["Message-ID"] = message_id(invoice.uuid.strip(), attempt, sender)
    msg["Content-Language"] = "tr"
    plain, markup = _texts(invoice, seller, buyer)
    msg.set_content(plain, subtype="plain", charset="utf-8", cte="quoted-printable")
    msg.add_alternative(markup, subtype="html", charset="utf-8", cte="quoted-printable")
    msg.add_attachment(bytes(pdf), maintype="application", subtype="pdf",
                       filename=f"{stem}.pdf")
    msg.add_attachment(bytes(xml), maintype="application", subtype="xml",
                       filename=f"{stem}.xml")
    return msg


__all__ = ["ELECTRONIC_NOTE", "checked_address", "checked_name", "invoice_message",
           "is_electronic_delivery", "is_valid_email", "message_id", "party_name", "tr_date"]
