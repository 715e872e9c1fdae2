"""Word comments land on exactly the flagged characters, in the original document, formatting kept."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile

import docx
import pytest

from shuzhi.config import Config
from shuzhi.ingest import load
from shuzhi.ingest.word import W_NS
from shuzhi.outputs.annotate import annotate
from shuzhi.pipeline import check_source_file
from shuzhi.review.checker import Checker
from tests.conftest import DOCX_EXAMPLE, GBK_EXAMPLE, PDF_EXAMPLE, docx_bytes

W = "{%s}" % W_NS


def commented_texts(path) -> dict[str, str]:
    """comment id -> the document text between its range start and end, read from the saved XML."""
    body = docx.Document(str(path)).element.body
    open_ids: set[str] = set()
    texts: dict[str, list[str]] = {}
    for el in body.iter():
        tag = el.tag
        if tag == W + "commentRangeStart":
            open_ids.add(el.get(W + "id"))
            texts.setdefault(el.get(W + "id"), [])
        elif tag == W + "commentRangeEnd":
            open_ids.discard(el.get(W + "id"))
        elif tag == W + "t" and el.text:
            for cid in open_ids:
                texts[cid].append(el.text)
        elif tag == W + "tab":
            for cid in open_ids:
                texts[cid].append("\t")
    return {cid: "".join(parts) for cid, parts in texts.items()}


def comment_bodies(path) -> list[str]:
    document = docx.Document(str(path))
    return [c.text for c in document.comments]


def check_and_annotate(path, tmp_path, name="out.docx"):
    sf = load(str(path), path.read_bytes())
    checked = check_source_file(sf, Checker(Config()))
    findings = [f for d in checked for f in d.findings]
    out = tmp_path / name
    count = annotate(sf, findings, out)
    return sf, findings, out, count


def test_every_finding_of_the_docx_example_is_a_comment_on_its_exact_text(tmp_path):
    sf, findings, out, count = check_and_annotate(DOCX_EXAMPLE, tmp_path)
    assert count == len(findings) >= 8
    anchored = sorted(commented_texts(out).values())
    assert anchored == sorted(sf.text[f.start : f.end] for f in findings)
    bodies = comment_bodies(out)
    assert any("[TY001·错误]" in b and "组织生活" in b for b in bodies)
    # The document's own text is unchanged by the annotation.
    assert load("out.docx", out.read_bytes()).text == sf.text


def test_splitting_runs_keeps_their_formatting(tmp_path):
    data = docx_bytes([[("（一）抓作风建设,推动廉政建设。", True), ("组织观看警示教育片3部。", False)]])
    src = tmp_path / "in.docx"
    src.write_bytes(data)
    _, findings, out, _ = check_and_annotate(src, tmp_path)
    assert [f.rule for f in findings] == ["PU003"]
    runs = docx.Document(str(out)).paragraphs[0].runs
    text_runs = [(r.text, bool(r.bold)) for r in runs if r.text]
    assert text_runs == [("（一）抓作风建设", True), (",", True), ("推动廉政建设。", True), ("组织观看警示教育片3部。", False)]


def test_a_span_across_two_runs_is_one_comment(tmp_path):
    data = docx_bytes([[("全年党员认真", False), ("认真学习党章。", True)]])
    src = tmp_path / "in.docx"
    src.write_bytes(data)
    _, findings, out, count = check_and_annotate(src, tmp_path)
    assert count == 1 and list(commented_texts(out).values()) == ["认真认真"]


def test_text_input_becomes_a_new_docx_with_the_same_comments(tmp_path):
    sf, findings, out, count = check_and_annotate(GBK_EXAMPLE, tmp_path)
    assert count == len(findings) > 5
    assert sorted(commented_texts(out).values()) == sorted(sf.text[f.start : f.end] for f in findings)
    paragraphs = [p.text for p in docx.Document(str(out)).paragraphs]
    assert "由 shuzhi 根据" in paragraphs[0]
    assert paragraphs[1] == "2023年度青山镇党委书记抓基层党建工作述职报告"


def test_pdf_input_becomes_a_new_docx(tmp_path):
    sf, findings, out, count = check_and_annotate(PDF_EXAMPLE, tmp_path)
    assert count == len(findings) >= 2
    assert sorted(commented_texts(out).values()) == sorted(sf.text[f.start : f.end] for f in findings)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice 未安装")
def test_libreoffice_reads_the_comments_on_the_same_text(tmp_path):
    sf, findings, out, _ = check_and_annotate(DOCX_EXAMPLE, tmp_path)
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "odt", "--outdir", str(tmp_path), str(out)],
        check=True, capture_output=True, timeout=180,
    )
    content = zipfile.ZipFile(tmp_path / "out.odt").read("content.xml").decode()
    anchored = []
    for name in re.findall(r'<office:annotation office:name="([^"]+)"', content):
        body_end = content.index("</office:annotation>", content.index(f'office:name="{name}"'))
        end = content.index(f'<office:annotation-end office:name="{name}"/>')
        anchored.append(re.sub(r"<[^>]+>", "", content[body_end:end]))
    assert sorted(anchored) == sorted(sf.text[f.start : f.end] for f in findings)


def test_spans_after_and_on_word_list_labels(tmp_path):
    from shuzhi.document import Finding
    from tests.ingest.test_word import numbered_docx

    sf = load("auto.docx", numbered_docx([(0, "履职情况XX"), (1, "抓学习")]))
    assert sf.text == "一、履职情况XX\n（一）抓学习"
    on_text = Finding("PH001", "placeholder", "error", 6, 8, "占位符")
    on_label = Finding("SC001", "structure", "warning", 9, 12, "编号")
    out = tmp_path / "out.docx"
    assert annotate(sf, [on_text, on_label], out) == 2
    # The label is drawn by Word and held by no run: its comment sits on the paragraph's first character.
    assert sorted(commented_texts(out).values()) == ["XX", "抓"]
