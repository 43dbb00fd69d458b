"""e-Arşiv invoices delivered ELEKTRONIK go to their buyer by e-mail through the outbox (channel
``email``), against a real SMTP server process: attachments byte-equal to the archive, nothing
for KAGIT, retried while the server is down without sending twice, resent on demand."""

from __future__ import annotations

import re
import socket
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app import settings
from app.cli import main
from app.context import AppContext
from app.usecases import sending
from app.usecases.email_delivery import demo_mail_dir, send_invoice_email
from app.usecases.invoices import invoice_xml
from app.usecases.printing import invoice_pdf_bytes
from tests.fixtures.app import PERSON
from tests.fixtures.smtp import Received, SmtpServer, running_smtp_server
from tests.integration.sending import FAST, issue_some

BUYER = "ayse.yilmaz@ornek.com.tr"
SENDER = "fatura@deneme.invalid"


@pytest.fixture(scope="module")
def smtp(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SmtpServer]:
    with running_smtp_server(tmp_path_factory.mktemp("smtp")) as server:
        yield server


def configure(ctx: AppContext, smtp: SmtpServer, *, port: int | None = None) -> None:
    with ctx.db.write_session() as s:
        settings.put(s, settings.SMTP_HOST, smtp.host)
        settings.put(s, settings.SMTP_PORT, port or smtp.ports["starttls"])
        settings.put(s, settings.SMTP_SECURITY, "starttls")
        settings.put(s, settings.SMTP_USERNAME, smtp.username)
        settings.put(s, settings.SMTP_FROM_ADDRESS, SENDER)
        settings.put(s, settings.SMTP_FROM_NAME, "Deneme Tekstil Fatura")
        settings.put(s, settings.SMTP_CA_FILE, str(smtp.ca_file))
        settings.put(s, settings.SMTP_TIMEOUT_SECONDS, 10.0)
    settings.write_smtp_password(ctx.data_dir, smtp.password)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def for_invoice(smtp: SmtpServer, ettn: str) -> list[Received]:
    return [r for r in smtp.received()
            if str(r.message["Message-ID"]).startswith(f"<{ettn.lower()}.")]


def attachments(received: Received) -> dict[str, bytes]:
    return {str(part.get_filename()): part.get_content()
            for part in received.message.iter_attachments()}


def pdf_stable(pdf: bytes) -> bytes:
    """The PDF without what differs between two renderings: creation/modification time and
    the file identifier."""
    pdf = re.sub(rb"/(CreationDate|ModDate) \(D:[^)]*\)", b"", pdf)
    return re.sub(rb"/ID\s*\[[^\]]*\]", b"", pdf).split(b"startxref")[0]


def issue(ctx: AppContext, sign: Callable[[bytes], bytes], **extra: object) -> str:
    [ettn] = issue_some(ctx, sign, 1, profile="EARSIVFATURA", series="EAR",
                        customer={**PERSON, "email": BUYER}, **extra)
    return ettn


def history(ctx: AppContext, ettn: str) -> list[str]:
    return [e["message"] for e in sending.invoice_status(ctx, ettn)["events"]]


def test_electronic_invoice_reaches_the_buyer_with_the_archived_documents(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes], smtp: SmtpServer) -> None:
    configure(ctx, smtp)
    ettn = issue(ctx, demo_sign)
    assert "e-posta ile gönderilecek: " + BUYER in history(ctx, ettn)
    sending.sync(ctx, policy=FAST, max_seconds=60)
    [got] = for_invoice(smtp, ettn)
    assert got.meta.get("rcpt_tos", [BUYER]) == [BUYER] or BUYER in str(got.message["To"])
    files = attachments(got)
    xml = invoice_xml(ctx, ettn)
    [pdf_name] = [n for n in files if n.endswith(".pdf")]
    [xml_name] = [n for n in files if n.endswith(".xml")]
    assert files[xml_name] == xml  # byte for byte the archive's signed XML
    # the printing use case's PDF of the stored XML (it stamps its creation time and ID)
    assert pdf_stable(files[pdf_name]) == pdf_stable(invoice_pdf_bytes(ctx, ettn))
    assert f"e-posta ile gönderildi: {BUYER}" in history(ctx, ettn)
    sending.sync(ctx, policy=FAST, max_seconds=10)
    assert len(for_invoice(smtp, ettn)) == 1  # a later sync sends nothing again


