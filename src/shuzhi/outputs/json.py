"""The JSON output contract (DESIGN.md), written as results arrive so a large batch stays small in memory."""

from __future__ import annotations

import json

from ..document import Document, Finding
from ..errors import InputError
from ..pipeline import FileResult, Summary

VERSION = 1


def finding_dict(doc: Document, f: Finding) -> dict:
    line, column = doc.line_col(f.start)
    out = {
        "rule": f.rule,
        "category": f.category,
        "severity": f.severity,
        "start": f.start,
        "end": f.end,
        "line": line,
        "column": column,
        "text": doc.text[f.start : f.end],
        "message": f.message,
        "suggestions": list(f.suggestions),
    }
    if f.safety:
        out["safety"] = f.safety
    return out


def document_dict(doc: Document, findings: list[Finding], score=None, ledger: dict | None = None,
                  rectification: dict | None = None) -> dict:
    out = {
        "source": doc.source,
        "title": doc.title,
        "year": doc.year,
        "kind": doc.kind,
        "format": doc.format,
        "start": doc.start,
        "end": doc.end,
        "score": score.to_dict() if score is not None else None,
        "front_matter": doc.front_matter,
        "findings": [finding_dict(doc, f) for f in findings],
    }
    if ledger is not None:  # checked against a ledger: the organization and each claim with its verdict
        out["ledger"] = ledger
    if rectification is not None:  # checked against last year's rectification items: each with whether it is mentioned
        out["rectification"] = rectification
    return out


def error_dict(exc: InputError) -> dict:
    return {"source": exc.source, "message": exc.message}


def summary_dict(summary: Summary) -> dict:
    return {
        "files": summary.files,
        "failed": summary.failed,
        "skipped": summary.skipped,
        "documents": summary.documents,
        "findings": summary.findings,
        "by_severity": dict(summary.by_severity),
        "by_category": dict(summary.by_category),
    }


class JsonRenderer:
    """Writes {"version", "documents": [...], "errors": [...], "warnings", "summary"} incrementally."""

    def __init__(self, out):
        self.out = out
        self.errors: list[dict] = []
        self.warnings: list[dict] = []
        self.annotated: list[dict] = []
        self.count = 0
        out.write('{"version": %d, "documents": [' % VERSION)

    def error(self, exc: InputError) -> None:
        self.errors.append(error_dict(exc))

    def file(self, result: FileResult) -> None:
        if result.error:
            self.error(result.error)
            return
        self.warnings.extend({"source": result.source, "message": w} for w in result.warnings)
        if result.annotated:
            self.annotated.append({"source": result.source, "path": result.annotated})
        if result.annotate_error:
            self.error(result.annotate_error)
        for checked in result.documents:
            self.out.write(("\n  " if self.count == 0 else ",\n  ") + _dumps(document_dict(checked.document, checked.findings, checked.score, checked.ledger,
                                                                                               checked.rectification)))
            self.count += 1

    def summary(self, summary: Summary) -> None:
        self.out.write("\n ],\n")
        tail = {"errors": self.errors, "warnings": self.warnings, "annotated": self.annotated, "summary": summary_dict(summary)}
        body = _dumps(tail)
        self.out.write(" " + body[1:] + "\n")


def _dumps(obj) -> str:
    return json.dumps(obj, ensure_ascii=False)

