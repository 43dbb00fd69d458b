"""The simulator's built-in registered-user list (used when no ``--userlist`` is given).

Written to ``<data>/userlist.xml`` in GİB's user-list format on first start; edit that file
(or pass ``--userlist FILE``) to change who can receive invoices in the simulator. The
same file is served at ``GET /_sim/userlist.xml`` so ``tezgah userlist import`` can load it.
"""

from __future__ import annotations

from ..userlist import INVOICE, RegisteredUser, UserAlias, write_user_list

T0 = "2014-04-01T00:00:00"


def _alias(name: str, role: str, created: str = T0, deleted: str | None = None,
           doc: str = INVOICE) -> UserAlias:
    return UserAlias(name, role, doc, T0, created, deleted)


TEST_USERS: tuple[RegisteredUser, ...] = (
    # The test account used in GİB's sample envelopes (e-FaturaPaketi/xml).
    RegisteredUser("9999999999", "e-Fatura Deneme A.Ş. (simülatör)", "OZEL", T0, "ENTEGRASYON", (
        _alias("urn:mail:defaultpk@gib.gov.tr", "PK"),
        _alias("urn:mail:defaultgb@gib.gov.tr", "GB"),
    )),
    # Parties of GİB's UBL-TR sample invoices (TicariFaturaOrnegi.xml …).
    RegisteredUser("9205121120", "BBB Limited Şirketi (simülatör)", "OZEL", T0, "ENTEGRASYON", (
        _alias("urn:mail:defaultpk@bbb.com.tr", "PK", "2021-03-11T18:25:55"),
        _alias("urn:mail:eskipk@bbb.com.tr", "PK", "2015-01-01T00:00:00",
               deleted="2021-03-11T18:25:55"),
        _alias("urn:mail:defaultgb@bbb.com.tr", "GB"),
    )),
    RegisteredUser("1288331521", "AAA Anonim Şirketi (simülatör)", "OZEL", T0, "ENTEGRASYON", (
        _alias("urn:mail:defaultpk@aaa.com.tr", "PK"),
        _alias("urn:mail:defaultgb@aaa.com.tr", "GB"),
        _alias("urn:mail:irsaliyepk@aaa.com.tr", "PK", doc="DespatchAdvice"),
    )),
    # A taxpayer with TCKN, registered through GİB's portal.
    RegisteredUser("12345678901", "Demo Şahıs Şirketi (simülatör)", "OZEL", T0, "GIBPORTAL", (
        _alias("urn:mail:defaultpk@demo-sahis.example", "PK"),
    )),
)


def builtin_user_list_xml() -> bytes:
    return write_user_list(TEST_USERS)
