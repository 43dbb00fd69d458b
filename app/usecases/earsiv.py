"""The daily e-Arşiv report, end to end: which days need one, building, checking, signing,
time-stamping, storing and handing it to the outbox's ``earsiv`` channel.

* ``report_days(ctx, now=None)`` — one row per Istanbul day with e-Arşiv invoices created
  (``invoices.issued_at``) or cancellations made: when its report is due, its state
  (``not-built`` / ``waiting`` / ``sent`` / ``accepted`` / ``failed``), raporNo, message and
  whether it is overdue.
* ``prepare_report(ctx, day, signer, tsa, rebuild=False)`` — build (``app.earsiv.report``
  from the stored signed invoice bytes), check (GİB's e-Arşiv XSD and schematron when GİB's
  e-Arşiv package is installed — ``tezgah rules install --from earsiv_paket….zip``,
  ``RulesStore.earsiv_xsd`` — else Tezgâh's own structural checks; the result says which),
  sign (``app.signing.sign_enveloped``: the
  signature inside ``baslik``), raise to the configured level (``EARSIV_SIGNATURE_LEVEL``,
  default XAdES-A) with the TSA, store as a document of kind ``earchive-report`` and queue it
  for the ``earsiv`` channel; the envelope UUID is the raporNo
  (``EArsivChannel.envelope_uuid_for``).

  Exactly once: a day with a stored report is never built again. A report whose sending
  failed is sent again with the same stored bytes and raporNo (its envelope goes back to
  ``ready``); only ``rebuild=True`` after a refusal makes a new report (a new raporNo; the old
  one is marked handled). A day that is not over yet is not reported (invoices created later
  that day would be missed). Without a TSA (or with level BES) the report is signed but not
  stored nor queued: it cannot be sent without a time-stamp.
* ``due_work(ctx, now=None)`` — run at the start of each sync (``sync_with_reports``: the
  ``tezgah sync`` command and the window's background pass): prepares every finished day's
  report not built yet when the signer signs without asking (the demo TEST certificate);
  with a card it names the days waiting for the owner's PIN.
* ``record_accepted_reports(ctx)`` — after each sync: the invoices of a report GİB accepted
  become "Raporlandı" and their history names the report (once).
* ``channel_factory`` — registered in ``app.usecases.sending.CHANNEL_FACTORIES``: an
  ``EArsivChannel`` only when a signer is at hand without asking (the demo TEST certificate)
  or was opened for this sync (``sending.sync(..., earsiv_signer=…)``): WS-Security signs
  every send and poll with the card, and a PIN is never stored. Otherwise the report waits in
  the outbox with the reason.

Cancellations come from ``app.usecases.cancellation.cancellations_on``; while that is not
implemented a day has none (``_cancellations``).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import asdict, dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from app import clock, settings
from app.context import AppContext
from app.db.repositories import documents
from app.db.repositories import earsiv as repo
from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.earsiv import checks
from app.earsiv.report import (
    Cancellation,
    IssuedInvoice,
    build_report,
    report_day_of,
    signature_parent,
)
from app.outbox.queue import enqueue
from app.outbox.states import (
    COMPLETED,
    ENV_FAILED,
    ENVELOPED,
    FAILED,
    HANDLED,
    PROCESSING,
    READY,
    RETRY,
    SENDING,
    SENT,
    WAITING,
)
from app.signing import Signer, TsaConfig
from app.usecases.company import require_company

CHANNEL = "earsiv"
KIND = DocumentKind.EARCHIVE_REPORT
# The receiver as the outbox keeps it (grouping only: GİB knows the sender by its certificate).
RECEIVER = "GIB"
RECEIVER_ALIAS = "EArsivWs"

NOT_BUILT, STATE_WAITING, STATE_SENT, ACCEPTED, STATE_FAILED = (
    "not-built", "waiting", "sent", "accepted", "failed")
STATE_LABELS = {NOT_BUILT: "Hazırlanmadı", STATE_WAITING: "Gönderilmeyi bekliyor",
                STATE_SENT: "GİB'e gönderildi", ACCEPTED: "GİB'de işlendi",
                STATE_FAILED: "Hatalı"}
NO_SIGNER_REASON = ("e-Arşiv raporu her gönderimde ve sorgulamada mali mühür/e-imza ile "
                    "imzalanır: 'tezgah earsiv report --send' ile kartı açarak gönderin.")

#: A signer opened for the running sync (``sending.sync(..., earsiv_signer=…)``).
OPENED_SIGNER: ContextVar[Signer | None] = ContextVar("earsiv_signer", default=None)


# ---------------------------------------------------------------- configuration


def tsa_config(ctx: AppContext) -> TsaConfig | None:
    """The configured time-stamp service (None: none configured)."""
    url = settings.read(ctx, settings.TSA_URL)
    if not url:
        return None
    return TsaConfig(url, username=settings.read(ctx, settings.TSA_USERNAME) or None,
                     password=settings.read_tsa_password(ctx.data_dir) or None)


def earsiv_endpoint(ctx: AppContext, efatura_endpoint: str | None = None) -> str:
    """EArsivWs: in a demo folder the in-process simulator's (beside the EFatura endpoint
    the sync uses), else the ``EARSIV_ENDPOINT`` setting."""
    if (efatura_endpoint and settings.read(ctx, settings.DEMO_FOLDER)
            and settings.endpoint_kind(efatura_endpoint) == "local"):
        from urllib.parse import urlsplit

        from app.gib.simulator.server import EARSIV_PATH

        parts = urlsplit(efatura_endpoint)
        return f"{parts.scheme}://{parts.netloc}{EARSIV_PATH}"
    return settings.read(ctx, settings.EARSIV_ENDPOINT)


def earsiv_settings(ctx: AppContext) -> dict[str, Any]:
    """The e-Arşiv settings as Ayarlar shows them (never the TSA password: only whether one
    is stored)."""
    with ctx.db.session() as s:
        values = {x.key: settings.get(s, x) for x in settings.EARSIV_SETTINGS}
    values["password_stored"] = bool(settings.read_tsa_password(ctx.data_dir))
    values["test_endpoint"] = settings.EARSIV_TEST_ENDPOINT
    return values


def save_earsiv_settings(ctx: AppContext, values: dict[str, Any],
                         password: str | None = None) -> None:
    """Store the e-Arşiv settings; ``password`` None keeps the stored TSA password."""
    with ctx.db.write_session() as s:
        settings.put_group(s, settings.EARSIV_SETTINGS, values, "e-Arşiv")
    if password is not None:
        settings.write_tsa_password(ctx.data_dir, password)


def try_timestamp(ctx: AppContext) -> datetime:
    """Ask the configured TSA for one time-stamp; returns its time (Istanbul)."""
    from app.signing import request_timestamp

    tsa = tsa_config(ctx)
    if tsa is None:
        raise UserError("Zaman damgası sunucusunun (TSA) adresi girilmemiş.", field="tsa_url")
    digest = hashlib.sha256(b"Tezgah zaman damgasi denemesi " +
                            clock.now().isoformat().encode()).digest()
    return clock.to_istanbul(request_timestamp(digest, tsa).info.gen_time)


@dataclass(frozen=True)
class Services:
    """Where reports are time-stamped and sent; ``efatura_url`` is the in-process
    simulator's EFatura address in a demo folder (pass it to ``sending.sync``), else None."""

    tsa: TsaConfig | None
    earsiv_url: str
    efatura_url: str | None = None
    demo: bool = False


