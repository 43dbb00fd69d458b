"""Which invoice Tezgâh may cancel (İPTAL), and what the user is told — with its source.

Sources (``../shared/gib``):

* GİB, *e-Fatura Uygulaması İptal, İhtar/İtiraz Bildirim Kılavuzu* v1.2, Ocak 2025 (the
  "İptal/İtiraz guide", ``guides/e-Fatura_Iptal_Ihtar_Itiraz_Bildirim_Kilavuzu_V_1.2.txt``):

  - §1 Giriş: since 1/5/2021 the cancellation of an e-Belge must be reported to GİB
    electronically (VUK 509 Genel Tebliğ V.10, added by VUK 526).
  - §2: the İptal/İtiraz Portalı serves only the e-Fatura scenarios — Temel (cancellation and
    objection, started by seller or buyer), Ticari (objection only), Hal, Kamu. A TICARIFATURA
    is cancelled by the buyer's "Ret Uygulama Yanıtı" within 8 days of delivery; other
    scenarios by a portal request within 8 days of delivery, signed with the mali mühür or
    e-imza; after 8 days the portal takes no request and no approval.
  - §4 and §4.3: the seller's request goes to the buyer, who approves or refuses it;
    refused or not approved within 8 days, the invoice stays (in both virtual Ba/Bs forms).
  - Nothing in the guide is about e-Arşiv invoices: it neither asks nor mentions the buyer's
    consent for them.

* ``EARSIV-NOTES.md`` "Cancellation": a cancelled e-Arşiv invoice is reported as
  ``faturaIptal`` (in the report of the day it was cancelled, ``app.earsiv.report``); no
  primary text was found for the unilateral cancellation of consumer invoices.

The rule Tezgâh applies, therefore: an issued e-Arşiv invoice (``EARSIVFATURA``) is
cancelled by its seller, with a reason, once; it keeps its number (never reused) and its
signed XML, and GİB learns of it from the day's e-Arşiv report. An e-Fatura (TEMELFATURA,
TICARIFATURA …) is never cancelled here: the user is told how it goes through GİB.
"""

from __future__ import annotations

from dataclasses import dataclass

from app.domain.codes import Profile
from app.domain.errors import UserError
from app.domain.status import STATUS_NAMES, Status

GUIDE = "GİB e-Fatura Uygulaması İptal, İhtar/İtiraz Bildirim Kılavuzu v1.2 (Ocak 2025)"
NOTES = "Tezgâh e-Arşiv notları (EARSIV-NOTES.md, \"Cancellation\")"
PORTAL = "https://portal.efatura.gov.tr/FaturaIptal/"

#: Longest reason kept (it goes into the invoice's history and the cancellation row).
REASON_MAX = 500

#: An e-Arşiv invoice in one of these states has been issued and may be cancelled.
CANCELLABLE = frozenset({Status.ISSUED, Status.QUEUED, Status.SENT, Status.PROCESSING,
                         Status.COMPLETED, Status.REPORTED})


@dataclass(frozen=True)
class Rule:
    """A rule as shown to the user: what happens, and where that comes from."""

    text: str
    source: str

    def __str__(self) -> str:
        return f"{self.text}\nKaynak: {self.source}"


EARSIV_RULE = Rule(
    "e-Arşiv faturasını satıcı Tezgâh'ta iptal eder. Fatura numarası ve imzalı XML'i olduğu "
    "gibi saklanır, numara bir daha kullanılmaz; durumu İPTAL olur ve iptal edildiği günün "
    "e-Arşiv raporunda \"faturaIptal\" olarak GİB'e bildirilir. Alıcı onayı aranmaz: GİB'in "
    "İptal/İtiraz Kılavuzu yalnız e-Fatura senaryolarını (Temel, Ticari, Hal, Kamu) kapsar, "
    "e-Arşiv faturası için alıcı onayı öngörmez; tüketiciye kesilen faturanın tek taraflı "
    "iptaline ilişkin birincil bir metin bulunamadı. İptali alıcıya ayrıca bildirin. "
    "İptal geri alınamaz.",
    f"{GUIDE}, bölüm 1 (e-Belge iptallerinin GİB'e bildirimi, 1/5/2021'den beri) ve bölüm 2 "
    f"(portalın kapsadığı senaryolar); {NOTES}.")

