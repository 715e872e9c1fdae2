"""Read PDF files with a text layer; rejoin lines wrapped by the page and drop page furniture."""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from ..errors import InputError

# A space that pdfplumber put between two CJK characters because of justified spacing.
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2018-\u201d\u2026"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}]) +(?=[{_CJK}])")
_PAGE_NUMBER = re.compile(
    r"^\s*(?:第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?|[-－—–]+\s*\d+\s*[-－—–]+|\d+\s*/\s*\d+|"
    r"(?:page\s*)?\d{1,3}(?:\s*of\s*\d+)?)\s*$",
    re.IGNORECASE,
)
_LABEL = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}[、．.]|[（(][一二三四五六七八九十\d]{1,3}[）)]|\d{1,2}[、．.](?!\d)|[①-⑳])")
_ENDS_PARAGRAPH = tuple("。！？：；!?:;")


@dataclass
class _Line:
    page: int
    page_width: float
    x0: float
    x1: float
    top: float
    size: float
    text: str


def read_pdf(source: str, data: bytes) -> tuple[str, tuple[int, ...]]:
    """Return (text, offsets where each page's text begins)."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as exc:
        raise _open_error(source, exc) from None
    try:
        with pdf:
            pages = []
            for number, page in enumerate(pdf.pages):
                try:
                    raw = page.extract_text_lines(strip=True, return_chars=True)
                except Exception as exc:
                    raise InputError(source, f"PDF第{number + 1}页无法解析（{type(exc).__name__}） / damaged page") from None
                pages.append([_line(number, page.width, item) for item in raw if item["text"].strip()])
    except InputError:
        raise
    except Exception as exc:
        raise _open_error(source, exc) from None
    if sum(len(line.text) for lines in pages for line in lines) < 10:
        raise InputError(source, "无文本层（扫描件），需先OCR / no text layer (scanned PDF)")
    text, page_starts = _reflow(pages)
    if _CID.findall(text) and len("".join(_CID.findall(text))) > 0.1 * len(text):
        # pdfminer could not map this font's glyphs to characters; pdfium often can.
        return _read_with_pdfium(source, data)
    return text, page_starts


_CID = re.compile(r"\(cid:\d+\)")


def _read_with_pdfium(source: str, data: bytes) -> tuple[str, tuple[int, ...]]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(data)
        pages = [pdf[i].get_textpage().get_text_range() for i in range(len(pdf))]
    except Exception:
        raise InputError(source, "PDF文字无法提取（字体缺少编码信息），需先OCR / text cannot be extracted") from None
    out, starts, pos = [], [], 0
    for page in pages:
        lines = [line.strip() for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
        lines = [line for line in lines if line and not _PAGE_NUMBER.match(line)]
        starts.append(pos)
        block = "\n".join(lines)
        out.append(block)
        pos += len(block) + 1
    text = "\n".join(out).strip("\n")
    if _CID.search(text) or not re.search(r"[\u4e00-\u9fff]", text):
        raise InputError(source, "PDF文字无法提取（字体缺少编码信息），需先OCR / text cannot be extracted")
    return text, tuple(starts)


def _open_error(source: str, exc: Exception) -> InputError:
    name = type(exc).__name__ + " " + repr(getattr(exc, "args", ""))
    if "Password" in name or "password" in name or "Encrypt" in name:
        return InputError(source, "PDF已加密，需要密码才能打开，请去除密码后再试 / encrypted PDF")
    return InputError(source, "PDF文件已损坏或不完整 / corrupt or truncated PDF")


def _line(page: int, page_width: float, item: dict) -> _Line:
    chars = item.get("chars") or []
    sizes = [c.get("size", 0) for c in chars if c.get("size")]
    size = statistics.median(sizes) if sizes else max(item["bottom"] - item["top"], 1.0)
    text = _CJK_GAP.sub("", item["text"])
    return _Line(page, page_width, item["x0"], item["x1"], item["top"], size, text)


def _furniture(pages: list[list[_Line]]) -> set[int]:
    """ids of header and footer lines: page numbers, or a top/bottom line repeated on most pages."""
    found = set()
    if not pages:
        return found
    edges = Counter()
    for lines in pages:
        for line in _edge_lines(lines):
            edges[re.sub(r"\d+", "#", line.text)] += 1
    repeated = {key for key, n in edges.items() if n >= 2 and n >= 0.5 * len(pages)}
    for lines in pages:
        for line in _edge_lines(lines):
            if _PAGE_NUMBER.match(line.text) or re.sub(r"\d+", "#", line.text) in repeated:
                found.add(id(line))
    return found


def _edge_lines(lines: list[_Line]) -> list[_Line]:
    if not lines:
        return []
    ordered = sorted(lines, key=lambda line: line.top)
    return [ordered[0]] if len(ordered) == 1 else [ordered[0], ordered[-1]]


def _reflow(pages: list[list[_Line]]) -> tuple[str, tuple[int, ...]]:
    furniture = _furniture(pages)
    body = [line for lines in pages for line in lines if id(line) not in furniture]
    if not body:
        return "", ()
    body_size = statistics.median(line.size for line in body)
    left = Counter(round(line.x0) for line in body).most_common(1)[0][0]
    rights = sorted(line.x1 for line in body)
    right = rights[int(0.9 * (len(rights) - 1))]
    out: list[str] = []
    page_starts: list[int] = []
    pos = 0
    current_page = -1
    for i, line in enumerate(body):
        if line.page != current_page:
            # A page is said to begin where its first body character lands.
            for _ in range(line.page - current_page):
                page_starts.append(pos)
            current_page = line.page
        out.append(line.text)
        pos += len(line.text)
        nxt = body[i + 1] if i + 1 < len(body) else None
        if nxt is not None and (_continues(line, nxt, left, right) or _title_wraps(line, nxt, body_size)):
            continue
        out.append("\n")
        pos += 1
    return "".join(out).rstrip("\n"), tuple(page_starts)


def _title_wraps(line: _Line, nxt: _Line, body_size: float) -> bool:
    """A title set larger than the body and wrapped onto a second line."""
    return (
        line.page == nxt.page
        and line.size > body_size * 1.1
        and abs(line.size - nxt.size) < 0.5
        and 0 < nxt.top - line.top < line.size * 2.5
        and not line.text.endswith(_ENDS_PARAGRAPH)
    )


def _continues(line: _Line, nxt: _Line, left: float, right: float) -> bool:
    """Does `nxt` continue the paragraph that `line` wrapped out of?"""
    cw = max(line.size, 1.0)
    if line.x1 < right - 2 * cw or line.x1 - left < 0.55 * line.page_width:
        return False  # the line stops short of a full text column: the paragraph ended
    if nxt.x0 > left + 0.8 * cw:
        return False  # the next line is indented: a new paragraph
    if line.text.endswith(_ENDS_PARAGRAPH) or _LABEL.match(nxt.text):
        return False
    return True
