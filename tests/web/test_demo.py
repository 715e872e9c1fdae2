"""`make demo`'s data: the organization tree, the demo logins and the example reports, checked and scoped."""

from __future__ import annotations

import io
from contextlib import redirect_stdout

import pytest
from django.core.management import call_command
from django.test import Client

from shuzhi.web.orgs.demo import PASSWORD
from shuzhi.web.orgs.models import Organization
from shuzhi.web.reviews.models import Report

from ..conftest import EXAMPLES

pytestmark = pytest.mark.django_db


def _login(username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    return client


def test_load_demo_builds_the_tree_the_logins_and_the_reports():
    out = io.StringIO()
    with redirect_stdout(out):
        call_command("load_demo", examples=str(EXAMPLES), stdout=out)
    printed = out.getvalue()
    for username in ("zuzhibu", "diyi", "qingshan", "admin", "pingyi"):
        assert username in printed
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert kinds == {Organization.COMMITTEE, Organization.GENERAL_BRANCH, Organization.BRANCH}
    # the six example reports, and 第一党支部's 2024 report submitted in the demo campaign
    assert Report.objects.filter(front_matter=False).count() == 7
    everything = _login("zuzhibu").get("/overview/?format=json&year=2023").json()["reports"]
    assert len(everything) == 7  # the latest year (2024) is the default: one report so far
    mine = _login("diyi").get("/overview/?format=json").json()["reports"]
    assert {r["organization"] for r in mine} == {"第一党支部"}
    # A second run adds nothing (same files, same hashes).
    call_command("load_demo", examples=str(EXAMPLES), stdout=io.StringIO())
    assert Report.objects.count() == 8
    from shuzhi.web.campaigns.models import Campaign, Item

    assert Campaign.objects.count() == 2


def test_the_demo_campaign_is_in_progress_with_items_in_every_state():
    from shuzhi.web.campaigns.models import Campaign, Item

    call_command("load_demo", examples=str(EXAMPLES), stdout=io.StringIO())
    last, this = Campaign.objects.order_by("year")
    assert (last.state, last.voting, this.state) == ("rectifying", "closed", "collecting")
    states = set(Item.objects.filter(problem__reporter__campaign=last).values_list("state", flat=True))
    assert states == {"drafting", "working", "applied", "ongoing", "closed"}
    assert any(i.overdue for i in Item.objects.filter(problem__reporter__campaign=last))
    reporters = {r.organization.name: r.state for r in last.reporters.select_related("organization")}
    assert reporters["第一党支部"] == "rectifying" and reporters["幸福里社区党委"] == "rated" and "pending" in reporters.values()
    # the secretary sees their own items, the 2024 report was checked against them
    diyi = _login("diyi")
    new = this.reporters.get(organization__name="第一党支部")
    page = diyi.get(f"/campaigns/{this.pk}/r/{new.pk}/?format=json").json()
    assert page["last_year"] and page["submissions"][0]["by_category"].get("rectification") == 2
    assert _login("pingyi").get(f"/campaigns/{last.pk}/?format=json").json()["campaign"]["only_votes"] is True
