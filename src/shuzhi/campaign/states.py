"""The workflows of a campaign as explicit state machines (python-statemachine): which step may follow which, and
on what condition. The web app binds them to its rows and records every transition with who and when."""

from __future__ import annotations

from statemachine import State, StateMachine
from statemachine.exceptions import TransitionNotAllowed

__all__ = ["CampaignFlow", "ReporterFlow", "ItemFlow", "TransitionNotAllowed", "label_of"]


class CampaignFlow(StateMachine):
    """筹备 → 收集报告 → 审读 → 评议 → 反馈 → 整改 → 结束; each step may go back one, except out of 结束."""

    preparing = State("筹备", value="preparing", initial=True)
    collecting = State("收集报告", value="collecting")
    reading = State("审读", value="reading")
    rating = State("评议", value="rating")
    feedback = State("反馈", value="feedback")
    rectifying = State("整改", value="rectifying")
    closed = State("结束", value="closed", final=True)

    advance = (preparing.to(collecting) | collecting.to(reading) | reading.to(rating) | rating.to(feedback)
               | feedback.to(rectifying) | rectifying.to(closed))
    go_back = (collecting.to(preparing) | reading.to(collecting) | rating.to(reading) | feedback.to(rating)
               | rectifying.to(feedback))


class ReporterFlow(StateMachine):
    """One reporter of a campaign: 未提交 → 已提交 (→ 退回修改 → 已提交 …) → 已审读 → 已评定 → 已反馈 → 整改中 → 已完成."""

    pending = State("未提交", value="pending", initial=True)
    submitted = State("已提交", value="submitted")
    returned = State("退回修改", value="returned")
    read = State("已审读", value="read")
    rated = State("已评定", value="rated")
    told = State("已反馈", value="told")
    rectifying = State("整改中", value="rectifying")
    done = State("已完成", value="done", final=True)

    submit = pending.to(submitted) | returned.to(submitted) | submitted.to.itself()  # a new version until read
    send_back = submitted.to(returned) | read.to(returned)
    mark_read = submitted.to(read)
    rate = read.to(rated) | rated.to.itself()
    tell = rated.to(told)
    start_rectifying = told.to(rectifying)
    finish = rectifying.to(done, cond="all_items_closed") | told.to(done, cond="all_items_closed")


class ItemFlow(StateMachine):
    """A rectification item: 待制定 → 整改中 → 申请销号 → 已销号, or 持续整改 (long-term, reviewed each quarter);
    申请销号 needs evidence, and a rejection sends it back with a reason. 逾期 is computed, never stored."""

    drafting = State("待制定", value="drafting", initial=True)
    working = State("整改中", value="working")
    applied = State("申请销号", value="applied")
    closed = State("已销号", value="closed", final=True)
    ongoing = State("持续整改", value="ongoing")

    plan = drafting.to(working, cond="has_measures")
    apply = working.to(applied, cond="has_evidence") | ongoing.to(applied, cond="has_evidence")
    approve = applied.to(closed)
    reject = applied.to(working)
    keep_on = working.to(ongoing) | applied.to(ongoing)
    resume = ongoing.to(working)


def label_of(flow: type[StateMachine], value: str) -> str:
    """The Chinese name of a state value."""
    return next((s.name for s in flow.states if s.value == value), value)


# What each event is called on a button and in the transition log.
ACTIONS = {
    "advance": "进入下一阶段", "go_back": "回到上一阶段",
    "submit": "提交报告", "send_back": "退回修改", "mark_read": "审读完成", "rate": "评定等次", "tell": "反馈问题清单",
    "start_rectifying": "开始整改", "finish": "整改完成",
    "plan": "提交整改措施", "apply": "申请销号", "approve": "同意销号", "reject": "不同意销号", "keep_on": "转为持续整改",
    "resume": "恢复整改", "open_voting": "开始民主测评", "close_voting": "结束民主测评",
}


def enabled(flow: type[StateMachine], row, field: str = "state") -> list[str]:
    """The events the row's state and conditions allow now."""
    return [e.id for e in flow(model=row, state_field=field).enabled_events()]


def possible(flow: type[StateMachine], value: str) -> set[str]:
    """The events leaving a state, whatever their conditions (a page offers them and says what is missing)."""
    state = next(s for s in flow.states if s.value == value)
    return {str(e) for t in state.transitions for e in t.events}
