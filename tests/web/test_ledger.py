"""The ledger's web app: every rule's cases give the same answers from the database (SQLite and PostgreSQL), pages
and downloads stay inside the user's scope, entry forms derive what can be derived, imports are all or nothing,
history keeps who changed what, and the board sees a change at once."""

from __future__ import annotations

import datetime
import io
from decimal import Decimal

import pytest
from django.urls import get_resolver, reverse
from openpyxl import load_workbook

from shuzhi.config import config_from_dict
from shuzhi.ledger.export import ledger_bytes
from shuzhi.ledger.obligations import evaluate
from shuzhi.web.ledger import models as m
from shuzhi.web.ledger.engine import load
from shuzhi.web.ledger.importer import store
from shuzhi.web.orgs.models import Organization, Role

from ..ledger.cases import BRANCH, CASES, TOP
from .conftest import client_for

pytestmark = pytest.mark.django_db
D = datetime.date


def _answers(results, names=None):
    names = names or {}
    return sorted((names.get(r.organization.name, r.organization.name), i.code, i.status, i.period, i.person or "", i.group, i.message)
                  for r in results for i in r.items)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_every_rule_case_gives_the_same_answer_from_the_database(case):
    top = Organization.objects.create(name=TOP, kind=Organization.COMMITTEE, sector={"机关": "organ", "村": "village"}[case.ledger.organizations[0].sector])
    branch = Organization.objects.create(name=BRANCH, kind=Organization.BRANCH, sector=top.sector, parent=top)
    store(case.ledger, {TOP: top, BRANCH: branch}, None)
    settings = config_from_dict({"ledger": case.config}).ledger
    direct = evaluate(case.ledger, case.year, as_of=case.as_of, settings=settings)
    stored = evaluate(load([top.pk, branch.pk]), case.year, as_of=case.as_of, settings=settings)
    assert _answers(stored, {str(top.pk): TOP, str(branch.pk): BRANCH}) == _answers(direct)


# -- scope ---------------------------------------------------------------------------------------------------------

@pytest.fixture
def ledgers(tree):
    """A member, a meeting, a talk, a payment, a candidate, an appraisal and an election in each branch."""
    out = {}
    for org in (tree.branch_a, tree.branch_b):
        member = m.Member.objects.create(organization=org, name=f"{org.name}党员", joined=D(2010, 1, 1), confirmed=D(2011, 1, 1), dues_base=Decimal(3000))
        meeting = m.Meeting.objects.create(organization=org, date=D(2023, 3, 8), kinds=["支部委员会", "主题党日"], topic=f"{org.name}学习")
        m.Attendance.objects.create(meeting=meeting, member=member, name=member.name)
        talk = m.Talk.objects.create(organization=org, date=D(2023, 4, 1), talker="书记", talkee=member.name)
        payment = m.Payment.objects.create(member=member, first_month=D(2023, 1, 1), last_month=D(2023, 3, 1), amount=Decimal(45))
        candidate = m.Candidate.objects.create(organization=org, name=f"{org.name}申请人")
        m.CandidateStep.objects.create(candidate=candidate, step="递交入党申请书", date=D(2023, 2, 1))
        appraisal = m.Appraisal.objects.create(member=member, year=2023, grade="合格")
        election = m.Election.objects.create(organization=org, date=D(2022, 5, 1), secretary="书记", members="书记、甲、乙")
        out[org.pk] = {"member": member, "meeting": meeting, "talk": talk, "payment": payment, "candidate": candidate,
                       "appraisal": appraisal, "election": election}
    return out


