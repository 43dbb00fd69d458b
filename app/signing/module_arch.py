"""Which processor and width (32/64 bit) a card driver (PKCS#11 module) was built for, read
from the file's header without loading it, and a Turkish explanation when it does not fit the
running Tezgâh.

A 64-bit program cannot load a 32-bit library (and the converse); the operating system's own
error for that ("%1 is not a valid Win32 application", "wrong ELF class") says nothing a user
can act on. The file may be anything the user picked, so every offset read from it is
bounds-checked and only a few small pieces of it are ever read.

Formats: PE (Windows .dll), ELF (Linux .so), Mach-O and universal Mach-O (macOS .dylib).
"""

from __future__ import annotations

import os
import platform as _platform
import struct
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

HEAD_SIZE = 4096  # the first read; PE, ELF and Mach-O headers all start within it
_MAX_LFANEW = 0x10000  # a PE header further in than this is not a real DLL's
_MAX_FAT_ARCHS = 16  # universal binaries hold a handful of slices (Java classes share the magic)

# read_at(offset, length): exactly those bytes of the file, or None when outside it
_ReadAt = Callable[[int, int], "bytes | None"]


@dataclass(frozen=True)
class Arch:
    """One processor target: ``bits`` 32 or 64, ``machine`` e.g. ``x86``, ``x86_64``,
    ``arm64`` (or ``unknown-0x…``)."""

    bits: int
    machine: str


@dataclass(frozen=True)
class LibraryArch:
    """What a binary file's header says.

    ``format``: ``PE``, ``ELF`` or ``Mach-O``. ``bits`` / ``machine``: the single target, or
    for a universal Mach-O with several slices ``bits`` None when their widths differ and
    ``machine`` their names joined with ``+``. ``architectures``: every target (one, except
    for a universal Mach-O). ``library``: False for a program (.exe, executable) or another
    non-loadable binary kind.
    """

    format: str
    bits: int | None
    machine: str
    architectures: tuple[Arch, ...]
    library: bool = True


# --- reading -----------------------------------------------------------------------------

_PE_MACHINES = {
    0x014C: Arch(32, "x86"),
    0x8664: Arch(64, "x86_64"),
    0xAA64: Arch(64, "arm64"),
    0x01C4: Arch(32, "arm"),  # ARMNT (Thumb-2)
    0x01C0: Arch(32, "arm"),
    0x0200: Arch(64, "ia64"),
}
_PE_DLL = 0x2000  # IMAGE_FILE_DLL in the COFF header's Characteristics

_ELF_MACHINES = {3: "x86", 62: "x86_64", 183: "arm64", 40: "arm", 243: "riscv", 8: "mips",
                 20: "ppc", 21: "ppc64", 22: "s390", 2: "sparc", 43: "sparc64", 258: "loongarch"}
_ELF_DYN = 3  # e_type ET_DYN: a shared object (PIE programs are ET_DYN as well)

_CPU_ABI64 = 0x01000000
_CPU_ABI64_32 = 0x02000000
_MACHO_CPUS = {
    7: Arch(32, "x86"),
    7 | _CPU_ABI64: Arch(64, "x86_64"),
    12: Arch(32, "arm"),
    12 | _CPU_ABI64: Arch(64, "arm64"),
    12 | _CPU_ABI64_32: Arch(32, "arm64_32"),
    18: Arch(32, "ppc"),
    18 | _CPU_ABI64: Arch(64, "ppc64"),
}
_MACHO_LIBRARY_TYPES = {6, 8}  # MH_DYLIB, MH_BUNDLE
_MH_MAGIC, _MH_MAGIC_64 = 0xFEEDFACE, 0xFEEDFACF
_FAT_MAGIC, _FAT_MAGIC_64 = 0xCAFEBABE, 0xCAFEBABF


def read_library_arch(path: str | os.PathLike[str]) -> LibraryArch | None:
    """The header of ``path`` as ``LibraryArch``; None when the file cannot be read or is not
    a PE, ELF or Mach-O binary (text, garbage, truncated, offsets pointing outside it)."""
    try:
        return _read(Path(path))
    except OSError:
        return None


