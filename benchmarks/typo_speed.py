"""Characters per second of each typo rule alone (TY001-TY004) on one core, on the same corpus as check_speed.py.

    python benchmarks/typo_speed.py [--mb 2] [--runs 5]

The first pass warms the caches a long-running checker keeps (lexicon, confusion sets, scored windows are
per process); the figure is the median of the passes after it.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from check_speed import build_corpus  # noqa: E402

from shuzhi.config import Config  # noqa: E402
from shuzhi.ingest import documents_of, load  # noqa: E402
from shuzhi.review.checker import Checker  # noqa: E402


def rate(docs, chars: int, select: tuple[str, ...], runs: int) -> tuple[float, float]:
    checker = Checker(Config(select=select))
    started = time.perf_counter()
    for doc in docs:
        checker.check(doc)
    first = time.perf_counter() - started
    rates = []
    for _ in range(runs):
        started = time.perf_counter()
        for doc in docs:
            checker.check(doc)
        rates.append(chars / (time.perf_counter() - started))
    return statistics.median(rates), chars / first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shuzhi-typo-") as tmp:
        folder = Path(tmp)
        files, chars, size = build_corpus(folder, int(args.mb * 1024 * 1024))
        docs = [d for p in sorted(folder.iterdir()) for d in documents_of(load(str(p), p.read_bytes()))]
        print(f"corpus: {files} reports, {chars:,} characters")
        for select in (("TY001",), ("TY002",), ("TY003",), ("TY004",), ("TY",)):
            median, first = rate(docs, chars, select, args.runs)
            print(f"{'+'.join(select)}: {median:,.0f} chars/s median of {args.runs} (first pass {first:,.0f})")


if __name__ == "__main__":
    main()
