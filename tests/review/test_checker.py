"""The Checker: selection, severity overrides, local words, protected spans, one finding per defect."""

from __future__ import annotations

import pytest

from shuzhi.config import Config
from shuzhi.errors import UsageError
from shuzhi.review.checker import Checker
from tests.conftest import make_document


def rules_of(findings):
    return [f.rule for f in findings]


def test_local_words_are_never_flagged():
    doc = make_document("实施党建X计划，全年召开会议XX次。")
    assert [doc.text[f.start : f.end] for f in Checker().check(doc)] == ["X", "XX"]
    assert [doc.text[f.start : f.end] for f in Checker(Config(words=("党建X计划",))).check(doc)] == ["XX"]


def test_web_addresses_and_emails_are_not_checked():
    doc = make_document("详见http://www.example.gov.cn/xxx/a,b.html，或发邮件至xx_dj@example.com。")
    assert Checker().check(doc) == []


def test_severity_override_applies_to_findings():
    doc = make_document("要推动推动工作。")
    (f,) = Checker(Config(severity=(("DU001", "error"),))).check(doc)
    assert f.severity == "error"


def test_unknown_selectors_are_refused():
    with pytest.raises(UsageError, match="ZZ"):
        Checker(Config(select=("ZZ",)))


def test_debris_nested_in_a_longer_finding_of_the_same_family_is_one_finding():
    doc = make_document("成效明显。（本文来源：党建范文网）")
    findings = Checker().check(doc)
    assert rules_of(findings) == ["AR002"] and doc.text[findings[0].start : findings[0].end] == "（本文来源：党建范文网）"


def test_findings_are_sorted_and_carry_their_family():
    doc = make_document("召开XX次会议,学习**次。")
    findings = Checker().check(doc)
    assert [f.start for f in findings] == sorted(f.start for f in findings)
    assert {f.category for f in findings} == {"placeholder", "punctuation"}


def test_a_checker_per_configuration_side_by_side():
    doc = make_document("召开XX次会议,学习。")
    strict, lenient = Checker(Config()), Checker(Config(ignore=("PU",)))
    assert rules_of(strict.check(doc)) == ["PH001", "PU003"]
    assert rules_of(lenient.check(doc)) == ["PH001"]
    assert rules_of(strict.check(doc)) == ["PH001", "PU003"]
