"""An e-Arşiv invoice delivered ELEKTRONIK reaches its buyer by e-mail: PDF and signed XML
attached byte for byte, through a real SMTP server process (aiosmtpd) with STARTTLS or
implicit TLS, AUTH checked; every failure comes out as "try later" or "refused" in Turkish."""

from __future__ import annotations

import logging
import os
import socket
import stat
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app import settings
from app.context import AppContext
from app.domain.errors import UserError
from app.domain.money import format_money
from app.mail.invoice_mail import (
    invoice_message,
    is_electronic_delivery,
    is_valid_email,
    message_id,
)
from app.mail.smtp import (
    MailRefused,
    MailSettingsError,
    MailUndelivered,
    SmtpConfig,
    load_config,
    send_message,
)
from app.ubl.reader import read_ubl
from app.usecases.invoices import invoice_xml
from app.usecases.printing import invoice_pdf_bytes
from tests.fixtures.app import PERSON
from tests.fixtures.smtp import SmtpServer, running_smtp_server
from tests.integration.sending import issue_some

BUYER = "ayse.yilmaz@ornek.com.tr"
SENDER = "fatura@deneme.invalid"


@pytest.fixture(scope="module")
def smtp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmtpServer]:
    with running_smtp_server(tmp_path_factory.mktemp("smtp")) as server:
        yield server


@pytest.fixture
def earsiv(ctx: AppContext, demo_sign: Callable[[bytes], bytes]) -> tuple[str, bytes, bytes]:
    """(ETTN, signed XML from the archive, PDF from printing) of one issued e-Arşiv invoice."""
    [ettn] = issue_some(ctx, demo_sign, 1, profile="EARSIVFATURA", series="EAR",
                        customer={**PERSON, "email": BUYER})
    return ettn, invoice_xml(ctx, ettn), invoice_pdf_bytes(ctx, ettn)


def config(smtp: SmtpServer, security: str = "starttls", **changes: object) -> SmtpConfig:
    port = smtp.ports["plain" if security == "none" else security]
    base = SmtpConfig(host=smtp.host, port=port, security=security, from_address=SENDER,
                      username=smtp.username, password=smtp.password,
                      from_name="Deneme Tekstil Fatura", timeout_s=10, ca_file=str(smtp.ca_file))
    return replace(base, **changes)  # type: ignore[arg-type]


def simple_message(to: str, mid: str) -> object:
    from email.message import EmailMessage

    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"], msg["Message-ID"] = SENDER, to, "deneme", mid
    msg.set_content("deneme")
    return msg


# -- delivered ---------------------------------------------------------------------------


def test_earsiv_invoice_reaches_the_buyer_with_pdf_and_signed_xml(
        smtp: SmtpServer, earsiv: tuple[str, bytes, bytes]) -> None:
    ettn, xml, pdf = earsiv
    invoice = read_ubl(xml)
    assert invoice.signed and is_electronic_delivery(invoice)
    msg = invoice_message(xml, pdf, from_address=SENDER, from_name="Deneme Tekstil Fatura")
    sent = send_message(config(smtp), msg)
    assert sent.message_id == message_id(ettn, 1, SENDER) == f"<{ettn.lower()}.1@deneme.invalid>"

    [got] = smtp.by_message_id(sent.message_id)
    assert got.meta == {"port": "starttls", "mail_from": SENDER, "rcpt_tos": [BUYER],
                        "tls": True, "login": smtp.username, "mechanism": got.meta["mechanism"]}
    assert got.meta["mechanism"] in ("PLAIN", "LOGIN")
    m = got.message
    number = invoice.number
    assert number.startswith("EAR")
    assert m["Subject"] == f"e-Arşiv Fatura {number} — Deneme Tekstil Sanayi ve Ticaret A.Ş."
    assert m["To"].addresses[0].addr_spec == BUYER
    assert m["To"].addresses[0].display_name == "Ayşe Yılmaz"
    assert m["From"].addresses[0].addr_spec == SENDER
    assert m["From"].addresses[0].display_name == "Deneme Tekstil Fatura"
    body = m.get_body(("plain",)).get_content()
    day, month, year = reversed(invoice.issue_date.split("-"))
    assert f"{day}.{month}.{year}" in body
    assert invoice.monetary_total is not None and invoice.monetary_total.payable is not None
    assert format_money(invoice.monetary_total.payable) in body
    assert number in body and "₺" in body
    assert m.get_body(("html",)) is not None
    attachments = {a.get_filename(): a for a in m.iter_attachments()}
    assert set(attachments) == {f"{number}.pdf", f"{number}.xml"}
    assert attachments[f"{number}.pdf"].get_content_type() == "application/pdf"
    assert attachments[f"{number}.xml"].get_content_type() == "application/xml"
    assert attachments[f"{number}.pdf"].get_content() == pdf
    assert attachments[f"{number}.xml"].get_content() == xml
    assert pdf.startswith(b"%PDF")


