"""Rules written as data: YAML packs of pattern rules (Vale's `existence` and `substitution` types)."""

from __future__ import annotations

import re
from importlib import resources

from ...document import Document
from ..registry import IMPLEMENTATIONS, Rule
from ..text import MACROS
from ..yamlfile import parse_yaml

_KEYS = {
    "code", "type", "name", "title", "severity", "message", "description", "basis", "safety",
    "patterns", "exceptions", "unless", "suggest", "examples", "flags", "options", "supersedes",
}
_REQUIRED = {"code", "type", "name", "title", "severity", "message", "description", "examples"}
_FLAGS = {"ignorecase": re.IGNORECASE, "verbose": re.VERBOSE}


class PackError(Exception):
    """A YAML pack that does not describe valid rules; raised at start-up, never at check time."""


class PatternRule(Rule):
    """Report every match of any pattern, unless it lies inside an exception word.

    The finding covers the group named `hit` when the pattern has one, else the whole match.
    `suggest` is a map from matched text to replacement, or a template over the named groups.
    """

    def __init__(self, spec: dict, origin: str):
        super().__init__(spec, origin)
        flags = re.MULTILINE
        for flag in spec.get("flags", []):
            flags |= _FLAGS[flag]
        self.patterns = [re.compile(_expand(p), flags) for p in spec["patterns"]]
        self.exceptions = tuple(spec.get("exceptions", []))
        self.unless = [re.compile(_expand(p), flags) for p in spec.get("unless", [])]
        self.suggest = spec.get("suggest")

    def check(self, doc: Document, ctx) -> list:
        text = doc.text
        out = []
        for pattern in self.patterns:
            has_hit = "hit" in pattern.groupindex
            for m in pattern.finditer(text, doc.start, doc.end):
                start, end = m.span("hit") if has_hit else m.span()
                if start == end or self._excepted(text, start, end) or self._in_context(text, start, end):
                    continue
                out.append(self.finding(doc, start, end, suggestions=self._suggestions(m, text[start:end])))
        return out

    def _excepted(self, text: str, start: int, end: int) -> bool:
        for word in self.exceptions:
            lo = max(0, end - len(word))
            pos = text.find(word, lo, start + len(word))
            while pos != -1 and pos <= start:
                if pos + len(word) >= end:
                    return True
                pos = text.find(word, pos + 1, start + len(word))
        return False

    def _in_context(self, text: str, start: int, end: int) -> bool:
        """A hit inside a match of an `unless` pattern (王XX同志: an anonymized name, not a blank)."""
        lo, hi = max(0, start - 12), min(len(text), end + 12)
        return any(m.start() <= start and end <= m.end() for p in self.unless for m in p.finditer(text, lo, hi))

    def _suggestions(self, m: re.Match, hit: str) -> tuple[str, ...]:
        if self.suggest is None:
            return ()
        if isinstance(self.suggest, dict):
            return (self.suggest[hit],) if hit in self.suggest else ()
        return (self.suggest.format(**{k: v or "" for k, v in m.groupdict().items()}),)


def _expand(pattern: str) -> str:
    if "{SURNAME}" in pattern:
        from ..knowledge import load_knowledge

        pattern = pattern.replace("{SURNAME}", load_knowledge().surnames)
    for name, value in MACROS.items():
        pattern = pattern.replace("{" + name + "}", value)
    return pattern


def _validate(spec: object, origin: str) -> dict:
    if not isinstance(spec, dict):
        raise PackError(f"{origin}: 每条规则应是一个映射")
    code = spec.get("code", "?")
    examples = spec.get("examples")
    if not isinstance(examples, dict) or not all(isinstance(e, dict) and "text" in e for e in examples.get("bad", [])):
        raise PackError(f"{origin} {code}: examples 应含 bad（每项有 text）和 good 两个列表")
    missing = _REQUIRED - spec.keys()
    if missing:
        raise PackError(f"{origin} {code}: 缺少字段 {', '.join(sorted(missing))}")
    unknown = spec.keys() - _KEYS
    if unknown:
        raise PackError(f"{origin} {code}: 未知字段 {', '.join(sorted(unknown))}")
    if spec["type"] == "python":
        if spec["name"] not in IMPLEMENTATIONS:
            raise PackError(f"{origin} {code}: 没有名为 {spec['name']} 的Python实现")
        if spec.keys() & {"patterns", "exceptions", "unless", "suggest", "flags"}:
            raise PackError(f"{origin} {code}: python 类型的规则不用 patterns/exceptions/suggest/flags，参数写在 options 中")
        return spec
    if spec["type"] != "pattern":
        raise PackError(f"{origin} {code}: 未知规则类型 {spec['type']}")
    if not isinstance(spec.get("patterns"), list) or not spec["patterns"]:
        raise PackError(f"{origin} {code}: patterns 应为非空列表")
    for flag in spec.get("flags", []):
        if flag not in _FLAGS:
            raise PackError(f"{origin} {code}: 未知标志 {flag}")
    for p in spec["patterns"] + spec.get("unless", []):
        try:
            re.compile(_expand(p))
        except re.error as exc:
            raise PackError(f"{origin} {code}: 正则表达式有误（{exc}）：{p}") from None
    suggest = spec.get("suggest")
    if suggest is not None and not isinstance(suggest, (dict, str)):
        raise PackError(f"{origin} {code}: suggest 应为映射或模板字符串")
    return spec


def load_pack_text(text: str, origin: str) -> list[Rule]:
    data = parse_yaml(text, origin, PackError)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise PackError(f"{origin}: 顶层应为含 rules 列表的映射")
    rules = []
    for spec in data["rules"]:
        spec = _validate(spec, origin)
        cls = IMPLEMENTATIONS[spec["name"]] if spec["type"] == "python" else PatternRule
        rules.append(cls(spec, origin))
    return rules


def load_packs() -> list[Rule]:
    rules = []
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            rules.extend(load_pack_text(entry.read_text(encoding="utf-8"), entry.name))
    return rules
