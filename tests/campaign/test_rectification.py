"""Last year's items read back from the campaign's lists, found (or not) in the new report, from the CLI too."""

from __future__ import annotations

import datetime
import json
import subprocess
import sys

import openpyxl
import pytest

from shuzhi.campaign.lists import ListRow, write_lists
from shuzhi.campaign.rectification import RectificationFileError, RectItem, read_workbook
from shuzhi.config import Config
from shuzhi.review.checker import Checker
from shuzhi.review.rules.rectification import mentions
from tests.conftest import make_document

ROWS = [
    ListRow("2025-001-1", "第一党支部", "张三", "组织生活", "组织生活会召开不规范，会前未征求意见", "点评", "严格执行程序",
            datetime.date(2026, 6, 30), "会前征求意见", "张三", None, "已销号", False, datetime.date(2026, 5, 1), "会议记录"),
    ListRow("2025-001-2", "第一党支部", "张三", "党员教育管理", "台账显示：2名党员未做到“每年至少开展一次谈心谈话”", "台账",
            "补做谈心谈话", datetime.date(2026, 6, 30), "", "李四", None, "整改中", True),
    ListRow("2025-002-1", "第二党支部", "王五", "党费", "党费收缴不及时", "手工", "按月收缴", datetime.date(2026, 3, 31),
            state="持续整改"),
]
REPORT = ("2026年度第一党支部书记抓基层党建工作述职报告\n一、上年度问题整改情况\n上年度反馈的问题已全部整改到位。组织生活会会前"
          "逐一征求意见。\n二、履职情况\n全年召开支委会12次。\n三、存在问题\n学习不深。\n四、原因分析\n重视不够。\n五、下一步打算\n加强学习。\n")


@pytest.fixture
def lists(tmp_path):
    path = tmp_path / "2025年度述职评议三张清单.xlsx"
    path.write_bytes(write_lists(ROWS, "2025年度党建述职评议"))
    return path


def test_the_export_reads_back_by_organization(lists):
    book = read_workbook(lists)
    assert book.errors == []
    assert sorted(book.items) == ["第一党支部", "第二党支部"]
    first = book.items["第一党支部"]
    assert [i.number for i in first] == ["2025-001-1", "2025-001-2"]
    assert [i.closed for i in first] == [True, False]
    assert book.items["第二党支部"][0].due == datetime.date(2026, 3, 31)
    wb = openpyxl.load_workbook(lists)
    assert wb.sheetnames == ["问题清单", "责任清单", "整改清单"]
    assert [c.value for c in wb["责任清单"][2]] == ["序号", "问题编号", "党组织", "问题", "第一责任人（书记）", "直接责任人", "完成时限"]


def test_bad_cells_are_named_and_their_rows_left_out(lists, tmp_path):
    wb = openpyxl.load_workbook(lists)
    ws = wb["整改清单"]
    header = [c.value for c in ws[2]]
    ws.cell(3, header.index("状态") + 1, "差不多了")
    ws.cell(4, header.index("完成时限") + 1, "明年春天")
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    book = read_workbook(bad)
    assert book.items["第二党支部"] and "第一党支部" not in book.items
    assert any("第3行J列（状态）" in e and "差不多了" in e for e in book.errors), book.errors
    assert any("第4行I列（完成时限）" in e and "明年春天" in e for e in book.errors), book.errors


