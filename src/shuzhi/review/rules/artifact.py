"""Page headers and footers left in text copied out of a paginated document."""

from __future__ import annotations

import re
from collections import defaultdict

from ...structure.kinds import kinds_in
from ...structure.numbering import SCHEMES
from ..registry import Rule, implements
from ..text import HAN

_HAS_HAN = re.compile(f"[{HAN}]")
_DIGITS = re.compile(r"\d+")


@implements("repeated-page-header")
class RepeatedPageHeader(Rule):
    """A short line that recurs at intervals through a plain-text report is a page header or footer.

    Only plain text is examined: PDF input has its headers and footers removed when it is read, and
    Word keeps them out of the body.
    """

    def check(self, doc, ctx):
        if doc.format != "txt":
            return
        min_count = self.options.get("min_count", 3)
        min_gap = self.options.get("min_gap", 200)
        text = doc.text
        lines = defaultdict(list)
        for s, e in doc.paragraphs:
            line = text[s:e]
            if not 4 <= len(line) <= 40 or not _HAS_HAN.search(line) or line.endswith(("。", "：", ":")):
                continue
            if any(scheme.pattern.match(line) for scheme in SCHEMES) or kinds_in(line):
                continue  # a heading (主要做法, 取得成效, 存在问题) may recur under each part
            lines[_DIGITS.sub("#", line)].append((s, e))
        title_start = doc.paragraphs[0][0] if doc.paragraphs else -1
        for spans in lines.values():
            if len(spans) < min_count:
                continue
            starts = [s for s, _ in spans]
            if min(b - a for a, b in zip(starts, starts[1:])) < min_gap:
                continue
            for s, e in spans:
                if s != title_start:
                    yield self.finding(doc, s, e, suggestions=[""])
