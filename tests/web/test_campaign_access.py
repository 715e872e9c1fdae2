"""Who sees what of a campaign, through every page, download and JSON twin: a secretary sees only their own reporter
(and its rating, 点评 and items only once fed back), the 上级 reads its subtree and changes nothing, a 评议 member
only votes, another tree sees nothing; nobody reads the results before the voting is closed."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from .conftest import client_for, report_bytes
from .test_campaigns import advance, create_campaign, post, reporter, submit

pytestmark = pytest.mark.django_db

GET_ROUTES = ("list", "campaign", "campaign_edit", "reminders", "overview", "overview_xlsx", "letters", "lists", "voting", "board",
              "item", "evidence_file", "reporter", "letter")
SECRET_COMMENT = "甲支部专属点评七号"
SECRET_PROBLEM = "甲支部专属问题九号"
SECRET_BALLOT = "甲支部测评意见五号"


def _text(response) -> str:
    """What a response shows: the page, the JSON, or the text inside an .xlsx, .docx or .zip."""
    body = response.content if not getattr(response, "streaming", False) else b"".join(response.streaming_content)
    kind = response.get("Content-Type", "")
    if "zip" in kind or "officedocument" in kind:
        out = []
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            for name in z.namelist():
                data = z.read(name)
                if name.endswith(".docx"):
                    with zipfile.ZipFile(io.BytesIO(data)) as inner:
                        data = b"".join(inner.read(n) for n in inner.namelist() if n.endswith(".xml"))
                out.append(name + data.decode("utf-8", "replace"))
        return "\n".join(out)
    return body.decode("utf-8", "replace")


@pytest.fixture
def world(tree, django_user_model):
    """A campaign in 整改: 第一党支部 fed back (rating, 点评, problems, items, a ballot comment), 第二党支部 rated only."""
    from django.test import Client

    from shuzhi.web.campaigns.models import Campaign, Membership
    from shuzhi.web.orgs.models import Role

    reviewer = client_for(tree.reviewer)
    campaign = Campaign.objects.get(pk=create_campaign(reviewer, tree).json()["id"])
    advance(reviewer, campaign)
    a, b = reporter(campaign, tree.branch_a), reporter(campaign, tree.branch_b)
    submit(client_for(tree.secretary_a), campaign, a, report_bytes("第一党支部", 30))
    submit(client_for(tree.secretary_b), campaign, b, report_bytes("第二党支部", 23))
    advance(reviewer, campaign)
    for rep, comment in ((a, SECRET_COMMENT), (b, "乙支部点评")):
        post(reviewer, f"/campaigns/{campaign.pk}/r/{rep.pk}/move/", {"event": "mark_read"})
        rep.refresh_from_db()
        post(reviewer, f"/campaigns/{campaign.pk}/r/{rep.pk}/rate/", {"reading": rep.latest.report.rating, "comment": comment})
    advance(reviewer, campaign)
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "open"})
    codes = post(reviewer, f"/campaigns/{campaign.pk}/voting/codes/", {"n": 3}).json()["codes"]
    Client().post("/vote/", {"code": codes[0], "ballot": "1", f"g{a.pk}": "好", f"g{b.pk}": "较好", f"c{a.pk}": SECRET_BALLOT})
    voter = django_user_model.objects.create(username="voter")
    Membership.objects.create(campaign=campaign, user=voter, role=Membership.VOTER)
    upper = django_user_model.objects.create(username="upper")  # the 上级 of both branches, not running the campaign
    Role.objects.create(user=upper, organization=tree.general, kind=Role.REVIEWER)
    recorder = django_user_model.objects.create(username="recorder_a")
    Role.objects.create(user=recorder, organization=tree.branch_a, kind=Role.RECORDER)
    return {"campaign": campaign, "a": a, "b": b, "codes": codes, "voter": voter, "upper": upper, "recorder": recorder,
            "reviewer": reviewer}


def _feed_back(world):
    reviewer, campaign, a = world["reviewer"], world["campaign"], world["a"]
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "close"})
    advance(reviewer, campaign)
    post(reviewer, f"/campaigns/{campaign.pk}/r/{a.pk}/problems/", {"category": "组织生活", "text": SECRET_PROBLEM})
    post(reviewer, f"/campaigns/{campaign.pk}/r/{a.pk}/problems/", {"action": "comment", "text": SECRET_BALLOT})
    assert post(reviewer, f"/campaigns/{campaign.pk}/r/{a.pk}/tell/").status_code == 200
    advance(reviewer, campaign)
    from shuzhi.web.campaigns.models import Evidence

    item = a.problems.first().item
    evidence = Evidence.objects.create(item=item, name="证明.txt", data=SECRET_PROBLEM.encode())
    return item, evidence


def _get_urls(world, item, evidence) -> list[str]:
    """Every GET route of the campaign app, with 第一党支部's ids where a route takes them."""
    campaign, a = world["campaign"], world["a"]
    problem = a.problems.first()
    values = {"pk": campaign.pk, "rid": a.pk, "iid": item.pk, "eid": evidence.pk, "problem": problem.pk}
    out = []
    for name in GET_ROUTES:
        kwargs = {k: v for k, v in values.items() if f"<int:{k}>" in _route(name)}
        out.append(reverse(f"campaigns:{name}", kwargs=kwargs))
    return out


