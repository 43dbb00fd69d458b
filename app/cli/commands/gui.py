"""``tezgah gui``: the desktop window."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="Masaüstü penceresini aç")
    p.set_defaults(func=gui)


def gui(args: argparse.Namespace) -> int:
    from ui.main import main

    return main(args.data_dir)
