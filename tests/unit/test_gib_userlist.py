"""GİB's registered-user list: the guide's example parses, the store looks up and picks the
alias, large lists stream, and the CLI imports and looks up."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from lxml import etree

from app.cli import main
from app.domain.errors import UserError
from app.gib.simulator.testlist import builtin_user_list_xml
from app.gib.userlist import (
    UserAlias,
    UserListStore,
    alias_role,
    choose_invoice_alias,
    iter_users,
)
from app.paths import database_path

GUIDE = "UserList_(Kullanici_Listeleri)_Kilavuzu_V.1.0.txt"


@pytest.fixture(scope="module")
def guide_example(gib_dir: Path) -> bytes:
    """The complete example document of the UserList guide (§2, "User List Örnek xml")."""
    text = (gib_dir / "guides" / GUIDE).read_text(encoding="utf-8")
    found = re.findall(r"<UserList>.*?</UserList>", text, flags=re.S)
    assert found
    # drop the PDF's page furniture lines if any slipped into the example
    return found[-1].encode("utf-8")


def test_guide_example_parses(guide_example: bytes) -> None:
    [user] = list(iter_users(io.BytesIO(guide_example)))
    assert user.identifier == "3900383669" and user.type == "KAMU"
    assert user.account_type == "ENTEGRASYON" and user.first_creation_time == "2014-04-01T00:00:00"
    invoice = [a for a in user.aliases if a.document_type == "Invoice"]
    assert [a.alias for a in invoice] == ["urn:mail:defaultgb@gib.gov.tr",
                                          "urn:mail:defaultgb@gmail.com"]
    assert [a.deleted for a in invoice] == [False, True]
    assert invoice[1].deletion_time == "2026-03-26T00:00:00"
    assert {a.document_type for a in user.aliases} == {"Invoice", "DespatchAdvice"}


def test_test_list_validates_against_gibs_userlist_xsd(gib_unpacked: Path) -> None:
    schema = etree.XMLSchema(etree.parse(str(gib_unpacked / "e-FaturaPaketi" / "xsd" / "Userlist"
                                             / "NewUserList.xsd")))
    assert schema.validate(etree.fromstring(builtin_user_list_xml())), schema.error_log


def test_store_lookup_and_alias_choice(tmp_path: Path) -> None:
    store = UserListStore(tmp_path / "db.sqlite3")
    summary = store.import_file(io.BytesIO(builtin_user_list_xml()))
    assert summary.users == 4 and store.count() == 4
    aliases = store.lookup("9205121120")
    assert {a.alias: a.deleted for a in aliases} == {
        "urn:mail:defaultpk@bbb.com.tr": False,
        "urn:mail:eskipk@bbb.com.tr": True,
        "urn:mail:defaultgb@bbb.com.tr": False,
    }
    chosen = store.invoice_alias("9205121120")
    assert chosen is not None and chosen.alias == "urn:mail:defaultpk@bbb.com.tr"
    assert chosen.type == "PK"
    assert store.lookup("1111111111") == [] and store.invoice_alias("1111111111") is None
    # an irsaliye (DespatchAdvice) alias is never chosen for an invoice
    assert store.invoice_alias("1288331521").alias == "urn:mail:defaultpk@aaa.com.tr"


def test_choose_prefers_active_pk_then_newest() -> None:
    def a(name: str, created: str, deleted: str | None = None, doc: str = "Invoice") -> UserAlias:
        return UserAlias(name, alias_role(name), doc, "2014", created, deleted)

    assert choose_invoice_alias([a("urn:mail:defaultgb@x.com", "2020"),
                                 a("urn:mail:defaultpk@x.com", "2019")]).alias.endswith("pk@x.com")
    assert choose_invoice_alias([a("urn:mail:efatura@x.com", "2019"),
                                 a("urn:mail:fatura@x.com", "2021")]).alias == "urn:mail:fatura@x.com"
    assert choose_invoice_alias([a("urn:mail:defaultpk@x.com", "2019", deleted="2020")]) is None
    assert choose_invoice_alias([a("urn:mail:pk@x.com", "2019", doc="DespatchAdvice")]) is None
    assert alias_role("urn:mail:defaultpk@gib.gov.tr") == "PK"
    assert alias_role("urn:mail:defaultgb@gib.gov.tr") == "GB"
    assert alias_role("urn:mail:fatura@firma.com") == ""


def test_import_replaces_the_previous_list(tmp_path: Path) -> None:
    store = UserListStore(tmp_path / "db.sqlite3")
    store.import_file(io.BytesIO(builtin_user_list_xml()))
    store.import_file(io.BytesIO(
        b"<UserList><User><Identifier>1234567890</Identifier><Title>T</Title><Type>OZEL</Type>"
        b"<FirstCreationTime>2020-01-01T00:00:00</FirstCreationTime><Documents>"
        b'<Document type="Invoice"><Alias><Name>urn:mail:defaultpk@t.com</Name>'
        b"<CreationTime>2020-01-01T00:00:00</CreationTime></Alias></Document></Documents></User>"
        b"</UserList>"))
    assert store.count() == 1 and store.lookup("9205121120") == []
    with pytest.raises(UserError, match="hiç kullanıcı"):
        store.import_file(io.BytesIO(b"<UserList/>"))
    assert store.count() == 1  # a failed import keeps the old list
    with pytest.raises(UserError, match="XML"):
        store.import_file(io.BytesIO(b"<UserList><User>"))
    assert store.count() == 1
    from sqlalchemy import inspect

    assert sorted(n for n in inspect(store.engine).get_table_names() if n.startswith("gib_")) == [
        "gib_user", "gib_user_alias"]  # no staging tables left behind


def test_a_large_list_streams(tmp_path: Path) -> None:
    path = tmp_path / "big.xml"
    n = 5000
    with path.open("wb") as f:
        f.write(b"<UserList>")
        for i in range(n):
            f.write(
                f"<User><Identifier>{1000000000 + i}</Identifier><Title>Firma {i}</Title>"
                f"<Type>OZEL</Type><FirstCreationTime>2020-01-01T00:00:00</FirstCreationTime>"
                f"<AccountType>GIBPORTAL</AccountType><Documents><Document type=\"Invoice\">"
                f"<Alias><Name>urn:mail:defaultpk@f{i}.com</Name><CreationTime>2020</CreationTime>"
                f"</Alias></Document></Documents></User>".encode())
        f.write(b"</UserList>")
    store = UserListStore(tmp_path / "db.sqlite3")
    assert store.import_file(path).users == n
    assert store.invoice_alias(str(1000000000 + n - 1)).alias == f"urn:mail:defaultpk@f{n - 1}.com"


def test_entities_in_a_user_list_are_not_expanded(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("1111111111", encoding="utf-8")
    data = (f'<?xml version="1.0"?><!DOCTYPE UserList [<!ENTITY s SYSTEM "{secret.as_uri()}">]>'
            "<UserList><User><Identifier>&s;</Identifier><Title>X</Title></User>"
            "<User><Identifier>2222222222</Identifier><Title>Y</Title></User></UserList>")
    users = list(iter_users(io.BytesIO(data.encode())))
    assert [u.identifier for u in users] == ["2222222222"]


def test_cli_import_and_lookup(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "data"
    src = tmp_path / "userlist.xml"
    src.write_bytes(builtin_user_list_xml())
    assert main(["--data-dir", str(data), "userlist", "lookup", "9205121120"]) == 1
    assert "boş" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "userlist", "import", str(src)]) == 0
    assert "4 kullanıcı" in capsys.readouterr().out
    assert database_path(data).exists()
    assert main(["--data-dir", str(data), "userlist", "lookup", "9205121120"]) == 0
    out = capsys.readouterr().out
    assert "urn:mail:defaultpk@bbb.com.tr" in out and "silindi" in out
    assert main(["--data-dir", str(data), "userlist", "lookup", "9205121120", "--json"]) == 0
    parsed = json.loads(capsys.readouterr().out)
    assert parsed["invoice_alias"] == "urn:mail:defaultpk@bbb.com.tr" and parsed["registered"]
    assert main(["--data-dir", str(data), "userlist", "lookup", "1111111111"]) == 0
    assert "e-Arşiv" in capsys.readouterr().out
    assert main(["--data-dir", str(data), "userlist", "import", str(tmp_path / "yok.xml")]) == 1
    assert "bulunamadı" in capsys.readouterr().err
