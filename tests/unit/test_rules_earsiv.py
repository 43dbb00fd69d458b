"""GİB's e-Arşiv package as a third, optional rule package: ``rules install --from
earsiv_paket….zip`` installs it beside the two e-Fatura packages (atomically, with the same
hostile-zip limits), ``RulesStore`` finds its XSD and schematron, and the daily report is
checked against them.

GİB's package is not available here: the test builds a stand-in zip whose XSD follows
Tezgâh's report structure (``app.earsiv.report_schema``) and whose "schematron" is a small
XSLT writing SVRL with one rule of its own (odenecekTutar may not be negative)."""

from __future__ import annotations

import shutil
import time
import zipfile
from datetime import date, datetime
from pathlib import Path
from types import SimpleNamespace

import pytest
from lxml import etree

from app import clock
from app.cli import main
from app.context import AppContext
from app.domain.errors import UserError
from app.earsiv import checks
from app.earsiv import report_schema as rs
from app.earsiv.report import IssuedInvoice, build_report
from app.ubl.rules import BASE_URL_ENV, RulesStore, install_rules, update_rules
from app.ubl.rules_zip import EARSIV_ZIP_NAME, EFATURA_ZIP_NAME, UBL_ZIP_NAME
from app.usecases import earsiv
from app.usecases.company import set_company
from app.usecases.signers import use_test_certificate
from tests.fixtures.app import COMPANY
from tests.unit.test_rules_update import _Site

IST = clock.ISTANBUL
DAY = date(2026, 11, 27)  # the suite's "today" is 2026-11-28
EA = f"{{{rs.NS}}}"
PACKAGE_DATE = (2025, 8, 14, 10, 0, 0)  # the newest file in the stand-in zip
PACKAGE_VERSION = "2025-08-14"

# ---------------------------------------------------------------- the stand-in package


def _seq(*names: str, optional: tuple[str, ...] = (), types: dict[str, str] | None = None) -> str:
    types = types or {}
    out = []
    for n in names:
        occurs = ' minOccurs="0"' if n in optional else ""
        out.append(f'<xs:element name="{n}" type="{types.get(n, "nonEmpty")}"{occurs}/>')
    return "<xs:sequence>" + "".join(out) + "</xs:sequence>"


