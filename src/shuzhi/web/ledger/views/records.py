"""Records of one organization: lists, entry and edit forms, deletion, and each record's history (who changed what,
when, before and after). One generic set of views for the simple records; meetings and candidates have their own
forms (the attendance list comes from the roster; the candidate's page shows the next step)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.core.exceptions import PermissionDenied
from django.db.models import ProtectedError
from django.http import Http404
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from shuzhi.ledger import development as dev
from shuzhi.ledger.dates import cn_date

from ...orgs import access
from ...orgs.responses import page
from .. import compute
from .. import forms as f
from .. import models as m
from .common import context, organization, year


@dataclass(frozen=True)
class Kind:
    slug: str
    model: type
    form: type
    title: str
    one: str  # what one record is called
    columns: tuple[tuple[str, str], ...]  # (label, attribute)
    org_path: str = "organization"
    dated: str = ""  # the date field a year filters on
    form_org: bool = False  # the form needs the organization (member choices)
    select: tuple[str, ...] = field(default=())


KINDS = {k.slug: k for k in (
    Kind("members", m.Member, f.MemberForm, "党员名册", "党员",
         (("姓名", "name"), ("类别", "category"), ("入党日期", "joined"), ("转正日期", "confirmed"), ("党小组", "group"),
          ("人员类别", "dues_category"), ("党费基数", "dues_base"), ("变动", "changes_text"))),
    Kind("talks", m.Talk, f.TalkForm, "谈心谈话", "谈话", (("日期", "date"), ("谈话人", "talker"), ("谈话对象", "talkee"), ("内容", "note")),
         dated="date"),
    Kind("payments", m.Payment, f.PaymentForm, "党费交纳", "交纳记录",
         (("党员", "member"), ("月份", "months_text"), ("金额（元）", "amount"), ("交纳日期", "paid_on")),
         org_path="member__organization", dated="last_month", form_org=True, select=("member",)),
    Kind("elections", m.Election, f.ElectionForm, "换届选举", "选举", (("选举日期", "date"), ("届期（年）", "term_years"),
                                                                      ("书记", "secretary"), ("委员", "members"))),
    Kind("appraisals", m.Appraisal, f.AppraisalForm, "民主评议结果", "评议结果", (("党员", "member"), ("年度", "year"), ("等次", "grade")),
         org_path="member__organization", form_org=True, select=("member",)),
)}


def _kind(slug: str) -> Kind:
    try:
        return KINDS[slug]
    except KeyError:
        raise Http404 from None


def _records(kind: Kind, org, y: int | None):
    qs = kind.model.objects.filter(**{kind.org_path: org}).select_related(*kind.select)
    if kind.dated and y:
        qs = qs.filter(**{f"{kind.dated}__year": y}) if kind.dated != "last_month" else qs.filter(first_month__year__lte=y, last_month__year__gte=y)
    return qs


def _value(obj, attr: str):
    if attr == "changes_text":
        return "；".join(f"{c.kind}{cn_date(c.date)}" for c in obj.changes.all())
    if attr == "months_text":
        a, b = obj.first_month, obj.last_month
        return f"{a.year}年{a.month}月" + ("" if a == b else f"至{b.year}年{b.month}月" if a.year != b.year else f"至{b.month}月")
    v = getattr(obj, attr)
    if isinstance(v, datetime.date):
        return v.isoformat()
    return "" if v is None else str(v)


def _row(kind: Kind, obj) -> dict:
    return {"id": obj.pk, "values": [_value(obj, a) for _, a in kind.columns]}


def _make_form(kind: Kind, org, *args, **kwargs):
    return kind.form(*args, organization=org, **kwargs) if kind.form_org else kind.form(*args, **kwargs)


def record_list(request, pk: int, slug: str):
    kind = _kind(slug)
    org = organization(request, pk, write=request.method == "POST")
    y = year(request) if kind.dated else None
    form = None
    if access.can_write(request.user, org):
        form = _make_form(kind, org, request.POST or None)
        if request.method == "POST" and form.is_valid():
            obj = form.save(commit=False)
            if hasattr(obj, "organization_id"):
                obj.organization = org
            try:
                obj.full_clean()
                obj.save()
            except Exception as exc:  # a duplicate (unique constraint) or a rule of the model
                form.add_error(None, _why(exc))
            else:
                messages.success(request, f"已登记{kind.one}")
                return redirect(request.path + (f"?year={y}" if y else ""))
    qs = _records(kind, org, y)
    if slug == "members":
        qs = qs.prefetch_related("changes")
    rows = [_row(kind, o) for o in qs[:2000]]
    detail = reverse("ledger:record", args=[org.pk, slug, 0])[:-2]
    ctx = context(request, org, kind=kind, rows=rows, form=form, year=y, detail=detail, headers=[c for c, _ in kind.columns])
    return page(request, "ledger/records.html", ctx, lambda: {
        "organization": org.name, "kind": kind.title, "year": y, "columns": [c for c, _ in kind.columns],
        "records": [dict(zip(["id", *[c for c, _ in kind.columns]], [r["id"], *r["values"]])) for r in rows]})


def _why(exc) -> str:
    if isinstance(exc, IntegrityError):
        return "已有相同的记录（如同名党员、同一年的评议结果、同一天的选举），请修改原记录"
    if hasattr(exc, "message_dict"):
        return "；".join(f"{v}" for vs in exc.message_dict.values() for v in vs)
    return str(exc)


def record_detail(request, pk: int, slug: str, rid: int):
    kind = _kind(slug)
    org = organization(request, pk, write=request.method == "POST")
    obj = access.get_or_404(_records(kind, org, None), pk=rid)
    writable = access.can_write(request.user, org)
    form = _make_form(kind, org, request.POST or None, instance=obj) if writable else None
    changes = f.ChangeFormSet(request.POST or None, instance=obj, prefix="changes") if slug == "members" and writable else None
    if request.method == "POST":
        if request.POST.get("action") == "delete":
            return _delete(request, org, kind, obj)
        if form.is_valid() and (changes is None or changes.is_valid()):
            try:
                with transaction.atomic():
                    saved = form.save(commit=False)
                    saved.full_clean()
                    saved.save()
                    if changes is not None:
                        changes.save()
            except Exception as exc:
                form.add_error(None, _why(exc))
            else:
                messages.success(request, f"已保存{kind.one}")
                return redirect(request.path)
    ctx = context(request, org, kind=kind, obj=obj, form=form, changes=changes, history=history_of(obj),
                  back=reverse("ledger:records", args=[org.pk, slug]))
    return page(request, "ledger/record.html", ctx, lambda: {
        "organization": org.name, "kind": kind.title, "record": dict(zip([c for c, _ in kind.columns], _row(kind, obj)["values"]), id=obj.pk),
        "history": history_of(obj)})


def _delete(request, org, kind: Kind, obj):
    try:
        obj.delete()
    except ProtectedError:
        messages.error(request, f"这条{kind.one}还有党费、评议等记录，不能删除；离开本组织的党员请登记“转出”等变动，他的记录要保留")
        return redirect(request.path)
    messages.success(request, f"已删除{kind.one}（删除前的内容保留在修改记录中）")
    return redirect(reverse("ledger:records", args=[org.pk, kind.slug]))


# -- history --------------------------------------------------------------------------------------------------

def history_of(obj, children: bool = True) -> list[dict]:
    """Every change of the record (and of its parts: attendance, resolutions, steps, status changes), newest first."""
    entries = []
    sources = [obj]
    if children:
        for rel in ("changes", "attendance", "resolutions", "steps"):
            if hasattr(obj, rel) and hasattr(getattr(obj, rel), "model") and hasattr(getattr(obj, rel).model, "history"):
                model = getattr(obj, rel).model
                fk = next(fld.name for fld in model._meta.fields if fld.is_relation and fld.related_model is type(obj))
                entries += _entries(model.history.filter(**{f"{fk}_id": obj.pk}), part=model._meta.verbose_name)
    entries += _entries(type(obj).history.filter(id=obj.pk))
    entries.sort(key=lambda e: e["when_iso"], reverse=True)
    return entries


_TYPES = {"+": "新建", "~": "修改", "-": "删除"}


def _entries(records, part: str = "") -> list[dict]:
    out = []
    rows = list(records.select_related("history_user").order_by("history_date", "history_id"))
    previous: dict = {}
    for h in rows:
        who = (h.history_user.get_full_name() or h.history_user.username) if h.history_user else "（系统或导入）"
        # A part's link to its record says nothing a reader needs (the part is listed under the record).
        fields = [fld for fld in h.instance_type._meta.fields if fld.name != "id" and not (part and fld.is_relation and fld.name != "member")]
        before = previous.get(h.id)
        diff = []
        for fld in fields:
            new = _show(getattr(h, fld.attname, None))
            old = _show(getattr(before, fld.attname, None)) if before is not None else ""
            if before is None and h.history_type == "+" and new:
                diff.append({"field": str(fld.verbose_name), "before": "", "after": new})
            elif before is not None and new != old:
                diff.append({"field": str(fld.verbose_name), "before": old, "after": new})
        out.append({"when": f"{h.history_date.astimezone():%Y-%m-%d %H:%M}", "when_iso": h.history_date.isoformat(), "who": who,
                    "what": _TYPES.get(h.history_type, h.history_type) + (f"（{part}）" if part else ""),
                    "reason": h.history_change_reason or "", "changes": diff})
        previous[h.id] = h
    return out


def _show(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "、".join(map(str, value))
    if isinstance(value, bool):
        return "是" if value else "否"
    return str(value)


# -- meetings ---------------------------------------------------------------------------------------------------

def _roster(org, day: datetime.date | None):
    """The members who were on the rolls that day (all current ones when no day is known), for the attendance list."""
    from ..engine import load

    led = load([org.pk])
    day = day or datetime.date.today()
    on = {mm.key for mm in led.members if mm.on_rolls(day)}
    return [x for x in m.Member.objects.filter(organization=org).order_by("group", "id") if f"member:{x.pk}" in on]


def meeting_form(request, pk: int, rid: int | None = None):
    org = organization(request, pk, write=request.method == "POST")
    meeting = access.get_or_404(m.Meeting.objects.filter(organization=org), pk=rid) if rid else None
    writable = access.can_write(request.user, org)
    if not writable and meeting is None:
        raise PermissionDenied
    form = f.MeetingForm(request.POST or None, instance=meeting, initial=None if meeting else {"date": datetime.date.today()})
    resolutions = f.ResolutionFormSet(request.POST or None, instance=meeting or m.Meeting(), prefix="votes")
    if not writable:  # the 上级 reads the record, it does not change it
        for fld in form.fields.values():
            fld.disabled = True
        for sub in resolutions:
            for fld in sub.fields.values():
                fld.disabled = True
    day = meeting.date if meeting else datetime.date.today()
    if request.method == "POST" and form.data.get("date"):
        try:
            day = datetime.date.fromisoformat(form.data["date"])
        except ValueError:
            pass
    roster = _roster(org, day)
    marked = {a.member_id: a for a in meeting.attendance.all()} if meeting else {}
    if request.method == "POST" and writable:
        if request.POST.get("action") == "delete" and meeting is not None:
            meeting.delete()
            messages.success(request, "已删除会议记录（删除前的内容保留在修改记录中）")
            return redirect(reverse("ledger:meetings", args=[org.pk]))
        if form.is_valid() and resolutions.is_valid():
            statuses = {x.pk: request.POST.get(f"att-{x.pk}", "") for x in roster}
            reasons = {x.pk: request.POST.get(f"reason-{x.pk}", "").strip() for x in roster}
            listed = {k: v for k, v in statuses.items() if v in ("出席", "请假", "缺席")}
            try:
                with transaction.atomic():
                    saved = form.save(commit=False)
                    saved.organization = org
                    if listed:  # 应到 and 实到 follow from the list: typed once, not twice
                        saved.expected = len(listed)
                        saved.present = sum(1 for v in listed.values() if v == "出席")
                    saved.full_clean()
                    saved.save()
                    resolutions.instance = saved
                    resolutions.save()
                    by_member = {a.member_id: a for a in saved.attendance.all()}
                    for x in roster:
                        status, a = listed.get(x.pk), by_member.get(x.pk)
                        if status is None:
                            if a is not None:
                                a.delete()
                        elif a is None:
                            m.Attendance.objects.create(meeting=saved, member=x, name=x.name, status=status, reason=reasons[x.pk])
                        elif (a.status, a.reason) != (status, reasons[x.pk]):
                            a.status, a.reason = status, reasons[x.pk]
                            a.save()
            except Exception as exc:
                form.add_error(None, _why(exc))
            else:
                messages.success(request, "已保存会议记录：" + "、".join(saved.kinds))
                return redirect(reverse("ledger:meeting", args=[org.pk, saved.pk]))
    attendance = [{"member": x, "status": (marked[x.pk].status if x.pk in marked else ("" if meeting else "出席")),
                   "reason": marked[x.pk].reason if x.pk in marked else ""} for x in roster]
    ctx = context(request, org, form=form, resolutions=resolutions, meeting=meeting, attendance=attendance,
                  history=history_of(meeting) if meeting else [], writable=writable)
    return page(request, "ledger/meeting.html", ctx, lambda: {
        "organization": org.name,
        "meeting": None if meeting is None else {
            "id": meeting.pk, "date": meeting.date.isoformat(), "kinds": meeting.kinds, "topic": meeting.topic, "host": meeting.host,
            "recorder": meeting.recorder, "lecturer": meeting.lecturer, "expected": meeting.expected, "present": meeting.present,
            "attendance": [{"name": a.name, "status": a.status, "reason": a.reason} for a in meeting.attendance.all()],
            "resolutions": [{"title": r.title, "for": r.votes_for, "against": r.against, "abstain": r.abstain} for r in meeting.resolutions.all()]},
        "roster": [x.name for x in roster], "history": history_of(meeting) if meeting else []})


def meeting_list(request, pk: int):
    org = organization(request, pk)
    y = year(request)
    meetings = list(m.Meeting.objects.filter(organization=org, date__year=y).prefetch_related("attendance", "resolutions"))
    rows = [{"id": x.pk, "date": x.date.isoformat(), "kinds": x.kinds, "topic": x.topic, "expected": x.expected, "present": x.present,
             "votes": len(x.resolutions.all())} for x in meetings]
    ctx = context(request, org, meetings=rows, year=y)
    return page(request, "ledger/meetings.html", ctx, lambda: {"organization": org.name, "year": y, "meetings": rows})


# -- candidates -------------------------------------------------------------------------------------------------

def candidate_list(request, pk: int):
    org = organization(request, pk, write=request.method == "POST")
    form = f.CandidateForm(request.POST or None) if access.can_write(request.user, org) else None
    if request.method == "POST" and form is not None and form.is_valid():
        obj = form.save(commit=False)
        obj.organization = org
        try:
            obj.save()
        except IntegrityError:
            form.add_error("name", "本组织已有同名的发展对象")
        else:
            return redirect(reverse("ledger:candidate", args=[org.pk, obj.pk]))
    rows = []
    for c in m.Candidate.objects.filter(organization=org).prefetch_related("steps"):
        steps = {s.step: s.date for s in c.steps.all()}
        nxt = dev.next_step(steps, _extensions(c), settings=compute.config().ledger)
        rows.append({"id": c.pk, "name": c.name, "stage": dev.stage_of(steps) or "尚未申请",
                     "next": nxt.step if nxt else "", "earliest": nxt.earliest.isoformat() if nxt and nxt.earliest else "",
                     "latest": nxt.latest.isoformat() if nxt and nxt.latest else ""})
    ctx = context(request, org, candidates=rows, form=form)
    return page(request, "ledger/candidates.html", ctx, lambda: {"organization": org.name, "candidates": rows})


def _extensions(c) -> tuple[int, ...]:
    import re

    return tuple(int(x) for x in re.split(r"[、，,\s]+", c.extensions or "") if x.isdigit())


def candidate_detail(request, pk: int, rid: int):
    org = organization(request, pk, write=request.method == "POST")
    c = access.get_or_404(m.Candidate.objects.filter(organization=org), pk=rid)
    writable = access.can_write(request.user, org)
    steps = {s.step: s.date for s in c.steps.all()}
    form = f.CandidateForm(request.POST or None, instance=c) if writable else None
    step_form = f.StepForm(request.POST or None, steps=steps) if writable else None
    if request.method == "POST" and writable:
        if request.POST.get("action") == "delete":
            c.delete()
            messages.success(request, "已删除（删除前的内容保留在修改记录中）")
            return redirect(reverse("ledger:candidates", args=[org.pk]))
        if form.is_valid() and step_form.is_valid():
            new = {k: v for k, v in step_form.cleaned_data.items() if v}
            order = [s for s in dev.KEY_STEPS if s in new]
            bad = next(((b, a) for a, b in zip(order, order[1:]) if new[b] < new[a]), None)
            if bad:
                step_form.add_error(bad[0], f"“{bad[0]}”的日期不能早于“{bad[1]}”")
            else:
                with transaction.atomic():
                    form.save()
                    current = {s.step: s for s in c.steps.all()}
                    for name, day in new.items():
                        if name not in current:
                            m.CandidateStep.objects.create(candidate=c, step=name, date=day)
                        elif current[name].date != day:
                            current[name].date = day
                            current[name].save()
                    for name, s in current.items():
                        if name not in new:
                            s.delete()
                messages.success(request, "已保存")
                return redirect(request.path)
    nxt = dev.next_step(steps, _extensions(c), settings=compute.config().ledger)
    stages = [{"stage": stage, "steps": [{"name": s, "date": steps.get(s), "key": s in dev.KEY_STEPS} for st, s in dev.STEPS if st == stage]}
              for stage in dev.STAGES]
    stages[-1]["steps"].append({"name": dev.CONFIRMED, "date": steps.get(dev.CONFIRMED), "key": True})
    ctx = context(request, org, candidate=c, form=form, step_form=step_form, stages=stages, next=nxt,
                  probation_end=dev.probation_end(steps, _extensions(c)), history=history_of(c), stage=dev.stage_of(steps))
    return page(request, "ledger/candidate.html", ctx, lambda: {
        "organization": org.name, "name": c.name, "stage": dev.stage_of(steps),
        "steps": {k: v.isoformat() for k, v in steps.items()},
        "next": None if nxt is None else {"step": nxt.step, "earliest": nxt.earliest.isoformat() if nxt.earliest else None,
                                          "latest": nxt.latest.isoformat() if nxt.latest else None, "note": nxt.note},
        "history": history_of(c)})


@require_POST
def renew_calendar(request):
    token, _ = m.CalendarToken.objects.get_or_create(user=request.user)
    import secrets

    token.token = secrets.token_urlsafe()
    token.save()
    messages.success(request, "日历订阅地址已更换，旧地址不再有效")
    target = request.POST.get("next") or ""
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = reverse("ledger:calendar")
    return redirect(target)

