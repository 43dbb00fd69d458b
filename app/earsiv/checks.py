"""Checks of a built e-Arşiv report: Tezgâh's own, and GİB's package when it is installed.

- :func:`check_report` — Tezgâh's structural checks, from ``app.earsiv.report_schema`` (the
  assumed shape): required elements present and in order, formats of dates, times, amounts,
  UUIDs and numbers, VKN 10 / TCKN 11 digits, every ``fatura`` with a 64-hex ``ozetDeger``.
  They know only what the schema module assumes; they are not GİB's validation.
- :func:`validate_with_package` — GİB's ``eArsiv.xsd`` (lxml) and, when the package has it,
  ``earsiv_schematron.xsl`` (an XSLT: run with Saxon as ``app.ubl.schematron_runtime`` runs
  the compiled e-Fatura schematron; its result is read as SVRL: ``svrl:failed-assert``). A
  stylesheet whose output is not SVRL gives no findings: when GİB's file turns out to write
  something else, its reading belongs in ``_run_schematron``.

Both return a :class:`ReportCheck` naming what was used (``checked_with``), so the app can
say whether a report was checked against GİB's own files or only by Tezgâh.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from app.domain.errors import UserError
from app.earsiv import report_schema as rs
from app.xmlsafe import parse_bytes, string_value

#: ``checked_with`` values.
TEZGAH = "tezgah"  # Tezgâh's own structural checks (report_schema's assumptions)
GIB_XSD = "gib-xsd"  # GİB's eArsiv.xsd
GIB_SCHEMATRON = "gib-schematron"  # GİB's earsiv_schematron.xsl

SCHEMATRON_FILE = "earsiv_schematron.xsl"

_LABELS = {
    TEZGAH: "Tezgâh'ın kendi yapı denetimi",
    GIB_XSD: "GİB e-Arşiv XSD'si",
    GIB_SCHEMATRON: "GİB e-Arşiv şematronu",
}


@dataclass(frozen=True)
class ReportCheck:
    checked_with: tuple[str, ...]
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what was not checked and why (Turkish)

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def description(self) -> str:
        """Which checks ran, in Turkish (for the screen)."""
        return " + ".join(_LABELS[c] for c in self.checked_with)


# ---------------------------------------------------------------- Tezgâh's own checks


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _children(el: etree._Element) -> list[etree._Element]:
    return [c for c in el if isinstance(c.tag, str)]


class _Checker:
    def __init__(self) -> None:
        self.problems: list[str] = []

    def add(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def ns_children(self, el: etree._Element, where: str) -> list[etree._Element]:
        kids = []
        for c in _children(el):
            qn = etree.QName(c)
            if qn.namespace == rs.NS:
                kids.append(c)
            elif not (qn.namespace == rs.DS and qn.localname == "Signature"):
                self.add(where, f"beklenmeyen eleman '{qn.localname}' ({qn.namespace}).")
        return kids

    def sequence(self, el: etree._Element, where: str, order: tuple[str, ...],
                 required: frozenset[str] | tuple[str, ...]) -> dict[str, etree._Element]:
        """Children in ``order`` (each at most once), ``required`` present; by name."""
        kids = self.ns_children(el, where)
        names = [_local(c) for c in kids]
        found: dict[str, etree._Element] = {}
        for name in required:
            if name not in names:
                self.add(where, f"zorunlu '{name}' elemanı yok.")
        last = -1
        for c, name in zip(kids, names, strict=True):
            if name not in order:
                self.add(where, f"beklenmeyen eleman '{name}'.")
                continue
            pos = order.index(name)
            if name in found:
                self.add(where, f"'{name}' birden fazla.")
            elif pos < last:
                self.add(where, f"'{name}' yanlış sırada (beklenen sıra: {', '.join(order)}).")
            last = max(last, pos)
            found.setdefault(name, c)
        return found

    def text(self, found: dict[str, etree._Element], name: str, where: str,
             pattern: re.Pattern[str] | None, what: str) -> str:
        el = found.get(name)
        if el is None:
            return ""
        value = (string_value(el) or "").strip()
        if not value:
            self.add(where, f"'{name}' boş.")
        elif pattern is not None and not pattern.fullmatch(value):
            self.add(where, f"'{name}' {what} değil: '{value}'.")
        return value

    def vkn_tckn(self, el: etree._Element, where: str) -> None:
        kids = self.ns_children(el, where)
        if len(kids) != 1 or _local(kids[0]) not in (rs.VKN, rs.TCKN):
            self.add(where, "tek bir 'vkn' ya da 'tckn' elemanı olmalı.")
            return
        found = {_local(kids[0]): kids[0]}
        if rs.VKN in found:
            self.text(found, rs.VKN, where, rs.VKN_RE, "10 haneli bir VKN")
        else:
            self.text(found, rs.TCKN, where, rs.TCKN_RE, "11 haneli bir TCKN")

    def party(self, el: etree._Element, where: str) -> None:
        kids = self.ns_children(el, where)
        if len(kids) != 1 or _local(kids[0]) not in (rs.TUZEL_KISI, rs.GERCEK_KISI):
            self.add(where, f"tek bir '{rs.TUZEL_KISI}' ya da '{rs.GERCEK_KISI}' olmalı.")
            return
        kisi = kids[0]
        w = f"{where}/{_local(kisi)}"
        if _local(kisi) == rs.TUZEL_KISI:
            found = self.sequence(kisi, w, rs.TUZEL_KISI_CHILDREN, rs.TUZEL_KISI_CHILDREN)
            self.text(found, "vkn", w, rs.VKN_RE, "10 haneli bir VKN")
            name = self.text(found, "unvan", w, None, "")
        else:
            found = self.sequence(kisi, w, rs.GERCEK_KISI_CHILDREN, rs.GERCEK_KISI_CHILDREN)
            self.text(found, "tckn", w, rs.TCKN_RE, "11 haneli bir TCKN")
            name = self.text(found, "adiSoyadi", w, None, "")
        if name and len(name) < 2:
            self.add(w, "ad / unvan en az iki karakter olmalı.")

    def baslik(self, el: etree._Element) -> None:
        w = "baslik"
        found = self.sequence(el, w, rs.BASLIK_CHILDREN, rs.BASLIK_CHILDREN)
        if self.text(found, "versiyon", w, None, "") not in ("", rs.VERSION):
            self.add(w, f"'versiyon' {rs.VERSION} olmalı.")
        for who in ("mukellef", "hazirlayan"):
            if who in found:
                self.vkn_tckn(found[who], f"{w}/{who}")
        self.text(found, "raporNo", w, rs.UUID_RE, "bir UUID")
        dates = [self.text(found, n, w, rs.DATE_RE, "bir tarih (YYYY-AA-GG)") for n in
                 ("donemBaslangicTarihi", "donemBitisTarihi", "bolumBaslangicTarihi",
                  "bolumBitisTarihi")]
        if all(rs.DATE_RE.fullmatch(d) for d in dates):
            d0, d1, b0, b1 = dates
            if not (d0 <= b0 <= b1 <= d1):
                self.add(w, "bölüm tarihleri dönemin içinde ve başlangıç bitişten önce olmalı.")
        self.text(found, "bolumNo", w, re.compile(r"[1-9][0-9]*"), "pozitif bir tam sayı")
        kids = _children(el)
        signatures = [c for c in kids if c.tag == f"{{{rs.DS}}}Signature"]
        if signatures and kids[-1] is not signatures[0]:
            self.add(w, "imza (ds:Signature) başlığın son elemanı olmalı.")

    def amount(self, found: dict[str, etree._Element], name: str, where: str) -> None:
        self.text(found, name, where, rs.AMOUNT_RE, "iki ondalıklı bir tutar")

    def fatura(self, el: etree._Element, where: str) -> str:
        found = self.sequence(el, where, rs.FATURA_ORDER, rs.FATURA_REQUIRED)
        number = self.text(found, "faturaNo", where, rs.INVOICE_NUMBER_RE,
                           "GİB biçiminde bir fatura numarası")
        self.text(found, "faturaUUID", where, rs.UUID_RE, "bir UUID")
        self.text(found, "faturaTip", where, re.compile(r"[A-Z]+"), "bir fatura tipi")
        sending = self.text(found, "gonderimSekli", where, None, "")
        if sending and sending not in rs.SENDING_TYPES:
            self.add(where, f"'gonderimSekli' {' ya da '.join(sorted(rs.SENDING_TYPES))} olmalı.")
        self.text(found, "dosyaAdi", where, re.compile(r".+\.xml"), "bir .xml dosya adı")
        self.text(found, "ozetDeger", where, rs.SHA256_RE,
                  "64 karakterlik onaltılık bir SHA-256 özeti")
        self.text(found, "duzenlenmeTarihi", where, rs.DATE_RE, "bir tarih (YYYY-AA-GG)")
        self.text(found, "duzenlenmeZamani", where, rs.TIME_RE, "bir saat (SS:DD:ss)")
        for name in ("toplamTutar", "toplamIskonto", "odenecekTutar"):
            self.amount(found, name, where)
        self.text(found, "paraBirimi", where, rs.CURRENCY_RE, "bir para birimi kodu")
        self.text(found, "dovizKuru", where, rs.EXCHANGE_RATE_RE, "bir kur")
        self.text(found, "imzaZamani", where, rs.DATETIME_RE, "bir tarih-saat")
        if "vergiBilgisi" in found:
            self.vergi_bilgisi(found["vergiBilgisi"], f"{where}/vergiBilgisi")
        if "aliciBilgileri" in found:
            self.party(found["aliciBilgileri"], f"{where}/aliciBilgileri")
        if "internetSatisBilgi" in found:
            w = f"{where}/internetSatisBilgi"
            isb = self.sequence(found["internetSatisBilgi"], w, rs.INTERNET_SATIS_CHILDREN,
                                ("webAdresi", "odemeSekli", "odemeTarihi"))
            self.text(isb, "odemeTarihi", w, rs.DATE_RE, "bir tarih (YYYY-AA-GG)")
            kind = self.text(isb, "odemeSekli", w, None, "")
            if kind and kind not in rs.INTERNET_PAYMENT_MEANS.values() and not (
                    kind.startswith(rs.OTHER_PAYMENT_PREFIX)
                    and kind[len(rs.OTHER_PAYMENT_PREFIX):].strip()):
                self.add(w, f"'odemeSekli' bilinmiyor: '{kind}'.")
            if "gonderiBilgileri" in isb:
                wg = f"{w}/gonderiBilgileri"
                gb = self.sequence(isb["gonderiBilgileri"], wg, rs.GONDERI_BILGILERI_CHILDREN,
                                   rs.GONDERI_BILGILERI_CHILDREN)
                self.text(gb, "gonderimTarihi", wg, rs.DATE_RE, "bir tarih (YYYY-AA-GG)")
                if "gonderiTasiyan" in gb:
                    self.party(gb["gonderiTasiyan"], f"{wg}/gonderiTasiyan")
        return number

    def vergi_bilgisi(self, el: etree._Element, where: str) -> None:
        kids = self.ns_children(el, where)
        names = [_local(c) for c in kids]
        if "vergilerToplami" not in names:
            self.add(where, "zorunlu 'vergilerToplami' elemanı yok.")
        if "vergi" not in names:
            self.add(where, "en az bir 'vergi' olmalı.")
        order = rs.VERGI_BILGISI_CHILDREN
        last = -1
        for c, name in zip(kids, names, strict=True):
            if name not in order:
                self.add(where, f"beklenmeyen eleman '{name}'.")
                continue
            pos = order.index(name)
            if pos < last or (pos == last == 0):
                self.add(where, f"'{name}' yanlış sırada ya da birden fazla.")
            last = max(last, pos)
            if name == "vergilerToplami":
                self.amount({name: c}, name, where)
            elif name == "vergi":
                w = f"{where}/vergi"
                f = self.sequence(c, w, rs.VERGI_CHILDREN, rs.VERGI_CHILDREN)
                self.amount(f, "matrah", w)
                self.amount(f, "vergiTutari", w)
                self.text(f, "vergiKodu", w, rs.TAX_CODE_RE, "dört haneli bir vergi kodu")
                self.text(f, "vergiOrani", w, rs.RATE_RE, "bir oran")
            else:
                w = f"{where}/tevkifat"
                f = self.sequence(c, w, rs.TEVKIFAT_CHILDREN, rs.TEVKIFAT_CHILDREN)
                self.amount(f, "tevkifatTutari", w)
                self.text(f, "tevkifatKodu", w, rs.WITHHOLDING_CODE_RE,
                          "üç haneli bir tevkifat kodu")
                self.text(f, "tevkifatOrani", w, rs.RATE_RE, "bir oran")

    def iptal(self, el: etree._Element, where: str) -> None:
        found = self.sequence(el, where, rs.FATURA_IPTAL_CHILDREN, rs.FATURA_IPTAL_CHILDREN)
        self.text(found, "faturaNo", where, rs.INVOICE_NUMBER_RE,
                  "GİB biçiminde bir fatura numarası")
        self.text(found, "iptalTarihi", where, rs.DATE_RE, "bir tarih (YYYY-AA-GG)")
        self.amount(found, "toplamTutar", where)


def check_report(report_bytes: bytes) -> ReportCheck:
    """Tezgâh's structural checks of a built (signed or unsigned) report; Turkish problems."""
    try:
        root = parse_bytes(report_bytes).getroot()
    except UserError as exc:
        return ReportCheck((TEZGAH,), (str(exc),))
    c = _Checker()
    if root.tag != rs.q(rs.ROOT):
        c.add("/", f"kök eleman '{rs.ROOT}' ({rs.NS}) olmalı; bulunan '{root.tag}'.")
        return ReportCheck((TEZGAH,), tuple(c.problems))
    kids = c.ns_children(root, rs.ROOT)
    if not kids or _local(kids[0]) != "baslik":
        c.add(rs.ROOT, "ilk eleman 'baslik' olmalı.")
    seen_iptal = False
    numbers: list[str] = []
    for i, el in enumerate(kids):
        name = _local(el)
        where = f"{rs.ROOT}/{name}[{i}]"
        if name == "baslik":
            if i != 0:
                c.add(where, "'baslik' yalnızca en başta ve bir kez olmalı.")
            else:
                c.baslik(el)
        elif name == rs.FATURA:
            if seen_iptal:
                c.add(where, "'fatura' girdileri 'faturaIptal' girdilerinden önce gelmeli.")
            number = c.fatura(el, where)
            if number and number in numbers:
                c.add(where, f"{number} raporda iki kez var.")
            numbers.append(number)
        elif name == rs.FATURA_IPTAL:
            seen_iptal = True
            c.iptal(el, where)
        else:
            c.add(where, f"beklenmeyen eleman '{name}'.")
    return ReportCheck((TEZGAH,), tuple(c.problems))


