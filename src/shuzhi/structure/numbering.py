"""The numbering schemes of Chinese official reports and the labels they produce."""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUMERALS = "一二三四五六七八九十"
_CN_VALUE = {c: i for i, c in enumerate("零一二三四五六七八九", start=0)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def cn_to_int(text: str) -> int | None:
    """一 -> 1, 十 -> 10, 十二 -> 12, 二十三 -> 23; None for anything else."""
    if not text or any(c not in _CN_VALUE and c != "十" for c in text):
        return None
    if "十" not in text:
        return _CN_VALUE[text] or None if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    value = (_CN_VALUE[tens] if tens else 1) * 10 + (_CN_VALUE[ones] if ones else 0)
    return value if value > 0 else None


def int_to_cn(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else digits[tens]) + "十" + (digits[ones] if ones else "")


@dataclass(frozen=True)
class Scheme:
    name: str
    rank: int  # smaller ranks enclose larger ones
    inline: bool
    pattern: re.Pattern
    example: str

    def number(self, match: re.Match) -> int | None:
        raw = match.group("n")
        if raw in _CIRCLED:
            return _CIRCLED.index(raw) + 1
        if raw.isdigit():
            return int(raw)
        return cn_to_int(raw)

    def label(self, n: int) -> str:
        """How number n is written in this scheme, for messages."""
        return self.example.replace("一", int_to_cn(n)).replace("1", str(n)).replace("①", _CIRCLED[n - 1] if n <= 20 else str(n))


_N = "(?P<n>[一二三四五六七八九十]{1,3})"
_D = r"(?P<n>\d{1,2})"
_LEAD = r"^[ \t\u3000]*"

SCHEMES = (
    Scheme("cn", 1, False, re.compile(_LEAD + _N + r"\s*[、．.]"), "一、"),
    Scheme("cn_paren", 2, False, re.compile(_LEAD + r"[（(]\s*" + _N + r"\s*[）)]"), "（一）"),
    Scheme("num", 3, False, re.compile(_LEAD + _D + r"\s*(?:[、．]|\.(?!\d))"), "1."),
    Scheme("num_paren", 4, False, re.compile(_LEAD + r"[（(]\s*" + _D + r"\s*[）)]"), "（1）"),
    Scheme("circled", 5, False, re.compile(_LEAD + r"(?P<n>[①-⑳])"), "①"),
)
# Inline enumerations start a paragraph or follow a sentence or clause break. Those that open a
# paragraph (一是… / 二是… as paragraphs) enclose those inside a paragraph (…。一要…二要…).
_INLINE = r"(?:^[ \t\u3000]*|(?<=[。；;：:！？，,]))" + _N + "{}" + r"(?=[^，。、；\s])"
INLINE_SCHEMES = (
    Scheme("shi", 6, True, re.compile(_INLINE.replace("{}", "是"), re.M), "一是"),
    Scheme("yao", 6, True, re.compile(_INLINE.replace("{}", "要"), re.M), "一要"),
)
NESTED_INLINE = {
    s.name: Scheme(s.name + "_in", 7, True, s.pattern, s.example) for s in INLINE_SCHEMES
}
SCHEME_BY_NAME = {s.name: s for s in SCHEMES + INLINE_SCHEMES + tuple(NESTED_INLINE.values())}
