"""Kinds of legal documents Tezgâh issues, stores and sends."""

from __future__ import annotations

from enum import StrEnum


class DocumentKind(StrEnum):
    """What a stored document is. The value is what the database keeps (``outbox_items.kind``,
    ``number_series.kind``); ``invoice`` is also the ``documents.kind`` of a signed invoice."""

    INVOICE = "invoice"  # e-Fatura / e-Arşiv fatura (UBL-TR Invoice)
    APPLICATION_RESPONSE = "application-response"  # uygulama yanıtı (kabul / red)
    SYSTEM_RESPONSE = "system-response"  # sistem yanıtı of the posta kutusu (1200 / 11xx)
    EARCHIVE_REPORT = "earchive-report"  # e-Arşiv raporu
    DESPATCH_ADVICE = "despatch-advice"  # e-İrsaliye
    RECEIPT_ADVICE = "receipt-advice"  # e-İrsaliye yanıtı

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    DocumentKind.INVOICE: "Fatura",
    DocumentKind.APPLICATION_RESPONSE: "Uygulama yanıtı",
    DocumentKind.SYSTEM_RESPONSE: "Sistem yanıtı",
    DocumentKind.EARCHIVE_REPORT: "e-Arşiv raporu",
    DocumentKind.DESPATCH_ADVICE: "e-İrsaliye",
    DocumentKind.RECEIPT_ADVICE: "İrsaliye yanıtı",
}
