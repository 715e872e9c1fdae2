"""某某 standing for a name, unit or number."""

from __future__ import annotations

import re

from ..knowledge import load_knowledge
from ..registry import Rule, implements

_MOU = re.compile(r"某某+")


@implements("placeholder-mou")
class MouPlaceholder(Rule):
    """某某 after a surname (张某某) is deliberate anonymization of a person; elsewhere it is a blank."""

    def check(self, doc, ctx):
        surnames = set(load_knowledge().surnames)
        text = doc.text
        for m in _MOU.finditer(text, doc.start, doc.end):
            before = text[m.start() - 1] if m.start() > 0 else ""
            if before in surnames:
                continue
            yield self.finding(doc, m.start(), m.end())
