"""Rebuild the example reports in examples/reports/ from the texts in examples/sources/.

The texts are the project's own, written for the demo and the tests, each with defects planted on
purpose. Run with the dev extras installed (reportlab): `python examples/build.py`.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

HERE = Path(__file__).parent
SOURCES = HERE / "sources"
REPORTS = HERE / "reports"
_HEADING_1 = re.compile(r"^[一二三四五六七八九十]+、")
_HEADING_2 = re.compile(r"^（[一二三四五六七八九十]+）")


def _font(run, name: str, size: float, bold: bool = False) -> None:
    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def build_docx(src: Path, out: Path) -> None:
    """A Word report formatted as such reports are: 小标宋 title, 黑体 and 楷体 headings, 仿宋 body, a table."""
    lines = src.read_text(encoding="utf-8").split("\n")
    document = docx.Document()
    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(lines[0]), "方正小标宋简体", 22)
    for line in lines[1:]:
        p = document.add_paragraph()
        if not line.strip():
            continue
        if _HEADING_1.match(line):
            _font(p.add_run(line), "黑体", 16)
            continue
        p.paragraph_format.first_line_indent = Pt(32)
        if _HEADING_2.match(line):
            # The heading sentence in 楷体 bold, the rest of the paragraph in 仿宋: one paragraph, two runs.
            head, dot, rest = line.partition("。")
            _font(p.add_run(head + dot), "楷体_GB2312", 16, bold=True)
            if rest:
                _font(p.add_run(rest), "仿宋_GB2312", 16)
        else:
            _font(p.add_run(line), "仿宋_GB2312", 16)
    document.add_paragraph()
    caption = document.add_paragraph()
    _font(caption.add_run("附：支部基本情况"), "黑体", 14)
    table = document.add_table(rows=3, cols=4)
    table.style = "Table Grid"
    cells = [["党员总数", "28名", "预备党员", "1名"], ["支委会委员", "5名", "党小组", "3个"], ["全年党费收缴", "X.X万元", "积极分子", "2名"]]
    for row, values in zip(table.rows, cells):
        for cell, value in zip(row.cells, values):
            cell.text = value
    document.save(str(out))


def build_pdf(src: Path, out: Path) -> None:
    """A paginated PDF with a text layer and page numbers in the footer, as printed reports are."""
    from reportlab import rl_config
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    rl_config.invariant = 1  # the same bytes on every build
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=16, leading=28, firstLineIndent=32, alignment=TA_JUSTIFY, wordWrap="CJK")
    head = ParagraphStyle("head", parent=body, firstLineIndent=0)
    title = ParagraphStyle("title", parent=body, fontSize=20, leading=32, alignment=TA_CENTER, firstLineIndent=0, spaceAfter=16)

    def footer(canvas, doc):
        canvas.setFont("STSong-Light", 12)
        canvas.drawCentredString(A4[0] / 2, 40, f"— {doc.page} —")

    lines = [line for line in src.read_text(encoding="utf-8").split("\n") if line.strip()]
    story = [Paragraph(lines[0], title)]
    story += [Paragraph(line, head if _HEADING_1.match(line) else body) for line in lines[1:]]
    pdf = SimpleDocTemplate(str(out), pagesize=A4, leftMargin=80, rightMargin=80, topMargin=90, bottomMargin=90,
                            title=lines[0], author="shuzhi examples", creator="shuzhi examples/build.py")
    pdf.build(story, onFirstPage=footer, onLaterPages=footer)


def main() -> None:
    if REPORTS.exists():
        shutil.rmtree(REPORTS)
    REPORTS.mkdir()
    build_docx(SOURCES / "第一党支部书记述职报告.txt", REPORTS / "2023年度第一党支部书记抓基层党建工作述职报告.docx")
    gbk = (SOURCES / "镇党委书记述职报告.txt").read_text(encoding="utf-8")
    (REPORTS / "2023年度青山镇党委书记述职报告（GBK编码）.txt").write_bytes(gbk.encode("gb18030"))
    compilation = (SOURCES / "述职报告汇编.txt").read_text(encoding="utf-8")
    (REPORTS / "2023年度区直机关党支部书记述职报告汇编.txt").write_bytes(compilation.encode("utf-8-sig"))
    build_pdf(SOURCES / "社区党委书记述职报告.txt", REPORTS / "2023年度幸福里社区党委书记述职报告.pdf")
    for path in sorted(REPORTS.iterdir()):
        print(path.relative_to(HERE), path.stat().st_size, "bytes")


if __name__ == "__main__":
    main()
