"""A campaign through the workbench, as its people use it: the reviewer sets it up, secretaries submit (预审 at once,
every version kept), the reviewer returns, reads and rates (a rating unlike the suggestion needs a reason), the
民主测评 is counted, problems are fed back and become items, items are closed on evidence; every move keeps who and
when. Isolation and the anonymity of the ballot have their own files."""

from __future__ import annotations

import datetime
import io
import zipfile

import docx
import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from .conftest import client_for, report_bytes

pytestmark = pytest.mark.django_db

TODAY = datetime.date.today()


def create_campaign(client, tree, **extra):
    data = {"name": "2023年度党支部书记抓基层党建工作述职评议", "year": 2023, "scope": tree.committee.pk, "report_kind": "党建述职",
            "deadline": (TODAY + datetime.timedelta(days=10)).isoformat(), "weight_reading": 40, "weight_ballots": 40,
            "weight_routine": 20, "poor_veto": "on", "reporter_kinds": ["branch"], **extra}
    return client.post("/campaigns/?format=json", data)


@pytest.fixture
def campaign(tree):
    from shuzhi.web.campaigns.models import Campaign

    r = create_campaign(client_for(tree.reviewer), tree)
    assert r.status_code == 200, r.content.decode()
    return Campaign.objects.get(pk=r.json()["id"])


def post(client, url, data=None, **kw):
    sep = "&" if "?" in url else "?"
    return client.post(url + sep + "format=json", data or {}, **kw)


def advance(client, campaign, times=1):
    for _ in range(times):
        r = post(client, f"/campaigns/{campaign.pk}/move/", {"event": "advance"})
        assert r.status_code == 200, r.json()
    campaign.refresh_from_db()


def reporter(campaign, org):
    return campaign.reporters.get(organization=org)


def submit(client, campaign, rep, body: bytes, name="报告.txt"):
    return post(client, f"/campaigns/{campaign.pk}/r/{rep.pk}/submit/", {"file": SimpleUploadedFile(name, body)})


def test_creating_a_campaign_names_its_reporters_from_the_tree(tree, campaign):
    reporters = list(campaign.reporters.order_by("seq"))
    assert [(r.organization.name, r.secretary, r.user) for r in reporters] == [
        ("第一党支部", "sec_a", tree.secretary_a), ("第二党支部", "sec_b", tree.secretary_b)]
    assert campaign.state == "preparing" and campaign.memberships.get().user == tree.reviewer
    # the weights must add up, and only a reviewer may start one
    bad = create_campaign(client_for(tree.reviewer), tree, weight_routine=30)
    assert bad.status_code == 400 and any("三项权重之和应为100%" in e for e in bad.json()["errors"])
    assert create_campaign(client_for(tree.secretary_a), tree).status_code == 403
    # a reviewer cannot start one over a tree they do not review
    other = create_campaign(client_for(tree.reviewer), tree, scope=tree.other.pk)
    assert other.status_code == 400


