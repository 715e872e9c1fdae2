"""A ledger workbook into the database: all of it or nothing, records matched to what is already there (importing
the same workbook twice adds nothing), every change kept in the records' history."""

from __future__ import annotations

import re
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
        if same:
            parts.append(f"{same}条与已有记录相同，未重复登记")
        return "；".join(parts) or "没有新的记录"


_QUALIFIED = re.compile(r"^(.+?)（(.+)）$")


def match_organizations(ledger: Ledger, allowed: list[Organization]) -> tuple[dict[str, Organization], list[CellError]]:
    """The workbook's organizations among those the user may write: by name, and where names repeat by the name of
    the 上级 (also written “名称（上级）”, as this app's own export writes a repeated name); any other is an error."""
    names = {o.pk: o.name for o in allowed}
    parents = {o.pk: o.parent_id for o in allowed}
    parent_names = dict(Organization.objects.filter(pk__in=set(parents.values()) - {None}).values_list("pk", "name"))
    by_name: dict[str, list[Organization]] = {}
    for o in allowed:
        by_name.setdefault(o.name, []).append(o)
    workbook_parent = {o.name: o.parent for o in ledger.organizations}
    out, errors = {}, []
    for o in ledger.organizations:
        row = int(str(o.key).split("!")[1]) if o.key and "!" in str(o.key) else None
        name, parent = o.name, workbook_parent.get(o.name)
        found = by_name.get(name, [])
        q = _QUALIFIED.match(name)
        if not found and q:
            name, parent = q[1], q[2]
            found = by_name.get(name, [])
        if len(found) > 1 and parent:
            parent = _QUALIFIED.match(parent)[1] if _QUALIFIED.match(parent) else parent
            found = [x for x in found if parent_names.get(parents[x.pk]) == parent]
        if len(found) == 1:
            out[o.name] = found[0]
        elif len(found) > 1:
            errors.append(CellError("党组织", row, "A", f"您可录入的党组织中有几个叫“{name}”，请在“上级”列写明它的上级", "名称"))
        else:
            choices = "、".join(sorted(set(names.values()))[:10])
            errors.append(CellError("党组织", row, "A", f"“{o.name}”不是您可以录入台账的党组织（可录入：{choices}）", "名称"))
    return out, errors


# (kind of record, its attribute, the model field it is stored in, the column it comes from)
_LIMITED = (
    ("members", "name", m.Member, "name", "姓名"), ("members", "group", m.Member, "group", "党小组"),
    ("meetings", "topic", m.Meeting, "topic", "主题"), ("meetings", "host", m.Meeting, "host", "主持人"),
    ("meetings", "recorder", m.Meeting, "recorder", "记录人"), ("meetings", "lecturer", m.Meeting, "lecturer", "主讲人"),
    ("meetings", "group", m.Meeting, "group", "党小组"), ("talks", "talker", m.Talk, "talker", "谈话人"),
    ("talks", "talkee", m.Talk, "talkee", "谈话对象"), ("candidates", "name", m.Candidate, "name", "姓名"),
    ("candidates", "introducers", m.Candidate, "introducers", "入党介绍人"), ("candidates", "extensions", m.Candidate, "extensions", "延长预备期（月）"),
    ("elections", "secretary", m.Election, "secretary", "书记"), ("elections", "members", m.Election, "members", "委员"),
)


