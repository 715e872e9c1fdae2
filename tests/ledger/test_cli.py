"""`shuzhi ledger`: template, check (text, JSON, xlsx), facts, digest, calendar, rules; exit status and errors."""

from __future__ import annotations

import datetime
import json

from icalendar import Calendar
from openpyxl import load_workbook

from shuzhi.cli import main
from shuzhi.ledger.export import ledger_bytes

from .cases import BRANCH, CASES, TOP
from .test_workbook import MEMBERS, ORGS, workbook


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def case_file(tmp_path, name: str):
    case = next(c for c in CASES if c.id == name)
    path = tmp_path / "台账.xlsx"
    path.write_bytes(ledger_bytes(case.ledger))
    return case, path


def test_template_then_check_of_the_empty_template(tmp_path, capsys):
    path = tmp_path / "空白台账.xlsx"
    assert run(capsys, "ledger", "template", str(path))[0] == 0
    code, out, _ = run(capsys, "ledger", "check", str(path), "--year", "2023", "--format", "json")
    assert code == 0
    assert json.loads(out)["organizations"] == [] and json.loads(out)["errors"] == []


def test_check_json_follows_the_contract(tmp_path, capsys):
    case, path = case_file(tmp_path, "MT001-4月1日召开不算第一季度")
    code, out, _ = run(capsys, "ledger", "check", str(path), "--year", "2023", "--as-of", "2023-04-02", "--format", "json")
    data = json.loads(out)
    assert code == 1  # something is overdue
    assert set(data) >= {"organizations", "errors"}
    branch = next(o for o in data["organizations"] if o["name"] == BRANCH)
    assert branch.keys() >= {"name", "items"}
    for item in branch["items"]:
        assert item.keys() >= {"code", "kind", "status", "person", "due", "required", "count", "message", "source"}
        assert item["status"] in ("已完成", "未完成", "即将到期", "逾期")
        assert item["kind"] in ("支部党员大会", "支部委员会", "党小组会", "党课", "主题党日", "组织生活会", "民主评议党员",
                                "谈心谈话", "发展党员", "党费", "换届")
    q1 = next(i for i in branch["items"] if i["code"] == "MT001" and i["due"] == "2023-03-31")
    assert q1["status"] == "逾期" and q1["required"] == 1 and q1["count"] == 0 and "第十一条" in q1["source"]
    q2 = next(i for i in branch["items"] if i["code"] == "MT001" and i["due"] == "2023-06-30")
    assert q2["status"] == "已完成" and q2["records"] == ["会议!2"]


def test_check_text_groups_and_folds(tmp_path, capsys):
    _, path = case_file(tmp_path, "TK001-全年没谈")
    code, out, _ = run(capsys, "ledger", "check", str(path), "--year", "2023")
    assert code == 1
    assert "2023年度，按2024年1月1日判断" in out  # a year that is over is judged the day after it ended
    assert "每名党员每年至少1次谈心谈话：8项" in out and "依据：《中国共产党支部工作条例（试行）》第十九条" in out
    assert "加 --all 列出" in out


def test_org_filter_and_config_switch(tmp_path, capsys):
    _, path = case_file(tmp_path, "MT005-第一季度没有党课")
    (tmp_path / "shuzhi.toml").write_text('[ledger]\nignore = ["MT005"]\n', encoding="utf-8")
    code, out, _ = run(capsys, "ledger", "check", str(path), "--year", "2023", "--as-of", "2023-07-01", "--format", "json",
                       "--org", BRANCH, "--config", str(tmp_path / "shuzhi.toml"))
    orgs = json.loads(out)["organizations"]
    assert [o["name"] for o in orgs] == [BRANCH]
    assert not any(i["code"] == "MT005" for i in orgs[0]["items"])
    code, _, err = run(capsys, "ledger", "check", str(path), "--org", "没有这个支部")
    assert code == 2 and "没有党组织“没有这个支部”" in err
    assert run(capsys, "ledger", "check", str(path), "--org", TOP, "--subtree", "--format", "json")[0] in (0, 1)


def test_bad_cells_exit_2_and_are_listed(tmp_path, capsys):
    path = tmp_path / "坏.xlsx"
    path.write_bytes(workbook(党组织=ORGS, 党员=MEMBERS + [["王五", "一支部", "正式党员", "2010-13-01", None, None, None]]))
    code, out, _ = run(capsys, "ledger", "check", str(path), "--year", "2023", "--format", "json")
    data = json.loads(out)
    assert code == 2
    assert data["errors"] == [{"sheet": "党员", "row": 4, "column": "D", "header": "入党日期",
                               "message": "日期“2010-13-01”的月份不对"}]
    code, out, _ = run(capsys, "ledger", "check", str(path), "--year", "2023")
    assert code == 2 and "“党员”表第4行 D列（入党日期）：日期“2010-13-01”的月份不对" in out


def test_a_bad_file_exits_2_with_a_chinese_reason(tmp_path, capsys):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(b"hello")
    code, out, err = run(capsys, "ledger", "check", str(path), "--format", "json")
    assert code == 2 and "不是 Excel" in err and json.loads(out)["errors"][0]["message"].startswith(str(path))
    code, _, err = run(capsys, "ledger", "check", str(tmp_path / "没有.xlsx"))
    assert code == 2 and "文件不存在" in err and "Traceback" not in err


