"""PDF files with a text layer; scanned and encrypted ones get a clear reason."""

from __future__ import annotations

import pytest

from shuzhi.errors import InputError
from shuzhi.ingest import load
from tests.conftest import PDF_EXAMPLE, image_only_pdf, pdf_bytes


def test_text_layer_is_read_and_page_footers_are_dropped():
    data = pdf_bytes([["2023年度述职报告", "一、履职情况", "全年召开支委会12次。"], ["二、存在问题", "学习不够深入。"]])
    sf = load("a.pdf", data)
    assert sf.format == "pdf"
    assert sf.text == "2023年度述职报告\n一、履职情况\n全年召开支委会12次。\n二、存在问题\n学习不够深入。"
    assert "第 1 页" not in sf.text
    assert len(sf.pages) == 2 and sf.text[sf.pages[1] :].startswith("二、存在问题")


def test_lines_wrapped_by_the_page_are_joined_into_paragraphs():
    sf = load(str(PDF_EXAMPLE), PDF_EXAMPLE.read_bytes())
    lines = sf.text.split("\n")
    assert lines[0] == "2023年度幸福里社区党委书记抓基层党建工作述职报告"
    assert any(line.startswith("（三）推动共建共治。") and line.endswith("民生问题21个。") for line in lines)
    assert "— 1 —" not in sf.text and "— 2 —" not in sf.text
    assert len(sf.pages) == 2


def test_scanned_pdf_without_text_layer_is_refused():
    with pytest.raises(InputError) as err:
        load("扫描件.pdf", image_only_pdf())
    assert err.value.message.startswith("无文本层（扫描件），需先OCR")


def test_encrypted_pdf_is_refused():
    data = pdf_bytes([["保密内容"]], encrypt="secret")
    with pytest.raises(InputError, match="PDF已加密"):
        load("加密.pdf", data)


def test_truncated_pdf_is_refused():
    data = pdf_bytes([["一、履职情况", "全年召开支委会12次。"]])
    with pytest.raises(InputError, match="PDF"):
        load("断了.pdf", data[:300])


def test_a_font_without_a_unicode_map_is_read_through_pdfium():
    from reportlab.lib.pdfencrypt import StandardEncryption

    # reportlab's owner-password encryption leaves pdfminer with glyph ids only: (cid:3206)(cid:2893)…
    data = pdf_bytes([["全年召开支委会XX次，讲党课4次。"]], footer=False, encrypt=StandardEncryption("", ownerPassword="owner"))
    sf = load("a.pdf", data)
    assert sf.text == "全年召开支委会XX次，讲党课4次。"
