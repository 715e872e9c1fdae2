"""`shuzhi ledger template | check | facts | digest | ical | rules`. Exit status: 0 nothing late, 1 something is
late or a record breaks a rule, 2 the workbook could not be read or has cells that cannot be read."""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

from ..errors import UsageError
from .dates import DateError, cn_date, parse_date
from .workbook import Imported, LedgerFileError, read_workbook

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2


def run(args, config) -> int:
    command = args.ledger_command
    if command == "template":
        return _template(args)
    if command == "rules":
        return _rules(args)
    try:
        imported = read_workbook(args.workbook)
    except LedgerFileError as exc:
        if getattr(args, "format", "text") == "json":
            print(json.dumps({"version": 1, "organizations": [], "errors": [{"sheet": None, "row": None, "column": "",
                                                                             "message": f"{exc.source}：{exc.message}"}]}, ensure_ascii=False))
        sys.stderr.write(f"{exc.source}: 无法读取：{exc.message}\n")
        return EXIT_TROUBLE
    return {"check": _check, "facts": _facts, "digest": _digest, "ical": _ical}[command](args, imported, config)


def _year(args) -> int:
    year = args.year or datetime.date.today().year
    if not 2000 <= year <= 2100:
        raise UsageError("--year 应为四位年份（2000—2100）")
    return year


def _as_of(args) -> datetime.date | None:
    if not getattr(args, "as_of", None):
        return None
    try:
        return parse_date(args.as_of)
    except DateError as exc:
        raise UsageError(f"--as-of：{exc}") from None


def _report_errors(imported: Imported, source: str) -> None:
    for e in imported.errors:
        sys.stderr.write(f"{source}: {e}\n")
    for w in imported.warnings:
        sys.stderr.write(f"{source}: 注意：{w}\n")


def _template(args) -> int:
    from .template import template_bytes

    path = Path(args.output)
    if path.suffix.lower() != ".xlsx":
        raise UsageError("模板文件名应以 .xlsx 结尾")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(template_bytes())
    sys.stderr.write(f"空白台账已写入 {path}：每类记录一张表，第2行是示例（以“示例”开头，导入时不读）\n")
    return EXIT_CLEAN


def _organizations(args, imported: Imported) -> list[str] | None:
    if not args.org:
        return None
    names = []
    for name in args.org:
        if imported.ledger.organization(name) is None:
            raise UsageError(f"台账中没有党组织“{name}”（“党组织”表中有：{'、'.join(o.name for o in imported.ledger.organizations[:20])}）")
        names += [o.name for o in imported.ledger.subtree(name)] if getattr(args, "subtree", False) else [name]
    return names


def _check(args, imported: Imported, config) -> int:
    from ..outputs.ledger import obligations_xlsx, render_obligations
    from .items import OVERDUE, OPEN
    from .obligations import as_json, default_as_of, evaluate

    year = _year(args)
    as_of = _as_of(args) or default_as_of(year)
    results = evaluate(imported.ledger, year, as_of=as_of, settings=config.ledger, organizations=_organizations(args, imported))
    errors = [e.as_dict() for e in imported.errors]
    if args.format == "json":
        data = as_json(results, errors, year, as_of)
        data["warnings"] = [w.as_dict() for w in imported.warnings]
        data["rows"] = imported.rows
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        from ..outputs.text import TextRenderer, use_color

        paint = TextRenderer(sys.stdout, color=use_color(sys.stdout)).paint
        print(paint(f"{args.workbook}：{year}年度，按{cn_date(as_of)}判断", "bold") + "\n")
        render_obligations(results, sys.stdout, paint, show_done=args.all)
        total = {}
        for r in results:
            for k, v in r.counts().items():
                total[k] = total.get(k, 0) + v
        print(f"共 {len(results)} 个党组织：" + "，".join(f"{k} {v}" for k, v in total.items()))
        if imported.errors:
            print(paint(f"\n台账中有 {len(imported.errors)} 处无法读取的单元格（这些行没有计入，见下）：", "error"))
            for e in imported.errors:
                print(f"  {e}")
    _report_errors(imported, args.workbook) if args.format == "json" else None
    if args.xlsx:
        Path(args.xlsx).parent.mkdir(parents=True, exist_ok=True)
        Path(args.xlsx).write_bytes(obligations_xlsx(results, year, as_of))
    if imported.errors:
        return EXIT_TROUBLE
    late = any(i.status == OVERDUE or (i.status == OPEN and i.due is not None and i.due < as_of) for r in results for i in r.items)
    return EXIT_FINDINGS if late else EXIT_CLEAN


def _facts(args, imported: Imported, config) -> int:
    from ..outputs.ledger import render_facts
    from .facts import year_facts

    year = _year(args)
    if imported.ledger.organization(args.org) is None:
        raise UsageError(f"台账中没有党组织“{args.org}”")
    facts = year_facts(imported.ledger, args.org, year)
    if args.format == "json":
        data = facts.as_dict()
        data["errors"] = [e.as_dict() for e in imported.errors]
        print(json.dumps(data, ensure_ascii=False, indent=1))
    else:
        render_facts(facts, sys.stdout)
    _report_errors(imported, args.workbook)
    return EXIT_TROUBLE if imported.errors else EXIT_CLEAN


def _digest(args, imported: Imported, config) -> int:
    from .digest import digest_html, digest_text, upcoming

    as_of = _as_of(args) or datetime.date.today()
    digests = upcoming(imported.ledger, as_of, _organizations(args, imported), settings=config.ledger)
    for d in digests.values():
        sys.stdout.write(digest_text(d) + "\n")
    if args.html:
        Path(args.html).parent.mkdir(parents=True, exist_ok=True)
        Path(args.html).write_text("\n".join(digest_html(d) for d in digests.values()), encoding="utf-8")
    _report_errors(imported, args.workbook)
    return EXIT_TROUBLE if imported.errors else EXIT_CLEAN


def _ical(args, imported: Imported, config) -> int:
    from .digest import calendar, upcoming

    as_of = _as_of(args) or datetime.date.today()
    digests = upcoming(imported.ledger, as_of, _organizations(args, imported), settings=config.ledger)
    Path(args.output).parent.mkdir(parents=True, exist_ok=True)
    Path(args.output).write_bytes(calendar(digests))
    n = sum(len(d.overdue) + len(d.soon) + len(d.coming) for d in digests.values())
    sys.stderr.write(f"日历已写入 {args.output}：{n} 个事项\n")
    _report_errors(imported, args.workbook)
    return EXIT_TROUBLE if imported.errors else EXIT_CLEAN


def _rules(args) -> int:
    from .rules import default_rules
    from .rules.docs import rules_json, rules_markdown, rules_text

    rules = default_rules()
    out = {"text": rules_text, "json": rules_json, "markdown": rules_markdown}[args.format](rules)
    sys.stdout.write(out)
    return EXIT_CLEAN
