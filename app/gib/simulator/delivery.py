"""The simulator playing GİB's Merkez towards the receivers: forwarding accepted envelopes to
the EFatura service of the receiver's alias and following them until the receiver's system
response (Ek-2 §4.1, Ek-3 §7.2).

* A registry alias (etiket) → URL of that business's EFatura service (``delivery_target`` in
  the simulator's SQLite; ``SimulatorConfig.deliver``, ``tezgah gib-simulator --deliver
  ALIAS=URL``, ``POST /_sim/deliver``). Only envelopes whose receiver alias is registered are
  forwarded; every other envelope ends at 1300 as before.
* SENDERENVELOPE (invoices, to the receiver's posta kutusu) and POSTBOXENVELOPE (application
  responses, to the original sender's gönderici birim) are forwarded unchanged: the same
  ``<InstanceIdentifier>.zip`` name, bytes and MD5, with ``sendDocument``
  (``app.gib.client.EFaturaClient``). The receiver must answer with the same MD5.
* Status of the forwarded envelope, as the sender reads it: 1200 until the first attempt;
  1220 HEDEFTEN SISTEM YANITI GELMEDI once delivered; 1210 DOKUMAN BULUNAN ADRESE
  GONDERILEMEDI when it could not be delivered, tried again ``delivery_retries`` (4) times
  ``delivery_retry_interval`` (2 hours) apart, then 1215. While 1220 the receiver's
  ``getApplicationResponse`` is polled every ``delivery_poll_interval``; the receiver may also
  send its SYSTEMENVELOPE to the simulator. Its code 1200 makes the envelope 1300, 1000/1100
  mean "still working", any other code makes it 1230 HEDEFTEN SISTEM YANITI BASARISIZ GELDI.
* Faults for tests and for GİB's test plan (``/_sim/deliver/…``): ``fail_next`` (the next N
  deliveries to an alias fail), ``send_broken`` (a delivery with a wrong MD5 or a zip name
  that does not match, §5.2.2 b), ``send_invalid_invoice`` (an envelope from GİB's alias with
  an invoice that fails the schema, §7 c), ``send_orphan_response`` (a system response that
  refers to no envelope, §7 b).
"""

from __future__ import annotations

import io
import logging
import threading
import uuid as uuid_mod
import zipfile
from typing import TYPE_CHECKING

from app import clock

from .. import codes
from ..client import EFaturaClient
from ..envelope import EnvelopeParty, build_envelope, parse_envelope
from ..errors import GibError
from ..package import md5_hex, zip_envelope
from ..system_response import build_system_envelope, parse_system_responses
from .service import BANNER, NOTE, SIMULATOR_PARTY
from .state import DeliveryRow

if TYPE_CHECKING:
    from .server import GibSimulator

log = logging.getLogger("tezgah.gib.simulator")

#: GİB's own sender in what the simulator sends by itself (test plan §7 c: "etiketi GIB
#: olan"): GİB's sample test account, in the built-in user list.
GIB_PARTY = EnvelopeParty("9999999999", "urn:mail:defaultgb@gib.gov.tr",
                          "GİB test hesabı (Tezgâh simülatörü, gerçek GİB değildir)")
FAILURE_KINDS = ("refused", "http500")
BROKEN_KINDS = ("wrong_md5", "wrong_name", "bad_name")
#: The receiver's system response says it is still at work.
_WORKING = (1000, 1100)
_TICK = 0.05  # seconds between looks at the due deliveries


def parse_target(text: str) -> tuple[str, str]:
    """``ALIAS=URL`` (the ``--deliver`` option) → (alias, URL)."""
    alias, sep, url = text.partition("=")
    alias, url = alias.strip(), url.strip()
    if not sep or not alias or not url.startswith(("http://", "https://")):
        raise ValueError(f"ETIKET=ADRES bekleniyordu (ör. urn:mail:defaultpk@b.com.tr="
                         f"https://pk.b.com.tr/EFaturaMerkez/services/EFatura): {text!r}")
    return alias, url