def test_implicit_tls_and_a_retried_send_is_recognisable(
        smtp: SmtpServer, earsiv: tuple[str, bytes, bytes]) -> None:
    ettn, xml, pdf = earsiv
    first = invoice_message(xml, pdf, from_address=SENDER, attempt=1)
    again = invoice_message(xml, pdf, from_address=SENDER, attempt=2)
    assert first["Message-ID"] != again["Message-ID"]
    assert again["Message-ID"] == invoice_message(xml, pdf, from_address=SENDER,
                                                  attempt=2)["Message-ID"]
    sent = send_message(config(smtp, "tls"), again)
    [got] = smtp.by_message_id(sent.message_id)
    assert got.meta["port"] == "tls" and got.meta["tls"] is True
    assert ettn.lower() in got.message["Message-ID"]
    assert {a.get_content() for a in got.message.iter_attachments()} == {xml, pdf}


def test_none_security_only_to_this_computer(smtp: SmtpServer) -> None:
    sent = send_message(config(smtp, "none"), simple_message(BUYER, "<yerel@deneme.invalid>"))
    [got] = smtp.by_message_id(sent.message_id)
    assert got.meta["port"] == "plain" and got.meta["tls"] is False
    for host in ("smtp.ornek.com.tr", "10.0.0.5", "192.168.1.2"):
        with pytest.raises(MailSettingsError) as info:
            send_message(config(smtp, "none", host=host),
                         simple_message(BUYER, "<uzak@deneme.invalid>"))
        assert "şifresiz" in info.value.message and info.value.field == "security"
    assert smtp.by_message_id("<uzak@deneme.invalid>") == []


# -- refused ------------------------------------------------------------------------------


def test_wrong_password_is_refused_in_turkish_and_never_shown(
        smtp: SmtpServer, caplog: pytest.LogCaptureFixture) -> None:
    secret = "Yanlis-Parola-987"
    cfg = config(smtp, password=secret)
    assert secret not in repr(cfg)
    with caplog.at_level(logging.DEBUG), pytest.raises(MailRefused) as info:
        send_message(cfg, simple_message(BUYER, "<parola@deneme.invalid>"))
    err = info.value
    assert err.kind == "auth" and err.code == 535
    assert "kullanıcı adını ya da parolayı kabul etmedi" in err.message
    assert "535" in err.message and "Ayarlar > E-posta" in err.message
    assert secret not in err.message and secret not in caplog.text
    assert smtp.by_message_id("<parola@deneme.invalid>") == []


def test_unknown_mailbox_is_refused_and_a_busy_one_is_tried_later(smtp: SmtpServer) -> None:
    with pytest.raises(MailRefused) as refused:
        send_message(config(smtp), simple_message("yok@ornek.com.tr", "<yok@deneme.invalid>"))
    assert refused.value.code == 550 and refused.value.kind == "recipient"
    assert "alıcı adresini (yok@ornek.com.tr) kabul etmedi" in refused.value.message
    assert "User unknown" in refused.value.message
    with pytest.raises(MailUndelivered) as later:
        send_message(config(smtp), simple_message("sonra@ornek.com.tr", "<sonra@deneme.invalid>"))
    assert later.value.code == 451 and "daha sonra yeniden" in later.value.message


