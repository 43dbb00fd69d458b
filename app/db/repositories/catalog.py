"""Customers and products."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from app.db import tables as t


def customer_data(s: Session, vkn_tckn: str) -> dict[str, Any] | None:
    """The stored party JSON of the customer, or None."""
    row = s.scalar(select(t.Customer).where(t.Customer.vkn_tckn == vkn_tckn))
    return row.data if row else None


def save_customer(s: Session, *, vkn_tckn: str, display_name: str, data: dict[str, Any],
                  now: datetime) -> None:
    """Add the customer, or update the one with the same VKN/TCKN."""
    row = s.scalar(select(t.Customer).where(t.Customer.vkn_tckn == vkn_tckn))
    if row is None:
        row = t.Customer(vkn_tckn=vkn_tckn, created_at=now)
        s.add(row)
    row.display_name = display_name
    row.data = data
    row.updated_at = now


def list_customer_data(s: Session, search: str = "", limit: int = 1000) -> list[dict[str, Any]]:
    stmt = select(t.Customer).order_by(t.Customer.display_name).limit(limit)
    if search:
        like = f"%{search}%"
        stmt = stmt.where(or_(t.Customer.display_name.ilike(like),
                              t.Customer.vkn_tckn.like(f"{search}%")))
    return [r.data for r in s.scalars(stmt)]


def product_dict(row: t.Product) -> dict[str, Any]:
    return {"id": row.id, "name": row.name, "unit": row.unit,
            "unit_price": str(row.unit_price), "kdv_rate": str(row.kdv_rate),
            "seller_code": row.seller_code or ""}


class ProductNotFound(LookupError):
    """The product being edited is gone."""


def save_product(s: Session, *, product_id: int | None, name: str, unit: str,
                 unit_price: Decimal, kdv_rate: Decimal, seller_code: str | None,
                 now: datetime) -> dict[str, Any]:
    """Edit the product ``product_id``, or the one with ``seller_code``, or add a new one."""
    row = None
    if product_id:
        row = s.get(t.Product, product_id)
        if row is None:
            raise ProductNotFound(product_id)
    elif seller_code:
        row = s.scalar(select(t.Product).where(t.Product.seller_code == seller_code))
    if row is None:
        row = t.Product(created_at=now)
        s.add(row)
    row.name, row.unit, row.unit_price, row.kdv_rate = name, unit, unit_price, kdv_rate
    row.seller_code, row.updated_at = seller_code, now
    s.flush()
    return product_dict(row)


def list_products(s: Session, search: str = "", limit: int = 1000) -> list[dict[str, Any]]:
    stmt = select(t.Product).order_by(t.Product.name).limit(limit)
    if search:
        stmt = stmt.where(or_(t.Product.name.ilike(f"%{search}%"),
                              t.Product.seller_code.like(f"{search}%")))
    return [product_dict(r) for r in s.scalars(stmt)]
