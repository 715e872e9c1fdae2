"""Typo findings on administrative place names: real town and village names from jionlp's division tree, each
written into a sentence of a report, with and without the gazetteer guard (typo/places.py).

    python benchmarks/place_probe.py [--names N] [--seed S] [--show K]

Every finding is a false alarm: the sentences are written to be right. Samples N towns and N villages (a fixed
seed: the same names each run) and writes each into TEMPLATES; prints findings per sentence both ways.
"""

from __future__ import annotations

import argparse
import random
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from shuzhi.config import Config  # noqa: E402
from shuzhi.review.typo import guard, places  # noqa: E402
from shuzhi.review.typo.packaged import packaged_file  # noqa: E402
from shuzhi.review.typo.sentence import rule_corrector  # noqa: E402

TEMPLATES = ("{name}党委组织全体党员开展主题党日活动。", "县委组织部到{name}调研基层党建工作。",
             "{name}党支部书记带领党员入户走访困难群众。")


def names(n: int, seed: int) -> list[str]:
    path = packaged_file("jionlp", "dictionary", "china_location.zip")
    if path is None:
        raise SystemExit("skipped: jionlp is not installed")
    with zipfile.ZipFile(path) as z:
        lines = z.read("china_location.txt").decode("utf-8").splitlines()
    by_level: dict[int, set[str]] = {3: set(), 4: set()}
    for line in lines:
        level = len(line) - len(line.lstrip("\t"))
        name = line.strip().split("\t")[0]
        if level in by_level and len(name) >= places.MIN_LEN and name.endswith(places.SUFFIXES):
            by_level[level].add(name)
    rng = random.Random(seed)
    return [x for level in (3, 4) for x in rng.sample(sorted(by_level[level]), n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--names", type=int, default=500, help="towns sampled, and as many villages")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", type=int, default=10)
    args = parser.parse_args()
    sample = names(args.names, args.seed)
    sentences = [t.format(name=x) for x in sample for t in TEMPLATES]
    with_guard = guard.gazetteer
    for title, gaz in (("without the gazetteer", lambda: places.Gazetteer(places.array("Q"))), ("with it", with_guard)):
        guard.gazetteer = gaz
        correct = rule_corrector(Config(select=("TY",)))
        flagged = [(s, out) for s in sentences for out, f in [correct(s)] if f]
        print(f"{title}: {len(flagged)} of {len(sentences)} sentences flagged")
        for s, out in flagged[: args.show]:
            print(f"    {s} -> {out}")
    guard.gazetteer = with_guard


if __name__ == "__main__":
    main()