TEMEL_RULE = Rule(
    "Temel e-Fatura Tezgâh'ta iptal edilmez. İptal için GİB'in e-Fatura İptal/İtiraz "
    f"Portalında ({PORTAL}) mali mühür ya da e-imzanızla \"Satıcı\" olarak iptal talebi "
    "oluşturun (16 haneli fatura numarası ve ödenecek tutar ile). Talep, faturanın alıcıya "
    "iletildiği tarihten itibaren 8 gün içinde yapılmalı ve alıcı tarafından onaylanmalıdır; "
    "alıcı reddeder ya da 8 gün içinde onaylamazsa fatura geçerli kalır. 8 günden sonra "
    "portal talep kabul etmez.",
    f"{GUIDE}, bölüm 2, 4 ve 4.3.")

TICARI_RULE = Rule(
    "Ticari e-Fatura Tezgâh'ta iptal edilmez. Ticari faturayı alıcı, kendisine iletildiği "
    "tarihten itibaren 8 gün içinde e-Fatura sistemi içinden Ret Uygulama Yanıtı göndererek "
    "iptal eder; İptal/İtiraz Portalı ticari faturada yalnız itiraz bildirimi içindir. "
    "Faturanın iptali için alıcıdan faturayı reddetmesini isteyin.",
    f"{GUIDE}, bölüm 2.")

OTHER_EFATURA_RULE = Rule(
    "e-Fatura Tezgâh'ta iptal edilmez. İptal, GİB'in e-Fatura İptal/İtiraz Portalında "
    f"({PORTAL}) faturanın alıcıya iletildiği tarihten itibaren 8 gün içinde oluşturulan ve "
    "karşı tarafça onaylanan iptal talebiyle yapılır.",
    f"{GUIDE}, bölüm 2 ve 4.")


def rule_for(profile: str) -> Rule:
    """The cancellation rule of an invoice of ``profile`` (a ProfileID)."""
    if profile == Profile.EARSIVFATURA:
        return EARSIV_RULE
    if profile == Profile.TEMELFATURA:
        return TEMEL_RULE
    if profile == Profile.TICARIFATURA:
        return TICARI_RULE
    return OTHER_EFATURA_RULE


class CancellationRefused(UserError):
    """The invoice cannot be cancelled in Tezgâh; ``rule`` (when there is one) says how it
    goes instead, with its source."""

    def __init__(self, message: str, rule: Rule | None = None, *,
                 field: str | None = None) -> None:
        super().__init__(f"{message}\n\n{rule}" if rule else message, field=field)
        self.rule = rule


def check_cancellable(*, direction: str, profile: str, status: str, number: str | None) -> Rule:
    """The rule applied when this invoice is cancelled; ``CancellationRefused`` when it may
    not be (a received invoice, an e-Fatura, a draft, one already cancelled)."""
    name = number or "Bu taslak"
    if direction != "out":
        raise CancellationRefused(f"{name} gelen bir faturadır; onu ancak düzenleyen iptal "
                                  "edebilir.")
    if status == Status.CANCELLED:
        raise CancellationRefused(f"{name} numaralı fatura zaten iptal edilmiş; bir fatura "
                                  "bir kez iptal edilir.")
    if status == Status.DRAFT:
        raise CancellationRefused("Taslak iptal edilmez: henüz kesilmedi, numarası yok. "
                                  "İstemiyorsanız taslağı silin.")
    if profile != Profile.EARSIVFATURA:
        raise CancellationRefused(f"{name} bir e-Fatura ({profile}).", rule_for(profile))
    if status not in CANCELLABLE:
        shown = STATUS_NAMES.get(status, status)  # type: ignore[call-overload]
        raise CancellationRefused(f"{name} numaralı faturanın durumu \"{shown}\"; yalnız "
                                  "kesilmiş e-Arşiv faturası iptal edilir.")
    return EARSIV_RULE


def clean_reason(reason: str | None) -> str:
    """The reason as stored: required, single spaces, at most ``REASON_MAX`` characters;
    control characters (a pasted tab, NUL, escape codes) count as spaces, so a reason of
    only those is no reason."""
    printable = "".join(ch if ch.isprintable() else " " for ch in (reason or ""))
    text = " ".join(printable.split())
    if not text:
        raise CancellationRefused("İptal nedeni yazılmalı: neden iptal edildiği faturanın "
                                  "geçmişinde saklanır.", field="reason")
    if len(text) > REASON_MAX:
        raise CancellationRefused(f"İptal nedeni en çok {REASON_MAX} karakter olabilir "
                                  f"({len(text)} yazıldı).", field="reason")
    return text