def test_paper_invoice_sends_nothing(ctx: AppContext, demo_sign: Callable[[bytes], bytes],
                                     smtp: SmtpServer) -> None:
    configure(ctx, smtp)
    ettn = issue(ctx, demo_sign, delivery="KAGIT")
    sending.sync(ctx, policy=FAST, max_seconds=10)
    assert for_invoice(smtp, ettn) == []
    assert not any("e-posta" in m for m in history(ctx, ettn))


def test_a_cancelled_invoice_is_not_mailed_if_its_copy_still_waits(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes], smtp: SmtpServer) -> None:
    from app.usecases.cancellation import cancel_invoice

    configure(ctx, smtp)
    ettn = issue(ctx, demo_sign)
    cancel_invoice(ctx, ettn, "Müşteri vazgeçti")
    sending.sync(ctx, policy=FAST, max_seconds=10)
    assert for_invoice(smtp, ettn) == []
    assert "Fatura iptal edildi; e-posta gönderilmedi." in history(ctx, ettn)


def test_server_down_waits_and_sends_once_when_back(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes], smtp: SmtpServer) -> None:
    configure(ctx, smtp, port=free_port())  # nothing listens there
    ettn = issue(ctx, demo_sign)
    report = sending.sync(ctx, policy=FAST, once=True)
    assert report.retrying == 1 and report.messages
    report = sending.sync(ctx, policy=FAST, once=True)  # still down: still waiting
    assert report.retrying == 1
    assert for_invoice(smtp, ettn) == []
    envelope = sending.invoice_status(ctx, ettn)["envelopes"]
    assert [e["state"] for e in envelope if e["attempts"]] == ["retry"]
    configure(ctx, smtp)  # the server is back
    sending.sync(ctx, policy=FAST, max_seconds=60)
    sending.sync(ctx, policy=FAST, max_seconds=10)
    [got] = for_invoice(smtp, ettn)
    # the Message-ID names the ETTN and the envelope (the attempt) that kept it while waiting
    assert str(got.message["Message-ID"]).startswith(
        f"<{ettn.lower()}.{envelope[0]['uuid'].lower()}@")
    assert f"e-posta ile gönderildi: {BUYER}" in history(ctx, ettn)


def test_resend_on_demand_is_a_new_attempt(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes], smtp: SmtpServer,
        capsys: pytest.CaptureFixture[str]) -> None:
    configure(ctx, smtp)
    ettn = issue(ctx, demo_sign)
    sending.sync(ctx, policy=FAST, max_seconds=60)
    [first] = for_invoice(smtp, ettn)
    result = send_invoice_email(ctx, ettn)
    assert result["sent"] and result["to"] == BUYER
    other = "muhasebe@ornek.com.tr"
    assert main(["--data-dir", str(ctx.data_dir), "invoice", "email", ettn, "--to", other]) == 0
    assert other in capsys.readouterr().out
    received = for_invoice(smtp, ettn)
    ids = {str(r.message["Message-ID"]) for r in received}
    assert len(received) == 3 and len(ids) == 3 and str(first.message["Message-ID"]) in ids
    assert [r for r in received if other in str(r.message["To"])]
    xml = invoice_xml(ctx, ettn)
    for r in received:
        assert [v for k, v in attachments(r).items() if k.endswith(".xml")] == [xml]
    events = history(ctx, ettn)
    assert events.count(f"e-posta ile gönderildi: {BUYER}") == 2
    assert f"e-posta ile gönderildi: {other}" in events


def test_demo_mode_writes_the_mail_to_a_folder(
        ctx: AppContext, demo_sign: Callable[[bytes], bytes]) -> None:
    settings.write(ctx, settings.DEMO_FOLDER, True)
    ettn = issue(ctx, demo_sign)
    from app.usecases.email_delivery import deliver_emails

    assert deliver_emails(ctx)
    files = list(Path(demo_mail_dir(ctx)).glob("*.eml"))
    assert len(files) == 1 and ettn.lower() in files[0].name
    assert f"e-posta ile gönderildi: {BUYER}" in history(ctx, ettn)
