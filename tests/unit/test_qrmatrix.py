"""The karekod's fast QR builder (app.ubl.qrmatrix) gives, module for module, the symbol
segno gives for the same content (byte mode, error correction M, mask 0), in every
version; non-ASCII content goes through segno with the UTF-8 ECI header."""

from __future__ import annotations

import random
import string

import pytest
import segno

from app.ubl.qrmatrix import qr_rows


def segno_rows(text: str, **kw: object) -> list[bytes]:
    qr = segno.make(text, error="m", boost_error=False, micro=False, mask=0, **kw)
    return [bytes(row) for row in qr.matrix]


ALPHABET = string.ascii_letters + string.digits + '{}":,.()-'


@pytest.mark.parametrize("seed", range(2))
def test_every_version_matches_segno(seed: int) -> None:
    rng = random.Random(seed)
    seen = set()
    for length in range(1 + seed, 2332, 19):
        text = "".join(rng.choice(ALPHABET) for _ in range(length))
        rows = qr_rows(text)
        assert rows == segno_rows(text), length
        seen.add(len(rows))
    assert len(seen) == 40  # versions 1 … 40


def test_karekod_like_payloads_match_segno() -> None:
    for n in range(1, 400, 3):  # on a codeword boundary and off it
        text = '{"vkntckn":"1234567890","no":"ABC2026' + "0" * n + '"}'
        assert qr_rows(text) == segno_rows(text)


def test_non_ascii_goes_through_segno_with_eci() -> None:
    text = '{"pasaportno":"ÇĞİÖŞÜ 548213976"}'
    assert qr_rows(text) == segno_rows(text, encoding="utf-8", eci=True)


@pytest.mark.parametrize("text", ["5", "1234567890", "AB-12 $%*+./:"])
def test_numeric_and_alphanumeric_content_keeps_segno_modes(text: str) -> None:
    assert qr_rows(text) == segno_rows(text)


def test_too_long_is_refused() -> None:
    with pytest.raises(ValueError):
        qr_rows("x" * 2400)
