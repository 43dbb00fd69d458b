"""Receiving e-İrsaliye and answering it, through the posta kutusu's real door on
127.0.0.1: Deneme Tekstil (``COMPANY``) issues a despatch advice signed with its TEST
certificate; it reaches Çağlayan Şişecilik (``CUSTOMER``) at its e-İrsaliye posta kutusu and
is stored as received with its signature verdict; Çağlayan answers with an irsaliye yanıtı
(signed with its TEST certificate, GİB's XSD + schematron), once, within seven days; the
answer reaches Deneme Tekstil at its e-İrsaliye gönderici birim and marks its despatch
advice answered with the outcome per line. A receipt advice about a despatch advice nobody
knows is kept and says so; GİB's samples import (each into its own data folder: they share
ETTNs); storage keys are checked on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import shutil
import uuid
from collections.abc import Iterator
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app import clock
from app.context import AppContext
from app.domain.errors import UserError
from app.gib.client import EFaturaClient
from app.gib.envelope import (
    DESPATCH_ADVICE_ELEMENT,
    RECEIPT_ADVICE_ELEMENT,
    EnvelopeParty,
    build_envelope,
    strip_xml_declaration,
)
from app.gib.package import zip_envelope
from app.gib.system_response import parse_system_responses
from app.postbox.service import PostboxConfig, PostboxServer
from app.signing import TEST_CA_FILE
from app.ubl.despatch_read import read_despatch, read_receipt
from app.ubl.validate import get_validator
from app.usecases import despatch_receiving, despatches, inbox
from app.usecases.company import set_company
from app.usecases.signers import use_test_certificate
from app.usecases.trust import add as trust_add
from app.usecases.userlist import import_user_list
from tests.fixtures.app import COMPANY, CUSTOMER, make_context
from tests.fixtures.despatch import (
    CUSTOMER_GB,
    CUSTOMER_PK,
    EXAMPLES,
    SUPPLIER_GB,
    user_list_file,
)
from tests.fixtures.simulator import Packed

SUPPLIER_PK = "urn:mail:irsaliyepk@deneme.invalid"


def _business(data_dir: Path, rules_dir: Path, company: dict, pk: str, gb: str) -> AppContext:
    """A business registered for e-İrsaliye (its DespatchAdvice PK and GB aliases set as the
    company's settings) with its own TEST certificate."""
    ctx = make_context(data_dir, rules_dir, company=False)
    set_company(ctx, {**company, "alias": "urn:mail:defaultgb@" + data_dir.name + ".invalid",
                      "despatch_postbox_alias": pk, "despatch_sender_alias": gb})
    use_test_certificate(ctx.data_dir, company["vkn_tckn"], company["name"])
    import_user_list(ctx, user_list_file(data_dir.parent / f"{data_dir.name}-users.xml"))
    return ctx


def _trust(ctx: AppContext, other: AppContext) -> None:
    ca = ctx.data_dir.parent / f"{ctx.data_dir.name}-trusts-{other.data_dir.name}.pem"
    shutil.copyfile(other.data_dir / "signer" / TEST_CA_FILE, ca)
    trust_add(ctx.data_dir, ca)


@pytest.fixture
def pair(tmp_path: Path, installed_rules_dir: Path) -> tuple[AppContext, AppContext]:
    supplier = _business(tmp_path / "deneme", installed_rules_dir, COMPANY, SUPPLIER_PK,
                         SUPPLIER_GB.alias)
    customer = _business(tmp_path / "caglayan", installed_rules_dir, CUSTOMER, CUSTOMER_PK.alias,
                         CUSTOMER_GB.alias)
    _trust(supplier, customer)
    _trust(customer, supplier)
    return supplier, customer


@pytest.fixture
def postbox(tmp_path: Path, gib_unpacked: Path) -> Iterator[PostboxServer]:
    server = PostboxServer(PostboxConfig(
        data_dir=tmp_path / "postbox-data",
        wsdl_file=gib_unpacked / "e-FaturaPaketi" / "wsdl" / "EFatura_Test.wsdl")).start()
    yield server
    server.stop()


def _issue(ctx: AppContext) -> tuple[str, bytes]:
    data = json.loads((EXAMPLES / "TEMELIRSALIYE-SEVK.json").read_text(encoding="utf-8"))
    data.pop("series", None)
    ettn = despatches.create_draft(ctx, data)
    despatches.issue_despatches(ctx, [ettn], None)
    return ettn, despatches.despatch_xml(ctx, ettn)


def _deliver(postbox: PostboxServer, ctx: AppContext, documents: list[bytes], element: str,
             sender: EnvelopeParty, receiver: EnvelopeParty) -> int | None:
    """Through the door as GİB delivers it; processed as the service's worker does; the
    system response GİB would read back."""
    env_id = str(uuid.uuid4()).upper()
    xml = build_envelope(documents, sender=sender, receiver=receiver, envelope_uuid=env_id,
                         created=clock.local_now(), document_type=element)
    data, md5 = zip_envelope(xml, env_id)
    packed = Packed(env_id, xml, data, md5)
    client = EFaturaClient(postbox.url, timeout=10)
    client.send_document(packed.file_name, packed.zip, packed.md5)
    report = inbox.process_spool(ctx, postbox.service.spool)
    assert report.accepted == 1, report.messages
    if element == DESPATCH_ADVICE_ELEMENT:
        assert (report.despatches, report.receipts, report.invoices) == (len(documents), 0, 0)
    else:
        assert (report.receipts, report.despatches, report.answers) == (len(documents), 0, 0)
    [response] = parse_system_responses(client.get_application_response(env_id).xml)
    return response.status_code


def _answer(despatch_xml: bytes) -> dict:
    """Everything arrived but one piece of the first line."""
    d = read_despatch(despatch_xml)
    first, *rest = d.lines
    return {"note": "Teslim alındı.", "lines": [
        {"line_id": first.line_id, "received": str(first.quantity - 1),
         "note": "1 adet gelmedi"},
        *({"line_id": ln.line_id, "received": str(ln.quantity)} for ln in rest)]}


@pytest.mark.needs_http
def test_received_despatch_is_answered_once_and_the_answer_reaches_its_sender(
        postbox: PostboxServer, pair: tuple[AppContext, AppContext]) -> None:
    supplier, customer = pair
    ours, despatch_xml = _issue(supplier)
    to_customer = EnvelopeParty(CUSTOMER["vkn_tckn"], CUSTOMER_PK.alias, CUSTOMER["name"])
    assert CUSTOMER_PK.alias in inbox.receiving_aliases(customer)
    assert _deliver(postbox, customer, [despatch_xml], DESPATCH_ADVICE_ELEMENT, SUPPLIER_GB,
                    to_customer) == 1200

    # stored as received, exactly as signed, with the verdict on its seal
    [row] = despatches.list_despatches(customer, direction="in")
    assert row["ettn"] == ours and row["status"] == "received" and row["direction"] == "in"
    assert row["sender_vkn_tckn"] == COMPANY["vkn_tckn"]
    assert despatches.list_despatches(customer, direction="out") == []
    # the document as it travels in the envelope (without its XML declaration)
    assert despatches.despatch_xml(customer, ours) == strip_xml_declaration(despatch_xml)
    info = despatches.show_despatch(customer, ours)
    assert info["signature_verdict"].startswith("İmza geçerli")
    assert info["answerable"] is True and info["receipt_advices"] == []
    assert despatches.despatch_pdf(customer, ours).startswith(b"%PDF")

    # our answer: signed, GİB's XSD + schematron, stored
    answer = _answer(despatch_xml)
    result = despatch_receiving.respond_despatch(customer, ours, answer)
    assert result["receipt_number"] == "IRY2026000000001"
    # to the alias the despatch came from, through the outbox (POSTBOXENVELOPE)
    assert result["status"] == "queued" and result["queued"] is True
    info = despatches.show_despatch(customer, ours)
    assert info["status"] == "answered" and info["answerable"] is False
    [mine] = info["receipt_advices"]
    assert mine["direction"] == "out" and mine["number"] == "IRY2026000000001"
    receipt_xml = despatch_receiving.receipt_xml(customer, mine["ettn"])
    assert get_validator(customer.rules_dir).validate_receipt_advice(receipt_xml).ok
    receipt = read_receipt(receipt_xml)
    assert receipt.despatch.id == ours and receipt.signed
    with pytest.raises(UserError, match="zaten yanıt verildi"):
        despatch_receiving.respond_despatch(customer, ours, answer)

    # the answer reaches the supplier's gönderici birim: its despatch advice is answered
    assert _deliver(postbox, supplier, [receipt_xml], RECEIPT_ADVICE_ELEMENT, CUSTOMER_GB,
                    SUPPLIER_GB) == 1200
    info = despatches.show_despatch(supplier, ours)
    assert info["status"] == "answered"
    [theirs] = info["receipt_advices"]
    assert theirs["direction"] == "in" and theirs["counted"] and theirs["signature_valid"]
    first, *rest = info["outcome"]["lines"]
    assert (Decimal(first["short"]), first["note"]) == (1, "1 adet gelmedi")
    assert all(Decimal(ln["short"]) == 0 and Decimal(ln["received"]) == Decimal(ln["despatched"])
               for ln in rest), rest
    assert info["outcome"]["summary"] == "Alıcının yanıtı: 1 satırda eksik."


@pytest.mark.needs_http
def test_no_answer_after_seven_days_and_a_receipt_for_an_unknown_despatch_is_kept(
        postbox: PostboxServer, pair: tuple[AppContext, AppContext]) -> None:
    supplier, customer = pair
    ours, despatch_xml = _issue(supplier)
    to_customer = EnvelopeParty(CUSTOMER["vkn_tckn"], CUSTOMER_PK.alias, CUSTOMER["name"])
    assert _deliver(postbox, customer, [despatch_xml], DESPATCH_ADVICE_ELEMENT, SUPPLIER_GB,
                    to_customer) == 1200
    later = clock.now() + timedelta(days=7, minutes=1)
    with clock.frozen_at(later), pytest.raises(UserError, match="Yanıt süresi doldu"):
        despatch_receiving.respond_despatch(customer, ours, _answer(despatch_xml))
    assert despatches.show_despatch(customer, ours)["status"] == "received"
    # within the seven days it is answered; the supplier has never heard of this despatch
    # (another data folder): its receipt advice is still kept, and says so
    despatch_receiving.respond_despatch(customer, ours, _answer(despatch_xml))
    [mine] = despatches.show_despatch(customer, ours)["receipt_advices"]
    stranger = make_context(supplier.data_dir.parent / "stranger", customer.rules_dir,
                            company=False)
    set_company(stranger, {**COMPANY, "alias": "urn:mail:defaultgb@stranger.invalid",
                           "despatch_sender_alias": SUPPLIER_GB.alias})
    _trust(stranger, customer)
    receipt_xml = despatch_receiving.receipt_xml(customer, mine["ettn"])
    assert _deliver(postbox, stranger, [receipt_xml], RECEIPT_ADVICE_ELEMENT, CUSTOMER_GB,
                    SUPPLIER_GB) == 1200
    [kept] = despatch_receiving.unmatched_receipts(stranger)
    assert kept["despatch_reference"] == ours and "kayıtlı irsaliyelerimiz arasında yok" \
        in kept["note"]


def _gib_samples(ubl_samples_dir: Path) -> list[Path]:
    return sorted([*ubl_samples_dir.glob("Irsaliye*.xml"), ubl_samples_dir / "IDIS_Irsaliye.xml"])


def test_each_gib_sample_imports_as_received(tmp_path: Path, installed_rules_dir: Path,
                                             ubl_samples_dir: Path) -> None:
    samples = _gib_samples(ubl_samples_dir)
    assert len(samples) == 9
    for path in samples:
        ctx = make_context(tmp_path / path.stem, installed_rules_dir, company=False)
        set_company(ctx, CUSTOMER)
        result = despatch_receiving.import_document(ctx, path.read_bytes())
        receipt = path.name.startswith("IrsaliyeYaniti")
        assert result["kind"] == ("receipt-advice" if receipt else "despatch-advice")
        assert result["signature_valid"] is False and result["signature_verdict"]
        if receipt:  # answers GIB2016000000033's… despatch, unknown here: kept
            assert "kayıtlı irsaliyelerimiz arasında yok" in result["note"]
            [kept] = despatch_receiving.unmatched_receipts(ctx)
            assert kept["number"] == result["number"]
        else:
            [row] = despatches.list_despatches(ctx, direction="in")
            assert row["ettn"] == result["ettn"] and row["status"] == "received"
            assert despatches.despatch_xml(ctx, result["ettn"]) == path.read_bytes()
        with pytest.raises(UserError, match="zaten kayıtlı"):
            despatch_receiving.import_document(ctx, path.read_bytes())


def test_received_keys_sender_and_ettn(tmp_path: Path, installed_rules_dir: Path,
                                       ubl_samples_dir: Path, each_engine: str) -> None:
    """One sender's ETTN is one document; the same ETTN from another sender is another."""
    ctx = make_context(tmp_path / "data", installed_rules_dir, company=False)
    set_company(ctx, CUSTOMER)
    first = (ubl_samples_dir / "Irsaliye-Ornek1.xml").read_bytes()
    despatch_receiving.import_document(ctx, first)
    # Irsaliye-Ornek2: the same sender and ETTN, other bytes: refused, nothing stored
    with pytest.raises(UserError, match="aynı ETTN ile başka bir belge saklanmadı"):
        despatch_receiving.import_document(
            ctx, (ubl_samples_dir / "Irsaliye-Ornek2.xml").read_bytes())
    # the same ETTN from another sender: stored beside it
    other = first.replace(b">1288331521<", b">" + COMPANY["vkn_tckn"].encode() + b"<")
    despatch_receiving.import_document(ctx, other)
    rows = despatches.list_despatches(ctx, direction="in")
    assert sorted(r["sender_vkn_tckn"] for r in rows) == sorted(["1288331521",
                                                                 COMPANY["vkn_tckn"]])
    assert len({r["ettn"] for r in rows}) == 1
    # receipt advices likewise: the same one twice is already received
    answer = (ubl_samples_dir / "IrsaliyeYaniti-Ornek1.xml").read_bytes()
    despatch_receiving.import_document(ctx, answer)
    with pytest.raises(UserError, match="zaten kayıtlı"):
        despatch_receiving.import_document(ctx, answer)


def test_the_command_line_imports_lists_shows_and_answers_a_received_despatch(
        tmp_path: Path, pair: tuple[AppContext, AppContext], ubl_samples_dir: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    from app.cli import main

    supplier, customer = pair
    ours, despatch_xml = _issue(supplier)
    file = tmp_path / "irsaliye.xml"
    file.write_bytes(despatch_xml)
    d = str(customer.data_dir)
    assert main(["--data-dir", d, "import", str(file)]) == 0  # its seal is valid
    out = capsys.readouterr().out
    assert f"İçe alındı: e-İrsaliye IRS2026000000001 — {COMPANY['name']}" in out
    assert "İmza geçerli" in out
    assert main(["--data-dir", d, "despatch", "list", "--incoming"]) == 0
    out = capsys.readouterr().out
    assert ours in out and f"← {COMPANY['name']}" in out and "Gelen" in out
    assert main(["--data-dir", d, "despatch", "show", ours]) == 0
    out = capsys.readouterr().out
    assert f"Gönderen: {COMPANY['name']}" in out and "Yanıt verilebilir: son gün" in out
    answer = tmp_path / "yanit.json"
    answer.write_text(json.dumps(_answer(despatch_xml)), encoding="utf-8")
    assert main(["--data-dir", d, "despatch", "respond", ours, "--json", str(answer)]) == 0
    assert "İrsaliye yanıtı verildi: IRY2026000000001" in capsys.readouterr().out
    assert main(["--data-dir", d, "despatch", "respond", ours, "--json", str(answer)]) == 1
    assert "zaten yanıt verildi" in capsys.readouterr().err
    assert main(["--data-dir", d, "despatch", "show", ours]) == 0
    out = capsys.readouterr().out
    assert "Yanıtımız: IRY2026000000001 (Giden kutusunda)" in out
    for kind in ("xml", "pdf"):
        target = tmp_path / f"gelen.{kind}"
        assert main(["--data-dir", d, "despatch", kind, ours, "--out", str(target)]) == 0
    assert (tmp_path / "gelen.xml").read_bytes() == despatch_xml
    assert (tmp_path / "gelen.pdf").read_bytes().startswith(b"%PDF")
    # a receipt advice for a despatch advice this business never issued: kept, said so;
    # GİB's sample carries no signature, so the exit code is 1
    sample = str(ubl_samples_dir / "IrsaliyeYaniti-Ornek3.xml")
    assert main(["--data-dir", d, "import", sample]) == 1
    out = capsys.readouterr().out
    assert "İçe alındı: İrsaliye yanıtı GIB2016000000016" in out
    assert "kayıtlı irsaliyelerimiz arasında yok" in out


@pytest.mark.needs_http
def test_the_same_despatch_in_a_second_envelope_is_kept_once(
        postbox: PostboxServer, pair: tuple[AppContext, AppContext]) -> None:
    supplier, customer = pair
    ours, despatch_xml = _issue(supplier)
    to_customer = EnvelopeParty(CUSTOMER["vkn_tckn"], CUSTOMER_PK.alias, CUSTOMER["name"])
    for _ in range(2):
        assert _deliver(postbox, customer, [despatch_xml], DESPATCH_ADVICE_ELEMENT,
                        SUPPLIER_GB, to_customer) == 1200
    [row] = despatches.list_despatches(customer, direction="in")
    assert row["ettn"] == ours and len(inbox.envelopes(customer)) == 2
