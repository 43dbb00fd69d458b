"""The GİB simulator playing Merkez towards receivers, over real HTTP on 127.0.0.1: envelopes
forwarded unchanged to the project's own posta kutusu service (``PostboxServer``), the
sender's status 1200 → 1220 → 1300 | 1230 and 1210 → 1215 (Ek-2 §4.1), the receiver's
system response (sent to the simulator, or polled from the receiver), POSTBOXENVELOPEs to a
gönderici birim, the registry of service addresses and the delivery faults."""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time
import uuid
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import requests
from lxml import etree

from app import clock
from app.gib.client import EFaturaClient
from app.gib.envelope import POSTBOX_ENVELOPE, EnvelopeParty, build_envelope, parse_envelope
from app.gib.package import md5_hex, zip_envelope
from app.gib.simulator import GibSimulator
from app.gib.simulator.delivery import GIB_PARTY, parse_target
from app.gib.simulator.service import SIMULATOR_PARTY
from app.gib.system_response import build_system_envelope, parse_system_responses
from app.postbox.service import PostboxConfig, PostboxServer
from tests.fixtures.simulator import RECEIVER, SENDER, Packed, pack

# slow: whole exchanges over HTTP (every full run keeps them; the edit loop skips them)
pytestmark = [pytest.mark.needs_http, pytest.mark.slow]

RECEIVER_GB = EnvelopeParty("9205121120", "urn:mail:defaultgb@bbb.com.tr", "BBB Limited Şirketi")
FAST = {"delivery_retry_interval": 0.2, "delivery_poll_interval": 60.0, "delivery_timeout": 3.0}


@pytest.fixture
def make_postbox(tmp_path: Path, gib_unpacked: Path) -> Iterator[Callable[..., PostboxServer]]:
    started: list[PostboxServer] = []

    def make(**overrides: object) -> PostboxServer:
        settings: dict = {"data_dir": tmp_path / f"postbox-{len(started)}",
                          "wsdl_file": gib_unpacked / "e-FaturaPaketi" / "wsdl" / "EFatura_Test.wsdl"}
        settings.update(overrides)
        server = PostboxServer(PostboxConfig(**settings)).start()
        started.append(server)
        return server

    yield make
    for server in started:
        server.stop()


@pytest.fixture
def pk(make_postbox: Callable[..., PostboxServer]) -> PostboxServer:
    return make_postbox()


@pytest.fixture
def sim(make_gib_simulator: Callable[..., GibSimulator], pk: PostboxServer) -> GibSimulator:
    return make_gib_simulator(deliver={RECEIVER.alias: pk.url}, **FAST)


@pytest.fixture
def envelope(make_gib_invoice: Callable[..., bytes]) -> Packed:
    return pack([make_gib_invoice()])


def _client(sim: GibSimulator) -> EFaturaClient:
    return EFaturaClient(sim.url, timeout=5)


def _send(sim: GibSimulator, packed: Packed) -> None:
    result = _client(sim).send_document(packed.file_name, packed.zip, packed.md5)
    assert result.hash_matches


def _watch(sim: GibSimulator, envelope_id: str, until: set[int], *,
           timeout: float = 10.0) -> list[int]:
    """The sender's view: the distinct codes getApplicationResponse gives, in order, until
    one of ``until``."""
    client = _client(sim)
    seen: list[int] = []
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        code = client.get_application_response(envelope_id).status_code
        assert code is not None
        if not seen or seen[-1] != code:
            seen.append(code)
        if code in until:
            return seen
        time.sleep(0.02)
    raise AssertionError(f"{envelope_id}: none of {until}; seen {seen}")


