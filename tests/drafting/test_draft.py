"""The first draft: the report's parts, the ledger's numbers with comments, prompts the placeholder rule flags, the
公文 layout; checked against its own ledger it has no LD finding."""

from __future__ import annotations

import io
import json
import re
import zipfile

import docx
from docx.shared import Mm

from shuzhi.cli import main
from shuzhi.drafting.draft import draft_bytes
from shuzhi.ledger.export import ledger_bytes
from shuzhi.ledger.facts import year_facts
from shuzhi.ledger.obligations import evaluate

from ..ledger.cases import BRANCH, CASES


def _case(name):
    return next(c for c in CASES if c.id == name)


def _draft(ledger, org=BRANCH, year=2023):
    facts = year_facts(ledger, org, year)
    items = [i for r in evaluate(ledger, year, organizations=facts.scope) for i in r.items]
    return draft_bytes(facts, items)


def test_the_parts_in_order_the_numbers_commented_and_the_layout():
    data = _draft(_case("MT004-支委会兼主题党日只登记一次").ledger)
    d = docx.Document(io.BytesIO(data))
    text = [p.text for p in d.paragraphs]
    heads = [t for t in text if re.match(r"^[一二三四五六]、", t)]
    assert heads == ["一、履职情况", "二、存在问题", "三、原因分析", "四、下一步打算", "五、上年度问题整改情况"]
    assert text[0] == "2023年度测试第一党支部书记抓基层党建工作述职报告"
    assert any("共有党员10名" in t for t in text)
    assert any(t.startswith("全年召开") and "支部委员会会议1次" in t and "开展主题党日1次" in t for t in text)
    comments = zipfile.ZipFile(io.BytesIO(data)).read("word/comments.xml").decode()
    assert "来自台账：年末党员 10名" in comments and "来自台账：主题党日 1次" in comments
    s = d.sections[0]
    for got, want in ((s.top_margin, 37), (s.bottom_margin, 35), (s.left_margin, 28), (s.right_margin, 26), (s.page_width, 210), (s.page_height, 297)):
        assert abs(got - Mm(want)) < Mm(0.1), (got.mm, want)  # GB/T 9704: A4, type area 156 × 225 mm
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:eastAsia="仿宋_GB2312"' in xml and 'w:eastAsia="黑体"' in xml and 'w:eastAsia="方正小标宋简体"' in xml


def test_the_draft_invents_nothing():
    led = _case("MT004-支委会兼主题党日只登记一次").ledger  # no talks, no dues, no candidates in this ledger
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(_draft(led))).paragraphs)
    performance, problems = text.split("二、存在问题")
    assert "谈心谈话" not in performance and "党费" not in text and "发展党员" not in performance and "党小组会" not in performance
    assert "10名党员全年没有谈心谈话记录" in problems  # what the ledger shows was not done


def test_an_unfinished_draft_does_not_pass_and_agrees_with_its_ledger(tmp_path, capsys):
    from shuzhi.ledger.demo import demo_ledger

    led = demo_ledger(until=__import__("datetime").date(2024, 3, 1))
    for o in led.organizations:
        o.label = ""
    book = tmp_path / "台账.xlsx"
    book.write_bytes(ledger_bytes(led))
    out = tmp_path / "初稿.docx"
    assert main(["draft", str(book), "--org", "第一党支部", "--year", "2023", "-o", str(out)]) == 0
    capsys.readouterr()
    code = main(["check", str(out), "--ledger", str(book), "--org", "第一党支部", "--format", "json"])
    (doc,) = json.loads(capsys.readouterr().out)["documents"]
    assert code == 1
    assert {f["rule"] for f in doc["findings"]} == {"PH005"}  # only the prompts left to fill
    claims = doc["ledger"]["claims"]
    assert len(claims) >= 8 and {c["verdict"] for c in claims} == {"一致"}


def test_a_committees_draft_lists_its_branches_overdue_work():
    from shuzhi.ledger.demo import demo_ledger

    led = demo_ledger(until=__import__("datetime").date(2024, 3, 1))
    facts = year_facts(led, "青山镇党委", 2023)
    items = [i for r in evaluate(led, 2023, organizations=facts.scope) for i in r.items]
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(draft_bytes(facts, items))).paragraphs)
    assert "石桥村党支部" in text.split("二、存在问题")[1]
    assert "下设党支部2个" in text
