"""An envelope Tezgâh has just built, holding invoices that already passed GİB's rules when
they were issued, is checked without running the invoice rules a second time — and still
refuses what the envelope's own rules refuse (app.ubl.validate.validate_envelope)."""

from __future__ import annotations

import re
import uuid
from datetime import datetime
from pathlib import Path

import pytest
from lxml import etree

from app.domain.invoice import InvoiceData
from app.domain.party import Party
from app.gib.envelope import EnvelopeParty, build_envelope
from app.ubl.build import RenderContext, render_invoice
from app.ubl.validate import ENVELOPE_DEPENDENT_RULES, InvoiceValidator
from tests.fixtures.app import COMPANY, CUSTOMER, invoice_json

SENDER = EnvelopeParty(vkn_tckn=COMPANY["vkn_tckn"], name=COMPANY["name"],
                       alias="urn:mail:defaultgb@tezgah.invalid")
RECEIVER = EnvelopeParty(vkn_tckn=CUSTOMER["vkn_tckn"], name=CUSTOMER["name"],
                         alias="urn:mail:defaultpk@alici.invalid")


@pytest.fixture(scope="module")
def validator(installed_rules_dir: Path) -> InvoiceValidator:
    # a validator of its own: what passed in other tests is not remembered here
    return InvoiceValidator(installed_rules_dir)


def invoices(count: int) -> list[bytes]:
    out = []
    for i in range(1, count + 1):
        data = invoice_json()
        data.pop("ettn", None)
        out.append(render_invoice(InvoiceData.from_json(data),
                                  RenderContext(Party.from_dict(COMPANY), f"TZG2026{i:09d}",
                                                unsigned=True)))
    return out


def envelope(docs: list[bytes], sender: EnvelopeParty = SENDER,
             receiver: EnvelopeParty = RECEIVER) -> bytes:
    return build_envelope(docs, sender=sender, receiver=receiver,
                          envelope_uuid=str(uuid.uuid4()).upper(),
                          created=datetime(2026, 11, 28, 12))


def broken_copy(doc: bytes) -> bytes:
    """The invoice with a ProfileID GİB does not know."""
    out = re.sub(rb"<cbc:ProfileID>[^<]*</cbc:ProfileID>", b"<cbc:ProfileID>YANLIS</cbc:ProfileID>",
                 doc, count=1)
    assert out != doc
    return out


def rules_of(problems: list) -> set[str]:  # type: ignore[type-arg]
    return {p.rule for p in problems}


def test_passed_invoices_are_not_checked_twice(validator: InvoiceValidator) -> None:
    docs = invoices(3)
    for doc in docs:
        assert validator.validate(doc).ok
    xml = envelope(docs)
    calls: list[int] = []
    original = validator._schematron_problems

    def counting(text: str, doc_type: str):  # type: ignore[no-untyped-def]
        calls.append(len(text))
        return original(text, doc_type)

    validator._schematron_problems = counting  # type: ignore[method-assign]
    try:
        assert validator.validate_envelope(xml, documents=docs).ok
        assert validator.validate_envelope(xml).ok
    finally:
        del validator._schematron_problems
    fast, full = calls
    # the schematron ran over a skeleton, not over three whole invoices
    assert fast < full / 3


def test_the_envelope_rules_still_hold(validator: InvoiceValidator) -> None:
    """A sender or receiver that differs from the invoices' parties is refused by GİB's
    DocumentSenderCheck / DocumentReceiverCheck, with or without the fast path."""
    docs = invoices(2)
    for doc in docs:
        assert validator.validate(doc).ok
    good = envelope(docs)
    for vkn, rule in ((SENDER.vkn_tckn, "DocumentSenderCheck"),
                      (RECEIVER.vkn_tckn, "DocumentReceiverCheck")):
        # the header names another VKN; the invoices are as they were
        contact = f"<sh:Contact>{vkn}</sh:Contact>".encode()
        at = good.index(contact)
        xml = good[:at] + b"<sh:Contact>1111111111</sh:Contact>" + good[at + len(contact):]
        fast = validator.validate_envelope(xml, documents=docs)
        full = validator.validate_envelope(xml)
        assert rule in rules_of(fast.problems)
        assert sorted(map(str, fast.problems)) == sorted(map(str, full.problems))


def test_a_document_not_in_the_envelope_gets_the_full_check(
        validator: InvoiceValidator) -> None:
    """The documents named must be in the envelope verbatim and all of them; otherwise the
    whole envelope goes through every rule."""
    docs = invoices(2)
    for doc in docs:
        assert validator.validate(doc).ok
    broken = broken_copy(docs[1])
    xml = envelope([docs[0], broken])
    # the caller claims the good bytes, the envelope holds the broken ones
    report = validator.validate_envelope(xml, documents=docs)
    assert not report.ok
    assert sorted(map(str, report.problems)) == sorted(
        map(str, validator.validate_envelope(xml).problems))
    # fewer documents named than the envelope holds: full check too
    assert sorted(map(str, validator.validate_envelope(xml, documents=docs[:1]).problems)) \
        == sorted(map(str, validator.validate_envelope(xml).problems))


def test_an_invoice_that_did_not_pass_is_checked_in_full(validator: InvoiceValidator) -> None:
    docs = invoices(2)
    assert validator.validate(docs[0]).ok
    broken = broken_copy(docs[1])
    assert not validator.validate(broken).ok
    xml = envelope([docs[0], broken])
    fast = validator.validate_envelope(xml, documents=[docs[0], broken])
    assert not fast.ok
    assert sorted(map(str, fast.problems)) == sorted(
        map(str, validator.validate_envelope(xml).problems))


def test_envelope_dependent_rules_are_those_of_the_schematron(installed_rules_dir: Path) -> None:
    """Every abstract rule whose assertions read the envelope header and that applies inside
    an Invoice is in ENVELOPE_DEPENDENT_RULES (a new GİB rule set would show up here)."""
    sch = "http://purl.oclc.org/dsdl/schematron"
    header_vars = re.compile(r"\$(senderId|receiverId|receiverAlias|senderAlias|envelopeType)\b")
    files = list(installed_rules_dir.rglob("UBL-TR_Common_Schematron.xml"))
    main = list(installed_rules_dir.rglob("UBL-TR_Main_Schematron.xml"))
    assert files and main
    common = etree.parse(str(files[0])).getroot()
    reading = {r.get("id") for r in common.iter(f"{{{sch}}}rule")
               if r.get("abstract") == "true"
               and any(header_vars.search(a.get("test", "")) for a in r.iter(f"{{{sch}}}assert"))}
    inside_invoice = set()
    for rule in etree.parse(str(main[0])).getroot().iter(f"{{{sch}}}rule"):
        if (rule.get("context") or "").startswith("inv:Invoice"):
            inside_invoice |= {e.get("rule") for e in rule.iter(f"{{{sch}}}extends")}
    assert reading & inside_invoice == ENVELOPE_DEPENDENT_RULES
