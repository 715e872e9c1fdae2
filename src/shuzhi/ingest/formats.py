"""Tell file formats apart by their first bytes, not by their names."""

from __future__ import annotations

import io
import zipfile

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def sniff(data: bytes, name: str = "") -> str:
    """The format of a file from its first bytes; the name only tells legacy formats apart."""
    head = data[:2048]
    lower_name = name.lower()
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _sniff_zip(data, lower_name)
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(_OLE2):
        if "EncryptedPackage".encode("utf-16-le") in data:
            return "encrypted-office"
        if "Workbook".encode("utf-16-le") in data or "PowerPoint".encode("utf-16-le") in data:
            return "office-other"
        return "wps" if lower_name.endswith(".wps") else "doc"
    if head.lstrip(b"\xef\xbb\xbf").startswith(b"{\\rtf"):
        return "rtf"
    probe = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if probe.startswith((b"<html", b"<!doctype html")) or (b"<html" in probe and b"urn:schemas-microsoft-com:office" in head.lower()):
        return "html"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"BM", b"II*\x00", b"MM\x00*")):
        return "image"
    return "txt"


def _sniff_zip(data: bytes, lower_name: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
    except zipfile.BadZipFile:
        # A truncated Word file is the likely case unless the name says archive.
        return "zip" if lower_name.endswith(".zip") else "docx"
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    if any(n.startswith("ppt/") for n in names):
        return "pptx"
    return "docx" if "[Content_Types].xml" in names else "zip"


UNSUPPORTED = {
    "xlsx": "Excel表格文件，不是述职报告文档 / spreadsheet, not a report",
    "pptx": "PowerPoint演示文稿，不支持 / presentation, not supported",
    "office-other": "Excel或PowerPoint旧版文件，不支持 / spreadsheet or presentation, not supported",
    "encrypted-office": "文件已加密（设置了打开密码），请去除密码后再试 / password-protected Office file",
    "image": "图片文件，没有文字，需先OCR / image file, no text",
    "zip": "压缩包请直接作为输入路径传入 / nested archive",
}
