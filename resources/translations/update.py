"""Rebuild the translation files from the sources:

    .venv/bin/python resources/translations/update.py

pyside6-lupdate collects every ``tr()`` / ``QT_TRANSLATE_NOOP`` text of ``ui/`` into
``tezgah_en.ts``, the English of ``english.py`` is filled in, and pyside6-lrelease writes
``tezgah_en.qm`` (loaded by ``ui.main`` when English is chosen)."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(HERE))

from english import EN  # noqa: E402


def main() -> int:
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "ui").rglob("*.py"))
    ts = HERE / "tezgah_en.ts"
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-no-obsolete", "-source-language",
                    "tr_TR", "-target-language", "en_US", "-ts", str(ts.relative_to(ROOT))],
                   cwd=ROOT, check=True)
    tree = ET.parse(ts)
    missing = []
    for message in tree.iter("message"):
        source = message.find("source").text or ""
        translation = message.find("translation")
        if source in EN:
            translation.text = EN[source]
            translation.attrib.pop("type", None)
        else:
            missing.append(source)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run([str(BIN / "pyside6-lrelease"), str(ts), "-qm", str(HERE / "tezgah_en.qm")],
                   check=True)
    for m in missing:
        print(f"no English yet: {m!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