def _system_response(envelope_id: str, code: int, description: str,
                     sender: EnvelopeParty = RECEIVER) -> tuple[str, bytes]:
    """The receiver's SYSTEMENVELOPE about ``envelope_id`` (what its worker would send)."""
    sys_id = str(uuid.uuid4()).upper()
    xml = build_system_envelope(envelope_id=envelope_id, envelope_date="2026-01-01", code=code,
                                description=description, sender=sender,
                                receiver=SIMULATOR_PARTY, created=clock.now(),
                                system_envelope_id=sys_id)
    return sys_id, xml


def _send_system_response(sim: GibSimulator, envelope_id: str, code: int, description: str,
                          sender: EnvelopeParty = RECEIVER) -> None:
    sys_id, xml = _system_response(envelope_id, code, description, sender)
    data, md5 = zip_envelope(xml, sys_id)
    result = _client(sim).send_document(f"{sys_id}.zip", data, md5)
    assert result.hash == md5


def _admin(sim: GibSimulator, path: str, data: dict) -> dict:
    response = requests.post(sim.base_url + path, json=data, timeout=10)
    assert response.status_code == 200, response.text
    return response.json()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait(predicate: Callable[[], object], timeout: float = 10.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.02)
    raise AssertionError("timed out")


# -- delivery and the receiver's system response ---------------------------------------------

def test_5_2_1_e_delivered_unchanged_then_receivers_1200_makes_1300(sim: GibSimulator, pk: PostboxServer,
                                                             envelope: Packed) -> None:
    _send(sim, envelope)
    seen = _watch(sim, envelope.uuid, {1220})
    assert 1300 not in seen and seen[-1] == 1220
    # The posta kutusu holds the very bytes the sender sent, under the same name.
    spool = pk.service.spool
    assert spool.read(envelope.uuid) == envelope.zip
    assert md5_hex(spool.read(envelope.uuid)) == envelope.md5
    assert spool.zip_path(envelope.uuid).name == envelope.file_name.lower()
    answer = _client(sim).get_application_response(envelope.uuid)
    assert answer.description == "HEDEFTEN SISTEM YANITI GELMEDI"
    # It stays 1220 until the receiver answers.
    time.sleep(0.3)
    assert sim.status(envelope.uuid) == 1220

    _send_system_response(sim, envelope.uuid, 1200, "ZARF BASARIYLA ISLENDI")
    assert _watch(sim, envelope.uuid, {1300, 1230})[-1] == 1300
    delivery = sim.delivery(envelope.uuid)
    assert delivery is not None and delivery.attempts == 1 and delivery.response_code == 1200
    assert len(spool.pending()) == 1  # delivered once


def test_receivers_11xx_makes_1230_and_frees_the_invoice(sim: GibSimulator, pk: PostboxServer,
                                                         make_gib_invoice: Callable[..., bytes]
                                                         ) -> None:
    invoice = make_gib_invoice()
    first = pack([invoice])
    _send(sim, first)
    _watch(sim, first.uuid, {1220})
    _send_system_response(sim, first.uuid, 1160, "ZARF SEMA KONTROLUNDEN GECEMEDI")
    assert _watch(sim, first.uuid, {1300, 1230})[-1] == 1230
    answer = _client(sim).get_application_response(first.uuid)
    assert "HEDEFTEN SISTEM YANITI BASARISIZ GELDI" in answer.description
    assert "1160" in answer.description
    # Ek-2 §4.1: after 1230 the same invoice may travel in a new envelope (no 1163).
    again = pack([invoice])
    _send(sim, again)
    assert _watch(sim, again.uuid, {1220, 1163})[-1] == 1220


def test_a_system_response_from_someone_else_is_not_applied(sim: GibSimulator,
                                                            envelope: Packed) -> None:
    _send(sim, envelope)
    _watch(sim, envelope.uuid, {1220})
    _send_system_response(sim, envelope.uuid, 1200, "ZARF BASARIYLA ISLENDI", sender=SENDER)
    time.sleep(0.3)
    assert sim.status(envelope.uuid) == 1220


