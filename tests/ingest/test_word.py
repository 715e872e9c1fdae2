"""Word files: paragraphs and table cells in reading order, with a map back to the XML."""

from __future__ import annotations

import io
import zipfile

import docx
import pytest

from shuzhi.errors import InputError
from shuzhi.ingest import load
from shuzhi.ingest.word import paragraph_text, read_docx
from tests.conftest import DOCX_EXAMPLE, docx_bytes


def test_paragraphs_and_table_cells_in_reading_order():
    data = docx_bytes(["标题", "第一段", [("（一）加粗标题。", True), ("正文内容。", False)]], table=[["党员总数", "28名"], ["支委", "5名"]])
    result, _ = read_docx("a.docx", data)
    assert result.text == "标题\n第一段\n（一）加粗标题。正文内容。\n党员总数\n28名\n支委\n5名"
    # Every paragraph's recorded offset is where its text begins.
    for p, start, _ in result.paragraphs:
        text = paragraph_text(p)
        assert result.text[start : start + len(text)] == text


def test_the_example_report_reads_with_its_table():
    sf = load(str(DOCX_EXAMPLE), DOCX_EXAMPLE.read_bytes())
    assert sf.format == "docx" and sf.docx is not None
    assert sf.text.startswith("2023年度市税务局第一党支部书记抓基层党建工作述职报告")
    assert "全年党费收缴\nX.X万元" in sf.text


def _docx_with_xml(body_xml: str) -> bytes:
    document = docx.Document()
    document.add_paragraph("占位")
    buf = io.BytesIO()
    document.save(buf)
    src = zipfile.ZipFile(io.BytesIO(buf.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename == "word/document.xml":
                xml = data.decode()
                start = xml.index("<w:body>") + len("<w:body>")
                end = xml.index("<w:sectPr")
                data = (xml[:start] + body_xml + xml[end:]).encode()
            dst.writestr(info, data)
    return out.getvalue()


def test_hyperlinks_insertions_and_content_controls_are_read_deletions_are_not():
    body = (
        '<w:p><w:r><w:t>学习</w:t></w:r><w:hyperlink r:id="rId99"><w:r><w:t>党章</w:t></w:r></w:hyperlink>'
        '<w:del w:id="1" w:author="a"><w:r><w:delText>删掉的</w:delText></w:r></w:del>'
        '<w:ins w:id="2" w:author="a"><w:r><w:t>党规</w:t></w:r></w:ins>'
        '<w:r><w:tab/><w:t xml:space="preserve">第二 </w:t><w:br/><w:t>行</w:t></w:r></w:p>'
        '<w:sdt><w:sdtContent><w:p><w:r><w:t>控件中的段落</w:t></w:r></w:p></w:sdtContent></w:sdt>'
    )
    result, _ = read_docx("a.docx", _docx_with_xml(body))
    assert result.text == "学习党章党规\t第二 \n行\n控件中的段落"


def test_truncated_docx_is_refused_with_a_reason():
    data = DOCX_EXAMPLE.read_bytes()
    with pytest.raises(InputError) as err:
        load("断了.docx", data[: len(data) // 2])
    assert "损坏" in err.value.message


def test_a_zip_without_a_document_part_is_not_a_word_file():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("word/other.xml", "<x/>")
    with pytest.raises(InputError, match="不是有效的Word文档|损坏"):
        load("假.docx", buf.getvalue())


def test_macro_enabled_documents_are_read():
    data = docx_bytes(["启用宏的文档也能读取"])
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            body = src.read(info.filename)
            if info.filename == "[Content_Types].xml":
                body = body.replace(
                    b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml",
                    b"application/vnd.ms-word.document.macroEnabled.main+xml",
                )
            dst.writestr(info, body)
    sf = load("宏.docm", out.getvalue())
    assert sf.text == "启用宏的文档也能读取"


def test_a_document_with_only_empty_paragraphs_is_refused():
    with pytest.raises(InputError, match="没有文字"):
        load("空.docx", docx_bytes(["", "  "]))


def test_an_encrypted_office_file_gets_its_own_reason():
    # Password-protected .docx files are OLE2 containers holding an EncryptedPackage stream.
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512 + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 512
    with pytest.raises(InputError, match="加密"):
        load("加密.docx", data)


def numbered_docx(items: list[tuple[int | None, str]], fmt0="chineseCounting", text0="%1、") -> bytes:
    """A .docx whose paragraphs are numbered by Word itself: (level or None, text)."""
    from docx.oxml import parse_xml

    document = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="90">'
        f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{fmt0}"/><w:lvlText w:val="{text0}"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>'
        '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/></w:lvl>'
        "</w:abstractNum>"
    ))
    numbering.append(parse_xml(f'<w:num {w} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
    for level, text in items:
        p = document.add_paragraph(text)
        if level is not None:
            p._p.get_or_add_pPr().append(parse_xml(
                f'<w:numPr {w}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
            ))
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_word_automatic_numbering_is_shown_as_labels():
    data = numbered_docx([(None, "述职报告"), (0, "履职情况"), (1, "抓学习"), (2, "学习12次"), (2, "研讨4次"),
                          (1, "抓队伍"), (0, "存在问题"), (1, "学习不深"), (None, "正文段落")])
    sf = load("auto.docx", data)
    assert sf.text.split("\n") == ["述职报告", "一、履职情况", "（一）抓学习", "1.\t学习12次", "2.\t研讨4次",
                                   "（二）抓队伍", "二、存在问题", "（一）学习不深", "正文段落"]


def test_numbering_formats():
    from shuzhi.ingest.numbering import format_number

    assert [format_number(n, "chineseCounting") for n in (1, 10, 11, 21)] == ["一", "十", "十一", "二十一"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(2, "ideographTraditional") == "乙"
    assert format_number(4, "upperRoman") == "IV" and format_number(27, "lowerLetter") == "aa"
    assert format_number(5, "bullet") == ""


def test_a_docx_decompression_bomb_is_refused_before_parsing():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        src = zipfile.ZipFile(io.BytesIO(docx_bytes(["正文"])))
        for info in src.infolist():
            zf.writestr(info, src.read(info.filename))
        zf.writestr("word/media/padding.bin", b"\0" * (30 * 1024 * 1024))
    with pytest.raises(InputError, match="疑似压缩炸弹"):
        load("炸弹.docx", buf.getvalue())


def test_lists_sharing_one_definition_continue_and_a_list_may_start_at_zero():
    from docx.oxml import parse_xml

    document = docx.Document()
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="91"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(
        f'<w:abstractNum {w} w:abstractNumId="92"><w:lvl w:ilvl="0"><w:start w:val="0"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:suff w:val="nothing"/></w:lvl></w:abstractNum>'
    ))
    for num, abstract in (("91", "91"), ("92", "91"), ("93", "92")):
        numbering.append(parse_xml(f'<w:num {w} w:numId="{num}"><w:abstractNumId w:val="{abstract}"/></w:num>'))
    for num, text in (("91", "履职情况"), ("92", "存在问题"), ("92", "下一步打算"), ("93", "零号"), ("93", "一号"), ("404", "无定义")):
        p = document.add_paragraph(text)
        p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {w}><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr>'))
    buf = io.BytesIO()
    document.save(buf)
    assert load("a.docx", buf.getvalue()).text.split("\n") == ["一、履职情况", "二、存在问题", "三、下一步打算", "0.零号", "1.一号", "无定义"]
