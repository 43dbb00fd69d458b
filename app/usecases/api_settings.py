"""Ayarlar › Diğer programlar: the local API's port, whether it is open to the network and
may sign a batch, and the watched folder (``app.settings.API_SETTINGS``).

Every value is checked by its setting's own ``parse`` before anything is written; a wrong
one is a ``UserError`` in Turkish naming the field, and nothing of the group is stored.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from app import settings
from app.context import AppContext
from app.domain.errors import UserError
from app.usecases.watch_folder import DEFAULT_FOLDER_NAME

# As ``app.usecases.watch_folder.folder_path`` resolves it: empty is
# ``<data folder>/gelen-dosyalar``, a relative path is inside the data folder.
DEFAULT_WATCH_FOLDER = DEFAULT_FOLDER_NAME
LABELS = {
    settings.API_PORT.key: "API portu",
    settings.API_OPEN_TO_NETWORK.key: "Ağa aç",
    settings.API_BATCH_SIGNING.key: "API ile toplu imza",
    settings.WATCH_FOLDER_ENABLED.key: "İzlenen klasör",
    settings.WATCH_FOLDER.key: "İzlenen klasörün yolu",
}


def watch_folder_path(data_dir: Path, configured: str) -> Path:
    """The folder ``configured`` names (see ``DEFAULT_WATCH_FOLDER``)."""
    text = (configured or "").strip()
    if not text:
        return data_dir / DEFAULT_WATCH_FOLDER
    path = Path(text).expanduser()
    return path if path.is_absolute() else data_dir / path


def api_settings(ctx: AppContext) -> dict[str, Any]:
    """The group's values by key, the watched folder in use (``watch_folder_path``) and the
    default one."""
    with ctx.db.session() as s:
        values: dict[str, Any] = {x.key: settings.get(s, x) for x in settings.API_SETTINGS}
    values["watch_folder_path"] = str(watch_folder_path(ctx.data_dir,
                                                        values[settings.WATCH_FOLDER.key]))
    values["default_watch_folder"] = str(ctx.data_dir / DEFAULT_WATCH_FOLDER)
    return values


def _port(value: Any) -> int:
    shown = str(value).strip()
    if isinstance(value, str) and not (shown.isascii() and shown.isdigit()):
        raise UserError(f"API portu bir sayı olmalı (1–65535); '{shown[:20]}' yazıldı.",
                        field=settings.API_PORT.key)
    try:
        return settings.API_PORT.parse(shown)
    except (TypeError, ValueError):
        raise UserError(f"API portu 1 ile 65535 arasında olmalı; '{shown[:20]}' yazıldı.",
                        field=settings.API_PORT.key) from None


def _folder(data_dir: Path, value: Any) -> str:
    key = settings.WATCH_FOLDER.key
    try:
        text = settings.WATCH_FOLDER.parse(value)
    except (TypeError, ValueError) as exc:
        raise UserError(f"İzlenen klasörün yolu: {exc}.", field=key) from None
    path = watch_folder_path(data_dir, text)
    if path.exists() and not path.is_dir():
        raise UserError(f"İzlenen klasörün yolu bir dosya: {path}. Bir klasör seçin.",
                        field=key)
    return text


def check(data_dir: Path, values: dict[str, Any]) -> dict[str, Any]:
    """The group's values of ``values`` as they will be stored; others are ignored."""
    checked: dict[str, Any] = {}
    for setting in settings.API_SETTINGS:
        if setting.key not in values:
            continue
        value = values[setting.key]
        if setting is settings.API_PORT:
            checked[setting.key] = _port(value)
        elif setting is settings.WATCH_FOLDER:
            checked[setting.key] = _folder(data_dir, value)
        else:
            try:
                checked[setting.key] = setting.parse(value)
            except (TypeError, ValueError) as exc:
                raise UserError(f"{LABELS[setting.key]}: {exc}", field=setting.key) from None
    return checked


def save_api_settings(ctx: AppContext, values: dict[str, Any]) -> dict[str, Any]:
    """Check, then store the group's values together; returns ``api_settings``."""
    checked = check(ctx.data_dir, values)
    with ctx.db.write_session() as s:
        settings.put_group(s, settings.API_SETTINGS, checked, "Diğer programlar")
    return api_settings(ctx)


def open_watch_folder(ctx: AppContext, configured: str | None = None) -> Path:
    """The watched folder ``configured`` names (None: the stored setting's), made if it is
    not there yet, to be shown."""
    if configured is None:
        configured = settings.read(ctx, settings.WATCH_FOLDER)
    path = watch_folder_path(ctx.data_dir, _folder(ctx.data_dir, configured))
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UserError(f"{path} klasörü oluşturulamadı: {exc.strerror or exc}") from None
    return path


__all__ = ["DEFAULT_WATCH_FOLDER", "LABELS", "api_settings", "check", "open_watch_folder",
           "save_api_settings", "watch_folder_path"]
