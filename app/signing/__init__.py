"""Signing with the business's mali mühür / e-imza: XAdES-BES as GİB expects it, raised to
XAdES-T / XAdES-A with an RFC 3161 time-stamp authority where a report needs it.

Public interface (everything else in this package is internal):

``Signer`` (protocol)
    ``.certificate`` (cryptography ``x509.Certificate``), ``.certificate_der: bytes``,
    ``.key_type`` ("RSA" | "EC"), ``.is_test: bool`` (True for the demo certificate),
    ``.sign(data: bytes) -> bytes`` (SHA-256 signature; EC in XMLDSig ``r||s`` form).

``PinHandler`` (protocol)
    ``ask_pin(token_description: str, warning: str | None) -> str | None`` (None = cancel).

``SignerConfig`` (frozen dataclass)
    ``kind`` ("pkcs11" | "pkcs12"), ``module_path``, ``token_label``, ``cert_id_hex``,
    ``pkcs12_path``. ``load_signer_config(data_dir) -> SignerConfig | None`` and
    ``save_signer_config(data_dir, cfg)`` keep it as JSON in ``app.paths.signer_dir``; it
    never holds a PIN or password.

``open_signer(cfg, secret, *, expected_vkn_tckn=None)``
    Context manager yielding a ``Signer``; one PKCS#11 login per ``with`` block, so a batch
    is many ``sign_invoice`` calls inside one block. ``secret``: PIN / password string, a
    ``PinHandler``, or None (demo certificate only). Raises a ``SigningError`` subclass
    (all ``UserError``, Turkish): ``ModuleMissingError``, ``TokenNotFoundError``,
    ``WrongPinError`` (``.warning`` from CKF_USER_PIN_COUNT_LOW / FINAL_TRY),
    ``PinLockedError``, ``WrongPasswordError``, ``CertificateNotFoundError``,
    ``CertificateExpiredError``, ``CertificateNotYetValidError``,
    ``CertificateOwnerMismatchError``; ``CancelledError`` when the PinHandler returns None.

``sign_invoice(unsigned_xml, signer, *, signing_time=None) -> bytes``
    Input: a UBL-TR document (Invoice, ApplicationResponse …) whose root declares the
    namespaces, with an empty ``ext:UBLExtensions/ext:UBLExtension/ext:ExtensionContent``
    as first child and ``cac:Signature/…/cac:ExternalReference/cbc:URI`` = ``#<Id>``
    (``<Id>`` becomes ``ds:Signature@Id``). Output: the signed bytes, to be stored and sent
    exactly as returned. Raises ``UnsignableDocumentError`` for a document without that shape.

``sign_enveloped(unsigned_xml, signer, *, parent, signature_id, signing_time=None) -> bytes``
    The same XAdES-BES for a document that is not UBL (the e-Arşiv report): the
    ``ds:Signature`` (``Id`` = ``signature_id``) is appended as the last child of the element
    ``parent(root)`` returns (the report's ``baslik``); ``Reference URI=""`` with the
    enveloped-signature transform and the SignedProperties reference; SigningTime and
    SigningCertificate like the invoice's; inclusive C14N 1.0 like the invoice signer (see
    ``app.signing.enveloped``). Raise it to XAdES-T / XAdES-A with ``apply_level``;
    ``verify_document`` checks it (the owner of an ``eArsivRaporu`` is its ``mukellef``).

``verify_document(xml, *, trust=None) -> VerificationResult``
    ``trust``: an ``app.trust.TrustStore`` (anchors, CRLs); None trusts no chain, so nothing
    is ``.valid`` without one. ``.valid`` (intact and trusted), ``.intact`` (values and
    digests hold, whoever signed), ``.trust`` (``app.trust.TrustReport``: the named checks —
    chain, validity at signing time, key usage, signer is the document's owner,
    revocation), ``.signature_value_ok``, ``.document_digest_ok``,
    ``.signed_properties_digest_ok``, ``.cert_digest_ok``, ``.signer_vkn_tckn``,
    ``.signer_name``, ``.signing_time``, ``.problems`` (Turkish), ``.to_dict()``. A GİB
    envelope (``_ZARF``) is opened first; ``verify_all`` gives one result per document.
    ``Verifier`` is the type of such a function (the GİB simulator takes one).

``create_test_certificate(data_dir, vkn_tckn, name) -> SignerConfig``
    Demo PKCS#12 certificate (test CA + mali mühür / e-imza shaped certificate marked TEST)
    in the signer directory; its password is stored beside it (not a real secret). The test
    CA's certificate and CRL are written beside it as ``TEST_CA_FILE`` and ``TEST_CRL_FILE``.

RFC 3161 time-stamps (``app.signing.tsa``):

``TsaConfig(url, username=None, password=None, policy_oid=None, timeout_s=30, ca_file=None)``
    Frozen; where to ask. Credentials go as HTTP Basic (Kamu SM's own customer-number
    scheme is not implemented); the password is never logged nor in ``repr``.

``request_timestamp(sha256_digest, tsa) -> TimeStamp``
    POSTs a ``TimeStampReq`` (SHA-256 imprint, nonce, certReq) through ``app.http`` and
    checks the answer: ``.info`` (``TimeStampInfo``: ``gen_time`` aware Istanbul time,
    ``serial_number``, ``policy``, ``nonce``, ``tsa_certificate``, ``tsa_name`` …),
    ``.token_der`` (CMS token), ``.response_der`` (the whole ``TimeStampResp``). Raises a
    ``TimeStampError`` (a ``SigningError``): ``TsaUnreachableError`` (network, deadline,
    HTTP error), ``TsaRefusedError`` (PKIStatus not granted, credentials refused),
    ``TsaBadAnswerError`` (not a response, too large, wrong nonce / imprint, bad signature,
    signer certificate without the critical timeStamping EKU).

``check_token(token_der, sha256_digest_or_None, *, data=None) -> TimeStampInfo``
    The same checks on a stored token; ``TsaBadAnswerError`` with the reason.

XAdES levels (``app.signing.levels``), on the bytes ``sign_invoice`` returned; everything
but the added unsigned properties stays byte for byte, so the BES signature still verifies:

``apply_level(signed_xml, level, tsa, *, certificates=(), crls=()) -> bytes``
    ``level`` is one of ``LEVELS`` ("BES" | "T" | "A"); "BES" returns the bytes unchanged,
    "T" adds a ``xades:SignatureTimeStamp``, "A" adds it if missing, then XAdES-C
    references (``CompleteCertificateRefs`` to the signer's CA certificates found in
    ``certificates`` — its issuer is required — and ``CompleteRevocationRefs`` to their
    ``crls``), the XAdES-X ``SigAndRefsTimeStamp``, XAdES-X-L ``CertificateValues``
    (signer, TSA and the given ``certificates``) and ``RevocationValues`` (the given
    ``crls``), and a XAdES 1.4.1 ``xadesv141:ArchiveTimeStamp`` (three TSA requests in
    all). A level already reached is left as it is. ``tsa``: a ``TsaConfig`` (None only
    for "BES"). Raises ``UnsignableDocumentError`` (not a XAdES signature, no TSA
    configured, no CA certificate for "A", an insertion point that is not unique) or a
    ``TimeStampError``. Not done: fetching certificates or CRLs (the caller passes them),
    OCSP, renewing an archive time-stamp, explicit (``xades:Include``) coverage.

``add_signature_timestamp(signed_xml, tsa) -> bytes`` and
``add_archive_timestamp(signed_xml, tsa, *, certificates=(), crls=()) -> bytes``
    The two steps of ``apply_level``, one at a time.

``verify_document`` checks these time-stamps too: ``.level`` ("BES" | "T" | "A"),
``.signature_timestamp_ok`` / ``.refs_timestamp_ok`` / ``.archive_timestamp_ok`` (None: no
such time-stamp; XAdES-C references must name certificates / CRLs carried in the values),
``.timestamp_time`` (the signature time-stamp's genTime: the signature's proven time, aware
Istanbul time), ``.timestamp_tsa``, ``.archive_timestamp_time``, ``.timestamp_trusted``
(the TSA certificate chains to ``trust``'s anchors; an untrusted TSA leaves the signature
``.intact`` but not ``.valid``).

``create_test_tsa_identity() -> TestTsaIdentity``
    A test CA and a time-stamping certificate it issued (``.key``, ``.certificate``,
    ``.ca_certificate``, ``.ca_pem()``, ``.certificate_pem()``), for the local test TSA
    (``app.gib.simulator.tsa``).

Also: ``list_tokens(module_path)`` and ``find_modules()`` for choosing a card
(``scan_modules()`` also returns the drivers of the wrong width with ``.problem``;
``module_problem(path)`` is the Turkish reason a file cannot be this process's card driver —
other width, processor or system, not a library — read from its header without loading it;
``driver_folder()`` / ``driver_pattern()`` for a file dialog),
``describe(cert)`` for showing a certificate (VKN/TCKN, name, issuer, validity), and
``TerminalPin(env_var=None)``, the command line's ``PinHandler`` (PIN from the environment
variable, used once, or hidden input repeated after a wrong PIN; prints the card's warning
first). A PIN given as a plain string is never tried when the card reports its final try.
"""

