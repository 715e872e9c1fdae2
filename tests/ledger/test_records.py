"""Who is on the rolls when, and who had a vote: the questions every rule asks of the roster."""

from __future__ import annotations

import datetime

from shuzhi.ledger import development as dev
from shuzhi.ledger.facts import year_facts
from shuzhi.ledger.records import Candidate, Change, Ledger, Member, Organization

D = datetime.date


def test_someone_who_joined_elsewhere_is_here_from_the_transfer():
    m = Member("甲", "支部", joined=D(2010, 1, 1), changes=[Change("转入", D(2020, 3, 1)), Change("转出", D(2023, 6, 15))])
    assert not m.on_rolls(D(2019, 1, 1)) and m.on_rolls(D(2021, 1, 1))
    assert m.on_rolls(D(2023, 6, 14)) and not m.on_rolls(D(2023, 6, 15))


def test_someone_who_left_and_came_back_was_here_before_leaving():
    m = Member("乙", "支部", joined=D(2010, 1, 1), changes=[Change("转出", D(2020, 3, 1)), Change("转入", D(2022, 3, 1))])
    assert m.on_rolls(D(2015, 6, 1)) and not m.on_rolls(D(2021, 1, 1)) and m.on_rolls(D(2023, 1, 1))


def test_a_restored_membership_puts_them_back_on_the_rolls():
    m = Member("丙", "支部", joined=D(2010, 1, 1), changes=[Change("停止党籍", D(2021, 1, 1)), Change("恢复党籍", D(2022, 1, 1))])
    assert not m.on_rolls(D(2021, 6, 1)) and m.on_rolls(D(2022, 6, 1))


def test_without_a_conversion_date_a_new_member_has_no_vote_for_a_year():
    m = Member("丁", "支部", "正式党员", joined=D(2023, 1, 10))
    assert not m.full_member(D(2023, 6, 1)) and m.full_member(D(2024, 1, 10))
    assert Member("戊", "支部", "正式党员").full_member(D(2000, 1, 1))  # nothing known: as the category says
    assert not Member("己", "支部", "预备党员", joined=D(2010, 1, 1)).full_member(D(2023, 1, 1))


def test_facts_of_an_extension_without_an_admission_date_do_not_fail():
    led = Ledger(organizations=[Organization("支部", "党支部", "机关")],
                 candidates=[Candidate("庚", "支部", steps={dev.APPLIED: D(2023, 1, 1)}, extensions=(6,))])
    assert year_facts(led, "支部", 2023).get("development.extended").value == 0


def test_facts_of_a_year_not_over_owe_only_the_months_begun_and_call_arrears_only_past_quarters():
    from decimal import Decimal

    from shuzhi.ledger.dates import Month
    from shuzhi.ledger.records import Payment

    led = Ledger(organizations=[Organization("支部", "党支部", "机关")],
                 members=[Member("辛", "支部", joined=D(2010, 1, 1), confirmed=D(2011, 1, 1), dues_base=Decimal(3000))],
                 payments=[Payment("辛", "支部", Month(2026, 1), Month(2026, 6), Decimal(90))])
    facts = year_facts(led, "支部", 2026, as_of=D(2026, 8, 15))
    assert facts.get("dues.due").value == Decimal("120.00")  # January to August at 15.00
    assert facts.get("dues.arrears.people").value == 0  # July and August: their quarter is not over
    later = year_facts(led, "支部", 2026, as_of=D(2026, 10, 1))
    assert later.get("dues.arrears.people").value == 1 and later.get("dues.arrears.amount").value == Decimal("45.00")
