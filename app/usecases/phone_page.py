"""The owner's phone page: a small, read-only web page the posta kutusu service serves under
``/telefon/`` (``tezgah postbox serve``), for a look at the shop from a phone.

What it shows (``app.usecases.phone_views``): today's sales (count, total, KDV; Türkiye's
date), the sent invoices with their GİB status, the received invoices with the days left to
answer KABUL/RED (red at two days or fewer) and their PDF, and the e-Arşiv reports of
yesterday and today. Nothing can be changed from it: an answer needs the company's card, so
it is given on the desktop ("Yanıt masaüstünden kartla verilir").

Design:

* **Keys.** The owner makes a phone key on the service's machine (``tezgah postbox phone new
  --name telefonum``); it is shown once and kept only as a hash beside the desktops' API
  tokens (``app.postbox.tokens``, kind ``PHONE``). ``phone revoke`` ends the key and every
  session made with it at the next request.
* **Sessions.** ``/telefon/giris`` takes the key from a form (never from the URL) and, when
  right, sets a cookie with a random session id (256 bits) that the service keeps in memory
  (``app.postbox.web.SessionStore``) for ``SESSION_HOURS`` hours: ``HttpOnly``,
  ``SameSite=Strict``, ``Path=/telefon``, ``Secure`` when the service speaks TLS itself or is
  published at an https address. A restart of the service signs every phone out.
  ``/telefon/cikis`` ends the session. Every other address, pages and PDFs alike, answers
  only a live session; without one a GET is sent to the login form and nothing else is
  shown.
* **Wrong keys.** The answer says so in Turkish; after ``LoginThrottle.free`` wrong keys from
  one address each further try locks that address out for 30 s, doubling up to 15 min (429
  with Retry-After). The key is 100 random bits, so guessing is hopeless anyway; the
  slow-down keeps the log quiet. Behind a reverse proxy every phone shares the proxy's
  address, and so its count.
* **CSRF.** The only POSTs are login and logout. A POST is taken when its ``Origin`` names
  this host (the ``Host`` header); since the page's ``Referrer-Policy: no-referrer`` makes a
  browser send ``Origin: null`` on a form POST, ``Origin: null`` or none is taken only with
  ``Sec-Fetch-Site: same-origin`` (a header no other site can set). Otherwise 403.
* **Headers.** Every answer carries a Content-Security-Policy (``default-src 'self'``; the
  one inline style allowed by its hash; no script; ``frame-ancestors 'none'``),
  ``X-Content-Type-Options: nosniff``, ``Cache-Control: no-store``, ``Referrer-Policy:
  no-referrer`` and ``X-Frame-Options: DENY``. Every value is HTML-escaped.
* **Layout.** One column under 600 px (readable at 360×740, no sideways scrolling), two above;
  no JavaScript, no external asset, no web font.
"""

from __future__ import annotations

import contextlib
import logging
import re
import socket
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

from app.context import AppContext
from app.domain.errors import UserError
from app.postbox import tokens
from app.postbox.web import LoginThrottle, SessionStore, WebRequest, WebResponse
from app.usecases import phone_views as views

log = logging.getLogger("tezgah.postbox")

PREFIX = "/telefon"
HOME = PREFIX + "/"
LOGIN = PREFIX + "/giris"
LOGOUT = PREFIX + "/cikis"
COOKIE = "tezgah_telefon"
SESSION_HOURS = 12
HTML = "text/html; charset=utf-8"
WRONG_KEY = "Anahtar yanlış. Servisin bilgisayarında üretilen telefon anahtarını yazın."
_PDF = re.compile(r"/telefon/(giden|gelen)/([0-9A-Fa-f]{8}-(?:[0-9A-Fa-f]{4}-){3}[0-9A-Fa-f]{12})"
                  r"\.pdf", re.ASCII)

CSP = ("default-src 'self'; " f"style-src '{views.CSS_HASH}'; script-src 'none'; "
       "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
SECURITY_HEADERS: tuple[tuple[str, str], ...] = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Cache-Control", "no-store"),
    ("Referrer-Policy", "no-referrer"),
    ("X-Frame-Options", "DENY"),
)


# -- the keys (the command line's ``tezgah postbox phone``) ----------------------------------

PAGE_PATH = "/telefon/"