@contextmanager
def services(ctx: AppContext) -> Iterator[Services]:
    """The configured TSA and EArsivWs; in a demo folder the in-process simulator's (its
    ``/tsa`` and EArsivWs), running while the block runs."""
    if not settings.read(ctx, settings.DEMO_FOLDER):
        yield Services(tsa_config(ctx), settings.read(ctx, settings.EARSIV_ENDPOINT))
        return
    from app.usecases.demo import start_demo_simulator

    sim = start_demo_simulator(ctx)
    try:
        yield Services(TsaConfig(sim.tsa_url), sim.earsiv_url, sim.url, demo=True)
    finally:
        sim.stop()


@contextmanager
def company_signer(ctx: AppContext, secret: object) -> Iterator[Signer]:
    """The company's signer, opened once for the block (``secret``: PIN, password, a
    ``PinHandler`` or None for the demo certificate)."""
    from app.signing import load_signer_config, open_signer

    cfg = load_signer_config(ctx.data_dir)
    if cfg is None:
        raise UserError("İmza aracı ayarlanmamış: e-Arşiv raporu mali mühür/e-imza ile "
                        "imzalanır ('tezgah signer configure …').")
    company = require_company(ctx)
    with open_signer(cfg, secret, expected_vkn_tckn=company.vkn_tckn) as signer:  # type: ignore[arg-type]
        yield signer


