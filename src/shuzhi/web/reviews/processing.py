"""From uploaded bytes to stored reports: expand archives, skip repeats, check with the engine, store its result."""

from __future__ import annotations

import hashlib
import logging
import tempfile
import time
from collections import Counter
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from shuzhi.config import Config
from shuzhi.document import Finding as EngineFinding
from shuzhi.ingest import Collected, Item, Limits, load, sniff
from shuzhi.ingest.sources import MB, collect_zip_bytes
from shuzhi.outputs.json import document_dict, error_dict
from shuzhi.pipeline import CheckedDocument, FileResult, Options, check_source_file, default_jobs, run
from shuzhi.review.checker import Checker

from ..orgs.models import Organization
from .models import Decision, Finding, Report, SourceFile, Upload

log = logging.getLogger("shuzhi.web")
CONTEXT = 8  # characters either side of a flagged span that make a decision's key
PROGRESS_EVERY = 0.5  # seconds between progress updates of an upload


def limits() -> Limits:
    return Limits(max_file_bytes=int(settings.SHUZHI_MAX_FILE_MB * MB), max_zip_bytes=int(settings.SHUZHI_MAX_UPLOAD_MB * MB))


def options_for(year: int) -> Options:
    return Options(Config(year=year, max_file_mb=settings.SHUZHI_MAX_FILE_MB))


@lru_cache(maxsize=8)
def checker_for(year: int) -> Checker:
    return Checker(options_for(year).config)


def expand(name: str, data: bytes, lim: Limits) -> Collected:
    """One uploaded file as report items: itself, or the members of a zip (with the CLI's protections)."""
    out = Collected()
    if data and sniff(data, name) == "zip":
        collect_zip_bytes(name, data, out, lim, relative=Path(name).stem)
    else:
        out.items.append(Item(name, data=data, relative=name))
    return out


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def process_upload(upload_id: int) -> None:
    """Everything for one upload; a bad file is listed with its reason and the others go on."""
    upload = Upload.objects.select_related("organization").get(pk=upload_id)
    if upload.finished:  # queued again after its worker died between finishing and saying so
        return
    upload.status = Upload.RUNNING
    upload.save(update_fields=["status"])
    try:
        _process(upload)
        upload.status = Upload.DONE
    except Exception as exc:  # a bug must not leave the upload spinning or show a traceback
        log.exception("上传 %s 检查失败", upload_id)
        upload.errors = upload.errors + [{"source": "（整批）", "message": f"内部错误（{type(exc).__name__}），请联系管理员"}]
        upload.status = Upload.FAILED
    except BaseException:  # the worker stopped (a second Ctrl+C): queued again when a worker next starts
        Upload.objects.filter(pk=upload.pk).update(status=Upload.QUEUED)
        raise
    upload.finished_at = timezone.now()
    _list_once(upload)
    upload.save(update_fields=["status", "finished_at", "errors", "skipped", "duplicates"])
    upload.files.all().delete()  # the bytes now live in each SourceFile


def _process(upload: Upload) -> None:
    lim = limits()
    items: list[Item] = []
    for f in upload.files.order_by("pk"):
        collected = expand(f.name, bytes(f.data), lim)
        items += collected.items
        upload.errors += [error_dict(e) for e in collected.errors]
        upload.skipped += collected.skipped
    # Files this upload stored before its worker was interrupted (recovery.py): done, not repeats.
    stored = set(SourceFile.objects.filter(upload=upload).values_list("sha256", flat=True))
    seen = set(SourceFile.objects.filter(organization=upload.organization, year=upload.year).values_list("sha256", flat=True))
    fresh: list[tuple[Item, str]] = []
    for item in items:
        digest = sha256(item.data)
        if digest in stored:
            stored.discard(digest)
        elif digest in seen:
            upload.duplicates.append(item.source)
        else:
            seen.add(digest)
            fresh.append((item, digest))
    _list_once(upload)
    upload.total = len(items)
    upload.done = len(items) - len(fresh)
    upload.save(update_fields=["total", "done", "errors", "skipped", "duplicates"])
    orgs = list(upload.organization.subtree().exclude(pk=upload.organization_id))
    jobs = settings.SHUZHI_JOBS or default_jobs()
    # A few files are checked here; many go to one process per core, as `shuzhi check` does.
    results = run([i for i, _ in fresh], options_for(upload.year), jobs=jobs if len(fresh) >= 8 else 1)
    batch, began = [], time.monotonic()
    for pair in zip(fresh, results):
        batch.append(pair)
        if time.monotonic() - began >= PROGRESS_EVERY:
            _store_batch(upload, batch, orgs)
            batch, began = [], time.monotonic()
    _store_batch(upload, batch, orgs)


