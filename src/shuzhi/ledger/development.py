"""Member development: the 5 stages and 25 steps of the 发展党员工作细则, and where a candidate stands.

A candidate's record is the date of each step done. The time limits between steps are rules (rules/*.yaml, checks
`interval`, `age`, `hours`, `introducers`, `extension`); this module knows the order of the steps, which sheet
columns name which step, and what the next step is and the earliest day it may happen.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from .dates import add_months, add_years

# (stage, step) in order. Step names follow the 中组部's usual chart of the 细则's procedure.
STAGES = ("申请入党", "入党积极分子的确定和培养教育", "发展对象的确定和考察", "预备党员的接收", "预备党员的教育考察和转正")
STEPS: tuple[tuple[str, str], ...] = (
    (STAGES[0], "递交入党申请书"),
    (STAGES[0], "党组织派人谈话"),
    (STAGES[1], "推荐和确定入党积极分子"),
    (STAGES[1], "上级党委备案（积极分子）"),
    (STAGES[1], "指定培养联系人"),
    (STAGES[1], "培养教育考察"),
    (STAGES[2], "确定发展对象"),
    (STAGES[2], "上级党委备案（发展对象）"),
    (STAGES[2], "确定入党介绍人"),
    (STAGES[2], "政治审查"),
    (STAGES[2], "集中培训"),
    (STAGES[3], "支部委员会审查"),
    (STAGES[3], "上级党委预审"),
    (STAGES[3], "填写入党志愿书"),
    (STAGES[3], "支部大会讨论接收"),
    (STAGES[3], "上级党委派人谈话"),
    (STAGES[3], "上级党委审批接收"),
    (STAGES[3], "再上一级党委组织部门备案"),
    (STAGES[4], "编入党支部和党小组"),
    (STAGES[4], "入党宣誓"),
    (STAGES[4], "继续教育考察"),
    (STAGES[4], "提出转正申请"),
    (STAGES[4], "支部大会讨论转正"),
    (STAGES[4], "上级党委审批转正"),
    (STAGES[4], "材料归档"),
)
STEP_NAMES = tuple(s for _, s in STEPS)
APPLIED, TALKED, ACTIVIST, TARGET, TRAINED = "递交入党申请书", "党组织派人谈话", "推荐和确定入党积极分子", "确定发展对象", "集中培训"
PREVIEWED, ADMITTED, APPROVED, SWORN = "上级党委预审", "支部大会讨论接收", "上级党委审批接收", "入党宣誓"
CONFIRM_MEETING, CONFIRM_APPROVED = "支部大会讨论转正", "上级党委审批转正"
# Not one of the 25 steps but the date that matters most: 正式党员 from this day (the day the probation ended,
# 细则2014第三十四条 / 2026第三十三条), as the 转正日期 of a roster.
CONFIRMED = "转为正式党员"
# The 发展党员 sheet's date columns and the step each one records; any other column named as a step is read too.
# 预备党员日期 is the day the 上级党委 approved them (the probation still runs from the 支部大会).
COLUMNS = {
    "申请日期": APPLIED, "谈话日期": TALKED, "积极分子日期": ACTIVIST, "发展对象日期": TARGET,
    "培训日期": TRAINED, "政审日期": "政治审查", "预审日期": PREVIEWED, "支部大会日期": ADMITTED,
    "预备党员日期": APPROVED, "审批日期": APPROVED, "入党宣誓日期": SWORN,
    "转正讨论日期": CONFIRM_MEETING, "转正审批日期": CONFIRM_APPROVED, "转正日期": CONFIRMED,
}
# The steps a ledger tracks and reminds of, in order; the others may be recorded but are not asked for.
KEY_STEPS = (APPLIED, TALKED, ACTIVIST, TARGET, ADMITTED, APPROVED, CONFIRMED)
PROBATION_MONTHS = 12


@dataclass(frozen=True)
class NextStep:
    step: str
    stage: str
    earliest: datetime.date | None  # None: as soon as the one before it
    latest: datetime.date | None  # a deadline the rules set, if any
    note: str


def probation_end(steps: dict[str, datetime.date], extensions: tuple[int, ...] = ()) -> datetime.date | None:
    """The day the probation ends: a year from the 支部大会 that admitted them, plus any extension."""
    start = steps.get(ADMITTED)
    if start is None:
        return None
    return add_months(start, PROBATION_MONTHS + sum(extensions))


def stage_of(steps: dict[str, datetime.date]) -> str:
    """The stage of the last step done ("" before the application); 正式党员 once confirmed."""
    if CONFIRMED in steps:
        return "正式党员"
    done = [stage for stage, step in STEPS if step in steps]
    return done[-1] if done else ""


# The deadlines next_step shows: (the step it is about, the step that starts the clock, the rule that sets it).
_DEADLINES = ((TALKED, APPLIED, "DV002"), (TARGET, ACTIVIST, "DV003"), (ADMITTED, PREVIEWED, "DV010"), (APPROVED, ADMITTED, "DV006"))


def next_step(steps: dict[str, datetime.date], extensions: tuple[int, ...] = (), rules=None, settings=None) -> NextStep | None:
    """The next of the key steps after the last one done, with the earliest day it may happen and any deadline, as
    the rule in force on the day its clock started sets them (and as shuzhi.toml leaves them on); None when the
    candidate has been confirmed. Steps between the key ones are not asked for."""
    from .rules import default_rules

    rules = rules or default_rules()
    done = [i for i, s in enumerate(KEY_STEPS) if s in steps]
    i = max(done) + 1 if done else 0
    if i >= len(KEY_STEPS):
        return None
    step = KEY_STEPS[i]
    stage = next((st for st, s in STEPS if s == step), STAGES[-1])
    earliest, latest, note = max(steps.values(), default=None), None, ""
    for about, clock, code in _DEADLINES:
        if step != about or clock not in steps:
            continue
        rule = rules.in_force(code, steps[clock])
        if rule is None or (settings is not None and not settings.active(rule)):
            continue
        if rule.param("min_months") is not None:
            earliest = max(earliest, add_months(steps[clock], int(rule.param("min_months"))))
        if rule.param("max_months") is not None:
            latest = add_months(steps[clock], int(rule.param("max_months")))
        note = f"{rule.title}（{rule.source}）"
    if step == CONFIRMED and ADMITTED in steps:
        earliest = probation_end(steps, extensions)
        note = "预备期满，党支部应及时讨论其能否转为正式党员，报上级党委审批"
    return NextStep(step, stage, earliest, latest, note)
