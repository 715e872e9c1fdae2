"""A scorecard per report: completeness, concreteness, the defects that count, and a suggested rating.

The weights are each jurisdiction's to set (shuzhi.toml, [score]); the defaults below are documented in
the README. The rating is a suggestion with its reasons, for a reviewer to confirm or overrule.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from ..document import Document, Finding
from ..document import SectionKind as K
from ..errors import UsageError
from .concreteness import sentences, share_of_facts
from .rules.outline import parts_of, required_parts

RATINGS = ("好", "较好", "一般", "差")


@dataclass(frozen=True)
class ScoreWeights:
    """Points taken off per finding (and the most a kind of finding can take), and rating thresholds."""

    placeholder: float = 4
    placeholder_cap: float = 30
    artifact: float = 5
    artifact_cap: float = 20
    formulation: float = 3
    formulation_cap: float = 15
    stale: float = 3
    stale_cap: float = 15
    typo: float = 2
    typo_cap: float = 10
    # A suspected typo the checker is not sure of (级别“提示”: 把握 under 85%) is for the reader to look at,
    # not a defect: nothing is taken off by default.
    typo_hint: float = 0
    typo_hint_cap: float = 10
    missing_part: float = 8
    wrong_kind: float = 20
    structure: float = 1
    structure_cap: float = 5
    style: float = 4
    style_cap: float = 10
    numbers: float = 3
    numbers_cap: float = 9
    # A number the report claims more of than the ledger records (LD001); fewer (LD002, 提示) takes nothing.
    ledger: float = 2
    ledger_cap: float = 10
    ledger_hint: float = 0
    ledger_hint_cap: float = 5
    # Last year's problems the report passes over or calls solved while they are open (RC rules).
    rectification: float = 3
    rectification_cap: float = 12
    other: float = 0.5
    other_cap: float = 5
    # Share of sentences in the 履职情况 part that carry a checkable fact, below which points go,
    # in proportion, up to concreteness_penalty.
    concreteness_target: float = 0.4
    concreteness_penalty: float = 15
    good: float = 85
    fair: float = 70
    poor: float = 60

    @classmethod
    def from_config(cls, table: dict | None) -> ScoreWeights:
        if not table:
            return cls()
        known = {f.name for f in fields(cls)}
        unknown = set(table) - known
        if unknown:
            raise UsageError(f"配置文件 [score] 含未知设置：{'、'.join(sorted(unknown))}")
        bad = [k for k, v in table.items() if not isinstance(v, (int, float)) or isinstance(v, bool) or v < 0]
        if bad:
            raise UsageError(f"配置文件 [score]：{'、'.join(bad)} 应为非负数")
        return cls(**{k: float(v) for k, v in table.items()})


# Which findings count under which heading: by code first, then by category.
_BY_CODE = {"SC003": None, "SC006": None}  # counted through completeness and report kind
_BY_CATEGORY = {
    "placeholder": ("placeholder", "模板占位符未填写"),
    "artifact": ("artifact", "网页或文档残留"),
    "formulation": ("formulation", "规范提法写错"),
    "stale": ("stale", "陈旧内容"),
    "typo": ("typo", "错别字"),
    "structure": ("structure", "结构问题"),
    "style": ("style", "空话套话或问题不具体"),
    "numbers": ("numbers", "数字问题"),
    "ledger": ("ledger", "数字多于台账记录"),
    "rectification": ("rectification", "上年度问题整改未说清"),
}
# The heading each count is reported under; 提示-level typos are counted apart (typo_hint).
_LABELS = {**dict(_BY_CATEGORY.values()), "typo_hint": "疑似错字（提示）", "ledger_hint": "数字少于台账记录"}


@dataclass
class Scorecard:
    value: int
    rating: str
    completeness: float | None
    missing: list[str]
    concreteness: float | None
    counts: dict[str, int] = field(default_factory=dict)
    reasons: list[str] = field(default_factory=list)
    summary: str = ""
    # (start, end, share of factual sentences) for each paragraph of the parts about the year's work.
    paragraphs: list[tuple[int, int, float]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {
            "value": self.value,
            "rating": self.rating,
            "completeness": None if self.completeness is None else round(self.completeness, 2),
            "missing_parts": self.missing,
            "concreteness": None if self.concreteness is None else round(self.concreteness, 2),
            "counts": self.counts,
            "reasons": self.reasons,
            "summary": self.summary,
            "paragraph_concreteness": [{"start": a, "end": b, "share": round(x, 2)} for a, b, x in self.paragraphs],
        }


def concreteness_of(doc: Document) -> tuple[float | None, list[tuple[int, int, float]]]:
    """Share of factual sentences in the parts about the year's work (the whole body when there are none),
    for the report and for each of its paragraphs."""
    spans = [(s.start, s.end) for s in doc.sections if s.kind in (K.PERFORMANCE, K.HIGHLIGHTS) and not s.inline]
    if not spans:
        spans = [(doc.paragraphs[1][0] if len(doc.paragraphs) > 1 else doc.start, doc.end)]
    # Headings (一、履职情况; （一）强化政治引领。) name a part; they are not statements of fact or slogan.
    headings = {s.start for s in doc.walk_sections() if not s.inline}
    every, per_paragraph = [], []
    for ps, pe in doc.paragraphs:
        if not any(a <= ps < b for a, b in spans):
            continue
        items = [x for x in sentences(doc.text, ps, pe) if x.start not in headings]
        if items:
            every += items
            per_paragraph.append((ps, pe, share_of_facts(items)))
    return share_of_facts(every), per_paragraph


def score(doc: Document, findings: list[Finding], config, weights: ScoreWeights) -> Scorecard:
    deductions: list[tuple[float, str]] = []
    counts: dict[str, int] = {}
    for f in findings:
        if f.rule in _BY_CODE:
            continue
        key, _ = _BY_CATEGORY.get(f.category, ("other", "其他"))
        if key in ("typo", "ledger") and f.severity == "info":
            key += "_hint"
        counts[key] = counts.get(key, 0) + 1
    for key, n in sorted(counts.items()):
        per, cap = getattr(weights, key), getattr(weights, f"{key}_cap")
        label = _LABELS.get(key, "标点、重复等其他问题")
        taken = min(per * n, cap)
        if taken:
            deductions.append((taken, f"{label}{n}处（-{taken:g}）"))

    required = required_parts(doc, config)
    found = parts_of(doc)
    missing = [k for k in required if k not in found]
    completeness = (len(required) - len(missing)) / len(required) if required else None
    if missing:
        deductions.append((weights.missing_part * len(missing), f"缺少{'、'.join(missing)}部分（-{weights.missing_part * len(missing):g}）"))
    if any(f.rule == "SC006" for f in findings):
        deductions.append((weights.wrong_kind, f"报告类型不符（-{weights.wrong_kind:g}）"))

    concreteness, paragraphs = concreteness_of(doc)
    if concreteness is not None and weights.concreteness_target and concreteness < weights.concreteness_target:
        taken = round(weights.concreteness_penalty * (1 - concreteness / weights.concreteness_target), 1)
        if taken:
            deductions.append((taken, f"可核实的事实偏少，履职部分只有{concreteness:.0%}的句子有数据或事例（-{taken:g}）"))

    value = max(0, round(100 - sum(d for d, _ in deductions)))
    rating = next((r for r, t in zip(RATINGS, (weights.good, weights.fair, weights.poor)) if value >= t), RATINGS[-1])
    reasons = [reason for _, reason in sorted(deductions, key=lambda d: -d[0])]
    card = Scorecard(value, rating, completeness, missing, concreteness, counts, reasons, paragraphs=paragraphs)
    card.summary = _summary(card, required)
    return card


def _summary(card: Scorecard, required: tuple[str, ...]) -> str:
    parts = [f"建议等次：{card.rating}（{card.value}分）"]
    if required:
        parts.append(f"结构{'完整' if not card.missing else '不完整'}（{len(required) - len(card.missing)}/{len(required)}部分）")
    if card.concreteness is not None:
        parts.append(f"履职部分{card.concreteness:.0%}的句子有可核实的数据或事例")
    text = "；".join(parts)
    if card.reasons:
        text += "。主要扣分：" + "、".join(card.reasons[:4])
    return text + "。"