def _validation_material(ctx: AppContext) -> tuple[list[Any], list[Any]]:
    """CA certificates and CRLs for XAdES-A's validation data: the trust anchors and CRLs
    kept in the data folder, and the demo TEST CA beside the TEST certificate."""
    from cryptography import x509

    from app.paths import signer_dir
    from app.signing import TEST_CA_FILE, TEST_CRL_FILE
    from app.usecases.trust import trust_store

    store = trust_store(ctx.data_dir, fetch_crls=False)
    certs = [a.certificate for a in store.anchors]
    crls = list(store.crls)
    folder = signer_dir(ctx.data_dir)
    if settings.signs_with_demo_certificate(ctx.data_dir):
        if (folder / TEST_CA_FILE).exists():
            certs.append(x509.load_pem_x509_certificate((folder / TEST_CA_FILE).read_bytes()))
        if (folder / TEST_CRL_FILE).exists():
            crls.append(x509.load_pem_x509_crl((folder / TEST_CRL_FILE).read_bytes()))
    return certs, crls


# ---------------------------------------------------------------- what is stored


_RAPOR_NO = re.compile(rb"raporNo>\s*([0-9A-Fa-f-]{36})\s*<")
_DAY = re.compile(rb"donemBaslangicTarihi>\s*(\d{4}-\d{2}-\d{2})\s*<")


@dataclass
class _Stored:
    document_id: int
    rapor_no: str
    day: date
    item: Any
    envelope: Any

    @property
    def state(self) -> str:
        env, item = self.envelope, self.item
        if item is None:
            return NOT_BUILT
        if item.state in (FAILED, HANDLED) or (env is not None and env.state == ENV_FAILED):
            return STATE_FAILED
        if env is None or env.state in (READY, RETRY, SENDING):
            return STATE_WAITING
        if env.state in (SENT, PROCESSING):
            return STATE_SENT
        if env.state == COMPLETED:
            return ACCEPTED
        return STATE_WAITING

    @property
    def message(self) -> str:
        if self.envelope is not None and self.envelope.last_message:
            return self.envelope.last_message
        return self.item.problem if self.item is not None else ""


def _stored_reports(s: Any) -> dict[date, _Stored]:
    """The latest stored report of each day."""
    latest: dict[date, _Stored] = {}
    for doc_id, _created, head, item, env in repo.report_heads(s, KIND.value):
        head = bytes(head)
        rn, dm = _RAPOR_NO.search(head), _DAY.search(head)
        if rn is None or dm is None:
            continue
        day = date.fromisoformat(dm.group(1).decode())
        latest[day] = _Stored(doc_id, rn.group(1).decode(), day, item, env)
    return latest


def _cancellations(ctx: AppContext, day: date) -> list[Cancellation]:
    """The cancellations made on ``day`` (``app.usecases.cancellation``)."""
    from app.usecases.cancellation import cancellations_on

    return list(cancellations_on(ctx, day))


# ---------------------------------------------------------------- the days


@dataclass
class DayRow:
    day: date
    due: datetime
    invoices: int
    cancellations: int
    state: str
    state_name: str
    rapor_no: str | None
    message: str
    overdue: bool

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["day"] = self.day.isoformat()
        d["due"] = self.due.isoformat(timespec="seconds")
        return d


