"""`shuzhi check | split | rules`: the command line. Exit status 0 clean, 1 errors found, 2 bad input or usage."""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from pathlib import Path

from . import __version__
from .config import Config, find_config, load_config
from .errors import InputError, UsageError

EXIT_CLEAN, EXIT_FINDINGS, EXIT_TROUBLE = 0, 1, 2

_ARGPARSE_ZH = (
    (r"the following arguments are required: (.*)", r"缺少必需的参数：\1"),
    (r"unrecognized arguments: (.*)", r"无法识别的参数：\1"),
    (r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)", r"参数 \1 的取值 \2 无效（可选：\3）"),
    (r"argument (\S+): expected one argument", r"参数 \1 需要一个值"),
    (r"argument (\S+): invalid (int|float) value: (.*)", r"参数 \1 应为数字，而不是 \3"),
)


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        return super().add_usage(usage, actions, groups, prefix="用法：" if prefix is None else prefix)


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("formatter_class", _Formatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)
        self._positionals.title = "参数"
        self._optionals.title = "选项"
        self.add_argument("-h", "--help", action="help", help="显示本帮助并退出")

    def error(self, message):
        for pattern, repl in _ARGPARSE_ZH:
            message = re.sub(pattern, repl, message)
        raise UsageError(f"{message}（用 {self.prog} -h 查看用法）")


