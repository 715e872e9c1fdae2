"""The ledger's answers for a person: obligations as text and as a printable .xlsx, facts as text."""

from __future__ import annotations

import datetime
import io
from collections import defaultdict

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side

from ..ledger.facts import Facts
from ..ledger.items import DONE, OPEN, OVERDUE, SOON, STATUSES, Item
from ..ledger.obligations import OrgObligations
from ..spreadsheet import put
from .text import pad

_STYLE = {OVERDUE: "error", SOON: "warning", OPEN: "info", DONE: "dim"}
_FILL = {OVERDUE: "F4CCCC", SOON: "FCE5CD", OPEN: "FFF2CC", DONE: "D9EAD3"}
GROUP_AT = 4  # items of one rule and state beyond this many are shown as one line


def _who(i: Item) -> str:
    return i.person or (f"{i.period}{i.group}" if i.group else i.period)


def render_obligations(results: list[OrgObligations], out, paint=lambda text, style: text, show_done: bool = False) -> None:
    """Each organization's items, worst first; many items of one rule and state are folded into one line."""
    for r in results:
        org = r.organization
        counts = r.counts()
        tally = "  ".join(f"{s} {counts[s]}" for s in STATUSES if counts[s])
        out.write(paint(f"{org.name}（{org.type}·{org.sector}）", "bold") + f"  {tally or '没有适用的规则'}\n")
        groups: dict[tuple[str, str], list[Item]] = defaultdict(list)
        for i in r.items:
            if i.status != DONE or show_done:
                groups[(i.code, i.status)].append(i)
        for (code, status), items in groups.items():
            label = paint(pad(status, 8), _STYLE[status])
            if len(items) >= GROUP_AT:
                first = items[0]
                names = "、".join(_who(i) for i in items[:12]) + ("……" if len(items) > 12 else "")
                out.write(f"  {label} {paint(code, 'code')}  {first.title}：{len(items)}项（{names}）\n")
                out.write(f"           {paint('例：' + first.message, 'dim')}\n")
            else:
                for i in items:
                    out.write(f"  {label} {paint(code, 'code')}  {i.message}\n")
            out.write(f"           {paint('依据：' + items[0].source, 'dim')}\n")
        if counts[DONE] and not show_done:
            out.write(paint(f"  已完成 {counts[DONE]} 项（加 --all 列出）\n", "dim"))
        out.write("\n")


def render_facts(facts: Facts, out) -> None:
    scope = "、".join(facts.scope[1:])
    out.write(f"{facts.organization.name} {facts.year}年度" + (f"（含{scope}）" if scope else "") + "\n")
    for f in facts.facts:
        if f.value is None:
            value = "—"
        else:
            value = f.text
        out.write(f"  {pad(f.label, 30)} {value}" + (f"  （{f.note}）" if f.note else "") + "\n")


_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
HEADERS = [("序号", 6), ("党组织", 24), ("状态", 9), ("代码", 7), ("事项", 30), ("人员/期间", 16), ("期限", 12), ("说明", 60), ("依据", 40)]


def obligations_xlsx(results: list[OrgObligations], year: int, as_of: datetime.date, statuses=(OVERDUE, SOON, OPEN)) -> bytes:
    """The items of the given states, one row each, laid out to print (A4 landscape, header repeated)."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年度台账提示"
    put(ws, 1, 1, f"{year}年度党支部工作台账提示清单（{as_of.year}年{as_of.month}月{as_of.day}日）").font = Font(name="黑体", size=14, bold=True)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    for col, (label, w) in enumerate(HEADERS, 1):
        cell = put(ws, 2, col, label)
        cell.font = Font(name="黑体", bold=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
        ws.column_dimensions[cell.column_letter].width = w
    n = 0
    for r in results:
        for i in r.items:
            if i.status not in statuses:
                continue
            n += 1
            values = [n, r.organization.name, i.status, i.code, i.title, _who(i), i.due, i.message, i.source]
            for col, v in enumerate(values, 1):
                cell = put(ws, 2 + n, col, v)
                cell.border = _BORDER
                cell.alignment = Alignment(vertical="center", wrap_text=col in (2, 5, 8, 9))
                if col == 3:
                    cell.fill = PatternFill("solid", fgColor=_FILL[i.status])
                if col == 7 and v is not None:
                    cell.number_format = "yyyy-mm-dd"
    ws.freeze_panes = "A3"
    ws.print_title_rows = "2:2"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
