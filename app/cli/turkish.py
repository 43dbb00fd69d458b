"""argparse in Turkish: its own words ("usage:", "options", "show this help message and
exit", its error messages) translated for the ``tezgah`` parser and its sub-parsers only.

argparse takes these words from ``gettext`` through its module-level ``_``/``ngettext``;
the parser below swaps them for the Turkish ones only while it builds, formats or parses,
so no other user of argparse in the process is affected."""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, NoReturn

WORDS: dict[str, str] = {
    "usage: ": "Kullanım: ",
    "positional arguments": "argümanlar",
    "options": "seçenekler",
    "optional arguments": "seçenekler",
    "show this help message and exit": "bu yardımı göster ve çık",
    "subcommands": "alt komutlar",
    "%(prog)s: error: %(message)s\n": "%(prog)s: hata: %(message)s\n",
    "the following arguments are required: %s": "şu argümanlar gerekli: %s",
    "unrecognized arguments: %s": "tanınmayan argümanlar: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "geçersiz seçim: %(value)r (seçenekler: %(choices)s)",
    "argument %(argument_name)s: %(message)s": "%(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "geçersiz %(type)s değeri: %(value)r",
    "expected one argument": "bir değer bekleniyor",
    "expected at most one argument": "en çok bir değer bekleniyor",
    "expected at least one argument": "en az bir değer bekleniyor",
    "ambiguous option: %(option)s could match %(matches)s":
        "belirsiz seçenek: %(option)s şunlardan biri olabilir: %(matches)s",
    "one of the arguments %s is required": "şu argümanlardan biri gerekli: %s",
    "not allowed with argument %s": "%s ile birlikte kullanılamaz",
    "ignored explicit argument %r": "yok sayılan değer %r",
    "unexpected option string: %s": "beklenmeyen seçenek: %s",
}
PLURALS: dict[str, str] = {"expected %s argument": "%s değer bekleniyor"}


def translate(message: str) -> str:
    return WORDS.get(message, message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    if singular in PLURALS:
        return PLURALS[singular]
    return singular if n == 1 else plural


@contextmanager
def turkish() -> Iterator[None]:
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = translate, translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


class TurkishArgumentParser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own words are Turkish; its sub-parsers are of this class
    too (``add_subparsers`` makes them with the parent's class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        with turkish():
            super().__init__(*args, **kwargs)

    def add_subparsers(self, **kwargs: Any) -> Any:
        with turkish():
            return super().add_subparsers(**kwargs)

    def parse_known_args(self, args: Any = None, namespace: Any = None) -> Any:
        with turkish():
            return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        with turkish():
            return super().format_usage()

    def format_help(self) -> str:
        if callable(self.description):
            # A description may be a function, called only when the help is shown: a
            # command can then quote a value of a module it loads only when it runs.
            self.description = self.description()
        with turkish():
            return super().format_help()

    def error(self, message: str) -> NoReturn:
        with turkish():
            super().error(message)
        raise AssertionError  # pragma: no cover (error exits)
