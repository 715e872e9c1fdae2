"""Dates and months as people type them in a ledger."""

from __future__ import annotations

import datetime

import pytest

from shuzhi.ledger.dates import DateError, Month, add_months, parse_date, parse_months

D = datetime.date


@pytest.mark.parametrize("typed", ["2023-05-06", "2023.5.6", "2023/5/6", "2023年5月6日", "2023年5月6号", "20230506",
                                   "２０２３年５月６日", "2023-5-6 00:00:00", 45052, 45052.0, datetime.datetime(2023, 5, 6, 9, 30)])
def test_the_date_forms_people_type(typed):
    assert parse_date(typed) == D(2023, 5, 6)


@pytest.mark.parametrize("typed, reason", [("2023.13.1", "月份不对"), ("2023-02-29", "没有29日"), ("明天", "无法识别"),
                                           ("2023年", "无法识别"), (3.5, "无法识别")])
def test_a_bad_date_says_why(typed, reason):
    with pytest.raises(DateError, match=reason):
        parse_date(typed)


def test_an_empty_cell_is_no_date():
    assert parse_date(None) is None and parse_date("  ") is None


@pytest.mark.parametrize("typed, first, last", [
    ("2023-05", (2023, 5), (2023, 5)), ("2023年5月", (2023, 5), (2023, 5)), ("2023/5", (2023, 5), (2023, 5)),
    ("2023年1-6月", (2023, 1), (2023, 6)), ("2023年1-6", (2023, 1), (2023, 6)), ("2023年1月至6月", (2023, 1), (2023, 6)),
    ("2023-01至2023-06", (2023, 1), (2023, 6)), ("2023.1—2023.6", (2023, 1), (2023, 6)), ("2023年全年", (2023, 1), (2023, 12)),
    ("2023", (2023, 1), (2023, 12)), (2023, (2023, 1), (2023, 12)), ("2023年11月至2024年2月", (2023, 11), (2024, 2)),
    (D(2023, 5, 20), (2023, 5), (2023, 5)),
])
def test_months_and_runs_of_months(typed, first, last):
    assert parse_months(typed) == (Month(*first), Month(*last))


@pytest.mark.parametrize("typed", ["2023年6-1月", "2023年13月", "上半年"])
def test_bad_months(typed):
    with pytest.raises(DateError):
        parse_months(typed)


def test_a_month_from_the_31st_is_the_last_day_of_a_shorter_month():
    assert add_months(D(2023, 1, 31), 1) == D(2023, 2, 28)
    assert add_months(D(2024, 1, 31), 1) == D(2024, 2, 29)
    assert add_months(D(2023, 1, 31), 3) == D(2023, 4, 30)
    assert Month(2023, 12).plus(1) == Month(2024, 1) and Month(2024, 1).plus(-1) == Month(2023, 12)
    assert Month(2024, 2).last == D(2024, 2, 29)
