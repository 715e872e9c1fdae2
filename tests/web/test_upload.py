"""Uploading: one file, many, a zip, a compilation; unreadable files listed with their reason; no duplicates."""

from __future__ import annotations

import pytest

from shuzhi.web.reviews.models import Report, SourceFile, Upload

from ..conftest import COMPILATION_EXAMPLE, DOCX_EXAMPLE
from .conftest import client_for, report_bytes, upload, zip_bytes

pytestmark = pytest.mark.django_db


def _detail(client, response) -> dict:
    assert response.status_code == 202, response.content.decode()
    return client.get(response.json()["url"] + "?format=json").json()["upload"]


def test_one_file_is_checked_and_stored_with_its_findings(tree):
    client = client_for(tree.secretary_a)
    result = _detail(client, upload(client, tree.branch_a, [("报告.txt", report_bytes())]))
    assert result["status"] == "done" and result["total"] == 1 and result["done"] == 1 and result["errors"] == []
    (report,) = Report.objects.all()
    assert report.organization == tree.branch_a and report.year == 2023
    assert {f.rule for f in report.findings.all()} >= {"PH001", "PH002"}
    assert report.errors == 2 and report.placeholders == 2
    assert report.result["findings"][0]["rule"] in {"PH001", "PH002"}  # the engine's JSON is kept as it gave it
    assert report.rating and report.score is not None
    assert result["reports"][0]["url"] == f"/reports/{report.pk}/"


def test_many_files_a_zip_and_a_bad_file_in_one_upload(tree):
    client = client_for(tree.reviewer)
    archive = zip_bytes({"甲.txt": report_bytes("甲支部"), "乙/乙.txt": report_bytes("乙支部", 5), "readme.md": b"x"})
    files = [("one.txt", report_bytes("丙支部")), ("docs.zip", archive), ("broken.pdf", b"%PDF-1.4 not really"), ("empty.txt", b"")]
    result = _detail(client, upload(client, tree.general, files))
    assert result["status"] == "done"
    assert SourceFile.objects.count() == 3
    errors = {e["source"]: e["message"] for e in result["errors"]}
    assert set(errors) == {"broken.pdf", "empty.txt"}
    assert "文件为空" in errors["empty.txt"]
    assert result["skipped"] == ["docs.zip::readme.md"]
    assert sorted(r["title"][:11] for r in result["reports"]) == ["2023年度测试街道丙", "2023年度测试街道乙", "2023年度测试街道甲"]


def test_the_upload_page_lists_unreadable_files_with_the_reason(tree):
    client = client_for(tree.secretary_a)
    response = upload(client, tree.branch_a, [("坏文件.docx", b"PK\x03\x04 broken"), ("好.txt", report_bytes())], json=False)
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "无法读取的文件（1）" in page and "坏文件.docx" in page
    assert "检查完成的报告（1）" in page


def test_same_file_again_is_not_stored_twice(tree):
    client = client_for(tree.secretary_a)
    upload(client, tree.branch_a, [("a.txt", report_bytes())])
    again = _detail(client, upload(client, tree.branch_a, [("renamed.txt", report_bytes()), ("copy.txt", report_bytes())]))
    assert again["duplicates"] == ["renamed.txt", "copy.txt"] and again["reports"] == []
    assert SourceFile.objects.count() == 1 and Report.objects.count() == 1
    # The same bytes inside a zip, and twice in one upload, are duplicates too.
    inside = _detail(client, upload(client, tree.branch_a, [("z.zip", zip_bytes({"x.txt": report_bytes()}))]))
    assert inside["duplicates"] == ["z.zip::x.txt"]


