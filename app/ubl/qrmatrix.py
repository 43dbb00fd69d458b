"""The karekod's QR matrix, built fast for the one case invoices use.

Every karekod is ASCII JSON: byte mode, error correction M, data mask 0, no ECI. For that
case the symbol is built here in a few hundred microseconds, against ~5.6 ms through
segno's general encoder (pure Python placement and masking module by module). Everything
that does not depend on the data is computed once per QR version and kept: the symbol
with its function patterns, format and version information, the data modules in placement
order and the mask over them. The tables (block layout, capacities, alignment positions,
format and version information, Galois field) are segno's own ``segno/consts.py``, loaded
without the ``segno`` package, whose writers import ``urllib.request`` (a few tens of
milliseconds at the start of every ``tezgah pdf``). The matrix is module for module what
``segno.make(text, error="m", mask=0, boost_error=False, micro=False)`` gives
(tests/unit/test_qrmatrix.py); any other content (non-ASCII, which needs the UTF-8 ECI
header; digits and capitals only, which segno writes in numeric or alphanumeric mode) goes
through segno.
"""

from __future__ import annotations

import importlib.util
import operator
import sys
import threading
from pathlib import Path
from types import ModuleType


def _segno_consts() -> ModuleType:
    """segno's ``consts`` module (plain tables, no imports but ``collections``): the one
    already loaded, or its file run on its own, without ``segno/__init__``."""
    loaded = sys.modules.get("segno.consts")
    if loaded is not None:
        return loaded
    package = importlib.util.find_spec("segno")  # finds the package without running it
    if package is None:
        raise ImportError("segno is not installed")
    path = Path(package.origin).with_name("consts.py") if package.origin else None
    if path is None or not path.is_file():
        # a frozen app keeps segno's modules in its archive, not as files: import it whole
        from segno import consts as packaged

        return packaged
    spec = importlib.util.spec_from_file_location("app.ubl._segno_consts", path)
    if spec is None or spec.loader is None:
        raise ImportError("segno/consts.py not found")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


consts = _segno_consts()

_M = consts.ERROR_LEVEL_M
_MASK = 0
_lock = threading.Lock()
_versions: dict[int, _Version] = {}
_DATA = 0x2  # a module not yet set: the data modules once the function patterns are in


def _function_patterns(version: int) -> list[bytearray]:
    """The symbol of ``version`` with everything but the data (ISO/IEC 18004 §6.3, §7.9,
    §7.10; the same steps as segno's encoder): finder patterns with their separators,
    timing, alignment patterns, format information (M, mask 0), the dark module and the
    version information. The data modules are ``_DATA``."""
    size = version * 4 + 17
    m = [bytearray([_DATA]) * size for _ in range(size)]
    # timing patterns: dark on even positions
    for k in range(8, size - 8):
        m[6][k] = m[k][6] = (k + 1) & 1
    # finder patterns and their separators
    for top, left in ((0, 0), (0, size - 7), (size - 7, 0)):
        for r in range(-1, 8):
            for c in range(-1, 8):
                i, j = top + r, left + c
                if 0 <= i < size and 0 <= j < size:
                    ring = max(abs(r - 3), abs(c - 3))
                    m[i][j] = 1 if ring in (0, 1, 3) else 0
    # alignment patterns, except where a finder pattern is
    if version >= 2:
        positions = consts.ALIGNMENT_POS[version - 2]
        low, high = positions[0], positions[-1]
        for x in positions:
            for y in positions:
                if (x, y) in ((low, low), (low, high), (high, low)):
                    continue
                for r in range(-2, 3):
                    for c in range(-2, 3):
                        m[x + r][y + c] = 0 if max(abs(r), abs(c)) == 1 else 1
    # format information: bit i vertically at the top left and horizontally at the top
    # right, bit 14 - i horizontally at the top left and vertically at the bottom left
    info = consts.FORMAT_INFO[_MASK]  # error level M adds 0 to the mask number
    row8 = m[8]
    voffset = hoffset = 0
    for i in range(8):
        vbit = (info >> i) & 1
        hbit = (info >> (14 - i)) & 1
        if i == 6:  # the timing pattern
            voffset += 1
            hoffset = 1
        m[i + voffset][8] = vbit
        row8[i + hoffset] = hbit
        row8[-1 - i] = vbit
        m[-1 - i][8] = hbit
    m[-8][8] = 1  # the dark module
    if version >= 7:
        bits = consts.VERSION_INFO[version - 7]
        for i in range(6):
            for k in range(3):
                bit = (bits >> (i * 3 + k)) & 1
                m[-11 + k][i] = bit
                m[i][-11 + k] = bit
    return m