def _codes(value: str) -> list[str]:
    return [c.strip().upper() for c in value.split(",") if c.strip()]


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="shuzhi",
        description="述职报告审读：找出抓基层党建工作述职报告中的占位符、残留、错漏与结构问题。\n"
        "shuzhi reads Party-building work reports and reports what a careful reviewer would find.",
    )
    parser.add_argument("--version", action="version", version=f"shuzhi {__version__}", help="显示版本号")
    sub = parser.add_subparsers(dest="command", title="命令", metavar="命令", parser_class=_Parser)

    check = sub.add_parser("check", help="检查报告（txt、docx、pdf、doc，文件夹或zip）", description="检查报告并列出发现的问题。")
    check.add_argument("paths", nargs="+", metavar="路径", help="文件、文件夹或 zip 压缩包；- 表示标准输入")
    check.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    check.add_argument("--select", type=_codes, action="extend", metavar="代码", help="只运行这些规则（代码或类别前缀，逗号分隔，如 PH,AR001）")
    check.add_argument("--ignore", type=_codes, action="extend", metavar="代码", help="不运行这些规则（代码或类别前缀）")
    check.add_argument("--year", type=int, metavar="年份", help="报告年度（覆盖从正文识别的年份）")
    check.add_argument("--config", metavar="文件", help="配置文件（默认在当前及上级目录查找 shuzhi.toml）")
    check.add_argument("--annotate-docx", metavar="输出", help="写出带批注的 Word 文档：单个输入时为 .docx 文件名，多个输入时为文件夹")
    check.add_argument("--jobs", "-j", type=int, metavar="N", help="并行进程数（默认为 CPU 核数）")
    check.add_argument("--max-file-mb", type=float, metavar="MB", help="单个文件大小上限（默认 20 MB）")
    check.add_argument("--ledger", metavar="台账", help="对照这份台账（.xlsx）核对报告中的次数、人数、金额（LD 规则）")
    check.add_argument("--rectification", metavar="整改台账", help="对照上年度述职评议的整改台账（述职评议导出的 .xlsx）检查报告是否"
                       "逐条写了上年度问题的整改情况（RC 规则）")
    check.add_argument("--org", metavar="名称", help="报告属于台账中的哪个党组织（默认按报告标题中的名称）")

    split = sub.add_parser("split", help="显示汇编文件拆分出的各篇报告及其结构", description="显示文件中的各篇报告、年份、类型和标题层次。")
    split.add_argument("path", metavar="文件", help="要拆分的文件")
    split.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    split.add_argument("--year", type=int, metavar="年份", help="报告年度")

    compare = sub.add_parser("compare", help="比对两篇报告的雷同段落", description="找出两篇报告中所有相同的段落（不论先后顺序），计算双方的文字复制比。")
    compare.add_argument("a", metavar="报告甲", help="第一篇报告")
    compare.add_argument("b", metavar="报告乙", help="第二篇报告")
    compare.add_argument("--min-run", type=int, default=13, metavar="字数", help="报告的最短雷同段落（规范化后字数，默认13）")
    compare.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    compare.add_argument("--html", metavar="文件", help="写出左右对照、高亮雷同段落的网页")

    reuse = sub.add_parser("reuse", help="在一批报告中查找雷同、模板和沿用上年报告", description="在文件、文件夹、压缩包和汇编中的全部报告之间查找雷同段落，区分共用表述，找出模板聚类和沿用本单位上年报告的情况。")
    reuse.add_argument("paths", nargs="+", metavar="路径", help="文件、文件夹或 zip 压缩包")
    reuse.add_argument("--min-run", type=int, default=13, metavar="字数", help="报告的最短雷同段落（默认13）")
    reuse.add_argument("--common-share", type=float, default=0.05, metavar="比例", help="多少比例的报告都有的表述算共用表述，不计入复制比（默认0.05）")
    reuse.add_argument("--cluster-ratio", type=float, default=0.3, metavar="比例", help="复制比达到多少时归入同一模板聚类（默认0.3）")
    reuse.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    reuse.add_argument("--xlsx", metavar="文件", help="写出按复制比排序的 Excel 表")
    reuse.add_argument("--html-dir", metavar="文件夹", help="为每对雷同报告写出左右对照网页")
    reuse.add_argument("--dask", metavar="地址", help="在 Dask 集群上运行（调度器地址，如 tcp://10.0.0.1:8786）")
    reuse.add_argument("--jobs", "-j", type=int, metavar="N", help="读取报告和计算签名的并行进程数（默认为 CPU 核数）")

    index = sub.add_parser("index", help="雷同比对索引：建立、追加、查询", description="把往年的报告建成 SQLite 索引，新报告到来时直接比对，不必重读全部语料。")
    index_sub = index.add_subparsers(dest="index_command", title="操作", metavar="操作", parser_class=_Parser)
    for name, help_text in (("build", "用这些报告新建索引（覆盖已有索引）"), ("add", "把这些报告追加到索引"), ("query", "把这些报告与索引中的报告比对")):
        p = index_sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("db", metavar="索引文件", help="SQLite 索引文件，如 reports.db")
        p.add_argument("paths", nargs="+", metavar="路径", help="文件、文件夹或 zip 压缩包")
        if name == "query":
            p.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
        else:
            p.add_argument("--min-run", type=int, default=13, metavar="字数", help="最短雷同段落（仅 build 时有效，默认13）")
        p.add_argument("--jobs", "-j", type=int, metavar="N", help="读取报告的并行进程数（默认为 CPU 核数）")
    info = index_sub.add_parser("info", help="显示索引中的报告数和参数", description="显示索引中的报告数和参数。")
    info.add_argument("db", metavar="索引文件")

    rules = sub.add_parser("rules", help="列出全部规则及其说明和例句", description="列出规则的代码、说明、依据和例句。")
    rules.add_argument("codes", nargs="*", metavar="代码", help="只显示这些规则（代码或类别前缀）")
    rules.add_argument("--format", choices=["text", "json", "markdown"], default="text", help="输出格式（默认 text）")

    _ledger_parser(sub)

    draft = sub.add_parser("draft", help="由台账写出述职报告初稿（.docx）", description=(
        "由台账写出述职报告的初稿：各部分按报告类型排好，数字都来自台账（每个数字的批注写明所计的记录），\n"
        "台账不知道的（做法、成效、原因、打算）留作【请填写：…】，未填写的初稿不会通过检查。"))
    draft.add_argument("workbook", metavar="台账", help="台账 .xlsx 文件")
    draft.add_argument("--org", required=True, metavar="名称", help="党组织名称")
    draft.add_argument("--year", type=int, required=True, metavar="年份", help="报告年度")
    draft.add_argument("-o", "--output", required=True, metavar="输出", help="初稿文件，如 初稿.docx")
    draft.add_argument("--kind", default="党建述职", choices=["党建述职", "述责述廉"], help="报告类型（默认 党建述职）")
    draft.add_argument("--fonts", default="standard", choices=["standard", "installed"],
                       help="standard：按 GB/T 9704 的字体名（默认）；installed：本机没有的字体换成本机有的")
    draft.add_argument("--config", metavar="文件", help="配置文件（默认在当前及上级目录查找 shuzhi.toml）")

    serve = sub.add_parser("serve", help="启动网页工作台（需要 web 扩展）", description="启动述职评议网页工作台；数据库默认是 SHUZHI_DATA 下的 SQLite，设置 DATABASE_URL 可改用 PostgreSQL。")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1）")
    serve.add_argument("--port", type=int, default=8000, help="端口（默认 8000）")
    serve.add_argument("--no-migrate", action="store_true", help="启动前不更新数据库结构")
    worker = sub.add_parser("worker", help="运行网页工作台的后台检查进程", description="检查网页上传的报告：从数据库中取出排队的任务逐个处理。")
    worker.add_argument("--batch", action="store_true", help="处理完当前排队的任务后退出")
    worker.add_argument("--interval", type=float, default=1.0, metavar="秒", help="没有任务时隔多久再查一次（默认 1 秒）")
    return parser


