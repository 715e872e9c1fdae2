"""`shuzhi draft 台账.xlsx --org 名称 --year 2023 -o 初稿.docx`: the first draft of a report from the ledger."""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import UsageError


def run(args, config) -> int:
    from ..ledger.facts import year_facts
    from ..ledger.obligations import evaluate
    from ..ledger.workbook import LedgerFileError, read_workbook
    from .draft import draft_bytes
    from .layout import choose_fonts, missing_standard_fonts

    out = Path(args.output)
    if out.suffix.lower() != ".docx":
        raise UsageError("初稿的文件名应以 .docx 结尾（-o 初稿.docx）")
    try:
        imported = read_workbook(args.workbook)
    except LedgerFileError as exc:
        sys.stderr.write(f"{exc.source}: 无法读取：{exc.message}\n")
        return 2
    org = next((o for o in imported.ledger.organizations if o.display == args.org), None)
    if org is None:
        raise UsageError(f"台账中没有党组织“{args.org}”")
    facts = year_facts(imported.ledger, org.name, args.year)
    items = [i for r in evaluate(imported.ledger, args.year, settings=config.ledger, organizations=facts.scope) for i in r.items]
    fonts = choose_fonts(args.fonts)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(draft_bytes(facts, items, fonts, args.kind))
    sys.stderr.write(f"初稿已写入 {out}：数字都来自台账（批注中写明所计的记录），【请填写：…】处要由书记本人写\n")
    if fonts.note:
        sys.stderr.write(f"注意：{fonts.note}\n")
    elif args.fonts == "standard" and missing_standard_fonts():
        sys.stderr.write(f"注意：本机没有{'、'.join(missing_standard_fonts())}，在本机打开时会以其他字体显示；在装有这些字体的电脑上"
                         f"（Word、WPS 的常见环境）显示正常。要用本机已有的字体排版，加 --fonts installed\n")
    for e in imported.errors:
        sys.stderr.write(f"{args.workbook}: {e}\n")
    return 2 if imported.errors else 0
