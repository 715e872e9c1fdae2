"""The report page: highlights from stored offsets, escaped text, decisions that survive re-checks, downloads."""

from __future__ import annotations

import io
import json
import re

import docx
import pytest

from shuzhi.web.reviews.highlight import Span, highlighted, pieces
from shuzhi.web.reviews.models import Decision, Report

from .conftest import client_for

pytestmark = pytest.mark.django_db


def test_page_shows_text_with_each_finding_marked_and_escaped(tree, uploaded):
    a, _ = uploaded
    html = client_for(tree.secretary_a).get(f"/reports/{a.pk}/").content.decode()
    assert "<script>alert" not in html and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    text = a.source_file.text
    for f in a.findings.all():
        assert f'id="f-{f.pk}"' in html and f'id="item-{f.pk}"' in html
        mark = re.search(rf'<mark class="hl c-{f.category} s-{f.severity}[^"]*" data-f="[^"]*\b{f.pk}\b[^"]*"[^>]*>([^<]*)</mark>', html)
        assert mark and mark.group(1) in text[f.start:f.end]
    assert "评分卡" in html and a.rating in html
    assert "模板占位符" in html  # the rule's own explanation is shown with the finding


def test_json_twin_has_findings_text_and_score(tree, uploaded):
    a, _ = uploaded
    data = client_for(tree.secretary_a).get(f"/reports/{a.pk}/?format=json").json()
    assert data["id"] == a.pk and data["text"] == a.text and data["score"]["rating"] == a.rating
    by_rule = {f["rule"]: f for f in data["findings"]}
    assert by_rule["PH001"]["text"] == "XX" and by_rule["PH001"]["status"] == "open"
    assert data["text"][by_rule["PH001"]["start"] - a.start:by_rule["PH001"]["end"] - a.start] == "XX"
    assert by_rule["PH001"]["description"]


def test_filters_apply_to_the_list_the_text_and_the_json(tree, uploaded):
    a, _ = uploaded
    client = client_for(tree.secretary_a)
    data = client.get(f"/reports/{a.pk}/?format=json&category=placeholder").json()
    assert {f["category"] for f in data["findings"]} == {"placeholder"} and data["findings_total"] > len(data["findings"])
    html = client.get(f"/reports/{a.pk}/?severity=warning").content.decode()
    assert "c-placeholder" not in html.split('id="report-text"')[1].split("</article>")[0]
    assert client.get(f"/reports/{a.pk}/?format=json&category=nonsense").json()["findings_total"] == len(
        client.get(f"/reports/{a.pk}/?format=json&category=nonsense").json()["findings"])


def test_decisions_are_stored_with_who_and_when_and_survive_a_recheck(tree, uploaded):
    a, _ = uploaded
    client = client_for(tree.secretary_a)
    ph001 = a.findings.get(rule="PH001")
    ph002 = a.findings.get(rule="PH002")
    errors_before = a.errors
    response = client.post(f"/reports/{a.pk}/findings/{ph001.pk}/decide/?format=json", {"decision": "dismissed"})
    assert response.json()["status"] == "dismissed" and response.json()["decided_by"] == "sec_a"
    client.post(f"/reports/{a.pk}/findings/{ph002.pk}/decide/", {"decision": "accepted"})
    decision = Decision.objects.get(key=ph001.key)
    assert decision.decided_by == tree.secretary_a and decision.decided_at is not None
    a.refresh_from_db()
    assert a.errors == errors_before - 1 and a.placeholders == 1  # the overview counts what is not dismissed

    assert client.post(f"/reports/{a.pk}/recheck/").status_code == 302
    a = Report.objects.get(pk=a.pk)
    new_ph001 = a.findings.get(rule="PH001")
    assert new_ph001.pk != ph001.pk  # the findings were stored anew ...
    statuses = {f["rule"]: f["status"] for f in client.get(f"/reports/{a.pk}/?format=json").json()["findings"]}
    assert statuses["PH001"] == "dismissed" and statuses["PH002"] == "accepted"  # ... and the decisions held
    assert a.errors == errors_before - 1

    client.post(f"/reports/{a.pk}/findings/{new_ph001.pk}/decide/", {"decision": "open"})
    assert not Decision.objects.filter(key=ph001.key).exists()
    assert Report.objects.get(pk=a.pk).errors == errors_before


