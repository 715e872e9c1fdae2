"""Excel out: the empty ledger workbook (one sheet per record kind, headers, drop-down lists, an example row)."""

from __future__ import annotations

import datetime
import io

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from ..spreadsheet import put
from .records import MEETING_KINDS
from .sheets import EXAMPLE, SHEETS, Sheet

ROWS = 2000  # how far down the drop-down lists reach
_HEAD = Font(name="黑体", bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="F2DCDB")
_MUST_FILL = PatternFill("solid", fgColor="E6B8B7")
_EXAMPLE = Font(name="仿宋", italic=True, color="808080")
DATE_FORMAT = "yyyy-mm-dd"


def template_bytes() -> bytes:
    wb = Workbook()
    _instructions(wb.active)
    for spec in SHEETS:
        _sheet(wb.create_sheet(spec.name), spec)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _instructions(ws) -> None:
    ws.title = "说明"
    lines = [
        ("党支部工作台账（shuzhi）", True),
        ("每件事只登记一次：一次会议同时是支委会、党课和主题党日的，在“会议”表登记一行，类型写“支部委员会、党课、主题党日”。", False),
        ("表头不要改名（列的顺序可以调整，也可以加自己的列）；深色表头的列必须填写。各表第2行是示例，以“示例”开头，导入时不读。", False),
        ("日期可以写 2023-05-06、2023.5.6、2023/5/6、2023年5月6日，或用 Excel 的日期格式。", False),
        ("离开本组织的党员不要删除，在“党员”表中填转出、出党或去世日期，他们的记录要保留。", False),
        ("检查：shuzhi ledger check 台账.xlsx --year 2023；当年的统计数：shuzhi ledger facts 台账.xlsx --org 名称 --year 2023。", False),
        ("提示是建议，不是限制：每条都注明依据的文件和条款；地方做法（如党课每季度1次）可在 shuzhi.toml 中关闭。", False),
        ("", False),
        ("各表：", True),
    ]
    lines += [(f"{s.name}：{s.note}", False) for s in SHEETS]
    lines += [("", False), ("会议类型：" + "、".join(MEETING_KINDS), False)]
    for i, (text, bold) in enumerate(lines, 1):
        cell = put(ws, i, 1, text)
        cell.font = Font(name="黑体" if bold else "仿宋", bold=bold, size=14 if i == 1 else 11)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.column_dimensions["A"].width = 110


def _sheet(ws, spec: Sheet) -> None:
    for col, c in enumerate(spec.columns, 1):
        cell = put(ws, 1, col, c.header)
        cell.font = _HEAD
        cell.fill = _MUST_FILL if c.mandatory else _HEAD_FILL
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        note = c.note + (f"（可选：{'、'.join(c.choices)}）" if c.choices else "")
        if c.kind == "date" and not note:
            note = "日期，如 2023-05-06"
        if note:
            cell.comment = Comment(note, "shuzhi", width=260, height=90)
        letter = get_column_letter(col)
        ws.column_dimensions[letter].width = max(c.width, len(c.header) * 2 + 2)
        if c.kind == "date":
            for row in range(2, ROWS + 1):
                ws.cell(row, col).number_format = DATE_FORMAT
        if c.choices:
            dv = DataValidation(type="list", formula1='"' + ",".join(c.choices) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="请从列表中选择", error="可填：" + "、".join(c.choices))
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{ROWS}")
        if c.kind == "kinds":
            # A drop-down of single kinds that still accepts several typed with 、 (no error, a hint only).
            dv = DataValidation(type="list", formula1='"' + ",".join(MEETING_KINDS) + '"', allow_blank=True,
                                showErrorMessage=False, showInputMessage=True, promptTitle="会议类型",
                                prompt="一次会议是几种的，用顿号分开，如：支部委员会、党课、主题党日")
            ws.add_data_validation(dv)
            dv.add(f"{letter}2:{letter}{ROWS}")
    first = True
    for col, c in enumerate(spec.columns, 1):
        value = c.example
        if first:
            value = f"{EXAMPLE}：{value if value is not None else ''}"
            first = False
        if value is None:
            continue
        cell = put(ws, 2, col, value)
        cell.font = _EXAMPLE
        if isinstance(value, datetime.date):
            cell.number_format = DATE_FORMAT
    ws.freeze_panes = "A2"
    ws.row_dimensions[1].height = 30
