"""deploy/postbox/ against the code it deploys: each check fails when a file drifts.

* The ``tezgah … postbox serve`` command lines of the systemd unit and the Containerfile, and
  every ``tezgah`` command in docs/postbox-service.md, go through the real argument parser
  (``app.cli.build_parser``). Options and sub-commands that the parser does not have yet are
  strict xfails naming what is missing, so they turn into failures the day it lands.
* The proxies (Caddyfile, nginx.conf) route the service's SOAP and health paths
  (``app.postbox.service``), forward to the port the unit listens on, keep the SOAP door to
  GİB's IPs, and let through at least the service's largest body.
* ``systemd-analyze verify`` accepts the unit, where the tool exists.
"""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from app.cli import build_parser
from app.postbox.service import API_PREFIX, HEALTH_PATH, MAX_BODY_BYTES, SERVICE_PATH

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy" / "postbox"
UNIT = DEPLOY / "tezgah-postbox.service"
CONTAINERFILE = DEPLOY / "Containerfile"
CADDYFILE = DEPLOY / "Caddyfile"
NGINX = DEPLOY / "nginx.conf"
GUIDE = ROOT / "docs" / "postbox-service.md"
DATA_DIR = "/var/lib/tezgah-postbox"

#: Parts of the final interface the parser does not have yet: (argument sequence, reason).
PENDING = (
)


# -- reading the files ---------------------------------------------------------------------

def _unit_settings() -> list[tuple[str, str]]:
    """``(key, value)`` for every assignment of the unit, continuation lines joined."""
    text = UNIT.read_text(encoding="utf-8").replace("\\\n", " ")
    pairs = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith(("#", ";", "[")) and "=" in line:
            key, value = line.split("=", 1)
            pairs.append((key.strip(), value.strip()))
    return pairs


def _unit(key: str) -> list[str]:
    return [value for k, value in _unit_settings() if k == key]


def _unit_argv() -> list[str]:
    (exec_start,) = _unit("ExecStart")
    argv = shlex.split(exec_start)
    argv[0] = argv[0].lstrip("-@:+!")  # systemd's ExecStart prefixes
    return argv


def _containerfile_instructions() -> list[tuple[str, str]]:
    text = CONTAINERFILE.read_text(encoding="utf-8").replace("\\\n", " ")
    out = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def _container(instruction: str) -> list[str]:
    return [rest for word, rest in _containerfile_instructions() if word == instruction]


def _container_cmd() -> list[str]:
    (cmd,) = _container("CMD")
    argv = json.loads(cmd)  # exec form: the signal reaches tezgah, not a shell
    assert isinstance(argv, list)
    return argv


def _tezgah_args(argv: list[str]) -> list[str]:
    assert Path(argv[0]).name == "tezgah", f"not a tezgah command line: {argv}"
    return argv[1:]


def _parse(args: list[str]):  # type: ignore[no-untyped-def]
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err):
            return build_parser().parse_args(args)
    except SystemExit as exc:
        pytest.fail(f"tezgah {shlex.join(args)}: refused by the parser ({exc.code}): "
                    f"{err.getvalue().strip()}")


def _without(args: list[str], option: str) -> list[str]:
    """``args`` without ``option`` and its value."""
    out, skip = [], False
    for arg in args:
        if skip:
            skip = False
        elif arg == option:
            skip = True
        elif not arg.startswith(option + "="):
            out.append(arg)
    return out


def _contains(args: list[str], seq: list[str]) -> bool:
    return any(args[i:i + len(seq)] == seq for i in range(len(args)))


def _pending_reasons(args: list[str]) -> list[str]:
    return [reason for seq, reason in PENDING if _contains(args, seq)]


def _block(text: str, start: int) -> str:
    """The ``{ … }`` block opening at or after ``start``."""
    i = text.index("{", start)
    depth = 0
    for j in range(i, len(text)):
        if text[j] == "{":
            depth += 1
        elif text[j] == "}":
            depth -= 1
            if depth == 0:
                return text[i:j + 1]
    raise AssertionError("unbalanced braces")


def _strip_comments(text: str) -> str:
    return "\n".join(line.split("#", 1)[0] for line in text.splitlines())


# -- the command lines ---------------------------------------------------------------------

def test_unit_command_line_parses() -> None:
    args = _parse(_tezgah_args(_unit_argv()))
    assert (args.command, args.postbox_cmd) == ("postbox", "serve")
    assert args.data_dir == DATA_DIR


def test_unit_command_line_parses_apart_from_pending_options() -> None:
    raw = _tezgah_args(_unit_argv())
    for seq, _reason in PENDING:
        if len(seq) == 1 and seq[0].startswith("--"):
            raw = _without(raw, seq[0])
    args = _parse(raw)
    assert (args.command, args.postbox_cmd) == ("postbox", "serve")
    assert args.data_dir == DATA_DIR
    assert args.host == "127.0.0.1", "the unit listens behind the proxy, on loopback only"
    assert urlsplit(args.public_url).scheme == "https"
    assert urlsplit(args.public_url).path == SERVICE_PATH