# A lazy facade (PEP 562): each name is imported from its module the first time it is used,
# so signing with a file never loads the card driver (PyKCS11), the time-stamp client
# (asn1crypto) or the verifier (tests/unit/test_cli_imports.py asserts it).

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from app.signing.api import open_signer
    from app.signing.backends.pkcs11 import TokenDescription, list_tokens
    from app.signing.certinfo import KIND_LABEL, CertificateInfo, describe
    from app.signing.config import SignerConfig, load_signer_config, save_signer_config
    from app.signing.discovery import driver_folder, driver_pattern, find_modules, scan_modules
    from app.signing.enveloped import sign_enveloped
    from app.signing.errors import (
        CertificateExpiredError,
        CertificateNotFoundError,
        CertificateNotYetValidError,
        CertificateOwnerMismatchError,
        ModuleMissingError,
        PinLockedError,
        SignatureFailedError,
        SignerNotConfiguredError,
        SigningError,
        TokenNotFoundError,
        UnsignableDocumentError,
        WrongPasswordError,
        WrongPinError,
    )
    from app.signing.levels import (
        LEVELS,
        add_archive_timestamp,
        add_signature_timestamp,
        apply_level,
    )
    from app.signing.module_arch import module_problem
    from app.signing.signer import PinHandler, Signer
    from app.signing.terminal import TerminalPin
    from app.signing.testcert import DEMO_CA as TEST_CA_FILE
    from app.signing.testcert import DEMO_CRL as TEST_CRL_FILE
    from app.signing.testcert import create_test_certificate
    from app.signing.testtsa import TestTsaIdentity, create_test_tsa_identity
    from app.signing.tsa import (
        TimeStamp,
        TimeStampError,
        TimeStampInfo,
        TsaBadAnswerError,
        TsaConfig,
        TsaRefusedError,
        TsaUnreachableError,
        check_token,
        request_timestamp,
    )
    from app.signing.verify import VerificationResult, Verifier, verify_all, verify_document
    from app.signing.xades import sign_invoice