def _ledger_parser(sub) -> None:
    ledger = sub.add_parser("ledger", help="党支部工作台账：模板、检查、统计、提示", description=(
        "党支部工作台账（三会一课、主题党日、谈心谈话、发展党员、党费、换届）：由 Excel 台账算出各项工作的完成情况和提示，\n"
        "每条提示注明依据的文件和条款。提示是建议，不是限制。"))
    lsub = ledger.add_subparsers(dest="ledger_command", title="操作", metavar="操作", parser_class=_Parser)
    t = lsub.add_parser("template", help="写出空白台账（每类记录一张表，带下拉选项和示例行）", description="写出空白的台账工作簿。")
    t.add_argument("output", metavar="输出文件", help="如 台账.xlsx")
    c = lsub.add_parser("check", help="检查台账：每个党组织每项工作的完成情况", description="读入台账，列出每个党组织的各项工作：已完成、未完成、即将到期、逾期，以及填写有误的单元格。")
    c.add_argument("workbook", metavar="台账", help="台账 .xlsx 文件")
    c.add_argument("--year", type=int, metavar="年份", help="年度（默认今年）")
    c.add_argument("--org", metavar="名称", action="append", help="只看这个党组织（可以写多次；含其下级用 --subtree）")
    c.add_argument("--subtree", action="store_true", help="--org 包括其全部下级党组织")
    c.add_argument("--as-of", metavar="日期", help="按哪一天判断是否逾期（默认今天；往年默认次年1月1日）")
    c.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    c.add_argument("--all", action="store_true", help="文本输出也列出已完成的事项")
    c.add_argument("--xlsx", metavar="文件", help="另写出逾期、即将到期和未完成事项的 Excel 清单")
    c.add_argument("--config", metavar="文件", help="配置文件（默认在当前及上级目录查找 shuzhi.toml）")
    f = lsub.add_parser("facts", help="一个党组织一年的统计数（写述职报告用）", description="由台账算出一个党组织（含下级）一年的党员、会议、谈话、发展党员、党费和换届数字，每个数字注明所计的记录。")
    f.add_argument("workbook", metavar="台账", help="台账 .xlsx 文件")
    f.add_argument("--org", required=True, metavar="名称", help="党组织名称")
    f.add_argument("--year", type=int, metavar="年份", help="年度（默认今年）")
    f.add_argument("--format", choices=["text", "json"], default="text", help="输出格式（默认 text）")
    d = lsub.add_parser("digest", help="每周提示：逾期、即将到期和近期要做的事", description="写出各党组织的提示摘要（文本或 HTML）。")
    d.add_argument("workbook", metavar="台账", help="台账 .xlsx 文件")
    d.add_argument("--org", metavar="名称", action="append", help="只写这个党组织（可以写多次）")
    d.add_argument("--as-of", metavar="日期", help="按哪一天（默认今天）")
    d.add_argument("--html", metavar="文件", help="另写成 HTML 文件")
    i = lsub.add_parser("ical", help="写出近期事项的日历文件（.ics，可导入手机或 Outlook 日历）", description="写出 iCalendar 日历：每项未完成事项在期限那天一个全天事件，提前3天提醒。")
    i.add_argument("workbook", metavar="台账", help="台账 .xlsx 文件")
    i.add_argument("output", metavar="输出文件", help="如 台账提示.ics")
    i.add_argument("--org", metavar="名称", action="append", help="只写这个党组织（可以写多次）")
    i.add_argument("--as-of", metavar="日期", help="按哪一天（默认今天）")
    r = lsub.add_parser("rules", help="列出台账的全部规则和依据", description="列出台账规则的代码、内容、适用范围、依据和施行时间。")
    r.add_argument("--format", choices=["text", "json", "markdown"], default="text", help="输出格式（默认 text）")


