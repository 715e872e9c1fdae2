"""Characters per second of each typo rule alone (TY001-TY005) on one core, on the same corpus as check_speed.py.

    python benchmarks/typo_speed.py [--mb 2] [--runs 5] [--ecspell FILE]

The example-built corpus repeats its paragraphs, as a year's reports repeat their phrasing, so the caches a
checker keeps (scored contexts, segmented clauses) serve much of it: the figure is the median of the passes
after a first one. `--ecspell FILE` also measures text that never repeats: the distinct target sentences of an
ECSpell file, one pass each with a fresh checker (CPU time of this process, after loading the models).
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
    parser.add_argument("--ecspell", help="an ECSpell file: also measure on its distinct target sentences")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="shuzhi-typo-") as tmp:
        folder = Path(tmp)
        files, chars, size = build_corpus(folder, int(args.mb * 1024 * 1024))
        docs = [d for p in sorted(folder.iterdir()) for d in documents_of(load(str(p), p.read_bytes()))]
        print(f"corpus: {files} reports, {chars:,} characters")
        for select in (("TY001",), ("TY002",), ("TY003",), ("TY004",), ("TY005",), ("TY",)):
            median, first = rate(docs, chars, select, args.runs)
            print(f"{'+'.join(select)}: {median:,.0f} chars/s median of {args.runs} (first pass {first:,.0f})")
    if args.ecspell:
        fresh(Path(args.ecspell), args.runs)


def fresh(path: Path, runs: int) -> None:
    """TY rules on text seen once: every distinct target sentence of an ECSpell file, caches emptied each run."""
    from shuzhi.document import Document
    from shuzhi.review.rules import typo
    from shuzhi.review.typo.corpus_lm import base_model

    lines = [line.split("\t")[2] for line in path.read_text(encoding="utf-8").splitlines() if line.count("\t") >= 2]
    text = "\n".join(dict.fromkeys(lines))
    doc = Document("<ecspell>", text, start=0, end=len(text))
    for select in (("TY003",), ("TY",), ("ALL",)):
        rates = []
        for _ in range(runs):
            typo._corrector.cache_clear()
            base_model.cache_clear()  # and the base model's memo of scored n-grams with it
            checker = Checker(Config(select=select))
            checker.check(Document("<warm>", "预热，党建工作。", start=0, end=8))  # models loaded, caches empty
            started = time.process_time()
            checker.check(doc)
            rates.append(len(text) / (time.process_time() - started))
        print(f"{'+'.join(select)} on {len(text):,} characters seen once: {statistics.median(rates):,.0f} chars/s "
              f"(CPU time, median of {runs})")


if __name__ == "__main__":
    main()
