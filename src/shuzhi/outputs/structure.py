"""How `shuzhi split` shows the reports of a file and their heading trees."""

from __future__ import annotations

from ..document import Document, Section
from ..ingest import SourceFile


def section_dict(s: Section) -> dict:
    return {
        "level": s.level,
        "label": s.label,
        "heading": s.heading,
        "kind": s.kind,
        "start": s.start,
        "end": s.end,
        "children": [section_dict(c) for c in s.children if not c.inline],
    }


def split_dict(sf: SourceFile, docs: list[Document]) -> dict:
    return {
        "version": 1,
        "source": sf.source,
        "format": sf.format,
        "encoding": sf.encoding,
        "warnings": sf.warnings,
        "documents": [
            {
                "id": k,
                "title": d.title,
                "year": d.year,
                "kind": d.kind,
                "start": d.start,
                "end": d.end,
                "lines": [d.line_col(d.start)[0], d.line_col(max(d.start, d.end - 1))[0]],
                "chars": d.end - d.start,
                "front_matter": d.front_matter,
                "sections": [section_dict(s) for s in d.sections if not s.inline],
            }
            for k, d in enumerate(docs)
        ],
    }


def print_split(sf: SourceFile, docs: list[Document], out) -> None:
    detail = f"，编码 {sf.encoding}" if sf.encoding else ""
    reports = [d for d in docs if not d.front_matter]
    out.write(f"{sf.source}（{sf.format}{detail}）：{len(reports)} 篇报告\n")
    for w in sf.warnings:
        out.write(f"  注意：{w}\n")
    for d in docs:
        if d.front_matter:
            first, last = d.line_col(d.start)[0], d.line_col(max(d.start, d.end - 1))[0]
            out.write(f"\n[封面和目录] 第{first}–{last}行\n")
    for k, d in enumerate(reports, 1):
        first, last = d.line_col(d.start)[0], d.line_col(max(d.start, d.end - 1))[0]
        year = f"{d.year}年" if d.year else "年份未知"
        out.write(f"\n[{k}] {d.title or '（无标题）'}\n")
        out.write(f"    {year} · {d.kind} · 第{first}–{last}行 · {d.end - d.start}字\n")
        for s in d.walk_sections():
            if s.inline:
                continue
            label = s.label or "■"
            out.write(f"    {'  ' * s.level}{label}{s.heading}  〔{s.kind}〕\n")
