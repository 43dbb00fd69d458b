"""Handing an e-mail to the company's mail server (SMTP).

* TLS is always verified: the system's CAs (and certifi's bundle, which ``requests`` uses
  too), plus ``SmtpConfig.ca_file`` for a company's own server. Nothing turns verification
  off. ``starttls`` never falls back to a plain connection when the server does not offer
  STARTTLS; ``none`` (no TLS at all) is accepted only for a server on this computer.
* Every delivery has an overall deadline (``timeout_s``), not only a timeout per socket
  operation: a timer shuts the socket down when it passes, whatever the conversation waits for.
* Failures come out as ``MailUndelivered`` (network, timeout, a 4xx answer: try again later)
  or ``MailRefused`` (a 5xx answer, an untrusted certificate, wrong settings: it will not go
  through until something is fixed), with a Turkish message and the server's own code and
  words. ``maybe_delivered`` says the message had been handed over when the connection
  failed: the server may have taken it, and a new attempt is recognisable by its Message-ID.
* The password is sent only to log in; it is never logged nor shown (``repr`` leaves it out).
"""

from __future__ import annotations

import base64
import contextlib
import ipaddress
import logging
import re
import smtplib
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Any, Protocol

from app.domain.errors import UserError, shown

log = logging.getLogger("tezgah.mail")

SECURITY_CHOICES = ("starttls", "tls", "none")
DEFAULT_PORTS = {"starttls": 587, "tls": 465, "none": 25}
SETTINGS_HINT = "Ayarlar > E-posta"


# -- errors ----------------------------------------------------------------------------------


class MailError(UserError):
    """A delivery to the mail server that did not succeed. ``kind``: ``connect``, ``timeout``,
    ``tls``, ``auth``, ``sender``, ``recipient``, ``data``, ``config``, ``protocol``.
    ``code`` and ``server_text``: the server's answer, when it gave one."""

    def __init__(self, message: str, *, kind: str, code: int | None = None,
                 server_text: str = "", maybe_delivered: bool = False) -> None:
        super().__init__(message)
        self.kind = kind
        self.code = code
        self.server_text = server_text
        self.maybe_delivered = maybe_delivered


class MailUndelivered(MailError):
    """The message did not (or may not have) reached the server: try again later."""


class MailRefused(MailError):
    """The server refused, or the connection cannot be made safe: retrying alone will not
    help; the settings, the address or the server must change."""


class MailSettingsError(MailRefused):
    """The e-mail settings cannot be used as they are (nothing was sent)."""

    def __init__(self, message: str, *, field_name: str | None = None) -> None:
        super().__init__(message, kind="config")
        self.field = field_name


# -- configuration ---------------------------------------------------------------------------


