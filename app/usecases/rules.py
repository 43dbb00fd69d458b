"""GİB's rule packages (UBL-TR XSDs and the e-Fatura schematron): installing, updating,
showing them, and checking a document against them.

Used by ``tezgah rules``/``tezgah validate`` and by the settings page alike.
"""

from __future__ import annotations

import logging
from pathlib import Path

from app import resources
from app.domain.errors import UserError
from app.paths import rules_dir
from app.ubl.rules import (
    FROM_GIB,
    FROM_SHIPPED,
    RulesInfo,
    RulesStore,
    UpdateOutcome,
    install_rules,
    offer_packages,
    update_rules,
)
from app.ubl.rules_zip import EFATURA_ZIP_NAME, UBL_ZIP_NAME
from app.ubl.validate import ValidationReport, get_validator

__all__ = [
    "FROM_GIB",
    "FROM_SHIPPED",
    "RulesInfo",
    "UpdateOutcome",
    "ValidationReport",
    "incomplete_description",
    "install_from",
    "install_shipped_if_newer",
    "installed_description",
    "is_installed",
    "update_from_gib",
    "validate_tree",
]

log = logging.getLogger("tezgah.rules")


def install_from(data_dir: Path, source: Path) -> RulesInfo:
    """Install GİB's two zips from ``source`` (a folder holding them, or one of the zips)."""
    return install_rules(Path(source), rules_dir(Path(data_dir)))


def update_from_gib(data_dir: Path) -> UpdateOutcome:
    """Download GİB's packages (GİB's site, or ``$TEZGAH_RULES_BASE_URL``) and install those
    newer than the installed ones; the outcome says what was installed and what was kept."""
    return update_rules(rules_dir(Path(data_dir)))


def install_shipped_if_newer(data_dir: Path, *, strict: bool = True) -> UpdateOutcome | None:
    """Install the rule packages this build carries (``app.resources.shipped_gib_dir``) when
    nothing is installed yet or when they are newer than the installed ones; otherwise change
    nothing (packages the user updated from GİB since are kept).

    None when this build carries no packages. The outcome says whether anything was installed
    (``changed``). With ``strict=False`` (start-up) a damaged shipped set or a failed install
    is logged and None returned: the window still opens and offers the install itself."""
    folder = resources.shipped_gib_dir()
    if folder is None:
        return None
    zips = {"ubl": folder / UBL_ZIP_NAME, "efatura": folder / EFATURA_ZIP_NAME}
    try:
        outcome = offer_packages(zips, rules_dir(Path(data_dir)), FROM_SHIPPED,
                                 replace_same_date=False)
    except (UserError, OSError) as exc:
        if strict:
            raise
        log.warning("the rule packages this build carries were not installed: %s", exc)
        return None
    if outcome.changed:
        log.info("rule packages installed from %s: %s", folder, outcome.versions())
    return outcome


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