def report_days(ctx: AppContext, *, now: datetime | None = None,
                since: date | None = None) -> list[DayRow]:
    """One row per Istanbul day with e-Arşiv invoices or cancellations, oldest first; only
    the days from ``since`` on when given (the phone page asks for yesterday and today)."""
    moment = clock.to_istanbul(now) if now is not None else clock.now()
    with ctx.db.session() as s:
        counts = repo.invoice_days(s)
        stored = _stored_reports(s)
    cancels: dict[date, int] = {}
    if counts or stored:
        first = min([*counts, *stored])
        day = max(first, since) if since is not None else first
        while day <= moment.date():
            found = _cancellations(ctx, day)
            if found:
                cancels[day] = len(found)
            day += timedelta(days=1)
    rows = []
    for day in sorted(set(counts) | set(cancels) | set(stored)):
        if since is not None and day < since:
            continue
        rd = report_day_of(day)
        st = stored.get(day)
        state = st.state if st is not None else NOT_BUILT
        rows.append(DayRow(
            day=day, due=rd.due, invoices=counts.get(day, 0), cancellations=cancels.get(day, 0),
            state=state, state_name=STATE_LABELS[state],
            rapor_no=st.rapor_no if st is not None else None,
            message=st.message if st is not None else "",
            overdue=state in (NOT_BUILT, STATE_WAITING, STATE_FAILED) and rd.overdue(moment)))
    return rows


# ---------------------------------------------------------------- preparing a report


@dataclass
class PreparedReport:
    day: date
    rapor_no: str
    xml: bytes  # the signed (and, when ``timestamped``, time-stamped) report
    invoices: int
    cancellations: int
    level: str  # the XAdES level reached: BES, T or A
    timestamped: bool
    stored: bool  # kept as a document and queued for sending
    already: bool = False  # the day's report existed; nothing was built
    resent: bool = False  # a failed report goes out again with the same bytes
    checked_with: str = ""  # which checks ran (Turkish)
    notes: list[str] = field(default_factory=list)

    @property
    def state(self) -> str:
        return STATE_WAITING if self.stored else NOT_BUILT


def check_report(ctx: AppContext, xml: bytes) -> checks.ReportCheck:
    """GİB's e-Arşiv XSD and schematron when GİB's e-Arşiv package is installed; else
    Tezgâh's own structural checks. A note says which."""
    from app.ubl.rules import RulesStore

    store = RulesStore(Path(ctx.rules_dir))
    xsd = store.earsiv_xsd()
    if xsd is not None:
        pkg = store.earsiv_package()
        found = checks.validate_with_package(xml, xsd, store.earsiv_schematron())
        said = (f"GİB'in e-Arşiv paketiyle (XSD sürüm {pkg.version if pkg else '?'}) "
                "denetlendi.")
        return checks.ReportCheck(found.checked_with, found.problems, (said, *found.notes))
    own = checks.check_report(xml)
    note = ("GİB'in e-Arşiv paketi kurulu değil; Tezgâh'ın kendi yapı denetimleri kullanıldı "
            "('tezgah rules install --from earsiv_paket_v1.1_8.zip' ile kurulur).")
    return checks.ReportCheck(own.checked_with, own.problems, (*own.notes, note))


def _reset_for_resend(s: Any, st: _Stored, now: datetime) -> None:
    """The failed report goes out again: same envelope (UUID = raporNo), same bytes."""
    env, item = st.envelope, st.item
    if env is None:
        item.state, item.envelope_id = WAITING, None
    else:
        env.state, env.next_action_at, env.finished_at = READY, now, None
        env.last_message = "Kullanıcı raporu aynı içerikle yeniden gönderiyor."
        item.state = ENVELOPED
    item.problem, item.updated_at = "", now


def _existing(ctx: AppContext, day: date) -> _Stored | None:
    with ctx.db.session() as s:
        return _stored_reports(s).get(day)


def _as_prepared(ctx: AppContext, st: _Stored, **kw: Any) -> PreparedReport:
    with ctx.db.session() as s:
        xml = repo.document_content(s, st.document_id)
    from app.signing import verify_document

    level = verify_document(xml).level
    return PreparedReport(day=st.day, rapor_no=st.rapor_no, xml=xml,
                          invoices=_count(xml, "fatura"),
                          cancellations=_count(xml, "faturaIptal"), level=level,
                          timestamped=level in ("T", "A"), stored=True, **kw)


