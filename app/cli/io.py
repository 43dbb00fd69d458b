"""Small helpers shared by the sub-commands: reading JSON files, printing JSON."""

from __future__ import annotations

import json
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from app.context import AppContext
from app.domain.errors import UserError


def context(args: Any) -> AppContext:
    return AppContext.open(getattr(args, "data_dir", None))


def read_json(path: str) -> Any:
    """Read a JSON file; numbers with a fraction become Decimal (never float)."""
    try:
        text = sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8")
    except FileNotFoundError:
        raise UserError(f"Dosya bulunamadı: {path}") from None
    except UnicodeDecodeError:
        raise UserError(f"{path} UTF-8 metin değil; dosyayı UTF-8 olarak kaydedin.") from None
    except OSError as exc:
        raise UserError(f"{path} okunamadı: {exc.strerror}") from None
    try:
        return json.loads(text, parse_float=Decimal, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        raise UserError(f"{path} geçerli bir JSON değil (satır {exc.lineno}, sütun {exc.colno}): "
                        f"{exc.msg}") from None
    except RecursionError:
        raise UserError(f"{path} çok derin iç içe geçmiş; bir fatura, müşteri ya da ürün "
                        "dosyası olamaz.") from None
    except ValueError:  # an integer of thousands of digits (Python's int parsing limit)
        raise UserError(f"{path} içinde çok uzun bir sayı var; sayılar metin olarak ve makul "
                        "uzunlukta yazılmalı.") from None


def read_json_object(path: str, what: str) -> dict[str, Any]:
    """Read a JSON file that must hold one object ({…}); ``what`` names it in Turkish."""
    data = read_json(path)
    if not isinstance(data, dict):
        raise UserError(f"{path}: {what} bir JSON nesnesi ({{…}}) olmalı.")
    return data


def _no_constant(name: str) -> Any:
    raise UserError(f"JSON'da {name} geçerli bir değer değil; sayıları metin olarak yazın.")


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(type(value).__name__)


def print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2, default=_default))


def write_bytes(path: str, data: bytes) -> None:
    try:
        Path(path).write_bytes(data)
    except OSError as exc:
        raise UserError(f"{path} yazılamadı: {exc.strerror}") from None
