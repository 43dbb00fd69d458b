"""Validation of UBL-TR documents against GİB's own rules: XSD first, then the schematron.

Both are reported together: an invoice that breaks the XSD is still run through the schematron
(GİB's validator does the same), so the user sees every problem at once. Only a document that is
not an Invoice at all (wrong root element) stops after the first problem.

e-İrsaliye documents are checked the same way: a DespatchAdvice against
``UBL-DespatchAdvice-2.1.xsd`` and a ReceiptAdvice (irsaliye yanıtı) against
``UBL-ReceiptAdvice-2.1.xsd``, then the same compiled schematron — GİB's main schematron has
no phases; its ``despatchadvice`` / ``receiptadvice`` patterns fire on the ``desp:`` /
``recp:`` root elements (rule contexts), so one stylesheet checks every kind of document.

Thread-safety: ``InvoiceValidator`` may be shared by threads. lxml's ``XMLSchema`` objects keep
an error log per call and Saxon's compiled stylesheet is not thread-safe (saxonche
documentation), so each validation holds the validator's lock: concurrent calls are correct but
run one after another. ``get_validator`` is safe to call from any thread.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
import threading
import time
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from lxml import etree

from app import clock
from app.domain.errors import UserError
from app.ubl import namespaces as ns
from app.ubl.rules import RulesStore
from app.ubl.schematron_runtime import compiled_schematron, load_or_compile
from app.xmlsafe import parse_bytes

SBDH = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"

# Schematron rules (abstract rule ids of UBL-TR_Common_Schematron) that read the envelope's
# header ($senderId, $receiverId, $receiverAlias) from inside an invoice: an invoice that passed
# alone can still break them inside an envelope. tests/unit/test_envelope_fast_check.py finds
# them in the installed schematron and compares.
ENVELOPE_DEPENDENT_RULES = frozenset({
    "DocumentSenderCheck", "DocumentReceiverCheck", "IhracatYolcuBeraberCheck",
})
PASSED_MEMORY = 10_000  # digests of documents that passed, per validator (32 bytes each)
_STUBBED_AT = re.compile(r"/ElementList\[1\]/inv:Invoice\[(\d+)\]", re.ASCII)

# The schematron's own prefixes, to write XSD paths the same way as schematron locations.
_PREFIXES = {
    ns.INVOICE: "inv",
    ns.APPLICATION_RESPONSE: "apr",
    ns.DESPATCH_ADVICE: "desp",
    ns.RECEIPT_ADVICE: "recp",
    ns.CAC: "cac",
    ns.CBC: "cbc",
    ns.EXT: "ext",
    ns.DS: "ds",
    ns.XADES: "xades",
    SBDH: "sh",
    "http://www.efatura.gov.tr/package-namespace": "ef",
}


@dataclass(frozen=True)
class Problem:
    """One reason a document is not accepted."""

    source: str  # "xsd" | "schematron"
    message: str  # Turkish; for the schematron GİB's own text
    location: str  # XPath of the element (XSD: with the line number)
    rule: str = ""  # schematron: the GİB rule (abstract rule id); XSD: libxml2's error type

    def __str__(self) -> str:
        where = f" [{self.location}]" if self.location else ""
        rule = f" ({self.rule})" if self.rule else ""
        return f"{self.source.upper()}{rule}: {self.message}{where}"


@dataclass
class ValidationReport:
    problems: list[Problem] = field(default_factory=list)
    # "invoice" | "envelope" | "application-response" | "despatch-advice" | "receipt-advice"
    document: str = ""
    earchive: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems

    def by_source(self, source: str) -> list[Problem]:
        return [p for p in self.problems if p.source == source]

    def to_json(self) -> dict:
        return {
            "ok": self.ok,
            "document": self.document,
            "earchive": self.earchive,
            "problems": [asdict(p) for p in self.problems],
        }

    def to_json_text(self) -> str:
        return json.dumps(self.to_json(), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------------------------------------


def _short_path(path: str | None) -> str:
    """lxml gives ``/*/*[3]``-like or Clark paths; rewrite Clark names with GİB's prefixes."""
    if not path:
        return ""

    def repl(m: re.Match) -> str:
        uri, local = m.group(1), m.group(2)
        prefix = _PREFIXES.get(uri)
        return f"{prefix}:{local}" if prefix else f"*:{local}"

    return re.sub(r"\{([^}]*)\}([\w.-]+)", repl, path)


def _xsd_problems(schema: etree.XMLSchema, tree: etree._ElementTree) -> list[Problem]:
    if schema.validate(tree):
        return []
    problems = []
    for err in schema.error_log:
        message = _short_path(err.message)
        location = _short_path(err.path)
        if err.line:
            location = f"{location} (satır {err.line})" if location else f"satır {err.line}"
        problems.append(
            Problem(
                source="xsd",
                message=f"XML şemasına uymuyor: {message}",
                location=location,
                rule=err.type_name,
            )
        )
    return problems


def _as_tree(xml: bytes | etree._ElementTree | etree._Element) -> tuple[etree._ElementTree, str]:
    """The lxml tree and the same document as text for Saxon (parsed once by each)."""
    if isinstance(xml, bytes | bytearray):
        data = bytes(xml)
        tree = parse_bytes(data)
        enc = (tree.docinfo.encoding or "UTF-8").lower().replace("_", "-")
        if enc in ("utf-8", "utf8"):
            try:
                return tree, data.decode("utf-8-sig")
            except UnicodeDecodeError as exc:  # lxml was lenient; tell the user plainly
                raise UserError(f"Dosya geçerli UTF-8 değil: {exc}") from exc
        return tree, etree.tostring(tree.getroot(), encoding="unicode")
    if isinstance(xml, etree._Element):
        xml = xml.getroottree()
    if isinstance(xml, etree._ElementTree):
        # Only the root element goes to Saxon: no DOCTYPE, nothing to resolve.
        return xml, etree.tostring(xml.getroot(), encoding="unicode")
    raise TypeError(f"validate() expects bytes or an lxml tree, not {type(xml).__name__}")


def _root_problem(root: etree._Element, expected: str, what: str) -> Problem:
    qn = etree.QName(root)
    return Problem(
        source="xsd",
        message=(
            f"Belge bir {what} değil: kök eleman '{qn.localname}' "
            f"({qn.namespace or 'ad alanı yok'}); beklenen '{expected}'."
        ),
        location=f"/{_short_path(root.tag)}",
        rule="ROOT_ELEMENT",
    )


def _without_declaration(doc: bytes) -> bytes:
    """The document as an envelope holds it: without a BOM and an XML declaration."""
    doc = doc.removeprefix(b"\xef\xbb\xbf")
    if doc.startswith(b"<?xml"):
        end = doc.find(b"?>")
        if end > 0:
            return doc[end + 2:].lstrip()
    return doc


# The e-İrsaliye documents: root element → (report's document, its XSD in RulesStore, the
# Turkish name for "not a …" messages).
DESPATCH_DOCUMENTS: dict[str, tuple[str, str, str]] = {
    ns.q(ns.DESPATCH_ADVICE, "DespatchAdvice"): (
        "despatch-advice", "despatch_advice_xsd", "e-İrsaliye (DespatchAdvice)"),
    ns.q(ns.RECEIPT_ADVICE, "ReceiptAdvice"): (
        "receipt-advice", "receipt_advice_xsd", "irsaliye yanıtı (ReceiptAdvice)"),
}
_DESPATCH_KINDS = {doc: (tag, xsd, what) for tag, (doc, xsd, what) in DESPATCH_DOCUMENTS.items()}


_STUB_PATHS = (
    f"{{{ns.CBC}}}ProfileID",
    *(f"{{{ns.CAC}}}{party}/{{{ns.CAC}}}Party/{{{ns.CAC}}}PartyIdentification"
      for party in ("AccountingSupplierParty", "AccountingCustomerParty", "BuyerCustomerParty")),
)


def _stub(invoice: etree._Element) -> etree._Element:
    """What the envelope's own rules read from an invoice: its ProfileID and the party
    identifications of supplier, customer and buyer, in the invoice's element order."""
    stub = etree.Element(invoice.tag, nsmap=invoice.nsmap)
    for path in _STUB_PATHS:
        for el in invoice.findall(path):
            parent = stub
            ancestors = []
            node = el.getparent()
            while node is not None and node is not invoice:
                ancestors.append(node.tag)
                node = node.getparent()
            for tag in reversed(ancestors):
                child = parent.find(tag)
                parent = child if child is not None else etree.SubElement(parent, tag)
            parent.append(copy.deepcopy(el))
    return stub


class InvoiceValidator:
    """GİB XSD + schematron validation with everything loaded once.

    Start-up loads the UBL Invoice XSD, and the compiled schematron (compiled now and cached in
    ``rules_dir/cache`` the first time). Envelope and ApplicationResponse XSDs are loaded on
    first use.
    """

    def __init__(self, rules_dir: Path) -> None:
        self.store = RulesStore(Path(rules_dir))
        info = self.store.info()  # RulesMissingError (Turkish) when nothing is installed
        self.set_dir = info.set_dir
        t0 = time.perf_counter()
        self._invoice_xsd = self._load_xsd(self.store.invoice_xsd())
        t1 = time.perf_counter()
        xslt, self.schematron_cache_path, self.compiled_now = load_or_compile(
            self.store.schematron_main(), self.store.cache_dir
        )
        t2 = time.perf_counter()
        self._schematron = compiled_schematron(xslt)
        t3 = time.perf_counter()
        self.startup_timings = {
            "xsd_load": t1 - t0,
            "schematron_compile_or_cache": t2 - t1,
            "saxon_compile": t3 - t2,
        }
        self._lock = threading.RLock()
        self._extra_xsd: dict[str, etree.XMLSchema] = {}
        # (SHA-256 of the exact bytes, the day of the check) of invoices that passed here
        self._passed: OrderedDict[tuple[bytes, str], None] = OrderedDict()

    @staticmethod
    def _load_xsd(path: Path) -> etree.XMLSchema:
        try:
            # GİB's own XSDs from the installed rules package, not untrusted input: parsed
            # directly (xs:import/xs:include need lxml's file resolver, which app.xmlsafe
            # does not offer).
            return etree.XMLSchema(etree.parse(str(path)))
        except (OSError, etree.XMLSchemaParseError, etree.XMLSyntaxError) as exc:
            raise UserError(
                f"GİB şeması yüklenemedi ({path.name}): {exc}. Kural paketlerini yeniden "
                "kurun: 'tezgah rules install --from KLASÖR'."
            ) from exc

    def _xsd(self, key: str) -> etree.XMLSchema:
        schema = self._extra_xsd.get(key)
        if schema is None:
            path = {
                "envelope": self.store.envelope_xsd,
                "application-response": self.store.application_response_xsd,
                "despatch-advice": self.store.despatch_advice_xsd,
                "receipt-advice": self.store.receipt_advice_xsd,
            }[key]()
            schema = self._extra_xsd[key] = self._load_xsd(path)
        return schema

    def _schematron_problems(self, text: str, doc_type: str) -> list[Problem]:
        node = self._schematron.parse(text)
        return [
            Problem(
                source="schematron",
                message=r.message,
                location=r.location,
                rule=r.rule_id or r.context,
            )
            for r in self._schematron.run(node, doc_type=doc_type)
        ]

    # Public ------------------------------------------------------------------------------

    def validate(
        self, xml: bytes | etree._ElementTree, *, earchive: bool | None = None
    ) -> ValidationReport:
        """XSD (UBL-Invoice-2.1.xsd) then GİB schematron. ``earchive=None`` decides from
        ``cbc:ProfileID`` (EARSIVFATURA → the schematron's ``type`` is ``earchive``)."""
        tree, text = _as_tree(xml)
        root = tree.getroot()
        if root.tag != ns.q(ns.INVOICE, "Invoice"):
            return ValidationReport([_root_problem(root, "Invoice", "UBL-TR faturası")], "invoice")
        if earchive is None:
            earchive = root.findtext(ns.q(ns.CBC, "ProfileID"), "").strip() == "EARSIVFATURA"
        with self._lock:
            problems = _xsd_problems(self._invoice_xsd, tree)
            problems += self._schematron_problems(text, "earchive" if earchive else "efatura")
            if not problems and not earchive and isinstance(xml, bytes | bytearray):
                self._remember_passed(bytes(xml))
        return ValidationReport(problems, "invoice", bool(earchive))

    def _passed_key(self, data: bytes) -> tuple[bytes, str]:
        # the day counts: some rules compare dates with today
        return hashlib.sha256(data).digest(), clock.today().isoformat()

    def _remember_passed(self, data: bytes) -> None:
        self._passed[self._passed_key(data)] = None
        while len(self._passed) > PASSED_MEMORY:
            self._passed.popitem(last=False)

    def validate_envelope(self, xml: bytes | etree._ElementTree, *,
                          documents: Sequence[bytes] = ()) -> ValidationReport:
        """An SBDH envelope (zarf): ``PackageProxy_1_2.xsd`` and the schematron (which has rules
        for the header, the package and the documents inside it).

        ``documents``: for an envelope Tezgâh has just built, the exact bytes it holds, in
        order. An invoice among them that already passed this validator today (as issued) is
        not run through the invoice rules a second time: the XSD still checks the whole
        envelope, and the schematron runs over the envelope with such an invoice cut down to
        what the envelope's own rules read (its ProfileID and party identifications), keeping
        what those rules say (``ENVELOPE_DEPENDENT_RULES``). Anything else — a document not
        found verbatim, a count that differs, an envelope from elsewhere — gets the full
        check."""
        tree, text = _as_tree(xml)
        root = tree.getroot()
        if root.tag != f"{{{SBDH}}}StandardBusinessDocument":
            return ValidationReport(
                [_root_problem(root, "StandardBusinessDocument", "e-Fatura zarfı")], "envelope"
            )
        with self._lock:
            problems = _xsd_problems(self._xsd("envelope"), tree)
            stubbed: set[int] = set()
            if documents and isinstance(xml, bytes | bytearray):
                skeleton, stubbed = self._skeleton(bytes(xml), tree, documents)
                if stubbed:
                    text = etree.tostring(skeleton, encoding="unicode")
            found = self._schematron_problems(text, "efatura")
            if stubbed:
                found = [p for p in found if p.rule in ENVELOPE_DEPENDENT_RULES
                         or not (m := _STUBBED_AT.search(p.location))
                         or int(m.group(1)) not in stubbed]
            problems += found
        return ValidationReport(problems, "envelope")

    def _skeleton(self, data: bytes, tree: etree._ElementTree,
                  documents: Sequence[bytes]) -> tuple[etree._Element, set[int]]:
        """The envelope with each invoice of ``documents`` that passed here today replaced by
        a stub, and the 1-based positions of the stubs (none: check it all). ``tree`` was
        parsed here from ``data`` and its XSD check is done: it is cut down in place."""
        invoices = tree.getroot().findall(f".//ElementList/{{{ns.INVOICE}}}Invoice")
        if len(invoices) != len(documents):
            return tree.getroot(), set()
        positions: set[int] = set()
        at = 0
        for index, doc in enumerate(documents, start=1):
            body = _without_declaration(doc)
            found = data.find(body, at)
            if found < 0:
                return tree.getroot(), set()
            at = found + len(body)
            if self._passed_key(doc) in self._passed:
                positions.add(index)
        if not positions:
            return tree.getroot(), set()
        for index in positions:
            full = invoices[index - 1]
            full.getparent().replace(full, _stub(full))
        return tree.getroot(), positions

    def validate_application_response(self, xml: bytes | etree._ElementTree) -> ValidationReport:
        """A UBL ApplicationResponse (uygulama yanıtı): its XSD and the schematron."""
        tree, text = _as_tree(xml)
        root = tree.getroot()
        if root.tag != ns.q(ns.APPLICATION_RESPONSE, "ApplicationResponse"):
            return ValidationReport(
                [_root_problem(root, "ApplicationResponse", "uygulama yanıtı")],
                "application-response",
            )
        with self._lock:
            problems = _xsd_problems(self._xsd("application-response"), tree)
            problems += self._schematron_problems(text, "efatura")
        return ValidationReport(problems, "application-response")

    def validate_despatch_advice(self, xml: bytes | etree._ElementTree) -> ValidationReport:
        """An e-İrsaliye (DespatchAdvice): ``UBL-DespatchAdvice-2.1.xsd`` and the schematron
        (its ``despatchadvice`` pattern; ``type`` efatura, which is what makes
        ProfileIDTypeDespatchAdvice check the profile)."""
        return self._validate_despatch_kind(xml, "despatch-advice")

    def validate_receipt_advice(self, xml: bytes | etree._ElementTree) -> ValidationReport:
        """An irsaliye yanıtı (ReceiptAdvice): ``UBL-ReceiptAdvice-2.1.xsd`` and the
        schematron (its ``receiptadvice`` pattern)."""
        return self._validate_despatch_kind(xml, "receipt-advice")

    def _validate_despatch_kind(self, xml: bytes | etree._ElementTree,
                                document: str) -> ValidationReport:
        tag, _, what = _DESPATCH_KINDS[document]
        tree, text = _as_tree(xml)
        root = tree.getroot()
        if root.tag != tag:
            return ValidationReport(
                [_root_problem(root, etree.QName(tag).localname, what)], document)
        with self._lock:
            problems = _xsd_problems(self._xsd(document), tree)
            problems += self._schematron_problems(text, "efatura")
        return ValidationReport(problems, document)

    def document_xsd_problems(self, xml: bytes | etree._ElementTree) -> list[Problem]:
        """Only the XSD of one document inside an envelope (Invoice or ApplicationResponse,
        from its root): the envelope's schematron already ran over the documents it holds,
        its XSD does not look inside ``ElementList``."""
        tree, _ = _as_tree(xml)
        root = tree.getroot()
        if root.tag == ns.q(ns.APPLICATION_RESPONSE, "ApplicationResponse"):
            schema = self._xsd("application-response")
        elif root.tag in DESPATCH_DOCUMENTS:
            schema = self._xsd(DESPATCH_DOCUMENTS[root.tag][0])
        elif root.tag == ns.q(ns.INVOICE, "Invoice"):
            schema = self._invoice_xsd
        else:
            return [_root_problem(root, "Invoice", "UBL-TR belgesi")]
        with self._lock:
            return _xsd_problems(schema, tree)

    def validate_any(
        self, xml: bytes | etree._ElementTree, *, earchive: bool | None = None
    ) -> ValidationReport:
        """Pick the check from the root element: envelope, ApplicationResponse,
        DespatchAdvice, ReceiptAdvice or invoice."""
        tree, _ = _as_tree(xml) if isinstance(xml, bytes | bytearray) else (xml, "")
        tag = tree.getroot().tag if isinstance(tree, etree._ElementTree) else tree.tag
        if tag == f"{{{SBDH}}}StandardBusinessDocument":
            return self.validate_envelope(tree)
        if tag == ns.q(ns.APPLICATION_RESPONSE, "ApplicationResponse"):
            return self.validate_application_response(tree)
        if tag in DESPATCH_DOCUMENTS:
            return self._validate_despatch_kind(tree, DESPATCH_DOCUMENTS[tag][0])
        return self.validate(tree, earchive=earchive)


_validators: dict[tuple[Path, Path], InvoiceValidator] = {}
_validators_lock = threading.Lock()


def get_validator(rules_dir: Path) -> InvoiceValidator:
    """One validator per rules directory (and installed rule set) per process."""
    rules_dir = Path(rules_dir).resolve()
    set_dir = RulesStore(rules_dir).info().set_dir
    key = (rules_dir, set_dir)
    with _validators_lock:
        validator = _validators.get(key)
        if validator is None:
            validator = InvoiceValidator(rules_dir)
            for old in [k for k in _validators if k[0] == rules_dir]:
                del _validators[old]
            _validators[key] = validator
        return validator