def test_submission_is_checked_at_once_and_every_version_kept(tree, campaign):
    reviewer, sec_a = client_for(tree.reviewer), client_for(tree.secretary_a)
    rep = reporter(campaign, tree.branch_a)
    assert "不再收报告" in submit(sec_a, campaign, rep, report_bytes("第一党支部")).json()["errors"][0]  # still 筹备
    advance(reviewer, campaign)
    first = submit(sec_a, campaign, rep, report_bytes("第一党支部"))
    assert first.status_code == 200, first.json()
    body = first.json()
    assert body["version"] == 1 and any("2处模板内容未填写" in f for f in body["flags"]), body["flags"]
    assert body["report_id"] and body["submission"]["placeholders"] == 2
    again = submit(sec_a, campaign, rep, report_bytes("第一党支部"))
    assert again.status_code == 400 and "与上一版（第1版）完全相同" in again.json()["errors"][0]
    second = submit(sec_a, campaign, rep, report_bytes("第一党支部", members=31))
    assert second.json()["version"] == 2
    page = sec_a.get(f"/campaigns/{campaign.pk}/r/{rep.pk}/?format=json").json()
    assert [s["version"] for s in page["submissions"]] == [2, 1] and page["reporter"]["state"] == "已提交"
    # the wrong kind of report is flagged; an unreadable file is refused with its name, nothing saved
    wrong = submit(sec_a, campaign, rep, "关于召开组织生活会的通知\n各党小组：定于下周召开组织生活会。\n".encode(), "通知.txt")
    assert any("看起来不是这类报告" in f for f in wrong.json()["flags"])
    broken = submit(sec_a, campaign, rep, b"PK\x03\x04 not really a docx", "坏文件.docx")
    assert broken.status_code == 400 and broken.json()["errors"][0].startswith("坏文件.docx")
    assert rep.submissions.count() == 3
    # after the deadline a secretary may no longer submit, unless the report was returned
    campaign.deadline = TODAY - datetime.timedelta(days=1)
    campaign.save()
    late = submit(sec_a, campaign, rep, report_bytes("第一党支部", members=32))
    assert late.status_code == 400 and "已过报告截止日期" in late.json()["errors"][0]
    assert post(reviewer, f"/campaigns/{campaign.pk}/r/{rep.pk}/move/", {"event": "send_back", "note": "请补充数据"}).status_code == 200
    resubmitted = submit(sec_a, campaign, rep, report_bytes("第一党支部", members=32))
    assert resubmitted.status_code == 200 and resubmitted.json()["version"] == 4
    assert rep.submissions.get(version=4).late


def test_return_read_and_rate_keep_reasons_and_the_suggestion(tree, campaign):
    from shuzhi.web.campaigns.models import Transition

    reviewer, sec_a = client_for(tree.reviewer), client_for(tree.secretary_a)
    advance(reviewer, campaign)
    rep = reporter(campaign, tree.branch_a)
    submit(sec_a, campaign, rep, report_bytes("第一党支部"))
    url = f"/campaigns/{campaign.pk}/r/{rep.pk}/"
    no_reason = post(reviewer, url + "move/", {"event": "send_back"})
    assert no_reason.status_code == 400 and "需要写明理由" in no_reason.json()["errors"][0]
    assert post(reviewer, url + "move/", {"event": "send_back", "note": "模板内容没有填写"}).status_code == 200
    assert sec_a.get(url + "?format=json").json()["reporter"]["state"] == "退回修改"
    assert post(sec_a, url + "move/", {"event": "mark_read"}).status_code == 403  # not the secretary's to do
    submit(sec_a, campaign, rep, report_bytes("第一党支部", members=31))
    advance(reviewer, campaign)
    assert post(reviewer, url + "move/", {"event": "mark_read"}).status_code == 200
    rep.refresh_from_db()
    suggested = rep.latest.report.rating
    other = next(g for g in ("好", "较好", "一般", "差") if g != suggested)
    refused = post(reviewer, url + "rate/", {"reading": other, "comment": "组织生活较规范"})
    assert refused.status_code == 400 and f"系统建议为“{suggested}”" in refused.json()["errors"][0]
    ok = post(reviewer, url + "rate/", {"reading": other, "comment": "组织生活较规范", "reason": "结合平时考核", "routine": "85"})
    assert ok.status_code == 200
    rep.refresh_from_db()
    assert (rep.reading, rep.suggested, rep.reading_reason, rep.state) == (other, suggested, "结合平时考核", "rated")
    log = list(Transition.objects.filter(reporter=rep).values_list("action", "source", "target", "by__username", "note"))
    assert [a for a, *_ in log] == ["submit", "send_back", "submit", "mark_read", "rate"]
    assert log[1] == ("send_back", "submitted", "returned", "reviewer", "模板内容没有填写")
    assert f"系统建议：{suggested}" in log[-1][4] and "理由：结合平时考核" in log[-1][4]
    # the history of the record keeps who changed the rating
    assert rep.history.filter(reading=other).first().history_user == tree.reviewer


