"""e-Arşiv invoices delivered ELEKTRONIK reach their buyer by e-mail, through the outbox.

* Issuing (``queue_on_issue``, in the issuing transaction): an e-Arşiv invoice whose
  delivery is ELEKTRONIK and whose buyer has an e-mail address waits for channel ``email``.
* Sending: ``email_channel`` is the ``CHANNEL_FACTORIES`` entry of ``app.usecases.sending``;
  it exists only when the mail server is set up in Ayarlar (``smtp_host``). The PDF attached
  is the printing use case's, made from the stored signed XML.
* Demo mode (a folder ``tezgah demo`` filled): no e-mail leaves the computer; each message is
  written to ``<data>/demo-mail/<Message-ID>.eml`` instead.
* On demand (``send_invoice_email``): the invoice goes again, to its buyer or another
  address, as a new attempt (a new envelope, a new Message-ID).

The invoice's history records each step: queued, then "e-posta ile gönderildi: <adres>" or
the server's refusal.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from app import clock, settings
from app.channels.base import Channel
from app.channels.email import EmailChannel, folder_deliver, smtp_deliver
from app.context import AppContext
from app.db import Session
from app.db import tables as t
from app.db.repositories import documents, outbox
from app.db.repositories import invoices as repo
from app.db.repositories.events import add_event, list_events
from app.domain.documents import DocumentKind
from app.domain.errors import NotFoundError, UserError
from app.domain.invoice import DELIVERY_ELECTRONIC, InvoiceData
from app.domain.status import Status
from app.mail.invoice_mail import checked_address, is_valid_email
from app.mail.smtp import MailSettingsError, load_config
from app.outbox.queue import enqueue
from app.outbox.states import ENVELOPED, WAITING

log = logging.getLogger("tezgah.mail")

CHANNEL = "email"
DEMO_MAIL_FOLDER = "demo-mail"
DEMO_FROM = "fatura@demo.invalid"


def receipts_dir(ctx: AppContext) -> Path:
    return Path(ctx.data_dir) / "mail" / "sent"


def demo_mail_dir(ctx: AppContext) -> Path:
    """Where demo mode puts the e-mails it would have sent."""
    return Path(ctx.data_dir) / DEMO_MAIL_FOLDER


def _pdf_for(ctx: AppContext):  # type: ignore[no-untyped-def]
    from app.usecases.company import company_logo
    from app.usecases.printing import document_pdf, is_test_document

    def pdf(xml: bytes) -> bytes:
        return document_pdf(xml, logo=company_logo(ctx), test_mode=is_test_document(xml))

    return pdf


def email_channel(ctx: AppContext, _endpoint: str = "", timeout: float = 60.0) -> Channel | None:
    """The e-mail channel, or None when no mail server is set up (the e-mails wait)."""
    if settings.read(ctx, settings.DEMO_FOLDER):
        from_address = settings.read(ctx, settings.SMTP_FROM_ADDRESS) or DEMO_FROM
        if not is_valid_email(from_address):
            from_address = DEMO_FROM
        return EmailChannel(folder_deliver(demo_mail_dir(ctx)), pdf_for=_pdf_for(ctx),
                            from_address=from_address, journal=receipts_dir(ctx))
    if not settings.read(ctx, settings.SMTP_HOST):
        return None
    try:
        config = load_config(ctx)
    except MailSettingsError as exc:
        log.warning("e-posta ayarları kullanılamıyor, e-postalar bekliyor: %s", exc.message)
        return None
    if timeout < config.timeout_s:
        config = replace(config, timeout_s=timeout)
    return EmailChannel(smtp_deliver(config), pdf_for=_pdf_for(ctx),
                        from_address=config.from_address, from_name=config.from_name,
                        journal=receipts_dir(ctx))


def _enqueue(s: Session, row: t.Invoice, address: str, message: str) -> None:
    document_id = documents.id_of_invoice(s, row.id, DocumentKind.INVOICE.value)
    if document_id is None:
        raise UserError(f"{row.number}: faturanın imzalı belgesi yok.")
    enqueue(s, document_id=document_id, kind=DocumentKind.INVOICE, channel=CHANNEL,
            receiver_vkn_tckn=row.customer_vkn_tckn, receiver_alias=address,
            now=clock.local_now(), invoice=row)
    add_event(s, row.id, "email-queued", message, data={"to": address})


def _requeue(s: Session, row: t.Invoice, address: str) -> None:
    """A new attempt for the invoice's e-mail. The outbox keeps one item per document: an
    item that finished (sent, failed or handled) waits again for a new envelope, to
    ``address``; one still waiting takes the new address; one in flight is left alone."""
    items = [i for i in outbox.items_of_invoice(s, row.id) if i.channel == CHANNEL]
    if not items:
        _enqueue(s, row, address, f"e-posta ile gönderilecek: {address}")
        return
    item = items[0]
    if item.state == ENVELOPED:
        raise UserError(f"{row.number} şu anda e-postayla gönderiliyor; sonucunu bekleyin.")
    item.state, item.envelope_id, item.problem = WAITING, None, ""
    item.receiver_alias, item.updated_at = address, clock.local_now()
    add_event(s, row.id, "email-queued", f"e-posta yeniden gönderilecek: {address}",
              data={"to": address})


def queue_on_issue(s: Session, row: t.Invoice, inv: InvoiceData) -> bool:
    """Inside the issuing transaction: queue the e-mail of an e-Arşiv invoice delivered
    ELEKTRONIK to a buyer with a usable e-mail address. Returns whether it was queued."""
    if not inv.is_earchive or inv.delivery != DELIVERY_ELECTRONIC:
        return False
    address = (inv.customer.email or "").strip()
    if not is_valid_email(address):
        add_event(s, row.id, "email-missing",
                  "Gönderim şekli ELEKTRONIK ama alıcının geçerli bir e-posta adresi yok; "
                  "fatura e-postayla gönderilmedi.")
        return False
    _enqueue(s, row, address, f"e-posta ile gönderilecek: {address}")
    return True


def send_invoice_email(ctx: AppContext, ettn: str, *, to: str | None = None,
                       deliver_now: bool = True) -> dict[str, Any]:
    """Send the issued e-Arşiv invoice by e-mail again (a new attempt), to ``to`` or the
    buyer's address; with ``deliver_now`` the e-mail channel runs at once. Returns the
    address, whether it went out and the invoice's history."""
    with ctx.db.write_session() as s:
        row = repo.out_by_ettn(s, ettn)
        if row is None:
            raise NotFoundError(f"{ettn} ETTN'li fatura bulunamadı.")
        if row.status == Status.DRAFT:
            raise UserError("Taslak e-postayla gönderilemez; önce kesin.")
        if row.data.get("profile") != "EARSIVFATURA":
            raise UserError(f"{row.number} bir e-Arşiv faturası değil; e-Fatura alıcısına "
                            "GİB üzerinden gider.")
        if not row.signed:
            raise UserError(f"{row.number} imzasız bir geliştirme kopyası; e-postayla "
                            "gönderilmez.")
        if to is None:
            to = str(row.data.get("customer", {}).get("email") or "")
            if not to.strip():
                raise UserError(f"{row.number}: alıcının e-posta adresi yok; bir adres verin "
                                "(--to).", field="to")
        address = checked_address(to, "Alıcının e-posta adresi")
        _requeue(s, row, address)
    sent = False
    if deliver_now:
        sent = deliver_emails(ctx)
    with ctx.db.session() as s:
        row = repo.out_by_ettn(s, ettn)
        assert row is not None
        events = list_events(s, row.id)
    done = [e for e in events if e["kind"] == "gib-status" and e["message"].startswith(
        "e-posta ile gönderildi")]
    return {"ettn": ettn, "number": row.number, "to": address, "sent": bool(sent and done),
            "events": events}


