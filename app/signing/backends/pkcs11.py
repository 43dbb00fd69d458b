"""The real signer: a smart card / USB token through its PKCS#11 module (PyKCS11).

One ``open_pkcs11`` block = one module load, one session, one login; every ``sign`` in
the block reuses them (batch signing). The PIN is handed to ``C_Login`` and dropped; it is
never stored, logged or put into an exception.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import PyKCS11
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from PyKCS11 import PyKCS11Error

from app.domain.errors import CancelledError
from app.signing.certinfo import CertificateInfo, describe, is_test_certificate
from app.signing.checks import check_usable
from app.signing.ecsig import hash_for_curve
from app.signing.errors import (
    CertificateNotFoundError,
    CertificateOwnerMismatchError,
    ModuleMissingError,
    PinLockedError,
    SignatureFailedError,
    TokenNotFoundError,
    WrongPinError,
)
from app.signing.module_arch import module_problem
from app.signing.signer import KeyType, PinHandler

log = logging.getLogger("tezgah.signing")


def _ckr(code: object) -> str:
    """``CKR_PIN_INCORRECT (0xA0)`` for a PKCS#11 return code."""
    name = PyKCS11.CKR.get(code, "CKR_?") if isinstance(code, int) else "CKR_?"
    return f"{name} (0x{code:X})" if isinstance(code, int) else str(code)


# DER prefix of a DigestInfo for SHA-256 (RFC 8017 §9.2 note 1), for cards that only offer
# raw CKM_RSA_PKCS and not CKM_SHA256_RSA_PKCS.
SHA256_DIGEST_INFO = bytes.fromhex("3031300d060960864801650304020105000420")

_REMOVED = {
    PyKCS11.CKR_DEVICE_REMOVED,
    PyKCS11.CKR_TOKEN_NOT_PRESENT,
    PyKCS11.CKR_TOKEN_NOT_RECOGNIZED,
    PyKCS11.CKR_SESSION_HANDLE_INVALID,
    PyKCS11.CKR_SESSION_CLOSED,
    PyKCS11.CKR_DEVICE_ERROR,
    PyKCS11.CKR_SLOT_ID_INVALID,
}

# Every PyKCS11 call of the process goes through this lock: modules are initialised without
# a locking promise (C_Initialize(NULL)), so two threads (the GUI issuing, the outbox signing
# a response) must not talk to a module at the same moment. It is never held while the user
# types a PIN.
TOKEN_IO = threading.RLock()
# PKCS#11 login state belongs to the application, not the session: open blocks on the same
# token share one login, and only the last one to close logs out.
_OPEN_LOGINS: dict[tuple[str, int], int] = {}

CARD_REMOVED_MSG = (
    "Akıllı kart / USB imza cihazı çıkarılmış, değiştirilmiş ya da erişilemiyor. Kartı takıp "
    "yeniden deneyin."
)
# During signing, a key handle that stopped being valid means the card went away (or another
# card was put in): SoftHSM reports a deleted token this way, cards CKR_DEVICE_REMOVED.
_GONE_DURING_SIGN = _REMOVED | {PyKCS11.CKR_KEY_HANDLE_INVALID, PyKCS11.CKR_OBJECT_HANDLE_INVALID}


def pin_warning(flags: int) -> str | None:
    """Turkish warning from the token's PIN flags (PKCS#11 v2.40 §5.5, CK_TOKEN_INFO)."""
    if flags & PyKCS11.CKF_USER_PIN_FINAL_TRY:
        return "Dikkat: SON deneme hakkınız kaldı. Bir kez daha yanlış PIN girilirse kart kilitlenir."
    if flags & PyKCS11.CKF_USER_PIN_COUNT_LOW:
        return (
            "Dikkat: bu karta daha önce yanlış PIN girilmiş; kalan deneme hakkınız azaldı. "
            "Kart birkaç yanlış denemeden sonra kilitlenir."
        )
    return None


def _locked_message(label: str) -> str:
    return (
        f"'{label}' kartının PIN'i bloke olmuş (çok sayıda yanlış deneme). Kartı PUK koduyla ya da "
        "kartı veren kurumun (ör. Kamu SM) aracıyla açtırmanız gerekir; Tezgâh bu kartla imza atamaz."
    )


def _clean(text: str) -> str:
    return text.replace("\x00", "").strip()


