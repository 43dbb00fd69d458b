"""A ready-to-try data directory: a demo company, customers, products, issued invoices.

Everything it makes is marked as a demonstration: the company's name says DEMO, invoices
are signed with a TEST certificate (printed as TEST), and nothing is sent to GİB: the folder
is marked as a demo folder (``settings.DEMO_FOLDER``), so sending from it — ``tezgah sync``
too — goes to the in-process GİB test simulator. Without ``--data-dir`` the demo has its own
folder (``app.paths.demo_data_dir``), never the user's data folder.

``run_exchange_demo`` (``tezgah demo --exchange``) shows two demo businesses in sub-folders of
the demo folder exchanging a TICARIFATURA end to end, then a despatch advice for its goods and
the buyer's receipt advice (``app.usecases.demo_despatch``): each runs its posta kutusu service
and worker on 127.0.0.1, and the GİB test simulator between them runs in this process.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app import clock, settings
from app.context import AppContext
from app.domain.errors import RulesMissingError, UserError
from app.resources import checkout_root, shipped_gib_dir
from app.usecases import catalog
from app.usecases.company import get_company, set_company
from app.usecases.demo_despatch import (
    DespatchExchange,
    despatch_aliases,
    exchange_despatch,
    register_despatch_addresses,
)
from app.usecases.invoices import create_draft, issue_invoice
from app.usecases.rules import install_shipped_if_newer

DEMO_COMPANY: dict[str, Any] = {
    "vkn_tckn": "3880530121",
    "name": "Tezgâh Demo Gıda ve Kırtasiye Ltd. Şti. (DEMO)",
    "tax_office": "Beşiktaş",
    "address": {"street": "Barbaros Bulvarı", "building_no": "12", "district": "Beşiktaş",
                "city": "İstanbul", "postal_code": "34353", "country": "TR"},
    "email": "demo@tezgah.invalid", "phone": "+90 212 000 00 00", "web": "https://tezgah.invalid",
    "alias": "urn:mail:defaultgb@tezgah.invalid", "mersis_no": "0388053012100001",
    "iban": "TR330006100519786457841326", "efatura_series": "TZG", "earchive_series": "EAR",
}
DEMO_CUSTOMERS: list[dict[str, Any]] = [
    {"vkn_tckn": "4700582260", "name": "Örnek Çağrı Merkezi Hizmetleri A.Ş.", "tax_office": "Kadıköy",
     "address": {"street": "Bağdat Caddesi", "building_no": "210", "district": "Kadıköy",
                 "city": "İstanbul", "postal_code": "34728"},
     "email": "muhasebe@ornek.invalid", "alias": "urn:mail:defaultpk@ornek.invalid"},
    {"vkn_tckn": "10000000146", "first_name": "Ayşe", "family_name": "Yılmaz",
     "address": {"street": "Gül Sokak", "building_no": "3", "district": "Çankaya", "city": "Ankara"},
     "email": "ayse@ornek.invalid"},
]
DEMO_PRODUCTS: list[dict[str, Any]] = [
    {"name": "Türk kahvesi 250 g", "unit": "C62", "unit_price": "145.00", "kdv_rate": "1",
     "seller_code": "KHV-250"},
    {"name": "A4 fotokopi kâğıdı (500 yaprak)", "unit": "PA", "unit_price": "189.90",
     "kdv_rate": "20", "seller_code": "KGT-A4"},
    {"name": "Danışmanlık hizmeti", "unit": "HUR", "unit_price": "1250.00", "kdv_rate": "20",
     "seller_code": "HZM-01"},
]


def find_gib_packages() -> Path | None:
    """GİB's packages to install from without the internet: $TEZGAH_GIB_DIR, the set this
    build carries (installer, ``app.resources.shipped_gib_dir``), or ``../shared/gib`` beside
    a developer checkout."""
    checkout = checkout_root()
    candidates = [os.environ.get("TEZGAH_GIB_DIR"), shipped_gib_dir(),
                  checkout.parent / "shared" / "gib" if checkout is not None else None]
    for c in candidates:
        if c and (Path(c) / "UBL-TR1.2.1_Paketi.zip").exists():
            return Path(c)
    return None


def ensure_rules(ctx: AppContext) -> str:
    from app.ubl.rules import RulesStore, download_rules, install_rules

    # The set this build carries, when nothing is installed or it is newer (never replacing
    # newer packages the user downloaded); a damaged one falls through to the ways below.
    shipped = install_shipped_if_newer(ctx.data_dir, strict=False)
    if shipped is not None and shipped.changed:
        return f"GİB kural paketleri bu sürümle gelen paketlerden kuruldu: {shipped.versions()}."
    if RulesStore(ctx.rules_dir).installed:
        return "GİB kural paketleri kurulu."
    source = find_gib_packages()
    if source is not None:
        install_rules(source, ctx.rules_dir)
        return f"GİB kural paketleri {source} klasöründen kuruldu."
    try:
        download_rules(ctx.rules_dir)
    except Exception as exc:  # network failures of any kind end in one clear message
        raise RulesMissingError(
            "GİB kural paketleri kurulu değil ve indirilemedi. GİB'in UBL-TR1.2.1_Paketi.zip "
            "ve e-FaturaPaketi.zip dosyalarını indirip 'tezgah rules install --from KLASÖR' "
            f"ile kurun. ({exc})") from exc
    return "GİB kural paketleri GİB'den indirildi."


def _invoices(today: date) -> list[dict[str, Any]]:
    return [
        {"profile": "TICARIFATURA", "type": "SATIS", "series": "TZG",
         "issue_date": (today - timedelta(days=2)).isoformat(), "customer": "4700582260",
         "lines": [{"name": "A4 fotokopi kâğıdı (500 yaprak)", "quantity": "10", "unit": "PA",
                    "unit_price": "189.90", "kdv_rate": "20", "discount_rate": "5"},
                   {"name": "Türk kahvesi 250 g", "quantity": "6", "unit": "C62",
                    "unit_price": "145.00", "kdv_rate": "1"}],
         "notes": ["Demo faturası — Tezgâh ile kesildi."],
         "payment": {"iban": DEMO_COMPANY["iban"], "due_date": (today + timedelta(days=30)).isoformat()}},
        {"profile": "TEMELFATURA", "type": "TEVKIFAT", "series": "TZG",
         "issue_date": (today - timedelta(days=1)).isoformat(), "customer": "4700582260",
         "lines": [{"name": "Danışmanlık hizmeti", "quantity": "8", "unit": "HUR",
                    "unit_price": "1250.00", "kdv_rate": "20", "withholding_code": "602"}]},
        {"profile": "EARSIVFATURA", "type": "SATIS", "series": "EAR",
         "issue_date": today.isoformat(), "customer": "10000000146",
         "lines": [{"name": "Türk kahvesi 250 g", "quantity": "2", "unit": "C62",
                    "unit_price": "145.00", "kdv_rate": "1"}]},
    ]


def demo_user_list(ctx: AppContext) -> bytes:
    """GİB's user-list format naming the company and every customer with an alias as
    registered e-Fatura users (the simulator answers 1181 for anyone else)."""
    from app.gib.userlist import INVOICE, RegisteredUser, UserAlias, write_user_list

    t0 = "2020-01-01T00:00:00"
    company = get_company(ctx)
    users = []
    for party in [company, *catalog.list_customers(ctx)]:
        if party is None or not party.alias:
            continue
        aliases = [UserAlias(party.alias, "GB" if party is company else "PK", INVOICE, t0, t0,
                             None)]
        if party is company and "defaultgb" in party.alias:
            # the company's own posta kutusu, so invoices to itself can be tried too
            aliases.append(UserAlias(party.alias.replace("defaultgb", "defaultpk"), "PK",
                                     INVOICE, t0, t0, None))
        users.append(RegisteredUser(party.vkn_tckn, party.display_name, "OZEL", t0,
                                    "ENTEGRASYON", tuple(aliases)))
    return write_user_list(users)


def start_demo_simulator(ctx: AppContext):  # type: ignore[no-untyped-def]
    """The local GİB test simulator, in this process, for demo mode. It is a simulator:
    nothing reaches GİB. Its data lives in ``<data>/gib-simulator``."""
    from app.gib.simulator import GibSimulator, SimulatorConfig

    sim_dir = ctx.data_dir / "gib-simulator"
    sim_dir.mkdir(parents=True, exist_ok=True)
    user_list = sim_dir / "demo-userlist.xml"
    user_list.write_bytes(demo_user_list(ctx))
    return GibSimulator(SimulatorConfig(
        data_dir=sim_dir, userlist_file=user_list, rules_dir=ctx.rules_dir,
        gib_packages_dir=find_gib_packages(),
        queue_delay=0.2, processing_delay=0.3, delivery_delay=0.5)).start()


def is_demo_folder(ctx: AppContext) -> bool:
    """True in a folder ``tezgah demo`` filled: its sending never leaves the computer."""
    return settings.read(ctx, settings.DEMO_FOLDER)


@contextmanager
def demo_simulator_endpoint(ctx: AppContext) -> Iterator[str]:
    """The address of an in-process GİB test simulator, running while the block runs."""
    sim = start_demo_simulator(ctx)
    try:
        yield sim.url
    finally:
        sim.stop()


def send_demo_invoices(ctx: AppContext) -> list[str]:
    """Send what waits in the outbox to an in-process simulator and follow it to the end."""
    from app.usecases.invoices import list_invoices
    from app.usecases.sending import sync

    sim = start_demo_simulator(ctx)
    try:
        report = sync(ctx, endpoint_url=sim.url, timeout=10)
    finally:
        sim.stop()
    lines = [f"GİB test simülatörü ({sim.url}): {report.sent} zarf gönderildi, "
             f"{report.completed} tamamlandı, {report.failed} hatalı."]
    lines += [f"Durum: {r['number']} — {r['status_name']}" for r in list_invoices(ctx, limit=20)]
    return lines


def run_demo(ctx: AppContext, *, today: date | None = None) -> list[str]:
    """Fill the data directory with demo data; return what was made, in Turkish lines."""
    report = [ensure_rules(ctx)]
    existing = get_company(ctx)
    if existing is not None:
        if existing.vkn_tckn != DEMO_COMPANY["vkn_tckn"]:
            raise UserError(f"{ctx.data_dir} klasöründe gerçek bir firma var; demo yalnızca boş "
                            "bir veri klasörüne kurulur (--data-dir ile başka klasör seçin).")
        from app.usecases.invoices import list_invoices

        settings.write(ctx, settings.DEMO_FOLDER, True)
        report.append(f"Demo zaten kurulu: {existing.display_name}")
        report.extend(f"Fatura: {r['number']} ({r['profile']}/{r['type']}) {r['status_name']}"
                      for r in list_invoices(ctx, limit=20))
        report.append(f"Veri klasörü: {ctx.data_dir}")
        return report
    settings.write(ctx, settings.DEMO_FOLDER, True)
    company = set_company(ctx, DEMO_COMPANY)
    report.append(f"Firma: {company.display_name} (VKN {company.vkn_tckn})")
    for c in DEMO_CUSTOMERS:
        report.append(f"Müşteri: {catalog.save_customer(ctx, c).display_name}")
    for p in DEMO_PRODUCTS:
        report.append(f"Ürün: {catalog.save_product(ctx, p)['name']}")

    from app.signing import open_signer, sign_invoice
    from app.usecases.signers import use_test_certificate

    # Saved as the company's signer, so the folder is in demo mode (its TEST CA trusted).
    cfg = use_test_certificate(ctx.data_dir, company.vkn_tckn, company.display_name)
    report.append("İmza: TEST sertifikası oluşturuldu (gerçek mali mühür değildir).")
    today = today or clock.today()
    with open_signer(cfg, None, expected_vkn_tckn=company.vkn_tckn) as signer:
        for data in _invoices(today):
            ettn = create_draft(ctx, data)
            result = issue_invoice(ctx, ettn, sign=lambda xml: sign_invoice(xml, signer))
            report.append(f"Fatura: {result.number} ({data['profile']}/{data['type']}) ETTN {ettn}")
    settings.write(ctx, settings.SYNC_POLL_SECONDS, 0.3)  # the simulator answers within a second
    settings.write(ctx, settings.SYNC_RETRY_SECONDS, 2.0)
    report.extend(send_demo_invoices(ctx))
    report.append(f"Veri klasörü: {ctx.data_dir}")
    return report


# -- two demo businesses exchanging a TICARIFATURA ----------------------------------------

#: ``tezgah demo --exchange``: the seller and the buyer, each in its own sub-folder of the
#: demo folder, each with its posta kutusu service on 127.0.0.1 and the GİB test simulator
#: between them — all in this process; nothing reaches GİB.
EXCHANGE_SELLER_DIR = "satici"
EXCHANGE_BUYER_DIR = "alici"
EXCHANGE_SIMULATOR_DIR = "gib-simulator-takas"
EXCHANGE_SELLER: dict[str, Any] = {
    "vkn_tckn": "2746105939",
    "name": "Anadolu Lezzetleri Gıda Sanayi ve Ticaret A.Ş. (DEMO)",
    "tax_office": "Şehitkamil",
    "address": {"street": "İncilipınar Mahallesi, Gazi Muhtar Paşa Bulvarı", "building_no": "41",
                "district": "Şehitkamil", "city": "Gaziantep", "postal_code": "27090",
                "country": "TR"},
    "email": "satis@anadolulezzetleri.invalid", "phone": "+90 342 000 00 00",
    "alias": "urn:mail:defaultgb@anadolulezzetleri.invalid",
    "iban": "TR290006400000112345678901", "efatura_series": "ALZ", "earchive_series": "ALE",
}
EXCHANGE_BUYER: dict[str, Any] = {
    "vkn_tckn": "6932814700",
    "name": "Ege Şarküteri ve Market Ltd. Şti. (DEMO)",
    "tax_office": "Karşıyaka",
    "address": {"street": "Cemal Gürsel Caddesi", "building_no": "318", "district": "Karşıyaka",
                "city": "İzmir", "postal_code": "35590", "country": "TR"},
    "email": "muhasebe@egesarkuteri.invalid", "phone": "+90 232 000 00 00",
    "alias": "urn:mail:defaultgb@egesarkuteri.invalid",
    "efatura_series": "EGS", "earchive_series": "EGA",
}
EXCHANGE_DEADLINE_SECONDS = 60.0


def _pk_alias(party: dict[str, Any]) -> str:
    return str(party["alias"]).replace("defaultgb", "defaultpk")


@dataclass(frozen=True)
class ExchangeResult:
    seller_dir: Path
    buyer_dir: Path
    ettn: str
    number: str
    despatch: DespatchExchange | None = None


def _exchange_invoice(today: date) -> dict[str, Any]:
    return {
        "profile": "TICARIFATURA", "type": "SATIS", "series": EXCHANGE_SELLER["efatura_series"],
        "issue_date": today.isoformat(), "customer": EXCHANGE_BUYER["vkn_tckn"],
        "lines": [{"name": "Antep fıstığı (kavrulmuş) 1 kg", "quantity": "12", "unit": "KGM",
                   "unit_price": "780.00", "kdv_rate": "1", "seller_code": "FST-1000"},
                  {"name": "Baklava (fıstıklı) 2 kg tepsi", "quantity": "5", "unit": "C62",
                   "unit_price": "1650.00", "kdv_rate": "1", "discount_rate": "5",
                   "seller_code": "BKL-2000"}],
        "notes": ["Demo faturası — iki demo firma arasında Tezgâh ile kesildi."],
        "payment": {"iban": EXCHANGE_SELLER["iban"],
                    "due_date": (today + timedelta(days=30)).isoformat()},
    }


def _prepare_business(folder: Path, company_data: dict[str, Any],
                      say: Callable[[str], None]) -> AppContext:
    """A demo folder with the company and its TEST certificate (made once, kept after)."""
    from app.signing import load_signer_config

    ctx = AppContext.open(folder)
    existing = get_company(ctx)
    if existing is not None and existing.vkn_tckn != company_data["vkn_tckn"]:
        raise UserError(f"{folder} klasöründe başka bir firma ({existing.display_name}) var; "
                        "iki firmalı demo yalnızca boş ya da kendi kurduğu bir klasöre kurulur "
                        "(--data-dir ile başka bir demo klasörü seçin).")
    say(ensure_rules(ctx))
    settings.write(ctx, settings.DEMO_FOLDER, True)  # sending never leaves this computer
    settings.write(ctx, settings.SYNC_POLL_SECONDS, 0.2)
    settings.write(ctx, settings.SYNC_RETRY_SECONDS, 1.0)
    if existing is None:
        company = set_company(ctx, company_data)
        say(f"Firma kuruldu: {company.display_name} (VKN {company.vkn_tckn}) — {folder}")
    else:
        say(f"Firma zaten kurulu: {existing.display_name} — {folder}")
    if load_signer_config(ctx.data_dir) is None:
        from app.usecases.signers import use_test_certificate

        use_test_certificate(ctx.data_dir, company_data["vkn_tckn"], company_data["name"])
        say("İmza: TEST sertifikası oluşturuldu (gerçek mali mühür değildir).")
    return ctx


def _trust_other(me: AppContext, other: AppContext) -> None:
    """``me`` trusts the other demo business's TEST CA (and its CRL), in demo mode only."""
    from app.paths import signer_dir
    from app.signing import TEST_CA_FILE, TEST_CRL_FILE
    from app.trust import add_anchor

    folder = signer_dir(other.data_dir)
    add_anchor(me.data_dir, folder / TEST_CA_FILE, demo_only=True)
    if (folder / TEST_CRL_FILE).exists():
        add_anchor(me.data_dir, folder / TEST_CRL_FILE, demo_only=True)