def test_unit_data_folder_user_restart_and_hardening() -> None:
    assert _unit("User") == ["tezgah"]
    state = _unit("StateDirectory")
    assert state and f"/var/lib/{state[0]}" == DATA_DIR
    assert _unit("ReadWritePaths") == [DATA_DIR]
    assert f"TEZGAH_DATA_DIR={DATA_DIR}" in _unit("Environment")
    assert _unit("Restart") == ["always"]
    assert _unit("KillSignal") in ([], ["SIGTERM"])
    for key, value in (("NoNewPrivileges", "yes"), ("ProtectSystem", "strict"),
                       ("ProtectHome", "yes"), ("PrivateTmp", "yes")):
        assert _unit(key) == [value], key


def test_containerfile_command_line_parses() -> None:
    argv = _container_cmd()
    args = _parse(_tezgah_args(argv))
    assert (args.command, args.postbox_cmd) == ("postbox", "serve")
    assert args.host == "0.0.0.0"
    assert [int(p.split("/")[0]) for p in _container("EXPOSE")] == [args.port]
    assert json.loads(_container("VOLUME")[0]) == [args.data_dir]
    assert any(f"TEZGAH_DATA_DIR={args.data_dir}" in env for env in _container("ENV"))
    assert _container("USER") and _container("USER")[-1] not in ("root", "0")


def test_containerfile_healthcheck_asks_the_service() -> None:
    (check,) = _container("HEALTHCHECK")
    assert "curl" not in check and "urllib" in check
    urls = re.findall(r"http://[^'\"\s]+", check)
    assert len(urls) == 1, check
    url = urlsplit(urls[0])
    assert url.path == HEALTH_PATH
    assert url.port == _parse(_tezgah_args(_container_cmd())).port


_USER_OPTIONS = ("-u", "--user", "-o", "--owner", "-g", "--group")


def _documented_commands() -> list[list[str]]:
    """The ``tezgah`` command lines in the guide's code blocks (the arguments after it)."""
    text = GUIDE.read_text(encoding="utf-8")
    commands = []
    for block in re.findall(r"```[a-z]*\n(.*?)```", text, flags=re.S):
        for line in block.replace("\\\n", " ").splitlines():
            line = re.sub(r"\s#.*$", "", line)
            line = re.sub(r"\$\([^)]*\)", "SUBST", line)  # $(date -I) is one word to tezgah
            try:
                tokens = shlex.split(line)
            except ValueError:
                continue
            for i, token in enumerate(tokens):
                # "sudo -u tezgah …", "install -o tezgah -g tezgah …" name the user, not the program
                if Path(token).name != "tezgah" or (i and tokens[i - 1] in _USER_OPTIONS):
                    continue
                args = []
                for arg in tokens[i + 1:]:
                    if arg in ("|", "||", "&&", ";") or arg.startswith(("<", ">", "2>")):
                        break
                    args.append(arg)
                if args:
                    commands.append(args)
                break
    return commands


def _documented_params() -> list:  # type: ignore[type-arg]
    params = []
    for n, args in enumerate(_documented_commands()):
        reasons = _pending_reasons(args)
        marks = [pytest.mark.xfail(strict=True, reason="; ".join(reasons))] if reasons else []
        params.append(pytest.param(args, id=f"{n}-{'-'.join(a for a in args[:4] if '/' not in a)}",
                                   marks=marks))
    return params


def test_the_guide_has_commands() -> None:
    commands = _documented_commands()
    assert len(commands) >= 10
    assert any(_contains(args, ["postbox", "serve"]) for args in commands)


@pytest.mark.parametrize("args", _documented_params())
def test_documented_command_parses(args: list[str]) -> None:
    _parse(args)


# -- the proxies ---------------------------------------------------------------------------

def _caddy() -> str:
    return _strip_comments(CADDYFILE.read_text(encoding="utf-8"))


def _nginx() -> str:
    return _strip_comments(NGINX.read_text(encoding="utf-8"))


def _caddy_paths() -> set[str]:
    text = _caddy()
    paths = set(re.findall(r"^\s*@\w+\s+path\s+(/\S*)", text, flags=re.M))
    paths |= set(re.findall(r"^\s*path\s+(/\S*)", text, flags=re.M))
    paths |= set(re.findall(r"^\s*(?:handle|handle_path|route)\s+(/\S*)", text, flags=re.M))
    return paths


def _nginx_paths() -> set[str]:
    return set(re.findall(r"^\s*location\s+(?:=\s*|\^~\s*)?(/\S*)\s*\{", _nginx(), flags=re.M))


PROXIES = {"Caddyfile": _caddy_paths, "nginx.conf": _nginx_paths}


@pytest.mark.parametrize("name", sorted(PROXIES))
def test_proxy_routes_the_service_paths(name: str) -> None:
    paths = PROXIES[name]()
    assert SERVICE_PATH in paths
    assert HEALTH_PATH in paths
    assert any(p.rstrip("*") == API_PREFIX for p in paths), paths


