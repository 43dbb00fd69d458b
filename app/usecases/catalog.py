"""Customers and products."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select

from app import clock
from app.db import tables as t
from app.domain import codes
from app.domain.errors import NotFoundError, UserError
from app.domain.money import to_decimal
from app.domain.party import Party
from app.usecases.company import party_from_row
from app.usecases.context import AppContext


def save_customer(ctx: AppContext, data: dict[str, Any]) -> Party:
    """Add a customer, or update the one with the same VKN/TCKN."""
    party = Party.from_dict(data)
    now = clock.local_now()
    with ctx.db.write_session() as s:
        row = s.scalar(select(t.Customer).where(t.Customer.vkn_tckn == party.vkn_tckn))
        if row is None:
            row = t.Customer(vkn_tckn=party.vkn_tckn, created_at=now)
            s.add(row)
        row.display_name = party.display_name
        row.data = party.to_dict()
        row.updated_at = now
    return party


def find_customer(ctx: AppContext, vkn_tckn: str) -> Party:
    with ctx.db.session() as s:
        row = s.scalar(select(t.Customer).where(t.Customer.vkn_tckn == vkn_tckn.strip()))
        if row is None:
            raise NotFoundError(f"{vkn_tckn} numaralı müşteri kayıtlı değil; önce "
                                "'tezgah customer add' ile ekleyin ya da faturada müşteri "
                                "bilgilerini yazın.")
        return party_from_row(row.data)


def list_customers(ctx: AppContext, search: str = "", limit: int = 1000) -> list[Party]:
    with ctx.db.session() as s:
        stmt = select(t.Customer).order_by(t.Customer.display_name).limit(limit)
        if search:
            like = f"%{search}%"
            stmt = stmt.where(or_(t.Customer.display_name.ilike(like),
                                  t.Customer.vkn_tckn.like(f"{search}%")))
        return [party_from_row(r.data) for r in s.scalars(stmt)]


def check_product(data: dict[str, Any]) -> tuple[str, str, Decimal, Decimal]:
    """The rules of a product record: (name, unit, unit price, KDV rate) or ``UserError``."""
    name = str(data.get("name") or "").strip()
    if not name:
        raise UserError("Ürün adı (name) boş olamaz.", field="name")
    unit = unit_code(str(data.get("unit") or "C62"))
    if unit not in codes.UNITS:
        raise UserError(f"Birim '{unit}' bilinmiyor; örnek C62 (adet), KGM, LTR.", field="unit")
    price = to_decimal(data.get("unit_price", "0"), field="birim fiyat")
    if price < 0:
        raise UserError("Birim fiyat eksi olamaz.", field="unit_price")
    kdv = to_decimal(data.get("kdv_rate", "20"), field="KDV oranı")
    if kdv not in codes.KDV_RATES:
        raise UserError("KDV oranı 0, 1, 10 ya da 20 olmalı.", field="kdv_rate")
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
    seller_code = str(data.get("seller_code") or "").strip() or None
    now = clock.local_now()
    with ctx.db.write_session() as s:
        row = None
        if data.get("id"):  # editing a known product
            row = s.get(t.Product, int(data["id"]))
            if row is None:
                raise NotFoundError("Düzenlenen ürün bulunamadı; silinmiş olabilir.")
        elif seller_code:
            row = s.scalar(select(t.Product).where(t.Product.seller_code == seller_code))
        if row is None:
            row = t.Product(created_at=now)
            s.add(row)
        row.name, row.unit, row.unit_price, row.kdv_rate = name, unit, price, kdv
        row.seller_code, row.updated_at = seller_code, now
        s.flush()
        return product_dict(row)


def product_dict(row: t.Product) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "unit": row.unit,
            "unit_price": str(row.unit_price), "kdv_rate": str(row.kdv_rate),
            "seller_code": row.seller_code or ""}


def list_products(ctx: AppContext, search: str = "", limit: int = 1000) -> list[dict[str, Any]]:
    with ctx.db.session() as s:
        stmt = select(t.Product).order_by(t.Product.name).limit(limit)
        if search:
            stmt = stmt.where(or_(t.Product.name.ilike(f"%{search}%"),
                                  t.Product.seller_code.like(f"{search}%")))
        return [product_dict(r) for r in s.scalars(stmt)]


__all__ = ["check_product", "find_customer", "list_customers", "list_products", "save_customer",
           "save_product"]
