"""A ledger written back as a workbook in the template's layout: what the importer reads, it can write."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ..spreadsheet import put
from . import development as dev
from .records import Ledger
from .sheets import SHEETS
from .template import DATE_FORMAT, _instructions

_HEAD = Font(name="黑体", bold=True)
_FILL = PatternFill("solid", fgColor="F2DCDB")


def _join(names) -> str:
    return "、".join(names)


def _months(p) -> str:
    if p.first == p.last:
        return f"{p.first.year}年{p.first.month}月"
    if p.first.year == p.last.year:
        return f"{p.first.year}年{p.first.month}-{p.last.month}月"
    return f"{p.first.year}年{p.first.month}月至{p.last.year}年{p.last.month}月"


def rows_of(ledger: Ledger) -> dict[str, list[dict]]:
    """Each sheet's rows as {header: value}."""
    elections = {}
    for e in sorted(ledger.elections, key=lambda e: e.date):
        elections[e.organization] = e  # the latest: the 党组织 sheet holds the current term
    out: dict[str, list[dict]] = {s.name: [] for s in SHEETS}
    for o in ledger.organizations:
        e = elections.get(o.name)
        out["党组织"].append({"名称": o.name, "上级": o.parent, "类型": o.type, "领域": o.sector,
                            "本届选举日期": e.date if e else None, "届期（年）": e.term_years if e else None,
                            "书记": e.secretary if e else None, "委员": _join(e.members) if e and e.members else None})
    for m in ledger.members:
        row = {"姓名": m.name, "所在党组织": m.organization, "类别": m.category, "入党日期": m.joined, "转正日期": m.confirmed,
               "人员类别": m.dues_category, "党费基数": m.dues_base, "出生日期": m.birth, "党小组": m.group or None,
               "流动党员": "是" if m.mobile else None}
        for c in m.changes:
            row[f"{c.kind}日期"] = c.date
        out["党员"].append(row)
    for mt in ledger.meetings:
        present = [a.name for a in mt.attendance if a.status == "出席"]
        leave = [f"{a.name}（{a.reason}）" if a.reason else a.name for a in mt.attendance if a.status == "请假"]
        r = mt.resolutions[0] if mt.resolutions else None
        out["会议"].append({"日期": mt.date, "党组织": mt.organization, "类型": _join(k for k in dev_kinds(mt.kinds)),
                          "主题": mt.topic, "应到": mt.expected, "实到": mt.present if not present else None,
                          "出席人": _join(present) or None, "赞成": r.votes_for if r else None, "反对": r.against if r else None,
                          "弃权": r.abstain if r else None, "表决事项": r.title if r else None, "主持人": mt.host or None,
                          "记录人": mt.recorder or None, "主讲人": mt.lecturer or None, "党小组": mt.group or None,
                          "请假人": _join(leave) or None})
        for extra in mt.resolutions[1:]:  # the 会议 row holds one vote; the others go to the 表决 sheet
            out["表决"].append({"日期": mt.date, "党组织": mt.organization, "主题": mt.topic, "表决事项": extra.title,
                              "赞成": extra.votes_for, "反对": extra.against, "弃权": extra.abstain})
    for p in ledger.payments:
        out["党费"].append({"姓名": p.name, "月份": _months(p), "金额": p.amount, "党组织": p.organization})
    columns = {step: header for header, step in dev.COLUMNS.items() if header != "审批日期"}
    for c in ledger.candidates:
        row = {"姓名": c.name, "党组织": c.organization, "出生日期": c.birth, "培训学时": c.hours,
               "入党介绍人": _join(c.introducers) or None, "延长预备期（月）": _join(map(str, c.extensions)) or None}
        for step, day in c.steps.items():
            row[columns.get(step, step)] = day
        out["发展党员"].append(row)
    for t in ledger.talks:
        out["谈心谈话"].append({"日期": t.date, "党组织": t.organization, "谈话人": t.talker, "谈话对象": t.talkee})
    current = {id(e) for e in elections.values()}
    for e in sorted(ledger.elections, key=lambda e: (e.organization, e.date)):
        if id(e) not in current:
            out["换届选举"].append({"党组织": e.organization, "选举日期": e.date, "届期（年）": e.term_years, "书记": e.secretary or None,
                                "委员": _join(e.members) or None})
    for a in ledger.appraisals:
        out["民主评议"].append({"姓名": a.name, "所在党组织": a.organization, "年度": a.year, "等次": a.grade})
    return out


def dev_kinds(kinds) -> list[str]:
    from .records import MEETING_KINDS

    return [k for k in MEETING_KINDS if k in kinds]


def ledger_bytes(ledger: Ledger) -> bytes:
    wb = Workbook()
    _instructions(wb.active)
    for spec, rows in zip(SHEETS, rows_of(ledger).values()):
        ws = wb.create_sheet(spec.name)
        headers = [c.header for c in spec.columns]
        extra = sorted({h for r in rows for h in r if h not in headers}, key=lambda h: dev.STEP_NAMES.index(h) if h in dev.STEP_NAMES else 99)
        headers += extra
        for col, h in enumerate(headers, 1):
            cell = put(ws, 1, col, h)
            cell.font, cell.fill = _HEAD, _FILL
            cell.alignment = Alignment(horizontal="center")
            ws.column_dimensions[cell.column_letter].width = 14 if h not in ("名称", "党组织", "所在党组织", "主题", "出席人", "委员") else 24
        for n, r in enumerate(rows, 2):
            for col, h in enumerate(headers, 1):
                v = r.get(h)
                if v is None or v == "":
                    continue
                if isinstance(v, Decimal):
                    v = float(v) if v == v.quantize(Decimal("0.01")) else str(v)
                cell = put(ws, n, col, v)
                if isinstance(v, datetime.date):
                    cell.number_format = DATE_FORMAT
        ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
