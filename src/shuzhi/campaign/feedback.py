"""The 反馈问题清单: a reporter's problems drawn from the findings accepted on their report (folded: one line saying
“报告中有12处模板内容未填写”, not twelve), from what their ledger shows was not done, and typed by hand."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

CATEGORIES = ("党建责任落实", "组织生活", "发展党员", "党员教育管理", "党费", "报告质量", "其他")
# How findings of each category read as one problem of the report: (what, the unit).
_FOLD = {
    "placeholder": ("模板内容未填写", "处"), "artifact": ("从网页或其他文件带入的残留文字", "处"), "typo": ("错别字", "处"),
    "formulation": ("规范提法写错", "处"), "stale": ("把往年的工作写成当年工作", "处"), "structure": ("结构或编号有误", "处"),
    "style": ("空话套话、问题写得不具体", "处"), "numbers": ("数字前后矛盾", "处"), "consistency": ("前后说法不一致", "处"),
    "duplication": ("重复录入", "处"), "punctuation": ("标点使用不规范", "处"), "ledger": ("数字与台账记录不符", "处"),
    "reuse": ("与其他报告雷同", "处"),
}
# A ledger obligation's kind, and the category of the problem it makes.
_KIND_CATEGORY = {"支部党员大会": "组织生活", "支部委员会": "组织生活", "党小组会": "组织生活", "党课": "党员教育管理",
                  "主题党日": "组织生活", "组织生活会": "组织生活", "民主评议党员": "党员教育管理", "谈心谈话": "党员教育管理",
                  "发展党员": "发展党员", "党费": "党费", "换届": "党建责任落实"}


@dataclass(frozen=True)
class Problem:
    category: str
    text: str
    source: str  # 报告审读 / 台账 / 点评 / 测评意见 / 手工
    count: int = 1
    refs: tuple[str, ...] = ()  # the findings' rules, the items' codes


# Categories that are a problem of their own on the list; the others are one line about the report's care.
_OWN_LINE = ("placeholder", "artifact", "stale", "reuse", "ledger", "formulation", "style", "numbers", "consistency")
_NO_EXAMPLES = ("style",)  # the words flagged as slogans say nothing out of their sentence


def from_findings(findings: Iterable[dict]) -> list[Problem]:
    """The report's findings as the list has them: a line per serious kind (“报告中有12处模板内容未填写（如…）”), and
    one line for the rest (错别字、标点、重复…: the report was not proofread), each with up to three examples."""
    groups: dict[str, list[dict]] = defaultdict(list)
    for f in findings:
        groups[f["category"]].append(f)
    out = []
    for category in [c for c in _FOLD if c in groups and c in _OWN_LINE] + [c for c in groups if c not in _FOLD and c in _OWN_LINE]:
        items = groups[category]
        what, unit = _FOLD[category]
        examples = list(dict.fromkeys(f["text"][:12] for f in items if f.get("text")))[:3]
        shown = "（如" + "".join(f"“{e}”" for e in examples) + "）" if examples and category not in _NO_EXAMPLES else ""
        out.append(Problem("报告质量", f"报告中有{len(items)}{unit}{what}{shown}", "报告审读", len(items),
                           tuple(sorted({f["rule"] for f in items}))))
    rest = [c for c in groups if c not in _OWN_LINE]
    if rest:
        rest.sort(key=lambda c: list(_FOLD).index(c) if c in _FOLD else len(_FOLD))
        parts = "、".join(f"{_FOLD.get(c, ('其他问题', '处'))[0]}{len(groups[c])}处" for c in rest)
        n = sum(len(groups[c]) for c in rest)
        out.append(Problem("报告质量", f"报告校对不细，有{parts}", "报告审读", n,
                           tuple(sorted({f["rule"] for c in rest for f in groups[c]}))))
    return out


def from_ledger(items: Iterable) -> list[Problem]:
    """What the ledger shows was not done in the year (its overdue items), one problem per rule."""
    groups: dict[str, list] = defaultdict(list)
    for i in items:
        if i.status == "逾期" and not (i.kind == "党费" and i.person is None):
            groups[i.code].append(i)
    out = []
    for code, group in groups.items():
        first = group[0]
        who = f"{len(group)}名党员" if first.person else "、".join(dict.fromkeys(i.period for i in group[:4])) + ("等" if len(group) > 4 else "")
        out.append(Problem(_KIND_CATEGORY.get(first.kind, "其他"), f"台账显示：{who}未做到“{first.title}”（{first.source}）", "台账",
                           len(group), (code,)))
    return out
