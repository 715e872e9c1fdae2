"""The campaign's three lists in one workbook: 问题清单 (what was found), 责任清单 (who answers for it), 整改清单 (what is
done about it). The 整改清单 is also what next year's check reads back (`shuzhi check --rectification`)."""

from __future__ import annotations

import datetime
import io
from dataclasses import dataclass

from ..spreadsheet import BORDER, header_row, printable, put
from .rectification import HEADERS as RECT_HEADERS
from .rectification import SHEET as RECT_SHEET


@dataclass(frozen=True)
class ListRow:
    """One problem of one reporter, with its rectification item."""

    number: str  # 问题编号, unique in the campaign
    organization: str
    secretary: str
    category: str
    problem: str
    source: str
    requirement: str
    deadline: datetime.date | None
    measures: str = ""
    owner: str = ""
    due: datetime.date | None = None
    state: str = ""
    overdue: bool = False
    closed_on: datetime.date | None = None
    evidence: str = ""


PROBLEM_HEADERS = (("序号", 6), ("问题编号", 12), ("党组织", 22), ("书记", 10), ("问题类别", 12), ("问题", 46), ("来源", 10),
                   ("整改要求", 36), ("整改时限", 12))
DUTY_HEADERS = (("序号", 6), ("问题编号", 12), ("党组织", 22), ("问题", 46), ("第一责任人（书记）", 14), ("直接责任人", 14),
                ("完成时限", 12))
_RECT_WIDTHS = {"序号": 6, "党组织": 22, "书记": 10, "问题类别": 12, "问题": 40, "整改要求": 30, "整改措施": 40, "责任人": 12,
                "完成时限": 12, "状态": 10, "是否逾期": 8, "销号日期": 12, "佐证材料": 30}
_WRAP = {"党组织", "问题", "整改要求", "整改措施", "佐证材料", "第一责任人（书记）", "直接责任人"}


def _sheet(wb, name: str, title: str, headers, rows) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(name)
    put(ws, 1, 1, title).font = Font(name="方正小标宋简体", size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    ws.row_dimensions[1].height = 30
    header_row(ws, 2, headers)
    labels = [h for h, _ in headers]
    for r, values in enumerate(rows, 3):
        for c, v in enumerate(values, 1):
            cell = put(ws, r, c, v)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=labels[c - 1] in _WRAP)
            if isinstance(v, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    printable(ws, 2)


def write_lists(rows: list[ListRow], title: str) -> bytes:
    """The three sheets, each with a title row (`title`, e.g. “2025年度党建述职评议”) above its header row."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    _sheet(wb, "问题清单", f"{title}问题清单", PROBLEM_HEADERS, (
        [n, r.number, r.organization, r.secretary, r.category, r.problem, r.source, r.requirement, r.deadline]
        for n, r in enumerate(rows, 1)))
    _sheet(wb, "责任清单", f"{title}责任清单", DUTY_HEADERS, (
        [n, r.number, r.organization, r.problem, r.secretary, r.owner, r.due or r.deadline] for n, r in enumerate(rows, 1)))
    values = {
        "序号": lambda n, r: n, "党组织": lambda n, r: r.organization, "书记": lambda n, r: r.secretary,
        "问题类别": lambda n, r: r.category, "问题": lambda n, r: r.problem, "整改要求": lambda n, r: r.requirement,
        "整改措施": lambda n, r: r.measures, "责任人": lambda n, r: r.owner, "完成时限": lambda n, r: r.due or r.deadline,
        "状态": lambda n, r: r.state, "是否逾期": lambda n, r: "是" if r.overdue else "", "销号日期": lambda n, r: r.closed_on,
        "佐证材料": lambda n, r: r.evidence,
    }
    headers = [(h, _RECT_WIDTHS[h]) for h in RECT_HEADERS] + [("问题编号", 12)]
    _sheet(wb, RECT_SHEET, f"{title}整改清单", headers, (
        [values[h](n, r) for h in RECT_HEADERS] + [r.number] for n, r in enumerate(rows, 1)))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
