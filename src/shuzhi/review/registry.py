"""The rule table: every rule has a code, a family, a severity, a Chinese message and examples."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..document import CATEGORIES, SAFETIES, SEVERITIES, Document, Finding

if TYPE_CHECKING:
    from .checker import Context

CODE = re.compile(r"^[A-Z]{2}\d{3}$")
MARK = re.compile(r"\[\[(.*?)\]\]")


@dataclass(frozen=True)
class BadExample:
    """A text the rule must flag; the flagged span is marked [[like this]]."""

    text: str
    suggestion: str | None = None

    def unmarked(self) -> tuple[str, list[tuple[int, int]]]:
        """The plain text and the spans that were marked."""
        spans, out, pos = [], [], 0
        for m in MARK.finditer(self.text):
            out.append(self.text[pos : m.start()])
            start = sum(len(p) for p in out)
            out.append(m.group(1))
            spans.append((start, start + len(m.group(1))))
            pos = m.end()
        out.append(self.text[pos:])
        return "".join(out), spans


@dataclass(frozen=True)
class Examples:
    bad: tuple[BadExample, ...] = ()
    good: tuple[str, ...] = ()
    # The ledger's facts the examples are checked against (LD rules): {fact key: value}.
    facts: tuple[tuple[str, object], ...] = ()
    # Last year's rectification items the examples are checked against (RC rules): {problem, state, …} each.
    rectification: tuple = ()


def _rect_items(rows) -> tuple:
    from ..campaign.rectification import RectItem

    return tuple(RectItem(r.get("organization", "示例党支部"), r["problem"], r["state"], str(r.get("number", ""))) for r in rows)


class Rule:
    """A check. Its description comes from a YAML pack; subclasses implement `check`."""

    code: str = ""
    name: str = ""  # kebab-case identifier, English
    title: str = ""  # short Chinese name
    severity: str = "warning"
    message: str = ""  # Chinese; may use {text}
    description: str = ""  # what the rule looks for and why, in Chinese
    basis: str = ""  # the norm it rests on, or "本地做法" for a local convention
    safety: str | None = None
    examples: Examples = Examples()
    options: dict = {}
    # Codes whose findings on the same characters this rule's findings replace (one reading of a defect).
    supersedes: tuple[str, ...] = ()

    def __init__(self, spec: dict | None = None, origin: str = ""):
        self.origin = origin
        if not spec:
            return
        for key in ("code", "name", "title", "severity", "message", "description"):
            setattr(self, key, spec[key])
        # A folded YAML line break between two Chinese characters is no space in Chinese.
        self.description = _FOLDED_SPACE.sub("", self.description or "")
        self.basis = spec.get("basis", "")
        self.safety = spec.get("safety")
        self.options = spec.get("options", {})
        self.supersedes = tuple(spec.get("supersedes", []))
        examples = spec.get("examples", {})
        self.examples = Examples(
            bad=tuple(BadExample(e["text"], e.get("suggestion")) for e in examples.get("bad", [])),
            good=tuple(examples.get("good", [])),
            facts=tuple(sorted((examples.get("facts") or {}).items())),
            rectification=_rect_items(examples.get("rectification") or ()),
        )

    @property
    def category(self) -> str:
        return CATEGORIES[self.code[:2]]

    def check(self, doc: Document, ctx: Context) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        doc: Document,
        start: int,
        end: int,
        message: str | None = None,
        suggestions: Iterable[str] = (),
        safety: str | None = None,
    ) -> Finding:
        suggestions = tuple(suggestions)
        text = doc.text[start:end]
        return Finding(
            rule=self.code,
            category=self.category,
            severity=self.severity,
            start=start,
            end=end,
            message=message if message is not None else self.message.format(text=text),
            suggestions=suggestions,
            safety=(safety or self.safety) if suggestions else None,
        )

    def validate(self) -> list[str]:
        """Problems with this rule's own definition (the test suite asserts there are none)."""
        problems = []
        if not CODE.match(self.code) or self.code[:2] not in CATEGORIES:
            problems.append(f"{self.code}: 代码格式应为两个大写字母加三位数字，且前缀为已知类别")
        if self.severity not in SEVERITIES:
            problems.append(f"{self.code}: 未知严重程度 {self.severity}")
        if self.safety is not None and self.safety not in SAFETIES:
            problems.append(f"{self.code}: 未知建议安全级别 {self.safety}")
        for attr in ("name", "title", "message", "description"):
            if not getattr(self, attr):
                problems.append(f"{self.code}: 缺少 {attr}")
        if not self.examples.bad or not self.examples.good:
            problems.append(f"{self.code}: 必须同时有应报告和不应报告的例句")
        return problems


_FOLDED_SPACE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”]) (?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”])")


@dataclass
class Registry:
    rules: dict[str, Rule] = field(default_factory=dict)

    def add(self, rule: Rule) -> None:
        if rule.code in self.rules:
            raise ValueError(f"规则代码重复：{rule.code}")
        self.rules[rule.code] = rule

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self.rules.values(), key=lambda r: r.code))

    def __len__(self) -> int:
        return len(self.rules)

    def get(self, code: str) -> Rule | None:
        return self.rules.get(code)

    def matching(self, selector: str) -> list[Rule]:
        """Rules whose code starts with `selector` (a code, a family prefix, or 'ALL')."""
        selector = selector.upper()
        if selector == "ALL":
            return list(self)
        return [r for r in self if r.code.startswith(selector)]


IMPLEMENTATIONS: dict[str, type[Rule]] = {}


def implements(name: str):
    """Class decorator: the Python implementation of the YAML rule called `name`."""

    def decorate(cls: type[Rule]) -> type[Rule]:
        if name in IMPLEMENTATIONS:
            raise ValueError(f"规则实现重复：{name}")
        IMPLEMENTATIONS[name] = cls
        return cls

    return decorate


_DEFAULT: Registry | None = None


def default_registry() -> Registry:
    """Every built-in rule, from the YAML packs. Built once; never mutated after."""
    global _DEFAULT
    if _DEFAULT is None:
        from . import rules  # noqa: F401  (registers the Python implementations)
        from .packs import load_packs

        registry = Registry()
        for rule in load_packs():
            registry.add(rule)
        _DEFAULT = registry
    return _DEFAULT
