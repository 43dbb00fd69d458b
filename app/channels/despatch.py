"""e-İrsaliye channels: GİB's EFatura service carries despatch advices and receipt advices
as it carries invoices (the same ``sendDocument`` and ``getApplicationResponse``, the same
status codes, Ek-2 §4.1); only the envelope differs (``app.gib.envelope.ELEMENT_KINDS``).

- ``DespatchChannel``: our despatch advices in SENDERENVELOPEs (ElementType DESPATCHADVICE)
  to the receiver's DespatchAdvice alias; its answers move the despatch advice's status.
- ``ReceiptAdviceChannel``: our receipt advices (irsaliye yanıtı) in POSTBOXENVELOPEs
  (ElementType RECEIPTADVICE) to the despatch sender's DespatchAdvice alias, one per envelope.
"""

from __future__ import annotations

from collections.abc import Callable

from app.channels.efatura import EFaturaChannel, EnvelopeCheck
from app.domain.documents import DocumentKind
from app.gib.client import EFaturaClient
from app.gib.envelope import (
    DESPATCH_ADVICE_ELEMENT,
    MAX_INVOICES,
    POSTBOX_ENVELOPE,
    RECEIPT_ADVICE_ELEMENT,
    SENDER_ENVELOPE,
)


class DespatchChannel(EFaturaChannel):
    name = "efatura-despatch"
    kinds = frozenset({DocumentKind.DESPATCH_ADVICE})
    # GİB's schematron allows 1000 elements of any other type; a zip of signed despatch
    # advices stays well within the service's size limits at the invoices' 100.
    max_documents = MAX_INVOICES
    sent_message = "İrsaliye zarfı GİB'e iletildi."
    already_received_message = "GİB irsaliye zarfını daha önce almış (2001); durumu sorgulanıyor."
    envelope_type = SENDER_ENVELOPE
    element_type = DESPATCH_ADVICE_ELEMENT
    unknown_alias_message = (
        "Alıcı ({vkn}) GİB kullanıcı listesinde e-İrsaliye kullanıcısı olarak görünmüyor "
        "(DespatchAdvice etiketi yok); irsaliye GİB'e gönderilmedi. Güncel kullanıcı listesini "
        "yükleyin ('tezgah userlist import'); alıcı e-İrsaliye kullanıcısı değilse kağıt "
        "irsaliye düzenleyin.")

    def __init__(self, client: EFaturaClient | None, *, check: EnvelopeCheck | None = None,
                 sender_alias: str = "",
                 resolve_alias: Callable[[str], str] | None = None) -> None:
        super().__init__(client, check=check, sender_alias=sender_alias)
        # VKN/TCKN → the receiver's DespatchAdvice posta kutusu alias ("" when none)
        self.resolve_alias = resolve_alias


class ReceiptAdviceChannel(EFaturaChannel):
    name = "efatura-receipt"
    kinds = frozenset({DocumentKind.RECEIPT_ADVICE})
    max_documents = 1
    sent_message = "İrsaliye yanıtı GİB'e iletildi."
    already_received_message = "GİB irsaliye yanıtını daha önce almış (2001); durumu sorgulanıyor."
    envelope_type = POSTBOX_ENVELOPE
    element_type = RECEIPT_ADVICE_ELEMENT
