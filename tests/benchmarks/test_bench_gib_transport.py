"""Transport speed on loopback: envelope + zip + sendDocument + status follow-up to 1300 against
the local GİB test simulator, for GİB's performance items (e-FaturaTestPlani §5.1.3 b, d) with
already signed invoices; plus building an envelope of 100 invoices and importing a user list.

Run with ``.venv/bin/python -m pytest tests/benchmarks/test_bench_gib_transport.py --benchmark-only``.
Figures go to docs/performance/gib-transport.md.
"""

from __future__ import annotations

import io
import uuid
from datetime import datetime
from pathlib import Path

import pytest

from app.gib.client import EFaturaClient
from app.gib.envelope import build_envelope
from app.gib.package import zip_envelope
from app.gib.userlist import UserListStore
from tests.fixtures.simulator import RECEIVER, SENDER, follow, pack

pytestmark = pytest.mark.benchmark


@pytest.fixture(scope="module")
def signed_invoices(_gib_invoice_template: bytes, gib_signer) -> list[bytes]:
    from app.signing.xades import sign_invoice

    out = []
    for _ in range(1000):
        ettn = str(uuid.uuid4()).upper().encode()
        data = _gib_invoice_template.replace(b"F47AC10B-58CC-4372-A567-0E02B2C3D479", ettn)
        data = data.replace(b"<cbc:URI>#Signature</cbc:URI>",
                            b"<cbc:URI>#Signature_" + ettn.replace(b"-", b"") + b"</cbc:URI>")
        out.append(sign_invoice(data, gib_signer))
    return out


def _run(client: EFaturaClient, batches: list[list[bytes]]) -> None:
    sent = []
    for invoices in batches:
        p = pack(invoices)
        client.send_document(p.file_name, p.zip, p.md5)
        sent.append(p.uuid)
    for u in sent:
        assert follow(client, u, timeout=120)[-1] == 1300


def test_bench_10_envelopes_x_1_invoice(benchmark, make_gib_simulator, signed_invoices):
    sim = make_gib_simulator()
    client = EFaturaClient(sim.url, timeout=60)
    rounds = iter(range(100))

    def go() -> None:
        k = next(rounds) * 10 % 900
        _run(client, [[signed_invoices[k + i]] for i in range(10)])

    benchmark.pedantic(go, rounds=3, iterations=1)


def test_bench_10_envelopes_x_100_invoices(benchmark, make_gib_simulator, signed_invoices):
    sim = make_gib_simulator()
    client = EFaturaClient(sim.url, timeout=120)
    benchmark.pedantic(
        _run, args=(client, [signed_invoices[i * 100:(i + 1) * 100] for i in range(10)]),
        rounds=1, iterations=1,
    )


def test_bench_build_and_zip_envelope_of_100(benchmark, signed_invoices):
    invoices = signed_invoices[:100]

    def go() -> tuple[bytes, str]:
        env_id = str(uuid.uuid4())
        env = build_envelope(invoices, sender=SENDER, receiver=RECEIVER, envelope_uuid=env_id,
                             created=datetime.now())
        return zip_envelope(env, env_id)

    data, md5 = benchmark(go)
    assert len(md5) == 32 and data


def test_bench_userlist_import_100k_users(benchmark, tmp_path: Path):
    buf = io.BytesIO()
    buf.write(b"<UserList>")
    for i in range(100_000):
        buf.write(
            f"<User><Identifier>{1000000000 + i}</Identifier><Title>Firma {i}</Title>"
            f"<Type>OZEL</Type><FirstCreationTime>2020-01-01T00:00:00</FirstCreationTime>"
            f"<AccountType>GIBPORTAL</AccountType><Documents><Document type=\"Invoice\">"
            f"<Alias><Name>urn:mail:defaultpk@f{i}.com</Name><CreationTime>2020</CreationTime>"
            f"</Alias></Document></Documents></User>".encode())
    buf.write(b"</UserList>")
    path = tmp_path / "userlist.xml"
    path.write_bytes(buf.getvalue())
    store = UserListStore(tmp_path / "db.sqlite3")
    summary = benchmark.pedantic(store.import_file, args=(path,), rounds=1, iterations=1)
    assert summary.users == 100_000


def test_bench_200_send_document_calls(benchmark, make_gib_simulator, signed_invoices):
    """The HTTP stack, nearly alone: 200 sendDocument calls of one-invoice envelopes packed
    beforehand, one after the other, to a simulator that only checks a signature is there
    (README, Bağımlılıklar: requests)."""
    sim = make_gib_simulator(signature_check="presence")
    client = EFaturaClient(sim.url, timeout=60)
    rounds = iter(range(4))

    def setup() -> tuple[tuple[list], dict]:
        start = next(rounds) * 200
        return ([pack([signed_invoices[start + i]]) for i in range(200)],), {}

    def go(packed: list) -> None:
        for p in packed:
            client.send_document(p.file_name, p.zip, p.md5)

    benchmark.pedantic(go, setup=setup, rounds=4, iterations=1)
