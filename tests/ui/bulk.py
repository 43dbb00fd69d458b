"""Many invoices quickly: plain SQL bulk inserts into a migrated Tezgâh database.

Rows are shaped like issued invoices (one line each) with statuses, profiles, types and
dates spread over two years. Lines can only be added to drafts (immutability triggers),
so invoices go in as drafts and get their final status afterwards, as issuing does.
"""

from __future__ import annotations

import json
import random
import sqlite3
import uuid
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from app import clock

STATUSES = ["issued", "queued", "sent", "processing", "completed", "completed", "completed",
            "failed", "draft"]
PROFILES = ["TEMELFATURA", "TICARIFATURA", "EARSIVFATURA"]
NAMES = ["Çağlayan Şişecilik", "Örnek Gıda", "Yıldız Kırtasiye", "Deniz Lojistik",
         "Ayşe Yılmaz", "Mehmet Demir", "Ege Tekstil", "Anadolu Yapı"]


def fill(db_path: Path, n: int, *, seed: int = 7, today: date | None = None) -> None:
    rnd = random.Random(seed)
    today = today or clock.today()
    now = clock.local_now().isoformat(sep=" ")
    conn = sqlite3.connect(db_path)
    try:
        conn.execute("PRAGMA synchronous=OFF")
        start = conn.execute("SELECT coalesce(max(id), 0) FROM invoices").fetchone()[0]
        inv_rows, line_rows, final = [], [], []
        seq: dict[tuple[str, int], int] = {}
        for i in range(n):
            iid = start + i + 1
            d = today - timedelta(days=rnd.randrange(0, 700))
            profile = rnd.choice(PROFILES)
            series = "EAR" if profile == "EARSIVFATURA" else "TZG"
            status = rnd.choice(STATUSES)
            typ = "IADE" if rnd.random() < 0.03 and profile != "TICARIFATURA" else "SATIS"
            qty = Decimal(rnd.randrange(1, 50))
            price = Decimal(rnd.randrange(100, 500000)) / 100
            rate = rnd.choice([Decimal(1), Decimal(10), Decimal(20), Decimal(20)])
            net = (qty * price).quantize(Decimal("0.01"))
            kdv = (net * rate / 100).quantize(Decimal("0.01"))
            number = None
            if status != "draft":
                key = (series, d.year)
                seq[key] = seq.get(key, 0) + 1
                number = f"{series}{d.year}{seq[key] + start:09d}"
            name = rnd.choice(NAMES)
            vkn = f"{rnd.randrange(10**9, 10**10)}"
            inv_rows.append((iid, str(uuid.uuid4()).upper(), "out", "draft", number, profile, typ,
                             series, d.isoformat(), "10:00:00", "TRY", vkn, f"{name} {i % 97}",
                             str(net), str(kdv), str(net + kdv), json.dumps({}), 1, now, now,
                             now if number else None))
            line_rows.append((iid, 1, "Ürün", str(qty), "C62", str(price), "0", str(rate),
                              str(net), str(kdv), "", ""))
            if status != "draft":
                final.append((status, iid))
        conn.executemany(
            "INSERT INTO invoices (id, ettn, direction, status, number, profile, type, series, "
            "issue_date, issue_time, currency, customer_vkn_tckn, customer_name, tax_exclusive, "
            "tax_total, payable, data, signed, created_at, updated_at, issued_at) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", inv_rows)
        conn.executemany(
            "INSERT INTO invoice_lines (invoice_id, position, name, quantity, unit, unit_price, "
            "discount_rate, kdv_rate, net, kdv_amount, withholding_code, exemption_code) VALUES "
            "(?,?,?,?,?,?,?,?,?,?,?,?)", line_rows)
        conn.executemany("UPDATE invoices SET status = ? WHERE id = ?", final)
        conn.commit()
        conn.execute("ANALYZE")
    finally:
        conn.close()
