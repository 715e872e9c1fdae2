"""Shared fixtures: the example reports, and builders for Word and PDF files made on the fly."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from shuzhi.document import Document
from shuzhi.structure import parse_sections

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples" / "reports"
SHARED = ROOT.parent / "shared"

DOCX_EXAMPLE = EXAMPLES / "2023年度第一党支部书记抓基层党建工作述职报告.docx"
GBK_EXAMPLE = EXAMPLES / "2023年度青山镇党委书记述职报告（GBK编码）.txt"
COMPILATION_EXAMPLE = EXAMPLES / "2023年度区直机关党支部书记述职报告汇编.txt"
PDF_EXAMPLE = EXAMPLES / "2023年度幸福里社区党委书记述职报告.pdf"


def make_document(text: str, **kwargs) -> Document:
    """A Document read as a .txt file would be (title, year, kind, sections); kwargs override metadata."""
    if not kwargs:
        from shuzhi.ingest import SourceFile, documents_of

        (doc,) = documents_of(SourceFile("<test>", text, "txt"))
        return doc
    doc = Document("<test>", text, **kwargs)
    doc.sections = parse_sections(doc)
    return doc


def docx_bytes(paragraphs: list, table: list[list[str]] | None = None) -> bytes:
    """A .docx whose paragraphs are given as strings or as lists of (text, bold) runs."""
    document = docx.Document()
    for p in paragraphs:
        para = document.add_paragraph()
        for text, bold in ([(p, False)] if isinstance(p, str) else p):
            para.add_run(text).bold = bold
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(t.rows, table):
            for cell, value in zip(row.cells, values):
                cell.text = value
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def pdf_bytes(pages: list[list[str]], footer: bool = True, encrypt: str | None = None) -> bytes:
    """A PDF with a real text layer: each page a list of lines drawn at the left margin."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=A4, encrypt=encrypt)
    for number, lines in enumerate(pages, 1):
        c.setFont("STSong-Light", 12)
        y = 780
        for line in lines:
            c.drawString(72, y, line)
            y -= 20
        if footer:
            c.drawCentredString(A4[0] / 2, 40, f"第 {number} 页 共 {len(pages)} 页")
        c.showPage()
    c.save()
    return buf.getvalue()


def image_only_pdf() -> bytes:
    """A 'scanned' PDF: a page with drawing and no text layer."""
    from reportlab.pdfgen import canvas

    buf = io.BytesIO()
    c = canvas.Canvas(buf)
    c.rect(100, 100, 300, 500, fill=1)
    c.showPage()
    c.save()
    return buf.getvalue()


@pytest.fixture
def shared_corpus() -> Path:
    corpus = SHARED / "corpus"
    if not corpus.is_dir() or not list(corpus.glob("*.txt")):
        pytest.skip("../shared/corpus 不存在")
    return corpus
