"""One counter of a shop sharing a PostgreSQL database: issues the drafts named in a file,
one by one, once told to start; run as a subprocess by test_postgres_seats.py.

Prints ``ready`` once started, waits for a line on stdin, then prints one number per issued
invoice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.context import AppContext
from app.usecases.invoices import issue_invoice


def main() -> None:
    ctx = AppContext(Path(sys.argv[1]))
    ettns = Path(sys.argv[2]).read_text(encoding="utf-8").split()
    from app.ubl.validate import get_validator

    get_validator(ctx.rules_dir)  # warm up before announcing readiness
    print("ready", flush=True)
    sys.stdin.readline()
    for ettn in ettns:
        print(issue_invoice(ctx, ettn, sign=None).number, flush=True)


if __name__ == "__main__":
    main()
