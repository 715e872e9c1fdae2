"""Build src/shuzhi/review/typo/shapes.txt, the table of look-alike characters, from char-similar's data.

    pip download --no-deps char-similar==0.0.2 -d /tmp/cs && unzip -q /tmp/cs/*.whl -d /tmp/cs
    python tools/build_shapes.py /tmp/cs/char_similar/data

char-similar (MIT, github.com/yongzhuo/char-similar) ships, for about 20,000 characters, a split into two
components, the radical, the four-corner code, the stroke count and the stroke order. Depending on it at run
time would pull in macropodus, gensim, pandas and scikit-learn (and pin an old tqdm), so the project ships only
this derived table; the notice in shapes.txt carries its licence. Two characters look alike here, closest first,
when
- their stroke orders differ by one stroke inserted, deleted or changed (白/自, 未/末, 目/日);
- one is the other with a radical added (呆/保, 责/债, 足/促, 斗/科: the part left when a radical is dropped or
  added by mistake);
- they share a component that is not the radical of either (悔/梅/海, 暖/援), larger shared parts first;
- they share a component of three or more strokes and differ by at most four strokes (很/银, 斯/期), or one is
  the other plus a few strokes (贝/员, 车/军);
- they have the same four-corner code (四角号码).
Only the 6,000 characters most frequent in jieba's dictionary are targets (a typo is corrected into a
common character); sources are every character of jieba's dictionary. At most 24 targets a character.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.review.typo.lexicon import lexicon  # noqa: E402

OUT = ROOT / "src" / "shuzhi" / "review" / "typo" / "shapes.txt"
TARGETS = 6000
# The full form char-similar's split gives a radical in (亻 is written 人 in 保's split, 氵 水 in 法's).
RADICAL_FORMS = {"亻": "人", "氵": "水", "艹": "草", "扌": "手", "忄": "心", "阝": "阜", "王": "玉", "钅": "金",
                 "衤": "衣", "辶": "辵", "犭": "犬", "纟": "丝", "讠": "言", "刂": "刀", "礻": "示", "攵": "攴",
                 "牜": "牛", "冫": "冰", "罒": "网", "灬": "火", "饣": "食", "糸": "丝", "飠": "食"}
PER_CHAR = 24


def main(data: Path) -> None:
    def read(name):
        return json.loads((data / name).read_text(encoding="utf-8"))

    parts, four, strokes, order = read("char_stroke.dict"), read("char_fourangle.dict"), read("char_number.dict"), read("char_order.dict")
    radical = read("char_component.dict")

    def main_parts(c: str) -> list[str]:
        """c's components other than its radical (in the split, the radical is written in its full form)."""
        r = radical.get(c, "")
        return [p for p in parts.get(c, []) if p != c and p != r and p != RADICAL_FORMS.get(r)]
    char_freq = lexicon().char_freq
    ranked = sorted(char_freq, key=lambda c: -char_freq[c])
    targets = ranked[:TARGETS]
    rank = {c: i for i, c in enumerate(targets)}
    by_part, by_four, by_order, by_main = defaultdict(set), defaultdict(set), defaultdict(set), defaultdict(set)
    for c in targets:
        for p in main_parts(c):
            by_main[p].add(c)
        for p in set(parts.get(c, [])):
            if strokes.get(p, 0) >= 3:
                by_part[p].add(c)
        if c in four:
            by_four[four[c][:4]].add(c)
        s = order.get(c, "")
        if len(s) >= 3:
            for key in _deletions(s):
                by_order[key].add(c)
    lines = []
    for c in ranked:
        n = strokes.get(c, 0)
        found: dict[str, int] = {}  # target -> strength (lower is closer)

        def add(d: str, strength: float) -> None:
            if d != c and d in rank:
                found[d] = min(found.get(d, 9), strength)

        # A radical dropped or added: c is the main part of d, or d of c (a part of two strokes or more, and at
        # most six strokes of radical: 刀/分, 斗/科, not 一/大).
        if n >= 2:
            for d in by_main.get(c, ()):
                if len(parts.get(d, [])) == 2 and strokes.get(d, 0) - n <= 6:
                    add(d, 0)
        for p in main_parts(c):
            if len(parts.get(c, [])) == 2 and strokes.get(p, 0) >= 2 and n - strokes.get(p, 0) <= 6:
                add(p, 0)
            # Another radical on the same main part: the bigger the part they share, the closer.
            if strokes.get(p, 0) >= 4:
                for d in by_main[p]:
                    add(d, 1 - min(strokes[p], 12) / 24)

        s = order.get(c, "")
        if len(s) >= 3:
            for key in _deletions(s):
                for d in by_order.get(key, ()):
                    add(d, 0)
        for p in set(parts.get(c, [])):
            if strokes.get(p, 0) >= 3:
                for d in by_part[p]:
                    if abs(strokes.get(d, 0) - n) <= 4:
                        add(d, 1)
            if 2 <= strokes.get(p, 0) and n - strokes.get(p, 0) <= 4:
                add(p, 1)
        for d in by_part.get(c, ()):
            if strokes.get(d, 0) - n <= 4:
                add(d, 1)
        if c in four:
            for d in by_four[four[c][:4]]:
                add(d, 2)
        best = sorted(found, key=lambda d: (found[d], rank[d]))[:PER_CHAR]
        if best:
            lines.append(f"{c}\t{''.join(best)}")
    header = (
        "# 形近字表：每行一个字、制表符、与它字形相近的常用字（由近及远）。由 tools/build_shapes.py 生成，勿手改。\n"
        "# 数据来源：char-similar 0.0.2（MIT License, Copyright (c) 2024 yongzhuo, github.com/yongzhuo/char-similar）\n"
        "# 的部件拆分、四角号码、笔画数与笔顺；常用字范围取自 jieba 0.42.1 词典（MIT）。\n"
    )
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} characters written to {OUT}")


def _deletions(s: str) -> list[str]:
    """The stroke order itself and every way of dropping one stroke: two orders sharing a key differ by one edit."""
    return [s] + [s[:i] + s[i + 1 :] for i in range(len(s))]


if __name__ == "__main__":
    main(Path(sys.argv[1]))