def _read(path: Path) -> LibraryArch | None:
    with path.open("rb") as f:
        size = os.fstat(f.fileno()).st_size
        head = f.read(HEAD_SIZE)

        def read_at(offset: int, length: int) -> bytes | None:
            if offset < 0 or length < 0 or offset + length > size:
                return None
            if offset + length <= len(head):
                return head[offset:offset + length]
            f.seek(offset)
            data = f.read(length)
            return data if len(data) == length else None

        if head[:2] == b"MZ":
            return _pe(head, read_at)
        if head[:4] == b"\x7fELF":
            return _elf(head)
        if len(head) >= 4:
            (magic_be,) = struct.unpack(">I", head[:4])
            if magic_be in (_FAT_MAGIC, _FAT_MAGIC_64):
                return _fat(head, magic_be, read_at)
            return _thin_macho(head)
    return None


def _pe(head: bytes, read_at: _ReadAt) -> LibraryArch | None:
    if len(head) < 0x40:
        return None
    (lfanew,) = struct.unpack_from("<I", head, 0x3C)
    if lfanew < 0x40 or lfanew > _MAX_LFANEW:
        return None
    # "PE\0\0", then the COFF header (20 bytes), then the optional header's magic.
    coff = read_at(lfanew, 4 + 20)
    if coff is None or coff[:4] != b"PE\x00\x00":
        return None
    machine, _sections, _ts, _sym, _nsym, opt_size, characteristics = struct.unpack_from(
        "<HHIIIHH", coff, 4)
    arch = _PE_MACHINES.get(machine)
    if arch is None:
        magic = read_at(lfanew + 24, 2) if opt_size >= 2 else None
        bits = {b"\x0b\x01": 32, b"\x0b\x02": 64}.get(magic or b"")
        if bits is None:
            return None
        arch = Arch(bits, f"unknown-0x{machine:04X}")
    return LibraryArch("PE", arch.bits, arch.machine, (arch,),
                       library=bool(characteristics & _PE_DLL))


def _elf(head: bytes) -> LibraryArch | None:
    if len(head) < 20:
        return None
    ei_class, ei_data, ei_version = head[4], head[5], head[6]
    bits = {1: 32, 2: 64}.get(ei_class)
    order = {1: "<", 2: ">"}.get(ei_data)
    if bits is None or order is None or ei_version != 1:
        return None
    e_type, e_machine = struct.unpack_from(order + "HH", head, 16)
    arch = Arch(bits, _ELF_MACHINES.get(e_machine, f"unknown-0x{e_machine:04X}"))
    return LibraryArch("ELF", arch.bits, arch.machine, (arch,), library=e_type == _ELF_DYN)


def _macho_header(data: bytes) -> tuple[Arch, int] | None:
    """(target, filetype) of a thin Mach-O header, either byte order."""
    if len(data) < 28:
        return None
    for order in ("<", ">"):
        (magic,) = struct.unpack_from(order + "I", data, 0)
        if magic in (_MH_MAGIC, _MH_MAGIC_64):
            cputype, _sub, filetype = struct.unpack_from(order + "iiI", data, 4)
            cputype &= 0xFFFFFFFF
            arch = _MACHO_CPUS.get(cputype)
            if arch is None:
                bits = 64 if cputype & _CPU_ABI64 else 32
                arch = Arch(bits, f"unknown-0x{cputype:08X}")
            header_bits = 64 if magic == _MH_MAGIC_64 else 32
            if header_bits != arch.bits and arch.machine != "arm64_32":
                return None  # a 64-bit CPU in a 32-bit header (or the converse): not genuine
            return arch, filetype
    return None


def _thin_macho(head: bytes) -> LibraryArch | None:
    found = _macho_header(head)
    if found is None:
        return None
    arch, filetype = found
    return LibraryArch("Mach-O", arch.bits, arch.machine, (arch,),
                       library=filetype in _MACHO_LIBRARY_TYPES)


def _fat(head: bytes, magic: int, read_at: _ReadAt) -> LibraryArch | None:
    if len(head) < 8:
        return None
    (count,) = struct.unpack_from(">I", head, 4)
    if not 1 <= count <= _MAX_FAT_ARCHS:
        return None
    entry = 32 if magic == _FAT_MAGIC_64 else 20
    table = read_at(8, count * entry)
    if table is None:
        return None
    archs: list[Arch] = []
    library = True
    for i in range(count):
        if magic == _FAT_MAGIC_64:
            _cpu, _sub, offset, length = struct.unpack_from(">iiQQ", table, i * entry)
        else:
            _cpu, _sub, offset, length = struct.unpack_from(">iiII", table, i * entry)
        if length < 28:
            return None
        slice_head = read_at(offset, 32)
        if slice_head is None:
            slice_head = read_at(offset, 28)  # a 32-bit header is 28 bytes
        found = _macho_header(slice_head) if slice_head is not None else None
        if found is None:
            return None
        arch, filetype = found
        archs.append(arch)
        library = library and filetype in _MACHO_LIBRARY_TYPES
    widths = {a.bits for a in archs}
    bits = widths.pop() if len(widths) == 1 else None
    return LibraryArch("Mach-O", bits, "+".join(a.machine for a in archs), tuple(archs),
                       library=library)