def _to_rating(tree, campaign):
    reviewer = client_for(tree.reviewer)
    advance(reviewer, campaign)
    for org, sec, members in ((tree.branch_a, tree.secretary_a, 30), (tree.branch_b, tree.secretary_b, 23)):
        rep = reporter(campaign, org)
        submit(client_for(sec), campaign, rep, report_bytes(org.name, members))
    advance(reviewer, campaign)
    for org in (tree.branch_a, tree.branch_b):
        rep = reporter(campaign, org)
        url = f"/campaigns/{campaign.pk}/r/{rep.pk}/"
        post(reviewer, url + "move/", {"event": "mark_read"})
        rep.refresh_from_db()
        post(reviewer, url + "rate/", {"reading": rep.latest.report.rating, "comment": f"{org.name}点评：党小组会记录不全"})
    advance(reviewer, campaign)
    return reviewer


def test_tally_paper_and_online_and_the_combined_grade_with_its_rule(tree, campaign):
    from django.test import Client

    reviewer = _to_rating(tree, campaign)
    a, b = reporter(campaign, tree.branch_a), reporter(campaign, tree.branch_b)
    v = f"/campaigns/{campaign.pk}/voting/"
    assert post(reviewer, v + "move/", {"action": "open"}).status_code == 200
    codes = post(reviewer, v + "codes/", {"n": 3}).json()["codes"]
    assert len(codes) == 3 and len(set(codes)) == 3
    slips = reviewer.post(v + "codes/", {"n": 2})
    assert slips["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "测评票码" in "\n".join(c.text for row in docx.Document(io.BytesIO(slips.content)).tables[0].rows for c in row.cells)
    voter = Client()
    for code, grades in zip(codes, (("好", "较好"), ("好", "一般"), ("较好", "差"))):
        r = voter.post("/vote/?format=json", {"code": code, "ballot": "1", f"g{a.pk}": grades[0], f"g{b.pk}": grades[1],
                                               f"c{b.pk}": "希望多组织学习"})
        assert r.status_code == 200, r.content.decode()
    # paper totals are checked: counted ≤ recovered ≤ issued
    bad = post(reviewer, v + f"paper/{a.pk}/", {"issued": 10, "recovered": 11, "valid": 9, "good": 5, "fair": 3, "average": 1, "poor": 0})
    assert bad.status_code == 400 and "收回11张，多于发出的10张" in bad.json()["errors"][0]
    too_many = post(reviewer, v + f"paper/{a.pk}/", {"issued": 10, "recovered": 10, "valid": 8, "good": 5, "fair": 3, "average": 1, "poor": 0})
    assert "各等次合计9票，多于有效票8张" in too_many.json()["errors"][0]
    assert post(reviewer, v + f"paper/{a.pk}/", {"issued": 10, "recovered": 10, "valid": 9, "good": 5, "fair": 3, "average": 1,
                                                 "poor": 0}).status_code == 200
    hidden = reviewer.get(v + "?format=json").json()
    assert hidden["results"] == [] and hidden["turnout"] == {"issued": 5, "cast": 3}
    assert post(reviewer, v + "move/", {"action": "close"}).status_code == 200
    shown = {r["reporter_id"]: r for r in reviewer.get(v + "?format=json").json()["results"]}
    ra = shown[a.pk]
    assert ra["online"]["votes"] == {"好": 2, "较好": 1, "一般": 0, "差": 0}
    assert ra["ballots"]["valid"] == 12 and ra["ballots"]["votes"]["好"] == 7
    assert ra["ballots"]["good_rate"] == round(7 / 12, 4) and ra["ballots"]["satisfied_rate"] == round(11 / 12, 4)
    assert ra["combined"]["grade"] and "民主测评" in ra["combined"]["rule"] and "12票" in ra["combined"]["rule"]
    # closing voids the codes not used
    assert voter.post("/vote/?format=json", {"code": codes[0], "ballot": "1"}).status_code == 400


def test_problem_list_items_and_closing_on_evidence(tree, campaign):
    from shuzhi.web.campaigns.models import Item, Transition

    reviewer = _to_rating(tree, campaign)
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "open"})
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "close"})
    advance(reviewer, campaign)  # 反馈
    rep = reporter(campaign, tree.branch_a)
    url = f"/campaigns/{campaign.pk}/r/{rep.pk}/"
    sec_a = client_for(tree.secretary_a)
    assert sec_a.get(url + "?format=json").json()["problems"] == []  # not fed back yet
    made = post(reviewer, url + "problems/", {"action": "generate"}).json()
    assert made["added"] >= 2
    texts = list(rep.problems.values_list("text", flat=True))
    assert "报告中有2处模板内容未填写（如“*”“XX”）" in texts and "报告中有1处空话套话、问题写得不具体" in texts, texts
    assert any(t.startswith("评议点评：") for t in texts)
    assert post(reviewer, url + "problems/", {"action": "generate"}).json()["added"] == 0  # nothing twice
    post(reviewer, url + "problems/", {"category": "组织生活", "text": "党小组会记录不全", "requirement": "补齐记录",
                                       "deadline": (TODAY + datetime.timedelta(days=60)).isoformat()})
    assert post(reviewer, url + "tell/").status_code == 200
    rep.refresh_from_db()
    items = list(Item.objects.filter(problem__reporter=rep).order_by("problem_id"))
    assert len(items) == rep.problems.count() and all(i.state == "drafting" for i in items)
    assert post(reviewer, url + "problems/", {"action": "generate"}).status_code == 400  # the list is fixed once sent
    seen = sec_a.get(url + "?format=json").json()
    assert len(seen["problems"]) == len(items) and seen["rating"]["comment"].startswith("第一党支部点评")
    advance(reviewer, campaign)  # 整改
    item = items[-1]
    iu = f"/campaigns/{campaign.pk}/items/{item.pk}/"
    assert "请先填写整改措施" in post(sec_a, iu + "move/", {"event": "plan"}).json()["errors"][0]
    assert post(sec_a, iu + "edit/", {"measures": "逐月补记党小组会", "owner": "张三",
                                      "due": (TODAY + datetime.timedelta(days=30)).isoformat()}).status_code == 200
    assert post(sec_a, iu + "move/", {"event": "plan"}).status_code == 200
    rep.refresh_from_db()
    assert rep.state == "rectifying"
    assert "申请销号需要佐证材料" in post(sec_a, iu + "move/", {"event": "apply"}).json()["errors"][0]
    assert post(sec_a, iu + "evidence/", {"file": SimpleUploadedFile("记录.txt", "党小组会记录".encode())}).status_code == 200
    assert post(sec_a, iu + "move/", {"event": "apply"}).status_code == 200
    assert post(sec_a, iu + "move/", {"event": "approve"}).status_code == 403  # the reviewer's to decide
    assert "需要写明理由" in post(reviewer, iu + "move/", {"event": "reject"}).json()["errors"][0]
    assert post(reviewer, iu + "move/", {"event": "reject", "note": "记录不完整"}).status_code == 200
    assert post(sec_a, iu + "move/", {"event": "apply"}).status_code == 200
    assert post(reviewer, iu + "move/", {"event": "approve", "note": "同意"}).status_code == 200
    item.refresh_from_db()
    assert item.state == "closed" and item.closed_on == TODAY
    log = list(Transition.objects.filter(item=item).values_list("action", "by__username", "note"))
    assert log == [("plan", "sec_a", ""), ("apply", "sec_a", ""), ("reject", "reviewer", "记录不完整"), ("apply", "sec_a", ""),
                   ("approve", "reviewer", "同意")]
    detail = sec_a.get(iu + "?format=json").json()
    assert detail["state"] == "已销号" and detail["evidence"][0]["label"] == "记录.txt"
    assert sec_a.get(iu + f"evidence/{detail['evidence'][0]['id']}/").content == "党小组会记录".encode()
    # the others closed too: the reporter is done
    for other in items[:-1]:
        other.measures, other.owner, other.due = "整改", "张三", TODAY
        other.state = "applied"
        other.save()
        assert post(reviewer, f"/campaigns/{campaign.pk}/items/{other.pk}/move/", {"event": "approve"}).status_code == 200
    rep.refresh_from_db()
    assert rep.state == "done"