@dataclass
class TokenCertificate:
    id_hex: str
    label: str
    certificate: x509.Certificate
    info: CertificateInfo


@dataclass
class TokenDescription:
    slot_id: int
    slot_description: str
    token_present: bool
    label: str = ""
    manufacturer: str = ""
    model: str = ""
    serial: str = ""
    flags: int = 0
    certificates: list[TokenCertificate] = field(default_factory=list)

    @property
    def initialized(self) -> bool:
        return bool(self.flags & PyKCS11.CKF_TOKEN_INITIALIZED)

    @property
    def pin_locked(self) -> bool:
        return bool(self.flags & PyKCS11.CKF_USER_PIN_LOCKED)

    @property
    def pin_warning(self) -> str | None:
        return pin_warning(self.flags)

    @property
    def description(self) -> str:
        return f"{self.label} ({self.manufacturer} {self.model}, seri no {self.serial})".strip()


def load_module(module_path: str) -> PyKCS11.PyKCS11Lib:
    path = Path(module_path)
    if not path.exists():
        raise ModuleMissingError(
            f"Akıllı kart sürücüsü (PKCS#11 modülü) bulunamadı: {module_path}. Kartınızın "
            "sürücüsünü (ör. AKİS, SafeNet) kurun ya da doğru dosya yolunu verin "
            "(`tezgah token list` kurulu sürücüleri arar)."
        )
    # The header first: a driver of the other width (or not a library at all) is explained
    # in words the user can act on instead of the loader's own error.
    problem = module_problem(path)
    if problem is not None:
        log.warning("PKCS#11 modülü yüklenmedi: %s: %s", path, problem)
        raise ModuleMissingError(f"Akıllı kart sürücüsü yüklenemedi. {problem}")
    try:
        with TOKEN_IO:
            lib = PyKCS11.PyKCS11Lib().load(str(path))
        log.info("PKCS#11 modülü yüklendi: %s", path)
        return lib
    except PyKCS11Error as exc:
        log.warning("PKCS#11 modülü yüklenemedi: %s: %s", path, _ckr(exc.value))
        raise ModuleMissingError(
            f"Akıllı kart sürücüsü yüklenemedi: {module_path} ({exc}). Dosya bir PKCS#11 modülü "
            "(kart sürücüsü) olmayabilir ya da kurulumu eksik olabilir; kartınızın üreticisinin "
            "sürücü paketini yeniden kurun."
        ) from exc


def _read_certificates(session: PyKCS11.Session) -> list[TokenCertificate]:
    out: list[TokenCertificate] = []
    handles = session.findObjects(
        [
            (PyKCS11.CKA_CLASS, PyKCS11.CKO_CERTIFICATE),
            (PyKCS11.CKA_CERTIFICATE_TYPE, PyKCS11.CKC_X_509),
        ]
    )
    for h in handles:
        value, cid, label = session.getAttributeValue(
            h, [PyKCS11.CKA_VALUE, PyKCS11.CKA_ID, PyKCS11.CKA_LABEL], allAsBinary=True
        )
        try:
            cert = x509.load_der_x509_certificate(bytes(value))
        except ValueError:
            continue
        out.append(
            TokenCertificate(
                id_hex=bytes(cid or b"").hex(),
                label=bytes(label or b"").decode("utf-8", "replace"),
                certificate=cert,
                info=describe(cert),
            )
        )
    return out


def _describe_slot(lib: PyKCS11.PyKCS11Lib, slot: int, with_certs: bool) -> TokenDescription:
    sinfo = lib.getSlotInfo(slot)
    present = bool(sinfo.flags & PyKCS11.CKF_TOKEN_PRESENT)
    desc = TokenDescription(slot, _clean(sinfo.slotDescription), present)
    if not present:
        return desc
    tinfo = lib.getTokenInfo(slot)
    desc.label = _clean(tinfo.label)
    desc.manufacturer = _clean(tinfo.manufacturerID)
    desc.model = _clean(tinfo.model)
    desc.serial = _clean(tinfo.serialNumber)
    desc.flags = int(tinfo.flags)
    if with_certs and desc.flags & PyKCS11.CKF_TOKEN_INITIALIZED:
        session = lib.openSession(slot, PyKCS11.CKF_SERIAL_SESSION)
        try:
            desc.certificates = _read_certificates(session)
        finally:
            session.closeSession()
    return desc


