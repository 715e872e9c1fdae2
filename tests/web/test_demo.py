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
    for username in ("zuzhibu", "diyi", "qingshan", "admin"):
        assert username in printed
    kinds = set(Organization.objects.values_list("kind", flat=True))
    assert kinds == {Organization.COMMITTEE, Organization.GENERAL_BRANCH, Organization.BRANCH}
    assert Report.objects.filter(front_matter=False).count() == 6
    everything = _login("zuzhibu").get("/overview/?format=json").json()["reports"]
    assert len(everything) == 7
    mine = _login("diyi").get("/overview/?format=json").json()["reports"]
    assert [r["organization"] for r in mine] == ["第一党支部"]
    # A second run adds nothing (same files, same hashes).
    call_command("load_demo", examples=str(EXAMPLES), stdout=io.StringIO())
    assert Report.objects.count() == 7
