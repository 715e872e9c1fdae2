"""Every ledger rule meets a case that satisfies it and one that does not, at its boundary."""

from __future__ import annotations

from collections import Counter

import pytest

from shuzhi.config import config_from_dict
from shuzhi.ledger.items import DONE
from shuzhi.ledger.obligations import evaluate
from shuzhi.ledger.rules import default_rules

from .cases import BRANCH, CASES, TOP, Case


def selected(case: Case, results) -> list:
    items = [i for r in results for i in r.items if i.code == case.code and i.organization == case.organization]
    if case.period is not None:
        items = [i for i in items if i.period == case.period]
    if case.person is not None:
        items = [i for i in items if i.person == case.person]
    if case.group is not None:
        items = [i for i in items if i.group == case.group]
    return items


def run(case: Case, ledger=None):
    settings = config_from_dict({"ledger": case.config}).ledger
    return evaluate(ledger or case.ledger, case.year, as_of=case.as_of, settings=settings)


def assert_case(case: Case, results) -> None:
    items = selected(case, results)
    if case.expect is None:
        assert items == [], [i.message for i in items]
    else:
        assert items, f"no {case.code} item"
        assert [i.status for i in items] == [case.expect] * len(items), [(i.status, i.message) for i in items]
        assert all(i.message and i.source for i in items)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_rule_case(case):
    assert_case(case, run(case))


# Checks that only ever report a problem (a lapse of dues is flagged, a paid-up member gets no item).
PROBLEMS_ONLY = {"lapse"}


def test_every_rule_has_a_case_that_meets_it_and_one_that_does_not():
    rules = default_rules()
    checks = {code: rules.versions(code)[0].check for code in rules.codes()}
    met = Counter(c.code for c in CASES if c.expect == DONE or (c.expect is None and checks[c.code] in PROBLEMS_ONLY))
    unmet = Counter(c.code for c in CASES if c.expect not in (DONE, None))
    missing = [code for code in default_rules().codes() if not met[code] or not unmet[code]]
    assert missing == [], f"rules without both cases: {missing}"


def test_an_item_cites_the_version_in_force_on_its_day():
    by_id = {c.id: c for c in CASES}
    (old,) = selected(by_id["VT005-讨论接收预备党员到会正好半数"], run(by_id["VT005-讨论接收预备党员到会正好半数"]))
    (new,) = selected(by_id["VT005-2026年修订后同样过半数"], run(by_id["VT005-2026年修订后同样过半数"]))
    assert "（2014年）第二十条" in old.source
    assert "（2026年修订）第十九条第二款" in new.source


def test_a_local_rule_says_so_and_a_central_one_does_not():
    case = next(c for c in CASES if c.code == "MT005")
    items = [i for r in run(case) for i in r.items]
    local = [i for i in items if i.code == "MT005"]
    assert local and all(i.local and "地方做法" in i.source for i in local)
    assert all(not i.local and "地方做法" not in i.source for i in items if i.code == "MT001")


def test_the_lapse_warning_never_decides():
    case = next(c for c in CASES if c.id == "DS002-1月至6月未交")
    (item,) = selected(case, run(case))
    assert "由党支部" in item.message and "不作认定" in item.message and "除名" not in item.message


def test_only_the_organizations_asked_for():
    case = CASES[0]
    assert [r.organization.name for r in evaluate(case.ledger, case.year, as_of=case.as_of, organizations=[BRANCH])] == [BRANCH]
    assert {r.organization.name for r in evaluate(case.ledger, case.year, as_of=case.as_of)} == {BRANCH, TOP}


def test_future_periods_are_not_listed_unless_asked():
    case = CASES[0]
    quarters = {i.period for r in run(case) for i in r.items if i.code == "MT001"}
    assert quarters == {"2023年第一季度", "2023年第二季度"}  # as of 2 April
    import datetime

    later = evaluate(case.ledger, 2023, as_of=case.as_of, through=datetime.date(2023, 12, 31))
    assert {i.period for r in later for i in r.items if i.code == "MT001"} == {f"2023年第{q}季度" for q in "一二三四"}
