"""Compilations (汇编) split into one Document per 目录 entry; offsets stay in the file's text."""

from __future__ import annotations

from shuzhi.ingest import SourceFile, documents_of, load
from shuzhi.ingest.split import split_compilation
from tests.conftest import COMPILATION_EXAMPLE

BOOK = """2023年度工作述职报告汇编（3篇）

目录
一、第一党支部述职报告…………1
二、第二党支部述职报告…………4
三、第三党支部述职报告…………7

第一党支部述职报告
全年召开支委会12次。
第二党支部述职报告
全年召开支委会10次。
第三党支部述职报告
全年召开支委会11次。
"""


def test_compilation_is_split_by_its_table_of_contents():
    split = split_compilation(BOOK)
    assert [p.title for p in split.parts] == ["第一党支部述职报告", "第二党支部述职报告", "第三党支部述职报告"]
    assert split.warnings == []
    for part in split.parts:
        assert BOOK[part.start :].startswith(part.title)
    assert BOOK[split.parts[1].start : split.parts[1].end] == "第二党支部述职报告\n全年召开支委会10次。"


def test_documents_keep_offsets_into_the_whole_file():
    front, *docs = documents_of(SourceFile("book.txt", BOOK, "txt"))
    assert front.front_matter and front.body.startswith("2023年度工作述职报告汇编（3篇）") and front.body.endswith("三、第三党支部述职报告…………7")
    assert len(docs) == 3
    assert all(d.text is BOOK for d in docs)
    assert docs[2].body.startswith("第三党支部述职报告") and docs[2].title == "第三党支部述职报告"


def test_an_announced_count_that_differs_is_reported():
    book = BOOK.replace("（3篇）", "（8篇）")
    split = split_compilation(book)
    assert len(split.parts) == 3
    assert split.warnings == ["标题称共8篇，目录列出3篇"]


def test_a_toc_entry_missing_from_the_body_is_reported():
    book = BOOK.replace("第二党支部述职报告\n全年", "全年")
    split = split_compilation(book)
    assert [p.title for p in split.parts] == ["第一党支部述职报告", "第三党支部述职报告"]
    assert "《第二党支部述职报告》在正文中未找到" in split.warnings[0]


def test_a_report_with_its_own_table_of_chapters_is_one_document():
    text = "2023年度党支部述职报告\n目  录\n一、履职情况……1\n二、存在问题……3\n三、下一步打算……4\n一、履职情况\n学习12次。\n二、存在问题\n不深。\n三、下一步打算\n加强。\n"
    assert split_compilation(text) is None
    (doc,) = documents_of(SourceFile("a.txt", text, "txt"))
    assert [s.label for s in doc.sections] == ["一、", "二、", "三、"]  # the 目录 lines are not headings


def test_a_report_without_a_toc_is_one_document():
    text = "2023年度述职报告\n一、履职情况\n目录管理工作规范。\n"
    assert split_compilation(text) is None
    assert len(documents_of(SourceFile("a.txt", text, "txt"))) == 1


def test_the_example_compilation():
    sf = load(str(COMPILATION_EXAMPLE), COMPILATION_EXAMPLE.read_bytes())
    _, *docs = documents_of(sf)
    assert [d.title for d in docs] == ["区财政局机关党支部书记述职报告", "区教育局机关党支部书记述职报告", "区卫生健康局机关党支部书记述职报告"]
    assert all(d.year == 2023 and d.kind == "党建述职" for d in docs)
    assert all(len(d.sections) == 4 for d in docs)