def _list_once(upload: Upload) -> None:
    """Each problem of the upload listed once, in order: a second run after an interruption lists them again."""
    for name in ("errors", "skipped", "duplicates"):
        out, keys = [], set()
        for e in getattr(upload, name):
            key = tuple(sorted(e.items())) if isinstance(e, dict) else e
            if key not in keys:
                keys.add(key)
                out.append(e)
        setattr(upload, name, out)


def _store_batch(upload: Upload, batch: list, orgs: list[Organization]) -> None:
    """Results gathered while the engine worked, written in one transaction with the upload's progress."""
    with transaction.atomic():
        for (item, digest), result in batch:
            if result.error:
                upload.errors.append(error_dict(result.error))
            else:
                _store(upload, item, digest, result, orgs)
        upload.done += len(batch)
        upload.save(update_fields=["done", "errors", "duplicates"])


def _store(upload: Upload, item: Item, digest: str, result: FileResult, orgs: list[Organization]) -> None:
    text = result.documents[0].document.text if result.documents else ""
    try:
        with transaction.atomic():
            sf = SourceFile.objects.create(
                organization=upload.organization, year=upload.year, sha256=digest, name=item.source, data=item.data,
                format=result.format or "", encoding=result.encoding or "", text=text, warnings=result.warnings,
                upload=upload, uploaded_by=upload.uploaded_by, checked_at=timezone.now(),
            )
            save_documents(sf, result.documents, orgs)
    except IntegrityError:  # the same file arrived in another upload at the same moment
        upload.duplicates.append(item.source)


def organization_for(doc_title: str, body: str, orgs: list[Organization]) -> Organization | None:
    """The unit a report belongs to, from the organizations its title (or else its opening) names: those with no
    named organization below them (a title naming 党总支 and its 第一党支部 is the branch's); one left, it; else
    None."""
    for where in (doc_title, body[:300]):
        named = [o for o in orgs if o.name and o.name in where]
        lowest = [o for o in named if not any(x is not o and x.path.startswith(o.path) for x in named)]
        if len(lowest) == 1:
            return lowest[0]
        if lowest:
            # Names inside longer names (第一党支部 in 区税务局第一党支部) are not separate mentions.
            longest = [o for o in lowest if not any(x is not o and o.name in x.name for x in lowest)]
            return longest[0] if len(longest) == 1 else None
    return None


def subject_of(report: Report, doc) -> tuple[Organization | None, str | None]:
    """The organization whose records a report's numbers are checked against: the one it is filed under when that has
    nothing below it or the title names it, the one of its subtree the title names, else none (and why not)."""
    org = report.organization
    below = list(org.subtree())
    if len(below) == 1:
        return org, None
    named = organization_for(doc.title, doc.body, below)
    if named is None:
        return None, f"报告标题中没有写明是{org.name}还是其下级哪个党组织的报告，没有对照台账"
    return named, None


def decision_keys(text: str, findings: list[dict]) -> list[str]:
    """A key per finding that a re-check reproduces: rule, flagged text, its context, and which repeat it is."""
    keys, repeats = [], Counter()
    for f in findings:
        s, e = f["start"], f["end"]
        base = "\x1f".join((f["rule"], text[s:e], text[max(0, s - CONTEXT):s], text[e:e + CONTEXT]))
        keys.append(hashlib.sha1(f"{base}\x1f{repeats[base]}".encode()).hexdigest())
        repeats[base] += 1
    return keys


def save_documents(sf: SourceFile, checked: list[CheckedDocument], orgs: list[Organization] | None = None) -> None:
    """Store (or replace, on a re-check) the reports of a file and their findings; decisions are kept."""
    existing = {r.index: r for r in sf.reports.all()}
    dismissed = set(sf.decisions.filter(status=Decision.DISMISSED).values_list("key", flat=True))
    for index, cd in enumerate(checked):
        doc = cd.document
        report = existing.pop(index, None)
        if report is None:
            org = None
            if len(checked) > 1 and not doc.front_matter and orgs:
                org = organization_for(doc.title, doc.body, orgs)
            report = Report(source_file=sf, index=index, organization=org or sf.organization)
        data = _with_ledger(sf, report, cd)
        score = data["score"] or {}
        report.year = sf.year  # the review year the file was uploaded for
        report.title, report.kind = doc.title[:500], doc.kind
        report.start, report.end, report.front_matter = doc.start, doc.end, doc.front_matter
        report.result = data
        report.score, report.rating = score.get("value"), score.get("rating", "")
        report.concreteness = score.get("concreteness")
        keys = decision_keys(doc.text, data["findings"])
        rows = [
            Finding(report=report, key=k, rule=f["rule"], category=f["category"], severity=f["severity"], start=f["start"],
                    end=f["end"], line=f["line"], column=f["column"], text=f["text"], message=f["message"],
                    suggestions=f["suggestions"], safety=f.get("safety") or "")
            for f, k in zip(data["findings"], keys)
        ]
        set_counts(report, [r for r in rows if r.key not in dismissed])
        report.save()
        report.findings.all().delete()
        Finding.objects.bulk_create(rows)
    for leftover in existing.values():
        leftover.delete()


