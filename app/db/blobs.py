"""Document bytes stored compressed, read back exactly as they were written.

``StoredDocument`` is the column type of ``documents.content``. On write it deflates the
bytes (zlib, level ``LEVEL``) with a preset dictionary and stores the result behind a short
header when that is smaller; otherwise it stores the bytes as they are. On read a value
without the header is returned as it is, so rows written before compression existed are
read unchanged (no migration: the column stays a BLOB).

Stored form of a compressed value::

    b"\\x00TZ" | format (1 byte) | original length (4 bytes, big-endian) | zlib stream

A stored value starting with ``b"\\x00TZ"`` can never be raw document bytes we keep: no XML
document (UTF-8, UTF-16 or with a byte order mark), zip or PDF starts with a NUL byte followed
by ``TZ``. Should a raw document ever start with the header, it is stored behind a header of
format ``RAW`` instead, so reading stays unambiguous.

Formats (a format and its dictionary never change once released: documents are kept ten
years; a new dictionary gets a new format byte and the old one stays for reading):

* ``0`` RAW — the original bytes follow the header as they are;
* ``1`` ``resources/dictionaries/invoice-1.bin`` — zlib with the dictionary built from a
  signed Tezgâh invoice: its signature and header skeleton, the base64 of Tezgâh's invoice
  stylesheet and the skeleton of its parties and one line (``resources/dictionaries/README.md``).

The zlib stream's own checks (dictionary id, Adler-32) and the stored length catch damage;
a damaged value raises ``StoredDocumentDamaged`` (a ``UserError`` with a Turkish message).
``sha256`` columns keep the hash of the original bytes, never of the stored form.
"""

from __future__ import annotations

import hashlib
import struct
import zlib
from functools import cache
from typing import Final

from sqlalchemy import LargeBinary, TypeDecorator

from app.domain.errors import UserError
from app.resources import resource_path

MAGIC: Final = b"\x00TZ"
RAW: Final = 0
INVOICE_1: Final = 1
CURRENT: Final = INVOICE_1  # the format new values are written in
LEVEL: Final = 1  # level 6: 1–1.5 KB smaller, twice the time (docs/performance.md #16)
# Compressed only when that saves at least 1/32 of the size: a zip or a PDF, already
# deflated, stays raw and is read without inflating.
MIN_SAVING: Final = 32
DICTIONARIES: Final = {INVOICE_1: "invoice-1.bin"}
# SHA-256 of each dictionary file; checked when it is loaded (the tests pin it too).
DICTIONARY_SHA256: Final = {
    INVOICE_1: "ae9679337e1b275c17a6d2161d9cbedc6234e5012af7375614a981916457ba17",
}
_HEADER = struct.Struct(">3sBI")  # magic, format, original length
HEADER_SIZE: Final = _HEADER.size

DAMAGED_MESSAGE: Final = ("Saklanan bir belge okunamıyor: içeriği bozulmuş, arşiv bozulmuş olabilir. "
                          "Yedekten geri yükleyin.")


class StoredDocumentDamaged(UserError):
    """A stored document's bytes cannot be restored (bad header, zlib error, wrong length)."""

    def __init__(self, detail: str) -> None:
        super().__init__(DAMAGED_MESSAGE)
        self.detail = detail  # English, for the log


@cache
def dictionary(fmt: int) -> bytes:
    """The preset dictionary of format ``fmt``, checked against its pinned SHA-256."""
    data = resource_path("dictionaries", DICTIONARIES[fmt]).read_bytes()
    if hashlib.sha256(data).hexdigest() != DICTIONARY_SHA256[fmt]:
        raise RuntimeError(f"compression dictionary {DICTIONARIES[fmt]} is not the released one")
    return data


def pack(content: bytes, *, fmt: int = CURRENT, level: int = LEVEL) -> bytes:
    """The stored form of ``content``: compressed behind a header when that is clearly smaller, else
    ``content`` itself (or, when it starts like a header, behind a RAW header)."""
    z = zlib.compressobj(level, zlib.DEFLATED, 15, 9, zlib.Z_DEFAULT_STRATEGY,
                         zdict=dictionary(fmt))
    packed = z.compress(content) + z.flush()
    if HEADER_SIZE + len(packed) <= len(content) - len(content) // MIN_SAVING:
        return _HEADER.pack(MAGIC, fmt, len(content)) + packed
    if content.startswith(MAGIC):
        return _HEADER.pack(MAGIC, RAW, len(content)) + content
    return content


def is_packed(stored: bytes) -> bool:
    return stored.startswith(MAGIC)


def unpack(stored: bytes) -> bytes:
    """The original bytes of a stored value (``pack``'s inverse; raw values pass through)."""
    if not stored.startswith(MAGIC):
        return stored
    if len(stored) < HEADER_SIZE:
        raise StoredDocumentDamaged("stored value shorter than its header")
    _, fmt, length = _HEADER.unpack_from(stored)
    body = memoryview(stored)[HEADER_SIZE:]
    if fmt == RAW:
        if len(body) != length:
            raise StoredDocumentDamaged(f"raw value of {len(body)} bytes, header says {length}")
        return bytes(body)
    if fmt not in DICTIONARIES:
        raise StoredDocumentDamaged(f"unknown storage format {fmt}")
    z = zlib.decompressobj(zdict=dictionary(fmt))
    try:
        out = z.decompress(body, length + 1)  # never more than one byte beyond its length
    except zlib.error as exc:
        raise StoredDocumentDamaged(f"zlib: {exc}") from None
    if not z.eof or z.unused_data or z.unconsumed_tail or len(out) != length:
        raise StoredDocumentDamaged(f"compressed value does not give its {length} bytes")
    return out


def head(stored: bytes, size: int) -> bytes | None:
    """The first ``size`` original bytes from a prefix of a stored value, or None when the
    prefix is too short to give them (the caller then reads the whole value). The prefix must
    be at least ``HEADER_SIZE`` bytes long."""
    if not stored.startswith(MAGIC):
        return stored[:size]
    if len(stored) < HEADER_SIZE:
        raise StoredDocumentDamaged("stored value shorter than its header")
    _, fmt, length = _HEADER.unpack_from(stored)
    want = min(size, length)
    if fmt == RAW:
        out = stored[HEADER_SIZE:HEADER_SIZE + want]
    elif fmt in DICTIONARIES:
        z = zlib.decompressobj(zdict=dictionary(fmt))
        try:
            out = z.decompress(memoryview(stored)[HEADER_SIZE:], want)
        except zlib.error:
            return None  # a cut-off stream may end anywhere; the whole value tells
    else:
        raise StoredDocumentDamaged(f"unknown storage format {fmt}")
    return out if len(out) == want else None


class StoredDocument(TypeDecorator[bytes]):
    """A BLOB holding a document's exact bytes, compressed when that makes it smaller."""

    impl = LargeBinary
    cache_ok = True

    def process_bind_param(self, value: bytes | None, dialect: object) -> bytes | None:
        return None if value is None else pack(bytes(value))

    def process_result_value(self, value: bytes | None, dialect: object) -> bytes | None:
        return None if value is None else unpack(bytes(value))