# public name -> (module, name in that module)
_WHERE: dict[str, tuple[str, str]] = {
    "open_signer": ("app.signing.api", "open_signer"),
    "TokenDescription": ("app.signing.backends.pkcs11", "TokenDescription"),
    "list_tokens": ("app.signing.backends.pkcs11", "list_tokens"),
    "CertificateInfo": ("app.signing.certinfo", "CertificateInfo"),
    "KIND_LABEL": ("app.signing.certinfo", "KIND_LABEL"),
    "describe": ("app.signing.certinfo", "describe"),
    "SignerConfig": ("app.signing.config", "SignerConfig"),
    "load_signer_config": ("app.signing.config", "load_signer_config"),
    "save_signer_config": ("app.signing.config", "save_signer_config"),
    "driver_folder": ("app.signing.discovery", "driver_folder"),
    "driver_pattern": ("app.signing.discovery", "driver_pattern"),
    "find_modules": ("app.signing.discovery", "find_modules"),
    "scan_modules": ("app.signing.discovery", "scan_modules"),
    "sign_enveloped": ("app.signing.enveloped", "sign_enveloped"),
    "CertificateExpiredError": ("app.signing.errors", "CertificateExpiredError"),
    "CertificateNotFoundError": ("app.signing.errors", "CertificateNotFoundError"),
    "CertificateNotYetValidError": ("app.signing.errors", "CertificateNotYetValidError"),
    "CertificateOwnerMismatchError": ("app.signing.errors", "CertificateOwnerMismatchError"),
    "ModuleMissingError": ("app.signing.errors", "ModuleMissingError"),
    "PinLockedError": ("app.signing.errors", "PinLockedError"),
    "SignatureFailedError": ("app.signing.errors", "SignatureFailedError"),
    "SignerNotConfiguredError": ("app.signing.errors", "SignerNotConfiguredError"),
    "SigningError": ("app.signing.errors", "SigningError"),
    "TokenNotFoundError": ("app.signing.errors", "TokenNotFoundError"),
    "UnsignableDocumentError": ("app.signing.errors", "UnsignableDocumentError"),
    "WrongPasswordError": ("app.signing.errors", "WrongPasswordError"),
    "WrongPinError": ("app.signing.errors", "WrongPinError"),
    "LEVELS": ("app.signing.levels", "LEVELS"),
    "add_archive_timestamp": ("app.signing.levels", "add_archive_timestamp"),
    "add_signature_timestamp": ("app.signing.levels", "add_signature_timestamp"),
    "apply_level": ("app.signing.levels", "apply_level"),
    "module_problem": ("app.signing.module_arch", "module_problem"),
    "PinHandler": ("app.signing.signer", "PinHandler"),
    "Signer": ("app.signing.signer", "Signer"),
    "TerminalPin": ("app.signing.terminal", "TerminalPin"),
    "TEST_CA_FILE": ("app.signing.testcert", "DEMO_CA"),
    "TEST_CRL_FILE": ("app.signing.testcert", "DEMO_CRL"),
    "create_test_certificate": ("app.signing.testcert", "create_test_certificate"),
    "TestTsaIdentity": ("app.signing.testtsa", "TestTsaIdentity"),
    "create_test_tsa_identity": ("app.signing.testtsa", "create_test_tsa_identity"),
    "TimeStamp": ("app.signing.tsa", "TimeStamp"),
    "TimeStampError": ("app.signing.tsa", "TimeStampError"),
    "TimeStampInfo": ("app.signing.tsa", "TimeStampInfo"),
    "TsaBadAnswerError": ("app.signing.tsa", "TsaBadAnswerError"),
    "TsaConfig": ("app.signing.tsa", "TsaConfig"),
    "TsaRefusedError": ("app.signing.tsa", "TsaRefusedError"),
    "TsaUnreachableError": ("app.signing.tsa", "TsaUnreachableError"),
    "check_token": ("app.signing.tsa", "check_token"),
    "request_timestamp": ("app.signing.tsa", "request_timestamp"),
    "VerificationResult": ("app.signing.verify", "VerificationResult"),
    "Verifier": ("app.signing.verify", "Verifier"),
    "verify_all": ("app.signing.verify", "verify_all"),
    "verify_document": ("app.signing.verify", "verify_document"),
    "sign_invoice": ("app.signing.xades", "sign_invoice"),
}