def too_long(ledger: Ledger) -> list[CellError]:
    """Cells the reader accepts but the database cannot hold (a topic of 300 characters): each named, before anything
    is written."""
    errors = []
    for kind, attr, model, field_name, header in _LIMITED:
        limit = model._meta.get_field(field_name).max_length
        for r in getattr(ledger, kind):
            value = getattr(r, attr)
            text = "、".join(map(str, value)) if isinstance(value, tuple) else (value or "")
            if len(text) > limit:
                sheet, _, row = str(r.key).partition("!")
                errors.append(CellError(sheet, int(row) if row.isdigit() else None, "", f"“{header}”太长（{len(text)}字，最多{limit}字）", header))
    for r in ledger.meetings:
        for res in r.resolutions:
            if len(res.title) > m.Resolution._meta.get_field("title").max_length:
                sheet, _, row = str(r.key).partition("!")
                errors.append(CellError(sheet, int(row) if row.isdigit() else None, "", "“表决事项”太长", "表决事项"))
    return errors


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
    # The workbook has one date for each kind of change: a date typed there replaces the one stored (a corrected
    # 转出日期 is not a second 转出); a kind left empty in the workbook leaves what is stored alone.
    stored: dict[tuple[int, str], list] = {}
    for c in m.MemberChange.objects.filter(member__organization__in=orgs.values()):
        stored.setdefault((c.member_id, c.kind), []).append(c)
    changes = []
    for r in ledger.members:
        x = existing[(orgs[r.organization].pk, r.name)]
        for c in r.changes:
            old = stored.get((x.pk, c.kind), [])
            if [o.date for o in old] == [c.date]:
                continue
            for o in old:
                o.delete()
            changes.append(m.MemberChange(member=x, kind=c.kind, date=c.date))
    _create(m.MemberChange, changes, user)
    return existing


def _sig(org_id: int, day, kinds, topic: str, group: str) -> tuple:
    """What makes two rows the same meeting: the day, the kinds, the topic and the 党小组 (two groups meet the same
    day on the same topic)."""
    return org_id, day, tuple(sorted(kinds)), topic, group


def _meetings(ledger, orgs, members, user, result) -> None:
    from shuzhi.ledger.records import MEETING_KINDS

    stored = m.Meeting.objects.filter(organization__in=orgs.values()).prefetch_related("attendance", "resolutions")
    existing = {_sig(x.organization_id, x.date, x.kinds, x.topic, x.group): x for x in stored}
    new, pending, changed = [], [], []
    fields = ["host", "recorder", "lecturer", "expected", "present"]
    for r in ledger.meetings:
        org = orgs[r.organization]
        sig = _sig(org.pk, r.date, r.kinds, r.topic, r.group)
        values = {"host": r.host, "recorder": r.recorder, "lecturer": r.lecturer, "expected": r.expected,
                  "present": r.present if r.present is not None else (len(r.attended()) if r.attendance else None)}
        parts = ([(a.name, a.status, a.reason) for a in r.attendance], [(x.title, x.votes_for, x.against, x.abstain) for x in r.resolutions])
        x = existing.get(sig)
        if x is None:
            x = m.Meeting(organization=org, date=r.date, kinds=[k for k in MEETING_KINDS if k in r.kinds], topic=r.topic,
                          group=r.group, **values)
            existing[sig] = x
            new.append(x)
            pending.append((x, r))
            continue
        had = ([(a.name, a.status, a.reason) for a in x.attendance.all()],
               [(v.title, v.votes_for, v.against, v.abstain) for v in x.resolutions.all()])
        if any(getattr(x, k) != v for k, v in values.items()) or sorted(had[0]) != sorted(parts[0]) or had[1] != parts[1]:
            for k, v in values.items():
                setattr(x, k, v)
            changed.append(x)
            pending.append((x, r))
        else:
            result.unchanged["会议"] += 1
    _create(m.Meeting, new, user)
    _update(m.Meeting, changed, fields, user)
    result.created["会议"] += len(new)
    result.updated["会议"] += len(changed)
    if not pending:
        return
    # A changed meeting's attendance and votes are replaced by the workbook's (each deletion kept in the history).
    for x in changed:
        x.attendance.all().delete()
        x.resolutions.all().delete()
    ids = {_sig(x.organization_id, x.date, x.kinds, x.topic, x.group): x.pk for x in m.Meeting.objects.filter(organization__in=orgs.values())}
    attendance, resolutions = [], []
    for x, r in pending:
        pk = ids[_sig(x.organization_id, x.date, x.kinds, x.topic, x.group)]
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
