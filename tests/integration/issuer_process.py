"""Issues every draft of a data directory, one by one; run as a subprocess by the kill test.

Prints ``ready`` once started, then one number per issued invoice.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import select

from app.context import AppContext
from app.db import tables as t
from app.usecases.invoices import issue_invoice


def main() -> None:
    ctx = AppContext(Path(sys.argv[1]))
    from app.ubl.validate import get_validator

    get_validator(ctx.rules_dir)  # warm up before announcing readiness
    with ctx.db.session() as s:
        drafts = list(s.scalars(select(t.Invoice.ettn).where(t.Invoice.status == "draft")
                                .order_by(t.Invoice.id)))
    print("ready", flush=True)
    for ettn in drafts:
        print(issue_invoice(ctx, ettn, sign=None).number, flush=True)


if __name__ == "__main__":
    main()
