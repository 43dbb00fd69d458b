"""The editor's sections for what a scenario or an invoice type adds (``app.domain.kinds``):
customs and delivery terms for İhracat, the traveller and the intermediary for Yolcu Beraber,
the SGK period … One group box per kind, built from the fields the kind declares; only the
kinds the chosen scenario and type carry are shown, and only their values go into the invoice
JSON (under the kind's key). The line-level fields of a kind are columns of the lines table
(``ui.models.lines``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from app.domain import kinds
from app.domain.kinds import CHOICE, DATE, NUMBER, InvoiceKind, KindField
from ui import fmt
from ui.widgets.forms import FieldErrors


def _input(kind: InvoiceKind, spec: KindField) -> QWidget:
    name = f"kind_{kind.key}_{spec.key}"
    if spec.input == CHOICE:
        box = QComboBox()
        box.setObjectName(name)
        if not spec.required:
            box.addItem("", "")
        for code, words in spec.choices:
            box.addItem(f"{code} — {words}" if words and words != code else code, code)
        return box
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setMaxLength(spec.max_len)
    if spec.input == DATE:
        edit.setPlaceholderText(spec.hint or "GG.AA.YYYY")
    elif spec.hint:
        edit.setPlaceholderText(spec.hint)
    if spec.hint:
        edit.setToolTip(spec.hint)
    return edit


def _get(widget: QWidget, spec: KindField) -> str:
    if isinstance(widget, QComboBox):
        return str(widget.currentData() or "")
    assert isinstance(widget, QLineEdit)
    text = widget.text().strip()
    if spec.input == NUMBER and text:
        value = fmt.parse_decimal(text)
        return fmt.plain(value) if value is not None else text
    if spec.input == DATE and text:
        parts = text.split(".")
        if len(parts) == 3 and all(p.isascii() and p.isdigit() for p in parts):
            return f"{parts[2]}-{parts[1].zfill(2)}-{parts[0].zfill(2)}"  # 27.11.2026 → ISO
    return text


def _set(widget: QWidget, spec: KindField, value: object) -> None:
    text = "" if value is None else str(value)
    if isinstance(widget, QComboBox):
        widget.setCurrentIndex(max(0, widget.findData(text)))
        return
    assert isinstance(widget, QLineEdit)
    if spec.input == DATE and len(text) == 10 and text[4] == "-":
        text = f"{text[8:10]}.{text[5:7]}.{text[0:4]}"  # shown the Turkish way
    widget.setText(text)


class KindSection(QGroupBox):
    """The invoice-level fields of one kind."""

    changed = Signal()

    def __init__(self, kind: InvoiceKind, errors: FieldErrors,
                 parent: QWidget | None = None) -> None:
        super().__init__(kind.title, parent)
        self.kind = kind
        self.setObjectName(f"kind_{kind.key}")
        outer = QVBoxLayout(self)
        if kind.help:
            note = QLabel(kind.help)
            note.setWordWrap(True)
            note.setProperty("role", "hint")
            outer.addWidget(note)
        form = QFormLayout()
        outer.addLayout(form)
        self.inputs: dict[str, QWidget] = {}
        for spec in kind.fields:
            widget = _input(kind, spec)
            title = spec.label + (" *" if spec.required else "")
            errors.row(form, title, f"{kind.key}.{spec.key}", widget)
            self.inputs[spec.key] = widget
            if isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(lambda _i: self.changed.emit())
            else:
                assert isinstance(widget, QLineEdit)
                widget.textChanged.connect(lambda _t: self.changed.emit())

    def values(self) -> dict[str, str]:
        out = {}
        for spec in self.kind.fields:
            text = _get(self.inputs[spec.key], spec)
            if text:
                out[spec.key] = text
        return out

    def set_values(self, data: dict[str, Any] | None) -> None:
        data = data if isinstance(data, dict) else {}
        for spec in self.kind.fields:
            _set(self.inputs[spec.key], spec, data.get(spec.key))


class KindSections(QWidget):
    """Every kind's section; ``set_context`` shows the ones the scenario and type carry."""

    changed = Signal()

    def __init__(self, errors: FieldErrors, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kindSections")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.sections: dict[str, KindSection] = {}
        for kind in kinds.all_kinds():
            if not kind.fields:
                continue
            section = KindSection(kind, errors)
            section.changed.connect(self.changed)
            section.setVisible(False)
            lay.addWidget(section)
            self.sections[kind.key] = section
        self.active: tuple[str, ...] = ()

    def set_context(self, profile: str, type_code: str) -> None:
        self.active = tuple(k.key for k in kinds.active(profile, type_code))
        for key, section in self.sections.items():
            section.setVisible(key in self.active)
        self.setVisible(any(key in self.active for key in self.sections))

    def blocks_json(self) -> dict[str, dict[str, str]]:
        """The JSON of the shown sections (a kind with nothing filled in is left out, so the
        domain says which required field is missing)."""
        out: dict[str, dict[str, str]] = {}
        for key in self.active:
            section = self.sections.get(key)
            if section is not None:
                out[key] = section.values()
        return out

    def state(self) -> dict[str, dict[str, str]]:
        """Every section's values, shown or not (switching the type back keeps them)."""
        return {key: section.values() for key, section in self.sections.items()}

    def load(self, data: dict[str, Any] | None) -> None:
        data = data if isinstance(data, dict) else {}
        for key, section in self.sections.items():
            section.set_values(data.get(key))

    def focus_chain(self) -> list[QWidget]:
        return [w for key in self.active if key in self.sections
                for w in self.sections[key].inputs.values()]
