"""Reports for reuse detection, read the same way `shuzhi check` reads them."""

from __future__ import annotations

from ..errors import InputError
from ..ingest import Limits, collect, documents_of, load
from .corpus import ReuseDoc


def load_reports(paths: list[str], limits: Limits = Limits(), keep_text: bool = True) -> tuple[list[ReuseDoc], list[InputError], list[str]]:
    """(reports, unreadable inputs, skipped non-report files): every report of files, folders, zips, 汇编."""
    collected = collect(paths, limits)
    docs: list[ReuseDoc] = []
    errors = list(collected.errors)
    for item in collected.items:
        try:
            sf = load(item.source, item.read(limits))
            for doc in documents_of(sf):
                if not doc.front_matter:
                    docs.append(ReuseDoc.of(len(docs), doc, keep_text))
        except InputError as exc:
            errors.append(exc)
        except Exception as exc:  # never a traceback for one bad file
            errors.append(InputError(item.source, f"内部错误（{type(exc).__name__}: {exc}），请报告此问题 / internal error"))
    return docs, errors, collected.skipped