def _route(name: str) -> str:
    from shuzhi.web.campaigns import urls

    return next(str(p.pattern) for p in urls.urlpatterns if p.name == name)


def test_every_get_route_is_listed():
    """A new page must be added to the isolation tests: every GET route of the app is in _get_urls or posts only."""
    from shuzhi.web.campaigns import urls

    posts_only = {"campaign_move", "add_reporters", "voting_move", "codes", "paper", "item_edit", "item_move", "evidence_add",
                  "submit", "reporter_move", "rate", "tell", "problems", "problem"}
    assert {p.name for p in urls.urlpatterns} == posts_only | set(GET_ROUTES)


def test_another_secretary_sees_nothing_of_the_first_reporter(world, tree):
    item, evidence = _feed_back(world)
    client = client_for(tree.secretary_b)
    for url in _get_urls(world, item, evidence):
        for suffix in ("", "?format=json"):
            r = client.get(url + suffix)
            text = _text(r) if r.status_code == 200 else ""
            assert r.status_code in (200, 403, 404), (url, r.status_code)
            for secret in ("第一党支部", SECRET_COMMENT, SECRET_PROBLEM, SECRET_BALLOT):
                assert secret not in text, (url + suffix, secret)


def test_a_secretary_sees_rating_and_problems_only_once_fed_back(world, tree):
    campaign, a = world["campaign"], world["a"]
    sec_a = client_for(tree.secretary_a)
    before = sec_a.get(f"/campaigns/{campaign.pk}/r/{a.pk}/?format=json").json()
    assert before["rating"] is None and before["results"] is None and before["problems"] == []
    assert SECRET_COMMENT not in _text(sec_a.get(f"/campaigns/{campaign.pk}/r/{a.pk}/"))
    assert sec_a.get(f"/campaigns/{campaign.pk}/r/{a.pk}/letter.docx").status_code == 403
    rows = sec_a.get(f"/campaigns/{campaign.pk}/?format=json").json()["reporters"]
    assert [r["organization"] for r in rows] == ["第一党支部"] and "reading" not in rows[0]
    _feed_back(world)
    after = sec_a.get(f"/campaigns/{campaign.pk}/r/{a.pk}/?format=json").json()
    assert after["rating"]["comment"] == SECRET_COMMENT and SECRET_PROBLEM in [p["text"] for p in after["problems"]]
    assert after["results"]["ballots"]["valid"] == 1


