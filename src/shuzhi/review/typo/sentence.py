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
        found = self.corrections(text)
        flagged = set()
        for c in found:
            for k, (old, new) in enumerate(zip(c.written, c.suggested)):
                chars[c.start + k] = new
                if old != new:
                    flagged.add(c.start + k)
        return "".join(chars), flagged


def rule_corrector(config=None):
    """A `correct(text)` running the rules `config` selects (every TY rule by default) through the checker, each
    finding's first suggestion applied."""
    from ...config import Config
    from ...document import Document
    from ..checker import Checker

    checker = Checker(config or Config(select=("TY",)))

    def correct(text: str) -> tuple[str, set[int]]:
        doc = Document("<csc>", text, start=0, end=len(text))
        out, flagged, pos = [], set(), 0
        for f in sorted(checker.check(doc), key=lambda f: f.start):
            if f.start < pos or not f.suggestions:
                continue
            new = f.suggestions[0]
            old = text[f.start : f.end]
            out.append(text[pos : f.start])
            out.append(new)
            pos = f.end
            if len(new) == len(old):
                flagged.update(f.start + k for k in range(len(old)) if old[k] != new[k])
            else:
                flagged.update(range(f.start, f.end))
        out.append(text[pos:])
        return "".join(out), flagged

    return correct
