"""Plain-text entry points to the corrector: the Han runs of a text, corrected one by one."""

from __future__ import annotations

import re

from ..text import HAN
from .corrector import Correction, Corrector, Settings

_RUN = re.compile(f"[{HAN}]+")


class SentenceCorrector:
    def __init__(self, settings: Settings | None = None, lm=None):
        self.corrector = Corrector(settings, lm)

    def corrections(self, text: str) -> list[Correction]:
        out = []
        for m in _RUN.finditer(text):
            out.extend(self.corrector.correct_run(m.group(), m.start()))
        return out

    def correct(self, text: str) -> tuple[str, set[int]]:
        """The corrected text and the positions changed (benchmarks/csc_eval.py's interface)."""
        chars = list(text)
        for c in self.corrections(text):
            chars[c.start] = c.suggested
        return "".join(chars), {c.start for c in self.corrections(text)}
