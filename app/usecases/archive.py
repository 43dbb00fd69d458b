"""The archive that proves itself: ``tezgah archive verify`` and ``tezgah archive export``.

GİB's e-Fatura Saklama Kılavuzu asks that an e-Fatura be kept "orijinal halinde ve
bütünlüğü korunarak", with its signature and its parts together (§3), that the integrity
of what is kept can be proven (§2), and that what is kept can be handed over when asked,
indexed by party, VKN/TCKN, year and number (§2, §3). Every stored original has an entry
in the hash chain (``app.db.tables_archive``); ``verify`` re-reads every byte and checks
each original and each entry; ``export`` writes a period's originals with an index and
their hashes into one zip for an accountant or a tax inspection.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from app import clock
from app.context import AppContext
from app.db import Session
from app.db.repositories import archive as repo
from app.db.tables_archive import DOCUMENTS, ENVELOPES, GENESIS
from app.domain.errors import UserError

Progress = Callable[[int, int], None]  # (done, total)
BATCH = 200

# Turkish names of what is stored.
_KIND_LABELS = {
    "invoice": "Giden fatura",
    "received": "Gelen fatura",
    "application-response": "Uygulama yanıtı",
    "system-response": "Sistem yanıtı",
    "earchive-report": "e-Arşiv raporu",
    "despatch-advice": "e-İrsaliye",
    "receipt-advice": "İrsaliye yanıtı",
    "envelope": "Giden zarf",
    "incoming-envelope": "Gelen zarf",
}


def kind_label(kind: str) -> str:
    return _KIND_LABELS.get(kind, kind or "Belge")


def describe_text(d: repo.Described) -> str:
    """``Giden fatura ABC2026000000001 (ETTN …), 20.11.2026, belge no 12``."""
    parts = [kind_label(d.kind)]
    if d.number or d.ettn:
        invoice = d.number or "numarasız"
        if d.kind not in ("invoice", "received", "despatch-advice"):
            invoice = f"— fatura {invoice}"
        parts.append(f"{invoice} (ETTN {d.ettn})" if d.ettn else invoice)
    if d.envelope_uuid:
        parts.append(d.envelope_uuid)
    when = (f"{d.issue_date:%d.%m.%Y}" if d.issue_date is not None
            else f"{d.at:%d.%m.%Y %H:%M}" if d.at is not None else "tarih bilinmiyor")
    what = "belge" if d.target == DOCUMENTS else "zarf"
    return f"{' '.join(parts)}, {when}, {what} no {d.target_id}"


# --- verify ---------------------------------------------------------------------------

MISSING = "EKSİK"
ALTERED = "DEĞİŞTİRİLMİŞ"
UNREADABLE = "OKUNAMIYOR"
BROKEN = "ZİNCİR KIRIK"
UNCHAINED = "ZİNCİRDE YOK"


@dataclass(frozen=True)
class Problem:
    status: str  # one of the constants above
    reason: str  # Turkish
    seq: int | None  # the chain entry, if any
    document: repo.Described | None

    @property
    def message(self) -> str:
        where = describe_text(self.document) if self.document is not None else "zincir"
        entry = f" [zincir kaydı {self.seq}]" if self.seq is not None else ""
        return f"{self.status}: {where}{entry} — {self.reason}"

    def to_dict(self) -> dict[str, Any]:
        d = self.document
        return {"status": self.status, "reason": self.reason, "seq": self.seq,
                "message": self.message,
                "target": d.target if d else None, "id": d.target_id if d else None,
                "kind": d.kind if d else None, "number": d.number if d else "",
                "ettn": d.ettn if d else "",
                "date": (d.issue_date.isoformat() if d and d.issue_date
                         else d.at.isoformat() if d and d.at else None)}


@dataclass
class VerifyReport:
    entries: int = 0
    bytes_read: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(ctx: AppContext, *, on_progress: Progress | None = None,
           batch: int = BATCH) -> VerifyReport:
    """Re-read every original and every chain entry, in pages of ``batch`` entries (never
    the whole archive in memory), and report each original that is missing, altered or
    unreadable, each broken entry and each original the chain does not know."""
    report = VerifyReport()
    with ctx.db.session() as s:
        total = repo.entry_count(s)
        expected, prev, after = 1, GENESIS, 0
        if on_progress is not None:
            on_progress(0, total)
        while True:
            entries = repo.entries_after(s, after, batch)
            if not entries:
                break
            found = {target: repo.originals(s, target, [e.target_id for e in entries
                                                        if e.target == target])
                     for target in {e.target for e in entries}}
            for e in entries:
                _check_entry(s, report, e, expected, prev, found[e.target].get(e.target_id))
                expected, prev = e.seq + 1, e.entry_hash
            after = entries[-1].seq
            report.entries += len(entries)
            if on_progress is not None:
                on_progress(report.entries, total)
        for target, ident in repo.unchained(s):
            report.problems.append(Problem(
                UNCHAINED, "arşiv zincirinde kaydı yok (zincire eklenmeden saklanmış)", None,
                repo.describe(s, target, ident)))
    return report


def _check_entry(s: Session, report: VerifyReport, e: repo.Entry, expected: int, prev: str,
                 original: repo.Original | None) -> None:
    def problem(status: str, reason: str) -> None:
        report.problems.append(Problem(status, reason, e.seq, repo.describe(
            s, e.target, e.target_id, kind=e.kind, invoice_id=e.invoice_id, at=e.at)))

    if e.seq != expected:
        missing = (f"{expected}" if e.seq == expected + 1 else f"{expected}–{e.seq - 1}")
        problem(BROKEN, f"zincirde bundan önceki {missing} numaralı kayıt(lar) silinmiş")
    elif e.prev_hash != prev:
        problem(BROKEN, "önceki kaydın özeti tutmuyor (zincir değiştirilmiş)")
    if e.recomputed_hash() != e.entry_hash:
        problem(BROKEN, "kaydın kendi özeti tutmuyor (zincir kaydı değiştirilmiş)")
    if original is None:
        problem(MISSING, "belge veritabanında yok (silinmiş)")
        return
    if original.content is None:
        problem(UNREADABLE, "saklanan baytlar açılamıyor (bozulmuş)")
        return
    report.bytes_read += len(original.content)
    digest = hashlib.sha256(original.content).hexdigest()
    if digest != e.sha256 or len(original.content) != e.length:
        problem(ALTERED, "içeriği saklandığı andaki özetle (SHA-256) uyuşmuyor")
    elif original.recorded_sha256 is not None and original.recorded_sha256 != e.sha256:
        problem(ALTERED, "kayıtlı SHA-256 değeri değiştirilmiş")


# --- export ---------------------------------------------------------------------------

_DOTTED = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})", re.ASCII)
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})", re.ASCII)


def parse_day(text: str, option: str = "") -> date:
    """A day written ``gg.aa.yyyy`` or ``yyyy-aa-gg``."""
    raw = (text or "").strip()
    shown = raw if len(raw) <= 30 else raw[:30] + "…"
    label = f"{option}: " if option else ""
    m = _DOTTED.fullmatch(raw)
    parts = (int(m[3]), int(m[2]), int(m[1])) if m else None
    if parts is None and (m := _ISO.fullmatch(raw)):
        parts = (int(m[1]), int(m[2]), int(m[3]))
    if parts is None:
        raise UserError(f"{label}'{shown}' bir tarih değil; gg.aa.yyyy ya da yyyy-aa-gg "
                        "biçiminde yazın (ör. 31.12.2026).")
    try:
        return date(*parts)
    except ValueError:
        raise UserError(f"{label}'{shown}' takvimde olmayan bir gün.") from None


@dataclass
class ExportResult:
    path: Path
    files: int
    originals: int
    views: int
    view_failures: list[str]


_SAFE = re.compile(r"[^A-Za-z0-9._-]+")
_FOLDERS = {
    "invoice": "faturalar/giden", "received": "faturalar/gelen",
    "application-response": "yanitlar", "system-response": "yanitlar",
    "earchive-report": "earsiv-raporlari", "envelope": "zarflar/giden",
    "incoming-envelope": "zarflar/gelen",
}
CSV_HEADERS = ("Dosya", "Tür", "Numara", "ETTN", "Tarih", "Karşı taraf", "Karşı taraf VKN/TCKN",
               "Tutar", "Para birimi", "SHA-256", "Zincir kaydı", "Zincir denetimi")
JSON_FIELDS = ("file", "kind", "number", "ettn", "date", "counterparty", "counterparty_vkn_tckn",
               "amount", "currency", "sha256", "chain_seq", "chain_check")


def _safe(part: str) -> str:
    return _SAFE.sub("_", part).strip("._")[:80]


def _extension(content: bytes) -> str:
    head = content[:8]
    if head.startswith(b"PK"):
        return ".zip"
    if head.startswith(b"%PDF"):
        return ".pdf"
    return ".xml"


class _Writer:
    """The zip being written: unique names, and one index row and SHA256SUMS line per file."""

    def __init__(self, zf: zipfile.ZipFile) -> None:
        self.zf = zf
        self.names: set[str] = set()
        self.rows: list[dict[str, Any]] = []
        self.sums: list[tuple[str, str]] = []
        self.stamp = clock.local_now().timetuple()[:6]

    def unique(self, folder: str, stem: str, ext: str) -> str:
        base = f"{folder}/{stem or 'belge'}"
        name, n = base + ext, 2
        while name in self.names:
            name, n = f"{base}-{n}{ext}", n + 1
        self.names.add(name)
        return name

    def write(self, name: str, data: bytes, *, deflate: bool = True) -> str:
        info = zipfile.ZipInfo(name, date_time=self.stamp)  # type: ignore[arg-type]
        info.compress_type = zipfile.ZIP_DEFLATED if deflate else zipfile.ZIP_STORED
        info.external_attr = 0o644 << 16
        self.zf.writestr(info, data)
        digest = hashlib.sha256(data).hexdigest()
        self.sums.append((digest, name))
        return digest

    def add(self, name: str, data: bytes, d: repo.Described, kind: str,
            chain: tuple[int, str] | None, *, deflate: bool = True) -> None:
        digest = self.write(name, data, deflate=deflate)
        when = (d.issue_date.isoformat() if d.issue_date is not None
                else d.at.strftime("%Y-%m-%d %H:%M:%S") if d.at is not None else "")
        check = ("kayıt yok" if chain is None
                 else "uygun" if chain[1] == digest else "UYUŞMUYOR")
        if kind == "view":
            check = ""
        self.rows.append({
            "file": name, "kind": kind, "number": d.number, "ettn": d.ettn or d.envelope_uuid,
            "date": when, "counterparty": d.counterparty,
            "counterparty_vkn_tckn": d.counterparty_vkn,
            "amount": format(d.payable, "f") if d.payable is not None else "",
            "currency": d.currency, "sha256": digest,
            "chain_seq": chain[0] if chain is not None and kind != "view" else None,
            "chain_check": check})


def export(ctx: AppContext, first: date, last: date, out: Path, *, force: bool = False,
           on_progress: Progress | None = None) -> ExportResult:
    """The originals of ``first``–``last`` (Türkiye's days) in a zip at ``out``: issued and
    received invoices with their responses, e-Arşiv reports and envelopes, each invoice's
    HTML view, an index (CSV and JSON), SHA256SUMS and a README. Written to a temporary file
    beside ``out`` and renamed: never half-written; an existing ``out`` is kept unless
    ``force``."""
    if last < first:
        raise UserError(f"Bitiş tarihi ({last:%d.%m.%Y}) başlangıçtan ({first:%d.%m.%Y}) önce.")
    out = Path(out).expanduser()
    if out.is_dir():
        raise UserError(f"{out} bir klasör; dışa aktarma için bir dosya adı verin "
                        "(ör. arsiv-2026.zip).")
    if out.exists() and not force:
        raise UserError(f"{out} zaten var; üzerine yazılmadı. Başka bir ad verin ya da "
                        "--force ile üzerine yazın.")
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise UserError(f"{parent} klasörü yok; önce oluşturun ya da başka bir yer seçin.")
    try:
        fd, tmp_name = tempfile.mkstemp(dir=parent, prefix=".tezgah-arsiv-", suffix=".part")
    except OSError as exc:
        raise UserError(f"{parent} klasörüne yazılamıyor: {exc.strerror}") from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as f:
            with zipfile.ZipFile(f, "w", allowZip64=True) as zf:
                result = _write_export(ctx, zf, first, last, on_progress)
            f.flush()
            os.fsync(f.fileno())
        place_output(tmp, out, force)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise UserError(f"{out} yazılamadı: {exc.strerror or exc}") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    result.path = out
    return result


def place_output(tmp: Path, out: Path, force: bool) -> None:
    """Put the finished temporary file ``tmp`` at ``out``: never over an existing file
    unless ``force`` (the exports' one way to end a write)."""
    try:
        if force:
            os.replace(tmp, out)
            return
        try:  # never overwrites, even a file that appeared meanwhile
            os.link(tmp, out)
        except FileExistsError:
            raise UserError(f"{out} zaten var; üzerine yazılmadı. Başka bir ad verin ya da "
                            "--force ile üzerine yazın.") from None
        except OSError:  # a file system without hard links
            if out.exists():
                raise UserError(f"{out} zaten var; üzerine yazılmadı.") from None
            os.replace(tmp, out)
            return
        tmp.unlink()
    except UserError:
        raise
    except OSError as exc:
        raise UserError(f"{out} yazılamadı: {exc.strerror}") from None


def _write_export(ctx: AppContext, zf: zipfile.ZipFile, first: date, last: date,
                  on_progress: Progress | None) -> ExportResult:
    from app.pdf import render_html

    start = datetime.combine(first, time())
    end = datetime.combine(last + timedelta(days=1), time())
    w = _Writer(zf)
    originals = views = 0
    failures: list[str] = []
    with ctx.db.session() as s:
        envelopes = repo.period_envelopes(s, start, end, first, last)
        docs: list[tuple[int, str, int | None]] = []
        after = 0
        while page := repo.period_documents(s, first, last, start, end, after_id=after,
                                            limit=1000):
            docs.extend(page)  # ids and kinds only; the bytes are read one at a time
            after = page[-1][0]
        total = len(docs) + len(envelopes)
        if on_progress is not None:
            on_progress(0, total)
        invoices = repo.invoices_by_id(s, {i for _, _, i in docs if i is not None})
        for n, (doc_id, kind, invoice_id) in enumerate(docs, start=1):
            content = repo.document_content(s, doc_id)
            d = repo.describe(s, DOCUMENTS, doc_id)
            inv = invoices.get(invoice_id) if invoice_id is not None else None
            stem = _safe("_".join(p for p in (
                kind if kind not in ("invoice", "received") else "",
                inv.number if inv is not None else "", inv.ettn if inv is not None else "",
                "" if kind in ("invoice", "received") and inv is not None else str(doc_id))
                if p))
            name = w.unique(_FOLDERS.get(kind, "belgeler"), stem, _extension(content))
            w.add(name, content, d, kind, repo.entry_of(s, DOCUMENTS, doc_id))
            originals += 1
            if kind in ("invoice", "received"):
                try:
                    html = render_html(content).encode("utf-8")
                except Exception as exc:  # a broken received document still goes in
                    failures.append(f"{name}: {exc}")
                else:
                    view = w.unique("gorunumler", Path(name).stem, ".html")
                    w.add(view, html, d, "view", None)
                    views += 1
            if on_progress is not None:
                on_progress(n, total)
        for n, (target, env_id, uuid, _at) in enumerate(envelopes, start=len(docs) + 1):
            content = repo.envelope_content(s, target, env_id)
            d = repo.describe(s, target, env_id)
            kind = "envelope" if target == ENVELOPES else "incoming-envelope"
            name = w.unique(_FOLDERS[kind], _safe(uuid) or str(env_id), ".zip")
            w.add(name, content, d, kind, repo.entry_of(s, target, env_id), deflate=False)
            originals += 1
            if on_progress is not None:
                on_progress(n, total)
    _write_index(w, first, last)
    return ExportResult(Path(), len(w.sums) + 1, originals, views, failures)


def _write_index(w: _Writer, first: date, last: date) -> None:
    kinds = {**_KIND_LABELS, "view": "Görünüm (HTML)"}
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    writer.writerow(CSV_HEADERS)
    for row in w.rows:
        writer.writerow([row["file"], kinds.get(row["kind"], row["kind"]), row["number"],
                         row["ettn"], row["date"], row["counterparty"],
                         row["counterparty_vkn_tckn"], row["amount"].replace(".", ","),
                         row["currency"], row["sha256"], row["chain_seq"] or "",
                         row["chain_check"]])
    w.write("dizin.csv", b"\xef\xbb\xbf" + buf.getvalue().encode("utf-8"))
    index = {"period": {"from": first.isoformat(), "to": last.isoformat()},
             "created_at": clock.local_now().isoformat(timespec="seconds"),
             "files": [{k: row[k] for k in JSON_FIELDS} for row in w.rows]}
    w.write("dizin.json", json.dumps(index, ensure_ascii=False, indent=2).encode("utf-8"))
    w.write("README.txt", _readme(first, last).encode("utf-8"))
    sums = "".join(f"{digest}  {name}\n" for digest, name in w.sums)
    info = zipfile.ZipInfo("SHA256SUMS", date_time=w.stamp)  # type: ignore[arg-type]
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    w.zf.writestr(info, sums.encode("utf-8"))


def _readme(first: date, last: date) -> str:
    return f"""\
Tezgâh arşiv dışa aktarımı — {first:%d.%m.%Y} – {last:%d.%m.%Y}

Bu arşivde dönemin saklanan asıl belgeleri (imzalı giden faturalar, gelen faturalar,
uygulama ve sistem yanıtları, e-Arşiv raporları, giden ve gelen zarflar) saklandıkları
baytlarla, değiştirilmeden bulunur. "gorunumler" klasöründeki HTML dosyaları faturaların
okunabilir görünümleridir; asıl belge XML dosyasıdır.

  dizin.csv    Belgelerin listesi (Excel için ';' ayraçlı, UTF-8): dosya, tür, numara,
               ETTN, tarih, karşı taraf, tutar ve SHA-256 özeti.
  dizin.json   Aynı liste, JSON olarak.
  SHA256SUMS   Her dosyanın SHA-256 özeti.

Özetleri denetlemek için arşivi bir klasöre açın ve o klasörde çalıştırın:

  Linux:   sha256sum -c SHA256SUMS
  macOS:   shasum -a 256 -c SHA256SUMS
  Windows (PowerShell), bir dosya için:
           Get-FileHash -Algorithm SHA256 faturalar\\giden\\DOSYA.xml

Her satırda "OK" (ya da "Tamam") görülmelidir. Bir dosyanın özeti tutmuyorsa o dosya
arşivden çıktıktan sonra değişmiştir. "Zincir denetimi" sütunu, belgenin Tezgâh'ın
arşiv zincirine saklandığı anda kaydedilen özetle uyuşup uyuşmadığını gösterir.

---
Tezgâh archive export. The originals of the period, byte for byte, with an index
(dizin.csv, dizin.json) and SHA256SUMS. Check with: sha256sum -c SHA256SUMS
"""
