"""Official formulations (规范提法) written wrong, and their fixed enumerations written out of order.

One Aho-Corasick automaton holds every formulation, its known wrong forms, the two halves of each
formulation and the parts of each fixed enumeration. A near-miss (one character changed, missing,
extra, or two swapped) must keep one half intact, so a half found in the text points at the few
windows worth comparing; no loop over the knowledge base runs per position.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from ..knowledge import IGNORED_IN_TERMS, Formulation, Knowledge, load_knowledge
from ..registry import Rule, implements
from ..similarity import sounds_alike

_IGNORED = re.compile("[" + re.escape(IGNORED_IN_TERMS) + "]+")
_SENTENCE_END = re.compile(r"[。；！？!?;\n]")
# Characters whose insertion or loss changes no meaning worth reporting (党的全面领导 / 党全面领导 aside).
_FUNCTION_CHARS = set("的之和与及了地得")
_MIN_NEAR = 4  # shorter formulations are only matched against their listed wrong forms
_MIN_INDEL = 6  # a character missing or extra is only believed in long formulations


@dataclass(frozen=True)
class Normalized:
    """Text with quotes, enumeration commas and spaces removed, and the way back to the original."""

    text: str
    seg_norm: list[int]
    seg_orig: list[int]

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Normalized:
        pieces, seg_norm, seg_orig = [], [], []
        pos, npos = start, 0
        for m in _IGNORED.finditer(text, start, end):
            if m.start() > pos:
                pieces.append(text[pos : m.start()])
                seg_norm.append(npos)
                seg_orig.append(pos)
                npos += m.start() - pos
            pos = m.end()
        if pos < end:
            pieces.append(text[pos:end])
            seg_norm.append(npos)
            seg_orig.append(pos)
        return cls("".join(pieces), seg_norm, seg_orig)

    def orig(self, i: int) -> int:
        k = bisect.bisect_right(self.seg_norm, i) - 1
        return self.seg_orig[k] + (i - self.seg_norm[k])

    def span(self, start: int, end: int) -> tuple[int, int]:
        return self.orig(start), self.orig(end - 1) + 1


@dataclass(frozen=True)
class NearMiss:
    start: int  # in normalized text
    end: int
    formulation: Formulation
    edit: str  # sub | swap | ins | del | wrong
    index: int  # position of the edit inside the window


class FormulationIndex:
    """Everything the formulation rules look up, built once per process from the knowledge."""

    def __init__(self, knowledge: Knowledge, include_local: bool = True):
        self.knowledge = knowledge
        self.formulations = [f for f in knowledge.formulations if include_local or not f.local]
        self.terms = {f.term: f for f in self.formulations}
        automaton = ahocorasick.Automaton()
        entries: dict[str, list] = {}
        for f in self.formulations:
            entries.setdefault(f.term, []).append(("exact", f, 0))
            for w in f.wrong:
                entries.setdefault(w, []).append(("wrong", f, 0))
            # Local practice has many accepted variants (党员积分管理 / 党员积分制管理): listed wrong forms only.
            if len(f.term) >= _MIN_NEAR and not f.local:
                half = len(f.term) // 2
                entries.setdefault(f.term[:half], []).append(("head", f, 0))
                entries.setdefault(f.term[half:], []).append(("tail", f, 0))
            for k, part in enumerate(f.parts):
                entries.setdefault(part, []).append(("part", f, k))
        for key, values in entries.items():
            automaton.add_word(key, (key, tuple(values)))
        automaton.make_automaton()
        self.automaton = automaton

    def scan(self, norm: str):
        """(exact spans, near misses, part hits) of the normalized text."""
        exact, wrong, anchors, parts = [], [], [], []
        for last, (key, values) in self.automaton.iter(norm):
            start = last + 1 - len(key)
            for kind, f, k in values:
                if kind == "exact":
                    exact.append((start, last + 1, f))
                elif kind == "wrong":
                    wrong.append(NearMiss(start, last + 1, f, "wrong", 0))
                elif kind == "head":
                    anchors.append((start, None, f))
                elif kind == "tail":
                    anchors.append((None, last + 1, f))
                else:
                    parts.append((start, last + 1, f, k))
        covered = set()
        for s, e, _ in exact:
            covered.update(range(s, e))
        near = list(wrong)
        seen = set()
        for head_start, tail_end, f in anchors:
            n = len(f.term)
            # The formulation written right from this half: a window one longer or shorter differs from it
            # only at its far end, which no edit is believed at (_plausible), so nothing is compared.
            if (norm.startswith(f.term, head_start) if head_start is not None else norm.endswith(f.term, 0, tail_end)):
                continue
            # Short formulations are only believed changed in place (a character swapped or replaced).
            for length in (n - 1, n, n + 1) if n >= _MIN_INDEL else (n,):
                s = head_start if head_start is not None else tail_end - length
                e = s + length
                if s < 0 or e > len(norm) or (s, e, f.term) in seen:
                    continue
                seen.add((s, e, f.term))
                window = norm[s:e]
                if "\n" in window or window in self.terms or window in f.allow:
                    continue
                if not _far_end_agrees(window, f.term, head_start is not None):
                    continue
                edit = one_edit(window, f.term)
                if edit and self._plausible(window, f.term, *edit) and not self._inside_correct(covered, s, *edit):
                    near.append(NearMiss(s, e, f, *edit))
        return exact, _keep_longest(near), parts

    def _plausible(self, window: str, term: str, edit: str, i: int) -> bool:
        if edit == "sub":
            wc, tc = window[i], term[i]
            if wc.isascii():
                return wc.isalpha()
            return sounds_alike(wc, tc) or self.knowledge.looks_alike(wc, tc)
        if edit == "swap":
            return True
        if len(term) < _MIN_INDEL:
            return False
        if edit == "ins":
            return 0 < i < len(window) - 1 and window[i] not in _FUNCTION_CHARS and (window[i].isalpha())
        return 0 < i < len(term) - 1 and term[i] not in _FUNCTION_CHARS  # del

    @staticmethod
    def _inside_correct(covered: set, s: int, edit: str, i: int) -> bool:
        """The changed character belongs to another formulation written correctly there."""
        return s + i in covered and (edit != "swap" or s + i + 1 in covered)


def _far_end_agrees(window: str, term: str, from_head: bool) -> bool:
    """Whether the end of the window away from its anchored half can be the term's after one believable edit:
    an edit at the very end is believed only as a replacement or a swap (_plausible), so the last character, or
    for a window as long as the term one of the last two, must be the term's. A test of one or two characters that
    spares one_edit most windows (an anchored half such as 全面从严 is common, a near miss of the rest rare)."""
    last, second = (-1, -2) if from_head else (0, 1)
    if window[last] == term[last]:
        return True
    return len(window) == len(term) and term[second] in (window[second], window[last])


def one_edit(window: str, term: str) -> tuple[str, int] | None:
    """The single edit turning `term` into `window`: ('sub'|'swap'|'ins'|'del', index), else None."""
    lw, lt = len(window), len(term)
    if lw == lt:
        diffs = []
        for i in range(lt):
            if window[i] != term[i]:
                diffs.append(i)
                if len(diffs) > 2:
                    return None
        if len(diffs) == 1:
            return "sub", diffs[0]
        if len(diffs) == 2 and diffs[1] == diffs[0] + 1 and window[diffs[0]] == term[diffs[1]] and window[diffs[1]] == term[diffs[0]]:
            return "swap", diffs[0]
        return None
    if lw == lt + 1:
        i = next((k for k in range(lt) if window[k] != term[k]), lt)
        return ("ins", i) if window[:i] + window[i + 1 :] == term else None
    if lw == lt - 1:
        i = next((k for k in range(lw) if window[k] != term[k]), lw)
        return ("del", i) if window[:i] + term[i] + window[i:] == term else None
    return None


def _keep_longest(near: list[NearMiss]) -> list[NearMiss]:
    """One near miss per place: the one of the longest formulation."""
    near.sort(key=lambda m: (m.start, -len(m.formulation.term), m.end))
    kept: list[NearMiss] = []
    for m in near:
        if kept and m.start < kept[-1].end:
            if len(m.formulation.term) <= len(kept[-1].formulation.term):
                continue
            kept.pop()
        kept.append(m)
    return kept


@lru_cache(maxsize=4)
def index_for(include_local: bool) -> FormulationIndex:
    return FormulationIndex(load_knowledge(), include_local)


def scan_document(doc, ctx):
    """The normalized body and its scan, shared by both formulation rules through the context cache."""

    def compute():
        norm = Normalized.of(doc.text, doc.start, doc.end)
        index = index_for(ctx.config.local_formulations)
        return norm, index.scan(norm.text)

    return ctx.cached("formulation.scan", compute)


@implements("formulation-near-miss")
class FormulationNearMiss(Rule):
    def check(self, doc, ctx):
        norm, (_, near, _) = scan_document(doc, ctx)
        text = doc.text
        for m in near:
            start, end = norm.span(m.start, m.end)
            f = m.formulation
            window = norm.text[m.start : m.end]
            yield self.finding(
                doc, start, end,
                message=f"规范提法应为“{f.term}”：{_describe(m, window)}（依据：{f.cite}）",
                suggestions=[_corrected(text, norm, m, window)],
            )


@implements("formulation-order")
class FormulationOrder(Rule):
    def check(self, doc, ctx):
        norm, (_, _, parts) = scan_document(doc, ctx)
        ends = [m.start() for m in _SENTENCE_END.finditer(norm.text)]
        by_sentence: dict[tuple[int, str], dict[int, tuple[int, int]]] = {}
        for s, e, f, k in parts:
            sentence = bisect.bisect_left(ends, s)
            hits = by_sentence.setdefault((sentence, f.term), {})
            if k not in hits:
                hits[k] = (s, e)
        for (_, term), hits in by_sentence.items():
            f = index_for(ctx.config.local_formulations).terms[term]
            needed = min(len(f.parts), 3)
            if len(hits) < needed:
                continue
            ordered = sorted(hits.items(), key=lambda kv: kv[1][0])
            first, last = ordered[0][1][0], ordered[-1][1][1]
            compact = last - first <= sum(len(f.parts[k]) for k in hits) + 4 * len(hits)
            indices = [k for k, _ in ordered]
            if compact and indices != sorted(indices):
                start, end = norm.span(first, last)
                yield self.finding(
                    doc, start, end,
                    message=f"“{f.term}”的规范顺序是：{'、'.join(f.parts)}（依据：{f.cite}）",
                )


def _describe(m: NearMiss, window: str) -> str:
    term, i = m.formulation.term, m.index
    if m.edit == "wrong":
        return f"“{window}”是常见的错误写法"
    if m.edit == "sub":
        wrong, right = window[i], term[i]
        reason = "字母" if wrong.isascii() else ("同音或近音" if sounds_alike(wrong, right) else "形近")
        return f"“{wrong}”应为“{right}”（{reason}）"
    if m.edit == "swap":
        return f"“{window[i:i + 2]}”两字顺序颠倒"
    if m.edit == "ins":
        return f"多了“{window[i]}”"
    return f"漏了“{term[i]}”"


def _corrected(text: str, norm: Normalized, m: NearMiss, window: str) -> str:
    """The flagged span with only the wrong character(s) changed, so quotes inside it survive."""
    start, end = norm.span(m.start, m.end)
    original = text[start:end]
    term, i = m.formulation.term, m.index
    if m.edit == "wrong":
        return term
    at = norm.orig(m.start + i) - start
    if m.edit == "sub":
        return original[:at] + term[i] + original[at + 1 :]
    if m.edit == "swap":
        nxt = norm.orig(m.start + i + 1) - start
        chars = list(original)
        chars[at], chars[nxt] = chars[nxt], chars[at]
        return "".join(chars)
    if m.edit == "ins":
        return original[:at] + original[at + 1 :]
    return original[:at] + term[i] + original[at:]  # del: the missing character goes before window[i]
