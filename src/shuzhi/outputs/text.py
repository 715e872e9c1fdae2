"""Compiler-style text output: `file:line:col  CODE  message`, the line, a caret under the span."""

from __future__ import annotations

import os
import unicodedata
from collections import Counter

from ..document import CATEGORY_LABELS, SEVERITIES, SEVERITY_LABELS, Document, Finding
from ..errors import InputError
from ..pipeline import FileResult, Summary

_COLORS = {"error": "31", "warning": "33", "info": "36", "dim": "2", "bold": "1", "code": "35"}
_CONTEXT = 24  # characters shown on each side of a finding


def width(text: str) -> int:
    """Display width in a terminal: CJK and full-width characters take two columns."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pad(text: str, n: int, right: bool = False) -> str:
    gap = " " * max(0, n - width(text))
    return gap + text if right else text + gap


def use_color(stream) -> bool:
    return hasattr(stream, "isatty") and stream.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


class TextRenderer:
    def __init__(self, out, color: bool = False):
        self.out = out
        self.color = color

    def paint(self, text: str, style: str) -> str:
        return f"\033[{_COLORS[style]}m{text}\033[0m" if self.color else text

    def error(self, exc: InputError) -> None:
        self.out.write(f"{exc.source}: {self.paint('无法读取', 'error')}：{exc.message}\n")

    def file(self, result: FileResult) -> None:
        if result.error:
            self.error(result.error)
            return
        for warning in result.warnings:
            self.out.write(f"{result.source}: {self.paint('注意', 'warning')}：{warning}\n")
        several = len(result.documents) > 1
        k = 0
        for checked in result.documents:
            doc = checked.document
            if doc.front_matter:
                if checked.findings:
                    self.out.write(self.paint(f"── {result.source} 封面和目录 ──", "bold") + "\n")
            elif several:
                k += 1
                title = f"《{doc.title}》" if doc.title else ""
                self.out.write(self.paint(f"── {result.source} 第{k}篇{title} ──", "bold") + "\n")
            for f in checked.findings:
                self.finding(doc, f)
            if checked.ledger is not None:
                self.ledger(doc, checked.ledger)
            if checked.rectification is not None:
                self.rectification(doc, checked.rectification)
            if checked.score is not None:
                name = f"《{doc.title}》" if doc.title else doc.source
                self.out.write(self.paint(f"{name} 评分：", "bold") + checked.score.summary + "\n")
        if result.annotated:
            self.out.write(self.paint(f"{result.source}: 已写出批注文档 {result.annotated}", "dim") + "\n")
        if result.annotate_error:
            self.out.write(f"{result.source}: {self.paint('出错', 'error')}：{result.annotate_error.message}\n")

    def ledger(self, doc: Document, ledger: dict) -> None:
        """One line on the check against the ledger: how many claims, how many agree."""
        if ledger.get("note"):
            self.out.write(f"{doc.source}: {self.paint('注意', 'warning')}：{ledger['note']}\n")
            return
        claims = ledger.get("claims", [])
        counts = Counter(c["verdict"] for c in claims)
        parts = "，".join(f"{v}{counts[v]}处" for v in ("一致", "偏高", "偏低", "无法核对") if counts[v])
        self.out.write(self.paint(f"对照台账（{ledger['organization']} {ledger['year']}年）：", "bold")
                       + (f"报告中可核对的数字{len(claims)}处：{parts}" if claims else "报告中没有可与台账核对的数字") + "\n")

    def rectification(self, doc: Document, rect: dict) -> None:
        """One line on the check against last year's rectification items."""
        if rect.get("note"):
            self.out.write(f"{doc.source}: {self.paint('注意', 'warning')}：{rect['note']}\n")
            return
        items = rect.get("items", [])
        head = self.paint(f"对照上年度整改台账（{rect['organization']}）：", "bold")
        if not items:
            self.out.write(head + "上年度没有反馈问题\n")
            return
        mentioned = sum(i["mentioned"] for i in items)
        still = sum(not i["closed"] for i in items)
        part = f"报告提到{mentioned}个" if rect["part"] else "报告没有整改情况部分"
        self.out.write(head + f"上年度反馈问题{len(items)}个，{part}，台账上{still}个未销号\n")

    def finding(self, doc: Document, f: Finding) -> None:
        line, col = doc.line_col(f.start)
        sev = self.paint(SEVERITY_LABELS[f.severity], f.severity)
        self.out.write(f"{doc.source}:{line}:{col}  {self.paint(f.rule, 'code')}  {sev}  {f.message}\n")
        ls, le = doc.line_span(f.start)
        a = max(ls, f.start - _CONTEXT)
        b = min(le, max(f.end, f.start + 1) + _CONTEXT)
        span_end = min(f.end, le)
        shown_before = ("..." if a > ls else "") + _visible(doc.text[a : f.start])
        shown_hit = _visible(doc.text[f.start : span_end]) or " "
        shown_after = _visible(doc.text[span_end:b]) + ("..." if b < le else "")
        self.out.write("    " + shown_before + self.paint(shown_hit, f.severity) + shown_after + "\n")
        self.out.write("    " + " " * width(shown_before) + self.paint("^" * max(1, width(shown_hit)), f.severity) + "\n")
        if f.suggestions:
            shown = "、".join(f"改为【{s}】" if s else "删除" for s in f.suggestions[:3])
            self.out.write(f"    建议：{shown}\n")

    def summary(self, summary: Summary) -> None:
        out = self.out
        parts = [f"读取 {summary.files} 个文件，共 {summary.documents} 篇报告"]
        if summary.failed:
            parts.append(self.paint(f"{summary.failed} 个文件无法读取", "error"))
        if summary.skipped:
            parts.append(f"跳过 {summary.skipped} 个非报告文件")
        out.write("\n" + "；".join(parts) + "。\n")
        if not summary.findings:
            if summary.documents:
                out.write("未发现问题。\n")
            return
        counts = "，".join(f"{SEVERITY_LABELS[s]} {summary.by_severity[s]}" for s in SEVERITIES if summary.by_severity[s])
        out.write(f"发现问题 {summary.findings} 处（{counts}）。\n")
        header = pad("类别", 12) + "".join(pad(SEVERITY_LABELS[s], 6, right=True) for s in SEVERITIES) + pad("合计", 6, right=True)
        out.write(header + "\n")
        for category, total in summary.by_category.most_common():
            row = pad(CATEGORY_LABELS.get(category, category), 12)
            row += "".join(pad(str(summary.by_category_severity[category, s]), 6, right=True) for s in SEVERITIES)
            out.write(row + pad(str(total), 6, right=True) + "\n")


def _visible(text: str) -> str:
    """Tabs and invisible characters shown as one ASCII column each, so the caret lines up."""
    return "".join(" " if c == "\t" else ("_" if unicodedata.category(c) in ("Cf", "Cc") else c) for c in text)
