"""Finding the PKCS#11 module (card driver) of the cards sold in Turkey.

Module names and usual install places: ../shared/gib/XADES-NOTES.md ("PKCS#11 modules of
cards sold in Turkey"), gathered from public signer configurations. OpenSC is added last as
the generic driver for cards it supports.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ModuleCandidate:
    card: str
    path: Path


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


def find_modules(platform: str | None = None) -> list[ModuleCandidate]:
    """The installed modules of known cards on this computer (first hit per real file)."""
    seen: set[Path] = set()
    found: list[ModuleCandidate] = []
    for cand in candidate_paths(platform):
        try:
            if not cand.path.is_file():
                continue
            real = cand.path.resolve()
        except OSError:
            continue
        if real in seen:
            continue
        seen.add(real)
        found.append(cand)
    return found