# --- the running process ------------------------------------------------------------------

_MACHINE_ALIASES = {
    "amd64": "x86_64", "x86_64": "x86_64", "x64": "x86_64", "em64t": "x86_64",
    "i386": "x86", "i486": "x86", "i586": "x86", "i686": "x86", "x86": "x86",
    "arm64": "arm64", "aarch64": "arm64", "arm64e": "arm64",
}


def _normalise_machine(name: str, bits: int) -> str:
    low = name.strip().lower()
    machine = _MACHINE_ALIASES.get(low) or ("arm" if low.startswith("arm") else low or "unknown")
    # platform.machine() names the computer's processor; a 32-bit program on a 64-bit one
    # runs as that processor's 32-bit variant.
    if bits == 32 and machine == "x86_64":
        return "x86"
    if bits == 32 and machine == "arm64":
        return "arm"
    if bits == 64 and machine == "x86":
        return "x86_64"
    return machine


def process_arch() -> Arch:
    """The running Tezgâh's target: pointer width and processor.

    The interpreter's (or the frozen app's) own header is the surest answer where it names a
    single target of that width (an x64 program emulated on an ARM computer is still x64);
    otherwise ``platform.machine()`` read with the pointer width.
    """
    bits = struct.calcsize("P") * 8
    own = read_library_arch(sys.executable) if sys.executable else None
    if own is not None and len(own.architectures) == 1 and own.bits == bits:
        return own.architectures[0]
    return Arch(bits, _normalise_machine(_platform.machine(), bits))


def fits(info: LibraryArch, process: Arch | None = None, platform: str | None = None) -> bool:
    """Whether the running process (or ``process`` on ``platform``) can load a library with
    this header: a library, of the platform's format, with a slice of its processor."""
    proc = process or process_arch()
    return (info.library and info.format == _FORMAT_OF_PLATFORM.get(_plat(platform), "ELF")
            and proc in info.architectures)


# --- Turkish explanations -----------------------------------------------------------------

_FORMAT_OF_PLATFORM = {"win32": "PE", "darwin": "Mach-O"}
_SYSTEM_OF_FORMAT = {"PE": "Windows", "ELF": "Linux", "Mach-O": "macOS"}
_SYSTEM_OF_PLATFORM = {"win32": "Windows", "darwin": "macOS"}
_SUFFIX_OF_PLATFORM = {"win32": ".dll", "darwin": ".dylib"}
_EXAMPLE_OF_PLATFORM = {"darwin": "/usr/local/lib/libakisp11.dylib"}
_MACHINE_LABEL = {
    "x86": "Intel/AMD (x86)",
    "x86_64": "Intel/AMD (x64)",
    "arm64": "ARM (arm64)",
    "arm": "ARM (arm)",
}


def _plat(platform: str | None) -> str:
    return platform or sys.platform


def _windows_dir(name: str) -> str:
    root = os.environ.get("SYSTEMROOT") or r"C:\Windows"
    return str(PureWindowsPath(root) / name)


def driver_suffix(platform: str | None = None) -> str:
    """The file name ending of a card driver on the platform: .dll, .so or .dylib."""
    return _SUFFIX_OF_PLATFORM.get(_plat(platform), ".so")


def _example(platform: str) -> str:
    if platform == "win32":
        return str(PureWindowsPath(_windows_dir("System32")) / "akisp11.dll")
    return _EXAMPLE_OF_PLATFORM.get(platform, "/usr/lib/libakisp11.so")


def _q(path: str | os.PathLike[str]) -> str:
    return f"“{path}”"


def _machine_label(machine: str) -> str:
    return _MACHINE_LABEL.get(machine, machine)


def not_a_library_message(path: str | os.PathLike[str], platform: str | None = None) -> str:
    plat = _plat(platform)
    return (
        f"{_q(path)} bir kart sürücüsü (PKCS#11 kütüphanesi) değil: dosya bir program kütüphanesi "
        "olarak tanınmadı (metin, belge ya da bozuk bir dosya olabilir). Kartınızın üreticisinin "
        f"sürücüsünü kurun ve kurulan {driver_suffix(plat)} dosyasını seçin, ör. {_example(plat)}."
    )


