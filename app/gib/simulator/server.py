"""Tezgâh's local GİB test simulator: a real HTTP server speaking GİB's EFatura SOAP 1.2
service (``sendDocument``, ``getApplicationResponse``) on loopback.

It is a test and demo tool and says so in every answer (HTTP header ``X-Tezgah-Simulator``,
a ``cbc:Note`` in every system response, the ``msg`` of sendDocument and its log lines).

Behaviour, from GİB's guides:

* ``sendDocument`` (Ek-3 §7.2.1, §8): file name must be ``<GUID>.zip`` (else 2006 GECERSIZ
  ZARF ADI), the MD5 of the zip must equal ``hash`` (else 2000), an envelope ID is accepted
  once (else 2001). The envelope is stored, then checked in the background (``checks.py``).
* Status (Ek-2 §4.1): 1000 ZARF KUYRUGA EKLENDI → 1100 ZARF ISLENIYOR → (an 11xx error, or)
  1200 ZARF BASARIYLA ISLENDI → 1300 BASARIYLA TAMAMLANDI, moved by configurable delays and
  kept in ``<data>/gib-simulator.sqlite3`` so a restart resumes where it stopped.
* ``getApplicationResponse`` (Ek-3 §7.2.2): the system-response SYSTEMENVELOPE as a string;
  an unknown envelope ID is fault 2004 ZARF ID BULUNAMADI.
* ``GET …?wsdl``: GİB's test WSDL (when a copy is available) with the address rewritten to
  the simulator's, else an equivalent WSDL generated here.
* Delivery (Ek-2 §4.1, ``delivery``): an accepted envelope whose receiver alias has a
  registered service address (``SimulatorConfig.deliver``, ``/_sim/deliver``) is forwarded
  there unchanged and moves on 1200 → 1220 → 1300 | 1230 (or 1210 → 1215) instead of
  ending at 1300; a receiver's SYSTEMENVELOPE about it is applied.
* ``/_sim/…``: the simulator's own admin paths (fault switches, envelope states, user list,
  delivery addresses and delivery faults).
* ``/earsiv/services/EArsivWsPort``: GİB's e-Arşiv report service (``earsiv``).
* ``/tsa``: a test RFC 3161 time-stamp authority (``tsa``), for e-Arşiv reports.

This module holds the simulator itself (configuration, life cycle, the background checks);
``service`` answers the SOAP operations, ``httpd`` is the HTTP plumbing, ``admin`` the
``/_sim/`` test API and ``wsdl`` the WSDL.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import ssl
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app import clock, paths
from app.signing import Verifier, verify_document

from ..envelope import SYSTEM_ENVELOPE
from ..userlist import UserAlias, iter_users
from .checks import EnvelopeValidator, check_envelope
from .delivery import Deliverer, apply_system_envelope
from .earsiv import EARSIV_PATH, EArsivService
from .faults import FaultSwitches
from .httpd import PostRoute, SimulatorHTTPServer, SimulatorRequestHandler
from .service import BANNER, NOTE, SERVICE_PATH, SIMULATOR_PARTY, answer_soap
from .state import SimulatorState
from .testlist import builtin_user_list_xml
from .wsdl import service_wsdl

__all__ = ["BANNER", "EARSIV_PATH", "NOTE", "SERVICE_PATH", "SIMULATOR_PARTY", "GibSimulator",
           "SimulatorConfig"]

log = logging.getLogger("tezgah.gib.simulator")

AUTO: Any = "auto"
#: Where the test time-stamp authority answers (``GibSimulator.tsa_url``).
TSA_PATH = "/tsa"


def _tsa_reply(tsa: Any, body: bytes, authorization: str | None) -> tuple[int, bytes, str]:
    status, ctype, answer = tsa.respond(body, authorization)
    return status, answer, ctype


@dataclass
class SimulatorConfig:
    data_dir: Path
    host: str = "127.0.0.1"
    port: int = 0  # 0: a free port
    queue_delay: float = 0.5  # seconds in 1000
    processing_delay: float = 0.5  # seconds in 1100
    delivery_delay: float = 1.0  # seconds in 1200 before 1300
    userlist_file: Path | None = None  # default: <data>/userlist.xml (written on first start)
    wsdl_file: Path | None = None  # GİB's EFatura_Test.wsdl; default: searched, else generated
    gib_packages_dir: Path | None = None  # a folder with GİB's e-FaturaPaketi.zip (WSDL inside)
    rules_dir: Path | None = None  # for the auto validator; default: app.paths.rules_dir(data)
    validator: EnvelopeValidator | Any | None = AUTO  # AUTO: app.ubl.validate when present
    # "verify" (and "auto", the same): presence and validity (``verifier``), "presence": only
    # that each invoice carries a signature with a certificate — what GİB's Merkez does
    # (Entegrasyon Kılavuzu §4.4.1: "İmza ve mühür varlığının kontrolünü yapar, ancak
    # doğrulamasını yapmaz").
    signature_check: str = "auto"
    verifier: Verifier = verify_document  # the signature check "verify" runs
    mtom_responses: bool = False  # answer as MTOM multipart/related (root part only)
    tls_certfile: Path | None = None  # serve HTTPS with this certificate (PEM) …
    tls_keyfile: Path | None = None  # … and key; default: plain HTTP on loopback
    # Delivery to the receivers' services (``delivery``): alias (etiket) → EFatura service
    # URL, added to the registry kept in the SQLite file at start.
    deliver: dict[str, str] = field(default_factory=dict)
    delivery_retries: int = 4  # attempts after the first failed one (then 1215)
    delivery_retry_interval: float = 7200.0  # seconds between them (GİB: 2 hours)
    delivery_poll_interval: float = 60.0  # seconds between getApplicationResponse polls (1220)
    delivery_timeout: float = 20.0  # seconds for one call to a receiver
    delivery_ca_file: Path | None = None  # a CA to trust for receivers' HTTPS (test CAs)
    extra: dict = field(default_factory=dict)


def _auto_validator(config: SimulatorConfig) -> EnvelopeValidator | None:
    try:
        from app.ubl.validate import get_validator
    except ImportError:
        return None
    rules = config.rules_dir or paths.rules_dir(config.data_dir)
    if not Path(rules).exists():
        return None
    try:
        return get_validator(Path(rules))  # one per rules directory and process
    except Exception as exc:  # rules not installed or unreadable: run without XSD/schematron
        log.warning("%s: XSD/schematron doğrulayıcısı kurulamadı (%s)", BANNER, exc)
        return None


class GibSimulator:
    """The simulator; ``start()`` runs it in a background thread, ``serve_forever()`` in
    the calling one."""

    def __init__(self, config: SimulatorConfig) -> None:
        self.config = config
        config.data_dir.mkdir(parents=True, exist_ok=True)
        self.state = SimulatorState(config.data_dir)
        self.earsiv = EArsivService(config.data_dir)
        self.faults = FaultSwitches()
        for alias, url in config.deliver.items():
            self.state.set_target(alias.strip(), url.strip())
        self.deliverer = Deliverer(self)
        #: POST path → its service; other paths go to the EFatura service (``httpd``).
        self.post_routes: dict[str, PostRoute] = {
            SERVICE_PATH: answer_soap,
            EARSIV_PATH: self.earsiv.answer,
            TSA_PATH: self._answer_tsa,
        }
        self._tsa: Any = None  # the test TSA, made at its first use (key generation)
        self._tsa_lock = threading.Lock()
        self._stop = threading.Event()
        self._queue: queue.Queue[str | None] = queue.Queue()
        self.validator = _auto_validator(config) if config.validator is AUTO else config.validator
        if config.signature_check not in ("auto", "verify", "presence"):
            raise ValueError(f"signature_check: {config.signature_check!r}")
        self.verify: Verifier | None = (config.verifier if config.signature_check != "presence"
                                        else None)
        self._aliases: dict[str, list[UserAlias]] = {}
        self.reload_user_list()
        self._httpd = SimulatorHTTPServer((config.host, config.port),
                                          SimulatorRequestHandler)
        self._httpd.sim = self
        self.scheme = "http"
        if config.tls_certfile is not None:
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ctx.load_cert_chain(str(config.tls_certfile),
                                str(config.tls_keyfile) if config.tls_keyfile else None)
            self._httpd.socket = ctx.wrap_socket(self._httpd.socket, server_side=True)
            self.scheme = "https"
        self._threads: list[threading.Thread] = []
        self._serving_thread = False

    # -- addresses ----------------------------------------------------------------------

    @property
    def port(self) -> int:
        return int(self._httpd.server_address[1])

    @property
    def base_url(self) -> str:
        host = self.config.host
        host = f"[{host}]" if ":" in host else host
        return f"{self.scheme}://{host}:{self.port}"

    @property
    def url(self) -> str:
        """The EFatura service endpoint (what ``EFaturaClient`` needs)."""
        return self.base_url + SERVICE_PATH

    @property
    def earsiv_url(self) -> str:
        """The e-Arşiv service endpoint (EArsivWs)."""
        return self.base_url + EARSIV_PATH

    @property
    def tsa_url(self) -> str:
        """The test RFC 3161 time-stamp authority (``app.gib.simulator.tsa``)."""
        return self.base_url + TSA_PATH

    @property
    def tsa(self) -> Any:
        """The ``TestTimeStampAuthority`` answering at ``tsa_url`` (its ``ca_pem()`` is what
        a verifier trusts; a new test CA per simulator run)."""
        with self._tsa_lock:
            if self._tsa is None:
                from .tsa import TestTimeStampAuthority

                self._tsa = TestTimeStampAuthority()
            return self._tsa

    def _answer_tsa(self, handler: SimulatorRequestHandler, body: bytes) -> None:
        handler.send(*_tsa_reply(self.tsa, body, handler.headers.get("Authorization")))

    # -- life cycle ---------------------------------------------------------------------

    def _delivery_thread(self) -> threading.Thread:
        return threading.Thread(target=self.deliverer.run, name="gib-sim-delivery", daemon=True)

    def start(self) -> GibSimulator:
        worker = threading.Thread(target=self._work, name="gib-sim-checks", daemon=True)
        server = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.1},
                                  name="gib-sim-http", daemon=True)
        deliverer = self._delivery_thread()
        self._threads = [worker, server, deliverer]
        deliverer.start()
        self._serving_thread = True
        for pending in self.state.unchecked():
            self._queue.put(pending)
        worker.start()
        server.start()
        log.info("%s: %s", BANNER, self.url)
        return self

    def serve_forever(self) -> None:
        worker = threading.Thread(target=self._work, name="gib-sim-checks", daemon=True)
        deliverer = self._delivery_thread()
        self._threads = [worker, deliverer]
        deliverer.start()
        for pending in self.state.unchecked():
            self._queue.put(pending)
        worker.start()
        try:
            self._httpd.serve_forever(poll_interval=0.2)
        finally:
            self.stop()

    def stop(self) -> None:
        if self._stop.is_set():
            return
        self._stop.set()
        self._queue.put(None)
        self.deliverer.wake()
        if self._serving_thread:  # shutdown() waits for serve_forever: only when it runs
            self._httpd.shutdown()
        self._httpd.server_close()
        for t in self._threads:
            if t is not threading.current_thread():
                t.join(timeout=5)
        self.state.close()
        self.earsiv.close()

    def __enter__(self) -> GibSimulator:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- user list ----------------------------------------------------------------------

    def user_list_path(self) -> Path:
        if self.config.userlist_file is not None:
            return self.config.userlist_file
        path = self.config.data_dir / "userlist.xml"
        if not path.exists():
            path.write_bytes(builtin_user_list_xml())
        return path

    def reload_user_list(self) -> None:
        aliases: dict[str, list[UserAlias]] = {}
        for user in iter_users(self.user_list_path()):
            aliases.setdefault(user.identifier, []).extend(user.aliases)
        self._aliases = aliases

    def lookup_aliases(self, vkn_tckn: str) -> list[UserAlias]:
        return list(self._aliases.get(vkn_tckn, []))

    def owner_of(self, alias: str) -> str | None:
        """The VKN/TCKN whose user-list entry holds ``alias`` (any state), or ``None``."""
        wanted = alias.strip().lower()
        for vkn, aliases in self._aliases.items():
            if any(a.alias.lower() == wanted for a in aliases):
                return vkn
        return None

    # -- delivery to the receivers' services ----------------------------------------------

    def register_target(self, alias: str, url: str | None) -> None:
        """Forward envelopes for ``alias`` to the EFatura service at ``url`` (kept across
        restarts); ``url`` None or empty forgets the alias."""
        alias = alias.strip()
        if not alias:
            raise ValueError("Etiket boş olamaz.")
        if url and not url.strip().startswith(("http://", "https://")):
            raise ValueError(f"Servis adresi http:// ya da https:// ile başlamalı: {url!r}")
        self.state.set_target(alias, url.strip() if url else None)

    def delivery_targets(self) -> dict[str, str]:
        """alias → URL of every registered service."""
        return self.state.targets()

    def delivery(self, envelope_id: str):  # type: ignore[no-untyped-def]
        """Where the forwarding of an envelope stands (``state.DeliveryRow``) or ``None``."""
        return self.state.delivery(envelope_id)

    def wait_for_status(self, envelope_id: str, statuses: set[int] | int,
                        timeout: float = 10.0) -> int:
        """Tests: block until the envelope's status is one of ``statuses``; that status."""
        wanted = {statuses} if isinstance(statuses, int) else set(statuses)
        deadline = time.monotonic() + timeout
        status = None
        while time.monotonic() < deadline:
            status = self.status(envelope_id)
            if status in wanted:
                return status
            time.sleep(0.01)
        raise TimeoutError(f"{envelope_id}: {status}")

    # -- envelope processing --------------------------------------------------------------

    def _work(self) -> None:
        while not self._stop.is_set():
            envelope_id = self._queue.get()
            if envelope_id is None:
                return
            try:
                self._check(envelope_id)
            except Exception as exc:  # never leave an envelope unanswered
                log.exception("%s: zarf %s işlenemedi", BANNER, envelope_id)
                with contextlib.suppress(Exception):
                    self.state.finish_check(envelope_id, code=1195,
                                            description=f"SISTEM HATASI: {exc}", facts={},
                                            invoice_uuids=[])

    def _check(self, envelope_id: str) -> None:
        row = self.state.get(envelope_id)
        if row is None or row.checked:
            return
        data = self.state.zip_path(envelope_id).read_bytes()
        result = check_envelope(row.file_name, data, validator=self.validator,
                                verify=self.verify, lookup_aliases=self.lookup_aliases)
        kind = result.facts.get("type")
        deliver_to = None
        if result.code is None and kind != SYSTEM_ENVELOPE:
            alias = result.facts.get("receiver_alias")
            url = self.state.target(alias)
            deliver_to = (alias, url) if alias and url else None
        code = self.state.finish_check(envelope_id, code=result.code,
                                       description=result.description, facts=result.facts,
                                       invoice_uuids=result.invoice_uuids,
                                       deliver_to=deliver_to,
                                       duplicate_code=result.duplicate_code)
        log.info("%s: zarf %s denetlendi: %s", BANNER, envelope_id, code or "kabul")
        if code is None and kind == SYSTEM_ENVELOPE:
            try:
                apply_system_envelope(self, envelope_id)
            except Exception:  # the system envelope stays accepted; its content is logged
                log.exception("%s: sistem yanıtı %s uygulanamadı", BANNER, envelope_id)
        if deliver_to is not None:
            self.deliverer.wake()

    def wait_until_checked(self, envelope_id: str, timeout: float = 10.0) -> None:
        """Tests: block until the background checks of ``envelope_id`` are done."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            row = self.state.get(envelope_id)
            if row is not None and row.checked:
                return
            time.sleep(0.01)
        raise TimeoutError(envelope_id)

    def status(self, envelope_id: str) -> int | None:
        row = self.state.get(envelope_id)
        return row.status_at(clock.timestamp()) if row else None

    def enqueue_check(self, envelope_id: str) -> None:
        """Run Merkez's checks on a received envelope in the background."""
        self._queue.put(envelope_id)

    def wait_stopped(self, seconds: float) -> bool:
        """Sleep ``seconds`` (fault switches), waking early when the simulator stops (then
        ``True``)."""
        return self._stop.wait(seconds)

    def wsdl(self) -> bytes:
        return service_wsdl(self.config, self.url)
