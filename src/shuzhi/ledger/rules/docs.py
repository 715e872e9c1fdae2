"""The ledger's rule table for people: text for the terminal, JSON, and the Markdown of docs/ledger-rules.md."""

from __future__ import annotations

import json

from . import Rule, RuleSet

_PERIODS = {"month": "每月", "quarter": "每季度", "half": "每半年", "year": "每年", "record": "每条记录", "term": "每届", "person": "每人每年"}


def _scope(r: Rule) -> str:
    parts = ["、".join(r.types)]
    if len(r.sectors) < 8:
        parts.append("、".join(r.sectors))
    when = {"has_committee": "设支部委员会的", "has_groups": "有党小组的", "has_members": "有党员名册的"}
    parts += [when[w] for w in r.when]
    return "；".join(parts)


def _in_force(r: Rule) -> str:
    start = r.effective_from.isoformat() if r.effective_from else "—"
    return f"{start} 起" + (f"，至 {r.effective_until.isoformat()}" if r.effective_until else "")


def rules_text(rules: RuleSet) -> str:
    out = []
    for code in rules.codes():
        versions = rules.versions(code)
        r = versions[-1]
        flags = "（地方做法）" if r.local else ""
        flags += "（默认关闭）" if not r.enabled else ""
        out.append(f"{code}  {r.title}{flags}")
        out.append(f"       种类：{r.kind}；周期：{_PERIODS[r.period]}；适用：{_scope(r)}")
        for v in versions:
            unverified = "（条号或原文待核）" if not v.source.verified else ""
            out.append(f"       依据：{v.source}{unverified}；施行：{_in_force(v)}")
            if v.source.quote:
                out.append(f"             “{v.source.quote}”")
        if r.note:
            out.append(f"       说明：{r.note}")
        out.append("")
    return "\n".join(out)


def rules_json(rules: RuleSet) -> str:
    data = [{
        "code": r.code, "title": r.title, "check": r.check, "kind": r.kind, "period": r.period,
        "types": list(r.types), "sectors": list(r.sectors), "when": list(r.when), "threshold": r.threshold,
        "remind_days": r.remind_days, "params": dict(r.params), "local": r.local, "enabled": r.enabled,
        "effective_from": r.effective_from.isoformat() if r.effective_from else None,
        "effective_until": r.effective_until.isoformat() if r.effective_until else None,
        "source": {"document": r.source.document, "article": r.source.article, "quote": r.source.quote, "verified": r.source.verified},
        "note": r.note,
    } for r in rules.rules]
    return json.dumps({"version": 1, "rules": data}, ensure_ascii=False, indent=1) + "\n"


def rules_markdown(rules: RuleSet) -> str:
    lines = [
        "# 台账规则表",
        "",
        "由 `shuzhi ledger rules --format markdown` 从 `src/shuzhi/ledger/rules/*.yaml` 生成，请勿手改。",
        "每条规则注明依据的文件和条款；“待核”表示原文或条号只在第三方转载中读到、未能对照官方文本。",
        "地方做法可在 `shuzhi.toml` 的 `[ledger]` 中关闭（`ignore = [\"MT005\"]`）或改次数（`[ledger.threshold]`）。",
        "",
        "| 代码 | 内容 | 种类 | 周期 | 适用 | 依据 | 施行 |",
        "|---|---|---|---|---|---|---|",
    ]
    for code in rules.codes():
        for i, v in enumerate(rules.versions(code)):
            title = v.title + ("（地方做法）" if v.local else "") + ("（默认关闭）" if not v.enabled else "")
            cite = str(v.source) + ("（待核）" if not v.source.verified else "")
            if v.source.quote:
                cite += f"：“{v.source.quote}”"
            lines.append(f"| {code if i == 0 else ''} | {title if i == 0 else '（修订后）'} | {v.kind} | {_PERIODS[v.period]} | "
                         f"{_scope(v)} | {cite} | {_in_force(v)} |")
    lines += ["", "## 说明", ""]
    for code in rules.codes():
        r = rules.versions(code)[-1]
        if r.note:
            lines.append(f"- **{code}** {r.note}")
    return "\n".join(lines) + "\n"


def workbook_markdown() -> str:
    """The workbook's sheets and columns (docs/ledger-workbook.md), from the importer's own definitions."""
    from ..sheets import SHEETS

    lines = ["# 台账工作簿的表和列", "",
             "由 `shuzhi.ledger.rules.docs.workbook_markdown()` 从导入程序自己的定义（`src/shuzhi/ledger/sheets.py`）生成，请勿手改。",
             "“必填”的列每行都要填；“应有”的列是约定的表头，没有这一列时按空白处理并提醒；其余列可以没有。列的顺序不限，可以有别的列。", ""]
    for s in SHEETS:
        lines += [f"## {s.name}" + (f"（也可叫：{'、'.join(s.aliases)}）" if s.aliases else ""), "", s.note, "",
                  "| 列 | 要求 | 填法 |", "|---|---|---|"]
        for c in s.columns:
            need = "必填" if c.mandatory else ("应有" if c.required else "可选")
            how = {"date": "日期", "int": "整数", "money": "金额（元）", "months": "月份或起止月份", "names": "姓名，用顿号分开",
                   "kinds": "会议类型，几种用顿号分开", "bool": "是／否", "hours": "学时（或“3天”）", "ints": "月数", "choice": "、".join(c.choices),
                   "text": "文字"}[c.kind]
            other = f"；也可叫“{'”“'.join(c.aliases)}”" if c.aliases else ""
            lines.append(f"| {c.header} | {need} | {how}{('。' + c.note) if c.note else ''}{other} |")
        lines.append("")
    return "\n".join(lines)