@pytest.mark.parametrize("security", ["starttls", "tls"])
def test_an_untrusted_certificate_is_refused(smtp: SmtpServer, security: str) -> None:
    with pytest.raises(MailRefused) as info:
        send_message(config(smtp, security, ca_file=""),
                     simple_message(BUYER, f"<guvensiz-{security}@deneme.invalid>"))
    assert info.value.kind == "tls"
    assert "sertifikası doğrulanamadı" in info.value.message
    assert "e-posta gönderilmedi" in info.value.message
    assert smtp.by_message_id(f"<guvensiz-{security}@deneme.invalid>") == []


def test_a_missing_ca_file_is_a_settings_error(smtp: SmtpServer, tmp_path: Path) -> None:
    with pytest.raises(MailSettingsError) as info:
        send_message(config(smtp, ca_file=str(tmp_path / "yok.pem")),
                     simple_message(BUYER, "<ca@deneme.invalid>"))
    assert info.value.field == "ca_file" and "CA dosyası okunamadı" in info.value.message


# -- try later ----------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_server_down_is_tried_later(smtp: SmtpServer) -> None:
    with pytest.raises(MailUndelivered) as info:
        send_message(config(smtp, port=_free_port()),
                     simple_message(BUYER, "<kapali@deneme.invalid>"))
    assert info.value.kind == "connect" and not info.value.maybe_delivered
    assert "bağlanılamadı" in info.value.message and "daha sonra" in info.value.message


def test_a_silent_server_is_cut_at_the_deadline(smtp: SmtpServer) -> None:
    with socket.socket() as listener:  # accepts connections (backlog) but never greets
        listener.bind(("127.0.0.1", 0))
        listener.listen(4)
        started = time.monotonic()
        with pytest.raises(MailUndelivered) as info:
            send_message(config(smtp, port=listener.getsockname()[1], timeout_s=1.0),
                         simple_message(BUYER, "<sessiz@deneme.invalid>"))
        assert time.monotonic() - started < 5
    assert info.value.kind == "timeout" and "saniye" in info.value.message


# -- headers cannot be injected ------------------------------------------------------------


@pytest.mark.parametrize(("field", "value", "named"), [
    ("to", f"{BUYER}\r\nBcc: kotu@saldirgan.invalid", "Alıcının e-posta adresi"),
    ("to", f"{BUYER}, kotu@saldirgan.invalid", "Alıcının e-posta adresi"),
    ("to", f"Ayşe <{BUYER}>", "Alıcının e-posta adresi"),
    ("from_address", f"{SENDER}\nBcc: kotu@saldirgan.invalid", "Gönderen adresi"),
    ("from_name", "Deneme\r\nBcc: kotu@saldirgan.invalid", "Gönderen adı"),
])
def test_header_injection_is_refused_with_the_field_named(
        earsiv: tuple[str, bytes, bytes], field: str, value: str, named: str) -> None:
    _, xml, pdf = earsiv
    kwargs: dict[str, str] = {"from_address": SENDER, field: value}
    with pytest.raises(UserError) as info:
        invoice_message(xml, pdf, **kwargs)  # type: ignore[arg-type]
    assert info.value.message.startswith(named)


def test_a_line_break_inside_the_document_does_not_make_a_header(
        earsiv: tuple[str, bytes, bytes]) -> None:
    _, xml, pdf = earsiv
    name = "Deneme Tekstil Sanayi ve Ticaret A.Ş.".encode()
    assert name in xml
    tampered = xml.replace(name, b"Deneme&#13;&#10;Bcc: kotu@saldirgan.invalid", 1)
    msg = invoice_message(tampered, pdf, from_address=SENDER)
    raw = msg.as_bytes()
    assert msg.get_all("Bcc") is None and b"\nBcc:" not in raw and b"\r\nBcc:" not in raw
    assert msg["Subject"].endswith("Deneme Bcc: kotu@saldirgan.invalid")


def test_the_settings_refuse_a_line_break(ctx: AppContext) -> None:
    with pytest.raises(ValueError):
        settings.write(ctx, settings.SMTP_FROM_NAME, "Deneme\r\nBcc: x@y.invalid")


