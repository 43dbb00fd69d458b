"""RFC 3161 time-stamp client and the check of a time-stamp token.

``request_timestamp(digest, config)`` sends a ``TimeStampReq`` (SHA-256 message imprint, a
random nonce, ``certReq`` true, the policy if configured) as
``application/timestamp-query`` through ``app.http`` (overall deadline, size cap) and checks
the ``TimeStampResp`` before handing the token out: the status is granted, the nonce and the
imprint are the ones asked for, and the token itself holds (``check_token``).

``check_token(token_der, data_digest)`` is what a verifier runs on a stored token (XAdES-T's
``xades:EncapsulatedTimeStamp``): a CMS ``SignedData`` over a ``TSTInfo`` with exactly one
signer whose certificate is in the token and carries the critical ``id-kp-timeStamping``
extended key usage (RFC 3161 §2.3), content type and ``messageDigest`` signed attributes
that match the ``TSTInfo``, a signature over the signed attributes that verifies with that
certificate's key, the ESS signing-certificate attribute (if present) naming that
certificate, and the imprint equal to the digest of the time-stamped data. Whether the TSA's
certificate chains to a trusted root is the caller's question (``app.trust``).

Failures the user sees are ``TimeStampError`` subclasses (Turkish): ``TsaUnreachableError``
(no connection, deadline, HTTP error status), ``TsaRefusedError`` (the TSA answered with a
PKIStatus that is not granted, or refused the credentials) and ``TsaBadAnswerError`` (not a
time-stamp response, too large, wrong nonce or imprint, a token that does not verify).
The password is never logged nor shown.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import secrets
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import urlsplit

from asn1crypto import cms, parser, tsp
from asn1crypto import x509 as ax509
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509.oid import ExtendedKeyUsageOID

from app import clock
from app.domain.errors import shown
from app.signing.errors import SigningError

log = logging.getLogger("tezgah.signing.tsa")

#: The largest time-stamp response read (a token with a certificate chain is a few KB).
MAX_RESPONSE_BYTES = 256 * 1024
DEFAULT_TIMEOUT_S = 30.0

_HASHES: dict[str, tuple[hashes.HashAlgorithm, object]] = {
    "sha1": (hashes.SHA1(), hashlib.sha1),
    "sha256": (hashes.SHA256(), hashlib.sha256),
    "sha384": (hashes.SHA384(), hashlib.sha384),
    "sha512": (hashes.SHA512(), hashlib.sha512),
}


class TimeStampError(SigningError):
    """A time-stamp could not be obtained or does not hold."""


class TsaUnreachableError(TimeStampError):
    """No answer from the time-stamp authority (network, deadline, HTTP error status)."""


class TsaRefusedError(TimeStampError):
    """The time-stamp authority answered but refused (PKIStatus, credentials)."""


class TsaBadAnswerError(TimeStampError):
    """The answer is not a valid time-stamp for what was asked."""


@dataclass(frozen=True)
class TsaConfig:
    """Where and how to ask for time-stamps.

    ``username`` / ``password`` are sent as HTTP Basic authentication when given. Kamu SM's
    own time-stamp service identifies a customer by a customer number and a header derived
    from the password; that scheme is not implemented here (its wire format is not
    documented to us), which is why the fields exist: a TSA that accepts Basic
    authentication works with them today. ``policy_oid``: the TSA policy to ask for
    (``reqPolicy``), None for the TSA's default. ``ca_file``: a CA to trust for an https
    URL (a test TSA's), as in ``app.http``.
    """

    url: str
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    policy_oid: str | None = None
    timeout_s: float = DEFAULT_TIMEOUT_S
    ca_file: str | None = None

    def __post_init__(self) -> None:
        parts = urlsplit(self.url or "")
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise TimeStampError(
                f"Zaman damgası sunucusunun adresi http:// ya da https:// ile başlayan bir "
                f"adres olmalı; verilen: {shown(self.url)}.", field="tsa_url")
        if parts.username is not None or parts.password is not None:
            # an address is logged; the password must not be
            raise TimeStampError(
                "Zaman damgası sunucusunun adresine kullanıcı adı ya da parola yazmayın; "
                "onları kullanıcı / parola alanlarına girin.", field="tsa_url")
        if not self.timeout_s > 0:
            raise TimeStampError("Zaman damgası için bekleme süresi sıfırdan büyük olmalı.",
                                 field="tsa_timeout")


@dataclass(frozen=True)
class TimeStampInfo:
    """What a verified token proves: ``gen_time`` (aware, Istanbul time), the TSA's
    ``serial_number``, ``policy`` OID, the ``nonce`` (None if absent), the imprint's
    ``hash_algorithm`` and ``digest``, the TSA's certificate and the other certificates the
    token carries (for building its chain)."""

    gen_time: datetime
    serial_number: int
    policy: str
    nonce: int | None
    hash_algorithm: str
    digest: bytes
    tsa_certificate: x509.Certificate
    other_certificates: tuple[x509.Certificate, ...]
    token_der: bytes

    @property
    def tsa_name(self) -> str:
        cn = self.tsa_certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
        return str(cn[0].value) if cn else self.tsa_certificate.subject.rfc4514_string()


@dataclass(frozen=True)
class TimeStamp:
    """A time-stamp obtained from a TSA: the checked ``info``, the token (a DER CMS
    ``ContentInfo``, what XAdES encapsulates) and the whole DER ``TimeStampResp``."""

    info: TimeStampInfo
    token_der: bytes
    response_der: bytes


# -- the request ------------------------------------------------------------------------------


def build_request(digest: bytes, *, nonce: int, policy_oid: str | None = None,
                  hash_algorithm: str = "sha256") -> bytes:
    """DER ``TimeStampReq`` for ``digest`` (``certReq`` true)."""
    fields: dict[str, object] = {
        "version": "v1",
        "message_imprint": {
            "hash_algorithm": {"algorithm": hash_algorithm},
            "hashed_message": digest,
        },
        "nonce": nonce,
        "cert_req": True,
    }
    if policy_oid:
        fields["req_policy"] = policy_oid
    return tsp.TimeStampReq(fields).dump()


def _headers(config: TsaConfig) -> dict[str, str]:
    headers = {"Content-Type": "application/timestamp-query",
               "Accept": "application/timestamp-reply"}
    if config.username is not None or config.password is not None:
        raw = f"{config.username or ''}:{config.password or ''}".encode()
        headers["Authorization"] = "Basic " + base64.b64encode(raw).decode("ascii")
    return headers


def request_timestamp(digest: bytes, config: TsaConfig) -> TimeStamp:
    """Ask ``config``'s TSA to time-stamp a SHA-256 ``digest``; the checked time-stamp."""
    if len(digest) != 32:
        raise ValueError("a SHA-256 digest is 32 bytes")
    from app import http  # loads requests: only when a time-stamp is asked for

    nonce = secrets.randbits(63) | 1
    body = build_request(digest, nonce=nonce, policy_oid=config.policy_oid)
    where = http.host_port(config.url)
    try:
        resp = http.post(config.url, body, _headers(config), timeout=config.timeout_s,
                         max_bytes=MAX_RESPONSE_BYTES, ca_file=config.ca_file)
    except http.HttpError as exc:
        if exc.kind == "too_large":
            raise TsaBadAnswerError(
                f"Zaman damgası sunucusu ({where}) beklenenden büyük bir yanıt gönderdi "
                f"({MAX_RESPONSE_BYTES // 1024} KB'tan büyük); zaman damgası alınamadı."
            ) from exc
        raise TsaUnreachableError(
            f"Zaman damgası sunucusuna ulaşılamadı: {exc.message} Zaman damgası alınamadı; "
            "internet bağlantısını ve zaman damgası adresini denetleyip yeniden deneyin."
        ) from exc
    log.info("zaman damgası isteği %s: HTTP %d, %d bayt", config.url, resp.status, len(resp.body))
    if resp.status in (401, 403):
        raise TsaRefusedError(
            f"Zaman damgası sunucusu ({where}) kimlik bilgilerini kabul etmedi (HTTP "
            f"{resp.status}): kullanıcı / müşteri numarasını ve parolayı denetleyin."
        )
    if resp.status != 200:
        raise TsaUnreachableError(
            f"Zaman damgası sunucusu ({where}) hata ile yanıt verdi (HTTP {resp.status}); "
            "zaman damgası alınamadı. Biraz sonra yeniden deneyin."
        )
    return check_response(resp.body, digest, nonce=nonce, where=where)


# -- the response -----------------------------------------------------------------------------


_STATUS_TR = {
    "rejection": "isteği reddetti",
    "waiting": "isteği bekletiyor (henüz yanıt yok)",
    "revocation_warning": "sertifikasının iptal edilmek üzere olduğunu bildirdi",
    "revocation_notification": "sertifikasının iptal edildiğini bildirdi",
}
_FAIL_TR = {
    "bad_alg": "özet algoritması desteklenmiyor",
    "bad_request": "istek geçersiz",
    "bad_data_format": "veri biçimi hatalı",
    "time_not_available": "zaman kaynağı kullanılamıyor",
    "unaccepted_policy": "istenen politika desteklenmiyor",
    "unaccepted_extensions": "uzantılar desteklenmiyor",
    "add_info_not_available": "ek bilgi yok",
    "system_failure": "sistem hatası",
}


def _bad(where: str | None, what: str) -> TsaBadAnswerError:
    """``where``: the TSA that just answered; None for a stored token."""
    if where is None:
        return TsaBadAnswerError(f"Zaman damgası geçersiz: {what}.")
    return TsaBadAnswerError(
        f"Zaman damgası sunucusunun ({where}) yanıtı geçersiz: {what}. Zaman damgası "
        "kullanılmadı."
    )


def check_response(data: bytes, digest: bytes, *, nonce: int | None,
                   where: str = "TSA") -> TimeStamp:
    """Parse and check a DER ``TimeStampResp`` answering a request for ``digest`` (and
    ``nonce``, when one was sent)."""
    try:
        parts = _sequence_members(data)
        if len(parts) not in (1, 2):
            raise ValueError("TimeStampResp has one or two members")
        status_info = tsp.PKIStatusInfo.load(parts[0], strict=True)
        status = status_info["status"].native
    except (ValueError, TypeError, KeyError) as exc:
        raise _bad(where, "zaman damgası yanıtı (RFC 3161 TimeStampResp) değil") from exc
    if status not in ("granted", "granted_with_mods"):
        text = _STATUS_TR.get(str(status), f"durum {status}")
        reasons = []
        try:
            fail = status_info["fail_info"].native
            reasons = [_FAIL_TR.get(f, f) for f in sorted(fail or ())]
            said = status_info["status_string"].native
        except (ValueError, TypeError):
            said = None
        extra = "; ".join(reasons + ([" ".join(said)] if said else []))
        raise TsaRefusedError(
            f"Zaman damgası sunucusu ({where}) {text}" + (f" ({extra})" if extra else "")
            + ". Zaman damgası alınamadı."
        )
    if len(parts) != 2:
        raise _bad(where, "yanıtta zaman damgası yok")
    token_der = parts[1]
    info = check_token(token_der, digest, where=where)
    if info.hash_algorithm != "sha256":
        raise _bad(where, f"zaman damgası istenen SHA-256 yerine {info.hash_algorithm} özeti taşıyor")
    if nonce is not None and info.nonce != nonce:
        raise _bad(where, "tek kullanımlık sayı (nonce) isteğimizdeki değil; yanıt bu isteğe "
                   "ait değil")
    return TimeStamp(info=info, token_der=token_der, response_der=data)


def _sequence_members(data: bytes) -> list[bytes]:
    """The DER members of the SEQUENCE ``data`` (asn1crypto's ``TimeStampResp`` insists on
    a token, which a refusal does not carry)."""
    cls, method, tag, _header, contents, _trailer = parser.parse(data, strict=True)
    if (cls, method, tag) != (0, 1, 16):
        raise ValueError("not a SEQUENCE")
    members = []
    while contents:
        _c, _m, _t, header, body, trailer = parser.parse(contents)
        size = len(header) + len(body) + len(trailer)
        members.append(contents[:size])
        contents = contents[size:]
    return members


def _load_cert(c: ax509.Certificate) -> x509.Certificate:
    return x509.load_der_x509_certificate(c.dump())


def _find_signer_cert(sd: cms.SignedData, sid: cms.SignerIdentifier
                      ) -> tuple[x509.Certificate | None, list[x509.Certificate]]:
    found: x509.Certificate | None = None
    others: list[x509.Certificate] = []
    for choice in sd["certificates"] or []:
        if choice.name != "certificate":
            continue
        c = choice.chosen
        if sid.name == "issuer_and_serial_number":
            match = (c.issuer == sid.chosen["issuer"]
                     and c.serial_number == sid.chosen["serial_number"].native)
        else:
            match = c.key_identifier == sid.chosen.native
        if match and found is None:
            found = _load_cert(c)
        else:
            others.append(_load_cert(c))
    return found, others


def _eku_problem(cert: x509.Certificate) -> str | None:
    try:
        ext = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    except x509.ExtensionNotFound:
        return "zaman damgası sertifikasında 'zaman damgalama' kullanım amacı (EKU) yok"
    if not ext.critical:
        return "zaman damgası sertifikasının kullanım amacı (EKU) uzantısı kritik değil"
    if list(ext.value) != [ExtendedKeyUsageOID.TIME_STAMPING]:
        return "zaman damgası sertifikasının kullanım amacı yalnız 'zaman damgalama' değil"
    return None


def _verify_signature(cert: x509.Certificate, signer: cms.SignerInfo, signed: bytes) -> bool:
    digest_name = signer["digest_algorithm"]["algorithm"].native
    if digest_name not in _HASHES:
        return False
    algo = _HASHES[digest_name][0]
    sig_alg = signer["signature_algorithm"]
    kind = sig_alg.signature_algo
    value = signer["signature"].native
    key = cert.public_key()
    try:
        if kind == "rsassa_pkcs1v15" and isinstance(key, rsa.RSAPublicKey):
            key.verify(value, signed, padding.PKCS1v15(), algo)
        elif kind == "rsassa_pss" and isinstance(key, rsa.RSAPublicKey):
            params = sig_alg["parameters"]
            pss_hash = _HASHES.get(params["hash_algorithm"]["algorithm"].native, (algo,))[0]
            key.verify(value, signed, padding.PSS(padding.MGF1(pss_hash),
                                                  params["salt_length"].native), pss_hash)
        elif kind == "ecdsa" and isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(value, signed, ec.ECDSA(algo))
        else:
            return False
    except (InvalidSignature, ValueError):
        return False
    return True


def _attr(signed_attrs: cms.CMSAttributes, name: str) -> list:
    return [a["values"] for a in signed_attrs if a["type"].native == name]


def _ess_cert_problem(signed_attrs: cms.CMSAttributes, cert: x509.Certificate) -> str | None:
    """RFC 2634 / 5035 signing-certificate attribute: its first entry names ``cert``."""
    der = cert.public_bytes(Encoding.DER)
    for name, hasher_for in (("signing_certificate", lambda _c: hashlib.sha1),
                             ("signing_certificate_v2", lambda c: _HASHES.get(
                                 c["hash_algorithm"]["algorithm"].native, (None, None))[1])):
        for values in _attr(signed_attrs, name):
            certs = values[0]["certs"]
            if not len(certs):
                return "zaman damgasındaki imzacı sertifikası özniteliği boş"
            first = certs[0]
            hasher = hasher_for(first)
            if hasher is None or hasher(der).digest() != first["cert_hash"].native:
                return "zaman damgasının imzacı sertifikası özniteliği başka bir sertifikayı gösteriyor"
    return None


def check_token(token_der: bytes, data_digest: bytes | None, *, where: str | None = None,
                data: bytes | None = None) -> TimeStampInfo:
    """Check a time-stamp token (DER CMS ``ContentInfo``) as the module docstring says.
    The imprint is compared with ``data_digest``, or with the digest of ``data`` computed
    with the imprint's own algorithm; with neither it is not compared. Raises
    ``TsaBadAnswerError`` with the reason."""
    try:
        ci = cms.ContentInfo.load(token_der, strict=True)
        if ci["content_type"].native != "signed_data":
            raise _bad(where, "zaman damgası CMS SignedData değil")
        sd = ci["content"]
        eci = sd["encap_content_info"]
        if eci["content_type"].native != "tst_info":
            raise _bad(where, "zaman damgasının içeriği TSTInfo değil")
        econtent = eci["content"]
        tst_bytes = econtent.contents if econtent.method == 0 else bytes(econtent)
        tst = tsp.TSTInfo.load(tst_bytes, strict=True)
        tst.native  # noqa: B018  (parse every field now, so a malformed one fails here)
        signers = list(sd["signer_infos"])
    except TsaBadAnswerError:
        raise
    except (ValueError, TypeError, KeyError) as exc:
        raise _bad(where, "zaman damgası çözümlenemedi") from exc
    if len(signers) != 1:
        raise _bad(where, f"zaman damgasında bir yerine {len(signers)} imza var")
    signer = signers[0]
    cert, others = _find_signer_cert(sd, signer["sid"])
    if cert is None:
        raise _bad(where, "zaman damgasını imzalayan sertifika yanıtta yok")
    problem = _eku_problem(cert)
    if problem:
        raise _bad(where, problem)
    signed_attrs = signer["signed_attrs"]
    if not signed_attrs or not len(signed_attrs):
        raise _bad(where, "zaman damgasında imzalı öznitelikler yok")
    ctypes = _attr(signed_attrs, "content_type")
    if len(ctypes) != 1 or ctypes[0][0].native != "tst_info":
        raise _bad(where, "imzalı içerik türü özniteliği TSTInfo değil")
    digests = _attr(signed_attrs, "message_digest")
    digest_name = signer["digest_algorithm"]["algorithm"].native
    if digest_name not in _HASHES:
        raise _bad(where, f"desteklenmeyen özet algoritması {digest_name}")
    if len(digests) != 1 or digests[0][0].native != _HASHES[digest_name][1](tst_bytes).digest():
        raise _bad(where, "imzalı özet (messageDigest) zaman damgası bilgisiyle (TSTInfo) tutmuyor")
    problem = _ess_cert_problem(signed_attrs, cert)
    if problem:
        raise _bad(where, problem)
    # The signature is over the DER of the signed attributes as a SET OF (RFC 5652 §5.4).
    to_verify = b"\x31" + signed_attrs.dump()[1:]
    if not _verify_signature(cert, signer, to_verify):
        raise _bad(where, "zaman damgasının imzası sertifikasındaki anahtarla doğrulanamadı")

    imprint = tst["message_imprint"]
    alg = imprint["hash_algorithm"]["algorithm"].native
    got = imprint["hashed_message"].native
    if data is not None:
        if alg not in _HASHES:
            raise _bad(where, f"desteklenmeyen özet algoritması {alg}")
        data_digest = _HASHES[alg][1](data).digest()
    if data_digest is not None and got != data_digest:
        raise _bad(where, "zaman damgası başka bir veriye ait (özet tutmuyor)")
    gen_time = clock.to_istanbul(tst["gen_time"].native)
    if not (cert.not_valid_before_utc <= gen_time <= cert.not_valid_after_utc):
        raise _bad(where, "zaman damgası anında sunucunun sertifikası geçerli değildi")
    return TimeStampInfo(
        gen_time=gen_time,
        serial_number=tst["serial_number"].native,
        policy=tst["policy"].dotted,
        nonce=tst["nonce"].native,
        hash_algorithm=alg,
        digest=got,
        tsa_certificate=cert,
        other_certificates=tuple(others),
        token_der=token_der,
    )
