"""Card driver (PKCS#11 module) width and processor read from the file's header, and the
Turkish explanation when it does not fit the running Tezgâh."""

from __future__ import annotations

import os
import struct
from pathlib import Path

import pytest

from app.domain.errors import UserError
from app.signing import ModuleMissingError, discovery, list_tokens
from app.signing.module_arch import (
    Arch,
    LibraryArch,
    fits,
    module_problem,
    process_arch,
    read_library_arch,
)
from app.usecases import signers
from tests.fixtures.binaries import (
    CPU_ARM64,
    CPU_X86_64,
    EXE,
    MH_EXECUTE,
    PE_ARM64,
    PE_X64,
    PE_X86,
    elf,
    macho,
    macho_fat,
    pe,
)
from tests.fixtures.token import SOFTHSM_MODULE

X64 = Arch(64, "x86_64")
X86 = Arch(32, "x86")


@pytest.fixture(autouse=True)
def _default_windows_root(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SYSTEMROOT", raising=False)


def test_pe_headers(tmp_path: Path) -> None:
    assert read_library_arch(pe(tmp_path / "akisp11.dll", PE_X86)) == LibraryArch(
        "PE", 32, "x86", (X86,), library=True)
    assert read_library_arch(pe(tmp_path / "a64.dll", PE_X64)) == LibraryArch(
        "PE", 64, "x86_64", (X64,), library=True)
    arm = read_library_arch(pe(tmp_path / "arm.dll", PE_ARM64))
    assert arm is not None and (arm.bits, arm.machine) == (64, "arm64")
    program = read_library_arch(pe(tmp_path / "kurulum.exe", PE_X64, EXE))
    assert program is not None and not program.library
    # An unknown machine still has its width in the optional header's magic.
    odd = read_library_arch(pe(tmp_path / "odd.dll", 0x1234))
    assert odd is not None and odd.bits == 64 and odd.machine == "unknown-0x1234"


def test_elf_and_macho_headers(tmp_path: Path) -> None:
    assert read_library_arch(elf(tmp_path / "libakisp11.so", 32, 3)) == LibraryArch(
        "ELF", 32, "x86", (X86,), library=True)
    arm = read_library_arch(elf(tmp_path / "libarm.so", 64, 183))
    assert arm is not None and (arm.bits, arm.machine) == (64, "arm64")
    assert not read_library_arch(elf(tmp_path / "prog", 64, 62, e_type=2)).library

    thin = read_library_arch(macho(tmp_path / "libakisp11.dylib"))
    assert thin == LibraryArch("Mach-O", 64, "arm64", (Arch(64, "arm64"),), library=True)
    assert not read_library_arch(macho(tmp_path / "prog", CPU_X86_64, MH_EXECUTE)).library

    fat = read_library_arch(macho_fat(tmp_path / "libuniversal.dylib"))
    assert fat is not None and fat.format == "Mach-O" and fat.bits == 64
    assert fat.architectures == (X64, Arch(64, "arm64")) and fat.machine == "x86_64+arm64"
    assert fits(fat, X64, "darwin") and fits(fat, Arch(64, "arm64"), "darwin")
    assert not fits(fat, X86, "darwin") and not fits(fat, X64, "linux")


def test_hostile_and_broken_files_are_not_libraries(tmp_path: Path) -> None:
    text = tmp_path / "beni-oku.txt"
    text.write_text("Bu bir sürücü değil.\n", encoding="utf-8")
    garbage = tmp_path / "garbage.dll"
    garbage.write_bytes(os.urandom(3000).replace(b"MZ", b"mz").replace(b"\x7fELF", b"xELF"))
    empty = tmp_path / "empty.so"
    empty.write_bytes(b"")
    truncated_pe = tmp_path / "truncated.dll"
    truncated_pe.write_bytes(pe(tmp_path / "whole.dll", PE_X64).read_bytes()[:0x90])
    truncated_elf = tmp_path / "truncated.so"
    truncated_elf.write_bytes(b"\x7fELF\x01\x01\x01")
    beyond = pe(tmp_path / "beyond.dll", PE_X86, lfanew=0x400, size=0x100)
    far = pe(tmp_path / "far.dll", PE_X86, lfanew=0x7FFFFFF0, size=0x200)
    no_signature = pe(tmp_path / "nosig.dll", PE_X86)
    data = bytearray(no_signature.read_bytes())
    data[0x80:0x84] = b"NE\x00\x00"
    no_signature.write_bytes(bytes(data))
    fat_outside = tmp_path / "fat.dylib"
    fat_outside.write_bytes(struct.pack(">IIiiIII", 0xCAFEBABE, 1, CPU_ARM64, 0, 0x7FFF0000,
                                        0x1000, 12) + bytes(64))
    java = tmp_path / "Sinif.class"
    java.write_bytes(bytes.fromhex("cafebabe00000034") + bytes(64))
    for path in (text, garbage, empty, truncated_pe, truncated_elf, beyond, far, no_signature,
                 fat_outside, java, tmp_path / "yok.dll", tmp_path):
        assert read_library_arch(path) is None, path


def test_process_arch_and_the_real_softhsm_module() -> None:
    proc = process_arch()
    assert proc.bits == struct.calcsize("P") * 8
    if not Path(SOFTHSM_MODULE).exists():
        pytest.skip("SoftHSM2 is not installed")
    info = read_library_arch(SOFTHSM_MODULE)
    assert info is not None and (info.format, info.bits, info.library) == ("ELF", 64, True)
    assert proc == Arch(64, "x86_64") == info.architectures[0]
    assert fits(info) and module_problem(SOFTHSM_MODULE) is None


def test_turkish_explanation_of_a_32_bit_driver_on_64_bit_windows(tmp_path: Path) -> None:
    dll = pe(tmp_path / "akisp11.dll", PE_X86)
    text = module_problem(dll, process=X64, platform="win32")
    assert text is not None
    assert "akisp11.dll” 32 bit bir kart sürücüsü; Tezgâh ise 64 bit çalışıyor" in text
    assert r"64 bit sürücüler genellikle C:\Windows\System32 klasöründedir" in text
    assert r"adının aksine C:\Windows\SysWOW64 klasörü 32 bit sürücüleri tutar" in text
    assert "64 bit sürücü paketini kurun" in text and "Tezgâh ile birlikte gelmez" in text
    assert module_problem(pe(tmp_path / "x64.dll", PE_X64), process=X64, platform="win32") is None


def test_turkish_explanation_of_a_64_bit_driver_on_32_bit_tezgah(tmp_path: Path) -> None:
    text = module_problem(pe(tmp_path / "eTPKCS11.dll", PE_X64), process=X86, platform="win32")
    assert text is not None
    assert "64 bit bir kart sürücüsü; Tezgâh ise 32 bit çalışıyor" in text
    assert r"32 bit sürücüler C:\Windows\SysWOW64 klasöründedir" in text
    assert r"C:\Windows\System32 klasörü 64 bit sürücüleri tutar" in text
    assert "32 bit sürücü paketini kurun" in text and "64 bit sürümünü" in text
    assert module_problem(pe(tmp_path / "x86.dll", PE_X86), process=X86, platform="win32") is None


def test_turkish_explanations_of_other_mismatches(tmp_path: Path) -> None:
    # ELFCLASS32 on this (64-bit Linux) Tezgâh: no Windows folders in the advice.
    so32 = elf(tmp_path / "libakisp11.so", 32, 3)
    text = module_problem(so32, process=X64, platform="linux")
    assert "32 bit bir kart sürücüsü; Tezgâh ise 64 bit" in text and "SysWOW64" not in text
    # Same width, other processor.
    arm = module_problem(pe(tmp_path / "arm.dll", PE_ARM64), process=X64, platform="win32")
    assert "başka bir işlemci için" in arm and "ARM (arm64)" in arm and "Intel/AMD (x64)" in arm
    # A Windows driver on Linux.
    win = module_problem(pe(tmp_path / "akisp11.dll", PE_X64), process=X64, platform="linux")
    assert "Windows için bir kart sürücüsü" in win and ".so ile biter" in win
    # A universal Mach-O without the process's slice.
    mac = module_problem(macho(tmp_path / "libarm.dylib"), process=X64, platform="darwin")
    assert "başka bir işlemci için" in mac
    assert module_problem(macho_fat(tmp_path / "libu.dylib"), process=X64, platform="darwin") is None


def test_turkish_explanation_of_files_that_are_no_driver_at_all(tmp_path: Path) -> None:
    text = tmp_path / "akisp11.txt"
    text.write_text("sürücü", encoding="utf-8")
    msg = module_problem(text, process=X64, platform="win32")
    assert "bir kart sürücüsü (PKCS#11 kütüphanesi) değil" in msg
    assert r".dll dosyasını seçin, ör. C:\Windows\System32\akisp11.dll" in msg
    exe = module_problem(pe(tmp_path / "AKIS_Kurulum.exe", PE_X64, EXE), process=X64,
                         platform="win32")
    assert "bir program (çalıştırılabilir dosya), kart sürücüsü" in exe and "kurulum" in exe
    assert "bulunamadı" in module_problem(tmp_path / "yok.dll")
    assert "bulunamadı" in module_problem(tmp_path)


def test_loading_a_wrong_width_module_says_why(tmp_path: Path) -> None:
    so32 = elf(tmp_path / "libakisp11.so", 32, 3)
    with pytest.raises(ModuleMissingError, match="32 bit bir kart sürücüsü; Tezgâh ise 64 bit"):
        signers.tokens_of(str(so32))
    notes = tmp_path / "notes.so"
    notes.write_text("kart sürücüsü değil", encoding="utf-8")
    with pytest.raises(ModuleMissingError, match=r"yüklenemedi.*PKCS#11 kütüphanesi\) değil"):
        list_tokens(str(notes))
    with pytest.raises(UserError, match="32 bit bir kart sürücüsü"):
        signers.configure_pkcs11(tmp_path / "data", str(so32))
    assert not (tmp_path / "data").exists()  # refused before anything was written


def test_discovery_offers_only_modules_of_the_process_width(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    system32, wow64 = tmp_path / "System32", tmp_path / "SysWOW64"
    system32.mkdir()
    wow64.mkdir()
    pe(wow64 / "akisp11.dll", PE_X86)
    monkeypatch.setattr(discovery, "_windows_dirs", lambda: [system32, wow64])
    # Only SysWOW64's 32-bit driver: nothing usable, the reason kept as a hint.
    assert discovery.find_modules("win32") == []
    (only,) = discovery.scan_modules("win32")
    assert only.path == wow64 / "akisp11.dll" and only.arch.bits == 32
    assert "32 bit bir kart sürücüsü" in only.problem and "SysWOW64" in only.problem
    # With the 64-bit driver installed, System32's is offered and SysWOW64's is not.
    pe(system32 / "akisp11.dll", PE_X64)
    assert [m.path for m in discovery.find_modules("win32")] == [system32 / "akisp11.dll"]

    lib32, lib64 = tmp_path / "lib32", tmp_path / "lib64"
    lib32.mkdir()
    lib64.mkdir()
    elf(lib32 / "libakisp11.so", 32, 3)
    monkeypatch.setattr(discovery, "_linux_dirs", lambda: [lib32, lib64])
    assert signers.card_modules() == []
    (hint,) = signers.card_module_hints()
    assert hint.startswith("TÜBİTAK AKİS: ") and "32 bit bir kart sürücüsü" in hint
    (lib64 / "libopensc-pkcs11.so").symlink_to(SOFTHSM_MODULE)
    assert signers.card_modules() == [(str(lib64 / "libopensc-pkcs11.so"), "OpenSC (genel)")]


def test_file_dialog_starts_in_the_usual_driver_folder() -> None:
    assert discovery.driver_pattern("win32") == "*.dll"
    assert discovery.driver_pattern("darwin") == "*.dylib"
    assert discovery.driver_pattern("linux") == "*.so"
    assert discovery.driver_folder("win32").name == "System32"
    folder, pattern = signers.card_driver_dialog()
    assert pattern == "*.so" and Path(folder).is_dir()
    if process_arch() == X64:  # Debian's multiarch folder of the process
        assert folder == "/usr/lib/x86_64-linux-gnu"