class DeliveryFailures:
    """Armed failures: the next N deliveries to an alias fail without reaching it."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._armed: dict[str, list] = {}  # alias (lower case) → [kind, remaining]

    def arm(self, alias: str, times: int, kind: str) -> None:
        if kind not in FAILURE_KINDS:
            raise ValueError(f"Bilinmeyen teslim hatası; şunlardan biri olmalı: "
                             f"{', '.join(FAILURE_KINDS)}")
        with self._lock:
            if times > 0:
                self._armed[alias.strip().lower()] = [kind, times]
            else:
                self._armed.pop(alias.strip().lower(), None)

    def take(self, alias: str) -> str | None:
        with self._lock:
            armed = self._armed.get(alias.strip().lower())
            if armed is None:
                return None
            armed[1] -= 1
            if armed[1] <= 0:
                del self._armed[alias.strip().lower()]
            return str(armed[0])

    def to_json(self) -> dict:
        with self._lock:
            return {alias: {"kind": k, "times": n} for alias, (k, n) in self._armed.items()}


class Deliverer:
    """The background worker moving deliveries on (one thread, one call at a time)."""

    def __init__(self, sim: GibSimulator) -> None:
        self.sim = sim
        self.failures = DeliveryFailures()
        self._wake = threading.Event()

    def wake(self) -> None:
        self._wake.set()

    def client(self, url: str) -> EFaturaClient:
        cfg = self.sim.config
        ca = str(cfg.delivery_ca_file) if cfg.delivery_ca_file else None
        return EFaturaClient(url, timeout=cfg.delivery_timeout, ca_file=ca)

    def run(self) -> None:
        sim = self.sim
        while not sim.wait_stopped(0):
            try:
                for row in sim.state.due_deliveries(clock.timestamp()):
                    if sim.wait_stopped(0):
                        return
                    self.step(row)
            except Exception:  # keep delivering the others
                log.exception("%s: teslim döngüsünde hata", BANNER)
            self._wake.wait(_TICK)
            self._wake.clear()

    def step(self, row: DeliveryRow) -> None:
        if row.code == 1220:
            self.poll(row)
        else:
            self.attempt(row)

    def url_for(self, row: DeliveryRow) -> str:
        return self.sim.state.target(row.alias) or row.url

    def attempt(self, row: DeliveryRow) -> None:
        """One sendDocument of the unchanged zip to the receiver's service."""
        cfg = self.sim.config
        attempts = row.attempts + 1
        url = self.url_for(row)
        try:
            armed = self.failures.take(row.alias)
            if armed == "refused":
                raise GibError(f"Bağlantı reddedildi ({url}; simülatörün hata anahtarı).")
            if armed == "http500":
                raise GibError(f"Alıcının sunucusu hata verdi (HTTP 500; {url}; simülatörün "
                               "hata anahtarı).")
            data = self.sim.state.zip_path(row.envelope_id).read_bytes()
            md5 = md5_hex(data)
            result = self.client(url).send_document(row.file_name, data, md5)
            if not result.hash_matches:
                raise GibError(f"Alıcının döndürdüğü özet ({result.hash or 'boş'}) gönderilen "
                               f"zarfınkiyle ({md5}) aynı değil.")
        except Exception as exc:  # every failure counts as an attempt (never a tight loop)
            now = clock.timestamp()
            last = attempts > cfg.delivery_retries
            code = 1215 if last else 1210
            self.sim.state.update_delivery(
                row.envelope_id, code=code, attempts=attempts,
                description=f"{codes.status(code).gib_text}: {exc}",
                next_at=None if last else now + cfg.delivery_retry_interval)
            log.info("%s: zarf %s %s adresine iletilemedi (%d. deneme, %d): %s", BANNER,
                     row.envelope_id, url, attempts, code, exc)
            return
        now = clock.timestamp()
        self.sim.state.update_delivery(row.envelope_id, code=1220, attempts=attempts,
                                       description=codes.status(1220).gib_text,
                                       delivered_at=now, next_at=now + cfg.delivery_poll_interval)
        log.info("%s: zarf %s %s adresine iletildi", BANNER, row.envelope_id, url)

    def poll(self, row: DeliveryRow) -> None:
        """Ask the receiver for its system response about a delivered envelope."""
        cfg = self.sim.config
        try:
            result = self.client(self.url_for(row)).get_application_response(row.envelope_id)
            response = result.response
        except GibError as exc:
            log.info("%s: zarf %s için alıcı sorgulanamadı: %s", BANNER, row.envelope_id, exc)
        else:
            if response.envelope_id.lower() == row.envelope_id.lower() and \
                    apply_response(self.sim, row.envelope_id, response.status_code,
                                   response.description):
                return
        self.sim.state.update_delivery(row.envelope_id, code=1220, description=row.description,
                                       next_at=clock.timestamp() + cfg.delivery_poll_interval,
                                       only_from=(1220,))


