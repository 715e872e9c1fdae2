"""Last year's rectification items, as next year's report check needs them: read from the campaign's xlsx export
(its 整改清单 sheet) or handed over by the web app. Whether a report speaks of them is the RC rules' business
(shuzhi.review.rules.rectification)."""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .states import ItemFlow, label_of

CLOSED = label_of(ItemFlow, "closed")  # 已销号

# The 整改清单 sheet of the campaign's export; the first row holds these headers (extra columns are ignored).
SHEET = "整改清单"
HEADERS = ("序号", "党组织", "书记", "问题类别", "问题", "整改要求", "整改措施", "责任人", "完成时限", "状态", "是否逾期",
           "销号日期", "佐证材料")
REQUIRED = ("党组织", "问题", "状态")
STATES = tuple(s.name for s in ItemFlow.states)


@dataclass(frozen=True)
class RectItem:
    organization: str
    problem: str
    state: str  # the Chinese label of the item's state (ItemFlow)
    number: str = ""
    category: str = ""
    requirement: str = ""
    measures: str = ""
    owner: str = ""
    due: datetime.date | None = None

    @property
    def closed(self) -> bool:
        return self.state == CLOSED

    def short(self, limit: int = 24) -> str:
        """The problem in a few words, its own quotation marks made inner ones (to stand inside “…”)."""
        text = re.sub(r"^台账显示：", "", self.problem).replace("“", "‘").replace("”", "’")
        return text if len(text) <= limit else text[:limit] + "…"

    def as_dict(self) -> dict:
        return {"number": self.number, "organization": self.organization, "category": self.category, "problem": self.problem,
                "state": self.state, "closed": self.closed, "due": self.due.isoformat() if self.due else None}


class RectificationFileError(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass
class RectificationBook:
    """The items of a workbook by organization, and the cells that could not be read (each named)."""

    source: str
    items: dict[str, list[RectItem]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    def for_title(self, title: str, organization: str | None = None) -> tuple[str | None, list[RectItem]]:
        """The items of the organization a report is by: the one given, the longest name its title holds, or the only
        one in the workbook."""
        if organization:
            return organization, self.items.get(organization, [])
        named = [n for n in self.items if n and n in (title or "")]
        if named:
            name = max(named, key=len)
            return name, self.items[name]
        if len(self.items) == 1:
            name = next(iter(self.items))
            return name, self.items[name]
        return None, []


def _date(value) -> datetime.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    m = re.fullmatch(r"\s*(\d{4})[-./年](\d{1,2})[-./月](\d{1,2})日?\s*", str(value))
    if not m:
        raise ValueError
    return datetime.date(*map(int, m.groups()))


def read_workbook(path: str | Path) -> RectificationBook:
    """The 整改清单 of a campaign's export. A bad cell is an error naming sheet, row and column; its row is left out."""
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    path = Path(path)
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except FileNotFoundError:
        raise RectificationFileError(f"{path}：文件不存在") from None
    except Exception as exc:  # not an xlsx, damaged
        raise RectificationFileError(f"{path}：无法读取（{type(exc).__name__}），请用述职评议导出的 .xlsx 文件") from None
    if SHEET not in wb.sheetnames:
        raise RectificationFileError(f"{path}：没有“{SHEET}”工作表（请用述职评议工作台导出的三张清单）")
    rows = wb[SHEET].iter_rows(values_only=True)
    # The header row: the first of the first five that names the columns (the export has a title row above it).
    first = 0
    for first, values in enumerate(rows, start=1):
        header = [str(h).strip() if h is not None else "" for h in values]
        if all(h in header for h in REQUIRED) or first == 5:
            break
    else:
        header = []
    missing = [h for h in REQUIRED if h not in header]
    if missing:
        raise RectificationFileError(f"{path}：工作表“{SHEET}”前5行中没有表头（缺少列：{'、'.join(missing)}）")
    col = {h: header.index(h) for h in (*HEADERS, "问题编号") if h in header}
    book = RectificationBook(str(path))
    for r, row in enumerate(rows, start=first + 1):
        def cell(name):
            i = col.get(name)
            value = row[i] if i is not None and i < len(row) else None
            return value.strip() if isinstance(value, str) else value

        def where(name):
            return f"{path.name} 工作表“{SHEET}”第{r}行{get_column_letter(col[name] + 1)}列（{name}）"

        if all(v in (None, "") for v in row):
            continue
        org, problem, state = (str(cell(n) or "") for n in ("党组织", "问题", "状态"))
        problems = []
        if not org:
            problems.append(f"{where('党组织')}：空白")
        if not problem:
            problems.append(f"{where('问题')}：空白")
        if state not in STATES:
            problems.append(f"{where('状态')}：“{state}”不是整改状态（应为{'、'.join(STATES)}之一）")
        try:
            due = _date(cell("完成时限")) if "完成时限" in col else None
        except (ValueError, TypeError):
            problems.append(f"{where('完成时限')}：“{cell('完成时限')}”不是日期（如2026-06-30）")
            due = None
        if problems:
            book.errors += problems
            continue
        book.items.setdefault(org, []).append(RectItem(
            org, problem, state, str(cell("问题编号") or cell("序号") or ""), str(cell("问题类别") or ""), str(cell("整改要求") or ""),
            str(cell("整改措施") or ""), str(cell("责任人") or ""), due))
    return book


def open_items(items: Iterable[RectItem]) -> list[RectItem]:
    return [i for i in items if not i.closed]


@dataclass(frozen=True)
class RectificationCheck:
    """What `shuzhi check --rectification` hands to each report: its organization's items from the workbook."""

    book: RectificationBook
    organization: str | None = None

    @property
    def source(self) -> str:
        return self.book.source

    def items_for(self, title: str) -> tuple[str | None, list[RectItem]]:
        return self.book.for_title(title, self.organization)