def _web():
    """The web layer, imported only when a web command runs (the engine works without Django)."""
    import importlib

    try:
        for name in ("django", "django_tasks", "django_tasks_db", "whitenoise", "dj_database_url"):
            importlib.import_module(name)
    except ImportError as exc:
        raise UsageError(f"网页工作台需要安装 web 扩展：pip install 'shuzhi[web]'（缺少 {exc.name}）") from None
    from .web import server

    return server


def cmd_serve(args) -> int:
    return _web().serve(args.host, args.port, migrate=not args.no_migrate)


def cmd_worker(args) -> int:
    return _web().worker(batch=args.batch, interval=args.interval)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            build_parser().print_help()
            return EXIT_TROUBLE
        commands = {"check": cmd_check, "split": cmd_split, "rules": cmd_rules, "compare": cmd_compare, "reuse": cmd_reuse,
                    "index": cmd_index, "ledger": cmd_ledger, "draft": cmd_draft, "serve": cmd_serve, "worker": cmd_worker}
        return commands[args.command](args)
    except UsageError as exc:
        sys.stderr.write(f"shuzhi: 用法错误：{exc} / usage error\n")
        return EXIT_TROUBLE
    except KeyboardInterrupt:
        sys.stderr.write("\nshuzhi: 已中断 / interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader went away (shuzhi check ... | head); nothing more to say.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_CLEAN
    except Exception as exc:  # a bug: say so in one line, never with a traceback unless asked
        if os.environ.get("SHUZHI_DEBUG"):
            raise
        sys.stderr.write(f"shuzhi: 内部错误（{type(exc).__name__}: {exc}），请报告此问题；设置 SHUZHI_DEBUG=1 可查看详情 / internal error\n")
        return EXIT_TROUBLE


def _config(args) -> Config:
    path = Path(args.config) if getattr(args, "config", None) else find_config()
    if getattr(args, "config", None) and not path.is_file():
        raise UsageError(f"配置文件不存在：{args.config}")
    config = load_config(path)
    overrides = {
        "select": tuple(args.select) if getattr(args, "select", None) else None,
        "ignore": config.ignore + tuple(args.ignore) if getattr(args, "ignore", None) else None,
        "year": getattr(args, "year", None),
        "max_file_mb": getattr(args, "max_file_mb", None),
        "jobs": getattr(args, "jobs", None),
    }
    if overrides["max_file_mb"] is not None and not (0 < overrides["max_file_mb"] < 1e6):
        raise UsageError("--max-file-mb 应为正数（单位 MB）")
    if overrides["year"] is not None and not 1949 <= overrides["year"] <= 2100:
        raise UsageError("--year 应为四位年份（1949—2100）")
    if overrides["jobs"] is not None and overrides["jobs"] < 1:
        raise UsageError("--jobs 应为正整数")
    return config.merged(**overrides)


def cmd_check(args) -> int:
    from .ingest import collect
    from .outputs.json import JsonRenderer
    from .outputs.text import TextRenderer, use_color
    from .pipeline import Options, Summary, default_jobs, plan_annotations, run
    from .review.checker import Checker

    config = _config(args)
    Checker(config)  # reject unknown rule codes before reading anything
    options = Options(config=config, ledger=_ledger_check(args), rectification=_rectification_check(args))
    collected = collect(args.paths, options.limits)
    if args.annotate_docx:
        plan_annotations(collected.items, args.annotate_docx)
    out = sys.stdout
    renderer = JsonRenderer(out) if args.format == "json" else TextRenderer(out, color=use_color(out))
    summary = Summary(skipped=len(collected.skipped))
    for exc in collected.errors:
        renderer.error(exc)
        summary.files += 1
        summary.failed += 1
    jobs = min(config.jobs or default_jobs(), max(1, len(collected.items)))
    progress = _progress(len(collected.items))
    trouble = bool(collected.errors)
    has_errors = False
    try:
        for result in run(collected.items, options, jobs):
            if progress is not None and out.isatty():
                with progress.external_write_mode():  # findings and the bar share the screen
                    renderer.file(result)
            else:
                renderer.file(result)
            summary.add(result)
            trouble |= result.error is not None or result.annotate_error is not None
            has_errors |= any(f.severity == "error" for d in result.documents for f in d.findings)
            if progress is not None:
                progress.update(1)
    finally:
        if progress is not None:
            progress.close()
    renderer.summary(summary)
    out.flush()
    if not collected.items and not collected.errors:
        sys.stderr.write("shuzhi: 没有找到可检查的报告文件（支持 txt、docx、pdf、doc、wps、zip） / nothing to check\n")
        return EXIT_TROUBLE
    if trouble:
        return EXIT_TROUBLE
    return EXIT_FINDINGS if has_errors else EXIT_CLEAN


def _ledger_check(args):
    """--ledger and --org: the workbook read once, before the reports."""
    if args.org and not args.ledger and not args.rectification:
        raise UsageError("--org 要和 --ledger 或 --rectification 一起用")
    if not args.ledger:
        return None
    from .ledger.facts import LedgerCheck
    from .ledger.workbook import LedgerFileError, read_workbook

    try:
        imported = read_workbook(args.ledger)
    except LedgerFileError as exc:
        raise UsageError(f"台账 {exc.source} 无法读取：{exc.message}") from None
    if imported.errors:
        sys.stderr.write(f"shuzhi: 注意：台账 {args.ledger} 有 {len(imported.errors)} 处无法读取的单元格，这些行没有计入"
                         f"（shuzhi ledger check {args.ledger} 可列出）\n")
    name = None
    if args.org:
        org = next((o for o in imported.ledger.organizations if o.display == args.org), None)
        if org is None:
            raise UsageError(f"台账中没有党组织“{args.org}”")
        name = org.name
    return LedgerCheck(imported.ledger, name, args.ledger)


def _rectification_check(args):
    """--rectification: last year's 整改清单 read once, before the reports."""
    if not args.rectification:
        return None
    from .campaign.rectification import RectificationCheck, RectificationFileError, read_workbook

    try:
        book = read_workbook(args.rectification)
    except RectificationFileError as exc:
        raise UsageError(f"整改台账无法读取：{exc.message}") from None
    for message in book.errors[:20]:
        sys.stderr.write(f"shuzhi: 注意：{message}（该行没有计入）\n")
    if len(book.errors) > 20:
        sys.stderr.write(f"shuzhi: 注意：整改台账还有 {len(book.errors) - 20} 处无法读取\n")
    if args.org and args.org not in book.items:
        sys.stderr.write(f"shuzhi: 注意：整改台账 {args.rectification} 中没有“{args.org}”的整改事项\n")
    return RectificationCheck(book, args.org)


def _progress(total: int):
    """A progress bar on stderr, only when a person is watching a terminal and there is a batch."""
    if total < 2 or not sys.stderr.isatty():
        return None
    from tqdm import tqdm

    return tqdm(total=total, file=sys.stderr, unit="份", desc="检查中", leave=False, dynamic_ncols=True)


def cmd_split(args) -> int:
    from .ingest import Item, documents_of, load, sniff
    from .ingest.sources import Limits

    limits = Limits()
    path = Path(args.path)
    try:
        if args.path == "-" or path.is_dir():
            raise UsageError("split 只处理单个文件；要检查文件夹、压缩包或标准输入，请用 shuzhi check")
        if not path.exists():
            raise InputError(args.path, "文件不存在 / no such file")
        data = Item(args.path, path=path).read(limits)
        if sniff(data, args.path) == "zip":
            raise UsageError("split 只处理单个报告文件；压缩包请用 shuzhi check 检查")
        sf = load(args.path, data)
        docs = documents_of(sf, args.year)
    except InputError as exc:
        if args.format == "json":
            print(json.dumps({"version": 1, "documents": [], "errors": [{"source": exc.source, "message": exc.message}]}, ensure_ascii=False))
        else:
            sys.stderr.write(f"{exc.source}: 无法读取：{exc.message}\n")
        return EXIT_TROUBLE
    if args.format == "json":
        from .outputs.structure import split_dict

        print(json.dumps(split_dict(sf, docs), ensure_ascii=False, indent=1))
    else:
        from .outputs.structure import print_split

        print_split(sf, docs, sys.stdout)
    return EXIT_CLEAN


def cmd_rules(args) -> int:
    from .outputs.rules import render_rules
    from .review.registry import default_registry

    registry = default_registry()
    if args.codes:
        selected = {r.code: r for c in args.codes for r in registry.matching(c)}
        unknown = [c for c in args.codes if not registry.matching(c)]
        if unknown:
            raise UsageError(f"未知的规则代码：{'、'.join(unknown)}")
        rules = [selected[k] for k in sorted(selected)]
    else:
        rules = list(registry)
    sys.stdout.write(render_rules(rules, args.format))
    return EXIT_CLEAN


def _reuse_params(args):
    from .reuse.corpus import ReuseParams
    from .reuse.signatures import SignatureParams

    if not 5 <= args.min_run <= 200:
        raise UsageError("--min-run 应在 5 到 200 之间")
    common_share = getattr(args, "common_share", 0.05)
    cluster_ratio = getattr(args, "cluster_ratio", 0.3)
    if not 0 < common_share <= 1 or not 0 < cluster_ratio <= 1:
        raise UsageError("--common-share 和 --cluster-ratio 应在 0 到 1 之间")
    return ReuseParams(SignatureParams(min_run=args.min_run), common_share=common_share, cluster_ratio=cluster_ratio,
                       min_shared=args.min_run)


def _reuse_jobs(args) -> int:
    from .pipeline import default_jobs

    if args.jobs is not None and args.jobs < 1:
        raise UsageError("--jobs 应为正整数")
    return args.jobs or default_jobs()


def cmd_compare(args) -> int:
    from .outputs.reuse import pair_html, write_json, write_text
    from .reuse.corpus import ReuseResult, align_pair, common_mask
    from .reuse.load import load_reports

    params = _reuse_params(args)
    docs, errors = [], []
    for path in (args.a, args.b):
        found, errs, _ = load_reports([path])
        errors += errs
        if not errs and len(found) != 1:
            raise UsageError(f"{path} 含有 {len(found)} 篇报告；compare 比对两篇单独的报告，汇编请用 shuzhi reuse")
        docs += found
    if errors:
        for e in errors:
            sys.stderr.write(f"{e.source}: 无法读取：{e.message}\n")
        return EXIT_TROUBLE
    a, b = docs
    b.id = 1
    k = params.signatures.min_run
    pair = align_pair(a, b, params, common_mask(a, k), common_mask(b, k))
    result = ReuseResult(docs, [pair] if pair else [], [], [], [], candidates=1)
    if args.format == "json":
        write_json(result, sys.stdout)
    else:
        write_text(result, sys.stdout)
    if args.html and pair:
        Path(args.html).parent.mkdir(parents=True, exist_ok=True)
        Path(args.html).write_text(pair_html(pair, a, b), encoding="utf-8")
    return EXIT_FINDINGS if pair else EXIT_CLEAN


def cmd_reuse(args) -> int:
    from .outputs.reuse import pair_html, write_json, write_text, write_xlsx
    from .reuse.corpus import detect
    from .reuse.load import load_reports

    params = _reuse_params(args)
    # The source texts are kept only to show passages where they stand (text output, HTML pages); a large
    # run written as JSON needs offsets alone and half the memory.
    jobs = _reuse_jobs(args)
    docs, errors, _ = load_reports(args.paths, keep_text=args.format == "text" or bool(args.html_dir), jobs=jobs)
    if args.dask:
        from .reuse.distributed import detect_on_dask

        result = detect_on_dask(docs, params, args.dask)
    else:
        result = detect(docs, params, jobs=jobs)
    if args.format == "json":
        write_json(result, sys.stdout, errors)
    else:
        write_text(result, sys.stdout, errors)
    if args.xlsx:
        write_xlsx(result, Path(args.xlsx))
    if args.html_dir:
        by_id = {d.id: d for d in result.docs}
        folder = Path(args.html_dir)
        folder.mkdir(parents=True, exist_ok=True)
        for r in result.pairs:
            (folder / f"pair_{r.a}_{r.b}.html").write_text(pair_html(r, by_id[r.a], by_id[r.b]), encoding="utf-8")
    if errors:
        return EXIT_TROUBLE
    return EXIT_FINDINGS if result.pairs else EXIT_CLEAN


def cmd_index(args) -> int:
    import time

    from .outputs.reuse import write_json, write_text
    from .reuse.index import ReuseIndex, build
    from .reuse.load import load_reports

    if args.index_command is None:
        raise UsageError("请指定操作：build、add、query 或 info（shuzhi index -h）")
    if args.index_command == "info":
        index = ReuseIndex(args.db)
        print(f"{args.db}：{index.size} 篇报告；最短雷同段落 {index.params.signatures.min_run} 字")
        return EXIT_CLEAN
    docs, errors, _ = load_reports(args.paths, jobs=_reuse_jobs(args))
    for e in errors:
        sys.stderr.write(f"{e.source}: 无法读取：{e.message}\n")
    started = time.perf_counter()
    if args.index_command == "build":
        index = build(args.db, docs, _reuse_params(args))
        sys.stderr.write(f"索引 {args.db}：收入 {index.size} 篇报告，用时 {time.perf_counter() - started:.1f} 秒\n")
    elif args.index_command == "add":
        index = ReuseIndex(args.db)
        added, skipped = index.add(docs)
        sys.stderr.write(f"索引 {args.db}：新增 {added} 篇，已有相同内容而跳过 {skipped} 篇，现共 {index.size} 篇\n")
    else:
        index = ReuseIndex(args.db)
        result = index.query(docs)
        if args.format == "json":
            write_json(result, sys.stdout, errors)
        else:
            write_text(result, sys.stdout, errors)
        sys.stderr.write(f"与索引中 {index.size} 篇报告比对，用时 {time.perf_counter() - started:.2f} 秒\n")
        index.close()
        return EXIT_TROUBLE if errors else (EXIT_FINDINGS if result.pairs else EXIT_CLEAN)
    index.close()
    return EXIT_TROUBLE if errors else EXIT_CLEAN


def cmd_ledger(args) -> int:
    from .ledger import cli as ledger_cli

    if args.ledger_command is None:
        raise UsageError("请指定操作：template、check、facts、digest、ical 或 rules（shuzhi ledger -h）")
    return ledger_cli.run(args, _config(args))


def cmd_draft(args) -> int:
    from .drafting import cli as draft_cli

    if not 2000 <= args.year <= 2100:
        raise UsageError("--year 应为四位年份（2000—2100）")
    return draft_cli.run(args, _config(args))
