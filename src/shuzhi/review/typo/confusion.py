"""The characters a written character is commonly confused with, and how (the channel of the noisy-channel model).

Sound comes from pypinyin's character table (every reading counts: 行 háng and xíng), with the fuzzy pairs of
pinyin typing (z/zh, c/ch, s/sh, n/l, in/ing, en/eng, an/ang); shape from shapes.txt (built from char-similar's
data) and the project's curated look-alike groups (knowledge/lookalikes.yaml).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..knowledge import load_knowledge
from .lexicon import lexicon

# Kinds of confusion, most likely first; the corrector's prior cost grows along this list.
SAME_TONE, SAME_SOUND, NEAR_SOUND, SHAPE = "same_tone", "same_sound", "near_sound", "shape"
REASONS = {SAME_TONE: "同音", SAME_SOUND: "同音", NEAR_SOUND: "近音", SHAPE: "形近"}
COMMON_CHARS = 6000
READINGS = 2  # readings of a character that count  # a typo is corrected into one of the characters most frequent in jieba's dictionary

_TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_FUZZY_INITIALS = (("zh", "z"), ("ch", "c"), ("sh", "s"), ("l", "n"))
_FUZZY_FINALS = (("ing", "in"), ("eng", "en"), ("ang", "an"))


def split_tone(syllable: str) -> tuple[str, str]:
    """('zhong', '1') for 'zhōng'; ü is written v."""
    tone = "5"
    out = []
    for ch in unicodedata.normalize("NFD", syllable.replace("ü", "v")):
        if ch in _TONES:
            tone = _TONES[ch]
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out), tone


def fuzzy(syllable: str) -> str:
    for long, short in _FUZZY_INITIALS:
        if syllable.startswith(long):
            syllable = short + syllable[len(long) :]
            break
    for long, short in _FUZZY_FINALS:
        if syllable.endswith(long):
            return syllable[: -len(long)] + short
    return syllable


@dataclass(eq=False)  # hashed by identity, for the per-character cache
class Confusions:
    readings: dict[str, tuple[tuple[str, str], ...]]  # char -> ((toneless, tone), ...)
    by_tone: dict[tuple[str, str], str]  # (toneless, tone) -> common chars
    by_sound: dict[str, str]
    by_fuzzy: dict[str, str]
    shapes: dict[str, str]

    @lru_cache(maxsize=20000)  # noqa: B019 (one instance per process)
    def set_of(self, ch: str) -> frozenset[str]:
        return frozenset(self.of(ch))

    @lru_cache(maxsize=20000)  # noqa: B019 (one instance per process)
    def shapes_of(self, ch: str) -> frozenset[str]:
        """The characters that look like ch (some of them sound like it too: 膜/模)."""
        return frozenset(self.shapes.get(ch, "")) - {ch}

    @lru_cache(maxsize=20000)  # noqa: B019 (one instance per process)
    def of(self, ch: str) -> dict[str, str]:
        """Candidate -> kind, the closest kind when several apply."""
        out: dict[str, str] = {}
        for d in self.shapes.get(ch, ""):
            out[d] = SHAPE
        # The written character's usual reading only: 暖 has a rare reading xuān, which makes no one type it for 选.
        for key in self.readings.get(ch, ())[:1]:
            toneless = key[0]
            for d in self.by_fuzzy.get(fuzzy(toneless), ""):
                out[d] = NEAR_SOUND
            for d in self.by_sound.get(toneless, ""):
                out[d] = SAME_SOUND
            for d in self.by_tone.get(key, ""):
                out[d] = SAME_TONE
        out.pop(ch, None)
        return out


@lru_cache(maxsize=1)
def common_chars() -> tuple[str, ...]:
    """The COMMON_CHARS characters most frequent in jieba's dictionary, commonest first."""
    char_freq = lexicon().char_freq
    return tuple(sorted(char_freq, key=lambda c: -char_freq[c])[:COMMON_CHARS])


@lru_cache(maxsize=1)
def confusions() -> Confusions:
    """The confusion tables, read back from the disk cache when their sources have not changed."""
    import pypinyin

    from .cache import cached, text_hash

    lookalikes = sorted((k, "".join(sorted(v))) for k, v in load_knowledge().lookalikes.items())
    inputs = [pypinyin.__version__, COMMON_CHARS, READINGS, text_hash(_shapes_text()), lookalikes, common_chars()[:50]]
    return Confusions(*cached("confusions", inputs, lambda: _build(lookalikes)))


def _build(lookalikes):
    from pypinyin.pinyin_dict import pinyin_dict

    common = common_chars()
    readings = {}
    for code, value in pinyin_dict.items():
        # pypinyin lists the usual readings first; rare ones (提 shí, 的 dī) would make almost anything sound alike.
        readings[chr(code)] = tuple(dict.fromkeys(split_tone(s) for s in value.split(",")[:READINGS]))
    by_tone: dict = {}
    by_sound: dict = {}
    by_fuzzy: dict = {}
    for c in common:  # in frequency order, so each string lists the commonest first
        for toneless, tone in readings.get(c, ()):
            by_tone[(toneless, tone)] = by_tone.get((toneless, tone), "") + c
            if c not in by_sound.get(toneless, ""):
                by_sound[toneless] = by_sound.get(toneless, "") + c
            key = fuzzy(toneless)
            if c not in by_fuzzy.get(key, ""):
                by_fuzzy[key] = by_fuzzy.get(key, "") + c
    shapes = _read_shapes()
    for ch, others in lookalikes:
        shapes[ch] = "".join(dict.fromkeys(others + shapes.get(ch, "")))
    return readings, by_tone, by_sound, by_fuzzy, shapes


def _shapes_text() -> str:
    return resources.files(__package__).joinpath("shapes.txt").read_text(encoding="utf-8")


def _read_shapes() -> dict[str, str]:
    out = {}
    for line in _shapes_text().splitlines():
        if line and not line.startswith("#"):
            ch, _, similar = line.partition("\t")
            out[ch] = similar
    return out
