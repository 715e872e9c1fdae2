"""`shuzhi rules`: every rule with its explanation, basis and examples, as text, JSON or Markdown."""

from __future__ import annotations

import json

from ..document import CATEGORY_LABELS, SEVERITY_LABELS
from ..review.registry import Rule


def rule_dict(rule: Rule) -> dict:
    return {
        "code": rule.code,
        "name": rule.name,
        "title": rule.title,
        "category": rule.category,
        "severity": rule.severity,
        "message": rule.message,
        "description": rule.description,
        "basis": rule.basis,
        "safety": rule.safety,
        "examples": {
            "bad": [{"text": e.text, "suggestion": e.suggestion} for e in rule.examples.bad],
            "good": list(rule.examples.good),
        },
    }


def _marked(text: str) -> str:
    return text.replace("[[", "【").replace("]]", "】").replace("\n", "⏎")


def render_rules(rules: list[Rule], fmt: str) -> str:
    if fmt == "json":
        return json.dumps({"version": 1, "rules": [rule_dict(r) for r in rules]}, ensure_ascii=False, indent=1) + "\n"
    lines = []
    if fmt == "markdown":
        lines += ["# shuzhi 规则表", "", "| 代码 | 名称 | 类别 | 默认级别 |", "|---|---|---|---|"]
        lines += [f"| {r.code} | {r.title} | {CATEGORY_LABELS[r.category]} | {SEVERITY_LABELS[r.severity]} |" for r in rules]
        lines.append("")
        for r in rules:
            lines += [f"## {r.code} {r.title}（`{r.name}`）", "", r.description, ""]
            if r.basis:
                lines += [f"依据：{r.basis}", ""]
            lines += ["应报告（【】内为报告的位置）："] + [f"- {_marked(e.text)}" for e in r.examples.bad]
            lines += ["", "不应报告："] + [f"- {_marked(g)}" for g in r.examples.good] + [""]
        return "\n".join(lines)
    for r in rules:
        lines.append(f"{r.code}  {r.title}  [{CATEGORY_LABELS[r.category]} · {SEVERITY_LABELS[r.severity]}]  {r.name}")
        lines.append(f"    {r.description}")
        if r.basis:
            lines.append(f"    依据：{r.basis}")
        for e in r.examples.bad:
            hint = "" if e.suggestion is None else f"  → 建议：{'删除' if e.suggestion == '' else '改为' + e.suggestion}"
            lines.append(f"    ✗ {_marked(e.text)}{hint}")
        for g in r.examples.good:
            lines.append(f"    ✓ {_marked(g)}")
        lines.append("")
    return "\n".join(lines)