def page_address(base_url: str, public_url: str | None = None) -> str:
    """The address a phone opens: the public address's origin when the service runs behind
    one; else the service's own, with this computer's network address in place of a
    wildcard (0.0.0.0 / ::) that no phone can open."""
    if public_url:
        parts = urlsplit(public_url)
        return f"{parts.scheme}://{parts.netloc}{PAGE_PATH}"
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    if host in ("0.0.0.0", "::"):
        local = _network_address(socket.AF_INET6 if host == "::" else socket.AF_INET)
        if local:
            shown = f"[{local}]" if ":" in local else local
            return f"{parts.scheme}://{shown}:{parts.port}{PAGE_PATH}"
    return f"{parts.scheme}://{parts.netloc}{PAGE_PATH}"


def _network_address(family: int) -> str | None:
    """This computer's address on its default route, or None. A UDP socket's ``connect``
    only picks the route: no packet is sent."""
    probe = "10.254.254.254" if family == socket.AF_INET else "fd00::1"
    with contextlib.suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as sock:
        sock.connect((probe, 9))
        address = str(sock.getsockname()[0])
        if not address.startswith(("0.", "127.")) and address not in ("::", "::1"):
            return address
    return None


def new_key(ctx: AppContext, name: str) -> str:
    """A new phone key (shown once; only its hash is kept)."""
    return tokens.new_token(ctx.data_dir, name, tokens.PHONE)


def list_keys(ctx: AppContext) -> list[dict[str, str]]:
    return [{"name": x.name, "created": x.created}
            for x in tokens.list_tokens(ctx.data_dir, tokens.PHONE)]


def revoke_key(ctx: AppContext, name: str) -> None:
    tokens.revoke(ctx.data_dir, name, tokens.PHONE)


# -- answers -------------------------------------------------------------------------------

def _answer(status: int, body: bytes, content_type: str = HTML,
            extra: tuple[tuple[str, str], ...] = ()) -> WebResponse:
    return WebResponse(status, body, content_type, [*SECURITY_HEADERS, *extra])


def _redirect(to: str, extra: tuple[tuple[str, str], ...] = ()) -> WebResponse:
    return _answer(303, b"", "text/plain; charset=utf-8", (("Location", to), *extra))


def _cookie(value: str, *, secure: bool, max_age: int) -> tuple[str, str]:
    text = (f"{COOKIE}={value}; Path={PREFIX}; HttpOnly; SameSite=Strict; "
            f"Max-Age={max_age}")
    return ("Set-Cookie", text + ("; Secure" if secure else ""))


def session_id(request: WebRequest) -> str:
    for part in request.header("cookie").split(";"):
        name, _, value = part.strip().partition("=")
        if name == COOKIE:
            return value.strip()
    return ""


def same_origin(request: WebRequest) -> bool:
    """The CSRF check of a POST (the module's docstring says why it reads so)."""
    host = request.header("host").strip().lower()
    if not host:
        return False
    origin = request.header("origin").strip()
    if origin and origin != "null":
        return urlsplit(origin).netloc.lower() == host
    return request.header("sec-fetch-site").strip().lower() == "same-origin"


