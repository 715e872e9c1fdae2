"""A Checker is built from a Config and runs the selected rules over Documents."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..config import Config
from ..document import Document, Finding
from ..errors import UsageError
from .registry import Registry, default_registry
from .score import Scorecard, ScoreWeights, score

# Text no rule should report inside: web addresses and e-mail addresses.
_PROTECTED = re.compile(
    # Each alternative starts only where a run of its characters starts, so a long run of letters is
    # scanned once, not once per position.
    r"(?<![A-Za-z0-9.])(?:https?://|www\.)[A-Za-z0-9._~:/?#\[\]@!$&'()*+,;=%-]++"
    r"|(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]++@(?:[A-Za-z0-9-]++\.)++[A-Za-z]{2,}"
)


@dataclass
class Context:
    """What rules share while checking one document: the configuration and per-document caches."""

    doc: Document
    config: Config
    cache: dict = field(default_factory=dict)
    # Spans no finding may lie inside (addresses, the configured words): the checker drops such findings, and a
    # rule that picks one place to report at can pick outside them.
    protected: list[tuple[int, int]] = field(default_factory=list)
    # The year's facts from the organization's ledger, by key (shuzhi.ledger.facts), when the report is checked
    # against its ledger (LD rules); None otherwise.
    facts: dict | None = None
    # The reporter's rectification items from last year's campaign (shuzhi.campaign.rectification.RectItem), when
    # the report is checked against them (RC rules); None otherwise.
    rectification: list | None = None

    def cached(self, key: str, compute):
        if key not in self.cache:
            self.cache[key] = compute()
        return self.cache[key]


class Checker:
    def __init__(self, config: Config | None = None, registry: Registry | None = None):
        self.config = config or Config()
        self.registry = registry or default_registry()
        for selector in self.config.select + self.config.ignore + tuple(k for k, _ in self.config.severity):
            if not self.registry.matching(selector):
                raise UsageError(f"未知的规则代码或类别前缀：{selector}（用 shuzhi rules 查看全部规则）")
        self.rules = [r for r in self.registry if self.config.selects(r.code)]
        self._severity = {r.code: self.config.severity_of(r.code, r.severity) for r in self.rules}
        self.weights = ScoreWeights.from_config(dict(self.config.score))
        self._local_words = re.compile("|".join(map(re.escape, sorted(self.config.words, key=len, reverse=True)))) if self.config.words else None

    def check(self, doc: Document, facts: dict | None = None, rectification: list | None = None) -> list[Finding]:
        """The findings of the selected rules; with `facts` (the ledger's, by key), the LD rules compare the
        numbers the report claims with them; with `rectification` (last year's items), the RC rules look for them."""
        protected = self._protected(doc)
        ctx = Context(doc, self.config, protected=protected, facts=facts, rectification=rectification)
        seen = set()
        findings = []
        for rule in self.rules:
            severity = self._severity[rule.code]
            for f in rule.check(doc, ctx):
                key = (f.rule, f.start, f.end)
                if key in seen or _inside(protected, f.start, f.end):
                    continue
                seen.add(key)
                findings.append(f if f.severity == severity or severity == rule.severity else replace(f, severity=severity))
        return _drop_nested(self._drop_superseded(findings))

    def _drop_superseded(self, findings: list[Finding]) -> list[Finding]:
        """乡村振X兴 is a stray letter (TY001), not also a placeholder or a misspelt formulation."""
        superseding = {r.code: set(r.supersedes) for r in self.rules if r.supersedes}
        if not superseding:
            return findings
        winners = [f for f in findings if f.rule in superseding]
        return [
            f for f in findings
            if not any(f.rule in superseding[w.rule] and w.start < f.end and f.start < w.end for w in winners)
        ]

    def score(self, doc: Document, findings: list[Finding]) -> Scorecard:
        return score(doc, findings, self.config, self.weights)

    def _protected(self, doc: Document) -> list[tuple[int, int]]:
        spans = [m.span() for m in _PROTECTED.finditer(doc.text, doc.start, doc.end)]
        if self._local_words:
            spans += [m.span() for m in self._local_words.finditer(doc.text, doc.start, doc.end)]
        return spans


def _drop_nested(findings: list[Finding]) -> list[Finding]:
    """Sorted findings, without those lying inside a longer finding of the same category.

    （本文来源：党建范文网） is one piece of web debris, not two.
    """
    findings.sort(key=lambda f: (f.start, -f.end, f.rule))
    kept: list[Finding] = []
    widest: dict[str, tuple[int, int]] = {}  # per category, the span reaching furthest so far
    for f in findings:
        outer = widest.get(f.category)
        if outer and outer[0] <= f.start and f.end <= outer[1] and outer[1] - outer[0] > f.end - f.start:
            continue
        kept.append(f)
        if outer is None or f.end > outer[1]:
            widest[f.category] = (f.start, f.end)
    kept.sort(key=lambda f: (f.start, f.end, f.rule))
    return kept


def _inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s <= start and end <= e for s, e in spans)
