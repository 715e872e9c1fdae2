"""Text files are decoded by content, whatever their name says."""

from __future__ import annotations

import codecs

import pytest

from shuzhi.errors import InputError
from shuzhi.ingest import load
from shuzhi.ingest.text import decode

SAMPLE = "2023年度党支部书记抓基层党建工作述职报告\n一、履职情况\n全年组织集中学习12次，截至12月底发展党员3名。\n"


@pytest.mark.parametrize(
    "encoded, expected_encoding",
    [
        (SAMPLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + SAMPLE.encode("utf-8"), "utf-8 (BOM)"),
        (SAMPLE.encode("gb18030"), "gb18030"),
        (SAMPLE.encode("gbk"), "gb18030"),
        (codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), "utf-16 (BOM)"),
        (codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), "utf-16 (BOM)"),
        (SAMPLE.encode("utf-16-le"), "utf-16-le"),
        (SAMPLE.encode("utf-16-be"), "utf-16-be"),
        # Mostly Chinese, few ASCII characters, and 一 (U+4E00) which has a zero byte.
        ("一二三四五六七八九十党支部一年来".encode("utf-16-le") * 20, "utf-16-le"),
    ],
)
def test_common_encodings_decode_to_the_same_text(encoded, expected_encoding):
    text, encoding = decode("a.txt", encoded)
    assert text == encoded.decode({"utf-8 (BOM)": "utf-8-sig", "utf-16 (BOM)": "utf-16"}.get(encoding, encoding))
    assert encoding == expected_encoding


def test_short_gbk_text_is_not_mistaken_for_big5():
    text, encoding = decode("a.txt", "截至目前".encode("gbk"))
    assert text == "截至目前" and encoding == "gb18030"


def test_gbk_with_rare_characters_falls_back_to_detection():
    traditional = "黨支部書記抓基層黨建工作述職報告，堅持從嚴治黨。" * 3
    text, _ = decode("big5.txt", traditional.encode("big5"))
    assert text == traditional


def test_line_endings_are_kept_so_offsets_match_the_file():
    text, _ = decode("crlf.txt", "第一行\r\n第二行\r\n".encode("gbk"))
    assert text == "第一行\r\n第二行\r\n"


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "文件为空"),
        (b"   \r\n\t  \n", "文件为空"),
        (codecs.BOM_UTF8, "文件为空"),
        (bytes(range(256)) * 20, "不是文本文件"),
        (b"\x00\x01\x02\x03binary\x00\x00\xff\xfe\x00", "不是文本文件"),
    ],
)
def test_empty_and_binary_content_is_refused(data, reason):
    with pytest.raises(InputError) as err:
        load("报告.txt", data)
    assert reason in err.value.message and err.value.source == "报告.txt"


def test_png_named_txt_is_refused_as_an_image():
    with pytest.raises(InputError, match="图片"):
        load("scan.txt", b"\x89PNG\r\n\x1a\n" + b"\x00" * 100)


def test_utf8_with_a_damaged_byte_stays_utf8_and_the_damage_is_reported():
    import shuzhi

    data = SAMPLE.encode("utf-8")
    cut = data.index("发展".encode())
    damaged = data[:cut] + b"\xff" + data[cut:]
    text, encoding = decode("a.txt", damaged)
    assert text == SAMPLE.replace("发展", "\ufffd发展") and encoding.startswith("utf-8")
    (checked,) = shuzhi.check(text)
    assert [f.rule for f in checked.findings if f.category == "artifact"] == ["AR005"]


def test_old_mac_line_endings_become_line_feeds_in_place():
    text, _ = decode("mac.txt", "第一行\r第二行\r\n第三行".encode("gbk"))
    assert text == "第一行\n第二行\r\n第三行"
