"""Renders Tezgâh's SVG icon to a 1024×1024 PNG for the platform builds (PyInstaller turns a
PNG into .ico/.icns when Pillow is installed). Usage: icon.py SOURCE.svg OUT.png"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer


def render(svg: Path, png: Path, size: int = 1024) -> None:
    QGuiApplication.instance() or QGuiApplication([])
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    png.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(png)):
        raise SystemExit(f"{png} yazılamadı")


if __name__ == "__main__":
    render(Path(sys.argv[1]), Path(sys.argv[2]))
