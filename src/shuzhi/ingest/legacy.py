"""Legacy formats (.doc, .wps, .rtf, Word's HTML): convert with LibreOffice when it is installed."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import InputError

FORMAT_NAMES = {
    "doc": "旧版Word格式（.doc）",
    "wps": "WPS格式（.wps）",
    "rtf": "RTF格式",
    "html": "网页或Word XML格式（HTML、XML）",
    "mht": "单个文件网页格式（MHT）",
}


def soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    return None


def convert_to_docx(source: str, data: bytes, fmt: str, timeout: float = 120) -> bytes:
    """Return .docx bytes converted by LibreOffice, or raise InputError telling the user what to do."""
    name = FORMAT_NAMES.get(fmt, fmt)
    exe = soffice()
    if exe is None:
        raise InputError(
            source,
            f"{name}无法直接读取，请用Word或WPS另存为.docx后再检查（或安装LibreOffice以自动转换） / "
            f"legacy {fmt}: save as .docx",
        )
    if fmt == "mht":
        data = _html_of_mht(source, data)
        fmt = "html"
    with tempfile.TemporaryDirectory(prefix="shuzhi-") as tmp:
        suffix = {"html": ".html", "rtf": ".rtf", "wps": ".wps"}.get(fmt, ".doc")
        src = Path(tmp) / f"input{suffix}"
        src.write_bytes(data)
        env = dict(os.environ, HOME=tmp)
        try:
            subprocess.run(
                [exe, "--headless", "--norestore", f"-env:UserInstallation=file://{tmp}/profile",
                 "--convert-to", "docx:MS Word 2007 XML", "--outdir", tmp, str(src)],
                capture_output=True, timeout=timeout, env=env, check=False,
            )
        except subprocess.TimeoutExpired:
            raise InputError(source, f"{name}转换超时，请另存为.docx后再检查 / conversion timed out") from None
        out = Path(tmp) / "input.docx"
        if not out.exists():
            raise InputError(source, f"{name}转换失败，请用Word或WPS另存为.docx后再检查 / conversion failed")
        return out.read_bytes()


def _html_of_mht(source: str, data: bytes) -> bytes:
    """The HTML part of a MIME web archive (Word's "single file web page"), decoded, as UTF-8."""
    import email
    from email import policy

    message = email.message_from_bytes(data, policy=policy.default)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            try:
                html = part.get_content()
            except (LookupError, UnicodeDecodeError):
                html = part.get_payload(decode=True).decode("gb18030", errors="replace")
            return ('<meta charset="utf-8">' + html).encode("utf-8")
    raise InputError(source, "单个文件网页（MHT）中没有网页正文 / no HTML part in the archive")
