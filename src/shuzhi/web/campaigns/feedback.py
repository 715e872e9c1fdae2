"""A reporter's 反馈问题清单 drawn from what is known of them: the findings accepted on their report (folded), what
their ledger shows was not done, the reviewer's 点评; ballot comments are offered to be added one by one. Each
problem, once fed back, becomes a rectification item."""

from __future__ import annotations

import datetime

from django.db import transaction

from shuzhi.campaign import feedback as engine

from ..reviews.models import Decision
from .models import Item, Problem, Reporter, Vote

DEFAULT_REQUIREMENT = {
    "报告质量": "今后述职报告要用数据和事例说话，认真校对，杜绝模板照搬",
    "组织生活": "严格落实“三会一课”等组织生活制度，按规定次数和程序开展并如实记录",
    "发展党员": "严格执行发展党员工作程序，按时完成各环节并完善档案",
    "党员教育管理": "按要求开展谈心谈话和民主评议党员，加强党员日常教育管理",
    "党费": "按月足额收缴党费，及时公布收缴情况",
    "党建责任落实": "压实书记第一责任人责任，按期完成换届等基础工作",
}


def deadline_for(reporter: Reporter) -> datetime.date:
    """The default time limit: six months after the campaign's meeting (or its deadline)."""
    base = reporter.campaign.meeting_date or reporter.campaign.deadline
    month = base.month + 6
    year, month = base.year + (month - 1) // 12, (month - 1) % 12 + 1
    import calendar

    return datetime.date(year, month, min(base.day, calendar.monthrange(year, month)[1]))


def accepted_findings(reporter: Reporter) -> list[dict]:
    """The findings of the latest version the reviewer did not dismiss (提示-level ones are left out: too weak)."""
    latest = reporter.latest
    if latest is None or latest.report is None:
        return []
    report = latest.report
    dismissed = set(Decision.objects.filter(source_file=report.source_file_id, status=Decision.DISMISSED).values_list("key", flat=True))
    return [{"category": f.category, "rule": f.rule, "text": f.text} for f in report.findings.exclude(severity="info")
            if f.key not in dismissed]


def ledger_problems(reporter: Reporter) -> list[engine.Problem]:
    """What the organization's ledger shows was not done in the campaign's year (nothing when it keeps no ledger)."""
    from ..ledger.compute import has_records, obligations

    org, year = reporter.organization, reporter.campaign.year
    if not has_records([org.pk], year):
        return []
    result = obligations([org], year).get(org.pk)
    return engine.from_ledger(result.items) if result is not None else []


def next_number(reporter: Reporter) -> str:
    n = reporter.problems.count() + 1
    taken = set(reporter.problems.values_list("number", flat=True))
    while (number := f"{reporter.campaign.year}-{reporter.seq:04d}-{n:02d}") in taken:
        n += 1
    return number


def add(reporter: Reporter, category: str, text: str, source: str, user, refs=(), requirement: str = "",
        deadline: datetime.date | None = None) -> Problem:
    return Problem.objects.create(
        reporter=reporter, number=next_number(reporter), category=category, text=text, source=source, refs=list(refs),
        requirement=requirement or DEFAULT_REQUIREMENT.get(category, ""), deadline=deadline or deadline_for(reporter),
        created_by=user)


def generate(reporter: Reporter, user) -> int:
    """Add the problems the records show (skipping any already on the list); returns how many were added."""
    present = set(reporter.problems.values_list("text", flat=True))
    drawn = engine.from_findings(accepted_findings(reporter)) + ledger_problems(reporter)
    if reporter.comment.strip():
        drawn.append(engine.Problem("其他", f"评议点评：{reporter.comment.strip()}", "点评"))
    added = 0
    with transaction.atomic():
        for p in drawn:
            if p.text in present:
                continue
            add(reporter, p.category, p.text, p.source, user, p.refs)
            present.add(p.text)
            added += 1
    return added


def ballot_comments(reporter: Reporter) -> list[str]:
    """What voters wrote about the reporter (only once the voting is closed), each once."""
    if not reporter.campaign.results_visible:
        return []
    return list(dict.fromkeys(c.strip() for c in Vote.objects.filter(reporter=reporter).exclude(comment="")
                              .values_list("comment", flat=True).order_by("comment") if c.strip()))


def open_items(reporter: Reporter) -> int:
    """When the problems are fed back, each becomes an item of the 整改台账 (its time limit to start with)."""
    made = 0
    for problem in reporter.problems.filter(item__isnull=True):
        Item.objects.create(problem=problem, due=problem.deadline)
        made += 1
    return made
