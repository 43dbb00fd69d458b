"""Ruled tables drawn straight on the canvas (the lines table, the totals, the invoice facts).

reportlab's ``Table`` with a ``Paragraph`` per cell applies every style command to every
cell, parses each cell's mark-up and draws one text object per string; the invoice tables
are simple (one font per line of a cell, no spans), so they are laid out here: words are
measured with the same fonts, wrapped as reportlab's paragraphs wrap them (greedy, a
little space shrinkage allowed, over-long words cut), and each table is drawn as one
background path, one text object and one path of rules, with the geometry reportlab's
``Table`` gives (padding, middle vertical alignment, first baseline one font size below the
top of the text block). The lines table splits between rows and, for a line taller than
what is left of the page, inside the row; its head row repeats on every page.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.colors import Color, black
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont, stringWidth
from reportlab.platypus import Flowable

_FUZZ = 1e-6
_SHRINK = 0.05  # reportlab's spaceShrinkage: a line may run over by 5 % of a space per word

_widths: dict[tuple[str, str, float], float] = {}
_WIDTHS_MAX = 8192


def text_width(text: str, font: str, size: float) -> float:
    """``stringWidth`` with a bounded cache (labels and amounts repeat)."""
    key = (text, font, size)
    w = _widths.get(key)
    if w is None:
        if len(_widths) >= _WIDTHS_MAX:
            _widths.clear()
        w = _widths[key] = stringWidth(text, font, size)
    return w


def wrap_text(text: str, font: str, size: float, width: float) -> list[str]:
    """Break one paragraph (whitespace already collapsed) into lines no wider than
    ``width``, as reportlab's ``Paragraph`` does for a single font."""
    words = text.split()
    if not words:
        return []
    space = text_width(" ", font, size)
    lines: list[str] = []
    current: list[str] = []
    used = -space
    for word in words:
        ww = text_width(word, font, size)
        if ww > width + _FUZZ:
            # an over-long word is cut where it reaches the edge (splitLongWords)
            if current:
                lines.append(" ".join(current))
                current, used = [], -space
            piece = ""
            for ch in word:
                if piece and text_width(piece + ch, font, size) > width + _FUZZ:
                    lines.append(piece)
                    piece = ""
                piece += ch
            current, used = [piece], text_width(piece, font, size)
            continue
        new = used + space + ww
        if new <= width + _SHRINK * space * len(current) + _FUZZ or not current:
            current.append(word)
            used = new
        else:
            lines.append(" ".join(current))
            current, used = [word], ww
    if current:
        lines.append(" ".join(current))
    return lines


_fill_ops: dict[tuple[float, float, float], str] = {}


def _fill_op(color: Color) -> str:
    """The PDF operator setting ``color`` (RGB) as the fill colour."""
    rgb = color.rgb()
    op = _fill_ops.get(rgb)
    if op is None:
        op = _fill_ops[rgb] = f"{fp_str(*rgb)} rg"
    return op


Line = tuple[str, float, str]  # (font name, size, text)


@dataclass
class Cell:
    """One cell: its lines already broken, drawn ``leading`` apart; ``size`` is the font
    size the first baseline hangs from; ``color`` is the text colour."""

    lines: list[Line]
    leading: float
    size: float
    align: str = "LEFT"  # LEFT, RIGHT, CENTER
    color: Color = black

    def height(self) -> float:
        return len(self.lines) * self.leading


def para_cell(segments: Sequence[tuple[str, str, float]], width: float, *, leading: float,
              size: float, color: Color, align: str = "LEFT") -> Cell:
    """A paragraph cell: each ``(text, font, size)`` segment starts a new line (``<br/>``)
    and wraps within ``width``."""
    lines: list[Line] = []
    several = len(segments) > 1
    for text, font, fsize in segments:
        # an empty segment between <br/>s still takes its line
        wrapped = wrap_text(text, font, fsize, width) or ([""] if several else [])
        lines.extend((font, fsize, t) for t in wrapped)
    return Cell(lines, leading, size, align, color)


def text_cell(text: str, font: str, size: float, leading: float, *, align: str = "LEFT",
              color: Color = black) -> Cell:
    """A plain string cell (``\\n`` separates lines; never wrapped)."""
    return Cell([(font, size, t) for t in text.split("\n")], leading, size, align, color)


@dataclass
class Rule:
    """A horizontal rule above row ``row`` (``LINEABOVE``), drawn after the grid."""

    row: int
    width: float
    color: Color


@dataclass
class Padding:
    top: float
    bottom: float
    left: float
    right: float


