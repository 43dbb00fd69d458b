"""GİB's rule packages (UBL-TR XSDs and the e-Fatura schematron): installing, updating,
showing them, and checking a document against them.

Used by ``tezgah rules``/``tezgah validate`` and by the settings page alike.
"""

from __future__ import annotations

from pathlib import Path

from app.paths import rules_dir
from app.ubl.rules import RulesInfo, RulesStore, download_rules, install_rules
from app.ubl.validate import ValidationReport, get_validator

__all__ = [
    "RulesInfo",
    "ValidationReport",
    "incomplete_description",
    "install_from",
    "installed_description",
    "is_installed",
    "update_from_gib",
    "validate_tree",
]


def install_from(data_dir: Path, source: Path) -> RulesInfo:
    """Install GİB's two zips from ``source`` (a folder holding them, or one of the zips)."""
    return install_rules(Path(source), rules_dir(Path(data_dir)))


def update_from_gib(data_dir: Path) -> RulesInfo:
    """Download GİB's packages from GİB's site and install them."""
    return download_rules(rules_dir(Path(data_dir)))


def incomplete_description(data_dir: Path) -> str | None:
    """What an incomplete installation holds (Turkish), or None when it is complete or empty."""
    partial = RulesStore(rules_dir(Path(data_dir))).info_or_none()
    return partial.describe() if partial is not None and not partial.complete else None


def is_installed(data_dir: Path) -> bool:
    """True when both of GİB's packages are installed (only looks at the files)."""
    return RulesStore(rules_dir(Path(data_dir))).installed


def installed_description(data_dir: Path) -> str:
    """The installed packages (Turkish); raises the error that says what is missing."""
    return RulesStore(rules_dir(Path(data_dir))).info().describe()


def validate_tree(data_dir: Path, tree, *, earchive: bool | None = None) -> ValidationReport:  # type: ignore[no-untyped-def]
    """XSD + schematron of a parsed document (invoice, envelope or application response)."""
    return get_validator(rules_dir(Path(data_dir))).validate_any(tree, earchive=earchive)
