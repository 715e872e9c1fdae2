"""Official formulations are everyone's: text they cover is common phrasing, never evidence of copying."""

from __future__ import annotations

from functools import lru_cache

import ahocorasick
import numpy as np

from ..review.knowledge import load_knowledge


@lru_cache(maxsize=1)
def _automaton():
    automaton = ahocorasick.Automaton()
    for f in load_knowledge().formulations:
        if len(f.term) >= 4:
            automaton.add_word(f.term, len(f.term))
    automaton.make_automaton()
    return automaton


def formulation_mask(text: str) -> np.ndarray:
    """True where the normalized text is part of an official formulation (习近平新时代中国特色社会主义思想…)."""
    mask = np.zeros(len(text), dtype=bool)
    for end, length in _automaton().iter(text):
        mask[end + 1 - length : end + 1] = True
    return mask