def test_the_upper_level_reads_its_subtree_and_changes_nothing(world, tree):
    item, evidence = _feed_back(world)
    campaign, a, b = world["campaign"], world["a"], world["b"]
    upper = client_for(world["upper"])
    rows = upper.get(f"/campaigns/{campaign.pk}/?format=json").json()["reporters"]
    assert [r["organization"] for r in rows] == ["第一党支部", "第二党支部"]
    assert upper.get(f"/campaigns/{campaign.pk}/items/{item.pk}/?format=json").status_code == 200
    for url, data in ((f"/campaigns/{campaign.pk}/move/", {"event": "go_back", "note": "x"}),
                      (f"/campaigns/{campaign.pk}/r/{b.pk}/rate/", {"reading": "好"}),
                      (f"/campaigns/{campaign.pk}/r/{a.pk}/problems/", {"category": "其他", "text": "x"}),
                      (f"/campaigns/{campaign.pk}/items/{item.pk}/move/", {"event": "approve"}),
                      (f"/campaigns/{campaign.pk}/items/{item.pk}/edit/", {"measures": "x", "owner": "x"}),
                      (f"/campaigns/{campaign.pk}/voting/codes/", {"n": 1}),
                      (f"/campaigns/{campaign.pk}/r/{a.pk}/submit/", {})):
        assert post(upper, url, data).status_code == 403, url
    assert upper.get(f"/campaigns/{campaign.pk}/letters.zip").status_code == 403
    assert upper.get(f"/campaigns/{campaign.pk}/reminders.xlsx").status_code == 403


def test_a_voter_reaches_the_ballot_and_nothing_else(world, tree):
    item, evidence = _feed_back(world)
    client = client_for(world["voter"])
    campaign = world["campaign"]
    front = client.get(f"/campaigns/{campaign.pk}/?format=json").json()
    assert front["campaign"]["only_votes"] is True and front["vote_url"] == "/vote/" and "reporters" not in front
    for url in _get_urls(world, item, evidence):
        if url.rstrip("/").endswith(("/campaigns", f"/campaigns/{campaign.pk}")):
            continue
        r = client.get(url + "?format=json")
        assert r.status_code in (403, 404), (url, r.status_code)


def test_a_recorder_and_another_tree_see_no_campaign(world, tree):
    campaign = world["campaign"]
    for user in (world["recorder"], tree.other_reviewer):
        client = client_for(user)
        assert client.get("/campaigns/?format=json").json()["campaigns"] == []
        assert client.get(f"/campaigns/{campaign.pk}/?format=json").status_code == 404
        assert client.get(f"/campaigns/{campaign.pk}/lists.xlsx").status_code == 404


def test_no_one_reads_results_before_the_voting_is_closed(world, tree):
    campaign, a = world["campaign"], world["a"]
    reviewer = world["reviewer"]
    assert reviewer.get(f"/campaigns/{campaign.pk}/voting/?format=json").json()["results"] == []
    assert reviewer.get(f"/campaigns/{campaign.pk}/r/{a.pk}/?format=json").json()["results"] is None
    overview = reviewer.get(f"/campaigns/{campaign.pk}/overview/?format=json").json()
    assert overview["progress"]["combined"] is None and all("ballots" not in r for r in overview["reporters"])
    assert SECRET_BALLOT not in _text(reviewer.get(f"/campaigns/{campaign.pk}/r/{a.pk}/"))  # comments too
    assert "好评率" not in _text(reviewer.get(f"/campaigns/{campaign.pk}/voting/"))
    post(reviewer, f"/campaigns/{campaign.pk}/voting/move/", {"action": "close"})
    assert reviewer.get(f"/campaigns/{campaign.pk}/r/{a.pk}/?format=json").json()["results"]["ballots"]["valid"] == 1


def test_one_ballot_per_code(world, tree):
    from django.test import Client

    from shuzhi.web.campaigns.models import Ballot

    campaign, a, b, codes = world["campaign"], world["a"], world["b"], world["codes"]
    voter = Client()
    ballot = {"ballot": "1", f"g{a.pk}": "好", f"g{b.pk}": "好"}
    again = voter.post("/vote/?format=json", {"code": codes[0], **ballot})
    assert again.status_code == 400 and again.json()["errors"] == ["票码无效或已经使用过"]
    assert voter.post("/vote/?format=json", {"code": codes[1], **ballot}).status_code == 200
    assert voter.post("/vote/?format=json", {"code": codes[1].lower().replace("-", ""), **ballot}).status_code == 400
    incomplete = voter.post("/vote/?format=json", {"code": codes[2], "ballot": "1", f"g{a.pk}": "好"})
    assert incomplete.status_code == 400 and "还有1位述职人没有选择等次" in incomplete.json()["errors"][0]
    assert voter.post("/vote/?format=json", {"code": "AAAAA-BBBBB", **ballot}).status_code == 400
    assert Ballot.objects.filter(campaign=campaign).count() == 2