def apply_response(sim: GibSimulator, envelope_id: str, code: int | None,
                   description: str) -> bool:
    """The receiver's system response about a delivered envelope: 1200 → 1300, 1000/1100 →
    still waiting (``False``), anything else → 1230."""
    if code is None or code in _WORKING:
        return False
    final = 1300 if code in (1200, 1300) else 1230
    text = codes.status(final).gib_text
    if final == 1230:
        text = f"{text}: {code} {description}".strip()
    changed = sim.state.update_delivery(envelope_id, code=final, description=text, next_at=None,
                                        response_code=code, response_description=description)
    if changed:
        log.info("%s: zarf %s için alıcının sistem yanıtı %d: %d", BANNER, envelope_id, code,
                 final)
    return changed


def _envelope_xml(zip_bytes: bytes) -> bytes:
    with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
        entry = next(i for i in zf.infolist() if not i.is_dir())
        return zf.read(entry)


def apply_system_envelope(sim: GibSimulator, envelope_id: str) -> list[str]:
    """A receiver's accepted SYSTEMENVELOPE: apply each system response about an envelope
    the simulator delivered to that receiver. The envelope IDs it moved on."""
    xml = _envelope_xml(sim.state.zip_path(envelope_id).read_bytes())
    header = parse_envelope(xml)
    sender_vkn = header.sender.vkn_tckn if header.sender else ""
    moved: list[str] = []
    for response in parse_system_responses(xml):
        target = sim.state.delivery(response.envelope_id) if response.envelope_id else None
        if target is None:
            log.info("%s: sistem yanıtı %s bilinen bir teslime ait değil (%s)", BANNER,
                     envelope_id, response.envelope_id or "zarf yok")
            continue
        if target.receiver_vkn and sender_vkn and sender_vkn != target.receiver_vkn:
            log.info("%s: sistem yanıtı %s zarfın alıcısından (%s) değil, %s gönderdi", BANNER,
                     envelope_id, target.receiver_vkn, sender_vkn)
            continue
        if apply_response(sim, target.envelope_id, response.status_code, response.description):
            moved.append(target.envelope_id)
    return moved


# -- faults ---------------------------------------------------------------------------------

def _registered(sim: GibSimulator, alias: str) -> str:
    url = sim.state.target(alias)
    if url is None:
        raise ValueError(f"Bu etiket için kayıtlı bir servis adresi yok: {alias!r}")
    return url


def _party_of(sim: GibSimulator, alias: str, vkn: str | None) -> EnvelopeParty:
    """The user-list party owning ``alias`` (``vkn`` when given)."""
    if not vkn:
        vkn = sim.owner_of(alias)
    if not vkn:
        raise ValueError(f"Etiketin sahibi kullanıcı listesinde yok; 'vkn' verin: {alias!r}")
    return EnvelopeParty(vkn, alias)


def _invalid_invoice(ettn: str, receiver_vkn: str) -> bytes:
    """A UBL invoice that fails GİB's XSD (no IssueDate, parties, totals; an unknown
    element)."""
    return (
        '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2" '
        'xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2" '
        'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">'
        "<cbc:UBLVersionID>2.1</cbc:UBLVersionID><cbc:CustomizationID>TR1.2"
        "</cbc:CustomizationID><cbc:ProfileID>TEMELFATURA</cbc:ProfileID>"
        "<cbc:ID>GIB2026000000001</cbc:ID><cbc:CopyIndicator>false</cbc:CopyIndicator>"
        f"<cbc:UUID>{ettn}</cbc:UUID>"
        "<cbc:GecersizAlan>Bu fatura GİB şemasına uymaz (simülatör testi).</cbc:GecersizAlan>"
        "<cac:AccountingCustomerParty><cac:Party><cac:PartyIdentification>"
        f'<cbc:ID schemeID="{"TCKN" if len(receiver_vkn) == 11 else "VKN"}">{receiver_vkn}'
        "</cbc:ID></cac:PartyIdentification></cac:Party></cac:AccountingCustomerParty>"
        "</Invoice>"
    ).encode()


def _packed_invalid_envelope(receiver: EnvelopeParty) -> tuple[str, bytes, str, bytes]:
    envelope_id = str(uuid_mod.uuid4()).upper()
    xml = build_envelope([_invalid_invoice(str(uuid_mod.uuid4()).upper(), receiver.vkn_tckn)],
                         sender=GIB_PARTY, receiver=receiver, envelope_uuid=envelope_id,
                         created=clock.local_now())
    data, md5 = zip_envelope(xml, envelope_id)
    return envelope_id, data, md5, xml


