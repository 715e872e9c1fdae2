"""How reuse is shown: text with passages aligned, the JSON contract, an .xlsx of pairs, an HTML page per pair."""

from __future__ import annotations

import html
import json
from pathlib import Path

from ..reuse.corpus import PairResult, ReuseDoc, ReuseResult
from .text import pad

VERSION = 1


def passage_spans(r: PairResult, a: ReuseDoc, b: ReuseDoc) -> list[dict]:
    out = []
    for p, score in zip(r.passages, r.scores):
        a_start, a_end = a.norm.span(p.a_start, p.a_end)
        b_start, b_end = b.norm.span(p.b_start, p.b_end)
        out.append({"a_start": a_start, "a_end": a_end, "b_start": b_start, "b_end": b_end,
                    "chars": p.length, "score": round(score, 2)})
    return out


def result_dict(result: ReuseResult, errors=()) -> dict:
    by_id = {d.id: d for d in result.docs}
    return {
        "version": VERSION,
        "documents": [
            {"id": d.id, "source": d.source, "title": d.title, "start": d.start, "end": d.end,
             "organization": d.organization, "year": d.year, "chars": len(d.norm)}
            for d in result.docs
        ],
        "pairs": [
            {"a": r.a, "b": r.b, "shared_chars": r.shared_a, "shared_chars_b": r.shared_b,
             "ratio_a": round(r.ratio_a, 3), "ratio_b": round(r.ratio_b, 3), "self_reuse": r.self_reuse, "identical": r.identical,
             "passages": passage_spans(r, by_id[r.a], by_id[r.b])}
            for r in result.pairs
        ],
        "clusters": result.clusters,
        "common_phrases": [{"text": t, "documents": n} for t, n in result.common_phrases],
        "self_reuse": result.self_reuse,
        "errors": [{"source": e.source, "message": e.message} for e in errors],
    }


def write_json(result: ReuseResult, out, errors=()) -> None:
    json.dump(result_dict(result, errors), out, ensure_ascii=False, indent=1)
    out.write("\n")