def test_email_address_check() -> None:
    good = ["ayse@ornek.com.tr", "a.b-c+fatura@alt.ornek.com", "x_y@deneme.invalid"]
    bad = ["", "ayse", "ayse@", "@ornek.com", "ayse@ornek", "ay se@ornek.com",
           "ayşe@ornek.com", "ayse@örnek.com", "a@b@ornek.com", "<ayse@ornek.com>",
           "ayse@ornek.com\n", "ayse@ornek..com", ".ayse@ornek.com", "ayse@-ornek.com",
           "ayse@ornek.com, b@ornek.com", '"a b"@ornek.com', "ayse@1.2.3.4", None, 5]
    assert all(is_valid_email(a) for a in good)
    assert not any(is_valid_email(a) for a in bad)


def test_an_invoice_without_a_buyer_address_says_so(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes]) -> None:
    [ettn] = issue_some(ctx, demo_sign, 1, profile="EARSIVFATURA", series="EAR", customer=PERSON)
    with pytest.raises(UserError) as info:
        invoice_message(invoice_xml(ctx, ettn), b"%PDF-", from_address=SENDER)
    assert "alıcının e-posta adresi yok" in info.value.message


# -- settings --------------------------------------------------------------------------------


def test_settings_and_the_password_file(ctx: AppContext, smtp: SmtpServer) -> None:
    with pytest.raises(MailSettingsError) as info:
        load_config(ctx)
    assert info.value.field == "host"
    for key, value in ((settings.SMTP_HOST, smtp.host),
                       (settings.SMTP_PORT, smtp.ports["starttls"]),
                       (settings.SMTP_SECURITY, "starttls"),
                       (settings.SMTP_USERNAME, smtp.username),
                       (settings.SMTP_FROM_ADDRESS, SENDER),
                       (settings.SMTP_FROM_NAME, "Deneme Tekstil"),
                       (settings.SMTP_CA_FILE, str(smtp.ca_file))):
        settings.write(ctx, key, value)
    settings.write_smtp_password(ctx.data_dir, smtp.password)
    path = settings.smtp_password_file(ctx.data_dir)
    if os.name == "posix":
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    cfg = load_config(ctx)
    assert (cfg.host, cfg.port, cfg.security, cfg.password) == (
        smtp.host, smtp.ports["starttls"], "starttls", smtp.password)
    with ctx.db.session() as s:
        from app.db.repositories import settings as stored

        values = [stored.get_value(s, x.key) for x in settings.SMTP_SETTINGS]
    assert smtp.password not in repr(values)
    sent = send_message(cfg, simple_message(BUYER, "<ayarlar@deneme.invalid>"))
    assert smtp.by_message_id(sent.message_id)
    settings.write_smtp_password(ctx.data_dir, "")
    assert not path.exists() and load_config(ctx).password == ""
    with pytest.raises(ValueError):
        settings.write(ctx, settings.SMTP_SECURITY, "ssl")
    with pytest.raises(ValueError):
        settings.write(ctx, settings.SMTP_PORT, 70000)


def test_no_answer_after_the_message_says_it_may_have_arrived(smtp: SmtpServer) -> None:
    """A server that takes the whole message and then never answers: try later, and the
    error says the message may be there (the next attempt's Message-ID tells them apart)."""
    import threading

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    done = threading.Event()

    def serve() -> None:
        conn, _ = listener.accept()
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 sessiz ESMTP\r\n")
            in_data = False
            for line in lines:
                word = line[:4].upper()
                if in_data:
                    if line == b".\r\n":
                        done.wait(10)  # the whole message is in; no answer
                        return
                elif word == b"DATA":
                    in_data = True
                    conn.sendall(b"354 devam\r\n")
                else:  # EHLO, MAIL, RCPT
                    conn.sendall(b"250 tamam\r\n")

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        with pytest.raises(MailUndelivered) as info:
            send_message(config(smtp, "none", port=listener.getsockname()[1], username="",
                                password="", timeout_s=1.5),
                         simple_message(BUYER, "<belki@deneme.invalid>"))
    finally:
        done.set()
        thread.join(5)
        listener.close()
    assert info.value.kind == "timeout" and info.value.maybe_delivered
