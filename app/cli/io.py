"""Small helpers shared by the sub-commands: reading JSON files, printing JSON."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.domain.errors import UserError

if TYPE_CHECKING:
    from app.context import AppContext


def context(args: Any) -> AppContext:
    # Opening the database loads SQLAlchemy: only the commands that use it pay for it.
    from app.context import AppContext

    return AppContext.open(getattr(args, "data_dir", None))


def read_json(path: str) -> Any:
    """Read a JSON file; numbers with a fraction become Decimal (never float)."""
    import json
    from decimal import Decimal

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
    from decimal import Decimal

    if isinstance(value, Decimal):
        return format(value, "f")
    raise TypeError(type(value).__name__)


def print_json(value: Any) -> None:
    import json

    print(json.dumps(value, ensure_ascii=False, indent=2, default=_default))


def json_text(value: Any, **options: Any) -> str:
    """``json.dumps`` for a command that prints JSON only when asked (json is loaded then)."""
    import json

    return json.dumps(value, **options)


def write_bytes(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all: into a temporary file beside it, then
    renamed over it. A full disk or a killed process leaves the old file (or none), never a
    half-written one."""
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.part")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(tmp, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise UserError(f"{path} yazılamadı: {exc.strerror or exc}") from None
