"""Character classes shared by the rules and the YAML packs."""

from __future__ import annotations

# Han characters (basic block and extension A) and the compatibility block.
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Chinese punctuation: CJK symbols, full-width forms, curly quotes, ellipsis and dashes.
CJK_PUNCT = "\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65\u2018-\u201f\u2026\u2014"

# Names usable as {NAME} inside YAML patterns.
MACROS = {
    "HAN": HAN,
    "CJKP": HAN + CJK_PUNCT,
    "PUNCT": CJK_PUNCT,
}


def basic_han_word(word: str) -> bool:
    """Every character of `word` in the basic CJK block: what word and name lists hold besides Latin, digits
    and symbols."""
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def is_han(ch: str) -> bool:
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF
