"""Findings on clean official text: the corrected side of ECSpell-odw, one sentence a document.

    python benchmarks/false_alarms.py [FILE] [--show N]

The corrected sentences are official-document prose written to be right, so every finding is either a
false alarm or a defect the data set's authors left in (half-width commas, for instance). Prints findings
per 10,000 characters for each rule and the first examples of each, to be read by a person.
Reads ../shared/benchmarks/ecspell-odw/odw.train by default; skips when it is absent.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.config import Config  # noqa: E402
from shuzhi.ingest import SourceFile  # noqa: E402
from shuzhi.pipeline import check_source_file  # noqa: E402
from shuzhi.review.checker import Checker  # noqa: E402

DEFAULT = ROOT.parent / "shared" / "benchmarks" / "ecspell-odw" / "odw.train"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", default=str(DEFAULT))
    parser.add_argument("--show", type=int, default=3, help="examples shown per rule")
    args = parser.parse_args()
    path = Path(args.file)
    if not path.is_file():
        print(f"skipped: {path} not found")
        return
    sentences = [line.split("\t")[2] for line in path.read_text(encoding="utf-8").splitlines() if line.count("\t") >= 2]
    checker = Checker(Config())
    counts: Counter = Counter()
    examples = defaultdict(list)
    chars = 0
    for k, sentence in enumerate(sentences):
        chars += len(sentence)
        for checked in check_source_file(SourceFile(f"s{k}", sentence, "txt"), checker):
            for f in checked.findings:
                counts[f.rule] += 1
                if len(examples[f.rule]) < args.show:
                    examples[f.rule].append(f"{sentence[max(0, f.start - 15):f.start]}【{sentence[f.start:f.end]}】{sentence[f.end:f.end + 15]}")
    print(f"{len(sentences)} sentences, {chars:,} characters, {sum(counts.values())} findings "
          f"({sum(counts.values()) / chars * 10000:.2f} per 10,000 characters)")
    for rule, n in counts.most_common():
        print(f"  {rule}: {n} ({n / chars * 10000:.2f} per 10,000)")
        for example in examples[rule]:
            print(f"      {example}")


if __name__ == "__main__":
    main()