def list_tokens(module_path: str) -> list[TokenDescription]:
    """Every slot of the module with its token and the certificates readable without PIN."""
    lib = load_module(module_path)
    try:
        try:
            with TOKEN_IO:
                return [_describe_slot(lib, s, True) for s in lib.getSlotList(tokenPresent=False)]
        except PyKCS11Error as exc:
            if exc.value in _REMOVED:
                raise TokenNotFoundError(CARD_REMOVED_MSG) from exc
            raise
    finally:
        with TOKEN_IO:
            lib.unload()


def _choose_certificate(
    certs: list[TokenCertificate], cert_id_hex: str | None, expected: str | None, label: str
) -> TokenCertificate:
    if cert_id_hex:
        for c in certs:
            if c.id_hex.lower() == cert_id_hex.lower():
                return c
        raise CertificateNotFoundError(
            f"'{label}' kartında {cert_id_hex} kimlikli sertifika yok. "
            "`tezgah token list` ile karttaki sertifikaları görün."
        )
    usable = [c for c in certs if c.info.can_sign]
    if not usable:
        raise CertificateNotFoundError(
            f"'{label}' kartında imza atmaya uygun bir sertifika bulunamadı."
        )
    if expected:
        mine = [c for c in usable if c.info.vkn_tckn == expected]
        if not mine:
            found = ", ".join(sorted({c.info.vkn_tckn or "yok" for c in usable}))
            raise CertificateOwnerMismatchError(
                f"'{label}' kartındaki sertifika(lar) bu firmaya ait değil: kartta VKN/TCKN "
                f"{found}, firmanın VKN/TCKN'si {expected}. Firmanın mali mühürünü ya da "
                "e-imzasını takın."
            )
        usable = mine
    # Prefer a currently valid certificate, then RSA (XADES-NOTES: some Turkish verifiers
    # reject ECDSA), then the one valid longest.
    usable.sort(
        key=lambda c: (
            c.info.validity_problem() is None,
            c.info.key_type == "RSA",
            c.info.not_after,
        ),
        reverse=True,
    )
    return usable[0]


def _keys_by_public_key(session: PyKCS11.Session, cert: x509.Certificate) -> list:
    """Private keys whose RSA modulus is the certificate's, for cards whose key and
    certificate objects do not share a CKA_ID."""
    pub = cert.public_key()
    if not isinstance(pub, rsa.RSAPublicKey):
        return []
    n = pub.public_numbers().n
    found = []
    for h in session.findObjects([(PyKCS11.CKA_CLASS, PyKCS11.CKO_PRIVATE_KEY)]):
        try:
            (modulus,) = session.getAttributeValue(h, [PyKCS11.CKA_MODULUS], allAsBinary=True)
        except PyKCS11Error:
            continue
        if modulus and int.from_bytes(bytes(modulus), "big") == n:
            found.append(h)
    return found


class Pkcs11Signer:
    """Signs on the token with the private key whose CKA_ID matches the certificate's."""

    def __init__(
        self,
        session: PyKCS11.Session,
        key_handle: PyKCS11.CK_OBJECT_HANDLE,
        chosen: TokenCertificate,
        mechanisms: set[str],
    ) -> None:
        self._session = session
        self._key = key_handle
        self._chosen = chosen
        self._der = chosen.certificate.public_bytes(Encoding.DER)
        self._key_type: KeyType = "RSA" if chosen.info.key_type == "RSA" else "EC"
        self._ec_hash = "sha256"
        if self._key_type == "RSA":
            self._prehash = "CKM_SHA256_RSA_PKCS" not in mechanisms
            self._mech = PyKCS11.Mechanism(
                PyKCS11.CKM_RSA_PKCS if self._prehash else PyKCS11.CKM_SHA256_RSA_PKCS, None
            )
        else:
            # CKM_ECDSA over our digest (SHA-384 for P-384, ecsig.hash_for_curve) works on
            # every card; the result is raw r||s (PKCS#11 v2.40 §2.3.1), XMLDSig's form.
            self._prehash = True
            self._mech = PyKCS11.Mechanism(PyKCS11.CKM_ECDSA, None)
            pub = chosen.certificate.public_key()
            if isinstance(pub, ec.EllipticCurvePublicKey):
                self._ec_hash = hash_for_curve(pub.curve).name

    @property
    def certificate(self) -> x509.Certificate:
        return self._chosen.certificate

    @property
    def certificate_der(self) -> bytes:
        return self._der

    @property
    def key_type(self) -> KeyType:
        return self._key_type

    @property
    def is_test(self) -> bool:
        return is_test_certificate(self._chosen.certificate)

    @property
    def cert_id_hex(self) -> str:
        return self._chosen.id_hex

    def sign(self, data: bytes) -> bytes:
        if self._prehash:
            if self._key_type == "RSA":
                payload = SHA256_DIGEST_INFO + hashlib.sha256(data).digest()
            else:
                payload = hashlib.new(self._ec_hash, data).digest()
        else:
            payload = data
        with TOKEN_IO:
            try:
                return bytes(self._session.sign(self._key, payload, self._mech))
            except PyKCS11Error as exc:
                log.warning("PKCS#11 C_Sign: %s", _ckr(exc.value))
                if exc.value in _GONE_DURING_SIGN:
                    raise TokenNotFoundError(CARD_REMOVED_MSG) from exc
                raise SignatureFailedError(
                    f"Kart imza atamadı ({exc}). Kartı çıkarıp takın ve yeniden deneyin."
                ) from exc


