"""Official formulations and the stock phrases of the genre are everyone's: text they cover is common
phrasing, never evidence of copying."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

import ahocorasick
import numpy as np

from ..review.knowledge import KnowledgeError, load_knowledge
from ..review.yamlfile import load_yaml


@lru_cache(maxsize=1)
def _automaton():
    automaton = ahocorasick.Automaton()
    for f in load_knowledge().formulations:
        if len(f.term) >= 4:
            automaton.add_word(f.term, len(f.term))
    automaton.make_automaton()
    return automaton


@lru_cache(maxsize=1)
def _genre_phrases() -> re.Pattern:
    data = load_yaml(resources.files("shuzhi.review.knowledge").joinpath("boilerplate.yaml").read_text(encoding="utf-8"))
    patterns = data.get("patterns") or []
    try:
        # The normalized text has folded full-width punctuation: ，becomes , before matching.
        return re.compile("|".join(f"(?:{p})" for p in patterns).replace("，", ","))
    except re.error as exc:
        raise KnowledgeError(f"boilerplate.yaml: 正则表达式有误（{exc}）") from None


def boilerplate_spans(text: str) -> np.ndarray:
    """(start, end) rows where the normalized text is an official formulation (习近平新时代中国特色社会主义思想…)
    or a stock phrase of the genre (现将有关情况报告如下); overlapping spans are not merged."""
    spans = [(end + 1 - length, end + 1) for end, length in _automaton().iter(text)]
    spans += [m.span() for m in _genre_phrases().finditer(text)]
    return np.array(spans, dtype=np.int32).reshape(-1, 2)


def mask_of(spans: np.ndarray, length: int) -> np.ndarray:
    """A boolean mask of the positions the spans cover."""
    delta = np.zeros(length + 1, dtype=np.int32)
    if len(spans):
        np.add.at(delta, spans[:, 0], 1)
        np.add.at(delta, spans[:, 1], -1)
    return np.cumsum(delta[:-1]) > 0


def formulation_mask(text: str) -> np.ndarray:
    """True where the normalized text is official formulation or stock phrase."""
    return mask_of(boilerplate_spans(text), len(text))