def _veri_xsd() -> str:
    """eArsivVeri.xsd: the types (included by eArsiv.xsd, as a package with several files)."""
    amount = "amount"
    fatura_types = {n: amount for n in ("toplamTutar", "toplamIskonto", "odenecekTutar")}
    fatura_types |= {"faturaNo": "faturaNo", "faturaUUID": "uuid", "ozetDeger": "sha256",
                     "gonderimSekli": "gonderimSekli", "duzenlenmeTarihi": "xs:date",
                     "duzenlenmeZamani": "xs:time", "imzaZamani": "xs:dateTime",
                     "vergiBilgisi": "vergiBilgisi", "aliciBilgileri": "kisi",
                     "internetSatisBilgi": "internetSatis", "dovizKuru": "xs:decimal"}
    optional = tuple(n for n, req in rs.FATURA_CHILDREN if not req)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{rs.NS}"
  xmlns="{rs.NS}" elementFormDefault="qualified">
  <xs:simpleType name="nonEmpty"><xs:restriction base="xs:string">
    <xs:minLength value="1"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="amount"><xs:restriction base="xs:decimal">
    <xs:totalDigits value="18"/><xs:fractionDigits value="2"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="uuid"><xs:restriction base="xs:string">
    <xs:pattern value="[a-fA-F0-9]{{8}}-[a-fA-F0-9]{{4}}-[a-fA-F0-9]{{4}}-[a-fA-F0-9]{{4}}-[a-fA-F0-9]{{12}}"/>
  </xs:restriction></xs:simpleType>
  <xs:simpleType name="sha256"><xs:restriction base="xs:string">
    <xs:pattern value="[0-9a-f]{{64}}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="faturaNo"><xs:restriction base="xs:string">
    <xs:pattern value="[A-Za-z0-9]{{3}}20[0-9]{{2}}[0-9]{{9}}"/></xs:restriction></xs:simpleType>
  <xs:simpleType name="gonderimSekli"><xs:restriction base="xs:string">
    <xs:enumeration value="KAGIT"/><xs:enumeration value="ELEKTRONIK"/>
  </xs:restriction></xs:simpleType>
  <xs:complexType name="vknTckn"><xs:choice>
    <xs:element name="vkn"><xs:simpleType><xs:restriction base="xs:string">
      <xs:pattern value="[0-9]{{10}}"/></xs:restriction></xs:simpleType></xs:element>
    <xs:element name="tckn"><xs:simpleType><xs:restriction base="xs:string">
      <xs:pattern value="[0-9]{{11}}"/></xs:restriction></xs:simpleType></xs:element>
  </xs:choice></xs:complexType>
  <xs:complexType name="kisi"><xs:choice>
    <xs:element name="{rs.TUZEL_KISI}"><xs:complexType>{_seq(*rs.TUZEL_KISI_CHILDREN)}
    </xs:complexType></xs:element>
    <xs:element name="{rs.GERCEK_KISI}"><xs:complexType>{_seq(*rs.GERCEK_KISI_CHILDREN)}
    </xs:complexType></xs:element>
  </xs:choice></xs:complexType>
  <xs:complexType name="vergiBilgisi"><xs:sequence>
    <xs:element name="vergilerToplami" type="amount"/>
    <xs:element name="vergi" maxOccurs="unbounded"><xs:complexType>
      {_seq(*rs.VERGI_CHILDREN, types={"matrah": amount, "vergiTutari": amount})}
    </xs:complexType></xs:element>
    <xs:element name="tevkifat" minOccurs="0" maxOccurs="unbounded"><xs:complexType>
      {_seq(*rs.TEVKIFAT_CHILDREN, types={"tevkifatTutari": amount})}
    </xs:complexType></xs:element>
  </xs:sequence></xs:complexType>
  <xs:complexType name="internetSatis">{_seq(*rs.INTERNET_SATIS_CHILDREN,
                                             optional=("odemeAracisiAdi", "gonderiBilgileri"),
                                             types={"gonderiBilgileri": "gonderi"})}
  </xs:complexType>
  <xs:complexType name="gonderi">{_seq(*rs.GONDERI_BILGILERI_CHILDREN,
                                       types={"gonderiTasiyan": "kisi"})}</xs:complexType>
  <xs:complexType name="baslik"><xs:sequence>
    {_seq(*rs.BASLIK_CHILDREN, types={"mukellef": "vknTckn", "hazirlayan": "vknTckn",
                                     "raporNo": "uuid", "bolumNo": "xs:positiveInteger"})[13:-14]}
    <xs:any namespace="{rs.DS}" processContents="skip" minOccurs="0"/>
  </xs:sequence></xs:complexType>
  <xs:complexType name="fatura">{_seq(*rs.FATURA_ORDER, optional=optional, types=fatura_types)}
  </xs:complexType>
  <xs:complexType name="faturaIptal">{_seq(*rs.FATURA_IPTAL_CHILDREN,
                                           types={"toplamTutar": amount})}</xs:complexType>
</xs:schema>
"""


def _main_xsd() -> str:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="{rs.NS}"
  xmlns="{rs.NS}" elementFormDefault="qualified">
  <xs:include schemaLocation="eArsivVeri.xsd"/>
  <xs:element name="{rs.ROOT}"><xs:complexType><xs:sequence>
    <xs:element name="baslik" type="baslik"/>
    <xs:element name="{rs.FATURA}" type="fatura" minOccurs="0" maxOccurs="unbounded"/>
    <xs:element name="{rs.FATURA_IPTAL}" type="faturaIptal" minOccurs="0"
                maxOccurs="unbounded"/>
  </xs:sequence></xs:complexType></xs:element>
</xs:schema>
"""


NEGATIVE_PAYABLE = "Ödenecek tutar eksi olamaz"

SCHEMATRON_XSL = f"""<?xml version="1.0" encoding="UTF-8"?>
<xsl:stylesheet version="2.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
  xmlns:svrl="http://purl.oclc.org/dsdl/svrl" xmlns:e="{rs.NS}">
  <xsl:template match="/">
    <svrl:schematron-output>
      <xsl:for-each select="//e:fatura[number(e:odenecekTutar) lt 0]">
        <svrl:failed-assert test="number(e:odenecekTutar) ge 0"
                            location="/e:eArsivRaporu/e:fatura[{{position()}}]">
          <svrl:text>{NEGATIVE_PAYABLE}: <xsl:value-of select="e:faturaNo"/></svrl:text>
        </svrl:failed-assert>
      </xsl:for-each>
    </svrl:schematron-output>
  </xsl:template>
</xsl:stylesheet>
"""


