"""The reviewer's overview (table, sorting, charts), its .xlsx export, and the compare page."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from shuzhi.web.reviews.models import Report

from .conftest import client_for, report_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def three(tree, uploaded):
    """A third report, in 党总支 itself, with more placeholders; and one of another year."""
    client = client_for(tree.reviewer)
    worse = report_bytes("党总支", 9).replace("召开组织生活会1次".encode(), "召开组织生活会XX次，谈心谈话**人次".encode())
    upload(client, tree.general, [("c.txt", worse)])
    upload(client, tree.general, [("old.txt", report_bytes("党总支", 11))], year=2022)
    return Report.objects.get(source_file__name="c.txt")


def test_table_has_the_columns_and_sorts(tree, three):
    client = client_for(tree.reviewer)
    data = client.get("/overview/?format=json&year=2023").json()
    assert [c["key"] for c in data["columns"]] == ["organization", "kind", "errors", "warnings", "placeholders", "stale",
                                                   "concreteness", "score", "rating"]
    assert len(data["reports"]) == 3 and data["years"] == [2023, 2022]
    by_errors = client.get("/overview/?format=json&year=2023&sort=-errors").json()["reports"]
    assert by_errors[0]["id"] == three.pk and by_errors[0]["placeholders"] == 4
    assert [r["errors"] for r in by_errors] == sorted((r["errors"] for r in by_errors), reverse=True)
    ascending = client.get("/overview/?format=json&year=2023&sort=errors").json()["reports"]
    assert ascending[-1]["id"] == three.pk
    html = client.get("/overview/?year=2023&sort=-errors").content.decode()
    assert 'class="desc"' in html and "sort=errors" in html  # the header links to the other direction
    only_2022 = client.get("/overview/?format=json&year=2022").json()["reports"]
    assert [r["source"] for r in only_2022] == ["old.txt"]


def test_subtree_filter(tree, three):
    data = client_for(tree.reviewer).get(f"/overview/?format=json&year=2023&org={tree.branch_a.pk}").json()
    assert [r["organization"] for r in data["reports"]] == ["第一党支部"]


def test_charts_count_findings_not_dismissed(tree, three):
    client = client_for(tree.reviewer)
    charts = client.get("/overview/?format=json&year=2023").json()["charts"]
    placeholders = next(c["count"] for c in charts["by_category"] if c["category"] == "placeholder")
    assert placeholders == sum(r.placeholders for r in Report.objects.filter(year=2023))
    assert sum(c["count"] for c in charts["ratings"]) == 3
    assert {o["organization"] for o in charts["by_organization"]} == {"第一党支部", "第二党支部", "测试机关党总支"}
    f = three.findings.filter(category="placeholder").first()
    client.post(f"/reports/{three.pk}/findings/{f.pk}/decide/", {"decision": "dismissed"})
    after = client.get("/overview/?format=json&year=2023").json()["charts"]
    assert next(c["count"] for c in after["by_category"] if c["category"] == "placeholder") == placeholders - 1
    html = client.get("/overview/?year=2023").content.decode()
    assert 'id="chart-data"' in html and "vendor/echarts/echarts.min.js" in html


def test_xlsx_export_is_laid_out_for_printing(tree, three):
    response = client_for(tree.reviewer).get("/overview/export.xlsx?year=2023&sort=-errors")
    assert "attachment" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet["A1"].value == "2023年度抓基层党建工作述职报告审读汇总表"
    assert "测试街道党工委" in sheet["A2"].value
    assert [sheet.cell(3, c).value for c in range(1, 13)] == [
        "序号", "党组织", "报告标题", "报告类型", "错误", "警告", "未填占位符", "陈旧内容", "具体程度", "得分", "建议等次", "审读意见"]
    assert sheet.cell(4, 1).value == 1 and sheet.cell(4, 2).value == "测试机关党总支" and sheet.cell(4, 7).value == 4
    assert sheet.cell(6, 1).value == 3 and "共 3 份报告" in sheet.cell(8, 1).value
    assert sheet.page_setup.orientation == "landscape" and sheet.print_title_rows == "$3:$3"
    assert sheet.cell(4, 1).border.left.style == "thin"


def test_compare_shows_shared_passages_side_by_side(tree, uploaded):
    a, b = uploaded
    client = client_for(tree.reviewer)
    data = client.get(f"/compare/?a={a.pk}&b={b.pk}&format=json").json()
    result = data["result"]
    assert result and result["passages"] and 0 < result["ratio_a"] <= 1
    for p in result["passages"]:
        assert p["text_a"] == a.source_file.text[p["a_start"]:p["a_end"]]
        assert p["text_a"].replace("\n", "") == p["text_b"].replace("\n", "")
    html = client.get(f"/compare/?a={a.pk}&b={b.pk}").content.decode()
    assert "文字复制比" in html and html.count("c-reuse") >= 2 * len(result["passages"])


def test_compare_of_unrelated_reports_says_so(tree):
    from .conftest import upload as do_upload

    client = client_for(tree.reviewer)
    do_upload(client, tree.branch_a, [("x.txt", "第一党支部述职报告\n今年我们修了三座桥，种了五百棵树，办了十二期夜校。".encode())])
    do_upload(client, tree.branch_b, [("y.txt", "第二党支部述职报告\n本年度走访困难党员四十户，发放慰问金两万元整。".encode())])
    x, y = Report.objects.get(source_file__name="x.txt"), Report.objects.get(source_file__name="y.txt")
    assert client.get(f"/compare/?a={x.pk}&b={y.pk}&format=json").json()["result"] is None
    assert "没有雷同段落" in client.get(f"/compare/?a={x.pk}&b={y.pk}").content.decode()