def _count(xml: bytes, local: str) -> int:
    from lxml import etree

    from app.xmlsafe import parse_bytes

    root = parse_bytes(xml).getroot()
    return sum(1 for c in root if isinstance(c.tag, str) and etree.QName(c).localname == local)


def prepare_report(ctx: AppContext, day: date, signer: Signer, tsa: TsaConfig | None, *,
                   rebuild: bool = False) -> PreparedReport:
    """The report of ``day``, made once (see the module docstring)."""
    from app.signing import apply_level, sign_enveloped

    if day >= clock.today():
        raise UserError(f"{day:%d.%m.%Y} günü bitmedi: günün raporu ertesi gün hazırlanır "
                        "(gün içinde kesilecek faturalar da rapora girmeli).")
    st = _existing(ctx, day)
    if st is not None and st.state == STATE_FAILED and not rebuild:
        now = clock.local_now()
        with ctx.db.write_session() as s:
            fresh = _stored_reports(s).get(day)
            if fresh is not None and fresh.document_id == st.document_id \
                    and fresh.state == STATE_FAILED:
                _reset_for_resend(s, fresh, now)
        return _as_prepared(ctx, st, already=True, resent=True)
    if st is not None and st.state != STATE_FAILED:
        if rebuild:
            raise UserError(f"{day:%d.%m.%Y} raporu ({st.rapor_no}) "
                            f"{STATE_LABELS[st.state].lower()}; yalnız reddedilen bir rapor "
                            "yeniden oluşturulur.")
        return _as_prepared(ctx, st, already=True)

    company = require_company(ctx)
    with ctx.db.session() as s:
        rows = repo.invoices_created_on(s, day)
    invoices = [IssuedInvoice(xml, created) for created, xml in rows]
    cancellations = _cancellations(ctx, day)
    if not invoices and not cancellations:
        raise UserError(f"{day:%d.%m.%Y} günü kesilen ya da iptal edilen e-Arşiv faturası "
                        "yok; rapor gerekmiyor.")
    built = build_report(day, company.vkn_tckn, invoices, cancellations)
    result = check_report(ctx, built.xml)
    if not result.ok:
        raise UserError(f"{day:%d.%m.%Y} raporu denetimden geçmedi ({result.description}): "
                        + "; ".join(result.problems[:10]))
    signed = sign_enveloped(built.xml, signer, parent=signature_parent,
                            signature_id=f"Signature_{built.report_no}")
    level = settings.read(ctx, settings.EARSIV_SIGNATURE_LEVEL)
    notes = list(result.notes)
    prepared = PreparedReport(day=day, rapor_no=built.report_no, xml=signed,
                              invoices=len(built.entries), cancellations=len(cancellations),
                              level="BES", timestamped=False, stored=False,
                              checked_with=result.description, notes=notes)
    if tsa is None or level == "BES":
        notes.append("Zaman damgası yok: " + (
            "zaman damgası sunucusu (TSA) ayarlanmamış." if tsa is None else
            "imza düzeyi BES seçili.") + " Rapor imzalandı ama zaman damgasız rapor GİB'e "
            "gönderilemez; saklanmadı, giden kutusuna konmadı.")
        return prepared
    certs, crls = _validation_material(ctx) if level == "A" else ([], [])
    stamped = apply_level(signed, level, tsa, certificates=certs, crls=crls)
    now = clock.local_now()
    with ctx.db.write_session() as s:
        other = _stored_reports(s).get(day)
        if other is not None and (other.state != STATE_FAILED or other.document_id !=
                                  (st.document_id if st else None)):
            raise UserError(f"{day:%d.%m.%Y} raporu bu arada başka bir işlemle hazırlandı "
                            f"({other.rapor_no}); bu rapor saklanmadı.")
        if other is not None and other.item is not None:
            other.item.state, other.item.updated_at = HANDLED, now
            other.item.problem = f"Yerine yeni rapor hazırlandı: {built.report_no}."
        doc = documents.add(s, invoice_id=None, kind=KIND.value, content=stamped,
                            sha256=hashlib.sha256(stamped).hexdigest(), now=now)
        enqueue(s, document_id=doc.id, kind=KIND, channel=CHANNEL, receiver_vkn_tckn=RECEIVER,
                receiver_alias=RECEIVER_ALIAS, now=now)
    prepared.xml, prepared.level, prepared.timestamped, prepared.stored = (
        stamped, level, True, True)
    return prepared


