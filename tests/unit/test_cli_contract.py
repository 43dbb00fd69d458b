"""The ``tezgah`` command as issue 2 names it: people and scripts rely on these words."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.fixtures.app import COMPANY, CUSTOMER, invoice_json, make_context


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data_dir_with_rules(tmp_path: Path, installed_rules_dir: Path) -> Path:
    ctx = make_context(tmp_path / "data", installed_rules_dir, company=False)
    return ctx.data_dir


def _write(path: Path, value: object) -> str:
    path.write_text(json.dumps(value, ensure_ascii=False), encoding="utf-8")
    return str(path)


def test_whole_flow_through_the_cli(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                    data_dir_with_rules: Path) -> None:
    d = str(data_dir_with_rules)
    assert run(capsys, "--data-dir", d, "company", "set", "--json",
               _write(tmp_path / "c.json", COMPANY))[0] == 0
    code, out, _ = run(capsys, "--data-dir", d, "company", "show")
    assert code == 0 and json.loads(out)["vkn_tckn"] == COMPANY["vkn_tckn"]
    assert run(capsys, "--data-dir", d, "customer", "add", "--json",
               _write(tmp_path / "m.json", CUSTOMER))[0] == 0
    code, out, _ = run(capsys, "--data-dir", d, "customer", "list")
    assert "Çağlayan Şişecilik" in out
    product = {"name": "Çay 1 kg", "unit": "KGM", "unit_price": "245.50", "kdv_rate": "1"}
    assert run(capsys, "--data-dir", d, "product", "add", "--json",
               _write(tmp_path / "p.json", product))[0] == 0
    code, out, _ = run(capsys, "--data-dir", d, "product", "list", "--json")
    assert json.loads(out)[0]["unit_price"] == "245.50"

    draft = invoice_json(customer=CUSTOMER["vkn_tckn"])  # a saved customer by VKN
    code, out, _ = run(capsys, "--data-dir", d, "invoice", "new", "--json",
                       _write(tmp_path / "i.json", draft))
    ettn = out.strip()
    assert code == 0 and len(ettn) == 36
    code, out, _ = run(capsys, "--data-dir", d, "invoice", "issue", ettn, "--no-sign")
    assert code == 0 and out.strip() == "ABC2026000000001"
    xml_path = tmp_path / "out.xml"
    assert run(capsys, "--data-dir", d, "invoice", "xml", ettn, "--out", str(xml_path))[0] == 0
    assert b"<cbc:ID>ABC2026000000001</cbc:ID>" in xml_path.read_bytes()
    code, out, _ = run(capsys, "--data-dir", d, "invoice", "show", ettn, "--json")
    assert json.loads(out)["status"] == "issued"
    code, out, _ = run(capsys, "--data-dir", d, "invoice", "list", "--json")
    assert [r["number"] for r in json.loads(out)] == ["ABC2026000000001"]
    code, out, _ = run(capsys, "--data-dir", d, "validate", str(xml_path))
    assert code == 0


def test_user_mistakes_give_turkish_messages_and_no_traceback(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, data_dir_with_rules: Path) -> None:
    d = str(data_dir_with_rules)
    bad = tmp_path / "bad.json"
    bad.write_text("{ not json", encoding="utf-8")
    code, _, err = run(capsys, "--data-dir", d, "company", "set", "--json", str(bad))
    assert code == 1 and "geçerli bir JSON değil" in err and "Traceback" not in err
    assert run(capsys, "--data-dir", d, "company", "set", "--json",
               _write(tmp_path / "c.json", COMPANY))[0] == 0
    code, _, err = run(capsys, "--data-dir", d, "invoice", "issue",
                       "00000000-0000-4000-8000-000000000000", "--no-sign")
    assert code == 1 and "bulunamadı" in err
    code, _, err = run(capsys, "--data-dir", d, "customer", "add", "--json",
                       _write(tmp_path / "v.json", {**CUSTOMER, "vkn_tckn": "1234567891"}))
    assert code == 1 and "kontrol hanesi" in err
    code, _, err = run(capsys, "--data-dir", d, "invoice", "xml", "nope", "--out", "x.xml")
    assert code == 1 and "Hata:" in err


def test_issue_without_company_says_what_to_do(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                                               data_dir_with_rules: Path) -> None:
    d = str(data_dir_with_rules)
    code, out, _ = run(capsys, "--data-dir", d, "invoice", "new", "--json",
                       _write(tmp_path / "i.json", invoice_json()))
    code, _, err = run(capsys, "--data-dir", d, "invoice", "issue", out.strip(), "--no-sign")
    assert code == 1 and "company set" in err


def test_data_dir_from_environment(tmp_path: Path) -> None:
    env_dir = tmp_path / "from-env"
    result = subprocess.run([sys.executable, "-m", "app", "customer", "list"],
                            env={"TEZGAH_DATA_DIR": str(env_dir), "PATH": "/usr/bin:/bin"},
                            capture_output=True, text=True, cwd=Path(__file__).parents[2])
    assert result.returncode == 0, result.stderr
    assert (env_dir / "tezgah.sqlite3").exists()


def test_import_command(capsys: pytest.CaptureFixture[str], data_dir_with_rules: Path,
                        ubl_samples_dir: Path) -> None:
    code, out, _ = run(capsys, "--data-dir", str(data_dir_with_rules), "import",
                       str(ubl_samples_dir / "TicariFaturaOrnegi.xml"), "--json")
    # GİB's sample is unsigned: archived all the same, and 1 says its signature is not valid.
    result = json.loads(out)
    assert code == 1 and result["number"] == "GIB2009000000011"
    assert result["signature_valid"] is False
    # an e-İrsaliye is taken too, as a received despatch advice (unsigned sample: 1)
    code, out, _ = run(capsys, "--data-dir", str(data_dir_with_rules), "import",
                       str(ubl_samples_dir / "Irsaliye-Ornek1.xml"))
    assert code == 1 and "İçe alındı: e-İrsaliye GIB2016000000011" in out
    code, _, err = run(capsys, "--data-dir", str(data_dir_with_rules), "import",
                       str(ubl_samples_dir / "KabulUygulamaYanitiOrnegi.xml"))
    assert code == 1 and "fatura değil" in err