def _exchange_user_list() -> bytes:
    """The demo's own GİB user list (never the simulator's built-in one): both businesses
    with their e-Fatura and e-İrsaliye (DespatchAdvice) PK and GB aliases."""
    from app.gib.userlist import (
        DESPATCH_ADVICE,
        INVOICE,
        RegisteredUser,
        UserAlias,
        write_user_list,
    )

    t0 = "2020-01-01T00:00:00"
    return write_user_list([
        RegisteredUser(p["vkn_tckn"], p["name"], "OZEL", t0, "ENTEGRASYON",
                       (UserAlias(p["alias"], "GB", INVOICE, t0, t0, None),
                        UserAlias(_pk_alias(p), "PK", INVOICE, t0, t0, None),
                        UserAlias(despatch_aliases(p)[0], "PK", DESPATCH_ADVICE, t0, t0, None),
                        UserAlias(despatch_aliases(p)[1], "GB", DESPATCH_ADVICE, t0, t0,
                                  None)))
        for p in (EXCHANGE_SELLER, EXCHANGE_BUYER)])


def _start_exchange_simulator(root: Path, rules_dir: Path):  # type: ignore[no-untyped-def]
    """The GİB test simulator for the two demo businesses (``<demo>/gib-simulator-takas``),
    forwarding envelopes to their posta kutusu services within about a second."""
    from app.gib.simulator import GibSimulator, SimulatorConfig

    sim_dir = root / EXCHANGE_SIMULATOR_DIR
    sim_dir.mkdir(parents=True, exist_ok=True)
    user_list = sim_dir / "demo-userlist.xml"
    user_list.write_bytes(_exchange_user_list())
    return GibSimulator(SimulatorConfig(
        data_dir=sim_dir, userlist_file=user_list, rules_dir=rules_dir,
        gib_packages_dir=find_gib_packages(), queue_delay=0.1, processing_delay=0.1,
        delivery_delay=0.1, delivery_retry_interval=1.0, delivery_poll_interval=1.0,
        delivery_timeout=10.0)).start()