def stored_report(ctx: AppContext, day: date) -> bytes | None:
    """The bytes of the day's latest stored report."""
    st = _existing(ctx, day)
    if st is None:
        return None
    with ctx.db.session() as s:
        return repo.document_content(s, st.document_id)


# ---------------------------------------------------------------- scheduling

NO_TSA_PROBLEM = ("Zaman damgası sunucusu (TSA) ayarlanmamış: e-Arşiv raporu zaman damgasız "
                  "GİB'e gönderilemez. Ayarlar > e-Arşiv'den TSA adresini girin.")
BES_PROBLEM = ("e-Arşiv imza düzeyi BES seçili: zaman damgasız rapor GİB'e gönderilemez. "
               "Ayarlar > e-Arşiv'den T ya da A seçin.")


@dataclass
class DueWork:
    """What the start of a sync did for the e-Arşiv reports and what needs the owner."""

    prepared: list[PreparedReport] = field(default_factory=list)
    #: finished days whose report is not built because signing it needs the card's PIN
    needs_card: list[date] = field(default_factory=list)
    #: why a report could not be prepared (Turkish, one line each)
    problems: list[str] = field(default_factory=list)

    @property
    def needs_owner(self) -> bool:
        return bool(self.needs_card or self.problems)


def days_to_prepare(ctx: AppContext, *, now: datetime | None = None) -> list[date]:
    """The finished days with e-Arşiv invoices or cancellations whose report is not built."""
    moment = clock.to_istanbul(now) if now is not None else clock.now()
    return [r.day for r in report_days(ctx, now=moment)
            if r.state == NOT_BUILT and r.day < moment.date()]


def _tsa_beside(ctx: AppContext, efatura_endpoint: str | None) -> TsaConfig | None:
    """The TSA to use: in a demo folder sending to the local simulator, its ``/tsa``."""
    if (efatura_endpoint and settings.read(ctx, settings.DEMO_FOLDER)
            and settings.endpoint_kind(efatura_endpoint) == "local"):
        from urllib.parse import urlsplit

        from app.gib.simulator.server import TSA_PATH

        parts = urlsplit(efatura_endpoint)
        return TsaConfig(f"{parts.scheme}://{parts.netloc}{TSA_PATH}")
    return tsa_config(ctx)


def due_work(ctx: AppContext, now: datetime | None = None, *,
             efatura_endpoint: str | None = None) -> DueWork:
    """Prepare the report of every finished day that has none yet, when the company's
    signer signs without asking (the demo TEST certificate); the reports then go out with
    the sync that follows. With a card the days are returned in ``needs_card`` (a PIN is
    never stored); without a TSA (or at level BES) nothing is built and ``problems`` says
    why. ``efatura_endpoint``: the EFatura address the sync uses (in a demo folder the
    local simulator's, whose ``/tsa`` then stamps the reports)."""
    work = DueWork()
    days = days_to_prepare(ctx, now=now)
    if not days:
        return work
    tsa = _tsa_beside(ctx, efatura_endpoint)
    if tsa is None:
        work.problems.append(NO_TSA_PROBLEM)
        return work
    if settings.read(ctx, settings.EARSIV_SIGNATURE_LEVEL) == "BES":
        work.problems.append(BES_PROBLEM)
        return work
    if not settings.signs_with_demo_certificate(ctx.data_dir):
        work.needs_card = days
        return work
    try:
        with company_signer(ctx, None) as signer:
            for day in days:
                try:
                    work.prepared.append(prepare_report(ctx, day, signer, tsa))
                except UserError as exc:
                    work.problems.append(f"{day:%d.%m.%Y} raporu hazırlanamadı: {exc}")
    except UserError as exc:
        work.problems.append(f"e-Arşiv raporu imzalanamadı: {exc}")
    return work


