"""Reports for reuse detection, read the same way `shuzhi check` reads them, on one or several processes."""

from __future__ import annotations

from ..errors import InputError
from ..ingest import Item, Limits, collect, documents_of, load
from .corpus import ReuseDoc, in_order, process_pool

# Files per task sent to a worker process: large enough that sending the results back costs little.
_CHUNK = 64


def _read(item: Item, limits: Limits, keep_text: bool) -> tuple[list[ReuseDoc], InputError | None]:
    """The reports of one file (numbered later, in input order), or why it cannot be read."""
    try:
        sf = load(item.source, item.read(limits))
        return [ReuseDoc.of(-1, doc, keep_text) for doc in documents_of(sf) if not doc.front_matter], None
    except InputError as exc:
        return [], exc
    except Exception as exc:  # never a traceback for one bad file
        return [], InputError(item.source, f"内部错误（{type(exc).__name__}: {exc}），请报告此问题 / internal error")


def _read_chunk(items: list[Item], limits: Limits, keep_text: bool) -> list[tuple[list[ReuseDoc], InputError | None]]:
    return [_read(item, limits, keep_text) for item in items]


def load_reports(paths: list[str], limits: Limits = Limits(), keep_text: bool = True,
                 jobs: int = 1) -> tuple[list[ReuseDoc], list[InputError], list[str]]:
    """(reports, unreadable inputs, skipped non-report files): every report of files, folders, zips, 汇编."""
    collected = collect(paths, limits)
    items = collected.items
    if jobs > 1 and len(items) > _CHUNK:
        chunks = [items[i : i + _CHUNK] for i in range(0, len(items), _CHUNK)]
        with process_pool(jobs) as pool:
            results = [r for part in in_order(pool, 2 * jobs, _read_chunk, chunks, limits, keep_text) for r in part]
    else:
        results = [_read(item, limits, keep_text) for item in items]
    docs: list[ReuseDoc] = []
    errors = list(collected.errors)
    for found, error in results:
        if error is not None:
            errors.append(error)
        for d in found:
            d.id = len(docs)
            docs.append(d)
    return docs, errors, collected.skipped
