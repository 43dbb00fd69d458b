"""e-İrsaliye through the local GİB simulator over real HTTP on 127.0.0.1: a rendered and
signed despatch advice in a SENDERENVELOPE to the customer's DespatchAdvice alias goes
1000 → 1100 → 1200 → 1300 like an invoice (Ek-2 §4.1); to an Invoice alias or an unknown one
it is 1181 ADRES BULUNAMADI; the same despatch in a new envelope is 1164; the customer's
signed receipt advice goes back in a POSTBOXENVELOPE to the supplier's DespatchAdvice alias
and completes too. Delivered to the customer's posta kutusu service, the despatch arrives
byte-exact, its examination answers 1200 and the simulator then says 1300.

The status timeline is read with the core's clock held still and moved on by hand
(``app.clock.frozen_at``), so no assertion depends on how fast the machine is."""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest

from app import clock
from app.domain.documents import DocumentKind
from app.gib.client import EFaturaClient
from app.gib.envelope import (
    DESPATCH_ADVICE_ELEMENT,
    RECEIPT_ADVICE_ELEMENT,
    EnvelopeParty,
    build_envelope,
)
from app.gib.package import md5_hex, zip_envelope
from app.gib.simulator import GibSimulator
from app.gib.simulator.service import SIMULATOR_PARTY
from app.gib.system_response import build_system_envelope
from app.postbox.processing import Checks, examine
from app.postbox.service import PostboxConfig, PostboxServer
from app.signing import verify_document
from app.ubl.validate import get_validator
from tests.fixtures.despatch import (
    CUSTOMER_GB,
    CUSTOMER_INVOICE_PK,
    CUSTOMER_PK,
    SUPPLIER_GB,
    DespatchSigners,
    despatch_signers,
    user_list_file,
)
from tests.fixtures.simulator import Packed

pytestmark = [pytest.mark.needs_http, pytest.mark.slow]

STEP = 60.0  # seconds of each status in the simulator's timeline (on the held clock)


@pytest.fixture(scope="module")
def signers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DespatchSigners]:
    with despatch_signers(tmp_path_factory.mktemp("despatch-signers")) as found:
        yield found


@pytest.fixture
def users(tmp_path: Path) -> Path:
    return user_list_file(tmp_path / "users.xml")


@pytest.fixture
def sim(make_gib_simulator: Callable[..., GibSimulator], users: Path,
        installed_rules_dir: Path) -> GibSimulator:
    """Checks XSD and schematron like GİB; each status lasts STEP seconds of the clock."""
    return make_gib_simulator(userlist_file=users, validator=get_validator(installed_rules_dir),
                              queue_delay=STEP, processing_delay=STEP, delivery_delay=STEP)


@pytest.fixture
def quick(make_gib_simulator: Callable[..., GibSimulator], users: Path,
          installed_rules_dir: Path) -> GibSimulator:
    """The same checks with no delays: the verdict is the status as soon as it is checked."""
    return make_gib_simulator(userlist_file=users, validator=get_validator(installed_rules_dir))


def pack_documents(documents: list[bytes], document_type: str, *, sender: EnvelopeParty,
                   receiver: EnvelopeParty) -> Packed:
    env_id = str(uuid.uuid4()).upper()
    xml = build_envelope(documents, sender=sender, receiver=receiver, envelope_uuid=env_id,
                         created=clock.local_now(), document_type=document_type)
    data, md5 = zip_envelope(xml, env_id)
    return Packed(env_id, xml, data, md5)


def _client(sim: GibSimulator) -> EFaturaClient:
    return EFaturaClient(sim.url, timeout=10)


def _send(sim: GibSimulator, packed: Packed) -> None:
    assert _client(sim).send_document(packed.file_name, packed.zip, packed.md5).hash_matches


def _timeline(sim: GibSimulator, packed: Packed) -> list[tuple[int | None, str]]:
    """Send ``packed`` with the clock held at one moment, then read its status (code, GİB's
    words) at each step of the timeline."""
    start = clock.now()
    seen: list[tuple[int | None, str]] = []

    def look() -> None:
        answer = _client(sim).get_application_response(packed.uuid)
        seen.append((answer.status_code, answer.description))

    with clock.frozen_at(start):
        _send(sim, packed)
        look()  # 1000 ZARF KUYRUGA EKLENDI
    sim.wait_until_checked(packed.uuid)
    for steps in (1.5, 2.5, 3.5):  # 1100 (queue over), 1200 (checks over), 1300
        with clock.frozen_at(start + timedelta(seconds=STEP * steps)):
            look()
    return seen


