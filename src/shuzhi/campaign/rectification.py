"""Last year's rectification items, as next year's report check needs them: read from the campaign's xlsx export
(its 整改清单 sheet) or handed over by the web app, and whether a passage of the new report speaks of an item.

Whether a report "addresses" a problem is judged by the problem's own words: its subject terms (组织生活会, 谈心谈话,
党费 …, from a list of the subjects problems are about) and, failing those, its other content words (jieba). A
problem counts as mentioned when the passage holds one of its subject terms or half of its other words; the RC
rules flag only what is not mentioned, so a loose match errs towards silence.
"""

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


# The subjects problems are about: one of these in the passage is a mention of the problem that names it.
SUBJECTS = (
    "三会一课", "支部党员大会", "党员大会", "支部委员会", "支委会", "党小组会", "党小组", "党课", "主题党日", "组织生活会",
    "民主生活会", "民主评议", "谈心谈话", "谈心", "发展党员", "入党积极分子", "积极分子", "发展对象", "预备党员", "转正",
    "党费", "换届", "选举", "理论学习", "学习教育", "政治理论", "意识形态", "阵地", "活动场所", "台账", "档案",
    "流动党员", "党员教育", "党员管理", "作用发挥", "先锋模范", "党建责任", "主体责任", "一岗双责", "书记抓党建",
    "党建品牌", "党建引领", "基层治理", "乡村振兴", "党风廉政", "廉政", "作风", "形式主义", "队伍建设", "后备力量",
    "年轻党员", "老党员", "困难党员", "志愿服务", "数字", "模板", "雷同", "错别字", "提法",
)
# Other names of a subject (a subject is also met by any shorter subject inside it: 谈心 for 谈心谈话).
_ALIASES = {"支部委员会": ("支委会", "支委"), "支委会": ("支部委员会", "支委"), "支部党员大会": ("党员大会",),
            "入党积极分子": ("积极分子",), "主题党日": ("党日",), "党课": ("讲党课", "上党课"), "组织生活会": ("组织生活",)}
_SUBJECT_RE = re.compile("|".join(sorted(map(re.escape, SUBJECTS), key=len, reverse=True)))
# Words of a problem that say nothing of its subject.
_GENERIC = frozenset(
    "问题 整改 存在 不够 不足 不到位 不高 不强 不深 不严 不实 不全 有待 进一步 加强 提高 提升 落实 开展 工作 情况 方面 一些 部分 个别 仍然 还 较 比较 "
    "没有 未 未能 做到 要求 规定 按时 按照 显示 台账显示 报告 中有 处 名 次 个 全年 年度 党员 支部 党支部 党组织 组织 "
    "把 写 成 当年 往年 其他 文件 内容 质量 深入 规范 及时 到位 力度 程度 效果 作用 意识 能力 水平 机制 措施 举措".split())


def _words(text: str) -> list[str]:
    """The dictionary words of a text's Han runs, longest first at each place (four characters down to two)."""
    from ..review.lexicon import is_word

    out = []
    for run in re.findall(r"[\u4e00-\u9fff]+", text):
        i = 0
        while i < len(run):
            for n in (4, 3, 2):
                if i + n <= len(run) and is_word(run[i:i + n]):
                    out.append(run[i:i + n])
                    i += n
                    break
            else:
                i += 1
    return out


def _terms(text: str) -> tuple[set[str], set[str]]:
    """The subject terms of a problem, and its other content words."""
    subjects = set(_SUBJECT_RE.findall(text))
    rest = _SUBJECT_RE.sub(" ", re.sub(r"[（(][^）)]*[）)]", " ", text))
    words = {w for w in _words(rest) if w not in _GENERIC}
    return subjects, words


def mentions(item: RectItem, passage: str) -> bool:
    """Whether the passage speaks of the item's problem."""
    if item.number and re.search(rf"(?<![\d-]){re.escape(item.number)}(?![\d-])", passage):
        return True
    subjects, words = _terms(item.problem)
    if subjects:
        return any(name in passage for s in subjects for name in _names(s))
    if not words:
        return True  # a problem with no words of its own to look for is not flagged
    return sum(w in passage for w in words) * 2 >= len(words)


def _names(subject: str) -> set[str]:
    return {subject, *_ALIASES.get(subject, ()), *(s for s in SUBJECTS if s != subject and s in subject)}


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
