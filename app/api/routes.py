"""The local API's routes: what each path and method does, through ``app.usecases``.

Each ``Route`` names its path as OpenAPI writes it (``/invoices/{ettn}``); ``app.api.openapi``
describes every one and ``tests/integration/test_local_api.py`` checks that none is missing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from app.api.errors import ApiError
from app.context import AppContext
from app.usecases import drafts, invoices, local_api, printing

PARAM_RE = re.compile(r"\{([a-z_]+)\}")
ETTN_PART = r"[A-Za-z0-9-]{1,36}"
LIST_LIMIT = 200


@dataclass(frozen=True)
class Request:
    method: str
    path: str
    params: dict[str, str]
    query: dict[str, list[str]]
    body: bytes = b""

    def arg(self, name: str, default: str = "") -> str:
        values = self.query.get(name)
        return values[-1] if values else default

    def json(self) -> Any:
        """The body as JSON; numbers with a fraction become Decimal (never float)."""
        try:
            text = self.body.decode("utf-8")
        except UnicodeDecodeError:
            raise ApiError(400, "İstek gövdesi UTF-8 metin olmalı.") from None
        if not text.strip():
            raise ApiError(400, "İstek gövdesi boş; bir JSON nesnesi gönderin.")
        try:
            return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
        except json.JSONDecodeError as exc:
            raise ApiError(400, f"İstek gövdesi geçerli bir JSON değil (satır {exc.lineno}, "
                           f"sütun {exc.colno}): {exc.msg}") from None
        except RecursionError:
            raise ApiError(400, "İstek gövdesi çok derin iç içe geçmiş.") from None
        except ValueError:  # an integer of thousands of digits
            raise ApiError(400, "İstek gövdesinde çok uzun bir sayı var; sayıları metin olarak "
                           "yazın.") from None

    def json_object(self) -> dict[str, Any]:
        data = self.json()
        if not isinstance(data, dict):
            raise ApiError(400, "İstek gövdesi bir JSON nesnesi ({…}) olmalı.")
        return data


def _no_constant(name: str) -> Any:
    raise ApiError(400, f"JSON'da {name} geçerli bir değer değil; sayıları metin olarak yazın.")


@dataclass(frozen=True)
class Response:
    status: int
    data: Any = None  # JSON
    content: bytes | None = None  # anything else, with its type
    content_type: str = "application/json; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)


Handler = Callable[[AppContext, Request], Response]


@dataclass(frozen=True)
class Route:
    method: str
    template: str  # as OpenAPI writes it
    handler: Handler
    public: bool = False  # answered without the token

    @property
    def pattern(self) -> re.Pattern[str]:
        return re.compile(PARAM_RE.sub(lambda m: f"(?P<{m.group(1)}>{ETTN_PART})",
                                       re.escape(self.template).replace(r"\{", "{")
                                       .replace(r"\}", "}")))


def _int_arg(request: Request, name: str, default: int, top: int) -> int:
    text = request.arg(name, str(default))
    if not (text.isascii() and text.isdigit()) or len(text) > 9:
        raise ApiError(400, f"'{name}' bir tam sayı olmalı.", name)
    return max(1, min(int(text), top))


# -- the handlers ------------------------------------------------------------------------------

def create_invoice(ctx: AppContext, request: Request) -> Response:
    ettn = invoices.create_draft(ctx, drafts.with_company_series(ctx, request.json_object()))
    return Response(201, {"ettn": ettn, "status": "draft"},
                    headers={"Location": f"/invoices/{ettn}"})


def list_invoices(ctx: AppContext, request: Request) -> Response:
    status = request.arg("status") or None
    limit = _int_arg(request, "limit", 50, LIST_LIMIT)
    offset = _int_arg(request, "offset", 0, 10**8) if request.arg("offset") else 0
    if status is not None and status not in _statuses():
        raise ApiError(400, f"Bilinmeyen durum: '{status}'. Olabilecekler: "
                       + ", ".join(sorted(_statuses())) + ".", "status")
    rows = invoices.list_invoices(ctx, status=status, limit=limit, offset=offset)
    return Response(200, {"invoices": rows})


def _statuses() -> set[str]:
    from app.domain.status import Status

    return {s.value for s in Status}


def get_invoice(ctx: AppContext, request: Request) -> Response:
    info = invoices.show_invoice(ctx, request.params["ettn"])
    return Response(200, info)


def get_invoice_pdf(ctx: AppContext, request: Request) -> Response:
    ettn = request.params["ettn"]
    if invoices.show_invoice(ctx, ettn)["status"] == "draft":
        raise ApiError(409, "Bu fatura henüz kesilmedi (taslak); PDF'i kesildikten sonra "
                       "alınabilir.", "ettn")
    pdf = printing.invoice_pdf_bytes(ctx, ettn)
    return Response(200, content=pdf, content_type="application/pdf",
                    headers={"Content-Disposition": f'inline; filename="{ettn}.pdf"'})


def issue_invoices(ctx: AppContext, request: Request) -> Response:
    data = request.json_object()
    issued = local_api.issue(ctx, data.get("ettns"), data.get("pin"))
    return Response(200, {"issued": issued})


def changes(ctx: AppContext, request: Request) -> Response:
    limit = _int_arg(request, "limit", local_api.CHANGES_PAGE, local_api.CHANGES_PAGE)
    return Response(200, local_api.changes_since(ctx, request.arg("since"), limit))


def openapi(ctx: AppContext, request: Request) -> Response:
    from app.api.openapi import document

    return Response(200, document())


ROUTES: tuple[Route, ...] = (
    Route("GET", "/openapi.json", openapi, public=True),
    Route("POST", "/invoices", create_invoice),
    Route("GET", "/invoices", list_invoices),
    Route("POST", "/invoices/issue", issue_invoices),
    Route("GET", "/invoices/{ettn}", get_invoice),
    Route("GET", "/invoices/{ettn}/pdf", get_invoice_pdf),
    Route("GET", "/changes", changes),
)


def find(method: str, path: str) -> tuple[Route, dict[str, str]]:
    """The route for ``method`` and ``path`` and its path parameters; 404 when no route has
    the path, 405 (with the methods it has) when none has it for ``method``."""
    allowed: list[str] = []
    for route in ROUTES:
        match = route.pattern.fullmatch(path)
        if match is None:
            continue
        if route.method == method:
            return route, match.groupdict()
        allowed.append(route.method)
    if allowed:
        raise ApiError(405, f"Bu adres {method} isteğini kabul etmez; kabul ettikleri: "
                       + ", ".join(sorted(set(allowed))) + ".",
                       extra={"izinli": sorted(set(allowed))})
    raise ApiError(404, "Böyle bir API adresi yok. Adreslerin listesi: /openapi.json")
