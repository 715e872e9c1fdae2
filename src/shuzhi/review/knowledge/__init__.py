"""The domain knowledge as data: formulations, timeline, outlines, style words, look-alike characters.

Everything is read from the YAML files beside this module and validated once; a file that does not
describe valid knowledge stops start-up with the file and entry named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ...document import SectionKind
from ..yamlfile import parse_yaml

# Characters ignored when formulations are compared with text: quotes, enumeration commas, spaces.
IGNORED_IN_TERMS = "“”‘’\"'「」『』、 \u3000\t"
_HAN_ONLY = re.compile(r"^[\u3400-\u9fff]+$")
_SECTION_KINDS = {v for k, v in vars(SectionKind).items() if not k.startswith("_")}


class KnowledgeError(Exception):
    """A knowledge file that is not valid; raised when the knowledge is first loaded."""


def normalize_term(text: str) -> str:
    return "".join(c for c in text if c not in IGNORED_IN_TERMS)


@dataclass(frozen=True)
class Formulation:
    term: str
    source: str
    cite: str
    parts: tuple[str, ...] = ()
    wrong: tuple[str, ...] = ()
    allow: tuple[str, ...] = ()
    note: str = ""
    local: bool = False


@dataclass(frozen=True)
class Campaign:
    name: str
    patterns: tuple[re.Pattern, ...]
    years: tuple[int, int]
    instead: str
    source: str
    verified: bool = True
    # The name itself says the work goes on (常态化疫情防控): no verb is needed to read it as current.
    ongoing: bool = False


@dataclass(frozen=True)
class Anniversary:
    event: str
    founded: int
    patterns: tuple[re.Pattern, ...]
    source: str


@dataclass(frozen=True)
class Outline:
    kind: str
    required: tuple[str, ...]
    optional: tuple[str, ...]


@dataclass
class Knowledge:
    formulations: list[Formulation] = field(default_factory=list)
    lookalikes: dict[str, frozenset[str]] = field(default_factory=dict)
    campaigns: list[Campaign] = field(default_factory=list)
    anniversaries: list[Anniversary] = field(default_factory=list)
    current_words: tuple[str, ...] = ()
    history_words: tuple[str, ...] = ()
    outlines: dict[str, Outline] = field(default_factory=dict)
    outline_source: str = ""
    cues: dict[str, tuple[re.Pattern, ...]] = field(default_factory=dict)
    fact_units: tuple[str, ...] = ()
    slogan_markers: tuple[str, ...] = ()
    problem_stock: tuple[str, ...] = ()
    named_things: tuple[str, ...] = ()
    surnames: str = ""
    rare_surnames: str = ""  # surnames whose characters are seldom anything else: a lone one begins a name

    def looks_alike(self, a: str, b: str) -> bool:
        return b in self.lookalikes.get(a, ())


def _read(name: str) -> dict:
    text = resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
    data = parse_yaml(text, name, KnowledgeError)
    if not isinstance(data, dict):
        raise KnowledgeError(f"{name}: 顶层应为映射")
    return data


def _compile(name: str, where: str, pattern: str) -> re.Pattern:
    try:
        return re.compile(pattern, re.MULTILINE)
    except re.error as exc:
        raise KnowledgeError(f"{name} {where}: 正则表达式有误（{exc}）：{pattern}") from None


def _formulations(data: dict) -> list[Formulation]:
    name = "formulations.yaml"
    out, seen = [], {}
    for g, group in enumerate(data.get("groups") or []):
        source, cite = group.get("source"), group.get("cite")
        if not source or not cite:
            raise KnowledgeError(f"{name} 第{g + 1}组：缺少 source（出处）或 cite（出处简称）")
        for entry in group.get("terms") or []:
            spec = {"term": entry} if isinstance(entry, str) else dict(entry)
            unknown = set(spec) - {"term", "parts", "wrong", "allow", "note", "local"}
            if unknown:
                raise KnowledgeError(f"{name} {spec.get('term')}: 未知字段 {', '.join(sorted(unknown))}")
            term = normalize_term(str(spec.get("term", "")))
            if not _HAN_ONLY.match(term) or len(term) < 2:
                raise KnowledgeError(f"{name} {spec.get('term')!r}: 提法应为两个以上汉字")
            if term in seen:
                raise KnowledgeError(f"{name} {term}: 重复（另见“{seen[term]}”组）")
            seen[term] = source[:20]
            wrong = tuple(normalize_term(w) for w in spec.get("wrong", []))
            if term in wrong or any(not w for w in wrong):
                raise KnowledgeError(f"{name} {term}: 错误写法不能为空或与正确写法相同")
            parts = tuple(normalize_term(p) for p in spec.get("parts", []))
            if parts and len(parts) < 2:
                raise KnowledgeError(f"{name} {term}: parts 至少两项")
            allow = tuple(normalize_term(a) for a in spec.get("allow", []))
            out.append(Formulation(term, source, cite, parts, wrong, allow, spec.get("note", ""), bool(spec.get("local", False))))
    if not out:
        raise KnowledgeError(f"{name}: 没有任何提法")
    return out


def _lookalikes(data: dict) -> dict[str, frozenset[str]]:
    related: dict[str, set[str]] = {}
    for group in data.get("groups") or []:
        chars = [c for c in str(group) if not c.isspace()]
        if len(chars) < 2 or not all(_HAN_ONLY.match(c) for c in chars):
            raise KnowledgeError(f"lookalikes.yaml: 形近字组应为两个以上汉字：{group!r}")
        for c in chars:
            related.setdefault(c, set()).update(x for x in chars if x != c)
    return {c: frozenset(v) for c, v in related.items()}


def _timeline(data: dict, knowledge: Knowledge) -> None:
    name = "timeline.yaml"
    for spec in data.get("campaigns") or []:
        years = spec.get("years")
        if not (isinstance(years, list) and len(years) == 2 and all(isinstance(y, int) for y in years) and years[0] <= years[1]):
            raise KnowledgeError(f"{name} {spec.get('name')}: years 应为 [起始年, 结束年]")
        for key in ("name", "patterns", "instead", "source"):
            if not spec.get(key):
                raise KnowledgeError(f"{name} {spec.get('name')}: 缺少 {key}")
        knowledge.campaigns.append(Campaign(
            spec["name"], tuple(_compile(name, spec["name"], p) for p in spec["patterns"]),
            (years[0], years[1]), spec["instead"], spec["source"], bool(spec.get("verified", True)),
            bool(spec.get("ongoing", False)),
        ))
    for spec in data.get("anniversaries") or []:
        patterns = tuple(_compile(name, spec.get("event", "?"), p) for p in spec.get("patterns", []))
        if not patterns or not all("n" in p.groupindex for p in patterns) or not isinstance(spec.get("founded"), int):
            raise KnowledgeError(f"{name} {spec.get('event')}: 纪念日需要 founded 年份和含 (?P<n>…) 的 patterns")
        knowledge.anniversaries.append(Anniversary(spec["event"], spec["founded"], patterns, spec.get("source", "")))
    context = data.get("context") or {}
    knowledge.current_words = tuple(sorted(context.get("current", []), key=len, reverse=True))
    knowledge.history_words = tuple(sorted(context.get("history", []), key=len, reverse=True))
    if not knowledge.current_words or not knowledge.history_words:
        raise KnowledgeError(f"{name}: context 需要 current 和 history 两组词")


def _outlines(data: dict, knowledge: Knowledge) -> None:
    name = "outlines.yaml"
    knowledge.outline_source = data.get("source", "")
    for kind, spec in (data.get("outlines") or {}).items():
        sections = list(spec.get("required", [])) + list(spec.get("optional", []))
        bad = [s for s in sections if s not in _SECTION_KINDS]
        if bad:
            raise KnowledgeError(f"{name} {kind}: 未知的部分名称 {bad}（可用：{sorted(_SECTION_KINDS)}）")
        knowledge.outlines[kind] = Outline(kind, tuple(spec.get("required", [])), tuple(spec.get("optional", [])))
    for kind, patterns in (data.get("cues") or {}).items():
        if kind not in _SECTION_KINDS:
            raise KnowledgeError(f"{name} cues: 未知的部分名称 {kind}")
        knowledge.cues[kind] = tuple(_compile(name, kind, p) for p in patterns)


def _style(data: dict, knowledge: Knowledge) -> None:
    for key in ("fact_units", "slogan_markers", "problem_stock", "named_things"):
        values = data.get(key)
        if not values or not all(isinstance(v, str) for v in values):
            raise KnowledgeError(f"style.yaml: {key} 应为非空字符串列表")
        setattr(knowledge, key, tuple(sorted(values, key=len, reverse=True)))


@lru_cache(maxsize=1)
def load_knowledge() -> Knowledge:
    """Every knowledge file, validated; loaded once per process and never changed afterwards."""
    knowledge = Knowledge()
    knowledge.formulations = _formulations(_read("formulations.yaml"))
    knowledge.lookalikes = _lookalikes(_read("lookalikes.yaml"))
    _timeline(_read("timeline.yaml"), knowledge)
    _outlines(_read("outlines.yaml"), knowledge)
    _style(_read("style.yaml"), knowledge)
    surnames = str(_read("names.yaml").get("surnames", ""))
    if len(surnames) < 100 or not _HAN_ONLY.match(surnames):
        raise KnowledgeError("names.yaml: surnames 应为一串汉字姓氏")
    knowledge.surnames = surnames
    rare = str(_read("names.yaml").get("rare_surnames", ""))
    if rare and not _HAN_ONLY.match(rare):
        raise KnowledgeError("names.yaml: rare_surnames 应为一串汉字姓氏")
    knowledge.rare_surnames = rare
    return knowledge