def _urls(org, rec) -> dict[str, tuple[str, str]]:
    """Every ledger route that names an organization or a record, with the method it is used with."""
    o = org.pk
    return {
        "org": ("get", f"/ledger/org/{o}/?year=2023"), "org.json": ("get", f"/ledger/org/{o}/?format=json"),
        "facts": ("get", f"/ledger/org/{o}/facts/?year=2023"), "facts.json": ("get", f"/ledger/org/{o}/facts/?format=json"),
        "digest": ("get", f"/ledger/org/{o}/digest/"), "digest.json": ("get", f"/ledger/org/{o}/digest/?format=json"),
        "import": ("get", f"/ledger/org/{o}/import/"), "import.post": ("post", f"/ledger/org/{o}/import/"),
        "export": ("get", f"/ledger/org/{o}/export.xlsx"), "draft": ("get", f"/ledger/org/{o}/draft.docx?year=2023"),
        "meetings": ("get", f"/ledger/org/{o}/meetings/?year=2023"), "meeting_new": ("get", f"/ledger/org/{o}/meetings/new/"),
        "meeting": ("get", f"/ledger/org/{o}/meetings/{rec['meeting'].pk}/"), "meeting.post": ("post", f"/ledger/org/{o}/meetings/{rec['meeting'].pk}/"),
        "candidates": ("get", f"/ledger/org/{o}/candidates/"), "candidate": ("get", f"/ledger/org/{o}/candidates/{rec['candidate'].pk}/"),
        "candidate.post": ("post", f"/ledger/org/{o}/candidates/{rec['candidate'].pk}/"),
        "records": ("get", f"/ledger/org/{o}/members/"), "records.post": ("post", f"/ledger/org/{o}/talks/"),
        "record": ("get", f"/ledger/org/{o}/members/{rec['member'].pk}/"),
        "record.talk": ("get", f"/ledger/org/{o}/talks/{rec['talk'].pk}/"), "record.payment": ("get", f"/ledger/org/{o}/payments/{rec['payment'].pk}/"),
        "record.election": ("get", f"/ledger/org/{o}/elections/{rec['election'].pk}/"),
        "record.appraisal": ("get", f"/ledger/org/{o}/appraisals/{rec['appraisal'].pk}/"),
        "record.post": ("post", f"/ledger/org/{o}/members/{rec['member'].pk}/"),
    }


# Routes that name no organization: their content is scoped (tested below), not refused.
UNSCOPED = {"home", "board", "board_xlsx", "overdue", "template", "calendar", "calendar_renew", "calendar_feed"}


def test_every_ledger_route_is_covered_by_the_scope_tests(tree, ledgers):
    (resolver,) = [p for p in get_resolver().url_patterns if getattr(p, "namespace", None) == "ledger"]
    names = {p.name for p in resolver.url_patterns}
    covered = {k.split(".")[0] for k in _urls(tree.branch_a, ledgers[tree.branch_a.pk])} | UNSCOPED
    assert names <= covered, f"ledger routes without a scope test: {names - covered}"


def _call(client, method, url):
    return client.post(url, {"name": "改名", "date": "2023-05-05", "talker": "甲", "talkee": "乙"}) if method == "post" else client.get(url)


def test_a_secretary_cannot_reach_another_branchs_ledger(tree, ledgers):
    client = client_for(tree.secretary_b)
    a = tree.branch_a
    for name, (method, url) in _urls(a, ledgers[a.pk]).items():
        response = _call(client, method, url)
        assert response.status_code == 404, (name, response.status_code)
        assert "第一党支部党员".encode() not in response.content, name
    assert m.Member.objects.get(pk=ledgers[a.pk]["member"].pk).name == "第一党支部党员"
    assert m.Talk.objects.filter(organization=a).count() == 1


def test_a_record_of_one_branch_is_not_reached_through_another(tree, ledgers):
    client = client_for(tree.secretary_b)
    b, a_rec = tree.branch_b, ledgers[tree.branch_a.pk]
    for url in (f"/ledger/org/{b.pk}/members/{a_rec['member'].pk}/", f"/ledger/org/{b.pk}/meetings/{a_rec['meeting'].pk}/",
                f"/ledger/org/{b.pk}/candidates/{a_rec['candidate'].pk}/", f"/ledger/org/{b.pk}/payments/{a_rec['payment'].pk}/"):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {"action": "delete"}).status_code == 404, url
    assert m.Meeting.objects.filter(pk=a_rec["meeting"].pk).exists()


def test_the_reviewer_reads_the_subtree_but_does_not_write_it(tree, ledgers):
    client = client_for(tree.reviewer)
    for org in (tree.branch_a, tree.branch_b):
        for name, (method, url) in _urls(org, ledgers[org.pk]).items():
            response = _call(client, method, url)
            if method == "post" or name in ("import", "meeting_new"):
                assert response.status_code == 403, (name, response.status_code)
            else:
                assert response.status_code == 200, (name, response.status_code)
    assert not m.Talk.objects.filter(talker="甲").exists()
    outsider = client_for(tree.other_reviewer)
    for name, (method, url) in _urls(tree.branch_a, ledgers[tree.branch_a.pk]).items():
        assert _call(outsider, method, url).status_code == 404, name


