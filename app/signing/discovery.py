"""Finding the PKCS#11 module (card driver) of the cards sold in Turkey.

Module names and usual install places: ../shared/gib/XADES-NOTES.md ("PKCS#11 modules of
cards sold in Turkey"), gathered from public signer configurations. OpenSC is added last as
the generic driver for cards it supports.

Card drivers never come with Tezgâh: they are the card vendor's. A driver built for the other
width (a 32-bit DLL in SysWOW64 beside a 64-bit Tezgâh) is found but not offered; its Turkish
explanation (``app.signing.module_arch``) is kept for when nothing usable is found.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from app.signing.module_arch import (
    LibraryArch,
    driver_suffix,
    explain,
    process_arch,
    read_library_arch,
)


@dataclass(frozen=True)
class ModuleCandidate:
    card: str
    path: Path
    arch: LibraryArch | None = None
    # Turkish reason the running Tezgâh cannot load it (other width, processor or system);
    # None for a usable module.
    problem: str | None = None


# (card name, module base names without prefix/extension)
_CARDS: list[tuple[str, tuple[str, ...]]] = [
    ("TÜBİTAK AKİS", ("akisp11",)),
    ("T.C. Kimlik Kartı", ("tckkp11",)),
    ("SafeNet eToken / SAC", ("eTPKCS11", "eTPkcs11", "etpkcs11")),
    ("SafeSign / StarCOS", ("aetpkss1",)),
    ("Gemalto IDPrime", ("idprimepkcs11", "idprimepkcs1164")),
    ("CardOS", ("cmp11", "siecap11")),
    ("KOBIL", ("kpkcs11hash",)),
    ("OpenSC (genel)", ("opensc-pkcs11",)),
]


def _windows_dirs() -> list[Path]:
    # os.environ is case-insensitive on Windows.
    root = Path(os.environ.get("SYSTEMROOT", r"C:\Windows"))
    pf = Path(os.environ.get("PROGRAMFILES", r"C:\Program Files"))
    pf86 = Path(os.environ.get("PROGRAMFILES(X86)", r"C:\Program Files (x86)"))
    return [
        root / "System32",
        root / "SysWOW64",
        pf / "SafeNet" / "Authentication" / "SAC" / "x64",
        pf / "SafeNet" / "Authentication" / "SAC" / "x32",
        pf / "Gemalto" / "IDGo 800 PKCS#11",
        pf / "OpenSC Project" / "OpenSC" / "pkcs11",
        pf86 / "OpenSC Project" / "OpenSC" / "pkcs11",
    ]


def _linux_dirs() -> list[Path]:
    return [
        Path("/usr/lib"),
        Path("/usr/lib64"),
        Path("/usr/lib/x86_64-linux-gnu"),
        Path("/usr/lib/aarch64-linux-gnu"),
        Path("/usr/lib/x86_64-linux-gnu/pkcs11"),
        Path("/usr/lib/pkcs11"),
        Path("/usr/local/lib"),
        Path("/opt/akis/lib"),
        Path("/opt/eToken/lib"),
        Path("/usr/lib/ClassicClient"),
        Path("/usr/lib/SmartCardManager"),
    ]


def _mac_dirs() -> list[Path]:
    return [
        Path("/usr/local/lib"),
        Path("/opt/homebrew/lib"),
        Path("/Library/Akis"),
        Path("/Library/Akis/lib"),
        Path("/Library/Frameworks/eToken.framework/Versions/A"),
        Path("/Library/Frameworks/eToken.framework/Versions/Current"),
        Path("/usr/local/lib/pkcs11"),
        Path("/Library/OpenSC/lib"),
    ]


def _file_names(base: str, platform: str) -> list[str]:
    if platform == "win32":
        return [f"{base}.dll"]
    if platform == "darwin":
        return [f"lib{base}.dylib", f"{base}.dylib", f"lib{base}.so", f"{base}.so"]
    return [f"lib{base}.so", f"{base}.so"]


def candidate_paths(platform: str | None = None) -> list[ModuleCandidate]:
    """Every place a known module may be, in order of preference (existing or not)."""
    plat = platform or sys.platform
    if plat == "win32":
        dirs = _windows_dirs()
    elif plat == "darwin":
        dirs = _mac_dirs()
    else:
        dirs = _linux_dirs()
    out: list[ModuleCandidate] = []
    for card, bases in _CARDS:
        for base in bases:
            for d in dirs:
                for name in _file_names(base, plat):
                    out.append(ModuleCandidate(card, d / name))
    return out


def scan_modules(platform: str | None = None) -> list[ModuleCandidate]:
    """Every installed module of a known card on this computer (first hit per real file),
    each with its header and, when the running Tezgâh cannot load it, the reason why."""
    seen: set[object] = set()
    found: list[ModuleCandidate] = []
    for cand in candidate_paths(platform):
        try:
            if not cand.path.is_file():
                continue
            real = cand.path.resolve()
            st = cand.path.stat()
        except OSError:
            continue
        # A 32-bit process on 64-bit Windows reading System32 is shown SysWOW64's file: the
        # same file under two names, recognised by its file id.
        keys = {real} | ({(st.st_dev, st.st_ino)} if st.st_ino else set())
        if keys & seen:
            continue
        seen |= keys
        arch = read_library_arch(cand.path)
        found.append(ModuleCandidate(cand.card, cand.path, arch,
                                     explain(cand.path, arch, platform=platform)))
    return found


def find_modules(platform: str | None = None) -> list[ModuleCandidate]:
    """The installed modules of known cards this Tezgâh can load (right width and processor)."""
    return [m for m in scan_modules(platform) if m.problem is None]


def driver_folder(platform: str | None = None) -> Path | None:
    """The folder where card drivers usually are, to start a file dialog in (System32 on
    Windows: the 64-bit drivers of a 64-bit Windows); None when none of them exists."""
    plat = platform or sys.platform
    if plat == "win32":
        return _windows_dirs()[0]  # always there on Windows
    if plat == "darwin":
        dirs = [Path("/usr/local/lib"), Path("/Library")]
    else:
        triplet = {"x86_64": "x86_64-linux-gnu", "arm64": "aarch64-linux-gnu",
                   "x86": "i386-linux-gnu"}.get(process_arch().machine)
        dirs = ([Path("/usr/lib") / triplet] if triplet else []) + [Path("/usr/lib64"),
                                                                    Path("/usr/lib")]
    for d in dirs:
        try:
            if d.is_dir():
                return d
        except OSError:
            continue
    return None


def driver_pattern(platform: str | None = None) -> str:
    """File dialog pattern of a card driver on the platform: ``*.dll``, ``*.so``, ``*.dylib``."""
    return "*" + driver_suffix(platform)
