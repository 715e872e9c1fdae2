"""A word or phrase written twice in a row (推动推动, 认真认真学习), not legitimate reduplication."""

from __future__ import annotations

import re

from ..lexicon import two_char_tags, word_freq
from ..registry import Rule, implements
from ..text import HAN, is_han

_DOUBLE = re.compile(rf"([{HAN}]{{1,6}})\1")


@implements("doubled-word")
class DoubledWord(Rule):
    def check(self, doc, ctx):
        text = doc.text
        singles = set(self.options.get("single_chars", ""))
        abab = set(self.options.get("reduplicating_verbs", []))
        names = tuple(self.options.get("names", []))
        freq = word_freq()
        for m in _DOUBLE.finditer(text, doc.start, doc.end):
            unit = m.group(1)
            s, e = m.span()
            if text.startswith(names, s + len(unit)):
                continue  # 学习学习强国: the second copy begins a name
            if not self._is_error(text, s, e, unit, singles, abab, freq):
                continue
            yield self.finding(
                doc, s, e,
                message=f"“{unit}”连写了两次，疑为重复录入",
                suggestions=[unit],
            )

    @staticmethod
    def _is_error(text, s, e, unit, singles, abab, freq) -> bool:
        # Two words meeting: the first copy ends a word begun before it (学习目的|的同时, 现在|在职,
        # 党组织|组织党员), so nothing was typed twice.
        if s > 0 and any(freq.get(text[s - k : s + len(unit)], 0) >= 20 for k in (1, 2) if s - k >= 0):
            return False
        if len(unit) == 1:
            if unit not in singles:
                return False  # 常常, 看看, 层层: single-character reduplication is ordinary Chinese
            # AABB forms (的的确确) and words that contain the pair (等等) are fine.
            window = text[max(0, s - 2) : e + 2]
            if any(freq.get(window[i : i + n], 0) for n in (2, 3, 4) for i in range(len(window) - n + 1) if unit * 2 in window[i : i + n]):
                return False
            return True
        if len(set(unit)) == 1 or unit in abab or unit[0] == "一":
            return False  # 哈哈哈哈, 研究研究, 一步一步
        if len(unit) == 2:
            # Only a real word counts: 的人的人 (帮助的人的人数) is two words meeting by chance.
            if freq.get(unit, 0) < 20 or freq.get(unit * 2, 0):
                return False
            # A noun may end one phrase and begin the next: after an abbreviation (PPP项目|项目经理), or
            # where the second copy begins a longer word (项目经理). 党员党员通读 is typed twice.
            tag = two_char_tags().get(unit, "")
            if tag.startswith("n") or tag == "vn":
                if s > 0 and text[s - 1].isascii() and text[s - 1].isalnum():
                    return False
                return not any(freq.get(text[s + len(unit) : e + k], 0) >= 3 for k in (1, 2))
            return True
        return True