def test_ledger_records_are_evidence(tree, campaign):
    from shuzhi.web.campaigns.models import Evidence
    from shuzhi.web.ledger.models import Meeting

    reviewer = _to_rating(tree, campaign)
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "open"})
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "close"})
    advance(reviewer, campaign)
    rep = reporter(campaign, tree.branch_a)
    post(reviewer, f"/campaigns/{campaign.pk}/r/{rep.pk}/problems/", {"category": "组织生活", "text": "组织生活会不规范"})
    post(reviewer, f"/campaigns/{campaign.pk}/r/{rep.pk}/tell/")
    meeting = Meeting.objects.create(organization=tree.branch_a, date=TODAY, kinds=["组织生活会"], topic="专题组织生活会")
    Meeting.objects.create(organization=tree.branch_b, date=TODAY, kinds=["组织生活会"])  # another branch's: not offered
    item = rep.problems.get().item
    sec_a = client_for(tree.secretary_a)
    page = sec_a.get(f"/campaigns/{campaign.pk}/items/{item.pk}/")
    assert "专题组织生活会" in page.content.decode() and page.content.decode().count('name="records"') == 1
    r = post(sec_a, f"/campaigns/{campaign.pk}/items/{item.pk}/evidence/", {"records": [f"meeting:{meeting.pk}"]})
    assert r.status_code == 200
    e = Evidence.objects.get(item=item)
    assert e.records == [{"kind": "meeting", "id": meeting.pk, "label": f"{TODAY:%Y-%m-%d} 组织生活会：专题组织生活会"}]
    foreign = Meeting.objects.get(organization=tree.branch_b)
    assert post(sec_a, f"/campaigns/{campaign.pk}/items/{item.pk}/evidence/", {"records": [f"meeting:{foreign.pk}"]}).status_code == 400


