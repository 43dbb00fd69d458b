"""Importing a UBL-TR invoice file into the archive as a received document, with the
verdict on its signature (``app.signing.verify_document``); ``import_xml`` takes an
e-İrsaliye (DespatchAdvice) or irsaliye yanıtı (ReceiptAdvice) too
(``app.usecases.despatch_receiving.import_document``)."""

from __future__ import annotations

import hashlib
from datetime import datetime
from decimal import Decimal
from typing import Any

from app import clock
from app.context import AppContext
from app.db import Session
from app.db import tables as t
from app.db.repositories import documents
from app.db.repositories import invoices as repo
from app.db.repositories.events import add_event
from app.domain.documents import DocumentKind
from app.domain.errors import UserError
from app.domain.status import Status
from app.postbox.processing import signature_summary
from app.signing import verify_document
from app.ubl.parse import ParsedInvoice, parse_invoice
from app.usecases.invoices import signature_verdict
from app.usecases.trust import trust_store


def add_received_invoice(s: Session, data: bytes, parsed: ParsedInvoice,
                         signature: dict[str, Any], digest: str, now: datetime, *,
                         event: tuple[str, str], event_data: dict[str, Any] | None = None,
                         ) -> tuple[t.Invoice, str | None]:
    """Inside the caller's transaction: ``data`` (a received invoice, exactly as signed) as an
    ``invoices`` row with direction ``in``, its lines, its document and its history.
    Returns the row and the number of another stored invoice with the same ETTN, if any."""
    other = repo.by_ettn(s, parsed.ettn)  # any stored invoice, a draft too
    clash = (other.number or "taslak") if other is not None else None
    row = t.Invoice(
        ettn=parsed.ettn, direction="in", status=Status.RECEIVED, number=parsed.number,
        profile=parsed.profile, type=parsed.type, series=parsed.number[:3],
        issue_date=parsed.issue_date,
        issue_time=parsed.issue_time.strftime("%H:%M:%S") if parsed.issue_time else "",
        currency=parsed.currency, customer_vkn_tckn=parsed.supplier.vkn_tckn[:11],
        customer_name=parsed.supplier.display_name[:300] or "-",
        tax_exclusive=parsed.tax_exclusive, tax_total=parsed.tax_total,
        payable=parsed.payable, signed=parsed.signed, signature_valid=signature["valid"],
        data={"supplier": parsed.supplier.to_dict(), "customer": parsed.customer.to_dict(),
              "notes": parsed.notes, "line_count": len(parsed.lines),
              "signature": signature},
        created_at=now, updated_at=now, issued_at=now,
    )
    row.lines = [
        t.InvoiceLine(position=i, name=ln.name[:500], quantity=ln.quantity, unit=ln.unit[:3],
                      unit_price=ln.unit_price, discount_rate=Decimal(0), kdv_rate=ln.kdv_rate,
                      net=ln.net, kdv_amount=ln.kdv_amount,
                      withholding_code=ln.withholding_code[:5],
                      exemption_code=ln.exemption_code[:5])
        for i, ln in enumerate(parsed.lines, start=1)
    ]
    # The row is inserted as a draft so its lines may be added, then marked received.
    row.status = Status.DRAFT
    repo.add(s, row)
    row.status = Status.RECEIVED
    documents.add(s, invoice_id=row.id, kind="received", content=data, sha256=digest, now=now)
    add_event(s, row.id, event[0], event[1], data={"sha256": digest, **(event_data or {})})
    add_event(s, row.id, "signature-valid" if signature["valid"] else "signature-invalid",
              signature_verdict(signature), data={"problems": signature["problems"]})
    if clash is not None:
        # ETTNs are meant to be unique; a sender that reuses one is worth a warning,
        # but the document is still the sender's and is archived as received.
        add_event(s, row.id, "ettn-clash", f"Aynı ETTN ile başka bir belge de kayıtlı "
                  f"({clash}); göndericiyle kontrol edin.")
    return row, clash


def import_invoice_xml(ctx: AppContext, data: bytes) -> dict[str, Any]:
    """Read, verify and archive ``data`` exactly as given; all or nothing.

    The signature's verdict is archived with the document whatever it is: a received
    document is evidence, the more so when its signature does not verify. The caller
    shows the verdict (``signature_valid``, ``signature_verdict``)."""
    parsed = parse_invoice(data)
    # Judged by the company's trust anchors: an untrusted chain is not valid either.
    signature = signature_summary(verify_document(data, trust=trust_store(ctx.data_dir)))
    verdict = signature_verdict(signature)
    digest = hashlib.sha256(data).hexdigest()
    now = clock.local_now()
    with ctx.db.write_session() as s:
        same = documents.id_by_sha256(s, digest)
        if same is not None:
            raise UserError(f"Bu belge ({parsed.number}, ETTN {parsed.ettn}) zaten kayıtlı; "
                            "ikinci kez içe alınmadı.")
        _row, clash = add_received_invoice(s, data, parsed, signature, digest, now,
                                          event=("imported", "Gelen fatura içe alındı."))
    return {"ettn": parsed.ettn, "number": parsed.number, "profile": parsed.profile,
            "type": parsed.type, "supplier_name": parsed.supplier.display_name,
            "supplier_vkn_tckn": parsed.supplier.vkn_tckn, "payable": str(parsed.payable),
            "currency": parsed.currency, "lines": len(parsed.lines), "signed": parsed.signed,
            "signature_valid": signature["valid"], "signature_problems": signature["problems"],
            "signature_verdict": verdict, "sha256": digest, "ettn_clash": clash}


def is_despatch_document(data: bytes) -> bool:
    """True when ``data`` is a DespatchAdvice or a ReceiptAdvice (by its root element)."""
    from app.gib.envelope import kind_of_root
    from app.xmlsafe import parse_bytes

    found = kind_of_root(str(parse_bytes(data).getroot().tag))
    return found is not None and found.kind in (DocumentKind.DESPATCH_ADVICE,
                                                DocumentKind.RECEIPT_ADVICE)


def import_xml(ctx: AppContext, data: bytes) -> dict[str, Any]:
    """``tezgah import``: an invoice (``import_invoice_xml``), or a despatch or receipt
    advice (``despatch_receiving.import_document``; its result says ``kind``)."""
    if is_despatch_document(data):
        from app.usecases.despatch_receiving import import_document

        return import_document(ctx, data)
    return {"kind": DocumentKind.INVOICE.value, **import_invoice_xml(ctx, data)}