def test_a_workbook_without_the_sheet_is_refused_with_its_name(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Sheet1"
    path = tmp_path / "其他.xlsx"
    wb.save(path)
    with pytest.raises(RectificationFileError, match="没有“整改清单”工作表"):
        read_workbook(path)
    (tmp_path / "假的.xlsx").write_text("not a workbook")
    with pytest.raises(RectificationFileError, match="假的.xlsx：无法读取"):
        read_workbook(tmp_path / "假的.xlsx")


@pytest.mark.parametrize("problem, passage, expected", [
    ("组织生活会召开不规范", "组织生活会已按程序召开", True),
    ("组织生活会召开不规范", "全年召开支委会12次", False),
    ("台账显示：2名党员未做到“每年至少开展一次谈心谈话”", "对2名党员补做了谈心谈话", True),
    ("台账显示：2名党员未做到“每年至少开展一次谈心谈话”", "谈心已经补上", True),
    ("报告中有12处模板内容未填写", "今年报告逐项填写，没有模板痕迹", True),
    ("村级集体经济发展缓慢", "村级集体经济收入增长20%", True),
    ("村级集体经济发展缓慢", "组织生活会已按程序召开", False),
])
def test_an_item_is_mentioned_by_its_subject_or_half_its_words(problem, passage, expected):
    assert mentions(RectItem("支部", problem, "整改中"), passage) is expected


def test_an_item_is_mentioned_by_its_number():
    assert mentions(RectItem("支部", "村级集体经济发展缓慢", "整改中", number="2025-003-1"), "问题2025-003-1已整改")
    assert not mentions(RectItem("支部", "村级集体经济发展缓慢", "整改中", number="2025-003-1"), "问题2025-003-12已整改")


def test_rules_on_a_report():
    items = read_items = [RectItem("第一党支部", "组织生活会召开不规范", "已销号"),
                          RectItem("第一党支部", "党费收缴不及时", "持续整改")]
    findings = Checker(Config(select=("RC",))).check(make_document(REPORT), rectification=read_items)
    assert sorted(f.rule for f in findings) == ["RC002", "RC003"]
    assert all("党费收缴不及时" in f.message for f in findings)
    # all closed: nothing said wrong about “全部整改到位”;党费 still unmentioned
    done = [RectItem("第一党支部", i.problem, "已销号") for i in items]
    assert [f.rule for f in Checker(Config(select=("RC",))).check(make_document(REPORT), rectification=done)] == ["RC002"]
    # no items: the rules say nothing, and the outline rule stays as configured
    assert Checker(Config(select=("RC",))).check(make_document(REPORT)) == []


def test_the_outline_rule_leaves_the_missing_part_to_rc001():
    text = "2026年度第一党支部书记抓基层党建工作述职报告\n一、履职情况\n全年召开支委会12次。\n二、存在问题\n学习不深。\n三、原因分析\n重视不够。\n四、下一步打算\n加强学习。"
    checker = Checker(Config(select=("SC003", "RC"), require_rectification=True))
    assert [f.rule for f in checker.check(make_document(text))] == ["SC003"]
    got = checker.check(make_document(text), rectification=[RectItem("第一党支部", "党费收缴不及时", "整改中")])
    assert [f.rule for f in got] == ["RC001"]
    assert "1个问题（1个尚未销号）" in got[0].message


def _cli(*args, cwd):
    return subprocess.run([sys.executable, "-m", "shuzhi", *args], capture_output=True, text=True, cwd=cwd)


def test_cli_checks_a_report_against_last_years_lists(lists, tmp_path):
    report = tmp_path / "2026年度第一党支部书记述职报告.txt"
    report.write_text(REPORT, encoding="utf-8")
    run = _cli("check", str(report), "--rectification", str(lists), "--select", "RC", cwd=tmp_path)
    assert run.returncode == 0, run.stderr
    assert "RC002" in run.stdout and "RC003" in run.stdout
    assert "对照上年度整改台账（第一党支部）：上年度反馈问题2个，报告提到1个，台账上1个未销号" in run.stdout
    run = _cli("check", str(report), "--rectification", str(lists), "--format", "json", cwd=tmp_path)
    doc = json.loads(run.stdout)["documents"][0]
    rect = doc["rectification"]
    assert rect["organization"] == "第一党支部" and rect["part"] is True
    assert [(i["number"], i["mentioned"], i["closed"]) for i in rect["items"]] == [("2025-001-1", True, True), ("2025-001-2", False, False)]
    # --org picks another organization's items
    run = _cli("check", str(report), "--rectification", str(lists), "--org", "第二党支部", "--format", "json", cwd=tmp_path)
    assert [i["number"] for i in json.loads(run.stdout)["documents"][0]["rectification"]["items"]] == ["2025-002-1"]


def test_cli_refuses_an_unreadable_workbook_in_chinese(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="utf-8")
    run = _cli("check", str(report), "--rectification", str(tmp_path / "没有.xlsx"), cwd=tmp_path)
    assert run.returncode == 2 and "整改台账无法读取" in run.stderr and "没有.xlsx" in run.stderr and "Traceback" not in run.stderr
