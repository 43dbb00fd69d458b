"""Build hook: put the files Tezgâh reads at run time inside the ``app`` package.

The checkout keeps ``resources/`` and ``ubl_templates/`` at the top level (the product's
layout); a wheel has no place for top-level data, so the build copies them to
``app/_shipped/`` where ``app.resources`` finds them once installed or frozen. Developer files
(translation sources and scripts, READMEs) stay out; licences go in.

With ``TEZGAH_BUNDLE_GIB_DIR`` set to a folder holding GİB's two rule packages
(``UBL-TR1.2.1_Paketi.zip``, ``e-FaturaPaketi.zip``), the build carries them too, as
``app/_shipped/gib/`` (the installer does this; see installer/README.md). They are never
committed to the repository.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent
SHIPPED = ("resources", "ubl_templates")
LEFT_OUT = {".py", ".ts", ".pyc"}
GIB_PACKAGES = ("UBL-TR1.2.1_Paketi.zip", "e-FaturaPaketi.zip")


class BuildWithShippedFiles(build_py):
    def run(self) -> None:
        super().run()
        target = Path(self.build_lib) / "app" / "_shipped"
        for name in SHIPPED:
            for src in sorted((HERE / name).rglob("*")):
                if src.is_dir() or src.suffix in LEFT_OUT or src.name == "README.md":
                    continue
                dest = target / name / src.relative_to(HERE / name)
                dest.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, dest)
        gib = os.environ.get("TEZGAH_BUNDLE_GIB_DIR")
        if gib:
            missing = [n for n in GIB_PACKAGES if not (Path(gib) / n).is_file()]
            if missing:
                raise SystemExit(f"TEZGAH_BUNDLE_GIB_DIR={gib}: {', '.join(missing)} yok")
            (target / "gib").mkdir(parents=True, exist_ok=True)
            for n in GIB_PACKAGES:
                shutil.copyfile(Path(gib) / n, target / "gib" / n)


setup(cmdclass={"build_py": BuildWithShippedFiles})