def test_a_compilation_is_split_and_its_reports_go_to_the_units_it_names(tree):
    from shuzhi.web.orgs.models import Organization

    names = ["区财政局机关党支部", "区教育局机关党支部", "区卫生健康局机关党支部"]
    for name in names:
        Organization.objects.create(name=name, kind=Organization.BRANCH, parent=tree.committee)
    client = client_for(tree.reviewer)
    result = _detail(client, upload(client, tree.committee, [(COMPILATION_EXAMPLE.name, COMPILATION_EXAMPLE.read_bytes())]))
    reports = Report.objects.filter(front_matter=False).select_related("organization")
    assert sorted(r.organization.name for r in reports) == sorted(names)
    assert Report.objects.get(front_matter=True).organization == tree.committee
    assert len(result["reports"]) == 4
    text = SourceFile.objects.get().text
    for r in reports:  # offsets point into the one text of the file
        assert r.title in text[r.start:r.end]
    # A secretary of one unit sees that unit's report, not its neighbours' (titles, text or annotated copy).
    from shuzhi.web.orgs.models import Role
    from django.contrib.auth import get_user_model
    import docx
    import io

    finance = Organization.objects.get(name="区财政局机关党支部")
    secretary = get_user_model().objects.create(username="finance")
    Role.objects.create(user=secretary, organization=finance, kind=Role.SECRETARY)
    own = reports.get(organization=finance)
    page = client_for(secretary).get(f"/reports/{own.pk}/").content.decode()
    assert "区教育局机关党支部书记述职报告" not in page
    annotated = docx.Document(io.BytesIO(client_for(secretary).get(f"/reports/{own.pk}/annotated.docx").content))
    body = "\n".join(p.text for p in annotated.paragraphs)
    assert own.title in body and "区教育局" not in body
    assert len(annotated.comments) == own.findings.count()
    reviewer_copy = docx.Document(io.BytesIO(client.get(f"/reports/{own.pk}/annotated.docx").content))
    assert len(reviewer_copy.comments) == own.findings.count()


def test_word_upload(tree):
    client = client_for(tree.secretary_a)
    result = _detail(client, upload(client, tree.branch_a, [(DOCX_EXAMPLE.name, DOCX_EXAMPLE.read_bytes())]))
    assert result["errors"] == [] and SourceFile.objects.get().format == "docx"


def test_a_secretary_cannot_upload_for_another_organization(tree):
    response = upload(client_for(tree.secretary_a), tree.branch_b, [("a.txt", report_bytes())])
    assert response.status_code == 400 and "党组织" in response.json()["errors"][0]
    assert Upload.objects.count() == 0


def test_size_limits(tree, settings):
    settings.SHUZHI_MAX_FILE_MB = 0.001  # about 1 KB
    client = client_for(tree.secretary_a)
    result = _detail(client, upload(client, tree.branch_a, [("big.txt", report_bytes() * 3), ("small.txt", "短文".encode())]))
    assert [e["source"] for e in result["errors"]] == ["big.txt"] and "文件过大" in result["errors"][0]["message"]
    settings.SHUZHI_MAX_UPLOAD_MB = 0.001
    refused = upload(client, tree.branch_a, [("big.txt", report_bytes() * 3)])
    assert refused.status_code == 413 and "上传内容过大" in refused.json()["errors"][0]


def test_zip_protections_are_the_clis(tree):
    client = client_for(tree.secretary_a)
    bomb = zip_bytes({"bomb.txt": b"0" * (5 * 1024 * 1024)})
    traversal = zip_bytes({"../../etc/evil.txt": report_bytes()})
    result = _detail(client, upload(client, tree.branch_a, [("bomb.zip", bomb), ("evil.zip", traversal)]))
    messages = {e["source"]: e["message"] for e in result["errors"]}
    assert "压缩炸弹" in messages["bomb.zip"] and "越界路径" in messages["evil.zip"]
    assert SourceFile.objects.count() == 0


def test_no_files_or_bad_year_is_a_clear_error(tree):
    client = client_for(tree.secretary_a)
    assert "请选择要上传的文件" in client.post("/upload/", {"organization": tree.branch_a.pk, "year": 2023}).content.decode()
    response = upload(client, tree.branch_a, [("a.txt", report_bytes())], year=1800)
    assert response.status_code == 400 and "年度" in response.json()["errors"][0]


def test_an_internal_error_fails_the_upload_with_a_chinese_message(tree, monkeypatch):
    from shuzhi.web.reviews import processing

    def boom(*args, **kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr(processing, "run", boom)
    client = client_for(tree.secretary_a)
    result = _detail(client, upload(client, tree.branch_a, [("a.txt", report_bytes())]))
    assert result["status"] == "failed" and "内部错误" in result["errors"][-1]["message"]
