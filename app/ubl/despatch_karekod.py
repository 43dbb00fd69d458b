"""The karekod of an e-İrsaliye (Karekod Standardı Kılavuzu V1.2 §2.3).

The guide's §2.3 table, in its order: ``vkntckn`` (DespatchSupplierParty VKN/TCKN),
``avkntckn`` (the receiver's, DeliveryCustomerParty), ``senaryo`` (ProfileID), ``tip``
(DespatchAdviceTypeCode), ``tarih`` (IssueDate), ``no`` (ID), ``ettn`` (UUID),
``sevktarihi`` / ``sevkzamani`` (Shipment/Delivery/Despatch/ActualDespatchDate, -Time),
``tasiyicivkn`` (Shipment/Delivery/CarrierParty's ID) and ``plaka``
(ShipmentStage/TransportMeans/RoadTransport/LicensePlateID). GİB's ``irsaliye.xslt`` writes
the same keys. The guide has no karekod for the irsaliye yanıtı (ReceiptAdvice).
"""

from __future__ import annotations

from app.domain.despatch_as_read import Despatch
from app.ubl.karekod import karekod_png, karekod_text


def despatch_karekod_payload(d: Despatch) -> dict[str, str]:
    """The karekod object of a despatch advice as read (keys in the guide's order)."""
    sh = d.shipment
    return {
        "vkntckn": d.supplier.vkn_tckn,
        "avkntckn": d.customer.vkn_tckn,
        "senaryo": d.profile,
        "tip": d.type_code,
        "tarih": d.issue_date.isoformat(),
        "no": d.number,
        "ettn": d.uuid,
        "sevktarihi": sh.despatch_date.isoformat() if sh.despatch_date else "",
        "sevkzamani": sh.despatch_time.strftime("%H:%M:%S") if sh.despatch_time else "",
        "tasiyicivkn": sh.carrier.vkn_tckn if sh.carrier is not None else "",
        "plaka": sh.plates[0].number if sh.plates else "",
    }


def despatch_karekod_png(d: Despatch) -> bytes:
    """The karekod picture (PNG) of a despatch advice."""
    return karekod_png(karekod_text(despatch_karekod_payload(d)))


__all__ = ["despatch_karekod_payload", "despatch_karekod_png"]
