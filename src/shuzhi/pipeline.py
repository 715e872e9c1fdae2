"""Read, split, check and annotate files: one file per task, so a batch can use every core."""

from __future__ import annotations

import os
import re
import traceback
from collections import Counter
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from .config import Config
from .document import Document, Finding
from .errors import InputError
from .ingest import Item, Limits, SourceFile, documents_of, load
from .ingest.sources import MB
from .review.checker import Checker
from .review.score import Scorecard


@dataclass
class CheckedDocument:
    document: Document
    findings: list[Finding]
    score: Scorecard | None = None
    # Checked against a ledger: the organization and each claim with its verdict (dicts, for the JSON).
    ledger: dict | None = None
    # Checked against last year's rectification items: the organization, the part, each item (dicts, for the JSON).
    rectification: dict | None = None


@dataclass
class FileResult:
    source: str
    format: str | None = None
    encoding: str | None = None
    documents: list[CheckedDocument] = field(default_factory=list)
    error: InputError | None = None
    warnings: list[str] = field(default_factory=list)
    annotated: str | None = None
    annotate_error: InputError | None = None
    chars: int = 0


@dataclass(frozen=True)
class Options:
    config: Config = Config()
    ledger: object = None  # a shuzhi.ledger.facts.LedgerCheck: compare each report's numbers with it (LD rules)
    # A RectificationCheck: look in each report for last year's problems of its organization (RC rules).
    rectification: object = None

    @property
    def limits(self) -> Limits:
        return Limits(max_file_bytes=int(self.config.max_file_mb * MB))


def check_source_file(sf: SourceFile, checker: Checker, year: int | None = None, ledger=None,
                      rectification=None) -> list[CheckedDocument]:
    out = []
    for doc in documents_of(sf, year):
        facts, against, items, rect = None, None, None, None
        if ledger is not None and not doc.front_matter:
            facts, name, note = ledger.facts_for(doc.title, doc.year)
            against = {"organization": ledger.ledger.organization(name).display if name else None, "year": doc.year,
                       "source": ledger.source, "note": note or None}
        if rectification is not None and not doc.front_matter:
            name, items = rectification.items_for(doc.title)
            rect = {"organization": name, "source": rectification.source,
                    "note": None if name else "整改台账中有多个党组织，无法从报告标题判断是哪一个，请用 --org 指定"}
        findings = checker.check(doc, facts=facts, rectification=items or None)
        if facts is not None:
            against["claims"] = claims_of(doc, facts)
        if rect is not None:
            from .review.rules.rectification import summary

            rect.update(summary(doc, items or []))
        out.append(CheckedDocument(doc, findings, None if doc.front_matter else checker.score(doc, findings), against, rect))
    return out


def claims_of(doc: Document, facts: dict) -> list[dict]:
    """Every countable claim of the document with its verdict and the ledger's figure."""
    from .review.claims import compare, extract

    out = []
    for c in extract(doc):
        verdict, figure = compare(c, facts)
        if figure is not None and float(figure).is_integer():
            figure = int(figure)
        fact = facts.get(c.key)
        out.append(dict(c.as_dict(), text=doc.text[c.start:c.end], verdict=verdict, ledger=figure,
                        records=list(getattr(fact, "records", ()))[:50]))
    return out


def check_item(item: Item, checker: Checker, options: Options) -> FileResult:
    """Everything for one input file; a bad file becomes a FileResult with an error, never an exception."""
    result = FileResult(item.source)
    try:
        sf = load(item.source, item.read(options.limits))
        result.format, result.encoding, result.chars = sf.format, sf.encoding, len(sf.text)
        result.documents = check_source_file(sf, checker, options.config.year, options.ledger, options.rectification)
        result.warnings = list(sf.warnings)
        if item.output:
            _write_annotated(sf, result, item.output)
    except InputError as exc:
        result.error = exc
    except Exception as exc:  # a bug must not stop the batch or show a traceback
        if os.environ.get("SHUZHI_DEBUG"):
            traceback.print_exc()
        result.error = InputError(item.source, f"内部错误（{type(exc).__name__}: {exc}），请报告此问题 / internal error")
    return result


def _write_annotated(sf: SourceFile, result: FileResult, output: str) -> None:
    """The annotated copy; if it cannot be written, the findings still stand and the failure is reported."""
    from .outputs.annotate import annotate

    try:
        annotate(sf, [f for d in result.documents for f in d.findings], Path(output))
        result.annotated = output
    except Exception as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else f"{type(exc).__name__}: {exc}"
        result.annotate_error = InputError(result.source, f"批注文档 {output} 未能写出（{reason}） / annotated copy not written")


