"""GİB's registered-user list (kayıtlı kullanıcı listesi, UserList guide §2 and
``xsd/Userlist/NewUserList.xsd``).

``UserList/User`` holds Identifier (VKN 10 / TCKN 11 digits), Title, Type (KAMU/OZEL),
FirstCreationTime, AccountType and ``Documents/Document[@type=Invoice|DespatchAdvice]/Alias``
with Name, CreationTime and an optional DeletionTime (a deleted alias must not be used).

Real lists are large, so they are read with ``iterparse`` and stored in SQLite in batches.
The list does not say which alias is a posta kutusu (PK) and which a gönderici birim (GB);
``alias_role`` reads it from GİB's naming habit (``…pk@…`` / ``…gb@…``) and says ``""``
when the name does not tell.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from lxml import etree

from app import xmlsafe
from app.db.repositories import userlist as repo
from app.domain.errors import UserError

INVOICE = "Invoice"
DESPATCH_ADVICE = "DespatchAdvice"


@dataclass(frozen=True)
class UserAlias:
    alias: str
    type: str  # "PK", "GB" or "" (the list does not say; see ``alias_role``)
    document_type: str  # "Invoice" or "DespatchAdvice"
    first_creation_time: str  # of the user (taxpayer)
    creation_time: str  # of the alias
    deletion_time: str | None
    title: str = ""

    @property
    def deleted(self) -> bool:
        return bool(self.deletion_time)


@dataclass(frozen=True)
class RegisteredUser:
    identifier: str
    title: str
    type: str  # KAMU / OZEL
    first_creation_time: str
    account_type: str
    aliases: tuple[UserAlias, ...]


def alias_role(name: str) -> str:
    """"PK" or "GB" from GİB's alias naming (``urn:mail:defaultpk@…``), else ""."""
    local = name.strip().lower().removeprefix("urn:mail:").split("@", 1)[0]
    for role in ("pk", "gb"):
        if local.endswith(role) or local.startswith(role):
            return role.upper()
    return ""


def _local(tag: object) -> str:
    if not isinstance(tag, str):
        return ""
    return tag.rpartition("}")[2] if tag.startswith("{") else tag


def _read_user(el: etree._Element) -> RegisteredUser:
    fields: dict[str, str] = {}
    documents: list[etree._Element] = []
    for child in el:
        name = _local(child.tag)
        if name == "Documents":
            documents.extend(d for d in child if _local(d.tag) == "Document")
        elif name:
            fields[name] = (child.text or "").strip()
    title = fields.get("Title", "")
    first = fields.get("FirstCreationTime", "")
    aliases: list[UserAlias] = []
    for doc in documents:
        doc_type = (doc.get("type") or "").strip()
        for alias in doc:
            if _local(alias.tag) != "Alias":
                continue
            names: list[str] = []
            created = ""
            deleted: str | None = None
            for part in alias:
                tag = _local(part.tag)
                text = (part.text or "").strip()
                if tag == "Name" and text:  # NewUserList.xsd allows several Names
                    names.append(text)
                elif tag == "CreationTime":
                    created = text
                elif tag == "DeletionTime":
                    deleted = text or None
            aliases.extend(UserAlias(n, alias_role(n), doc_type, first, created, deleted, title)
                           for n in names)
    return RegisteredUser(fields.get("Identifier", ""), title, fields.get("Type", ""), first,
                          fields.get("AccountType", ""), tuple(aliases))


def iter_users(source: str | Path | IO[bytes]) -> Iterator[RegisteredUser]:
    """Stream the ``User`` entries of a user-list XML file (constant memory)."""
    try:
        context = xmlsafe.iterparse(source, tag=("User", "{*}User"), remove_comments=True)
        for _event, el in context:
            user = _read_user(el)
            # keep memory flat: drop the finished User and what came before it
            el.clear(keep_tail=False)
            parent = el.getparent()
            if parent is not None:
                while el.getprevious() is not None:
                    del parent[0]
            if user.identifier:
                yield user
    except etree.XMLSyntaxError as exc:
        raise UserError(f"Kullanıcı listesi dosyası geçerli bir XML değil: {exc}") from exc
    except OSError as exc:
        raise UserError(f"Kullanıcı listesi dosyası okunamadı: {exc}") from exc


def choose_invoice_alias(aliases: Iterable[UserAlias]) -> UserAlias | None:
    """The alias to put in the envelope's Receiver: an active (not deleted) e-Fatura alias,
    posta kutusu ones first, the most recently opened first."""
    return choose_alias(aliases, INVOICE)


def choose_alias(aliases: Iterable[UserAlias], document_type: str, *,
                 role: str = "PK") -> UserAlias | None:
    """An active (not deleted) alias for ``document_type`` (Invoice or DespatchAdvice):
    those of ``role`` first (PK: a receiver's posta kutusu; GB: a sender's gönderici birim),
    then those whose role the name does not tell, the most recently opened first."""
    active = [a for a in aliases if a.document_type == document_type and not a.deleted]
    if not active:
        return None
    rank = {role: 0, "": 1, "GB" if role == "PK" else "PK": 2}
    newest_first = sorted(active, key=lambda a: a.creation_time, reverse=True)
    return sorted(newest_first, key=lambda a: rank.get(a.type, 1))[0]


