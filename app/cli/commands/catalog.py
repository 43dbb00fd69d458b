"""``tezgah company|customer|product …``"""

from __future__ import annotations

import argparse

from app.cli.io import context, print_json, read_json
from app.domain.errors import UserError


def register(sub: argparse._SubParsersAction) -> None:
    company = sub.add_parser("company", help="Firma bilgileri").add_subparsers(
        dest="action", metavar="İŞLEM", required=True)
    p = company.add_parser("set", help="Firma bilgilerini JSON dosyasından yaz")
    p.add_argument("--json", required=True, metavar="DOSYA")
    p.set_defaults(func=company_set)
    p = company.add_parser("logo", help="Faturada basılacak logo (PNG/JPEG); --remove kaldırır")
    p.add_argument("file", nargs="?")
    p.add_argument("--remove", action="store_true")
    p.set_defaults(func=company_logo)
    p = company.add_parser("show", help="Firma bilgilerini göster")
    p.set_defaults(func=company_show)

    customer = sub.add_parser("customer", help="Müşteriler").add_subparsers(
        dest="action", metavar="İŞLEM", required=True)
    p = customer.add_parser("add", help="Müşteri ekle ya da güncelle (JSON)")
    p.add_argument("--json", required=True, metavar="DOSYA")
    p.set_defaults(func=customer_add)
    p = customer.add_parser("list", help="Müşterileri listele")
    p.add_argument("--search", default="")
    p.add_argument("--json", action="store_true", dest="as_json")
    p.set_defaults(func=customer_list)

    product = sub.add_parser("product", help="Ürünler").add_subparsers(
        dest="action", metavar="İŞLEM", required=True)
    p = product.add_parser("add", help="Ürün ekle (JSON)")
    p.add_argument("--json", required=True, metavar="DOSYA")
    p.set_defaults(func=product_add)
    p = product.add_parser("list", help="Ürünleri listele")
    p.add_argument("--search", default="")
    p.add_argument("--json", action="store_true", dest="as_json")
    p.set_defaults(func=product_list)


def company_set(args: argparse.Namespace) -> int:
    from app.usecases.company import set_company

    party = set_company(context(args), read_json(args.json))
    print(f"Firma kaydedildi: {party.display_name} ({party.scheme} {party.vkn_tckn})")
    return 0


def company_logo(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.usecases.company import set_company_logo

    if args.remove:
        set_company_logo(context(args), None)
        print("Logo kaldırıldı.")
        return 0
    if not args.file:
        raise UserError("Logo dosyasını verin: tezgah company logo LOGO.png")
    try:
        image = Path(args.file).read_bytes()
    except OSError as exc:
        raise UserError(f"{args.file} okunamadı: {exc.strerror}") from None
    set_company_logo(context(args), image)
    print("Logo kaydedildi; faturalarda basılacak.")
    return 0


def company_show(args: argparse.Namespace) -> int:
    from app.usecases.company import company_series, get_company

    ctx = context(args)
    party = get_company(ctx)
    if party is None:
        raise UserError("Firma bilgisi girilmemiş: tezgah company set --json FIRMA.json")
    from app.usecases.inbox import postbox_alias
    from app.usecases.postbox_api import connection

    efatura, earchive = company_series(ctx)
    # postbox_alias as set (empty: derived); the one GİB delivers to, derived or not
    print_json({**party.to_dict(), "efatura_series": efatura, "earchive_series": earchive,
                "postbox_alias": connection(ctx)["alias"],
                "postbox_alias_in_use": postbox_alias(ctx)})
    return 0


def _many(data: object) -> list[dict]:
    if isinstance(data, list):
        return data
    if isinstance(data, dict):
        return [data]
    raise UserError("JSON bir nesne ya da nesne listesi olmalı.")


def customer_add(args: argparse.Namespace) -> int:
    from app.usecases import catalog

    ctx = context(args)
    for item in _many(read_json(args.json)):
        party = catalog.save_customer(ctx, item)
        print(f"Müşteri kaydedildi: {party.display_name} ({party.vkn_tckn})")
    return 0


def customer_list(args: argparse.Namespace) -> int:
    from app.usecases import catalog

    parties = catalog.list_customers(context(args), args.search)
    if args.as_json:
        print_json([p.to_dict() for p in parties])
    else:
        for p in parties:
            print(f"{p.vkn_tckn:<11}  {p.display_name}  {p.address.district}/{p.address.city}")
    return 0


def product_add(args: argparse.Namespace) -> int:
    from app.usecases import catalog

    ctx = context(args)
    for item in _many(read_json(args.json)):
        product = catalog.save_product(ctx, item)
        print(f"Ürün kaydedildi: {product['name']}")
    return 0


def product_list(args: argparse.Namespace) -> int:
    from app.usecases import catalog

    products = catalog.list_products(context(args), args.search)
    if args.as_json:
        print_json(products)
    else:
        from decimal import Decimal

        from app.domain.money import format_decimal_tr

        for p in products:
            print(f"{p['name']:<40} {format_decimal_tr(Decimal(p['unit_price'])):>12}  "
                  f"{p['unit']}  %{p['kdv_rate']}")
    return 0
