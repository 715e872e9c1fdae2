"""shuzhi.toml: which rules run, at what severity, for which year, and the local words never flagged."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

from .document import SEVERITIES
from .errors import UsageError

CONFIG_NAME = "shuzhi.toml"
_KEYS = {
    "select", "ignore", "severity", "year", "words", "max_file_mb", "jobs",
    "local_formulations", "require_rectification", "expected_kind", "score", "typo_corpus",
    "typo_threshold", "ledger",
}
_LEDGER_KEYS = {"ignore", "enable", "threshold"}


@dataclass(frozen=True)
class LedgerSettings:
    """The [ledger] table: ledger rules switched off or on, and thresholds changed to local practice."""

    ignore: tuple[str, ...] = ()  # codes or prefixes of rules not to apply
    enable: tuple[str, ...] = ()  # rules shipped switched off (enabled: false) to apply
    threshold: tuple[tuple[str, float], ...] = ()  # (code, threshold)

    def active(self, rule) -> bool:
        if any(rule.code.startswith(c) for c in self.ignore):
            return False
        return rule.enabled or any(rule.code.startswith(c) for c in self.enable)

    def adjusted(self, rule):
        value = dict(self.threshold).get(rule.code)
        return rule if value is None else replace(rule, threshold=value)


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()  # empty: every rule
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, str], ...] = ()  # (code or prefix, severity)
    year: int | None = None
    words: tuple[str, ...] = ()  # place and unit names that must never be flagged
    max_file_mb: float = 20.0
    jobs: int | None = None
    # Formulations that are local practice rather than national rules (marked local in the knowledge).
    local_formulations: bool = True
    # Whether reports must have a 上年度问题整改情况 part (many jurisdictions require it; national rules do not).
    require_rectification: bool = False
    # The kind of report this review asks for; another kind is reported (SC006). Empty: any kind.
    expected_kind: str = "党建述职"
    # [score]: weights and thresholds of the scorecard, as (name, value) pairs (see review/score.py).
    score: tuple[tuple[str, float], ...] = ()
    # Folders or files of the organization's own reports: TY003 learns a character model from them.
    typo_corpus: tuple[str, ...] = ()
    # TY003's log-probability gain threshold (None: the pack's); higher reports fewer, surer typos.
    typo_threshold: float | None = None
    # [ledger]: the ledger's rules as this jurisdiction applies them.
    ledger: LedgerSettings = LedgerSettings()
    path: str | None = field(default=None, compare=False)

    def selects(self, code: str) -> bool:
        """Longest matching prefix decides, as in ruff: `--select PH --ignore PH004` keeps PH001."""
        best_select = max((_strength(s) for s in self.select if _matches(code, s)), default=0 if not self.select else -1)
        best_ignore = max((_strength(s) for s in self.ignore if _matches(code, s)), default=-1)
        if best_select < 0:
            return False
        return best_ignore < 0 or best_select > best_ignore

    def severity_of(self, code: str, default: str) -> str:
        best = max(((_strength(k), v) for k, v in self.severity if _matches(code, k)), default=None)
        return best[1] if best else default

    def merged(self, **overrides) -> Config:
        return replace(self, **{k: v for k, v in overrides.items() if v is not None})


def _strength(selector: str) -> int:
    return 0 if selector.upper() == "ALL" else len(selector)


def _matches(code: str, selector: str) -> bool:
    return selector.upper() == "ALL" or code.startswith(selector.upper())


def find_config(start: Path | None = None) -> Path | None:
    """shuzhi.toml in the current folder or the nearest parent."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def load_config(path: Path | None) -> Config:
    if path is None:
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        raise UsageError(f"无法读取配置文件 {path}：{exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"配置文件 {path} 格式错误：{exc}") from None
    return config_from_dict(data, str(path))


def _relative(path: str, origin: str) -> str:
    """A corpus path in shuzhi.toml is read relative to the file's folder, as a user writing it expects."""
    p = Path(path).expanduser()
    return str(p if p.is_absolute() or origin == CONFIG_NAME else Path(origin).parent / p)


def config_from_dict(data: dict, origin: str = CONFIG_NAME) -> Config:
    unknown = set(data) - _KEYS
    if unknown:
        raise UsageError(f"配置文件 {origin} 含未知设置：{'、'.join(sorted(unknown))}（可用：{'、'.join(sorted(_KEYS))}）")

    def strings(key: str) -> tuple[str, ...]:
        return _strings(data, key, f"配置文件 {origin}：{key} 应为字符串列表")

    severity = data.get("severity", {})
    if not isinstance(severity, dict) or any(v not in SEVERITIES for v in severity.values()):
        raise UsageError(f"配置文件 {origin}：severity 应为“规则代码 = error/warning/info”的表")
    year = data.get("year")
    if year is not None and (not isinstance(year, int) or not 1949 <= year <= 2100):
        raise UsageError(f"配置文件 {origin}：year 应为四位年份")
    max_mb = data.get("max_file_mb", 20.0)
    if not isinstance(max_mb, (int, float)) or max_mb <= 0:
        raise UsageError(f"配置文件 {origin}：max_file_mb 应为正数")
    jobs = data.get("jobs")
    if jobs is not None and (not isinstance(jobs, int) or jobs < 1):
        raise UsageError(f"配置文件 {origin}：jobs 应为正整数")
    flags = {}
    if "expected_kind" in data:
        if data["expected_kind"] not in ("", "党建述职", "述责述廉", "个人述职"):
            raise UsageError(f"配置文件 {origin}：expected_kind 应为 党建述职、述责述廉、个人述职 或空字符串")
        flags["expected_kind"] = data["expected_kind"]
    for key in ("local_formulations", "require_rectification"):
        if key in data:
            if not isinstance(data[key], bool):
                raise UsageError(f"配置文件 {origin}：{key} 应为 true 或 false")
            flags[key] = data[key]
    typo_threshold = data.get("typo_threshold")
    if typo_threshold is not None and (not isinstance(typo_threshold, (int, float)) or not 0 < typo_threshold <= 30):
        raise UsageError(f"配置文件 {origin}：typo_threshold 应为 0 到 30 之间的数（默认 8，越大报告越少、越有把握）")
    score = data.get("score", {})
    if not isinstance(score, dict):
        raise UsageError(f"配置文件 {origin}：[score] 应为“名称 = 数值”的表")
    return Config(
        ledger=_ledger_settings(data.get("ledger", {}), origin),
        **flags,
        score=tuple(sorted(score.items())),
        select=strings("select"),
        ignore=strings("ignore"),
        severity=tuple(sorted(severity.items())),
        year=year,
        words=strings("words"),
        typo_corpus=tuple(_relative(p, origin) for p in strings("typo_corpus")),
        typo_threshold=float(typo_threshold) if typo_threshold is not None else None,
        max_file_mb=float(max_mb),
        jobs=jobs,
        path=origin,
    )


def _strings(data: dict, key: str, problem: str) -> tuple[str, ...]:
    """A setting that is a string or a list of strings; UsageError(problem) otherwise."""
    value = data.get(key, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise UsageError(problem)
    return tuple(value)


def _ledger_settings(data, origin: str) -> LedgerSettings:
    if not isinstance(data, dict) or set(data) - _LEDGER_KEYS:
        raise UsageError(f"配置文件 {origin}：[ledger] 只能有 {'、'.join(sorted(_LEDGER_KEYS))}")

    def codes(key: str) -> tuple[str, ...]:
        value = _strings(data, key, f"配置文件 {origin}：[ledger] {key} 应为规则代码的列表，如 [\"MT005\"]")
        return tuple(v.strip().upper() for v in value)

    threshold = data.get("threshold", {})
    if not isinstance(threshold, dict) or not all(isinstance(v, (int, float)) and v >= 0 for v in threshold.values()):
        raise UsageError(f"配置文件 {origin}：[ledger.threshold] 应为“规则代码 = 数值”的表")
    return LedgerSettings(ignore=codes("ignore"), enable=codes("enable"),
                          threshold=tuple(sorted((k.upper(), float(v)) for k, v in threshold.items())))
