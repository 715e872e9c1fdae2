"""Scope: a secretary reaches only their organization's reports, a reviewer only their subtree, for every view."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import get_resolver

from shuzhi.web.orgs.models import Organization
from shuzhi.web.reviews.models import Decision, Upload

from .conftest import PASSWORD, client_for

pytestmark = pytest.mark.django_db


def _object_urls(report, other_report):
    """Every URL that names one report (or its upload), with the method it is used with."""
    finding = report.findings.first()
    upload = report.source_file.upload
    return {
        "report": ("get", f"/reports/{report.pk}/"),
        "report.json": ("get", f"/reports/{report.pk}/?format=json"),
        "decide": ("post", f"/reports/{report.pk}/findings/{finding.pk}/decide/"),
        "recheck": ("post", f"/reports/{report.pk}/recheck/"),
        "report_docx": ("get", f"/reports/{report.pk}/annotated.docx"),
        "report_result": ("get", f"/reports/{report.pk}/result.json"),
        "upload_detail": ("get", f"/uploads/{upload.pk}/"),
        "upload_detail.json": ("get", f"/uploads/{upload.pk}/?format=json"),
        "compare": ("get", f"/compare/?a={report.pk}&b={other_report.pk}"),
        "compare.json": ("get", f"/compare/?a={other_report.pk}&b={report.pk}&format=json"),
        "overview": ("get", f"/overview/?org={report.organization_id}"),
        "overview_xlsx": ("get", f"/overview/export.xlsx?org={report.organization_id}"),
        # Someone else's finding reached through one's own report.
        "decide_via_own_report": ("post", f"/reports/{other_report.pk}/findings/{finding.pk}/decide/"),
    }


def _call(client, method, url):
    if method == "post":
        return client.post(url, {"decision": "dismissed"})
    return client.get(url)


def test_every_view_is_covered_by_the_scope_tests(uploaded):
    names = {p.name for p in get_resolver().url_patterns if getattr(p, "name", None)}
    # vote: open without an account by design (the printed code is the key), tested in test_campaign_access.py
    covered = {k.split(".")[0] for k in _object_urls(*uploaded)} | {"home", "upload", "uploads", "login", "logout", "vote"}
    assert names <= covered, f"views without a scope test: {names - covered}"


def test_a_secretary_cannot_reach_another_organizations_report_by_guessing(tree, uploaded):
    a, b = uploaded
    client = client_for(tree.secretary_b)
    for name, (method, url) in _object_urls(a, b).items():
        response = _call(client, method, url)
        assert response.status_code == 404, (name, response.status_code)
        assert a.title.encode() not in response.content, name
    assert not Decision.objects.exists()
    a.refresh_from_db()
    assert a.source_file.checked_at is not None


def test_a_reviewer_outside_the_subtree_sees_nothing(tree, uploaded):
    a, b = uploaded
    client = client_for(tree.other_reviewer)
    for name, (method, url) in _object_urls(a, b).items():
        assert _call(client, method, url).status_code == 404, name
    assert client.get("/overview/?format=json").json()["reports"] == []


def test_the_reviewer_of_the_subtree_reaches_both(tree, uploaded):
    a, b = uploaded
    client = client_for(tree.reviewer)
    for report, other in ((a, b), (b, a)):
        for name, (method, url) in _object_urls(report, other).items():
            if name == "decide_via_own_report":
                continue
            assert _call(client, method, url).status_code in (200, 302), name


def test_lists_hold_only_what_the_user_may_see(tree, uploaded):
    a, b = uploaded
    client = client_for(tree.secretary_b)
    overview = client.get("/overview/?format=json").json()
    assert [r["id"] for r in overview["reports"]] == [b.pk]
    assert [u["organization"] for u in client.get("/uploads/?format=json").json()["uploads"]] == ["第二党支部"]
    assert [o["name"] for o in client.get("/upload/?format=json").json()["organizations"]] == ["第二党支部"]
    html = client.get("/compare/").content.decode()
    assert b.title in html and a.title not in html
    from openpyxl import load_workbook
    import io

    sheet = load_workbook(io.BytesIO(client.get("/overview/export.xlsx").content)).active
    orgs = [sheet.cell(r, 2).value for r in range(4, sheet.max_row + 1) if isinstance(sheet.cell(r, 1).value, int)]
    assert orgs == ["第二党支部"]
    admin = client_for(tree.admin).get("/overview/?format=json").json()
    assert sorted(r["id"] for r in admin["reports"]) == sorted([a.pk, b.pk])


def test_every_page_has_a_json_twin(tree, uploaded):
    a, b = uploaded
    client = client_for(tree.reviewer)
    pages = ["/overview/", "/upload/", "/uploads/", "/compare/", f"/compare/?a={a.pk}&b={b.pk}", f"/reports/{a.pk}/",
             f"/uploads/{a.source_file.upload_id}/", "/login/"]
    for url in pages:
        response = client.get(url + ("&" if "?" in url else "?") + "format=json")
        assert response.status_code == 200 and response["Content-Type"] == "application/json", url
        assert response.json(), url
    assert client.get("/reports/999999/?format=json").json() == {"error": "没有这个页面，或者您无权查看这份材料。"}


def test_a_moved_organization_takes_its_reports_out_of_the_old_reviewers_scope(tree, uploaded):
    a, _ = uploaded
    tree.branch_a.parent = tree.other
    tree.branch_a.save()
    assert client_for(tree.reviewer).get(f"/reports/{a.pk}/").status_code == 404
    assert client_for(tree.other_reviewer).get(f"/reports/{a.pk}/").status_code == 200
    with pytest.raises(Exception, match="上级组织"):
        tree.other.parent = tree.branch_a
        tree.other.save()


def test_login_is_required_everywhere(uploaded):
    a, b = uploaded
    anonymous = Client()
    for name, (method, url) in _object_urls(a, b).items():
        response = _call(anonymous, method, url)
        if "format=json" in url:
            assert response.status_code == 401 and "登录" in response.json()["error"], name
        else:
            assert response.status_code == 302 and response["Location"].startswith("/login/"), name
    for url in ("/", "/upload/", "/uploads/", "/overview/", "/compare/"):
        assert anonymous.get(url).status_code == 302
    assert anonymous.get("/login/").status_code == 200


def test_forms_need_the_csrf_token(tree, uploaded):
    a, _ = uploaded
    client = Client(enforce_csrf_checks=True)
    client.force_login(tree.secretary_a)
    finding = a.findings.first()
    response = client.post(f"/reports/{a.pk}/findings/{finding.pk}/decide/", {"decision": "dismissed"})
    assert response.status_code == 403 and "CSRF" in response.content.decode()
    assert not Decision.objects.exists()
    assert client.post("/upload/", {"organization": tree.branch_a.pk, "year": 2023}).status_code == 403
    assert Upload.objects.count() == 2  # the two of the fixture
    page = client.get(f"/reports/{a.pk}/").content.decode()
    assert page.count('name="csrfmiddlewaretoken"') >= a.findings.count()


def test_passwords_are_hashed_and_login_works(tree):
    assert tree.secretary_a.password.startswith("pbkdf2_sha256$") and PASSWORD not in tree.secretary_a.password
    client = Client()
    bad = client.post("/login/", {"username": "sec_a", "password": "wrong"})
    assert bad.status_code == 200 and "请输入一个正确的" in bad.content.decode()  # Django's own zh-hans message
    good = client.post("/login/", {"username": "sec_a", "password": PASSWORD})
    assert good.status_code == 302
    assert client.get("/overview/").status_code == 200


def test_login_has_a_json_twin_with_the_same_checks(tree, uploaded):
    client = Client(enforce_csrf_checks=True)
    token = client.get("/login/?format=json").json()["csrf_token"]
    bad = client.post("/login/?format=json", {"username": "sec_b", "password": "wrong"}, HTTP_X_CSRFTOKEN=token)
    assert bad.status_code == 400 and "正确的" in bad.json()["errors"][0]
    assert client.post("/login/?format=json", {"username": "sec_b", "password": PASSWORD}).status_code == 403  # no token
    good = client.post("/login/?format=json", {"username": "sec_b", "password": PASSWORD}, HTTP_X_CSRFTOKEN=token)
    assert good.json()["user"] == "sec_b"
    a, b = uploaded
    assert client.get(f"/reports/{b.pk}/?format=json").status_code == 200
    assert client.get(f"/reports/{a.pk}/?format=json").status_code == 404


def test_organization_paths_follow_the_tree(tree):
    assert tree.branch_a.path == f"/{tree.committee.pk}/{tree.general.pk}/{tree.branch_a.pk}/"
    assert set(tree.committee.subtree()) == {tree.committee, tree.general, tree.branch_a, tree.branch_b}
    assert Organization.objects.get(pk=tree.other.pk).path == f"/{tree.other.pk}/"


def test_the_administrator_has_django_admin_in_chinese(tree, uploaded):
    page = client_for(tree.admin).get("/admin/").content.decode()
    assert "党组织" in page and "后台任务" in page and "Task Results" not in page and "站点管理" not in page
    assert client_for(tree.admin).get("/admin/orgs/organization/").status_code == 200
    assert client_for(tree.reviewer).get("/admin/").status_code == 302  # not staff: sent to the admin login