def test_exports_lists_letters_and_overview(tree, campaign):
    reviewer = _to_rating(tree, campaign)
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "open"})
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "close"})
    advance(reviewer, campaign)
    for org in (tree.branch_a, tree.branch_b):
        rep = reporter(campaign, org)
        post(reviewer, f"/campaigns/{campaign.pk}/r/{rep.pk}/problems/", {"category": "组织生活", "text": f"{org.name}党小组会记录不全",
                                                                          "requirement": "补齐记录"})
        post(reviewer, f"/campaigns/{campaign.pk}/r/{rep.pk}/tell/")
    wb = openpyxl.load_workbook(io.BytesIO(reviewer.get(f"/campaigns/{campaign.pk}/lists.xlsx").content))
    assert wb.sheetnames == ["问题清单", "责任清单", "整改清单"]
    rows = [[c.value for c in row] for row in wb["整改清单"].iter_rows(min_row=3)]
    assert [(r[1], r[4], r[9]) for r in rows] == [("第一党支部", "第一党支部党小组会记录不全", "待制定"),
                                                  ("第二党支部", "第二党支部党小组会记录不全", "待制定")]
    z = zipfile.ZipFile(io.BytesIO(reviewer.get(f"/campaigns/{campaign.pk}/letters.zip").content))
    assert len(z.namelist()) == 2 and all(n.endswith("述职评议反馈函.docx") for n in z.namelist())
    letter = "\n".join(p.text for p in docx.Document(io.BytesIO(z.read(z.namelist()[0]))).paragraphs)
    assert "第一党支部：" in letter and "第一党支部党小组会记录不全" in letter and "综合评定等次为" in letter
    assert letter.strip().endswith(f"{TODAY.year}年{TODAY.month}月{TODAY.day}日")
    overview = reviewer.get(f"/campaigns/{campaign.pk}/overview/?format=json").json()
    assert overview["progress"]["submitted"] == 2 and overview["categories"] == [{"category": "组织生活", "count": 2}]
    assert overview["rectification"]["totals"]["drafting"] == 2
    sheet = openpyxl.load_workbook(io.BytesIO(reviewer.get(f"/campaigns/{campaign.pk}/overview.xlsx").content)).active
    assert sheet.cell(4, 2).value == "第一党支部" and sheet.print_title_rows == "$3:$3"