def test_check_writes_an_xlsx_list(tmp_path, capsys):
    _, path = case_file(tmp_path, "TK001-全年没谈")
    out_path = tmp_path / "清单.xlsx"
    run(capsys, "ledger", "check", str(path), "--year", "2023", "--xlsx", str(out_path))
    ws = load_workbook(out_path).active
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=3)]
    assert rows and all(r[2] in ("逾期", "即将到期", "未完成") for r in rows)
    assert any(r[3] == "TK001" and r[5] == "丙三" for r in rows)


def test_facts_json(tmp_path, capsys):
    case, path = case_file(tmp_path, "MT004-支委会兼主题党日只登记一次")
    code, out, _ = run(capsys, "ledger", "facts", str(path), "--org", TOP, "--year", "2023", "--format", "json")
    facts = json.loads(out)["facts"]
    assert code == 0
    assert facts["members.end"]["value"] == 10
    assert facts["meetings.主题党日"]["value"] == facts["meetings.党课"]["value"] == facts["meetings.支部委员会"]["value"] == 1
    assert facts["meetings.combined"]["value"] == 1 and facts["meetings.主题党日"]["records"] == ["会议!2"]
    code, out, _ = run(capsys, "ledger", "facts", str(path), "--org", BRANCH, "--year", "2023")
    assert code == 0 and "年末党员" in out and "10名" in out


def test_digest_and_calendar(tmp_path, capsys):
    _, path = case_file(tmp_path, "DV002-期限前一周提示")
    code, out, _ = run(capsys, "ledger", "digest", str(path), "--as-of", "2023-02-21", "--html", str(tmp_path / "d.html"))
    assert code == 0 and "即将到期" in out and "2023年2月28日前" in out and "〔DV002" in out
    html = (tmp_path / "d.html").read_text(encoding="utf-8")
    assert "<!DOCTYPE html>" in html and "即将到期" in html and "<script" not in html
    ics = tmp_path / "提示.ics"
    assert run(capsys, "ledger", "ical", str(path), str(ics), "--as-of", "2023-02-21")[0] == 0
    cal = Calendar.from_ical(ics.read_bytes())
    events = [e for e in cal.walk("VEVENT")]
    talk = next(e for e in events if "DV002" in str(e["description"]))
    assert talk.decoded("dtstart") == datetime.date(2023, 2, 28)
    assert len({str(e["uid"]) for e in events}) == len(events)
    assert any(e.walk("VALARM") for e in events)


def test_rules_listing(capsys):
    code, out, _ = run(capsys, "ledger", "rules")
    assert code == 0 and "MT001" in out and "第十一条" in out and "2026年修订" in out
    data = json.loads(run(capsys, "ledger", "rules", "--format", "json")[1])
    assert {r["code"] for r in data["rules"]} >= {"MT001", "VT005", "DS002", "TM001"}


def test_usage_errors(capsys):
    assert run(capsys, "ledger")[0] == 2
    assert run(capsys, "ledger", "template", "x.txt")[0] == 2
    assert run(capsys, "ledger", "facts", "a.xlsx")[0] == 2  # --org is required


def test_check_against_a_ledger(tmp_path, capsys):
    case = next(c for c in CASES if c.id == "MT004-支委会兼主题党日只登记一次")
    book = tmp_path / "台账.xlsx"
    book.write_bytes(ledger_bytes(case.ledger))
    report = tmp_path / "报告.txt"
    report.write_text(f"2023年度{BRANCH}书记抓基层党建工作述职报告\n一、履职情况\n全年召开支委会3次，开展主题党日活动1次，支部共有党员10名。\n"
                      "二、存在问题\n一是学习不深入。\n三、原因分析\n认识不到位。\n四、下一步打算\n计划每月召开1次支委会。\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(report), "--ledger", str(book), "--format", "json")
    (doc,) = json.loads(out)["documents"]
    ld = [f for f in doc["findings"] if f["rule"].startswith("LD")]
    assert [(f["rule"], f["text"]) for f in ld] == [("LD001", "3")]
    assert "台账记录是1次" in ld[0]["message"] and ld[0]["suggestions"] == ["1"]
    assert doc["ledger"]["organization"] == BRANCH  # found from the title
    assert sorted(c["verdict"] for c in doc["ledger"]["claims"]) == ["一致", "一致", "偏高"]
    code, out, _ = run(capsys, "check", str(report), "--ledger", str(book), "--org", TOP)
    assert "对照台账（测试机关党委 2023年）" in out
    assert run(capsys, "check", str(report), "--org", BRANCH)[0] == 2  # --org needs --ledger
    bad = tmp_path / "坏.xlsx"
    bad.write_bytes(b"nope")
    code, _, err = run(capsys, "check", str(report), "--ledger", str(bad))
    assert code == 2 and "无法读取" in err
    other = tmp_path / "别的.txt"
    other.write_text("2023年度某单位书记述职报告\n一、履职情况\n全年召开支委会3次。\n", encoding="utf-8")
    code, out, _ = run(capsys, "check", str(other), "--ledger", str(book))
    assert "未能从标题确定报告属于台账中的哪个党组织" in out
