"""Dates as people type them in a ledger (2023-05-06, 2023.5.6, 2023/5/6, 2023年5月6日, Excel dates), months and
ranges of months for dues (2023年1-6月, 2023-01至2023-06, 2023年全年), and the calendar arithmetic of the rules."""

from __future__ import annotations

import calendar
import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from dateutil.relativedelta import relativedelta

_EXCEL_EPOCH = datetime.date(1899, 12, 30)
_SEP = r"\s*[-./／年]\s*"
_SEP2 = r"\s*[-./／月]\s*"
_DAY = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}}){_SEP2}(\d{{1,2}})\s*[日号]?$")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_MONTH = re.compile(rf"^(\d{{4}}){_SEP}(\d{{1,2}})\s*月?(?:份)?$")
_YEAR = re.compile(r"^(\d{4})\s*年?(?:度|全年)?$")
# Where a range of months may be cut: 2023年1-6月, 2023年1月至6月, 2023.1—2023.6, 2023-01至2023-06
_RANGE_CUT = re.compile(r"\s*(?:至|到|[~～—–]+|-)\s*")
_YEAR_MONTHS = re.compile(r"^(\d{4})\s*[年./／]\s*(\d{1,2})\s*[-—–~～]\s*(\d{1,2})\s*月?$")
_TIME = re.compile(r"[ T]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$")  # a date typed or exported with its time
_FULLWIDTH = str.maketrans("０１２３４５６７８９．／－：", "0123456789./-:")


class DateError(ValueError):
    """A value that is not a date of the kind asked for; the message is Chinese and names the value."""


def parse_date(value) -> datetime.date | None:
    """A cell's value as a date; None for an empty cell; DateError for anything else."""
    if value is None:
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1900 <= value <= 2100:  # a year, or 2023.5 typed into a cell of General format: not a date
            raise DateError(f"“{value}”不是日期（单元格里是数字；请写成 2023-05-06 或 2023年5月6日）")
        return _serial(value)
    text = _TIME.sub("", str(value).strip().translate(_FULLWIDTH))
    if not text:
        return None
    m = _DAY.match(text) or _COMPACT.match(text)
    if m:
        return _make(int(m[1]), int(m[2]), int(m[3]), value)
    if re.fullmatch(r"\d{5}(\.\d+)?", text):  # a date cell stored as its serial number in text
        return _serial(float(text))
    raise DateError(f"无法识别的日期“{value}”（可写作 2023-05-06、2023.5.6、2023/5/6 或 2023年5月6日）")


def _serial(number: float) -> datetime.date:
    if not 367 <= number < 73051:  # 1901 to 2099: a smaller number in a date cell is a slip, not 1900
        raise DateError(f"无法识别的日期“{number}”")
    return _EXCEL_EPOCH + datetime.timedelta(days=int(number))


def _make(year: int, month: int, day: int, original) -> datetime.date:
    try:
        made = datetime.date(year, month, day)
    except ValueError:
        raise DateError(f"日期“{original}”不存在（{year}年{month}月没有{day}日）" if 1 <= month <= 12 else f"日期“{original}”的月份不对") from None
    if not 1900 <= year <= 2100:
        raise DateError(f"日期“{original}”的年份不对")
    return made


@dataclass(frozen=True, order=True)
class Month:
    year: int
    month: int

    @classmethod
    def of(cls, day: datetime.date) -> Month:
        return cls(day.year, day.month)

    @property
    def first(self) -> datetime.date:
        return _first(self.year, self.month)

    @property
    def last(self) -> datetime.date:
        return _last(self.year, self.month)

    @property
    def index(self) -> int:
        """Months since year 0: consecutive months differ by one."""
        return self.year * 12 + self.month - 1

    def plus(self, months: int) -> Month:
        n = self.index + months
        return Month(n // 12, n % 12 + 1)

    def __str__(self) -> str:
        return f"{self.year}年{self.month}月"


@lru_cache(maxsize=4096)
def _first(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, 1)


@lru_cache(maxsize=4096)
def _last(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def parse_months(value) -> tuple[Month, Month] | None:
    """A dues cell's 月份: one month, a range of months, or a whole year, as (first, last); None when empty."""
    if value is None:
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        month = Month(value.year, value.month)
        return month, month
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        if 1900 <= value <= 2100:
            if float(value).is_integer():
                return Month(int(value), 1), Month(int(value), 12)
            return _numeric_month(value)
        day = _serial(value)
        return Month.of(day), Month.of(day)
    text = str(value).strip().translate(_FULLWIDTH)
    if not text:
        return None
    m = _YEAR_MONTHS.match(text)  # 2023年1-6, 2023.1-6 are months, not the 6th of January, in a column of months
    if m:
        text = f"{m[1]}年{m[2]}月至{m[3]}月"
    else:
        single = _one_month(text)
        if single is not None:
            return single
    for cut in _RANGE_CUT.finditer(text):
        head, tail = text[:cut.start()], text[cut.end():]
        try:
            first = _one_month(head)
            last = None if first is None else (_one_month(tail) or _one_month(f"{first[0].year}年{tail}"))
        except DateError:
            continue
        if first is not None and last is not None:
            if last[1] < first[0]:
                raise DateError(f"月份“{value}”的起止颠倒")
            return first[0], last[1]
    raise DateError(f"无法识别的月份“{value}”（可写作 2023-05、2023年5月、2023年1-6月、2023年1月至6月 或 2023年全年）")


def _numeric_month(value: float) -> tuple[Month, Month]:
    """2023.5 typed into a General cell is the number 2023.5: May. 2023.1 could be January or 2023.10 (Excel drops
    the trailing 0), so it is refused rather than guessed."""
    year, digits = repr(float(value)).split(".")
    if digits == "1":
        raise DateError(f"月份“{value}”分不清是1月还是10月（单元格把 2023.10 存成了数字 2023.1）：请写成 2023年1月 或 2023年10月")
    month = int(digits)
    if not 1 <= month <= 12:
        raise DateError(f"月份“{value}”不存在")
    return Month(int(year), month), Month(int(year), month)


def _one_month(text: str) -> tuple[Month, Month] | None:
    text = text.strip()
    m = _MONTH.match(text)
    if m:
        year, month = int(m[1]), int(m[2])
        if not 1 <= month <= 12 or not 1900 <= year <= 2100:
            raise DateError(f"月份“{text}”不存在")
        return Month(year, month), Month(year, month)
    m = _YEAR.match(text)
    if m and (text.endswith(("年", "年度", "全年")) or len(text) == 4):
        year = int(m[1])
        return Month(year, 1), Month(year, 12)
    m = _DAY.match(text)
    if m:
        day = _make(int(m[1]), int(m[2]), int(m[3]), text)
        return Month.of(day), Month.of(day)
    return None


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later; the month's last day where it has no such day (1月31日 + 1 month = 2月28日)."""
    return day + relativedelta(months=months)


def add_years(day: datetime.date, years: int) -> datetime.date:
    return day + relativedelta(years=years)


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return relativedelta(day, birth).years


def cn_date(day: datetime.date | None) -> str:
    return f"{day.year}年{day.month}月{day.day}日" if day else ""
