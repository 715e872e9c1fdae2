"""A ledger workbook into the database: all of it or nothing, records matched to what is already there (importing
the same workbook twice adds nothing), every change kept in the records' history."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from shuzhi.ledger.records import Ledger
from shuzhi.ledger.workbook import CellError

from ..orgs.models import Organization
from . import models as m
from .signals import bump

REASON = "从 Excel 台账导入"


@dataclass
class Result:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    unchanged: Counter = field(default_factory=Counter)
    errors: list[CellError] = field(default_factory=list)

    @property
    def summary(self) -> str:
        parts = []
        for label in ("党员", "会议", "谈心谈话", "党费", "发展党员", "民主评议", "换届选举"):
            n, u = self.created[label], self.updated[label]
            if n or u:
                parts.append(f"{label}新增{n}条" + (f"、更新{u}条" if u else ""))
        same = sum(self.unchanged.values())
        return "；".join(parts) + (f"；{same}条与已有记录相同，未重复登记" if same else "") or "没有新的记录"


def match_organizations(ledger: Ledger, allowed: list[Organization]) -> tuple[dict[str, Organization], list[CellError]]:
    """The workbook's organizations by name among those the user may write; any other is an error on its row."""
    by_name: dict[str, list[Organization]] = {}
    for o in allowed:
        by_name.setdefault(o.name, []).append(o)
    out, errors = {}, []
    for o in ledger.organizations:
        row = int(str(o.key).split("!")[1]) if o.key else None
        found = by_name.get(o.name, [])
        if len(found) == 1:
            out[o.name] = found[0]
        elif len(found) > 1:
            errors.append(CellError("党组织", row, "A", f"您可录入的党组织中有几个叫“{o.name}”，请分别导入", "名称"))
        else:
            errors.append(CellError("党组织", row, "A", f"“{o.name}”不是您可以录入台账的党组织（可录入：{'、'.join(x.name for x in allowed[:10])}）", "名称"))
    return out, errors


def store(ledger: Ledger, orgs: dict[str, Organization], user, reason: str = REASON) -> Result:
    """Write the records; the caller has checked there are no errors. One transaction: all or nothing."""
    result = Result()
    user = _Writer(user, reason)
    with transaction.atomic():
        members = _members(ledger, orgs, user, result)
        _meetings(ledger, orgs, members, user, result)
        _talks(ledger, orgs, user, result)
        _payments(ledger, orgs, members, user, result)
        _candidates(ledger, orgs, user, result)
        _appraisals(ledger, orgs, members, user, result)
        _elections(ledger, orgs, user, result)
        bump([o.pk for o in orgs.values()])
    return result


@dataclass(frozen=True)
class _Writer:
    """Who writes, and why: what every history row of the import says."""

    user: object
    reason: str


def _create(model, objs, w: _Writer):
    return bulk_create_with_history(objs, model, default_user=w.user, default_change_reason=w.reason) if objs else []


def _update(model, objs, fields, w: _Writer):
    if objs:
        bulk_update_with_history(objs, model, fields, default_user=w.user, default_change_reason=w.reason)


def _upsert(w: _Writer, result: Result, label: str, model, existing: dict, rows, fields: list[str]) -> None:
    """Create the rows not there yet, update those that differ, count the rest as unchanged.
    `rows`: (key into existing, the fields that identify a new row, the fields that may change)."""
    new, changed = [], []
    for key, ident, values in rows:
        x = existing.get(key)
        if x is None:
            x = existing[key] = model(**ident, **values)
            new.append(x)
        elif any(_differs(getattr(x, k), v) for k, v in values.items()):
            for k, v in values.items():
                setattr(x, k, v)
            changed.append(x)
        else:
            result.unchanged[label] += 1
    _create(model, new, w)
    _update(model, changed, fields, w)
    result.created[label] += len(new)
    result.updated[label] += len(changed)


def _members(ledger, orgs, user, result) -> dict[tuple[int, str], m.Member]:
    existing = {(x.organization_id, x.name): x for x in m.Member.objects.filter(organization__in=orgs.values())}
    fields = ["category", "joined", "confirmed", "birth", "group", "mobile", "dues_category", "dues_base"]
    rows = []
    for r in ledger.members:
        org = orgs[r.organization]
        rows.append(((org.pk, r.name), {"organization": org, "name": r.name},
                     {"category": r.category, "joined": r.joined, "confirmed": r.confirmed, "birth": r.birth, "group": r.group,
                      "mobile": r.mobile, "dues_category": r.dues_category, "dues_base": r.dues_base}))
    before = len(existing)
    _upsert(user, result, "党员", m.Member, existing, rows, fields)
    new = len(existing) > before
    if new:  # bulk_create gives ids on PostgreSQL and SQLite 3.35+; read them back to be sure
        for x in m.Member.objects.filter(organization__in=orgs.values()):
            existing[(x.organization_id, x.name)] = x
    have = {(c.member_id, c.kind, c.date) for c in m.MemberChange.objects.filter(member__organization__in=orgs.values())}
    changes = []
    for r in ledger.members:
        x = existing[(orgs[r.organization].pk, r.name)]
        for c in r.changes:
            if (x.pk, c.kind, c.date) not in have:
                changes.append(m.MemberChange(member=x, kind=c.kind, date=c.date))
                have.add((x.pk, c.kind, c.date))
    _create(m.MemberChange, changes, user)
    return existing


