"""Decode text files in any common Chinese encoding, by content rather than by name."""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from ..errors import InputError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control characters other than tab, line feed, carriage return and form feed
# do not occur in real text; many of them mean binary content.
_CONTROL = re.compile("[\x00-\x08\x0b\x0e-\x1a\x7f]")


def decode(source: str, data: bytes) -> tuple[str, str]:
    """Return (text, encoding name) or raise InputError."""
    if not data.strip():
        raise InputError(source, "文件为空 / empty file")
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(source, data.decode(enc), enc), enc.replace("-sig", "") + " (BOM)"
            except UnicodeDecodeError:
                raise InputError(source, f"文件以{enc}标记开头但内容无法解码 / broken {enc} text") from None
    try:
        return _checked(source, data.decode("utf-8"), "utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # A UTF-8 file with a few damaged bytes: keep it UTF-8 and let the damage show as U+FFFD, which the
    # garbled-text rule reports, rather than reading the whole file as GBK mojibake.
    lenient = data.decode("utf-8", errors="replace")
    damaged = lenient.count("\ufffd")
    if damaged <= max(3, len(lenient) // 500) and sum(1 for c in lenient if "\u4e00" <= c <= "\u9fff") > 10 * damaged:
        return _checked(source, lenient, "utf-8"), "utf-8 (损坏字节已替换)"
    utf16 = _guess_utf16(data)
    if utf16:
        try:
            return _checked(source, data.decode(utf16), utf16), utf16
        except UnicodeDecodeError:
            pass
    if data.count(0) > 0:
        raise InputError(source, "不是文本文件（含二进制内容） / binary content, not text")
    try:
        text = data.decode("gb18030")
        if _mostly_simplified(text):
            return _checked(source, text, "gb18030"), "gb18030"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None or best.chaos > 0.3:
        raise InputError(source, "无法识别文本编码，可能不是文本文件 / unknown encoding or not text")
    return _checked(source, str(best), best.encoding), best.encoding


def _guess_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: the byte order whose decoding reads as Chinese or ASCII text."""
    if len(data) < 4 or len(data) % 2:
        return None
    best, best_score = None, 0.0
    sample = data[:8192]
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        plausible = sum(1 for c in text if c in "\t\r\n" or " " <= c <= "~" or "\u3000" <= c <= "\u303f" or "\u4e00" <= c <= "\u9fff" or "\uff00" <= c <= "\uffef")
        score = plausible / max(len(text), 1)
        if score > best_score:
            best, best_score = encoding, score
    # GBK bytes read as UTF-16 land all over the Unicode planes (Hangul, Yi, private use): far below this.
    return best if best_score >= 0.95 else None


def _mostly_simplified(text: str) -> bool:
    """GBK bytes decode to common GB2312 characters; Big5 or random bytes decoded as GBK do not."""
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return True
    common = 0
    for c in wide:
        try:
            c.encode("gb2312")
            common += 1
        except UnicodeEncodeError:
            pass
    return common >= 0.95 * len(wide)


_LONE_CR = re.compile(r"\r(?!\n)")


def _checked(source: str, text: str, encoding: str) -> str:
    sample = text[:20000]
    if sample:
        bad = len(_CONTROL.findall(sample))
        if bad > max(2, len(sample) // 200):
            raise InputError(source, "不是文本文件（含二进制内容） / binary content, not text")
    if not text.strip("\ufeff \t\r\n\u3000"):
        raise InputError(source, "文件为空 / empty file")
    # Old Mac files end lines with CR alone; one character for one keeps every offset where it was.
    return _LONE_CR.sub("\n", text)