def fail_next(sim: GibSimulator, alias: str, times: int = 1, kind: str = "refused") -> None:
    """(a) The next ``times`` deliveries to ``alias`` fail: ``refused`` (as if the
    connection were refused) or ``http500`` (as if it answered HTTP 500)."""
    sim.deliverer.failures.arm(alias, times, kind)


def send_broken(sim: GibSimulator, alias: str, kind: str = "wrong_md5",
                vkn: str | None = None) -> dict:
    """(b) Test plan §5.2.2 b: a delivery the receiver must refuse with an EFaturaFault:
    ``wrong_md5`` (the hash is not the zip's), ``wrong_name`` (a GUID file name other than
    the envelope's) or ``bad_name`` (not a GUID). What the receiver answered."""
    if kind not in BROKEN_KINDS:
        raise ValueError(f"Bilinmeyen bozuk gönderim; şunlardan biri olmalı: "
                         f"{', '.join(BROKEN_KINDS)}")
    url = _registered(sim, alias)
    envelope_id, data, md5, _xml = _packed_invalid_envelope(_party_of(sim, alias, vkn))
    file_name = f"{envelope_id}.zip"
    if kind == "wrong_md5":
        md5 = md5_hex(data + b"\0")
    elif kind == "wrong_name":
        file_name = f"{str(uuid_mod.uuid4()).upper()}.zip"
    else:
        file_name = "zarf.zip"
    return _send(sim, url, file_name, data, md5, envelope_id=envelope_id, kind=kind)


def send_invalid_invoice(sim: GibSimulator, alias: str, vkn: str | None = None) -> str:
    """(c) Test plan §7 c: an envelope from GİB's alias holding an invoice that fails the
    schema, delivered like any other (its status then shows the receiver's system response,
    normally 1230). Its envelope ID."""
    url = _registered(sim, alias)
    receiver = _party_of(sim, alias, vkn)
    envelope_id, data, _md5, _xml = _packed_invalid_envelope(receiver)
    facts = {"envelope_date": clock.local_now().date().isoformat(),
             "sender_vkn": GIB_PARTY.vkn_tckn, "sender_alias": GIB_PARTY.alias,
             "sender_name": GIB_PARTY.name, "receiver_vkn": receiver.vkn_tckn,
             "receiver_alias": receiver.alias}
    sim.state.add_outgoing(envelope_id, f"{envelope_id}.zip", data, facts=facts, alias=alias,
                           url=url)
    sim.deliverer.wake()
    return envelope_id.lower()


def send_orphan_response(sim: GibSimulator, alias: str, vkn: str | None = None) -> dict:
    """(d) Test plan §7 b: a SYSTEMENVELOPE to a gönderici birim about an envelope that does
    not exist. What the receiver answered."""
    url = _registered(sim, alias)
    envelope_id = str(uuid_mod.uuid4()).upper()
    refers_to = str(uuid_mod.uuid4()).upper()
    xml = build_system_envelope(
        envelope_id=refers_to, envelope_date=clock.local_now().date().isoformat(), code=1200,
        description=codes.status(1200).gib_text, sender=SIMULATOR_PARTY,
        receiver=_party_of(sim, alias, vkn), created=clock.now(), notes=[NOTE],
        system_envelope_id=envelope_id)
    data, md5 = zip_envelope(xml, envelope_id)
    answer = _send(sim, url, f"{envelope_id}.zip", data, md5, envelope_id=envelope_id,
                   kind="orphan_response")
    answer["refers_to"] = refers_to
    return answer


def _send(sim: GibSimulator, url: str, file_name: str, data: bytes, md5: str, *,
          envelope_id: str, kind: str) -> dict:
    answer: dict = {"kind": kind, "envelope_id": envelope_id, "file_name": file_name,
                    "url": url, "sent_hash": md5}
    try:
        result = sim.deliverer.client(url).send_document(file_name, data, md5)
    except GibError as exc:
        answer.update(accepted=False, code=exc.code, message=exc.message,
                      gib_text=exc.gib_text)
    else:
        answer.update(accepted=True, code=None, message=result.message, hash=result.hash,
                      hash_matches=result.hash_matches)
    log.info("%s: %s gönderimi %s: %s", BANNER, kind, url, answer.get("code") or "kabul")
    return answer