def test_receiver_polled_with_get_application_response(
        make_gib_simulator: Callable[..., GibSimulator], pk: PostboxServer,
        envelope: Packed) -> None:
    sim = make_gib_simulator(deliver={RECEIVER.alias: pk.url},
                             **{**FAST, "delivery_poll_interval": 0.1})
    _send(sim, envelope)
    _watch(sim, envelope.uuid, {1220})
    time.sleep(0.3)  # polled a few times: the posta kutusu still says 1000
    assert sim.status(envelope.uuid) == 1220
    _sys_id, xml = _system_response(envelope.uuid, 1200, "ZARF BASARIYLA ISLENDI")
    pk.service.spool.set_response(envelope.uuid, xml)  # the receiver's processing is done
    assert _watch(sim, envelope.uuid, {1300, 1230})[-1] == 1300


def test_receiver_down_1210_retried_then_1215(make_gib_simulator: Callable[..., GibSimulator],
                                              envelope: Packed) -> None:
    url = f"http://127.0.0.1:{_free_port()}/EFaturaMerkez/services/EFatura"
    sim = make_gib_simulator(deliver={RECEIVER.alias: url}, **FAST)
    _send(sim, envelope)
    seen = _watch(sim, envelope.uuid, {1215, 1220})
    assert seen[-2:] == [1210, 1215]
    delivery = sim.delivery(envelope.uuid)
    assert delivery is not None and delivery.attempts == 5  # the first and 4 retries
    answer = _client(sim).get_application_response(envelope.uuid)
    assert answer.description.startswith("DOKUMAN GONDERIMI BASARISIZ")


def test_receiver_back_during_the_retries_gets_it(make_gib_simulator: Callable[..., GibSimulator],
                                                  make_postbox: Callable[..., PostboxServer],
                                                  envelope: Packed) -> None:
    port = _free_port()
    sim = make_gib_simulator(deliver={RECEIVER.alias:
                                      f"http://127.0.0.1:{port}/EFaturaMerkez/services/EFatura"},
                             **{**FAST, "delivery_retry_interval": 0.5})
    _send(sim, envelope)
    assert _watch(sim, envelope.uuid, {1210, 1220})[-1] == 1210
    pk = make_postbox(port=port)
    seen = _watch(sim, envelope.uuid, {1220, 1215})
    assert seen[-1] == 1220
    assert pk.service.spool.read(envelope.uuid) == envelope.zip
    delivery = sim.delivery(envelope.uuid)
    assert delivery is not None and delivery.attempts >= 2


def test_retries_continue_after_a_restart(make_gib_simulator: Callable[..., GibSimulator],
                                          pk: PostboxServer, envelope: Packed,
                                          tmp_path: Path) -> None:
    data_dir = tmp_path / "sim-restart"
    down = f"http://127.0.0.1:{_free_port()}/EFaturaMerkez/services/EFatura"
    sim = make_gib_simulator(data_dir=data_dir, deliver={RECEIVER.alias: down},
                             **{**FAST, "delivery_retry_interval": 0.5})
    _send(sim, envelope)
    assert _watch(sim, envelope.uuid, {1210, 1220})[-1] == 1210
    sim.stop()
    # The receiver's address changed meanwhile: the registry wins over the planned URL.
    again = make_gib_simulator(data_dir=data_dir, deliver={RECEIVER.alias: pk.url}, **FAST)
    assert _watch(again, envelope.uuid, {1220, 1215})[-1] == 1220
    assert pk.service.spool.read(envelope.uuid) == envelope.zip


def test_unregistered_receiver_keeps_todays_timeline(sim: GibSimulator, pk: PostboxServer,
                                                     make_gib_invoice: Callable[..., bytes]
                                                     ) -> None:
    other = EnvelopeParty("1288331521", "urn:mail:defaultpk@aaa.com.tr", "AAA Anonim Şirketi")
    packed = pack([make_gib_invoice(replace={b"9205121120": b"1288331521"}, signed=True)],
                  receiver=other)
    _send(sim, packed)
    assert _watch(sim, packed.uuid, {1300, 1220})[-1] == 1300
    assert sim.delivery(packed.uuid) is None and pk.service.spool.pending() == []


