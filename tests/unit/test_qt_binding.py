"""The Qt binding Tezgâh runs on keeps Python's reference counts: thousands of calls of a Qt
method and the interpreter still exits cleanly (PySide6 6.12.0 with Python 3.11 aborts at
exit, or in the middle of a long session, with "none_dealloc")."""

from __future__ import annotations

import os
import subprocess
import sys

SCRIPT = """
from PySide6.QtWidgets import QApplication, QGroupBox, QTableView
app = QApplication([])
box, table = QGroupBox(), QTableView()
for i in range(5000):
    box.setTitle("x")            # returns None
    box.setVisible(i % 2 == 0)   # takes a bool
    table.isColumnHidden(0)      # returns a bool
print("bitti")
"""


def test_many_qt_calls_and_a_clean_exit() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-c", SCRIPT], env=env, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "bitti"
