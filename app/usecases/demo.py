"""A ready-to-try data directory: a demo company, customers, products, issued invoices.

Everything it makes is marked as a demonstration: the company's name says DEMO, invoices
are signed with a TEST certificate (printed as TEST), and nothing is sent to GİB: the folder
is marked as a demo folder (``settings.DEMO_FOLDER``), so sending from it — ``tezgah sync``
too — goes to the in-process GİB test simulator. Without ``--data-dir`` the demo has its own
folder (``app.paths.demo_data_dir``), never the user's data folder.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from app import clock, settings
from app.context import AppContext
from app.domain.errors import RulesMissingError, UserError
from app.resources import checkout_root, shipped_gib_dir
from app.usecases import catalog
from app.usecases.company import get_company, set_company
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