def _login(
    lib: PyKCS11.PyKCS11Lib,
    slot: int,
    session: PyKCS11.Session,
    label: str,
    description: str,
    secret: str | None,
    pin_handler: PinHandler | None,
) -> bool:
    """One C_Login; with a PinHandler the user may try again after a wrong PIN.

    Returns False when the token was already logged in by another open block of this
    process (PKCS#11 login state is per application).
    """
    while True:
        with TOKEN_IO:
            flags = int(lib.getTokenInfo(slot).flags)
        if flags & PyKCS11.CKF_USER_PIN_LOCKED:
            raise PinLockedError(_locked_message(label))
        warning = pin_warning(flags)
        if secret is not None and flags & PyKCS11.CKF_USER_PIN_FINAL_TRY:
            # A PIN handed over without asking (environment variable, stored by a script) is
            # not risked on the last try: if it were wrong the card would lock.
            raise WrongPinError(
                f"'{label}' kartında yalnızca SON bir PIN deneme hakkı kaldı; kart kilitlenmesin "
                "diye verilen PIN denenmedi. PIN'i uyarıyı görerek elle girin (terminalde "
                "--pin-env olmadan ya da uygulama penceresinden).",
                warning=warning,
            )
        pin = secret
        if pin is None:
            if pin_handler is None:
                raise WrongPinError(f"'{label}' kartı için PIN verilmedi.", warning=warning)
            pin = pin_handler.ask_pin(description, warning)
            if pin is None:
                raise CancelledError()
        try:
            with TOKEN_IO:
                session.login(pin)
            log.info("PKCS#11 C_Login, kart %r: CKR_OK", label)
            return True
        except PyKCS11Error as exc:
            code = exc.value
            log.info("PKCS#11 C_Login, kart %r: %s", label, _ckr(code))
            if code == PyKCS11.CKR_USER_ALREADY_LOGGED_IN:
                return False
            if code == PyKCS11.CKR_PIN_LOCKED:
                raise PinLockedError(_locked_message(label)) from None
            if code in _REMOVED:
                raise TokenNotFoundError(CARD_REMOVED_MSG) from None
            if code not in (PyKCS11.CKR_PIN_INCORRECT, PyKCS11.CKR_PIN_LEN_RANGE,
                            PyKCS11.CKR_PIN_INVALID):
                raise SignatureFailedError(
                    f"'{label}' kartına giriş yapılamadı ({PyKCS11.CKR.get(code, code)})."
                ) from None
            with TOKEN_IO:
                after = int(lib.getTokenInfo(slot).flags)
            if after & PyKCS11.CKF_USER_PIN_LOCKED:
                raise PinLockedError(_locked_message(label)) from None
            warn_after = pin_warning(after)
            if secret is not None or pin_handler is None:
                msg = f"'{label}' kartının PIN'i yanlış. İmza atılmadı."
                if warn_after:
                    msg += " " + warn_after
                raise WrongPinError(msg, warning=warn_after) from None
            # Ask again through the handler; it shows the new warning.
        finally:
            pin = None


