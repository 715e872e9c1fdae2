"""From the database to the engine: the records of some organizations as a shuzhi.ledger Ledger, read with a few
queries of plain values (no model instances), and the engine's answers for them.

In the engine an organization's `name` is its id (names repeat across a tree: many a 党委 has a 第一党支部);
`label` carries the name shown.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, Q

from shuzhi.ledger.dates import Month
from shuzhi.ledger.records import (
    Appraisal,
    Attendance,
    Candidate,
    Change,
    Election,
    Ledger,
    Meeting,
    Member,
    Organization as EngineOrg,
    Payment,
    Resolution,
    Talk,
)

from ..orgs.models import Organization
from . import models as m

KIND_LABELS = dict(Organization.KINDS)
SECTOR_LABELS = dict(Organization.SECTORS)


def key(org_id: int) -> str:
    return str(org_id)


def _split(text: str) -> tuple[str, ...]:
    import re

    return tuple(p for p in re.split(r"[、，,;；\s]+", text or "") if p)


def load(org_ids, since: datetime.date | None = None, lectures_of=(), full: bool = False) -> Ledger:
    """The records of these organizations (meetings, talks and dues from `since` on, if given); of the organizations
    in `lectures_of`, only the 党课 given (what a 党委's rules read of its branches). Attendance lists are read for
    the meetings with a vote only (who had a vote), unless `full` (an export)."""
    ids = list(org_ids)
    extra = [i for i in lectures_of if i not in set(ids)]
    led = Ledger()
    inside = set(ids) | set(extra)
    for pk, name, kind, sector, parent in Organization.objects.filter(pk__in=ids + extra).values_list("pk", "name", "kind", "sector", "parent_id"):
        led.organizations.append(EngineOrg(key(pk), KIND_LABELS[kind], SECTOR_LABELS[sector],
                                           key(parent) if parent in inside else None, key=f"org:{pk}", label=name))
    led.organizations.sort(key=lambda o: int(o.name))
    members: dict[int, Member] = {}
    for row in m.Member.objects.filter(organization_id__in=ids).values_list(
            "pk", "organization_id", "name", "category", "joined", "confirmed", "birth", "group", "mobile", "dues_category", "dues_base"):
        pk, org, name, category, joined, confirmed, birth, group, mobile, dues_category, base = row
        members[pk] = Member(name, key(org), category, joined, confirmed, birth, group, mobile, dues_category, base, key=f"member:{pk}")
    for member_id, kind, day in m.MemberChange.objects.filter(member__organization_id__in=ids).values_list("member_id", "kind", "date"):
        members[member_id].changes.append(Change(kind, day))
    led.members = list(members.values())

    meetings_q = m.Meeting.objects.filter(organization_id__in=ids)
    talks_q = m.Talk.objects.filter(organization_id__in=ids)
    pay_q = m.Payment.objects.filter(member__organization_id__in=ids)
    if since is not None:
        meetings_q, talks_q = meetings_q.filter(date__gte=since), talks_q.filter(date__gte=since)
        pay_q = pay_q.filter(last_month__gte=since)
    meetings: dict[int, Meeting] = {}
    for row in meetings_q.annotate(n=Count("attendance", filter=Q(attendance__status="出席"))).values_list(
            "pk", "organization_id", "date", "kinds", "topic", "host", "recorder", "lecturer", "group", "expected", "present", "n"):
        pk, org, day, kinds, topic, host, recorder, lecturer, group, expected, present, n = row
        meetings[pk] = Meeting(day, key(org), frozenset(kinds), topic, host, recorder, lecturer, group, expected,
                               n or present, key=f"meeting:{pk}")
    # The names of those present matter only where there was a vote (who had one); elsewhere the count is enough.
    # A member renamed since (a typo mended) is still the same person: the roster's name counts.
    # (Chosen by a subquery, not a list of ids: a large subtree would pass the database's limit of parameters.)
    with_votes = meetings_q.filter(resolutions__isnull=False).values("pk")
    attendance = m.Attendance.objects.filter(meeting__in=meetings_q.values("pk") if full else with_votes)
    for meeting_id, name, current, status, reason in attendance.values_list("meeting_id", "name", "member__name", "status", "reason"):
        meetings[meeting_id].attendance.append(Attendance(current or name, status, reason))
    for meeting_id, title, f, a, ab in m.Resolution.objects.filter(meeting__in=with_votes).values_list("meeting_id", "title", "votes_for", "against", "abstain"):
        meetings[meeting_id].resolutions.append(Resolution(title, f, a, ab))
    if extra:
        # Only the lectures a secretary of these organizations gave (MT008 counts those).
        secretaries = set(m.Election.objects.filter(organization_id__in=ids).exclude(secretary="").values_list("secretary", flat=True))
        lectures = m.Meeting.objects.filter(organization_id__in=extra, lecturer__in=secretaries)
        if since is not None:
            lectures = lectures.filter(date__gte=since)
        for pk, org, day, kinds, lecturer in lectures.values_list("pk", "organization_id", "date", "kinds", "lecturer"):
            meetings[pk] = Meeting(day, key(org), frozenset(kinds), lecturer=lecturer, key=f"meeting:{pk}")
    led.meetings = list(meetings.values())

    led.talks = [Talk(day, key(org), talker, talkee, key=f"talk:{pk}")
                 for pk, org, day, talker, talkee in talks_q.values_list("pk", "organization_id", "date", "talker", "talkee")]
    led.appraisals = [Appraisal(name, key(org), year, grade, key=f"appraisal:{pk}") for pk, name, org, year, grade in
                      m.Appraisal.objects.filter(member__organization_id__in=ids).values_list("pk", "member__name", "member__organization_id", "year", "grade")]
    candidates: dict[int, Candidate] = {}
    for pk, org, name, birth, hours, introducers, extensions in m.Candidate.objects.filter(organization_id__in=ids).values_list(
            "pk", "organization_id", "name", "birth", "hours", "introducers", "extensions"):
        candidates[pk] = Candidate(name, key(org), birth, {}, float(hours) if hours is not None else None, _split(introducers),
                                   tuple(int(x) for x in _split(extensions) if x.isdigit()), key=f"candidate:{pk}")
    for candidate_id, step, day in m.CandidateStep.objects.filter(candidate__organization_id__in=ids).values_list("candidate_id", "step", "date"):
        candidates[candidate_id].steps[step] = day
    led.candidates = list(candidates.values())
    led.payments = [Payment(name, key(org), Month.of(first), Month.of(last), Decimal(amount), key=f"payment:{pk}") for pk, name, org, first, last, amount in
                    pay_q.values_list("pk", "member__name", "member__organization_id", "first_month", "last_month", "amount")]
    by_org = defaultdict(list)
    for pk, org, day, years, secretary, names in m.Election.objects.filter(organization_id__in=ids).values_list(
            "pk", "organization_id", "date", "term_years", "secretary", "members"):
        by_org[org].append(Election(key(org), day, years, _split(names), secretary, key=f"election:{pk}"))
    led.elections = [e for es in by_org.values() for e in es]
    return led


def subtree_ids(org: Organization) -> list[int]:
    return list(Organization.objects.filter(path__startswith=org.path).values_list("pk", flat=True))


def named(ledger: Ledger) -> Ledger:
    """The same records keyed by the organizations' names (for a workbook a person reads); a name that repeats gets
    its parent's in brackets."""
    from dataclasses import replace

    seen: dict[str, int] = {}
    for o in ledger.organizations:
        seen[o.label] = seen.get(o.label, 0) + 1
    by_key = {o.name: o for o in ledger.organizations}

    def name(k: str | None) -> str | None:
        if k is None or k not in by_key:
            return None
        o = by_key[k]
        if seen[o.label] > 1 and o.parent in by_key:
            return f"{o.label}（{by_key[o.parent].label}）"
        return o.label

    out = Ledger(organizations=[replace(o, name=name(o.name), parent=name(o.parent), label="") for o in ledger.organizations])
    for kind in ("members", "meetings", "talks", "appraisals", "candidates", "payments", "elections"):
        setattr(out, kind, [replace(r, organization=name(r.organization)) for r in getattr(ledger, kind)])
    return out