# ---------------------------------------------------------------- GİB's package


def _schema_parser() -> etree.XMLParser:
    # GİB's own files from an installed package: no network, no entity expansion; local
    # xs:import / xs:include beside the XSD are resolved by lxml from the file's folder.
    return etree.XMLParser(resolve_entities=False, no_network=True)


def _run_schematron(xsl_path: Path, report_bytes: bytes) -> list[str]:
    """Failed asserts of GİB's e-Arşiv schematron (an XSLT writing SVRL), run by Saxon with
    the project's runtime (the e-Fatura rules' ``type`` and today parameters are passed too;
    a stylesheet that does not declare them ignores them)."""
    from saxonche import PySaxonApiError

    from app.ubl.schematron import SchematronError
    from app.ubl.schematron_runtime import compiled_schematron

    try:
        compiled = compiled_schematron(xsl_path.read_text(encoding="utf-8"))
        results = compiled.run(compiled.parse(report_bytes.decode("utf-8-sig")),
                               doc_type="earchive")
    except (SchematronError, PySaxonApiError, UnicodeDecodeError) as exc:
        return [f"GİB e-Arşiv şematronu çalıştırılamadı: {exc}"]
    return [f"{r.message} [{r.location}]" for r in results if r.kind == "failed-assert"]


def validate_with_package(report_bytes: bytes, xsd_path: Path | str,
                          schematron_path: Path | str | None = None) -> ReportCheck:
    """Validate against GİB's e-Arşiv package: ``eArsiv.xsd`` at ``xsd_path`` and the
    schematron ``earsiv_schematron.xsl`` (``schematron_path``, or beside the XSD) when
    present. ``checked_with`` says which ran."""
    xsd_path = Path(xsd_path)
    try:
        schema = etree.XMLSchema(etree.parse(str(xsd_path), _schema_parser()))
    except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
        raise UserError(f"GİB e-Arşiv XSD'si yüklenemedi ({xsd_path}): {exc}") from exc
    try:
        tree = parse_bytes(report_bytes)
    except UserError as exc:
        return ReportCheck((GIB_XSD,), (str(exc),))
    problems = []
    if not schema.validate(tree):
        problems = [f"XML şemasına uymuyor: {e.message} (satır {e.line})"
                    for e in schema.error_log]
    used = [GIB_XSD]
    notes = []
    sch = Path(schematron_path) if schematron_path else xsd_path.with_name(SCHEMATRON_FILE)
    if sch.exists():
        problems += _run_schematron(sch, report_bytes)
        used.append(GIB_SCHEMATRON)
    else:
        notes.append(f"GİB e-Arşiv şematronu ({SCHEMATRON_FILE}) pakette yok; yalnızca XSD "
                     "denetlendi.")
    return ReportCheck(tuple(used), tuple(problems), tuple(notes))