class GridTable(Flowable):
    """A table of :class:`Cell` rows with a grid of ``grid_width`` in ``grid_color``;
    ``shade`` fills the head rows (``shade_rows``) and the first column
    (``shade_first_col``). With ``repeat_head`` the first row repeats on every page."""

    def __init__(self, rows: list[list[Cell]], col_widths: list[float], pad: Padding, *,
                 grid_width: float, grid_color: Color, shade: Color,
                 shade_rows: int = 0, shade_first_col: bool = False,
                 repeat_head: bool = False, rules: Sequence[Rule] = (),
                 h_align: str = "LEFT") -> None:
        super().__init__()
        self.rows = rows
        self.col_widths = col_widths
        self.pad = pad
        self.grid_width = grid_width
        self.grid_color = grid_color
        self.shade = shade
        self.shade_rows = shade_rows
        self.shade_first_col = shade_first_col
        self.repeat_head = repeat_head
        self.rules = list(rules)
        self.hAlign = h_align
        self.width = sum(col_widths)
        self.heights = [self._row_height(r) for r in rows]
        self.height = sum(self.heights)

    def _row_height(self, row: list[Cell]) -> float:
        return max((c.height() for c in row), default=0) + self.pad.top + self.pad.bottom

    def _copy(self, rows: list[list[Cell]], rules: list[Rule], shade_rows: int) -> GridTable:
        return GridTable(rows, self.col_widths, self.pad, grid_width=self.grid_width,
                         grid_color=self.grid_color, shade=self.shade, shade_rows=shade_rows,
                         shade_first_col=self.shade_first_col, repeat_head=self.repeat_head,
                         rules=rules, h_align=self.hAlign)

    # ---------------------------------------------------------------- platypus

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        head = 1 if self.repeat_head else 0
        used = sum(self.heights[:head])
        k = head
        while k < len(self.rows) and used + self.heights[k] <= availHeight + _FUZZ:
            used += self.heights[k]
            k += 1
        if k >= len(self.rows):
            return [self]
        first = self.rows[:k]
        rest = self.rows[k:]
        part = self._split_row(self.rows[k], availHeight - used)
        if part is not None:
            first = [*first, part[0]]
            rest = [part[1], *rest[1:]]
        if len(first) <= head:
            return []
        head_rows = self.rows[:head]
        rules_first = [r for r in self.rules if r.row < len(first)]
        shift = len(first) - head
        rules_rest = [Rule(r.row - shift, r.width, r.color) for r in self.rules
                      if r.row >= len(first)]
        return [self._copy(first, rules_first, self.shade_rows),
                self._copy(head_rows + rest, rules_rest, self.shade_rows if head else 0)]

    def _split_row(self, row: list[Cell], space: float) -> tuple[list[Cell], list[Cell]] | None:
        """The row cut where ``space`` ends (lines that fit stay), or None when not even
        one line of each cell fits or nothing would move on."""
        room = space - self.pad.top - self.pad.bottom
        if room <= 0:
            return None
        top: list[Cell] = []
        bottom: list[Cell] = []
        moved = False
        for cell in row:
            n = int((room + _FUZZ) // cell.leading) if cell.leading else len(cell.lines)
            if n < 1 and cell.lines:
                return None
            if len(cell.lines) > n:
                moved = True
            top.append(Cell(cell.lines[:n], cell.leading, cell.size, cell.align, cell.color))
            bottom.append(Cell(cell.lines[n:], cell.leading, cell.size, cell.align, cell.color))
        return (top, bottom) if moved else None

    def _text_code(self, xs: list[float], ys: list[float]) -> str:
        """The table's strings as one PDF text object (``BT … ET``), written as
        reportlab's text object writes them (subset font selection, ``Tm``, ``Tj``)."""
        canv = self.canv
        doc = canv._doc
        escape = canv._escape
        pad = self.pad
        ops: list[str] = ["BT"]
        add = ops.append
        cur_color: Color | None = None
        cur_font: tuple[object, int, float] | None = None
        for r, row in enumerate(self.rows):
            rowpos = ys[r + 1]
            rh = self.heights[r]
            for c, cell in enumerate(row):
                if not cell.lines:
                    continue
                if cell.color is not cur_color:
                    cur_color = cell.color
                    add(_fill_op(cur_color))
                y = rowpos + (pad.bottom + rh - pad.top + cell.height()) / 2.0 - cell.size
                align = cell.align
                if align == "RIGHT":
                    x = xs[c] + self.col_widths[c] - pad.right
                elif align == "CENTER":
                    x = xs[c] + (self.col_widths[c] + pad.left - pad.right) * 0.5
                else:
                    x = xs[c] + pad.left
                for fname, fsize, text in cell.lines:
                    if text:
                        if align == "RIGHT":
                            tx = x - text_width(text, fname, fsize)
                        elif align == "CENTER":
                            tx = x - text_width(text, fname, fsize) * 0.5
                        else:
                            tx = x
                        add(f"1 0 0 1 {fp_str(tx, y)} Tm")
                        font = getFont(fname)
                        for subset, chunk in font.splitString(text, doc):
                            key = (font, subset, fsize)
                            if key != cur_font:
                                cur_font = key
                                add(f"{font.getSubsetInternalName(subset, doc)} "
                                    f"{fp_str(fsize)} Tf")
                            add(f"({escape(chunk)}) Tj")
                    y -= cell.leading
        add("ET")
        return "\n".join(ops)

    def draw(self) -> None:
        canv = self.canv
        xs = [0.0]
        for w in self.col_widths:
            xs.append(xs[-1] + w)
        ys = [self.height]
        for h in self.heights:
            ys.append(ys[-1] - h)
        canv.saveState()
        # backgrounds
        canv.setFillColor(self.shade)
        if self.shade_rows:
            canv.rect(0, ys[self.shade_rows], xs[-1], ys[0] - ys[self.shade_rows],
                      stroke=0, fill=1)
        if self.shade_first_col:
            canv.rect(0, ys[-1], xs[1], ys[0] - ys[-1], stroke=0, fill=1)
        # text: one text object for the whole table
        canv._code.append(self._text_code(xs, ys))
        # rules: the whole grid as one path
        canv.setStrokeColor(self.grid_color)
        canv.setLineWidth(self.grid_width)
        p = canv.beginPath()
        for y in ys:
            p.moveTo(0, y)
            p.lineTo(xs[-1], y)
        for x in xs:
            p.moveTo(x, ys[0])
            p.lineTo(x, ys[-1])
        canv.drawPath(p, stroke=1, fill=0)
        for rule in self.rules:
            canv.setStrokeColor(rule.color)
            canv.setLineWidth(rule.width)
            canv.line(0, ys[rule.row], xs[-1], ys[rule.row])
        canv.restoreState()



@dataclass
class Column:
    """One column of a :class:`Columns` row: its flowables stacked top down."""

    flowables: list[Flowable]
    width: float
    valign: str = "TOP"  # TOP or MIDDLE
    align: str = "LEFT"  # LEFT or RIGHT (each flowable against the column's edge)
    top: float = 3.0
    bottom: float = 3.0
    rule_above: float = 0.0  # line width above and below the column (0: none)
    rule_below: float = 0.0


class Columns(Flowable):
    """A single row of columns laid out as a one-row reportlab ``Table`` lays out cell
    flowables (no side padding here), without the table's per-cell style machinery."""

    def __init__(self, columns: list[Column], rule_color: Color = black) -> None:
        super().__init__()
        self.columns = columns
        self.rule_color = rule_color
        self.width = sum(c.width for c in columns)
        self.height = 0.0
        self._sizes: list[list[tuple[float, float]]] = []

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        canv = getattr(self, "canv", None)
        sizes = []
        height = 0.0
        for col in self.columns:
            got = [f.wrapOn(canv, col.width, availHeight) for f in col.flowables]
            sizes.append(got)
            content = sum(h + f.getSpaceBefore() + f.getSpaceAfter()
                          for f, (_w, h) in zip(col.flowables, got, strict=True))
            height = max(height, content + col.top + col.bottom)
        self._sizes = sizes
        self.height = height
        return self.width, height

    def draw(self) -> None:
        canv = self.canv
        x0 = 0.0
        rh = self.height
        for col, sizes in zip(self.columns, self._sizes, strict=True):
            content = sum(h + f.getSpaceBefore() + f.getSpaceAfter()
                          for f, (_w, h) in zip(col.flowables, sizes, strict=True))
            if col.valign == "MIDDLE":
                y = (rh + col.bottom - col.top + content) / 2.0
            else:
                y = rh - col.top
            for f, (w, h) in zip(col.flowables, sizes, strict=True):
                y -= f.getSpaceBefore()
                y -= h
                x = x0 + col.width - w if col.align == "RIGHT" else x0
                f.drawOn(canv, x, y)
                y -= f.getSpaceAfter()
            if col.rule_above or col.rule_below:
                canv.saveState()
                canv.setStrokeColor(self.rule_color)
                if col.rule_above:
                    canv.setLineWidth(col.rule_above)
                    canv.line(x0, rh, x0 + col.width, rh)
                if col.rule_below:
                    canv.setLineWidth(col.rule_below)
                    canv.line(x0, 0, x0 + col.width, 0)
                canv.restoreState()
            x0 += col.width