def _with_ledger(sf: SourceFile, report: Report, cd: CheckedDocument) -> dict:
    """The engine's result for the report, checked also against what the organization's records say: its ledger for
    the year (LD rules: each claim with its verdict) and last year's rectification items (RC rules: each item with
    whether the report mentions it), when there are any. Only the organization the report is about is counted, and
    only what the uploader may read of it."""
    from shuzhi.pipeline import claims_of
    from shuzhi.review.rules.rectification import summary

    from ..campaigns.carry import rectification_for
    from ..ledger.compute import facts_for
    from ..orgs.access import organizations

    doc = cd.document
    if doc.front_matter:
        return document_dict(doc, cd.findings, cd.score)
    subject, why_not = subject_of(report, doc)
    within = organizations(sf.uploaded_by) if sf.uploaded_by is not None else None
    if subject is not None and within is not None and not within.filter(pk=subject.pk).exists():
        subject, why_not = None, None
    facts = facts_for(subject, sf.year, within) if subject is not None else None
    items = rectification_for(subject, sf.year) if subject is not None else None
    if not facts and not items:
        if why_not and facts_for(report.organization, sf.year, within):
            return document_dict(doc, cd.findings, cd.score, {"organization": None, "year": sf.year, "source": "台账",
                                                               "note": why_not, "claims": []})
        return document_dict(doc, cd.findings, cd.score)
    checker = checker_for(sf.year)
    extra = ledger_checker().check(doc, facts=facts or None, rectification=items or None)
    findings = sorted(cd.findings + extra, key=lambda f: (f.start, f.end, f.rule))
    ledger = rect = None
    if facts:
        ledger = {"organization": subject.name, "year": sf.year, "source": "台账", "note": None, "claims": claims_of(doc, facts)}
    if items:
        rect = {"organization": subject.name, "source": f"{sf.year - 1}年度述职评议整改台账", "note": None, **summary(doc, items)}
    return document_dict(doc, findings, checker.score(doc, findings), ledger, rect)


def ledger_checker() -> Checker:
    """The rules that need the organization's records (ledger, rectification items), run apart from the others with
    the server's configuration (its ignore list and protected words hold for them too)."""
    from ..ledger.compute import config

    return _records_checker(config())


@lru_cache(maxsize=4)
def _records_checker(base: Config) -> Checker:
    return Checker(replace(base, select=("LD", "RC")))


def set_counts(report: Report, findings) -> None:
    """The overview's columns, from the findings not dismissed."""
    severities, categories = Counter(f.severity for f in findings), Counter(f.category for f in findings)
    report.errors, report.warnings, report.infos = severities["error"], severities["warning"], severities["info"]
    report.placeholders, report.stale = categories["placeholder"], categories["stale"]
    report.by_category = dict(categories)


def refresh_counts(report: Report) -> None:
    dismissed = set(report.source_file.decisions.filter(status=Decision.DISMISSED).values_list("key", flat=True))
    set_counts(report, [f for f in report.findings.all() if f.key not in dismissed])
    report.save(update_fields=["errors", "warnings", "infos", "placeholders", "stale", "by_category"])


def recheck(sf: SourceFile) -> None:
    """Run the engine again on the stored bytes (after a rule update); decisions carry over by key."""
    loaded = load(sf.name, bytes(sf.data))
    checked = check_source_file(loaded, checker_for(sf.year), sf.year)
    with transaction.atomic():
        sf.text, sf.format, sf.encoding, sf.warnings = loaded.text, loaded.format, loaded.encoding or "", list(loaded.warnings)
        sf.checked_at = timezone.now()
        sf.save(update_fields=["text", "format", "encoding", "warnings", "checked_at"])
        save_documents(sf, checked)


def engine_findings(findings) -> list[EngineFinding]:
    return [EngineFinding(f.rule, f.category, f.severity, f.start, f.end, f.message, tuple(f.suggestions), f.safety or None)
            for f in findings]


def annotated_docx(report: Report, findings) -> bytes:
    """The report as .docx with a Word comment on each given finding, made on demand by the engine.

    A file holding one report is annotated as it is (a Word file keeps its formatting); a report of a
    compilation gets a document of its own text only, so no other unit's report goes out with it.
    """
    from shuzhi.ingest import SourceFile as EngineSourceFile
    from shuzhi.outputs.annotate import annotate

    sf = report.source_file
    marks = engine_findings(findings)
    if sf.reports.count() > 1:
        loaded = EngineSourceFile(sf.name, sf.text[report.start:report.end], "txt")
        marks = [replace(f, start=f.start - report.start, end=f.end - report.start) for f in marks]
    else:
        loaded = load(sf.name, bytes(sf.data))
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "annotated.docx"
        annotate(loaded, marks, out)
        return out.read_bytes()
