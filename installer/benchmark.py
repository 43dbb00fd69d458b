"""Measures the desktop bundle beside the virtual-environment install: size on disk, files,
and the start-up time of the command line (``tezgah --help``: builds every sub-command) and of the window (until the
first-start wizard is mapped on an X server), cold (page cache dropped, when the machine
allows it: root on Linux) and warm.

    python installer/benchmark.py --bundle dist/tezgah/tezgah --venv .venv [--runs 5]

Needs Xvfb and xwininfo (x11-utils) for the window. Prints a Markdown table for docs/performance.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

WIZARD_TITLE = "Tezgâh — ilk kurulum"


def drop_caches() -> bool:
    try:
        os.sync()
        Path("/proc/sys/vm/drop_caches").write_text("3\n")
        return True
    except OSError:
        return False


def tree_size(path: Path) -> tuple[int, int]:
    total = files = 0
    for p in path.rglob("*"):
        if p.is_file() and not p.is_symlink():
            total += p.stat().st_size
            files += 1
    return total, files


def time_command(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   check=True, cwd=env["HOME"])
    return time.perf_counter() - start


def window_mapped(title: str, env: dict[str, str]) -> bool:
    """True once a window with exactly this title is mapped (xwininfo's tree names it)."""
    tree = subprocess.run(["xwininfo", "-root", "-tree"], env=env, capture_output=True)
    return f'"{title}": ('.encode() in tree.stdout


def time_window(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            cwd=env["HOME"])
    try:
        while time.perf_counter() - start < 60:
            if window_mapped(WIZARD_TITLE, env):
                return time.perf_counter() - start
            time.sleep(0.02)
        raise RuntimeError("window did not appear in 60 s")
    finally:
        proc.terminate()
        proc.wait(10)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bundle", type=Path, required=True)
    ap.add_argument("--venv", type=Path, required=True)
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    bundle = args.bundle.resolve()
    venv = args.venv.resolve()

    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], stdout=subprocess.PIPE)
    display = ":" + xvfb.stdout.readline().decode().strip()  # type: ignore[union-attr]
    home = Path(tempfile.mkdtemp(prefix="tezgah-bench-"))
    env = {"HOME": str(home), "PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "DISPLAY": display}
    modes = {
        "bundle": ([str(bundle), "--help"], [str(bundle)]),
        "venv": ([str(venv / "bin" / "tezgah"), "--help"],
                 [str(venv / "bin" / "python"), "-m", "ui"]),
    }
    rows = []
    can_drop = drop_caches()
    try:
        for name, (cli, gui) in modes.items():
            for what, cmd, timer in (("komut", cli, time_command), ("pencere", gui, time_window)):
                for cold in (True, False):
                    if cold and not can_drop:
                        continue
                    samples = []
                    for _ in range(args.runs):
                        shutil.rmtree(home / ".local", ignore_errors=True)
                        if cold:
                            drop_caches()
                        else:
                            timer(cmd, env)  # warm the cache
                        samples.append(timer(cmd, env))
                    rows.append((name, what, "soğuk" if cold else "ılık",
                                 statistics.median(samples), min(samples), max(samples)))
    finally:
        xvfb.terminate()
        shutil.rmtree(home, ignore_errors=True)

    size, files = tree_size(bundle.parent)
    print(f"bundle: {size / 1e6:.0f} MB, {files} files ({bundle.parent})")
    print(f"load: {os.getloadavg()[0]:.2f}; cold runs: {'yes' if can_drop else 'no'}\n")
    print("| kurulum | ne | önbellek | medyan s | en az | en çok |")
    print("|---|---|---|---|---|---|")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]} | {r[3]:.2f} | {r[4]:.2f} | {r[5]:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
