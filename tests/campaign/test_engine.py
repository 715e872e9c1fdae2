"""The campaign's engine: workflows, tallies, the combined grade, the folded problem list."""

from __future__ import annotations

from collections import Counter

import pytest

from shuzhi.campaign.feedback import from_findings, from_ledger
from shuzhi.campaign.scheme import Scheme, combine
from shuzhi.campaign.states import CampaignFlow, ItemFlow, ReporterFlow, TransitionNotAllowed, label_of
from shuzhi.campaign.tally import PaperTotals, Result, combined, count, from_paper


class Row:
    def __init__(self, status, **kw):
        self.status = status
        self.__dict__.update(kw)


def test_a_campaign_goes_step_by_step_and_not_back_from_the_end():
    row = Row("preparing")
    flow = CampaignFlow(model=row, state_field="status")
    for expected in ("collecting", "reading", "rating", "feedback", "rectifying", "closed"):
        flow.send("advance")
        assert row.status == expected
    with pytest.raises(TransitionNotAllowed):
        flow.send("go_back")
    assert [label_of(CampaignFlow, s.value) for s in CampaignFlow.states] == ["筹备", "收集报告", "审读", "评议", "反馈", "整改", "结束"]


def test_a_reporter_resubmits_until_read_and_finishes_only_with_every_item_closed():
    row = Row("pending", all_items_closed=False)
    flow = ReporterFlow(model=row, state_field="status")
    for event, state in (("submit", "submitted"), ("submit", "submitted"), ("send_back", "returned"), ("submit", "submitted"),
                         ("mark_read", "read"), ("rate", "rated"), ("tell", "told"), ("start_rectifying", "rectifying")):
        flow.send(event)
        assert row.status == state
    with pytest.raises(TransitionNotAllowed):
        flow.send("finish")
    row.all_items_closed = True
    flow.send("finish")
    assert row.status == "done"


def test_an_item_is_closed_only_on_evidence():
    row = Row("drafting", has_measures=False, has_evidence=False)
    flow = ItemFlow(model=row, state_field="status")
    with pytest.raises(TransitionNotAllowed):
        flow.send("plan")  # no 整改措施 yet
    row.has_measures = True
    flow.send("plan")
    with pytest.raises(TransitionNotAllowed):
        flow.send("apply")
    row.has_evidence = True
    flow.send("apply")
    flow.send("reject")
    assert row.status == "working"
    flow.send("apply")
    flow.send("approve")
    assert row.status == "closed"


def test_paper_totals_are_checked_and_counted():
    ok = PaperTotals(30, 29, 28, (("好", 20), ("较好", 6), ("一般", 2)))
    assert ok.problems() == []
    assert from_paper(ok).good_rate == pytest.approx(20 / 28) and from_paper(ok).satisfied_rate == pytest.approx(26 / 28)
    bad = PaperTotals(30, 31, 32, (("好", 40), ("优", 1)))
    assert len(bad.problems()) == 4


def test_online_ballots_are_counted_per_reporter_and_added_to_paper():
    results = count([{1: "好", 2: "较好"}, {1: "好"}, {1: "差", 2: "无效"}])
    assert results[1].votes == Counter({"好": 2, "差": 1}) and results[1].valid == 3 and results[2].valid == 1
    both = combined(results[1], from_paper(PaperTotals(10, 10, 10, (("好", 10),))))
    assert both.valid == 13 and both.votes["好"] == 12


def test_the_combined_grade_shows_its_rule():
    r = Result(Counter({"好": 20, "较好": 8, "一般": 2}), 30)
    c = combine(Scheme(), "较好", r, 90)
    assert c.score == 89.6 and c.grade == "较好"
    assert "审读较好×40%" in c.rule and "民主测评94.0分（30票）×40%" in c.rule and "平时考核90分×20%" in c.rule
    alone = combine(Scheme(), None, r, None)
    assert alone.grade == "好" and "×100%" in alone.rule  # the missing parts' weights go to the others
    vetoed = combine(Scheme(), "好", Result(Counter({"好": 5, "差": 5}), 10), None)
    assert vetoed.grade == "一般" and "最高评为一般" in vetoed.rule
    assert combine(Scheme(), None, None, None).grade == ""
    assert Scheme(0.5, 0.5, 0.5).problems()


def test_findings_fold_into_one_problem_each():
    findings = [{"category": "placeholder", "text": t, "rule": "PH001"} for t in ("XX", "XX", "**")] + [
        {"category": "ledger", "text": "24", "rule": "LD001"}]
    problems = from_findings(findings)
    assert [p.text for p in problems] == ["报告中有3处模板内容未填写（如“XX”“**”）", "报告中有1处数字与台账记录不符（如“24”）"]
    assert {p.category for p in problems} == {"报告质量"}
    # the small things make one line about proofreading, not one each
    small = [{"category": "typo", "text": "i", "rule": "TY001"}, {"category": "typo", "text": "D", "rule": "TY001"},
             {"category": "punctuation", "text": ",", "rule": "PU001"}, {"category": "duplication", "text": "认真认真", "rule": "DU001"}]
    problems = from_findings(findings + small)
    assert [p.text for p in problems][-1] == "报告校对不细，有错别字2处、重复录入1处、标点使用不规范1处"
    assert len(problems) == 3 and problems[-1].count == 4 and problems[-1].refs == ("DU001", "PU001", "TY001")


def test_the_ledger_s_overdue_work_makes_problems():
    from ..ledger.cases import CASES
    from shuzhi.ledger.obligations import evaluate

    case = next(c for c in CASES if c.id == "TK001-全年没谈")
    items = [i for r in evaluate(case.ledger, 2023) for i in r.items]
    problems = from_ledger(items)
    talks = next(p for p in problems if p.refs == ("TK001",))
    assert talks.category == "党员教育管理" and talks.text.startswith("台账显示：8名党员未做到")