def test_lists_and_downloads_hold_only_what_the_user_may_see(tree, ledgers):
    client = client_for(tree.secretary_b)
    board = client.get("/ledger/board/?year=2023&format=json").json()
    assert [o["name"] for o in board["organizations"]] == ["第二党支部"]
    overdue = client.get("/ledger/overdue/?year=2023&status=all&format=json").json()["items"]
    assert overdue and {i["organization"] for i in overdue} == {"第二党支部"}
    sheet = load_workbook(io.BytesIO(client.get("/ledger/board/export.xlsx?year=2023").content)).active
    assert {sheet.cell(r, 2).value for r in range(3, sheet.max_row + 1)} == {"第二党支部"}
    book = load_workbook(io.BytesIO(client.get(f"/ledger/org/{tree.branch_b.pk}/export.xlsx").content))
    assert [r[0].value for r in book["党员"].iter_rows(min_row=2)] == ["第二党支部党员"]
    assert client.get(f"/ledger/board/?org={tree.branch_a.pk}").status_code == 404
    reviewer = client_for(tree.reviewer).get("/ledger/board/?year=2023&format=json").json()
    assert {o["name"] for o in reviewer["organizations"]} == {"测试街道党工委", "测试机关党总支", "第一党支部", "第二党支部"}
    assert client_for(tree.other_reviewer).get("/ledger/board/?format=json").json()["organizations"][0]["name"] == "另一镇党委"


def test_the_json_twins_and_an_anonymous_request(tree, ledgers):
    from django.test import Client

    for url in ("/ledger/board/?format=json", f"/ledger/org/{tree.branch_a.pk}/?format=json"):
        assert Client().get(url).status_code == 401
    client = client_for(tree.secretary_a)
    data = client.get(f"/ledger/org/{tree.branch_a.pk}/?year=2023&format=json").json()
    item = data["items"][0]
    assert item.keys() >= {"code", "kind", "status", "person", "due", "required", "count", "message", "source", "records"}
    assert client.get("/ledger/?format=json").status_code == 302  # a secretary goes to their own organization


# -- entry ---------------------------------------------------------------------------------------------------------

def test_a_meeting_entered_once_counts_for_each_kind_and_derives_attendance(tree):
    sec = client_for(tree.secretary_a)
    a = tree.branch_a
    people = [m.Member.objects.create(organization=a, name=n, joined=D(2010, 1, 1), confirmed=D(2011, 1, 1)) for n in ("甲", "乙", "丙", "丁")]
    m.Election.objects.create(organization=a, date=D(2022, 1, 1), secretary="甲", members="甲、乙、丙")
    page = sec.get(f"/ledger/org/{a.pk}/meetings/new/").content.decode()
    assert all(f'name="att-{p.pk}"' in page for p in people)  # the attendance list comes from the roster
    data = {"date": "2023-05-31", "kinds": ["支部委员会", "党课", "主题党日"], "topic": "学习", "lecturer": "甲",
            f"att-{people[0].pk}": "出席", f"att-{people[1].pk}": "出席", f"att-{people[2].pk}": "请假", f"reason-{people[2].pk}": "出差",
            f"att-{people[3].pk}": "出席", "votes-TOTAL_FORMS": "1", "votes-INITIAL_FORMS": "0", "votes-0-title": "",
            "expected": "99", "present": "99"}
    response = sec.post(f"/ledger/org/{a.pk}/meetings/new/", data)
    assert response.status_code == 302
    meeting = m.Meeting.objects.get(organization=a)
    assert meeting.kinds == ["支部委员会", "党课", "主题党日"]
    assert (meeting.expected, meeting.present) == (4, 3)  # from the list, not as typed
    assert m.Attendance.objects.get(meeting=meeting, status="请假").reason == "出差"
    items = sec.get(f"/ledger/org/{a.pk}/?year=2023&format=json").json()["items"]
    may = [i for i in items if i["period"] in ("2023年5月", "2023年第二季度") and i["code"] in ("MT002", "MT004", "MT005")]
    assert sorted((i["code"], i["status"]) for i in may) == [("MT002", "已完成"), ("MT004", "已完成"), ("MT005", "已完成")]
    history = sec.get(f"/ledger/org/{a.pk}/meetings/{meeting.pk}/?format=json").json()["history"]
    assert history and history[-1]["who"] == "sec_a" or any(h["who"] == "sec_a" for h in history)


