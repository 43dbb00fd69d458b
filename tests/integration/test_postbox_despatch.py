"""The posta kutusu receiving e-İrsaliye over real HTTP on 127.0.0.1, in the style of
test_postbox_door: a signed despatch advice in a SENDERENVELOPE comes through the door
(stored, answered with its MD5), is examined like an invoice (GİB's XSD and schematron, the
seal with the company's trust anchors) and answered 1200 through getApplicationResponse; a
receipt advice in a POSTBOXENVELOPE is taken the same way; one for another receiver or a
despatch in the wrong kind of envelope is answered 1181 / 1160.

Storing e-İrsaliye documents in the desktop's database is not part of receiving yet: the
envelope is recorded with its zip, and ``ReceivedDocument.kind`` says what each document is.
"""

from __future__ import annotations

import re
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from app import clock, settings
from app.context import AppContext
from app.domain.documents import DocumentKind
from app.gib.client import EFaturaClient
from app.gib.envelope import (
    DESPATCH_ADVICE_ELEMENT,
    RECEIPT_ADVICE_ELEMENT,
    SENDER_ENVELOPE,
    EnvelopeParty,
    build_envelope,
    strip_xml_declaration,
)
from app.gib.package import md5_hex, zip_envelope
from app.gib.system_response import parse_system_responses
from app.postbox.processing import examine
from app.postbox.service import PostboxConfig, PostboxServer
from app.signing import TEST_CA_FILE
from app.usecases import inbox
from app.usecases.company import set_company
from app.usecases.trust import add as trust_add
from tests.fixtures.app import COMPANY, CUSTOMER, make_context
from tests.fixtures.despatch import (
    CUSTOMER_GB,
    CUSTOMER_PK,
    SUPPLIER_GB,
    DespatchSigners,
    despatch_signers,
)
from tests.fixtures.simulator import Packed

pytestmark = pytest.mark.needs_http


@pytest.fixture(scope="module")
def signers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DespatchSigners]:
    with despatch_signers(tmp_path_factory.mktemp("despatch-signers")) as found:
        yield found


def _receiver(data_dir: Path, rules_dir: Path, company: dict, gb_alias: str, pk_alias: str,
              trusted_ca: Path) -> AppContext:
    """A business receiving e-İrsaliye: its posta kutusu alias is the e-İrsaliye one (the
    company does not keep DespatchAdvice aliases of its own yet), trusting the other side's
    test CA."""
    ctx = make_context(data_dir, rules_dir, company=False)
    set_company(ctx, {**company, "alias": gb_alias})
    settings.write(ctx, settings.POSTBOX_ALIAS, pk_alias)
    ca = data_dir.parent / f"{data_dir.name}-ca.pem"
    shutil.copyfile(trusted_ca, ca)
    trust_add(ctx.data_dir, ca)
    return ctx


@pytest.fixture
def customer_ctx(tmp_path: Path, installed_rules_dir: Path,
                 signers: DespatchSigners) -> AppContext:
    return _receiver(tmp_path / "customer", installed_rules_dir, CUSTOMER, CUSTOMER_GB.alias,
                     CUSTOMER_PK.alias, signers.supplier_dir / "signer" / TEST_CA_FILE)


@pytest.fixture
def supplier_ctx(tmp_path: Path, installed_rules_dir: Path,
                 signers: DespatchSigners) -> AppContext:
    return _receiver(tmp_path / "supplier", installed_rules_dir, COMPANY, SUPPLIER_GB.alias,
                     "urn:mail:irsaliyepk@deneme.invalid",
                     signers.customer_dir / "signer" / TEST_CA_FILE)


@pytest.fixture
def postbox(tmp_path: Path, gib_unpacked: Path) -> Iterator[PostboxServer]:
    server = PostboxServer(PostboxConfig(
        data_dir=tmp_path / "postbox-data",
        wsdl_file=gib_unpacked / "e-FaturaPaketi" / "wsdl" / "EFatura_Test.wsdl")).start()
    yield server
    server.stop()


def _pack(documents: list[bytes], document_type: str, *, sender: EnvelopeParty,
          receiver: EnvelopeParty, envelope_type: str | None = None) -> Packed:
    env_id = str(uuid.uuid4()).upper()
    xml = build_envelope(documents, sender=sender, receiver=receiver, envelope_uuid=env_id,
                         created=clock.local_now(), document_type=document_type,
                         envelope_type=envelope_type)
    data, md5 = zip_envelope(xml, env_id)
    return Packed(env_id, xml, data, md5)


def _through_the_door(postbox: PostboxServer, ctx: AppContext, packed: Packed) -> int | None:
    """Send ``packed`` to the door, process the spool as the service's worker does, and
    read the system response GİB would poll (Ek-3 §7.2.2)."""
    client = EFaturaClient(postbox.url, timeout=10)
    result = client.send_document(packed.file_name, packed.zip, packed.md5)
    assert result.hash == md5_hex(packed.zip) and result.message == "ZARF BASARIYLA ALINDI"
    spool = postbox.service.spool
    assert spool.read(packed.uuid) == packed.zip
    # before processing: received and waiting (1000)
    assert client.get_application_response(packed.uuid).status_code == 1000
    inbox.process_spool(ctx, spool)
    [response] = parse_system_responses(client.get_application_response(packed.uuid).xml)
    assert response.envelope_id.upper() == packed.uuid
    return response.status_code


