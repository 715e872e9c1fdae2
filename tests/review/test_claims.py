"""The countable claims of a report, found where they stand, and compared with the ledger's facts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from shuzhi.ingest import documents_of, load
from shuzhi.review.claims import AGREES, HIGHER, LOWER, UNKNOWN, Claim, compare, extract
from tests.conftest import ROOT, make_document

LABELS = json.loads((ROOT / "benchmarks" / "labels" / "claims.json").read_text(encoding="utf-8"))
OWN = [e for e in LABELS["files"] if not e["path"].startswith("../")]


@pytest.mark.parametrize("entry", OWN, ids=[Path(e["path"]).name for e in OWN])
def test_the_labelled_claims_of_our_own_reports(entry):
    path = ROOT / entry["path"]
    sf = load(path.name, path.read_bytes())
    found = {(c.start, c.end, c.key, c.value) for d in documents_of(sf) for c in extract(d)}
    labelled = {(g["start"], g["end"], g["key"], float(g["value"])) for g in entry["claims"]}
    assert found <= labelled, f"claims found that are not labelled: {found - labelled}"
    missed = labelled - found
    # The file labelled before the extractor first ran on it keeps its one known miss (参评党员50名), as measured.
    assert len(missed) <= (1 if entry.get("note") else 0), missed


def claims(text: str) -> list[tuple[str, float, str]]:
    doc = make_document("2023年度测试党支部书记抓基层党建工作述职报告\n一、履职情况\n" + text + "\n二、存在问题\n支委会有2次没有按时召开。")
    return [(c.key, c.value, c.qualifier) for c in extract(doc)]


def test_numbers_in_arabic_and_chinese_and_their_qualifiers():
    assert claims("全年召开支委会十二次，党员大会4次，开展主题党日活动12余次，谈心谈话近50人次，党课两次。") == [
        ("meetings.支部委员会", 12, ""), ("meetings.支部党员大会", 4, ""), ("meetings.主题党日", 12, "余"),
        ("talks.total", 50, "近"), ("meetings.党课", 2, "")]
    assert claims("党费收缴率100%，收缴党费2.3万元。") == [("dues.rate", 100, ""), ("dues.paid", 23000, "")]
    assert claims("召开12次支委会。") == [("meetings.支部委员会", 12, "")]


def test_plans_norms_other_years_and_the_problems_part_are_no_claims():
    assert claims("计划每月召开1次支委会，力争发展党员3名，全年不少于12次主题党日。") == []
    assert claims("2022年召开党员大会3次，上年发展党员2名。") == []
    assert claims("共有群众40名，打造“最强党支部”1个，组织志愿服务30余次。") == []


def _claim(key, value, qualifier="", precision=1):
    return Claim(key, key, value, "次", qualifier, 0, 1, 0, 1, precision)


@pytest.mark.parametrize("claim, fact, verdict", [
    (_claim("meetings.支部委员会", 12), 12, AGREES), (_claim("meetings.支部委员会", 12), 10, HIGHER),
    (_claim("meetings.支部委员会", 12), 13, LOWER),
    (_claim("talks.total", 50, "余"), 55, AGREES), (_claim("talks.total", 50, "余"), 50, HIGHER), (_claim("talks.total", 50, "余"), 61, LOWER),
    (_claim("talks.total", 50, "近"), 45, AGREES), (_claim("talks.total", 50, "近"), 30, HIGHER), (_claim("talks.total", 50, "近"), 51, LOWER),
    (_claim("talks.total", 30, "以上"), 35, AGREES), (_claim("talks.total", 30, "以上"), 29, HIGHER),
    (_claim("dues.rate", 100), 1.0, AGREES), (_claim("dues.rate", 100), 0.985, HIGHER),
    (_claim("dues.paid", 23000, precision=1000), 23210, AGREES), (_claim("dues.paid", 23000, precision=1000), 23600, LOWER),
    (_claim("dues.paid", 8600, precision=100), 8640, AGREES), (_claim("dues.paid", 8600, precision=100), 8660, LOWER),
])
def test_a_claim_against_the_ledger(claim, fact, verdict):
    assert compare(claim, {claim.key: fact})[0] == verdict


def test_a_claim_about_records_the_ledger_does_not_keep_cannot_be_checked():
    assert compare(_claim("talks.total", 56), {"talks.total": 0, "records.talks": 0}) == (UNKNOWN, 0)
    assert compare(_claim("talks.total", 56), {"records.talks": 3}) == (UNKNOWN, None)
