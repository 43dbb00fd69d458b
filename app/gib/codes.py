"""GİB's status codes (Ek-2 §4) and web-service fault codes (Ek-3 §8).

``gib_text`` keeps GİB's own spelling (it is what GİB sends and what the event log stores);
``meaning`` and ``action`` are the Turkish text shown to the user.

Finality follows Ek-2 §4.1: 1000/1100 are queue states; 1110…1195 are processing errors
that end the envelope (nothing was delivered); 1200, 1210 and 1220 are on the way; 1215,
1230 and 1235 end it after processing; 1300 is the only successful end.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Outcome(Enum):
    """What a status means for the invoices in the envelope."""

    IN_PROGRESS = "in_progress"  # keep asking getApplicationResponse
    SUCCESS = "success"  # 1300: delivered and accepted by the receiver's system
    FIX_AND_RESEND = "fix_and_resend"  # the envelope was refused; fix, then send again
    RESEND = "resend"  # refused for a reason on GİB's or the receiver's side; send again
    ALREADY_SENT = "already_sent"  # 1163/1164: the invoice is in an earlier envelope


@dataclass(frozen=True)
class StatusCode:
    code: int
    gib_text: str
    meaning: str
    action: str
    outcome: Outcome

    @property
    def final(self) -> bool:
        return self.outcome is not Outcome.IN_PROGRESS

    @property
    def success(self) -> bool:
        return self.outcome is Outcome.SUCCESS


_FIX = "Faturayı/zarfı düzeltip yeni bir zarfla tekrar gönderin."
_RESEND = "Bir süre sonra aynı faturaları yeni bir zarfla tekrar gönderin."
_TECH = "Tezgâh'ın zarf üretiminde bir sorun var; lütfen destek ile iletişime geçin."

_S = StatusCode
_O = Outcome

STATUS_CODES: dict[int, StatusCode] = {
    s.code: s
    for s in (
        _S(1000, "ZARF KUYRUGA EKLENDI", "Zarf GİB'e ulaştı ve işlenmek üzere kuyruğa alındı.",
           "Bekleyin; durum birazdan güncellenecek.", _O.IN_PROGRESS),
        _S(1100, "ZARF ISLENIYOR", "Zarf GİB'de işleniyor (şema, schematron, imza, adres kontrolleri).",
           "Bekleyin; durum birazdan güncellenecek.", _O.IN_PROGRESS),
        _S(1110, "ZIP DOSYASI DEGIL", "Gönderilen dosya ZIP biçiminde değil.", _TECH, _O.FIX_AND_RESEND),
        _S(1111, "ZARF ID UZUNLUGU GECERSIZ", "Zarf numarasının (UUID) uzunluğu geçersiz.", _TECH,
           _O.FIX_AND_RESEND),
        _S(1120, "ZARF ARSIVDEN_KOPYALANAMADI", "GİB zarfı arşivinden kopyalayamadı.", _RESEND,
           _O.RESEND),
        _S(1130, "ZIP ACILAMADI", "ZIP dosyası açılamadı (bozuk).", _TECH, _O.FIX_AND_RESEND),
        _S(1131, "ZIP BIR DOSYA ICERMELI", "ZIP dosyası tam olarak bir dosya içermeli.", _TECH,
           _O.FIX_AND_RESEND),
        _S(1132, "XML DOSYASI DEGIL", "ZIP içindeki dosya bir XML dosyası değil.", _TECH,
           _O.FIX_AND_RESEND),
        _S(1133, "ZARF ID VE XML DOSYASININ ADI AYNI OLMALI",
           "ZIP içindeki XML dosyasının adı zarf numarasıyla aynı değil.", _TECH, _O.FIX_AND_RESEND),
        _S(1140, "DOKUMAN AYRISTIRILAMADI", "Zarf XML'i okunamadı (ayrıştırılamadı).", _TECH,
           _O.FIX_AND_RESEND),
        _S(1141, "ZARF ID YOK", "Zarfta zarf numarası (InstanceIdentifier) yok.", _TECH,
           _O.FIX_AND_RESEND),
        _S(1142, "ZARF ID VE ZIP DOSYASI ADI AYNI OLMALI",
           "ZIP dosyasının adı zarf numarasıyla aynı değil.", _TECH, _O.FIX_AND_RESEND),
        _S(1143, "GECERSIZ VERSIYON", "Zarfın sürüm bilgisi (TypeVersion) geçersiz.", _TECH,
           _O.FIX_AND_RESEND),
        _S(1150, "SCHEMATRON KONTROL SONUCU HATALI",
           "Faturalardan en az biri GİB'in iş kurallarına (schematron) uymuyor.",
           "Faturadaki hatalı alanları düzeltip faturayı yeniden düzenleyin ve gönderin.",
           _O.FIX_AND_RESEND),
        _S(1160, "XML SEMA KONTROLUNDEN GECEMEDI",
           "Zarf ya da içindeki faturalardan biri XML şemasına (XSD) uymuyor.",
           "Faturadaki hatalı alanları düzeltip faturayı yeniden düzenleyin ve gönderin.",
           _O.FIX_AND_RESEND),
        _S(1161, "IMZA SAHIBI TCKN VKN ALINAMADI",
           "Faturanın imzası yok ya da imzalayanın VKN/TCKN bilgisi okunamadı.",
           "Faturayı mali mühür veya e-imza ile imzalayıp yeniden gönderin.", _O.FIX_AND_RESEND),
        _S(1162, "IMZA KAYDEDILEMEDI", "GİB imzayı kaydedemedi.", _RESEND, _O.RESEND),
        _S(1163, "GONDERILEN ZARF SISTEMDE DAHA ONCE KAYITLI OLAN BIR FATURAYI ICERMEKTEDIR",
           "Zarftaki faturalardan biri daha önce başka bir zarfla GİB'e gönderilmiş.",
           "Faturayı tekrar göndermeyin; önceki zarfın durumunu sorgulayın.", _O.ALREADY_SENT),
        _S(1164, "GONDERILEN ZARF SISTEMDE DAHA ONCE KAYITLI OLAN BIR BELGEYİ ICERMEKTEDIR",
           "Zarftaki belgelerden biri daha önce başka bir zarfla GİB'e gönderilmiş.",
           "Belgeyi tekrar göndermeyin; önceki zarfın durumunu sorgulayın.", _O.ALREADY_SENT),
        _S(1170, "YETKI KONTROL EDILEMEDI", "GİB gönderim yetkisini kontrol edemedi.", _RESEND,
           _O.RESEND),
        _S(1171, "GONDERICI BIRIM YETKISI YOK",
           "Bu VKN/TCKN ve etiket için gönderici birim yetkiniz yok.",
           "GİB'deki e-Fatura hesabınızı ve gönderici birim etiketinizi kontrol edin.",
           _O.FIX_AND_RESEND),
        _S(1172, "POSTA KUTUSU YETKISI YOK", "Alıcının posta kutusu yetkisi yok.",
           "Alıcının e-Fatura etiketini kayıtlı kullanıcı listesinden kontrol edin.",
           _O.FIX_AND_RESEND),
        _S(1175, "IMZA YETKISI KONTROL EDILEMEDI", "GİB imza yetkisini kontrol edemedi.", _RESEND,
           _O.RESEND),
        _S(1176, "IMZA SAHIBI YETKISIZ",
           "Faturayı imzalayan sertifika bu VKN/TCKN adına fatura imzalamaya yetkili değil.",
           "Faturayı kendi mali mührünüz veya e-imzanızla imzalayın.", _O.FIX_AND_RESEND),
        _S(1177, "GEÇERSİZ İMZA", "Faturanın imzası geçersiz (doğrulanamadı).",
           "Faturayı yeniden imzalayıp gönderin; imzadan sonra fatura değiştirilmemeli.",
           _O.FIX_AND_RESEND),
        _S(1180, "ADRES KONTROL EDILEMEDI", "GİB alıcı adresini (etiketini) kontrol edemedi.",
           _RESEND, _O.RESEND),
        _S(1181, "ADRES BULUNAMADI",
           "Alıcının VKN/TCKN ve posta kutusu etiketi GİB'in kayıtlı kullanıcılarında yok.",
           "Kayıtlı kullanıcı listesini güncelleyip alıcının etiketini kontrol edin; alıcı "
           "e-Fatura kullanıcısı değilse e-Arşiv faturası kesin.", _O.FIX_AND_RESEND),
        _S(1182, "KULLANICI EKLENEMEDİ", "Kullanıcı eklenemedi.", _RESEND, _O.RESEND),
        _S(1183, "KULLANICI SİLENEMEDİ", "Kullanıcı silinemedi.", _RESEND, _O.RESEND),
        _S(1190, "SISTEM YANITI HAZIRLANAMADI", "GİB sistem yanıtını hazırlayamadı.", _RESEND,
           _O.RESEND),
        _S(1195, "SISTEM HATASI", "GİB'de bir sistem hatası oluştu.", _RESEND, _O.RESEND),
        _S(1200, "ZARF BASARIYLA ISLENDI",
           "Zarf GİB'de başarıyla işlendi; alıcının posta kutusuna iletiliyor.",
           "Bekleyin; alıcıdan yanıt gelince durum güncellenecek.", _O.IN_PROGRESS),
        _S(1210, "DOKUMAN BULUNAN ADRESE GONDERILEMEDI",
           "GİB zarfı alıcının posta kutusuna iletemedi; 8 saat boyunca yeniden deneyecek.",
           "Bekleyin; GİB iletmeyi kendisi yeniden deniyor.", _O.IN_PROGRESS),
        _S(1215, "DOKUMAN GONDERIMI BASARISIZ. TERKAR GONDERME SONLANDI",
           "GİB zarfı alıcıya iletemedi ve yeniden denemeyi bıraktı.",
           "Faturaları aynı fatura numarasıyla yeni bir zarfla tekrar gönderin.", _O.RESEND),
        _S(1220, "HEDEFTEN SISTEM YANITI GELMEDI",
           "Zarf alıcının posta kutusuna iletildi; alıcının sisteminden yanıt bekleniyor.",
           "Bekleyin.", _O.IN_PROGRESS),
        _S(1230, "HEDEFTEN SISTEM YANITI BASARISIZ GELDI",
           "Alıcının sistemi zarfı işleyemediğini bildirdi.",
           "Faturaları aynı fatura numarasıyla yeni bir zarfla tekrar gönderin.", _O.RESEND),
        _S(1235, "FATURA IPTAL'E KONU EDILDI", "Fatura iptale konu edildi.",
           "İptal bildirimini kontrol edin; faturayı tekrar göndermeyin.", _O.ALREADY_SENT),
        _S(1300, "BASARIYLA TAMAMLANDI", "Fatura alıcıya başarıyla ulaştı.", "Bir şey yapmanız "
           "gerekmiyor.", _O.SUCCESS),
    )
}


class Remedy(Enum):
    """What may be done with the invoices of an envelope that ended in a final rejection.

    Ek-2 §4.1: an error between 1100 and 1200 ends the envelope at GİB's central unit
    ("Zarf gönderiminde bir sonraki aşamaya geçilmez"): nothing reached the receiver and the
    invoices were not recorded, so GİB answers 1163 ("… DAHA ONCE KAYITLI OLAN BIR FATURAYI
    ICERMEKTEDIR") only for an invoice of an envelope that got past 1200 (until 1215/1230,
    after which "faturalar aynı Fatura ID'siyle tekrar gönderilebilecektir").

    - ``NEW_ENVELOPE``: the refusal concerns the envelope, not the invoice — its zip/XML
      (1110…1143, Tezgâh's own packing), the sender's unit (1171) or the receiver's posta
      kutusu (1172, 1181). Ek-1: the aliases are in the envelope header (SBDH Sender/Receiver
      ``Identifier``); the signed invoice carries only the parties' VKN/TCKN, so the same
      signed invoice, with its number and ETTN, goes again in a new envelope (new UUID).
    - ``NEW_INVOICE``: the invoice itself was refused (schema 1160, schematron 1150,
      signature 1161/1176/1177). Its bytes cannot change without breaking the signature, and
      its number and ETTN are used (Tezgâh's series has no gaps, the signed document stays in
      the archive); a corrected invoice is a new document with a new number and ETTN —
      sending a different document under an ID GİB may already know risks 1163.
    - ``NONE``: nothing to do by hand (success, in progress, GİB's own resends, 1163).
    """

    NONE = "none"
    NEW_ENVELOPE = "new_envelope"
    NEW_INVOICE = "new_invoice"


# The refusals that concern the receiver's posta kutusu alias (fixable before resending).
RECEIVER_ADDRESS_CODES = frozenset({1172, 1181})
_NEW_ENVELOPE_CODES = frozenset({1110, 1111, 1130, 1131, 1132, 1133, 1140, 1141, 1142, 1143,
                                 1171}) | RECEIVER_ADDRESS_CODES


def remedy(code: int | None) -> Remedy:
    """``Remedy`` for a final status code (see the class for the rules from Ek-2 §4.1)."""
    if code is None:
        return Remedy.NEW_INVOICE
    if code in FAULT_CODES:  # Ek-3 §8: the web service refused the envelope itself
        return Remedy.NEW_ENVELOPE
    if status(code).outcome is not Outcome.FIX_AND_RESEND:
        return Remedy.NONE
    if code in _NEW_ENVELOPE_CODES:
        return Remedy.NEW_ENVELOPE
    return Remedy.NEW_INVOICE  # content refused, or a code we do not know: be conservative


def status(code: int) -> StatusCode:
    """The entry for ``code``; an unknown code is treated as a final error to look into."""
    found = STATUS_CODES.get(code)
    if found is not None:
        return found
    return StatusCode(code, str(code), f"GİB bilinmeyen bir durum kodu bildirdi ({code}).",
                      "Zarfın durumunu GİB portalından kontrol edin.", Outcome.FIX_AND_RESEND)


@dataclass(frozen=True)
class FaultCode:
    """An ``EFaturaFault`` code of the web service (Ek-3 §8)."""

    code: int
    gib_text: str
    meaning: str
    action: str
    retryable: bool  # True: nothing was stored by GİB; send the same envelope again later


FAULT_CODES: dict[int, FaultCode] = {
    f.code: f
    for f in (
        FaultCode(2000, "OZET DEGERLER ESIT DEGIL",
                  "Gönderilen ZIP dosyasının MD5 özeti GİB'in hesapladığıyla aynı değil.",
                  "Zarf aktarım sırasında bozulmuş olabilir; zarfı yeniden paketleyip gönderin.",
                  False),
        FaultCode(2001, "ZARF ID SISTEMDE MEVCUT",
                  "Bu zarf numarasıyla GİB'e daha önce bir zarf ulaşmış.",
                  "Zarfı tekrar göndermeyin; durumunu sorgulayın.", False),
        FaultCode(2002, "ZARF ARSIVE EKLENEMEDI", "GİB zarfı arşivine ekleyemedi.",
                  "Zarfı yeni bir zarf numarasıyla yeniden gönderin.", False),
        FaultCode(2003, "ZARF KUYRUGA EKLENEMEDI", "GİB zarfı işlem kuyruğuna ekleyemedi.",
                  "Zarfı yeni bir zarf numarasıyla yeniden gönderin.", False),
        FaultCode(2004, "ZARF ID BULUNAMADI", "GİB bu zarf numarasını tanımıyor.",
                  "Zarf GİB'e hiç ulaşmamış; zarfı yeniden gönderin.", False),
        FaultCode(2005, "SISTEM HATASI", "GİB'de geçici bir sistem hatası oluştu.",
                  "Bir süre sonra aynı zarfı tekrar gönderin.", True),
        FaultCode(2006, "GECERSIZ ZARF ADI",
                  "Zarf dosyasının adı geçersiz (zarf numarası + \".zip\" olmalı).", _TECH, False),
        FaultCode(2007, "PAKET GÖNDERMEYE VE SORGULAMAYA YETKİNİZ GEÇİCİ OLARAK KALDIRILMIŞTIR.",
                  "GİB gönderme ve sorgulama yetkinizi geçici olarak kaldırmış.",
                  "Bir süre sonra tekrar deneyin; sürerse GİB ile iletişime geçin.", True),
    )
}


def fault(code: int) -> FaultCode:
    found = FAULT_CODES.get(code)
    if found is not None:
        return found
    return FaultCode(code, str(code), f"GİB bilinmeyen bir hata kodu döndü ({code}).",
                     "Bir süre sonra tekrar deneyin; sürerse GİB ile iletişime geçin.", True)
