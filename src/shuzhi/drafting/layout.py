"""The 公文 layout of GB/T 9704—2012 for a .docx: A4, the type area of 156 mm × 225 mm (top 37 mm, left 28 mm), title
in 小标宋 二号, body in 仿宋 三号 at 22 lines a page, level-1 headings in 黑体, level-2 in 楷体, page numbers
“— 1 —” at the foot. The fonts are named as Chinese offices have them; where this machine lacks them, the
draft can be set in fonts it has (and says so)."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from functools import lru_cache

from docx.enum.section import WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

# 字号: 二号 22 pt, 三号 16 pt, 四号 14 pt.
TITLE_PT, BODY_PT, PAGE_NUMBER_PT = 22, 16, 14
# 22 lines in the 225 mm type area: a fixed line pitch of about 28.9 pt.
LINE_PT = 28.9


@dataclass(frozen=True)
class Fonts:
    title: str = "方正小标宋简体"
    body: str = "仿宋_GB2312"
    heading1: str = "黑体"
    heading2: str = "楷体_GB2312"
    latin: str = "Times New Roman"
    substituted: tuple[str, ...] = ()  # the standard fonts replaced because this machine lacks them

    @property
    def note(self) -> str:
        return ("本机没有" + "、".join(self.substituted) + "，已改用本机字体排版；在装有这些字体的电脑上可把字体改回。") if self.substituted else ""


STANDARD = Fonts()
# What to set in where a standard font is missing (those of Debian's fonts-noto-cjk, then any CJK font).
_SUBSTITUTES = {"方正小标宋简体": ("Noto Serif CJK SC", "Source Han Serif SC", "SimSun"),
                "仿宋_GB2312": ("FangSong", "Noto Serif CJK SC", "Source Han Serif SC", "SimSun"),
                "黑体": ("SimHei", "Noto Sans CJK SC", "Source Han Sans SC"),
                "楷体_GB2312": ("KaiTi", "Noto Serif CJK SC", "Source Han Serif SC")}


@lru_cache(maxsize=1)
def installed_families() -> frozenset[str] | None:
    """The font families fontconfig knows here; None where there is no fc-list (Windows, a bare container)."""
    if not shutil.which("fc-list"):
        return None
    try:
        out = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=20).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    return frozenset(name.strip() for line in out.splitlines() for name in line.split(","))


def choose_fonts(mode: str = "standard") -> Fonts:
    """`standard`: the fonts of GB/T 9704 by their usual names (Word and WPS on an office's computer have them);
    `installed`: each one missing here replaced by one this machine has."""
    if mode != "installed":
        return STANDARD
    have = installed_families()
    if have is None:
        return STANDARD
    chosen, replaced = {}, []
    for field_name in ("title", "body", "heading1", "heading2"):
        name = getattr(STANDARD, field_name)
        if name in have:
            chosen[field_name] = name
            continue
        sub = next((s for s in _SUBSTITUTES[name] if s in have), None)
        chosen[field_name] = sub or name
        if sub:
            replaced.append(name)
    return Fonts(**chosen, substituted=tuple(replaced))


def missing_standard_fonts() -> list[str]:
    have = installed_families()
    if have is None:
        return []
    return [n for n in (STANDARD.title, STANDARD.body, STANDARD.heading1, STANDARD.heading2) if n not in have]


def set_font(run, name: str, latin: str, size_pt: float, bold: bool = False) -> None:
    run.font.name = latin
    run.font.size = Pt(size_pt)
    run.font.bold = bold
    rpr = run._element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    fonts.set(qn("w:eastAsia"), name)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)


def page_setup(document) -> None:
    section = document.sections[0]
    section.start_type = WD_SECTION.NEW_PAGE
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    section.footer_distance = Mm(28)
    _page_number(section.footer.paragraphs[0])


def _page_number(paragraph) -> None:
    """“— 1 —”, centred (GB/T 9704 puts it outside on alternate pages; centred reads the same on a single side)."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER

    def text(t):
        r = paragraph.add_run(t)
        set_font(r, "宋体", "Times New Roman", PAGE_NUMBER_PT)

    def field(instr):
        r = paragraph.add_run()
        set_font(r, "宋体", "Times New Roman", PAGE_NUMBER_PT)
        for kind, value in (("begin", None), ("instr", instr), ("separate", None), ("text", "1"), ("end", None)):
            if kind == "instr":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = value
            elif kind == "text":
                el = OxmlElement("w:t")
                el.text = value
            else:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            r._element.append(el)

    text("— ")
    field(" PAGE ")
    text(" —")


def body_format(paragraph, first_line_indent: bool = True) -> None:
    pf = paragraph.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PT)
    pf.space_before = pf.space_after = Pt(0)
    if first_line_indent:
        pf.first_line_indent = Pt(BODY_PT * 2)