def __getattr__(name: str) -> Any:
    try:
        module, attr = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), attr)
    globals()[name] = value  # found once; later look-ups are plain module attributes
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


__all__ = [
    "KIND_LABEL",
    "LEVELS",
    "TEST_CA_FILE",
    "TEST_CRL_FILE",
    "CertificateExpiredError",
    "CertificateInfo",
    "CertificateNotFoundError",
    "CertificateNotYetValidError",
    "CertificateOwnerMismatchError",
    "ModuleMissingError",
    "PinHandler",
    "PinLockedError",
    "SignatureFailedError",
    "Signer",
    "SignerConfig",
    "SignerNotConfiguredError",
    "SigningError",
    "TerminalPin",
    "TestTsaIdentity",
    "TimeStamp",
    "TimeStampError",
    "TimeStampInfo",
    "TokenDescription",
    "TokenNotFoundError",
    "TsaBadAnswerError",
    "TsaConfig",
    "TsaRefusedError",
    "TsaUnreachableError",
    "UnsignableDocumentError",
    "VerificationResult",
    "Verifier",
    "WrongPasswordError",
    "WrongPinError",
    "add_archive_timestamp",
    "add_signature_timestamp",
    "apply_level",
    "check_token",
    "create_test_certificate",
    "create_test_tsa_identity",
    "describe",
    "driver_folder",
    "driver_pattern",
    "find_modules",
    "list_tokens",
    "load_signer_config",
    "module_problem",
    "open_signer",
    "request_timestamp",
    "save_signer_config",
    "scan_modules",
    "sign_enveloped",
    "sign_invoice",
    "verify_all",
    "verify_document",
]
