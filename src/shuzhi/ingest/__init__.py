"""bytes -> SourceFile -> Document(s): text in any encoding, .docx, .pdf, legacy Word, compilations."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document import DocKind, Document
from ..errors import InputError
from . import legacy
from .formats import UNSUPPORTED, sniff
from .metadata import kind_of, title_of, year_of
from .pdf import read_pdf
from .sources import Collected, Item, Limits, collect
from .split import split_compilation
from .text import decode
from .word import read_docx

__all__ = ["SourceFile", "load", "documents_of", "sniff", "Limits", "Item", "Collected", "collect"]


@dataclass
class SourceFile:
    """One input file, decoded: everything downstream refers to offsets in `text`."""

    source: str
    text: str
    format: str
    encoding: str | None = None
    pages: tuple[int, ...] = ()
    # For Word input (including converted legacy files): the .docx the annotator writes comments into.
    docx: bytes | None = None
    warnings: list[str] = field(default_factory=list)


def load(source: str, data: bytes) -> SourceFile:
    """Decode one file's bytes, or raise InputError with a Chinese reason."""
    if not data:
        raise InputError(source, "文件为空 / empty file")
    fmt = sniff(data, source)
    if fmt in UNSUPPORTED:
        raise InputError(source, UNSUPPORTED[fmt])
    if fmt == "txt":
        text, encoding = decode(source, data)
        return SourceFile(source, text, "txt", encoding=encoding)
    if fmt == "pdf":
        text, pages = read_pdf(source, data)
        return SourceFile(source, text, "pdf", pages=pages)
    if fmt in legacy.FORMAT_NAMES:
        data = legacy.convert_to_docx(source, data, fmt)
    result, plain = read_docx(source, data)
    return SourceFile(source, result.text, fmt, docx=plain)


FRONT_MATTER_TITLE = "（汇编封面和目录）"


def documents_of(sf: SourceFile, year: int | None = None) -> list[Document]:
    """The reports in a file: one, or one per 目录 entry of a compilation (after its cover and 目录)."""
    from ..structure import parse_sections

    split = split_compilation(sf.text)
    book_year = None
    spans: list[tuple[int, int, str | None]]
    if split is None:
        spans = [(0, len(sf.text), None)]
    else:
        sf.warnings.extend(split.warnings)
        book_year = year_of(split.title, "")  # 2023年度……述职报告汇编: the year of every report in it
        spans = [(0, split.front_end, FRONT_MATTER_TITLE)] + [(p.start, p.end, p.title) for p in split.parts]
    docs = []
    for start, end, given_title in spans:
        while start < end and sf.text[start] in "\ufeff \t\r\n\u3000":
            start += 1
        while end > start and sf.text[end - 1] in " \t\r\n\u3000":
            end -= 1
        body = sf.text[start:end]
        front = given_title == FRONT_MATTER_TITLE
        title = given_title or title_of(body)
        doc = Document(
            source=sf.source,
            text=sf.text,
            start=start,
            end=end,
            title=title,
            year=year if year is not None else (book_year if front else year_of(title_of(body) or title, body) or book_year),
            kind=DocKind.OTHER if front else kind_of(title_of(body) or title, body),
            pages=sf.pages,
            format=sf.format,
            front_matter=front,
        )
        if not front:
            doc.sections = parse_sections(doc)
        docs.append(doc)
    return docs