def _program_message(path: str | os.PathLike[str], platform: str) -> str:
    return (
        f"{_q(path)} bir program (çalıştırılabilir dosya), kart sürücüsü (PKCS#11 kütüphanesi) "
        "değil. Sürücünün kurulum programıysa önce onu çalıştırıp kurulumu tamamlayın; sonra "
        f"kurulan {driver_suffix(platform)} dosyasını seçin, ör. {_example(platform)}."
    )


def _width_message(path: str | os.PathLike[str], lib_bits: int, proc: Arch,
                   platform: str, fmt: str) -> str:
    text = (
        f"{_q(path)} {lib_bits} bit bir kart sürücüsü; Tezgâh ise {proc.bits} bit çalışıyor. "
        f"{proc.bits} bit bir program {lib_bits} bit sürücüyü yükleyemez. "
    )
    if platform == "win32" or fmt == "PE":
        sys32, wow64 = _windows_dir("System32"), _windows_dir("SysWOW64")
        if proc.bits == 64:
            text += (
                f"Windows'ta 64 bit sürücüler genellikle {sys32} klasöründedir; adının "
                f"aksine {wow64} klasörü 32 bit sürücüleri tutar. "
            )
        else:
            text += (
                f"Windows'ta 32 bit sürücüler {wow64} klasöründedir; adının aksine {sys32} "
                "klasörü 64 bit sürücüleri tutar. "
            )
    elif platform == "darwin" and proc.bits == 64:
        text += "Güncel macOS sürümleri 32 bit sürücüleri hiç çalıştırmaz. "
    text += (
        f"Kartınızın üreticisinin {proc.bits} bit sürücü paketini kurun (akıllı kart "
        "sürücüleri Tezgâh ile birlikte gelmez) ve kurulan dosyayı seçin."
    )
    if proc.bits == 32 and lib_bits == 64:
        text += " Ya da Tezgâh'ın 64 bit sürümünü kullanın."
    return text


def explain(path: str | os.PathLike[str], info: LibraryArch | None, *,
            process: Arch | None = None, platform: str | None = None) -> str | None:
    """Why the running Tezgâh cannot use the library ``path`` with header ``info``, in
    Turkish; None when it fits. ``info`` None means the file is not a binary at all."""
    plat = _plat(platform)
    if info is None:
        return not_a_library_message(path, plat)
    if not info.library:
        return _program_message(path, plat)
    if info.format != _FORMAT_OF_PLATFORM.get(plat, "ELF"):
        here = _SYSTEM_OF_PLATFORM.get(plat, "Linux")
        return (
            f"{_q(path)} {_SYSTEM_OF_FORMAT[info.format]} için bir kart sürücüsü; bu bilgisayarda "
            f"ise {here} çalışıyor. Kartınızın üreticisinin {here} sürücüsünü kurun (dosya adı "
            f"genellikle {driver_suffix(plat)} ile biter) ve o dosyayı seçin."
        )
    proc = process or process_arch()
    if proc in info.architectures:
        return None
    if info.bits is not None and info.bits != proc.bits:
        return _width_message(path, info.bits, proc, plat, info.format)
    names = ", ".join(_machine_label(a.machine) for a in info.architectures)
    return (
        f"{_q(path)} başka bir işlemci için yapılmış bir kart sürücüsü: {names} işlemciler "
        f"için. Tezgâh ise {_machine_label(proc.machine)} işlemcide {proc.bits} bit çalışıyor. "
        "Kartınızın "
        "üreticisinin bu işlemciye uygun sürücüsünü kurun (akıllı kart sürücüleri Tezgâh ile "
        "birlikte gelmez) ve kurulan dosyayı seçin."
    )


def module_problem(path: str | os.PathLike[str], *, process: Arch | None = None,
                   platform: str | None = None) -> str | None:
    """Turkish reason why the file ``path`` cannot serve as this Tezgâh's card driver (missing,
    unreadable, not a library, other system, other width or processor); None when its
    header fits. Whether it really is a PKCS#11 module shows only when it is loaded."""
    p = Path(path)
    try:
        if not p.is_file():
            return (f"Kart sürücüsü dosyası bulunamadı: {path}. Kartınızın sürücüsünü kurun ya "
                    "da doğru dosyayı seçin.")
        info = _read(p)
    except OSError as exc:
        return (f"Kart sürücüsü dosyası okunamadı: {path} ({exc.strerror or exc}). Dosyaya "
                "erişim izniniz olduğundan emin olun.")
    return explain(path, info, process=process, platform=platform)