def _entry(zf: zipfile.ZipFile, name: str, data: str | bytes,
           when: tuple[int, ...] = (2024, 3, 1, 9, 0, 0)) -> None:
    info = zipfile.ZipInfo(name, date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    zf.writestr(info, data)


def make_earsiv_zip(path: Path, *, extra: dict[str, str | bytes] | None = None) -> Path:
    """A stand-in for GİB's earsiv_paket zip: the five files in folders of their own."""
    with zipfile.ZipFile(path, "w") as zf:
        _entry(zf, "earsiv_paket_v1.1_8/xsd/eArsiv.xsd", _main_xsd(), PACKAGE_DATE)
        _entry(zf, "earsiv_paket_v1.1_8/xsd/eArsivVeri.xsd", _veri_xsd())
        _entry(zf, "earsiv_paket_v1.1_8/xsd/faturaOzet.xsd",
               '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>')
        _entry(zf, "earsiv_paket_v1.1_8/wsdl/EArsivWs.wsdl", "<definitions/>")
        _entry(zf, "earsiv_paket_v1.1_8/schematron/earsiv_schematron.xsl", SCHEMATRON_XSL)
        for name, data in (extra or {}).items():
            _entry(zf, name, data)
    return path


# ---------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_earsiv_zip(tmp_path_factory.mktemp("earsiv-pkg") / EARSIV_ZIP_NAME)


def _own_rules(installed_rules_dir: Path, dest: Path) -> Path:
    """A private copy of the session's installed e-Fatura packages (never modify that one)."""
    shutil.copytree(installed_rules_dir, dest, symlinks=True,
                    ignore=shutil.ignore_patterns("cache"))
    return dest


@pytest.fixture(scope="module")
def invoices(tmp_path_factory: pytest.TempPathFactory, installed_rules_dir: Path):  # type: ignore[no-untyped-def]
    """Two e-Arşiv invoices issued the real way on DAY (test certificate), in a data folder
    whose rules are a private copy."""
    from app.signing import open_signer, sign_invoice
    from tests.unit.test_earsiv_report import _draft, _issue

    data = tmp_path_factory.mktemp("earsiv-rules") / "data"
    data.mkdir()
    _own_rules(installed_rules_dir, data / "rules")
    ctx = AppContext(data)
    set_company(ctx, COMPANY)
    moment = [datetime(2026, 11, 27, 9, 0, tzinfo=IST)]
    clock.set_clock(lambda: moment[0])
    try:
        cfg = use_test_certificate(ctx.data_dir, COMPANY["vkn_tckn"], COMPANY["name"])
        with open_signer(cfg, None) as signer:
            issued = [_issue(ctx, lambda x: sign_invoice(x, signer), data_, kind,
                             datetime(2026, 11, 27, 10 + i, 0, tzinfo=IST), moment)
                      for i, (kind, data_) in enumerate(_draft(i) for i in range(3))]
    finally:
        clock.set_clock(None)
    report = build_report(DAY, COMPANY["vkn_tckn"],
                          [IssuedInvoice(i.xml, i.created_at) for i in issued], []).xml
    return SimpleNamespace(ctx=ctx, issued=issued, report=report)


def _edit(xml: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    root = etree.fromstring(xml)
    change(root)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _state(rules: Path) -> tuple[bytes, list[str]]:
    return ((rules / "manifest.json").read_bytes(),
            sorted(p.name for p in (rules / "sets").iterdir()))


# ---------------------------------------------------------------- installing


def test_install_puts_the_package_beside_the_efatura_ones(
        package: Path, installed_rules_dir: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    data.mkdir()
    rules = _own_rules(installed_rules_dir, data / "rules")
    before = RulesStore(rules).info()
    assert RulesStore(rules).earsiv_xsd() is None and RulesStore(rules).earsiv_schematron() is None
    assert "e-Arşiv paketi" in before.describe() and "isteğe bağlı" in before.describe()

    d = ["--data-dir", str(data)]
    assert main([*d, "rules", "install", "--from", str(package)]) == 0
    store = RulesStore(rules)
    info = store.info()
    assert info.complete and info.set_dir != before.set_dir
    pkg = info.packages["earsiv"]
    assert (pkg.kind, pkg.file_name, pkg.version) == ("earsiv", EARSIV_ZIP_NAME, PACKAGE_VERSION)
    for kind in ("ubl", "efatura"):  # untouched, carried over
        assert info.packages[kind] == before.packages[kind]
    assert store.invoice_xsd().is_file() and store.schematron_main().is_file()
    xsd, sch = store.earsiv_xsd(), store.earsiv_schematron()
    assert xsd is not None and xsd.name == "eArsiv.xsd" and xsd.is_relative_to(info.set_dir)
    assert (xsd.parent / "eArsivVeri.xsd").is_file()  # the layout of the zip is kept
    assert sch is not None and sch.name == "earsiv_schematron.xsl"

    capsys.readouterr()
    assert main([*d, "rules", "show"]) == 0
    out = capsys.readouterr().out
    assert f"e-Arşiv paketi: rapor şeması ve şematronu ({EARSIV_ZIP_NAME}): sürüm " \
           f"{PACKAGE_VERSION}" in out

    # Installing the e-Fatura packages again keeps the e-Arşiv package.
    install_rules(installed_rules_dir / "sets" / before.set_dir.name / "packages" / "ubl.zip",
                  rules)
    assert RulesStore(rules).info().packages["earsiv"] == pkg
    assert RulesStore(rules).earsiv_xsd() is not None


def test_a_folder_with_all_three_zips_installs_them_together(
        package: Path, gib_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "gib"
    folder.mkdir()
    for name in (UBL_ZIP_NAME, EFATURA_ZIP_NAME):
        shutil.copyfile(gib_dir / name, folder / name)
    shutil.copyfile(package, folder / "earsiv_paket_v1.1_9.zip")  # a later name, too
    info = install_rules(folder, tmp_path / "rules")
    assert set(info.packages) == {"ubl", "efatura", "earsiv"}


def _refused(zip_path: Path, rules: Path, *words: str) -> None:
    manifest, sets = _state(rules)
    started = time.monotonic()
    with pytest.raises(UserError) as exc:
        install_rules(zip_path, rules)
    assert time.monotonic() - started < 5
    assert any(w in exc.value.message for w in words), exc.value.message
    assert _state(rules) == (manifest, sets)
    assert not [p for p in rules.iterdir() if p.name.startswith(".")]
    assert RulesStore(rules).earsiv_xsd() is None


def test_hostile_earsiv_zips_are_refused_and_change_nothing(
        installed_rules_dir: Path, tmp_path: Path) -> None:
    rules = _own_rules(installed_rules_dir, tmp_path / "rules")
    traversal = make_earsiv_zip(tmp_path / "traversal.zip",
                                extra={"../../evil.xsl": "<x/>"})
    _refused(traversal, rules, "güvensiz")
    absolute = make_earsiv_zip(tmp_path / "absolute.zip", extra={"/etc/evil.xsd": "<x/>"})
    _refused(absolute, rules, "güvensiz")

    bomb = make_earsiv_zip(tmp_path / "bomb.zip")
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as zf, \
            zf.open("earsiv_paket_v1.1_8/xsd/zeros.xsd", "w") as out:
        for _ in range(32):
            out.write(bytes(1 << 20))
    assert bomb.stat().st_size < 1 << 20
    _refused(bomb, rules, "bomba", "büyük")

    not_xsd = tmp_path / "not-xsd.zip"
    with zipfile.ZipFile(not_xsd, "w") as zf:
        zf.writestr("paket/eArsiv.xsd", "<html>sayfa bulunamadı</html>")
    _refused(not_xsd, rules, "XSD")
    assert not (tmp_path / "evil.xsl").exists()


# ---------------------------------------------------------------- checking a report


def test_report_is_checked_with_the_installed_package(package: Path, invoices) -> None:  # type: ignore[no-untyped-def]
    ctx, report = invoices.ctx, invoices.report
    own = earsiv.check_report(ctx, report)  # not installed yet
    assert own.ok and own.checked_with == (checks.TEZGAH,)
    assert ("GİB'in e-Arşiv paketi kurulu değil; Tezgâh'ın kendi yapı denetimleri "
            "kullanıldı") in own.notes[-1]

    install_rules(package, ctx.rules_dir)
    good = earsiv.check_report(ctx, report)
    assert good.ok, good.problems
    assert good.checked_with == (checks.GIB_XSD, checks.GIB_SCHEMATRON)
    assert good.notes[0] == f"GİB'in e-Arşiv paketiyle (XSD sürüm {PACKAGE_VERSION}) denetlendi."

    def drop_digest(root: etree._Element) -> None:
        fatura = root.find(EA + "fatura")
        fatura.remove(fatura.find(EA + "ozetDeger"))

    broken = earsiv.check_report(ctx, _edit(report, drop_digest))
    assert not broken.ok
    assert any("XML şemasına uymuyor" in p and "ozetDeger" in p for p in broken.problems), \
        broken.problems

    def bad_sending(root: etree._Element) -> None:
        root.find(f"{EA}fatura/{EA}gonderimSekli").text = "FAKS"

    assert any("FAKS" in p for p in earsiv.check_report(ctx, _edit(report, bad_sending)).problems)

    def negative(root: etree._Element) -> None:
        root.find(f"{EA}fatura/{EA}odenecekTutar").text = "-1.00"

    by_rule = earsiv.check_report(ctx, _edit(report, negative))
    number = invoices.issued[0].number
    assert [p.split(" [")[0] for p in by_rule.problems] == [f"{NEGATIVE_PAYABLE}: {number}"]


def test_prepare_report_says_which_checks_ran(package: Path, invoices, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ctx = invoices.ctx
    if RulesStore(ctx.rules_dir).earsiv_xsd() is None:
        install_rules(package, ctx.rules_dir)
    with earsiv.company_signer(ctx, None) as signer:
        prepared = earsiv.prepare_report(ctx, DAY, signer, None)  # no TSA: signed, not stored
        assert prepared.invoices == 3 and not prepared.stored
        assert "GİB e-Arşiv XSD" in prepared.checked_with
        assert f"GİB'in e-Arşiv paketiyle (XSD sürüm {PACKAGE_VERSION}) denetlendi." \
            in prepared.notes

        # A report the package refuses is not signed: the problems are in Turkish.
        import app.usecases.earsiv as uc

        real = uc.build_report

        def broken(*a, **kw):  # type: ignore[no-untyped-def]
            built = real(*a, **kw)
            xml = built.xml.replace(b"<earsiv:gonderimSekli>KAGIT<", b"<earsiv:gonderimSekli>X<")
            return type(built)(**{**built.__dict__, "xml": xml})

        monkeypatch.setattr(uc, "build_report", broken)
        with pytest.raises(UserError) as exc:
            earsiv.prepare_report(ctx, DAY, signer, None)
        assert "denetimden geçmedi" in exc.value.message
        assert "XML şemasına uymuyor" in exc.value.message


# ---------------------------------------------------------------- rules update


@pytest.fixture
def site(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    s = _Site()
    monkeypatch.setenv(BASE_URL_ENV, s.base)
    yield s
    s.close()


def test_update_installs_the_earsiv_package_when_gib_serves_it(
        site: _Site, package: Path, gib_dir: Path, tmp_path: Path) -> None:
    site.serve(gib_dir / UBL_ZIP_NAME, gib_dir / EFATURA_ZIP_NAME)
    rules = tmp_path / "rules"
    site.files[EARSIV_ZIP_NAME] = b"PK\x03\x04 kesik"  # damaged: said, not an error
    outcome = update_rules(rules)
    assert RulesStore(rules).installed and RulesStore(rules).earsiv_xsd() is None
    assert "e-Arşiv paketi kurulamadı" in outcome.lines()[-1]

    site.files[EARSIV_ZIP_NAME] = package.read_bytes()
    outcome = update_rules(rules)
    assert outcome.changed and not outcome.optional_notes
    assert outcome.lines() == [f"e-Arşiv paketi ({PACKAGE_VERSION}) kuruldu."]
    assert RulesStore(rules).earsiv_xsd() is not None

    outcome = update_rules(rules)
    assert not outcome.changed
    assert outcome.lines()[-1].endswith(f", e-Arşiv {PACKAGE_VERSION}.")
