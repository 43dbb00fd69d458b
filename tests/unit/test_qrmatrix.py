"""The karekod's fast QR builder (app.ubl.qrmatrix) gives, module for module, the symbol
segno gives for the same content (byte mode, error correction M, mask 0), in every
version; non-ASCII content goes through segno with the UTF-8 ECI header."""

from __future__ import annotations

import random
import string
import subprocess
import sys
from pathlib import Path

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


def test_tables_are_segnos() -> None:
    from segno import consts as segno_consts

    from app.ubl import qrmatrix

    for name in ("ALPHANUMERIC_CHARS", "ERROR_LEVEL_M", "SYMBOL_CAPACITY", "ECC",
                 "ALIGNMENT_POS", "FORMAT_INFO", "VERSION_INFO", "GEN_POLY", "GALIOS_LOG",
                 "GALIOS_EXP"):
        assert getattr(qrmatrix.consts, name) == getattr(segno_consts, name), name


@pytest.mark.parametrize("version", range(1, 41))
def test_function_patterns_are_segnos(version: int) -> None:
    from segno import encoder

    from app.ubl.qrmatrix import _function_patterns

    size = version * 4 + 17
    expected = encoder.make_matrix(size, size)
    encoder.add_finder_patterns(expected, size, size)
    encoder.add_alignment_patterns(expected, size, size)
    encoder.add_format_info(expected, version, 0, 0)  # error level M, mask 0
    encoder.add_version_info(expected, version)
    assert [bytes(r) for r in _function_patterns(version)] == [bytes(r) for r in expected]


def test_a_karekod_does_not_load_segno() -> None:
    code = ("import sys; from app.ubl.qrmatrix import qr_rows; qr_rows('{\"no\":\"ABC1\"}'); "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('segno', 'urllib')"
            " and m != 'urllib.parse' and m != 'urllib'))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parents[2])
    assert out.stdout.strip() == "[]"