# -- application responses (POSTBOXENVELOPE) to the sender's gönderici birim -----------------

def _kabul(ubl_samples_dir: Path) -> bytes:
    data = (ubl_samples_dir / "KabulUygulamaYanitiOrnegi.xml").read_bytes()
    return re.sub(rb"<\?xml-stylesheet[^>]*\?>\s*", b"", data)


def _postbox_envelope(ubl_samples_dir: Path) -> Packed:
    env_id = str(uuid.uuid4())
    xml = build_envelope([_kabul(ubl_samples_dir)], sender=RECEIVER_GB, receiver=SENDER,
                         envelope_uuid=env_id, created=clock.local_now(),
                         document_type="APPLICATIONRESPONSE", envelope_type=POSTBOX_ENVELOPE)
    data, md5 = zip_envelope(xml, env_id)
    return Packed(env_id, xml, data, md5)


def test_application_response_forwarded_to_the_senders_gb(
        sim: GibSimulator, make_postbox: Callable[..., PostboxServer],
        ubl_samples_dir: Path) -> None:
    gb = make_postbox()
    _admin(sim, "/_sim/deliver", {"alias": SENDER.alias, "url": gb.url})
    packed = _postbox_envelope(ubl_samples_dir)
    _send(sim, packed)
    assert _watch(sim, packed.uuid, {1220, 1300})[-1] == 1220
    assert gb.service.spool.read(packed.uuid) == packed.zip
    assert parse_envelope(packed.envelope).type == POSTBOX_ENVELOPE
    _send_system_response(sim, packed.uuid, 1200, "ZARF BASARIYLA ISLENDI", sender=SENDER)
    assert _watch(sim, packed.uuid, {1300, 1230})[-1] == 1300


def test_application_response_without_a_registered_gb_ends_at_1300(
        sim: GibSimulator, ubl_samples_dir: Path) -> None:
    packed = _postbox_envelope(ubl_samples_dir)
    _send(sim, packed)
    assert _watch(sim, packed.uuid, {1300, 1220})[-1] == 1300


# -- the registry -----------------------------------------------------------------------------

def test_registry_through_admin_kept_across_a_restart(
        make_gib_simulator: Callable[..., GibSimulator], tmp_path: Path) -> None:
    data_dir = tmp_path / "sim-registry"
    sim = make_gib_simulator(data_dir=data_dir, deliver={RECEIVER.alias: "http://pk.test/a"})
    url = "https://gb.test/EFaturaMerkez/services/EFatura"
    reply = _admin(sim, "/_sim/deliver", {"alias": SENDER.alias, "url": url})
    assert reply["targets"] == {RECEIVER.alias: "http://pk.test/a", SENDER.alias: url}
    bad = requests.post(sim.base_url + "/_sim/deliver", json={"alias": "x", "url": "ftp://x"},
                        timeout=10)
    assert bad.status_code == 400 and "http" in bad.json()["error"]
    sim.stop()
    again = make_gib_simulator(data_dir=data_dir)
    assert again.delivery_targets() == {RECEIVER.alias: "http://pk.test/a", SENDER.alias: url}
    gone = requests.delete(f"{again.base_url}/_sim/deliver/{SENDER.alias}", timeout=10)
    assert gone.json()["targets"] == {RECEIVER.alias: "http://pk.test/a"}
    assert requests.get(again.base_url + "/_sim/deliver", timeout=10).json()["targets"] == \
        {RECEIVER.alias: "http://pk.test/a"}