class _Deadline:
    """One deadline for the whole exchange; each step polls until it happens."""

    def __init__(self, seconds: float, workers: dict[str, Any]) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.workers = workers

    def wait(self, what: str, check: Callable[[], Any]) -> Any:
        while True:
            value = check()
            if value:
                return value
            if time.monotonic() >= self.end:
                errors = "; ".join(f"{who}: {w.last_error}" for who, w in self.workers.items()
                                   if w.last_error)
                raise UserError(
                    f"Demo {self.seconds:.0f} saniye içinde tamamlanamadı: {what} olmadı."
                    + (f" Son hata — {errors}." if errors else "")
                    + " Ayrıntılar demo klasöründeki tezgah.log dosyasında.")
            time.sleep(0.1)


def run_exchange_demo(root: Path, *, say: Callable[[str], None],
                      deadline_seconds: float = EXCHANGE_DEADLINE_SECONDS,
                      today: date | None = None) -> ExchangeResult:
    """Two demo businesses in ``root/satici`` and ``root/alici`` exchange a TICARIFATURA over
    real HTTP on 127.0.0.1: the seller issues, its posta kutusu worker sends it to the
    in-process GİB test simulator, the simulator delivers it to the buyer's posta kutusu
    service, the buyer's worker checks it and answers 1200, the seller sees 1300, the buyer
    answers KABUL and the seller's invoice becomes "Kabul edildi"; then the seller's despatch
    advice and the buyer's receipt advice go the same way (``demo_despatch``) and the
    seller's despatch advice is "Yanıtlandı" with the outcome per line. ``say`` is told each step
    in Turkish as it happens. Run again, it does the same with a new invoice. Servers,
    workers and the simulator are stopped before it returns, also on error."""
    from app.usecases import inbox
    from app.usecases.invoices import show_invoice
    from app.usecases.postbox import Worker, make_server
    from app.usecases.signing import company_signer

    root = Path(root)
    seller = _prepare_business(root / EXCHANGE_SELLER_DIR, EXCHANGE_SELLER, say)
    buyer = _prepare_business(root / EXCHANGE_BUYER_DIR, EXCHANGE_BUYER, say)
    catalog.save_customer(seller, {**{k: v for k, v in EXCHANGE_BUYER.items()
                                      if k not in ("efatura_series", "earchive_series")},
                                   "alias": _pk_alias(EXCHANGE_BUYER)})
    _trust_other(seller, buyer)
    _trust_other(buyer, seller)
    user_list = root / EXCHANGE_SIMULATOR_DIR / "demo-userlist.xml"
    user_list.parent.mkdir(parents=True, exist_ok=True)
    user_list.write_bytes(_exchange_user_list())
    for ctx, party in ((seller, EXCHANGE_SELLER), (buyer, EXCHANGE_BUYER)):
        register_despatch_addresses(ctx, party, user_list)

    with ExitStack() as running:
        sim = _start_exchange_simulator(root, seller.rules_dir)
        running.callback(sim.stop)
        say(f"GİB test simülatörü çalışıyor: {sim.url} (yalnız bu bilgisayarda; gerçek GİB "
            "değildir).")
        workers: dict[str, Worker] = {}
        for who, ctx, party in (("satıcı", seller, EXCHANGE_SELLER),
                                ("alıcı", buyer, EXCHANGE_BUYER)):
            server = make_server(ctx, "127.0.0.1", 0)
            worker = Worker(ctx, endpoint_url=sim.url, interval=0.2)
            server.service.on_stored = worker.wake
            server.start()
            running.callback(server.stop)
            worker.start()
            running.callback(worker.stop)  # each worker stops before its server
            workers[who] = worker
            for alias in (party["alias"], _pk_alias(party), *despatch_aliases(party)):
                sim.register_target(alias, server.url)
            say(f"{who.capitalize()} posta kutusu servisi çalışıyor: {server.url}")
        deadline = _Deadline(deadline_seconds, workers)

        with company_signer(seller, None) as sign:
            ettn = create_draft(seller, _exchange_invoice(today or clock.today()))
            number = issue_invoice(seller, ettn, sign=sign).number
        say(f"1. Fatura kesildi: {number} (TICARIFATURA) ETTN {ettn} — "
            f"{EXCHANGE_SELLER['name']} → {EXCHANGE_BUYER['name']}")
        workers["satıcı"].wake()

        def seller_status() -> str:
            status = show_invoice(seller, ettn)["status"]
            if status == "failed":
                raise UserError(f"GİB test simülatörü {number} faturasını reddetti; "
                                f"'tezgah --data-dir {seller.data_dir} invoice status {ettn}' "
                                "nedenini gösterir.")
            return str(status)

        deadline.wait("faturanın GİB'e gönderilmesi",
                      lambda: seller_status() in ("sent", "processing", "completed"))
        say("2. GİB'e gönderildi: satıcının posta kutusu servisi zarfı GİB test "
            "simülatörüne verdi.")

        def received() -> dict[str, Any] | None:
            return next((i for i in inbox.list_inbox(buyer) if i["ettn"] == ettn), None)

        item = deadline.wait("faturanın alıcının posta kutusuna ulaşması", received)
        say(f"3. Alıcının posta kutusuna ulaştı: {item['number']} — "
            f"{item['signature_verdict']}")

        def verdict() -> dict[str, Any] | None:
            env = next((e for e in inbox.envelopes(buyer) if e["uuid"] == item["envelope"]),
                       None)
            if env is None or env["status_code"] is None:
                return None
            if env["status_code"] != 1200:
                raise UserError(f"Alıcı zarfı kabul etmedi: {env['status_code']} "
                                f"{env['description']}")
            return env

        env = deadline.wait("alıcının sistem yanıtı", verdict)
        say(f"4. Alıcı sistem yanıtı: 1200 (zarf {env['uuid']} başarıyla işlendi), GİB'e "
            "gönderiliyor.")
        deadline.wait("satıcıda 1300 (Tamamlandı)", lambda: seller_status() == "completed")
        say("5. Satıcıda 1300: GİB zarfı tamamlandı — fatura \"Tamamlandı\".")

        inbox.respond(buyer, ettn, accept=True)
        workers["alıcı"].wake()
        say("6. Alıcı KABUL etti: uygulama yanıtı imzalandı ve satıcıya gönderiliyor.")
        deadline.wait("satıcıda \"Kabul edildi\"", lambda: seller_status() == "accepted")
        say(f"7. Satıcıda \"Kabul edildi\": {number} faturasını alıcı kabul etti.")

        with company_signer(seller, None) as sign:
            despatch = exchange_despatch(
                seller, buyer, ettn, sign=sign, wake=lambda who: workers[who].wake(),
                deadline=deadline, say=say, first_step=8)
    return ExchangeResult(seller.data_dir, buyer.data_dir, ettn, number, despatch)
