"""Offsets, lines and columns refer to the decoded text exactly as read."""

from __future__ import annotations

import shuzhi
from shuzhi.document import Document


def test_line_and_column_with_crlf_and_offsets_inside_a_compilation():
    text = "标题\r\n第二行XX\r\n"
    doc = Document("a.txt", text)
    assert doc.line_col(text.index("XX")) == (2, 4)
    assert doc.line_span(text.index("XX")) == (4, 9)
    assert doc.paragraphs == [(0, 2), (4, 9)]


def test_public_check_api():
    (checked,) = shuzhi.check("2023年度述职报告\n全年召开支委会XX次。")
    assert checked.document.year == 2023
    assert [f.rule for f in checked.findings if f.category == "placeholder"] == ["PH001"]