# --- storage (app.db.repositories.userlist) ----------------------------------------------

@dataclass(frozen=True)
class ImportSummary:
    users: int
    aliases: int


class UserListStore:
    """The user list in the app's SQLite file (tables ``gib_user``, ``gib_user_alias``,
    created by the app's migrations; stored through ``app.db.repositories.userlist``).

    ``engine_or_path``: the app's engine (``app.db.engine.open_database(dir).engine``), any
    object with an ``engine`` attribute, or a path to an SQLite file of its own (the two
    tables are then created in it).
    """

    BATCH = 5000

    def __init__(self, engine_or_path: object) -> None:
        self.engine = repo.engine_of(engine_or_path)

    def import_file(self, source: str | Path | IO[bytes]) -> ImportSummary:
        """Replace the stored list with the one in ``source``.

        The list is written into staging tables in batches (short transactions, so the app's
        other writers are never held up for long) and swapped in with one quick transaction;
        if reading fails half-way the old list stays as it was.
        """
        users = aliases = 0
        user_rows: list[repo.UserRow] = []
        alias_rows: list[repo.AliasRow] = []
        seen: set[str] = set()
        repo.begin_import(self.engine)

        def flush() -> None:
            repo.write_batch(self.engine, user_rows, alias_rows)
            user_rows.clear()
            alias_rows.clear()

        try:
            for user in iter_users(source):
                if user.identifier not in seen:  # a repeated user keeps its first row
                    seen.add(user.identifier)
                    users += 1
                    user_rows.append((user.identifier, user.title, user.type,
                                      user.first_creation_time, user.account_type))
                for a in user.aliases:
                    aliases += 1
                    alias_rows.append((user.identifier, a.document_type, a.alias, a.type,
                                       a.creation_time, a.deletion_time, a.deleted))
                if len(alias_rows) >= self.BATCH or len(user_rows) >= self.BATCH:
                    flush()
            flush()
            if users == 0:
                raise UserError("Kullanıcı listesi dosyasında hiç kullanıcı (User) yok; GİB'in "
                                "kullanıcı listesi dosyasını seçtiğinizden emin olun.")
            repo.swap_in(self.engine)
        except BaseException:
            repo.abort_import(self.engine)
            raise
        return ImportSummary(users, aliases)

    def count(self) -> int:
        return repo.count(self.engine)

    def user(self, vkn_tckn: str) -> RegisteredUser | None:
        found = repo.user(self.engine, vkn_tckn.strip())
        if found is None:
            return None
        row, alias_rows = found
        aliases = tuple(
            UserAlias(r.alias, r.role, r.document_type, row.first_creation_time,
                      r.creation_time, r.deletion_time, row.title)
            for r in alias_rows
        )
        return RegisteredUser(row.identifier, row.title, row.type, row.first_creation_time,
                              row.account_type, aliases)

    def lookup(self, vkn_tckn: str) -> list[UserAlias]:
        """Every alias of ``vkn_tckn`` (deleted ones too, marked); [] when not registered."""
        user = self.user(vkn_tckn)
        return list(user.aliases) if user else []

    def invoice_alias(self, vkn_tckn: str) -> UserAlias | None:
        """The active e-Fatura alias for the receiver, or ``None`` (then: e-Arşiv)."""
        return choose_invoice_alias(self.lookup(vkn_tckn))

    def despatch_alias(self, vkn_tckn: str, *, role: str = "PK") -> UserAlias | None:
        """The active e-İrsaliye (DespatchAdvice) alias of ``vkn_tckn``: a posta kutusu to
        send a despatch advice to, or with ``role="GB"`` one's own gönderici birim; ``None``
        when it is not registered for e-İrsaliye."""
        return choose_alias(self.lookup(vkn_tckn), DESPATCH_ADVICE, role=role)


# --- writing (the simulator's test list, tests) ------------------------------------------

def write_user_list(users: Iterable[RegisteredUser]) -> bytes:
    """A user-list XML document in GİB's format."""
    root = etree.Element("UserList")
    for u in users:
        el = etree.SubElement(root, "User")
        for tag, value in (("Identifier", u.identifier), ("Title", u.title), ("Type", u.type),
                           ("FirstCreationTime", u.first_creation_time),
                           ("AccountType", u.account_type)):
            etree.SubElement(el, tag).text = value
        docs = etree.SubElement(el, "Documents")
        by_type: dict[str, list[UserAlias]] = {}
        for a in u.aliases:
            by_type.setdefault(a.document_type, []).append(a)
        for doc_type, items in by_type.items():
            doc = etree.SubElement(docs, "Document", type=doc_type)
            for a in items:
                al = etree.SubElement(doc, "Alias")
                etree.SubElement(al, "Name").text = a.alias
                etree.SubElement(al, "CreationTime").text = a.creation_time
                if a.deletion_time:
                    etree.SubElement(al, "DeletionTime").text = a.deletion_time
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)
