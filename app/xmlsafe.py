"""The one place where untrusted XML is parsed.

No DTD, no entity expansion, no network access, a size limit; comments and whitespace are
kept so a signed document's bytes and digests are never disturbed by parsing.
``iterparse`` streams large files (GİB's user list) with the same protections.

Reading text: a signature's digest is taken over canonical XML *without comments*, where
CDATA sections and character references are plain text too. An element's ``.text`` stops
at its first comment or processing instruction, so ``<a>7<!---->1.96</a>`` would read as
"7" in a document whose signature still verifies. Read text with ``string_value`` /
``find_string``: the element's whole text (XPath ``string()``), which is what is signed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from lxml import etree

from app.domain.errors import UserError
from app.domain.money import format_count_tr as bytes_tr

MAX_XML_BYTES = 50 * 1024 * 1024


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=False,
        remove_comments=False,
    )


def parse_bytes(data: bytes, *, max_bytes: int = MAX_XML_BYTES) -> etree._ElementTree:
    """Parse ``data`` safely; raise ``UserError`` in Turkish when it is not usable XML."""
    if len(data) > max_bytes:
        raise UserError(
            f"Dosya çok büyük ({bytes_tr(len(data))} bayt); en fazla {bytes_tr(max_bytes)} bayt "
            "kabul edilir."
        )
    if not data.strip():
        raise UserError("Dosya boş; bir XML belgesi bekleniyordu.")
    try:
        root = etree.fromstring(data, _parser())
    except etree.XMLSyntaxError as exc:
        raise UserError(f"Dosya geçerli bir XML belgesi değil: {exc}") from exc
    tree = root.getroottree()
    if tree.docinfo.doctype:
        raise UserError("XML belgesi DOCTYPE içeriyor; güvenlik nedeniyle kabul edilmez.")
    return tree


def string_value(el: etree._Element | None) -> str | None:
    """The XPath string value of ``el``: all its text and its descendants' text, in order,
    without comments and processing instructions; ``None`` when ``el`` is ``None``."""
    if el is None:
        return None
    return "".join(el.itertext())


def find_string(parent: etree._Element | None, path: str,
                namespaces: dict[str, str] | None = None) -> str | None:
    """``parent.findtext(path)`` reading the whole string value of the element found
    (see ``string_value``); ``None`` when there is no such element."""
    if parent is None:
        return None
    return string_value(parent.find(path, namespaces))


def iterparse(source: str | Path | IO[bytes], *, tag: str | tuple[str, ...],
              remove_comments: bool = False) -> Iterator[tuple[str, etree._Element]]:
    """Stream the ``end`` events of the elements named ``tag`` in ``source`` (a path or a
    binary file): no DTD, no entity expansion, no network access. There is no size limit
    (files such as GİB's user list are hundreds of megabytes); the caller clears what it
    has read. Syntax errors raise ``etree.XMLSyntaxError`` while iterating."""
    return etree.iterparse(
        str(source) if isinstance(source, Path) else source,
        events=("end",), tag=tag, resolve_entities=False, no_network=True, load_dtd=False,
        huge_tree=True, remove_comments=remove_comments,
    )
