"""Chinese words known to be words: jieba's dictionary, read from the installed package, never downloaded."""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path


def _jieba_dict() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba 未安装")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


@lru_cache(maxsize=1)
def word_freq() -> dict[str, int]:
    """Words of two to eight characters with their jieba frequencies (loaded once per process)."""
    freq: dict[str, int] = {}
    with _jieba_dict().open(encoding="utf-8") as f:
        for line in f:
            word, _, rest = line.partition(" ")
            if 1 < len(word) < 9:
                freq[word] = int(rest.partition(" ")[0])
    return freq


@lru_cache(maxsize=1)
def two_char_tags() -> dict[str, str]:
    """The part-of-speech tag jieba gives each two-character word (n, v, vn, a, d, ...)."""
    tags: dict[str, str] = {}
    with _jieba_dict().open(encoding="utf-8") as f:
        for line in f:
            parts = line.split()
            if len(parts) == 3 and len(parts[0]) == 2:
                tags[parts[0]] = parts[2]
    return tags


def is_word(text: str, min_freq: int = 1) -> bool:
    return word_freq().get(text, 0) >= min_freq
