"""The canvas tables of the printed invoice (app.pdf.grid): wrapping as reportlab's
paragraphs wrap, page splits that repeat the head row and cut over-tall rows."""

from __future__ import annotations

from reportlab.lib.colors import black
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from app.pdf.grid import GridTable, Padding, para_cell, text_cell, wrap_text
from app.pdf.page import styles


def test_wrap_text_breaks_lines_where_reportlab_does() -> None:
    st = styles()
    style = ParagraphStyle("t", fontName=st.regular, fontSize=7, leading=8.4)
    text = "Çok uzun ürün adı, İstanbul şubesinden gönderilen ağır yük " * 6
    for width in (60.0, 123.4, 250.0):
        para = Paragraph(text, style)
        para.wrap(width, 1000)
        expected = [" ".join(w.text if hasattr(w, "text") else w for w in line[1])
                    for line in para.blPara.lines]
        assert wrap_text(" ".join(text.split()), st.regular, 7, width) == expected


def test_over_long_word_is_cut() -> None:
    st = styles()
    lines = wrap_text("A" * 200, st.regular, 7, 50)
    assert "".join(lines) == "A" * 200 and len(lines) > 1


def _table(rows: int, words: int = 1) -> GridTable:
    st = styles()
    head = [text_cell("Ad", st.bold, 7, 8.4), text_cell("Tutar", st.bold, 7, 8.4)]
    body = [[para_cell([(" ".join(["kelime"] * words), st.regular, 7)], 40,
                       leading=8.4, size=7, color=black),
             text_cell(f"{i},00 TL", st.regular, 7, 8.4, align="RIGHT")]
            for i in range(rows)]
    return GridTable([head, *body], [45, 60], Padding(1.5, 2, 2.5, 2.5), grid_width=0.4,
                     grid_color=black, shade=black, shade_rows=1, repeat_head=True)


def test_split_repeats_the_head_row() -> None:
    t = _table(30)
    first, rest = t.split(t.width, t.height / 2)
    assert first.height <= t.height / 2
    assert first.rows[0] is t.rows[0] and rest.rows[0] is t.rows[0]
    assert len(first.rows) + len(rest.rows) == len(t.rows) + 1


def test_a_row_taller_than_the_space_left_is_cut_inside() -> None:
    t = _table(1, words=300)
    first, rest = t.split(t.width, 100)
    assert first.height <= 100
    moved = [line[2] for line in rest.rows[1][0].lines]
    kept = [line[2] for line in first.rows[1][0].lines]
    assert kept and moved
    assert kept + moved == [line[2] for line in t.rows[1][0].lines]