def test_a_meeting_without_a_kind_is_refused_and_nothing_saved(tree):
    sec = client_for(tree.secretary_a)
    response = sec.post(f"/ledger/org/{tree.branch_a.pk}/meetings/new/", {"date": "2023-05-31", "votes-TOTAL_FORMS": "0", "votes-INITIAL_FORMS": "0"})
    assert response.status_code == 200 and "这个字段是必填项" in response.content.decode()
    assert not m.Meeting.objects.exists()


def test_every_change_keeps_who_when_and_what(tree):
    sec = client_for(tree.secretary_a)
    a = tree.branch_a
    assert sec.post(f"/ledger/org/{a.pk}/members/", {"name": "张三", "category": "正式党员", "dues_category": "在职", "dues_base": "5000"}).status_code == 302
    member = m.Member.objects.get(organization=a, name="张三")
    data = {"name": "张三", "category": "正式党员", "dues_category": "在职", "dues_base": "6000", "changes-TOTAL_FORMS": "1",
            "changes-INITIAL_FORMS": "0", "changes-0-kind": "转出", "changes-0-date": "2023-06-30"}
    assert sec.post(f"/ledger/org/{a.pk}/members/{member.pk}/", data).status_code == 302
    history = sec.get(f"/ledger/org/{a.pk}/members/{member.pk}/?format=json").json()["history"]
    change = next(h for h in history if h["what"] == "修改")
    assert change["who"] == "sec_a" and {"field": "党费基数（元）", "before": "5000.00", "after": "6000.00"} in change["changes"]
    assert any(h["what"].startswith("新建（组织关系变动）") for h in history)
    # A member with records is not deleted: they left, their records stay.
    m.Payment.objects.create(member=member, first_month=D(2023, 1, 1), last_month=D(2023, 1, 1), amount=Decimal(25))
    sec.post(f"/ledger/org/{a.pk}/members/{member.pk}/", {"action": "delete"})
    assert m.Member.objects.filter(pk=member.pk).exists()


def test_the_candidate_page_shows_the_next_step_and_its_date(tree):
    sec = client_for(tree.secretary_a)
    c = m.Candidate.objects.create(organization=tree.branch_a, name="申请人")
    data = {"name": "申请人", "递交入党申请书": "2023-01-31"}
    assert sec.post(f"/ledger/org/{tree.branch_a.pk}/candidates/{c.pk}/", data).status_code == 302
    nxt = sec.get(f"/ledger/org/{tree.branch_a.pk}/candidates/{c.pk}/?format=json").json()["next"]
    assert nxt == {"step": "党组织派人谈话", "earliest": "2023-01-31", "latest": "2023-02-28",
                   "note": "收到入党申请书后一个月内派人谈话（《中国共产党发展党员工作细则》第七条）"}
    bad = {"name": "申请人", "递交入党申请书": "2023-01-31", "党组织派人谈话": "2023-01-01"}
    assert sec.post(f"/ledger/org/{tree.branch_a.pk}/candidates/{c.pk}/", bad).status_code == 200
    assert m.CandidateStep.objects.filter(candidate=c).count() == 1


# -- import --------------------------------------------------------------------------------------------------------

def _workbook(ledger) -> bytes:
    return ledger_bytes(ledger)


