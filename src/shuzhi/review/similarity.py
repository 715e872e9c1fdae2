"""Characters that sound alike (pypinyin, with the fuzzy pairs of Chinese typing) or look alike."""

from __future__ import annotations

from functools import lru_cache

# Initials and finals that people confuse when typing pinyin: 自信/自性 (in/ing), 廉/连 are already equal.
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"))
_FUZZY_FINALS = (("ing", "in"), ("eng", "en"), ("ang", "an"))


def _fuzzy(syllable: str) -> str:
    for long, short in _FUZZY_INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long):]
            break
    if syllable.startswith("l"):
        syllable = "n" + syllable[1:]
    for long, short in _FUZZY_FINALS:
        if syllable.endswith(long):
            return syllable[: -len(long)] + short
    return syllable


@lru_cache(maxsize=8192)
def readings(ch: str) -> frozenset[str]:
    """The usual toneless reading of a character, fuzzy-normalized; empty for anything not Han.

    Only the first (most common) reading pypinyin gives counts: rare readings (有 wěi, 机 wēi) would make
    almost any two characters sound alike.
    """
    if not ("\u3400" <= ch <= "\u9fff"):
        return frozenset()
    from pypinyin import Style, pinyin  # 0.2 s to import: only when a near miss needs its sound

    return frozenset({_fuzzy(pinyin(ch, style=Style.NORMAL)[0][0])})


def sounds_alike(a: str, b: str) -> bool:
    return bool(readings(a) & readings(b))