def test_deliver_option_is_alias_equals_url() -> None:
    assert parse_target("urn:mail:defaultpk@b.com.tr=https://pk.b.com.tr/x") == \
        ("urn:mail:defaultpk@b.com.tr", "https://pk.b.com.tr/x")
    for bad in ("urn:mail:x", "=https://a", "urn:mail:x=pk.b.com.tr"):
        with pytest.raises(ValueError):
            parse_target(bad)


def _cli(tmp_path: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "app", "--data-dir", str(tmp_path / "app-data"), "gib-simulator",
         "--port", "0", "--data", str(tmp_path / "cli-sim"), "--queue-delay", "0",
         "--processing-delay", "0", "--delivery-delay", "0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"), cwd=Path(__file__).resolve().parents[2])


def test_cli_deliver_option(tmp_path: Path, pk: PostboxServer, envelope: Packed) -> None:
    proc = _cli(tmp_path, "--deliver", f"{RECEIVER.alias}={pk.url}",
                "--delivery-retry-interval", "0.2", "--delivery-poll-interval", "60")
    try:
        assert proc.stdout is not None
        lines: list[str] = []
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and not any(x.startswith("İletim:") for x in lines):
            line = proc.stdout.readline()
            if not line:
                break
            lines.append(line)
        assert f"İletim: {RECEIVER.alias} → {pk.url}\n" in lines, lines
        url = next(x for x in lines if x.startswith("EFatura servisi: ")).split(": ", 1)[1].strip()
        client = EFaturaClient(url, timeout=10)
        client.send_document(envelope.file_name, envelope.zip, envelope.md5)
        _wait(lambda: client.get_application_response(envelope.uuid).status_code == 1220)
        assert pk.service.spool.read(envelope.uuid) == envelope.zip
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_cli_refuses_a_bad_deliver_option(tmp_path: Path) -> None:
    proc = _cli(tmp_path, "--deliver", "urn:mail:defaultpk@b.com.tr")
    _out, err = proc.communicate(timeout=30)
    assert proc.returncode != 0
    assert "--deliver" in err and "ETIKET=ADRES" in err


def test_https_receiver_with_a_test_ca(make_gib_simulator: Callable[..., GibSimulator],
                                       make_postbox: Callable[..., PostboxServer],
                                       envelope: Packed, tmp_path: Path) -> None:
    from tests.fixtures.smtp import make_ca_and_server_cert

    ca, cert, key = make_ca_and_server_cert(tmp_path / "tls")
    pk = make_postbox(tls_certfile=cert, tls_keyfile=key)
    assert pk.url.startswith("https://")
    sim = make_gib_simulator(deliver={RECEIVER.alias: pk.url}, delivery_ca_file=ca, **FAST)
    _send(sim, envelope)
    assert _watch(sim, envelope.uuid, {1220, 1215})[-1] == 1220
    assert pk.service.spool.read(envelope.uuid) == envelope.zip


# -- faults -------------------------------------------------------------------------------------

def test_fault_next_deliveries_fail(sim: GibSimulator, pk: PostboxServer,
                                    envelope: Packed) -> None:
    reply = _admin(sim, "/_sim/deliver/fail", {"alias": RECEIVER.alias, "times": 2,
                                               "kind": "http500"})
    assert reply["failures"] == {RECEIVER.alias.lower(): {"kind": "http500", "times": 2}}
    _send(sim, envelope)
    seen = _watch(sim, envelope.uuid, {1220, 1215})
    assert seen[-2:] == [1210, 1220]
    delivery = sim.delivery(envelope.uuid)
    assert delivery is not None and delivery.attempts == 3
    assert pk.service.spool.read(envelope.uuid) == envelope.zip