def test_despatch_through_the_door_is_examined_and_answered_1200(
        postbox: PostboxServer, customer_ctx: AppContext, signers: DespatchSigners) -> None:
    despatch = signers.despatch()
    packed = _pack([despatch], DESPATCH_ADVICE_ELEMENT, sender=SUPPLIER_GB,
                   receiver=CUSTOMER_PK)
    examined = examine(packed.uuid, packed.zip, checks=inbox.make_checks(customer_ctx),
                       company_vkn_tckn=CUSTOMER_PK.vkn_tckn,
                       aliases=inbox.receiving_aliases(customer_ctx))
    assert examined.code == 1200, examined.description
    assert examined.type == SENDER_ENVELOPE
    assert examined.document_kind is DocumentKind.DESPATCH_ADVICE
    [doc] = examined.documents
    assert doc.kind is DocumentKind.DESPATCH_ADVICE
    assert doc.content == strip_xml_declaration(despatch)
    # the supplier's seal, trusted through the anchor the customer added
    assert doc.signature["valid"] is True
    assert doc.signature["signer_vkn_tckn"] == SUPPLIER_GB.vkn_tckn

    assert _through_the_door(postbox, customer_ctx, packed) == 1200


def test_receipt_advice_through_the_door_is_answered_1200(
        postbox: PostboxServer, supplier_ctx: AppContext, signers: DespatchSigners) -> None:
    receipt = signers.receipt(signers.despatch())
    packed = _pack([receipt], RECEIPT_ADVICE_ELEMENT, sender=CUSTOMER_GB, receiver=SUPPLIER_GB)
    examined = examine(packed.uuid, packed.zip, checks=inbox.make_checks(supplier_ctx),
                       company_vkn_tckn=SUPPLIER_GB.vkn_tckn,
                       aliases=inbox.receiving_aliases(supplier_ctx))
    assert examined.code == 1200, examined.description
    [doc] = examined.documents
    assert doc.kind is DocumentKind.RECEIPT_ADVICE and doc.signature["valid"] is True
    assert _through_the_door(postbox, supplier_ctx, packed) == 1200


def test_not_ours_or_in_the_wrong_envelope_is_refused(
        customer_ctx: AppContext, signers: DespatchSigners) -> None:
    despatch = signers.despatch()
    checks = inbox.make_checks(customer_ctx)
    aliases = inbox.receiving_aliases(customer_ctx)
    # a receipt advice for the supplier, delivered to the customer: not our document
    receipt = _pack([signers.receipt(despatch)], RECEIPT_ADVICE_ELEMENT, sender=CUSTOMER_GB,
                    receiver=SUPPLIER_GB)
    examined = examine(receipt.uuid, receipt.zip, checks=checks,
                       company_vkn_tckn=CUSTOMER_PK.vkn_tckn, aliases=aliases)
    assert examined.code == 1181, examined.description
    # … nor when the envelope is addressed to us but the document names another receiver
    # (a receipt advice's receiver is the DespatchSupplierParty; built by hand, since
    # build_envelope refuses it)
    to_us = re.sub(rb"<sh:Receiver>.*?</sh:Receiver>",
                   b"<sh:Receiver><sh:Identifier>" + CUSTOMER_PK.alias.encode()
                   + b"</sh:Identifier><sh:ContactInformation><sh:Contact>"
                   + CUSTOMER_PK.vkn_tckn.encode() + b"</sh:Contact><sh:ContactTypeIdentifier>"
                   b"VKN_TCKN</sh:ContactTypeIdentifier></sh:ContactInformation></sh:Receiver>",
                   receipt.envelope, count=1, flags=re.S)
    data, _ = zip_envelope(to_us, receipt.uuid)
    examined = examine(receipt.uuid, data, checks=checks,
                       company_vkn_tckn=CUSTOMER_PK.vkn_tckn, aliases=aliases)
    assert examined.code == 1181 and "1. belgenin alıcısı (3880530121)" in examined.description
    # a despatch in a POSTBOXENVELOPE (Ek-1 §3.2; built by hand: build_envelope refuses it)
    packed = _pack([despatch], DESPATCH_ADVICE_ELEMENT, sender=SUPPLIER_GB,
                   receiver=CUSTOMER_PK)
    xml = packed.envelope.replace(b"<sh:Type>SENDERENVELOPE</sh:Type>",
                                  b"<sh:Type>POSTBOXENVELOPE</sh:Type>")
    data, _ = zip_envelope(xml, packed.uuid)
    examined = examine(packed.uuid, data, checks=checks, company_vkn_tckn=CUSTOMER_PK.vkn_tckn,
                       aliases=aliases)
    assert examined.code == 1160 and "işlenmez" in examined.description