class _Version:
    """What a version's symbols share: template, data module order, mask, block layout."""

    __slots__ = ("blocks", "capacity_bits", "count_bits", "data_codewords", "mask",
                 "place", "positions", "size", "template")

    def __init__(self, version: int) -> None:
        size = version * 4 + 17
        self.size = size
        self.count_bits = 8 if version < 10 else 16
        self.capacity_bits = consts.SYMBOL_CAPACITY[version][_M]
        self.blocks = [(ec.num_blocks, ec.num_data, ec.num_total - ec.num_data)
                       for ec in consts.ECC[version][_M]]
        self.data_codewords = sum(n * d for n, d, _e in self.blocks)
        function = _function_patterns(version)
        self.template = bytearray(b"".join(bytes(row) for row in function))
        # the data modules in placement order (ISO/IEC 18004 §7.7.3), as segno places them
        positions: list[int] = []
        for right in range(size - 1, 0, -2):
            if right <= 6:
                right -= 1
            for vertical in range(size):
                for z in (0, 1):
                    j = right - z
                    upwards = ((right & 2) == 0) ^ (j < 6)
                    i = (size - 1 - vertical) if upwards else vertical
                    if function[i][j] == _DATA:
                        positions.append(i * size + j)
        self.positions = positions
        # placement as one C-level gather: flat module p of the symbol is item place[p] of
        # (data modules + template), the data module's index or the template's own value
        where = {pos: k for k, pos in enumerate(positions)}
        n = len(positions)
        self.place = operator.itemgetter(*(where.get(p, n + p) for p in range(size * size)))
        # mask 0: dark where (row + column) is even
        self.mask = int("".join("1" if (p // size + p % size) % 2 == 0 else "0"
                                for p in positions), 2)


def _version(version: int) -> _Version:
    found = _versions.get(version)
    if found is None:
        with _lock:
            found = _versions.get(version)
            if found is None:
                found = _versions[version] = _Version(version)
    return found


_generators: dict[int, list[int]] = {}


def _generator(n_ecc: int) -> list[int]:
    """For every byte value c, the generator polynomial times c, as one integer."""
    table = _generators.get(n_ecc)
    if table is None:
        log, exp, gen = consts.GALIOS_LOG, consts.GALIOS_EXP, consts.GEN_POLY[n_ecc]
        table = [0] + [int.from_bytes(bytes(exp[log[c] + g] for g in gen), "big")
                       for c in range(1, 256)]
        _generators[n_ecc] = table
    return table


def _ecc(block: bytes, n_ecc: int) -> bytes:
    """Reed-Solomon error correction codewords of one block (GF(256), 0x11D): the
    polynomial division as a shift register held in one integer."""
    table = _generator(n_ecc)
    shift = 8 * (n_ecc - 1)
    full = (1 << 8 * n_ecc) - 1
    rest = 0
    for byte in block:
        rest = ((rest << 8) & full) ^ table[(rest >> shift) ^ byte]
    return rest.to_bytes(n_ecc, "big")


_TO_MODULES = bytes.maketrans(b"01", b"\x00\x01")


def _fits(version: int, nbytes: int) -> bool:
    return 4 + (8 if version < 10 else 16) + 8 * nbytes <= consts.SYMBOL_CAPACITY[version][_M]


def qr_rows(text: str) -> list[bytes]:
    """The QR symbol of ``text`` as rows of 0/1 bytes (1 = dark), top row first."""
    if not text.isascii():
        import segno

        qr = segno.make(text, error="m", boost_error=False, micro=False, mask=_MASK,
                        encoding="utf-8", eci=True)
        return [bytes(row) for row in qr.matrix]
    data = text.encode("ascii")
    if not data.translate(None, consts.ALPHANUMERIC_CHARS):
        # digits and capitals only (never a karekod's JSON): segno's numeric or
        # alphanumeric mode
        import segno

        qr = segno.make(text, error="m", boost_error=False, micro=False, mask=_MASK)
        return [bytes(row) for row in qr.matrix]
    version = next((v for v in range(1, 41) if _fits(v, len(data))), None)
    if version is None:
        raise ValueError("karekod content too long for a QR code")
    ver = _version(version)
    # byte mode indicator, character count, data, terminator, padding to whole codewords
    bits = 4 + ver.count_bits + 8 * len(data)
    value = ((0x4 << ver.count_bits | len(data)) << 8 * len(data)) | int.from_bytes(data, "big")
    pad = min(4, ver.capacity_bits - bits)
    bits += pad
    value <<= pad
    # segno pads a stream already on a codeword boundary with a whole zero codeword (after
    # the terminator, so readers never see it); kept, so the symbols stay the same
    tail = 8 - bits % 8
    value <<= tail
    bits += tail
    message = bytearray(value.to_bytes(bits // 8, "big")[:ver.data_codewords])
    filler = (0xEC, 0x11)
    i = 0
    while len(message) < ver.data_codewords:
        message.append(filler[i & 1])
        i += 1
    # blocks, error correction, interleaving (ISO/IEC 18004 §7.5, §7.6)
    data_blocks: list[bytes] = []
    ecc_blocks: list[bytes] = []
    offset = 0
    for count, n_data, n_ecc in ver.blocks:
        for _ in range(count):
            block = bytes(message[offset:offset + n_data])
            offset += n_data
            data_blocks.append(block)
            ecc_blocks.append(_ecc(block, n_ecc))
    final = bytearray()
    longest = max(len(b) for b in data_blocks)
    for k in range(longest):
        final.extend(b[k] for b in data_blocks if k < len(b))
    for k in range(len(ecc_blocks[0])):
        final.extend(b[k] for b in ecc_blocks)
    # placement: message bits (remainder bits 0) xor the mask, into the data modules
    n_modules = len(ver.positions)
    stream = int.from_bytes(final, "big") << (n_modules - 8 * len(final))
    modules = format(stream ^ ver.mask, f"0{n_modules}b").encode().translate(_TO_MODULES)
    flat = bytes(ver.place(modules + ver.template))
    size = ver.size
    return [bytes(flat[r * size:(r + 1) * size]) for r in range(size)]
