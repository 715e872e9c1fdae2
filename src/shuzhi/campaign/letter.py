"""The 反馈函: one reporter's rating and problem list as a letter in the layout of an official notice (GB/T 9704:
title in 小标宋, body in 仿宋 三号, headings in 黑体, the sender and date at the foot)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass, field

from ..drafting.layout import BODY_PT, STANDARD, TITLE_PT, Fonts, body_format, page_setup, set_font


@dataclass(frozen=True)
class LetterProblem:
    number: str
    category: str
    text: str
    requirement: str
    deadline: datetime.date | None


@dataclass(frozen=True)
class Letter:
    sender: str  # who sends it (the campaign's organization)
    recipient: str  # the reporter's organization
    secretary: str
    year: int
    report_kind: str  # 抓基层党建工作述职报告 …
    grade: str = ""  # 综合等次, when worked out
    good_rate: float | None = None
    comment: str = ""
    problems: tuple[LetterProblem, ...] = field(default_factory=tuple)
    reply_by: datetime.date | None = None  # 整改措施 to be entered by
    date: datetime.date = field(default_factory=datetime.date.today)


def cn_day(d: datetime.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def letter_paragraphs(letter: Letter) -> list[tuple[str, str]]:
    """(style, text) of each paragraph: title, to, body, h1, item, sign."""
    who = f"{letter.secretary}同志" if letter.secretary else "你单位书记"
    out = [("title", f"关于反馈{letter.year}年度述职评议意见的函"), ("to", f"{letter.recipient}："),
           ("body", f"根据{letter.year}年度党组织书记述职评议工作安排，{who}报送了{letter.report_kind}并进行了述职。经审读、"
                    f"民主测评和综合评定，现将评议意见和问题清单反馈如下。")]
    n = 0

    def heading(text):
        nonlocal n
        n += 1
        out.append(("h1", f"{'一二三四五六'[n - 1]}、{text}"))

    heading("评议结果")
    if letter.grade:
        rate = f"，民主测评好评率{letter.good_rate:.1%}" if letter.good_rate is not None else ""
        out.append(("body", f"综合评定等次为“{letter.grade}”{rate}。"))
    else:
        out.append(("body", "综合评定等次待民主测评结束后另行通知。"))
    if letter.comment:
        heading("点评意见")
        out.append(("body", letter.comment))
    heading(f"存在问题（{len(letter.problems)}个）")
    if not letter.problems:
        out.append(("body", "本次评议未反馈需要整改的问题。"))
    for i, p in enumerate(letter.problems, 1):
        text = f"{i}. 【{p.category}】{p.text.rstrip('。')}。"
        if p.requirement:
            text += f"整改要求：{p.requirement.rstrip('。')}。"
        if p.deadline:
            text += f"整改时限：{cn_day(p.deadline)}前。"
        out.append(("item", text + f"（问题编号{p.number}）"))
    if letter.problems:
        heading("整改要求")
        by = f"于{cn_day(letter.reply_by)}前" if letter.reply_by else "及时"
        out.append(("body", f"请对照问题清单，{by}在述职评议工作台的整改台账中逐条制定整改措施，明确责任人和完成时限；"
                            "每项整改完成后上传佐证材料或关联台账记录，申请销号。整改情况将作为下一年度述职评议的重要内容。"))
    out += [("blank", ""), ("sign", letter.sender), ("sign", cn_day(letter.date))]
    return out


def letter_bytes(letter: Letter, fonts: Fonts = STANDARD) -> bytes:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = docx.Document()
    page_setup(document)
    for style, text in letter_paragraphs(letter):
        p = document.add_paragraph()
        body_format(p, first_line_indent=style in ("body", "item", "h1"))
        font, size = {"title": (fonts.title, TITLE_PT), "h1": (fonts.heading1, BODY_PT)}.get(style, (fonts.body, BODY_PT))
        if style == "title":
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.paragraph_format.line_spacing = None
            p.paragraph_format.space_after = Pt(BODY_PT * 1.5)
        elif style == "sign":
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            p.paragraph_format.right_indent = Pt(BODY_PT * 4)
        if text:
            set_font(p.add_run(text), font, fonts.latin, size)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
