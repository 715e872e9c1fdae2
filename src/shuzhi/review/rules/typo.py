"""A stray Latin letter typed into the middle of a Chinese word (组织i生活, 廉Z政)."""

from __future__ import annotations

import re

from ..lexicon import word_freq
from ..registry import Rule, implements
from ..text import HAN

# X and x are usually template placeholders (PH001); inside a word (振X兴) they are stray letters too.
_STRAY = re.compile(rf"(?<=[{HAN}])([A-Za-z])(?=[{HAN}])")


@implements("stray-letter")
class StrayLetter(Rule):
    """Report the letter only when removing it joins the characters around it into a known word."""

    def check(self, doc, ctx):
        text = doc.text
        followers = set(self.options.get("allowed_before", ""))
        min_freq = self.options.get("min_word_freq", 3)
        for m in _STRAY.finditer(text, doc.start, doc.end):
            s, e = m.span(1)
            if text[e] in followers:
                continue
            left = _han_run(text, s, -1)
            right = _han_run(text, e, 1)
            word = _spanning_word(left, right, min_freq)
            if word:
                yield self.finding(
                    doc, s, e,
                    message=f"汉字中间夹杂字母“{m.group(1)}”，去掉后为“{word}”，疑为误输入",
                    suggestions=[""],
                )


def _han_run(text: str, pos: int, step: int, limit: int = 4) -> str:
    chars = []
    i = pos - 1 if step < 0 else pos
    while 0 <= i < len(text) and len(chars) < limit and "\u4e00" <= text[i] <= "\u9fff":
        chars.append(text[i])
        i += step
    return "".join(reversed(chars)) if step < 0 else "".join(chars)


def _spanning_word(left: str, right: str, min_freq: int) -> str | None:
    """The longest known word made of a tail of `left` and a head of `right`."""
    freq = word_freq()
    best = None
    for i in range(len(left)):
        for j in range(1, len(right) + 1):
            word = left[i:] + right[:j]
            if freq.get(word, 0) >= min_freq and (best is None or len(word) > len(best)):
                best = word
    return best
