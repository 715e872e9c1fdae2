"""The overview as an .xlsx laid out for printing: title, unit and date, bordered table, A4 landscape."""

from __future__ import annotations

import datetime
import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter

from shuzhi.spreadsheet import put

HEADERS = [
    ("序号", 6), ("党组织", 26), ("报告标题", 40), ("报告类型", 10), ("错误", 7), ("警告", 7),
    ("未填占位符", 9), ("陈旧内容", 9), ("具体程度", 9), ("得分", 7), ("建议等次", 9), ("审读意见", 24),
]
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# Made once: a thousand rows of fresh style objects take seconds.
_BODY = Font(name="仿宋", size=11)
_LEFT = Alignment(vertical="center", wrap_text=True, horizontal="left")
_CENTER = Alignment(vertical="center", horizontal="center")
_TEXT_COLUMNS = (2, 3, 12)


def overview_xlsx(rows: list[dict], year: int, unit: str) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = f"{year}年度审读汇总"
    width = len(HEADERS)
    last = get_column_letter(width)
    ws.merge_cells(f"A1:{last}1")
    ws["A1"] = f"{year}年度抓基层党建工作述职报告审读汇总表"
    ws["A1"].font = Font(name="方正小标宋简体", size=16, bold=True)
    ws["A1"].alignment = Alignment(horizontal="center", vertical="center")
    ws.row_dimensions[1].height = 32
    ws.merge_cells(f"A2:{get_column_letter(width // 2)}2")
    ws.merge_cells(f"{get_column_letter(width // 2 + 1)}2:{last}2")
    ws["A2"] = f"审读范围：{unit}"
    ws.cell(2, width // 2 + 1, f"制表日期：{datetime.date.today():%Y年%m月%d日}").alignment = Alignment(horizontal="right")
    for col, (label, w) in enumerate(HEADERS, 1):
        cell = ws.cell(3, col, label)
        cell.font = Font(name="黑体", bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="E7E6E6")
        cell.border = _BORDER
        ws.column_dimensions[get_column_letter(col)].width = w
    ws.row_dimensions[3].height = 30
    n = 0
    for r in rows:
        if r.get("front_matter"):
            continue  # a compilation's cover and 目录 is not a report
        n += 1
        concreteness = None if r["concreteness"] is None else round(r["concreteness"], 2)
        values = [n, r["organization"], r["title"], r["kind"], r["errors"], r["warnings"], r["placeholders"], r["stale"],
                  concreteness, r["score"], r["rating"], ""]
        for col, v in enumerate(values, 1):
            cell = put(ws, 3 + n, col, v)  # titles and names as text: one beginning with "=" is no formula
            cell.border = _BORDER
            cell.font = _BODY
            cell.alignment = _LEFT if col in _TEXT_COLUMNS else _CENTER
            if col == 9 and v is not None:
                cell.number_format = "0%"
    foot = 3 + n + 2
    ws.cell(foot, 1, f"共 {n} 份报告。错误、警告等为未被忽略的检查发现；得分与建议等次为 shuzhi 的建议，以评议结果为准。")
    ws.merge_cells(f"A{foot}:{last}{foot}")
    ws.print_title_rows = "3:3"
    ws.freeze_panes = "A4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"
    ws.print_area = f"A1:{last}{max(foot, 3)}"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
