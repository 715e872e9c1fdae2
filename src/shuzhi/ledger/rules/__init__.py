"""The ledger's rules as cited data: `*.yaml` beside this module, validated when first loaded.

Each rule is an instance of one of a few check types (checks.py): how often something must happen (frequency),
who must be reached (coverage), what a vote needs (quorum, majority), when a term ends (term), the time limits of
member development (interval, age, hours, introducers, extension) and dues (dues, lapse). A rule names the
organizations it applies to, its period and threshold, the document and article it comes from, and the dates it is
in force; a rule that is local practice says so and can be switched in shuzhi.toml. Several entries may share a
code when the regulation was revised: each covers its own stretch of time (effective_from / effective_until).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from ...review.yamlfile import parse_yaml
from ..records import KINDS, MEETING_KINDS, ORG_TYPES, SECTORS

CHECKS = ("frequency", "coverage", "vote_quorum", "vote_majority", "ballots", "committee_quorum", "lectures", "term",
          "interval", "age", "hours", "introducers", "extension", "dues", "lapse")
PERIODS = ("month", "quarter", "half", "year", "record", "term", "person")
CONDITIONS = ("has_committee", "has_groups", "has_members")
_REQUIRED = ("code", "title", "check", "kind", "period", "source")
_KNOWN = set(_REQUIRED) | {"applies", "threshold", "remind_days", "params", "effective_from", "effective_until",
                           "local", "enabled", "note", "counts"}


class RuleError(Exception):
    """A rule file that is not valid: raised when the rules are first loaded, naming the file and the rule."""


@dataclass(frozen=True)
class Source:
    document: str
    article: str = ""
    quote: str = ""
    verified: bool = True

    def __str__(self) -> str:
        return f"{self.document}{self.article}" if self.article else self.document


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    check: str
    kind: str
    period: str
    source: Source
    counts: tuple[str, ...] = ()  # meeting kinds that count towards a frequency rule
    types: tuple[str, ...] = ORG_TYPES
    sectors: tuple[str, ...] = SECTORS
    when: tuple[str, ...] = ()  # conditions on the organization (has_committee, has_groups)
    threshold: float | None = None
    remind_days: int = 14
    params: tuple[tuple[str, object], ...] = ()
    effective_from: datetime.date | None = None
    effective_until: datetime.date | None = None
    local: bool = False
    enabled: bool = True
    note: str = ""
    origin: str = field(default="", compare=False)
    _params: dict = field(default=None, init=False, repr=False, compare=False)
    _cite: str = field(default="", init=False, repr=False, compare=False)

    def __post_init__(self):
        # Asked for on every item: worked out once (the dataclass is frozen, hence object.__setattr__).
        object.__setattr__(self, "_params", dict(self.params))
        object.__setattr__(self, "_cite", f"{self.source}{'（地方做法，可在 shuzhi.toml 中关闭）' if self.local else ''}")

    def param(self, name: str, default=None):
        return self._params.get(name, default)

    def applies_to(self, org_type: str, sector: str) -> bool:
        return org_type in self.types and sector in self.sectors

    def in_force(self, day: datetime.date) -> bool:
        return (self.effective_from is None or self.effective_from <= day) and (self.effective_until is None or day <= self.effective_until)

    @property
    def cite(self) -> str:
        """The source as a reader is shown it: document and article, and 地方做法 where it is local practice."""
        return self._cite


@dataclass(frozen=True)
class RuleSet:
    rules: tuple[Rule, ...]

    def codes(self) -> list[str]:
        return sorted({r.code for r in self.rules})

    def versions(self, code: str) -> list[Rule]:
        return sorted((r for r in self.rules if r.code == code), key=lambda r: r.effective_from or datetime.date.min)

    def in_force(self, code: str, day: datetime.date) -> Rule | None:
        """The version of a rule in force on `day`; None before the first version and after the last."""
        return next((r for r in self.versions(code) if r.in_force(day)), None)

    def latest(self) -> list[Rule]:
        """One entry per code (its newest version), in code order: for listings."""
        return [self.versions(c)[-1] for c in self.codes()]


def _date(value, where: str) -> datetime.date | None:
    if value is None or isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise RuleError(f"{where}：日期应写作 YYYY-MM-DD，而不是 {value!r}") from None


def _strings(value, where: str, allowed: tuple[str, ...] | None = None) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise RuleError(f"{where} 应为字符串列表")
    if allowed is not None:
        bad = [v for v in value if v not in allowed]
        if bad:
            raise RuleError(f"{where} 含未知取值：{'、'.join(bad)}（可用：{'、'.join(allowed)}）")
    return tuple(value)


def rule_from_dict(data: dict, origin: str) -> Rule:
    code = data.get("code", "?") if isinstance(data, dict) else "?"
    where = f"{origin} 规则 {code}"
    if not isinstance(data, dict):
        raise RuleError(f"{where}：应为一个表")
    missing = [k for k in _REQUIRED if k not in data]
    if missing:
        raise RuleError(f"{where}：缺少 {'、'.join(missing)}")
    unknown = set(data) - _KNOWN
    if unknown:
        raise RuleError(f"{where}：未知的键 {'、'.join(sorted(unknown))}")
    if not (isinstance(code, str) and len(code) == 5 and code[:2].isalpha() and code[:2].isupper() and code[2:].isdigit()):
        raise RuleError(f"{where}：代码应为两个大写字母加三位数字")
    if data["check"] not in CHECKS:
        raise RuleError(f"{where}：未知的检查类型 {data['check']}（可用：{'、'.join(CHECKS)}）")
    if data["kind"] not in KINDS:
        raise RuleError(f"{where}：kind 应为 {'、'.join(KINDS)} 之一")
    if data["period"] not in PERIODS:
        raise RuleError(f"{where}：period 应为 {'、'.join(PERIODS)} 之一")
    source = data["source"]
    if not isinstance(source, dict) or not source.get("document"):
        raise RuleError(f"{where}：source 应写明 document（文件名称），最好还有 article（条款）和 quote（原文）")
    applies = data.get("applies") or {}
    if not isinstance(applies, dict) or set(applies) - {"types", "sectors", "when"}:
        raise RuleError(f"{where}：applies 只能有 types、sectors、when")
    threshold = data.get("threshold")
    if threshold is not None and (not isinstance(threshold, (int, float)) or threshold < 0):
        raise RuleError(f"{where}：threshold 应为非负数")
    params = data.get("params") or {}
    if not isinstance(params, dict):
        raise RuleError(f"{where}：params 应为一个表")
    rule = Rule(
        code=code, title=str(data["title"]), check=data["check"], kind=data["kind"], period=data["period"],
        source=Source(str(source["document"]), str(source.get("article", "")), str(source.get("quote", "")),
                      bool(source.get("verified", True))),
        counts=_strings(data.get("counts", []), f"{where} counts", MEETING_KINDS),
        types=_strings(applies.get("types", list(ORG_TYPES)), f"{where} applies.types", ORG_TYPES),
        sectors=_strings(applies.get("sectors", list(SECTORS)), f"{where} applies.sectors", SECTORS),
        when=_strings(applies.get("when", []), f"{where} applies.when", CONDITIONS),
        threshold=threshold,
        remind_days=int(data.get("remind_days", 14)),
        params=tuple(sorted(params.items())),
        effective_from=_date(data.get("effective_from"), where),
        effective_until=_date(data.get("effective_until"), where),
        local=bool(data.get("local", False)),
        enabled=bool(data.get("enabled", True)),
        note=str(data.get("note", "")),
        origin=origin,
    )
    if rule.check == "frequency" and not rule.counts:
        raise RuleError(f"{where}：frequency 规则要写明 counts（哪些会议计数）")
    if rule.check == "frequency" and rule.period not in ("month", "quarter", "half", "year"):
        raise RuleError(f"{where}：frequency 规则的 period 应为 month、quarter、half 或 year")
    if rule.effective_from and rule.effective_until and rule.effective_until < rule.effective_from:
        raise RuleError(f"{where}：effective_until 早于 effective_from")
    return rule


def validate(rules: list[Rule]) -> None:
    """Versions of one code must agree on what they are and must not overlap in time."""
    by_code: dict[str, list[Rule]] = {}
    for r in rules:
        by_code.setdefault(r.code, []).append(r)
    for code, versions in by_code.items():
        if len({(r.check, r.kind) for r in versions}) > 1:
            raise RuleError(f"规则 {code} 的各版本检查类型或种类不同：一个代码一经使用，含义不变")
        versions.sort(key=lambda r: r.effective_from or datetime.date.min)
        for a, b in zip(versions, versions[1:]):
            if a.effective_until is None or b.effective_from is None or a.effective_until >= b.effective_from:
                raise RuleError(f"规则 {code} 的两个版本（{a.origin}、{b.origin}）施行时间重叠：前一版要写 effective_until，后一版要写 effective_from")


def parse_rules(text: str, origin: str) -> list[Rule]:
    data = parse_yaml(text, origin, RuleError)
    if not isinstance(data, dict) or not isinstance(data.get("rules"), list):
        raise RuleError(f"{origin}：应有 rules 列表")
    return [rule_from_dict(entry, origin) for entry in data["rules"]]


@lru_cache(maxsize=1)
def default_rules() -> RuleSet:
    """Every rule shipped with shuzhi, validated."""
    rules: list[Rule] = []
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml"):
            rules += parse_rules(entry.read_text(encoding="utf-8"), entry.name)
    validate(rules)
    return RuleSet(tuple(rules))
