"""The campaign's workbooks: the three lists (问题清单、责任清单、整改清单, also next year's --rectification input), the
overview for printing, and the reminder list of who has not submitted."""

from __future__ import annotations

import datetime
import io

from shuzhi.campaign.lists import ListRow, write_lists
from shuzhi.spreadsheet import BORDER, header_row, printable, put

from .models import Campaign


def list_rows(problems) -> list[ListRow]:
    """The rows of the three lists from problems (with their reporters, organizations, items and evidence)."""
    out = []
    for p in problems:
        item = getattr(p, "item", None)
        r = p.reporter
        evidence = "；".join(e.label for e in item.evidence.all()) if item is not None else ""
        out.append(ListRow(p.number, r.organization.name, r.secretary, p.category, p.text, p.source, p.requirement, p.deadline,
                           item.measures if item else "", item.owner if item else "", item.due if item else None,
                           item.get_state_display() if item else "未反馈", bool(item and item.overdue),
                           item.closed_on if item else None, evidence))
    return out


def lists_xlsx(campaign: Campaign, problems) -> bytes:
    problems = problems.select_related("reporter__organization", "item").prefetch_related("item__evidence").order_by("reporter__seq", "id")
    return write_lists(list_rows(problems), f"{campaign.year}年度述职评议")


def _table(title: str, subtitle: str, headers, rows) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = title[:31]
    put(ws, 1, 1, title).font = Font(name="方正小标宋简体", size=16)
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    ws.cell(1, 1).alignment = Alignment(horizontal="center")
    put(ws, 2, 1, subtitle)
    header_row(ws, 3, headers)
    for r, values in enumerate(rows, 4):
        for c, v in enumerate(values, 1):
            cell = put(ws, r, c, v)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="center", wrap_text=isinstance(v, str) and len(v) > 12)
    printable(ws, 3)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def reminders_xlsx(campaign: Campaign, rows: list[dict]) -> bytes:
    left = campaign.days_left
    when = f"截止{campaign.deadline:%Y年%m月%d日}，" + (f"还有{left}天" if left >= 0 else f"已过{-left}天")
    return _table(f"{campaign.name}未提交名单", f"{when}；制表日期：{datetime.date.today():%Y年%m月%d日}",
                  (("序号", 6), ("党组织", 30), ("书记", 12), ("状态", 12), ("备注", 30)),
                  ([n, r["organization"], r["secretary"], r["state"], "已退回修改，待重新提交" if r["state_value"] == "returned" else ""]
                   for n, r in enumerate(rows, 1)))


def overview_xlsx(campaign: Campaign, rows: list[dict]) -> bytes:
    """Ratings by organization, printable: what the 述职评议会 and the file need."""
    def rate(r, key):
        b = r.get("ballots")
        return f"{b[key]:.1%}" if b and b.get(key) is not None else ""

    return _table(f"{campaign.name}结果汇总", f"评议范围：{campaign.scope.name}；制表日期：{datetime.date.today():%Y年%m月%d日}",
                  (("序号", 6), ("党组织", 28), ("书记", 10), ("状态", 10), ("报告得分", 9), ("系统建议", 9), ("审读等次", 9),
                   ("有效票", 8), ("好评率", 9), ("满意率", 9), ("综合得分", 9), ("综合等次", 9), ("问题数", 8), ("已销号/整改事项", 14)),
                  ([n, r["organization"], r["secretary"], r["state"], r["score"], r["suggested"], r.get("reading", ""),
                    (r.get("ballots") or {}).get("valid", ""), rate(r, "good_rate"), rate(r, "satisfied_rate"),
                    (r.get("combined") or {}).get("score", ""), (r.get("combined") or {}).get("grade", ""), r.get("problems", ""),
                    f"{r['items']['closed']}/{r['items']['total']}" if r.get("items") else ""]
                   for n, r in enumerate(rows, 1)))