def deliver_emails(ctx: AppContext) -> bool:
    """Run the e-mail channel alone now (no GİB service is called). False when no mail
    server is set up."""
    from datetime import timedelta

    from app.outbox.lock import sync_lock
    from app.usecases.sending import policy_from_settings
    from app.usecases.sync import Sync

    channel = email_channel(ctx)
    if channel is None:
        return False
    policy = replace(policy_from_settings(ctx), poll_interval=timedelta(0))
    with sync_lock(ctx.data_dir):
        engine = Sync(ctx, None, policy=policy, channel=channel)
        engine.run_once()
        engine.run_once()  # the receipt: "e-posta ile gönderildi"
    return True


def test_email(ctx: AppContext, to: str | None = None) -> str:
    """Send a short test message with the saved settings; returns the address it went to."""
    from email.message import EmailMessage

    from app.mail.smtp import send_message

    config = load_config(ctx)
    address = checked_address(to or config.from_address, "Deneme e-postasının adresi")
    msg = EmailMessage()
    msg["From"] = config.from_address
    msg["To"] = address
    msg["Subject"] = "Tezgâh deneme e-postası"
    msg.set_content("Bu ileti Tezgâh'ın e-posta ayarlarını denemek için gönderildi.\n")
    send_message(config, msg)
    return address


def email_settings(ctx: AppContext) -> dict[str, Any]:
    """The SMTP settings as Ayarlar shows them (never the password: only whether one is
    stored)."""
    with ctx.db.session() as s:
        values = {x.key: settings.get(s, x) for x in settings.SMTP_SETTINGS}
    values["password_stored"] = bool(settings.read_smtp_password(ctx.data_dir))
    return values


def save_email_settings(ctx: AppContext, values: dict[str, Any],
                        password: str | None = None) -> None:
    """Store the SMTP settings; ``password`` None keeps the stored one."""
    with ctx.db.write_session() as s:
        settings.put_group(s, settings.SMTP_SETTINGS, values, "E-posta")
    if password is not None:
        settings.write_smtp_password(ctx.data_dir, password)


__all__ = ["CHANNEL", "deliver_emails", "demo_mail_dir", "email_channel", "email_settings",
           "queue_on_issue", "save_email_settings", "send_invoice_email", "test_email"]