def test_reminders_list_who_has_not_submitted(tree, campaign):
    reviewer = client_for(tree.reviewer)
    advance(reviewer, campaign)
    submit(client_for(tree.secretary_a), campaign, reporter(campaign, tree.branch_a), report_bytes("第一党支部"))
    page = reviewer.get(f"/campaigns/{campaign.pk}/?format=json").json()
    assert [r["organization"] for r in page["not_submitted"]] == ["第二党支部"]
    sheet = openpyxl.load_workbook(io.BytesIO(reviewer.get(f"/campaigns/{campaign.pk}/reminders.xlsx").content)).active
    assert [sheet.cell(4, c).value for c in (2, 3)] == ["第二党支部", "sec_b"] and sheet.cell(5, 2).value is None
    assert "还有10天" in sheet.cell(2, 1).value
    own = client_for(tree.secretary_b).get("/campaigns/?format=json").json()["own"]
    assert own == [{"campaign_id": campaign.pk, "reporter_id": reporter(campaign, tree.branch_b).pk, "campaign": campaign.name,
                    "state": "未提交", "deadline": campaign.deadline.isoformat(), "days_left": 10, "due": True}]


def test_next_year_shows_last_years_items_and_checks_the_report(tree, campaign):
    """The report of the year after is checked against last year's items (RC rules), in the campaign and on upload."""
    from shuzhi.web.campaigns.models import Campaign

    reviewer = _to_rating(tree, campaign)
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "open"})
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "close"})
    advance(reviewer, campaign)
    rep = reporter(campaign, tree.branch_a)
    for text in ("组织生活会召开不规范", "党费收缴不及时"):
        post(reviewer, f"/campaigns/{campaign.pk}/r/{rep.pk}/problems/", {"category": "组织生活", "text": text})
    post(reviewer, f"/campaigns/{campaign.pk}/r/{rep.pk}/tell/")
    nxt = create_campaign(reviewer, tree, name="2024年度述职评议", year=2024).json()["id"]
    nxt = Campaign.objects.get(pk=nxt)
    assert nxt.previous == campaign
    advance(reviewer, nxt)
    new = reporter(nxt, tree.branch_a)
    page = client_for(tree.secretary_a).get(f"/campaigns/{nxt.pk}/r/{new.pk}/?format=json").json()
    assert [i["problem"] for i in page["last_year"]] == ["组织生活会召开不规范", "党费收缴不及时"]
    text = ("2024年度第一党支部书记抓基层党建工作述职报告\n一、上年度问题整改情况\n上年度反馈的问题已全部整改到位，组织生活会严格按程序召开。\n"
            "二、履职情况\n全年召开支部委员会12次。\n三、存在问题\n学习不深。\n四、原因分析\n重视不够。\n五、下一步打算\n加强学习。\n")
    r = submit(client_for(tree.secretary_a), nxt, new, text.encode())
    from shuzhi.web.reviews.models import Report

    report = Report.objects.get(pk=r.json()["report_id"])
    rules = sorted(f.rule for f in report.findings.filter(rule__startswith="RC"))
    assert rules == ["RC002", "RC003"]
    assert [(i["problem"], i["mentioned"]) for i in report.result["rectification"]["items"]] == [
        ("组织生活会召开不规范", True), ("党费收缴不及时", False)]
    assert "党费收缴不及时" in report.findings.get(rule="RC002").message
