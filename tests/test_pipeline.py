"""The batch runner: order, a worker that dies, and where annotated copies go."""

from __future__ import annotations

import os
import signal

import pytest

from shuzhi import pipeline
from shuzhi.errors import UsageError
from shuzhi.ingest import Item, collect
from shuzhi.ingest.sources import Limits
from shuzhi.pipeline import Options, plan_annotations, run

REPORT = "2023年度党支部书记述职报告\n一、履职情况\n全年召开支委会XX次。\n"


def test_a_worker_that_dies_costs_only_its_own_file(tmp_path, monkeypatch):
    for k in range(6):
        (tmp_path / f"r{k}.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "r3-killer.txt").write_text(REPORT, encoding="utf-8")
    original = pipeline.check_item

    def check_item(item, checker, options):
        if "killer" in item.source:
            os.kill(os.getpid(), signal.SIGKILL)  # as the kernel does to a process out of memory
        return original(item, checker, options)

    monkeypatch.setattr(pipeline, "check_item", check_item)
    items = collect([str(tmp_path)], Limits()).items
    results = list(run(items, Options(), jobs=2))
    assert [r.source for r in results] == [i.source for i in items]
    failed = [r for r in results if r.error]
    assert [r.source for r in failed] == [str(tmp_path / "r3-killer.txt")]
    assert "进程异常退出" in failed[0].error.message
    assert all(r.documents for r in results if not r.error)


def test_annotated_copies_keep_their_format_when_names_would_collide(tmp_path):
    items = [Item(str(tmp_path / n), relative=n) for n in ("报告.txt", "报告.docx", "报告.pdf", "其他.txt")]
    plan_annotations(items, str(tmp_path / "out"))
    assert [os.path.basename(i.output) for i in items] == ["报告_txt.批注.docx", "报告_docx.批注.docx", "报告_pdf.批注.docx", "其他.批注.docx"]


def test_an_annotated_copy_may_not_overwrite_an_input(tmp_path):
    report = tmp_path / "a.docx"
    report.write_bytes(b"x")
    with pytest.raises(UsageError, match="会覆盖输入文件"):
        plan_annotations([Item(str(report), path=report, relative="a.docx")], str(report))


def test_a_copy_that_cannot_be_written_keeps_the_findings(tmp_path):
    (tmp_path / "in" / "sub").mkdir(parents=True)
    (tmp_path / "in" / "sub" / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "sub").write_text("a file where a folder should go", encoding="utf-8")
    items = collect([str(tmp_path / "in")], Limits()).items
    plan_annotations(items, str(tmp_path / "out"))
    (result,) = run(items, Options())
    assert result.error is None and result.documents[0].findings
    assert result.annotate_error is not None and "未能写出" in result.annotate_error.message