def _excerpt(text: str, limit: int = 60) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= limit else text[: limit // 2] + " …… " + text[-limit // 2 :]


def _where(d: ReuseDoc, offset: int) -> str:
    """file:line:column of a source offset, when the report's text was kept."""
    if d.text is None:
        return f"{d.source}@{offset}"
    line = d.text.count("\n", 0, offset) + 1
    column = offset - (d.text.rfind("\n", 0, offset) + 1) + 1
    return f"{d.source}:{line}:{column}"


def write_text(result: ReuseResult, out, errors=(), show_passages: int = 5, limit: int = 50) -> None:
    by_id = {d.id: d for d in result.docs}
    for e in errors:
        out.write(f"{e.source}: 无法读取：{e.message}\n")
    out.write(f"共 {len(result.docs)} 篇报告，{len(result.pairs)} 对有雷同内容（候选 {result.candidates} 对）。\n")
    for r in result.pairs[:limit]:
        a, b = by_id[r.a], by_id[r.b]
        tag = "（两篇内容完全相同）" if r.identical else ("（同一单位上年报告）" if r.self_reuse else "")
        out.write(f"\n[{r.a}] {a.title or a.source}\n[{r.b}] {b.title or b.source}{tag}\n")
        out.write(f"    文字复制比：[{r.a}] {r.ratio_a:.1%}（{r.shared_a}字），[{r.b}] {r.ratio_b:.1%}（{r.shared_b}字）；雷同段落 {len(r.passages)} 处\n")
        order = sorted(range(len(r.passages)), key=lambda i: -r.passages[i].length)[:show_passages]
        for i in sorted(order):
            p = r.passages[i]
            a_start, _ = a.norm.span(p.a_start, p.a_end)
            b_start, _ = b.norm.span(p.b_start, p.b_end)
            where = f"{_where(a, a_start)}  ↔  {_where(b, b_start)}"
            shown = a.text[a_start : a.norm.span(p.a_start, p.a_end)[1]] if a.text else a.norm.text[p.a_start : p.a_end]
            out.write(f"    · {p.length}字  {where}\n      {_excerpt(shown)}\n")
        if len(r.passages) > show_passages:
            out.write(f"    ……另有 {len(r.passages) - show_passages} 处较短的雷同段落\n")
    if len(result.pairs) > limit:
        out.write(f"\n……另有 {len(result.pairs) - limit} 对，完整结果请用 --format json 或 --xlsx。\n")
    if result.clusters:
        out.write("\n模板聚类（相互大段雷同的报告）：\n")
        for group in result.clusters[:20]:
            out.write("    " + "、".join(f"[{i}]" for i in group) + "\n")
    if result.self_reuse:
        out.write("\n沿用本单位上年报告：\n")
        for s in result.self_reuse:
            parts = "、".join(f"{k}{v:.0%}" for k, v in s["by_part"].items())
            flag = f"；“{'、'.join(s['copied_parts'])}”大半照搬" if s["copied_parts"] else ""
            out.write(f"    {s['organization']} {s['years'][1]}年报告与{s['years'][0]}年：复制比 {s['ratio']:.0%}（{parts}）{flag}\n")
    if result.common_phrases:
        out.write("\n共用表述（多篇报告都有，不计入复制比）：\n")
        for text, n in result.common_phrases[:10]:
            out.write(f"    {pad(str(n), 5, right=True)}篇  {_excerpt(text, 50)}\n")


def write_xlsx(result: ReuseResult, path: Path) -> None:
    """Pairs sorted by copy ratio, common phrasing and clusters, laid out to be printed."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    from ..spreadsheet import append

    by_id = {d.id: d for d in result.docs}
    wb = Workbook()
    ws = wb.active
    ws.title = "雷同报告"
    header = ["序号", "报告甲", "来源甲", "报告乙", "来源乙", "甲复制比", "乙复制比", "甲雷同字数", "乙雷同字数", "雷同段落数", "同一单位上年", "最长雷同段落"]
    append(ws, header)
    for n, r in enumerate(result.pairs, 1):
        a, b = by_id[r.a], by_id[r.b]
        longest = max(r.passages, key=lambda p: p.length)
        append(ws, [n, a.title, a.source, b.title, b.source, round(r.ratio_a, 4), round(r.ratio_b, 4), r.shared_a, r.shared_b,
                   len(r.passages), "是" if r.self_reuse else "", a.norm.text[longest.a_start : longest.a_end][:200]])
    for col in (6, 7):
        for cell in ws.iter_cols(min_col=col, max_col=col, min_row=2):
            for c in cell:
                c.number_format = "0.0%"
    ws2 = wb.create_sheet("共用表述")
    append(ws2, ["表述", "使用报告数"])
    for text, count in result.common_phrases:
        append(ws2, [text, count])
    ws3 = wb.create_sheet("模板聚类")
    append(ws3, ["聚类", "报告数", "报告"])
    for n, group in enumerate(result.clusters, 1):
        append(ws3, [n, len(group), "；".join(by_id[i].title or by_id[i].source for i in group)])
    for sheet, widths in ((ws, [6, 36, 24, 36, 24, 10, 10, 11, 11, 11, 12, 60]), (ws2, [80, 12]), (ws3, [8, 8, 120])):
        for i, w in enumerate(widths, 1):
            sheet.column_dimensions[get_column_letter(i)].width = w
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDDDDD")
            cell.alignment = Alignment(horizontal="center")
        sheet.freeze_panes = "A2"
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title>
<style>
body{{font-family:"Noto Serif CJK SC","Source Han Serif SC","SimSun",serif;margin:0;background:#f6f6f4;color:#222}}
header{{padding:12px 20px;background:#8b1a1a;color:#fff}} header h1{{font-size:18px;margin:0}}
header p{{margin:4px 0 0;font-size:14px}}
.cols{{display:flex;gap:12px;padding:12px}} .col{{flex:1;background:#fff;border:1px solid #ddd;padding:12px 16px;min-width:0}}
.col h2{{font-size:15px;margin:0 0 8px}} .text{{white-space:pre-wrap;line-height:1.9;font-size:15px}}
mark{{background:#ffd7a8}} mark.p{{outline:1px solid #c66}}
</style></head><body>
<header><h1>{title}</h1><p>{summary}</p></header>
<div class="cols"><div class="col"><h2>{a_title}</h2><div class="text">{a_text}</div></div>
<div class="col"><h2>{b_title}</h2><div class="text">{b_text}</div></div></div>
</body></html>
"""


def _highlighted(text: str, start: int, spans: list[tuple[int, int, int]]) -> str:
    """The report's text, escaped, with each shared passage marked and numbered."""
    out, pos = [], start
    for s, e, n in sorted(spans):
        if s < pos:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f'<mark id="p{n}" title="雷同段落{n}">{html.escape(text[s:e])}</mark>')
        pos = e
    return "".join(out)


def pair_html(r: PairResult, a: ReuseDoc, b: ReuseDoc) -> str:
    text_a, text_b = a.text or "", b.text or ""
    spans = passage_spans(r, a, b)
    a_spans = [(p["a_start"], p["a_end"], n) for n, p in enumerate(spans, 1)]
    b_spans = [(p["b_start"], p["b_end"], n) for n, p in enumerate(spans, 1)]
    a_html = _highlighted(text_a, a.start, a_spans) + html.escape(text_a[max(max((e for _, e, _ in a_spans), default=a.start), a.start) : a.end])
    b_html = _highlighted(text_b, b.start, b_spans) + html.escape(text_b[max(max((e for _, e, _ in b_spans), default=b.start), b.start) : b.end])
    summary = f"文字复制比：左 {r.ratio_a:.1%}（{r.shared_a}字），右 {r.ratio_b:.1%}（{r.shared_b}字）；雷同段落 {len(r.passages)} 处（已除去共用表述）"
    return _PAGE.format(
        title=html.escape(f"雷同比对：{a.title or a.source} ↔ {b.title or b.source}"),
        summary=html.escape(summary),
        a_title=html.escape(f"{a.title or '（无标题）'} — {a.source}"),
        b_title=html.escape(f"{b.title or '（无标题）'} — {b.source}"),
        a_text=a_html,
        b_text=b_html,
    )


