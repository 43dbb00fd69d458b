"""``scripts/setup.sh`` (run by run.sh and test.sh), with stand-ins for dpkg, apt and pip:
one install marker for both scripts, and a wait (with a message) while apt/dpkg is busy."""

from __future__ import annotations

import fcntl
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

LOGGER = '#!/usr/bin/env bash\necho "$(basename "$0") $*" >> "{log}"\n'


def _project(tmp_path: Path, *, installed: bool) -> tuple[Path, dict[str, str], Path]:
    root = tmp_path / "project"
    (root / "scripts").mkdir(parents=True)
    shutil.copy(REPO_ROOT / "scripts" / "setup.sh", root / "scripts" / "setup.sh")
    shutil.copy(REPO_ROOT / "pyproject.toml", root / "pyproject.toml")
    log = tmp_path / "calls.log"
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    stubs = {"apt-get": LOGGER.format(log=log), "id": "#!/bin/sh\necho 0\n",
             "dpkg-query": "#!/bin/sh\necho 'install ok installed'\n" if installed
             else "#!/bin/sh\nexit 1\n"}
    (root / ".venv" / "bin").mkdir(parents=True)
    stubs_venv = {"python": LOGGER.format(log=log)}
    for folder, files in ((bin_dir, stubs), (root / ".venv" / "bin", stubs_venv)):
        for name, text in files.items():
            (folder / name).write_text(text)
            (folder / name).chmod(0o755)
    env = {**os.environ, "PATH": f"{bin_dir}:{os.environ['PATH']}",
           "TEZGAH_APT_LOCKS": str(tmp_path / "lock-frontend")}
    return root, env, log


def _setup(root: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["bash", str(root / "scripts" / "setup.sh"), *args], env=env,
                          capture_output=True, text=True, timeout=60, check=True)


def _pip_installs(log: Path) -> list[str]:
    lines = log.read_text().splitlines() if log.exists() else []
    return [line for line in lines if "pip install" in line and "--upgrade pip" not in line]


def test_run_accepts_the_test_install_and_shows_progress(tmp_path: Path) -> None:
    root, env, log = _project(tmp_path, installed=True)
    done = _setup(root, env, "--test")
    assert [".[test]" in line for line in _pip_installs(log)] == [True]
    assert "Python paketleri kuruluyor" in done.stderr
    _setup(root, env)  # what run.sh does after test.sh: nothing to install again
    _setup(root, env, "--test")
    assert len(_pip_installs(log)) == 1
    # the other way round: a plain install, then the tests add their extras once
    for marker in (root / ".venv").glob(".installed-*"):
        marker.unlink()
    _setup(root, env)
    _setup(root, env, "--test")
    _setup(root, env)
    assert [".[test]" in line for line in _pip_installs(log)] == [True, False, True]


@pytest.mark.slow  # long waits or a whole pipeline: left out of --fast, in every full run
def test_waits_while_another_apt_holds_the_lock(tmp_path: Path) -> None:
    root, env, log = _project(tmp_path, installed=False)
    lock = Path(env["TEZGAH_APT_LOCKS"])
    lock.touch()
    fd = os.open(lock, os.O_RDWR)
    fcntl.lockf(fd, fcntl.LOCK_EX)
    timer = threading.Timer(3.0, os.close, [fd])  # the other apt finishes after 3 seconds
    timer.start()
    try:
        done = _setup(root, env)
    finally:
        timer.join()
    assert "bekleniyor" in done.stderr
    calls = log.read_text()
    assert "apt-get -o DPkg::Lock::Timeout=600 update" in calls and " install -y" in calls
