"""Chinese words known to be words: jieba's dictionary, read from the installed package, never downloaded."""

from __future__ import annotations

import importlib.util
from pathlib import Path


def _jieba_dict() -> Path:
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("jieba 未安装")
    return Path(next(iter(spec.submodule_search_locations))) / "dict.txt"


def word_freq() -> dict[str, int]:
    """Known words with their frequencies: jieba's dictionary with the additions of the typo lexicon
    (wordfreq's newer words, the project's domain words), one table per process, kept on disk between runs."""
    from .typo.lexicon import lexicon

    return lexicon().freq


def two_char_tags() -> dict[str, str]:
    """The part-of-speech tag jieba gives each two-character word (n, v, vn, a, d, ...), and names and set
    phrases of other lengths (the table is shared with the typo lexicon)."""
    from .typo.lexicon import lexicon

    return lexicon().tags


def is_word(text: str, min_freq: int = 1) -> bool:
    return word_freq().get(text, 0) >= min_freq
