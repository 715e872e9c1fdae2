"""Year and kind of a report, from its title and opening."""

from __future__ import annotations

import pytest

from shuzhi.document import DocKind
from shuzhi.ingest.metadata import kind_of, title_of, year_of


@pytest.mark.parametrize(
    "title, body, year",
    [
        ("2023年度第一党支部书记抓基层党建工作述职报告", "", 2023),
        ("党支部书记述职报告", "2022年以来，党支部坚持……", 2022),
        ("党支部书记述职报告", "今年以来，党支部坚持……", None),
        ("二〇二三年度党建工作述职报告", "", 2023),
        ("述职报告", "根据《关于做好2023年度述职评议的通知》要求，现将2022年度工作报告如下", 2022),
    ],
)
def test_year(title, body, year):
    assert year_of(title, body) == year


@pytest.mark.parametrize(
    "title, body, kind",
    [
        ("2023年度第一党支部书记抓基层党建工作述职报告", "", DocKind.PARTY_BUILDING),
        ("2022年党组织书记抓基层党建及述责述廉述职报告", "", DocKind.PARTY_BUILDING),
        ("2023年度述责述廉报告", "", DocKind.DUTY_INTEGRITY),
        ("2023年个人述职报告", "现将本人一年来的工作情况述职如下", DocKind.PERSONAL),
        ("区财政局机关党支部书记述职报告", "一、履职情况", DocKind.PARTY_BUILDING),
        ("党委书记个人述职报告", "一年来，本人……", DocKind.PERSONAL),
        ("述职报告", "现将抓基层党建工作情况述职如下", DocKind.PARTY_BUILDING),
        ("关于开展主题党日活动的通知", "", DocKind.OTHER),
        ("开展党组织书记抓基层党建述职评议考核工作", "", DocKind.OTHER),
        ("2023年度局党组抓基层党建工作情况的报告", "", DocKind.PARTY_BUILDING),
    ],
)
def test_kind(title, body, kind):
    assert kind_of(title, body) == kind


def test_title_is_the_first_line_when_it_reads_as_one():
    assert title_of("\n\n  2023年度述职报告\n正文。") == "2023年度述职报告"
    assert title_of("一年来，我认真履行职责。取得了成效。\n") == ""
