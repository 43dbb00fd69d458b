"""The built package and the frozen bundle, as a shop owner's machine gets them.

``installer/build.sh`` runs once per test session (about two minutes on 2 cores; see
docs/performance.md): it builds the wheel carrying GİB's packages from ``../shared/gib``,
installs it into a clean build environment and freezes it into ``dist/tezgah/``. The tests
then run what was built from outside the checkout, with an environment that names no Python,
no virtual environment and no checkout.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import GIB_DIR, REPO_ROOT

BUILD_TIMEOUT_S = 1500


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Runs installer/build.sh; returns the dist/ folder."""
    log = tmp_path_factory.mktemp("build") / "build.log"
    env = dict(os.environ, TEZGAH_GIB_PACKAGES=str(GIB_DIR))
    env.pop("QT_QPA_PLATFORM", None)
    with log.open("wb") as out:
        proc = subprocess.run(["bash", "installer/build.sh"], cwd=REPO_ROOT, env=env,
                              stdout=out, stderr=subprocess.STDOUT, timeout=BUILD_TIMEOUT_S)
    text = log.read_text("utf-8", "replace")
    assert proc.returncode == 0, f"installer/build.sh failed:\n{text[-4000:]}"
    return REPO_ROOT / "dist"


@pytest.fixture
def bare_env(tmp_path: Path) -> dict[str, str]:
    """A user's environment: a home of its own, a PATH with no Python on it, no PYTHON*
    variables, no display, no Qt platform override."""
    home = tmp_path / "home"
    home.mkdir()
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()
    # the tools a shop owner's system has anyway (sh for the tarball's install script)
    for tool in ("sh", "cp", "mv", "rm", "mkdir", "sed", "ln", "dirname", "readlink", "cat"):
        found = shutil.which(tool)
        if found:
            (empty_bin / tool).symlink_to(found)
    return {"HOME": str(home), "PATH": str(empty_bin), "LANG": "C.UTF-8", "TZ": "UTC"}


@pytest.fixture
def xvfb() -> Iterator[str]:
    """A real X server (Xvfb) for the frozen window; returns its DISPLAY."""
    if shutil.which("Xvfb") is None or shutil.which("xwininfo") is None:
        pytest.fail("Xvfb and xwininfo are needed (scripts/setup.sh --test installs them)")
    proc = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1280x800x24",
                             "-nolisten", "tcp"], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    assert proc.stdout is not None
    number = proc.stdout.readline().decode().strip()
    try:
        yield f":{number}"
    finally:
        proc.terminate()
        proc.wait(10)
