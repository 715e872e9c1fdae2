"""The heading tree from the numbering schemes of real reports, and a kind for each section."""

from __future__ import annotations

from shuzhi.document import DocKind
from shuzhi.document import SectionKind as K
from shuzhi.structure.numbering import cn_to_int, int_to_cn
from tests.conftest import make_document

REPORT = """2023年度党支部书记抓基层党建工作述职报告
一、履职情况
（一）抓学习。全年学习12次。一是制定计划；二是组织研讨。
1. 中心组学习4次。
2. 支部学习8次。
（二）抓队伍。发展党员2名。
二、存在问题及原因分析
（一）存在问题
一是学习不深。
二是落实不够。
（二）原因分析
①思想认识不到位。
②制度执行不严格。
三、下一步打算
今后要加强学习。
"""


def outline(doc, inline=False):
    return [(s.level, s.label, s.heading, s.kind) for s in doc.walk_sections() if inline or not s.inline]


def test_tree_of_a_typical_report():
    doc = make_document(REPORT, title="2023年度党支部书记抓基层党建工作述职报告", kind=DocKind.PARTY_BUILDING)
    assert outline(doc) == [
        (1, "一、", "履职情况", K.PERFORMANCE),
        (2, "（一）", "抓学习", K.PERFORMANCE),
        (3, "1.", "中心组学习4次", K.PERFORMANCE),
        (3, "2.", "支部学习8次", K.PERFORMANCE),
        (2, "（二）", "抓队伍", K.PERFORMANCE),
        (1, "二、", "存在问题及原因分析", K.PROBLEMS),
        (2, "（一）", "存在问题", K.PROBLEMS),
        (2, "（二）", "原因分析", K.CAUSES),
        (3, "①", "思想认识不到位", K.CAUSES),
        (3, "②", "制度执行不严格", K.CAUSES),
        (1, "三、", "下一步打算", K.PLANS),
    ]


def test_sections_span_their_text():
    doc = make_document(REPORT)
    first = doc.sections[0]
    assert REPORT[first.start : first.end].startswith("一、履职情况") and REPORT[first.start : first.end].endswith("发展党员2名。")
    last = doc.sections[-1]
    assert REPORT[last.start : last.end] == "三、下一步打算\n今后要加强学习。"


def test_inline_enumerations_nest_under_their_heading():
    doc = make_document(REPORT)
    study = doc.sections[0].children[0]
    inline = [c for c in study.children if c.inline]
    assert [c.label for c in inline] == ["一是", "二是"]
    assert [REPORT[c.start : c.end] for c in inline] == ["一是制定计划；", "二是组织研讨。"]
    problems = doc.sections[1].children[0]
    assert [c.label for c in problems.children] == ["一是", "二是"]


def test_paragraphs_opening_with_er_shi_hold_a_nested_list():
    text = "三、下一步打算\n一是强化学习。一要读原著；二要悟原理。\n二是抓好落实。一是建台账；二是抓督办；三是严考核。\n三是改进作风。\n"
    doc = make_document(text)
    plans = doc.sections[0]
    assert [(c.label, c.scheme) for c in plans.children] == [("一是", "shi"), ("二是", "shi"), ("三是", "shi")]
    assert [c.label for c in plans.children[1].children] == ["一是", "二是", "三是"]


def test_headings_without_numbers_are_found_by_their_words():
    text = "述职报告\n一年来的主要工作\n开展学习12次。\n存在的主要问题\n学习不够深入。\n下一步工作打算\n加强学习。\n"
    doc = make_document(text, title="述职报告", kind=DocKind.PARTY_BUILDING)
    assert [(s.heading, s.kind) for s in doc.sections] == [("存在的主要问题", K.PROBLEMS), ("下一步工作打算", K.PLANS)]


def test_missing_and_out_of_order_headings_still_give_a_tree():
    text = "（一）抓学习\n内容。\n三、存在问题\n（二）学习不深\n（一）落实不够\n"
    doc = make_document(text)
    assert [(s.level, s.label) for s in doc.walk_sections()] == [(1, "（一）"), (1, "三、"), (2, "（二）"), (2, "（一）")]


def test_numbers_that_are_not_labels():
    text = "全年投入1.5万元。\n2023.12.01召开会议。\n一、二级公路\n"
    doc = make_document(text)
    assert [s.label for s in doc.walk_sections()] == ["一、"]  # 一、二级公路 reads as a heading, as it would to a person


def test_chinese_numerals():
    assert [cn_to_int(t) for t in ("一", "十", "十二", "二十", "二十三", "零", "十十", "abc")] == [1, 10, 12, 20, 23, None, None, None]
    assert [int_to_cn(n) for n in (1, 10, 12, 20, 23)] == ["一", "十", "十二", "二十", "二十三"]