def plan_annotations(items: list[Item], target: str) -> None:
    """Give each input the path of its annotated copy, refusing any path that would overwrite an input."""
    from .errors import UsageError

    folder = Path(target)
    as_file = target.lower().endswith(".docx") and not folder.is_dir()
    if as_file and len(items) > 1:
        raise UsageError("有多个输入文件时，--annotate-docx 应指定一个文件夹而不是 .docx 文件")
    if not as_file and folder.exists() and not folder.is_dir():
        raise UsageError(f"--annotate-docx 指定的 {target} 已存在，且不是文件夹")
    if as_file:
        outputs = [target]
    else:
        names = [annotated_name(item.relative or item.source) for item in items]
        seen = Counter(names)
        # report.txt, report.docx and report.pdf in one folder: keep each one's format in its name.
        names = [annotated_name(item.relative or item.source, keep_suffix=seen[n] > 1) for item, n in zip(items, names)]
        outputs = [str(folder / n) for n in names]
    inputs = {item.path.resolve() for item in items if item.path is not None}
    for item, output in zip(items, outputs):
        if Path(output).resolve() in inputs:
            raise UsageError(f"批注文档 {output} 会覆盖输入文件，请换一个输出位置")
        item.output = output


def annotated_name(relative: str, keep_suffix: bool = False) -> str:
    """Where the annotated copy of an input goes below the output folder: its own place, renamed."""
    name = re.sub(r"^[A-Za-z]:", "", relative).replace("::", "/")
    parts = [p for p in re.split(r"[\\/]+", name) if p not in ("", ".", "..")] or ["report"]
    replace = r"_\1" if keep_suffix else ""
    parts[-1] = re.sub(r"\.(docx|docm|dotx|doc|wps|txt|text|pdf|rtf)$", replace, parts[-1], flags=re.IGNORECASE) + ".批注.docx"
    return "/".join(parts)


# One checker per worker process, built once from the options sent at start-up.
_worker: tuple[Checker, Options] | None = None


def _init_worker(options: Options) -> None:
    global _worker
    _worker = (Checker(options.config), options)


def _run_in_worker(item: Item) -> FileResult:
    checker, options = _worker
    return check_item(item, checker, options)


def run(items: list[Item], options: Options, jobs: int = 1) -> Iterator[FileResult]:
    """Check items in input order, on `jobs` processes.

    A worker that dies (killed for memory, a crash in a C library) loses the files it was holding; each
    of those is then retried alone, so only the file that kills its worker is reported, and the batch goes on.
    """
    checker = Checker(options.config)  # validates the configuration before any work starts
    if jobs <= 1 or len(items) <= 1:
        for item in items:
            yield check_item(item, checker, options)
        return
    pool = _pool(options, jobs)
    inflight: dict[int, object] = {}
    done: dict[int, FileResult] = {}
    queued = iter(enumerate(items))
    next_out = 0
    finished = False
    try:
        while next_out < len(items):
            for i, item in queued:
                inflight[i] = pool.submit(_run_in_worker, item)
                if len(inflight) >= jobs * 4:
                    break
            oldest = min(inflight)
            try:
                done[oldest] = inflight.pop(oldest).result()
            except BrokenProcessPool:
                lost = sorted([oldest, *inflight])
                inflight.clear()
                pool.shutdown(wait=False, cancel_futures=True)
                for i in lost:
                    done[i] = _alone(items[i], options)
                pool = _pool(options, jobs)
            while next_out in done:
                yield done.pop(next_out)
                next_out += 1
        finished = True
    finally:
        # After a whole batch the workers are let go in order; not waiting for them there raced the executor's
        # wake-up pipe at exit ("Exception ignored … Bad file descriptor"). On an error or an interrupt: at once.
        pool.shutdown(wait=finished, cancel_futures=not finished)


def _pool(options: Options, jobs: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(options,))


def _alone(item: Item, options: Options) -> FileResult:
    """Check one file in a process of its own; if that process dies too, the file is the cause."""
    with _pool(options, 1) as pool:
        try:
            return pool.submit(_run_in_worker, item).result()
        except BrokenProcessPool:
            return FileResult(item.source, error=InputError(
                item.source, "检查此文件时处理进程异常退出（可能是内存不足或文件异常），已跳过 / worker process died"))


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


@dataclass
class Summary:
    files: int = 0
    failed: int = 0
    skipped: int = 0
    documents: int = 0
    chars: int = 0
    by_category: Counter = field(default_factory=Counter)
    by_severity: Counter = field(default_factory=Counter)
    by_category_severity: Counter = field(default_factory=Counter)

    def add(self, result: FileResult) -> None:
        self.files += 1
        if result.error:
            self.failed += 1
            return
        self.chars += result.chars
        for d in result.documents:
            self.documents += not d.document.front_matter
            self.add_findings(d.findings)

    def add_findings(self, findings: Iterable[Finding]) -> None:
        for f in findings:
            self.by_category[f.category] += 1
            self.by_severity[f.severity] += 1
            self.by_category_severity[f.category, f.severity] += 1

    @property
    def findings(self) -> int:
        return sum(self.by_severity.values())
