"""The issuing company: one record, checked like any party."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app import clock, settings
from app.context import AppContext
from app.db.repositories import company as repo
from app.domain.errors import UserError
from app.domain.invoice import SERIES_RE
from app.domain.party import ALIAS_RE, Address, Party
from app.settings import DEFAULT_EARCHIVE_SERIES, DEFAULT_EFATURA_SERIES


def party_from_row(data: dict[str, Any]) -> Party:
    values = dict(data)
    values["address"] = Address(**values.get("address", {}))
    return Party(**values)


def set_company(ctx: AppContext, data: dict[str, Any]) -> Party:
    party = Party.from_dict(data)
    series = {k: str(data.get(k, default)).upper() for k, default in
              (("efatura_series", DEFAULT_EFATURA_SERIES),
               ("earchive_series", DEFAULT_EARCHIVE_SERIES))}
    for key, value in series.items():
        if not SERIES_RE.match(value):
            raise UserError(f"{key}: seri üç karakter olmalı (büyük harf ya da rakam).", field=key)
    internet = str(data.get("internet_sale_series") or "").strip().upper()
    if internet and not SERIES_RE.match(internet):
        raise UserError("internet_sale_series: seri üç karakter olmalı (büyük harf ya da "
                        "rakam) ya da boş (e-Arşiv serisi kullanılır).",
                        field="internet_sale_series")
    despatch = str(data.get("despatch_series") or "").strip().upper()
    if despatch and not SERIES_RE.match(despatch):
        raise UserError("despatch_series: irsaliye serisi üç karakter olmalı (büyük harf ya da "
                        "rakam) ya da boş (IRS kullanılır).", field="despatch_series")
    aliases = {setting: _alias(data, setting.key, label, example)
               for setting, label, example in _ALIASES if setting.key in data}
    with ctx.db.write_session() as s:
        for setting, value in aliases.items():
            settings.put(s, setting, value)
        repo.save(s, vkn_tckn=party.vkn_tckn, data=party.to_dict(),
                  efatura_series=series["efatura_series"],
                  earchive_series=series["earchive_series"], now=clock.local_now())
        if "internet_sale_series" in data:
            settings.put(s, settings.INTERNET_SALE_SERIES, internet)
        if "despatch_series" in data:
            settings.put(s, settings.DESPATCH_SERIES, despatch)
    return party


_ALIASES = (
    (settings.POSTBOX_ALIAS, "posta kutusu (PK) etiketi", "urn:mail:defaultpk@firma.com.tr"),
    (settings.DESPATCH_POSTBOX_ALIAS, "e-İrsaliye posta kutusu (PK) etiketi",
     "urn:mail:irsaliyepk@firma.com.tr"),
    (settings.DESPATCH_SENDER_ALIAS, "e-İrsaliye gönderici birim (GB) etiketi",
     "urn:mail:irsaliyegb@firma.com.tr"),
)


def _alias(data: dict[str, Any], key: str, label: str, example: str) -> str:
    value = str(data.get(key) or "").strip()
    if value and not ALIAS_RE.fullmatch(value):
        raise UserError(f"{key}: {label} '{value[:80]}' geçersiz; örnek {example}.", field=key)
    return value


def internet_sale_series_setting(ctx: AppContext) -> str:
    """The internet-sale series as set ('' when internet sales use the e-Arşiv series)."""
    return settings.read(ctx, settings.INTERNET_SALE_SERIES)


def internet_sale_series(ctx: AppContext) -> str:
    """The series internet sales are numbered from: its own when set, else the e-Arşiv one."""
    return settings.read(ctx, settings.INTERNET_SALE_SERIES) or company_series(ctx)[1]


MAX_LOGO_BYTES = 2 * 1024 * 1024


def set_company_logo(ctx: AppContext, image: bytes | None) -> None:
    """The logo printed on invoices (PNG or JPEG), or None to remove it."""
    if image is not None:
        if len(image) > MAX_LOGO_BYTES:
            raise UserError("Logo dosyası 2 MB'tan büyük olamaz; daha küçük bir resim seçin.")
        if not (image.startswith(b"\x89PNG\r\n\x1a\n") or image.startswith(b"\xff\xd8")):
            raise UserError("Logo PNG ya da JPEG resmi olmalı.")
    with ctx.db.write_session() as s:
        if not repo.set_logo(s, image, clock.local_now()):
            raise UserError("Önce firma bilgilerini girin: tezgah company set --json FIRMA.json")


def get_company(ctx: AppContext) -> Party | None:
    with ctx.db.session() as s:
        data = repo.data(s)
    return party_from_row(data) if data else None


def require_company(ctx: AppContext) -> Party:
    party = get_company(ctx)
    if party is None:
        raise UserError("Önce firma bilgilerini girin: tezgah company set --json FIRMA.json")
    return party


def company_series(ctx: AppContext) -> tuple[str, str]:
    """(e-Fatura series, e-Arşiv series)."""
    with ctx.db.session() as s:
        series = repo.series(s)
    return series or (DEFAULT_EFATURA_SERIES, DEFAULT_EARCHIVE_SERIES)


def company_logo(ctx: AppContext) -> bytes | None:
    with ctx.db.session() as s:
        return repo.logo(s)


def load_company(data_dir: Path | str | None) -> Party | None:
    """The company of a data directory (used where only a path is at hand)."""
    return get_company(AppContext.open(data_dir))
