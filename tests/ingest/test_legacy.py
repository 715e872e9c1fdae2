"""Legacy .doc and .wps: a clear instruction, or conversion when LibreOffice is installed."""

from __future__ import annotations

import pytest

from shuzhi.errors import InputError
from shuzhi.ingest import legacy, load

OLE_DOC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024 + "WordDocument".encode("utf-16-le") + b"\x00" * 1024


def test_doc_without_libreoffice_tells_the_user_what_to_do(monkeypatch):
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    with pytest.raises(InputError) as err:
        load("旧报告.doc", OLE_DOC)
    assert "旧版Word格式（.doc）" in err.value.message and "另存为.docx" in err.value.message


def test_wps_without_libreoffice_is_named_as_wps(monkeypatch):
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    with pytest.raises(InputError, match="WPS格式"):
        load("报告.wps", OLE_DOC)


def test_rtf_and_html_are_treated_as_legacy(monkeypatch):
    monkeypatch.setattr(legacy, "soffice", lambda: None)
    with pytest.raises(InputError, match="RTF"):
        load("报告.doc", rb"{\rtf1\ansi 2023}")
    with pytest.raises(InputError, match="HTML"):
        load("报告.doc", b"<html xmlns:o='urn:schemas-microsoft-com:office:office'><body>x</body></html>")


@pytest.mark.skipif(legacy.soffice() is None, reason="LibreOffice 未安装")
def test_doc_is_converted_when_libreoffice_is_installed(tmp_path):
    import subprocess

    from tests.conftest import docx_bytes

    src = tmp_path / "in.docx"
    src.write_bytes(docx_bytes(["2023年度述职报告", "全年召开支委会XX次。"]))
    subprocess.run([legacy.soffice(), "--headless", f"-env:UserInstallation=file://{tmp_path}/p", "--convert-to", "doc", "--outdir", str(tmp_path), str(src)],
                   check=True, capture_output=True, timeout=180)
    sf = load("in.doc", (tmp_path / "in.doc").read_bytes())
    assert sf.format == "doc" and "全年召开支委会XX次。" in sf.text and sf.docx is not None


@pytest.mark.parametrize(
    "data, fmt",
    [
        (b'<?xml version="1.0"?><?mso-application progid="Word.Document"?><w:wordDocument xmlns:w="x"/>', "html"),
        (b"MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=x\r\n\r\n<html>", "mht"),
        (b'<meta charset="utf-8"><p>2023</p>', "html"),
        ("BM党支部开展学习活动，召开支委会12次。".encode(), "txt"),
        (b"BM" + b"\x36\x00\x0c\x00" + b"\x00\x00\x00\x00" + b"\x36\x00\x00\x00" + b"\x00" * 40, "image"),
    ],
)
def test_formats_are_told_apart_by_content(data, fmt):
    from shuzhi.ingest import sniff

    assert sniff(data, "报告.doc") == fmt


def test_mht_gives_its_html_part():
    message = (
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"B\"\r\n\r\n--B\r\n"
        "Content-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        "<p>=E5=85=A8=E5=B9=B4XX=E6=AC=A1</p>\r\n--B--\r\n"
    ).encode()
    assert "全年XX次".encode() in legacy._html_of_mht("a.mht", message)
