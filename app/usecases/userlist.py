"""GİB's registered-user list: importing it and looking a VKN/TCKN up.

The command line (``tezgah userlist``) and the settings page use these; the list itself is
read and stored by ``app.gib.userlist``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app.context import AppContext
from app.domain.errors import UserError
from app.gib.userlist import (
    ImportSummary,
    RegisteredUser,
    UserAlias,
    UserListStore,
    choose_invoice_alias,
)

__all__ = ["ImportSummary", "Lookup", "import_user_list", "lookup_user"]


def _store(ctx: AppContext) -> UserListStore:
    # The app's database (WAL, busy timeout), so a running app and an import coexist.
    return UserListStore(ctx.db)


def import_user_list(ctx: AppContext, path: str | Path) -> ImportSummary:
    """Read GİB's user list file (XML, or the zip GİB serves) into the database."""
    path = Path(path)
    if not path.is_file():
        raise UserError(f"Kullanıcı listesi dosyası bulunamadı: {path}")
    return _store(ctx).import_file(path)


@dataclass(frozen=True)
class Lookup:
    vkn_tckn: str
    user: RegisteredUser | None
    aliases: list[UserAlias] = field(default_factory=list)
    invoice_alias: UserAlias | None = None
    list_is_empty: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "vkn_tckn": self.vkn_tckn,
            "registered": self.user is not None,
            "title": self.user.title if self.user else None,
            "invoice_alias": self.invoice_alias.alias if self.invoice_alias else None,
            "aliases": [asdict(a) | {"deleted": a.deleted} for a in self.aliases],
        }


def lookup_user(ctx: AppContext, vkn_tckn: str) -> Lookup:
    """Whether ``vkn_tckn`` is an e-Fatura user, its aliases and the one to send invoices to."""
    vkn = vkn_tckn.strip()
    store = _store(ctx)
    user = store.user(vkn)
    aliases = list(user.aliases) if user else []
    return Lookup(vkn, user, aliases, choose_invoice_alias(aliases),
                  list_is_empty=user is None and store.count() == 0)