def sync_with_reports(ctx: AppContext, *, endpoint_url: str | None = None,
                      **sync_args: Any) -> tuple[DueWork, Any]:
    """One sync as ``tezgah sync`` and the window run it: first ``due_work`` (the finished
    days' reports), then ``sending.sync`` (which sends them). In a demo folder one in-process
    simulator serves both."""
    from app.usecases import sending

    if endpoint_url is None and settings.read(ctx, settings.DEMO_FOLDER):
        from app.usecases.demo import demo_simulator_endpoint

        with demo_simulator_endpoint(ctx) as url:
            return sync_with_reports(ctx, endpoint_url=url, **sync_args)
    used = sending.endpoint(ctx, endpoint_url)
    work = due_work(ctx, efatura_endpoint=used)
    return work, sending.sync(ctx, endpoint_url=endpoint_url, **sync_args)


@dataclass
class SentNow:
    """The outcome of "Raporu şimdi gönder"."""

    prepared: list[PreparedReport]
    problems: list[str]
    report: Any  # the sync's SyncReport
    rows: list[DayRow]  # the days afterwards

    @property
    def summary(self) -> str:
        """One Turkish paragraph for the owner."""
        parts = []
        for row in self.rows:
            if any(p.day == row.day for p in self.prepared):
                parts.append(f"{row.day:%d.%m.%Y}: {row.state_name}"
                             + (f" — {row.message}" if row.message else ""))
        if not parts:
            parts.append("Hazırlanacak yeni e-Arşiv raporu yoktu; bekleyen raporlar gönderildi."
                         if self.report.sent or self.report.completed else
                         "Gönderilecek e-Arşiv raporu yok.")
        return "\n".join([*parts, *self.problems])


def send_reports_now(ctx: AppContext, secret: object, *, timeout: float = 30.0,
                     max_seconds: float = 60.0) -> SentNow:
    """The owner sends now: the card is opened once (``secret``: a ``PinHandler`` asks the
    PIN, never stored), every finished day whose report is not built (or was refused: the
    same bytes go again) is prepared, and the reports are sent and followed for up to
    ``max_seconds``. In a demo folder the in-process simulator serves the TSA and EArsivWs."""
    import time

    from app.outbox.lock import SyncBusy
    from app.usecases import sending

    moment = clock.now()
    days = [r.day for r in report_days(ctx, now=moment)
            if r.day < moment.date() and r.state in (NOT_BUILT, STATE_FAILED)]
    prepared: list[PreparedReport] = []
    problems: list[str] = []
    with services(ctx) as svc:
        if svc.tsa is None:
            raise UserError(NO_TSA_PROBLEM)
        if settings.read(ctx, settings.EARSIV_SIGNATURE_LEVEL) == "BES":
            raise UserError(BES_PROBLEM)
        with company_signer(ctx, secret) as signer:
            for day in days:
                try:
                    prepared.append(prepare_report(ctx, day, signer, svc.tsa))
                except UserError as exc:
                    problems.append(f"{day:%d.%m.%Y} raporu hazırlanamadı: {exc}")
            started = time.monotonic()
            while True:  # the background sync may hold the lock for a moment
                try:
                    report = sending.sync(ctx, endpoint_url=svc.efatura_url, timeout=timeout,
                                          max_seconds=max_seconds, earsiv_signer=signer)
                    break
                except SyncBusy:
                    if time.monotonic() - started > max_seconds:
                        raise
                    time.sleep(0.5)
    return SentNow(prepared, problems, report, report_days(ctx))


# ---------------------------------------------------------------- after GİB accepted a report

REPORTED_MESSAGE = "e-Arşiv raporuyla GİB'e bildirildi (rapor {rapor_no})"
CANCEL_REPORTED_MESSAGE = "İptali e-Arşiv raporuyla GİB'e bildirildi (rapor {rapor_no})"


