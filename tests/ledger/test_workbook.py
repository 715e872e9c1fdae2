"""Excel in and out: the template, what the importer reads, and every bad cell named by sheet, row and column."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from openpyxl import Workbook, load_workbook

from shuzhi.ledger import development as dev
from shuzhi.ledger.demo import synthetic
from shuzhi.ledger.export import ledger_bytes
from shuzhi.ledger.obligations import evaluate
from shuzhi.ledger.records import Organization
from shuzhi.ledger.sheets import SHEETS
from shuzhi.ledger.template import template_bytes
from shuzhi.ledger.workbook import LedgerFileError, read_workbook

D = datetime.date
ORGS = [["名称", "上级", "类型", "领域", "本届选举日期"], ["机关党委", None, "党委", "机关", "2021-03-01"],
        ["一支部", "机关党委", "支部", "机关单位", "2022.3.15"]]
MEMBERS = [["姓名", "所在党组织", "类别", "入党日期", "转正日期", "人员类别", "党费基数"],
           ["张三", "一支部", "正式", "2010年7月1日", "2011/7/1", "在职", "6,200元"],
           ["李四", "一支部", "预备党员", D(2023, 5, 6), None, None, 4000]]


def workbook(**sheets) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_the_template_has_every_sheet_and_reads_back_empty():
    data = template_bytes()
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["说明"] + [s.name for s in SHEETS]
    for spec in SHEETS:
        ws = wb[spec.name]
        assert [c.value for c in ws[1]][: len(spec.columns)] == [c.header for c in spec.columns]
        assert str(ws.cell(2, 1).value).startswith("示例")
    kinds = next(dv for dv in wb["党组织"].data_validations.dataValidation if "党支部" in dv.formula1)
    assert kinds.showErrorMessage
    imported = read_workbook(data)
    assert imported.errors == [] and sum(imported.rows.values()) == 0


def test_headers_in_any_order_with_extra_columns_and_a_title_row_above():
    rows = [["2023年度党员名册"], ["备注", "党费基数", "人员类别", "转正日期", "入党日期", "类别", "所在党组织", "姓名"],
            ["老同志", 3000, "离退休", "1980-01-01", "1979-01-01", "正式党员", "一支部", "王五"]]
    imported = read_workbook(workbook(党组织=ORGS, 党员=rows))
    assert imported.errors == []
    (m,) = imported.ledger.members
    assert (m.name, m.dues_category, m.dues_base, m.joined) == ("王五", "离退休", Decimal(3000), D(1979, 1, 1))


def test_what_people_write_is_understood():
    meetings = [["日期", "党组织", "类型", "主题", "应到", "实到", "出席人", "赞成", "反对", "弃权", "请假人"],
                ["2023.3.8", "一支部", "支委会、党课，主题党日活动", "学习", "2人", None, "张三、李四", None, None, None, "王五（出差）"]]
    dues = [["姓名", "月份", "金额"], ["张三", "2023年1-3月", "¥279"]]
    candidates = [["姓名", "党组织", "出生日期", "申请日期", "培训学时", "入党介绍人", "政治审查"],
                  ["赵六", "一支部", "2000-01-01", "2023-01-05", "3天", "张三 李四", "2023-02-01"]]
    imported = read_workbook(workbook(党组织=ORGS, 党员=MEMBERS, 会议=meetings, 党费=dues, 发展党员=candidates))
    assert imported.errors == []
    led = imported.ledger
    (org_a, org_b) = led.organizations
    assert (org_b.type, org_b.sector, org_b.parent) == ("党支部", "机关", "机关党委")
    assert led.members[0].dues_base == Decimal(6200) and led.members[0].category == "正式党员"
    (mt,) = led.meetings
    assert mt.kinds == {"支部委员会", "党课", "主题党日"} and mt.present_count() == 2
    assert [(a.name, a.status, a.reason) for a in mt.attendance][-1] == ("王五", "请假", "出差")
    (p,) = led.payments
    assert (p.months, p.amount) == (3, Decimal(279))
    (c,) = led.candidates
    assert c.hours == 24 and c.introducers == ("张三", "李四") and c.steps["政治审查"] == D(2023, 2, 1)
    assert {e.organization: e.date for e in led.elections} == {"机关党委": D(2021, 3, 1), "一支部": D(2022, 3, 15)}


def test_every_bad_cell_is_named_with_sheet_row_and_column():
    members = MEMBERS + [["王五", "二支部", "正式党员", "2010-13-01", None, "干部", "很多"]]
    meetings = [["日期", "党组织", "类型", "主题", "应到", "实到", "出席人", "赞成", "反对", "弃权"],
                ["2023-03-08", "一支部", "座谈会", "学习", 5, 3, "张三、李四", None, None, None],
                [None, "一支部", "党课", "学习", 5, 5, None, None, None, None]]
    dues = [["姓名", "月份", "金额"], ["无名氏", "2023-01", 15], ["张三", "2023年6-1月", -3]]
    imported = read_workbook(workbook(党组织=ORGS, 党员=members, 会议=meetings, 党费=dues))
    found = {(e.sheet, e.row, e.column) for e in imported.errors}
    assert ("党员", 4, "D") in found  # 2010-13-01
    assert ("党员", 4, "F") in found  # 干部 is no 人员类别
    assert ("党员", 4, "G") in found  # 很多 is no amount
    assert ("会议", 2, "C") in found  # 座谈会 is no meeting kind
    assert ("会议", 3, "A") in found  # the date is missing
    assert ("党费", 2, "A") in found  # not on the roster
    assert ("党费", 3, "B") in found and ("党费", 3, "C") in found
    messages = " ".join(e.message for e in imported.errors)
    assert "可填：" in messages and "不能空着" in messages
    assert all(e.as_dict().keys() >= {"sheet", "row", "column", "message"} for e in imported.errors)
    # The good rows are still read.
    assert [m.name for m in imported.ledger.members] == ["张三", "李四"]


def test_a_row_under_an_unknown_organization_is_an_error_on_that_cell():
    members = MEMBERS + [["王五", "二支部", "正式党员", "2010-01-01", "2011-01-01", "在职", 3000]]
    imported = read_workbook(workbook(党组织=ORGS, 党员=members))
    (e,) = imported.errors
    assert (e.sheet, e.row, e.column, e.header) == ("党员", 4, "B", "所在党组织") and "二支部" in e.message


def test_inconsistent_attendance_is_reported():
    meetings = [["日期", "党组织", "类型", "主题", "应到", "实到", "出席人", "赞成", "反对", "弃权"],
                ["2023-03-08", "一支部", "党课", "学习", 5, 3, "张三、李四", None, None, None],
                ["2023-03-09", "一支部", "党课", "学习", 1, 2, None, None, None, None]]
    imported = read_workbook(workbook(党组织=ORGS, 会议=meetings))
    assert [(e.row, e.column) for e in imported.errors] == [(2, "F"), (3, "F")]


def test_a_missing_mandatory_column_or_sheet():
    imported = read_workbook(workbook(党组织=[["名称", "类型"], ["一支部", "党支部"]], 会议=[["日期", "类型"], ["2023-01-01", "党课"]]))
    assert any(e.sheet == "会议" and "缺少列“党组织”" in e.message for e in imported.errors)
    assert any(w.sheet == "党组织" and "领域" in w.message for w in imported.warnings)
    assert read_workbook(workbook(党员=MEMBERS)).errors[-1].message.startswith("工作簿中没有“党组织”表")


@pytest.mark.parametrize("data, message", [
    (b"", "空的"), (b"not a workbook", "不是 Excel"), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"0" * 100, ".xls"),
    (b"PK\x03\x04broken", "无法读取"),
])
def test_a_file_that_is_not_a_workbook(data, message):
    with pytest.raises(LedgerFileError, match=message):
        read_workbook(data, "台账.xlsx")


def test_the_tree_cannot_loop():
    orgs = [["名称", "上级", "类型", "领域", "本届选举日期"], ["甲", "乙", "党委", "机关", None], ["乙", "甲", "党委", "机关", None]]
    imported = read_workbook(workbook(党组织=orgs))
    assert any("循环" in e.message for e in imported.errors)
    assert [o.name for o in imported.ledger.subtree("甲")]  # and walking it ends


def test_steps_out_of_order_are_refused():
    candidates = [["姓名", "党组织", "出生日期", "申请日期", "谈话日期"], ["赵六", "一支部", "2000-01-01", "2023-05-01", "2023-04-01"]]
    (e,) = read_workbook(workbook(党组织=ORGS, 发展党员=candidates)).errors
    assert (e.row, e.column) == (2, "E") and "早于" in e.message


def test_a_ledger_written_out_reads_back_the_same():
    orgs = [Organization("机关党委", "党委", "机关"), Organization("一支部", "党支部", "机关", "机关党委"),
            Organization("村支部", "党支部", "村", "机关党委")]
    led = synthetic(orgs, 2023, D(2024, 6, 30), seed=3, weak={"村支部"})
    back = read_workbook(ledger_bytes(led))
    assert back.errors == []
    assert len(back.ledger.members) == len(led.members) and len(back.ledger.meetings) == len(led.meetings)
    assert len(back.ledger.payments) == len(led.payments) and len(back.ledger.elections) == len(led.elections)
    assert sorted(c.steps.get(dev.ADMITTED, D.min) for c in back.ledger.candidates) == sorted(c.steps.get(dev.ADMITTED, D.min) for c in led.candidates)

    def summary(ledger):
        return [(r.organization.name, i.code, i.status, i.period, i.person) for r in evaluate(ledger, 2023) for i in r.items]

    assert summary(back.ledger) == summary(led)


def test_text_that_looks_like_a_formula_is_written_as_text():
    from shuzhi.ledger.records import Ledger, Member
    from shuzhi.outputs.ledger import obligations_xlsx
    from shuzhi.ledger.obligations import evaluate

    evil = '=HYPERLINK("http://x","点我")'
    led = Ledger(organizations=[Organization("@SUM(A1)", "党支部", "机关")],
                 members=[Member(evil, "@SUM(A1)", "正式党员", D(2010, 1, 1), D(2011, 1, 1))])
    book = load_workbook(io.BytesIO(ledger_bytes(led)))
    cell = book["党员"]["A2"]
    assert cell.value == evil and cell.data_type == "s"
    assert book["党组织"]["A2"].data_type == "s"
    assert read_workbook(ledger_bytes(led)).ledger.members[0].name == evil  # and it reads back as written
    sheet = load_workbook(io.BytesIO(obligations_xlsx(evaluate(led, 2023), 2023, D(2024, 1, 1)))).active
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str) and c.value.startswith(("=", "@"))]
    assert cells and all(c.data_type == "s" for c in cells)


def test_odd_cells_are_cell_errors_not_failures():
    members = MEMBERS + [["王五", "一支部", "正式党员", "2010-01-01", None, "在职", "NaN"]]
    meetings = [["日期", "党组织", "类型", "主题", "应到", "实到", "出席人", "赞成", "反对", "弃权"],
                ["2023-03-08", "一支部", "党课", "学习", "①", None, None, None, None, None]]
    dues = [["姓名", "月份", "金额"], ["张三", 2023.1, 15], ["张三", 2023.5, 15], ["张三", "2023.7-12", 90]]
    candidates = [["姓名", "党组织", "出生日期", "申请日期", "培训学时"], ["赵六", "一支部", "2000-01-01", "2023-01-05", 20230105]]
    imported = read_workbook(workbook(党组织=ORGS, 党员=members, 会议=meetings, 党费=dues, 发展党员=candidates))
    found = {(e.sheet, e.row, e.column): e.message for e in imported.errors}
    assert "不是金额" in found[("党员", 4, "G")]
    assert "应为整数" in found[("会议", 2, "E")]
    assert "分不清是1月还是10月" in found[("党费", 2, "B")]
    assert "太大" in found[("发展党员", 2, "E")]
    assert [(str(p.first), str(p.last)) for p in imported.ledger.payments] == [("2023年5月", "2023年5月"), ("2023年7月", "2023年12月")]


def test_a_meeting_with_several_votes_uses_the_votes_sheet():
    meetings = [["日期", "党组织", "类型", "主题", "应到", "实到", "出席人", "赞成", "反对", "弃权", "表决事项"],
                ["2023-05-20", "一支部", "支部党员大会", "接收预备党员", 2, None, "张三、李四", 2, 0, 0, "接收甲为预备党员"]]
    votes = [["日期", "党组织", "表决事项", "赞成", "反对", "弃权"], ["2023-05-20", "一支部", "接收乙为预备党员", 1, 1, 0],
             ["2023-05-21", "一支部", "没有这次会议", 1, 0, 0]]
    imported = read_workbook(workbook(党组织=ORGS, 党员=MEMBERS, 会议=meetings, 表决=votes))
    (mt,) = imported.ledger.meetings
    assert [r.title for r in mt.resolutions] == ["接收甲为预备党员", "接收乙为预备党员"]
    assert [(e.sheet, e.row) for e in imported.errors] == [("表决", 3)]
    back = read_workbook(ledger_bytes(imported.ledger)).ledger.meetings[0]
    assert [r.title for r in back.resolutions] == ["接收甲为预备党员", "接收乙为预备党员"]