def _unit_port() -> int:
    raw = _tezgah_args(_unit_argv())
    for seq, _reason in PENDING:
        if len(seq) == 1 and seq[0].startswith("--"):
            raw = _without(raw, seq[0])
    return int(_parse(raw).port)


def test_proxies_forward_to_the_port_the_unit_listens_on() -> None:
    expected = f"127.0.0.1:{_unit_port()}"
    caddy = re.findall(r"^\s*reverse_proxy\s+(?:@\w+\s+)?(\S+)", _caddy(), flags=re.M)
    nginx = re.findall(r"^\s*proxy_pass\s+https?://([^;/\s]+)", _nginx(), flags=re.M)
    assert caddy and set(caddy) == {expected}
    assert nginx and set(nginx) == {expected}


def _ips(text: str) -> set[str]:
    return set(re.findall(r"\b\d{1,3}(?:\.\d{1,3}){3}(?:/\d{1,2})?\b", text))


def test_soap_door_is_for_gibs_ips_only() -> None:
    caddy = _caddy()
    name = re.search(rf"^\s*(@\w+)\s+path\s+{re.escape(SERVICE_PATH)}\s*$", caddy, flags=re.M)
    assert name, "the Caddyfile names the SOAP path with a matcher"
    handle = re.search(rf"^\s*handle\s+{name.group(1)}\s*\{{", caddy, flags=re.M)
    assert handle
    caddy_block = _block(caddy, handle.start())
    refused = re.search(r"^\s*(@\w+)\s+not\s+remote_ip\s+(.+)$", caddy_block, flags=re.M)
    assert refused and re.search(rf"^\s*respond\s+{refused.group(1)}\s+403", caddy_block,
                                 flags=re.M)
    caddy_ips = _ips(refused.group(2))

    nginx = _nginx()
    location = re.search(rf"^\s*location\s+=\s*{re.escape(SERVICE_PATH)}\s*\{{", nginx,
                         flags=re.M)
    assert location
    nginx_block = _block(nginx, location.start())
    assert re.search(r"^\s*deny\s+all\s*;", nginx_block, flags=re.M)
    nginx_ips = set(re.findall(r"^\s*allow\s+(\S+)\s*;", nginx_block, flags=re.M))
    assert caddy_ips and caddy_ips == nginx_ips, (caddy_ips, nginx_ips)


_CADDY_UNITS = {"b": 1, "kb": 1000, "kib": 1024, "mb": 1000**2, "mib": 1024**2,
                "gb": 1000**3, "gib": 1024**3}
_NGINX_UNITS = {"": 1, "k": 1024, "m": 1024**2, "g": 1024**3}


def _caddy_body_limits() -> list[int]:
    limits = []
    for number, unit in re.findall(r"^\s*max_size\s+(\d+)\s*([A-Za-z]*)\s*$", _caddy(),
                                   flags=re.M):
        limits.append(int(number) * _CADDY_UNITS[(unit or "b").lower()])
    return limits


def _nginx_body_limits() -> list[int]:
    limits = []
    for number, unit in re.findall(r"^\s*client_max_body_size\s+(\d+)([kKmMgG]?)\s*;",
                                   _nginx(), flags=re.M):
        limits.append(int(number) * _NGINX_UNITS[unit.lower()])
    return limits


def test_proxy_body_limits_let_the_services_largest_body_through() -> None:
    raw = _tezgah_args(_unit_argv())
    for seq, _reason in PENDING:
        if len(seq) == 1 and seq[0].startswith("--"):
            raw = _without(raw, seq[0])
    service_limit = _parse(raw).max_body or MAX_BODY_BYTES
    for name, limits in (("Caddyfile", _caddy_body_limits()),
                         ("nginx.conf", _nginx_body_limits())):
        # nginx's default is 1 MiB and 0 means unlimited: the limit must be written down.
        assert limits, f"{name} sets no request body limit"
        for limit in limits:
            assert limit == 0 or limit >= service_limit, (name, limit, service_limit)


# -- systemd -------------------------------------------------------------------------------

@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd-analyze here")
def test_systemd_analyze_verify_accepts_the_unit(tmp_path: Path) -> None:
    # The unit names the server's program path; here any executable stands in for it.
    program = _unit_argv()[0]
    here = Path(sys.executable).with_name("tezgah")
    stand_in = here if here.is_file() else Path(sys.executable)
    unit = tmp_path / UNIT.name
    unit.write_text(UNIT.read_text(encoding="utf-8").replace(program, str(stand_in)),
                    encoding="utf-8")
    result = subprocess.run(["systemd-analyze", "verify", "--man=no", str(unit)],
                            capture_output=True, text=True, timeout=60, check=False)
    about_ours = [line for line in (result.stdout + result.stderr).splitlines()
                  if unit.name in line]
    assert result.returncode == 0, result.stdout + result.stderr
    assert not about_ours, "\n".join(about_ours)