def test_import_is_all_or_nothing_and_twice_adds_nothing(tree):
    from django.core.files.uploadedfile import SimpleUploadedFile

    import copy

    led = copy.deepcopy(next(c for c in CASES if c.id == "TK001-全年没谈").ledger)  # the cases are shared: never change them
    for o in led.organizations:
        o.name = {TOP: "测试机关党总支", BRANCH: "第一党支部"}[o.name]
        o.parent = "测试机关党总支" if o.parent else None
    for kind in ("members", "talks", "elections"):
        for r in getattr(led, kind):
            r.organization = {TOP: "测试机关党总支", BRANCH: "第一党支部"}[r.organization]
    data = _workbook(led)
    sec = client_for(tree.secretary_a)
    # The secretary keeps only 第一党支部's records: the workbook's 测试机关党总支 row refuses the whole file.
    refused = sec.post(f"/ledger/org/{tree.branch_a.pk}/import/?format=json", {"file": SimpleUploadedFile("台账.xlsx", data)})
    assert refused.status_code == 400 and any("测试机关党总支" in e["message"] for e in refused.json()["errors"])
    assert not m.Member.objects.exists()
    led.organizations = [o for o in led.organizations if o.name == "第一党支部"]
    led.organizations[0].parent = None
    led.elections = [e for e in led.elections if e.organization == "第一党支部"]
    data = _workbook(led)
    first = sec.post(f"/ledger/org/{tree.branch_a.pk}/import/?format=json", {"file": SimpleUploadedFile("台账.xlsx", data)}).json()
    assert first["created"]["党员"] == 10 and first["created"]["谈心谈话"] == 1
    again = sec.post(f"/ledger/org/{tree.branch_a.pk}/import/?format=json", {"file": SimpleUploadedFile("台账.xlsx", data)}).json()
    assert sum(again["created"].values()) == 0 and again["unchanged"] >= 11
    assert m.Member.objects.filter(organization=tree.branch_a).count() == 10
    h = m.Member.history.filter(name="甲一").first()
    assert h.history_user.username == "sec_a" and h.history_change_reason == "从 Excel 台账导入"
    bad = sec.post(f"/ledger/org/{tree.branch_a.pk}/import/?format=json", {"file": SimpleUploadedFile("坏.xlsx", b"not excel")})
    assert bad.status_code == 400 and "不是 Excel" in bad.json()["errors"][0]["message"]


# -- board, cache, calendar ----------------------------------------------------------------------------------------

def test_the_board_sees_a_change_at_once(tree, ledgers):
    client = client_for(tree.reviewer)
    year = datetime.date.today().year

    def cell():
        data = client.get(f"/ledger/board/?year={year}&format=json").json()
        row = next(o for o in data["organizations"] if o["name"] == "第一党支部")
        return row["cells"].get("组织生活会", {})

    before = cell()
    assert before["已完成"] == 0
    m.Meeting.objects.create(organization=tree.branch_a, date=datetime.date.today(), kinds=["组织生活会"])
    assert cell()["已完成"] == 1
    m.Meeting.objects.filter(organization=tree.branch_a, kinds=["组织生活会"]).delete()
    assert cell()["已完成"] == 0


def test_the_board_page_draws_a_heat_map_of_every_organization(tree, ledgers):
    html = client_for(tree.reviewer).get("/ledger/board/?year=2023").content.decode()
    assert 'id="heatmap"' in html and 'id="heatmap-data"' in html and "echarts.min.js" in html
    assert "第一党支部" in html and "第二党支部" in html and "<script>" not in html.split("</main>")[0].split("<main>")[1]


