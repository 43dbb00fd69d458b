"""``app.signing`` is a lazy facade: importing it loads none of its parts; each public name
comes from its module on first use and is the very object that module defines."""

from __future__ import annotations

import importlib
import subprocess
import sys

import app.signing as signing


def test_importing_the_facade_loads_none_of_its_parts() -> None:
    code = ("import sys, app.signing\n"
            "print(sorted(m for m in sys.modules if m.startswith('app.signing.')"
            " or m in ('PyKCS11', 'asn1crypto', 'cryptography', 'lxml')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60)
    assert out.stdout.strip() == "[]"


def test_every_public_name_is_its_modules_object() -> None:
    assert sorted(signing.__all__) == sorted(signing._WHERE)
    for name in signing.__all__:
        module, attr = signing._WHERE[name]
        assert getattr(signing, name) is getattr(importlib.import_module(module), attr), name
    assert set(signing.__all__) <= set(dir(signing))


def test_an_unknown_name_is_an_attribute_error() -> None:
    try:
        signing.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("no AttributeError")
