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
    # Word's "save as web page" and "single file web page" (.mht), and Word 2003 XML, often named .doc.
    if probe.startswith(b"mime-version:") and b"multipart/related" in probe:
        return "mht"
    if probe.startswith((b"<html", b"<!doctype html", b"<meta", b"<head", b"<body")) or (
        b"<html" in probe and b"urn:schemas-microsoft-com:office" in probe
    ):
        return "html"
    if probe.startswith(b"<?xml") and (b"<w:worddocument" in probe or b'progid="word.document"' in probe):
        return "html"
    if _is_image(head):
        return "image"
    return "txt"


def _is_image(head: bytes) -> bool:
    if head.startswith((b"\x89PNG\r\n", b"\xff\xd8\xff", b"GIF87a", b"GIF89a", b"II*\x00", b"MM\x00*")):
        return True
    # BMP: "BM", the file size, then four reserved zero bytes; a text file may well start with "BM".
    return head.startswith(b"BM") and len(head) >= 26 and head[6:10] == b"\x00\x00\x00\x00"


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
    "zip": "这是压缩包而不是报告文件（扩展名与内容不符），请改名为 .zip 后检查 / an archive, not a report",
}
