"""Paths of files shipped with Tezgâh (``resources/`` and ``ubl_templates/``)."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
RESOURCES_DIR = PROJECT_ROOT / "resources"
UBL_TEMPLATES_DIR = PROJECT_ROOT / "ubl_templates"


def resource_path(*parts: str) -> Path:
    return RESOURCES_DIR.joinpath(*parts)


def template_path(name: str) -> Path:
    return UBL_TEMPLATES_DIR / name
