"""Under the lines: the note, the amount in words, the draft's save state, and the live
totals worked out by the domain."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QVBoxLayout, QWidget

from app.domain import codes
from app.domain.codes import InvoiceType
from app.domain.invoice import InvoiceLineData
from app.domain.money import amount_in_words
from app.domain.totals import invoice_totals
from ui import fmt


class TotalsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        bottom = QHBoxLayout(self)
        bottom.setContentsMargins(0, 0, 0, 0)
        left = QVBoxLayout()
        self.notes = QLineEdit()
        self.notes.setObjectName("notesEdit")
        self.notes.setPlaceholderText(self.tr("Not (faturada görünür)"))
        left.addWidget(self.notes)
        self.words = QLabel()
        self.words.setObjectName("amountInWords")
        self.words.setWordWrap(True)
        left.addWidget(self.words)
        self.save_state = QLabel()
        self.save_state.setObjectName("saveState")
        self.save_state.setProperty("role", "hint")
        left.addWidget(self.save_state)
        left.addStretch(1)
        bottom.addLayout(left, 1)
        self.totals = QLabel()
        self.totals.setObjectName("totals")
        self.totals.setTextFormat(Qt.TextFormat.RichText)
        self.totals.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        bottom.addWidget(self.totals)

    def show_totals(self, parsed: list[InvoiceLineData], currency: str,
                    inv_type: InvoiceType = InvoiceType.SATIS) -> Decimal | None:
        """Show the totals of the valid lines; return the payable amount (None without
        lines)."""
        if not parsed:
            self.totals.setText(
                f"<b>{self.tr('Ödenecek')}: {fmt.money(Decimal('0.00'), currency)}</b>")
            self.words.clear()
            return None
        # only the lines and the type are read (a withholding return gives back less KDV)
        totals = invoice_totals(SimpleNamespace(lines=parsed, type=inv_type))
        rows = [(self.tr("Mal/hizmet toplamı"), totals.line_extension)]
        if totals.allowance_total:
            rows.append((self.tr("İskonto"), -totals.allowance_total))
        for part in totals.tax_subtotals:
            name = f"KDV %{fmt.quantity(part.rate)}" if part.code == codes.KDV_TAX_CODE \
                else codes.OTHER_TAXES.get(part.code, part.code)
            rows.append((f"{name} ({fmt.number(part.base)} üzerinden)", part.amount))
        for w in totals.withholding_subtotals:
            rows.append((self.tr("Tevkifat {0} (%{1})").format(w.code, fmt.quantity(w.rate)),
                         -w.amount))
        html = "<table cellspacing='4'>" + "".join(
            f"<tr><td>{label}</td><td align='right'>{fmt.money(v, currency)}</td></tr>"
            for label, v in rows)
        html += (f"<tr><td><b>{self.tr('Ödenecek')}</b></td><td align='right'><b style='font-size:"
                 f"15pt'>{fmt.money(totals.payable, currency)}</b></td></tr></table>")
        self.totals.setText(html)
        self.words.setText(amount_in_words(totals.payable, currency))
        return totals.payable