def test_despatch_goes_1000_1100_1200_1300_like_an_invoice(sim: GibSimulator,
                                                           signers: DespatchSigners) -> None:
    packed = pack_documents([signers.despatch()], DESPATCH_ADVICE_ELEMENT, sender=SUPPLIER_GB,
                            receiver=CUSTOMER_PK)
    seen = _timeline(sim, packed)
    assert [code for code, _ in seen] == [1000, 1100, 1200, 1300], seen
    assert seen[-1][1] == "BASARIYLA TAMAMLANDI"


def test_receipt_advice_goes_back_to_the_suppliers_despatch_alias(
        sim: GibSimulator, signers: DespatchSigners) -> None:
    despatch = signers.despatch()
    first = pack_documents([despatch], DESPATCH_ADVICE_ELEMENT, sender=SUPPLIER_GB,
                           receiver=CUSTOMER_PK)
    assert [c for c, _ in _timeline(sim, first)][-1] == 1300
    answer = pack_documents([signers.receipt(despatch)], RECEIPT_ADVICE_ELEMENT,
                            sender=CUSTOMER_GB, receiver=SUPPLIER_GB)
    assert [c for c, _ in _timeline(sim, answer)] == [1000, 1100, 1200, 1300]


def test_wrong_alias_is_1181_and_a_despatch_sent_twice_is_1164(
        quick: GibSimulator, signers: DespatchSigners) -> None:
    sim = quick
    despatch = signers.despatch()
    # The customer's e-Fatura posta kutusu is registered, but for invoices only (UserList
    # guide §2: Document type Invoice); an alias nobody has is no better.
    for receiver in (CUSTOMER_INVOICE_PK,
                     EnvelopeParty(CUSTOMER_PK.vkn_tckn, "urn:mail:yokpk@caglayan.invalid")):
        packed = pack_documents([despatch], DESPATCH_ADVICE_ELEMENT, sender=SUPPLIER_GB,
                                receiver=receiver)
        _send(sim, packed)
        sim.wait_until_checked(packed.uuid)
        answer = _client(sim).get_application_response(packed.uuid)
        assert answer.status_code == 1181, answer
        assert answer.description.startswith("ADRES BULUNAMADI")
    # a receipt advice is answered to a DespatchAdvice alias too, not to the e-Fatura one
    receipt = pack_documents([signers.receipt(despatch)], RECEIPT_ADVICE_ELEMENT,
                             sender=CUSTOMER_GB,
                             receiver=EnvelopeParty(SUPPLIER_GB.vkn_tckn,
                                                    "urn:mail:defaultgb@deneme.invalid"))
    _send(sim, receipt)
    sim.wait_until_checked(receipt.uuid)
    assert _client(sim).get_application_response(receipt.uuid).status_code == 1181

    # Ek-2 §4: a despatch GİB already recorded, in a new envelope: 1164 (…BELGEYİ…)
    accepted = pack_documents([despatch], DESPATCH_ADVICE_ELEMENT, sender=SUPPLIER_GB,
                              receiver=CUSTOMER_PK)
    _send(sim, accepted)
    sim.wait_until_checked(accepted.uuid)
    assert sim.state.get(accepted.uuid).code is None  # type: ignore[union-attr]
    again = pack_documents([despatch], DESPATCH_ADVICE_ELEMENT, sender=SUPPLIER_GB,
                           receiver=CUSTOMER_PK)
    _send(sim, again)
    sim.wait_until_checked(again.uuid)
    answer = _client(sim).get_application_response(again.uuid)
    assert answer.status_code == 1164
    assert "DAHA ONCE KAYITLI OLAN BIR BELGEY" in answer.description


