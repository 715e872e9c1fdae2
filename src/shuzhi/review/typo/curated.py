"""Word confusions written down with their sources (knowledge/confusions.yaml): 截止/截至, 参于, 的/地/得 ..."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from ..knowledge import KnowledgeError
from ..registry import MARK
from ..yamlfile import parse_yaml

_KEYS = {"wrong", "right", "before", "after", "unless", "source", "note", "severity", "example", "good"}
_LOOK = 12  # characters of context read on each side of a hit


@dataclass(frozen=True)
class Confusion:
    wrong: str
    right: str
    source: str  # the full citation
    note: str = ""
    severity: str = "warning"
    before: re.Pattern | None = None
    after: re.Pattern | None = None
    unless: tuple[str, ...] = ()
    example: str = ""
    good: tuple[str, ...] = ()

    def applies(self, text: str, start: int, end: int) -> bool:
        if self.before and not self.before.match(text, end, min(len(text), end + _LOOK)):
            return False
        if self.after and not self.after.search(text[max(0, start - _LOOK) : start]):
            return False
        return not any(
            text.find(u, max(0, start - len(u)), end + len(u)) != -1 for u in self.unless
        )


@dataclass(frozen=True)
class Confusions:
    entries: tuple[Confusion, ...]
    by_wrong: dict[str, tuple[Confusion, ...]]
    pattern: re.Pattern  # every wrong form, longest first


@lru_cache(maxsize=1)
def load_confusions() -> Confusions:
    text = resources.files("shuzhi.review.knowledge").joinpath("confusions.yaml").read_text(encoding="utf-8")
    return parse_confusions(text)


def parse_confusions(text: str, name: str = "confusions.yaml") -> Confusions:
    """The entries of a confusions file, validated: a bad entry stops start-up with the entry named."""
    data = parse_yaml(text, name, KnowledgeError)
    if not isinstance(data, dict) or not isinstance(data.get("entries"), list):
        raise KnowledgeError(f"{name}: 顶层应为含 sources 和 entries 的映射")
    sources = data.get("sources") or {}
    entries = []
    for spec in data["entries"]:
        if not isinstance(spec, dict):
            raise KnowledgeError(f"{name}: 每条应为映射：{spec!r}")
        where = f"{name} {spec.get('wrong')!r}"
        if set(spec) - _KEYS:
            raise KnowledgeError(f"{where}: 未知字段 {', '.join(sorted(set(spec) - _KEYS))}")
        if not spec.get("wrong") or not spec.get("right") or spec["wrong"] == spec["right"]:
            raise KnowledgeError(f"{where}: wrong 与 right 须为不同的非空字符串")
        if spec.get("source") not in sources:
            raise KnowledgeError(f"{where}: source 须为 sources 中的键之一")
        if not spec.get("example") or not MARK.search(spec["example"]):
            raise KnowledgeError(f"{where}: 须有用 [[ ]] 标出错写处的 example")
        try:
            before = re.compile(spec["before"]) if spec.get("before") else None
            after = re.compile(f"(?:{spec['after']})$") if spec.get("after") else None
        except re.error as exc:
            raise KnowledgeError(f"{where}: 正则表达式有误（{exc}）") from None
        entries.append(Confusion(
            spec["wrong"], spec["right"], sources[spec["source"]], spec.get("note", ""),
            _severity(spec.get("severity", "warning"), where), before, after, tuple(spec.get("unless", [])),
            spec["example"], tuple(spec.get("good", [])),
        ))
    by_wrong: dict[str, list[Confusion]] = {}
    for e in entries:
        by_wrong.setdefault(e.wrong, []).append(e)
    pattern = re.compile("|".join(map(re.escape, sorted(by_wrong, key=len, reverse=True))))
    return Confusions(tuple(entries), {k: tuple(v) for k, v in by_wrong.items()}, pattern)


def find(text: str, start: int, end: int):
    """(start, end, confusion) of every listed confusion in text[start:end] whose context matches."""
    table = load_confusions()
    for m in table.pattern.finditer(text, start, end):
        for entry in table.by_wrong[m.group()]:
            if entry.applies(text, m.start(), m.end()):
                yield m.start(), m.end(), entry
                break


def _severity(value: str, where: str) -> str:
    from ...document import SEVERITIES

    if value not in SEVERITIES:
        raise KnowledgeError(f"{where}: severity 应为 {'/'.join(SEVERITIES)} 之一")
    return value
