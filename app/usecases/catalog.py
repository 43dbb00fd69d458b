"""Customers and products."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from app import clock
from app.context import AppContext
from app.db.repositories import catalog as repo
from app.domain import codes, fields
from app.domain.errors import NotFoundError, UserError, shown
from app.domain.money import PRICE_PLACES
from app.domain.party import Party
from app.usecases.company import party_from_row


def save_customer(ctx: AppContext, data: dict[str, Any]) -> Party:
    """Add a customer, or update the one with the same VKN/TCKN."""
    party = Party.from_dict(data)
    now = clock.local_now()
    with ctx.db.write_session() as s:
        repo.save_customer(s, vkn_tckn=party.vkn_tckn, display_name=party.display_name,
                           data=party.to_dict(), now=now)
    return party


def find_customer(ctx: AppContext, vkn_tckn: str) -> Party:
    with ctx.db.session() as s:
        data = repo.customer_data(s, vkn_tckn.strip())
    if data is None:
        raise NotFoundError(f"{vkn_tckn} numaralı müşteri kayıtlı değil; önce "
                            "'tezgah customer add' ile ekleyin ya da faturada müşteri "
                            "bilgilerini yazın.")
    return party_from_row(data)


def list_customers(ctx: AppContext, search: str = "", limit: int = 1000) -> list[Party]:
    with ctx.db.session() as s:
        return [party_from_row(d) for d in repo.list_customer_data(s, search, limit)]


def check_product(data: dict[str, Any]) -> tuple[str, str, Decimal, Decimal]:
    """The rules of a product record: (name, unit, unit price, KDV rate) or ``UserError``.
    The same limits as an invoice line (``app.domain.invoice.parse_line``), so that a saved
    product can always be put on an invoice."""
    data = fields.mapping(data, "ürün", "Ürün", optional=False)
    name = fields.text(data.get("name"), "name", "Ürün adı")
    if not name:
        raise UserError("Ürün adı boş olamaz.", field="name")
    unit = unit_code(fields.text(data.get("unit"), "unit", "Birim", max_len=fields.SHORT_TEXT)
                     or "C62")
    if unit not in codes.UNITS:
        raise UserError(f"Birim '{shown(unit)}' bilinmiyor; örnek C62 (adet), KGM, LTR.",
                        field="unit")
    price = fields.number(data.get("unit_price", "0"), "unit_price", "Birim fiyat",
                          places=fields.places_of(PRICE_PLACES), minimum=-fields.MAX_AMOUNT)
    if price < 0:
        raise UserError("Birim fiyat eksi olamaz.", field="unit_price")
    kdv = fields.number(data.get("kdv_rate", "20"), "kdv_rate", "KDV oranı",
                        places=fields.RATE_PLACES, minimum=-fields.MAX_AMOUNT)
    if kdv not in codes.KDV_RATES:
        raise UserError("KDV oranı 0, 1, 10 ya da 20 olmalı.", field="kdv_rate")
    kdv = next(r for r in codes.KDV_RATES if r == kdv)
    return name, unit, price, kdv


def unit_code(text: str) -> str:
    """A unit as people write it ("Adet", "kg", "C62") → its UN/ECE code."""
    t = text.strip()
    if t.upper() in codes.UNITS:
        return t.upper()
    key = t.casefold()
    for code in codes.UNITS:
        if key in (codes.UNITS[code].casefold(), codes.UNIT_SHORT.get(code, "").casefold()):
            return code
    return t.upper()


def save_product(ctx: AppContext, data: dict[str, Any]) -> dict[str, Any]:
    name, unit, price, kdv = check_product(data)
    seller_code = fields.text(data.get("seller_code"), "seller_code", "Satıcı ürün kodu",
                              max_len=fields.SHORT_TEXT) or None
    product_id = fields.record_id(data.get("id"), "id", "Ürün numarası")
    now = clock.local_now()
    with ctx.db.write_session() as s:
        try:
            # editing a known product (by id), else the one with this code, else a new one
            return repo.save_product(s, product_id=product_id,
                                     name=name, unit=unit, unit_price=price, kdv_rate=kdv,
                                     seller_code=seller_code, now=now)
        except repo.ProductNotFound:
            raise NotFoundError("Düzenlenen ürün bulunamadı; silinmiş olabilir.") from None


def list_products(ctx: AppContext, search: str = "", limit: int = 1000) -> list[dict[str, Any]]:
    with ctx.db.session() as s:
        return repo.list_products(s, search, limit)


__all__ = ["check_product", "find_customer", "list_customers", "list_products", "save_customer",
           "save_product"]