def test_the_calendar_feed_needs_its_token_and_follows_its_user(tree, ledgers):
    from django.test import Client
    from icalendar import Calendar

    sec = client_for(tree.secretary_a)
    url = sec.get("/ledger/calendar/?format=json").json()["url"]
    path = url.split("testserver")[1]
    response = Client().get(path)  # a calendar program: no session
    assert response.status_code == 200 and response["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(response.content).walk("VEVENT")
    assert events and all("第一党支部" in str(e["summary"]) for e in events)
    assert Client().get("/ledger/calendar/wrong-token.ics").status_code == 404
    sec.post("/ledger/calendar/renew/")
    assert Client().get(path).status_code == 404


def test_the_demo_ledger_fills_the_board():
    from django.core.management import call_command

    from ..conftest import EXAMPLES

    call_command("load_demo", examples=str(EXAMPLES), stdout=io.StringIO())
    from django.test import Client

    from shuzhi.web.orgs.demo import PASSWORD

    client = Client()
    assert client.login(username="zuzhibu", password=PASSWORD)
    data = client.get("/ledger/board/?year=2023&format=json").json()
    assert len(data["organizations"]) >= 10
    assert data["totals"]["已完成"] > 100 and data["totals"]["逾期"] > 0
    recorder = Client()
    assert recorder.login(username="qingshancun", password=PASSWORD)
    org = Organization.objects.get(name="青山村党支部")
    assert recorder.get("/ledger/").url.startswith(reverse("ledger:org", args=[org.pk]))
    assert Role.objects.filter(user__username="qingshancun", kind=Role.RECORDER).exists()


def test_a_committees_page_counts_its_secretarys_lectures_in_the_branches_below(tree):
    year = 2023
    m.Election.objects.create(organization=tree.committee, date=D(2021, 1, 1), secretary="委书记", members="委书记")
    client = client_for(tree.reviewer)

    def lecture_status():
        items = client.get(f"/ledger/org/{tree.committee.pk}/?year={year}&format=json").json()["items"]
        (item,) = [i for i in items if i["code"] == "MT008"]
        return item["status"], item["count"]

    assert lecture_status() == ("逾期", 0)
    m.Meeting.objects.create(organization=tree.branch_b, date=D(2023, 6, 1), kinds=["党课"], lecturer="别人")
    assert lecture_status() == ("逾期", 0)
    m.Meeting.objects.create(organization=tree.branch_b, date=D(2023, 7, 1), kinds=["党课", "主题党日"], lecturer="委书记")
    assert lecture_status() == ("已完成", 1)
    board = client.get(f"/ledger/board/?year={year}&format=json").json()
    committee = next(o for o in board["organizations"] if o["name"] == "测试街道党工委")
    assert committee["cells"]["党课"]["已完成"] == 1


def _import(client, org, data: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(f"/ledger/org/{org.pk}/import/?format=json", {"file": SimpleUploadedFile("台账.xlsx", data)})


def _branch_ledger(meetings=(), changes=()):
    from shuzhi.ledger.records import Change, Ledger, Member, Organization as EngineOrg

    led = Ledger(organizations=[EngineOrg("第一党支部", "党支部", "机关")])
    led.members = [Member(n, "第一党支部", "正式党员", D(2010, 1, 1), D(2011, 1, 1), group="第一党小组" if n in "甲乙" else "第二党小组",
                          changes=[Change(k, d) for who, k, d in changes if who == n]) for n in "甲乙丙丁"]
    led.meetings = list(meetings)
    return led


def test_reimport_keeps_two_groups_and_updates_what_changed(tree):
    from shuzhi.ledger.records import Attendance, Meeting, Resolution

    sec = client_for(tree.secretary_a)
    groups = [Meeting(D(2023, 5, 8), "第一党支部", frozenset({"党小组会"}), "学习", group=g, attendance=[Attendance(n) for n in ns])
              for g, ns in (("第一党小组", "甲乙"), ("第二党小组", "丙丁"))]
    vote = Meeting(D(2023, 6, 1), "第一党支部", frozenset({"支部党员大会"}), "年度计划", attendance=[Attendance(n) for n in "甲乙"],
                   resolutions=[Resolution("年度计划", 2, 0, 0)])
    first = _import(sec, tree.branch_a, ledger_bytes(_branch_ledger(groups + [vote], changes=[("丁", "转出", D(2023, 5, 1))]))).json()
    assert first["created"]["会议"] == 3
    assert sorted(m.Meeting.objects.filter(kinds=["党小组会"]).values_list("group", flat=True)) == ["第一党小组", "第二党小组"]
    vote2 = Meeting(D(2023, 6, 1), "第一党支部", frozenset({"支部党员大会"}), "年度计划", attendance=[Attendance(n) for n in "甲乙丙"],
                    resolutions=[Resolution("年度计划", 3, 0, 0)])
    again = _import(sec, tree.branch_a, ledger_bytes(_branch_ledger(groups + [vote2], changes=[("丁", "转出", D(2023, 6, 1))]))).json()
    assert again["updated"]["会议"] == 1 and not again["summary"].startswith("；")
    stored = m.Meeting.objects.get(kinds=["支部党员大会"])
    assert stored.present == 3 and [r.votes_for for r in stored.resolutions.all()] == [3]
    assert sorted(a.name for a in stored.attendance.all()) == ["丙", "乙", "甲"]
    assert list(m.MemberChange.objects.filter(member__name="丁").values_list("kind", "date")) == [("转出", D(2023, 6, 1))]


def test_the_apps_own_export_imports_back_where_names_repeat(tree):
    twin_parent = Organization.objects.create(name="另一个党总支", kind=Organization.GENERAL_BRANCH, parent=tree.committee)
    twin = Organization.objects.create(name="第一党支部", kind=Organization.BRANCH, parent=twin_parent)
    for org in (tree.branch_a, twin):
        member = m.Member.objects.create(organization=org, name=f"{org.parent.name}的党员", joined=D(2010, 1, 1))
        meeting = m.Meeting.objects.create(organization=org, date=D(2023, 3, 8), kinds=["主题党日"], topic="学习")
        m.Attendance.objects.create(meeting=meeting, member=member, name=member.name, status="请假", reason="出差")
    admin = client_for(tree.admin)
    data = admin.get(f"/ledger/org/{tree.committee.pk}/export.xlsx").content
    book = load_workbook(io.BytesIO(data))
    assert {r[0].value for r in book["党组织"].iter_rows(min_row=2)} >= {"第一党支部（测试机关党总支）", "第一党支部（另一个党总支）"}
    headers = [c.value for c in book["会议"][1]]
    leave = headers.index("请假人")
    assert [r[leave].value for r in book["会议"].iter_rows(min_row=2)] == ["测试机关党总支的党员（出差）", "另一个党总支的党员（出差）"]
    m.Attendance.objects.all().delete()
    result = _import(admin, tree.committee, data)
    assert result.status_code == 200, result.json()
    assert m.Attendance.objects.filter(status="请假", reason="出差").count() == 2


def test_moving_a_record_or_an_organization_refreshes_the_board(tree, ledgers):
    client = client_for(tree.reviewer)

    def members_counted(name):
        data = client.get("/ledger/board/?year=2023&format=json").json()
        row = next(o for o in data["organizations"] if o["name"] == name)
        return row["cells"].get("谈心谈话", {}).get("total", 0)

    assert members_counted("第一党支部") == 1 and members_counted("第二党支部") == 1
    member = m.Member.objects.get(organization=tree.branch_a)
    member.organization = tree.branch_b
    member.name = "改到二支部的党员"
    member.save()
    assert members_counted("第一党支部") == 0 and members_counted("第二党支部") == 2
    # A 党委's secretary lectured in a branch that now moves under it: the new parent's cell changes.
    m.Election.objects.create(organization=tree.other, date=D(2021, 1, 1), secretary="镇书记", members="镇书记")
    m.Meeting.objects.create(organization=tree.branch_a, date=D(2023, 6, 1), kinds=["党课"], lecturer="镇书记")
    admin = client_for(tree.admin)

    def lecture():
        data = admin.get("/ledger/board/?year=2023&format=json").json()
        return next(o for o in data["organizations"] if o["name"] == "另一镇党委")["cells"]["党课"]["status"]

    assert lecture() == "逾期"
    tree.branch_a.parent = tree.other
    tree.branch_a.save()
    assert lecture() == "已完成"


def test_facts_stay_inside_what_the_user_may_read(tree, ledgers):
    Role.objects.create(user=tree.secretary_a, organization=tree.general, kind=Role.SECRETARY)
    client = client_for(tree.secretary_a)
    data = client.get(f"/ledger/org/{tree.general.pk}/facts/?year=2023&format=json").json()
    assert data["scope"] == ["测试机关党总支", "第一党支部"]  # not 第二党支部, which this secretary cannot read
    assert data["facts"]["members.end"]["value"] == 1


def test_calendar_events_of_same_named_organizations_do_not_collide(tree, ledgers):
    from django.test import Client
    from icalendar import Calendar

    twin_parent = Organization.objects.create(name="另一个党总支", kind=Organization.GENERAL_BRANCH, parent=tree.committee)
    Organization.objects.create(name="第一党支部", kind=Organization.BRANCH, parent=twin_parent)
    url = client_for(tree.reviewer).get("/ledger/calendar/?format=json").json()["url"]
    events = Calendar.from_ical(Client().get(url.split("testserver")[1]).content).walk("VEVENT")
    uids = [str(e["uid"]) for e in events]
    assert events and len(set(uids)) == len(uids)


def test_renewing_the_calendar_goes_nowhere_outside(tree):
    response = client_for(tree.secretary_a).post("/ledger/calendar/renew/", {"next": "https://evil.example/"})
    assert response.status_code == 302 and response.url == "/ledger/calendar/"


def test_an_import_with_cells_too_long_for_the_database_is_refused_whole(tree):
    from shuzhi.ledger.records import Meeting

    sec = client_for(tree.secretary_a)
    led = _branch_ledger([Meeting(D(2023, 5, 8), "第一党支部", frozenset({"党课"}), "很长的主题" * 60)])
    response = _import(sec, tree.branch_a, ledger_bytes(led))
    assert response.status_code == 400 and any("主题" in e["message"] and "太长" in e["message"] for e in response.json()["errors"])
    assert not m.Member.objects.exists()


def test_a_report_is_checked_against_its_organizations_ledger(tree, ledgers):
    from shuzhi.web.reviews.models import Report

    from .conftest import report_bytes, upload

    # The branch's ledger (the fixture): one meeting that was a 支委会 and a 主题党日 in March 2023, one member.
    upload(client_for(tree.secretary_a), tree.branch_a, [("a.txt", report_bytes("第一党支部", 30))])
    report = Report.objects.get(organization=tree.branch_a)
    ld = list(report.findings.filter(rule__startswith="LD").values_list("rule", "text"))
    assert ("LD001", "12") in ld  # 召开支部委员会12次: the ledger has 1
    assert report.result["ledger"]["organization"] == "第一党支部"
    html = client_for(tree.secretary_a).get(f"/reports/{report.pk}/").content.decode()
    assert "对照台账" in html and "偏高" in html
    # A branch without a ledger: no LD rule runs.
    upload(client_for(tree.other_reviewer), tree.other, [("c.txt", report_bytes("另一镇党委", 30))])
    other = Report.objects.get(organization=tree.other)
    assert not other.findings.filter(rule__startswith="LD").exists() and "ledger" not in other.result


def test_reports_filed_under_a_committee_are_checked_against_the_branch_they_name(tree, ledgers):
    """A 党委 reviewer uploads the branches' reports under the 党委: each is judged by its own branch's ledger."""
    from shuzhi.web.reviews.models import Report

    from .conftest import report_bytes, upload, zip_bytes

    m.Meeting.objects.create(organization=tree.branch_b, date=D(2023, 6, 8), kinds=["支部委员会"])
    archive = zip_bytes({"a.txt": report_bytes("第一党支部", 30), "b.txt": report_bytes("第二党支部", 23),
                         "c.txt": "2023年度党支部书记抓基层党建工作述职报告\n全年召开支部委员会12次。\n".encode()})
    upload(client_for(tree.reviewer), tree.committee, [("branches.zip", archive)])
    by_name = {r.source_file.name.split("::")[-1]: r for r in Report.objects.filter(organization=tree.committee)}
    a, b, c = (by_name[n] for n in ("a.txt", "b.txt", "c.txt"))
    assert a.result["ledger"]["organization"] == "第一党支部" and b.result["ledger"]["organization"] == "第二党支部"
    claims = {r: {(x["key"], x["ledger"]) for x in r.result["ledger"]["claims"]} for r in (a, b)}
    assert ("meetings.支部委员会", 1) in claims[a] and ("meetings.支部委员会", 2) in claims[b]
    # a title naming no organization: not checked against the committee's totals, and the page says why
    assert c.result["ledger"]["claims"] == [] and "没有对照台账" in c.result["ledger"]["note"]
    assert not c.findings.filter(rule__startswith="LD").exists()


def test_a_report_is_checked_only_against_what_its_uploader_may_read(tree, ledgers, django_user_model):
    """A 党总支 secretary reads their own organization, not the branches below: their report is not judged by (nor
    shows) the branches' records."""
    from shuzhi.web.orgs.models import Role
    from shuzhi.web.reviews.models import Report

    from .conftest import upload

    secretary = django_user_model.objects.create(username="sec_general")
    Role.objects.create(user=secretary, organization=tree.general, kind=Role.SECRETARY)
    text = "2023年度测试机关党总支书记抓基层党建工作述职报告\n全年召开支部委员会12次，共有党员2名。\n"
    upload(client_for(secretary), tree.general, [("g.txt", text.encode())])
    report = Report.objects.get(organization=tree.general)
    assert not report.findings.filter(rule__startswith="LD").exists()
    assert "meeting:" not in str(report.result) and "member:" not in str(report.result)
    # the committee's reviewer, who reads the branches, has the same report judged against them
    upload(client_for(tree.reviewer), tree.general, [("g2.txt", (text + "（修改稿）").encode())])
    reviewed = Report.objects.get(source_file__name="g2.txt")
    assert reviewed.result["ledger"]["organization"] == "测试机关党总支"
    assert {(x["key"], x["ledger"]) for x in reviewed.result["ledger"]["claims"]} >= {("meetings.支部委员会", 2)}


def test_the_draft_download(tree, ledgers):
    data = client_for(tree.secretary_a).get(f"/ledger/org/{tree.branch_a.pk}/draft.docx?year=2023").content
    text = [p.text for p in __import__("docx").Document(io.BytesIO(data)).paragraphs]
    assert text[0] == "2023年度第一党支部书记抓基层党建工作述职报告"
    assert any("共有党员1名" in t for t in text) and any("【请填写" in t for t in text)