def test_changed_after_signing_is_1177_and_a_strangers_seal_is_refused(
        quick: GibSimulator, signers: DespatchSigners) -> None:
    sim = quick
    despatch = signers.despatch()
    changed = despatch.replace("Mallar kırılacak eşya içermez.".encode(),
                               "Mallar kırılacak eşya içerir.".encode())
    assert changed != despatch
    packed = pack_documents([changed], DESPATCH_ADVICE_ELEMENT, sender=SUPPLIER_GB,
                            receiver=CUSTOMER_PK)
    _send(sim, packed)
    sim.wait_until_checked(packed.uuid)
    answer = _client(sim).get_application_response(packed.uuid)
    assert answer.status_code == 1177, answer.description
    assert "1. belge" in answer.description
    # sent by the customer under its own VKN: the despatch's supplier is not the envelope's
    # sender (schematron DocumentSenderCheck, 1150) — never accepted
    packed = pack_documents([despatch], DESPATCH_ADVICE_ELEMENT,
                            sender=EnvelopeParty(CUSTOMER_GB.vkn_tckn, CUSTOMER_GB.alias),
                            receiver=CUSTOMER_PK)
    _send(sim, packed)
    sim.wait_until_checked(packed.uuid)
    assert _client(sim).get_application_response(packed.uuid).status_code == 1150


# -- delivered to the customer's posta kutusu -----------------------------------------------

@pytest.fixture
def pk(tmp_path: Path, gib_unpacked: Path) -> Iterator[PostboxServer]:
    server = PostboxServer(PostboxConfig(
        data_dir=tmp_path / "customer-postbox",
        wsdl_file=gib_unpacked / "e-FaturaPaketi" / "wsdl" / "EFatura_Test.wsdl")).start()
    yield server
    server.stop()


def _watch(sim: GibSimulator, envelope_id: str, until: set[int],
           timeout: float = 20.0) -> int:
    deadline = time.monotonic() + timeout
    code = None
    while time.monotonic() < deadline:
        code = _client(sim).get_application_response(envelope_id).status_code
        if code in until:
            return code
        time.sleep(0.02)
    raise AssertionError(f"{envelope_id}: none of {until}; last {code}")


def test_delivered_to_the_customers_posta_kutusu_and_answered_1200(
        make_gib_simulator: Callable[..., GibSimulator], users: Path, pk: PostboxServer,
        installed_rules_dir: Path, signers: DespatchSigners) -> None:
    sim = make_gib_simulator(userlist_file=users, validator=get_validator(installed_rules_dir),
                             deliver={CUSTOMER_PK.alias: pk.url}, delivery_timeout=5.0,
                             delivery_poll_interval=60.0)
    packed = pack_documents([signers.despatch()], DESPATCH_ADVICE_ELEMENT, sender=SUPPLIER_GB,
                            receiver=CUSTOMER_PK)
    _send(sim, packed)
    assert _watch(sim, packed.uuid, {1220, 1300, 1230, 1210, 1215}) == 1220
    # the posta kutusu holds the very bytes the supplier sent, under the same name
    spool = pk.service.spool
    data = spool.read(packed.uuid)
    assert data == packed.zip and md5_hex(data) == packed.md5

    # its examination: GİB's rules, the seal (the supplier's test CA is not among the
    # customer's anchors: intact, yet not trusted, which does not fail the envelope)
    examined = examine(packed.uuid, data,
                       checks=Checks(get_validator(installed_rules_dir), verify_document),
                       company_vkn_tckn=CUSTOMER_PK.vkn_tckn, aliases=[CUSTOMER_PK.alias])
    assert examined.code == 1200, examined.description
    assert examined.document_kind is DocumentKind.DESPATCH_ADVICE
    [doc] = examined.documents
    assert doc.kind is DocumentKind.DESPATCH_ADVICE and doc.signature["intact"] is True
    assert doc.signature["signer_vkn_tckn"] == SUPPLIER_GB.vkn_tckn

    # the posta kutusu's system response (1200) makes the supplier's envelope 1300
    sys_id = str(uuid.uuid4()).upper()
    xml = build_system_envelope(envelope_id=packed.uuid, envelope_date=clock.today().isoformat(),
                                code=examined.code, description=examined.description,
                                sender=CUSTOMER_PK, receiver=SIMULATOR_PARTY,
                                created=clock.now(),
                                system_envelope_id=sys_id)
    zipped, md5 = zip_envelope(xml, sys_id)
    assert _client(sim).send_document(f"{sys_id}.zip", zipped, md5).hash == md5
    assert _watch(sim, packed.uuid, {1300, 1230}) == 1300
