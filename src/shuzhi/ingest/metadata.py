"""A report's title, year and kind, read from its opening lines."""

from __future__ import annotations

import re

from ..document import DocKind

_YEAR_IN_TITLE = re.compile(r"((?:19|20)\d{2})\s*年")
_YEAR_IN_OPENING = re.compile(r"((?:19|20)\d{2})\s*年(?:度|以来|，|,|全年|是|我|本)")
_CN_DIGITS = dict(zip("〇零一二三四五六七八九", "00123456789"))
_CN_YEAR = re.compile(r"二[〇零][一二三四五六七八九〇零]{2}年")
_SENTENCE_END = re.compile(r"[。！？；]")
_BOOK_TITLE = re.compile(r"《[^》\n]{0,80}》")


def title_of(body: str) -> str:
    """The first non-blank line, when it reads as a title rather than a sentence or a heading."""
    from ..structure.numbering import SCHEMES

    for line in body.split("\n"):
        line = line.strip(" \t\r\u3000\ufeff")
        if not line:
            continue
        if len(line) <= 60 and not _SENTENCE_END.search(line[:-1]) and not any(s.pattern.match(line) for s in SCHEMES):
            return line.rstrip("。")
        return ""
    return ""


def _cn_year(text: str) -> str:
    return "".join(_CN_DIGITS.get(c, c) for c in text)


def year_of(title: str, body: str) -> int | None:
    """The year the report covers: from the title, else from the opening paragraph.

    Years inside a cited document's title (《关于做好2023年度述职评议的通知》) are not the report's.
    """
    m = _YEAR_IN_TITLE.search(_arabic_years(title))
    if m is None:
        m = _YEAR_IN_OPENING.search(_arabic_years(_BOOK_TITLE.sub("", body[:400])))
    return int(m.group(1)) if m else None


def _arabic_years(text: str) -> str:
    """二〇二三年 -> 2023年."""
    return _CN_YEAR.sub(lambda m: _cn_year(m.group()), text)


_REPORT_TITLE = re.compile(r"述职(?:述廉|述责)?(?:报告|材料)?$|述[责廉]报告$|工作(?:情况)?(?:的)?报告$|述职报告")


def kind_of(title: str, body: str) -> str:
    """党建述职, 述责述廉, 个人述职 or 其他, from the title and the opening lines.

    A Party secretary's 述职 (党支部书记述职报告, 党组书记述职报告) is a Party-building report unless it says
    it is about duty and integrity or is a personal one. A title that is not a report's
    (开展抓基层党建述职评议考核工作) gives no kind unless the opening says 述职如下.
    """
    head = title or body[:200]
    opening = body[:600]
    if not _REPORT_TITLE.search(head):
        if re.search(r"抓(?:基层)?党建工作(?:情况)?述职如下|党建工作(?:情况)?报告如下", opening):
            return DocKind.PARTY_BUILDING
        return DocKind.OTHER
    if re.search(r"述责述廉|述职述廉|述廉报告|述责报告", head):
        return DocKind.PARTY_BUILDING if "党建" in head else DocKind.DUTY_INTEGRITY
    if "党建" in head or re.search(r"抓(?:基层)?党建|党建工作(?:情况)?述职|党建述职", opening):
        return DocKind.PARTY_BUILDING
    if "书记" in head and "个人" not in head:
        return DocKind.PARTY_BUILDING
    if "述职" in head:
        return DocKind.PERSONAL
    return DocKind.OTHER
