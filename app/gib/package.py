"""Packing an envelope for ``sendDocument``: one ``<UUID>.xml`` inside ``<UUID>.zip``, and
the zip's MD5 (Ek-3 §4 standard zip, §5 MD5 as 32 hex characters, §7.7 file name =
InstanceIdentifier + ".zip")."""

from __future__ import annotations

import hashlib
import io
import zipfile
from datetime import datetime

from app import clock
from app.domain.errors import UserError

from .envelope import is_uuid


def md5_hex(data: bytes) -> str:
    return hashlib.md5(data, usedforsecurity=False).hexdigest()


def zip_file_name(envelope_uuid: str) -> str:
    return f"{envelope_uuid}.zip"


def zip_envelope(envelope_xml: bytes, envelope_uuid: str, *,
                 timestamp: datetime | None = None) -> tuple[bytes, str]:
    """``(zip_bytes, md5_hex_lower)``. ``timestamp`` fixes the entry's date so the same
    envelope always packs to the same bytes (and MD5); default: the current local time."""
    if not is_uuid(envelope_uuid):
        raise UserError(f"Zarf numarası GUID biçiminde olmalı: {envelope_uuid!r}.")
    when = (timestamp or clock.local_now()).timetuple()[:6]
    info = zipfile.ZipInfo(f"{envelope_uuid}.xml", date_time=when)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        zf.writestr(info, envelope_xml)
    data = buffer.getvalue()
    return data, md5_hex(data)
