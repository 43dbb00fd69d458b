"""The documents inside a GİB envelope (zarf, SBDH ``StandardBusinessDocument``), exactly as
their bytes stand in it.

Signed documents are byte-exact: an envelope is built around each document's bytes
(``app.gib.envelope.build_envelope``), and taken apart here by cutting the bytes of
``ElementList``'s top-level elements, never by re-serialising a parsed tree, so a signature
verifies after extraction as it did before enveloping. Used by the envelope code and by the
signature verifier alike.
"""

from __future__ import annotations

import re

from app.domain.errors import UserError

_ELEMENT_LIST_OPEN = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?ElementList(?:\s[^>]*)?>")
_ELEMENT_LIST_CLOSE = re.compile(rb"</(?:[A-Za-z_][\w.-]*:)?ElementList\s*>")


_MARKUP_RE = re.compile(
    rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>"
    rb"""|<(/?)[^>"'!?][^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>""",
    re.DOTALL,
)


def _split_top_level(data: bytes) -> list[bytes]:
    """Top-level elements of an XML fragment, as their exact bytes (comments, PIs, CDATA
    and quoted attribute values are skipped correctly)."""
    out: list[bytes] = []
    depth, start = 0, -1
    for m in _MARKUP_RE.finditer(data):
        closing = m.group(1)
        if closing is None:  # comment, CDATA or PI
            continue
        if closing:
            depth -= 1
            if depth == 0:
                out.append(data[start:m.end()])
            elif depth < 0:
                raise UserError("Zarf XML'i bozuk (fazladan kapanış etiketi).")
        elif data[m.end() - 2] == 0x2F:  # self-closing '/>'
            if depth == 0:
                out.append(data[m.start():m.end()])
        else:
            if depth == 0:
                start = m.start()
            depth += 1
    if depth != 0:
        raise UserError("Zarf XML'i yarım kalmış (kapanmayan etiket).")
    return out


def extract_documents(envelope: bytes) -> list[bytes]:
    """The documents in ``ElementList`` exactly as they appear in the envelope's bytes.

    A signed invoice taken out this way verifies as it did before it was enveloped, as long
    as it declares its own namespaces (GİB's and Tezgâh's invoices do).
    """
    body = envelope[3:] if envelope.startswith(b"\xef\xbb\xbf") else envelope
    opened = _ELEMENT_LIST_OPEN.search(body)
    closes = list(_ELEMENT_LIST_CLOSE.finditer(body))
    if not opened or not closes:
        raise UserError("Zarfta ElementList bulunamadı.")
    return _split_top_level(body[opened.end():closes[-1].start()])
