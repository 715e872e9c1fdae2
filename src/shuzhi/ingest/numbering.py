"""Word's automatic list numbering, rendered as the labels a reader sees (一、 （一） 1. ①).

Headings numbered by Word itself carry no label in their runs; without this their report has no
visible structure. The label is put in front of the paragraph's text and counted as a prefix the
annotator knows is not in any run.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..structure.numbering import int_to_cn

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_VAL = _W + "val"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = "零壹贰叁肆伍陆柒捌玖"


def _roman(n: int) -> str:
    out = ""
    for value, numeral in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out, n = out + numeral, n - value
    return out


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def format_number(n: int, fmt: str) -> str:
    if n < 0:
        return str(n)
    if fmt in ("chineseCounting", "chineseCountingThousand", "taiwaneseCounting", "taiwaneseCountingThousand"):
        return int_to_cn(n) if n < 100 else str(n)
    if fmt == "chineseLegalSimplified":
        return "".join(_LEGAL[int(d)] for d in str(n))
    if fmt in ("ideographTraditional", "ideographZodiacTraditional"):
        return _TIANGAN[(n - 1) % 10]
    if fmt == "ideographZodiac":
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return _CIRCLED[n - 1] if 1 <= n <= 20 else str(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt in ("none", "bullet"):
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    suffix: str = "\t"
    legal: bool = False


def _int(value, default: int = 0) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


@dataclass
class Numbering:
    """Counters for every list of one document, advanced paragraph by paragraph in reading order.

    Lists (w:num) that share an abstract definition continue one another's numbering, as in Word and
    LibreOffice, unless a list restarts with a start override; malformed definitions give no label.
    """

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    starts: dict[tuple[str, int], int] = field(default_factory=dict)  # startOverride
    counter_key: dict[str, str] = field(default_factory=dict)  # numId -> whose counters it advances
    style_numbering: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId -> (numId, ilvl)
    counters: dict[str, list[int | None]] = field(default_factory=dict)

    @classmethod
    def of(cls, document) -> Numbering:
        numbering = cls()
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return numbering
        abstracts = {a.get(_W + "abstractNumId"): a for a in root.iterchildren(_W + "abstractNum")}
        for num in root.iterchildren(_W + "num"):
            num_id = num.get(_W + "numId")
            ref = num.find(_W + "abstractNumId")
            abstract = abstracts.get(ref.get(_VAL)) if ref is not None else None
            if abstract is None:
                continue
            numbering.levels[num_id] = {_int(lvl.get(_W + "ilvl")): _parse_level(lvl) for lvl in abstract.iterchildren(_W + "lvl")}
            numbering.counter_key[num_id] = "abstract:" + str(ref.get(_VAL))
            for override in num.iterchildren(_W + "lvlOverride"):
                ilvl = _int(override.get(_W + "ilvl"))
                start = override.find(_W + "startOverride")
                if start is not None:
                    numbering.starts[num_id, ilvl] = _int(start.get(_VAL), 1)
                    numbering.counter_key[num_id] = "num:" + num_id  # a restarted list counts on its own
                lvl = override.find(_W + "lvl")
                if lvl is not None:
                    numbering.levels[num_id][ilvl] = _parse_level(lvl)
        try:
            styles = document.styles.element
        except AttributeError:
            return numbering
        for style in styles.iterchildren(_W + "style"):
            num_pr = style.find(f"{_W}pPr/{_W}numPr")
            if num_pr is not None:
                num_id = num_pr.find(_W + "numId")
                ilvl = num_pr.find(_W + "ilvl")
                if num_id is not None:
                    numbering.style_numbering[style.get(_W + "styleId")] = (num_id.get(_VAL), _int(ilvl.get(_VAL)) if ilvl is not None else 0)
        return numbering

    def label(self, paragraph) -> str:
        """The label Word shows before this paragraph, advancing the counters; '' when it has none."""
        ref = self._reference(paragraph)
        if ref is None:
            return ""
        num_id, ilvl = ref
        levels = self.levels.get(num_id)
        if not levels or ilvl not in levels or not 0 <= ilvl < 9:
            return ""
        counters = self.counters.setdefault(self.counter_key.get(num_id, num_id), [None] * 9)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        level = levels[ilvl]
        current = counters[ilvl]
        counters[ilvl] = self.starts.get((num_id, ilvl), level.start) if current is None else current + 1
        if level.fmt == "bullet" or not level.text:
            return ""
        text = level.text
        for k in range(ilvl + 1):
            shown = levels.get(k, _Level())
            value = counters[k] if counters[k] is not None else self.starts.get((num_id, k), shown.start)
            fmt = "decimal" if level.legal and shown.fmt not in ("none",) else shown.fmt
            text = text.replace(f"%{k + 1}", format_number(value, fmt))
        return text + level.suffix

    def _reference(self, paragraph) -> tuple[str, int] | None:
        ppr = paragraph.find(_W + "pPr")
        if ppr is None:
            return None
        num_pr = ppr.find(_W + "numPr")
        if num_pr is not None:
            num_id = num_pr.find(_W + "numId")
            ilvl = num_pr.find(_W + "ilvl")
            if num_id is None or num_id.get(_VAL) == "0":
                return None
            return num_id.get(_VAL), _int(ilvl.get(_VAL)) if ilvl is not None else 0
        style = ppr.find(_W + "pStyle")
        if style is not None:
            return self.style_numbering.get(style.get(_VAL))
        return None


def _parse_level(lvl) -> _Level:
    def val(tag: str, default: str) -> str:
        el = lvl.find(_W + tag)
        return el.get(_VAL, default) if el is not None else default

    suffix = {"tab": "\t", "space": " ", "nothing": ""}.get(val("suff", "tab"), "\t")
    return _Level(
        start=_int(val("start", "1"), 1),
        fmt=val("numFmt", "decimal"),
        text=val("lvlText", ""),
        suffix=suffix,
        legal=lvl.find(_W + "isLgl") is not None,
    )