def _listed(xml: bytes) -> tuple[list[str], list[str]]:
    """(faturaUUID of each ``fatura``, faturaNo of each ``faturaIptal``) of a report."""
    from app.earsiv import report_schema as rs
    from app.xmlsafe import parse_bytes

    root = parse_bytes(xml).getroot()
    uuids = [(f.findtext(rs.q("faturaUUID")) or "").strip()
             for f in root.iterchildren(rs.q(rs.FATURA))]
    numbers = [(f.findtext(rs.q("faturaNo")) or "").strip()
               for f in root.iterchildren(rs.q(rs.FATURA_IPTAL))]
    return [u for u in uuids if u], [n for n in numbers if n]


def record_accepted_reports(ctx: AppContext) -> int:
    """Each report GİB accepted (its envelope completed) is written into the history of the
    invoices it lists, once: a ``fatura`` becomes "Raporlandı" (a cancelled invoice stays
    İPTAL: the database keeps it so) and its history says which report carried it; a
    ``faturaIptal`` adds that its cancellation was reported. Returns how many reports were
    recorded now."""
    from app.db.repositories import invoices as invoice_repo
    from app.db.repositories.events import add_events
    from app.domain.status import Status

    with ctx.db.session() as s:
        done = repo.recorded_reports(s)
        todo = [(d, r) for d, r in repo.accepted_reports(s, CHANNEL, COMPLETED) if r not in done]
    for document_id, rapor_no in todo:
        with ctx.db.write_session() as s:
            if rapor_no in repo.recorded_reports(s):
                continue  # another process recorded it meanwhile
            uuids, numbers = _listed(repo.document_content(s, document_id))
            ids = repo.our_invoice_ids(s, ettns=uuids)
            cancelled = repo.our_invoice_ids(s, numbers=numbers)
            invoice_repo.set_status(s, ids, Status.REPORTED)
            data = {"rapor": rapor_no}
            add_events(s, ids, repo.REPORTED_EVENT,
                       REPORTED_MESSAGE.format(rapor_no=rapor_no), data=data)
            add_events(s, cancelled, repo.REPORTED_EVENT,
                       CANCEL_REPORTED_MESSAGE.format(rapor_no=rapor_no), data=data)
    return len(todo)


# ---------------------------------------------------------------- the outbox channel


def _pending(ctx: AppContext) -> list[Any]:
    with ctx.db.session() as s:
        return [i.id for i in repo.items_of_channel(s, CHANNEL, (WAITING, ENVELOPED))]


def _explain_waiting(ctx: AppContext, reason: str) -> None:
    with ctx.db.session() as s:
        if not [i for i in repo.items_of_channel(s, CHANNEL, (WAITING, ENVELOPED))
                if i.problem != reason]:
            return
    now = clock.local_now()
    with ctx.db.write_session() as s:
        for item in repo.items_of_channel(s, CHANNEL, (WAITING, ENVELOPED)):
            item.problem, item.updated_at = reason, now


@contextmanager
def signer_for_sync(ctx: AppContext, given: Signer | None = None) -> Iterator[Signer | None]:
    """The signer the ``earsiv`` channel uses during one sync: ``given`` (opened by the
    caller), else the demo TEST certificate when the company signs with it and a report
    waits; else None (the reports wait)."""
    if given is not None:
        token = OPENED_SIGNER.set(given)
        try:
            yield given
        finally:
            OPENED_SIGNER.reset(token)
        return
    if not settings.signs_with_demo_certificate(ctx.data_dir) or not _pending(ctx):
        yield None
        return
    with company_signer(ctx, None) as signer:
        token = OPENED_SIGNER.set(signer)
        try:
            yield signer
        finally:
            OPENED_SIGNER.reset(token)


def channel_factory(ctx: AppContext, efatura_endpoint: str, timeout: float):  # type: ignore[no-untyped-def]
    """``sending.CHANNEL_FACTORIES``: the EArsivWs channel when a signer is open for this
    sync; else None, and the waiting reports say why."""
    from app.channels.earsiv import EArsivChannel

    signer = OPENED_SIGNER.get()
    if signer is None:
        if _pending(ctx):
            _explain_waiting(ctx, NO_SIGNER_REASON)
        return None
    return EArsivChannel(earsiv_endpoint(ctx, efatura_endpoint), signer, timeout=timeout)
