"""Word comments (批注) anchored on exactly the flagged characters.

For Word input the original document is kept, runs are split where a finding begins or ends, and
the formatting of every run is preserved. Other input becomes a new .docx holding its text.
"""

from __future__ import annotations

import bisect
import copy
import io
import re
from pathlib import Path

import docx
from docx.shared import Pt, RGBColor
from docx.text.run import Run

from ..document import SEVERITY_LABELS, Finding
from ..ingest import SourceFile
from ..ingest.word import T, extract, paragraph_runs, run_pieces, run_text

AUTHOR = "shuzhi 述职审读"
INITIALS = "SZ"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
# Characters XML 1.0 cannot hold; replaced one for one so offsets stay aligned.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def comment_text(f: Finding) -> str:
    text = f"[{f.rule}·{SEVERITY_LABELS[f.severity]}] {f.message}"
    if f.suggestions:
        shown = "、".join(f"改为【{s}】" if s else "删除" for s in f.suggestions[:3])
        text += f"\n建议：{shown}"
    return text


def annotate(sf: SourceFile, findings: list[Finding], out: Path) -> int:
    """Write `out`; return how many comments were anchored."""
    if sf.docx is not None:
        document = docx.Document(io.BytesIO(sf.docx))
        paragraphs = extract(document).paragraphs
    else:
        document, paragraphs = _new_document(sf)
    starts = [start for _, start, _ in paragraphs]
    runs: dict[int, _Runs] = {}  # paragraph index -> its runs, split as needed

    def runs_of(i: int) -> _Runs:
        if i not in runs:
            runs[i] = _Runs(paragraphs[i][0])
        return runs[i]

    anchored = 0
    for f in sorted(findings, key=lambda f: (f.start, f.end)):
        pair = _runs_for_span(paragraphs, starts, runs_of, f.start, f.end)
        if pair:
            document.add_comment([Run(pair[0], None), Run(pair[1], None)], text=comment_text(f), author=AUTHOR, initials=INITIALS)
            anchored += 1
    out.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(out))
    return anchored


def _new_document(sf: SourceFile):
    """A .docx holding the text of a plain-text or PDF input, one paragraph per line."""
    document = docx.Document()
    note = document.add_paragraph()
    run = note.add_run(f"本文件由 shuzhi 根据“{Path(sf.source).name}”生成，批注为检查发现的问题。")
    run.font.size = Pt(9)
    run.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
    paragraphs = []
    pos = 0
    for line in sf.text.split("\n"):
        shown = _XML_ILLEGAL.sub("\ufffd", line.rstrip("\r"))
        p = document.add_paragraph()
        if shown:
            # One run per line; tabs become w:tab, which the reader counts as one character.
            p.add_run(shown)
        paragraphs.append((p._p, pos, 0))
        pos += len(line) + 1
    return document, paragraphs


def _runs_for_span(paragraphs, starts, runs_of, start: int, end: int):
    """(first run, last run) covering exactly [start, end), splitting runs at both ends.

    A span that begins on a list label (text Word draws, no run holds) starts at the paragraph's
    first character; line breaks between paragraphs belong to no run and are skipped.
    """
    if not paragraphs:
        return None
    end = max(end, start + 1)
    i = max(bisect.bisect_right(starts, start) - 1, 0)
    j = max(bisect.bisect_right(starts, end - 1) - 1, i)
    local_start = None
    while i <= j:
        _, p_start, prefix = paragraphs[i]
        local = max(start - p_start - prefix, 0)
        if local < runs_of(i).length:
            local_start = local
            break
        i += 1
    if local_start is None:
        return None
    _, last_start, last_prefix = paragraphs[j]
    last = runs_of(j)
    local_end = min(end - last_start - last_prefix, last.length)
    if i == j and local_end <= local_start:
        local_end = local_start + 1  # a span on the label alone: the paragraph's first character
    first = runs_of(i)
    return first.starting_at(local_start), last.ending_at(local_end)


class _Runs:
    """The text runs of one paragraph with their offsets, kept up to date as runs are split."""

    def __init__(self, p):
        self.runs = [r for r in paragraph_runs(p) if run_text(r)]
        self.starts = []
        pos = 0
        for r in self.runs:
            self.starts.append(pos)
            pos += len(run_text(r))
        self.length = pos

    def _cut(self, offset: int) -> int:
        """Make a run begin at `offset` (0 < offset < length); return that run's index."""
        k = bisect.bisect_right(self.starts, offset) - 1
        if self.starts[k] != offset:
            right = _split_run(self.runs[k], offset - self.starts[k])
            self.runs.insert(k + 1, right)
            self.starts.insert(k + 1, offset)
            k += 1
        return k

    def starting_at(self, offset: int):
        return self.runs[self._cut(offset) if offset > 0 else 0]

    def ending_at(self, offset: int):
        if offset >= self.length:
            return self.runs[-1]
        return self.runs[self._cut(offset) - 1]


def _split_run(r, k: int):
    """Split run `r` into two runs with the same properties, the first holding k characters; return the second."""
    right = copy.deepcopy(r)
    pos = 0
    for (child, text), twin in zip(run_pieces(r), list(right.iterchildren())):
        if child.tag.endswith("}rPr"):
            continue
        length = len(text)
        if pos + length <= k and (length or pos < k):
            right.remove(twin)
        elif pos >= k:
            r.remove(child)
        else:  # a w:t holding the split point
            child.text, twin.text = text[: k - pos], text[k - pos :]
            for t in (child, twin):
                if t.tag == T:
                    t.set(_XML_SPACE, "preserve")
        pos += length
    r.addnext(right)
    return right