def test_decision_keys_follow_the_text_not_the_position(tree):
    from shuzhi.web.reviews.processing import decision_keys

    f = {"rule": "PH001", "start": 10, "end": 12}
    same = decision_keys("今年以来前面的文字，XX名党员", [f])
    moved = decision_keys("多了一段。今年以来前面的文字，XX名党员", [{**f, "start": 15, "end": 17}])
    assert same == moved
    twice = decision_keys("甲XX乙。甲XX乙。", [{"rule": "PH001", "start": 1, "end": 3}, {"rule": "PH001", "start": 6, "end": 8}])
    assert twice[0] != twice[1]
    assert decision_keys("今年以来前面的文字，XX名团员", [f]) != same


def test_htmx_decision_returns_the_finding_fragment(tree, uploaded):
    a, _ = uploaded
    f = a.findings.first()
    response = client_for(tree.reviewer).post(f"/reports/{a.pk}/findings/{f.pk}/decide/", {"decision": "dismissed"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith(f'<li class="finding st-dismissed" id="item-{f.pk}"') and "撤销" in body
    assert "区委" not in body and "<html" not in body
    bad = client_for(tree.reviewer).post(f"/reports/{a.pk}/findings/{f.pk}/decide/", {"decision": "maybe"})
    assert bad.status_code == 400


def test_annotated_docx_has_a_comment_per_finding_not_dismissed(tree, uploaded):
    a, _ = uploaded
    client = client_for(tree.secretary_a)
    total = a.findings.count()
    response = client.get(f"/reports/{a.pk}/annotated.docx")
    assert response["Content-Disposition"].startswith("attachment") and ".docx" in response["Content-Disposition"]
    assert len(docx.Document(io.BytesIO(response.content)).comments) == total
    client.post(f"/reports/{a.pk}/findings/{a.findings.get(rule='PH001').pk}/decide/", {"decision": "dismissed"})
    comments = docx.Document(io.BytesIO(client.get(f"/reports/{a.pk}/annotated.docx").content)).comments
    assert len(comments) == total - 1 and not any("“XX”" in c.text for c in comments)


def test_result_json_is_the_cli_contract(tree, uploaded):
    a, _ = uploaded
    response = client_for(tree.secretary_a).get(f"/reports/{a.pk}/result.json")
    data = json.loads(response.content)
    assert data["version"] == 1 and data["errors"] == []
    (doc,) = data["documents"]
    assert doc["source"] == "a.txt" and {f["rule"] for f in doc["findings"]} >= {"PH001", "PH002"}
    assert set(doc["findings"][0]) >= {"rule", "category", "severity", "start", "end", "line", "column", "text", "message", "suggestions"}


def test_recheck_of_a_file_that_no_longer_reads_is_a_clear_error(tree, uploaded):
    a, _ = uploaded
    a.source_file.data = b""
    a.source_file.save()
    response = client_for(tree.secretary_a).post(f"/reports/{a.pk}/recheck/")
    assert response.status_code == 422 and "文件为空" in response.content.decode()


# Highlighting on its own.

def test_overlapping_findings_split_the_text_and_keep_every_finding():
    text = "0123456789"
    spans = [Span(1, 2, 6, "typo", "error"), Span(2, 4, 8, "style", "warning"), Span(3, 5, 5, "structure", "info")]
    got = [(a, b, sorted(s.id for s in cover)) for a, b, cover, _ in pieces(0, 10, spans)]
    assert got == [(0, 2, []), (2, 4, [1]), (4, 5, [1, 2]), (5, 6, [1, 2, 3]), (6, 8, [2]), (8, 10, [])]
    html = highlighted(text, 0, 10, spans)
    assert re.sub(r"<[^>]+>", "", html) == text  # every character once, in order
    assert 'class="hl c-structure s-info multi" data-f="1 2 3"' in html  # the innermost colours a piece
    assert html.count('class="anchor"') == 3


def test_highlighting_escapes_and_dims_dismissed_findings():
    text = "<b>甲&乙</b>"
    html = highlighted(text, 0, len(text), [Span(7, 3, 6, "typo", "error", dismissed=True)])
    assert html == '&lt;b&gt;<span class="anchor" id="f-7"></span><mark class="hl c-typo s-error dismissed" data-f="7" title="错别字">甲&amp;乙</mark>&lt;/b&gt;'


def test_highlighting_a_part_of_a_compilation_keeps_source_offsets():
    text = "封面\n第一篇XX\n第二篇YY"
    html = highlighted(text, 9, len(text), [Span(1, 12, 14, "placeholder", "error"), Span(2, 6, 8, "placeholder", "error")])
    assert re.sub(r"<[^>]+>", "", html) == "第二篇YY"
    assert '>YY</mark>' in html and 'id="f-2"' not in html  # the first part's finding is not this report's