def _meetings(ledger, orgs, members, user, result) -> None:
    existing = {(x.organization_id, x.date, tuple(sorted(x.kinds)), x.topic): x for x in m.Meeting.objects.filter(organization__in=orgs.values())}
    new, pending = [], []
    for r in ledger.meetings:
        org = orgs[r.organization]
        sig = (org.pk, r.date, tuple(sorted(r.kinds)), r.topic)
        if sig in existing:
            result.unchanged["会议"] += 1
            continue
        from shuzhi.ledger.records import MEETING_KINDS

        x = m.Meeting(organization=org, date=r.date, kinds=[k for k in MEETING_KINDS if k in r.kinds], topic=r.topic, host=r.host,
                      recorder=r.recorder, lecturer=r.lecturer, group=r.group, expected=r.expected,
                      present=r.present if r.present is not None else (len(r.attended()) if r.attendance else None))
        existing[sig] = x
        new.append(x)
        pending.append((x, r))
    _create(m.Meeting, new, user)
    result.created["会议"] += len(new)
    if not new:
        return
    ids = {(x.organization_id, x.date, tuple(sorted(x.kinds)), x.topic): x.pk for x in m.Meeting.objects.filter(organization__in=orgs.values())}
    attendance, resolutions = [], []
    for x, r in pending:
        pk = ids[(x.organization_id, x.date, tuple(sorted(x.kinds)), x.topic)]
        for a in r.attendance:
            member = members.get((x.organization_id, a.name))
            attendance.append(m.Attendance(meeting_id=pk, member=member, name=a.name, status=a.status, reason=a.reason))
        for res in r.resolutions:
            resolutions.append(m.Resolution(meeting_id=pk, title=res.title, votes_for=res.votes_for, against=res.against, abstain=res.abstain))
    _create(m.Attendance, attendance, user)
    _create(m.Resolution, resolutions, user)


def _talks(ledger, orgs, user, result) -> None:
    have = set(m.Talk.objects.filter(organization__in=orgs.values()).values_list("organization_id", "date", "talker", "talkee"))
    new = []
    for r in ledger.talks:
        sig = (orgs[r.organization].pk, r.date, r.talker, r.talkee)
        if sig in have:
            result.unchanged["谈心谈话"] += 1
            continue
        have.add(sig)
        new.append(m.Talk(organization_id=sig[0], date=r.date, talker=r.talker, talkee=r.talkee))
    _create(m.Talk, new, user)
    result.created["谈心谈话"] += len(new)


def _payments(ledger, orgs, members, user, result) -> None:
    existing = {(x.member_id, x.first_month, x.last_month): x for x in m.Payment.objects.filter(member__organization__in=orgs.values())}
    rows = []
    for r in ledger.payments:
        member = members[(orgs[r.organization].pk, r.name)]
        rows.append(((member.pk, r.first.first, r.last.first), {"member": member, "first_month": r.first.first, "last_month": r.last.first},
                     {"amount": r.amount}))
    _upsert(user, result, "党费", m.Payment, existing, rows, ["amount"])


def _candidates(ledger, orgs, user, result) -> None:
    existing = {(x.organization_id, x.name): x for x in m.Candidate.objects.filter(organization__in=orgs.values())}
    rows = [((orgs[r.organization].pk, r.name), {"organization": orgs[r.organization], "name": r.name},
             {"birth": r.birth, "hours": r.hours, "introducers": "、".join(r.introducers), "extensions": "、".join(map(str, r.extensions))})
            for r in ledger.candidates]
    _upsert(user, result, "发展党员", m.Candidate, existing, rows, ["birth", "hours", "introducers", "extensions"])
    ids = {(x.organization_id, x.name): x.pk for x in m.Candidate.objects.filter(organization__in=orgs.values())}
    steps = {(s.candidate_id, s.step): s for s in m.CandidateStep.objects.filter(candidate__organization__in=orgs.values())}
    add, moved = [], []
    for r in ledger.candidates:
        pk = ids[(orgs[r.organization].pk, r.name)]
        for step, day in r.steps.items():
            s = steps.get((pk, step))
            if s is None:
                add.append(m.CandidateStep(candidate_id=pk, step=step, date=day))
            elif s.date != day:
                s.date = day
                moved.append(s)
    _create(m.CandidateStep, add, user)
    _update(m.CandidateStep, moved, ["date"], user)


def _differs(a, b) -> bool:
    if a is None or b is None:
        return a is not b
    try:
        return float(a) != float(b)
    except (TypeError, ValueError):
        return a != b


def _appraisals(ledger, orgs, members, user, result) -> None:
    existing = {(x.member_id, x.year): x for x in m.Appraisal.objects.filter(member__organization__in=orgs.values())}
    rows = []
    for r in ledger.appraisals:
        member = members.get((orgs[r.organization].pk, r.name))
        if member is not None:  # one not on the roster was reported as a warning when read
            rows.append(((member.pk, r.year), {"member": member, "year": r.year}, {"grade": r.grade}))
    _upsert(user, result, "民主评议", m.Appraisal, existing, rows, ["grade"])


def _elections(ledger, orgs, user, result) -> None:
    existing = {(x.organization_id, x.date): x for x in m.Election.objects.filter(organization__in=orgs.values())}
    rows = [((orgs[r.organization].pk, r.date), {"organization": orgs[r.organization], "date": r.date},
             {"term_years": r.term_years, "secretary": r.secretary, "members": "、".join(r.members)}) for r in ledger.elections]
    _upsert(user, result, "换届选举", m.Election, existing, rows, ["term_years", "secretary", "members"])
