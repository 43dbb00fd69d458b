"""The checks GİB's Merkez makes on a received envelope, in the simulator.

Entegrasyon Kılavuzu §4.4.1: Merkez checks XSD, schematron, the presence of a signature and
the sender/receiver addresses. The status codes come from Ek-2 §4; where the guides do
not say which code applies when, the choice made here is written beside the check.

Three kinds of envelope are taken: SENDERENVELOPE with invoices or e-İrsaliye despatch
advices and POSTBOXENVELOPE with irsaliye yanıtı receipt advices (every check below: these
are signed documents with a receiver party), POSTBOXENVELOPE with application responses
(KABUL/RED from a receiver: the envelope checks, XSD/schematron, the receiver alias; the
document rules are not run, nor the signature check, which the simulator makes on invoices
and e-İrsaliye documents only) and SYSTEMENVELOPE with system responses (a posta kutusu's
answer about an envelope it received: the envelope checks only; what it says is applied by
``delivery``).

The receiver's alias must be active in the user list for the document's type (UserList
guide §2, ``Documents/Document[@type]``): e-İrsaliye documents go to DespatchAdvice aliases,
invoices and application responses to Invoice aliases; another address is 1181. A document
already recorded in an earlier accepted envelope is 1163 for an invoice and 1164 (…KAYITLI
OLAN BIR BELGEYİ…) for any other document (Ek-2 §4).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Any, Protocol

from app.domain.errors import UserError
from app.signing import Verifier
from app.ubl import namespaces as ns
from app.xmlsafe import find_string, parse_bytes, string_value

from .. import codes
from ..envelope import (
    APPLICATION_RESPONSE_ELEMENT,
    DESPATCH_ADVICE_ELEMENT,
    INVOICE_ELEMENT,
    POSTBOX_ENVELOPE,
    RECEIPT_ADVICE_ELEMENT,
    SYSTEM_ENVELOPE,
    TYPE_VERSION,
    EnvelopeHeader,
    document_receiver_ids,
    extract_documents,
    read_envelope,
    travels_in,
)
from ..userlist import DESPATCH_ADVICE, INVOICE, UserAlias


class EnvelopeValidator(Protocol):
    """``app.ubl.validate.InvoiceValidator``'s shape: ``validate_envelope(bytes)`` returns a
    report with ``ok`` and ``problems`` (each with ``message`` and ``location``)."""

    def validate_envelope(self, data: bytes) -> Any: ...


AliasLookup = Callable[[str], list[UserAlias]]

#: The user list's document type (UserList guide §2) whose aliases may receive an
#: ElementType: e-İrsaliye documents DespatchAdvice aliases, everything else Invoice ones.
ALIAS_DOCUMENT_TYPE = {DESPATCH_ADVICE_ELEMENT: DESPATCH_ADVICE,
                       RECEIPT_ADVICE_ELEMENT: DESPATCH_ADVICE}


@dataclass
class CheckResult:
    code: int | None  # None: accepted
    description: str
    facts: dict = field(default_factory=dict)
    invoice_uuids: list[str] = field(default_factory=list)  # the documents' ETTNs
    # Ek-2 §4: a document already recorded makes the envelope 1163 for an invoice, 1164 for
    # any other document (a despatch or receipt advice).
    duplicate_code: int = 1163


def _fail(code: int, detail: str = "", facts: dict | None = None) -> CheckResult:
    text = codes.status(code).gib_text
    return CheckResult(code, f"{text}: {detail}" if detail else text, facts or {})


def _problem_kind(problem: Any) -> str:
    for attr in ("kind", "source", "stage", "rule_type", "type"):
        value = getattr(problem, attr, None)
        if value:
            return str(getattr(value, "value", value)).lower()
    return ""


def _validate(validator: EnvelopeValidator | None, xml_bytes: bytes,
              facts: dict) -> CheckResult | None:
    """XSD (1160) and schematron (1150) of the whole envelope, when rules are installed."""
    if validator is None:
        return None
    report = validator.validate_envelope(xml_bytes)
    if getattr(report, "ok", False):
        return None
    problems = list(getattr(report, "problems", []) or [])
    first = problems[0] if problems else None
    detail = str(getattr(first, "message", first) or "")
    location = getattr(first, "location", "") if first is not None else ""
    if location:
        detail = f"{detail} ({location})"
    kinds = {_problem_kind(p) for p in problems}
    schematron_only = bool(kinds) and all("sch" in k for k in kinds)
    return _fail(1150 if schematron_only else 1160, detail, facts)


def _check_receiver(header: EnvelopeHeader, lookup_aliases: AliasLookup,
                    facts: dict, element_type: str = INVOICE_ELEMENT) -> CheckResult | None:
    """1181: the receiver's alias must be active in the user list, for the document type
    ``element_type`` travels to (``ALIAS_DOCUMENT_TYPE``)."""
    receiver = header.receiver
    if receiver is None or not receiver.vkn_tckn or not receiver.alias:
        return _fail(1181, "alici VKN/TCKN ya da etiketi yok", facts)
    document_type = ALIAS_DOCUMENT_TYPE.get(element_type, INVOICE)
    active = {a.alias for a in lookup_aliases(receiver.vkn_tckn)
              if a.document_type == document_type and not a.deleted}
    if receiver.alias not in active:
        return _fail(1181, f"{receiver.vkn_tckn} / {receiver.alias}", facts)
    return None


def _check_responses(header: EnvelopeHeader, xml_bytes: bytes,
                     validator: EnvelopeValidator | None, lookup_aliases: AliasLookup,
                     facts: dict) -> CheckResult:
    """A POSTBOXENVELOPE (application responses) or SYSTEMENVELOPE (system responses)."""
    responses = [d for d in header.documents
                 if d.tag == f"{{{ns.APPLICATION_RESPONSE}}}ApplicationResponse"]
    if not responses or len(responses) != len(header.documents):
        return _fail(1160, "ElementList yalnizca ApplicationResponse icermeli", facts)
    if header.element_count != len(responses):
        return _fail(1160, f"ElementCount {header.element_count} ama {len(responses)} yanit var",
                     facts)
    if facts["type"] == SYSTEM_ENVELOPE:
        # Addressed to GİB itself: no receiver alias to look up. Read by ``delivery``.
        return CheckResult(None, codes.status(1200).gib_text, facts)
    failed = _validate(validator, xml_bytes, facts) or \
        _check_receiver(header, lookup_aliases, facts)
    if failed is not None:
        return failed
    return CheckResult(None, codes.status(1200).gib_text, facts)


def check_envelope(
    file_name: str,
    zip_bytes: bytes,
    *,
    validator: EnvelopeValidator | None,
    verify: Verifier | None,
    lookup_aliases: AliasLookup,
) -> CheckResult:
    """Run Merkez's checks (signatures only for presence when ``verify`` is ``None``); the result carries the invoices' ETTNs whenever they could be
    read, also for a refused envelope."""
    known_uuids: list[str] = []
    result = _check(file_name, zip_bytes, validator, verify, lookup_aliases, known_uuids)
    if not result.invoice_uuids:
        result.invoice_uuids = [u for u in known_uuids if u]
    return result


def _check(
    file_name: str,
    zip_bytes: bytes,
    validator: EnvelopeValidator | None,
    verify: Verifier | None,
    lookup_aliases: AliasLookup,
    known_uuids: list[str],
) -> CheckResult:
    envelope_name = PurePosixPath(file_name).stem
    # -- the zip (Ek-3 §4) -------------------------------------------------------------
    if not zipfile.is_zipfile(io.BytesIO(zip_bytes)):
        return _fail(1110)
    try:
        with zipfile.ZipFile(io.BytesIO(zip_bytes)) as zf:
            entries = [i for i in zf.infolist() if not i.is_dir()]
            if len(entries) != 1:
                return _fail(1131, f"ZIP {len(entries)} dosya iceriyor")
            entry = entries[0]
            if entry.file_size > 200 * 1024 * 1024:
                return _fail(1130, "dosya cok buyuk")
            xml_bytes = zf.read(entry)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError,
            RuntimeError, NotImplementedError) as exc:
        return _fail(1130, str(exc))
    entry_path = PurePosixPath(entry.filename)
    if entry_path.suffix.lower() != ".xml":
        return _fail(1132, entry.filename)
    # -- the envelope XML ----------------------------------------------------------------
    try:
        root = parse_bytes(xml_bytes).getroot()
    except UserError as exc:
        return _fail(1140, exc.message)
    header = read_envelope(root)
    facts = {
        "envelope_date": (header.created or "")[:10],
        "sender_vkn": header.sender.vkn_tckn if header.sender else None,
        "sender_alias": header.sender.alias if header.sender else None,
        "sender_name": header.sender.name if header.sender else None,
        "receiver_vkn": header.receiver.vkn_tckn if header.receiver else None,
        "receiver_alias": header.receiver.alias if header.receiver else None,
    }
    env_id = header.instance_identifier
    if not env_id:
        return _fail(1141, facts=facts)
    if len(env_id) != 36:  # GUID format (Ek-1 §3.1.3)
        return _fail(1111, env_id, facts)
    # 1133: the XML inside the zip must be named after the envelope ID.
    if entry_path.stem.lower() != env_id.lower():
        return _fail(1133, f"{entry.filename} / {env_id}", facts)
    # 1142: the zip's name (sendDocument fileName, Ek-3 §7.7) must be the envelope ID.
    if envelope_name.lower() != env_id.lower():
        return _fail(1142, f"{file_name} / {env_id}", facts)
    # 1143: UBL 2.1 envelopes carry TypeVersion 1.2 (Ek-1 §3.1.3).
    if header.type_version != TYPE_VERSION:
        return _fail(1143, f"TypeVersion {header.type_version!r}", facts)
    facts["type"] = (header.type or "").upper()
    element_type = (header.element_type or "").upper()
    if facts["type"] in (POSTBOX_ENVELOPE, SYSTEM_ENVELOPE) and \
            element_type == APPLICATION_RESPONSE_ELEMENT:
        return _check_responses(header, xml_bytes, validator, lookup_aliases, facts)
    # Ek-1 §3.2 and the schematron's EnvelopeTypeElementTypeCheck: which envelope carries what
    kind = travels_in(element_type, facts["type"])
    if kind is None or kind.element_type == APPLICATION_RESPONSE_ELEMENT:
        return _fail(1160, f"zarf turu {header.type}/{header.element_type} desteklenmiyor", facts)
    facts["element_type"] = kind.element_type
    noun = "fatura" if kind.element_type == INVOICE_ELEMENT else "belge"
    local_name = kind.root.rpartition("}")[2]
    documents = [d for d in header.documents if d.tag == kind.root]
    known_uuids.extend((find_string(doc, f"{{{ns.CBC}}}UUID") or "").strip() for doc in documents)
    if not documents or len(documents) != len(header.documents):
        return _fail(1160, f"ElementList yalnizca {local_name} icermeli", facts)
    if header.element_count != len(documents):
        return _fail(1160, f"ElementCount {header.element_count} ama {len(documents)} {noun} var",
                     facts)
    # -- XSD (1160) and schematron (1150) -------------------------------------------------
    failed = _validate(validator, xml_bytes, facts)
    if failed is not None:
        return failed
    # -- signatures: present (1161) and, when a verifier is available, valid (1177) ---------
    ds_sig = f"{{{ns.EXT}}}UBLExtensions/{{{ns.EXT}}}UBLExtension/{{{ns.EXT}}}ExtensionContent/{{{ns.DS}}}Signature"
    uuids: list[str] = []
    for index, doc in enumerate(documents, start=1):
        sig = doc.find(ds_sig)
        cert = sig.find(f".//{{{ns.DS}}}X509Certificate") if sig is not None else None
        if sig is None or cert is None or not (string_value(cert) or "").strip():
            return _fail(1161, f"{index}. {noun} imzasiz", facts)
        uuids.append((find_string(doc, f"{{{ns.CBC}}}UUID") or "").strip())
    if verify is not None:
        try:
            raw_docs = extract_documents(xml_bytes)
        except UserError as exc:
            return _fail(1140, exc.message, facts)
        sender_id = header.sender.vkn_tckn if header.sender else ""
        for index, raw in enumerate(raw_docs, start=1):
            try:
                result = verify(raw)
                # Integrity, not trust: Merkez checks that a seal is there, not who issued
                # it (Entegrasyon Kılavuzu §4.4.1), and the simulator has no Kamu SM roots.
                # Whose seal it is, is checked below (1176).
                valid, detail = result.intact is True, "; ".join(result.problems)
            except Exception as exc:  # a verifier error means the signature is not valid
                valid, detail = False, str(exc)
            if not valid:
                return _fail(1177, f"{index}. {noun}: {detail}".strip(": "), facts)
            # 1176: the seal/e-signature must belong to the sender (its VKN/TCKN).
            signer = result.signer_vkn_tckn
            if signer and sender_id and signer != sender_id:
                return _fail(1176, f"{index}. {noun} {signer} tarafindan imzalanmis, "
                                   f"gonderici {sender_id}", facts)
    # -- receiver address against the user list (1181) ------------------------------------
    failed = _check_receiver(header, lookup_aliases, facts, kind.element_type)
    if failed is not None:
        return failed
    for index, doc in enumerate(documents, start=1):
        ids = document_receiver_ids(doc)
        if ids and header.receiver and header.receiver.vkn_tckn not in ids:
            return _fail(1181, f"{index}. {noun}nin alicisi zarfin alicisi degil", facts)
    return CheckResult(None, codes.status(1200).gib_text, facts, [u for u in uuids if u],
                       duplicate_code=1163 if kind.element_type == INVOICE_ELEMENT else 1164)