def test_fault_failures_outlast_the_retries(make_gib_simulator: Callable[..., GibSimulator],
                                            pk: PostboxServer, envelope: Packed) -> None:
    sim = make_gib_simulator(deliver={RECEIVER.alias: pk.url}, **FAST)
    _admin(sim, "/_sim/config", {"delivery_retries": 1, "delivery_retry_interval": 0.1})
    _admin(sim, "/_sim/deliver/fail", {"alias": RECEIVER.alias, "times": 5, "kind": "refused"})
    _send(sim, envelope)
    assert _watch(sim, envelope.uuid, {1215, 1220})[-2:] == [1210, 1215]
    assert pk.service.spool.pending() == []


@pytest.mark.parametrize(("kind", "code"), [("wrong_md5", 2000), ("wrong_name", 2002),
                                            ("bad_name", 2006)])
def test_5_2_2_b_fault_broken_delivery_is_refused_by_the_postbox(sim: GibSimulator, pk: PostboxServer,
                                                         kind: str, code: int) -> None:
    answer = _admin(sim, "/_sim/deliver/broken", {"alias": RECEIVER.alias, "kind": kind})
    assert answer["accepted"] is False
    assert answer["code"] == code, answer
    assert answer["message"]
    assert pk.service.spool.pending() == []


def test_7_c_fault_invalid_invoice_from_gib(sim: GibSimulator, pk: PostboxServer,
                                        gib_unpacked: Path) -> None:
    envelope_id = _admin(sim, "/_sim/deliver/invalid-invoice",
                         {"alias": RECEIVER.alias})["envelope_id"]
    _wait(lambda: sim.status(envelope_id) == 1220)
    stored = pk.service.spool.read(envelope_id)
    with zipfile.ZipFile(io.BytesIO(stored)) as zf:
        xml = zf.read(zf.namelist()[0])
    header = parse_envelope(xml)
    assert header.sender is not None and header.sender.alias == GIB_PARTY.alias
    assert header.receiver is not None and header.receiver.vkn_tckn == RECEIVER.vkn_tckn
    schema = etree.XMLSchema(etree.parse(str(
        gib_unpacked / "UBLTR_1.2.1_Paketi" / "xsdrt" / "maindoc" / "UBL-Invoice-2.1.xsd")))
    assert len(header.documents) == 1
    assert not schema.validate(etree.ElementTree(header.documents[0]))
    # The posta kutusu answers that it is invalid: the simulator's envelope ends at 1230.
    _send_system_response(sim, envelope_id, 1160, "ZARF SEMA KONTROLUNDEN GECEMEDI")
    _wait(lambda: sim.status(envelope_id) == 1230)
    state = requests.get(f"{sim.base_url}/_sim/envelopes/{envelope_id}", timeout=10).json()
    assert state["status"] == 1230 and state["delivery"]["response_code"] == 1160


def test_7_b_fault_system_response_about_no_envelope(sim: GibSimulator,
                                                 make_postbox: Callable[..., PostboxServer]
                                                 ) -> None:
    gb = make_postbox()
    _admin(sim, "/_sim/deliver", {"alias": SENDER.alias, "url": gb.url})
    answer = _admin(sim, "/_sim/deliver/orphan-response", {"alias": SENDER.alias})
    assert answer["accepted"] is True and answer["hash_matches"] is True
    stored = gb.service.spool.read(answer["envelope_id"])
    assert md5_hex(stored) == answer["sent_hash"]
    with zipfile.ZipFile(io.BytesIO(stored)) as zf:
        responses = parse_system_responses(zf.read(zf.namelist()[0]))
    assert [r.envelope_id for r in responses] == [answer["refers_to"]]
    assert sim.state.get(answer["refers_to"]) is None  # refers to no envelope
    assert requests.get(f"{sim.base_url}/_sim/envelopes/{answer['refers_to']}",
                        timeout=10).status_code == 404


def test_fault_needs_a_registered_alias(sim: GibSimulator) -> None:
    response = requests.post(sim.base_url + "/_sim/deliver/orphan-response",
                             json={"alias": "urn:mail:yok@x.com.tr"}, timeout=10)
    assert response.status_code == 400
    assert "kayıtlı" in response.json()["error"]