@contextlib.contextmanager
def open_pkcs11(
    module_path: str,
    token_label: str | None,
    cert_id_hex: str | None,
    secret: str | None,
    pin_handler: PinHandler | None,
    expected_vkn_tckn: str | None,
) -> Iterator[Pkcs11Signer]:
    lib = load_module(module_path)
    session: PyKCS11.Session | None = None
    login_key: tuple[str, int] | None = None
    try:
        with TOKEN_IO:
            session, token, chosen = _select(lib, token_label, cert_id_hex, expected_vkn_tckn)
        log.info("PKCS#11: modül %s, yuva %s, kart %r, sertifika kimliği %s", module_path,
                 token.slot_id, token.label, chosen.id_hex)
        check_usable(chosen.certificate, expected_vkn_tckn)
        _login(lib, token.slot_id, session, token.label, token.description, secret, pin_handler)
        login_key = (str(module_path), token.slot_id)
        with TOKEN_IO:
            _OPEN_LOGINS[login_key] = _OPEN_LOGINS.get(login_key, 0) + 1
        with TOKEN_IO:
            keys = session.findObjects(
                [
                    (PyKCS11.CKA_CLASS, PyKCS11.CKO_PRIVATE_KEY),
                    (PyKCS11.CKA_ID, bytes.fromhex(chosen.id_hex)),
                ]
            )
            if not keys:
                keys = _keys_by_public_key(session, chosen.certificate)
            mechanisms = set(lib.getMechanismList(token.slot_id))
        if not keys:
            raise CertificateNotFoundError(
                f"'{token.label}' kartında sertifikanın ({chosen.info.display_name}) özel "
                "anahtarı bulunamadı."
            )
        yield Pkcs11Signer(session, keys[0], chosen, mechanisms)
    except PyKCS11Error as exc:
        log.warning("PKCS#11: %s", _ckr(exc.value))
        if exc.value in _REMOVED:
            raise TokenNotFoundError(CARD_REMOVED_MSG) from exc
        raise SignatureFailedError(f"Akıllı kartla iletişimde hata: {exc}") from exc
    finally:
        with TOKEN_IO:
            if login_key is not None:
                _OPEN_LOGINS[login_key] -= 1
                if _OPEN_LOGINS[login_key] == 0:
                    del _OPEN_LOGINS[login_key]
                    with contextlib.suppress(PyKCS11Error):
                        session.logout()
            if session is not None:
                with contextlib.suppress(PyKCS11Error):
                    session.closeSession()
            lib.unload()


def _select(
    lib: PyKCS11.PyKCS11Lib,
    token_label: str | None,
    cert_id_hex: str | None,
    expected_vkn_tckn: str | None,
) -> tuple[PyKCS11.Session, TokenDescription, TokenCertificate]:
    """The token and certificate to sign with, and an open (not logged-in) session on it."""
    try:
        slots = lib.getSlotList(tokenPresent=True)
    except PyKCS11Error as exc:
        raise TokenNotFoundError(CARD_REMOVED_MSG) from exc
    tokens = [_describe_slot(lib, s, False) for s in slots]
    tokens = [t for t in tokens if t.flags & PyKCS11.CKF_TOKEN_INITIALIZED]
    if not tokens:
        raise TokenNotFoundError(
            "Takılı bir akıllı kart / USB imza cihazı bulunamadı. Kartı takın; kart okuyucu "
            "kullanıyorsanız kartın doğru yerleştiğini kontrol edin."
        )
    if token_label:
        named = [t for t in tokens if t.label == token_label]
        if not named:
            seen = ", ".join(repr(t.label) for t in tokens)
            raise TokenNotFoundError(
                f"'{token_label}' etiketli kart takılı değil (takılı kartlar: {seen}). "
                "Doğru kartı takın ya da imzalayıcı ayarını güncelleyin."
            )
        tokens = named
    # Pick the token holding the wanted certificate (several readers may be in use).
    session: PyKCS11.Session | None = None
    chosen: TokenCertificate | None = None
    token: TokenDescription | None = None
    first_error: Exception | None = None
    for t in tokens:
        s = lib.openSession(t.slot_id, PyKCS11.CKF_SERIAL_SESSION)
        try:
            certs = _read_certificates(s)
            chosen = _choose_certificate(certs, cert_id_hex, expected_vkn_tckn, t.label)
        except (CertificateNotFoundError, CertificateOwnerMismatchError) as exc:
            first_error = first_error or exc
            s.closeSession()
            continue
        session, token = s, t
        break
    if chosen is None or token is None or session is None:
        assert first_error is not None
        raise first_error
    return session, token, chosen