class PhonePage:
    """The page's state (sessions, the slow-down) and its answer to each request."""

    def __init__(self, ctx: AppContext, *, secure: bool = False) -> None:
        self.ctx = ctx
        self.secure = secure
        self.sessions = SessionStore(SESSION_HOURS * 3600.0)
        self.throttle = LoginThrottle()

    def __call__(self, request: WebRequest) -> WebResponse:
        path = request.path
        if request.method == "POST":
            if path not in (LOGIN, LOGOUT):
                return self._html(405, "İzin verilmiyor", views.message_body(
                    "İzin verilmiyor", "Bu sayfa yalnızca okunur."))
            if not same_origin(request):
                return self._html(403, "İzin verilmiyor", views.message_body(
                    "İzin verilmiyor", "İstek bu sayfadan gelmedi; sayfayı yeniden açın."))
            return self._login(request) if path == LOGIN else self._logout(request)
        if request.method not in ("GET", "HEAD"):
            return self._html(405, "İzin verilmiyor", views.message_body(
                "İzin verilmiyor", "Bu sayfa yalnızca okunur."))
        if path == PREFIX:
            return _redirect(HOME)
        who = self._who(request)
        if path == LOGIN:
            return _redirect(HOME) if who else self._login_form()
        if who is None:
            return _redirect(LOGIN)
        try:
            return self._show(path)
        except Exception:
            log.exception("telefon sayfası: %s gösterilemedi", path)
            return self._html(500, "Hata", views.message_body(
                "Bir hata oldu", "Sayfa şu an gösterilemiyor; servisin kayıtlarına bakın."))

    # -- signing in and out ---------------------------------------------------------------

    def _who(self, request: WebRequest) -> str | None:
        return self.sessions.valid(
            session_id(request),
            lambda name: tokens.exists(self.ctx.data_dir, name, tokens.PHONE))

    def _login_form(self, error: str = "", status: int = 200,
                    extra: tuple[tuple[str, str], ...] = ()) -> WebResponse:
        html = views.page("Giriş", views.login_body(error))
        return _answer(status, html.encode("utf-8"), HTML, extra)

    def _login(self, request: WebRequest) -> WebResponse:
        wait = self.throttle.wait_seconds(request.remote)
        if wait:
            return self._login_form(
                f"Çok fazla yanlış deneme. {wait} saniye sonra yeniden deneyin.", 429,
                (("Retry-After", str(wait)),))
        form = parse_qs(request.body.decode("utf-8", "replace"), max_num_fields=5)
        offered = (form.get("anahtar") or [""])[0]
        name = tokens.check(self.ctx.data_dir, offered, tokens.PHONE) if offered else None
        if name is None:
            self.throttle.failed(request.remote)
            return self._login_form(WRONG_KEY, 401)
        self.throttle.succeeded(request.remote)
        old = session_id(request)
        if old:
            self.sessions.end(old)
        sid = self.sessions.create(name)
        return _redirect(HOME, (_cookie(sid, secure=self._secure(request),
                                        max_age=SESSION_HOURS * 3600),))

    def _logout(self, request: WebRequest) -> WebResponse:
        self.sessions.end(session_id(request))
        return _redirect(LOGIN, (_cookie("", secure=self._secure(request), max_age=0),))

    def _secure(self, request: WebRequest) -> bool:
        return self.secure or request.secure

    # -- the pages ------------------------------------------------------------------------

    def _html(self, status: int, title: str, body: str, active: str = "",
              signed_in: bool = False) -> WebResponse:
        firm = views.company_name(self.ctx) if signed_in else ""
        html = views.page(title, body, firm=firm, active=active, signed_in=signed_in)
        return _answer(status, html.encode("utf-8"))

    def _show(self, path: str) -> WebResponse:
        pages: dict[str, tuple[str, str, Callable[[AppContext], str]]] = {
            HOME: ("Özet", "ozet", views.overview_body),
            PREFIX + "/giden": ("Giden faturalar", "giden", views.sent_body),
            PREFIX + "/gelen": ("Gelen faturalar", "gelen", views.incoming_body),
        }
        if path in pages:
            title, active, body = pages[path]
            return self._html(200, title, body(self.ctx), active, signed_in=True)
        found = _PDF.fullmatch(path)
        if found is None:
            return self._html(404, "Bulunamadı", views.message_body(
                "Bulunamadı", "Böyle bir sayfa yok."), signed_in=True)
        try:
            data = (_sent_pdf if found.group(1) == "giden" else _incoming_pdf)(
                self.ctx, found.group(2))
        except UserError as exc:
            return self._html(404, "Bulunamadı", views.message_body("Bulunamadı", exc.message),
                              signed_in=True)
        disposition = f'inline; filename="{found.group(2).upper()}.pdf"'
        return _answer(200, data, "application/pdf", (("Content-Disposition", disposition),))


def _sent_pdf(ctx: AppContext, ettn: str) -> bytes:
    from app.usecases.invoices import show_invoice
    from app.usecases.printing import invoice_pdf_bytes

    info = show_invoice(ctx, ettn)
    if info["direction"] != "out" or info["status"] == "draft":
        raise UserError("Bu ETTN ile kesilmiş bir giden fatura yok.")
    return invoice_pdf_bytes(ctx, info["ettn"])


def _incoming_pdf(ctx: AppContext, ettn: str) -> bytes:
    from app.usecases.inbox import pdf

    return pdf(ctx, ettn)


def handler(ctx: AppContext, *, secure: bool = False) -> PhonePage:
    """What ``PostboxService.phone`` calls for each request under ``/telefon``; ``secure``
    marks the cookie Secure even when TLS ends before the service (a reverse proxy)."""
    return PhonePage(ctx, secure=secure)
