"""Files shipped with Tezgâh: ``resources/`` (fonts, icons, style, translations),
``ubl_templates/`` and, in a built package, GİB's rule packages.

Where they are depends on how Tezgâh runs, and this module is the only place that knows:

* installed from the wheel, or frozen into the desktop bundle: inside the ``app`` package as
  ``app/_shipped/{resources,ubl_templates,gib}`` (the build copies them there, see
  ``setup.py`` and ``installer/``), found through ``importlib.resources``;
* a developer checkout (or an editable install): the project's own top-level folders.

Every consumer needs a real file (Qt loads icons and translations by path, ReportLab fonts,
lxml stylesheets), so only packages on a file system are supported, not zip imports.
"""

from __future__ import annotations

import os
from functools import cache
from importlib import resources as _importlib_resources
from pathlib import Path

SHIPPED_DIR_NAME = "_shipped"
# GİB's two zips, as ``app.ubl.rules_zip`` names them; a build may carry them (installer/).
GIB_PACKAGE_NAMES = ("UBL-TR1.2.1_Paketi.zip", "e-FaturaPaketi.zip")


@cache
def package_dir() -> Path:
    """The ``app`` package's folder on disk (site-packages, the frozen bundle or a checkout)."""
    root = _importlib_resources.files("app")
    path = Path(os.fspath(root))  # type: ignore[arg-type]  # a MultiplexedPath is not expected
    return path


@cache
def shipped_root() -> Path:
    """The folder holding ``resources/`` and ``ubl_templates/``."""
    shipped = package_dir() / SHIPPED_DIR_NAME
    if (shipped / "resources").is_dir():
        return shipped
    return package_dir().parent  # a checkout: the project root


def checkout_root() -> Path | None:
    """The project root when running from a developer checkout, else None."""
    root = package_dir().parent
    return root if (root / "pyproject.toml").is_file() and (root / "app").is_dir() else None


def resource_path(*parts: str) -> Path:
    return shipped_root().joinpath("resources", *parts)


def template_path(name: str) -> Path:
    return shipped_root() / "ubl_templates" / name


def shipped_gib_dir() -> Path | None:
    """GİB's rule packages carried by this build (installer, wheel built with them), or None."""
    gib = package_dir() / SHIPPED_DIR_NAME / "gib"
    if all((gib / name).is_file() for name in GIB_PACKAGE_NAMES):
        return gib
    return None
