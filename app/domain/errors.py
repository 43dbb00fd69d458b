"""One base for every error Tezgâh raises on purpose.

A ``UserError`` carries a Turkish message meant for the person at the keyboard: it says
what is wrong and what to do. Anything else escaping to the top is a bug.
"""

from __future__ import annotations


def shown(value: object, limit: int = 40) -> str:
    """A rejected value as it may be quoted in a message: short, printable characters only."""
    text = value if isinstance(value, str) else repr(value)
    cut = "".join(c if c.isprintable() else "?" for c in text[:limit])
    return cut + ("…" if len(text) > limit else "")


class TezgahError(Exception):
    """Base of all Tezgâh errors."""


class UserError(TezgahError):
    """A problem the user can fix; ``message`` is Turkish and shown as is."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class NotFoundError(UserError):
    """A customer, product, invoice … that does not exist."""


class RulesMissingError(UserError):
    """GİB's rule packages are not installed yet."""


class ValidationFailed(UserError):
    """The document does not pass GİB's XSD or schematron; ``problems`` lists why."""

    def __init__(self, message: str, problems: list) -> None:
        super().__init__(message)
        self.problems = problems


class CancelledError(TezgahError):
    """The user cancelled (e.g. the PIN dialog); shown silently."""