def is_local_host(host: str) -> bool:
    """True for this computer: ``localhost`` or a loopback address."""
    name = host.strip().strip("[]").lower().rstrip(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


_HOST = re.compile(r"[A-Za-z0-9.\-:\[\]_]+")


@dataclass(frozen=True)
class SmtpConfig:
    """How to reach the company's mail server. ``security``: ``starttls`` (port 587 usually),
    ``tls`` (implicit TLS, port 465) or ``none`` (only for a server on this computer).
    ``username`` empty: no login. ``ca_file``: a PEM file of CAs trusted besides the
    system's."""

    host: str
    port: int
    security: str
    from_address: str
    username: str = ""
    password: str = field(default="", repr=False)
    from_name: str = ""
    timeout_s: float = 60.0
    ca_file: str = ""

    @property
    def where(self) -> str:
        return f"{self.host}:{self.port}"

    def check(self) -> None:
        """Raise ``MailSettingsError`` (Turkish, the setting named) unless usable."""
        host = self.host.strip()
        if not host:
            raise MailSettingsError(f"E-posta sunucusu yazılmamış ({SETTINGS_HINT}: Sunucu).",
                                    field_name="host")
        if not _HOST.fullmatch(host):
            raise MailSettingsError(f"E-posta sunucusunun adı geçersiz: '{shown(host)}'.",
                                    field_name="host")
        if isinstance(self.port, bool) or not isinstance(self.port, int) \
                or not 0 < self.port < 65536:
            raise MailSettingsError(f"E-posta sunucusunun portu geçersiz: {shown(self.port)} "
                                    "(1 ile 65535 arası olmalı).", field_name="port")
        if self.security not in SECURITY_CHOICES:
            raise MailSettingsError(f"Bağlantı güvenliği '{shown(self.security)}' geçersiz; "
                                    "starttls, tls ya da none olmalı.", field_name="security")
        if self.security == "none" and not is_local_host(host):
            raise MailSettingsError(
                f"'{shown(host)}' sunucusuna şifresiz (güvenliksiz) bağlanılmaz: faturalar ve "
                "parola ağda açıkça gider. Güvenliği starttls ya da tls seçin; 'none' yalnızca "
                "bu bilgisayardaki bir sunucu (localhost, 127.0.0.1) için kullanılabilir.",
                field_name="security")
        if not self.timeout_s > 0:
            raise MailSettingsError("E-posta gönderme süresi pozitif olmalı.",
                                    field_name="timeout_s")
        for name, label, value in (("username", "Kullanıcı adı", self.username),
                                   ("password", "Parola", self.password),
                                   ("from_name", "Gönderen adı", self.from_name),
                                   ("ca_file", "CA dosyası", self.ca_file)):
            if any(c in value for c in "\r\n\0"):
                raise MailSettingsError(f"{label} satır sonu içeremez ({SETTINGS_HINT}).",
                                        field_name=name)
        from app.mail.invoice_mail import checked_address

        try:
            checked_address(self.from_address, "Gönderen adresi")
        except UserError as exc:
            raise MailSettingsError(exc.message, field_name="from_address") from None


class _HasDatabase(Protocol):
    @property
    def db(self) -> Any: ...

    @property
    def data_dir(self) -> Any: ...


def load_config(ctx: _HasDatabase) -> SmtpConfig:
    """The configuration kept in Ayarlar (settings table and the password file), checked;
    ``MailSettingsError`` says what is missing."""
    from app import settings as st

    with ctx.db.session() as s:
        values = {x.key: st.get(s, x) for x in st.SMTP_SETTINGS}
    config = SmtpConfig(
        host=values[st.SMTP_HOST.key], port=values[st.SMTP_PORT.key],
        security=values[st.SMTP_SECURITY.key], from_address=values[st.SMTP_FROM_ADDRESS.key],
        username=values[st.SMTP_USERNAME.key], password=st.read_smtp_password(ctx.data_dir),
        from_name=values[st.SMTP_FROM_NAME.key], timeout_s=values[st.SMTP_TIMEOUT_SECONDS.key],
        ca_file=values[st.SMTP_CA_FILE.key])
    config.check()
    return config


# -- the overall deadline --------------------------------------------------------------------


class _Deadline:
    """A timer that shuts the SMTP connection's socket down when ``seconds`` pass."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.at = time.monotonic() + seconds
        self.expired = False
        self._conn: smtplib.SMTP | None = None
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        with self._lock:
            self._conn = None

    def left(self) -> float:
        return max(0.05, self.at - time.monotonic())

    def watch(self, conn: smtplib.SMTP) -> None:
        with self._lock:
            self._conn = conn

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            sock = getattr(self._conn, "sock", None)
            if sock is not None:
                # the plain socket's shutdown, also under TLS
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)


# -- sending ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class SentMail:
    """A message the server accepted. ``refused``: recipients it refused while accepting
    others (address → (code, text)); empty when everyone was accepted."""

    message_id: str
    size: int
    elapsed: float
    refused: dict[str, tuple[int, str]] = field(default_factory=dict)


def tls_context(ca_file: str = "") -> ssl.SSLContext:
    """A verifying client context: system CAs, certifi's bundle and ``ca_file``."""
    ctx = ssl.create_default_context()
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    try:
        import certifi

        ctx.load_verify_locations(cafile=certifi.where())
    except (ImportError, OSError, ssl.SSLError):
        pass
    if ca_file:
        try:
            ctx.load_verify_locations(cafile=ca_file)
        except (OSError, ssl.SSLError) as exc:
            raise MailSettingsError(
                f"E-posta sunucusu için gösterilen CA dosyası okunamadı ({shown(ca_file, 80)}): "
                f"{exc.strerror or exc}. PEM biçiminde bir sertifika dosyası seçin "
                f"({SETTINGS_HINT}).", field_name="ca_file") from None
    return ctx


def _helo_name() -> str:
    name = socket.gethostname()
    return name if re.fullmatch(r"[A-Za-z0-9](?:[A-Za-z0-9.-]{0,250})", name or "") \
        else "localhost"


def _text(raw: bytes | str) -> str:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    return shown(" ".join(text.split()), 300)


def _answer(code: int, raw: bytes | str) -> str:
    return f"sunucunun yanıtı: {code} {_text(raw)}".rstrip()


def _by_code(code: int, message: str, kind: str, raw: bytes | str) -> MailError:
    """4xx (and anything not 5xx) is temporary; 5xx is a refusal."""
    text = _text(raw)
    if 500 <= code < 600:
        return MailRefused(message, kind=kind, code=code, server_text=text)
    return MailUndelivered(message, kind=kind, code=code, server_text=text)


def _cert_problem(exc: BaseException) -> str | None:
    if isinstance(exc, ssl.SSLCertVerificationError):
        return exc.verify_message or str(exc)
    if "CERTIFICATE_VERIFY_FAILED" in str(exc):
        return "sertifika doğrulanamadı"
    return None


def _caused_by(exc: BaseException, kind: type[BaseException]) -> bool:
    current: BaseException | None = exc
    for _ in range(8):
        if current is None:
            return False
        if isinstance(current, kind):
            return True
        current = current.__cause__ or current.__context__
    return False


def _translate(exc: BaseException, config: SmtpConfig, deadline: _Deadline,
               stage: str) -> MailError:
    """The typed error for ``exc`` raised during ``stage`` (connect, tls, login, send)."""
    where = config.where
    if isinstance(exc, MailError):
        return exc
    later = "; daha sonra yeniden denenmeli."
    in_flight = stage == "send"
    if deadline.expired:
        return MailUndelivered(f"E-postanın sunucuya ({where}) teslimi {deadline.seconds:g} "
                               f"saniye içinde bitmedi; bağlantı kesildi{later}",
                               kind="timeout", maybe_delivered=in_flight)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        [(address, (code, raw))] = list(exc.recipients.items())[:1]
        if 500 <= code < 600:
            return MailRefused(f"E-posta sunucusu ({where}) alıcı adresini ({shown(address, 80)}) "
                               f"kabul etmedi ({_answer(code, raw)}). Alıcının e-posta adresini "
                               "denetleyin.", kind="recipient", code=code, server_text=_text(raw))
        return MailUndelivered(f"E-posta sunucusu ({where}) alıcı adresini ({shown(address, 80)}) "
                               f"şimdilik kabul etmedi ({_answer(code, raw)}){later}",
                               kind="recipient", code=code, server_text=_text(raw))
    if isinstance(exc, smtplib.SMTPAuthenticationError):
        if 500 <= exc.smtp_code < 600:
            return MailRefused(f"E-posta sunucusu ({where}) kullanıcı adını ya da parolayı kabul "
                               f"etmedi ({_answer(exc.smtp_code, exc.smtp_error)}). {SETTINGS_HINT}"
                               " bölümündeki kullanıcı adını ve parolayı denetleyin.",
                               kind="auth", code=exc.smtp_code, server_text=_text(exc.smtp_error))
        return MailUndelivered(f"E-posta sunucusu ({where}) girişi şimdilik yapamadı "
                               f"({_answer(exc.smtp_code, exc.smtp_error)}){later}",
                               kind="auth", code=exc.smtp_code, server_text=_text(exc.smtp_error))
    if isinstance(exc, smtplib.SMTPSenderRefused):
        return _by_code(exc.smtp_code, f"E-posta sunucusu ({where}) gönderen adresini "
                        f"({shown(exc.sender, 80)}) kabul etmedi "
                        f"({_answer(exc.smtp_code, exc.smtp_error)}). Gönderen adresi sunucudaki "
                        f"hesabınızın adresi olmalı ({SETTINGS_HINT}).", "sender", exc.smtp_error)
    if isinstance(exc, smtplib.SMTPDataError):
        return _by_code(exc.smtp_code, f"E-posta sunucusu ({where}) iletiyi kabul etmedi "
                        f"({_answer(exc.smtp_code, exc.smtp_error)}).", "data", exc.smtp_error)
    if isinstance(exc, smtplib.SMTPResponseException):
        return _by_code(exc.smtp_code, f"E-posta sunucusu ({where}) isteği kabul etmedi "
                        f"({_answer(exc.smtp_code, exc.smtp_error)}).", "protocol",
                        exc.smtp_error)
    if isinstance(exc, smtplib.SMTPNotSupportedError):
        return MailRefused(f"E-posta sunucusu ({where}) gereken bir özelliği sunmuyor: "
                           f"{_text(str(exc))}.", kind="protocol")
    if isinstance(exc, smtplib.SMTPException) \
            and not isinstance(exc, smtplib.SMTPServerDisconnected):
        # e.g. no login method both sides know: asking again will not change it
        reason = _text(str(exc)).rstrip(".")
        return MailRefused(f"E-posta sunucusuyla ({where}) anlaşılamadı: {reason}. "
                           f"{SETTINGS_HINT} bölümünü denetleyin.", kind="protocol")
    if isinstance(exc, ssl.SSLError):
        problem = _cert_problem(exc)
        if problem is not None:
            return MailRefused(
                f"E-posta sunucusunun ({where}) sertifikası doğrulanamadı: {problem}. Bağlantı "
                "güvenli değil; e-posta gönderilmedi. Şirketinizin kendi sunucusuysa, "
                f"sertifikasını veren CA dosyasını {SETTINGS_HINT} bölümünde gösterin.",
                kind="tls", server_text=problem)
        reason = getattr(exc, "reason", None) or str(exc)
        if reason in ("WRONG_VERSION_NUMBER", "UNKNOWN_PROTOCOL", "HTTP_REQUEST",
                      "UNSUPPORTED_PROTOCOL", "TLSV1_ALERT_PROTOCOL_VERSION"):
            return MailRefused(
                f"E-posta sunucusuyla ({where}) güvenli bağlantı kurulamadı ({reason}). Port ile "
                f"bağlantı güvenliği uyuşmuyor olabilir: 465 için tls, 587 için starttls "
                f"seçin ({SETTINGS_HINT}).", kind="tls", server_text=str(reason))
        return MailUndelivered(f"E-posta sunucusuyla ({where}) güvenli bağlantı kurulamadı ya "
                               f"da koptu ({reason}){later}", kind="tls",
                               maybe_delivered=in_flight)
    if isinstance(exc, socket.gaierror):
        return MailUndelivered(f"E-posta sunucusunun adı ({shown(config.host)}) çözülemedi: "
                               f"internet bağlantısını ve {SETTINGS_HINT} bölümündeki sunucu "
                               f"adını denetleyin{later}", kind="connect")
    if _caused_by(exc, TimeoutError):  # smtplib reports a read timeout as a disconnection
        return MailUndelivered(f"E-posta sunucusu ({where}) {config.timeout_s:g} saniye içinde "
                               f"yanıt vermedi{later}", kind="timeout", maybe_delivered=in_flight)
    if isinstance(exc, ConnectionRefusedError) or (stage == "connect"
                                                   and not isinstance(exc, smtplib.SMTPException)):
        return MailUndelivered(f"E-posta sunucusuna ({where}) bağlanılamadı "
                               f"({_text(str(exc) or type(exc).__name__)}): sunucu kapalı ya da "
                               f"ağ bağlantısı yok{later}", kind="connect")
    if isinstance(exc, smtplib.SMTPServerDisconnected | OSError):
        return MailUndelivered(f"E-posta sunucusuyla ({where}) bağlantı koptu "
                               f"({_text(str(exc) or type(exc).__name__)}){later}",
                               kind="connect", maybe_delivered=in_flight)
    raise exc


def _recipients(message: EmailMessage) -> list[str]:
    from email.utils import getaddresses

    values = [str(v) for h in ("To", "Cc", "Bcc") for v in message.get_all(h, [])]
    return [addr for _, addr in getaddresses(values) if addr]


def send_message(config: SmtpConfig, message: EmailMessage) -> SentMail:
    """Hand ``message`` to the server of ``config`` within ``config.timeout_s`` seconds.
    Raises ``MailUndelivered`` (try later) or ``MailRefused`` (fix something first)."""
    config.check()
    context = tls_context(config.ca_file) if config.security != "none" else None
    recipients = _recipients(message)
    if not recipients:
        raise MailSettingsError("İletinin alıcısı yok (To).", field_name="to")
    message_id = str(message.get("Message-ID", ""))
    where = config.where
    started = time.perf_counter()
    stage = "connect"
    conn: smtplib.SMTP | None = None
    with _Deadline(config.timeout_s) as deadline:
        try:
            if config.security == "tls":
                conn = smtplib.SMTP_SSL(timeout=deadline.left(), local_hostname=_helo_name(),
                                        context=context)
            else:
                conn = smtplib.SMTP(timeout=deadline.left(), local_hostname=_helo_name())
            # connected here rather than by the constructor, so the deadline watches the
            # greeting too; the TLS handshakes check the certificate against this name
            conn._host = config.host
            deadline.watch(conn)
            conn.connect(config.host, config.port)
            stage = "tls"
            conn.ehlo()
            if config.security == "starttls":
                if not conn.has_extn("starttls"):
                    raise MailRefused(
                        f"E-posta sunucusu ({where}) STARTTLS sunmuyor; fatura ve parola "
                        "şifresiz gönderilmez. Sunucunuz implicit TLS destekliyorsa güvenliği "
                        f"tls (port 465) seçin ({SETTINGS_HINT}).", kind="tls")
                conn.starttls(context=context)
                conn.ehlo()
            if config.username:
                stage = "login"
                if not conn.has_extn("auth"):
                    raise MailRefused(
                        f"E-posta sunucusu ({where}) kullanıcı girişi (AUTH) sunmuyor; "
                        f"kullanıcı adı yazılmışsa silin ya da sunucuyu denetleyin "
                        f"({SETTINGS_HINT}).", kind="auth")
                _login(conn, config.username, config.password)
            stage = "send"
            refused = conn.send_message(message, from_addr=config.from_address,
                                        to_addrs=recipients)
            with contextlib.suppress(smtplib.SMTPException, OSError):
                conn.quit()  # the message was accepted; a failed goodbye changes nothing
        except Exception as exc:
            error = _translate(exc, config, deadline, stage)
            log.warning("SMTP %s: %s %s (%s, kod %s, %.0f ms)", where, stage, error.kind,
                        type(exc).__name__, error.code, (time.perf_counter() - started) * 1000)
            raise error from exc
        finally:
            if conn is not None:
                with contextlib.suppress(Exception):
                    conn.close()
    elapsed = time.perf_counter() - started
    size = len(message.as_bytes())
    log.info("SMTP %s: %s teslim edildi (%d alıcı, %d bayt, %.0f ms)", where, message_id,
             len(recipients), size, elapsed * 1000)
    return SentMail(message_id, size, elapsed,
                    {a: (c, _text(t)) for a, (c, t) in (refused or {}).items()})


def _login(conn: smtplib.SMTP, username: str, password: str) -> None:
    """AUTH with the server. smtplib encodes credentials as ASCII only; a Turkish password
    ("şifreğü") goes as AUTH PLAIN in UTF-8 (RFC 4616 §2), the way mail clients send it."""
    if (username + password).isascii():
        conn.login(username, password)
        return
    if "PLAIN" not in conn.esmtp_features.get("auth", "").upper().split():
        raise MailRefused(
            "E-posta sunucusu Türkçe harf içeren kullanıcı adı ya da parolayı kabul edecek "
            "giriş yöntemini (AUTH PLAIN) sunmuyor; parolayı yalnızca İngilizce harf ve "
            f"rakamlarla değiştirin ({SETTINGS_HINT}).", kind="auth")
    token = base64.b64encode(b"\0" + username.encode() + b"\0" + password.encode()).decode()
    code, answer = conn.docmd("AUTH", "PLAIN " + token)
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, answer)


__all__ = ["DEFAULT_PORTS", "SECURITY_CHOICES", "MailError", "MailRefused", "MailSettingsError",
           "MailUndelivered", "SentMail", "SmtpConfig", "is_local_host", "load_config",
           "send_message", "tls_context"]
