"""Read .docx: paragraphs and table cells in reading order, with a map back to the XML.

The same walk serves ingest (text) and the annotator (comments), so an offset in the text always
lands on the run that holds that character.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass

import docx
from docx.opc.exceptions import PackageNotFoundError

from ..errors import InputError
from .numbering import Numbering

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_W = "{%s}" % W_NS

P, R, T, TBL, TR, TC = (_W + t for t in ("p", "r", "t", "tbl", "tr", "tc"))
SDT, SDT_CONTENT, CUSTOM_XML = _W + "sdt", _W + "sdtContent", _W + "customXml"
# Containers inside a paragraph whose runs are part of the visible text.
_RUN_CONTAINERS = {_W + t for t in ("hyperlink", "ins", "smartTag", "fldSimple", "customXml", "moveTo", "sdt", "sdtContent")}
# Containers inside a body or cell that hold block content.
_BLOCK_CONTAINERS = {SDT, SDT_CONTENT, CUSTOM_XML}
_PIECE_TEXT = {_W + "tab": "\t", _W + "br": "\n", _W + "cr": "\n", _W + "noBreakHyphen": "-"}

_DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_OTHER_MAINS = re.compile(
    rb"application/vnd\.(?:ms-word\.(?:document|template)\.macroEnabled\.main|"
    rb"openxmlformats-officedocument\.wordprocessingml\.template\.main)\+xml"
)


@dataclass
class DocxText:
    document: docx.document.Document
    text: str
    # (w:p element, offset of its first character in `text`, length of the automatic numbering label
    # that precedes its runs' text), in reading order.
    paragraphs: list


def iter_block_paragraphs(container):
    """Yield w:p elements of a body or table cell in reading order, descending into tables."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == P:
            yield child
        elif tag == TBL:
            for row in child.iterchildren(TR):
                for cell in row.iterchildren(TC):
                    yield from iter_block_paragraphs(cell)
        elif tag in _BLOCK_CONTAINERS:
            yield from iter_block_paragraphs(child)


def paragraph_runs(paragraph) -> list:
    """The w:r elements whose text is visible in this paragraph (deleted text excluded)."""
    runs = []

    def visit(el):
        for child in el.iterchildren():
            if child.tag == R:
                runs.append(child)
            elif child.tag in _RUN_CONTAINERS:
                visit(child)

    visit(paragraph)
    return runs


def run_pieces(run) -> list[tuple[object, str]]:
    """(child element, text it shows) for each child of a run; non-text children show ''."""
    pieces = []
    for child in run.iterchildren():
        tag = child.tag
        if tag == T:
            pieces.append((child, child.text or ""))
        else:
            pieces.append((child, _PIECE_TEXT.get(tag, "")))
    return pieces


def run_text(run) -> str:
    return "".join(text for _, text in run_pieces(run))


def paragraph_text(paragraph) -> str:
    return "".join(run_text(r) for r in paragraph_runs(paragraph))


def open_docx(source: str, data: bytes) -> tuple[docx.document.Document, bytes]:
    """The parsed document and the bytes it was parsed from (a .docm or .dotx is rewritten as .docx)."""
    _check_package(source, data)
    try:
        return docx.Document(io.BytesIO(data)), data
    except zipfile.BadZipFile:
        raise InputError(source, "Word文件已损坏或不完整，请重新保存后再试 / corrupt or truncated .docx") from None
    except (PackageNotFoundError, KeyError):
        raise InputError(source, "不是有效的Word文档（缺少正文部分） / not a Word document") from None
    except ValueError as exc:
        if "content type" in str(exc):
            plain = _as_plain_docx(source, data)
            return docx.Document(io.BytesIO(plain)), plain
        raise InputError(source, f"Word文件无法解析：{exc} / unreadable .docx") from None
    except Exception as exc:  # lxml and zip errors on damaged files
        raise InputError(source, f"Word文件已损坏，无法解析（{type(exc).__name__}） / damaged .docx") from None


def _check_package(source: str, data: bytes) -> None:
    """A .docx is a zip: refuse one that would unpack to far more than it weighs (a decompression bomb)."""
    from .sources import Limits, check_zip

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            check_zip(source, zf, Limits(), what="Word文件")
    except zipfile.BadZipFile:
        raise InputError(source, "Word文件已损坏或不完整，请重新保存后再试 / corrupt or truncated .docx") from None


def _as_plain_docx(source: str, data: bytes) -> bytes:
    """Macro-enabled documents and templates (.docm, .dotx) read as plain .docx."""
    src = zipfile.ZipFile(io.BytesIO(data))
    types = src.read("[Content_Types].xml")
    if not _OTHER_MAINS.search(types):
        raise InputError(source, "不是Word文档 / not a Word document")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = _OTHER_MAINS.sub(_DOCX_MAIN.encode(), body)
            dst.writestr(info, body)
    return out.getvalue()


def extract(document) -> DocxText:
    """The text of a python-docx Document: one line per paragraph, tables cell by cell, list labels shown."""
    try:
        numbering = Numbering.of(document)
    except Exception:  # a damaged numbering part costs the labels, not the document
        numbering = Numbering()
    parts, paragraphs, pos = [], [], 0
    for p in iter_block_paragraphs(document.element.body):
        try:
            label = numbering.label(p)
        except Exception:
            label = ""
        text = label + paragraph_text(p)
        paragraphs.append((p, pos, len(label)))
        parts.append(text)
        pos += len(text) + 1
    return DocxText(document, "\n".join(parts), paragraphs)


def read_docx(source: str, data: bytes) -> tuple[DocxText, bytes]:
    """The text of a Word file, and the .docx bytes the annotator should write comments into."""
    document, plain = open_docx(source, data)
    result = extract(document)
    if not result.text.strip():
        raise InputError(source, "Word文档中没有文字（可能只有图片或文本框） / no text in the document")
    return result, plain
